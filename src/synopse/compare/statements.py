"""Statements: the sentences of several documents, with the features that compare them.

Fact grouping compares claims across documents. A claim is approximated by a body
sentence (headings are left out, the lead stays). For each sentence this module keeps
the keys two reports of one claim tend to share: content lemmas (names excluded, they
are covered by entity clusters), the cross-document entity clusters it mentions, and the
normalised quantities and dates it contains. Keys are plain strings, so an inverted
index over them gives candidate pairs without comparing all sentences with each other.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz.fuzz import ratio

from synopse.compare.entities import cluster_index
from synopse.compare.lemmas import lemmatize
from synopse.errors import LanguageDataError
from synopse.lang import load_list, load_table
from synopse.model import Analysis
from synopse.model.comparison import EntityCluster

Pairs = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]

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


@functools.cache
def dangling_starts(lang: str) -> frozenset[str]:
    """Return the words that make a sentence lean on the one before it ("Dazu", "Sie").

    Such a sentence names nothing read alone: it makes a poor label or summary line.

    Example:
        >>> "dazu" in dangling_starts("de")
        True
    """
    try:
        return frozenset(w.casefold() for w in load_list(lang, "summary_dangling_starts.txt"))
    except LanguageDataError:
        return frozenset()


_FIRST_WORD = re.compile(r"[^\W\d_]+")


def opens_leaning(text: str, lang: str = "de") -> bool:
    """True when a sentence opens with a word that leans on the one before it.

    Example:
        >>> opens_leaning("Dazu kommen Ausfälle bei den Bussen.")
        True
    """
    first = _FIRST_WORD.search(text)
    return first is not None and first.group().casefold() in dangling_starts(lang)


#: Quotation marks; a word after an odd number of them in its paragraph is quoted.
QUOTE_MARKS = frozenset('"„“”»«')
_WORD_OR_MARK = re.compile(r"[^\W\d_]+|[\"„“”»«:\[\]]")


@functools.cache
def _editorial_words(lang: str) -> dict[str, str]:
    try:
        rows = load_table(lang, "statement_editorial_words.tsv")
    except LanguageDataError:
        return {}
    return {row["word"]: row["kind"] for row in rows}


def first_person_words(lang: str) -> frozenset[str]:
    """The words of ``statement_editorial_words.tsv`` in which a speaker or writer says "I"/"we"."""
    return frozenset(w for w, kind in _editorial_words(lang).items() if kind == "first_person")


def is_editorial(analysis: Analysis, start: int, end: int, lang: str = "de") -> bool:
    """True when a sentence is the outlet speaking for itself, not a claim of the story.

    That is an insert in square brackets ("[Alle Entwicklungen finden Sie in unserem
    Newsblog.]"), or a sentence that addresses the reader or speaks in the writer's
    first person outside every quotation (words in ``statement_editorial_words.tsv``).
    Quotations are the analysis's quotes and the stretches between quotation marks.

    Example:
        >>> from synopse import analyze
        >>> from synopse.model import Document
        >>> a = analyze(Document(id="d", source="-", text="Den Newsletter finden Sie hier."))
        >>> is_editorial(a, 0, len(a.document.text))
        True
    """
    text = analysis.document.text
    stripped = text[start:end].strip(' \t\n"„“”»«.!?)(')
    if stripped.startswith("[") or stripped.endswith("]"):
        return True
    words = _editorial_words(lang)
    if not words:
        return False
    near = [q for q in analysis.quotes if q.start < end and start < q.end]
    quoted = [(q.start, q.end) for q in near]
    # An indirect quote's span holds its speaker phrase ("…, sagen unsere Leser").
    speakers = [(q.speaker_start, q.speaker_end) for q in near if q.speaker_start >= 0]
    # Quotation marks since the paragraph began: a sentence inside a quotation of
    # several sentences opens inside it.
    paragraph = text.rfind("\n", 0, start) + 1
    marks = sum(text.count(mark, paragraph, start) for mark in QUOTE_MARKS)
    first = True
    after_colon = False
    for match in _WORD_OR_MARK.finditer(text, start, end):
        token = match.group()
        if token in QUOTE_MARKS:
            marks += 1
            after_colon = True  # a quotation opens like a sentence
            continue
        if token in ":[]":
            after_colon = token == ":"
            continue
        opening = first or after_colon
        first = after_colon = False
        at = match.start()
        if marks % 2 or (
            any(a <= at < b for a, b in quoted) and not any(a <= at < b for a, b in speakers)
        ):
            continue
        kind = words.get(token)
        if kind is None and opening:
            kind = words.get(token[:1].lower() + token[1:])
            kind = kind if kind == "first_person" else None
        if kind == "first_person" or (kind == "reader" and not opening):
            return True
    return False


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
        in_heading = _Covered(
            [(s.start, s.end) for s in document.structure if s.label == "heading"]
        )
        mentions = sorted(
            (m.start, m.end, index.get((document.id, m.start, m.end), ""))
            for m in analysis.entities
        )
        mention_starts = [m[0] for m in mentions]
        quantities = sorted(
            (q.start, f"q:{_number(q.low)}:{q.unit.casefold()}") for q in analysis.quantities
        )
        dates = sorted((d.start, "d:" + d.value) for d in analysis.dates if d.precision == "day")
        for number, sentence in enumerate(analysis.sentences):
            if in_heading(sentence.start, sentence.end):
                continue
            inside = mentions[
                bisect.bisect_left(mention_starts, sentence.start) : bisect.bisect_left(
                    mention_starts, sentence.end
                )
            ]
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
            values = set(_starting_in(quantities, sentence.start, sentence.end))
            values.update(_starting_in(dates, sentence.start, sentence.end))
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


class _Covered:
    """Answers whether a range lies inside one of a set of spans (in log time)."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        # Furthest end among the spans starting at or before each one.
        self.reach = list(itertools.accumulate((end for _, end in ordered), max))

    def __call__(self, start: int, end: int) -> bool:
        at = bisect.bisect_right(self.starts, start)
        return at > 0 and self.reach[at - 1] >= end


