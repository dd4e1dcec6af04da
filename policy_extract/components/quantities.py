"""``policy_quantities``: figures with value, unit, bound, measure, status, indicator, period.

Steps (GUIDELINES §1), all driven by ``data/zh/quantity_*.json``:

1. candidates: one compiled pattern over ``norm.text`` (numbers/quantity_parse.py);
2. validate / invalidate: a unit or a rank/threshold shape is required, the
   "Not quantities" rules reject dates, codes, names and time frames;
3. context: bound words around the span, measure cues, the indicator cut from
   the clause, the period from year cues, and the status from ConText-style
   cues (:func:`decide_status`, the one place that decides it, so a model can
   override it with the recorded evidence).

Spans are found on the normalised view and reported through
``norm.raw_text`` so they index the raw text and clip at ``**`` like the gold.
"""

from __future__ import annotations

import bisect

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..dates import parse_date
from ..extensions import get_state
from ..frames import TimeFrames, build_frames
from ..numbers.cn_numerals import parse_cn_number
from ..numbers.quantity_parse import UNIT_KINDS, QuantityParse, UnitTable, load_units, parse_match, span_end
from ..rules.loader import check_keys, compile_regex, load_json, validate_rules
from ..schema import Bound, Measure, Quantity, Status, TextSpan
from ..text.dateline import infer_date
from ..text.normalize import NormalizedText
from ..text.segment import Segmentation

_STATUSES = ("target", "achieved", "other")
_MEASURES = tuple(m.value for m in Measure)
_BOUNDS = tuple(b.value for b in Bound)
_CLAUSE_END = regex.compile(r"[，；。：！？\n|]")
_CLAUSE_END_BACK = regex.compile(r"(?r)[，；。：！？\n|]")  # the same, searched right to left
_GLOSS = regex.compile(r"（[^（）\n]{1,10}）")
_LOOK = 40  # characters of left context the exclusion and bound rules may see


# ----------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class _Cue:
    id: str
    pattern: regex.Pattern
    value: str  # status or measure
    direction: str = "forward"
    scope: str = "sentence"
    strength: int = 1
    kinds: frozenset[str] = frozenset()
    max_gap: int | None = None
    future_only: bool = False
    requirement: bool = False
    then_ratio: bool = False
    doc_kinds: frozenset[str] = frozenset()  # document kinds the cue applies in (all when empty)
    timed: bool = False  # an `other` cue whose figure still has a period (a forecast of 全年)


@dataclass(frozen=True)
class QuantityRules:
    """Every data file of the stage, compiled once."""

    units: UnitTable
    prefix_bounds: tuple[tuple[str, str, str, frozenset[str], bool], ...]  # word, bound, id, unless, rank
    suffix_bounds: tuple[tuple[str, str, str, frozenset[str]], ...]
    exclusions: tuple[dict[str, Any], ...]
    duration_cues: regex.Pattern
    status_cues: tuple[_Cue, ...]
    plan_title: regex.Pattern
    review_title: regex.Pattern
    title_chars: int
    headline_chars: int
    title_period_chars: int
    measure_cues: tuple[_Cue, ...]
    percent_default: str
    rank_units: frozenset[str]
    rank_left: regex.Pattern
    growth_nouns: regex.Pattern
    criteria_title: regex.Pattern
    title_weight: int
    class_words: frozenset[str]  # suffix bound words that make a money figure a class threshold
    plan_threshold: float  # cue balance above which an untitled text is a plan
    lean: tuple[float, float, float]  # paragraph lean: ratio, min weight, weight of a weak cue
    periods: tuple[dict[str, Any], ...]
    explicit_period_ids: frozenset[str]
    section_paragraphs: int
    heading_chars: int
    period_barrier: regex.Pattern
    ind: dict[str, regex.Pattern]
    after_units: frozenset[str]
    # exclusions as (id, kinds, span, left, right) with None for an absent part, so
    # the per-candidate check does no dict lookups
    exclusion_checks: tuple[tuple[str, frozenset[str], Any, Any, Any], ...] = ()
    # (span, left, right) alternations of each check's first part: a necessary condition
    # of any exclusion, so most figures are cleared by three regex calls
    exclusion_gate: tuple[Any, Any, Any] = (None, None, None)
    # every prefix / suffix bound word: one endswith/startswith call clears most figures
    prefix_words: tuple[str, ...] = ()
    suffix_words: tuple[str, ...] = ()
    prefix_word_set: frozenset[str] = frozenset()


def _cues(rules: list[dict], file: str, value_key: str) -> tuple[_Cue, ...]:
    return tuple(
        _Cue(r["id"], r["_re_pattern"], r[value_key], r.get("direction", r.get("position", "forward")),
             r.get("scope", "clause"), int(r.get("strength", 1)), frozenset(r.get("kinds", ())),
             r.get("max_gap"), bool(r.get("future_only")), bool(r.get("requirement")),
             bool(r.get("then_ratio")), frozenset(r.get("doc_kinds", ())), bool(r.get("timed")))
        for r in rules)


