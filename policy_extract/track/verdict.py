"""Did an achieved value meet a target? The rule used is returned with the verdict.

Verdicts: ``met``, ``not met``, ``pending`` (no achieved value for the target's period yet),
``not comparable`` (units or measures that cannot be compared). Rules:

- the target's sense: ``ge``/``gt`` are floors, ``le``/``lt`` ceilings; ``eq``/``approx`` take
  the indicator's direction (more is better: a floor; 居民消费价格, 失业率, 能耗: a ceiling);
  a decline (下降3%) is compared as a signed growth (-3), so 下降5.6% meets 下降3%;
- ``approx`` (左右), and ``eq`` on a percentage, allow a tolerance: 0.5 percentage point for
  percentages, 2% of the target for amounts (``7.4%`` meets ``7.5%左右``);
- a range: a floor at its low end (more is better), a ceiling at its high end, else both;
- units are converted within a family (斤→吨, 公顷→亩, 米→公里); 元 and 美元 are not comparable.

>>> v = judge(target_value=7.5, target_bound="approx", achieved_value=7.4, unit="%", measure="growth",
...           direction="up")
>>> v.verdict, v.rule
('met', 'floor growth vs growth (左右: -0.5 point)')
>>> judge(target_value=3, target_bound="approx", achieved_value=2.6, unit="%", measure="growth",
...       direction="down").verdict
'met'
>>> judge(target_value=900e4, target_bound="ge", achieved_value=1310e4, unit="人", measure="level",
...       direction="up").gap
4100000.0
>>> judge(target_value=3.1, target_bound="ge", achieved_value=5.6, unit="%", measure="growth",
...       direction="down", target_sign=-1, achieved_sign=-1).verdict
'met'
>>> judge(target_value=1, target_bound="eq", achieved_value=1, unit="元", achieved_unit="美元",
...       measure="level", direction="up").verdict
'not comparable'
"""

from __future__ import annotations

from dataclasses import dataclass

PERCENT_UNITS = frozenset({"%", "‰", "个百分点"})
# unit -> (family base unit, factor to the base)
CONVERT: dict[str, tuple[str, float]] = {
    "吨": ("吨", 1.0), "公斤": ("吨", 1e-3), "千克": ("吨", 1e-3), "斤": ("吨", 5e-4),
    "克": ("吨", 1e-6), "担": ("吨", 0.05),
    "亩": ("亩", 1.0), "公顷": ("亩", 15.0), "平方公里": ("亩", 1500.0), "平方米": ("亩", 0.0015),
    "公里": ("公里", 1.0), "千米": ("公里", 1.0), "米": ("公里", 1e-3),
    "千瓦": ("千瓦", 1.0), "兆瓦": ("千瓦", 1e3), "GW": ("千瓦", 1e6), "瓦": ("千瓦", 1e-3),
    "千瓦时": ("千瓦时", 1.0), "度": ("千瓦时", 1.0),
    "人": ("人", 1.0), "名": ("人", 1.0),
}


@dataclass(frozen=True, slots=True)
class Verdict:
    verdict: str
    rule: str
    gap: float | None = None  # achieved - target, in the target's unit (signed for declines)
    converted: str | None = None  # "公顷→亩 ×15" when the achieved value was converted


def convert(value: float, unit: str, to: str) -> tuple[float, str | None] | None:
    """``value`` in ``unit`` expressed in ``to``; None when they are not of one family.

    >>> convert(1.37e12, "斤", "吨")
    (685000000.0, '斤→吨 ×0.0005')
    >>> convert(5, "元", "美元") is None
    True
    """
    if unit == to:
        return value, None
    a, b = CONVERT.get(unit), CONVERT.get(to)
    if a is None or b is None or a[0] != b[0]:
        return None
    f = a[1] / b[1]
    return value * f, f"{unit}→{to} ×{f:g}"


def sense(bound: str, direction: str | None, sign: int = 1) -> str:
    """``floor``, ``ceiling`` or ``band`` for a target's bound, in signed-value space."""
    if bound in ("ge", "gt"):
        s = "floor"
    elif bound in ("le", "lt"):
        s = "ceiling"
    elif direction == "up":
        s = "floor"
    elif direction == "down":
        s = "ceiling"
        if sign < 0:  # 下降3%: the decline is the goal, already a ceiling on the signed value
            return "ceiling"
    else:
        s = "band"
    if sign < 0 and bound in ("ge", "gt", "le", "lt"):
        s = {"floor": "ceiling", "ceiling": "floor"}[s]  # 下降3%以上: signed ≤ -3
    return s


def judge(*, target_value: float, target_bound: str, achieved_value: float, unit: str,
          measure: str, direction: str | None, achieved_unit: str | None = None,
          target_value_max: float | None = None, target_sign: int = 1, achieved_sign: int = 1,
          achieved_measure: str | None = None) -> Verdict:
    """Compare one achieved value with one target (see the module doc for the rules)."""
    amea = achieved_measure or measure
    if amea != measure:
        return Verdict("not comparable", f"{measure} target vs {amea} achieved")
    aunit = achieved_unit or unit
    conv = convert(achieved_value, aunit, unit)
    if conv is None:
        return Verdict("not comparable", f"units differ: {unit} vs {aunit}")
    a_val, note = conv
    a = achieved_sign * a_val
    t = target_sign * target_value
    pct = unit in PERCENT_UNITS
    what = f"{measure} vs {amea}"
    if target_bound == "range" and target_value_max is not None:
        lo, hi = sorted((t, target_sign * target_value_max))
        if direction == "up":
            ok, rule = a >= lo, f"range floor {what} (≥ low end)"
            gap = a - lo
        elif direction == "down":
            ok, rule = a <= hi, f"range ceiling {what} (≤ high end)"
            gap = a - hi
        else:
            ok, rule = lo <= a <= hi, f"range {what} (inside)"
            gap = 0.0 if ok else (a - lo if a < lo else a - hi)
        return Verdict("met" if ok else "not met", rule, round(gap, 6), note)
    s = sense(target_bound, direction, target_sign)
    tol = 0.0
    if target_bound == "approx" or (target_bound == "eq" and pct):
        tol = 0.5 if pct else 0.02 * abs(t)
    tol_note = ""
    if tol:
        tol_note = f" ({'左右' if target_bound == 'approx' else '='}: " + (
            f"{'-' if s == 'floor' else '+'}{tol:g} point)" if pct else f"±2%)")
    gap = a - t
    if s == "floor":
        ok = a > t if target_bound == "gt" else a >= t - tol
    elif s == "ceiling":
        ok = a < t if target_bound == "lt" else a <= t + tol
    else:
        ok = abs(gap) <= max(tol, 1e-9 * max(1.0, abs(t)))
    return Verdict("met" if ok else "not met", f"{s} {what}{tol_note}", round(gap, 6), note)
