"""Text reuse between documents: passages one outlet shares verbatim (or nearly) with another.

Wire copy printed by several outlets is one source, not several: a fact that two documents
support only through a shared passage is not independent confirmation. This module finds
those passages with word shingles, and offers :class:`ReuseIndex` so later stages can ask
whether a span of one document lies inside text it shares with another.

Method:

1. Words are ``[^\\W_]+`` runs, lowercased (umlauts and ß kept, punctuation dropped).
2. Every run of ``shingle`` consecutive words is hashed. An inverted index from shingle
   hash to documents gives candidate document pairs in one pass (cost grows with the
   number of shared shingles, not with the square of the number of sentences).
3. For a candidate pair, matching shingle positions that continue each other form runs;
   the longest runs are kept one-to-one, and runs that follow each other in both
   documents with at most ``max_gap`` words between them (a small edit) are merged into
   a passage. Passages with fewer than ``min_words`` matched words are dropped, which
   keeps common phrases ("der russische Staatschef Wladimir Putin") from counting.
4. Passages inside quotation marks in both documents are dropped (by default): two
   outlets quoting the same statement have not copied each other.
5. A passage end that covers most of a sentence is extended to that sentence's boundary.

The pair's ``score`` is the fraction of the shorter document's words that lie inside
its shared passages (sentence extension not counted), between 0 and 1.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from synopse.analysis.sentences import split_sentences
from synopse.errors import ConfigError
from synopse.model import Document, Sentence

_WORD = re.compile(r"[^\W_]+")

# A shingle repeated more often than this inside one document is boilerplate or a
# list ("Foto: ..."), not evidence of copying, and would make alignment quadratic.
_MAX_REPEATS_IN_DOC = 4
# A shingle shared by more documents than this is skipped when counting candidate
# pairs, which bounds the pair-counting cost on large inputs.
_MAX_POSTINGS = 200
# Opening quotation mark → the marks that may close it.
_QUOTE_PAIRS = {
    "„": "“”",
    "“": "”",
    '"': '"',
    "»": "«",
    "«": "»",
    "‚": "‘",
    "›": "‹",
    "‹": "›",
}
# A blank line ends a paragraph and any quotation left open in it; a single line break
# does not, since scraped text is often hard-wrapped inside sentences.
_QUOTE_MARKS = re.compile('[„“”"»«‚‘›‹]|\n[ \t]*\n')
# A partly covered sentence is added whole when the passage covers this share of it.
_SENTENCE_COVER = 0.6


@dataclass(frozen=True)
class Passage:
    """One shared passage: a character range in each of the two documents.

    Attributes:
        a_start: Start offset in the first document of the pair.
        a_end: End offset (exclusive) in the first document.
        b_start: Start offset in the second document.
        b_end: End offset (exclusive) in the second document.
    """

    a_start: int
    a_end: int
    b_start: int
    b_end: int

    def to_dict(self) -> dict[str, int]:
        """Serialise as a ``reuse[].passages`` entry of the JSON report contract."""
        return {
            "a_start": self.a_start,
            "a_end": self.a_end,
            "b_start": self.b_start,
            "b_end": self.b_end,
        }


@dataclass(frozen=True)
class Reuse:
    """Text shared by two documents.

    Attributes:
        docs: The two document ids, in input order (``a`` first).
        score: Fraction of the shorter document's words inside shared passages.
        passages: The shared passages, ordered by their start in the first document.
    """

    docs: tuple[str, str]
    score: float
    passages: tuple[Passage, ...]

    def spans_in(self, doc_id: str) -> tuple[tuple[int, int], ...]:
        """Return the passages' ``(start, end)`` ranges in one of the two documents.

        Args:
            doc_id: One of ``docs``.

        Returns:
            The ranges in that document, in order of their start.

        Raises:
            ValueError: If ``doc_id`` is not one of the pair.
        """
        if doc_id == self.docs[0]:
            return tuple(sorted((p.a_start, p.a_end) for p in self.passages))
        if doc_id == self.docs[1]:
            return tuple(sorted((p.b_start, p.b_end) for p in self.passages))
        raise ValueError(f"document {doc_id!r} is not part of reuse pair {self.docs}")

    def other(self, doc_id: str) -> str:
        """Return the id of the pair's other document."""
        return self.docs[1] if doc_id == self.docs[0] else self.docs[0]

    def to_dict(self) -> dict[str, Any]:
        """Serialise as a ``reuse`` entry of the JSON report contract."""
        return {
            "docs": list(self.docs),
            "score": self.score,
            "passages": [p.to_dict() for p in self.passages],
        }