@lru_cache(maxsize=2)
def load_quantity_rules() -> QuantityRules:
    """Read and validate the stage's data files (fails naming file and rule)."""
    units = load_units()
    b = load_json("quantity_bounds.json")
    check_keys(b, file="quantity_bounds.json", required=["prefix", "suffix", "inside"])
    pre = validate_rules(b["prefix"], file="quantity_bounds.json:prefix",
                         required=["id", "words", "bound"], optional=["unless_after", "rank_only"],
                         choices={"bound": _BOUNDS}, types={"words": list})
    suf = validate_rules(b["suffix"], file="quantity_bounds.json:suffix",
                         required=["id", "words", "bound"], optional=["kinds", "class"],
                         choices={"bound": _BOUNDS}, types={"words": list})
    prefix = sorted(((w, r["bound"], r["id"], frozenset(r.get("unless_after", ())),
                      bool(r.get("rank_only"))) for r in pre for w in r["words"]),
                    key=lambda x: -len(x[0]))
    suffix = sorted(((w, r["bound"], r["id"], frozenset(r.get("kinds", ()))) for r in suf
                     for w in r["words"]), key=lambda x: -len(x[0]))

    ex = load_json("quantity_exclusions.json")
    check_keys(ex, file="quantity_exclusions.json", required=["rules", "duration_cues"])
    exr = validate_rules(ex["rules"], file="quantity_exclusions.json", required=["id", "reason"],
                         optional=["span", "left", "right", "kinds"],
                         regex_keys=["span", "left", "right"])
    for i, r in enumerate(exr):
        bad = set(r.get("kinds", ())) - set(UNIT_KINDS)
        if bad:
            from ..errors import Errors, RuleFileError

            raise RuleFileError(Errors.E006.format(file="quantity_exclusions.json", index=i,
                                                   rule_id=r["id"], key="kinds",
                                                   expected=f"unit kinds {UNIT_KINDS}", value=sorted(bad)))
    dur = "|".join(regex.escape(w) for w in sorted(ex["duration_cues"]["words"], key=len, reverse=True))

    st = load_json("quantity_status_cues.json")
    check_keys(st, file="quantity_status_cues.json", required=["cues", "document_kind"])
    stc = validate_rules(st["cues"], file="quantity_status_cues.json",
                         required=["id", "pattern", "status", "direction", "scope", "strength"],
                         optional=["kinds", "max_gap", "future_only", "requirement", "doc_kinds",
                                   "timed", "comment"],
                         regex_keys=["pattern"], choices={
                             "status": _STATUSES,
                             "scope": ("clause", "sentence", "full_sentence", "paragraph"),
                             "direction": ("forward", "backward", "both", "after_span", "before_span")})
    dk = st["document_kind"]
    check_keys(dk, file="quantity_status_cues.json:document_kind",
               required=["plan_title", "review_title", "criteria_title", "title_chars",
                         "headline_chars", "title_period_chars", "title_weight", "plan_threshold",
                         "paragraph_lean"])
    check_keys(dk["paragraph_lean"], file="quantity_status_cues.json:document_kind.paragraph_lean",
               required=["ratio", "min_weight", "weak_weight"])
    pl = dk["paragraph_lean"]

    me = load_json("quantity_measure_cues.json")
    check_keys(me, file="quantity_measure_cues.json", required=["cues", "percent_default", "rank_units",
                                                               "rank_left", "growth_nouns"])
    mec = validate_rules(me["cues"], file="quantity_measure_cues.json",
                         required=["id", "pattern", "measure", "position"],
                         optional=["kinds", "max_gap", "then_ratio"], regex_keys=["pattern"],
                         choices={"measure": _MEASURES, "position": ("before", "after")})

    pe = load_json("quantity_periods.json")
    check_keys(pe, file="quantity_periods.json", required=["cues", "barrier", "section"])
    check_keys(pe["section"], file="quantity_periods.json:section",
               required=["paragraphs", "heading_chars", "description"])
    per = validate_rules(pe["cues"], file="quantity_periods.json", required=["id", "pattern", "kind"],
                         optional=["period", "offset"], regex_keys=["pattern"],
                         choices={"kind": ("fixed", "year", "cn_year", "year_range", "relative", "recent_n",
                                           "next_n", "base", "since")})

    ind = load_json("quantity_indicator.json")
    keys = ["verbs", "trailing_verbs", "leading_verbs", "comparison", "leading", "after_stop",
            "after_skip", "after_reject", "verb_as_name"]
    check_keys(ind, file="quantity_indicator.json", required=keys + ["after_units"])
    f = "quantity_indicator.json"
    ind_re = {
        "verbs": compile_regex(f"(?:{ind['verbs']})", file=f, index="-", rule_id="verbs", key="verbs"),
        "trailing": compile_regex(f"(?:{ind['trailing_verbs']})$", file=f, index="-",
                                  rule_id="trailing_verbs", key="trailing_verbs"),
        "leading_verbs": compile_regex(f"^(?:{ind['leading_verbs']})", file=f, index="-",
                                       rule_id="leading_verbs", key="leading_verbs"),
        "comparison": compile_regex(ind["comparison"], file=f, index="-", rule_id="comparison",
                                    key="comparison"),
        "leading": compile_regex(ind["leading"], file=f, index="-", rule_id="leading", key="leading"),
        "after_stop": compile_regex(ind["after_stop"], file=f, index="-", rule_id="after_stop",
                                    key="after_stop"),
        "after_skip": compile_regex(ind["after_skip"], file=f, index="-", rule_id="after_skip",
                                    key="after_skip"),
        "verb_as_name": compile_regex(f"(?:{ind['verb_as_name']})$", file=f, index="-",
                                      rule_id="verb_as_name", key="verb_as_name"),
        "after_reject": compile_regex(ind["after_reject"], file=f, index="-", rule_id="after_reject",
                                      key="after_reject"),
    }
    return QuantityRules(
        units=units, prefix_bounds=tuple(prefix), suffix_bounds=tuple(suffix),
        prefix_words=tuple(p[0] for p in prefix), suffix_words=tuple(x[0] for x in suffix),
        prefix_word_set=frozenset(p[0] for p in prefix),
        exclusions=tuple(exr), duration_cues=regex.compile(f"(?:{dur})$"),
        status_cues=_cues(stc, "status", "status"),
        plan_title=compile_regex(dk["plan_title"], file="quantity_status_cues.json", index="-",
                                 rule_id="plan_title", key="plan_title"),
        review_title=compile_regex(dk["review_title"], file="quantity_status_cues.json", index="-",
                                   rule_id="review_title", key="review_title"),
        title_chars=int(dk["title_chars"]), headline_chars=int(dk["headline_chars"]),
        title_period_chars=int(dk["title_period_chars"]),
        measure_cues=_cues(mec, "measure", "measure"),
        percent_default=me["percent_default"], rank_units=frozenset(me["rank_units"]),
        rank_left=compile_regex(me["rank_left"], file="quantity_measure_cues.json", index="-",
                                rule_id="rank_left", key="rank_left"),
        title_weight=int(dk["title_weight"]), plan_threshold=float(dk["plan_threshold"]),
        class_words=frozenset(w for r in suf if r.get("class") for w in r["words"]),
        lean=(float(pl["ratio"]), float(pl["min_weight"]), float(pl["weak_weight"])),
        growth_nouns=compile_regex(me["growth_nouns"], file="quantity_measure_cues.json", index="-",
                                   rule_id="growth_nouns", key="growth_nouns"),
        criteria_title=compile_regex(dk["criteria_title"], file="quantity_status_cues.json",
                                     index="-", rule_id="criteria_title", key="criteria_title"),
        periods=tuple(per),
        explicit_period_ids=frozenset(r["id"] for r in per if r["kind"] in ("fixed", "year", "cn_year", "year_range")),
        section_paragraphs=int(pe["section"]["paragraphs"]),
        heading_chars=int(pe["section"]["heading_chars"]),
        period_barrier=compile_regex(pe["barrier"], file="quantity_periods.json",
                                                         index="-", rule_id="barrier", key="barrier"),
        ind=ind_re, after_units=frozenset(ind["after_units"]),
        exclusion_checks=tuple((r["id"], frozenset(r.get("kinds", ())), r.get("_re_span"),
                                r.get("_re_left"), r.get("_re_right")) for r in exr),
        exclusion_gate=_exclusion_gate(exr),
    )


