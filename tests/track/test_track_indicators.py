"""Canonical indicators: the data file, the mapping rules, and the hand-checked sample."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from policy_extract.track.indicators import clean, indicator_table, map_indicator

BRIEF_VARIANTS = {  # the written variants issue 21 names, each must reach its indicator
    "gdp": ["地区生产总值", "GDP", "全市生产总值", "经济总量", "国内生产总值"],
    "industry_va_above_scale": ["规模以上工业增加值", "规上工业增加值", "规工增加值"],
    "rd_intensity": ["研发经费投入强度", "R&D经费投入强度", "全社会研发经费投入占地区生产总值比重"],
    "high_tech_enterprises": ["高新技术企业", "国家高新技术企业", "高企"],
    "urban_new_jobs": ["城镇新增就业"],
    "surveyed_unemployment": ["城镇调查失业率"],
    "cpi": ["居民消费价格"],
    "grain_output": ["粮食产量"],
    "budget_revenue": ["一般公共预算收入"],
    "retail_sales": ["社会消费品零售总额"],
    "fai": ["固定资产投资"],
    "trade_total": ["进出口总额"],
    "energy_intensity": ["单位国内生产总值能耗"],
}
UNIT = {"gdp": "元", "industry_va_above_scale": "元", "rd_intensity": "%", "high_tech_enterprises": "家",
        "urban_new_jobs": "人", "surveyed_unemployment": "%", "cpi": "%", "grain_output": "吨",
        "budget_revenue": "元", "retail_sales": "元", "fai": "元", "trade_total": "元",
        "energy_intensity": "%"}


def test_data_file_has_at_least_80_well_formed_indicators():
    data = json.loads((ROOT / "policy_extract" / "data" / "zh" / "indicators.json").read_text("utf-8"))
    inds = data["indicators"]
    assert len(inds) >= 80
    ids, forms = set(), {}
    for d in inds:
        assert {"id", "name", "measure", "unit_family", "kind", "direction", "variants"} <= set(d)
        assert d["name"] in d["variants"] and d["id"] not in ids
        assert d["measure"] in ("level", "share") and d["kind"] in ("flow", "stock", "rate")
        ids.add(d["id"])
        for v in d["variants"] + d.get("growth_variants", []) + d.get("new_variants", []):
            assert clean(v) not in forms, f"{v} in {d['id']} and {forms.get(clean(v))}"
            forms[clean(v)] = d["id"]
    assert len(indicator_table()) == len(inds)


@pytest.mark.parametrize("iid", sorted(BRIEF_VARIANTS))
def test_the_issues_variants_map(iid):
    for v in BRIEF_VARIANTS[iid]:
        measure = "growth" if iid in ("cpi", "energy_intensity") else "level"
        m = map_indicator(v, measure=measure, unit=UNIT[iid])
        assert m is not None and m.base_id == iid, (v, m)


def test_scope_words_are_stripped_and_recorded():
    for scope in ("全市", "全省", "全国", "全区", "2023年全市", "长沙市"):
        m = map_indicator(f"{scope}规模以上工业增加值", measure="growth", unit="%")
        assert m.id == "industry_va_above_scale" and m.evidence["stripped"], scope


def test_growth_words_fold_into_the_measure_with_their_direction():
    m = map_indicator("全社会研发经费投入增速", measure="level", unit="%")
    assert (m.id, m.measure, m.sign) == ("rd_expenditure", "growth", 1)
    m = map_indicator("单位地区生产总值能耗", measure="level", unit="%", connector="下降")
    assert (m.id, m.measure, m.sign) == ("energy_intensity", "growth", -1)
    m = map_indicator("失业率", measure="share", unit="%")
    assert m is None  # not a variant: no guess
    m = map_indicator("城镇登记失业率", measure="share", unit="%", connector="下降到")
    assert (m.id, m.measure) == ("registered_unemployment", "share")  # 下降到4%: a level


def test_measure_and_unit_must_fit_the_indicator():
    assert map_indicator("城镇新增就业", measure="share", unit="%") is None
    assert map_indicator("社会消费品零售总额", measure="level", unit="家") is None
    assert map_indicator("研发经费投入强度", measure="share", unit="%").measure == "level"
    m = map_indicator("拟安排财政赤字", measure="level", unit="元", connector="1.62万亿元，比去年增加")
    assert m.measure == "change"


def test_unmapped_spans_give_none():
    for span in ("原则", "方面", "项目", "了", "", None, "总投资"):
        assert map_indicator(span, measure="level", unit="个") is None


def test_new_and_cut_qualifiers():
    assert map_indicator("新增规模以上工业企业", "level", "家").id == "above_scale_industrial_enterprises/new"
    assert map_indicator("新升规工业企业", "level", "家").id == "above_scale_industrial_enterprises/new"
    assert map_indicator("农村贫困人口", "level", "人", connector="减少").id == "rural_poverty/cut"


def test_hand_checked_sample_reaches_the_precision_bar():
    """corpora/link_gold/indicator_sample.json: 300 random spans, each judged by hand."""
    s = json.loads((ROOT / "corpora" / "link_gold" / "indicator_sample.json").read_text("utf-8"))
    items = s["items"]
    assert len(items) == 300 == s["n"]
    mapped = [x for x in items if x["judgement"] != "unmapped"]
    assert all(x["judgement"] in ("correct", "wrong") for x in mapped)
    assert all((x["judgement"] == "unmapped") == (x["indicator_id"] is None) for x in items)
    precision = sum(x["judgement"] == "correct" for x in mapped) / len(mapped)
    assert precision == pytest.approx(s["precision"], abs=1e-4)
    assert precision >= 0.95


def test_the_sample_errors_are_fixed_since():
    """The three wrong mappings of the sample, as the data stands now."""
    assert map_indicator("现代服务业增加值", "level", "元") is None
    assert map_indicator("铁路铺轨", "level", "公里") is None
    assert map_indicator("对东盟进出口", "growth", "%") is None