@dataclass
class _Prepared:
    # Word offsets as arrays: a tuple per word costs a hundred bytes, 16 here.
    starts: array[int]
    ends: array[int]
    positions: dict[str, list[int]]
    sentences: list[Sentence]
    quotations: list[tuple[int, int]] | None = None


@dataclass(frozen=True)
class _Options:
    shingle: int
    min_words: int
    max_gap: int
    quotations: bool


def _prepare(text: str, shingle: int) -> _Prepared:
    starts: array[int] = array("q")
    ends: array[int] = array("q")
    forms: list[str] = []
    for match in _WORD.finditer(text):
        starts.append(match.start())
        ends.append(match.end())
        forms.append(match.group().lower())
    positions: dict[str, list[int]] = defaultdict(list)
    for i in range(len(forms) - shingle + 1):
        # Keyed by the shingle itself, not a salted hash: no collision can vary by run.
        positions[" ".join(forms[i : i + shingle])].append(i)
    kept = {h: p for h, p in positions.items() if len(p) <= _MAX_REPEATS_IN_DOC}
    return _Prepared(starts=starts, ends=ends, positions=kept, sentences=[])


def find_reuse(
    documents: Sequence[Document],
    *,
    min_score: float = 0.02,
    shingle: int = 5,
    min_words: int = 15,
    max_gap: int = 6,
    quotations: bool = False,
) -> list[Reuse]:
    """Find the passages that pairs of documents share, and how much of them is shared.

    Args:
        documents: The documents to compare; ids must be unique.
        min_score: Drop pairs whose score (share of the shorter document's words inside
            shared passages) is below this.
        shingle: Words per shingle; shorter finds smaller overlaps and more chance hits.
        min_words: Fewest matched words a passage needs (chance phrases are shorter).
        max_gap: Most words between two aligned runs that are still merged into one
            passage (an edited word or a short insertion).
        quotations: Keep passages that lie inside quotation marks in both documents.
            By default they are dropped: two outlets quoting the same statement (a
            speaker's words, an article of law) have not copied each other.

    Returns:
        One :class:`Reuse` per pair with at least one passage and a score of at least
        ``min_score``, highest score first (ties by document order).

    Raises:
        ConfigError: If an option is out of range or two documents share an id.

    Example:
        >>> from synopse.model import Document
        >>> text = ("Die Regierung hat am Montag ein neues Gesetz zum Schutz der Wälder "
        ...         "beschlossen, das ab dem kommenden Jahr gelten soll.")
        >>> a = Document(id="a", text=text, source="a")
        >>> b = Document(id="b", text="Berlin. " + text, source="b")
        >>> find_reuse([a, b])[0].score
        1.0
    """
    if shingle < 1:
        raise ConfigError(f"reuse shingle must be at least 1 word, got {shingle}")
    if min_words < shingle:
        raise ConfigError(f"reuse min_words ({min_words}) must be at least shingle ({shingle})")
    if max_gap < 0:
        raise ConfigError(f"reuse max_gap must not be negative, got {max_gap}")
    ids = [d.id for d in documents]
    if len(set(ids)) != len(ids):
        duplicates = sorted(i for i, n in Counter(ids).items() if n > 1)
        raise ConfigError(f"document ids must be unique for reuse detection: {duplicates}")

    prepared = [_prepare(d.text, shingle) for d in documents]
    postings: dict[str, list[int]] = defaultdict(list)
    for index, prep in enumerate(prepared):
        for h in prep.positions:
            postings[h].append(index)
    shared: Counter[tuple[int, int]] = Counter()
    for docs in postings.values():
        if 1 < len(docs) <= _MAX_POSTINGS:
            for x in range(len(docs)):
                for y in range(x + 1, len(docs)):
                    shared[(docs[x], docs[y])] += 1

    min_runs = min_words - shingle + 1
    results = []
    for (x, y), count in sorted(shared.items()):
        if count < min_runs:
            continue
        found = _compare_pair(
            documents[x],
            documents[y],
            prepared[x],
            prepared[y],
            _Options(shingle, min_words, max_gap, quotations),
        )
        if found is not None and found.score >= min_score:
            results.append(found)
    order = {doc_id: n for n, doc_id in enumerate(ids)}
    results.sort(key=lambda r: (-r.score, order[r.docs[0]], order[r.docs[1]]))
    return results


