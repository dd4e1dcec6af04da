"""A figure's status and period on unseen text: general rules, rows named by provenance.

Each row is a sentence (or a heading and its sentence) of a dev_gold page or a seed, with
the status and period its gold gives; negatives show where a rule must stop.
"""

from __future__ import annotations

import pytest

from policy_extract.components.quantities import find_quantities
from policy_extract.text.normalize import normalize
from policy_extract.text.segment import segment


def figure(text: str, span: str, date: str | None):
    n = normalize(text)
    qs = [q for q in find_quantities(n, segment(n), date) if q.text == span]
    assert qs, (text, span)
    return qs[-1]


# fmt: off
# (provenance, text, date, figure, status, period)
ROWS = [
    # counts of a set: other; a threshold or a member of a set is timeless
    ("dev p037: an event's batch of projects in news",
     "据介绍，此次航空港实验区道路交通优化提升建设项目共计20个。", "2022-06-25", "20个", "other", None),
    ("dev p078: one of a set (之一)",
     "轨道交通装备产业也是湖南重点打造的三个世界级产业集群之一。", "2022-05-10", "三个", "other", None),
    ("dev p004: a threshold (万亿级) is timeless even when its clause is dated",
     "湖南这十年形成了3个万亿级产业集群。", "2022-09-26", "万亿", "other", None),
    ("dev p037: the area a statement covers (…平方公里内)",
     "航空港区拓展区3000平方公里内快速路网一体化互联互通更加紧密。", "2022-06-25", "3000平方公里",
     "other", None),
    ("seed 000: a plan's own tasks keep the plan's period",
     "长沙市打造国家重要先进制造业高地2026年行动方案\n《行动方案》从七大方面系统部署了18项重点任务。",
     "2026-02-24", "18项", "other", "2026"),
    ("dev p143: 共N个 after an enumeration counts a set",
     "湘西地区“十四五”产业发展规划\n包括湘西自治州、张家界市、怀化市，共44个县（市、区）。", "2021-08-16",
     "44个", "other", None),
    # criteria: a window of years dates a requirement; 计划 before a figure is a noun
    ("dev p089: 近三年来 in criteria",
     "申报须符合以下条件：\n近三年来承担相关领域国家或省科技计划6项以上。", "2023-03-10", "6项", "other", None),
    # period scope: 届时, ；-joined clauses
    ("dev p037: 届时 takes back the year just named",
     "该20个交通基础设施项目将于2025年全部建成通车，届时，全区高速公路出入口将达到15个。", "2022-06-25",
     "15个", "target", "2025"),
    ("dev p025: a year heading a clause reaches the ；-joined clauses",
     "宁波是制造业大市，2025年新入选国家级制造业单项冠军企业15家，累计培育119家；"
     "新入选专精特新“小巨人”企业93家，累计培育511家。", "2026-02-10", "511家", "achieved", "2025"),
    ("dev p004: a growth after a from-year-to-year change is of the span",
     "全省进出口总额由2012年的不足1400亿增加到2021年的近6000亿，增长了3.3倍。", "2022-09-26", "3.3倍",
     "achieved", "2012-2021"),
    # a section heading sets the kind of the figures under it
    ("shared p127 (title without its years): a plan document's 完成情况 section reports results, "
     "and the plan's year is not theirs",
     "东莞市国民经济和社会发展计划执行情况与计划草案\n（一）重点任务完成情况\n"
     "国家高新技术企业超过10200家。", "2025-02-27", "10200家", "achieved", None),
]
NEGATIVES = [
    ("dev p004 phrases (negative): without a from-to span a growth keeps its own sentence's period",
     "喜迎二十大：湖南10年经济社会发展成就\n\n湖南这十年，全省进出口总额增长了3.3倍。", "2022-09-26", "3.3倍",
     "2012-2021"),
    ("dev p025 (negative): a full stop ends the year's reach",
     "加快推动专精特新企业提质增量\n\n宁波是制造业大市，2025年新入选国家级制造业单项冠军企业15家。新入选专精特新“小巨人”企业93家。",
     "2026-02-10", "93家", "2026"),
    ("dev p037 (negative): without 届时 a year in another clause does not reach",
     "7月25日，郑州航空港实验区举行道路交通优化提升建设项目集中开工活动。"
     "据介绍，此次航空港实验区道路交通优化提升建设项目共计20个。"
     "该20个交通基础设施项目将于2025年全部建成通车，全区高速公路出入口将达到15个。", "2022-06-25",
     "15个", "2022"),
]
# fmt: on


@pytest.mark.parametrize("prov,text,date,span,status,period", ROWS, ids=[r[0] for r in ROWS])
def test_status_and_period(prov, text, date, span, status, period):
    q = figure(text, span, date)
    assert (q.status.value, q.period) == (status, period), prov


@pytest.mark.parametrize("prov,text,date,span,period", NEGATIVES, ids=[r[0] for r in NEGATIVES])
def test_period_stops(prov, text, date, span, period):
    assert figure(text, span, date).period == period, prov


def test_section_kind_needs_its_heading():
    """shared p127 (negative): the same sentence in the plan's body, no review heading, is a target."""
    q = figure("东莞市国民经济和社会发展计划执行情况与计划草案\n国家高新技术企业超过10200家。",
               "10200家", "2025-02-27")
    assert q.status.value == "target"


def test_news_figure_with_a_result_cue_stays_achieved():
    """dev_gold 全年…比上年下降 (negative of the news default): a result cue in its sentence."""
    q = figure("全年粮食种植面积83.6千公顷，比上年下降0.1%。", "83.6千公顷", None)
    assert q.status.value == "achieved"
