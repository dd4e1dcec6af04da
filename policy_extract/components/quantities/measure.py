"""A figure's measure (level, growth, share, change, rank) from the cue words around it."""

from __future__ import annotations

from ...schema import Measure
from .candidates import _Cand
from .rules import QuantityRules, _Cue


def decide_measure(c: _Cand, text: str, clause_lo: int, rules: QuantityRules
                   ) -> tuple[Measure, str]:
    if c.rule in ("rank", "rank_bare"):
        return Measure.RANK, "rank"
    pre = text[clause_lo:c.pre_end]
    post = text[c.e:c.e + 8]
    best: tuple[int, _Cue] | None = None
    # "before" cues: the nearest wins; "after" cues look right behind the span
    for cue in rules.measure_cues:
        if cue.kinds and c.kind not in cue.kinds:
            continue
        if _position(cue) == "after":
            if cue.pattern.match(post):
                return Measure(cue.value), cue.id
            continue
        for m in cue.pattern.finditer(pre):
            dist = len(pre) - m.end()
            if cue.max_gap is not None and dist > cue.max_gap:
                continue
            if best is None or dist < best[0] or (dist == best[0] and cue.then_ratio):
                best = (dist, cue)
    if best is not None:
        cue = best[1]
        if cue.then_ratio:  # 提升至3.35%: a level, or a share when a rate is named
            for other in rules.measure_cues:
                if other.value in ("share", "level") and not other.then_ratio and \
                        _position(other) == "before" and other.pattern.search(pre):
                    return Measure(other.value), f"{cue.id}+{other.id}"
            return Measure(rules.percent_default), cue.id
        return Measure(cue.value), cue.id
    if c.kind == "percent":
        return Measure(rules.percent_default), "percent_default"
    return Measure.LEVEL, "default"


def _position(cue: _Cue) -> str:
    return cue.direction
