"""Time frames (GUIDELINES §1 'Status and period come from the time frame a figure stands in').

Every example here was written for this table, not copied from any gold set. Each row is
(text, date, title, figure, expected status, expected period); negatives included.
"""

from __future__ import annotations

import json

import pytest

import policy_extract
from policy_extract.frames import build_frames
from policy_extract.frames.build import (detect_genre, load_frame_rules, named_period,
                                         reference_date)
from policy_extract.rules.loader import data_path


@pytest.fixture(scope="module")
def nlp():
    return policy_extract.load("rules")


def _fig(doc, text):
    hits = [q for q in doc.quantities if q.text == text]
    assert hits, (text, [q.text for q in doc.quantities])
    return hits[0]


def _read(nlp, text, date, fig):
    """The figure ``fig`` of ``text`` read with ``date``, its evidence explained."""
    return _fig(nlp(text, date=date, explain=True), fig)


WORK_REPORT = (
    "政府工作报告\n"
    "一、2023年工作回顾\n"
    "全市地区生产总值增长5.8%，规模以上工业增加值增长6.1%。\n"
    "二、2024年工作安排\n"
    "全市地区生产总值增长6%左右，城镇新增就业3万人。\n"
)

CASES = [
    # work reports: review -> achieved Y-1, plan -> target Y, whatever the nearby words
    ("work report review", WORK_REPORT, "2024-01-20", None, "5.8%", "achieved", "2023"),
    ("work report plan", WORK_REPORT, "2024-01-20", None, "3万人", "target", "2024"),
    ("work report plan, no cue word", WORK_REPORT, "2024-01-20", None, "6%", "target", "2024"),
    # an excerpt without its headline: the title from metadata decides the frame
    ("report excerpt by title", "全县粮食总产量12.5万吨，新建农村公路80公里。\n", "2023",
     "某县2023年政府工作报告(2022年工作回顾)", "80公里", "achieved", "2022"),
    # bulletins: the year the title names, not the publication year
    ("bulletin", "某市2022年国民经济和社会发展统计公报\n全年新增城镇就业4.2万人。\n",
     "2023-03-15", None, "4.2万人", "achieved", "2022"),
    ("bulletin price index", "某市2022年国民经济和社会发展统计公报\n居民消费价格上涨1.9%。\n",
     "2023-03-15", None, "1.9%", "achieved", "2022"),
    # a figure naming its own year keeps it inside any frame
    ("own year wins", "某市2022年国民经济和社会发展统计公报\n2021年全市新增企业300家。\n",
     "2023-03-15", None, "300家", "achieved", "2021"),
    # plan reviewing the previous plan period
    ("plan review heading", "某市“十四五”规划\n一、发展基础\n全市高新技术企业达到1200家。\n"
     "二、发展目标\n高新技术企业达到2000家。\n", "2021-03-01", None, "1200家", "achieved",
     "2016-2020"),
    ("plan target heading", "某市“十四五”规划\n一、发展基础\n全市高新技术企业达到1200家。\n"
     "二、发展目标\n高新技术企业达到2000家。\n", "2021-03-01", None, "2000家", "target",
     "2021-2025"),
    # 预计 of a year just ended in a report is a preliminary result
    ("preliminary 预计", WORK_REPORT.replace("全市地区生产总值增长5.8%", "预计全市地区生产总值增长5.8%"),
     "2024-01-20", None, "5.8%", "achieved", "2023"),
    # negative: a projection by others stays other in any frame
    ("projection stays other", WORK_REPORT.replace("规模以上工业增加值增长6.1%",
                                                   "有望带动就业2000人"),
     "2024-01-20", None, "2000人", "other", ...),
    # negative: 由2012年的X增加到2021年的Y is no aim, though 到2021年 stands in it
    ("past 到 is no target", "全省研发经费由2012年的200亿元增加到2021年的800亿元。\n", "2022-09-01",
     None, "800亿元", "achieved", "2021"),
    # negative: a news item without a frame keeps the cue's decision
    ("news, own cue", "记者获悉，该项目计划投资5亿元。\n", "2023-05-01", None, "5亿元", "other", None),
    # a topic sentence of a plan period that has ended governs the passage after it
    ("reviewed passage", "“十三五”时期是全县发展极不平凡的五年。\n全县粮食产量稳定在30万吨以上，"
     "新建乡村公路420公里。\n", "2021-02-10", None, "420公里", "achieved", "2016-2020"),
    ("reviewed passage, figure's own year", "“十三五”时期是全县发展极不平凡的五年。\n"
     "2020年全县新建乡村公路90公里。\n", "2021-02-10", None, "90公里", "achieved", "2020"),
    # 预计 of a year its own sentence names, already ended when written: a preliminary result
    ("preliminary, own year", "1月15日，省长作政府工作报告。\n报告指出，2022年全省地区生产总值预计突破"
     "12万亿元。\n2023年，全省预期目标是经济增长5%左右。\n", None, None, "12万亿元", "achieved", "2022"),
    # negatives: a forecast of a year still ahead, and the yield of a plant once built
    ("forecast ahead", "据测算，2030年全省低空经济规模预计达到3000亿元。\n", "2023-05-01", None,
     "3000亿元", "other", ...),
    ("yield once built", "2021年签约的项目达产后预计年产值5亿元。\n", "2023-05-01", None,
     "5亿元", "other", ...),
    # 从X增加到Y inside a reviewed span: X is the base before it, Y keeps the span (as the
    # seed's 由2020年的2.73%提升至3.35% does, and two of the three blind report annotators)
    ("from-to base in a review", "“十四五”时期是全省发展极不平凡的五年。\n数字经济规模从2.01万亿元增加到"
     "3.2万亿元。\n", "2025-06-10", None, "2.01万亿元", "achieved", "2020"),
    ("from-to end in a review", "“十四五”时期是全省发展极不平凡的五年。\n数字经济规模从2.01万亿元增加到"
     "3.2万亿元。\n", "2025-06-10", None, "3.2万亿元", "achieved", "2021-2025"),
    # one 两年平均 governs each figure of its enumeration
    ("average over an enumeration", "某市2021年前三季度经济运行情况\n规上工业、投资、消费两年平均增速分别为"
     "4.7%、5.0%和4.4%。\n", "2021-10-20", None, "5.0%", "achieved", "2020-2021"),
    # 去年 as the base of a comparison is not the figure's period; alone it is
    ("last year as a base", "前三季度，全省外贸进出口比去年同期增长20.2%，新增外贸企业是去年全年的1.5倍。\n",
     "2024-10-20", None, "20.2%", "achieved", "2024"),
    ("last year as the period", "去年全省新增外贸企业300家。\n", "2024-10-20", None, "300家",
     "achieved", "2023"),
    # GUIDELINES §1 target lists: a task-division list's lines are targets without a cue word
    ("task-division list", "某县2025年政府工作报告任务清单\n一、县工信局牵头工作\n1.建设3个劳动密集型产业园。\n",
     "2025-03-01", "关于印发2025年县《政府工作报告》任务分解的通知", "3个", "target", "2025"),
    # a plan period that has not ended at the reference date is the plan's own, no review
    # (written for the rule; v2_gold v204/v205 class)
    ("plan period ahead", "“十四五”时期，全市地区生产总值年均增长6%左右。\n", "2021-03-15", None,
     "6%", "target", "2021-2025"),
    ("plan period ended", "“十四五”时期，全市地区生产总值年均增长6%左右。\n", "2026-03-15", None,
     "6%", "achieved", "2021-2025"),
    ("plan period so far (以来)", "“十四五”以来，全市累计完成固定资产投资1200亿元。\n", "2023-03-15",
     None, "1200亿元", "achieved", ...),
    # an epoch named for its year (v2_gold v168/v169 class, written for the rule): from it
    # to the last complete year; an average over it keeps that span
    ("since an epoch", "改革开放以来，全县生产总值年均增长9.8%，比全省高0.6个百分点。\n", "2019-10-01",
     None, "9.8%", "achieved", "1978-2018"),
    ("since an epoch, run on", "改革开放以来，全县生产总值年均增长9.8%，比全省高0.6个百分点。\n",
     "2019-10-01", None, "0.6个百分点", "achieved", "1978-2018"),
    ("since a congress", "党的十八大以来，全市累计新增城镇就业52万人。\n", "2022-09-01", None,
     "52万人", "achieved", "2012-2021"),
    # negative: an anniversary is no span
    ("an anniversary is no epoch span", "庆祝改革开放40周年，全县去年新增就业1.2万人。\n",
     "2019-10-01", None, "1.2万人", "achieved", "2018"),
    # GUIDELINES §1 预计: after the months so far, a preliminary result of a period still
    # ending (status_gold p087 class, written for the rule); 预计 of the months ahead stays other
    ("预计 after the months so far", "今年以来，全区经济稳健运行，1至9月预计全区实现GDP288亿元，增长11%左右。\n",
     "2022-10-20", None, "288亿元", "achieved", "2022"),
    ("预计 of the year ahead", "1至9月全区经济稳健运行。预计明年全区实现GDP320亿元。\n",
     "2022-10-20", None, "320亿元", "other", "2023"),
    # a year still ahead is no result inside a review's frame (the 1982 national report's
    # 第六个五年计划规定，一九八五年…; written for the rule); a year behind stays achieved
    ("a year ahead in a review", "各位代表：\n\n过去一年，全省粮食产量稳定增长。五年计划规定，2025年粮食产量达到700亿斤。\n",
     "2023-01-15", None, "700亿斤", "target", "2025"),
    ("a year behind in a review", "各位代表：\n\n过去一年，全省粮食产量稳定增长。2022年粮食产量达到650亿斤。\n",
     "2023-01-15", None, "650亿斤", "achieved", "2022"),
    # a work report that turns to the year's work without a heading (the 2002 national
    # report's shape, written for the rule): from that sentence on, the plan
    ("report turn without a heading", "各位代表：\n\n去年全省经济稳定增长。\n\n按照这个总体要求，今年要着重做好以下八个方面工作。\n\n"
     "一、扩大内需，促进经济较快增长\n\n新建农村公路5000公里，改造危房3万户。\n", "2002-03-05", None,
     "5000公里", "target", "2002"),
    ("before the turn, the review", "各位代表：\n\n全省新建农村公路4000公里。\n\n按照这个总体要求，今年要着重做好以下八个方面工作。\n\n"
     "一、扩大内需，促进经济较快增长\n\n新建农村公路5000公里。\n", "2002-03-05", None,
     "4000公里", "achieved", "2001"),
    # 今后五年 in a report of March starts that year (v2_gold v176: 2017-2021); in December the next
    ("the next five years from March", "各位代表：\n\n今后五年，全市生产总值年均增长7%。\n", "2017-03-01", None,
     "7%", "target", "2017-2021"),
    ("the next five years from December", "各位代表：\n\n今后五年，全市生产总值年均增长7%。\n", "2016-12-20", None,
     "7%", "target", "2017-2021"),
    # a figure naming the target itself is its value, though the target was reached (v2_gold
    # v206/v207 class, written for the rule); the outcome beside it stays achieved
    ("the target's own value", "十四五时期就业总体稳定，城镇登记失业率保持在4.5%以内，实现5.5%的规划目标。\n",
     "2025-12-20", None, "5.5%", "target", "2021-2025"),
    ("the outcome beside a named target", "十四五时期就业总体稳定，城镇登记失业率保持在4.5%以内，实现5.5%的规划目标。\n",
     "2025-12-20", None, "4.5%", "achieved", "2021-2025"),
    # a date given as a year only: the text was written during that year, so 这五年 ends the
    # year before (v2_gold v124 class, written for the rule); with its month, as the month says
    ("five years, year-only date", "这五年，全省累计减少农村贫困人口98万人。\n", "2017", None,
     "98万人", "achieved", "2012-2016"),
    ("five years, December date", "这五年，全省累计减少农村贫困人口98万人。\n", "2017-12-20", None,
     "98万人", "achieved", "2013-2017"),
]


