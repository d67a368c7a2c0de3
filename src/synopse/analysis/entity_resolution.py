"""Document-level resolution of entity mentions: surnames, genitives, types, overlaps.

:mod:`synopse.analysis.entities` finds mentions sentence by sentence; this module links
them across the document ("Biden" and "Bidens" take the full name of "Joe Biden"), so
``EntityMention.name`` groups the mentions of one entity, and builds the results.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, replace

from synopse.model.analysis import EntityMention, EntityType


@dataclass
class Mention:
    """A mention found in one sentence, before document-level resolution.

    Attributes:
        start: Offset of the first character in the document text.
        end: Offset after the last character.
        first: Index of the first token in its sentence.
        last: Index of the last token in its sentence.
        type: PER, LOC, ORG or MISC.
        name: Normalised name (canonical gazetteer name or the words as written).
        strong: True when the type rests on evidence, not on a guess from context.
        role: Offsets of a role phrase written with a person's name, if any.
    """

    start: int
    end: int
    first: int
    last: int
    type: str
    name: str
    strong: bool
    role: tuple[int, int] | None = None


def resolve_mentions(
    mentions: list[Mention],
    spans: list[tuple[list[str], list[tuple[int, int]]]],
    text: str,
) -> list[EntityMention]:
    """Resolve surnames, genitives and types across the document; build the results.

    Args:
        mentions: The mentions of all sentences, in document order.
        spans: Per sentence, its words and their (start, end) offsets.
        text: The document text (for role strings).

    Returns:
        Non-overlapping :class:`EntityMention` objects sorted by offset; mentions of
        one entity share a ``name``.
    """
    surnames: dict[str, str] = {}
    strong_types: dict[str, str] = {}
    for mention in mentions:
        if mention.strong:
            strong_types.setdefault(mention.name, mention.type)
        if mention.type == "PER" and " " in mention.name:
            surnames.setdefault(mention.name.rsplit(" ", 1)[1], mention.name)
    for mention in mentions:
        if mention.type == "PER" and " " not in mention.name:
            strong_types.setdefault(mention.name, "PER")
    covered = {(m.start, m.end) for m in mentions}
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    starts = [m.start for m in ordered]
    ends = list(itertools.accumulate((m.end for m in ordered), max))
    extra: list[Mention] = []
    for words, offsets in spans:
        for index, word in enumerate(words):
            if not word[:1].isupper():
                continue
            full = surnames.get(word) or (word.endswith("s") and surnames.get(word[:-1]))
            start, end = offsets[index]
            if full and (start, end) not in covered and not _inside(starts, ends, start):
                extra.append(Mention(start, end, index, index, "PER", full, strong=True))
            elif "-" in word and not full:
                head = word.split("-", 1)[0]
                person = surnames.get(head) or (head if strong_types.get(head) == "PER" else None)
                if person and not _inside(starts, ends, start):
                    extra.append(
                        Mention(start, start + len(head), index, index, "PER", person, True)
                    )
    results: list[EntityMention] = []
    canonical_case: dict[str, str] = {}
    for mention in sorted(mentions + extra, key=lambda m: (m.start, -m.end)):
        name = mention.name
        kind = mention.type
        if kind == "PER" or not mention.strong:
            full = surnames.get(name) or surnames.get(name.removesuffix("s"))
            if full:
                name, kind = full, "PER"
        if not mention.strong:
            stem = name.removesuffix("s")
            if stem != name and stem in strong_types:
                name = stem
            kind = strong_types.get(name, kind)
        name = canonical_case.setdefault(name.casefold(), name)
        role_text = None
        role_start = role_end = -1
        if mention.role is not None:
            role_start, role_end = mention.role
            role_text = text[role_start:role_end]
        entity_type: EntityType = _entity_type(kind)
        results.append(
            EntityMention(
                mention.start, mention.end, entity_type, name, role_text, role_start, role_end
            )
        )
    return _drop_overlaps(results)


def _inside(starts: list[int], ends: list[int], offset: int) -> bool:
    """Return True when ``offset`` lies inside one of the (sorted) mention spans."""
    index = bisect.bisect_right(starts, offset) - 1
    return index >= 0 and offset < ends[index]


def _entity_type(kind: str) -> EntityType:
    if kind == "LOC":
        return "LOC"
    if kind == "ORG":
        return "ORG"
    if kind == "PER":
        return "PER"
    return "MISC"


def _drop_overlaps(mentions: list[EntityMention]) -> list[EntityMention]:
    kept: list[EntityMention] = []
    for mention in mentions:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return [replace(m) for m in kept]