def _compare_pair(
    doc_a: Document,
    doc_b: Document,
    prep_a: _Prepared,
    prep_b: _Prepared,
    options: _Options,
) -> Reuse | None:
    shingle, min_words, max_gap = options.shingle, options.min_words, options.max_gap
    matches: set[tuple[int, int]] = set()
    for h, positions_a in prep_a.positions.items():
        positions_b = prep_b.positions.get(h)
        if positions_b:
            matches.update((i, j) for i in positions_a for j in positions_b)
    if not matches:
        return None
    runs = []
    for i, j in matches:
        if (i - 1, j - 1) in matches:
            continue
        length = 1
        while (i + length, j + length) in matches:
            length += 1
        runs.append((i, j, length))
    runs.sort(key=lambda r: (-r[2], r[0], r[1]))

    # Keep runs one-to-one: a stretch of either document is aligned at most once.
    taken_a: list[tuple[int, int]] = []
    taken_b: list[tuple[int, int]] = []
    accepted = []
    for i, j, length in runs:
        span_a = (i, i + length + shingle - 1)
        span_b = (j, j + length + shingle - 1)
        if _overlaps(span_a, taken_a) or _overlaps(span_b, taken_b):
            continue
        taken_a.append(span_a)
        taken_b.append(span_b)
        accepted.append((span_a, span_b))
    accepted.sort()

    merged: list[list[int]] = []  # [a0, a1, b0, b1, matched words]
    for (a0, a1), (b0, b1) in accepted:
        if merged:
            last = merged[-1]
            if 0 <= a0 - last[1] <= max_gap and 0 <= b0 - last[3] <= max_gap:
                last[1], last[3] = a1, b1
                last[4] += a1 - a0
                continue
        merged.append([a0, a1, b0, b1, a1 - a0])
    starts_a, ends_a, starts_b, ends_b = prep_a.starts, prep_a.ends, prep_b.starts, prep_b.ends
    passages_w = [m for m in merged if m[4] >= min_words]
    if not options.quotations:
        passages_w = [
            m
            for m in passages_w
            if not (
                _quoted(doc_a.text, prep_a, starts_a[m[0]], ends_a[m[1] - 1])
                and _quoted(doc_b.text, prep_b, starts_b[m[2]], ends_b[m[3] - 1])
            )
        ]
    if not passages_w:
        return None

    if len(starts_a) <= len(starts_b):
        covered = sum(m[1] - m[0] for m in passages_w)
        score = covered / len(starts_a)
    else:
        covered = sum(m[3] - m[2] for m in passages_w)
        score = covered / len(starts_b)

    if not prep_a.sentences:
        prep_a.sentences = split_sentences(doc_a.text)
    if not prep_b.sentences:
        prep_b.sentences = split_sentences(doc_b.text)
    passages = []
    for a0, a1, b0, b1, _ in passages_w:
        a_start, a_end = _extend(starts_a[a0], ends_a[a1 - 1], prep_a.sentences)
        b_start, b_end = _extend(starts_b[b0], ends_b[b1 - 1], prep_b.sentences)
        passages.append(Passage(a_start, a_end, b_start, b_end))
    return Reuse(
        docs=(doc_a.id, doc_b.id),
        score=round(min(1.0, score), 4),
        passages=tuple(passages),
    )