# §1 other: conditions, project sizes, award amounts, budgets, reference sets (written here)
OTHER_CASES = [
    ("condition clause", "零售企业营业额达到200万元且增速达到15%以上的，给予1万元奖励。",
     ["200万元", "15%"]),
    ("condition clause, one figure", "对年纳税额500万元以上的，按比例予以补助。", ["500万元"]),
    ("project size", "引进投资8亿元的新能源电池项目。", ["8亿元"]),
    ("project investment", "某某光伏发电项目投资12亿元，年底开工。", ["12亿元"]),
    ("award amount", "对新认定的国家级专精特新企业奖励50万元。", ["50万元"]),
    ("unit subsidy", "标准厂房每平方米补助200元。", ["200元"]),
    ("scheme budget", "本次活动总预算80万元，其中政府承担60%。", ["80万元", "60%"]),
    ("reference set", "工业增加值增速位列全省14个市州第3位。", ["14个"]),
    ("site area", "项目用地35亩，总面积2.3万平方米。", ["35亩", "2.3万平方米"]),
    ("category clause", "对营业收入超过2亿元、5亿元且增速不低于12%、10%的规模以上服务业企业给予奖励。",
     ["2亿元", "5亿元", "12%", "10%"]),
    ("task roster", "《任务分解》明确86项具体任务，涉及27个牵头单位。", ["86项", "27个"]),
    ("task roster after its noun", "1.在“稳增长”方面（分解任务12项）。", ["12项"]),
    ("composition", "某某自贸试验区总面积119.76平方公里，涵盖长沙、岳阳、郴州三个片区。", ["三个"]),
    ("indicator roster after its noun", "今年市《政府工作报告》确定的主要经济指标任务12项，列入本次通报的为5项。",
     ["12项"]),
    ("grade class", "港区建成10万吨级集装箱码头，可停靠5万吨级船舶。", ["10万吨", "5万吨"]),
    # status_gold_b p109/p145/p132/p133 shapes, written for the rules
    ("travel time of a place", "新区交通便捷，高铁30分钟到达省城、90分钟可达邻省省会。", ["30分钟", "90分钟"]),
    ("natural endowment", "该市拥有800多公里的海岸线、约2万平方公里的海域。", ["800多公里", "2万平方公里"]),
    ("class after a qualifier", "全年签约5亿元以上重大产业项目12个，20亿元以上(不含50亿级)项目4个。",
     ["5亿元", "20亿元"]),
    ("a zone's parts", "自贸试验区涵盖三个片区：长沙片区79.98平方公里（含黄花综合保税区1.99平方公里），岳阳片区19.94平方公里。",
     ["79.98平方公里", "1.99平方公里", "19.94平方公里"]),
    ("size of each project", "多数项目投资额在5亿元以上；2家企业投资项目的金额分别达80亿元和30亿元。",
     ["5亿元", "80亿元", "30亿元"]),
]
NOT_OTHER_CASES = [
    ("deals' total is a result", "全年新签约项目36个，总投资210亿元。", ["210亿元"]),
    ("a fund spent is a result", "全年发放稳岗补助资金超过3亿元。", ["3亿元"]),
    ("a count of what was included is a result", "今年新纳入统计的企业包括规上工业企业42家。", ["42家"]),
    ("a result that reaches a level", "全市规上工业增加值增长8%，增速位列全省第2位。", ["8%"]),
    ("a budget revenue is an indicator", "一般公共预算收入达到45亿元。", ["45亿元"]),
    ("a count of projects is no size", "开工建设了18个投资亿元以上的项目。", ["18个"]),
    ("a count of parks to build is the aim", "培育8个营业收入超百亿元的重点园区。", ["8个"]),
    ("tasks done are a result", "全年完成重点任务45项。", ["45项"]),
    ("a time cut is a result", "审批时间压缩至30分钟，群众到达窗口即可办理。", ["30分钟"]),
    ("a coast cleaned is a result", "全年整治海岸线35公里，修复海域面积1200公顷。", ["35公里"]),
    ("what a park holds is no zone area (seed 004 shape)", "能源中心为园区80万平方米建筑提供集中供能服务。",
     ["80万平方米"]),
    ("a scale compared with last year is a level (gwr2024 shape)", "一般公共预算支出规模28.5万亿元、比上年增加1.1万亿元。",
     ["28.5万亿元"]),
    ("a zone's growth is a result", "全年高新区新增建成区面积12平方公里。", ["12平方公里"]),
    ("a class total is a result", "全年签约5亿元以上重大产业项目12个，总投资达到280亿元。", ["12个", "280亿元"]),
]

