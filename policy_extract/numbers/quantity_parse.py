"""A figure's text → :class:`QuantityParse` (value, value_max, unit, in-span bound).

Pure functions over the unit table ``data/zh/quantity_units.json`` (read once
through the validating loader). The same compiled pattern is used by the
quantities component to find candidates, so what is found and what is parsed
cannot drift apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..rules.loader import check_keys, load_json, validate_rules
from .cn_numerals import magnitude, parse_cn_number, parse_doubling

UNIT_KINDS = ("percent", "points", "count", "money", "area", "length", "spec", "mass", "volume", "energy",
              "compute", "duration", "duration_strict", "age", "times")

_AR = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN = r"[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?"
_NUM = rf"(?:{_AR}|{_CN}|半)"
_SEP = r"\s?(?:-|—|–|~|～|至|到)\s?"


@dataclass(frozen=True, slots=True)
class Unit:
    id: str
    form: str
    unit: str
    kind: str
    not_followed_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnitTable:
    by_form: dict[str, Unit]
    per_prefix: dict[str, str]
    pattern: regex.Pattern  # the candidate pattern (see candidate_pattern)


@dataclass(frozen=True, slots=True)
class QuantityParse:
    """What the figure's own text says; context (bound words, status) comes later."""

    value: float
    unit: str
    kind: str
    value_max: float | None = None
    bound: str = "eq"  # from 余/多/几 inside the span, or "range"
    rank: bool = False
    unit_form: str = ""


@lru_cache(maxsize=4)
def load_units(name: str = "quantity_units.json") -> UnitTable:
    d = load_json(name)
    check_keys(d, file=name, required=["units", "per_prefix"])
    rules = validate_rules(d["units"], file=name, required=["id", "forms", "kind"],
                           optional=["unit", "not_followed_by"], choices={"kind": UNIT_KINDS},
                           types={"forms": list, "not_followed_by": list, "unit": str})
    by_form: dict[str, Unit] = {}
    for r in rules:
        for f in r["forms"]:
            by_form[f] = Unit(r["id"], f, r.get("unit", f), r["kind"],
                              tuple(r.get("not_followed_by", ())))
    return UnitTable(by_form, dict(d["per_prefix"]), candidate_pattern(by_form))


def candidate_pattern(by_form: dict[str, Unit]) -> regex.Pattern:
    """One pattern for every figure shape: ``(第|前)? N (余|多)? 万? unit? ([-至到] N unit?)?``.

    Units are optional so the match always consumes a whole numeral run; the
    validate step rejects unit-less matches that are not ranks or thresholds.
    """
    units = "|".join(regex.escape(f) for f in sorted(by_form, key=len, reverse=True))
    one = (rf"(?P<nI>{_NUM})(?P<inI>[余多几])?\s?(?P<mI>[十百千万亿]*)"
           rf"(?P<inIb>[余多])?\s?(?P<uI>{units})?")
    pct = rf"百分之(?P<pI>{_NUM})"
    first = f"(?:{pct}|{one})".replace("I>", "1>")
    second = f"(?:{pct}|{one})".replace("I>", "2>").replace("Ib>", "2b>")
    first = first.replace("Ib>", "1b>")
    pat = (rf"(?<![\d.,])(?P<pre>第|前)?(?:{first})(?:(?P<sep>{_SEP})(?:{second}))?"
           rf"|(?P<double>翻[一两二三四]番)")
    return regex.compile(pat, regex.V1)


# group names of each side of a candidate match: (percent, number, magnitude, inside x2, unit)
_SIDE = {i: (f"p{i}", f"n{i}", f"m{i}", f"in{i}", f"in{i}b", f"u{i}") for i in (1, 2)}