def _starting_in(items: Sequence[tuple[int, str]], start: int, end: int) -> list[str]:
    """The values of the sorted ``(start, value)`` items that start in ``start:end``."""
    low = bisect.bisect_left(items, (start, ""))
    high = bisect.bisect_left(items, (end, ""))
    return [value for _, value in items[low:high]]


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


@dataclass(frozen=True)
class SparseRows:
    """Per statement, sorted ids of its keys (lemmas, clusters or values) with weights.

    The ids index one vocabulary of the run, so comparing many statement pairs at once
    is a few array look-ups instead of a Python loop per pair.

    Attributes:
        ptr: Row ``r`` holds ``ids[ptr[r]:ptr[r + 1]]`` (length rows + 1).
        ids: Key ids, ascending within a row.
        weights: Weight of each entry.
        size: Number of distinct ids (the vocabulary size).
    """

    ptr: npt.NDArray[np.int64]
    ids: npt.NDArray[np.int64]
    weights: npt.NDArray[np.float64]
    size: int

    @classmethod
    def of(
        cls, rows: Sequence[frozenset[str]], weight: Callable[[str], float] = lambda _: 1.0
    ) -> tuple[SparseRows, list[str]]:
        """Return the rows of ``rows`` over their sorted vocabulary, and that vocabulary."""
        vocabulary = sorted(set().union(*rows))
        number = {key: n for n, key in enumerate(vocabulary)}
        table = [weight(key) for key in vocabulary]
        ids = [sorted(number[key] for key in row) for row in rows]
        flat = np.fromiter(itertools.chain.from_iterable(ids), dtype=np.int64)
        ptr = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum([len(row) for row in ids], out=ptr[1:])
        weights = np.asarray(table, dtype=np.float64)[flat] if len(flat) else np.zeros(0)
        return cls(ptr=ptr, ids=flat, weights=weights, size=len(vocabulary)), vocabulary

    def row_of_entries(self) -> npt.NDArray[np.int64]:
        """Return the row of every entry."""
        return np.repeat(np.arange(len(self.ptr) - 1, dtype=np.int64), np.diff(self.ptr))

    def totals(self) -> npt.NDArray[np.float64]:
        """Return the sum of the weights of each row (entries added in id order)."""
        return np.bincount(
            self.row_of_entries(), weights=self.weights, minlength=len(self.ptr) - 1
        ).astype(np.float64)

    def expand(
        self, rows: npt.NDArray[np.int64]
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        """Return, for the given rows in turn, (position in ``rows``, id, weight) per entry."""
        lengths = self.ptr[rows + 1] - self.ptr[rows]
        owner = np.repeat(np.arange(len(rows), dtype=np.int64), lengths)
        starts = np.repeat(self.ptr[rows] - np.cumsum(lengths) + lengths, lengths)
        entry = starts + np.arange(int(lengths.sum()), dtype=np.int64)
        return owner, self.ids[entry], self.weights[entry]


@dataclass(frozen=True)
class Reach:
    """Per statement, every key id it matches and how well (sorted ``row * size + id``).

    Attributes:
        codes: Sorted codes ``row * size + id``.
        levels: Match value of each code.
        size: Vocabulary size the codes were built with.
    """

    codes: npt.NDArray[np.int64]
    levels: npt.NDArray[np.float64]
    size: int

    @classmethod
    def of(cls, codes: npt.NDArray[np.int64], levels: npt.NDArray[np.float64], size: int) -> Reach:
        """Build from unsorted codes; a code given several times keeps its best level."""
        order = np.lexsort((levels, codes))
        codes, levels = codes[order], levels[order]
        last = np.r_[codes[1:] != codes[:-1], True] if len(codes) else np.zeros(0, np.bool_)
        return cls(codes=codes[last], levels=levels[last].astype(np.float64), size=size)

    @classmethod
    def exact(cls, rows: SparseRows) -> Reach:
        """Every statement matches its own keys with 1."""
        codes = rows.row_of_entries() * rows.size + rows.ids
        return cls(codes=codes, levels=np.ones(len(codes)), size=rows.size)

    def lookup(
        self, rows: npt.NDArray[np.int64], ids: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.float64]:
        """Return how well statement ``rows[k]`` matches key ``ids[k]`` (0 for no match)."""
        if not len(self.codes):
            return np.zeros(len(ids))
        query = rows * self.size + ids
        where = np.minimum(np.searchsorted(self.codes, query), len(self.codes) - 1)
        return np.where(self.codes[where] == query, self.levels[where], 0.0)


def _endings(vocabulary: Sequence[str]) -> Pairs:
    """Return ``(lemma, ending)`` id pairs: every proper ending of at least ``MIN_HEAD``
    characters of a lemma that is itself in the vocabulary (a compound and its head)."""
    number = {x: n for n, x in enumerate(vocabulary)}
    found = [
        (n, tail)
        for n, x in enumerate(vocabulary)
        for i in range(1, len(x) - MIN_HEAD + 1)
        if (tail := number.get(x[i:])) is not None
    ]
    lemmas = np.fromiter((a for a, _ in found), dtype=np.int64, count=len(found))
    endings = np.fromiter((b for _, b in found), dtype=np.int64, count=len(found))
    return lemmas, endings


def _prefix_ids(vocabulary: Sequence[str]) -> npt.NDArray[np.int64]:
    """Return, per lemma id, the id of its first ``MIN_PREFIX`` characters (-1 if shorter)."""
    number: dict[str, int] = {}
    return np.fromiter(
        (
            number.setdefault(x[:MIN_PREFIX], len(number)) if len(x) >= MIN_PREFIX else -1
            for x in vocabulary
        ),
        dtype=np.int64,
        count=len(vocabulary),
    )


def _csr(keys: npt.NDArray[np.int64], items: npt.NDArray[np.int64], size: int) -> SparseRows:
    """Group ``items`` by ``keys`` (ids below ``size``) into rows (unit weights)."""
    order = np.lexsort((items, keys))
    ptr = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys, minlength=size), out=ptr[1:])
    return SparseRows(ptr=ptr, ids=items[order], weights=np.ones(len(items)), size=size)