# a share of the plan reached is progress, though 计划 stands beside it; a plan is an aim
@pytest.mark.parametrize("text,fig,status", [
    ("新建养老床位800张，为计划的104%。", "104%", "achieved"),
    ("重点项目完成投资56亿元，占年度计划的93.5%。", "93.5%", "achieved"),
    ("全县计划新建养老床位800张。", "800张", "target"),
    # 计划内/计划外 qualify what was done (gwr1985); 计划内容 is still the plan's
    ("对外经济技术交流扩大\n去年我国利用外资继续增加。\n计划内签约成交的技术引进项目有一千多项，"
     "成交额比上年大幅度增长。", "一千多项", "achieved"),
    ("对外经济技术交流扩大\n去年我国利用外资继续增加。\n计划内容包括新建养老床位800张。",
     "800张", "target"),
])
def test_plan_ratio(nlp, text, fig, status):
    q = _read(nlp, text, "2023-12-20", fig)
    assert q.status.value == status, q.evidence


# negatives of the reviewed passage: a sentence with a figure of its own frames only itself;
# a plan period not yet ended is an aim, not a review (below)
@pytest.mark.parametrize("text,fig", [
    ("“十三五”时期全县新建学校12所。\n某企业计划明年扩产。\n厂区新建仓库3座。\n", "3座"),
    ("“十四五”时期是全面建设的关键五年。\n新建乡村公路500公里。\n", "500公里"),
])
def test_no_reviewed_passage(nlp, text, fig):
    doc = nlp(text, date="2021-02-10", explain=True)
    assert not any(f.kind == "passage" and f.status is None for f in doc.frames), doc.frames
    assert (_fig(doc, fig).evidence.get("period_cue") or "").count("past_n_years") == 0


# a topic sentence opening on the plan period under way heads the plan's aims (gwr2021: 过去五年…
# then “十四五”时期是开启…的第一个五年。 and the plan's targets); not its mention at the end of a
# review sentence, nor a period further ahead
@pytest.mark.parametrize("topic,status,period", [
    ("“十四五”时期是开启新征程的第一个五年。", "target", "2021-2025"),
    ("过去五年成绩显著，为“十四五”时期发展打下了坚实基础。", "achieved", "2016-2020"),
    ("“十五五”时期是基本实现现代化的关键五年。", "achieved", "2020"),  # a turn, no aim of now
])
def test_a_topic_sentence_of_the_plan_under_way_heads_its_aims(nlp, topic, status, period):
    text = f"政府工作报告\n过去五年极不平凡。\n全县新建乡村公路800公里。\n{topic}\n森林覆盖率达到24.1%。\n"
    q = _read(nlp, text, "2021-03-05", "24.1%")
    assert (q.status.value, q.period) == (status, period), q.evidence


def test_reviewed_passage_stops_where_the_text_turns_ahead(nlp):
    text = ("“十三五”时期是全县发展极不平凡的五年。\n乡村公路通车里程达到3200公里。\n"
            "下一步，全县将抓好交通建设。\n新建乡村公路150公里。\n")
    doc = nlp(text, date="2021-02-10", explain=True)
    assert _fig(doc, "3200公里").period == "2016-2020"
    assert "passage" not in (_fig(doc, "150公里").evidence.get("period_cue") or "")


@pytest.mark.parametrize("name,text,figs", OTHER_CASES, ids=[c[0] for c in OTHER_CASES])
def test_other_class(nlp, name, text, figs):
    doc = nlp(text, date="2023-04-01", explain=True)
    for f in figs:
        q = _fig(doc, f)
        assert q.status.value == "other", (f, q.evidence)


@pytest.mark.parametrize("name,text,figs", NOT_OTHER_CASES, ids=[c[0] for c in NOT_OTHER_CASES])
def test_not_other_class(nlp, name, text, figs):
    doc = nlp(text, date="2023-04-01", explain=True)
    for f in figs:
        q = _fig(doc, f)
        assert q.status.value != "other", (f, q.evidence)


