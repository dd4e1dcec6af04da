"""The orchestration: every candidate through bound, measure, indicator, period and status, and the spaCy component."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ...extensions import get_state
from ...frames import TimeFrames, build_frames
from ...frames.build import list_growth_span
from ...schema import Bound, Measure, Quantity, Status, TextSpan
from ...text.dateline import infer_date
from ...text.normalize import NormalizedText
from ...text.segment import Segmentation
from . import status as _status
from .candidates import _Cand, _candidates
from .context import (_CueIndex, _clause_end, _clause_ends, _clause_start,
                      _doc_context, _period_hits, _period_matches)
from .indicator import _indicator
from .measure import decide_measure
from .period import (_DIGIT_RUN, _Occurrences, _cue_end, _period_for, average_period,
                     compared_years, comparisons, dated_pairs, from_to_period)
from .rules import QuantityRules, load_quantity_rules
from .status import _learned_status, apply_frame, decide_status

# a from/to side its own words date (由二季度的第12位, 由建国初期的17.9%, 至今年一季度的第12位)
_OWN_TIME = regex.compile(r"(?:年|季度|月|期|末|底|初)的$")
_GROWN = regex.compile(r"(?:增长|增加|提高)了?$")


def find_quantities(norm: NormalizedText, seg: Segmentation, date: str | None = None,
                    explain: bool = False, title: str | None = None,
                    frames: TimeFrames | None = None, status_model=None) -> list[Quantity]:
    """All figures of the text with their attributes (GUIDELINES §1); pure, no spaCy needed."""
    rules = load_quantity_rules()
    cands = _candidates(norm.text, rules)
    if not cands:
        return []
    run = _Run(norm, seg, rules, cands, date, title, frames, status_model, explain)
    return [q for k, c in enumerate(cands) if (q := run.figure(k, c)) is not None]


@dataclass
class _Spans:
    sent: tuple[int, int]
    para: tuple[int, int]
    clause: tuple[int, int]  # bounded by the neighbouring figures
    clause_start: int  # the clause's own start (for the measure cues)


class _Run:
    """One document's pass: the document context built once, then figure by figure."""

    def __init__(self, norm: NormalizedText, seg: Segmentation, rules: QuantityRules, cands,
                 date: str | None, title: str | None, frames: TimeFrames | None, status_model,
                 explain: bool) -> None:
        text = norm.text
        self.norm, self.seg, self.rules, self.cands, self.text = norm, seg, rules, cands, text
        self.status_model, self.explain = status_model, explain
        self.hits = _CueIndex(text, rules.status_cues)
        self.timed = {cue.id for cue in rules.status_cues if cue.timed}
        # no date given: the text's own dateline (发布时间：2023-02-20) resolves 今年/去年
        self.date_from = "given" if date else None
        if date is None:
            date = infer_date(text)
            self.date_from = "dateline" if date else None
        self.frames = frames if frames is not None else build_frames(text, date, title)
        f = self.frames
        if date is None and f.ref_year is not None:
            # the text's own date (2024年1月18日在…会议上) or an undated work report's review
            # heading (一、2014年工作回顾 → 2015): the frames' reference date, not the latest year named
            date = f"{f.ref_year}-{f.ref_month:02d}" if f.ref_month else str(f.ref_year)
            self.date_from = f.ref_from
        self.date = date
        if self.frames.genre == "report" and date is not None and len(date) == 4:
            # a work report is given early in its year (GUIDELINES §1): with only the year
            # known, 一年来/过去五年 end the year before, not the year itself
            date = f"{date}-03"
        pmatches = _period_matches(text, rules)
        phits = _period_hits(text, rules, None, matches=pmatches)
        doc = _doc_context(text, date, rules, phits, self.hits)
        if doc.year is not None:
            # a date given as a year only: the text was written during that year, so the
            # last complete year (这五年, 改革开放40年来) is most likely the one before
            month = doc.month if doc.month is not None or self.date_from != "given" else 6
            phits = _period_hits(text, rules, doc.year, month, pmatches)
            doc = _doc_context(text, date, rules, phits, self.hits)
        self.doc, self.phits = doc, phits
        self.phit_starts = [h[0] for h in phits]
        self.phit_ends = [h[1] for h in phits]  # non-decreasing too: the hits do not overlap
        self.cl_ends = _clause_ends(text)
        self.compared = comparisons(text)  # 1986年同1978年相比, for the from/to ends after it
        self.dated = dated_pairs(text)  # 由1997年的…增加到2002年的…, for the pairs after it
        self.pindex = (self.cl_ends, _Occurrences(text, rules.period_barrier),
                       _Occurrences(text, _DIGIT_RUN, runs=True))
        self.paras = (seg.paragraphs, [p.start for p in seg.paragraphs])
        self.prev_ind: dict[int, tuple[int, int]] = {}
        self.prev_end_in_sentence: dict[int, int] = {}
        self.prev: tuple[_Cand, Status, dict[str, Any], str] | None = None
        self.last_average: tuple[_Cand, str] | None = None  # the last average's figure, span

    def spans(self, k: int, c: _Cand) -> _Spans:
        text, seg = self.text, self.seg
        sent = seg.sentence_at(c.s)
        s_lo, s_hi = (sent.start, sent.end) if sent else (max(0, c.s - 80), min(len(text), c.e + 80))
        para = seg.paragraph_at(c.s)
        p_lo, p_hi = (para.start, para.end) if para else (s_lo, s_hi)
        cl_start = _clause_start(text, s_lo, c.pre_end)
        cl_lo = max(cl_start, self.prev_end_in_sentence.get(s_lo, s_lo))
        cl_hi = _clause_end(self.cl_ends, c.post, s_hi)
        nxt = next((d for d in self.cands[k + 1:k + 3] if not d.threshold), None)
        if nxt is not None:
            cl_hi = min(cl_hi, max(c.post, nxt.s))
        return _Spans((s_lo, s_hi), (p_lo, p_hi), (cl_lo, cl_hi), cl_start)

    def indicator(self, c: _Cand, sp: _Spans) -> tuple[Measure, str, tuple[int, int] | None, bool]:
        rules, text = self.rules, self.text
        measure, mrule = decide_measure(c, text, sp.clause_start, rules)
        ispan = _indicator(c, text, sp.clause[0], sp.clause[1], rules)
        inherited = False
        if ispan is None and sp.sent[0] in self.prev_ind and not c.threshold:
            ispan, inherited = self.prev_ind[sp.sent[0]], True
        if mrule == "percent_default" and ispan is not None and \
                rules.growth_nouns.search(text[ispan[0]:ispan[1]]):
            measure, mrule = Measure.GROWTH, "percent_of_amount"  # GDP 5.0%: the amount's growth
        return measure, mrule, ispan, inherited

    def period_and_status(self, c: _Cand, sp: _Spans, measure: Measure):
        """Period, then status: cues, the time frame, the learned model, an enumeration."""
        text, doc = self.text, self.doc
        period, pcue = _period_for(c, text, sp.sent[0], sp.para[0], self.phits, self.phit_starts,
                                   self.rules, doc, self.paras, self.pindex)
        pscope = ""
        if pcue and pcue.startswith("sentence"):
            a = _cue_end(self.phit_ends, c.s)
            pscope = "clause" if _clause_end(self.cl_ends, a, c.s) >= c.s else "sentence"
        status, sev = decide_status(c, text, sp.sent, sp.clause, sp.para, period, doc,
                                    self.rules, pscope, self.hits, pcue)
        status, sev, period, pcue = apply_frame(self.frames, c.s, status, sev, period, pcue,
                                                pscope, doc.year)
        # 从X增加到Y: inside a span the text does not date (a review of 2021-2025, 五年来) X is
        # the base before it; inside one it names (从1978年到1983年，…) the span's ends
        named = bool(pcue) and pcue.startswith("sentence:year_range")
        # 1986年同1978年相比，…由X增加到Y；…: the years the comparison names, whatever the cue
        compared = None if named else compared_years(self.compared, sp.para[0], c.s)
        if compared is None and not named and not _OWN_TIME.search(text, max(0, c.s - 6), c.s):
            # (a pair that dates its own ends keeps them)
            compared = compared_years(self.dated, sp.sent[0], c.s)
        ends = from_to_period(text, c.s, sp.clause_start, compared, True) if compared else None
        if ends is None and pcue and (named or pcue.startswith("frame")
                                      or pcue.split(":")[-1] == "past_n"):
            ends = from_to_period(text, c.s, sp.clause_start, period, named)
        if ends is not None:
            period, pcue = ends, f"from_to:{pcue}"
        elif sev.get("status_cue", "").startswith("from_side:") and doc.year is not None and \
                period and period.isdigit() and int(period) >= doc.year and \
                not _OWN_TIME.search(text, max(0, c.s - 6), c.s):
            # the level a change starts from is the last one known when the text was written,
            # unless its own words date it
            period, pcue = str(doc.year - 1), f"from_side:{pcue}"
        # a list's growth (增长百分之十七点六, 增长二点一倍) spans the years after its base
        if pcue and pcue.startswith("frame:list:year_list") and (
                measure == Measure.GROWTH or c.unit == "倍" and _GROWN.search(text, max(0, c.s - 3), c.s)):
            f = self.frames.at(c.s, "period") if self.frames is not None else None
            span = list_growth_span(f) if f is not None else None
            period, pcue = (span, f"list_growth:{pcue}") if span else (period, pcue)
        since = bool(pcue) and pcue.split(":")[-1] in self.rules.since_period_ids
        if measure == Measure.GROWTH and not since:
            # (an average over the span its own clause names, 改革开放以来年均增长, keeps it)
            span = average_period(text, c.s, sp.para[0], period, self.frames)
            avg = self.last_average
            if span is None and avg is not None and avg[0].post <= c.pre_end and \
                    text[avg[0].post:c.pre_end] in ("、", "和", "及"):
                span = avg[1]  # 两年平均增速分别为4.7%、5.0%和4.4%: one average, each figure
            if span is not None:
                period, pcue = span, f"average:{pcue}"
            self.last_average = (c, span) if span is not None else None
        if self.status_model is not None or _status.STATUS_FEATURE_SINK is not None:
            status, sev = _learned_status(text, c, sp.clause, sp.sent, status, sev, pcue, period,
                                          measure, self.frames, doc, self.status_model)
        status, sev, bound = self.enumeration(c, status, sev)
        # a forecast (timed cue) keeps the year of its sentence or document, not a
        # section's (药品上市后预计新增销售收入2亿元 under a 十四五 heading is of no period)
        timed_other = bool(pcue) and sev.get("status_cue", "").split(":")[0] in self.timed and \
            not pcue.startswith("section")
        if pcue and status == Status.OTHER and pscope != "clause" and not timed_other:
            period = None  # a spec or a count of a set is timeless unless its own clause dates it
        if pcue == "document" and status == Status.ACHIEVED and doc.year is not None and \
                doc.kind == "plan" and period and int(period[:4]) >= doc.year and \
                (doc.month or 12) < 12:
            period = None  # a plan's baseline stock is not a figure of the plan year
        return period, pcue, status, sev, bound

    def enumeration(self, c: _Cand, status: Status, sev: dict[str, Any]
                    ) -> tuple[Status, dict[str, Any], str]:
        """An enumeration (过100亿元、过300亿元…; 11.5%、61.3%) shares one status, and the
        comparator written before its first figure (分别控制在133.5万吨、13.6万吨和…)."""
        prev, bound = self.prev, c.bound
        enumerated = prev is not None and prev[0].post <= c.pre_end and \
            self.text[prev[0].post:c.pre_end] in ("、", "和", "及") and prev[0].unit == c.unit
        if enumerated:
            # the first figure's cue, once: a long list must not grow enumeration:enumeration:…
            first_cue = prev[2].get("status_cue") or ""
            if not first_cue.startswith("enumeration:"):
                first_cue = f"enumeration:{first_cue}"
            status, sev = prev[1], {"status_cue": first_cue}
            if bound == "eq" and not c.bound_word and prev[3]:
                bound = prev[3]
        lead_bound = bound if bound != "eq" and (
            c.bound_word in self.rules.prefix_word_set or (enumerated and prev[3] == bound)) else ""
        self.prev = (c, status, sev, lead_bound)
        return status, sev, bound

    def figure(self, k: int, c: _Cand) -> Quantity | None:
        sp = self.spans(k, c)
        measure, mrule, ispan, inherited = self.indicator(c, sp)
        period, pcue, status, sev, bound = self.period_and_status(c, sp, measure)
        norm, s_lo = self.norm, sp.sent[0]
        rs, re_, rtext = norm.raw_text(c.s, c.e)
        if rs >= re_:
            return None
        indicator = None
        if ispan is not None:
            a, b, itext = norm.raw_text(ispan[0], ispan[1], clip_markup=False)
            if a < b:
                indicator = TextSpan(a, b, itext)
        if ispan is not None and not inherited and measure != Measure.RANK:
            self.prev_ind[s_lo] = ispan  # a growth rate after it (，增长3.6%) names the same thing
        self.prev_end_in_sentence[s_lo] = c.post
        evidence = None
        if self.explain:
            where = "inherited" if inherited else (
                "after" if ispan and ispan[0] >= c.e else "before" if ispan else None)
            evidence = {"rule": c.rule, "bound_word": c.bound_word or None,
                        "measure_cue": mrule, "period_cue": pcue, "indicator": where,
                        "document_kind": self.doc.kind, "genre": self.frames.genre,
                        "date": self.date, "date_from": self.date_from, **sev}
        return Quantity(start=rs, end=re_, text=rtext, value=c.q.value, unit=c.unit,
                        value_max=c.q.value_max, bound=Bound(bound), measure=measure,
                        status=status, indicator=indicator, period=period, evidence=evidence)


class QuantityFinder:
    """Writes ``doc._.pe.quantities`` from the normalised view and the segmentation."""

    def __init__(self, status_model: str | None = None) -> None:
        load_quantity_rules()  # fail at construction when a data file is bad
        self.status_model = None
        if status_model:
            from ...model.status import GenreModels

            self.status_model = GenreModels.load(status_model)

    def __call__(self, doc: Doc) -> Doc:
        st = get_state(doc)
        if st.seg is None:
            from ...text.segment import segment

            st.seg = segment(st.norm, title=st.title)
        if st.frames is None:  # a pipeline built without policy_frames
            st.frames = build_frames(st.norm.text, st.date, st.title)
        st.quantities = find_quantities(st.norm, st.seg, st.date, st.explain, st.title, st.frames,
                                        self.status_model)
        return doc


@Language.factory("policy_quantities", default_config={"status_model": None})
def make_quantities(nlp: Language, name: str, status_model: str | None) -> QuantityFinder:
    """``status_model``: a directory saved by :class:`~policy_extract.model.status.StatusModel`
    (the model stage's status decision; None: the rules alone)."""
    return QuantityFinder(status_model)
