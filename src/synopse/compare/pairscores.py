"""Scores of statement pairs, kept in sorted arrays rather than one dict entry per pair.

Fact grouping scores millions of statement pairs on large stories and asks for many of
them again in later passes. A dict keyed by ``(i, j)`` tuples costs about 150 bytes per
pair; here a pair costs 16 (its code ``i * n + j`` and its score), so the scores of a
2,000-document story stay in a few hundred MiB.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

import numpy as np
import numpy.typing as npt

#: Pairs added one at a time wait in a dict until there are this many, then are merged
#: into the arrays (merging copies the arrays, so it must not happen for every pair).
_MERGE_AT = 1 << 16
#: Pairs turned into Python numbers at a time when iterating over many.
_CHUNK = 1 << 16

Pair = tuple[int, int]


class PairScores:
    """A map from a pair ``(i, j)`` of statements, ``i < j``, to its score.

    Args:
        n: Number of statements (pairs are coded ``i * n + j``).

    Example:
        >>> scores = PairScores(3)
        >>> scores.add(np.array([0, 1]), np.array([2, 2]), np.array([0.5, 0.25]))
        >>> scores[1, 2] = 0.75
        >>> scores.get((0, 2)), scores.get((0, 1)), scores.known([(1, 2), (0, 1)])
        (0.5, None, [0.75])
    """

    def __init__(self, n: int) -> None:
        self.n = max(n, 1)
        self.codes = np.zeros(0, dtype=np.int64)
        self.values = np.zeros(0, dtype=np.float64)
        self.recent: dict[int, float] = {}

    def __len__(self) -> int:
        """Number of pairs held."""
        return len(self.codes) + len(self.recent)

    def __setitem__(self, pair: Pair, value: float) -> None:
        """Set the score of one pair."""
        self.recent[pair[0] * self.n + pair[1]] = value
        if len(self.recent) >= _MERGE_AT:
            self._flush()

    def add(
        self,
        left: npt.NDArray[np.int64],
        right: npt.NDArray[np.int64],
        values: npt.NDArray[np.float64],
    ) -> None:
        """Set the scores of the pairs ``(left[k], right[k])``."""
        codes = left.astype(np.int64) * self.n + right
        if len(codes) < _MERGE_AT:
            self.recent.update(zip(codes.tolist(), values.tolist(), strict=True))
            if len(self.recent) >= _MERGE_AT:
                self._flush()
        else:
            self._merge(codes, np.asarray(values, dtype=np.float64))

    def adopt(self, codes: npt.NDArray[np.int64], values: npt.NDArray[np.float64]) -> None:
        """Hold the scores ``values`` of the pairs coded ``codes`` (sorted and distinct).

        The map must be empty. It takes the two arrays as its own rather than copying
        them (each is hundreds of MiB on large stories): the caller must not change
        them, and ``values`` may change as scores are set later.

        Raises:
            ValueError: If the map already holds pairs.
        """
        if len(self):
            raise ValueError("PairScores.adopt() needs an empty map")
        self.codes, self.values = codes, values

    def retain(
        self,
        keep: Callable[[npt.NDArray[np.int64], npt.NDArray[np.int64]], npt.NDArray[np.bool_]],
    ) -> None:
        """Keep only the pairs for which ``keep(left, right)`` is True (asked in chunks).

        Args:
            keep: Takes the arrays of the ``i`` and the ``j`` of some pairs and returns
                a boolean array: True for each pair to keep.
        """
        if self.recent:
            self._flush()
        kept = np.empty(len(self.codes), dtype=np.bool_)
        for begin in range(0, len(self.codes), _CHUNK):
            codes = self.codes[begin : begin + _CHUNK]
            kept[begin : begin + len(codes)] = keep(codes // self.n, codes % self.n)
        self.codes, self.values = self.codes[kept], self.values[kept]

    def get(self, pair: Pair) -> float | None:
        """Return the score of one pair, None when it is not held."""
        code = pair[0] * self.n + pair[1]
        value = self.recent.get(code)
        if value is not None or not len(self.codes):
            return value
        at = int(np.searchsorted(self.codes, code))
        if at < len(self.codes) and int(self.codes[at]) == code:
            return float(self.values[at])
        return None

    def lookup(
        self, left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
        """Return the scores of the pairs ``(left[k], right[k])`` and whether each is held.

        A pair not held scores 0 in the first array.
        """
        codes = left.astype(np.int64) * self.n + right
        values = np.zeros(len(codes), dtype=np.float64)
        found = np.zeros(len(codes), dtype=np.bool_)
        if len(self.codes) and len(codes):
            at = np.minimum(np.searchsorted(self.codes, codes), len(self.codes) - 1)
            found = self.codes[at] == codes
            values[found] = self.values[at[found]]
        if self.recent:
            for k, code in enumerate(codes.tolist()):
                value = self.recent.get(code)
                if value is not None:
                    values[k], found[k] = value, True
        return values, found

    def find(self, pairs: Sequence[Pair]) -> list[float | None]:
        """Return the score of each pair, None where it is not held."""
        if not pairs:
            return []
        codes = np.fromiter((i * self.n + j for i, j in pairs), dtype=np.int64, count=len(pairs))
        found: list[float | None]
        if len(self.codes):
            at = np.minimum(np.searchsorted(self.codes, codes), len(self.codes) - 1)
            hit = self.codes[at] == codes
            found = [
                v if h else None
                for v, h in zip(self.values[at].tolist(), hit.tolist(), strict=True)
            ]
        else:
            found = [None] * len(pairs)
        if self.recent:
            recent = self.recent
            for k, code in enumerate(codes.tolist()):
                value = recent.get(code)
                if value is not None:
                    found[k] = value
        return found

    def known(self, pairs: Sequence[Pair]) -> list[float]:
        """Return the scores of the pairs held, in the order of ``pairs`` (others left out)."""
        return [value for value in self.find(pairs) if value is not None]

    def at_least(self, bar: float) -> Iterator[tuple[int, int, float]]:
        """Yield ``(i, j, score)`` for every pair scoring ``bar`` or more (in no set order)."""
        left, right, values = self.arrays_at_least(bar)
        # In chunks: lists of millions of Python numbers cost 40 bytes an item.
        for begin in range(0, len(left), _CHUNK):
            end = begin + _CHUNK
            yield from zip(
                left[begin:end].tolist(),
                right[begin:end].tolist(),
                values[begin:end].tolist(),
                strict=True,
            )

    def arrays_at_least(
        self, bar: float
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        """Return ``i``, ``j`` and the score of every pair scoring ``bar`` or more."""
        if self.recent:
            self._flush()
        keep = np.flatnonzero(self.values >= bar)
        codes = self.codes[keep]
        return codes // self.n, codes % self.n, self.values[keep]

    def _flush(self) -> None:
        codes = np.fromiter(self.recent, dtype=np.int64, count=len(self.recent))
        values = np.fromiter(self.recent.values(), dtype=np.float64, count=len(self.recent))
        self.recent = {}
        self._merge(codes, values)

    def _merge(self, codes: npt.NDArray[np.int64], values: npt.NDArray[np.float64]) -> None:
        if not np.all(codes[1:] > codes[:-1]):
            order = np.argsort(codes, kind="stable")
            codes, values = codes[order], values[order]
            del order
            # A pair given twice keeps its last score, as a dict update would.
            last = np.r_[codes[1:] != codes[:-1], True]
            codes, values = codes[last], values[last]
        if not len(self.codes):
            # The first large batch (all candidate pairs, sorted): no merge to make.
            self.codes, self.values = codes, values.copy()
            return
        at = np.searchsorted(self.codes, codes)
        held = at < len(self.codes)
        held[held] = self.codes[at[held]] == codes[held]
        self.values[at[held]] = values[held]
        new = ~held
        self.codes = np.insert(self.codes, at[new], codes[new])
        self.values = np.insert(self.values, at[new], values[new])


class Partners(Mapping[int, list[tuple[int, float]]]):
    """Per statement, the other member and score of each pair scoring at least a bar.

    The pairs are held in arrays grouped by statement; a statement without such a pair
    is not a key.

    Args:
        scores: The pair scores.
        bar: Least score of a pair kept.

    Example:
        >>> scores = PairScores(3)
        >>> scores[0, 1], scores[0, 2] = 0.5, 0.1
        >>> partners = Partners(scores, 0.3)
        >>> partners[1], partners.get(2, [])
        ([(0, 0.5)], [])
    """

    def __init__(self, scores: PairScores, bar: float) -> None:
        left, right, values = scores.arrays_at_least(bar)
        owners = np.concatenate([left, right])
        order = np.argsort(owners, kind="stable")
        self.ptr = np.zeros(scores.n + 1, dtype=np.int64)
        np.cumsum(np.bincount(owners, minlength=scores.n), out=self.ptr[1:])
        del owners
        self.others = np.concatenate([right, left])[order]
        del left, right
        self.scores = np.concatenate([values, values])[order]

    def __getitem__(self, statement: int) -> list[tuple[int, float]]:
        """Return the partners of one statement with the pairs' scores."""
        if not 0 <= statement < len(self.ptr) - 1:
            raise KeyError(statement)
        begin, end = int(self.ptr[statement]), int(self.ptr[statement + 1])
        if begin == end:
            raise KeyError(statement)
        return list(
            zip(self.others[begin:end].tolist(), self.scores[begin:end].tolist(), strict=True)
        )

    def __iter__(self) -> Iterator[int]:
        """Iterate over the statements that have partners."""
        return iter(np.flatnonzero(np.diff(self.ptr)).tolist())

    def __len__(self) -> int:
        """Number of statements that have partners."""
        return int(np.count_nonzero(np.diff(self.ptr)))
