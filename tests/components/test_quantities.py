"""Quantities stage: GUIDELINES §1 rows, seed and held-out sentences, the Not-quantities list."""

from __future__ import annotations

import json

import pytest

from policy_extract.components.quantities import find_quantities, load_quantity_rules
from policy_extract.text.normalize import normalize
from policy_extract.text.segment import segment


def run(text: str, date: str | None = None, explain: bool = False):
    n = normalize(text)
    qs = find_quantities(n, segment(n), date, explain)
    for q in qs:  # every span points into the raw text
        assert text[q.start:q.end] == q.text
        if q.indicator:
            assert text[q.indicator.start:q.indicator.end] == q.indicator.text
    return qs


def only(text: str, date: str | None = None):
    qs = run(text, date)
    assert len(qs) == 1, (text, [q.text for q in qs])
    return qs[0]


# fmt: off
# GUIDELINES §1 table: (text in context, span, value, unit, bound)
EXAMPLES_GUIDELINES = [
    ("同比增长7%", "7%", 7, "%", "eq"),
    ("新开工制造业项目300个", "300个", 300, "个", "eq"),
    ("增速8.5%左右", "8.5%", 8.5, "%", "approx"),
    ("比重10%以上", "10%", 10, "%", "ge"),
    ("科技型中小企业数量达1.25万家", "1.25万家", 12500, "家", "eq"),
    ("发放知识价值贷款80亿元", "80亿元", 8e9, "元", "eq"),
    ("累计突破产业关键技术400余项", "400余项", 400, "项", "gt"),
    ("近千项", "千项", 1000, "项", "approx"),
    ("超60项", "60项", 60, "项", "gt"),
    ("跃居全球科研城市第23位", "第23位", 23, "位", "eq"),
    ("增长5%-6%", "5%-6%", 5, "%", "range"),
    ("建设5至6个", "5至6个", 5, "个", "range"),
]
# GUIDELINES §1 measure definitions: (text, measure)
EXAMPLES_MEASURE = [
    ("全市规模以上工业增加值同比增长7%。", "growth"), ("研发经费投入增速8.5%。", "growth"),
    ("基础研究经费占全社会研发经费投入比重10%以上。", "share"), ("城镇调查失业率5.5%。", "share"),
    ("全社会研发投入强度3.35%。", "level"), ("国家级创新平台总量达152家。", "level"),
    ("跃居全球科研城市第23位。", "rank"), ("比2020年上升18位。", "change"),
    ("比重比上年上升0.2个百分点。", "change"),
]
# GUIDELINES §1 status definitions: (text, date, status)
EXAMPLES_STATUS = [
    ("目标：全社会研发经费投入增速8.5%左右。", "2026-02-24", "target"),
    ("力争突破产业关键技术130项以上。", "2026-02-24", "target"),
    ("五年来，长沙累计突破产业关键技术400余项。", "2025-12-01", "achieved"),
    ("技术合同成交额从339亿元增至1369亿元。", "2025-12-01", "achieved"),
    ("推动新增一批规模过100亿元企业。", "2026-02-24", "other"),
    ("售价比国外同类产品便宜近50%。", "2025-12-01", "other"),
    ("算力规模相当于100万台电脑同时工作。", "2025-12-01", "other"),
    ("到2027年，攻克100项关键核心技术。", "2025-01-01", "target"),
]
# GUIDELINES §1 "Not quantities" (and the corpus cases that taught the rules)
NOT_QUANTITIES = [
    "2026年，长沙将持续发力。", "长沙晚报2月24日讯", "3年前，他回到长沙。", "十四五期间成绩斐然。",
    "党的二十届四中全会明确提出。", "第十一届大会召开。", "持续推进省“4+4”科创工程。",
    "有机结合“1+22+N”三级服务体系。", "重点布局5G技术。", "95后创业者。", "一是实施计划。",
    "依托六大行动。", "从七大方面系统部署。", "打造“三个高地”。", "符合“四个全球”定位。",
    "一城一区三基地创新载体建设。", "推出ATR8800型号。", "通过3年的努力。", "未来5年将持续。",
    "连续四年保持增长。", "全市第一产业稳定。", "编制第十五个五年规划。", "中电48所成功研制。",
    "配套“20条”等政策。", "每万人就业人员中研发人员。", "推动零部件制造。", "全县三次产业结构。",
    "再掀“二次创业”热潮。", "08.08.2015 14:28\n本文来源", "全年地区生产总值[2]", "基本实现翻番。",
]
# seed sentences (seeds/000, seeds/004) with their gold span, value, status and indicator
EXAMPLES_SEEDS = [
    ("会上发布《长沙市打造国家重要先进制造业高地2026年行动方案》。"
     "全市产业园区实现新开工制造业项目300个、新投产制造业项目300个。", "2026-02-24",
     [("300个", 300, "target", "新开工制造业项目"), ("300个", 300, "target", "新投产制造业项目")]),
    ("今年全社会研发经费投入增速瞄准8.5%，将新增各类科技研发机构超400家", "2026-02-24",
     [("8.5%", 8.5, "target", "全社会研发经费投入增速"), ("400家", 400, "target", "新增各类科技研发机构")]),
    ("国家级创新平台总量达152家，全市各类研发机构达3823家。", "2025-12-01",
     [("152家", 152, "achieved", "国家级创新平台总量"), ("3823家", 3823, "achieved", "全市各类研发机构")]),
]
# held-out sentences (../shared/corpora pages annotated in corpora/dev_gold)
EXAMPLES_DEV_GOLD = [
    ("全年粮食种植面积83.6千公顷，比上年下降0.1%。", None,
     [("83.6千公顷", 83600, "achieved", "粮食种植面积"), ("0.1%", 0.1, "achieved", "粮食种植面积")]),
    ("到2027年，攻克100项关键核心技术，形成3至4个特色产业聚集区。", None,
     [("100项", 100, "target", "关键核心技术"), ("3至4个", 3, "target", "特色产业聚集区")]),
    ("具有25人以上的固定科研人员。", "2023-03-10", [("25人", 25, "other", "固定科研人员")]),
]
# fmt: on


@pytest.mark.parametrize("text,span,value,unit,bound", EXAMPLES_GUIDELINES)
def test_guidelines_rows(text, span, value, unit, bound):
    q = only(text)
    assert (q.text, q.value, q.unit, q.bound.value) == (span, pytest.approx(value), unit, bound), text


@pytest.mark.parametrize("text,measure", EXAMPLES_MEASURE)
def test_measure(text, measure):
    assert only(text).measure.value == measure, text


@pytest.mark.parametrize("text,date,status", EXAMPLES_STATUS)
def test_status(text, date, status):
    q = run(text, date)[0]
    assert q.status.value == status, text


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_quantities(text):
    assert run(text) == [], text


