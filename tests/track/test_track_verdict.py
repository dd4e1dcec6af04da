"""Verdict rules: floors, ceilings, declines, ranges, tolerance, units."""

from __future__ import annotations

import pytest

from policy_extract.track.verdict import convert, judge, sense


def j(**kw):
    base = dict(unit="%", measure="growth", direction="up")
    return judge(**(base | kw))


def test_floor_with_the_tolerance_of_zuoyou():
    assert j(target_value=7.5, target_bound="approx", achieved_value=7.4).verdict == "met"
    assert j(target_value=7.5, target_bound="approx", achieved_value=6.9).verdict == "not met"
    assert j(target_value=5.5, target_bound="approx", achieved_value=3).gap == -2.5


def test_ceiling_for_prices_and_unemployment():
    v = j(target_value=3, target_bound="approx", achieved_value=2.0, direction="down")
    assert v.verdict == "met" and v.rule.startswith("ceiling")
    assert j(target_value=4.6, target_bound="lt", achieved_value=4.1, measure="share",
             direction="down").verdict == "met"
    assert j(target_value=5.5, target_bound="le", achieved_value=5.6, measure="share",
             direction="down").verdict == "not met"


def test_a_decline_compares_as_a_signed_growth():
    v = j(target_value=3.1, target_bound="ge", achieved_value=5.6, direction="down",
          target_sign=-1, achieved_sign=-1)
    assert v.verdict == "met" and v.gap == pytest.approx(-2.5)
    assert j(target_value=3, target_bound="approx", achieved_value=1, direction="down",
             target_sign=-1, achieved_sign=-1).verdict == "not met"
    assert sense("ge", "down", -1) == "ceiling" and sense("ge", "up", 1) == "floor"


def test_range_and_band():
    assert j(target_value=6.5, target_value_max=7, target_bound="range",
             achieved_value=6.7).verdict == "met"
    assert j(target_value=6.5, target_value_max=7, target_bound="range",
             achieved_value=6.2).verdict == "not met"
    assert j(target_value=13, target_bound="approx", achieved_value=11.3,
             direction=None).verdict == "not met"


def test_levels_floors_and_units_converted():
    v = judge(target_value=900e4, target_bound="ge", achieved_value=1310e4, unit="人",
              measure="level", direction="up")
    assert (v.verdict, v.gap) == ("met", 410e4)
    v = judge(target_value=6.5e8, target_bound="ge", achieved_value=1.37e12, unit="吨",
              achieved_unit="斤", measure="level", direction="up")
    assert v.verdict == "met" and v.converted == "斤→吨 ×0.0005"
    assert convert(1, "公顷", "亩") == (15.0, "公顷→亩 ×15")


def test_not_comparable():
    assert judge(target_value=1, target_bound="eq", achieved_value=1, unit="元",
                 achieved_unit="美元", measure="level", direction="up").verdict == "not comparable"
    v = judge(target_value=15, target_bound="eq", achieved_value=1369e8, unit="%",
              achieved_unit="元", measure="growth", achieved_measure="level", direction="up")
    assert v.verdict == "not comparable" and v.rule == "growth target vs level achieved"
