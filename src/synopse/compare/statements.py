"""Statements: the sentences of several documents, with the features that compare them.

Fact grouping compares claims across documents. A claim is approximated by a body
sentence (headings are left out, the lead stays). For each sentence this module keeps
the keys two reports of one claim tend to share: content lemmas (names excluded, they
are covered by entity clusters), the cross-document entity clusters it mentions, and the
normalised quantities and dates it contains. Keys are plain strings, so an inverted
index over them gives candidate pairs without comparing all sentences with each other.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz.fuzz import ratio

from synopse.compare.entities import cluster_index
from synopse.compare.lemmas import lemmatize
from synopse.lang import load_list
from synopse.model import Analysis
from synopse.model.comparison import EntityCluster

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
#: Fewest words a sentence needs to count as a statement.
MIN_WORDS = 4
#: Shortest lemma kept as a content key.
MIN_LEMMA_LENGTH = 3


@dataclass(frozen=True)
class Statement:
    """One candidate claim: a sentence of one document with its comparison keys.

    Attributes:
        doc: Document id.
        doc_index: Position of the document in the input.
        sentence: Index of the sentence in the document's analysis.
        start: Start offset of the sentence.
        end: End offset of the sentence.
        lemmas: Casefolded content lemmas (stop words and names left out).
        entities: Ids of the entity clusters mentioned.
        values: Normalised quantities ("q:50:minute") and dates ("d:2022-01-10").
        words: Number of words.
    """

    doc: str
    doc_index: int
    sentence: int
    start: int
    end: int
    lemmas: frozenset[str]
    entities: frozenset[str]
    values: frozenset[str]
    words: int

    @property
    def keys(self) -> frozenset[str]:
        """Every comparison key, prefixed by its kind ("l:", "e:", and the values)."""
        return (
            frozenset("l:" + x for x in self.lemmas)
            | frozenset("e:" + x for x in self.entities)
            | self.values
        )


@functools.cache
def _stopwords(lang: str) -> frozenset[str]:
    try:
        words = load_list(lang, "framing_stopwords.txt")
    except Exception:  # a language without the list still gets statements
        words = ()
    return frozenset(w.casefold() for w in words)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def extract_statements(
    analyses: Sequence[Analysis],
    clusters: Sequence[EntityCluster],
    *,
    lang: str = "de",
) -> list[Statement]:
    """Return the statements of every document, in document and sentence order.

    Args:
        analyses: One analysis per document.
        clusters: Entity clusters from :func:`synopse.compare.entities.resolve_entities`.
        lang: Language of the stop-word list and lemmatizer.

    Returns:
        The body sentences (headings and sentences under ``MIN_WORDS`` words left out)
        with their keys.
    """
    stop = _stopwords(lang)
    index = cluster_index(clusters)
    out = []
    for doc_index, analysis in enumerate(analyses):
        document = analysis.document
        text = document.text
        headings = [s for s in document.structure if s.label == "heading"]
        mentions = sorted(
            (m.start, m.end, index.get((document.id, m.start, m.end), ""))
            for m in analysis.entities
        )
        for number, sentence in enumerate(analysis.sentences):
            if any(h.start <= sentence.start and sentence.end <= h.end for h in headings):
                continue
            inside = [m for m in mentions if sentence.start <= m[0] < sentence.end]
            lemmas = set()
            words = 0
            for match in _WORD.finditer(text, sentence.start, sentence.end):
                words += 1
                if any(s <= match.start() < e for s, e, _ in inside):
                    continue
                for part in {match.group(), *match.group().split("-")}:
                    if len(part) < MIN_LEMMA_LENGTH:
                        continue
                    lemma = lemmatize(part, lang).casefold()
                    if lemma not in stop and part.casefold() not in stop:
                        lemmas.add(lemma)
            if words < MIN_WORDS:
                continue
            values = {
                f"q:{_number(q.low)}:{q.unit.casefold()}"
                for q in analysis.quantities
                if sentence.start <= q.start < sentence.end
            }
            values.update(
                "d:" + d.value
                for d in analysis.dates
                if sentence.start <= d.start < sentence.end and d.precision == "day"
            )
            out.append(
                Statement(
                    doc=document.id,
                    doc_index=doc_index,
                    sentence=number,
                    start=sentence.start,
                    end=sentence.end,
                    lemmas=frozenset(lemmas),
                    entities=frozenset(c for _, _, c in inside if c),
                    values=frozenset(values),
                    words=words,
                )
            )
    return out


def key_weights(statements: Sequence[Statement]) -> dict[str, float]:
    """Return the inverse document frequency of every key over the statements.

    A key found in every statement weighs about 0; a key found once weighs most.

    Args:
        statements: All statements of the run.

    Returns:
        Key → ``log((N + 1) / (df + 0.5))`` with N statements and df the number holding it.
    """
    df: Counter[str] = Counter()
    for statement in statements:
        df.update(statement.keys)
    n = len(statements)
    return {key: math.log((n + 1) / (count + 0.5)) for key, count in df.items()}


def weighted_overlap(a: frozenset[str], b: frozenset[str], weights: Mapping[str, float]) -> float:
    """Return the weighted Jaccard overlap of two key sets (0 when both are empty).

    Args:
        a: One key set.
        b: The other.
        weights: Key → weight (missing keys weigh 1).
    """
    union = a | b
    if not union:
        return 0.0
    total = sum(weights.get(k, 1.0) for k in union)
    shared = sum(weights.get(k, 1.0) for k in a & b)
    return shared / total if total else 0.0


#: Similarity of a compound and its head ("Wirtschaftssanktion"/"Sanktion").
HEAD_MATCH = 0.8
#: Similarity of two words sharing a long prefix ("Telefonat"/"Telefongespräch").
PREFIX_MATCH = 0.7
#: Shortest shared prefix that counts.
MIN_PREFIX = 6
#: Shortest head that counts for a compound match.
MIN_HEAD = 4
#: Least rapidfuzz ratio (0-100) for two spellings of one word.
MIN_WORD_RATIO = 85.0


@functools.lru_cache(maxsize=200_000)
def word_similarity(a: str, b: str) -> float:
    """Return how alike two lemmas are, allowing compounds and spelling variants.

    Args:
        a: A casefolded lemma.
        b: Another.

    Returns:
        1 for equal lemmas, ``HEAD_MATCH`` when one ends with the other (a compound
        and its head), ``PREFIX_MATCH`` for a long shared prefix, the rapidfuzz ratio
        / 100 for near-identical spellings, else 0.

    Example:
        >>> word_similarity("wirtschaftssanktion", "sanktion")
        0.8
    """
    if a == b:
        return 1.0
    if min(len(a), len(b)) >= MIN_HEAD and (a.endswith(b) or b.endswith(a)):
        return HEAD_MATCH
    if a[:MIN_PREFIX] == b[:MIN_PREFIX] and min(len(a), len(b)) >= MIN_PREFIX:
        return PREFIX_MATCH
    score = ratio(a, b)
    return score / 100.0 if score >= MIN_WORD_RATIO else 0.0


@dataclass(frozen=True)
class LemmaIndex:
    """A statement's lemmas with their heads and prefixes, for fast soft matching.

    Attributes:
        lemmas: The lemmas.
        suffixes: Every ending of at least ``MIN_HEAD`` characters of every lemma
            (a lemma here is the compound of another statement's head).
        prefixes: The first ``MIN_PREFIX`` characters of every lemma that long.
        items: Per lemma (sorted): its weight key ``"l:" + lemma``, its own endings of
            at least ``MIN_HEAD`` characters, and its prefix ("" when shorter), so
            that matching against another index is a few set look-ups per lemma.
    """

    lemmas: frozenset[str]
    suffixes: frozenset[str]
    prefixes: frozenset[str]
    items: tuple[tuple[str, str, frozenset[str], str], ...] = ()

    @classmethod
    def of(cls, lemmas: frozenset[str]) -> LemmaIndex:
        """Index a set of casefolded lemmas."""
        items = tuple(
            (
                x,
                "l:" + x,
                frozenset(x[i:] for i in range(1, len(x) - MIN_HEAD + 1)),
                x[:MIN_PREFIX] if len(x) >= MIN_PREFIX else "",
            )
            for x in sorted(lemmas)
        )
        return cls(
            lemmas=lemmas,
            suffixes=frozenset().union(*(tails for _, _, tails, _ in items)),
            prefixes=frozenset(prefix for _, _, _, prefix in items if prefix),
            items=items,
        )


def _items(index: LemmaIndex) -> tuple[tuple[str, str, frozenset[str], str], ...]:
    return LemmaIndex.of(index.lemmas).items


def _match(x: str, other: LemmaIndex) -> float:
    if x in other.lemmas:
        return 1.0
    if len(x) >= MIN_HEAD and (
        x in other.suffixes or any(x[i:] in other.lemmas for i in range(1, len(x) - MIN_HEAD + 1))
    ):
        return HEAD_MATCH
    if len(x) >= MIN_PREFIX and x[:MIN_PREFIX] in other.prefixes:
        return PREFIX_MATCH
    return 0.0


def soft_overlap(a: LemmaIndex, b: LemmaIndex, weights: Mapping[str, float]) -> float:
    """Return the mean of the two directed soft overlaps of two lemma sets.

    Each lemma of one set is matched to the other set: 1 for the same lemma,
    ``HEAD_MATCH`` for a compound and its head, ``PREFIX_MATCH`` for a long shared
    prefix (the set-lookup form of :func:`word_similarity`, without the spelling
    ratio). The IDF-weighted mean of the matches is one direction's overlap.

    Args:
        a: Indexed lemmas of one statement (:meth:`LemmaIndex.of`).
        b: Those of another.
        weights: ``"l:" + lemma`` → weight (missing lemmas weigh 1).

    Returns:
        A value between 0 and 1; 0 when either set is empty.

    Example:
        >>> x = LemmaIndex.of(frozenset({"wirtschaftssanktion", "drohen"}))
        >>> y = LemmaIndex.of(frozenset({"sanktion", "drohen"}))
        >>> round(soft_overlap(x, y, {}), 2)
        0.9
    """
    if not a.lemmas or not b.lemmas:
        return 0.0

    def directed(xs: LemmaIndex, ys: LemmaIndex) -> float:
        # The inlined form of _match: this loop is the hot path of fact grouping.
        lemmas, suffixes, prefixes = ys.lemmas, ys.suffixes, ys.prefixes
        total = 0.0
        matched = 0.0
        for x, key, tails, prefix in xs.items or _items(xs):
            weight = weights.get(key, 1.0)
            total += weight
            if x in lemmas:
                matched += weight
            elif x in suffixes or not tails.isdisjoint(lemmas):
                matched += weight * HEAD_MATCH
            elif prefix and prefix in prefixes:
                matched += weight * PREFIX_MATCH
        return matched / total if total else 0.0

    return (directed(a, b) + directed(b, a)) / 2.0
