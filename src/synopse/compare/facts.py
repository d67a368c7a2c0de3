"""Fact groups: which documents report the same claim, and whom each credits with it.

A story's outlets restate the same claims in different words, so claims are aligned on
several signals at once. For two statements (body sentences, see
:mod:`synopse.compare.statements`) of different documents the score combines:

* the cosine of their sentence embeddings (paraphrase), rescaled so that the cosine of
  unrelated news sentences counts as 0;
* the IDF-weighted Jaccard overlap of their content lemmas;
* the IDF-weighted overlap of the entity clusters they mention;
* shared normalised quantities and dates (the same "50 minutes" or "10 January").

Candidate pairs come from blocking, never from all pairs of all sentences: an inverted
index over the rarer keys (lemmas, entity clusters, values that occur in at most a share
of the statements) plus the top-k embedding neighbours of each statement in the other
documents (one matrix product per block of rows; quadratic in sentences but numpy-fast
for a few thousand, and the only quadratic step). The candidates are scored in bulk:
cosines as row-wise dot products and the lemma, entity and value overlaps as sparse
look-ups (:class:`synopse.compare.statements.SoftOverlaps`), in blocks small enough to
stay in the CPU cache; the few pairs linking asks for later are scored one by one.

Pairs scoring above ``threshold`` are linked in order: first pairs whose two sentences
are each other's best match in the other's document, then pairs where one side's best
match it is, then the rest (those need ``threshold + mutual_margin``), each rank by
score; two groups merge only when the result holds at most ``max_per_doc`` sentences of
any document and their average pair score stays above ``threshold * cohesion``
(average linkage, which stops chains of loosely related sentences). Two later passes
work on whole groups, whose average over many pairs is steadier evidence than one pair
score, so lower bars apply:
a multi-document fact takes the best statement of each document it lacks (``attach``),
and two multi-document facts merge when their members are alike on average
(``consolidate``): typically one claim told in two wordings, each shared by a few
outlets (a wire text and its copies on one side, independent reports on the other).
A last pass splits a fact holding several sentences of one document into two claims
told side by side when the parts are clearly more alike inside than the whole
(``split``). Statements left alone become exclusive facts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress

import numpy as np
import numpy.typing as npt

from synopse.compare.embeddings import Embedder, get_embedder
from synopse.compare.memory import release_memory
from synopse.compare.pairscores import PairScores, Partners
from synopse.compare.reuse import Reuse, ReuseIndex, find_reuse
from synopse.compare.statements import (
    KeyOverlaps,
    LemmaIndex,
    SoftOverlaps,
    SparseRows,
    Statement,
    extract_statements,
    is_editorial,
    key_weights,
    opens_leaning,
    soft_overlap,
    weighted_overlap,
)
from synopse.errors import ConfigError
from synopse.model import Analysis
from synopse.model.comparison import EntityCluster, Fact, FactSupport


@dataclass(frozen=True, kw_only=True)
class FactOptions:
    """Weights and limits of fact grouping.

    The weights were fitted (logistic regression, then rounded) on sentence pairs of
    the shared five-document gold corpus; the threshold was chosen there too, so scores
    measured on that corpus are optimistic.

    Attributes:
        threshold: Least pair score for two statements to report the same claim.
        cohesion: Share of ``threshold`` the average pair score of a merged group keeps.
        max_per_doc: Most sentences of one document in one fact.
        mutual_margin: How much more than ``threshold`` a pair must score to link when
            the two statements are not each other's best match in the other's document.
        neighbours: Embedding neighbours per statement and other document (on average)
            taken as candidates.
        max_key_share: Keys held by more than this share of statements do not block.
        max_key_docs: Keys held by more statements than this do not block either (the
            pairs of a key grow with the square of its statements; on large stories the
            embedding neighbours propose the pairs instead).
        rare_key: Keys held by more statements than this propose a pair only when
            the two share a second such key (None: every key under the limit
            proposes its pairs). On 100-document stories 10 cuts the pairs scored
            from about 250,000 to 100,000 but drops about a third of the links.
        w_embedding: Weight of the sentence-embedding cosine.
        w_ngrams: Weight of the cosine of hashed lemma and character n-gram vectors.
        w_lemmas: Weight of the soft lemma overlap (compounds and variants count).
        w_entities: Weight of the entity-cluster overlap.
        w_values: Weight of sharing a quantity or date.
        attach: Least average score to a multi-document fact for a statement of a
            document the fact lacks to join it (second pass); above 1 turns it off.
        attach_shared: Whether a statement already in a multi-document fact may also
            join another (a sentence can state several claims).
        consolidate: Least average pair score for two multi-document facts to merge
            (third pass, within ``max_per_doc``); above 1 turns it off.
        split: Least gain in average pair score for a fact holding several sentences of
            one document to be split in two claims (fourth pass); above 1 turns it off.
        related: Least average score to a multi-document fact for the closest statement
            of a document the fact lacks to be listed as related (perhaps the same claim
            in other words; such a document is not said to omit the fact); above 1 turns
            it off.
        label_chars: Longest label before it is cut at a word boundary.
    """

    threshold: float = 0.3
    cohesion: float = 0.7
    max_per_doc: int = 3
    mutual_margin: float = 0.05
    neighbours: int = 3
    max_key_share: float = 0.1
    max_key_docs: int = 50
    rare_key: int | None = None
    w_embedding: float = 0.2
    w_ngrams: float = 0.2
    w_lemmas: float = 0.5
    w_entities: float = 0.05
    w_values: float = 0.1
    attach: float = 0.22
    attach_shared: bool = False
    consolidate: float = 0.18
    split: float = 0.08
    related: float = 0.18
    label_chars: int = 240


#: Fewest comparison keys (content lemmas, entities, values) a sentence needs to count as
#: a claim: "Doch das tut er nicht." says nothing on its own, and two outlets printing it
#: do not report the same thing.
MIN_KEYS = 2
#: Largest product of two group sizes for which average linkage scores every pair.
_FULL_LINKAGE = 64
#: Most members of a fact that the split pass considers (it scores every pair of them).
_SPLIT_MEMBERS = 64
_SPLIT_SPAN = 3
#: Most candidate-member pairs scored for one fact when it takes or lists statements of
#: other documents; beyond it only pairs already scored count (the others as 0).
_FULL_CANDIDATES = 2_048
#: Pairs scored per block of array operations (small blocks stay in the CPU cache).
_SCORE_BLOCK = 4_096
#: Most unscored pairs that are scored one by one rather than in bulk.
_SMALL_BATCH = 16
#: Most similarity cells per block of the embedding-neighbour search (32 MiB of float32).
_NEIGHBOUR_CELLS = 1 << 23
#: Columns sampled per row to bound its k-th largest similarity from below (at most
#: twice as many; none on rows narrower than twice this).
_NEIGHBOUR_SAMPLE = 1_024

Pairs = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]
#: Per statement, its partners in the pairs scoring at least a bar, with the scores.
Strong = Mapping[int, list[tuple[int, float]]]
Codes = npt.NDArray[np.int64]


class _Scorer:
    """Pair scores, computed in bulk with array operations and kept per pair."""

    def __init__(
        self,
        statements: Sequence[Statement],
        vectors: np.ndarray,
        ngrams: np.ndarray,
        options: FactOptions,
    ) -> None:
        self.statements = statements
        self.vectors = vectors
        self.ngrams = ngrams
        self.options = options
        self.weights = weights = key_weights(statements)
        self.lemmas = SoftOverlaps([s.lemmas for s in statements], weights)
        self.entity_keys = [frozenset("e:" + x for x in s.entities) for s in statements]
        self.entities = KeyOverlaps(self.entity_keys, weights)
        self.indexes: dict[int, LemmaIndex] = {}
        self.values = KeyOverlaps([s.values for s in statements], {})
        self.cache = PairScores(len(statements))

    def bulk(
        self, left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.float64]:
        """Return the score of each pair ``(left[k], right[k])`` (not cached)."""
        o = self.options
        out = np.empty(len(left), dtype=np.float64)
        for begin in range(0, len(left), _SCORE_BLOCK):
            i = left[begin : begin + _SCORE_BLOCK]
            j = right[begin : begin + _SCORE_BLOCK]
            emb = np.einsum("ij,ij->i", self.vectors[i], self.vectors[j]).astype(np.float64)
            ngr = np.einsum("ij,ij->i", self.ngrams[i], self.ngrams[j]).astype(np.float64)
            val = (self.values.shared(i, j) > 0).astype(np.float64)
            out[begin : begin + len(i)] = (
                o.w_embedding * emb
                + o.w_ngrams * ngr
                + o.w_lemmas * self.lemmas(i, j)
                + o.w_entities * self.entities(i, j)
                + o.w_values * val
            )
        return out

    def bulk_codes(self, codes: Codes) -> npt.NDArray[np.float64]:
        """Return the score of each pair coded ``i * n + j`` (not cached).

        The codes are decoded a few blocks at a time: two index arrays as long as all
        candidate pairs would cost hundreds of MiB on large stories.
        """
        n = self.cache.n
        out = np.empty(len(codes), dtype=np.float64)
        step = _SCORE_BLOCK * 64  # whole blocks, so each pair is scored as bulk() would
        for begin in range(0, len(codes), step):
            chunk = codes[begin : begin + step]
            out[begin : begin + len(chunk)] = self.bulk(chunk // n, chunk % n)
        return out

    def fill(self, pairs: Pairs) -> npt.NDArray[np.float64]:
        """Score and cache the pairs (``left < right``); return their scores."""
        scores = self.bulk(*pairs)
        self.cache.add(pairs[0], pairs[1], scores)
        return scores

    def scores(self, pairs: Sequence[tuple[int, int]]) -> list[float]:
        """Return the score of each pair, scoring the ones not seen yet in one batch."""
        keys = [(i, j) if i < j else (j, i) for i, j in pairs]
        found = self.cache.find(keys)
        missing = sorted({k for k, v in zip(keys, found, strict=True) if v is None})
        new: dict[tuple[int, int], float] = {}
        if len(missing) > _SMALL_BATCH:
            left = np.fromiter((i for i, _ in missing), dtype=np.int64, count=len(missing))
            right = np.fromiter((j for _, j in missing), dtype=np.int64, count=len(missing))
            new = dict(zip(missing, self.fill((left, right)).tolist(), strict=True))
        else:
            for i, j in missing:
                new[i, j] = self.cache[i, j] = self._one(i, j)
        return [v if v is not None else new[k] for k, v in zip(keys, found, strict=True)]

    def _one(self, i: int, j: int) -> float:
        # A few pairs: plain Python is faster than the array set-up of bulk().
        o = self.options
        a, b = self.statements[i], self.statements[j]
        return (
            o.w_embedding * float(self.vectors[i] @ self.vectors[j])
            + o.w_ngrams * float(self.ngrams[i] @ self.ngrams[j])
            + o.w_lemmas * soft_overlap(self._index(i), self._index(j), self.weights)
            + o.w_entities
            * weighted_overlap(self.entity_keys[i], self.entity_keys[j], self.weights)
            + o.w_values * (1.0 if a.values & b.values else 0.0)
        )

    def _index(self, i: int) -> LemmaIndex:
        index = self.indexes.get(i)
        if index is None:
            index = self.indexes[i] = LemmaIndex.of(self.statements[i].lemmas)
        return index

    def score(self, i: int, j: int) -> float:
        """Return the score of one pair."""
        key = (i, j) if i < j else (j, i)
        cached = self.cache.get(key)
        return cached if cached is not None else self.scores([key])[0]


def _key_pairs(
    statements: Sequence[Statement],
    docs: npt.NDArray[np.int64],
    limit: int,
    rare: int | None = None,
) -> Codes:
    """Return the codes ``i * n + j`` of the pairs of different documents sharing keys.

    A key held by at most ``rare`` statements proposes its pairs on its own; one held by
    more (up to ``limit``) only for pairs that share at least two such keys, which keeps
    the pair count near linear when many documents repeat the same common words.
    """
    n = len(statements)
    rare = limit if rare is None else min(rare, limit)
    ids, rows = _key_entries(statements)
    order = np.argsort(ids, kind="stable")
    keys = ids[order]
    owners = rows[order]
    # Runs of one key: each entry pairs with the later entries of its run.
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    sizes = np.diff(np.r_[starts, len(keys)])
    run_start = np.repeat(starts, sizes)
    run_size = np.repeat(sizes, sizes)
    within = np.arange(len(keys)) - run_start
    count = np.where(run_size <= limit, run_size - 1 - within, 0)
    left = np.repeat(np.arange(len(keys)), count)
    rank = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    i = owners[left]
    j = owners[left + 1 + rank]
    keep = docs[i] != docs[j]
    codes = i[keep] * n + j[keep]
    common = run_size[left][keep] > rare
    if common.any():
        shared, times = np.unique(codes[common], return_counts=True)
        codes = np.concatenate([codes[~common], shared[times >= 2]])
    return np.asarray(codes, dtype=np.int64)


def _key_entries(statements: Sequence[Statement]) -> Pairs:
    """Return the id of every key of every statement (:attr:`Statement.keys`) and its row.

    Lemmas, entity clusters and values are numbered apart (their keys never coincide),
    which spares building the prefixed key strings of all statements at once (hundreds
    of MiB on large stories).
    """
    ids, rows, offset = [], [], 0
    for column in (
        [s.lemmas for s in statements],
        [s.entities for s in statements],
        [s.values for s in statements],
    ):
        sparse, _ = SparseRows.of(column)
        ids.append(sparse.ids + offset)
        rows.append(sparse.row_of_entries())
        offset += sparse.size
    return np.concatenate(ids), np.concatenate(rows)


def _neighbour_pairs(
    vectors: np.ndarray, docs: npt.NDArray[np.int64], k: int, block_rows: int
) -> Codes:
    """Return the codes of each statement's ``k`` nearest statements of other documents.

    Rows of the similarity matrix are computed ``block_rows`` at a time, fewer when a
    block would exceed ``_NEIGHBOUR_CELLS`` cells (the matrix is quadratic in statements).
    """
    n = len(docs)
    chunks = [np.zeros(0, dtype=np.int64)]
    if k <= 0 or not len(vectors):
        return chunks[0]
    ordered = bool(np.all(docs[1:] >= docs[:-1]))
    step = max(1, min(block_rows, _NEIGHBOUR_CELLS // n))
    for begin in range(0, n, step):
        rows = vectors[begin : begin + step] @ vectors.T
        _mask_same_document(rows, docs, begin, ordered=ordered)
        r, c = _largest(rows, k)
        keep = (rows[r, c] > -2.0) & (begin + r != c)
        i, j = begin + r[keep], c[keep]
        chunks.append(np.minimum(i, j) * n + np.maximum(i, j))
    return np.concatenate(chunks)


def _mask_same_document(
    rows: np.ndarray, docs: npt.NDArray[np.int64], begin: int, *, ordered: bool
) -> None:
    """Set to -2 the cells of ``rows`` (rows from ``begin`` on) pairing one document.

    Statements come in document order, so a document's cells are one rectangle per
    block: filling slices is far cheaper than comparing every cell's documents.
    """
    end = begin + len(rows)
    if not ordered:
        rows[docs[begin:end, None] == docs[None, :]] = -2.0
        return
    for doc in np.unique(docs[begin:end]).tolist():
        low = int(np.searchsorted(docs, doc, side="left"))
        high = int(np.searchsorted(docs, doc, side="right"))
        rows[max(low, begin) - begin : min(high, end) - begin, low:high] = -2.0


def _largest(rows: np.ndarray, k: int) -> Pairs:
    """Return ``(row, column)`` of the ``k`` largest values of each row.

    Where the k-th largest value of a row is unique the k columns are too. Rows tied at
    the k-th value keep ``np.argpartition``'s choice on the whole row, so the pairs
    never depend on the block size. The k-th largest value of a sample of a row's
    columns is a lower bound of the row's own; only the few values above it are
    sorted, several times faster than partitioning whole rows.
    """
    height, width = rows.shape
    stride = width // _NEIGHBOUR_SAMPLE
    if stride > 1:
        sample = rows[:, ::stride]
        floor = np.partition(sample, sample.shape[1] - k, axis=1)[:, sample.shape[1] - k]
        # flatnonzero and divmod: np.nonzero of a 2-D mask is many times slower.
        flat = np.flatnonzero(rows >= floor[:, None])
    else:
        flat = np.arange(rows.size, dtype=np.int64)
    r, c = np.divmod(flat, width)
    values = rows.reshape(-1)[flat]
    del flat
    # Every row keeps at least k candidates, its k largest values among them.
    order = np.lexsort((values, r))
    last = np.searchsorted(r, np.arange(1, height + 1))
    kth = values[order[last - k]]
    del order
    above = values >= kth[r]
    tied = np.flatnonzero(np.bincount(r[above], minlength=height) > k)
    if len(tied):
        above[np.isin(r, tied)] = False
    r, c = r[above], c[above]
    if len(tied):
        top = np.argpartition(-rows[tied], k - 1, axis=1)[:, :k]
        r = np.concatenate([r, np.repeat(tied, k)])
        c = np.concatenate([c, top.ravel()])
    return r.astype(np.int64), c.astype(np.int64)


def _key_limit(
    statements: Sequence[Statement], max_key_share: float, max_key_docs: int = 50
) -> int:
    # A claim's key is held by about one statement per reporting document; keys held
    # by more are common words and would make the pair count quadratic. A run of r
    # statements yields r²/2 pairs, so the run length is also capped absolutely: past
    # max_key_docs documents the embedding neighbours still propose the pairs.
    n_docs = len({s.doc_index for s in statements})
    return max(3, min(int(max_key_share * len(statements)), n_docs, max_key_docs))


def _neighbour_count(docs: npt.NDArray[np.int64], neighbours: int, max_neighbours: int) -> int:
    n = len(docs)
    other_docs = max(1, len(set(docs.tolist())) - 1)
    return min(n - 1, max(1, min(max_neighbours, neighbours * other_docs)))


def _distinct(pieces: list[Codes]) -> Codes:
    """Return the distinct codes of all pieces, sorted (``np.unique`` of their union).

    Sorted in place: ``np.unique`` would sort a copy of the joined pieces, another few
    hundred MiB on large stories. The list is emptied.
    """
    codes = np.concatenate(pieces)
    pieces.clear()
    codes.sort()
    return codes[np.r_[True, codes[1:] != codes[:-1]]] if len(codes) else codes


def _keep_within_groups(cache: PairScores, groups: list[list[int]], repeated: set[int]) -> None:
    """Drop the held scores that choosing the facts' labels cannot ask for.

    :func:`_centre` only asks for pairs of one group's members; the scores of all
    other pairs (most of the millions held on large stories) would stay resident until
    the facts are built. A statement in several groups keeps every pair.
    """
    label = np.full(cache.n, -1, dtype=np.int64)
    for number, group in enumerate(groups):
        label[group] = number
    label[sorted(repeated)] = -2
    cache.retain(
        lambda left, right: (
            ((label[left] == label[right]) & (label[left] >= 0))
            | (label[left] == -2)
            | (label[right] == -2)
        )
    )


def _decode(codes: Codes, n: int) -> Pairs:
    unique = np.unique(codes)
    return unique // max(n, 1), unique % max(n, 1)


def candidate_pairs(
    statements: Sequence[Statement],
    vectors: np.ndarray,
    *,
    neighbours: int = 3,
    max_key_share: float = 0.1,
    max_neighbours: int = 12,
    block_rows: int = 512,
) -> list[tuple[int, int]]:
    """Return the statement pairs of different documents worth scoring (blocking).

    Args:
        statements: All statements.
        vectors: Their L2-normalised embeddings, one row each.
        neighbours: Embedding neighbours per statement and other document (on
            average; the nearest over all other documents are taken).
        max_key_share: Keys held by more than this share of the statements, or by
            more statements than there are documents (and more than 3), are too
            common to block on.
        max_neighbours: Most embedding neighbours per statement, which keeps the
            number of pairs linear in the number of statements.
        block_rows: Rows per matrix product (bounds memory).

    Returns:
        Sorted ``(i, j)`` index pairs with ``i < j`` from different documents.
    """
    if not statements:
        return []
    docs = np.array([s.doc_index for s in statements], dtype=np.int64)
    codes = np.concatenate(
        [
            _key_pairs(statements, docs, _key_limit(statements, max_key_share)),
            _neighbour_pairs(
                vectors, docs, _neighbour_count(docs, neighbours, max_neighbours), block_rows
            ),
        ]
    )
    left, right = _decode(codes, len(statements))
    return list(zip(left.tolist(), right.tolist(), strict=True))


def _group(scorer: _Scorer, proposed: Codes, options: FactOptions) -> list[list[int]]:
    """Link the proposed pairs (sorted codes) into groups, mutual best matches first.

    A pair whose two statements are each other's best match in the other's document is
    linked before a pair where only one of them is, and that before the rest; within each
    rank the higher score goes first (average linkage). Pairs that are not mutual best
    matches need ``mutual_margin`` more than ``threshold``: a sentence that fits another
    sentence of the same document better is more likely another claim that shares its
    words. The scores of all proposed pairs are kept by the scorer for the later passes.
    """
    statements = scorer.statements
    n = len(statements)
    values = scorer.bulk_codes(proposed)
    docs = np.fromiter((s.doc_index for s in statements), dtype=np.int64, count=n)
    choices = _first_choices((proposed // max(n, 1), proposed % max(n, 1)), values, docs)
    bar = np.where(choices == 2, options.threshold, options.threshold + options.mutual_margin)
    above = np.flatnonzero(values >= bar)
    # The codes are sorted and lexsort is stable, so ties are broken by (i, j).
    order = above[np.lexsort((-values[above], -choices[above]))]
    del above, bar, choices
    scorer.cache.adopt(proposed, values)
    del values
    group_of = list(range(len(statements)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(statements))}
    floor = options.threshold * options.cohesion
    for i, j in _in_order(proposed, order, scorer.cache.n):
        a, b = group_of[i], group_of[j]
        if a == b:
            continue
        merged = members[a] + members[b]
        counts: dict[int, int] = defaultdict(int)
        for m in merged:
            counts[statements[m].doc_index] += 1
        if max(counts.values()) > options.max_per_doc:
            continue
        cross = _cross_scores(scorer, members[a], members[b])
        if cross and sum(cross) / len(cross) < floor:
            continue
        keep, drop = min(a, b), max(a, b)
        members[keep] = sorted(merged)
        for m in members.pop(drop):
            group_of[m] = keep
    return [members[g] for g in sorted(members)]


def _first_choices(
    pairs: Pairs, values: npt.NDArray[np.float64], docs: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """Return, per pair, how many of its two statements rank the other first (0-2).

    A statement ranks first the partner that scores highest with it among the scored
    pairs with statements of that partner's document (ties all rank first).
    """
    left, right = pairs
    if not len(left):
        return np.zeros(0, dtype=np.int64)
    width = int(docs.max()) + 1
    keys = np.concatenate([left * width + docs[right], right * width + docs[left]])
    both = np.concatenate([values, values])
    _, slot = np.unique(keys, return_inverse=True)
    best = np.full(int(slot.max()) + 1, -np.inf)
    np.maximum.at(best, slot, both)
    first = both >= best[slot]
    return first[: len(left)].astype(np.int64) + first[len(left) :]


def _in_order(codes: Codes, order: Codes, n: int) -> Iterator[tuple[int, int]]:
    """Yield the pairs coded at the positions ``order``, a chunk at a time as ints."""
    for begin in range(0, len(order), _SCORE_BLOCK):
        chunk = codes[order[begin : begin + _SCORE_BLOCK]]
        yield from zip((chunk // n).tolist(), (chunk % n).tolist(), strict=True)


def _strong_partners(scorer: _Scorer, bar: float) -> Strong:
    """Return, per statement, the statements whose known pair score with it reaches ``bar``.

    A mean over a fact's members above the bar needs one member above it, so only these
    statements are candidates for joining or shadowing a fact (scoring every statement
    against every member would be quadratic). Each partner comes with the pair's score.
    """
    return Partners(scorer.cache, bar)


def _closest_per_document(
    scorer: _Scorer,
    group: list[int],
    candidates: list[int],
    bar: float,
    strong: Strong,
    *,
    per_document: bool = False,
) -> dict[int, tuple[float, int]]:
    """Return, per document, the candidate with the best mean score to the group's members.

    Only candidates whose mean reaches ``bar`` count; the value is ``(mean, candidate)``.
    With ``per_document`` the mean is over the group's documents, each counting its
    member closest to the candidate (a document's several sentences in one fact are
    alternatives, not several votes). When candidates times members exceed
    ``_FULL_CANDIDATES``, the mean sums only the strong pairs (``strong``, at least
    ``bar``) and counts every other pair as 0: a lower bound whose cost follows the
    strong pairs, not candidates times members, which keeps large stories near linear.
    """
    statements = scorer.statements
    size = len(group)
    owners = [statements[m].doc_index for m in group]
    parts = len(set(owners)) if per_document else size
    closest: dict[tuple[int, int], float] = defaultdict(float)
    sums: dict[int, float] = defaultdict(float)
    if size * len(candidates) <= _FULL_CANDIDATES:
        flat = scorer.scores([(c, m) for c in candidates for m in group])
        for rank, candidate in enumerate(candidates):
            row = flat[rank * size : (rank + 1) * size]
            if not per_document:
                sums[candidate] = sum(row)
                continue
            for doc, value in zip(owners, row, strict=True):
                closest[candidate, doc] = max(closest[candidate, doc], value)
    else:
        wanted = set(candidates)
        for m, doc in zip(group, owners, strict=True):
            for c, value in strong.get(m, ()):
                if c not in wanted:
                    continue
                if per_document:
                    closest[c, doc] = max(closest[c, doc], value)
                else:
                    sums[c] += value
    for (candidate, _), value in closest.items():
        sums[candidate] += value
    best: dict[int, tuple[float, int]] = {}
    for candidate in candidates:
        doc = statements[candidate].doc_index
        mean = sums[candidate] / parts
        if mean >= bar and (doc not in best or mean > best[doc][0]):
            best[doc] = (mean, candidate)
    return best


def _attach(
    scorer: _Scorer,
    groups: list[list[int]],
    proposed: Codes,
    options: FactOptions,
) -> list[list[int]]:
    """Let each multi-document fact take the best statement of each document it lacks.

    Average similarity to all members is steadier evidence than one pair score, so a
    lower bar than ``threshold`` applies. Only the original members are compared with,
    so the order of facts does not matter.
    """
    statements = scorer.statements
    n = scorer.cache.n
    strong = _strong_partners(scorer, options.attach)
    in_fact = {m for g in groups if len({statements[x].doc_index for x in g}) > 1 for m in g}
    result = []
    for group in groups:
        docs = {statements[m].doc_index for m in group}
        if len(docs) < 2:
            result.append(group)
            continue
        eligible = [
            candidate
            for candidate in sorted({c for m in group for c, _ in strong.get(m, ())})
            if statements[candidate].doc_index not in docs
            and (candidate not in in_fact or options.attach_shared)
        ]
        # Blocking must have proposed the candidate with some member.
        passing = _proposed_with(eligible, group, proposed, n)
        best = _closest_per_document(scorer, group, passing, options.attach, strong)
        result.append(sorted(group + [c for _, c in best.values()]))
    attached = {m for g in result for m in g if len(g) > 1} - in_fact
    return [g for g in result if not (len(g) == 1 and g[0] in attached)]


def _proposed_with(candidates: list[int], group: list[int], proposed: Codes, n: int) -> list[int]:
    """Return the candidates that form a pair of ``proposed`` (sorted codes) with a member."""
    members = np.asarray(group, dtype=np.int64)[None, :]
    step = max(1, _SCORE_BLOCK * 64 // max(1, len(group)))
    passing: list[int] = []
    for begin in range(0, len(candidates), step):
        chunk = np.asarray(candidates[begin : begin + step], dtype=np.int64)[:, None]
        codes = np.minimum(chunk, members) * n + np.maximum(chunk, members)
        at = np.minimum(np.searchsorted(proposed, codes), max(0, len(proposed) - 1))
        hit = (proposed[at] == codes).any(axis=1) if len(proposed) else np.zeros(len(chunk))
        passing.extend(c for c, h in zip(chunk[:, 0].tolist(), hit.tolist(), strict=True) if h)
    return passing


def _related(scorer: _Scorer, groups: list[list[int]], options: FactOptions) -> list[list[int]]:
    """Return, per group, the closest statement of each document the fact lacks.

    A statement counts when its mean score to the fact's documents (each by its closest
    member) reaches ``related``: below the bar for linking, but close enough that the
    document may state the claim in other words, so its absence from the fact is not
    evidence of an omission.
    Single-document facts get none (nobody can be said to omit them).
    """
    statements = scorer.statements
    if options.related > 1:
        return [[] for _ in groups]
    strong = _strong_partners(scorer, options.related)
    out: list[list[int]] = []
    for group in groups:
        docs = {statements[m].doc_index for m in group}
        if len(docs) < 2:
            out.append([])
            continue
        candidates = sorted(
            {c for m in group for c, _ in strong.get(m, ()) if statements[c].doc_index not in docs}
        )
        best = _closest_per_document(
            scorer, group, candidates, options.related, strong, per_document=True
        )
        out.append(sorted(c for _, c in best.values()))
    return out


def _consolidate(scorer: _Scorer, groups: list[list[int]], options: FactOptions) -> list[list[int]]:
    """Merge multi-document facts whose members are alike on average (best pair first).

    Only facts joined by a pair that scored ``consolidate`` or more during linking are
    compared, and only when every pair between them can be scored (at most
    ``_FULL_LINKAGE``): two large facts already gather many documents, and comparing
    them in full would make this pass quadratic. A merge must keep at most
    ``max_per_doc`` sentences of any document, and a fact merges at most once (a second
    round changed nothing on the gold and costs seconds on large stories).
    """
    statements = scorer.statements
    if options.consolidate > 1:
        return groups
    owner = {
        m: n
        for n, g in enumerate(groups)
        if len({statements[x].doc_index for x in g}) > 1
        for m in g
    }
    linked = sorted(
        {
            (min(a, b), max(a, b))
            for i, j, _ in scorer.cache.at_least(options.consolidate)
            if (a := owner.get(i)) is not None and (b := owner.get(j)) is not None and a != b
        }
    )
    comparable = []
    wanted: list[tuple[int, int]] = []
    for a, b in linked:
        if len(groups[a]) * len(groups[b]) > _FULL_LINKAGE:
            continue
        counts: dict[int, int] = defaultdict(int)
        for m in groups[a] + groups[b]:
            counts[statements[m].doc_index] += 1
        if max(counts.values()) > options.max_per_doc:
            continue
        cross = [
            (x, y)
            for x in groups[a]
            for y in groups[b]
            if statements[x].doc_index != statements[y].doc_index
        ]
        comparable.append((a, b, len(wanted), len(cross)))
        wanted.extend(cross)
    flat = scorer.scores(wanted)  # one batch: bulk scoring is far cheaper per pair
    ranked = []
    for a, b, begin, count in comparable:
        mean = sum(flat[begin : begin + count]) / count if count else 0.0
        if mean >= options.consolidate:
            ranked.append((-mean, a, b))
    if not ranked:
        return groups
    ranked.sort()
    merged: set[int] = set()
    joined = []
    for _, a, b in ranked:
        if a in merged or b in merged:
            continue
        merged.update((a, b))
        joined.append(sorted(groups[a] + groups[b]))
    return [g for n, g in enumerate(groups) if n not in merged] + joined


def _split(scorer: _Scorer, groups: list[list[int]], options: FactOptions) -> list[list[int]]:
    """Split facts that hold several sentences of one document into two claims.

    Linking lets a fact take up to ``max_per_doc`` sentences of a document, which often
    means two claims told side by side in every report ("on 10 January in Geneva", "on
    12 January the NATO-Russia Council"). For each document with several members, its
    first two seed two parts; each other document's two members go one to each part
    (the way with the higher sum of mean scores), and single members to the part they
    fit better. The best of these splits is kept when its average pair score within the
    parts (weighted by part size) beats the whole fact's by ``split`` and both parts
    still span two documents. Facts over ``_SPLIT_MEMBERS`` members stay whole.
    """
    if options.split > 1:
        return groups
    out: list[list[int]] = []
    for group in groups:
        out.extend(_split_one(scorer, group, options.split))
    return out


def _split_one(scorer: _Scorer, group: list[int], margin: float) -> list[list[int]]:
    statements = scorer.statements
    by_doc: dict[int, list[int]] = defaultdict(list)
    for m in group:
        by_doc[statements[m].doc_index].append(m)
    seeds = [d for d, members in by_doc.items() if len(members) > 1]
    if not seeds or len(by_doc) < 2 or len(group) > _SPLIT_MEMBERS or len(set(group)) != len(group):
        return [group]
    position = {m: a for a, m in enumerate(group)}
    docs = np.array([statements[m].doc_index for m in group], dtype=np.int64)
    first, second = np.nonzero(np.triu(docs[:, None] != docs[None, :], 1))
    wanted = [(group[a], group[b]) for a, b in zip(first.tolist(), second.tolist(), strict=True)]
    values = scorer.scores(wanted)
    matrix = np.zeros((len(group), len(group)), dtype=np.float64)
    matrix[first, second] = values
    matrix[second, first] = values
    cross = docs[:, None] != docs[None, :]

    def mean(left: list[int], right: list[int] | None = None) -> float | None:
        rows = [position[m] for m in left]
        cols = rows if right is None else [position[m] for m in right]
        mask = cross[np.ix_(rows, cols)]
        if right is None:
            mask = np.triu(mask, 1)
        count = int(mask.sum())
        return float(matrix[np.ix_(rows, cols)][mask].sum()) / count if count else None

    def fit(member: int, part: list[int]) -> float:
        return mean([member], part) or 0.0

    whole = mean(group) or 0.0
    best: tuple[float, list[int], list[int]] | None = None
    for seed in seeds:
        a, b = [by_doc[seed][0]], [by_doc[seed][1]]
        for doc in sorted(by_doc, key=lambda d: -len(by_doc[d])):
            if doc == seed:
                continue
            members = by_doc[doc]
            if len(members) == 2:
                x, y = members
                if fit(x, a) + fit(y, b) >= fit(y, a) + fit(x, b):
                    a.append(x)
                    b.append(y)
                else:
                    a.append(y)
                    b.append(x)
                continue
            for x in members:
                (a if fit(x, a) >= fit(x, b) else b).append(x)
        for x in by_doc[seed][2:]:
            (a if fit(x, a) >= fit(x, b) else b).append(x)
        within_a, within_b = mean(a), mean(b)
        if within_a is None or within_b is None:
            continue
        within = (within_a * len(a) + within_b * len(b)) / (len(a) + len(b))
        if best is None or within > best[0]:
            best = (within, a, b)
    if best is None:
        return [group]
    within, a, b = best
    spans = min(len({statements[m].doc_index for m in part}) for part in (a, b))
    if within > whole + margin and spans >= _SPLIT_SPAN:
        return [sorted(a), sorted(b)]
    return [group]


def _cross_scores(scorer: _Scorer, left: list[int], right: list[int]) -> list[float]:
    """Return the pair scores between two groups' statements of different documents.

    Small groups score every pair; large ones only the pairs blocking proposed
    (scoring every pair of two big groups at each merge would make linking quadratic).
    """
    statements = scorer.statements
    if len(left) * len(right) <= _FULL_LINKAGE:
        return scorer.scores(
            [
                (x, y)
                for x in left
                for y in right
                if statements[x].doc_index != statements[y].doc_index
            ]
        )
    return scorer.cache.known([(x, y) if x < y else (y, x) for x in left for y in right])


def _centre(scorer: _Scorer, group: list[int], repeated: set[int], readable: set[int]) -> int:
    """Return the member with the highest summed score to the others (the lowest on a tie),
    a ``readable`` one if there is any.

    The pairs are scored as asking member after member would score them (a member's
    unscored pairs with later members in bulk when there are more than
    ``_SMALL_BATCH``, else one by one), in one batch; only pairs that a later group can
    ask for again (both members in several groups) are kept: a fact of g members has
    g²/2 pairs, millions on large stories. A statement can be listed twice (two facts
    that shared it merged); it is one member for scoring, and never its own partner.
    """
    if len(group) < 2:
        return group[0]
    unique = list(dict.fromkeys(group))
    members = np.asarray(unique, dtype=np.int64)
    first, second = np.triu_indices(len(unique), 1)
    left = np.minimum(members[first], members[second])
    right = np.maximum(members[first], members[second])
    values, found = scorer.cache.lookup(left, right)
    missing = ~found
    in_bulk = (np.bincount(first[missing], minlength=len(unique)) > _SMALL_BATCH)[first]
    in_bulk &= missing
    if in_bulk.any():
        values[in_bulk] = scorer.bulk(left[in_bulk], right[in_bulk])
    for k in np.flatnonzero(missing & ~in_bulk).tolist():
        values[k] = scorer._one(int(left[k]), int(right[k]))
    shared = np.fromiter((m in repeated for m in unique), dtype=np.bool_, count=len(unique))
    keep = missing & shared[first] & shared[second]
    if keep.any():
        scorer.cache.add(left[keep], right[keep], values[keep])
    matrix = np.zeros((len(unique), len(unique)), dtype=np.float64)
    matrix[first, second] = values
    matrix[second, first] = values
    position = {m: a for a, m in enumerate(unique)}
    at = np.fromiter((position[m] for m in group), dtype=np.int64, count=len(group))
    # Python's sum over the other members in the group's order, as scoring per member
    # did; a row at a time (the whole matrix as Python floats is millions of objects).
    totals = [sum(compress(matrix[a][at].tolist(), (at != a).tolist())) for a in at.tolist()]
    return group[max(range(len(group)), key=lambda p: (group[p] in readable, totals[p], -group[p]))]


def _is_question(analysis: Analysis, statement: Statement) -> bool:
    # A question asserts nothing ("Und die Lehrerinnen und Lehrer?"): two outlets asking
    # it do not report the same claim.
    text = analysis.document.text[statement.start : statement.end].rstrip(" \"'»«“”„)")
    return text.endswith("?")


def _attribution(analysis: Analysis, statement: Statement) -> str | None:
    for quote in analysis.quotes:
        if quote.sentence == statement.sentence or (
            quote.start < statement.end and statement.start < quote.end
        ):
            name = quote.speaker_name or quote.speaker
            if name:
                return name
    return None


def _label(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"


def find_facts(
    analyses: Sequence[Analysis],
    clusters: Sequence[EntityCluster],
    *,
    embedder: Embedder | None = None,
    reuse: Sequence[Reuse] | None = None,
    options: FactOptions | None = None,
    lang: str = "de",
) -> list[Fact]:
    """Group the statements of several documents into facts (see the module docstring).

    Args:
        analyses: One analysis per document; ids must be unique.
        clusters: Entity clusters from :func:`synopse.compare.entities.resolve_entities`.
        embedder: Sentence embedder; None uses the bundled "use" model (or "hashing"
            when that package is missing).
        reuse: Text reuse between the documents (:func:`synopse.compare.reuse.find_reuse`);
            None computes it. Supports inside text shared with another supporting
            document are marked ``reused``.
        options: Weights and limits.
        lang: Language of the lemmatizer and stop words.

    Returns:
        The facts, ids "f1", "f2", ... ordered by number of documents (most first),
        then first appearance. Statements reported by one document are exclusive facts;
        questions and sentences with fewer than ``MIN_KEYS`` comparison keys are in no
        fact.

    Raises:
        ConfigError: If document ids repeat.
    """
    options = options or FactOptions()
    ids = [a.document.id for a in analyses]
    if len(set(ids)) != len(ids):
        raise ConfigError(f"document ids must be unique for fact grouping: {sorted(ids)}")
    statements = [
        s
        for s in extract_statements(analyses, clusters, lang=lang)
        if len(s.keys) >= MIN_KEYS
        and not _is_question(analyses[s.doc_index], s)
        and not is_editorial(analyses[s.doc_index], s.start, s.end, lang)
    ]
    if not statements:
        return []
    texts = [_text(analyses, s) for s in statements]
    ngrams = get_embedder("hashing").embed(texts)
    if embedder is None:
        try:
            vectors = get_embedder("use").embed(texts)
        except ConfigError:
            vectors = ngrams
    else:
        vectors = embedder.embed(texts)
    scorer = _Scorer(statements, vectors, ngrams, options)
    owners = np.array([s.doc_index for s in statements], dtype=np.int64)
    k = _neighbour_count(owners, options.neighbours, 12)
    proposed = _distinct(
        [
            _key_pairs(
                statements,
                owners,
                _key_limit(statements, options.max_key_share, options.max_key_docs),
                options.rare_key,
            ),
            _neighbour_pairs(vectors, owners, k, 512),
            _neighbour_pairs(ngrams, owners, k, 512),
        ]
    )
    release_memory()  # the embedding and neighbour-search temporaries are gone
    groups = _group(scorer, proposed, options)
    groups = _attach(scorer, groups, proposed, options)
    del proposed
    groups = _consolidate(scorer, groups, options)
    groups = _split(scorer, groups, options)
    related = _related(scorer, groups, options)
    if reuse is None:
        reuse = find_reuse([a.document for a in analyses])
    index = ReuseIndex(reuse)
    by_id = {a.document.id: a for a in analyses}
    seen = Counter(m for group in groups for m in group)
    repeated = {m for m, times in seen.items() if times > 1}
    _keep_within_groups(scorer.cache, groups, repeated)
    built = []
    for group, close in zip(groups, related, strict=True):
        docs = {statements[m].doc for m in group}
        supports = []
        for m in group:
            s = statements[m]
            shared = index.shared_with(s.doc, s.start, s.end) & (docs - {s.doc})
            supports.append(
                FactSupport(
                    doc=s.doc,
                    sentence=s.sentence,
                    start=s.start,
                    end=s.end,
                    attributed_to=_attribution(by_id[s.doc], s),
                    reused=bool(shared),
                )
            )
        # The label is the member closest to the others, preferring one that can be read
        # alone ("So geht es auch in Gütersloh zu." names nothing).
        readable = {m for m in group if not opens_leaning(_text(analyses, statements[m]), lang)}
        centre = _centre(scorer, group, repeated, readable)
        label = _label(_text(analyses, statements[centre]), options.label_chars)
        nearby = tuple(
            FactSupport(
                doc=statements[m].doc,
                sentence=statements[m].sentence,
                start=statements[m].start,
                end=statements[m].end,
                attributed_to=_attribution(by_id[statements[m].doc], statements[m]),
            )
            for m in close
        )
        first = (statements[group[0]].doc_index, statements[group[0]].start)
        built.append((-len(docs), first, label, tuple(supports), nearby))
    built.sort(key=lambda item: (item[0], item[1]))
    return [
        Fact(id=f"f{n}", label=label, support=supports, related=nearby)
        for n, (_, _, label, supports, nearby) in enumerate(built, 1)
    ]


def _text(analyses: Sequence[Analysis], statement: Statement) -> str:
    return analyses[statement.doc_index].document.text[statement.start : statement.end]