@pytest.mark.parametrize("text,date,expected", EXAMPLES_SEEDS + EXAMPLES_DEV_GOLD)
def test_sentences(text, date, expected):
    got = [(q.text, q.value, q.status.value, q.indicator.text if q.indicator else None)
           for q in run(text, date)]
    assert got == [(s, pytest.approx(v), st, ind) for s, v, st, ind in expected], text


def test_markup_clip_like_gold():
    """Infographic lines: the span stops at ** (GUIDELINES via the seed gold)."""
    raw = "力争突破产业关键技术**130**项以上\n\n科技型中小企业数量达**1.25**万家\n"
    a, b = run(raw, "2026-02-24")
    assert (a.text, a.value, a.unit, a.bound.value) == ("130", 130, "项", "ge")
    assert (b.text, b.value, b.unit) == ("1.25", 12500, "家")


def test_period_cues():
    assert only("十四五期间，研发投入强度提升至3.35%。", "2025-12-01").period == "2021-2025"
    assert only("今年，新增研发机构400家。", "2026-02-24").period == "2026"
    assert only("近两年新增1796家。", "2025-12-01").period == "2024-2025"
    assert only("未来三年，实验室将启动200余项专项。", "2025-12-01").period == "2026-2028"
    # status_gold p084 (dated 2023-02-20): 过去一年 is the year just completed
    assert only("过去一年，经开区共签约项目52个。", "2023-02-20").period == "2022"
    assert only("一年来，全市新增市场主体31万户。", "2024-01-31").period == "2023"


# corpora/dev_gold round 2 and first round (status/period judgements of the annotators)
EXAMPLES_PERIOD_DEV = [
    # p016: a period that opens a paragraph governs the section's later paragraphs
    ("一、发展基础\n“十三五”以来，全区经济发展呈现良好态势。\n综合实力显著攀升。地区生产总值达395.2亿元。",
     None, "2016-2020"),
    # p004: 2012年来 counts to the latest complete year before the publication
    ("全省地区生产总值2012年来一直稳居全国前十。", "2022-09-26", "2012-2021"),
    # p025: a year that opens a clause reaches the next clauses of its sentence
    ("宁波是制造业大市，2025年新入选国家级制造业单项冠军企业15家，累计培育119家。", "2026-02-10", "2025"),
    # written for the rule (status_gold p010 shape): 以来 dates its own sentence, not the next
    ("自2007年以来，湘商大会已成功举办七届。本届大会，全市签约项目16个。", "2017-09-10", "2017"),
    # negative: inside its own sentence it still spans the years
    ("2017年以来累计支持转型项目1151个。", "2021-01-24", "2017-2020"),
    # written for the rule (v2_gold v031 shape): the plan period names the years 五年来 counts
    ("“十四五”五年来，全省累计新增城镇就业500万人。", "2025-07-09", "2021-2025"),
    ("郑栅洁介绍，“十四五”五年来，我国经济增量预计将超过35万亿元。", "2025-07-09", "2021-2025"),
    # negative: 五年来 alone counts back from the last complete year
    ("五年来，全省累计新增城镇就业500万人。", "2025-07-09", "2020-2024"),
]


@pytest.mark.parametrize("text,date,period", EXAMPLES_PERIOD_DEV)
def test_period_dev_gold(text, date, period):
    assert run(text, date)[-1].period == period, text


def test_undated_stock_has_no_period():
    """p147: an undated text with no period in its first line gives a stock no period."""
    q = only("宁波举行全市制造业高质量发展大会。镇海已集聚省级以上新材料科创平台6家。")
    assert q.period is None


def test_floor_is_requirement_only_in_criteria():
    """p121 (plan: target) vs p089 (申报条件: other)."""
    plan = "2026年行动计划\n新增培育智能工厂和绿色工厂不少于10个。"
    assert run(plan)[-1].status.value == "target"
    crit = "申报条件\n须符合以下条件：\n每个研究方向的学术带头人不少于1人。"
    assert run(crit, "2023-03-10")[-1].status.value == "other"


def test_evidence_when_explained():
    q = run("力争突破产业关键技术130项以上。", "2026-02-24", explain=True)[0]
    assert q.evidence["rule"] == "figure" and q.evidence["status_cue"].startswith("aim:")
    assert q.evidence["bound_word"] == "以上"
    assert run("力争突破产业关键技术130项以上。")[0].evidence is None


def test_rule_files_validate():
    from policy_extract.errors import RuleFileError
    from policy_extract.rules.loader import validate_rules

    assert load_quantity_rules().units.by_form["%"].kind == "percent"
    with pytest.raises(RuleFileError):
        validate_rules([{"id": "x", "span": "("}], file="quantity_exclusions.json",
                       required=["id"], optional=["span"], regex_keys=["span"])


def test_seed_gold_floor(seed_texts, seed_gold):
    """Seeds (corpora/gold): quantity F1 and the issue-3 attribute floors."""
    from policy_extract.evaluate import Report, score_quantities
    from policy_extract.schema import Quantity

    rep = Report()
    dates = {"000_d383a0f51c78c5f8": "2026-02-24", "004_1a7ddccc0057efbb": "2025-12-01"}
    for sid, text in seed_texts.items():
        gold = [Quantity.from_dict(q) for q in seed_gold[sid]["quantities"]]
        score_quantities(gold, run(text, dates[sid]), rep, sid)
    f = rep.figures()
    assert f["quantities.f1"] >= 0.95 and f["quantities.status_acc"] >= 0.95, f
    assert f["quantities.unit_acc"] >= 0.95 and f["quantities.bound_acc"] >= 0.95, f
    assert f["quantities.measure_acc"] >= 0.90 and f["indicator.char_f1"] >= 0.85, f


def test_dev_gold_spans(shared_pages):
    """Held-out pages: every span maps back to the raw text and F1 stays high."""
    from policy_extract.corpus import iter_gold
    from policy_extract.evaluate import Report, score_quantities
    from conftest import DEV_GOLD

    rep = Report()
    for it in iter_gold(DEV_GOLD, [shared_pages]):
        score_quantities(list(it.gold.quantities), run(it.gold.text, it.date), rep)
    assert rep.figures()["quantities.f1"] >= 0.9


def test_indicator_drops_average_growth_words(nlp_rules):
    """EXAMPLES_BUGS_CAUGHT: `年均增长` left `年` in the indicator (README example, 2026-12-01)."""
    doc = nlp_rules("到2027年,全市规上工业增加值年均增长6%以上。", date="2025-01-01")
    (q,) = doc.quantities
    assert q.indicator.text == "全市规上工业增加值"
    assert (q.value, q.bound.value, q.measure.value, q.status.value, q.period) == (
        6.0, "ge", "growth", "target", "2027")


def test_average_growth_rate_keeps_its_noun(nlp_rules):
    """增速 is a noun and stays in the indicator (seed 000: 全社会研发经费投入增速); only 年均增长 is a verb."""
    doc = nlp_rules("到2027年,全市规上工业增加值年均增速6%以上。", date="2025-01-01")
    (q,) = doc.quantities
    assert q.indicator.text.endswith("年均增速")