def _exclusion_gate(exr: list[dict]) -> tuple[Any, Any, Any]:
    """One alternation per part, of the checks whose first present part it is.

    The gate is only asked whether a match exists, so the left one searches right to
    left: left-context checks end at the figure (``…$``), found at once from that end.
    """
    first: dict[str, list[str]] = {"span": [], "left": [], "right": []}
    for r in exr:
        k = next(k for k in ("span", "left", "right") if r.get(k) is not None)
        first[k].append(f"(?:{r[k]})")
    return tuple(regex.compile(("(?r)" if k == "left" else "") + "|".join(first[k]), regex.V1)
                 if first[k] else None for k in ("span", "left", "right"))


# ----------------------------------------------------------------------------- candidates


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
        s = m.start()
        e = span_end(m, q)
        rule = "figure"
        unit, kind = q.unit, q.kind
        threshold = False
        if q.unit_form:
            u = units.by_form[q.unit_form]
            nxt = text[e:e + 3]
            if any(nxt.startswith(x) for x in u.not_followed_by):
                continue  # 2024人才, 项目: the unit character starts a word
        if not unit:
            n_end = m.end("m1") if m["m1"] else m.end("n1") if m["n1"] else m.end()
            e = n_end
            num = text[m.start("n1"):m.end("n1")] if m["n1"] else ""
            if m["pre"] and _bare_rank_ok(text, s, e, rules):
                unit, kind, rule = "名", "count", "rank_bare"
            elif num and all(c in "十百千万亿" for c in (m["m1"] or "") + num[-1:]) and \
                    regex.match(r"(?:级|产业|城市|俱乐部)", text[e:e + 3]) and q.value >= 1e8:
                unit, kind, rule, threshold = "元", "money", "threshold", True
            else:
                continue
        if q.rank and m["pre"] == "前" and rule != "rank_bare":
            continue  # 前 + unit (前3年, 前10名企业) is read only as a bare rank
        why = _excluded(text, s, e, kind, rules)
        if why:
            continue
        if kind == "duration_strict" and not _duration_ok(text, s, e, rules):
            continue
        if rule == "figure" and unit == "%" and m["pre"]:
            continue
        bound = q.bound
        bnd_p, wp, pre_end = _prefix_bound(text, s, rules, q.rank or rule == "rank_bare")
        for per, base in units.per_prefix.items():
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
        cand = _Cand(s, e, q, rule, unit, kind, bound, word, pre_end, post, threshold)
        if "|" in text[max(0, s - 80):s]:
            cand.table, cand.header = _table_cells(text, s)
        out.append(cand)
    return out


def _table_cells(text: str, s: int) -> tuple[tuple[int, int] | None, str]:
    """For a figure in a ``|`` table row: the row's name cell and the figure's column header."""
    ls = text.rfind("\n", 0, s) + 1
    le = text.find("\n", s)
    le = len(text) if le < 0 else le
    line = text[ls:le]
    if line.count("|") < 2:
        return None, ""
    cells = [(ls + m.start(), ls + m.end()) for m in regex.finditer(r"[^|]+", line)
             if m.group().strip()]
    name = None
    for a, b in cells:
        cell = text[a:b]
        if a > s:
            break
        if not regex.search(r"\d", cell) and regex.search(r"\p{Han}{2}|[A-Za-z]{2}", cell):
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
    return regex.match(r"(?:以上|以内|以下)", text[e:e + 2]) is not None


# ----------------------------------------------------------------------------- context


@dataclass
class _DocContext:
    year: int | None
    month: int | None
    kind: str  # plan | review | unknown
    period: str | None
    kind_evidence: str
    dated: bool = True  # the year comes from the publication date, not from the text


# A clause is looked for at most this far back: cue, measure and indicator scans per figure
# stay bounded, so a text of figures with no punctuation is linear, not quadratic.
_MAX_CLAUSE_BACK = 160


def _clause_start(text: str, lo: int, s: int) -> int:
    lo = max(lo, s - _MAX_CLAUSE_BACK)
    m = _CLAUSE_END_BACK.search(text, lo, max(lo, s))  # the last clause end before s
    return m.end() if m else lo


def _clause_ends(text: str) -> list[int]:
    """Every clause end of the text, sorted: found once, so no figure scans its clause.

    >>> _clause_ends("增长5%，达到3亿元。")
    [4, 10]
    """
    return [m.start() for m in _CLAUSE_END.finditer(text)]


def _clause_end(ends: list[int], e: int, hi: int) -> int:
    """The first clause end in ``[e, hi)``, else ``hi`` (``ends``: :func:`_clause_ends`).

    A bisection, not a search from ``e``: many figures in one unpunctuated clause
    each searched to its end, quadratic in the clause.

    >>> _clause_end([4, 10], 2, 20), _clause_end([4, 10], 5, 8), _clause_end([4, 10], 4, 20)
    (4, 8, 4)
    """
    i = bisect.bisect_left(ends, e)
    return ends[i] if i < len(ends) and ends[i] < hi else hi


def _complete_year(year: int, month: int | None) -> int:
    """The latest year a text of ``year``/``month`` can report in full (这十年, 2012年来).

    >>> _complete_year(2022, 9), _complete_year(2025, 12), _complete_year(2023, None)
    (2021, 2025, 2023)
    """
    return year - 1 if month is not None and month < 12 else year


