"""The status model (model/status.py): features, training, the shipped weights, the pipeline hook."""

from __future__ import annotations

import json

import numpy as np
import pytest

import policy_extract
from policy_extract.model.status import CLASSES, StatusModel, features, train
from policy_extract.pipeline import default_model_path

SHIPPED = default_model_path() / "status"


def test_features_read_the_rule_evidence_and_the_figure_context():
    fs = features("对企业给予最高20万元奖补。", 7, 11, (0, 14), (0, 15),
                  {"rule": "achieved", "cue": "document", "genre": "notice"})
    assert {"rule=achieved", "cue=document", "genre=notice", "rule+cue=achieved|document",
            "L2=最高", "R2=奖补"} <= set(fs)


def test_training_separates_classes_it_is_shown():
    ex = [(["R2=奖补", f"n={i}"], "other") for i in range(30)] + \
         [(["L2=累计", f"m={i}"], "achieved") for i in range(30)] + \
         [(["L2=力争", f"k={i}"], "target") for i in range(30)]
    m = train(ex)
    assert CLASSES[int(m.proba(["R2=奖补"]).argmax())] == "other"
    assert CLASSES[int(m.proba(["L2=力争"]).argmax())] == "target"
    m.threshold = 0.5
    assert m.decide(["L2=累计"], "achieved") is None  # agreeing with the rules: no override
    assert m.decide(["L2=累计"], "target")[0] == "achieved"


def test_save_and_load_round_trip(tmp_path):
    m = train([(["a"], "other"), (["b"], "target"), (["c"], "achieved")] * 5)
    m.threshold = 0.7
    m.save(tmp_path / "s")
    back = StatusModel.load(tmp_path / "s")
    assert back.threshold == 0.7
    assert np.allclose(back.proba(["a", "b"]), m.proba(["a", "b"]), atol=1e-2)


@pytest.mark.skipif(not (SHIPPED / "meta.json").is_file(), reason="no shipped status model")
def test_shipped_status_model_was_trained_on_the_current_gold():
    """`policy-extract train-status` after any change of its training gold (a fingerprint)."""
    from policy_extract.model.status_train import fingerprint

    from conftest import ROOT

    meta = json.loads((SHIPPED / "meta.json").read_text(encoding="utf-8"))
    assert not any("heldout" in s for s in meta["trained_on"])
    assert meta["gold_sha256"] == fingerprint([ROOT / s for s in meta["trained_on"]]), \
        "retrain: policy-extract train-status"


@pytest.mark.skipif(not (SHIPPED / "meta.json").is_file(), reason="no shipped status model")
def test_combined_mode_names_the_status_model_where_it_overrides():
    nlp = policy_extract.load("combined")
    rules = policy_extract.load("rules")
    text = "对新引进工业项目，给予最高2000万元补贴。"
    q = nlp(text, explain=True).quantities[0]
    r = rules(text, explain=True).quantities[0]
    assert q.status.value == "other"
    if r.status.value != "other":  # the model changed it: the evidence says so
        assert q.evidence["status_cue"].startswith("status_lr@")
        assert q.evidence["status_rules"] == r.evidence["status_cue"]


def test_sealed_sets_are_never_trained_on(tmp_path):
    from policy_extract.model.status_train import collect

    with pytest.raises(ValueError, match="sealed"):
        collect([tmp_path / "heldout3_gold"])


# a news page on which the model overrides the rules (status_gold p006, a tuning page)
_NEWS = ("签约仪式现场\n位于西渡高新区的衡阳高新智慧物流园项目,投资额5亿元,将引入大型快递企业。\n"
         "鼎源汽车内饰包覆件生产项目二期计划投资2亿元,新增用地约23.6亩,新建厂房约12000平方米。\n")


def test_the_status_model_is_not_consulted_in_work_reports():
    """It learnt from pages and only loses in work reports (status.MODEL_OFF_GENRES): the
    same sentences inside a report keep the rules' status."""
    nlp = policy_extract.load("combined")
    news = nlp(_NEWS, date="2021-05-01", explain=True)
    assert news.genre != "report"
    assert any((q.evidence.get("status_cue") or "").startswith("status_lr@")
               for q in news.quantities)  # negative: elsewhere it acts
    report = "政府工作报告\n各位代表：\n" + _NEWS
    got = nlp(report, date="2021-03-05", explain=True)
    want = policy_extract.load("rules")(report, date="2021-03-05", explain=True)
    assert got.genre == "report"
    assert [q.status for q in got.quantities] == [q.status for q in want.quantities]
    assert not any("status_lr@" in (q.evidence.get("status_cue") or "") for q in got.quantities)