@pytest.mark.parametrize("name,text,date,title,fig,status,period", CASES,
                         ids=[c[0] for c in CASES])
def test_settled_class(nlp, name, text, date, title, fig, status, period):
    q = _fig(nlp(text, date=date, title=title, explain=True), fig)
    if period is ...:  # the row is about status only
        period = q.period
    assert (q.status.value, q.period) == (status, period), q.evidence


@pytest.mark.parametrize("text,title,genre", [
    ("2023年北京市国民经济和社会发展统计公报\n全年…", None, "bulletin"),
    ("政府工作报告\n各位代表：", None, "report"),
    ("全县粮食总产量12.5万吨。", "某县2023年政府工作报告", "report"),
    ("1-9月全市经济运行情况\n…", None, "bulletin"),
    ("关于印发某市数字经济三年行动方案的通知\n…", None, "plan"),
    ("某区2023年民生实事项目完成情况的公示\n…", None, "notice"),
    # a task-division list issued with the work report is a plan (its targets), no report
    ("关于印发2025年县《政府工作报告》任务分解的通知\n…", None, "plan"),
    ("关于2025年县《政府工作报告》任务分解落实情况的通报\n…", None, "notice"),
    ("“十四五”时期发展成就巡礼\n…", None, "review"),
    ("记者从市商务局获悉，…", None, "news"),
])
def test_genre_from_headline_and_opening(text, title, genre):
    assert detect_genre(text, title=title)[0] == genre


def test_reference_date_order():
    assert reference_date("x", "2024-03-05")[2] == "given"
    assert reference_date("标题\n发布时间：2023-02-20 11:01", None)[:3] == (2023, 2, "dateline")
    y, m, src = reference_date("政府工作报告\n——2022年3月5日在第十三届全国人民代表大会第五次会议上",
                               None)
    assert (y, m) == (2022, 3) and src in ("dateline", "self")
    assert reference_date("无日期", None) == (None, None, None)


def test_named_periods():
    assert named_period("一、2023年工作回顾") == "2023"
    assert named_period("“十二五”时期") == "2011-2015"
    assert named_period("实施方案（2024—2026年）") == "2024-2026"
    assert named_period("工作回顾") is None


def test_headings_nest_and_the_innermost_wins():
    text = ("政府工作报告\n一、2023年工作回顾\n（一）经济发展\n产值增长5%。\n"
            "二、2024年工作安排\n（一）稳增长\n产值增长6%。\n")
    tf = build_frames(text, "2024-02-01")
    i, j = text.index("5%"), text.index("6%")
    assert (tf.at(i).status, tf.at(i).period) == ("achieved", "2023")
    assert (tf.at(j).status, tf.at(j).period) == ("target", "2024")
    assert tf.at(i).kind == "heading" and tf.genre == "report"


@pytest.mark.parametrize("figure,cue_free_text", [
    ("8%", "工业增加值增长8%。"), ("120家", "高新技术企业120家。"), ("3.5万吨", "粮食产量3.5万吨。"),
])
@pytest.mark.parametrize("heading,status,period", [
    ("一、2023年工作回顾", "achieved", "2023"), ("二、2024年主要预期目标", "target", "2024"),
])
def test_property_cue_free_figure_takes_its_frame(nlp, figure, cue_free_text, heading, status,
                                                  period):
    """A figure without a cue of its own inside a frame takes the frame's status and period."""
    text = f"政府工作报告\n{heading}\n{cue_free_text}\n"
    q = _read(nlp, text, "2024-01-25", figure)
    assert (q.status.value, q.period) == (status, period)
    assert q.evidence["status_cue"].startswith("frame:")


def test_frame_rule_file_is_validated(tmp_path, monkeypatch):
    d = json.loads(data_path("time_frames.json").read_text(encoding="utf-8"))
    d["headings"][0]["colour"] = "red"
    bad = tmp_path / "time_frames.json"
    bad.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    from policy_extract.errors import RuleFileError
    from policy_extract.frames import build as fb

    monkeypatch.setattr(fb, "FILE", str(bad))
    fb.load_frame_rules.cache_clear()
    try:
        with pytest.raises(RuleFileError, match="colour"):
            load_frame_rules()
    finally:
        monkeypatch.undo()
        fb.load_frame_rules.cache_clear()


@pytest.mark.parametrize("text,figure,period", [
    # a work report dated by its year only is still given early in that year (GUIDELINES §1)
    ("政府工作报告\n一、2014年工作回顾\n一年来，国内生产总值增长7.4%。\n", "7.4%", "2014"),
    ("政府工作报告\n一、过去五年工作回顾\n五年来，粮食产量增加到6.2亿吨。\n", "6.2亿吨", "2013-2017"),
])
def test_a_report_dated_by_year_reviews_the_years_before(nlp, text, figure, period):
    date = "2015" if "2014年" in text else "2018"
    assert _fig(nlp(text, date=date), figure).period == period


def test_frames_are_their_own_step_before_the_figures():
    """Issue 14: the frame stage is a component of its own, run before status and period."""
    import policy_extract
    from policy_extract.extensions import get_state

    nlp = policy_extract.load("rules")
    names = nlp.nlp.pipe_names
    assert names.index("policy_frames") < names.index("policy_quantities")
    text = "2023年国民经济和社会发展统计公报\n全年地区生产总值增长5.2%。"
    doc = nlp.run(nlp.make_doc(text))
    frames = get_state(doc).frames
    assert frames is not None and frames.genre == "bulletin"


def test_a_plans_title_below_page_furniture_sets_its_period():
    """status_gold p013: a yearbook page (printed 2017) of the 十三五 plan; its 过去五年 heading
    is the previous plan period, 2011-2015, not the five years before the page's date."""
    from policy_extract.frames import build_frames
    from policy_extract.text.normalize import normalize

    text = ("内容阅读\n\n当前位置: 首页 > 岳阳年鉴 > 附录\n\n岳阳市国民经济和社会发展\n\n"
            "第十三个五年规划纲要(摘要)\n\n一、过去五年的发展成果\n\n"
            "综合实力明显提升。全市地区生产总值达到2886.3亿元。\n")
    tf = build_frames(normalize(text).text, "2017-11-07")
    assert tf.genre == "plan"
    heads = [f for f in tf.frames if f.kind == "heading"]
    assert heads and heads[0].period == "2011-2015"
    # negative: the plan named inside a sentence is no title line (plan_head does not fire)
    news = "记者从市发改委获悉。\n第十三个五年规划纲要实施顺利，全市生产总值增长8%。"
    assert not build_frames(normalize(news).text, "2017-11-07").genre_rule.startswith("plan_head")


