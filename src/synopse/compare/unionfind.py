"""Disjoint sets: the grouping step shared by entity resolution and conflict finding."""

from __future__ import annotations

from collections import defaultdict


class UnionFind:
    """Disjoint sets over 0..n-1 (smallest index is the representative)."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        """Return the representative of ``item``."""
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        """Merge the sets of ``a`` and ``b``."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[int]]:
        """Return the sets with more than one member, in order of their smallest member."""
        out: dict[int, list[int]] = defaultdict(list)
        for item in range(len(self.parent)):
            out[self.find(item)].append(item)
        return [members for _, members in sorted(out.items()) if len(members) > 1]