def _resolve_period(cue: dict, m: regex.Match, year: int | None,
                    month: int | None = None) -> str | None:
    k = cue["kind"]
    if k == "base":
        return ""  # a comparison base (比2020年): occupies the text, gives no period
    if k == "fixed":
        return cue["period"]
    if k == "year":
        return m["y"]
    if k == "cn_year":  # 一九七七年: digit by digit
        return "".join(str("〇一二三四五六七八九".index(ch)) if ch != "零" else "0" for ch in m["y"])
    if k == "year_range":
        return f"{m['y1']}-{m['y2']}"
    if year is None:
        return None
    if k == "since":
        y0, y1 = int(m["y"]), _complete_year(year, month)
        return f"{y0}-{y1}" if y1 > y0 else None
    if k == "relative":
        a, b = cue["offset"]
        return str(year + a) if a == b else f"{year + a}-{year + b}"
    n = parse_cn_number(m["n"]) if m["n"] else None
    if n is None or n < 1 or n > 20:
        return None
    n = int(n)
    if k == "recent_n":
        year = _complete_year(year, month)  # 这十年, 近五年: years already complete
        return f"{year - n + 1}-{year}" if n > 1 else str(year)
    return f"{year + 1}-{year + n}" if n > 1 else str(year + 1)


def _period_end(p: str | None) -> int | None:
    if not p:
        return None
    try:
        return int(p[-4:])
    except ValueError:
        return None


def _period_matches(text: str, rules: QuantityRules) -> list[tuple[dict, regex.Match]]:
    """Every match of every period cue, (cue, match): found once, resolved per year."""
    return [(cue, m) for cue in rules.periods for m in cue["_re_pattern"].finditer(text)]


def _period_hits(text: str, rules: QuantityRules, year: int | None, month: int | None = None,
                 matches: list[tuple[dict, regex.Match]] | None = None
                 ) -> list[tuple[int, int, str, str]]:
    """Every period cue in the text: (start, end, period, cue id), sorted."""
    hits = []
    for cue, m in _period_matches(text, rules) if matches is None else matches:
        p = _resolve_period(cue, m, year, month)
        if p is not None:
            hits.append((m.start(), m.end(), p, cue["id"]))
    hits.sort()
    # a year inside a year range is not a cue of its own
    out = []
    for h in hits:
        if out and h[0] < out[-1][1]:
            if h[1] - h[0] > out[-1][1] - out[-1][0]:
                out[-1] = h
            continue
        out.append(h)
    return [h for h in out if h[2]]


_LEAD_BREAK = regex.compile(r"[，。,；;！？]")


def _headline_match(pattern: regex.Pattern, title: str) -> regex.Match | None:
    """A title word that names the document: before any clause break (a news lead,
    10月20日上午，记者从…“十四五”规划…发布会获悉, is no plan).

    >>> import regex
    >>> p = regex.compile("规划|方案")
    >>> _headline_match(p, "长沙市“十五五”科技创新规划").group()
    '规划'
    >>> _headline_match(p, "10月20日上午,记者从云南省“高质量完成‘十四五’规划”发布会获悉") is None
    True
    """
    m = pattern.search(title)
    return None if m is None or _LEAD_BREAK.search(title, 0, m.start()) else m


def _doc_context(text: str, date: str | None, rules: QuantityRules,
                 period_hits: list[tuple[int, int, str, str]], hits: _CueIndex | None = None
                 ) -> _DocContext:
    year = month = None
    if date:
        try:
            d = parse_date(date)
            year, month = d.year, d.month
        except ValueError:
            pass
    # the title is the first line (a headline), at most headline_chars: a body
    # sentence that mentions 目标 or 规划 says nothing about the document's kind
    head = len(text) - len(text.lstrip())
    line_end = text.find("\n", head)
    # (a byline joined to the speech below it by a soft break, 市长 卿渐伟 / 同志们：…讲几个方面的意见,
    # is no headline naming the document's kind)
    line_end = min(head + rules.headline_chars, len(text) if line_end < 0 else line_end)
    title = text[:line_end]
    score = 0.0
    notes = []
    mr = _headline_match(rules.review_title, title)
    mp = _headline_match(rules.plan_title, title)
    if mr:
        score -= rules.title_weight
        notes.append(f"title:{mr.group()}")
    if mp:
        score += rules.title_weight
        notes.append(f"title:{mp.group()}")
    n_t = n_a = 0
    if hits is None:
        hits = _CueIndex(text, rules.status_cues)
    for ci, cue in enumerate(rules.status_cues):
        if cue.value == "other" or cue.strength < 2 or cue.direction not in ("forward", "both"):
            continue
        n = hits.count(ci)
        if cue.value == "target":
            n_t += n
        else:
            n_a += n
    score += (n_t - n_a) / max(1.0, (n_t + n_a) ** 0.5)
    notes.append(f"cues:{n_t}t/{n_a}a")
    kind = "plan" if score > rules.plan_threshold else "review" if score < -0.5 else "unknown"
    # criteria are announced in the opening body (须符合以下条件), not only in the headline
    mc = rules.criteria_title.search(text, 0, rules.title_chars)
    if mc and not mr:
        kind = "criteria"
        notes.append(f"title:{mc.group()}")
    ev = ",".join(notes)
    counts = Counter(p for _, _, p, _ in period_hits)
    explicit = rules.explicit_period_ids
    # the first line's own period (湘潭县2022年…统计公报, “十四五”规划, 2026年，是…开局之年)
    title_period = next((p for hs, _, p, cid in period_hits
                         if hs < min(line_end, head + rules.title_period_chars) and cid in explicit),
                        None)
    dated = year is not None
    period = title_period
    if period is None and dated and counts:
        period, n = counts.most_common(1)[0]
        if n < 3:
            period = str(year)  # no period dominates: the document's own year
    elif period is None and dated:
        period = str(year)
    # an undated text without a period in its title gives no default period: a
    # stock it reports (已集聚6家) is of an unknown year
    if year is None and title_period and len(title_period) == 4:
        year = int(title_period)  # an undated text is of the year its title names
    elif year is None and counts:
        # else it is written no later than the latest year it names
        year = max(e for e in (_period_end(p) for p in counts) if e is not None)
    return _DocContext(year, month, kind, period, ev, dated)


