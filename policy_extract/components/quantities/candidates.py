"""Candidate figures: the unit matches, their comparator words, and the GUIDELINES §1 exclusions (Presidio's invalidate step)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import regex

from ...numbers.quantity_parse import QuantityParse, parse_match, span_end
from .rules import QuantityRules, _GLOSS, _LOOK


# compiled once (a pattern string given to regex.match goes through regex's cache per call)
_CLASS_WORD = regex.compile(r"(?:级|产业|城市|俱乐部)")
_CELL = regex.compile(r"[^|]+")
_DIGIT = regex.compile(r"\d")
_NAMEY = regex.compile(r"\p{Han}{2}|[A-Za-z]{2}")
_BOUND_AFTER = regex.compile(r"(?:以上|以内|以下)")


@dataclass
class _Cand:
    s: int  # normalised span
    e: int
    q: QuantityParse
    rule: str
    unit: str
    kind: str
    bound: str
    bound_word: str = ""
    pre_end: int = 0  # where the text before the figure ends (before a prefix bound word)
    post: int = 0  # end of the figure plus its suffix bound word
    threshold: bool = False
    table: tuple[int, int] | None = None  # indicator cell when the figure sits in a | table row
    header: str = ""  # its column header
    evidence: dict[str, Any] = field(default_factory=dict)


def _excluded(text: str, s: int, e: int, kind: str, rules: QuantityRules) -> str | None:
    gs, gl, gr = rules.exclusion_gate
    if not ((gs is not None and gs.fullmatch(text[s:e])) or
            (gl is not None and gl.search(text[max(0, s - _LOOK):s])) or
            (gr is not None and gr.match(text[e:e + _LOOK]))):
        return None  # no check's first part holds, so none can hold
    span = left = right = None  # sliced on first use
    for rid, kinds, sp, lf, rt in rules.exclusion_checks:
        if kinds and kind not in kinds:
            continue
        if sp is not None:
            if span is None:
                span = text[s:e]
            if not sp.fullmatch(span):
                continue
        if lf is not None:
            if left is None:
                left = text[max(0, s - _LOOK):s]
            if not lf.search(left):
                continue
        if rt is not None:
            if right is None:
                right = text[e:e + _LOOK]
            if not rt.match(right):
                continue
        return rid
    return None


def _prefix_bound(text: str, s: int, rules: QuantityRules, rank: bool) -> tuple[str, str, int]:
    left = text[max(0, s - 6):s]
    if not left.endswith(rules.prefix_words):
        return "", "", s
    for w, bnd, rid, unless, rank_only in rules.prefix_bounds:
        if rank_only and not rank:
            continue
        if left.endswith(w):
            before = left[: len(left) - len(w)]
            if before and before[-1] in unless:
                continue
            return bnd, w, s - len(w)
    return "", "", s


def _suffix_bound(text: str, e: int, kind: str, rules: QuantityRules) -> tuple[str, str, int]:
    gloss = _GLOSS.match(text, e)  # 2000亿元（人民币，下同）以上: the bound follows a gloss
    if gloss and text.startswith(("以上", "左右", "以下", "以内"), gloss.end()):
        e = gloss.end()
    right = text[e:e + 4]
    if not right.startswith(rules.suffix_words):
        return "", "", e
    for w, bnd, rid, kinds in rules.suffix_bounds:
        if kinds and kind not in kinds:
            continue
        if right.startswith(w):
            return bnd, w, e + len(w)
    return "", "", e


def _candidates(text: str, rules: QuantityRules) -> list[_Cand]:
    out: list[_Cand] = []
    units = rules.units
    for m in units.pattern.finditer(text):
        if not (m["u1"] or m["u2"] or m["pre"] or m["p1"] or m["double"] or m["m1"] or
                (m["n1"] and m["n1"][-1] in "万亿")):
            continue  # a bare numeral (一是, 十四五): no unit, no rank, no threshold
        q = parse_match(m, units)
        if q is None:
            continue
        read = _unit_of(text, m, q, rules)
        if read is None:
            continue
        e, rule, unit, kind, threshold = read
        s = m.start()
        if _excluded(text, s, e, kind, rules):
            continue
        if kind == "duration_strict" and not _duration_ok(text, s, e, rules):
            continue
        if rule == "figure" and unit == "%" and m["pre"]:
            continue
        cand = _with_bounds(text, m, q, rules, s, e, rule, unit, kind, threshold)
        if "|" in text[max(0, s - 80):s]:
            cand.table, cand.header = _table_cells(text, s)
        out.append(cand)
    return out


def _unit_of(text: str, m, q: QuantityParse, rules: QuantityRules
             ) -> tuple[int, str, str, str, bool] | None:
    """(end, rule, unit, kind, threshold) of a match, or None when it is no figure: a unit
    character that starts a word, a bare number that is neither a rank nor a class
    threshold (千亿级), a 前 that only makes a rank."""
    units = rules.units
    s, e = m.start(), span_end(m, q)
    rule, unit, kind, threshold = "figure", q.unit, q.kind, False
    if q.unit_form:
        nxt = text[e:e + 3]
        if any(nxt.startswith(x) for x in units.by_form[q.unit_form].not_followed_by):
            return None  # 2024人才, 项目: the unit character starts a word
    if not unit:
        e = m.end("m1") if m["m1"] else m.end("n1") if m["n1"] else m.end()
        num = text[m.start("n1"):m.end("n1")] if m["n1"] else ""
        if m["pre"] and _bare_rank_ok(text, s, e, rules):
            unit, kind, rule = "名", "count", "rank_bare"
        elif num and all(c in "十百千万亿" for c in (m["m1"] or "") + num[-1:]) and \
                _CLASS_WORD.match(text[e:e + 3]) and q.value >= 1e8:
            unit, kind, rule, threshold = "元", "money", "threshold", True
        else:
            return None
    if q.rank and m["pre"] == "前" and rule != "rank_bare":
        return None  # 前 + unit (前3年, 前10名企业) is read only as a bare rank
    return e, rule, unit, kind, threshold


def _with_bounds(text: str, m, q: QuantityParse, rules: QuantityRules, s: int, e: int,
                 rule: str, unit: str, kind: str, threshold: bool) -> _Cand:
    """The candidate with its comparator words before and after it (以上, 超过, 前…)."""
    bound = q.bound
    bnd_p, wp, pre_end = _prefix_bound(text, s, rules, q.rank or rule == "rank_bare")
    for per, base in rules.units.per_prefix.items():
        if text.endswith(per, 0, pre_end):  # 每秒4700万次 → 次/秒
            unit = f"{unit}/{base}"
            pre_end -= len(per)
            break
    if m["pre"] == "前":
        bnd_p, wp = "le", "前"
    bnd_s, ws, post = _suffix_bound(text, e, kind, rules)
    if bnd_s == "ge" and ws in rules.class_words:
        threshold = True  # 千亿元级企业: a class, like a bare 千亿级
    word = ""
    if threshold:
        bound = "ge"
    elif bound == "eq":
        if bnd_s:
            bound, word = bnd_s, ws
        elif bnd_p:
            bound, word = bnd_p, wp
    if unit and m["pre"] and rule == "figure" and kind == "count" and unit in rules.rank_units:
        rule = "rank"
    return _Cand(s, e, q, rule, unit, kind, bound, word, pre_end, post, threshold)


def _table_cells(text: str, s: int) -> tuple[tuple[int, int] | None, str]:
    """For a figure in a ``|`` table row: the row's name cell and the figure's column header."""
    ls = text.rfind("\n", 0, s) + 1
    le = text.find("\n", s)
    le = len(text) if le < 0 else le
    line = text[ls:le]
    if line.count("|") < 2:
        return None, ""
    cells = [(ls + m.start(), ls + m.end()) for m in _CELL.finditer(line)
             if m.group().strip()]
    name = None
    for a, b in cells:
        cell = text[a:b]
        if a > s:
            break
        if not _DIGIT.search(cell) and _NAMEY.search(cell):
            a2 = a + len(cell) - len(cell.lstrip())
            name = (a2, a2 + len(cell.strip()))
            break
    idx_from_right = sum(1 for a, _ in cells if a > s)
    hs = ls
    while hs > 0:  # the block's first line is its header
        ps = text.rfind("\n", 0, hs - 1) + 1
        if text[ps:hs - 1].count("|") < 2:
            break
        hs = ps
    he = text.find("\n", hs)
    header_line = text[hs:he if he >= 0 else len(text)]
    hcells = [c.strip() for c in header_line.split("|") if c.strip()]
    header = ""
    if hs != ls and idx_from_right < len(hcells):
        header = hcells[len(hcells) - 1 - idx_from_right]
    return name, header


def _bare_rank_ok(text: str, s: int, e: int, rules: QuantityRules) -> bool:
    """第一 / 前十 without a unit is a rank only after a ranking word (and 第N before a break):
    a scope (全省第一, 中部第一) or a ranking verb a short scope before it (位居中国家电行业第一)."""
    left = text[max(0, s - 16):s]
    if not rules.rank_left.search(left):
        return False
    if text[s] == "前":
        return True
    right = text[e:e + 1]
    return not right or right in "，。；、！？\n）)"


def _duration_ok(text: str, s: int, e: int, rules: QuantityRules) -> bool:
    left = text[max(0, s - 8):s]
    if rules.duration_cues.search(left):
        return True
    bnd, _, _ = _prefix_bound(text, s, rules, False)
    if bnd and bnd not in ("approx",):
        return True
    return _BOUND_AFTER.match(text[e:e + 2]) is not None