# status_gold p091: a byline (市长 卿渐伟) joined by a soft break to the speech below it;
# the 意见 of its body, past headline_chars, does not make the speech a plan
P091_SPEECH = ("市委副书记、市人民政府市长 卿渐伟\n同志们: 这次市委经济工作会议,是对全市经济工作的一次总动员、"
               "总部署。刚才,吉海书记作了重要讲话,大家要认真领会,抓好贯彻落实。下面,我主要就去年的经济情况"
               "和今年经济工作的具体安排,讲几个方面的意见。 一、正确分析2007年经济形势 1.增长加快。"
               "全市完成生产总值860亿元(预计数,下同),增长14%。")


def test_status_gold_p091_body_word_is_no_headline():
    assert [q.status.value for q in run(P091_SPEECH)] == ["achieved", "achieved"]


def test_plan_word_in_headline_still_counts():
    """Negative of p091: 意见 in the real first line keeps a plan's figures targets."""
    plan = "关于加快发展工业园区的实施意见\n全市完成生产总值860亿元。"
    assert run(plan)[-1].status.value == "target"


# a forecast (预计) governs its whole sentence; 预计数 and a forecast of a past year do not
EXAMPLES_FORECAST = [
    # GUIDELINES §1 预计 (amended 2026-12-07): a preliminary figure for the year ending when the
    # text is written is achieved (status_gold p104, annotated before, says other)
    ("一是经济运行稳中向好。预计全年实现地区生产总值685亿元,增长8.5%左右。", "2022-12-20", ["achieved"] * 2),
    # status_gold p007: 建成后，预计年产值2亿元，年创税收2000万元
    ("建成后,预计年产值2亿元,年创税收2000万元。", "2023-01-10", ["other", "other"]),
    # negative, dev_gold p047: a forecast of a year already past is a preliminary actual
    ("预计2021年全省数字经济增加值超2.3万亿元,增长15%左右。", "2022-01-20", ["achieved", "achieved"]),
    # written for the rule (status_gold p069 shape): the past year is named once for the
    # paragraph, before a semicolon; every figure of the 预计 sentence is a preliminary actual
    ("据了解,2019年,全省预计实现旅游总收入1.16万亿元,同比增长14.7%;接待游客7.5亿人次,同比增长7%。",
     "2020-01-21", ["achieved"] * 4),
    # negative: the same sentence about the year being written in stays a forecast
    ("据了解,2020年,全省预计实现旅游总收入1.16万亿元,同比增长14.7%;接待游客7.5亿人次,同比增长7%。",
     "2020-03-21", ["other"] * 4),
]


@pytest.mark.parametrize("text,date,statuses", EXAMPLES_FORECAST)
def test_forecast_sentence(text, date, statuses):
    assert [q.status.value for q in run(text, date)] == statuses, text


def test_forecast_keeps_its_year():
    """status_gold p104: a forecast of 全年 is of the document's year."""
    qs = run("一是经济运行稳中向好。预计全年实现地区生产总值685亿元,增长8.5%左右。", "2022-12-20")
    assert [q.period for q in qs] == ["2022"] * 2


def test_forecast_without_period_cue():
    """A forecast in an undated text with no year anywhere: no period, and no crash."""
    assert [q.period for q in run("建成后,预计年产值2亿元。")] == [None]


# status_gold p126 (a work report: the review paragraph and the year's targets in one text);
# statuses are the hand gold's
WORK_REPORT_P126 = (
    "2024年东莞市政府工作报告出炉,全市经济社会发展主要预期目标揭晓\n"
    "报告提出,2024年,东莞目标明确,聚焦三大重点,地区生产总值预期目标增长5%。\n"
    "据介绍,全年新增经营主体31万户;新升规工业企业1797家,新增数字化转型企业1216家,均居全省第1;"
    "A股上市企业增至58家,国家级专精特新“小巨人”增至170家。\n")


def test_paragraph_lean_decides_a_figure_without_its_own_cue():
    got = {q.text: (q.status.value, q.evidence["status_cue"])
           for q in run(WORK_REPORT_P126, explain=True)}
    assert got["5%"][0] == "target"
    for figure in ("1797家", "1216家", "58家", "170家"):
        status, cue = got[figure]
        assert status == "achieved", (figure, cue)
    assert got["1797家"][1].startswith("paragraph:")  # no cue of its own: the paragraph decided


def test_paragraph_lean_needs_a_clear_majority():
    """Target and achieved cues in balance say nothing; the document's kind decides."""
    from policy_extract.components.quantities.context import _CueIndex
    from policy_extract.components.quantities.status import _paragraph_lean

    rules = load_quantity_rules()
    mixed = "去年累计建成基地3个,今年力争再建成3个,计划新增2个,已经完成1个。"
    assert _paragraph_lean((0, len(mixed)), _CueIndex(mixed, rules.status_cues), rules) is None
    review = "去年累计建成基地3个,同比增长5%,已经完成投资2亿元,首次突破。"
    lean = _paragraph_lean((0, len(review)), _CueIndex(review, rules.status_cues), rules)
    assert lean is not None and lean[0] == "achieved"


# status_gold passages (figures as the hand gold spans them): bare ranks after a scope or a
# ranking verb, tenths (成), countries and seats counted
EXAMPLES_STATUS_GOLD_FIGURES = [
    ("总量连续12年居全省地级市第一;新升规工业企业1797家", [("第一", "名", "rank"), ("1797家", "家", "level")]),  # p126
    ("奇瑞汽车连续19年位居中国品牌乘用车出口第一,美的集团位居中国家电行业第一,", [("第一", "名", "rank"), ("第一", "名", "rank")]),  # p104
    ("云南农民收入构成中,有四成以上来自产业", [("四成", "成", "share")]),  # p116
    ("会见中,5国总领事表示,将推动合作", [("5国", "国", "level")]),  # p111
    ("国内工程机械前5强,长沙占据3席,", [("3席", "席", "level")]),  # p081
]
NEGATIVES_STATUS_GOLD_FIGURES = [
    "东健药业公司获得第六批省级制造业单项冠军企业称号",  # p007: an ordinal of a batch
    "以及世界第一台全液压平地机、世界第一台三级配混凝土输送泵",  # p082
    "食品加工厂主要生产半成品菜、预制菜",  # p006
    "这一成绩令人肃然起敬",  # p041
    "坚持一国两制方针",
]


@pytest.mark.parametrize("text,expected", EXAMPLES_STATUS_GOLD_FIGURES)
def test_status_gold_figures(text, expected):
    got = [(q.text, q.unit, q.measure.value) for q in run(text)]
    assert got == expected, text


@pytest.mark.parametrize("text", NEGATIVES_STATUS_GOLD_FIGURES)
def test_status_gold_non_figures(text):
    assert [q.text for q in run(text)] == [], text


