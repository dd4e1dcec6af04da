"""Whole national government work reports (../shared/corpora/gov_work_reports.jsonl).

Figures deep inside `一、2023年工作回顾` sit far from any cue: only the time frame can say what
they are. The table below was checked by hand (2026-12-07, reading each figure in its report):
a sample of the figures of five reports of five decades, each with the status and period the
report means (GUIDELINES §1). Skipped without ../shared.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import policy_extract
from policy_extract.schema import Document

from conftest import SHARED

REPORTS = SHARED / "corpora" / "gov_work_reports.jsonl"
pytestmark = pytest.mark.skipif(not REPORTS.is_file(), reason="needs ../shared/corpora")

# (report, raw start, figure, status, period): hand-checked
HAND = [
    ("gwr1957", 958, "二十七亿四千万元", "achieved", "1956"),
    ("gwr1957", 5925, "百分之八十六", "achieved", "1953-1956"),  # 前四年完成的比重
    ("gwr1957", 5993, "三千一百零八公里", "achieved", "1956"),
    ("gwr1957", 6106, "一百一十三亿元", "achieved", "1953-1955"),  # 前三年共增加
    ("gwr1957", 6124, "六十二亿元", "achieved", "1956"),
    ("gwr1957", 6630, "41%", "achieved", "1956"),
    ("gwr1957", 13809, "三个", "other", None),  # 三个条件: a count of criteria
    ("gwr1957", 14124, "3.5%", "achieved", "1952-1956"),
    ("gwr1957", 17178, "79%", "achieved", "1949-1956"),
    ("gwr1957", 19142, "一倍", "achieved", "1956"),
    ("gwr1979", 1462, "百分之十四点三", "achieved", "1977"),  # 一九七七年比一九七六年增长
    ("gwr1979", 6863, "百分之四十三", "achieved", "1978"),
    ("gwr1995", 607, "４４４５亿公斤", "achieved", "1994"),
    ("gwr1995", 673, "百分之十八", "achieved", "1994"),
    ("gwr1995", 780, "百分之五十八点六", "achieved", "1993"),  # 由上年的…回落到
    ("gwr1995", 949, "３３００多公里", "achieved", "1994"),
    ("gwr1995", 1052, "百分之二十点九", "achieved", "1994"),
    ("gwr1995", 1549, "１２２０元", "achieved", "1994"),
    ("gwr1995", 1613, "６３００多亿元", "achieved", "1994"),
    ("gwr1995", 1787, "百分之二十一点七", "achieved", "1994"),
    ("gwr1995", 1810, "十三个百分点", "achieved", "1994"),
    ("gwr1995", 4027, "百分之十五", "target", "1995"),
    ("gwr1995", 4778, "４５５０亿公斤", "target", "1995"),
    ("gwr2010", 311, "8.7%", "achieved", "2009"),
    ("gwr2010", 979, "16.9%", "achieved", "2009"),
    ("gwr2010", 1949, "5557公里", "achieved", "2009"),
    ("gwr2010", 2197, "4.8万平方公里", "achieved", "2009"),
    ("gwr2010", 2951, "2.2万亿美元", "achieved", "2009"),
    ("gwr2010", 3429, "320个", "achieved", "2009"),
    ("gwr2010", 3779, "500元", "achieved", "2009"),
    ("gwr2010", 5961, "8％", "target", "2010"),
    ("gwr2010", 9156, "6万吨", "target", "2010"),
    ("gwr2010", 14379, "300万套", "target", "2010"),
    ("gwr2010", 14744, "120元", "target", "2010"),
    ("gwr2024", 650, "28.6%", "achieved", "2023"),
    ("gwr2024", 1027, "6.1%", "achieved", "2023"),
    ("gwr2024", 1844, "2.2万亿元", "achieved", "2023"),
    ("gwr2024", 1853, "1万亿元", "achieved", "2023"),
    ("gwr2024", 1899, "两次", "achieved", "2023"),
    ("gwr2024", 3270, "25部", "achieved", "2023"),
    ("gwr2024", 4953, "5%", "target", "2024"),
    ("gwr2024", 5555, "28.5万亿元", "target", "2024"),  # the year's budget the report sets
    ("gwr2024", 5598, "1000亿元", "target", "2024"),
    ("gwr2024", 9279, "7000亿元", "target", "2024"),
    ("gwr2024", 14079, "1170万人", "other", "2024"),  # 预计今年高校毕业生: a projection
    # gwr2011 三、2011年的工作: 过去一年，国内生产总值增长10.3%… are 2010's results inside the plan part
    ("gwr2011", 8672, "10.3%", "achieved", "2010"),
    ("gwr2011", 8690, "3.3%", "achieved", "2010"),
    ("gwr2011", 8701, "1168万人", "achieved", "2010"),
]
# words that are no figures in these reports (named sets, parties, a law's clause)
NOT_FIGURES = [("gwr1979", 3355, "四人"), ("gwr1979", 3469, "四个"), ("gwr1979", 17739, "四项"),
               ("gwr1995", 16142, "第五条")]


@pytest.fixture(scope="module")
def extracted():
    reports = {}
    for line in REPORTS.open(encoding="utf-8"):
        r = json.loads(line)
        reports[r["id"]] = r
    nlp = policy_extract.load("rules")
    out = {}
    for rid in {h[0] for h in HAND} | {n[0] for n in NOT_FIGURES}:
        r = reports[rid]
        out[rid] = nlp(r["text"], doc_id=rid, date=r.get("date") or str(r["year"]), title=r["title"])
    return out


def _at(doc, start, text):
    q = next((q for q in doc.quantities if q.start == start), None)
    assert q is not None and q.text == text, (doc.doc_id, start, text)
    return q


def test_hand_checked_figures_of_five_decades(extracted):
    qs = [(_at(extracted[r], s, t), st, p) for r, s, t, st, p in HAND]
    status = sum(q.status.value == st for q, st, _ in qs) / len(qs)
    period = sum(q.period == p for q, _, p in qs) / len(qs)
    # measured 2026-12-07: status 0.93, period 0.87 (the misses: 前N年 spans and 比…增长 ranges);
    # fifth pass 0.958 / 0.875 after a fix found here (a budget's scale compared with last
    # year is a level), so a tuning figure now
    assert status >= 0.90 and period >= 0.84, (status, period)


def test_review_and_plan_halves_of_a_report(extracted):
    doc = extracted["gwr2024"]
    review = [q for q in doc.quantities if q.start < 4500 and q.status.value != "other"]
    plan = [q for q in doc.quantities if 4900 < q.start < 15000 and q.status.value != "other"]
    assert len(review) >= 10 and len(plan) >= 10
    assert sum(q.status.value == "achieved" and q.period == "2023" for q in review) / len(review) >= 0.9
    assert sum(q.status.value == "target" and q.period == "2024" for q in plan) / len(plan) >= 0.8


def test_genre_of_every_report_is_report():
    from policy_extract.frames.build import detect_genre

    genres = [detect_genre(json.loads(l)["text"][:400], title=json.loads(l)["title"])[0]
              for l in REPORTS.open(encoding="utf-8")]
    assert len(genres) == 51 and genres.count("report") == 51


@pytest.mark.parametrize("rid,start,text", NOT_FIGURES)
def test_named_sets_and_clauses_are_no_figures(extracted, rid, start, text):
    assert not [q for q in extracted[rid].quantities if q.start == start]


# The outlines of six reports of six decades, read by hand from their texts (2026-12-07): each
# numbered heading with the heading it stands under (None: the top level). A report of 25k
# characters (2008) has 一、/（一）/第一，/`——` levels; 1986 restarts 一、 under 二、 and 三、.
# First measured 48 of 62 (0.774); the fifth pass's whole-document fixes (a `——` heading under
# a numbered one never parents the next numbering, restarted heading lines nest, a long
# numbered heading before a blank line stays a line) were decided on these, so the figure is
# a tuning figure now.
OUTLINES = {
 "gwr1957": [("关于社会主义革命", None), ("关于社会主义建设", None), ("关于人民生活", None),
             ("关于国家基本制度", None), ("关于国内外团结", None)],
 "gwr1979": [("伟大的历史性转变", None), ("打好四个现代化的第一个战役", None),
             ("加强社会主义民主和社会主义法制", None), ("反对霸权主义、维护世界和平", None)],
 "gwr1986": [("“六五”计划执行情况的回顾", None), ("“七五”时期的基本任务和主要建设方针", None),
             ("确定适度的经济增长率，促进国民经济按比例、高效益地向前发展", "“七五”时期的基本任务和主要建设方针"),
             ("规定恰当的投资规模，合理调整投资结构，努力提高投资效益", "“七五”时期的基本任务和主要建设方针"),
             ("坚持把科技进步和智力开发放在重要的战略地位，更好地发展科学、教育事业", "“七五”时期的基本任务和主要建设方针"),
             ("以增强出口创汇能力为中心，推动对外经济贸易和技术交流进一步向纵深发展", "“七五”时期的基本任务和主要建设方针"),
             ("按照兼顾生产建设和生活消费的原则，恰当地确定提高人民生活水平的幅度", "“七五”时期的基本任务和主要建设方针"),
             ("“七五”时期的经济体制改革", None),
             ("充分认识经济体制改革必须适应发展社会主义商品经济的要求", "“七五”时期的经济体制改革"),
             ("充分认识新旧体制转换过程的艰巨性和复杂性", "“七五”时期的经济体制改革"),
             ("充分认识改革中兼顾当前利益和长远利益、局部利益和全局利益的必要性", "“七五”时期的经济体制改革"),
             ("充分认识改革的新形势对企业提出的严格要求", "“七五”时期的经济体制改革"),
             ("充分认识政府机构转变管理职能和改进工作作风的重要性", "“七五”时期的经济体制改革"),
             ("充分认识加强法制对于改革的促进作用和保证作用", "“七五”时期的经济体制改革"),
             ("坚持独立自主的和平外交政策", None)],
 "gwr1998": [("关于过去五年的政府工作", None), ("关于1998年政府工作的建议", None),
             ("进一步稳定和加强农业", "关于1998年政府工作的建议"),
             ("国有企业改革要取得新的突破", "关于1998年政府工作的建议"),
             ("继续加强和改善宏观调控", "关于1998年政府工作的建议"),
             ("进一步提高对外开放水平", "关于1998年政府工作的建议"),
             ("积极发展科技教育文化事业", "关于1998年政府工作的建议"),
             ("努力改善城乡人民的物质文化生活", "关于1998年政府工作的建议"),
             ("积极推进政府机构改革", "关于1998年政府工作的建议"),
             ("推进祖国和平统一大业", "关于1998年政府工作的建议"),
             ("关于国际形势和外交工作", None)],
 "gwr2008": [("过去五年工作回顾", None),
             ("加强和改善宏观调控，促进经济平稳快速发展", "过去五年工作回顾"),
             ("大力推进改革开放，注重制度建设和创新", "过去五年工作回顾"),
             ("全面加强社会建设，切实保障和改善民生", "过去五年工作回顾"),
             ("2008年主要任务", None),
             ("搞好宏观调控，保持经济平稳较快发展", "2008年主要任务"),
             ("加强农业基础建设，促进农业发展和农民增收", "2008年主要任务"),
             ("推进经济结构调整，转变发展方式", "2008年主要任务"),
             ("加大节能减排和环境保护力度，做好产品质量安全工作", "2008年主要任务"),
             ("深化经济体制改革，提高对外开放水平", "2008年主要任务"),
             ("更加注重社会建设，着力保障和改善民生", "2008年主要任务"),
             ("深化文化体制改革，推动文化大发展大繁荣", "2008年主要任务"),
             ("加强社会主义民主法制建设，促进社会公平正义", "2008年主要任务"),
             ("加快行政管理体制改革，加强政府自身建设", "2008年主要任务")],
 "gwr2024": [("2023年工作回顾", None), ("2024年经济社会发展总体要求和政策取向", None),
             ("2024年政府工作任务", None),
             ("大力推进现代化产业体系建设，加快发展新质生产力", "2024年政府工作任务"),
             ("深入实施科教兴国战略，强化高质量发展的基础支撑", "2024年政府工作任务"),
             ("着力扩大国内需求，推动经济实现良性循环", "2024年政府工作任务"),
             ("坚定不移深化改革，增强发展内生动力", "2024年政府工作任务"),
             ("扩大高水平对外开放，促进互利共赢", "2024年政府工作任务"),
             ("更好统筹发展和安全，有效防范化解重点领域风险", "2024年政府工作任务"),
             ("坚持不懈抓好“三农”工作，扎实推进乡村全面振兴", "2024年政府工作任务"),
             ("推动城乡融合和区域协调发展，大力优化经济布局", "2024年政府工作任务"),
             ("加强生态文明建设，推进绿色低碳发展", "2024年政府工作任务"),
             ("切实保障和改善民生，加强和创新社会治理", "2024年政府工作任务")],
}


def _overlap_f1(a: str, b: str) -> float:
    from collections import Counter

    ov = sum((Counter(a) & Counter(b)).values())
    return 2 * ov / (len(a) + len(b)) if a and b else 0.0


def test_hand_checked_outlines_of_six_decades():
    reports = {json.loads(l)["id"]: json.loads(l) for l in REPORTS.open(encoding="utf-8")}
    nlp = policy_extract.load("rules")
    found = total = 0
    misses = []
    for rid, expected in OUTLINES.items():
        r = reports[rid]
        doc = nlp(r["text"], doc_id=rid, date=r.get("date") or str(r["year"]), title=r["title"])
        by_id = {n.id: n for n in doc.nodes}
        for heading, parent in expected:
            total += 1
            ok = False
            for n in doc.nodes:
                if n.kind.value != "section" or _overlap_f1(n.text.replace(" ", ""), heading) < 0.8:
                    continue
                p = by_id.get(n.parent)
                ok = (p is None or p.kind.value == "article") if parent is None else \
                    (p is not None and _overlap_f1(p.text.replace(" ", ""), parent) >= 0.8)
                if ok:
                    break
            found += ok
            if not ok:
                misses.append((rid, heading))
    assert total == 62 and found / total >= 0.95, (found, total, misses)


BLIND_OUTLINES = Path(__file__).resolve().parents[2] / "corpora" / "report_outlines"


@pytest.mark.parametrize("folder,n_sections,min_f1,min_parent", [
    # read blind by two annotators; first measured 0.690 / 0.838 untuned, 0.752 / 0.855 after
    # two fixes found on them
    ("report_outlines", 112, 0.74, 0.84),
    # a second blind check after the day's fixes, never tuned on: 0.895 / 0.988
    ("report_outlines_b", 92, 0.88, 0.97),
])
def test_blind_report_outlines(folder, n_sections, min_f1, min_parent):
    from policy_extract.evaluate import _one_to_one

    reports = {json.loads(l)["id"]: json.loads(l) for l in REPORTS.open(encoding="utf-8")}
    nlp = policy_extract.load("rules")
    tp = n_gold = n_pred = parents = 0
    files = sorted((BLIND_OUTLINES.parent / folder).glob("*.outline_*.json"))
    assert len(files) == 4
    for f in files:
        gold = json.loads(f.read_text(encoding="utf-8"))
        r = reports[gold["doc_id"]]
        doc = nlp(r["text"], doc_id=r["id"], date=r.get("date") or str(r["year"]), title=r["title"])
        pred = [n for n in doc.nodes if n.kind.value == "section"]
        by_id = {n.id: n for n in doc.nodes}
        spans, pos = [], 0
        for s in gold["sections"]:  # the heading's place: its first occurrence after the last
            i = r["text"].find(s["heading"], pos)
            i = r["text"].find(s["heading"]) if i < 0 else i
            pos = max(pos, i)
            spans.append(_Span(i, i + len(s["heading"]), s["heading"], s["parent"]))
        score = lambda g, p: f1 if (f1 := _overlap_f1(g.text, p.text.replace(" ", ""))) >= 0.5 else 0.0  # noqa: E731
        pairs = _one_to_one(spans, pred, score)
        tp, n_gold, n_pred = tp + len(pairs), n_gold + len(spans), n_pred + len(pred)
        for gi, pi in pairs:
            want, got = spans[gi].parent, by_id.get(pred[pi].parent)
            parents += (got is None or got.kind.value == "article") if want is None else \
                (got is not None and _overlap_f1(got.text.replace(" ", ""), want) >= 0.5)
    p, rec = tp / n_pred, tp / n_gold
    f1 = 2 * p * rec / (p + rec)
    assert n_gold == n_sections and f1 >= min_f1 and parents / tp >= min_parent, (f1, parents / tp)


class _Span:
    def __init__(self, start: int, end: int, text: str, parent: str | None):
        self.start, self.end, self.text, self.parent = start, end, text, parent


REPORT_FIGURES = Path(__file__).resolve().parents[2] / "corpora" / "report_figures"


@pytest.mark.parametrize("mode", ["rules"])
def test_blind_report_figures(mode):
    """Every figure of all fifty-one reports, annotated blind in eleven rounds
    (corpora/report_figures), each first measured untuned (status / period 0.948 / 0.690,
    0.756 / 0.563, 0.836 / 0.765, 0.905 / 0.871, 0.840 / 0.814, 0.871 / 0.823, 0.844 /
    0.682, 0.528 / 0.553, 0.766 / 0.579, 0.921 / 0.777, 0.904 / 0.727); all 0.879 / 0.786, and
    0.901 / 0.806 after the eighth pass's cues and frames (tuning on them since). Rules only:
    `combined` reads reports with the report model, trained on these very figures, so its
    figure here is a training figure; its honest one is cross-validated below."""
    from policy_extract.evaluate import Report, score_quantities

    reports = {json.loads(l)["id"]: json.loads(l) for l in REPORTS.open(encoding="utf-8")}
    nlp = policy_extract.load(mode)
    rep = Report()
    files = sorted(REPORT_FIGURES.glob("gwr*.json"))
    assert len(files) == 51
    for f in files:
        r = reports[f.stem]
        gold = Document.from_dict(json.loads(f.read_text(encoding="utf-8")), text=r["text"])
        doc = nlp(r["text"], doc_id=r["id"], date=r.get("date") or str(r["year"]), title=r["title"])
        score_quantities(gold.quantities, doc.quantities, rep, r["id"])
    assert rep.quantities.n_gold == 5713 and rep.q_matched >= 5050
    assert rep.quantities.f1 >= 0.89
    assert rep.q_field_correct["status"] / rep.q_matched >= 0.899
    assert rep.q_field_correct["period"] / rep.q_matched >= 0.805


def test_the_report_model_pays_on_reports_it_never_saw():
    """The report status model (`train-status --reports`), cross-validated by report (5 folds:
    each report scored by a model that never saw it), beats the rules by at least 0.01 at the
    shipped threshold (0.9011 -> 0.9150 at 0.6 when it was trained); else it should not ship."""
    from policy_extract.model.status_train import REPORT_SETS, collect_reports, cross_validate
    from policy_extract.pipeline import default_model_path

    root = Path(__file__).resolve().parents[2]
    meta = json.loads((default_model_path() / "status_report" / "meta.json").read_text(encoding="utf-8"))
    docs = collect_reports([root / s for s in REPORT_SETS], REPORTS)
    assert len(docs) == 51
    cv = cross_validate(docs, thresholds=(meta["threshold"],))
    assert cv["n"] >= 5050
    assert cv[f"model@{meta['threshold']}"] >= cv["rules"] + 0.01, cv
