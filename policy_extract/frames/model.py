"""The time-frame result types: plain data, no rules."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

# nesting depth of each kind of frame: a deeper frame inside a shallower one wins
DEPTH = {"genre": 0, "heading": 1, "passage": 2, "list": 3, "sentence": 4}


@dataclass(frozen=True, slots=True)
class Frame:
    """``[start, end)`` of the normalised text, with the status and period it gives."""

    start: int
    end: int
    kind: str  # genre | heading | passage | list | sentence
    rule: str  # the rule id in data/zh/time_frames.json
    cue: str  # the words that opened it
    status: str | None = None  # target | achieved | None (no lean)
    period: str | None = None
    level: int = 0  # numbering level of a heading frame

    @property
    def depth(self) -> int:
        return DEPTH[self.kind]

    @property
    def evidence(self) -> str:
        return f"frame:{self.kind}:{self.rule}:{self.cue}"

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "kind": self.kind, "rule": self.rule,
                "cue": self.cue, "status": self.status, "period": self.period}


# how many frames of one kind a look-up walks back over: enough for nested headings, and a
# bound so that a text of thousands of frames stays linear
_MAX_BACK = 64


@dataclass
class TimeFrames:
    genre: str
    genre_rule: str
    ref_year: int | None
    ref_month: int | None
    ref_from: str | None  # given | dateline | self | title | None
    frames: list[Frame] = field(default_factory=list)
    _by_kind: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.frames.sort(key=lambda f: (f.start, f.depth))
        for kind in sorted(DEPTH, key=DEPTH.get, reverse=True):  # deepest first
            fs = [f for f in self.frames if f.kind == kind]
            if fs:
                self._by_kind[kind] = (fs, [f.start for f in fs])

    def at(self, i: int, need: str = "status") -> Frame | None:
        """The innermost frame holding index ``i`` that gives ``need`` (status or period).

        >>> tf = TimeFrames("report", "r", 2024, 3, "given", [
        ...     Frame(0, 100, "genre", "g", "", "achieved", "2023"),
        ...     Frame(10, 50, "heading", "h", "工作安排", "target", "2024")])
        >>> tf.at(20).rule, tf.at(60).rule, tf.at(200)
        ('h', 'g', None)
        """
        for fs, starts in self._by_kind.values():
            k = bisect.bisect_right(starts, i) - 1
            for j in range(k, max(-1, k - _MAX_BACK), -1):
                f = fs[j]
                if f.end > i and getattr(f, need) is not None:
                    return f
        return None
