"""Targets and outcomes across two work reports (classes found on corpora/link_gold's 2005-2013
pairs, written for these tests in the reports' style)."""

from __future__ import annotations

import pytest

import policy_extract
from policy_extract import track


@pytest.fixture(scope="module")
def nlp():
    return policy_extract.load("rules")


PLAN = ("政府工作报告\n\n今年经济社会发展的主要预期目标是：国内生产总值增长7.5%左右；城镇新增就业900万人以上；"
        "居民消费价格涨幅控制在4%左右；单位国内生产总值能耗降低4%左右。\n")


def rows(nlp, review: str):
    docs = [nlp(PLAN, doc_id="r2012", date="2012-03-05"), nlp(review, doc_id="r2013", date="2013-03-05")]
    return {r["indicator_id"]: r for r in track(docs).rows}


def test_outcomes_after_a_budget_word_and_a_falling_price_are_linked(nlp):
    """gwr2013: 保持财政预算支出规模不变 is no plan cue; 涨幅回落到2.6% names CPI growth."""
    review = ("政府工作报告\n\n2012年，我们保持财政预算支出规模不变，全面实现年初确定的主要目标，国内生产总值增长7.8%，"
              "城镇新增就业1266万人，居民消费价格涨幅回落到2.6%。\n")
    got = rows(nlp, review)
    assert got["gdp"]["outcome_text"] == "7.8%" and got["gdp"]["verdict"] == "met"
    assert got["urban_new_jobs"]["outcome_text"] == "1266万人"
    assert got["cpi"]["outcome_text"] == "2.6%" and got["cpi"]["verdict"] == "met"


def test_a_target_restated_in_the_review_is_no_outcome(nlp):
    """gwr2007: 没有实现年初确定的单位国内生产总值能耗降低4%左右…的目标 restates the target."""
    review = ("政府工作报告\n\n过去一年，国内生产总值增长7.8%。但是，全国没有实现年初确定的单位国内生产总值能耗降低4%左右、"
              "主要污染物排放总量减少2%的目标。\n")
    got = rows(nlp, review)
    assert got["energy_intensity"]["outcome_text"] in (None, "")


def test_a_growth_target_answered_only_by_a_level_has_no_outcome(nlp):
    """gwr2008 reports 2007's GDP as a level only: the growth target gets no outcome link."""
    review = "政府工作报告\n\n2012年，国内生产总值达到51.9万亿元。\n"
    got = rows(nlp, review)
    assert got["gdp"]["outcome_text"] in (None, "") and got["gdp"]["verdict"] == "pending"
    assert "level" in got["gdp"]["rule"]
