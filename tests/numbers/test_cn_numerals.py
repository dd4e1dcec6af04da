"""Numeral parser: tables of forms from GUIDELINES §1 and issue 3, plus a round-trip property."""

from __future__ import annotations

import pytest

from policy_extract.numbers.cn_numerals import (parse_cn_number, parse_doubling, parse_fraction,
                                                parse_percent_words, to_chinese)

# fmt: off
EXAMPLES_ISSUE3 = [
    ("一千二百", 1200), ("两万", 20000), ("十四", 14), ("1.25万", 12500), ("3.5亿", 3.5e8),
    ("4700万", 4.7e7), ("１２３", 123), ("1,369", 1369), ("12,345.5", 12345.5), ("千", 1000),
    ("万亿", 1e12), ("五千亿", 5e11), ("零点五", 0.5), ("半", 0.5), ("2174.6 亿", 2.1746e11),
]
NOT_NUMERALS = ["", "十四五", "abc", "万家", "第一"]
# fmt: on


@pytest.mark.parametrize("text,value", EXAMPLES_ISSUE3)
def test_parse_cn_number(text, value):
    assert parse_cn_number(text) == pytest.approx(value), text


@pytest.mark.parametrize("text", NOT_NUMERALS)
def test_not_numerals(text):
    assert parse_cn_number(text) is None, text


def test_percent_fraction_doubling():
    assert parse_percent_words("百分之五") == 5.0
    assert parse_fraction("三分之一") == pytest.approx(1 / 3)
    assert parse_doubling("翻一番") == 2.0 and parse_doubling("翻两番") == 4.0


hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, strategies as st  # noqa: E402


@given(st.integers(min_value=1, max_value=10**12))
def test_round_trip_integers(n):
    """number → Chinese numerals and Arabic (with separators) → parsed back."""
    assert parse_cn_number(to_chinese(n)) == n
    assert parse_cn_number(f"{n:,}") == n
    assert parse_cn_number(str(n)) == n


@given(st.integers(min_value=1, max_value=99999), st.sampled_from(["万", "亿", "千"]))
def test_round_trip_magnitude(n, mag):
    scale = {"万": 1e4, "亿": 1e8, "千": 1e3}[mag]
    assert parse_cn_number(f"{n / 100:g}{mag}") == pytest.approx(n / 100 * scale)
