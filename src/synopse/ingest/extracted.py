"""The intermediate result every extractor returns before it becomes a Document."""

from __future__ import annotations

from dataclasses import dataclass, field

from synopse.model import Span


@dataclass(frozen=True)
class Extracted:
    """Clean text and metadata found by one extractor (text scrape, HTML, record).

    ``text`` is already normalised with :func:`synopse.model.document.normalize_text`, so
    ``structure`` offsets stay valid in the Document built from it. Metadata fields are
    None when the source does not state them; ``language`` None means "detect it".
    """

    text: str
    removed: tuple[str, ...] = ()
    structure: tuple[Span, ...] = field(default=())
    title: str | None = None
    author: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
