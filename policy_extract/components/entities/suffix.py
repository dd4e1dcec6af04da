"""Suffix + stem recognizer (``entity_suffixes.json``): a type suffix and the name stem left of it.

A type suffix (…实验室, …集团, …科学城, …大学, …行动) is found by one Aho–Corasick pass
(:meth:`.rules.EntityRules.suffix_hits`); its stem reaches left over name characters,
cut after the last function word / introducing verb (:mod:`.stems`), and generic stems
(国家实验室, 中试平台, 研发中心) are refused.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from ...errors import Errors, RuleFileError
from ...rules.loader import check_keys, load_json, validate_rules
from ...schema import EntityLabel
from .base import _LABELS, _Cand
from .stems import _cut_stem, _stem_ok

if TYPE_CHECKING:
    from .rules import EntityRules

_JOIN = frozenset("与和")


@dataclass(frozen=True)
class SuffixRule:
    id: str
    label: EntityLabel
    min_stem: int
    max_stem: int
    min_residual: int
    stem_pattern: regex.Pattern | None
    not_after: regex.Pattern | None
    require_after: regex.Pattern | None
    keep_leading: bool
    place_stem_ok: bool
    extra_cut: regex.Pattern | None


def load_suffix_rules(name: str = "entity_suffixes.json") -> tuple[list[str], dict[str, SuffixRule]]:
    """Suffix strings (longest first) and the rule each belongs to; a suffix in two rules fails."""
    d = load_json(name)
    check_keys(d, file=name, required=["rules"])
    rules = validate_rules(
        d["rules"], file=name, required=["id", "label", "suffixes"],
        optional=["min_stem", "max_stem", "min_residual", "stem_pattern", "not_after",
                  "require_after", "keep_leading", "place_stem_ok", "extra_cut"],
        regex_keys=["stem_pattern", "not_after", "require_after", "extra_cut"],
        choices={"label": _LABELS},
        types={"suffixes": list, "min_stem": int, "max_stem": int, "min_residual": int,
               "keep_leading": bool, "place_stem_ok": bool},
    )
    by_suffix: dict[str, SuffixRule] = {}
    for i, r in enumerate(rules):
        rule = SuffixRule(
            id=r["id"], label=EntityLabel(r["label"]), min_stem=r.get("min_stem", 2),
            max_stem=r.get("max_stem", 0), min_residual=r.get("min_residual", 1),
            stem_pattern=r.get("_re_stem_pattern"), not_after=r.get("_re_not_after"),
            require_after=r.get("_re_require_after"), keep_leading=r.get("keep_leading", False),
            place_stem_ok=r.get("place_stem_ok", False), extra_cut=r.get("_re_extra_cut"),
        )
        for s in r["suffixes"]:
            if not isinstance(s, str) or not s:
                raise RuleFileError(Errors.E006.format(file=name, index=i, rule_id=r["id"],
                                                       key="suffixes", expected="non-empty strings",
                                                       value=s))
            if s in by_suffix:
                raise RuleFileError(Errors.E040.format(file=name, index=i, rule_id=r["id"],
                                                       what="suffix", value=s,
                                                       other=by_suffix[s].id))
            by_suffix[s] = rule
    return sorted(by_suffix, key=lambda s: (-len(s), s)), by_suffix


def _suffix_candidates(text: str, R: EntityRules, explain: bool) -> list[_Cand]:
    out = []
    # _stem_ok is pure: a name the text repeats is judged once (per text: one in five stems)
    stem_ok: dict[tuple[str, int], bool] = {}
    for s, e, suf in R.suffix_hits(text):
        rule = R.suffix_rule[suf]
        after = text[e : e + 16]
        if rule.not_after is not None and rule.not_after.match(after):
            continue
        if rule.require_after is not None and not rule.require_after.match(after):
            continue
        lo = max(0, s - 40)
        rm = R.run_re.match(text, lo, s)
        run_start = rm.start() if rm else s
        if s - run_start < rule.min_stem:
            continue  # cuts only shorten the stem, so _stem_ok would say "short" anyway
        stem_start, cut = _cut_stem(text, run_start, s, R, rule.label)
        if rule.extra_cut is not None:
            ends = [x.end() for x in rule.extra_cut.finditer(text, stem_start, s)]
            if ends:
                stem_start, cut = ends[-1], "extra_cut"
        # `X·Y…`: when X is a name already (海归小镇·湘商总部基地研发中心), the name starts after it
        dot = text.rfind("·", stem_start, s)
        if dot > stem_start:
            inner = list(R.suffix_re.finditer(text, stem_start, dot, overlapped=True))
            if inner:
                stem_start = max(x.end() for x in inner)
                stem_start, cut = (dot + 1 if stem_start == dot else stem_start), "dot_after_name"
        sm = R.strip_always.match(text[stem_start:s])
        if sm:
            stem_start += sm.end()
        if (rule.label is not EntityLabel.INSTITUTION
                and R.designation_start.match(text[stem_start:s])):
            continue
        if not rule.keep_leading:
            sm = R.strip_leading.match(text[stem_start:s])
            if sm:
                stem_start += sm.end()
        if (rule.label is EntityLabel.PLATFORM and stem_start - 1 > run_start
                and text[stem_start - 1] in _JOIN):
            # `机器人控制与驱动技术创新中心`: 与/和 joins two fields of one platform's name
            # when the part before it names nothing itself (`A实验室与B中心` stays two)
            left = _cut_stem(text, run_start, stem_start - 1, R, rule.label)[0]
            if stem_start - 1 - left >= 2 and not R.suffix_re.search(text, left, stem_start - 1):
                stem_start, cut = left, "joined_fields"
        stem = text[stem_start:s]
        ok = stem_ok.get((stem, id(rule)))
        if ok is None:
            ok = stem_ok[(stem, id(rule))] = _stem_ok(stem, rule, R) is None
        if not ok:
            continue
        out.append(_Cand(stem_start, e, rule.label, rule.id, 1,
                         info=(("suffix", suf), ("cut", cut)) if explain else (), head=s))
    return _split_enterprise_prefix(out, R)


def _split_enterprise_prefix(cands: list[_Cand], R: EntityRules) -> list[_Cand]:
    """A park or body written before a company is not part of it (火炬高新区管委会厦门天马…有限公司)."""
    others = sorted((c.start, c.end) for c in cands if c.label is not EntityLabel.ENTERPRISE)
    if not others:
        return cands
    starts = [os for os, _ in others]  # only the names starting inside the company are looked at
    out = []
    for c in cands:
        if c.label is EntityLabel.ENTERPRISE and c.head > c.start:
            lo, hi = bisect.bisect_left(starts, c.start), bisect.bisect_right(starts, c.head)
            cut = max((oe for _, oe in others[lo:hi] if oe <= c.head), default=-1)
            if cut > c.start:
                if c.head - cut < 2:
                    continue
                c = _Cand(cut, c.end, c.label, c.rule, c.priority, c.canonical,
                          c.info + (("split_after", cut),), c.head)
        out.append(c)
    return out


__all__ = ["SuffixRule", "load_suffix_rules", "_suffix_candidates", "_split_enterprise_prefix"]