def test_forecast_governs_its_whole_sentence_across_semicolons():
    """预计全年… ；实现… ： every figure of the sentence is the year's preliminary result
    (GUIDELINES §1 预计, amended: achieved; status_gold p104, annotated before, says other)."""
    text = ("预计全年实现地区生产总值685亿元，增长8.5%左右；实现规模以上工业产值2220亿元，增长18.7%；"
            "实现固定资产投资260亿元。2022年，经开区新签约项目12个。")
    got = [(q.text, q.status.value) for q in run(text, "2022-12-20")]
    assert got[:5] == [("685亿元", "achieved"), ("8.5%", "achieved"), ("2220亿元", "achieved"),
                       ("18.7%", "achieved"), ("260亿元", "achieved")]
    assert got[5] == ("12个", "achieved")  # the next sentence is no forecast


def test_as_of_a_year_end_is_no_deadline():
    """status_gold p081: 截止到2021年底 reports a stock; 到2025年底 sets a target."""
    assert only("截止到2021年底，长沙工程机械规模以上企业总产值约2900亿元。", "2022-06-01").status.value == "achieved"
    assert only("截至2021年底，全市高新技术企业达1200家。", "2022-06-01").status.value == "achieved"
    assert only("到2025年底，全市高新技术企业达2000家。", "2022-06-01").status.value == "target"


def test_the_area_of_a_building_or_site_is_a_specification():
    """status_gold p005/p007: areas named as a building's or site's are other (GUIDELINES §1)."""
    got = [(q.text, q.status.value) for q in run("博物馆总建筑面积11000平方米，展览面积8600平方米。", "2017-09-30")]
    assert got == [("11000平方米", "other"), ("8600平方米", "other")]
    # an area that is a result stays achieved (粮食播种面积 is no specification)
    assert only("去年全市粮食播种面积达120万亩。", "2023-03-01").status.value == "achieved"


def test_a_count_of_firms_may_start_with_dian():
    """status_gold p031: 6家电子信息企业 counts firms (家 is the classifier, not 家电)."""
    assert [q.text for q in run("会上，6家电子信息企业与崇州市签署合作协议。")] == ["6家"]
    assert [q.text for q in run("已有12家电商平台入驻。")] == ["12家"]


def test_volumes_and_acronyms_run_into_their_figure():
    """status_gold p066/p087: 立方米 is a unit; GDP288亿元 is a figure, ATR8800 a model number."""
    assert [(q.text, q.unit) for q in run("煤层气产能达3亿立方米以上。")] == [("3亿立方米", "立方米")]
    assert [q.text for q in run("1至9月预计全区可实现GDP288亿元。")] == ["288亿元"]
    assert run("型号ATR8800已量产。") == []


def test_a_magnitude_naming_a_class_is_a_threshold():
    """GUIDELINES §1: 千亿级 sets a category threshold (元, ge, other); status_gold p042 级别."""
    q = only("持续支持现有千亿元级企业做大做强。", "2026-02-24")
    assert (q.text, q.unit, q.bound.value, q.status.value, q.indicator) == ("千亿元", "元", "ge", "other", None)
    q = run("营收规模达5000亿元级别的产业集群1个。", "2023-02-14")[0]
    assert (q.text, q.bound.value, q.status.value) == ("5000亿元", "ge", "other")


def test_an_enumeration_shares_the_comparator_before_its_first_figure():
    """status_gold p066: 分别控制在A、B、C和D: every figure is le; 过A、过B each keep their own."""
    got = [(q.text, q.bound.value) for q in run("排放总量分别控制在133.5万吨、13.6万吨、126.9万吨和135.6万吨。")]
    assert got == [("133.5万吨", "le"), ("13.6万吨", "le"), ("126.9万吨", "le"), ("135.6万吨", "le")]
    got = [(q.text, q.bound.value) for q in run("全年完成投资52亿元、新开工项目46个。")]
    assert got == [("52亿元", "eq"), ("46个", "eq")]


def test_an_enumeration_does_not_grow_its_evidence():
    """Issue 19 §3: each figure of a 、 list copied the previous one's cue, so the label grew
    enumeration:enumeration:… (quadratic time and output). The cue is the first figure's, once."""
    import policy_extract

    nlp = policy_extract.load("rules")
    text = "目标：" + "、".join(f"{i}亿元" for i in range(1, 200)) + "。"
    doc = nlp(text, date="2024-01-01", explain=True)
    cues = {q.evidence["status_cue"] for q in doc.quantities[1:]}
    assert len(doc.quantities) == 199 and len(cues) == 1
    assert next(iter(cues)).count("enumeration:") == 1


@pytest.mark.parametrize("text,figure,bound,indicator", [
    # issue 18 §3: 约 inside a word (签约, 制约, 节约) is no hedge, and the indicator keeps the word
    ("全年签约45个，总投资约120亿元。", "45个", "eq", "签约"),
    ("全年签约45个，总投资约120亿元。", "120亿元", "approx", "总投资"),
    ("新签约项目45个。", "45个", "eq", "新签约项目"),
    ("受制约的项目50项。", "50项", "eq", None),
    ("约50项。", "50项", "approx", None),  # negative: a bare 约 is a hedge
    # GUIDELINES §3: enumerators stay out of every span, indicators included
    ("1.规模以上工业增加值增长6%", "6%", "eq", "规模以上工业增加值"),
    ("（2）研发投入强度 2.5%", "2.5%", "eq", "研发投入强度"),
    ("三、新增企业120家", "120家", "eq", "新增企业"),
])
def test_hedge_words_inside_words_and_enumerators(text, figure, bound, indicator):
    q = next(q for q in run(text) if q.text == figure)
    assert q.bound.value == bound
    if indicator is not None:
        assert q.indicator is not None and q.indicator.text == indicator


@pytest.mark.parametrize("text,figure,value,unit,bound", [
    # found by target tracking on the work reports (issue 21): a full-width dash makes a range
    ("国内生产总值增长6.5%－7%。", "6.5%－7%", 6.5, "%", "range"),
    # a zero-width space pasted from a web page does not split a figure from its magnitude
    ("国内生产总值74.4\u200b万亿元。", "74.4\u200b万亿元", 74.4e12, "元", "eq"),
    # 斤 (GUIDELINES §1 amended units), after 公斤
    ("粮食产量保持在1.3万亿斤以上。", "1.3万亿斤", 1.3e12, "斤", "ge"),
    ("出栏生猪平均重120公斤。", "120公斤", 120, "公斤", "eq"),
])
def test_units_and_separators_from_whole_reports(text, figure, value, unit, bound):
    q = next(q for q in run(text) if q.text == figure)
    assert (q.value, q.unit, q.bound.value) == (pytest.approx(value), unit, bound)