@pytest.mark.parametrize("date,issued,period", [
    # status_gold_b p124 shape, written for the rule: a notice issues a plan that names no
    # period at the turn of two periods; its 发展基础 reviews the period just ended
    ("2020-12-02", "《某省数字经济发展规划(1.0版)》已经省政府同意，现印发给你们", "2016-2020"),
    ("2021-04-10", "《某市物流业发展规划》已经市政府同意，现印发给你们", "2016-2020"),
    # the plan names its period: the one before it, wherever the date falls
    ("2023-03-01", "《某市物流业发展规划(2021-2025年)》已经市政府同意，现印发给你们", "2016-2020"),
    # negatives: mid-period, a plan's horizon is unknown; a notice issuing a measure is no plan
    ("2023-03-01", "《某市物流业发展规划》已经市政府同意，现印发给你们", None),
    ("2020-12-02", "《某市支持物流业发展的若干措施》已经市政府同意，现印发给你们", None),
])
def test_a_notice_issuing_a_plan_reviews_the_period_just_ended(date, issued, period):
    from policy_extract.frames import build_frames
    from policy_extract.text.normalize import normalize

    text = (f"各区人民政府，市政府各部门：\n\n{issued}，请认真贯彻执行。\n\n"
            "一、发展基础\n\n全市快递业务量达到12.5亿件，物流业增加值580亿元。\n")
    tf = build_frames(normalize(text).text, date)
    heads = [f for f in tf.frames if f.kind == "heading"]
    assert heads and heads[0].period == period, (tf.genre, tf.genre_rule, heads)


def test_history_in_a_first_sentence_is_not_the_texts_period(nlp):
    # a first line that is a body sentence naming an old year; the dateline below dates the text
    text = ("这座山城不沿边、不靠海，1997年才通火车，如今已是开放高地。\n"
            "2020年1月21日，省统计局发布主要经济指标。\n数据显示，全市地区生产总值为3474亿元。\n")
    q = _fig(nlp(text, explain=True), "3474亿元")
    assert q.period != "1997", q.evidence
    # negative: a headline naming its year keeps it as the text's period
    head = "某县2019年经济运行情况\n2020年1月21日，县统计局发布，全县生产总值为120亿元。\n"
    assert _fig(nlp(head, explain=True), "120亿元").period == "2019"


# an undated work report dates itself by its headings (written for the report_year rules)
@pytest.mark.parametrize("text,genre,expected", [
    ("各位代表：\n现在，我代表国务院作报告。\n一、2014年工作回顾\n一年来…", "report", (2015, 3, "review_heading_year")),
    ("各位代表：\n一、2018年工作回顾\n…\n二、2019年经济社会发展总体要求和政策取向\n", "report",
     (2019, 3, "review_heading_year")),
    ("各位代表：\n…\n二、2018年经济社会发展总体要求和政策取向\n", "report", (2018, 3, "plan_heading_year")),
    ("各位代表：\n…\n三、对2018年政府工作的建议\n", "report", (2018, 3, "plan_heading_year")),
    ("各位代表：\n一、1998年工作回顾和1999年工作的总体要求\n", "report", (1999, 3, "review_heading_year")),
    # negatives: not a report; a year inside a sentence; no heading at all
    ("一、2014年工作回顾\n一年来…", "news", (None, None, None)),
    ("各位代表：\n去年我们按照2014年工作回顾会议的部署推进。\n", "report", (None, None, None)),
    ("各位代表：\n一年来，经济平稳运行。\n", "report", (None, None, None)),
])
def test_undated_report_dates_itself_by_its_headings(text, genre, expected):
    assert reference_date(text, None, genre=genre) == expected


@pytest.mark.parametrize("text,genre", [
    # the opening address decides, whatever its first sentence says (…提出意见 is no notice)
    ("各位代表：\u200d\n\n现在，我代表国务院，向大会报告政府工作，请予审议，并请各位委员提出意见。", "report"),
    ("各位代表：\n现在，我代表市人民政府作工作报告。", "report"),
    ("各位代表！\n\n  现在，我代表国务院向大会作报告。", "report"),
    # negatives: the delegates named in a news sentence, not addressed
    ("会上，各位代表认真履职，积极建言。", "news"),
    ("关于征求各位代表意见的通知\n…", "notice"),
])
def test_a_text_opening_on_the_address_is_a_report(text, genre):
    assert detect_genre(text)[0] == genre


def test_undated_report_figures_follow_the_dated_heading(nlp):
    text = ("各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议，并请各位委员提出意见。\n"
            "一、2014年工作回顾\n一年来，国内生产总值增长7.4%。\n二、2015年工作总体部署\n"
            "今年国内生产总值增长7%左右。\n")
    doc = nlp(text, explain=True)
    assert doc.genre == "report"
    assert (_fig(doc, "7.4%").status.value, _fig(doc, "7.4%").period) == ("achieved", "2014")
    assert (_fig(doc, "7%").status.value, _fig(doc, "7%").period) == ("target", "2015")
    assert _fig(doc, "7%").evidence["date_from"] == "review_heading_year"


def test_a_plan_heading_with_spaced_digits_dates_the_report():
    text = "各位代表：\n一、关于过去五年的政府工作\n…\n二、关于1 9 9 8 年政府工作的建议\n"
    assert reference_date(text, None, genre="report") == (1998, 3, "plan_heading_year")


@pytest.mark.parametrize("text,statuses", [
    # a heading naming the year's key indicators heads a list of targets (written for the rule)
    ("茶山镇召开推进会。\n2024年重点指标\n◆GDP同比增长5%;规上工业总产值431亿元。\n", ["target", "target"]),
    ("全区召开大会。\n\n2024年主要指标\n\n工业投资35.9亿元，技改投资18.4亿元。\n", ["target", "target"]),
    # negative: a report of how the indicators went
    ("全区召开大会。\n\n2023年主要指标完成情况\n\n工业投资35.9亿元，技改投资18.4亿元。\n", ["achieved", "achieved"]),
])
def test_a_years_key_indicators_heading_heads_targets(nlp, text, statuses):
    doc = nlp(text, date="2024-02-18")
    assert [q.status.value for q in doc.quantities] == statuses


# A five-year review inside a work report's review section (gwr2023's shape): the passage opened
# by 过去五年… runs over the numbered sub-headings of its own section, to the next heading of
# that section's level; a word of the stop list inside a clause (透支未来) is no turn.
TERM_REPORT = (
    "政府工作报告\n"
    "一、过去一年和五年工作回顾\n"
    "过去一年，全国粮食产量1.37万亿斤。\n"
    "过去五年极不寻常、极不平凡。\n"
    "五年来，我们主要做了以下工作。\n"
    "（一）创新宏观调控。\n"
    # more paragraphs than a paragraph-opening cue reaches (quantity_periods.json `section`)
    + "统筹运用财政货币等政策，增强针对性有效性。\n" * 9
    + "既果断加大力度，又不搞“大水漫灌”、透支未来，城镇新增就业6500万人。\n"
    "（二）推进基础设施建设。\n"
    + "坚持适度超前开展基础设施建设。\n" * 9
    + "新建高标准农田4.56亿亩。\n"
    "二、对今年政府工作的建议\n"
    "今年城镇新增就业1200万人左右。\n"
)


