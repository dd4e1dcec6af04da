"""Resolution: the recognizers' candidates made flat — longest first, then priority, no overlaps.

Priorities (``_Cand.priority``, higher wins among equal lengths): 5 a 《》 title (which
also outranks any longer span), 4 a declared alias, 3 the gazetteer, 2 a shape, 1 a suffix
rule or a listed name, 0 another occurrence of a name found once.
"""

from __future__ import annotations

import bisect

from .base import _Cand


def _resolve(cands: list[_Cand]) -> list[_Cand]:
    """Flat, non-overlapping: POLICY_DOC titles first, then longest, then priority, then leftmost."""
    order = sorted(cands, key=lambda c: (-(c.priority >= 5), -(c.end - c.start), -c.priority,
                                         c.start))
    taken: list[_Cand] = []
    starts: list[int] = []  # taken spans are disjoint: sorted starts and their ends suffice
    ends: list[int] = []
    for c in order:
        i = bisect.bisect_right(starts, c.start)
        if (i > 0 and ends[i - 1] > c.start) or (i < len(starts) and starts[i] < c.end):
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        taken.append(c)
    return sorted(taken, key=lambda c: c.start)


__all__ = ["_resolve"]