# GUIDELINES §1 "other" and "Deals and investment", classes found on v2_gold (tuning set);
# statuses are the hand gold's
EXAMPLES_STATUS_V2 = [
    # v012 (a notice): the terms of a subsidy are specifications of the scheme
    ("对新引进先进制造业固定资产投资1000万元以上的,按固定资产投资额的10%给予最高2000万元补贴。",
     "2023-05-10", ["other", "other", "other"]),
    # v032: what a project yields once built is a projection of an effect
    ("项目全部达产后,可实现年销售收入150亿元,实现年税收9亿元以上。", "2019-06-01", ["other", "other"]),
    # v003: a list of targets after 主要预期目标是： runs across ； to the 。
    ("今年发展主要预期目标是:国内生产总值增长5.5%左右;城镇新增就业1100万人以上;粮食产量保持在1.3万亿斤以上。",
     "2022-03-05", ["target", "target", "target"]),
    # v074 / v082: a 目标 that was reached reports an outcome
    ("一是产业发展保持强劲势头。工业投资实现倍增目标,全年完成工业投资134.8亿元。", "2023-02-01",
     ["achieved"]),
    ("一是经济运行稳中有进。规模以上工业增加值(12.7%)高于预期目标4.2个百分点。", "2023-02-01",
     ["achieved", "achieved"]),
    # v182: the total investment of a count of deals is achieved (GUIDELINES §1 deals)
    ("12个项目集中签约,总投资83.9亿元。", "2024-04-01", ["achieved", "achieved"]),
    # negative (seed/dev class): the investment size of one project stays a specification
    ("总投资50亿元的新能源项目开工。", "2024-04-01", ["other"]),
    # written for the rule (v190/v191 class): the base of a multiple is a reported value
    ("2018年全县工业总产值达到52亿元,是1978年0.6亿元的87倍。", "2019-09-20",
     ["achieved", "achieved", "achieved"]),
    # written for the rule (v225/status_gold p116 class): 争取 funds reports money obtained;
    # the frame decides (a review here), no aim cue
    ("2024年工作回顾。全年支持高精尖产业资金约120亿元,争取中央资金35.7亿元。", "2025-01-20",
     ["achieved", "achieved"]),
    # negative: 争取 before a goal stays an aim
    ("争取到2027年全市数字经济核心产业增加值达到1000亿元。", "2024-04-01", ["target"]),
    # written for the rule (v2_gold v095 class): a progress report's planned total is the
    # target, what is done so far achieved
    ("截至9月底，15个农村幸福院建设已完成8个，263场送戏进万村已送230场。", "2025-10-10",
     ["target", "achieved", "target", "achieved"]),
    # negative: a count before 已 with no figure after it stays a result
    ("截至9月底，全县15个农村幸福院已全部建成投用。", "2025-10-10", ["achieved"]),
    # negative: a money threshold ending on 的 before a plain figure stays a threshold
    ("对年营业收入首次超过5000万元的,给予50万元奖励。", "2024-04-01", ["other", "other"]),
]


@pytest.mark.parametrize("text,date,statuses", EXAMPLES_STATUS_V2)
def test_status_classes_of_gold_v2(text, date, statuses):
    assert [q.status.value for q in run(text, date)] == statuses, text


def test_a_period_cue_opening_a_list_governs_the_list():
    """v2_gold v003: 今年 in the lead of a ；-list (…目标是：) is the period of every figure up to
    the 。, not the year of the paragraph's first sentence (GUIDELINES §1 target lists)."""
    text = ("2021年，全市生产总值增长8%。李总理提出，今年发展主要预期目标是：生产总值增长5.5%左右；"
            "城镇新增就业10万人以上；粮食产量保持在30亿斤以上。")
    qs = run(text, "2022-03-05")
    assert [q.period for q in qs] == ["2021", "2022", "2022", "2022"]
    # negative: a year inside an ordinary clause still reaches only its own clause
    qs = run("全市新开工项目中有2023年新开工项目9个，项目总建里程348公里。", "2025-01-10", explain=True)
    assert qs[0].evidence["period_cue"].startswith("sentence")
    assert not qs[1].evidence["period_cue"].startswith("sentence")


# An average growth rate is over a span of years (v2_gold v163, v144, v143; status_gold p013)
EXAMPLES_AVERAGE_PERIOD = [
    ("按不变价计算，2018年国内生产总值比1952年增长175倍，年均增长8.1%。", "2019-09-20", "8.1%", "1952-2018"),
    ("财政收入从2015年的50.22亿元增加到2020年的62.89亿元，年均递增4.58%。", "2021-03-01", "4.58%", "2016-2020"),
    ("2021年，全省规上工业增加值增长7.3%，两年平均增长5.3%。", "2022-01-20", "5.3%", "2020-2021"),
    # negative: a growth rate that is no average keeps its year
    ("2021年，全省规上工业增加值增长7.3%，两年平均增长5.3%。", "2022-01-20", "7.3%", "2021"),
]


@pytest.mark.parametrize("text,date,figure,period", EXAMPLES_AVERAGE_PERIOD)
def test_average_growth_spans_its_years(text, date, figure, period):
    got = {q.text: q.period for q in run(text, date)}
    assert got[figure] == period, got


# a year written in the figure's own clause against a weak target cue further off (…的目标
# in the next sentence of the same paragraph): written for the clause-year rule, with negatives
_OWN_YEAR_VS_WEAK_TARGET = [
    ("2023年全市地区生产总值增长5.2%。今年主要预期目标是：地区生产总值增长6%左右。", "2024-01-20",
     ["achieved", "target"]),
    ("2022年完成投资80亿元，超过年度目标。", "2024-03-01", ["achieved"]),
    # negatives: a relative year (今年) or a future year of its own clause stays a target
    ("今年新增企业500家，这是全市的目标。", "2024-03-01", ["target"]),
    ("全市新增企业500家。这是2023年的目标。", "2024-03-01", ["target"]),  # the year is not its own
    ("2025年新增企业500家，这是全市的目标。", "2024-03-01", ["target"]),
]


@pytest.mark.parametrize("text,date,statuses", _OWN_YEAR_VS_WEAK_TARGET)
def test_own_clause_year_outweighs_a_weak_target_cue(text, date, statuses):
    assert [q.status.value for q in run(text, date)] == statuses, text


# written for target_after's scope: a 目标 governs the figures of its own sentence, not those
# of the sentence before it (a news paragraph that tells last year's results, then this
# year's targets); negatives: a 目标 after the figure in the same sentence still makes it one
_TARGET_AFTER_OWN_SENTENCE = [
    ("2023年，全市地区生产总值增长5.2%。2024年的目标是增长6%左右。", "2024-01-20",
     ["achieved", "target"]),
    ("全市去年完成固定资产投资800亿元。下一步的目标是引进项目100个。", "2024-02-01",
     ["achieved", "target"]),
    ("新增企业500家，是全市今年的目标。", "2024-03-01", ["target"]),
    # a sentence pointing back at the figures before it (target_back_reference)
    ("全年新增就业岗位1万个。这一目标已列入民生实事。", "2024-03-01", ["target"]),
    ("力争新增企业500家、引进人才2000人，这是全市的目标任务。", "2024-03-01",
     ["target", "target"]),
]


