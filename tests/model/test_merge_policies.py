"""Merge policies on synthetic spans: each registered name, each mode, flat output."""

from __future__ import annotations

import pytest
from spacy.util import registry

from policy_extract.components.entity_merge import (DEFAULT_POLICY, EntityMerger, agreement,
                                                    model_first, rules_first)
from policy_extract.schema import Entity, EntityLabel as L

# fmt: off
# text: 支持长沙经开区和铁建重工共建湖南大学振动研究中心   (a GUIDELINES-style sentence)
TEXT = "支持长沙经开区和铁建重工共建湖南大学振动研究中心"
R_PARK = Entity(2, 7, "长沙经开区", L.PARK)                           # rules, right
R_INST = Entity(14, 18, "湖南大学", L.INSTITUTION)                    # rules: name inside a PLATFORM
M_ENT = Entity(8, 12, "铁建重工", L.ENTERPRISE, source="model", score=0.92)    # gap, confident
M_PLAT = Entity(14, 24, "湖南大学振动研究中心", L.PLATFORM, source="model", score=0.81)
M_LOW = Entity(0, 2, "支持", L.PROGRAM, source="model", score=0.12)            # gap, unsure
M_PARK_INST = Entity(2, 7, "长沙经开区", L.INSTITUTION, source="model", score=0.97)
# fmt: on

RULES = [R_PARK, R_INST]
MODEL = [M_LOW, M_ENT, M_PLAT]


def texts(ents):
    return [(e.text, e.label.value) for e in ents]


def test_spans_are_the_text():
    for e in RULES + MODEL:
        assert TEXT[e.start:e.end] == e.text


def test_rules_first_fills_gaps_above_threshold():
    out = rules_first(threshold=0.5)(RULES, MODEL)
    # the rule entities stay, 铁建重工 fills a gap, the PLATFORM overlaps a rule span, 支持 is unsure
    assert texts(out) == [("长沙经开区", "PARK"), ("铁建重工", "ENTERPRISE"), ("湖南大学", "INSTITUTION")]


def test_rules_first_threshold_zero_takes_every_gap():
    assert ("支持", "PROGRAM") in texts(rules_first(threshold=0.0)(RULES, MODEL))


def test_rules_first_relabels_same_span_only_when_asked():
    assert texts(rules_first()(RULES, [M_PARK_INST]))[0] == ("长沙经开区", "PARK")
    out = rules_first(relabel=0.9)(RULES, [M_PARK_INST])
    assert texts(out)[0] == ("长沙经开区", "INSTITUTION") and out[0].source == "combined"


def test_model_first_prefers_model_spans():
    out = model_first(threshold=0.5)(RULES, MODEL)
    assert texts(out) == [("长沙经开区", "PARK"), ("铁建重工", "ENTERPRISE"),
                          ("湖南大学振动研究中心", "PLATFORM")]


def test_agreement_drops_rule_spans_the_model_contradicts():
    # 湖南大学 (rules) lies inside the model's confident PLATFORM: the longer model span wins
    out = agreement(threshold=0.8)(RULES, MODEL)
    assert ("湖南大学", "INSTITUTION") not in texts(out)
    assert ("湖南大学振动研究中心", "PLATFORM") in texts(out)
    # not confident enough: the rule span stays
    out = agreement(threshold=0.9)(RULES, MODEL)
    assert ("湖南大学", "INSTITUTION") in texts(out)


@pytest.mark.parametrize("name", ["rules_first", "model_first", "agreement", "rules_only",
                                  "model_only"])
def test_registered_and_flat(name):
    fn = registry.resolve({"p": {"@misc": f"policy_extract.merge_entities.{name}.v1"}})["p"]
    out = fn(RULES, MODEL)
    for a, b in zip(out, out[1:]):
        assert a.end <= b.start, (a, b)


def test_modes():
    class St:  # the two lists the merger reads
        rule_entities, model_entities, entities = RULES, MODEL, []

    for mode, want in (("rules", RULES), ("model", MODEL)):
        merger = EntityMerger(mode)
        assert sorted(merger.merge(St.rule_entities, St.model_entities), key=lambda e: e.start) == \
            sorted(want, key=lambda e: e.start)
    default = registry.resolve({"p": DEFAULT_POLICY})["p"]
    assert EntityMerger("combined").merge(RULES, MODEL) == default(RULES, MODEL)


def test_rules_first_repairs_a_left_boundary_when_asked():
    # held-out corpus page p037: the rules ran left into the verb (有效串联航空港实验区)
    text = "有效串联航空港实验区"
    rule = Entity(0, 10, text, L.PARK)
    model = [Entity(4, 10, "航空港实验区", L.PARK, source="model", score=0.8)]
    assert texts(rules_first()([rule], model)) == [(text, "PARK")]
    assert texts(rules_first(repair=0.5)([rule], model)) == [("航空港实验区", "PARK")]
    assert texts(rules_first(repair=0.9)([rule], model)) == [(text, "PARK")]
