"""Conflicts between outlets: where documents on one story disagree, with every side's span.

A reader of several reports wants the points they disagree on, each with the exact
words of every side. This module runs five finders and orders their results:

* **numeric** (here): quantities with the same unit or counted noun in aligned
  sentences (one fact, or a strong key overlap; a specific counted noun that most
  documents give one figure of is aligned by itself) whose intervals differ, between
  documents none of whose readings agree. Spans of time that say when ("zwei Stunden
  später") are left out. Disjoint intervals are
  medium (hard when both are plain figures); overlapping ones that differ in
  exactness or precision are soft.
* **spelling** (here): one entity cluster written in near-identical but different
  ways (a misspelt surname is hard; case, ß/ss and accents are soft). A difference
  that another entity's variants already contain ("NATO" within "NATO-Russland-Rat")
  is reported once, at the more specific name.
* **temporal** (:mod:`synopse.compare.conflicts_time`): aligned events with different
  dates, and the schedules of upcoming events (dates, order, number).
* **attribution** and **characterization**
  (:mod:`synopse.compare.conflicts_claims`): the same words credited to different
  speakers, a claim by one side with the other side's rebuttal printed only by some
  outlets, the same event described with opposite evaluative polarity, and leads
  (first body sentences) about the same actors that frame the story with opposite
  tone ("drohen sich gegenseitig" / "sehr positiv verlaufen").
* **roles, agency, scope, loaded wording** (:mod:`synopse.compare.conflicts_frames`):
  one person tied to different countries by their roles, opposite agents of one
  accusation ("who provokes whom"), different scopes of a threatened break-off, and a
  loaded word for what other outlets name neutrally.

Cost stays close to linear in the number of documents: quantities are blocked by
unit, sentences are compared only inside fact groups or blocks sharing a key.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

from synopse.compare.conflicts_base import (
    SEVERITY_RANK,
    ClauseKeys,
    Context,
    Draft,
    build_context,
    clause_keys,
    keys_alike,
)
from synopse.compare.conflicts_claims import find_attribution, find_characterization
from synopse.compare.conflicts_frames import find_frames
from synopse.compare.conflicts_time import find_temporal
from synopse.compare.entities import spelling_variants
from synopse.compare.lemmas import lemmatize
from synopse.compare.statements import HEAD_MATCH
from synopse.compare.unionfind import UnionFind
from synopse.errors import LanguageDataError
from synopse.lang import load_list, load_set, load_table
from synopse.model import Analysis
from synopse.model.analysis import Quantity
from synopse.model.comparison import Conflict, ConflictValue, EntityCluster, Fact

#: Most quantities of one unit compared pairwise; larger blocks use fact groups only.
MAX_UNIT_BLOCK = 200
#: Least key overlap for two readings of a unit to align outside a fact.
GENERIC_OVERLAP = 0.3
#: Normalised units of spans of time (see ``quantity_units.tsv``).
TIME_UNITS = frozenset({"minute", "day", "month", "year"})
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s+$")
_WORD_AFTER = re.compile(r"\s+([^\W\d_]+)")
#: A figure, a word and at most one more word just before a quantity: "229 der ersten".
_PART_BASE = re.compile(r"\d\s+([^\W\d_]+)\s+(?:[^\W\d_]+\s+)?$")


def find_conflicts(
    analyses: Sequence[Analysis],
    facts: Sequence[Fact],
    clusters: Sequence[EntityCluster],
    *,
    lang: str = "de",
) -> list[Conflict]:
    """Find the points on which the documents of one story disagree.

    Args:
        analyses: One analysis per document (ids unique).
        facts: Fact groups (:func:`synopse.compare.facts.find_facts`).
        clusters: Entity clusters (:func:`synopse.compare.entities.resolve_entities`).
        lang: Language of the data files.

    Returns:
        Conflicts with ids "c1", "c2", ... ordered by severity (hard, medium, soft), then
        by first appearance; every value cites the span of its evidence.

    Example:
        >>> find_conflicts([], [], [])
        []
    """
    if len(analyses) < 2:
        return []
    context = build_context(analyses, facts, clusters, lang=lang)
    drafts: list[Draft] = []
    drafts += find_numeric(context)
    drafts += find_temporal(context)
    drafts += find_attribution(context)
    drafts += find_spelling(context)
    drafts += find_characterization(context)
    drafts += find_frames(context)
    keyed = []
    for draft in drafts:
        values = tuple(
            sorted(set(draft.values), key=lambda v: (context.order[v.doc], v.start, v.end, v.value))
        )
        if len({v.doc for v in values}) < 2:
            continue
        first = min((context.order[v.doc], v.start) for v in values)
        keyed.append(
            ((SEVERITY_RANK.get(draft.severity, 1), first, draft.kind, draft.topic), draft, values)
        )
    keyed.sort(key=lambda item: item[0])
    return [
        Conflict(
            id=f"c{n}",
            kind=draft.kind,
            topic=draft.topic,
            values=values,
            severity=draft.severity,
            facts=draft.facts,
        )
        for n, (_, draft, values) in enumerate(keyed, 1)
    ]


# --- numeric -------------------------------------------------------------------------


@functools.cache
def _generic_units(lang: str) -> frozenset[str]:
    units = {row["unit"].casefold() for row in load_table(lang, "quantity_units.tsv")}
    try:
        nouns = {w.casefold() for w in load_list(lang, "quantity_generic_nouns.txt")}
    except LanguageDataError:
        nouns = set()
    return frozenset(units | nouns)


@functools.cache
def _offset_cues(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    try:
        rows = load_table(lang, "quantity_offset_cues.tsv")
    except LanguageDataError:  # a language without the table compares every span of time
        return frozenset(), frozenset()
    before = frozenset(r["cue"].casefold() for r in rows if r["position"] == "before")
    after = frozenset(r["cue"].casefold() for r in rows if r["position"] == "after")
    return before, after


def is_time_offset(text: str, quantity: Quantity, lang: str = "de") -> bool:
    """True when a span of time says when, not how long ("zwei Stunden später").

    Args:
        text: The document text.
        quantity: A quantity of that text.
        lang: Language of the cue table (``quantity_offset_cues.tsv``).

    Example:
        >>> text = "Nur zwei Stunden später war alles vorbei."
        >>> is_time_offset(text, Quantity(4, 16, 120, 120, "minute"))
        True
    """
    if quantity.unit not in TIME_UNITS:
        return False
    before, after = _offset_cues(lang)
    previous = _WORD_BEFORE.search(text, max(0, quantity.start - 40), quantity.start)
    following = _WORD_AFTER.match(text, quantity.end)
    if previous is not None and previous.group(1).casefold() in before:
        return True
    return following is not None and following.group(1).casefold() in after


def is_part_base(before: str, lang: str = "de") -> bool:
    """True when the text before a quantity makes it the whole of a part ("229 der 230").

    Args:
        before: The document text up to the quantity's start.
        lang: Language of the word list (``quantity_partitive_words.txt``).

    Example:
        >>> is_part_base("negativ waren 229 der ersten ")
        True
    """
    try:
        words = load_set(lang, "quantity_partitive_words.txt")
    except LanguageDataError:
        return False
    match = _PART_BASE.search(before[-60:])
    return match is not None and match.group(1).casefold() in words


@functools.cache
def _unit_words(lang: str) -> frozenset[str]:
    words = {row["word"].casefold() for row in load_table(lang, "quantity_units.tsv")}
    return frozenset(words | {lemmatize(w, lang).casefold() for w in words} | _generic_units(lang))


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def format_quantity(quantity: Quantity) -> str:
    """Return a short normalised reading of a quantity ("50 minute (exact)").

    Example:
        >>> format_quantity(Quantity(0, 5, 45.0, 55.0, "minute", hedge="rund"))
        '45–55 minute (rund)'
    """
    if quantity.low == quantity.high:
        core = f"{_number(quantity.low)} {quantity.unit}"
    else:
        core = f"{_number(quantity.low)}–{_number(quantity.high)} {quantity.unit}"
    if quantity.exact:
        return f"{core} (exact)"
    return f"{core} ({quantity.hedge})" if quantity.hedge else core


def _plain(quantity: Quantity) -> bool:
    return quantity.low == quantity.high and quantity.hedge is None


def compare_quantities(a: Quantity, b: Quantity) -> str | None:
    """Return the severity of the disagreement of two readings of one quantity, or None.

    Disjoint intervals are medium, or hard when both are plain figures; overlapping
    intervals that differ (one exact, or a different width) are soft.

    Example:
        >>> a = Quantity(0, 1, 5.2, 5.2, "percent")
        >>> compare_quantities(a, Quantity(0, 1, 5.5, 5.5, "percent"))
        'hard'
    """
    if a.high < a.low or b.high < b.low:
        return None
    if a.high < b.low or b.high < a.low:
        return "hard" if _plain(a) and _plain(b) else "medium"
    if (a.low, a.high, a.exact) == (b.low, b.high, b.exact):
        return None
    return "soft"


def find_numeric(context: Context) -> list[Draft]:
    """Find quantities of one unit in aligned sentences whose values disagree.

    Two readings align when their sentences support one fact, or share enough keys
    (``GENERIC_OVERLAP``); a specific counted noun that each document uses once aligns
    on its own when most documents of the story give a number of it (then it is the
    story's count: "8.000 Beschäftigte" vs "mehr als 12.000 Beschäftigte"). Two
    documents disagree only when no reading of one is compatible with a reading of the
    other: a document that gives a second, different figure of the same unit (screen
    time next to school time) has not contradicted the other's matching figure.

    Args:
        context: The run's indexes.

    Returns:
        One draft conflict per group of aligned readings that disagree.
    """
    items: list[tuple[str, int, Quantity]] = []
    for doc, analysis in context.analyses.items():
        text = analysis.document.text
        for quantity in analysis.quantities:
            if not is_time_offset(text, quantity, context.lang):
                items.append((doc, analysis.sentence_at(quantity.start), quantity))
    by_unit: dict[str, list[int]] = defaultdict(list)
    for n, (_, _, quantity) in enumerate(items):
        by_unit[quantity.unit.casefold()].append(n)
    generic = _generic_units(context.lang)
    union = UnionFind(len(items))

    unit_words = _unit_words(context.lang)

    @functools.cache
    def clause(n: int) -> ClauseKeys:
        # Unit words ("Stunden am Tag", a second "Prozent") say nothing of what is measured.
        doc, _, quantity = items[n]
        names, lemmas = clause_keys(context, doc, quantity.start, quantity.end)
        return names, lemmas - unit_words

    for unit, members in sorted(by_unit.items()):
        docs = {items[m][0] for m in members}
        if len(docs) < 2:
            continue
        single = unit not in generic and _story_count(context, items, members)
        for x, y in _unit_pairs(context, items, members):
            (da, sa, _), (db, sb, _) = items[x], items[y]
            if da == db:
                continue
            a, b = (da, sa), (db, sb)
            aligned = context.shared_facts(a, b) or context.similarity(a, b) >= GENERIC_OVERLAP
            # A unit says nothing of what is measured: the clauses around the two
            # figures must name it alike ("Arbeitslosenquote auf 5,9 Prozent" and
            # "Einkünfte um 20 Prozent" measure different things).
            if single or (
                aligned and (unit not in generic or keys_alike(clause(x), clause(y), HEAD_MATCH))
            ):
                union.union(x, y)
    drafts = []
    for group in union.groups():
        worst = _disagreement(items, group)
        if worst is None:
            continue
        values = tuple(
            ConflictValue(
                doc=items[m][0],
                value=format_quantity(items[m][2]),
                start=items[m][2].start,
                end=items[m][2].end,
            )
            for m in group
        )
        facts = sorted({f for m in group for f in context.facts_of.get(items[m][:2], ())})
        unit = items[group[0]][2].unit
        drafts.append(Draft("numeric", f"value in {unit}", values, worst, tuple(facts)))
    return drafts


def _story_count(
    context: Context, items: Sequence[tuple[str, int, Quantity]], members: Sequence[int]
) -> bool:
    """True when a counted noun is the story's count: each document gives one figure of
    it, more than half of the documents give one, and none is the base of a part
    ("229 der ersten 230 Proben" counts something else than "6.650 Proben")."""
    per_doc: dict[str, set[tuple[float, float]]] = defaultdict(set)
    for m in members:
        per_doc[items[m][0]].add((items[m][2].low, items[m][2].high))
    return (
        all(len(values) == 1 for values in per_doc.values())
        and 2 * len(per_doc) > len(context.analyses)
        and not any(
            is_part_base(context.text(items[m][0], 0, items[m][2].start), context.lang)
            for m in members
        )
    )


def _disagreement(items: Sequence[tuple[str, int, Quantity]], group: Sequence[int]) -> str | None:
    """Return the worst disagreement between two documents of an aligned group, or None.

    Two documents disagree as mildly as their closest readings: one pair of equal
    readings means they agree.
    """
    by_doc: dict[str, list[Quantity]] = defaultdict(list)
    for m in group:
        by_doc[items[m][0]].append(items[m][2])
    worst: str | None = None
    docs = sorted(by_doc)
    for i, a in enumerate(docs):
        for b in docs[i + 1 :]:
            severities = [compare_quantities(x, y) for x in by_doc[a] for y in by_doc[b]]
            if any(v is None for v in severities):
                continue
            mildest = max((v for v in severities if v), key=lambda v: SEVERITY_RANK[v])
            if worst is None or SEVERITY_RANK[mildest] < SEVERITY_RANK[worst]:
                worst = mildest
    return worst


def _unit_pairs(
    context: Context, items: Sequence[tuple[str, int, Quantity]], members: Sequence[int]
) -> list[tuple[int, int]]:
    if len(members) <= MAX_UNIT_BLOCK:
        return [(x, y) for i, x in enumerate(members) for y in members[i + 1 :]]
    by_fact: dict[str, list[int]] = defaultdict(list)
    for m in members:
        for fact in context.facts_of.get(items[m][:2], ()):
            by_fact[fact].append(m)
    return sorted(
        {(x, y) for block in by_fact.values() for i, x in enumerate(block) for y in block[i + 1 :]}
    )


# --- spelling ------------------------------------------------------------------------


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def find_spelling(context: Context) -> list[Draft]:
    """Find entities written in near-identical but different ways across documents.

    Args:
        context: The run's indexes.

    Returns:
        One draft per entity with spelling variants; each variant cites one mention per
        document (its longest).
    """
    analyses = context.analyses
    found: list[tuple[frozenset[str], Draft]] = []
    for cluster in context.clusters.values():
        variants = spelling_variants(cluster, analyses)
        if len(variants) < 2:
            continue
        docs = {e.doc for _, evidence in variants for e in evidence}
        if len(docs) < 2:
            continue
        values = []
        for _label, evidence in variants:
            best: dict[str, tuple[int, int]] = {}
            for e in evidence:
                span = (e.start, e.end)
                old = best.get(e.doc)
                if old is None or (span[1] - span[0], -span[0]) > (old[1] - old[0], -old[0]):
                    best[e.doc] = span
            for doc, (start, end) in best.items():
                values.append(ConflictValue(doc, context.text(doc, start, end), start, end))
        folded = {_fold(label) for label, _ in variants}
        severity = "soft" if len(folded) == 1 else "hard" if cluster.type == "PER" else "medium"
        labels = frozenset(label for label, _ in variants)
        draft = Draft("spelling", f"spelling of {cluster.name}", tuple(values), severity)
        found.append((labels, draft))
    return [draft for labels, draft in found if not _inside_other(labels, found)]


def _inside_other(labels: frozenset[str], found: Sequence[tuple[frozenset[str], Draft]]) -> bool:
    """True when every variant is a part of another entity's variants ("NATO" in
    "NATO-Russland-Rat"): the same difference is reported once, where it is most specific.
    """
    for other, _ in found:
        if other == labels:
            continue
        parts = {part for label in other for part in label.split("-")}
        if labels <= parts:
            return True
    return False