def _one(m: regex.Match, i: int) -> tuple[float | None, str | None, str]:
    """(value, unit form, inside bound) of side ``i`` of a candidate match."""
    gp, gn, gm, gi, gib, gu = _SIDE[i]
    p = m[gp]
    if p:
        return parse_cn_number(p), "%", ""
    n = m[gn]
    if n is None:
        return None, None, ""
    v = parse_cn_number(n)
    if v is None:
        return None, None, ""
    v *= magnitude(m[gm] or "")
    if not math.isfinite(v):  # 1 followed by 39 × 亿 is inf: no figure, and not JSON
        return None, None, ""
    inside = m[gi] or m[gib] or ""
    return v, m[gu], inside


def parse_match(m: regex.Match, table: UnitTable | None = None) -> QuantityParse | None:
    """Parse a match of :func:`candidate_pattern`; ``None`` when it is not a figure by itself."""
    t = table or load_units()
    if m["double"]:
        v = parse_doubling(m["double"])
        return None if v is None else QuantityParse(v, "倍", "times")
    v1, u1, in1 = _one(m, 1)
    if v1 is None:
        return None
    v2, u2, in2 = _one(m, 2) if m["sep"] else (None, None, "")
    unit_form = u1 or u2
    vmax = None
    if v2 is not None and (u1 is None or u1 == u2) and u2 is not None and v2 > v1:
        vmax = v2
    elif m["sep"] and u1 is None:
        unit_form = None  # "5至2026年": not a range and no unit of its own
    if unit_form is None:
        return QuantityParse(v1, "", "", rank=bool(m["pre"]))
    u = t.by_form[unit_form]
    bound = "range" if vmax is not None else (_INSIDE.get(in1, "eq"))
    return QuantityParse(v1, u.unit, u.kind, vmax, bound, rank=bool(m["pre"]), unit_form=unit_form)


_INSIDE = {"余": "gt", "多": "gt", "几": "approx"}


def span_end(m: regex.Match, q: QuantityParse) -> int:
    """End of the figure's span: the second side only when it is a real range."""
    if q.value_max is None and m["sep"]:
        return m.end("u1") if m["u1"] else m.end("m1") if m["m1"] else m.end("n1") if m["n1"] else m.end("p1")
    return m.end()


def parse_quantity(text: str, table: UnitTable | None = None) -> QuantityParse | None:
    """Parse a whole figure string (no context).

    >>> q = parse_quantity("1.25万家"); (q.value, q.unit, q.bound)
    (12500.0, '家', 'eq')
    >>> q = parse_quantity("400余项"); (q.value, q.unit, q.bound)
    (400.0, '项', 'gt')
    >>> q = parse_quantity("5%-6%"); (q.value, q.value_max, q.unit, q.bound)
    (5.0, 6.0, '%', 'range')
    >>> q = parse_quantity("5至6个"); (q.value, q.value_max, q.unit, q.bound)
    (5.0, 6.0, '个', 'range')
    >>> q = parse_quantity("百分之五到百分之六"); (q.value, q.value_max, q.unit)
    (5.0, 6.0, '%')
    >>> q = parse_quantity("0.2个百分点"); (q.value, q.unit, q.kind)
    (0.2, '个百分点', 'points')
    >>> q = parse_quantity("第23位"); (q.value, q.unit, q.rank)
    (23.0, '位', True)
    >>> q = parse_quantity("80亿元"); (q.value, q.unit, q.kind)
    (8000000000.0, '元', 'money')
    >>> q = parse_quantity("千项"); (q.value, q.unit)
    (1000.0, '项')
    >>> q = parse_quantity("3‰"); (q.value, q.unit)
    (3.0, '‰')
    >>> q = parse_quantity("2174.6 亿元"); (q.value, q.unit)
    (217460000000.0, '元')
    >>> q = parse_quantity("翻一番"); (q.value, q.unit)
    (2.0, '倍')
    >>> parse_quantity("翻番") is None, parse_quantity("十四五") is None, parse_quantity("abc") is None
    (True, True, True)
    """
    t = table or load_units()
    m = t.pattern.fullmatch(text)
    if not m:
        return None
    q = parse_match(m, t)
    if q is None or not q.unit:
        return None
    return q
