"""The shipped trained pipeline: loads offline, finds entities, scores them, keeps seeds held out."""

from __future__ import annotations

import pytest

from policy_extract.components.model_entities import trim_span
from policy_extract.model.folds import FOLDS_DIR
from policy_extract.pipeline import default_model_path

pytestmark = pytest.mark.model

SHIPPED = default_model_path()
needs_model = pytest.mark.skipif(not (SHIPPED / "meta.json").is_file(),
                                 reason="no trained model shipped (policy-extract train)")

# a sentence written for this test in the style of the corpus (names of GUIDELINES §2 shapes)
SENTENCE = ("省科技厅印发《湖南省促进新型研发机构发展实施方案》，支持岳麓山实验室、"
            "湖南大学和三一重工共建长沙智能制造创新中心，推进长沙经开区建设。")
NAMES = {"省科技厅", "湖南省促进新型研发机构发展实施方案", "岳麓山实验室", "湖南大学", "三一重工",
         "长沙智能制造创新中心", "长沙经开区"}


@pytest.mark.parametrize("raw,span,want", [
    ("** 湘江科学城\n", (0, 9), "湘江科学城"),   # markup and a line break at the edges go
    ("湘江科学城", (0, 5), "湘江科学城"),
])
def test_trim_span(raw, span, want):
    s, e = trim_span(raw, *span)
    assert raw[s:e] == want


@pytest.fixture(scope="module")
def combined():
    import policy_extract

    return policy_extract.load("combined", entity_model=True)  # the entity model merged in


@needs_model
def test_loads_offline_as_combined(combined, monkeypatch):
    assert combined.mode == "combined"
    assert "policy_model_entities" in combined.nlp.pipe_names


@needs_model
def test_model_finds_scored_entities(combined):
    from policy_extract.extensions import get_state

    me = combined.nlp.get_pipe("policy_model_entities")
    old, me.score = me.score, "all"
    try:
        doc = combined.run(combined.make_doc(SENTENCE))
    finally:
        me.score = old
    ents = get_state(doc).model_entities
    assert ents, "the model found nothing"
    for e in ents:
        assert SENTENCE[e.start:e.end] == e.text and e.source == "model"
        assert 0.0 <= e.score <= 1.0 + 1e-6
    # at least one of the sentence's names found whole (GUIDELINES §2 spans; labels not asserted)
    assert {e.text for e in ents} & NAMES, ents


@needs_model
def test_same_text_same_output_whether_or_not_it_is_gold(combined, seed_texts):
    """Inference never looks at gold (issue 16): a seed and the seed plus a trailing newline
    (no longer a gold text by hash) get the same names and figures."""
    for raw in seed_texts.values():
        a, b = combined(raw), combined(raw + "\n")
        assert [(e.start, e.end, e.label) for e in a.entities] == \
               [(e.start, e.end, e.label) for e in b.entities]
        assert [(q.start, q.end, q.status) for q in a.quantities] == \
               [(q.start, q.end, q.status) for q in b.quantities]
        assert a.entities  # a comparison of two empty lists would prove nothing


FOLDS = pytest.mark.skipif(not (FOLDS_DIR / "holdout.json").is_file(),
                           reason="no fold models (policy-extract train)")


@needs_model
@FOLDS
def test_cv_routes_seed_texts_to_a_model_that_never_saw_them(seed_texts):
    from policy_extract.model.folds import FoldRouter

    r = FoldRouter("model")
    folds = [r.fold_of(t) for t in seed_texts.values()]
    assert all(f and f.startswith("fold/") for f in folds) and len(set(folds)) == 2
    assert r.fold_of(SENTENCE) is None
    shipped = r.for_text(SENTENCE)
    assert all(r.for_text(t) is not shipped for t in seed_texts.values())


@needs_model
@FOLDS
def test_dev_gold_texts_are_routed_to_the_fold_that_left_them_out():
    import json

    from conftest import ROOT

    sp = json.loads((ROOT / "corpora" / "splits.json").read_text(encoding="utf-8"))
    routed = json.loads((FOLDS_DIR / "holdout.json").read_text(encoding="utf-8"))["models"]
    fold_of = {d: k for k, ids in sp["folds"].items() for d in ids}
    hand = {p.stem for p in (ROOT / "corpora" / "train_gold").glob("*.json")}
    trained = {v["doc_id"] for v in routed.values()}
    assert set(fold_of) <= trained  # every seed and dev_gold text trained on
    assert trained - set(fold_of) <= hand  # the others: hand-annotated train pages, in a fold too
    for v in routed.values():
        want = fold_of.get(v["doc_id"])
        assert v["path"] == f"fold/{want}" if want else v["path"].startswith("fold/")