class _CueIndex:
    """Every match of the window cues (forward/backward/both), found once per document.

    A figure then looks up the nearest hits on each side by bisection instead of
    rescanning its sentence or paragraph per cue, so time stays linear even
    for one long paragraph full of figures.
    """

    def __init__(self, text: str, cues: tuple[_Cue, ...]) -> None:
        self.lean: dict[tuple[int, int], tuple[str, str] | None] = {}  # per paragraph
        self.sentence_ends: list[int] | None = None  # 。！？ and line ends, found when first asked
        self.hits: list[list[tuple[int, int, str]]] = []
        self.starts: list[list[int]] = []
        for cue in cues:
            ms = [] if cue.direction in ("after_span", "before_span") else \
                [(m.start(), m.end(), m.group()) for m in cue.pattern.finditer(text)]
            self.hits.append(ms)
            self.starts.append([h[0] for h in ms])

    def count(self, i: int) -> int:
        return len(self.hits[i])


def _usable(cue: _Cue, word: str, dist: int, doc: _DocContext) -> bool:
    """A cue hit ``dist`` characters from the figure within its gap, and not a past deadline."""
    if cue.max_gap is not None and dist > cue.max_gap:
        return False
    if cue.future_only:
        end = _period_end(_period_from_text(word, doc.year))
        if end is not None and doc.year is not None and end < doc.year:
            return False
        if end is not None and doc.year is not None and end == doc.year and \
                doc.month is not None and doc.month >= 12:
            return False
    return True


_SENTENCE_END = regex.compile(r"[。！？\n]")


def _full_sentence(text: str, sent: tuple[int, int], para: tuple[int, int],
                   hits: _CueIndex) -> tuple[int, int]:
    """The segmenter sentence ``sent`` widened to 。！？ across the ；s that end sentences
    (预计全年实现…；实现…。), inside its paragraph: a bisection over the text's sentence
    ends, found once per text (as :func:`_clause_ends` does for clauses)."""
    if hits.sentence_ends is None:
        hits.sentence_ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    ends = hits.sentence_ends
    s0, s1 = sent
    i = bisect.bisect_left(ends, s0)
    lo = ends[i - 1] + 1 if i else 0
    j = bisect.bisect_left(ends, s1 - 1)
    hi = ends[j] + 1 if j < len(ends) else len(text)
    return min(max(lo, para[0]), s0), max(min(hi, para[1]), s1)


def decide_status(c: _Cand, text: str, sent: tuple[int, int], clause: tuple[int, int],
                  para: tuple[int, int], period: str | None, doc: _DocContext,
                  rules: QuantityRules, period_scope: str = "", hits: _CueIndex | None = None
                  ) -> tuple[Status, dict[str, Any]]:
    """The one place that sets ``status`` (a later model can override it from the evidence).

    Order: ``other`` cues in the clause > strong target > requirement > strong
    achieved > weak target > weak achieved > period vs document date >
    document kind (plan → target, review → achieved).
    """
    best: dict[str, tuple[int, str, int]] = {}  # slot -> (distance, cue id, strength)

    def consider(slot: str, cue: _Cue, dist: int, word: str) -> None:
        if slot not in best or dist < best[slot][0]:
            best[slot] = (dist, f"{cue.id}:{word}", cue.strength)

    right_text = text[c.post:clause[1]]
    scopes = {"clause": clause, "sentence": sent, "paragraph": para}
    if hits is None:
        hits = _CueIndex(text, rules.status_cues)
    for ci, cue in enumerate(rules.status_cues):
        ms = hits.hits[ci]
        if not ms and cue.direction not in ("after_span", "before_span"):
            continue  # a window cue with no hit in the document
        if cue.kinds and c.kind not in cue.kinds:
            continue
        if cue.doc_kinds and doc.kind not in cue.doc_kinds:
            continue
        if cue.direction == "after_span":
            m = cue.pattern.search(right_text)
            if m:
                consider("other", cue, 0, m.group())
            continue
        if cue.direction == "before_span":
            m = cue.pattern.search(text[clause[0]:c.pre_end])
            if m:
                consider("other", cue, 0, m.group())
            continue
        if cue.scope not in scopes:  # "full_sentence": only for a cue with hits in the text
            scopes["full_sentence"] = _full_sentence(text, sent, para, hits)
        lo, hi = scopes[cue.scope]
        plain = cue.max_gap is None and not cue.future_only
        # only the nearest usable cue on each side matters (consider keeps the minimum);
        # nearest hit inside [lo, c.s) / [c.e, hi) by bisection, walked inline (per figure x cue)
        starts = hits.starts[ci]
        found = []
        if cue.direction in ("forward", "both"):
            f = None
            j = bisect.bisect_left(starts, c.s) - 1
            while j >= 0 and ms[j][0] >= lo:
                _, he, w = ms[j]
                if he <= c.s and (plain or _usable(cue, w, c.s - he, doc)):
                    f = (c.s - he, w)
                    break
                j -= 1
            found.append(f)
        if cue.direction in ("backward", "both"):
            f = None
            j = bisect.bisect_left(starts, c.e)
            while j < len(ms) and ms[j][0] < hi:
                hs, he, w = ms[j]
                if he <= hi and (plain or _usable(cue, w, hs - c.e, doc)):
                    f = (hs - c.e, w)
                    break
                j += 1
            found.append(f)
        for f in found:
            if f is None:
                continue
            if cue.value == "other":
                slot = "requirement" if cue.requirement else "other"
            else:
                slot = f"{cue.value}{cue.strength}"
            consider(slot, cue, f[0], f[1])
    ev: dict[str, Any] = {}
    if c.header:  # a table column (2024年目标 | 2024年实际完成情况) says it for the whole column
        for cue in rules.status_cues:
            if cue.value != "other" and cue.direction in ("forward", "both") and \
                    cue.pattern.search(c.header):
                ev["status_cue"] = f"table_header:{c.header}"
                return Status(cue.value), ev
    if "other" in best:
        ev["status_cue"] = best["other"][1]
        return Status.OTHER, ev
    if c.kind in ("spec", "duration_strict", "age") or c.threshold:
        ev["status_cue"] = f"unit_kind:{c.kind}"
        return Status.OTHER, ev
    end = _period_end(period)
    if end is not None and doc.year is not None and end > doc.year and \
            period_scope == "clause":  # 2023年新开工项目9个: its own year says it is ahead
        ev["status_cue"] = f"period:{period}>doc"
        return Status.TARGET, ev
    for slot, status in (("target2", Status.TARGET), ("requirement", Status.OTHER),
                         ("achieved2", Status.ACHIEVED), ("target1", Status.TARGET)):
        if slot in best:
            ev["status_cue"] = best[slot][1]
            return status, ev
    end = _period_end(period)
    if end is not None and doc.year is not None:
        if end > doc.year:
            ev["status_cue"] = f"period:{period}>doc"
            return Status.TARGET, ev
        if end < doc.year:
            ev["status_cue"] = f"period:{period}<doc"
            return Status.ACHIEVED, ev
    lean = _paragraph_lean(para, hits, rules)
    if lean is not None:
        ev["status_cue"] = f"paragraph:{lean[1]}"
        return Status(lean[0]), ev
    # 达/实现 are no sign of the past in a plan ("数量达1.25万家" is its target)
    if "achieved1" in best and doc.kind != "plan":
        ev["status_cue"] = best["achieved1"][1]
        return Status.ACHIEVED, ev
    if doc.kind == "plan":
        ev["status_cue"] = f"document:{doc.kind_evidence}"
        return Status.TARGET, ev
    if doc.kind == "criteria":
        ev["status_cue"] = f"document:{doc.kind_evidence}"
        return Status.OTHER, ev
    ev["status_cue"] = f"document:{doc.kind_evidence or 'default'}"
    return Status.ACHIEVED, ev


