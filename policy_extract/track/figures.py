"""One row per extracted figure with what tracking needs: place, canonical indicator, key.

Built on the extraction output (a :class:`~policy_extract.schema.Document`), never inside
it. Three repairs are made here, each recorded in the figure's ``evidence``:

- a figure with no indicator (or an unmappable one) that follows a mapped figure in the same
  clause pattern ``X达到A，增长B%`` takes X for its growth;
- a restated target (the same value and unit for the same indicator in one document) takes the
  most specific form (新增各类科技研发机构超400家 … 各类科技研发机构400家以上: both ``/new``);
- in a government work report, an achieved figure dated the report's own year while its frame
  reviews the year before (GUIDELINES §1 work reports) takes the reviewed year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Mapping

from ..schema import Document, Quantity
from .indicators import IndicatorMatch, map_indicator
from .place import decide_document_place, figure_place


@dataclass(frozen=True, slots=True)
class TrackDoc:
    """A document with the metadata tracking needs (title, place) beside the extraction."""

    doc: Document
    title: str | None = None
    place: str | None = None
    place_rule: str = ""

    @property
    def doc_id(self) -> str:
        return self.doc.doc_id or ""

    @property
    def date(self) -> str | None:
        return self.doc.date


@dataclass(frozen=True, slots=True)
class Figure:
    doc_id: str
    date: str | None
    title: str | None
    place: str | None
    place_rule: str
    indicator_id: str | None
    indicator_name: str | None
    measure: str
    unit: str
    value: float
    value_max: float | None
    bound: str
    status: str
    period: str | None
    sign: int
    kind: str | None
    direction: str | None
    text: str
    start: int
    end: int
    indicator_text: str | None
    indicator_start: int | None
    indicator_end: int | None
    order: int
    outcome_ok: bool = True  # False: an achieved figure not to be read as a period's outcome
    evidence: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def key(self) -> tuple[str | None, str | None, str | None, str]:
        return (self.place, self.indicator_id, self.period, self.measure)

    @property
    def signed(self) -> float:
        return self.sign * self.value

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__ if k != "evidence"} | {
            "evidence": dict(self.evidence)}


_INHERIT_GAP = re.compile(r"^[，,、\s]*(?:比上年|同比|较上年|比去年|年均|平均)?(?:实际)?(?:增长|增加|上升|下降|减少|上涨|提高)?\s*$")
_WORK_REPORT = re.compile(r"政府工作报告|各位代表")
_SENT_END = re.compile(r"[。；;！？!?]|\n\s*\n")
_CLAUSE_END = re.compile(r"[，,。；;！？!?：:]|\n\s*\n")
_RANGE_SEP = re.compile(r"^\s*[－\-—–~～至到]\s*$")
# 预算安排 plans; 财政预算支出规模不变 reports (gwr2013's 2012 results followed it)
_PLAN_CUE = re.compile(r"拟(?:安排|按|发行|新增|下达)?|预算安排|今年要|今年将|要确保")
# 年初确定的…降低4%左右、…减少2%的目标没有实现: the target restated in a review, not its outcome
_TARGET_AFTER = re.compile(r"[^。；，]{0,20}?的(?:预期)?目标")  # .match at the figure end
_FROM_VALUE = re.compile(r"^\s*(?:的)?[，,]?\s*(?:增加|提高|上升|增长|扩大|下降|降低|减少|提升|跃升|增|降|升)?(?:到|至|为)|^\s*转为")
_FROM_CUE = re.compile(r"(?:从|由)[^，。；]{0,20}$")
_MULTI_YEAR = re.compile(r"年均|平均每年|五年来|过去五年|五年间|五年累计|十年来|过去十年")
_CUMULATIVE = re.compile(r"累计")
# a recovered variant must start a word: after punctuation, a year, a scope word or a verb end
_BOUNDARY_BEFORE = re.compile(r"[^\u4e00-\u9fff]|[年市省县区州盟旗国全的现成到为达计是有和及与]")
# what may stand between a recovered variant and its figure: verbs, time and bound words
_CW = r"[\s\u200b、全年今去同比较上均实际增长速幅下降涨低减少达到为是控制稳定保持在至提高升超过突破约近预期目标定左右以上内的了平度末底预计力争争取要将确保按安排]"
_CONNECTOR = re.compile(rf"^{_CW}{{0,12}}$")
_CONNECTOR_SENT = re.compile(
    rf"^{_CW}{{0,8}}(?:[\d.\s\u200b]+[万亿千百]{{0,2}}[\u4e00-\u9fff]{{0,2}})?[，,]{_CW}{{0,8}}$")


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def _last(pattern: re.Pattern, text: str, end: int, floor: int = 0) -> int:
    """Start of the region ending at ``end``: just after the last ``pattern`` match before it."""
    pos = floor
    for m in pattern.finditer(text, floor, end):
        pos = m.end()
    return pos


def _is_work_report(doc: Document) -> bool:
    return doc.genre == "report" and bool(_WORK_REPORT.search(doc.text[:3000]))


def _review_year(doc: Document, q: Quantity, period: str | None) -> str | None:
    """The year a work report's review section around ``q`` names, when it is the year before."""
    y = _year(doc.date)
    if y is None or period != str(y) or q.status.value != "achieved" or not _is_work_report(doc):
        return None
    lo = _last(_SENT_END, doc.text, q.start, max(0, q.start - 400))
    if f"{y}年" in doc.text[lo:q.end] or "今年" in doc.text[lo:q.end]:
        return None  # the figure names the report's own year
    heads = [f for f in doc.frames if f.start <= q.start < f.end and f.kind == "heading"]
    if heads and heads[-1].status == "achieved" and heads[-1].period == str(y - 1):
        return str(y - 1)
    return None


