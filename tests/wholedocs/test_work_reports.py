"""Whole national government work reports (../shared/corpora/gov_work_reports.jsonl).

Figures deep inside `一、2023年工作回顾` sit far from any cue: only the time frame can say what
they are. The table below was checked by hand (2026-12-07, reading each figure in its report):
a sample of the figures of five reports of five decades, each with the status and period the
report means (GUIDELINES §1). Skipped without ../shared.
"""

from __future__ import annotations

import json

import pytest

import policy_extract

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
    # measured 2026-12-07: status 0.93, period 0.87 (the misses: 前N年 spans and 比…增长 ranges)
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