# written for award_amount: a scheme's per-recipient term is `other`; a subsidy standard
# raised, a total spent and a count of those reached are reported results (negatives first)
_AWARD_TERMS_VS_RESULTS = [
    ("对新认定的高新技术企业给予一次性奖励20万元。", "2024-03-01", ["other"]),
    ("每平方米补助300元，单个项目最高奖励达80万元。", "2024-03-01", ["other", "other"]),
    ("去年城乡居民医保人均财政补助标准由520元提高到580元。", "2024-03-10", ["achieved", "achieved"]),
    ("去年各级财政发放的农资补贴共120亿元。", "2024-03-10", ["achieved"]),
    ("去年国家助学金资助学生1500万人次，资助面超过25%。", "2024-03-10", ["achieved", "achieved"]),
    ("去年财政补助由每人每年520元提高到580元。", "2024-03-10", ["achieved", "achieved"]),
]


# written for the plan cue: a figure set against a plan, or a plan fulfilled at a share,
# reports an outcome; negatives: a planned amount stays a target
_MEASURED_AGAINST_A_PLAN = [
    ("去年全省工业销售收入比年度计划增加了3%。", "2024-03-10", ["achieved"]),
    ("今年1-10月全省货运量计划完成96.5%。", "2023-11-20", ["achieved"]),
    ("去年全省基本建设计划只完成了百分之九十二。", "2024-03-10", ["achieved"]),
    ("今年计划完成投资50亿元。", "2024-03-10", ["target"]),
    ("全市计划新建学校12所。", "2024-03-10", ["target"]),
]


# written for from_side: the level a change starts from is the level reached so far, even in a
# plan (GUIDELINES §1: 从2015年的X增加到2020年的Y); undated, it is of the year before the text.
# Negatives: the other end stays the target; a starting level dated in its own words keeps its
# time; 由…组成 is no change
_FROM_SIDE = [
    ("今年将城乡居民基础养老金标准由每人每月100元提高到120元。", "2024-03-05",
     [("achieved", "2023"), ("target", "2024")]),
    ("到2027年，全省城镇化率从62.5%提高到66%。", "2024-02-01",
     [("achieved", "2023"), ("target", "2027")]),
    ("全县排名由一季度的第9位上升到第4位。", "2024-07-20",
     [("achieved", "2024"), ("achieved", "2024")]),
    ("今年计划将专家组由15名委员组成。", "2024-03-05", [("target", "2024")]),
]


@pytest.mark.parametrize("text,date,expected", _FROM_SIDE)
def test_the_level_a_change_starts_from(text, date, expected):
    assert [(q.status.value, q.period) for q in run(text, date)] == expected, text


# written for capacity_spec: a capacity written into a facility's name specifies it (other);
# negatives: a capacity planned or reached, with 为/达到 between, keeps its frame's status
_CAPACITY_IN_A_NAME = [
    ("去年签约年产8万吨再生铝项目。", "2024-03-05", ["other"]),
    ("建设载重量5000吨的内河货轮和年产各30万吨的乙烯装置。", "2024-03-05", ["other", "other"]),
    ("今年全市新增年产能力将为120万吨。", "2024-03-05", ["target"]),
    ("该厂日产量已经达到1200吨。", "2024-03-05", ["achieved"]),
]


# written for the price cues: a price or a fee's amount is `other`; real growth (扣除价格因素),
# a price index's change, price subsidies spent and fees abolished are results (negatives first)
_PRICES_VS_RESULTS = [
    ("该产品售价比进口同类产品便宜近30%。", "2024-03-01", ["other"]),
    ("景区门票价格为每人80元。", "2024-03-01", ["other"]),
    ("去年社会消费品零售总额扣除价格因素增长6.5%。", "2024-03-10", ["achieved"]),
    ("去年商品零售价格涨幅为1.2%。", "2024-03-10", ["achieved"]),
    ("去年国家用于农产品价格补贴的支出共150亿元。", "2024-03-10", ["achieved"]),
    ("去年取消和免征行政事业性收费120项，25种常用药大幅降价。", "2024-03-10", ["achieved", "achieved"]),
]


# written for fund_size's narrowing: a fund's or one project's size is `other`; a count set up,
# a share of an investment and a year's total investment follow their frame (negatives first)
_FUND_SIZE_VS_TOTALS = [
    ("市政府设立50亿元产业发展基金。", "2024-03-01", ["other"]),
    ("该项目总投资12亿元。", "2024-03-01", ["other"]),
    ("去年新设立8个综合保税区。", "2024-03-10", ["achieved"]),
    ("灾后重建已完成投资900亿元，占规划总投资的70.5%。", "2024-03-10", ["achieved", "achieved"]),
    ("今年要扩大有效投资，全省固定资产投资总规模为8000亿元。", "2024-03-10", ["target"]),
]


# written for the aim cue: a 目标 reached or built on, and a policy named “两个确保”, aim at
# nothing; negatives: an aim and a 确保 that commits stay targets
_AIMS_VS_NAMES = [
    ("今年力争新增企业300家。", "2024-03-10", ["target"]),
    ("确保全年粮食产量稳定在500万吨以上。", "2024-03-10", ["target"]),
    ("去年农业转移人口落户目标顺利实现，棚户区改造超过60万套。", "2024-03-10", ["achieved"]),
    ("在完成减少审批事项三分之一目标的基础上，去年又取消审批事项120项。", "2024-03-10", ["achieved"]),
    ("去年用于“两个确保”的资金达80亿元。", "2024-03-10", ["achieved"]),
]


# written for membership's reach: "one of the N Xs" counts a set, `other`, however long the X
# (三个世界级产业集群之一); negative: a count whose clause ends before 之一 stays a result
_ONE_OF_N = [
    ("轨道交通装备产业是全省重点打造的三个世界级产业集群之一。", "2024-03-01", ["other"]),
    ("去年全市建成省级产业集群3个，是全省集群最多的城市之一。", "2024-03-10", ["achieved"]),
]


# written for _SENTENCE_LEVEL's 年底/年末: a year-end heading its clause and set off by a comma
# (在一九五三年年底，…) dates the rest of the sentence; negative: one inside a clause without a
# comma after it (于2022年年末开工建设，总投资…) reaches only its clause
_YEAR_END_CLAUSES = [
    ("2024年9月1日，市教育局发布统计数据。与上年相比，在2023年年底，全市高校在校学生数增长了40%，即达到2.1万人。",
     "2024-09-01", ["2023", "2023"]),
    ("该项目于2022年年末开工建设，总投资达50亿元。", "2024-09-01", [None]),
]


@pytest.mark.parametrize("text,date,periods", _YEAR_END_CLAUSES)
def test_a_year_end_set_off_by_a_comma_dates_its_sentence(text, date, periods):
    assert [q.period for q in run(text, date)] == periods, text