def _five_year(doc: Document, q: Quantity, period: str | None) -> str | None:
    """A work report's five-year review paragraph (五年来, 过去五年) covers the five years."""
    y = _year(doc.date)
    if y is None or q.status.value != "achieved" or not _is_work_report(doc):
        return None
    if period not in (str(y - 1), str(y)):
        return None
    para = doc.text[doc.text.rfind("\n", 0, q.start) + 1:q.start]
    if re.search(r"五年来|过去五年|五年间|五年累计", para):
        return f"{y - 5}-{y - 1}"
    heads = [f for f in doc.frames if f.start <= q.start < f.end and f.kind == "heading"]
    if heads and re.search(r"过去五年|五年工作回顾|五年来", heads[-1].cue) and "一年" not in heads[-1].cue:
        lo = doc.text.rfind("\n", 0, q.start) + 1  # the paragraph: 刚刚过去的2017年，… 增长6.9%
        if not re.search(rf"去年|过去一年|今年|{y - 1}年|{y}年", doc.text[lo:q.end]):
            return f"{y - 5}-{y - 1}"
    return None


_BASE_YEAR = re.compile(r"(?:比|较|与|同)\s*(\d{4})\s*年(?:末|底)?(?:相比|比较)?")


def _base_year(text: str, q: Quantity, m: IndicatorMatch | None, period: str | None) -> str | None:
    """A growth measured against a year before the last (比2002年增长65.5%) spans the years
    since: ``"2003-2007"``, not ``"2007"``."""
    if m is None or m.measure != "growth" or not period or "-" in period:
        return None
    lo = _last(_SENT_END, text, q.start, max(0, q.start - 200))
    found = list(_BASE_YEAR.finditer(text, lo, q.start))
    if not found:
        return None
    base, year = int(found[-1].group(1)), int(period[:4])
    return f"{base + 1}-{year}" if base < year - 1 else None


def _match(doc: Document, q: Quantity) -> IndicatorMatch | None:
    if q.indicator is None:
        return None
    connector = doc.text[q.indicator.end:q.start] if q.indicator.end <= q.start else ""
    return map_indicator(q.indicator.text, q.measure.value, q.unit, connector)


def _recover(doc: Document, q: Quantity, lo_limit: int, sent_limit: int) -> IndicatorMatch | None:
    """A variant written before the figure in its clause (or, after a bare growth word, in its
    sentence) names the indicator the extractor left out or could not map."""
    from .indicators import indicator_table

    text = doc.text
    s_lo = max(_last(_SENT_END, text, q.start, max(0, q.start - 200)), sent_limit)
    c_lo = max(_last(_CLAUSE_END, text, q.start, s_lo), s_lo, lo_limit)
    clause = text[c_lo:q.start]
    lo = s_lo if _INHERIT_GAP.match(clause) else c_lo
    region = text[lo:q.start]
    table = indicator_table()
    best = None
    for form in table.variant_forms:
        j = region.rfind(form)
        if j < 0:
            continue
        if lo + j > 0 and not _BOUNDARY_BEFORE.match(text[lo + j - 1]):
            continue  # inside a longer word: 手工业总产值, 新增规模以上国家高新技术企业
        end = j + len(form)
        if best is None or end > best[1] or (end == best[1] and j < best[0]):
            best = (j, end, form)
    if best is None or len(best[2]) < 3:
        return None
    connector = region[best[1]:]
    ok = _CONNECTOR_SENT if lo == s_lo and lo != c_lo else _CONNECTOR
    if not ok.match(connector):
        return None
    m = map_indicator(best[2], q.measure.value, q.unit, connector)
    if m is None:
        return None
    ev = dict(m.evidence) | {"recovered": best[2], "at": lo + best[0],
                             "region": "sentence" if lo == s_lo and lo != c_lo else "clause"}
    return replace(m, evidence=ev)


def _tracked_period(doc: Document, text: str, q, m, period: str | None,
                    ev: dict[str, Any]) -> str | None:
    """The period tracking compares: a work report's review year, the span of a growth over a
    base year, a five-year review; ``ev["period"]`` says which rule moved it."""
    fixed = _review_year(doc, q, period)
    if fixed:
        ev["period"] = {"rule": "work-report review year", "was": period}
        period = fixed
    based = _base_year(text, q, m, period)
    if based:
        ev["period"] = {"rule": "growth over a base year (比2002年增长)", "was": period}
        period = based
    five = _five_year(doc, q, period)
    if five:
        ev["period"] = {"rule": "work-report five-year review", "was": period}
        period = five
    return period


