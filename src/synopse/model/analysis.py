"""Results of analysing one document: named groups of spans into its text.

Every result holds offsets into ``Document.text`` (half-open, Python ``str`` indices),
never a copy of the text it covers, in the manner of spaCy's ``doc.spans``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from synopse.model.document import Document

EntityType = Literal["PER", "ORG", "LOC", "MISC"]
QuoteMode = Literal["direct", "mixed", "indirect"]
Precision = Literal["day", "month", "year", "season", "decade"]


class Sentence(NamedTuple):
    """A sentence (or a heading line, which also ends a sentence)."""

    start: int
    end: int


class Token(NamedTuple):
    """A token: a word, number or punctuation mark."""

    start: int
    end: int


@dataclass(frozen=True)
class EntityMention:
    """One mention of a named entity in one document.

    Attributes:
        start: Offset of the name itself ("Jen Psaki").
        end: End of the name.
        type: PER, ORG, LOC or MISC.
        name: The normalised name used to group mentions ("Jen Psaki"; inflection removed,
            "Putins" → "Putin").
        role: A role or title written with the mention ("US-Regierungssprecherin"), or None.
        role_start: Offset of the role phrase when there is one, else -1.
        role_end: End of the role phrase when there is one, else -1.
    """

    start: int
    end: int
    type: EntityType
    name: str
    role: str | None = None
    role_start: int = -1
    role_end: int = -1


@dataclass(frozen=True)
class Quote:
    """A statement attributed to a speaker in one document.

    Attributes:
        start: Start of the attributed statement (for direct quotes, the quoted text
            including its quotation marks).
        end: End of the statement.
        mode: direct, mixed or indirect.
        sentence: Index of the sentence that holds the cue.
        speaker: The speaker as written in this statement ("ein US-Vertreter"), or None
            when the statement names none (a Konjunktiv continuation of an earlier report,
            an unattributed quotation).
        speaker_start: Offset of the phrase that names the speaker, or -1. For a
            continuation this is the earlier phrase the speaker was inherited from.
        speaker_end: End of the speaker phrase, or -1.
        speaker_name: Name of the resolved entity mention ("Jana Beispiel") when the
            speaker phrase refers to a named entity in the document, else None.
        cue: The reporting verb or construction ("sagte", "laut", "zufolge", "Konjunktiv").
        cue_start: Offset of the cue in the text, or -1 for a mood-only cue.
        cue_end: End of the cue, or -1.
    """

    start: int
    end: int
    mode: QuoteMode
    sentence: int
    speaker: str | None
    speaker_start: int
    speaker_end: int
    speaker_name: str | None
    cue: str
    cue_start: int = -1
    cue_end: int = -1


@dataclass(frozen=True)
class TimeExpression:
    """A temporal expression normalised against the document's publication date.

    Attributes:
        start: Offset of the expression ("am 10. Januar").
        end: End of the expression.
        value: ISO 8601 date of the precision below ("2022-01-10", "2021-12", "2014"),
            or an open range such as "2014/.." for "seit 2014".
        precision: day, month, year, season or decade.
        anchor: How the value was found: "absolute", "publication", "previous" (relative to
            the date before it) or "tense" (a weekday resolved by the verb's tense).
    """

    start: int
    end: int
    value: str
    precision: Precision
    anchor: str = "absolute"


@dataclass(frozen=True)
class Quantity:
    """A number with its unit or counted noun, as an interval.

    Attributes:
        start: Offset of the whole expression, hedge included ("fast einstündig").
        end: End of the expression.
        low: Lower bound of the value.
        high: Upper bound (equal to ``low`` for an exact value).
        unit: Normalised unit or counted noun ("minute", "Soldaten", "EUR").
        hedge: The hedge word ("rund", "fast", "exakt") or None.
        exact: True when the text claims exactness ("exakt", "genau").
    """

    start: int
    end: int
    low: float
    high: float
    unit: str
    hedge: str | None = None
    exact: bool = False


@dataclass(frozen=True)
class Analysis:
    """Everything known from one document alone.

    Example:
        >>> from synopse import Document, analyze
        >>> a = analyze(Document(id="x", text="Biden sagte, er sei bereit.", source="x"))
        >>> [a.document.text[s.start:s.end] for s in a.sentences]
        ['Biden sagte, er sei bereit.']
    """

    document: Document
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    entities: tuple[EntityMention, ...]
    quotes: tuple[Quote, ...]
    dates: tuple[TimeExpression, ...]
    quantities: tuple[Quantity, ...]

    def __post_init__(self) -> None:
        size = len(self.document.text)
        groups: tuple[tuple[Any, ...], ...] = (
            self.sentences,
            self.tokens,
            self.entities,
            self.quotes,
            self.dates,
            self.quantities,
        )
        for group in groups:
            for item in group:
                if not 0 <= item.start <= item.end <= size:
                    raise ValueError(
                        f"{type(item).__name__} [{item.start}, {item.end}) is outside "
                        f"document {self.document.id!r} of length {size}"
                    )

    def sentence_at(self, offset: int) -> int:
        """Return the index of the sentence that contains ``offset`` (or the nearest before)."""
        import bisect

        starts = [s.start for s in self.sentences]
        return max(0, bisect.bisect_right(starts, offset) - 1)
