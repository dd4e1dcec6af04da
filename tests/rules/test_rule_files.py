"""Every packaged data file loads; a bad file fails at load time naming the file and the rule."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from policy_extract.components import entity_ruler as er
from policy_extract.errors import RuleFileError
from policy_extract.rule_checks import count_boundaries, BoundaryCount, validate_all
from policy_extract.rules.registry import data_files
from policy_extract.rules.loader import load_json


def test_every_data_file_loads():
    rows = validate_all()
    assert {r[0] for r in rows} == set(data_files())
    bad = [r for r in rows if r[1] == "error"]
    assert not bad, bad
    assert {r[0] for r in rows if r[1] == "ok"} >= {
        "entity_suffixes.json", "entity_stems.json", "entity_shapes.json",
        "entity_gazetteer.json", "layout.json", "lexicon.txt"}


def test_entity_rules_compile_and_gazetteer_is_in_the_jieba_lexicon():
    from policy_extract.text.tokenizer import lexicon_words

    rules = er.load_entity_rules()
    assert rules.suffix_rule and rules.shapes and rules.gazetteer
    words = {w for w, _, _ in lexicon_words()}
    for entry in load_json("entity_gazetteer.json")["entries"]:
        for name in [entry["name"], *entry.get("aliases", [])]:
            assert name in words, name


def _write(tmp_path: Path, name: str, data) -> Path:
    p = tmp_path / name
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return p


def _packaged(name: str):
    return copy.deepcopy(load_json(name))


def _rule_index(rules: list, rid: str) -> int:
    return next(i for i, r in enumerate(rules) if r["id"] == rid)


# (file, how to break it, loader, what the message must name)
def _unknown_key(d):
    d["rules"][_rule_index(d["rules"], "platform.lab")]["colour"] = "red"
    return ["E002", "platform.lab", "colour"]


def _bad_regex(d):
    d["rules"][_rule_index(d["rules"], "park.garden")]["stem_pattern"] = "(unclosed"
    return ["E004", "park.garden", "stem_pattern"]


def _duplicate_id(d):
    d["rules"].append(copy.deepcopy(d["rules"][0]))
    d["rules"][-1]["suffixes"] = ["独一无二后缀"]
    return ["E005", d["rules"][0]["id"]]


def _duplicate_suffix(d):
    d["rules"].append({"id": "test.twice", "label": "PARK", "suffixes": ["实验室"]})
    return ["E040", "test.twice", "实验室", "platform.lab"]


def _bad_label(d):
    d["rules"][0]["label"] = "PERSON"
    return ["E006", d["rules"][0]["id"], "label"]


def _shape_bad_regex(d):
    d["rules"][_rule_index(d["rules"], "program.n_da")]["pattern"] = "[大"
    return ["E004", "program.n_da", "pattern"]


def _shape_bad_group(d):
    d["rules"][_rule_index(d["rules"], "program.n_da")]["group"] = 3
    return ["E006", "program.n_da", "group"]


def _gazetteer_alias_twice(d):
    d["entries"].append({"id": "other_area", "name": "别的新区", "label": "PARK",
                         "aliases": ["湘江新区"]})
    return ["E040", "other_area", "湘江新区", "hunan_xiangjiang_new_area"]


def _gazetteer_missing_label(d):
    del d["entries"][0]["label"]
    return ["E003", d["entries"][0]["id"], "label"]


def _stems_bad_cut(d):
    d["boundaries"][0]["cut"] = "first"
    return ["E006", d["boundaries"][0]["id"], "cut"]


def _stems_unknown_top_key(d):
    d["suffixes"] = []
    return ["E002", "top level", "suffixes"]


BAD_FILES = [
    ("entity_suffixes.json", _unknown_key, er.load_suffix_rules),
    ("entity_suffixes.json", _bad_regex, er.load_suffix_rules),
    ("entity_suffixes.json", _duplicate_id, er.load_suffix_rules),
    ("entity_suffixes.json", _duplicate_suffix, er.load_suffix_rules),
    ("entity_suffixes.json", _bad_label, er.load_suffix_rules),
    ("entity_shapes.json", _shape_bad_regex, er.load_shapes),
    ("entity_shapes.json", _shape_bad_group, er.load_shapes),
    ("entity_gazetteer.json", _gazetteer_alias_twice, er.load_gazetteer),
    ("entity_gazetteer.json", _gazetteer_missing_label, er.load_gazetteer),
    ("entity_stems.json", _stems_bad_cut, er.load_stems),
    ("entity_stems.json", _stems_unknown_top_key, er.load_stems),
]


@pytest.mark.parametrize("name,breaker,loader", BAD_FILES,
                         ids=[f"{n}:{b.__name__}" for n, b, _ in BAD_FILES])
def test_bad_file_fails_naming_file_and_rule(tmp_path, name, breaker, loader):
    data = _packaged(name)
    must_name = breaker(data)
    path = _write(tmp_path, name, data)
    with pytest.raises(RuleFileError) as info:
        loader(str(path))
    msg = str(info.value)
    assert str(path) in msg or name in msg, msg
    for bit in must_name:
        assert bit in msg, (bit, msg)


def test_invalid_json_names_the_file(tmp_path):
    p = tmp_path / "entity_shapes.json"
    p.write_text("{not json", encoding="utf-8")
    with pytest.raises(RuleFileError, match="E008"):
        er.load_shapes(str(p))


def test_rules_validate_command_exits_zero(capsys):
    from policy_extract.cli import main

    assert main(["rules", "validate"]) == 0
    out = capsys.readouterr().out
    assert "entity_suffixes.json" in out and "error" not in out.split()


def test_boundary_count_one_token_and_split_names():
    # seed 000: 湘江科学城 as one jieba token vs split in two
    acc = BoundaryCount("whole")
    count_boundaries("推动湘江科学城建设", [(2, 7)], lambda t: ["推动", "湘江科学城", "建设"], acc)
    assert (acc.on_token, acc.whole, acc.one_token) == (2, 1, 1)
    acc = BoundaryCount("split")
    count_boundaries("推动湘江科学城建设", [(2, 7)], lambda t: ["推动湘", "江", "科学城", "建设"], acc)
    assert (acc.on_token, acc.whole, acc.one_token) == (1, 0, 0)