@pytest.mark.parametrize("fig,period", [
    ("6500万人", "2018-2022"),   # past a clause-inner 未来
    ("4.56亿亩", "2018-2022"),   # past the sub-heading （二）
    ("1.37万亿斤", "2022"),       # before the five-year passage: the past year's
    ("1200万人", "2023"),         # negative: the next top-level heading ends it
])
def test_a_reviewed_passage_spans_its_sections_sub_headings(nlp, fig, period):
    doc = nlp(TERM_REPORT, date="2023-03-05", explain=True)
    assert _fig(doc, fig).period == period, _fig(doc, fig).evidence


@pytest.mark.parametrize("turn,passage", [
    ("下一步，全县将抓好交通建设。", False),   # a turn opening its sentence ends the passage
    ("全县交通建设，今年将再上台阶。", False),  # ... or opening a clause
    ("全县交通建设没有透支未来。", True),       # negative: the word inside a clause is no turn
])
def test_a_turn_opens_its_sentence_or_clause(nlp, turn, passage):
    text = ("“十三五”时期是全县发展极不平凡的五年。\n乡村公路通车里程达到3200公里。\n"
            f"{turn}\n新建乡村公路150公里。\n")
    q = _read(nlp, text, "2021-02-10", "150公里")
    assert ("passage" in (q.evidence.get("period_cue") or "")) is passage, q.evidence


@pytest.mark.parametrize("topic,passage", [
    ("结合过去五年工作的体会，对今年工作提出以下建议。", False),  # it turns to the year's work
    ("过去五年，我们走过了极不平凡的历程。", True),                # negative: a review's topic
])
def test_a_topic_sentence_that_turns_to_the_year_opens_no_passage(nlp, topic, passage):
    doc = nlp(f"政府工作报告\n{topic}\n全县新建乡村公路150公里。\n", date="2021-03-05",
              explain=True)
    assert any(f.kind == "passage" for f in doc.frames) is passage, doc.frames


# an average over a span of years the text names is over that span; from/to ends of a change
# over a named span take its first and last year (GUIDELINES §1 plan periods)
_NAMED_SPAN_CASES = ("1985-03-27", [
    ("1984年农业总产值增长14.5%，远远超过1953年到1978年的二十六年间平均每年增长3.2%的速度。",
     "3.2%", "1953-1978"),
    ("从1979年到1983年，农业总产值平均每年增长7.9%。", "7.9%", "1979-1983"),
    # negative: a base year and an end year are no named span: the years of growth
    ("从2015年的50亿元增加到2020年的62亿元，年均递增4.58%。", "4.58%", "2016-2020"),
    ("从1978年到1983年，城乡居民的平均消费水平，由一百七十五元提高到二百八十八元。", "一百七十五元",
     "1978"),
    ("从1978年到1983年，城乡居民的平均消费水平，由一百七十五元提高到二百八十八元。", "二百八十八元",
     "1983"),
])


# N年内 is a span of N years, not 年内 (this year)
@pytest.mark.parametrize("text,fig,this_year", [
    ("年内新建乡村公路150公里。", "150公里", True),
    ("五年内新建乡村公路150公里。", "150公里", False),
    ("十二年内粮食亩产达到400斤。", "400斤", False),
])
def test_n_years_within_is_not_this_year(nlp, text, fig, this_year):
    q = _read(nlp, text, "2003-03-05", fig)
    assert (q.evidence.get("period_cue") == "sentence:this_year") is this_year, q.evidence


# GUIDELINES §1 work reports: a report given in year Y plans Y, so a figure its own words date
# to this year (今年) inside the review's frame is the plan's; 本年/当年 (the year of an account
# the sentence is about) is no such date
@pytest.mark.parametrize("sentence,fig,status", [
    ("今年中央财政预算赤字1503亿元，比去年增加了。", "1503亿元", "target"),
    ("今年的行政经费预算，从中央到地方，一律削减10%。", "10%", "target"),
    ("国内生产总值比上年增长7.8%。", "7.8%", "achieved"),          # negative: the review's own
    ("1998年国家决算本年收入合计9876亿元。", "9876亿元", "achieved"),  # negative: 本年 of an account
    # the rise the year's plan sets against last year (gwr2019) is the plan's too
    ("今年中央预算内投资安排5776亿元，比去年增加400亿元。", "400亿元", "target"),
    ("去年中央预算内投资5376亿元，比上年增加300亿元。", "300亿元", "achieved"),  # negative
])
def test_a_work_reports_own_year_is_its_plan(nlp, sentence, fig, status):
    text = f"政府工作报告\n一、1998年工作回顾\n{sentence}\n二、1999年工作的总体要求\n"
    q = _read(nlp, text, "1999-03-05", fig)
    assert q.status.value == status, q.evidence


# a report given with its year only that presents the next year's plan was given late in that
# year (the reports of 1964, 1980, 1981): it reviews its own year and plans the next
LATE_REPORT = ("政府工作报告\n各位代表：\n今年工业总产值增长百分之十五。\n"
               "国务院提出了一九六五年计划草案，明年工业总产值计划增长百分之十一。\n")
_LATE_REPORT_CASES = ("1964", [
    (LATE_REPORT, "百分之十五", "achieved", "1964"),
    (LATE_REPORT, "百分之十一", "target", "1965"),
    # negative: no plan of the next year named, so a report of early 1964 planning 1964
    (LATE_REPORT.replace("一九六五年计划草案", "计划草案"), "百分之十五", "target", "1964"),
])


# 从X增加到Y inside a span the text does not date (五年来): X is the level before the span,
# Y keeps the span (as the seed's 由2020年的2.73%提升至3.35% does)
@pytest.mark.parametrize("fig,period", [("54万亿元", "2012"), ("82.7万亿元", "2013-2017"),
                                        ("6.9%", "2017")])  # negative: a figure naming its year
def test_from_to_inside_an_undated_span(nlp, fig, period):
    text = ("政府工作报告\n一、过去五年工作回顾\n五年来，经济实力跃上新台阶。国内生产总值从54万亿元增加到"
            "82.7万亿元。\n2017年国内生产总值增长6.9%。\n")
    q = _read(nlp, text, "2018-03-05", fig)
    assert q.period == period, q.evidence


# a work report presenting a five-year plan speaks for that plan (the reports of 1955, 1982,
# 1986): its figures are the plan's aims over the plan period; a section naming its period
# keeps it; a review heading inside it still reviews
PLAN_REPORT = ("各位代表：\n现在，我代表国务院，作关于国民经济和社会发展第七个五年计划的报告。\n"
               "一、“六五”计划执行情况的回顾\n五年内国民生产总值平均每年增长百分之十。\n"
               "二、“七五”时期的基本任务\n国民生产总值平均每年增长百分之七点五。\n")
