"""A figure's indicator span: what is measured, before the figure or, for counts, after it."""

from __future__ import annotations

import regex

from .candidates import _Cand
from .rules import QuantityRules


_PAREN = regex.compile(r"（[^（）\d，。；]{1,10}）")
_NAME_START = regex.compile(r"\p{Han}|[“\"A-Za-z]")


def _after_name(c: _Cand, text: str, hi: int, rules: QuantityRules) -> tuple[int, int] | None:
    """The name written right after a counted figure (300家制造业企业, 200亿元的基金)."""
    ind = rules.ind
    a = c.post
    sk = ind["after_skip"].match(text, a, hi)
    if sk:
        a = sk.end()
    if a >= hi or ind["after_reject"].match(text, a, hi):
        return None
    lv = ind["leading_verbs"].match(text[a:hi])
    if lv and lv.end() < hi - a:
        a += lv.end()
    if not _NAME_START.match(text[a]):
        return None
    pos = a
    b = hi
    while True:
        stop = ind["after_stop"].search(text, pos, hi)
        paren = text.find("（", pos, stop.start() if stop else hi)
        if paren >= 0:
            pm = _PAREN.match(text, paren)
            if pm:  # 科技成果(企业): a short gloss stays in the name
                pos = pm.end()
                continue
            b = paren
            break
        b = stop.start() if stop else hi
        break
    b = min(b, a + 40)
    m = ind["trailing"].search(text, a, b)
    while m and m.start() > a and m.end() == b:
        b = m.start()
        m = ind["trailing"].search(text, a, b)
    if b - a < 2:
        return None
    return a, b


def _indicator(c: _Cand, text: str, lo: int, hi: int, rules: QuantityRules
               ) -> tuple[int, int] | None:
    """The span naming what is measured: after a counted figure (300家制造业企业) or before it."""
    ind = rules.ind
    if c.threshold:
        return None
    if c.table is not None:
        return c.table
    if c.kind in rules.after_units and c.unit != "%" and c.rule != "rank_bare":
        span = _after_name(c, text, hi, rules)
        if span:
            return span
    pre_s, pre_e = lo, c.pre_end
    pre = text[pre_s:pre_e]
    for _ in range(8):
        changed = False
        m = ind["trailing"].search(pre)
        if m and m.start() < len(pre):
            pre = pre[: m.start()]
            changed = True
        m = ind["comparison"].search(pre)
        if m:
            pre = pre[: m.start()]
            changed = True
        if not changed:
            break
    last = None
    for m in ind["verbs"].finditer(pre):
        last = m
    if last is not None:
        if last.end() == len(pre) and ind["verb_as_name"].search(last.group()):
            return pre_s + last.start(), pre_s + last.end()  # 累计培育119家: the verb names it
        pre_s += last.end()
        pre = pre[last.end():]
    while True:
        m = ind["leading"].match(pre) or ind["leading_verbs"].match(pre)
        if not m or not m.group():
            break
        pre_s += m.end()
        pre = pre[m.end():]
    pre = pre.rstrip()
    if len(pre) < 1:
        return None
    return pre_s, pre_s + len(pre)