class SoftOverlaps:
    """:func:`soft_overlap` for many statement pairs at once (the same values).

    How well a statement matches a lemma is the best of: 1 when it holds the lemma,
    ``HEAD_MATCH`` when the lemma ends with one of its lemmas or is an ending of one,
    ``PREFIX_MATCH`` when the lemma shares its first ``MIN_PREFIX`` characters with one.
    Each is a look-up in a table that grows with the statements' lemmas; the table of
    every (statement, related lemma) pair grew with the square of large prefix families
    (hundreds of "corona…" compounds).

    Args:
        lemmas: Each statement's casefolded lemmas.
        weights: ``"l:" + lemma`` → weight (missing lemmas weigh 1).

    Example:
        >>> pairs = SoftOverlaps([frozenset({"sanktion"}), frozenset({"wirtschaftssanktion"})], {})
        >>> pairs(np.array([0]), np.array([1])).round(2).tolist()
        [0.8]
    """

    def __init__(self, lemmas: Sequence[frozenset[str]], weights: Mapping[str, float]) -> None:
        self.rows, vocabulary = SparseRows.of(lemmas, lambda x: weights.get("l:" + x, 1.0))
        self.totals = self.rows.totals()
        size = self.rows.size
        compounds, endings = _endings(vocabulary)
        # Per lemma, its endings in the vocabulary; per statement, the endings of its lemmas.
        self.endings = _csr(compounds, endings, size)
        owner, ids, _ = self.endings.expand(self.rows.ids)
        rows = self.rows.row_of_entries()
        self.reach = Reach.of(
            np.concatenate([rows * size + self.rows.ids, rows[owner] * size + ids]),
            np.concatenate([np.ones(len(rows)), np.full(len(ids), HEAD_MATCH)]),
            size,
        )
        self.prefix = _prefix_ids(vocabulary)
        kinds = int(self.prefix.max(initial=-1)) + 1
        held = self.prefix[self.rows.ids]
        self.prefixes = Reach.of(
            rows[held >= 0] * kinds + held[held >= 0], np.ones(int((held >= 0).sum())), kinds
        )

    def level(
        self, rows: npt.NDArray[np.int64], ids: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.float64]:
        """Return how well statement ``rows[k]`` matches lemma ``ids[k]`` (0 for no match)."""
        level = self.reach.lookup(rows, ids)
        # Lemmas ending with one of the statement's lemmas (a compound of its head).
        owner, tails, _ = self.endings.expand(ids)
        head = np.zeros(len(ids), dtype=np.bool_)
        head[owner[self.reach.lookup(rows[owner], tails) == 1.0]] = True
        level = np.where(head & (level < HEAD_MATCH), HEAD_MATCH, level)
        prefix = self.prefix[ids]
        known = prefix >= 0
        shared = np.zeros(len(ids), dtype=np.bool_)
        shared[known] = self.prefixes.lookup(rows[known], prefix[known]) > 0
        return np.where(shared & (level < PREFIX_MATCH), PREFIX_MATCH, level)

    def directed(
        self, left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.float64]:
        """Return the weighted share of each left statement's lemmas matched in the right one."""
        owner, ids, weights = self.rows.expand(left)
        matched = np.bincount(
            owner, weights=weights * self.level(right[owner], ids), minlength=len(left)
        )
        totals = self.totals[left]
        return np.divide(matched, totals, out=np.zeros(len(left)), where=totals > 0)

    def __call__(
        self, left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.float64]:
        """Return the soft overlap of each pair ``(left[k], right[k])``."""
        return (self.directed(left, right) + self.directed(right, left)) / 2.0


class KeyOverlaps:
    """:func:`weighted_overlap` (and "shares any key") for many statement pairs at once.

    Args:
        keys: Each statement's key set.
        weights: Key → weight (missing keys weigh 1).
    """

    def __init__(self, keys: Sequence[frozenset[str]], weights: Mapping[str, float]) -> None:
        self.rows, _ = SparseRows.of(keys, lambda key: weights.get(key, 1.0))
        self.totals = self.rows.totals()
        self.reach = Reach.exact(self.rows)

    def shared(
        self, left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.float64]:
        """Return the summed weight of the keys each pair shares."""
        owner, ids, weights = self.rows.expand(left)
        shared = weights * self.reach.lookup(right[owner], ids)
        return np.bincount(owner, weights=shared, minlength=len(left)).astype(np.float64)

    def __call__(
        self, left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.float64]:
        """Return the weighted Jaccard overlap of each pair (0 when both sets are empty)."""
        shared = self.shared(left, right)
        union = self.totals[left] + self.totals[right] - shared
        return np.divide(shared, union, out=np.zeros(len(left)), where=union > 0)
