"""A figure's status: its cues (ConText-style, data/zh/quantity_status_cues.json), then its time frame, then the learned model."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
import bisect

import regex

from ...frames import TimeFrames
from ...schema import Measure, Status
from .candidates import _Cand
from .context import _CueIndex, _DocContext, _clause_end, _clause_ends, _period_end
from .period import _period_from_text
from .rules import QuantityRules, _Cue


# training of the status model collects (normalised span, features) here (model/status.py)
STATUS_FEATURE_SINK: list | None = None


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


def _nearest(cue: _Cue, ms, starts, c: _Cand, lo: int, hi: int, doc: _DocContext
             ) -> list[tuple[int, str] | None]:
    """The nearest usable hit of ``cue`` before the figure in ``[lo, c.s)`` and after it in
    ``[c.e, hi)`` (by the cue's direction): ``(distance, word)`` or None per side.

    Found by bisection and walked inline: it runs per figure × cue.
    """
    plain = cue.max_gap is None and not cue.future_only
    found: list[tuple[int, str] | None] = []
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
    return found


def _cue_slots(c: _Cand, text: str, sent: tuple[int, int], clause: tuple[int, int],
               para: tuple[int, int], doc: _DocContext, rules: QuantityRules, hits: _CueIndex
               ) -> dict[str, tuple[int, str, int]]:
    """slot (other, requirement, target2, achieved1…) -> (distance, "cue:word", strength) of
    the nearest cue of each kind that governs the figure."""
    best: dict[str, tuple[int, str, int]] = {}

    timed: dict[str, bool] = {}

    def consider(slot: str, cue: _Cue, dist: int, word: str) -> None:
        # an untimed other cue (达产后, 总投资) says more than a forecast (预计) farther off:
        # a forecast of a past year may be a preliminary result, a plant's yield never is
        if slot not in best or (cue.timed, dist) < (timed[slot], best[slot][0]):
            best[slot] = (dist, f"{cue.id}:{word}", cue.strength)
            timed[slot] = cue.timed

    right_text = text[c.post:clause[1]]
    scopes = {"clause": clause, "sentence": sent, "paragraph": para}
    for ci, cue, slot in hits.applicable(c.kind, doc.kind, rules.status_cues):
        if cue.direction in ("after_span", "before_span"):
            if cue.direction == "after_span" and cue.scope == "whole_clause":
                # to the clause's own end, past the next figure (达到300万元且增速达到20%以上的)
                if hits.clause_ends is None:
                    hits.clause_ends = _clause_ends(text)
                m = cue.pattern.search(text[c.post:_clause_end(hits.clause_ends, c.post,
                                                               min(sent[1], c.post + 40))])
            else:
                m = cue.pattern.search(right_text if cue.direction == "after_span"
                                       else text[clause[0]:c.pre_end])
            if m and cue.requires_before is not None and \
                    not cue.requires_before.search(text, clause[0], c.pre_end):
                continue
            if m and not (cue.unless_after is not None and cue.unless_after.match(text, c.post)):
                # a span cue says `other` (a spec, a threshold) or, rarely, a plan's total
                # (`15个农村幸福院建设已完成8个`: 15 is the planned total)
                consider(slot, cue, 0, m.group())
            continue
        if cue.scope not in scopes:  # "full_sentence": only for a cue with hits in the text
            scopes["full_sentence"] = _full_sentence(text, sent, para, hits)
        lo, hi = scopes[cue.scope]
        for f in _nearest(cue, hits.hits[ci], hits.starts[ci], c, lo, hi, doc):
            if f is not None:
                consider(slot, cue, f[0], f[1])
    return best


def decide_status(c: _Cand, text: str, sent: tuple[int, int], clause: tuple[int, int],
                  para: tuple[int, int], period: str | None, doc: _DocContext,
                  rules: QuantityRules, period_scope: str = "", hits: _CueIndex | None = None,
                  period_cue: str | None = None) -> tuple[Status, dict[str, Any]]:
    """The one place the rules set ``status`` (frames and the model refine it afterwards).

    Order: a table column's header > ``other`` cues in the clause > the unit's kind > a
    period of its own clause ahead of the document > strong target > requirement > strong
    achieved > weak target > period vs document date > the paragraph's lean > weak
    achieved > document kind (plan → target, review → achieved).
    """
    if hits is None:
        hits = _CueIndex(text, rules.status_cues)
    best = _cue_slots(c, text, sent, clause, para, doc, rules, hits)

    def say(status: Status, cue: str) -> tuple[Status, dict[str, Any]]:
        return status, {"status_cue": cue}

    if c.header:  # a table column (2024年目标 | 2024年实际完成情况) says it for the whole column
        for cue in rules.status_cues:
            if cue.value != "other" and cue.direction in ("forward", "both") and \
                    cue.pattern.search(c.header):
                return say(Status(cue.value), f"table_header:{c.header}")
    if "other" in best:
        return say(Status.OTHER, best["other"][1])
    if (c.kind in ("spec", "duration_strict") or c.threshold or
            (c.kind == "age" and text.find("寿命", sent[0], c.s) < 0)):
        # an age qualifies a group (60岁以上老人); a life expectancy is a measured indicator
        return say(Status.OTHER, f"unit_kind:{c.kind}")
    if "achieved3" in best:  # the level a change starts from (由55元提高到70元): it is now
        return say(Status.ACHIEVED, best["achieved3"][1])
    end = _period_end(period)
    ahead = end is not None and doc.year is not None and end > doc.year
    if ahead and period_scope == "clause":  # 2023年新开工项目9个: its own year says it is ahead
        return say(Status.TARGET, f"period:{period}>doc")
    behind = end is not None and doc.year is not None and end < doc.year
    slots = (("target2", Status.TARGET), ("requirement", Status.OTHER),
             ("achieved2", Status.ACHIEVED), ("target1", Status.TARGET))
    if behind and period_scope == "clause" and period_cue == "sentence:year":
        # 2023年…增长5.2% in a text of 2024: the year written in its own clause outweighs a
        # weak target cue (…的目标) read further off
        slots = slots[:3]
    for slot, status in slots:
        if slot in best:
            return say(status, best[slot][1])
    if ahead:
        return say(Status.TARGET, f"period:{period}>doc")
    if behind:
        return say(Status.ACHIEVED, f"period:{period}<doc")
    lean = _paragraph_lean(para, hits, rules)
    if lean is not None:
        return say(Status(lean[0]), f"paragraph:{lean[1]}")
    # 达/实现 are no sign of the past in a plan ("数量达1.25万家" is its target)
    if "achieved1" in best and doc.kind != "plan":
        return say(Status.ACHIEVED, best["achieved1"][1])
    if doc.kind in ("plan", "criteria"):
        return say(Status.TARGET if doc.kind == "plan" else Status.OTHER,
                   f"document:{doc.kind_evidence}")
    return say(Status.ACHIEVED, f"document:{doc.kind_evidence or 'default'}")


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


# status cues that are a figure's own: anything else (the paragraph's lean, the document's
# kind, its period against the date, a weak cue such as 达 or 同比) yields to a time frame
_FRAME_YIELDS = frozenset({"period", "paragraph", "document", "will", "target_after",
                           "year_on_year", "reached"})


# 预计 reports a period that has ended in a review frame and aims in a plan frame (GUIDELINES
# §1 预计); 有望/预测/估计 are projections whatever the frame
_PRELIMINARY = frozenset({"预计"})


def apply_frame(frames: TimeFrames, i: int, status: Status, sev: dict[str, Any],
                period: str | None, pcue: str | None, pscope: str, doc_year: int | None = None
                ) -> tuple[Status, dict[str, Any], str | None, str | None]:
    """A figure without a status or period cue of its own takes its innermost frame's."""
    cue = sev.get("status_cue") or ""
    cid, _, word = cue.partition(":")
    f = frames.at(i, "status")
    f = _reviewed_passage(frames, i, f) or f
    # a figure whose own context names its year keeps that year's side of the frame: an ended
    # year stays achieved inside a plan's frame (过去一年，国内生产总值增长10.3% under 三、2011年的
    # 工作; only with a date given, as a guessed one may be the later year), and a year still
    # ahead is no result inside a review's (第六个五年计划规定，一九八五年…达到8710亿元, 1982)
    keeps_year = cid == "period" and f is not None and pcue is not None and \
        not pcue.startswith("document") and (
            word.endswith("<doc") and f.status == "target" and frames.ref_from == "given"
            or word.endswith(">doc") and f.status == "achieved" and frames.ref_from is not None)
    # a work report given in year Y plans Y: a figure its own words date to Y (今年中央财政
    # 预算赤字1503亿元, 今年的行政经费预算…削减10%) is no result of the year it reviews, nor
    # is the rise its plan sets against last year (今年安排…5776亿元，比去年增加400亿元)
    plan_dated = frames.genre == "report" and pcue in ("sentence:this_year", "section:year") \
        and frames.ref_year is not None and (_period_end(period) or 0) >= \
        frames.ref_year + ((frames.ref_month or 1) > 6)  # a report of December plans Y+1
    plan_year = plan_dated and f is not None and f.status == "achieved"
    # 预计 yields to a review's frame for a preliminary result, never for a year ahead
    ahead = (_period_end(period) or 0) > (frames.ref_year or doc_year or 9999)
    if plan_year and cid == "document" or plan_dated and cid == "year_on_year":
        status, sev = Status.TARGET, {**sev, "status_cue": f"report_plan_year:{pcue}"}
    elif f is not None and not keeps_year and not plan_year and (
            cid in _FRAME_YIELDS and not (cid == "paragraph" and f.kind == "genre")
            or cid == "forecast" and word.split(":")[0] in _PRELIMINARY and not ahead):
        status, sev = Status(f.status), {**sev, "status_cue": f.evidence}
    elif cid == "forecast" and word.split(":")[0] in _PRELIMINARY and \
            _ended_at(period, pcue, frames.ref_year or doc_year):
        # 2022年全省GDP预计突破12万亿元 written in 2023: a preliminary result (GDP §1 预计)
        status, sev = Status.ACHIEVED, {**sev, "status_cue": f"preliminary:{word}<{period}"}
    f = frames.at(i, "period")
    if f is not None and pcue in (None, "document"):
        period, pcue = f.period, f.evidence
    return status, sev, period, pcue


def _reviewed_passage(frames: TimeFrames, i: int, f):
    """A reviewed passage (两年来…, “十三五”时期…) inside a plan document whose only status frame
    ``f`` is its genre's: the passage's figures report the years it reviews (the 1955 plan
    report's 两年来 paragraphs), though a passage gives no status of its own under a heading."""
    if f is None or f.kind != "genre" or f.status != "target":
        return None
    p = frames.at(i, "period")
    if p is None or p.kind != "passage" or p.status is not None:
        return None
    return replace(p, status="achieved")


def _ended_at(period: str | None, pcue: str | None, ref_year: int | None) -> bool:
    """The figure's own sentence or a year its paragraph names (not the document's date) dates
    it to a period that had ended when the text was written (an undated text is no older than
    the latest year it names)."""
    end = _period_end(period)
    return end is not None and ref_year is not None and pcue is not None and \
        pcue.startswith(("sentence", "paragraph:year")) and end < ref_year


# The pages' status model learnt from pages; in work reports its frames and cues are the rules'
# own and it only loses: cross-validated on the tuning pages of that genre 0.9809 -> 0.9785, on
# the whole reports of corpora/report_figures 0.906 -> 0.901 (0.905 -> 0.882 on the four never
# tuned on). A report is read by the report model where one is shipped (GenreModels), else by
# the rules alone. Its features are still recorded there, so training sees every figure.
MODEL_OFF_GENRES = frozenset({"report"})
# The report model learnt from whole reports (5,575 characters and up); a page excerpt of a
# report (the tuning pages' are under 1,000) lacks the headings and frames its features read,
# and there it lost a figure of 418 (0.9809 -> 0.9785): it reads whole documents only.
GENRE_MODEL_MIN_CHARS = 3000


def _learned_status(text: str, c: _Cand, clause: tuple[int, int], sent: tuple[int, int],
                    status: Status, sev: dict[str, Any], pcue: str | None, period: str | None,
                    measure: Measure, frames: TimeFrames, doc: _DocContext, model
                    ) -> tuple[Status, dict[str, Any]]:
    """The status model (model/status.py) over what the rules saw; it overrides when confident."""
    from ...model.status import features

    cue = (sev.get("status_cue") or "").split(":")
    f = frames.at(c.s)
    end = _period_end(period)
    when = "none" if end is None or doc.year is None else (
        "future" if end > doc.year else "past" if end < doc.year else "same")
    ev = {"rule": status.value, "cue": cue[0], "cue2": ":".join(cue[:2]),
          "pcue": (pcue or "none").split(":")[0], "genre": frames.genre,
          "frame": f"{f.kind}:{f.status}" if f else "none", "unit_kind": c.kind, "unit": c.unit,
          "measure": measure.value, "bound": c.bound, "when": when, "dockind": doc.kind}
    fs = features(text, c.s, c.e, clause, sent, ev)
    if STATUS_FEATURE_SINK is not None:
        STATUS_FEATURE_SINK.append((c.s, c.e, fs))
    if model is None:
        return status, sev
    # (model: GenreModels) the genre's own model for a whole document, else the pages'
    own = model.by_genre.get(frames.genre) if len(text) >= GENRE_MODEL_MIN_CHARS else None
    if own is None and frames.genre in MODEL_OFF_GENRES:
        return status, sev
    model = own or model.default
    got = model.decide(fs, status.value)
    if got is None:
        return status, sev
    return Status(got[0]), {**sev, "status_cue": f"{model.name}@{got[1]:.2f}",
                            "status_rules": sev.get("status_cue")}
