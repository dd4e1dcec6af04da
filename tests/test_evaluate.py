"""Scoring is library code: identity scores 1.0, known perturbations give known figures."""

from __future__ import annotations

import dataclasses
import json

import pytest

from policy_extract.evaluate import check_floors, format_report, score_corpus, score_document
from policy_extract.schema import Bound, Document, EntityLabel, Status

from conftest import GOLD, SEED_IDS, read_raw, SEEDS


@pytest.fixture(scope="module")
def gold_docs():
    out = []
    for sid in SEED_IDS:
        d = json.loads((GOLD / f"{sid}.json").read_text(encoding="utf-8"))
        out.append(Document.from_dict(d, text=read_raw(SEEDS / f"{sid}.txt")))
    return out


def test_identity_scores_one(gold_docs):
    rep = score_corpus((g, g) for g in gold_docs)
    figs = rep.figures()
    for key in ("quantities.f1", "quantities.status_acc", "quantities.unit_acc",
                "indicator.char_f1", "entities.strict.f1", "entities.partial.f1", "nodes.f1",
                "nodes.parent_acc"):
        assert figs[key] == 1.0, key
    assert rep.quantities.n_gold == 126 and rep.ent_strict.n_gold == 134 and rep.nodes.n_gold == 64


def test_gold_roundtrip_is_lossless(gold_docs):
    for g in gold_docs:
        raw = json.loads((GOLD / f"{g.doc_id}.json").read_text(encoding="utf-8"))
        again = g.to_dict()
        for items in (again["quantities"], again["entities"]):
            for it in items:  # to_dict always gives node_id; gold files leave out a null one
                if it["node_id"] is None:
                    del it["node_id"]
        for key in ("doc_id", "source", "text_sha256", "quantities", "entities", "nodes"):
            assert again[key] == raw[key], key
        assert g.check_offsets() == []


def test_known_perturbations(gold_docs):
    g = gold_docs[0]  # seed 000: 47 quantities, 54 entities (with 六大行动 x2), 55 nodes
    qs = list(g.quantities)
    # drop two quantities; change one value (a false alarm + a miss); flip one status
    qs_pred = qs[2:]
    qs_pred[0] = dataclasses.replace(qs_pred[0], value=qs_pred[0].value + 1)
    qs_pred[1] = dataclasses.replace(qs_pred[1], status=Status.OTHER)
    # relabel one entity, shift one entity's end (strict miss, partial hit)
    es = list(g.entities)
    other = EntityLabel.PLATFORM if es[0].label == EntityLabel.PROGRAM else EntityLabel.PROGRAM
    es[0] = dataclasses.replace(es[0], label=other)
    es[1] = dataclasses.replace(es[1], end=es[1].end - 1, text=es[1].text[:-1])
    pred = dataclasses.replace(g, quantities=tuple(qs_pred), entities=tuple(es))
    rep = score_document(g, pred)
    assert (rep.quantities.tp, rep.quantities.n_pred, rep.quantities.n_gold) == (44, 45, 47)
    assert rep.field_accuracy("status") == pytest.approx(43 / 44)
    assert rep.field_accuracy("bound") == 1.0
    assert (rep.ent_strict.tp, rep.ent_strict.n_pred) == (52, 54)
    assert rep.ent_span.tp == 53            # the relabelled one still matches on span
    assert rep.ent_partial.tp == 53         # the shortened one overlaps with the same label
    kinds = {(e["layer"], e["type"]) for e in rep.errors}
    assert {("quantity", "miss"), ("quantity", "false_alarm"), ("quantity", "field"),
            ("entity", "wrong_label"), ("entity", "miss")} <= kinds


def test_nodes_overlap_threshold_and_parents(gold_docs):
    g = gold_docs[0]
    nodes = list(g.nodes)
    # a task whose span keeps only a third of the gold text no longer matches (F1 < 0.5)
    i = next(k for k, n in enumerate(nodes) if n.kind.value == "task" and len(n.text) >= 9)
    n = nodes[i]
    cut = (n.end - n.start) // 3
    nodes[i] = dataclasses.replace(n, end=n.start + cut, text=n.text[:cut])
    # re-hang one action under the article instead of its section
    j = next(k for k, n in enumerate(nodes) if n.kind.value == "action")
    nodes[j] = dataclasses.replace(nodes[j], parent="m1")
    rep = score_document(g, dataclasses.replace(g, nodes=tuple(nodes)))
    task = rep.nodes_by_kind["task"]
    assert task.tp == task.n_gold - 1
    assert rep.node_matched == 54 and rep.node_parent_ok == 53


