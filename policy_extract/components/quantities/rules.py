"""The quantity stage's rule tables, loaded and validated from data/zh/quantity_*.json."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from ...errors import Errors, RuleFileError
from ...numbers.quantity_parse import UNIT_KINDS, UnitTable, load_units
from ...rules.loader import check_keys, compile_regex, load_json, validate_rules
from ...schema import Bound, Measure


_STATUSES = ("target", "achieved", "other")
_MEASURES = tuple(m.value for m in Measure)
_BOUNDS = tuple(b.value for b in Bound)
_CLAUSE_END = regex.compile(r"[，；。：！？\n|]")
_CLAUSE_END_BACK = regex.compile(r"(?r)[，；。：！？\n|]")  # the same, searched right to left
_GLOSS = regex.compile(r"（[^（）\n]{1,10}）")
_LOOK = 40  # characters of left context the exclusion and bound rules may see


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
    unless_after: regex.Pattern | None = None  # a span cue that does not apply when this follows
    requires_before: regex.Pattern | None = None  # an after_span cue that needs this before the figure


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
    since_period_ids: frozenset[str]  # spans from a year to now (2012年以来, 改革开放以来)
    adjacent_period_ids: frozenset[str]  # cues that date only the figure right after them
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
             bool(r.get("then_ratio")), frozenset(r.get("doc_kinds", ())), bool(r.get("timed")),
             r.get("_re_unless_after"), r.get("_re_requires_before"))
        for r in rules)


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


def _rx(pattern: str, file: str, key: str) -> regex.Pattern:
    return compile_regex(pattern, file=file, index="-", rule_id=key, key=key)


def _bounds() -> dict[str, Any]:
    f = "quantity_bounds.json"
    b = load_json(f)
    check_keys(b, file=f, required=["prefix", "suffix", "inside"])
    pre = validate_rules(b["prefix"], file=f"{f}:prefix", required=["id", "words", "bound"],
                         optional=["unless_after", "rank_only"], choices={"bound": _BOUNDS},
                         types={"words": list})
    suf = validate_rules(b["suffix"], file=f"{f}:suffix", required=["id", "words", "bound"],
                         optional=["kinds", "class"], choices={"bound": _BOUNDS},
                         types={"words": list})
    # longest word first: 不少于 before 少于
    prefix = sorted(((w, r["bound"], r["id"], frozenset(r.get("unless_after", ())),
                      bool(r.get("rank_only"))) for r in pre for w in r["words"]),
                    key=lambda x: -len(x[0]))
    suffix = sorted(((w, r["bound"], r["id"], frozenset(r.get("kinds", ()))) for r in suf
                     for w in r["words"]), key=lambda x: -len(x[0]))
    return dict(prefix_bounds=tuple(prefix), suffix_bounds=tuple(suffix),
                prefix_words=tuple(p[0] for p in prefix), suffix_words=tuple(x[0] for x in suffix),
                prefix_word_set=frozenset(p[0] for p in prefix),
                class_words=frozenset(w for r in suf if r.get("class") for w in r["words"]))


def _exclusions() -> dict[str, Any]:
    f = "quantity_exclusions.json"
    ex = load_json(f)
    check_keys(ex, file=f, required=["rules", "duration_cues"])
    exr = validate_rules(ex["rules"], file=f, required=["id", "reason"],
                         optional=["span", "left", "right", "kinds"],
                         regex_keys=["span", "left", "right"])
    for i, r in enumerate(exr):
        bad = set(r.get("kinds", ())) - set(UNIT_KINDS)
        if bad:
            raise RuleFileError(Errors.E006.format(file=f, index=i, rule_id=r["id"], key="kinds",
                                                   expected=f"unit kinds {UNIT_KINDS}",
                                                   value=sorted(bad)))
    words = sorted(ex["duration_cues"]["words"], key=len, reverse=True)
    return dict(exclusions=tuple(exr),
                duration_cues=regex.compile(f"(?:{'|'.join(regex.escape(w) for w in words)})$"),
                exclusion_checks=tuple((r["id"], frozenset(r.get("kinds", ())), r.get("_re_span"),
                                        r.get("_re_left"), r.get("_re_right")) for r in exr),
                exclusion_gate=_exclusion_gate(exr))


def _status_cues() -> dict[str, Any]:
    f = "quantity_status_cues.json"
    st = load_json(f)
    check_keys(st, file=f, required=["cues", "document_kind"])
    stc = validate_rules(st["cues"], file=f,
                         required=["id", "pattern", "status", "direction", "scope", "strength"],
                         optional=["kinds", "max_gap", "future_only", "requirement", "doc_kinds",
                                   "timed", "comment", "unless_after", "requires_before"],
                         regex_keys=["pattern", "unless_after", "requires_before"], choices={
                             "status": _STATUSES,
                             "scope": ("clause", "whole_clause", "sentence", "full_sentence", "paragraph"),
                             "direction": ("forward", "backward", "both", "after_span",
                                           "before_span")})
    dk = st["document_kind"]
    check_keys(dk, file=f"{f}:document_kind",
               required=["plan_title", "review_title", "criteria_title", "title_chars",
                         "headline_chars", "title_period_chars", "title_weight", "plan_threshold",
                         "paragraph_lean"])
    pl = dk["paragraph_lean"]
    check_keys(pl, file=f"{f}:document_kind.paragraph_lean",
               required=["ratio", "min_weight", "weak_weight"])
    return dict(status_cues=_cues(stc, "status", "status"),
                plan_title=_rx(dk["plan_title"], f, "plan_title"),
                review_title=_rx(dk["review_title"], f, "review_title"),
                criteria_title=_rx(dk["criteria_title"], f, "criteria_title"),
                title_chars=int(dk["title_chars"]), headline_chars=int(dk["headline_chars"]),
                title_period_chars=int(dk["title_period_chars"]),
                title_weight=int(dk["title_weight"]), plan_threshold=float(dk["plan_threshold"]),
                lean=(float(pl["ratio"]), float(pl["min_weight"]), float(pl["weak_weight"])))


def _measure_cues() -> dict[str, Any]:
    f = "quantity_measure_cues.json"
    me = load_json(f)
    check_keys(me, file=f, required=["cues", "percent_default", "rank_units", "rank_left",
                                      "growth_nouns"])
    mec = validate_rules(me["cues"], file=f, required=["id", "pattern", "measure", "position"],
                         optional=["kinds", "max_gap", "then_ratio"], regex_keys=["pattern"],
                         choices={"measure": _MEASURES, "position": ("before", "after")})
    return dict(measure_cues=_cues(mec, "measure", "measure"),
                percent_default=me["percent_default"], rank_units=frozenset(me["rank_units"]),
                rank_left=_rx(me["rank_left"], f, "rank_left"),
                growth_nouns=_rx(me["growth_nouns"], f, "growth_nouns"))


_PERIOD_KINDS = ("fixed", "year", "cn_year", "year_range", "relative", "recent_n", "next_n",
                 "base", "since")
_EXPLICIT_PERIODS = ("fixed", "year", "cn_year", "year_range")  # a period the text names itself


def _periods() -> dict[str, Any]:
    f = "quantity_periods.json"
    pe = load_json(f)
    check_keys(pe, file=f, required=["cues", "barrier", "section"])
    check_keys(pe["section"], file=f"{f}:section",
               required=["paragraphs", "heading_chars", "description"])
    per = validate_rules(pe["cues"], file=f, required=["id", "pattern", "kind"],
                         optional=["period", "offset", "since", "adjacent", "comment"],
                         regex_keys=["pattern"], choices={"kind": _PERIOD_KINDS},
                         types={"adjacent": bool})
    return dict(periods=tuple(per),
                explicit_period_ids=frozenset(r["id"] for r in per
                                              if r["kind"] in _EXPLICIT_PERIODS),
                since_period_ids=frozenset(r["id"] for r in per if r["kind"] == "since"),
                adjacent_period_ids=frozenset(r["id"] for r in per if r.get("adjacent")),
                section_paragraphs=int(pe["section"]["paragraphs"]),
                heading_chars=int(pe["section"]["heading_chars"]),
                period_barrier=_rx(pe["barrier"], f, "barrier"))


# indicator patterns: name in QuantityRules.ind -> (key in the file, how it is anchored)
_INDICATOR_KEYS = {"verbs": ("verbs", "(?:{})"), "trailing": ("trailing_verbs", "(?:{})$"),
                   "leading_verbs": ("leading_verbs", "^(?:{})"),
                   "comparison": ("comparison", "{}"), "leading": ("leading", "{}"),
                   "after_stop": ("after_stop", "{}"), "after_skip": ("after_skip", "{}"),
                   "verb_as_name": ("verb_as_name", "(?:{})$"),
                   "after_reject": ("after_reject", "{}")}


def _indicator() -> dict[str, Any]:
    f = "quantity_indicator.json"
    ind = load_json(f)
    check_keys(ind, file=f, required=[k for k, _ in _INDICATOR_KEYS.values()] + ["after_units"])
    return dict(ind={name: _rx(shape.format(ind[key]), f, key)
                     for name, (key, shape) in _INDICATOR_KEYS.items()},
                after_units=frozenset(ind["after_units"]))


@lru_cache(maxsize=2)
def load_quantity_rules() -> QuantityRules:
    """Read and validate the stage's data files (fails naming file and rule)."""
    return QuantityRules(units=load_units(), **_bounds(), **_exclusions(), **_status_cues(),
                         **_measure_cues(), **_periods(), **_indicator())