def _paragraph_lean(para: tuple[int, int], hits: _CueIndex, rules: QuantityRules
                    ) -> tuple[str, str] | None:
    """``(status, evidence)`` when the paragraph's target and achieved cues lean clearly one way.

    For a figure no cue of its own decides: in a work report the review paragraphs
    (去年…新增…增至) and the plan paragraphs (2024年…将…力争) sit in one document, so
    the paragraph says more than the document's kind. Strong cues weigh 1, weak ones
    ``weak_weight``; the paragraph leans when one side has ``ratio`` times the other
    and both together at least ``min_weight``.
    """
    if para in hits.lean:
        return hits.lean[para]
    ratio, min_w, weak_w = rules.lean
    lo, hi = para
    w = {"target": 0.0, "achieved": 0.0}
    for ci, cue in enumerate(rules.status_cues):
        if cue.value == "other" or cue.direction not in ("forward", "both"):
            continue
        st = hits.starts[ci]
        n = bisect.bisect_left(st, hi) - bisect.bisect_left(st, lo)
        if n:
            w[cue.value] += n * (1.0 if cue.strength >= 2 else weak_w)
    t, a = w["target"], w["achieved"]
    lean = None
    if t + a >= min_w:
        if a >= ratio * t:
            lean = "achieved", f"{t:g}t/{a:g}a"
        elif t >= ratio * a:
            lean = "target", f"{t:g}t/{a:g}a"
    hits.lean[para] = lean  # every figure of the paragraph asks the same
    return lean


@lru_cache(maxsize=256)
def _period_from_text_cached(s: str, year: int | None) -> str | None:
    rules = load_quantity_rules()
    hits = _period_hits(s, rules, year)
    return hits[-1][2] if hits else None


def _period_from_text(s: str, year: int | None) -> str | None:
    return _period_from_text_cached(s, year)


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


_SENTENCE_LEVEL = regex.compile(r"(?:底|末|以来|上半年|下半年|全年|前|期间|度|来)?[，：,]")
_PAREN = regex.compile(r"（[^（）\d，。；]{1,10}）")


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
    if not regex.match(r"\p{Han}|[“\"A-Za-z]", text[a]):
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