_PLAN_REPORT_CASES = ("1986", [
    (PLAN_REPORT, "百分之七点五", "target", "1986-1990"),
    (PLAN_REPORT, "百分之十", "achieved", "1981-1985"),
    # negative: a report that presents no five-year plan plans its own year
    (PLAN_REPORT.replace("第七个五年计划的报告", "政府工作的报告").replace("“七五”时期的", "今年的"),
     "百分之七点五", "target", "1986"),
])


# 五年累计… names the span of years the figure sums over (gwr2013); a year followed by 累计 is
# no count of years, and N年间 may be ahead (从1978年到1985年八年间…每年要增长…, gwr1978)
_YEARS_SUMMED_CASES = ("2013-03-05", [
    ("五年累计完成造林2953万公顷。", "2953万公顷", "2008-2012"),
    ("2012年累计完成造林600万公顷。", "600万公顷", "2012"),  # negative
])


def test_n_years_between_is_no_past_span(nlp):
    q = _read(nlp, "从2013年到2020年八年间，农业总产值每年要增长4%。", "2013-03-05", "4%")
    assert q.period != "2005-2012", q.evidence


# a comparison naming its years earlier in the paragraph (1986年同1978年相比，…由X增加到Y；…)
# dates both ends of each from/to pair after it, inside an undated span too (gwr1987)
@pytest.mark.parametrize("fig,period", [("348亿元", "1978"), ("9380亿元", "1986"),
                                        ("779亿元", "1986")])
def test_a_named_comparison_dates_from_to_ends(nlp, fig, period):
    text = ("政府工作报告\n近八年来，我国经济实力显著增强。1986年同1978年相比，国民生产总值由348亿元"
            "增加到9380亿元；国民收入由301亿元增加到779亿元。\n")
    q = _read(nlp, text, "1987-03-25", fig)
    assert q.period == period, q.evidence


# a work report's numbered heading naming one year and no frame word (the reports of 1956, 1958,
# 1980: 一、1955年国家决算, （一）一九五七年经济战线上的胜利, 二、1981年国民经济计划的任务):
# a year before the one the report plans is reviewed; that year or a later one is planned
YEAR_HEADINGS = ("各位代表：\n一、一九六二年的国民经济\n农业总产值增长百分之六。\n"
                 "二、一九六三年的国民经济\n农业总产值增长百分之五。\n")


@pytest.mark.parametrize("text,date,fig,status,period", [
    (YEAR_HEADINGS, "1963", "百分之六", "achieved", "1962"),
    (YEAR_HEADINGS, "1963", "百分之五", "target", "1963"),
    (YEAR_HEADINGS.replace("一九六二", "1962").replace("一九六三", "1963"), "1963", "百分之五",
     "target", "1963"),
    # a late report (it plans next year's plan) reviews its own year
    (YEAR_HEADINGS.replace("一九六二", "一九六三").replace("二、一九六三", "二、一九六四")
     .replace("国民经济\n农业总产值增长百分之五", "国民经济计划草案\n一九六四年计划农业总产值增长百分之五"),
     "1963", "百分之六", "achieved", "1963"),
])
def test_a_report_heading_naming_a_year(nlp, text, date, fig, status, period):
    q = _read(nlp, text, date, fig)
    assert (q.status.value, q.period) == (status, period), q.evidence


@pytest.mark.parametrize("text", [
    YEAR_HEADINGS.replace("各位代表：\n", "某市经济运行简况\n"),  # no work report
    YEAR_HEADINGS.replace("的国民经济", "，国民经济继续发展"),  # a run-on heading
    YEAR_HEADINGS.replace("一、", "").replace("二、", ""),  # unnumbered lines
    YEAR_HEADINGS.replace("一九六二年", "一九六二至一九六三年"),  # no single year
])
def test_no_year_heading_frame(text):
    first = text.index("农业")  # the first heading's section
    assert not [f for f in build_frames(text, "1963").frames
                if f.rule == "report_year_heading" and f.start < first]


# the year of a base a figure is a multiple or share of (等于1949年的2.5倍, 相当于2012年的3倍),
# or that it is compared with (同1952年比较), is no period of the figure's (gwr1954, gwr1956);
# a sentence introducing a list with a colon after a figure-free clause dates the list
_BASE_YEAR_CASES = ("2024-03-05", [
    ("2023年，全市工业产值达到800亿元，是2012年的3倍。", "3倍", "2023"),
    ("一九八五年，钢产量四千六百万吨，等于一九七八年的一点五倍。", "一点五倍", "1985"),
    ("一九五五年的粮食产量同一九五二年相比，增加百分之十。", "百分之十", "1955"),
    ("拿几项主要产品的2023年产量同2013年比较一下，可以看到以下数字：钢材120万吨，水泥300万吨。",
     "300万吨", "2023"),
    ("2012年全市工业产值为100亿元。", "100亿元", "2012"),  # negative: the year is the figure's
])


def test_a_list_after_a_clause_with_its_own_figure_is_not_dated_by_it(nlp):
    q = _read(nlp, "全市钢材2023年增长5%，主要数字如下：水泥300万吨。", "2025-08-01", "300万吨")
    assert q.period != "2023", q.evidence
    q = _read(nlp, "全市钢材2023年的产量比较一下，主要数字如下：水泥300万吨。", "2025-08-01",
              "300万吨")
    assert q.period == "2023", q.evidence  # the clause naming the year has no figure


# a late report (it presents next year's plan) whose text speaks of the year before its own
# more often (named or 去年, against named or 今年) reviews that year and still plans the next
# (gwr1980, given in the autumn); one speaking of its own more reviews it (gwr1964, gwr1981)
LATE_AUTUMN = ("政府工作报告\n各位代表：\n一九七九年粮食产量增长百分之九，一九七九年棉花产量增长百分之五。\n"
               "钢产量三千四百万吨。\n今年上半年工业总产值增长百分之十二。\n"
               "国务院提出了一九八一年计划草案，明年工业总产值计划增长百分之六。\n")
_LATE_AUTUMN_CASES = ("1980", [
    (LATE_AUTUMN, "三千四百万吨", "achieved", "1979"),
    (LATE_AUTUMN, "百分之十二", "achieved", "1980"),
    (LATE_AUTUMN, "百分之六", "target", "1981"),
    (LATE_AUTUMN.replace("一九七九年棉花", "一九八〇年棉花"), "三千四百万吨", "achieved", "1980"),  # a tie
    # the year before named twice, but 今年 three times (a report of November, gwr1981)
    (LATE_AUTUMN.replace("钢产量", "今年钢产量").replace("今年上半年", "今年前十个月") + "今年财政收支平衡。\n",
     "三千四百万吨", "achieved", "1980"),
])



