"""Publication dates read off a text's own dateline (data/zh/datelines.json)."""

from __future__ import annotations

import pytest

from policy_extract.text.dateline import infer_date
from policy_extract.text.normalize import normalize

# page heads of corpora/status_gold texts (their dates as the annotators inferred them)
EXAMPLES_STATUS_GOLD = [
    ("经开区17个项目集中开工、19个项目集中签约\n发布时间:2023-02-20 11:01 浏览次数:1\n", "2023-02-20"),  # p084
    ("中科大量子信息国家实验室建设项目用地获省政府批准\n\n15.02.2017  04:02\n  2月8日,我省", "2017-02-15"),  # p095
    ("佛山招商引资突破4000亿元\n\n2023年02月02日 来源:南方日报\n\n", "2023-02-02"),  # p131
    ("国民经济和社会发展第十三个五年规划纲要\n日期:2017-11-07 来源:市发改委\n", "2017-11-07"),  # p013
]
NEGATIVES = [
    "2026年,是实施“十五五”规划的开局之年,是示范区功能转换、价值再造的起步之年。",  # dev p121: a year is no date
    "到2025年,全市规模以上工业增加值年均增长8%。",
    "日期:2017-13-45",  # no such day
]


@pytest.mark.parametrize("text,date", EXAMPLES_STATUS_GOLD)
def test_dateline(text, date):
    assert infer_date(normalize(text).text) == date


@pytest.mark.parametrize("text", NEGATIVES)
def test_no_dateline(text):
    assert infer_date(normalize(text).text) is None


def test_only_the_top_of_the_text_is_read():
    body = "正文。" * 200 + "发布时间:2023-02-20"
    assert infer_date(normalize(body).text) is None


def test_an_undated_text_takes_its_dateline_year_for_relative_years(nlp_rules):
    """去年 in an undated page resolves against its dateline (status_gold p084 shape)."""
    text = "发布时间:2023-02-20 11:01\n\n去年,经开区共签约项目52个,合同投资额357亿元。\n"
    q = nlp_rules(text, explain=True).quantities
    assert [x.period for x in q] == ["2022", "2022"]
    assert q[0].evidence["date_from"] == "dateline"
    given = nlp_rules(text, date="2024-03-01", explain=True).quantities
    assert [x.period for x in given] == ["2023", "2023"]
    assert given[0].evidence["date_from"] == "given"