def _not_outcome(text: str, q, m, period: str | None) -> str | None:
    """Why an achieved figure cannot be the outcome of a target, or None when it can."""
    s_lo = _last(_SENT_END, text, q.start, max(0, q.start - 300))
    sent = text[s_lo:q.start]
    after = text[q.end:q.end + 8]
    single = period is not None and "-" not in period
    if _PLAN_CUE.search(sent):
        return "a plan's cue (拟, 预算) in its sentence"
    if _TARGET_AFTER.match(text, q.end, q.end + 24):
        return "a target restated (…的目标)"
    if _FROM_CUE.search(sent) and _FROM_VALUE.match(after):
        return "a from-value (从X增加到Y)"
    if single and _MULTI_YEAR.search(sent):
        return "a multi-year figure (年均, 五年来)"
    if single and m is not None and m.kind == "flow" and _CUMULATIVE.search(sent):
        return "a cumulative total (累计) of a flow"
    return None


def figures(tdoc: TrackDoc | Document, title: str | None = None,
            place: str | None = None) -> list[Figure]:
    """Every figure of a document with its place, canonical indicator and period."""
    if isinstance(tdoc, Document):
        tdoc = track_doc(tdoc, title=title, place=place)
    doc = tdoc.doc
    text = doc.text
    qs = list(doc.quantities)
    out: list[Figure] = []
    skip: set[int] = set()
    prev_end = prev_prev_end = 0
    for i, q in enumerate(qs):
        if i in skip:
            continue
        ev: dict[str, Any] = {}
        value_max, bound = q.value_max, q.bound.value
        if i + 1 < len(qs) and text and q.value_max is None:
            q2 = qs[i + 1]
            if q2.unit == q.unit and _RANGE_SEP.match(text[q.end:q2.start]):
                value_max, bound = q2.value, "range"
                skip.add(i + 1)
                ev["range"] = f"{q.text}{text[q.end:q2.start]}{q2.text}"
        m = _match(doc, q)
        if m is not None:
            ev["indicator"] = dict(m.evidence)
        elif text and q.status.value in ("target", "achieved"):
            m = _recover(doc, q, prev_end, prev_prev_end)
            if m is not None:
                ev["indicator"] = dict(m.evidence)
        period, outcome_ok = q.period, True
        if text:
            period = _tracked_period(doc, text, q, m, period, ev)
            if q.status.value == "achieved":
                why = _not_outcome(text, q, m, period)
                if why:
                    outcome_ok, ev["not_outcome"] = False, why
        if text:
            pd = figure_place(text, q.start, tdoc.place,
                              q.indicator.start if q.indicator is not None else None)
            fplace, prule = pd.place, f"{pd.rule}:{pd.cue}" if pd.cue else pd.rule
        else:
            fplace, prule = tdoc.place, "document"
        out.append(Figure(
            doc.doc_id or "", doc.date, tdoc.title, fplace, prule,
            m.id if m else None, m.name if m else None,
            m.measure if m else q.measure.value, q.unit, q.value, value_max, bound,
            q.status.value, period, m.sign if m else 1, m.kind if m else None,
            m.direction if m else None, q.text if "range" not in ev else ev["range"], q.start,
            q.end if "range" not in ev else qs[i + 1].end,
            q.indicator.text if q.indicator else None,
            q.indicator.start if q.indicator else None,
            q.indicator.end if q.indicator else None, i, outcome_ok, ev))
        prev_prev_end, prev_end = prev_end, q.end
    return _restatements(out)


def _restatements(figs: list[Figure]) -> list[Figure]:
    """A target restated in one document takes the most specific indicator of its restatements."""
    new: dict[tuple, Figure] = {}
    for f in figs:
        if f.indicator_id and f.indicator_id.endswith("/new") and f.status == "target":
            new[(f.indicator_id[:-4], f.value, f.unit, f.period)] = f
    if not new:
        return figs
    out = []
    for f in figs:
        k = (f.indicator_id, f.value, f.unit, f.period)
        src = new.get(k) if f.status == "target" else None
        if src is not None:
            ev = dict(f.evidence) | {"restated": {"as": src.indicator_text, "at": src.start}}
            f = replace(f, indicator_id=src.indicator_id, indicator_name=src.indicator_name,
                        kind=src.kind, evidence=ev)
        out.append(f)
    return out


def track_doc(doc: Document, title: str | None = None, place: str | None = None) -> TrackDoc:
    """Wrap a Document with its title and place (decided from the text when not given)."""
    if place:
        from .place import normalise_place

        return TrackDoc(doc, title, normalise_place(place), "given")
    d = decide_document_place(doc.text, title)
    return TrackDoc(doc, title, d.place, f"{d.rule}:{d.cue}" if d.cue else d.rule)


def figures_table(docs: Iterable[TrackDoc | Document]) -> list[dict[str, Any]]:
    """``Document.quantities_table()`` rows plus ``place``, ``indicator_id`` and the key fields."""
    rows = []
    for td in docs:
        for f in figures(td):
            rows.append(f.to_dict())
    return rows