def _quoted(text: str, prep: _Prepared, start: int, end: int) -> bool:
    """Return True if ``[start, end)`` lies inside one pair of quotation marks."""
    if prep.quotations is None:
        prep.quotations = quotation_spans(text)
    pairs = prep.quotations
    at = bisect.bisect_right(pairs, (start, len(text) + 1)) - 1
    return at >= 0 and pairs[at][0] < start and end <= pairs[at][1]


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _extend(start: int, end: int, sentences: Sequence[Sentence]) -> tuple[int, int]:
    """Widen ``[start, end)`` to the boundaries of sentences it mostly covers."""
    if not sentences:
        return start, end
    starts = [s.start for s in sentences]
    first = max(0, bisect.bisect_right(starts, start) - 1)
    last = max(0, bisect.bisect_left(starts, end) - 1)
    new_start, new_end = start, end
    for sentence in (sentences[first], sentences[last]):
        size = sentence.end - sentence.start
        if size <= 0:
            continue
        overlap = min(end, sentence.end) - max(start, sentence.start)
        if overlap / size >= _SENTENCE_COVER:
            new_start = min(new_start, sentence.start)
            new_end = max(new_end, sentence.end)
    return new_start, new_end


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(open, close)`` offsets of paired quotation marks, in text order.

    Marks pair within a paragraph: „…“ and „…” (German), “…”, "…", »…«, «…», ‚…‘,
    ›…‹ and ‹…›; an unclosed mark is dropped at the blank line that ends its paragraph.

    Args:
        text: Any text.

    Returns:
        ``(offset of the opening mark, offset of the closing mark)`` per pair.

    Example:
        >>> quotation_spans('Er sagte: „Ja.“ Dann "nein".')
        [(10, 14), (21, 26)]
    """
    pairs = []
    opened: tuple[int, str] | None = None
    for match in _QUOTE_MARKS.finditer(text):
        char = match.group()
        if char[0] == "\n":
            opened = None
        elif opened is None:
            if char in _QUOTE_PAIRS:
                opened = (match.start(), _QUOTE_PAIRS[char])
        elif char in opened[1]:
            pairs.append((opened[0], match.start()))
            opened = None
    return pairs


class ReuseIndex:
    """Answers "is this span of document X inside text it shares with document Y?".

    Later stages use it to mark support that only repeats shared text (wire copy) as
    not independent confirmation.

    Args:
        reuses: Output of :func:`find_reuse`.

    Example:
        >>> index = ReuseIndex([Reuse(("a", "b"), 0.5, (Passage(0, 50, 10, 60),))])
        >>> sorted(index.shared_with("b", 20, 40))
        ['a']
        >>> index.is_reused("a", 100, 120)
        False
    """

    def __init__(self, reuses: Iterable[Reuse]) -> None:
        self._spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for reuse in reuses:
            for doc_id in reuse.docs:
                other = reuse.other(doc_id)
                self._spans[doc_id].extend((s, e, other) for s, e in reuse.spans_in(doc_id))
        for spans in self._spans.values():
            spans.sort()

    def shared_with(
        self, doc_id: str, start: int, end: int, *, min_overlap: float = 0.5
    ) -> frozenset[str]:
        """Return the documents that share the span ``[start, end)`` of ``doc_id``.

        Args:
            doc_id: The document the span belongs to.
            start: Span start offset.
            end: Span end offset.
            min_overlap: Least share of the span's characters that must lie inside
                passages shared with a document for it to count.

        Returns:
            The ids of those other documents (empty when the span is original).
        """
        size = max(1, end - start)
        covered: dict[str, int] = defaultdict(int)
        for s, e, other in self._spans.get(doc_id, ()):
            if s >= end:
                break
            overlap = min(e, end) - max(s, start)
            if overlap > 0:
                covered[other] += overlap
        return frozenset(o for o, chars in covered.items() if chars / size >= min_overlap)

    def is_reused(
        self,
        doc_id: str,
        start: int,
        end: int,
        *,
        other: str | None = None,
        min_overlap: float = 0.5,
    ) -> bool:
        """Return True if the span lies in text shared with ``other`` (or with any document).

        Args:
            doc_id: The document the span belongs to.
            start: Span start offset.
            end: Span end offset.
            other: Only count passages shared with this document; None for any.
            min_overlap: As in :meth:`shared_with`.
        """
        sharing = self.shared_with(doc_id, start, end, min_overlap=min_overlap)
        return other in sharing if other is not None else bool(sharing)


def reused_sentences(
    reuses: Iterable[Reuse],
    doc_id: str,
    sentences: Sequence[Sentence],
    *,
    min_overlap: float = 0.5,
) -> dict[int, frozenset[str]]:
    """Return the sentences of ``doc_id`` that lie in reused text, with whom they are shared.

    Args:
        reuses: Output of :func:`find_reuse`.
        doc_id: The document whose sentences are checked.
        sentences: That document's sentences (offsets into its text).
        min_overlap: Least share of a sentence's characters inside shared passages.

    Returns:
        Sentence index → ids of the documents sharing it; sentences not shared are absent.

    Example:
        >>> from synopse.model import Sentence
        >>> reuse = Reuse(("a", "b"), 0.5, (Passage(0, 30, 0, 30),))
        >>> reused_sentences([reuse], "a", [Sentence(0, 28), Sentence(29, 60)])
        {0: frozenset({'b'})}
    """
    index = ReuseIndex(reuses)
    found = {}
    for number, sentence in enumerate(sentences):
        sharing = index.shared_with(doc_id, sentence.start, sentence.end, min_overlap=min_overlap)
        if sharing:
            found[number] = sharing
    return found
