"""Whole-name shape recognizer (``entity_shapes.json``): 《…》 titles, N大X行动, “…”行动计划,
“…”-wrapped programme names, national bodies — a regex matches the whole name.

Shape rules that emit ``known_list_items`` / ``named_list_items`` need the names found
first: :mod:`.listed` reads them after the first resolution. The same file holds the
alias declaration pattern read by :mod:`.aliases`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

import regex

from ...errors import Errors, RuleFileError
from ...rules.loader import check_keys, compile_regex, load_json, validate_rules
from ...schema import EntityLabel
from .base import _LABELS, _Cand
from .stems import _cut_stem

if TYPE_CHECKING:
    from .rules import EntityRules

_LIST_SEP = regex.compile(r"、|以及|和|及")
_QUOTED = regex.compile(r"[“\"]([^“”\"]+)[”\"]")
# shape rules whose items are read after the first resolution (they need the names found first)
_LIST_EMITS = ("known_list_items", "named_list_items")


@dataclass(frozen=True)
class ShapeRule:
    id: str
    label: EntityLabel
    pattern: regex.Pattern
    group: int = 0
    emit: str = "span"
    title_end: regex.Pattern | None = None
    trigger: regex.Pattern | None = None  # a cheap part every match contains ...
    window: regex.Pattern | None = None  # ... inside a run of the characters every match is made of
    window_back: regex.Pattern | None = None

    def finditer(self, text: str) -> Iterable[regex.Match]:
        """``pattern.finditer(text)``, but with a trigger only over the runs around its hits.

        Same matches: a match lies inside one run of ``window`` characters and contains a
        trigger hit, so scanning each such run from its start finds what a whole scan finds.

        >>> from policy_extract.components.entities.rules import load_entity_rules
        >>> r = next(s for s in load_entity_rules().shapes if s.trigger is not None)
        >>> t = "推进。实施甲行动、乙行动和丙行动等三大行动，做好丁、戊和己等二大工程"
        >>> [m.span() for m in r.finditer(t)] == [m.span() for m in r.pattern.finditer(t)]
        True
        """
        if self.trigger is None:
            yield from self.pattern.finditer(text)
            return
        done = -1
        for t in self.trigger.finditer(text):
            if t.start() < done:
                continue  # inside a run already scanned
            lo = self.window_back.match(text, 0, t.start()).start()
            hi = self.window.match(text, t.end()).end()
            yield from self.pattern.finditer(text, lo, hi)
            done = hi


def load_shapes(name: str = "entity_shapes.json") -> tuple[list[ShapeRule], regex.Pattern]:
    d = load_json(name)
    check_keys(d, file=name, required=["rules", "alias_declaration"])
    rules = validate_rules(d["rules"], file=name, required=["id", "label", "pattern"],
                           optional=["group", "emit", "title_end", "trigger", "window"],
                           regex_keys=["pattern", "title_end", "trigger", "window"], choices={"label": _LABELS,
                                                                         "emit": ["span", "quoted_items",
                                                                                  "list_items",
                                                                                  "known_list_items",
                                                                                  "named_list_items"]},
                           types={"group": int})
    shapes = []
    for i, r in enumerate(rules):
        if ("trigger" in r) != ("window" in r):
            raise RuleFileError(Errors.E003.format(file=name, index=i, rule_id=r["id"],
                                                   keys=["trigger and window together"]))
        if r.get("emit") in _LIST_EMITS and "window" not in r:
            raise RuleFileError(Errors.E003.format(file=name, index=i, rule_id=r["id"],
                                                   keys=[f"trigger and window ({r['emit']})"]))
        win = r.get("window")
        shapes.append(ShapeRule(
            r["id"], EntityLabel(r["label"]), r["_re_pattern"], r.get("group", 0),
            r.get("emit", "span"), r.get("_re_title_end"), r.get("_re_trigger"),
            None if win is None else regex.compile(f"(?:{win})*", regex.V1),
            None if win is None else regex.compile(f"(?r)(?:{win})*", regex.V1)))
    for i, s in enumerate(shapes):
        if s.group > s.pattern.groups:
            raise RuleFileError(Errors.E006.format(file=name, index=i, rule_id=s.id, key="group",
                                                   expected=f"<= {s.pattern.groups}", value=s.group))
    ad = d["alias_declaration"]
    check_keys(ad, file=f"{name}:alias_declaration", required=["pattern"])
    alias = compile_regex(ad["pattern"], file=name, index="-", rule_id="alias_declaration",
                          key="pattern")
    if alias.groups != 1:
        raise RuleFileError(Errors.E006.format(file=name, index="-", rule_id="alias_declaration",
                                               key="pattern", expected="one capturing group",
                                               value=ad["pattern"]))
    return shapes, alias


def _list_items(text: str, s: int, e: int, rule: ShapeRule, R: EntityRules) -> list[_Cand]:
    """Items of ``A、B…和H`` in ``text[s:e]``; the first loses the verb that introduces the list."""
    out = []
    pos = s
    for m in _LIST_SEP.finditer(text, s, e):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, e))
    first_s, first_e = out[0]
    out[0] = (_cut_stem(text, first_s, first_e, R, rule.label)[0], first_e)
    return [_Cand(a, b, rule.label, rule.id, 2) for a, b in out if b - a >= 2]


def _title_ok(title: str, rule: ShapeRule) -> bool:
    return rule.title_end is None or bool(rule.title_end.search(title.rstrip()))


def _shape_candidates(text: str, R: EntityRules, explain: bool) -> list[_Cand]:
    out = []
    for rule in R.shapes:
        if rule.emit in _LIST_EMITS:
            continue  # needs the names found first: _listed_items
        for m in rule.finditer(text):
            if rule.emit == "list_items":
                out.extend(_list_items(text, m.start(1), m.end(1), rule, R))
                continue
            if rule.emit == "quoted_items":
                for q in _QUOTED.finditer(m.group()):
                    out.append(_Cand(m.start() + q.start(1), m.start() + q.end(1), rule.label,
                                     rule.id, 2))
                continue
            s, e = m.span(rule.group)
            if e <= s or not _title_ok(text[s:e], rule):
                continue
            # a POLICY_DOC is whatever 《》 hold; it outranks names inside the title
            pr = 5 if rule.label is EntityLabel.POLICY_DOC else 2
            out.append(_Cand(s, e, rule.label, rule.id, pr))
    return out


__all__ = ["ShapeRule", "load_shapes", "_list_items", "_title_ok", "_shape_candidates"]