# written for base_level_year / base_level_cn_year: the level written right after its base year
# (比2018年的3500亿元) is that year's; the growth after it is not (adjacent: the cue dates the
# figure right after it only); negative: a base year with no level of its own dates nothing
_BASE_YEAR_LEVELS = [
    ("2023年全市GDP达到5000亿元，比2018年的3500亿元增长42.9%。", "2024-03-01",
     ["2023", "2018", "2023"]),
    ("一九五七年工业总产值达到六百五十亿元，比一九五二年的二百七十亿元增长百分之一百四十一。",
     "1958-02-11", ["1957", "1952", "1957"]),
    ("2023年全市GDP比2018年增长42.9%。", "2024-03-01", ["2023"]),
]


@pytest.mark.parametrize("text,date,periods", _BASE_YEAR_LEVELS)
def test_a_level_after_its_base_year_is_that_years(text, date, periods):
    assert [q.period for q in run(text, date)] == periods, text


# written for dated_pairs: a change dated at both ends (从1997年的509亿元增加到2002年的1161亿元)
# dates the pairs after it in its sentence (比重从0.64%提高到1.13%); negatives: a pair that
# dates its own ends keeps them, and the next sentence is not reached
_DATED_PAIRS = [
    ("研发经费从2017年的500亿元增加到2022年的1100亿元，占地区生产总值的比重从0.6%提高到1.1%。",
     "2023-03-05", ["2017", "2022", "2017", "2022"]),
    ("经济总量从2017年的3000亿元增加至2022年的7000亿元，排名由2019年的第17位跃升至今年一季度的第12位。",
     "2023-05-10", ["2017", "2022", "2019", "2023"]),
]


@pytest.mark.parametrize("text,date,periods", _DATED_PAIRS)
def test_a_change_dated_at_both_ends_dates_the_pairs_after_it(text, date, periods):
    assert [q.period for q in run(text, date)] == periods, text


# written for the barrier's exception: a year heading its own sentence (2018年末，…) dates the
# whole sentence, past a verb of change (增加到77586万人，其中…27.6%); negative: a year inside a
# from/to pair (由2020年的60%提升至65%) still dates its "from" figure only
_HEADING_YEAR_PAST_A_CHANGE = [
    ("2019年7月2日，国家统计局发布报告。报告显示，2018年末，全国就业人员增加到77586万人，"
     "其中第二、三产业就业人员占比分别为27.6%和46.3%。", "2019-07-02", ["2018", "2018", "2018"]),
    ("全市科技进步贡献率由2020年的60%提升至65%。", "2023-03-01", ["2020", "2023"]),
]


@pytest.mark.parametrize("text,date,periods", _HEADING_YEAR_PAST_A_CHANGE)
def test_a_year_heading_its_sentence_passes_a_verb_of_change(text, date, periods):
    assert [q.period for q in run(text, date)] == periods, text


# written for _heads_full_sentence: a year opening a sentence dates its clauses across ；
# (2015年全市地区生产总值…；规模工业增加值达到1166亿元); negatives: a relative span (近三年) does
# not, and the next sentence is not reached
_YEAR_OPENING_A_FULL_SENTENCE = [
    ("2016年3月1日，市统计局发布数据。2015年全市地区生产总值达到2886.3亿元，居全省第二位；"
     "规模工业增加值达到1166亿元。当年新增企业300家。", "2016-03-01", ["2015", "2015", "2015", "2016"]),
    ("申报企业近三年承担国家级科研项目不少于2项；或横向研发项目不少于5项。", "2023-03-10",
     ["2020-2022", "2023"]),
]


@pytest.mark.parametrize("text,date,periods", _YEAR_OPENING_A_FULL_SENTENCE)
def test_a_year_opening_a_sentence_dates_its_clauses_across_semicolons(text, date, periods):
    assert [q.period for q in run(text, date)] == periods, text


# the eighth pass's status tables, one test: each row's id names its table
_STATUS_TABLES = {"target_after": _TARGET_AFTER_OWN_SENTENCE, "award": _AWARD_TERMS_VS_RESULTS,
                  "against_plan": _MEASURED_AGAINST_A_PLAN, "capacity": _CAPACITY_IN_A_NAME,
                  "price": _PRICES_VS_RESULTS, "fund_size": _FUND_SIZE_VS_TOTALS,
                  "aim": _AIMS_VS_NAMES, "one_of_n": _ONE_OF_N}


@pytest.mark.parametrize("text,date,statuses", [
    pytest.param(*row, id=f"{name}-{i}") for name, rows in _STATUS_TABLES.items()
    for i, row in enumerate(rows)])
def test_status_tables_of_the_eighth_pass(text, date, statuses):
    assert [q.status.value for q in run(text, date)] == statuses, text


# written for the plan-period end and 计划生育 rules (negatives included)
_PLAN_PERIOD_ENDS = [
    ("到“十二五”期末，全省粮食总产量稳定在350亿斤以上。", "2011-06-01", ("target", "2015")),
    ("到“十四五”末，数字经济核心产业增加值达到800亿元。", "2022-03-01", ("target", "2025")),
    ("“十二五”时期，全省粮食总产量累计达到1500亿斤。", "2016-03-01", ("achieved", "2011-2015")),
    # negative: the deadline has passed at the reference date, so it is a review
    ("到“十二五”期末，全省粮食总产量达到350亿斤。", "2017-03-01", ("achieved", "2015")),
]


@pytest.mark.parametrize("text,date,expected", _PLAN_PERIOD_ENDS)
def test_plan_period_end_is_a_deadline_and_a_year(text, date, expected):
    q = run(text, date)[0]
    assert (q.status.value, q.period) == expected, (text, q.evidence)


def test_family_planning_is_no_plan():
    q = run("2017年，医疗卫生与计划生育支出增长17.0%。", "2018-02-01")[0]
    assert q.status.value == "achieved", q.evidence
    q = run("2025年计划新增企业100家。", "2024-12-01")[0]  # negative: a plan stays a plan
    assert q.status.value == "target", q.evidence


@pytest.mark.parametrize("text,period", [
    # a quoted plan period heading its clause (“十三五”期间，…) reaches the whole sentence
    ("2015年，全省工业平稳运行。根据规划，“十三五”期间，全省大数据产业规模力争实现年均增长20%以上。",
     "2016-2020"),
    ("2020年，全省工业平稳运行。全省“十四五”时期，数字经济核心产业增加值力争年均增长15%。", "2021-2025"),
    # negative: a plan period named inside another clause does not (the paragraph's year does)
    ("2015年，全省工业平稳运行。会议审议了全省“十三五”规划纲要，全年新增企业500家。", "2015"),
])
def test_quoted_plan_period_heading_its_clause(text, period):
    assert run(text, "2016-03-01" if "十三五" in text else "2021-03-01")[-1].period == period