def test_the_wheel_ships_one_model():
    """Fold models are evaluation tooling: none inside the package."""
    assert not list(SHIPPED.rglob("holdout.json")) and not (SHIPPED / "fold").exists()


@needs_model
def test_shipped_model_was_trained_on_the_current_data(shared_pages):
    """`policy-extract train --check`: the gold, splits and tokenizer give the shipped fingerprints."""
    from pathlib import Path

    from policy_extract.model.train import check

    from conftest import ROOT

    c = ROOT / "corpora"
    stale = check(c / "splits.json", shared_pages.parent / "policy_pages.jsonl", c / "gold", SHIPPED,
                  c / "dev_gold", [Path(shared_pages)])
    assert stale == [], f"retrain: policy-extract train (stale: {stale})"


@needs_model
def test_combined_output_maps_to_raw(combined, seed_texts):
    for raw in seed_texts.values():
        d = combined(raw)
        assert d.check_offsets() == []
        assert not [w for w in d.warnings if w.startswith("E100")]
        for a, b in zip(d.entities, d.entities[1:]):
            assert a.end <= b.start


@needs_model
def test_shipped_model_is_small():
    size = sum(p.stat().st_size for p in SHIPPED.rglob("*") if p.is_file())
    assert size < 8_000_000, size


@needs_model
@pytest.mark.parametrize("mode", ["combined", "model"])
def test_rule_tags_reach_only_a_model_that_reads_them_and_only_in_combined(mode, monkeypatch):
    import policy_extract
    from policy_extract.extensions import get_state

    p = policy_extract.load(mode, entity_model=True)
    me = p.nlp.get_pipe("policy_model_entities")
    embed = me.model.config["components"]["ner"]["model"]["tok2vec"]["embed"]
    assert me.rule_tags == (mode == "combined" and "LEMMA" in embed["attrs"])
    # as for a model trained with --rule-tags: combined writes the tags, model mode never does
    monkeypatch.setattr(me, "rule_tags", mode == "combined")
    doc = p.run(p.make_doc(SENTENCE))
    rules = get_state(doc).rule_entities
    assert rules  # the sentence's names have rule shapes
    tagged = {t.i for t in doc if t.lemma_}
    covered = {t.i for e in rules for t in doc.char_span(e.start, e.end, alignment_mode="expand")}
    assert tagged == (covered if mode == "combined" else set())


@needs_model
def test_beam_windows_stay_in_the_sentence_and_merge(combined, monkeypatch):
    from policy_extract.extensions import get_state

    me = combined.nlp.get_pipe("policy_model_entities")
    text = "第一句没有名称。" + SENTENCE
    doc = combined.run(combined.make_doc(text))
    st = get_state(doc)
    names = [doc.char_span(e.start, e.end, alignment_mode="expand") for e in st.rule_entities]
    first_sent_end = doc.char_span(0, 8, alignment_mode="expand").end
    pieces = me._pieces(doc, st)  # what the model reads: here, the two sentences
    assert pieces == [(0, first_sent_end), (first_sent_end, len(doc))]
    monkeypatch.setattr(me, "window", 2)
    wins = me._windows(doc, st, names)
    assert all(a >= first_sent_end for a, _ in wins)  # never into the previous sentence
    assert all(a < b for a, b in wins) and all(w[1] <= v[0] for w, v in zip(wins, wins[1:]))
    for n in names:  # one name: 2 tokens either side, clipped to its sentence
        sa, sb = pieces[1]
        assert me._windows(doc, st, [n]) == [(max(sa, n.start - 2), min(sb, n.end + 2))]
        assert any(a <= n.start and n.end <= b for a, b in wins)
    monkeypatch.setattr(me, "window", 0)
    assert me._windows(doc, st, names[:1]) == [pieces[1]]


@needs_model
def test_a_long_sentence_is_read_in_pieces_of_max_tokens(combined):
    """One unpunctuated line is one sentence: the model reads it MAX_TOKENS at a time."""
    from policy_extract.components.model_entities import MAX_TOKENS
    from policy_extract.extensions import get_state

    text = SENTENCE.rstrip("。").replace("，", "").replace("、", "") * 40
    doc = combined.run(combined.make_doc(text))
    me = combined.nlp.get_pipe("policy_model_entities")
    pieces = me._pieces(doc, get_state(doc))
    assert len(doc) > 2 * MAX_TOKENS and pieces[0][0] == 0 and pieces[-1][1] == len(doc)
    assert all(b - a <= MAX_TOKENS for a, b in pieces)
    assert all(p[1] == q[0] for p, q in zip(pieces, pieces[1:]))  # disjoint, nothing skipped
