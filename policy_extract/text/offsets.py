"""A monotone map from a normalised view back to the raw text.

The normalised string is the raw string with some ranges deleted (soft line
breaks, ``**`` markup) and some characters replaced one for one (width
unification). It is stored as kept raw pieces, so memory is O(number of
deletions), not O(length).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Iterable


def merge_ranges(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted ``(start, end)`` ranges with overlapping ones joined (touching ones kept apart).

    >>> merge_ranges([(5, 8), (0, 3), (2, 4), (8, 9)])
    [(0, 4), (5, 8), (8, 9)]
    """
    merged: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


@dataclass(frozen=True, slots=True)
class Deletion:
    """A raw range removed from the view; ``kind`` is e.g. ``"break"`` or ``"markup"``."""

    start: int
    end: int
    kind: str


class OffsetMap:
    """Maps normalised indices to raw indices.

    >>> m = OffsetMap(10, [Deletion(3, 5, "break")])
    >>> m.norm_len
    8
    >>> [m.to_raw(i) for i in range(8)]
    [0, 1, 2, 5, 6, 7, 8, 9]
    >>> m.span_to_raw(2, 4)        # crosses the deletion: raw span covers it
    (2, 6)
    >>> m.to_norm(4), m.to_norm(5)  # a deleted raw index maps to the next kept one
    (3, 3)
    """

    __slots__ = ("raw_len", "deletions", "_norm_starts", "_raw_starts", "_markup_starts", "_ends",
                 "_norm_len")

    def __init__(self, raw_len: int, deletions: list[Deletion]):
        dels = sorted(deletions, key=lambda d: d.start)
        merged: list[Deletion] = []
        for d in dels:
            if d.end <= d.start:
                continue
            if merged and d.start < merged[-1].end:
                raise ValueError(f"overlapping deletions {merged[-1]} and {d}")
            merged.append(d)
        self.raw_len = raw_len
        self.deletions = tuple(merged)
        norm_starts = [0]
        raw_starts = [0]
        removed = 0
        for d in merged:
            removed += d.end - d.start
            raw_starts.append(d.end)
            norm_starts.append(d.end - removed)
        self._norm_starts = norm_starts
        self._raw_starts = raw_starts
        self._markup_starts = [d.start for d in merged if d.kind == "markup"]
        self._ends = [d.end for d in merged]
        self._norm_len = raw_len - removed  # cached: to_raw() runs once per token

    @property
    def norm_len(self) -> int:
        return self._norm_len

    def to_raw(self, i: int) -> int:
        """Raw index of normalised character ``i`` (``norm_len`` maps to ``raw_len``)."""
        # runs once per token and span end: the cached fields, and no search without deletions
        nl = self._norm_len
        if i >= nl:
            return self.raw_len + (i - nl)
        ns = self._norm_starts
        if len(ns) == 1:
            return i
        k = bisect_right(ns, i) - 1
        return self._raw_starts[k] + (i - ns[k])

    def to_norm(self, r: int) -> int:
        """Normalised index of raw index ``r``; a deleted index maps to the next kept char."""
        k = bisect_right(self._raw_starts, r) - 1
        if k < len(self.deletions) and r >= self.deletions[k].start:
            return self._norm_starts[k + 1]
        return self._norm_starts[k] + (r - self._raw_starts[k])

    def span_to_raw(self, s: int, e: int) -> tuple[int, int]:
        """Raw ``[start, end)`` of normalised ``[s, e)``; deletions inside are covered."""
        if e <= s:
            r = self.to_raw(s)
            return r, r
        return self.to_raw(s), self.to_raw(e - 1) + 1

    def clip_markup(self, rs: int, re: int) -> tuple[int, int]:
        """Cut a raw span at the first markup deletion inside it (``**130**项`` → ``130``)."""
        k = bisect_right(self._markup_starts, rs)
        if k < len(self._markup_starts) and self._markup_starts[k] < re:
            return rs, self._markup_starts[k]
        return rs, re

    def deletions_in(self, rs: int, re: int) -> list[Deletion]:
        """Deletions that overlap raw ``[rs, re)``."""
        k = bisect_left(self._ends, rs + 1)
        out = []
        for d in self.deletions[k:]:
            if d.start >= re:
                break
            out.append(d)
        return out