def test_quantity_needs_equal_value_and_overlap(gold_docs):
    g = gold_docs[1]
    q = g.quantities[0]
    moved = dataclasses.replace(q, start=q.end + 5, end=q.end + 8)
    rep = score_document(dataclasses.replace(g, quantities=(q,), entities=(), nodes=()),
                         dataclasses.replace(g, quantities=(moved,), entities=(), nodes=()))
    assert rep.quantities.tp == 0
    near = dataclasses.replace(q, value=q.value * (1 + 1e-9), bound=Bound.GE)
    rep = score_document(dataclasses.replace(g, quantities=(q,), entities=(), nodes=()),
                         dataclasses.replace(g, quantities=(near,), entities=(), nodes=()))
    assert rep.quantities.tp == 1 and rep.field_accuracy("bound") == (1.0 if q.bound == Bound.GE else 0.0)


def test_floors_name_the_figure_that_fell(gold_docs):
    g = gold_docs[0]
    rep = score_document(g, dataclasses.replace(g, quantities=g.quantities[:10]))
    failed = check_floors(rep, {"quantities.f1": 0.9, "entities.strict.f1": 0.9, "nope": 1})
    assert len(failed) == 2
    assert failed[0].startswith("quantities.f1 = 0.3") and "floor 0.9000" in failed[0]
    assert failed[1].startswith("nope: no such figure")
    assert "QUANTITIES" in format_report(rep) and "parent accuracy" in format_report(rep)


def test_a_bad_date_in_metadata_is_a_clear_input_error(tmp_path, capsys):
    """A typo in a gold folder's metadata.json names its entry instead of crashing the run."""
    import shutil

    from policy_extract.cli import main

    gd = tmp_path / "gold"
    gd.mkdir()
    src = GOLD / f"{SEED_IDS[0]}.json"
    shutil.copy(src, gd / src.name)
    (gd / "metadata.json").write_text(json.dumps(
        {"documents": [{"doc_id": SEED_IDS[0], "date": "2025-target plan"}]}), encoding="utf-8")
    code = main(["evaluate", "--gold", str(gd), "--raw", str(SEEDS), "--mode", "rules"])
    err = capsys.readouterr()
    assert code != 0
    assert "E018" in err.out + err.err and SEED_IDS[0] in err.out + err.err


def _with_statuses_flipped(g, k):
    """``g`` with the status of its first ``k`` quantities changed."""
    qs = [dataclasses.replace(q, status=Status.OTHER if q.status != Status.OTHER else Status.TARGET)
          if i < k else q for i, q in enumerate(g.quantities)]
    return dataclasses.replace(g, quantities=tuple(qs))


def test_report_add_equals_scoring_both_sets_at_once(gold_docs):
    pairs = [(g, _with_statuses_flipped(g, 5)) for g in gold_docs]
    whole = score_corpus(pairs)
    summed = score_document(*pairs[0])
    summed.add(score_document(*pairs[1]))
    assert summed.figures() == whole.figures() and summed.n_docs == 2


def test_bootstrap_intervals_hold_the_figure_and_widen_with_disagreement(gold_docs):
    from policy_extract.evaluate import bootstrap_intervals

    # two documents scored 1.0 and one with many statuses wrong: status varies between draws
    pairs = [(gold_docs[0], gold_docs[0]), (gold_docs[1], _with_statuses_flipped(gold_docs[1], 40)),
             (gold_docs[0], _with_statuses_flipped(gold_docs[0], 2))]
    point = score_corpus(pairs).figures()
    iv = bootstrap_intervals(pairs, n=300, seed=1)
    lo, hi = iv["quantities.status_acc"]
    assert lo <= point["quantities.status_acc"] <= hi and hi - lo > 0.1
    assert iv["quantities.f1"] == (1.0, 1.0)  # every draw finds every figure
    assert bootstrap_intervals(pairs, n=300, seed=1) == iv  # seeded: the same on every run
    # no documents, no intervals (nothing is claimed about an empty set)
    assert bootstrap_intervals([], n=300) == {}
    # a set without nodes has no node interval
    bare = [dataclasses.replace(g, nodes=()) for g in gold_docs]
    no_nodes = [(g, g) for g in bare]
    assert "nodes.f1" not in bootstrap_intervals(no_nodes, n=50)


def test_evaluate_ci_prints_intervals_and_refuses_zero_draws(capsys):
    from policy_extract.cli import main

    assert main(["evaluate", "--gold", str(GOLD), "--mode", "rules", "--ci", "50", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    lo, hi = d["intervals"]["figures"]["quantities.status_acc"]
    assert lo <= d["figures"]["quantities.status_acc"] <= hi and d["intervals"]["draws"] == 50
    assert main(["evaluate", "--gold", str(GOLD), "--mode", "rules", "--ci", "0"]) != 0
