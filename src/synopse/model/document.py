"""The Document: one cleaned article that owns its text; everything else is offsets into it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, NamedTuple

# Control characters other than newline and tab carry no meaning in an article and break
# terminals and JSON consumers; they are removed once, at construction.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\ufeff]")

MAX_TEXT_CHARS = 5_000_000


def normalize_text(text: str, *, max_chars: int = MAX_TEXT_CHARS) -> str:
    """Return ``text`` in the one canonical form a Document stores.

    NFC composition, ``\\r\\n`` and ``\\r`` turned into ``\\n``, control characters
    stripped, non-breaking spaces turned into plain spaces, and the length capped.

    Example:
        >>> normalize_text("Cafe\\u0301\\r\\n")
        'Café\\n'
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    text = _CONTROL_CHARS.sub("", text)
    return text[:max_chars]


class Span(NamedTuple):
    """A half-open character range ``[start, end)`` in a document's text."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset one past the last character."""
    label: str = ""
    """What the span is (``"PER"``, ``"sentence"``, ...); empty when obvious."""

    def text_of(self, text: str) -> str:
        """Return the characters this span covers in ``text``."""
        return text[self.start : self.end]

    def __bool__(self) -> bool:
        return self.end > self.start


@dataclass(frozen=True)
class Document:
    """One article after ingest: clean body text plus metadata.

    The text is normalised once (see :func:`normalize_text`) and never rewritten; every
    later result refers to it by character offsets.

    Example:
        >>> doc = Document(id="a", text="Biden telefoniert.", source="a.txt")
        >>> doc.text[0:5]
        'Biden'
    """

    id: str
    text: str
    source: str
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    removed: tuple[str, ...] = ()
    url: str | None = None
    structure: tuple[Span, ...] = field(default=())
    """Spans labelled ``"lead"`` or ``"heading"``: parts of the text that are not body prose."""

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise TypeError(f"Document.text must be str, not {type(self.text).__name__}")
        if not self.id:
            raise ValueError("Document.id must not be empty")
        normalized = normalize_text(self.text)
        if normalized != self.text and self.structure:
            raise ValueError(
                f"document {self.id!r}: normalise the text before computing structure spans"
            )
        object.__setattr__(self, "text", normalized)
        object.__setattr__(self, "removed", tuple(self.removed))
        object.__setattr__(self, "structure", tuple(self.structure))
        for span in self.structure:
            if not 0 <= span.start <= span.end <= len(self.text):
                raise ValueError(f"structure span {span} is outside document {self.id!r}")

    def span_text(self, span: Span) -> str:
        """Return the text a span covers, checking that it lies inside this document."""
        if not 0 <= span.start <= span.end <= len(self.text):
            raise ValueError(f"span {span} is outside document {self.id!r}")
        return self.text[span.start : span.end]

    def to_dict(self) -> dict[str, Any]:
        """Serialise as the ``documents`` entry of the JSON report contract."""
        return {
            "id": self.id,
            "source": self.source,
            "outlet": self.outlet,
            "title": self.title,
            "author": self.author,
            "published": self.published,
            "language": self.language,
            "text": self.text,
            "removed": list(self.removed),
            "url": self.url,
            "structure": [
                {"start": s.start, "end": s.end, "label": s.label} for s in self.structure
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Rebuild a Document from :meth:`to_dict` output."""
        return cls(
            id=data["id"],
            text=data["text"],
            source=data.get("source", data["id"]),
            outlet=data.get("outlet"),
            title=data.get("title"),
            author=data.get("author"),
            published=data.get("published"),
            language=data.get("language"),
            removed=tuple(data.get("removed", ())),
            url=data.get("url"),
            structure=tuple(
                Span(s["start"], s["end"], s["label"]) for s in data.get("structure", ())
            ),
        )


@dataclass(frozen=True)
class Failure:
    """A source that could not be ingested, with the one-line reason."""

    source: str
    error: str


@dataclass(frozen=True)
class Notice:
    """Something about a source that was read but needs care (e.g. teaser-only feed entries)."""

    source: str
    message: str


@dataclass(frozen=True)
class IngestResult:
    """What a batch ingest produced: the documents, the sources that failed, and notices."""

    documents: tuple[Document, ...]
    failures: tuple[Failure, ...]
    notices: tuple[Notice, ...] = ()

    @property
    def ok(self) -> bool:
        """True when every source became a document."""
        return not self.failures