def find_quantities(norm: NormalizedText, seg: Segmentation, date: str | None = None,
                    explain: bool = False, title: str | None = None,
                    frames: TimeFrames | None = None) -> list[Quantity]:
    """All figures of the text with their attributes (GUIDELINES §1); pure, no spaCy needed."""
    rules = load_quantity_rules()
    text = norm.text
    cands = _candidates(text, rules)
    if not cands:
        return []
    hits = _CueIndex(text, rules.status_cues)
    timed = {cue.id for cue in rules.status_cues if cue.timed}
    # no date given: the text's own dateline (发布时间：2023-02-20) resolves 今年/去年
    date_from = "given" if date else None
    if date is None:
        date = infer_date(text)
        date_from = "dateline" if date else None
    pmatches = _period_matches(text, rules)
    phits = _period_hits(text, rules, None, matches=pmatches)
    doc = _doc_context(text, date, rules, phits, hits)
    if doc.year is not None:
        phits = _period_hits(text, rules, doc.year, doc.month, pmatches)
        doc = _doc_context(text, date, rules, phits, hits)
    phit_starts = [h[0] for h in phits]
    if frames is None:
        frames = build_frames(text, date, title)
    cl_ends = _clause_ends(text)
    pindex = (cl_ends, _Occurrences(text, rules.period_barrier),
              _Occurrences(text, _DIGIT_RUN, runs=True))
    phit_ends = [h[1] for h in phits]  # non-decreasing too: the hits do not overlap
    paras = (seg.paragraphs, [p.start for p in seg.paragraphs])
    out: list[Quantity] = []
    prev_ind: dict[int, tuple[int, int]] = {}
    prev_end_in_sentence: dict[int, int] = {}
    prev: tuple[_Cand, Status, dict[str, Any]] | None = None
    for k, c in enumerate(cands):
        sent = seg.sentence_at(c.s)
        s_lo, s_hi = (sent.start, sent.end) if sent else (max(0, c.s - 80), min(len(text), c.e + 80))
        para = seg.paragraph_at(c.s)
        p_lo, p_hi = (para.start, para.end) if para else (s_lo, s_hi)
        cl_start = _clause_start(text, s_lo, c.pre_end)
        cl_lo = max(cl_start, prev_end_in_sentence.get(s_lo, s_lo))
        cl_hi = _clause_end(cl_ends, c.post, s_hi)
        nxt = next((d for d in cands[k + 1:k + 3] if not d.threshold), None)
        if nxt is not None:
            cl_hi = min(cl_hi, max(c.post, nxt.s))
        measure, mrule = decide_measure(c, text, cl_start, rules)
        ispan = _indicator(c, text, cl_lo, cl_hi, rules)
        inherited = False
        if ispan is None and s_lo in prev_ind and not c.threshold:
            ispan, inherited = prev_ind[s_lo], True
        if mrule == "percent_default" and ispan is not None and \
                rules.growth_nouns.search(text[ispan[0]:ispan[1]]):
            measure, mrule = Measure.GROWTH, "percent_of_amount"  # GDP 5.0%: the amount's growth
        period, pcue = _period_for(c, text, s_lo, p_lo, phits, phit_starts, rules, doc, paras,
                                   pindex)
        pscope = ""
        if pcue and pcue.startswith("sentence"):
            a = _cue_end(phit_ends, c.s)
            pscope = "clause" if _clause_end(cl_ends, a, c.s) >= c.s else "sentence"
        status, sev = decide_status(c, text, (s_lo, s_hi), (cl_lo, cl_hi), (p_lo, p_hi),
                                    period, doc, rules, pscope, hits)
        status, sev, period, pcue = apply_frame(frames, c.s, status, sev, period, pcue, pscope)
        bound = c.bound
        enumerated = prev is not None and prev[0].post <= c.pre_end and \
            text[prev[0].post:c.pre_end] in ("、", "和", "及") and prev[0].unit == c.unit
        if enumerated:
            # an enumeration (过100亿元、过300亿元…; 11.5%、61.3%) shares one status, and the
            # comparator written before its first figure (分别控制在133.5万吨、13.6万吨和…)
            # the first figure's cue, once: a long list must not grow enumeration:enumeration:…
            first_cue = prev[2].get("status_cue") or ""
            if not first_cue.startswith("enumeration:"):
                first_cue = f"enumeration:{first_cue}"
            status, sev = prev[1], {"status_cue": first_cue}
            if bound == "eq" and not c.bound_word and prev[3]:
                bound = prev[3]
        lead_bound = bound if bound != "eq" and (
            c.bound_word in rules.prefix_word_set or (enumerated and prev[3] == bound)) else ""
        prev = (c, status, sev, lead_bound)
        # a forecast (timed cue) keeps the year of its sentence or document, not a
        # section's (药品上市后预计新增销售收入2亿元 under a 十四五 heading is of no period)
        timed_other = bool(pcue) and sev.get("status_cue", "").split(":")[0] in timed and \
            not pcue.startswith("section")
        if pcue and status == Status.OTHER and pscope != "clause" and not timed_other:
            period = None  # a spec or a count of a set is timeless unless its own clause dates it
        if pcue == "document" and status == Status.ACHIEVED and doc.year is not None and \
                doc.kind == "plan" and period and int(period[:4]) >= doc.year and \
                (doc.month or 12) < 12:
            period = None  # a plan's baseline stock is not a figure of the plan year
        rs, re_, rtext = norm.raw_text(c.s, c.e)
        if rs >= re_:
            continue
        indicator = None
        if ispan is not None:
            a, b, itext = norm.raw_text(ispan[0], ispan[1], clip_markup=False)
            if a < b:
                indicator = TextSpan(a, b, itext)
        if ispan is not None and not inherited and measure != Measure.RANK:
            prev_ind[s_lo] = ispan  # a growth rate after it (，增长3.6%) names the same thing
        prev_end_in_sentence[s_lo] = c.post
        evidence = None
        if explain:
            evidence = {"rule": c.rule, "bound_word": c.bound_word or None,
                        "measure_cue": mrule, "period_cue": pcue,
                        "indicator": "inherited" if inherited else ("after" if ispan and ispan[0] >= c.e
                                                                     else "before" if ispan else None),
                        "document_kind": doc.kind, "genre": frames.genre,
                        "date": date, "date_from": date_from, **sev}
        out.append(Quantity(
            start=rs, end=re_, text=rtext, value=c.q.value, unit=c.unit,
            value_max=c.q.value_max, bound=Bound(bound), measure=measure, status=status,
            indicator=indicator, period=period, evidence=evidence))
    return out


# status cues that are a figure's own: anything else (the paragraph's lean, the document's
# kind, its period against the date, a weak cue such as 达 or 同比) yields to a time frame
_FRAME_YIELDS = frozenset({"period", "paragraph", "document", "will", "target_after",
                           "year_on_year", "reached"})
# 预计 reports a period that has ended in a review frame and aims in a plan frame (GUIDELINES
# §1 预计); 有望/预测/估计 are projections whatever the frame
_PRELIMINARY = frozenset({"预计"})


def apply_frame(frames: TimeFrames, i: int, status: Status, sev: dict[str, Any],
                period: str | None, pcue: str | None, pscope: str
                ) -> tuple[Status, dict[str, Any], str | None, str | None]:
    """A figure without a status or period cue of its own takes its innermost frame's."""
    cue = sev.get("status_cue") or ""
    cid, _, word = cue.partition(":")
    f = frames.at(i, "status")
    if f is not None and (cid in _FRAME_YIELDS and not (cid == "paragraph" and f.kind == "genre")
                          or cid == "forecast" and word.split(":")[0] in _PRELIMINARY):
        status, sev = Status(f.status), {**sev, "status_cue": f.evidence}
    f = frames.at(i, "period")
    if f is not None and pcue in (None, "document"):
        period, pcue = f.period, f.evidence
    return status, sev, period, pcue


def _cue_end(ends: list[int], s: int) -> int:
    """End of the last period cue that ends before ``s`` (``ends``: the cues' ends, sorted).

    A bisection, not a walk from the first cue: a long document has a cue per line.

    >>> _cue_end([4, 9, 15], 9), _cue_end([4, 9, 15], 3), _cue_end([], 5)
    (9, 0, 0)
    """
    i = bisect.bisect_right(ends, s)
    return ends[i - 1] if i else 0


