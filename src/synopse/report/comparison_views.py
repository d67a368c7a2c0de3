"""Read-only views of a Comparison that more than one report needs.

The terminal and the HTML report show the same things in different media: which
document covers a fact in its own words or in copied text, which facts only one
document reports, who is quoted where, and the clause around a conflicting value. The
choices behind those views live here once, so both reports always agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from synopse.compare.timeline import clause_around
from synopse.model import Analysis, Quote
from synopse.model.comparison import Comparison, Fact
from synopse.report.comparison_json import EntityIds

Coverage = Literal["own", "copied", "related", "absent"]
#: Longest document id written out in lists; longer ids are shown as "#<number>".
SHORT_ID = 14


def short_labels(comparison: Comparison) -> dict[str, str]:
    """Return document id → short name: the id when short, else its number among the sources."""
    ids = [a.document.id for a in comparison.analyses]
    return {doc: doc if len(doc) <= SHORT_ID else f"#{number}" for number, doc in enumerate(ids, 1)}


def coverage(fact: Fact, order: Sequence[str]) -> list[Coverage]:
    """Return, per document of ``order``, how it reports ``fact``.

    Args:
        fact: A fact of the comparison.
        order: Document ids (usually the input order).

    Returns:
        One entry per id: ``"own"`` when the document states the fact outside copied
        text, ``"copied"`` when it states it only inside text shared with another
        document, ``"related"`` when it does not report it but has a sentence close to
        it (``Fact.related``: perhaps the claim in other words), ``"absent"`` otherwise.
    """
    copied = {s.doc for s in fact.support if s.reused}
    own = {s.doc for s in fact.support if not s.reused}
    related = {s.doc for s in fact.related}
    return [
        "own" if d in own else "copied" if d in copied else "related" if d in related else "absent"
        for d in order
    ]


def exclusive_by_doc(comparison: Comparison) -> dict[str, list[Fact]]:
    """Return document id → the facts only that document reports, in fact order."""
    by_doc: dict[str, list[Fact]] = defaultdict(list)
    for fact in comparison.facts:
        if fact.exclusive:
            by_doc[fact.docs[0]].append(fact)
    return dict(by_doc)


@dataclass(frozen=True)
class QuotedSpeaker:
    """One speaker and every quote credited to them across documents.

    Attributes:
        label: The entity's canonical name when the speaker is a known entity, else the
            name as written.
        quotes: ``(doc id, quote)`` pairs in document order.
    """

    label: str
    quotes: tuple[tuple[str, Quote], ...]

    def count(self, doc: str) -> int:
        """Return how many of the quotes come from document ``doc``."""
        return sum(1 for d, _ in self.quotes if d == doc)

    @property
    def direct(self) -> int:
        """How many quotes are direct (the rest are reported or mixed)."""
        return sum(1 for _, q in self.quotes if q.mode == "direct")


def quoted_speakers(comparison: Comparison) -> list[QuotedSpeaker]:
    """Return the quoted speakers, most quoted first (ties by name).

    Speakers are merged by entity cluster, so the spellings and titles of one person
    count together; quotes with no speaker are left out.
    """
    ids = EntityIds(comparison)
    names = {c.id: c.name for c in comparison.clusters}
    by_label: dict[str, list[tuple[str, Quote]]] = defaultdict(list)
    for analysis in comparison.analyses:
        for quote in analysis.quotes:
            key = ids.speaker(analysis, quote)
            label = names.get(key or "") or quote.speaker_name or quote.speaker
            if label:
                by_label[label].append((analysis.document.id, quote))
    ranked = sorted(by_label.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return [QuotedSpeaker(label, tuple(quotes)) for label, quotes in ranked]


@dataclass(frozen=True)
class Wording:
    """The stretch of text shown around a value.

    Attributes:
        start: Start of the shown text (at most the value's start).
        end: End of the shown text (at least the value's end).
        cut_start: True when the sentence goes on before ``start``.
        cut_end: True when the sentence goes on after ``end``.
        alone: True when the value is shown alone (no sentences, or too long).
    """

    start: int
    end: int
    cut_start: bool
    cut_end: bool
    alone: bool = False


def wording(analysis: Analysis, start: int, end: int, *, max_chars: int) -> Wording:
    """Return the clause around ``text[start:end]`` to show a value in its own words.

    Args:
        analysis: The analysis of the value's document.
        start: Start of the value.
        end: End of the value.
        max_chars: Longest clause; a longer value is shown alone.

    Returns:
        The clause's bounds; just the value when the document has no sentences or the
        value is longer than ``max_chars``.
    """
    if not analysis.sentences or end - start > max_chars:
        return Wording(start, end, cut_start=False, cut_end=False, alone=True)
    sentence = analysis.sentences[analysis.sentence_at(start)]
    left, right = clause_around(
        analysis.document.text, sentence.start, sentence.end, start, end, max_chars=max_chars
    )
    left, right = min(left, start), max(right, end)
    return Wording(left, right, cut_start=left > sentence.start, cut_end=right < sentence.end)