@pytest.mark.parametrize("text,status", [
    # the total investment of a batch of deals or started projects is achieved (GUIDELINES §1
    # deals vs investment); written for the batch markers, negatives included
    ("万盈化妆品、宝泉鞋业等16大项目集中签约，总投资约45亿元。", "achieved"),
    ("28个重点项目集中开工。此次集中开工项目总投资达160余亿元。", "achieved"),
    ("该项目总投资50亿元，建设年产10万吨生产线。", "other"),
    ("长沙智能制造产业园项目投资达60亿元。", "other"),
])
def test_a_batch_total_investment_is_achieved(text, status):
    qs = run(text, "2018-06-01")
    q = [q for q in qs if q.unit == "元"][0]
    assert q.status.value == status, (text, q.evidence)


@pytest.mark.parametrize("text,periods", [
    # a deadline opening a clause governs the rest of its sentence (GUIDELINES §1 plan periods)
    ("构建园区体系，到2022年新增国家级园区3—5个，省级园区8—10个，创建1个示范区。",
     ["2022", "2022", "2022"]),
    # negative: 增加到2021年的 ends a change, not a deadline, so it does not reach the next clause
    # (the growth multiple keeps the document's year here)
    ("全省进出口总额由2012年的不足1400亿元增加到2021年的近6000亿元，增长了3.3倍。",
     ["2012", "2021", "2019"]),
])
def test_a_deadline_governs_the_rest_of_its_sentence(text, periods):
    assert [q.period for q in run(text, "2019-06-01")] == periods, text


@pytest.mark.parametrize("text,date,status", [
    # written for four cue fixes, each with its negative
    ("国家级重点“小巨人”企业66家，居全国城市第3位、计划单列市第1位。", "2024-05-01", "achieved"),
    ("2025年计划新增企业100家。", "2024-12-01", "target"),
    ("2015年全省大数据产业规模总量达到2000亿元，增长37%。", "2016-03-01", "achieved"),
    ("到2020年，全省大数据产业规模总量达到5000亿元。", "2016-03-01", "target"),
    ("全年完成重大项目投资1390亿元。", "2025-01-20", "achieved"),
    ("该项目计划投资60亿元，建设研发中心。", "2025-01-20", "other"),
    ("2023年集群规模达1600亿元，增长6.7%。", "2024-03-01", "achieved"),
    ("推动新增一批规模过100亿元、过300亿元企业。", "2024-03-01", "other"),
])
def test_cue_words_inside_other_words(text, date, status):
    qs = run(text, date)
    assert qs[0].status.value == status, (text, qs[0].evidence)


@pytest.mark.parametrize("text,date,figure,status", [
    # written for four fixes, each with a negative
    ("去年底农业科技进步贡献率已经达到了63.2%。", "2021-03-01", "63.2%", "achieved"),
    ("力争到年底，全市新增企业500家。", "2021-03-01", "500家", "target"),
    ("全市生产总值按可比价格计算年均增长7.7%。", "2019-09-01", "7.7%", "achieved"),
    ("该产品售价比国外同类产品便宜近50%。", "2019-09-01", "50%", "other"),
    ("全省人均预期寿命由建国前约35岁达到2010年的75岁。", "2019-09-01", "35岁", "achieved"),
    ("全省人均预期寿命由建国前约35岁达到2010年的75岁。", "2019-09-01", "75岁", "achieved"),
    ("为60岁以上老人发放补贴。", "2019-09-01", "60岁", "other"),
    ("全年经济增速高于预期，达到6.5%。", "2019-09-01", "6.5%", "achieved"),
])
def test_deadlines_prices_and_ages_read_in_context(text, date, figure, status):
    q = next(q for q in run(text, date) if q.text == figure)
    assert q.status.value == status, (text, figure, q.evidence)


@pytest.mark.parametrize("text,statuses", [
    # the delegates of a congress describe the meeting (written for the rule; a negative)
    ("会议应出席代表337名，出席当天上午全体会议的代表305名。", ["other", "other"]),
    ("大会代表名额523名。", ["other"]),
    ("全年培训基层干部300名。", ["achieved"]),
])
def test_delegate_counts_describe_the_meeting(text, statuses):
    assert [q.status.value for q in run(text, "2019-01-20")] == statuses, text


# specifications and rosters (fourth pass): each group written for its rule, negatives included
_SPECS_AND_ROSTERS = [
    ("园区距离上海虹桥国际机场60公里。", "other"),
    ("两地相距约30公里。", "other"),
    # negatives: a length built or planned, and a gap (差距) that is no distance
    ("全年新建高速公路60公里。", "achieved"),
    ("城乡差距缩小，新建农村公路120公里。", "achieved"),
    # the pieces of work or parts a text names are a roster, not a result (written for the rule)
    ("会议强调，各级各部门要重点抓好九项具体工作。", "other"),
    ("贵州将围绕“聚集、融通、应用”3个关键环节，重点建设基础设施。", "other"),
    ("引导中小企业按照四个层次梯次发展。", "other"),
    # negatives: work done, and a unit of time
    ("全年九项工作全部完成，新增企业50家。", "achieved"),
    ("一般登记2个工作日办结。", "achieved"),
    # a zone's own area is a specification (written for the rule)
    ("园区位于城东，行政区划面积278平方公里。", "other"),
    ("确定了长沙片区(79.98平方公里)为先行区。", "other"),
    ("园区位于城东，面积278平方公里。", "other"),
    # negatives: an area sown or planted is a measured indicator
    ("全年粮食播种面积6500万亩。", "achieved"),
    ("全年新增绿化面积120万平方米。", "achieved"),
]


@pytest.mark.parametrize("text,status", _SPECS_AND_ROSTERS)
def test_specifications_and_rosters(text, status):
    assert run(text, "2024-05-01")[0].status.value == status, text


# written for the hypothetical cue (GUIDELINES §1: a projection of an effect is other; the
# class of the 1954 and 1955 reports: 只要降低百分之一，就可以每年节约…; 如用之于…则可以…)
EXAMPLES_HYPOTHETICAL = [
    ("只要每吨钢的综合能耗降低1%，就可以每年节约标准煤50万吨。", "2024-03-01", ["other", "other"]),
    ("这笔资金如用之于铁路建设，则可以新建铁路300公里。", "2024-03-01", ["other"]),
    ("如果每户每年节水5吨，全市一年就能节约水资源200万吨。", "2024-03-01", ["other", "other"]),
    # negatives: a comparison put as a condition reports; a plain result stays achieved
    ("2023年全市工业产值1200亿元，如果同2013年相比，则增长了1.5倍。", "2024-03-01",
     ["achieved", "achieved"]),
    ("2023年全市新增就业5万人。", "2024-03-01", ["achieved"]),
]


@pytest.mark.parametrize("text,date,statuses", EXAMPLES_HYPOTHETICAL)
def test_a_conditional_projects_an_effect(text, date, statuses):
    assert [q.status.value for q in run(text, date)] == statuses, text