def _period_for(c: _Cand, text: str, s_lo: int, p_lo: int, phits, phit_starts, rules: QuantityRules,
                doc: _DocContext, paras=None, index: tuple | None = None
                ) -> tuple[str | None, str | None]:
    """Nearest period cue before the figure in its sentence, then paragraph, then the document's.

    ``index``: (clause ends, barrier :class:`_Occurrences`, digit :class:`_Occurrences`) of
    the text, so the text between a cue and the figure is not searched per figure.
    """
    if index is None:
        index = (_clause_ends(text), _Occurrences(text, rules.period_barrier),
                 _Occurrences(text, _DIGIT_RUN, runs=True))
    cl_ends, barriers, digits = index
    i = bisect.bisect_left(phit_starts, c.s) - 1
    while i >= 0:
        hs, he, p, cid = phits[i]
        if hs < p_lo:
            break
        if he <= c.s:
            if barriers.within(he, c.s) and digits.within(he, c.s):
                # 由2020年的2.73%提升至3.35%: the year belongs to the "from" figure only
                i -= 1
                continue
            # a year inside another clause (2023年新开工项目9个，项目总建里程348公里) reaches
            # only its own clause; one that heads the sentence (2024年，…) reaches it all
            if _clause_end(cl_ends, he, c.s) < c.s and not _SENTENCE_LEVEL.match(text, he) and \
                    not (hs - s_lo <= 3 and hs >= s_lo) and \
                    not (hs > s_lo and text[hs - 1] in "，；"):  # ，2025年新入选…，累计培育…
                i -= 1
                continue
            return p, f"{'sentence' if hs >= s_lo else 'paragraph'}:{cid}"
        i -= 1
    if paras is not None:
        h = _section_period(text, p_lo, paras, phits, phit_starts, rules)
        if h is not None:
            return h[2], f"section:{h[3]}"
    if doc.period:
        return doc.period, "document"
    return None, None


_HEAD_QUOTE = regex.compile(r"[“”\"‘’]?")
_DIGIT_RUN = regex.compile(r"\d+")
# what a pattern may see outside its own match (look-around, anchors, \b, \G, \K, or a
# named group, which starts like a look-behind): searched in a slice, it would see otherwise
_CONTEXT_SYNTAX = regex.compile(r"\(\?<|\(\?[=!]|\\[AbBGKzZ]|[$^]")


class _Occurrences:
    """Where a pattern matches, found once per document: is there a match inside ``[a, b)``?

    Asked per figure about the text between it and a period cue, which a search of that
    slice answered in time proportional to the slice: quadratic for many figures after
    one cue. Matches are taken overlapped (one per start), so any match a search of the
    slice finds starts at one of them; one that runs past ``b`` is settled by that
    search (a shorter alternative may fit). A pattern that sees context outside its
    match is always searched in the slice. ``runs=True`` (a ``[…]+`` pattern of one
    character class): is any character of a run inside ``[a, b)``.

    >>> occ = _Occurrences("由2020年提升至3%", regex.compile("提升至3|提升至"))
    >>> occ.within(0, 10), occ.within(0, 9), occ.within(0, 8), occ.within(9, 11)
    (True, True, False, False)
    >>> digits = _Occurrences("由2020年提升至3%", _DIGIT_RUN, runs=True)
    >>> digits.within(3, 5), digits.within(5, 9), digits.within(5, 10)
    (True, False, True)
    """

    def __init__(self, text: str, pattern: regex.Pattern, runs: bool = False) -> None:
        self.text, self.pattern, self.runs = text, pattern, runs
        self.plain = runs or not _CONTEXT_SYNTAX.search(pattern.pattern)
        self.starts: list[int] | None = None  # found on first use
        self.ends: list[int] = []

    def _find(self) -> list[int]:
        ms = list(self.pattern.finditer(self.text, overlapped=not self.runs))
        self.starts = [m.start() for m in ms]
        self.ends = [m.end() for m in ms]
        return self.starts

    def within(self, a: int, b: int) -> bool:
        if not self.plain:
            return self.pattern.search(self.text[a:b]) is not None
        starts = self.starts if self.starts is not None else self._find()
        if self.runs:
            i = bisect.bisect_right(self.ends, a)  # the first run that ends after a
            return i < len(starts) and max(starts[i], a) < b
        i = bisect.bisect_left(starts, a)
        if i == len(starts) or starts[i] >= b:
            return False
        return self.ends[i] <= b or self.pattern.search(self.text[a:b]) is not None


def _section_period(text: str, p_lo: int, paras, phits, phit_starts, rules: QuantityRules):
    """A period that opens an earlier paragraph of the same section (“十三五”以来，…).

    Walks back over at most ``rules.section_paragraphs`` paragraphs and stops at a
    heading (a short line without 。), which opens another section.
    """
    plist, starts = paras  # the segmentation's paragraphs and their starts
    k = bisect.bisect_right(starts, p_lo) - 1
    for j in range(k - 1, max(-1, k - 1 - rules.section_paragraphs), -1):
        P = plist[j]
        # sliced only when short: a long paragraph is no heading (was sliced per figure)
        if P.end - P.start <= rules.heading_chars and "。" not in text[P.start:P.end]:
            return None
        i = bisect.bisect_left(phit_starts, P.start)
        if i < len(phits) and phits[i][0] - P.start <= 3 and phits[i][1] <= P.end:
            after = _HEAD_QUOTE.match(text, phits[i][1]).end()
            if _SENTENCE_LEVEL.match(text, after):
                return phits[i]
    return None


class QuantityFinder:
    """Writes ``doc._.pe.quantities`` from the normalised view and the segmentation."""

    def __init__(self) -> None:
        load_quantity_rules()  # fail at construction when a data file is bad

    def __call__(self, doc: Doc) -> Doc:
        st = get_state(doc)
        if st.seg is None:
            from ..text.segment import segment

            st.seg = segment(st.norm)
        st.frames = build_frames(st.norm.text, st.date, st.title)
        st.quantities = find_quantities(st.norm, st.seg, st.date, st.explain, st.title, st.frames)
        return doc


@Language.factory("policy_quantities")
def make_quantities(nlp: Language, name: str) -> QuantityFinder:
    return QuantityFinder()
