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


def test_the_pages_model_is_not_consulted_in_work_reports():
    """The pages' model learnt from pages and only loses in work reports
    (status.MODEL_OFF_GENRES): inside a report the same sentences are read by the rules and,
    where it is shipped, the report model, never by the pages' model."""
    nlp = policy_extract.load("combined")
    news = nlp(_NEWS, date="2021-05-01", explain=True)
    assert news.genre != "report"
    assert any((q.evidence.get("status_cue") or "").startswith("status_lr@")
               for q in news.quantities)  # negative: elsewhere it acts
    report = "政府工作报告\n各位代表：\n" + _NEWS
    got = nlp(report, date="2021-03-05", explain=True)
    want = policy_extract.load("rules")(report, date="2021-03-05", explain=True)
    assert got.genre == "report"
    for g, w in zip(got.quantities, want.quantities):
        cue = g.evidence.get("status_cue") or ""
        assert "status_lr@" not in cue
        assert g.status == w.status or cue.startswith("status_report_lr@"), (g.text, cue)


SHIPPED_REPORT = default_model_path() / "status_report"


@pytest.mark.skipif(not (SHIPPED_REPORT / "meta.json").is_file(), reason="no shipped report model")
def test_shipped_report_model_was_trained_on_the_current_report_gold():
    """`policy-extract train-status --reports` after any change of the reports' figure gold."""
    from policy_extract.model.status_train import REPORT_SETS, fingerprint

    from conftest import ROOT

    meta = json.loads((SHIPPED_REPORT / "meta.json").read_text(encoding="utf-8"))
    assert meta["name"] == "status_report_lr" and meta["trained_on"] == list(REPORT_SETS)
    assert meta["gold_sha256"] == fingerprint([ROOT / s for s in meta["trained_on"]]), \
        "retrain: policy-extract train-status --reports"


def _always(label: str, name: str) -> StatusModel:
    """A model that says ``label`` for everything, confidently (for routing tests)."""
    m = train([([f"x{i}"], label) for i in range(40)] + [([f"y{i}"], c) for i, c in
                                                        enumerate(CLASSES * 2) if c != label])
    m.bias[:] = -20.0
    m.bias[CLASSES.index(label)] = 20.0
    m.threshold, m.name = 0.5, name
    return m


def test_a_genre_with_its_own_model_is_read_by_it():
    # written for GenreModels: a whole report goes to the report model, a news page to the
    # pages' model; negatives: a report excerpt (GENRE_MODEL_MIN_CHARS) and a report with no
    # model of its own (MODEL_OFF_GENRES) keep the rules
    from policy_extract.model.status import GenreModels

    pages, report = _always("other", "pages_toy"), _always("other", "report_toy")
    both = GenreModels(pages, {"report": report})
    nlp = policy_extract.load("rules")
    qf = nlp.nlp.get_pipe("policy_quantities")
    head = "政府工作报告\n各位代表：\n"
    texts = {"news": _NEWS, "excerpt": head + _NEWS, "report": head + _NEWS * 40}
    try:
        for models, kind, want in ((both, "report", "report_toy@"), (both, "news", "pages_toy@"),
                                   (both, "excerpt", None), (GenreModels(pages), "report", None)):
            qf.status_model = models
            doc = nlp(texts[kind], date="2021-03-05", explain=True)
            assert doc.genre == ("news" if kind == "news" else "report")
            cues = [q.evidence.get("status_cue") or "" for q in doc.quantities
                    if q.status.value == "other"]
            if want:
                assert any(c.startswith(want) for c in cues), cues
            else:
                assert not any("_toy@" in c for c in cues), cues
    finally:
        qf.status_model = None