# the report-frame tables above (a late report, a five-year plan report, a late report naming
# the year before), one test: each row's id names its table; each table gives its report's date
_REPORT_FRAME_TABLES = {"late_report": _LATE_REPORT_CASES, "plan_report": _PLAN_REPORT_CASES,
                        "late_autumn": _LATE_AUTUMN_CASES}


@pytest.mark.parametrize("date,text,fig,status,period", [
    pytest.param(date, *row, id=f"{name}-{i}") for name, (date, rows) in _REPORT_FRAME_TABLES.items()
    for i, row in enumerate(rows)])
def test_a_report_figure_takes_its_reports_frame(nlp, date, text, fig, status, period):
    q = _read(nlp, text, date, fig)
    assert (q.status.value, q.period) == (status, period), q.evidence

# a report given with its year only that tells the year's first half as past was given in its
# second half (gwr1954): a figure without a year of its own is of that year; 今年上半年要… is a plan
SECOND_HALF = ("各位代表：\n原煤产量八千万吨，钢产量二百二十万吨。\n"
               "今年上半年，全国工业总产值已比去年同期增长百分之十二。\n")
_SECOND_HALF_CASES = ("1954", [
    (SECOND_HALF, "八千万吨", "1954"),
    (SECOND_HALF.replace("今年上半年，全国工业总产值已比去年同期增长", "今年上半年要使全国工业总产值增长"),
     "八千万吨", "1953"),  # negative: a plan for the first half, in a report of March
])


# 本年/当年 are the year the sentence is about (１９５５年本年收入, 一九八五年…当年投产), not the
# text's; 去年 in a plan's sentence (与去年大体持平) does not turn the sentence into a review
@pytest.mark.parametrize("text,date,fig,status,period", [
    ("政府工作报告\n一、1990年国家决算\n1990年国家决算本年收入合计2900亿元，本年支出合计3000亿元。\n",
     "1991", "3000亿元", "achieved", "1990"),
    ("各位代表：\n一九八五年新建的工厂，当年投产的有三百个。\n", "1986", "三百个", "achieved", "1985"),
    ("政府工作报告\n一、2019年工作回顾\n全年经济运行平稳。\n二、2020年工作安排\n"
     "城镇新增就业900万人以上，货币信贷增速与去年大体持平。\n", "2020-05-22", "900万人", "target",
     "2020"),
    ("本年新增规模以上工业企业30家。", "2024-08-01", "30家", "achieved", "2024"),  # negative
])
def test_the_year_a_sentence_is_about(nlp, text, date, fig, status, period):
    q = _read(nlp, text, date, fig)
    assert (q.status.value, q.period) == (status, period), q.evidence


# a review heading that ends on the span it reviews (gwr1993: 一、改革开放和现代化建设取得伟大成就的
# 五年) dates its cue-free figures by that span; 的一年 is the reviewed year
@pytest.mark.parametrize("heading,period", [
    ("一、经济建设取得巨大成就的五年", "2013-2017"),
    ("一、经济建设取得巨大成就的一年", "2017"),  # negative
])
def test_a_review_heading_ending_on_its_span(nlp, heading, period):
    text = f"政府工作报告\n{heading}\n国内生产总值达到八十万亿元。\n二、今年工作\n"
    q = _read(nlp, text, "2018-03-05", "八十万亿元")
    assert (q.status.value, q.period) == ("achieved", period), q.evidence


# written for _reviewed_passage (the 1955 plan report's 两年来 paragraphs, no heading over them):
# in a plan document whose only status frame is its genre's, a reviewed passage's cue-free
# figures are achieved; negatives: a heading frame over the passage, and text outside it
def _plan_doc_frames(with_heading: bool):
    from policy_extract.frames.model import Frame, TimeFrames

    fs = [Frame(0, 1000, "genre", "plan_report_head", "作关于第一个五年计划的报告", "target", "1953-1957"),
          Frame(100, 400, "passage", "past_n_years", "两年来", None, "1953-1954")]
    if with_heading:
        fs.append(Frame(90, 500, "heading", "report_plan_section", "二、任务", "target", "1953-1957"))
    return TimeFrames("report", "plan_report_head", 1955, None, "given", fs)


@pytest.mark.parametrize("with_heading,i,expected", [
    (False, 200, ("achieved", "frame:passage:past_n_years:两年来")),
    (False, 600, ("target", "frame:genre:plan_report_head:作关于第一个五年计划的报告")),
    (True, 200, ("target", "frame:heading:report_plan_section:二、任务")),
])
def test_a_reviewed_passage_in_a_plan_document_reports(with_heading, i, expected):
    from policy_extract.components.quantities.status import apply_frame
    from policy_extract.schema import Status

    status, sev, _, _ = apply_frame(_plan_doc_frames(with_heading), i, Status.TARGET,
                                    {"status_cue": "document:plan"}, None, None, "", 1955)
    assert (status.value, sev["status_cue"]) == expected


# written for year_list_frames (the 1955 plan report's 如下列： lists): a sentence naming one
# year and ending on 如下： gives its item lines that year, and their growth the years after the
# base it names; negatives: the paragraph after the items, and a list whose opener names no year
_YEAR_LIST = ("全省农业发展规划\n\n按照规划，主要农业产品2027年的计划产量比2022年增长的情况如下：\n\n"
              "粮食：达到1500万吨，增长10%。\n\n棉花：达到30万吨，增长1.5倍。\n\n"
              "各地要认真落实规划，确保各项任务按期完成，全省农民人均收入再增加5000元。\n")


@pytest.mark.parametrize("text,expected", [
    (_YEAR_LIST, {"1500万吨": "2027", "10%": "2023-2027", "30万吨": "2027", "1.5倍": "2023-2027",
                  "5000元": "2024"}),
    (_YEAR_LIST.replace("2027年的计划产量比2022年增长的情况", "的计划产量"),
     {"1500万吨": "2024", "10%": "2024"}),
])
def test_a_list_opened_on_a_year_dates_its_items(text, expected):
    got = {q.text: q.period for q in policy_extract.load("rules")(text, date="2024-03-01").quantities}
    assert {k: got.get(k) for k in expected} == expected, got


# the period tables above (named spans, years summed, base years, a report telling its first
# half as past), one test: each row's id names its table; each table gives its text's date
_PERIOD_TABLES = {"named_span": _NAMED_SPAN_CASES, "years_summed": _YEARS_SUMMED_CASES,
                  "base_year": _BASE_YEAR_CASES, "second_half": _SECOND_HALF_CASES}


@pytest.mark.parametrize("date,text,fig,period", [
    pytest.param(date, *row, id=f"{name}-{i}") for name, (date, rows) in _PERIOD_TABLES.items()
    for i, row in enumerate(rows)])
def test_a_figure_takes_the_period_its_text_gives(nlp, date, text, fig, period):
    q = _read(nlp, text, date, fig)
    assert q.period == period, q.evidence
