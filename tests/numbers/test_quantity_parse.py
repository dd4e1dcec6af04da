"""parse_quantity on the GUIDELINES §1 table spans and the issue-3 forms."""

from __future__ import annotations

import pytest

from policy_extract.numbers.quantity_parse import parse_quantity

# fmt: off
# (span, value, value_max, unit, in-span bound)
EXAMPLES_GUIDELINES = [
    ("7%", 7, None, "%", "eq"), ("300个", 300, None, "个", "eq"), ("8.5%", 8.5, None, "%", "eq"),
    ("1.25万家", 12500, None, "家", "eq"), ("80亿元", 8e9, None, "元", "eq"),
    ("400余项", 400, None, "项", "gt"), ("千项", 1000, None, "项", "eq"), ("60项", 60, None, "项", "eq"),
    ("第23位", 23, None, "位", "eq"), ("5%-6%", 5, 6, "%", "range"), ("5至6个", 5, 6, "个", "range"),
    ("600多款", 600, None, "款", "gt"),
]
EXAMPLES_ISSUE3 = [
    ("百分之五到百分之六", 5, 6, "%", "range"), ("0.2个百分点", 0.2, None, "个百分点", "eq"),
    ("3‰", 3, None, "‰", "eq"), ("两万人", 20000, None, "人", "eq"), ("十四项", 14, None, "项", "eq"),
    ("3.5亿元", 3.5e8, None, "元", "eq"), ("4700万次", 4.7e7, None, "次", "eq"),
    ("１２３家", 123, None, "家", "eq"),
]
EXAMPLES_DEV_GOLD = [  # spans as annotated in corpora/dev_gold
    ("83.6千公顷", 83600, None, "公顷", "eq"), ("3-4个", 3, 4, "个", "range"),
    ("10-15家", 10, 15, "家", "range"), ("4500PFlops", 4500, None, "PFlops", "eq"),
    ("2174.6 亿元", 2.1746e11, None, "元", "eq"), ("半小时", 0.5, None, "小时", "eq"),
    ("3000平方公里", 3000, None, "平方公里", "eq"), ("20多家", 20, None, "家", "gt"),
]
NOT_FIGURES = ["十四五", "一是", "abc", "六大", "5G"]
# fmt: on


@pytest.mark.parametrize("text,value,vmax,unit,bound",
                         EXAMPLES_GUIDELINES + EXAMPLES_ISSUE3 + EXAMPLES_DEV_GOLD)
def test_parse_quantity(text, value, vmax, unit, bound):
    q = parse_quantity(text)
    assert q is not None, text
    assert (q.value, q.value_max, q.unit, q.bound) == (pytest.approx(value), vmax, unit, bound), text


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_figures(text):
    assert parse_quantity(text) is None, text
