"""Silver/gold → DocBin: every span either aligned or reported (and marked missing), never dropped."""

from __future__ import annotations

import json

import pytest

from policy_extract.model.convert import (AlignReport, Record, _flat, entity_doc, gold_records,
                                          load_splits, to_docbin)
from policy_extract.pipeline import blank_nlp
from policy_extract.schema import Entity, EntityLabel as L

from conftest import DEV_GOLD, GOLD, ROOT, SEED_IDS


@pytest.fixture(scope="module")
def nlp():
    return blank_nlp()


def _cutting_span(nlp, text):
    """A span that starts inside a multi-character jieba word of ``text``."""
    doc = nlp.make_doc(text)
    tok = next(t for t in doc if len(t.text) >= 2 and not t.is_space)
    return tok.idx + 1, tok.idx + len(tok.text)


def test_aligned_span_becomes_an_entity(nlp):
    text = "支持岳麓山实验室建设。"  # GUIDELINES §2 PLATFORM example
    s = text.index("岳麓山实验室")
    rec = Record("t", text, (Entity(s, s + 6, "岳麓山实验室", L.PLATFORM),), "gold")
    rep = AlignReport()
    doc = entity_doc(nlp, rec, rep)
    assert [(e.text, e.label_) for e in doc.ents] == [("岳麓山实验室", "PLATFORM")]
    assert rep.aligned["gold"] == 1 and rep.misaligned == []
    assert all(t.ent_iob_ == "O" for t in doc if t.idx < s)  # the rest is taught as outside


def test_misaligned_span_is_reported_and_missing_not_outside(nlp):
    text = "壮大专精特新企业梯度，建设湘江科学城。"
    s, e = _cutting_span(nlp, text)
    rec = Record("t", text, (Entity(s, e, text[s:e], L.PROGRAM),), "silver")
    rep = AlignReport()
    doc = entity_doc(nlp, rec, rep)
    assert len(rep.misaligned) == 1 and rep.misaligned[0]["text"] == text[s:e]
    assert rep.spans["silver"] == 1 and rep.aligned["silver"] == 0
    assert list(doc.ents) == []
    cut = doc.char_span(s, e, alignment_mode="expand")
    assert all(t.ent_iob_ == "" for t in cut)  # unknown: neither entity nor O
    assert "not on token boundaries" in rep.summary()


def test_overlapping_silver_keeps_longest_and_reports_the_other():
    a = Entity(0, 10, "湖南大学振动研究中心", L.PLATFORM)
    b = Entity(0, 4, "湖南大学", L.INSTITUTION)
    keep, rest = _flat([b, a])
    assert keep == [a] and rest == [b]


def test_docbin_repeat_counts_once(nlp):
    text = "支持岳麓山实验室建设。"
    rec = Record("g", text, (Entity(2, 8, "岳麓山实验室", L.PLATFORM),), "gold")
    db, rep = to_docbin(nlp, [rec], repeat={"g": 3})
    assert len(db) == 3 and rep.spans["gold"] == 1 and rep.docs == 1


def test_seed_gold_every_span_accounted(nlp):
    rep = AlignReport()
    n = 0
    for rec in gold_records(GOLD, SEED_IDS):
        entity_doc(nlp, rec, rep)
        n += len(rec.entities)
    assert n == 134  # the seeds' gold entity count (2026-12-07 correction: +六大行动 x2, +七大工程)
    assert rep.spans["gold"] + len(rep.overlapping) == n
    assert rep.aligned["gold"] + len([m for m in rep.misaligned if m["kind"] == "gold"]) \
        == rep.spans["gold"]


def test_splits_keep_annotated_pages_out_of_training():
    sp = load_splits(ROOT / "corpora" / "splits.json")
    dev = {p.stem for p in DEV_GOLD.glob("*.json")}
    held = {p.stem for p in (ROOT / "corpora" / "heldout_gold").glob("*.json")}
    silver = set(sp["train"]) | set(sp["dev"])
    gold = set(sp["gold_train"]) | set(sp["dev_gold_train"])
    assert not (dev | held) & silver  # annotated pages are never silver
    assert not held & gold  # held-out gold is never trained on
    assert set(sp["dev_gold_train"]) <= dev
    # every gold text trained on is in exactly one fold, so a model that never saw it scores it
    placed = [d for ids in sp["folds"].values() for d in ids]
    assert sorted(placed) == sorted(gold)
    assert not set(sp["train"]) & set(sp["dev"])


def _splits() -> dict:
    return json.loads((ROOT / "corpora" / "splits.json").read_text(encoding="utf-8"))


def _refused(tmp_path, sp: dict, match: str) -> None:
    p = tmp_path / "splits.json"
    p.write_text(json.dumps(sp), encoding="utf-8")
    with pytest.raises(ValueError, match=match):
        load_splits(p)


def test_heldout_gold_in_gold_training_is_refused(tmp_path):
    sp = _splits()
    h = sp["test"]["heldout_gold"][0]
    sp["dev_gold_train"].append(h)
    sp["folds"]["a"].append(h)
    _refused(tmp_path, sp, h)


@pytest.mark.parametrize("where", ["train", "dev", "gold_train"])
def test_heldout3_pages_in_training_are_refused(tmp_path, where):
    # held-out 3 (gold v2's sealed third) is refused like the older sealed sets, wherever it leaks in.
    sp = _splits()
    h = sp["test"]["heldout3_gold"][0]
    sp[where].append(h)
    if where == "gold_train":
        sp["folds"]["a"].append(h)
    _refused(tmp_path, sp, h)


def test_heldout3_is_a_genre_stratified_third():
    sp = _splits()
    sealed, rest = set(sp["test"]["heldout3_gold"]), set(sp["v2_gold"])
    assert len(sealed) >= 230 // 3 and not sealed & rest
    assert all(i.startswith("v") for i in sealed | rest)


def test_gold_outside_the_folds_is_refused(tmp_path):
    sp = _splits()
    _refused(tmp_path, sp, sp["folds"]["a"].pop())


def test_gold_on_disk_not_in_splits_is_still_refused(tmp_path):
    # gold annotated after the splits were written (dev round 2) must not leak in
    sp = _splits()
    (tmp_path / "dev_gold").mkdir()
    (tmp_path / "dev_gold" / f"{sp['train'][0]}.json").write_text("{}", encoding="utf-8")
    _refused(tmp_path, sp, sp["train"][0])


def test_splits_leak_is_refused(tmp_path):
    sp = _splits()
    sp["train"].append(sp["test"]["dev_gold"][0])
    _refused(tmp_path, sp, "dev_gold")


def test_fingerprint_follows_the_labels(nlp):
    text = "支持岳麓山实验室建设。"
    a = Record("g", text, (Entity(2, 8, "岳麓山实验室", L.PLATFORM),), "gold")
    b = Record("g", text, (Entity(2, 8, "岳麓山实验室", L.PARK),), "gold")
    fa, fa2, fb = (to_docbin(nlp, [r])[1].fingerprint for r in (a, a, b))
    assert fa == fa2 and fa != fb


# ---------------------------------------------------------------- hand gold of train pages, augmentation

from policy_extract.model.convert import augment_records, train_gold_records  # noqa: E402
from policy_extract.schema import sha256_text  # noqa: E402

_TEXT = "依托岳麓山实验室，支持湖南大学建设。"  # GUIDELINES §2 names in a made-up sentence
_ENTS = [{"start": 2, "end": 8, "text": "岳麓山实验室", "label": "PLATFORM"},
         {"start": 11, "end": 15, "text": "湖南大学", "label": "INSTITUTION"}]


def _hand(tmp_path, doc_id="p900", sha=None, ents=_ENTS):
    d = tmp_path / "train_gold"
    d.mkdir(exist_ok=True)
    (d / f"{doc_id}.json").write_text(json.dumps(
        {"doc_id": doc_id, "source": f"{doc_id}.txt", "text_sha256": sha or sha256_text(_TEXT),
         "quantities": [], "entities": ents, "nodes": []}, ensure_ascii=False), encoding="utf-8")
    return d


def test_train_gold_is_read_as_gold(tmp_path):
    (rec,) = train_gold_records(_hand(tmp_path), ["p900"], {"p900": _TEXT})
    assert rec.kind == "gold" and [e.text for e in rec.entities] == ["岳麓山实验室", "湖南大学"]


@pytest.mark.parametrize("kw, ids, match", [
    ({}, ["p901"], "not a silver train page"),               # a dev/held-out page never trains
    ({"sha": "0" * 64}, ["p900"], "text_sha256"),              # annotation of another text
    ({"ents": [dict(_ENTS[0], text="岳麓山")]}, ["p900"], "span text"),
])
def test_bad_train_gold_is_refused(tmp_path, kw, ids, match):
    with pytest.raises(ValueError, match=match):
        list(train_gold_records(_hand(tmp_path, **kw), ids, {"p900": _TEXT}))


def test_augmented_copies_swap_names_within_label_and_keep_offsets():
    recs = [Record("a", _TEXT, tuple(Entity.from_dict(e) for e in _ENTS), "gold"),
            Record("b", "与中南大学合作", (Entity(1, 5, "中南大学", L.INSTITUTION),), "gold"),
            Record("c", "没有名称。", (), "gold")]
    out = augment_records(recs, copies=3, seed=1)
    assert len(out) == 6  # records without names are not copied
    assert out == augment_records(recs, copies=3, seed=1)  # deterministic
    names = {e.text for r in recs for e in r.entities}
    for r in out:
        for e in r.entities:
            assert r.text[e.start:e.end] == e.text and e.text in names
            assert {"岳麓山实验室": L.PLATFORM}.get(e.text, L.INSTITUTION) == e.label
    assert any("中南大学" in r.text for r in out if r.doc_id.startswith("a#"))
    assert augment_records(recs, copies=0) == []


def test_two_misaligned_spans_sharing_a_token_become_one_unknown_region(nlp):
    # found by augmentation: two swapped-in names whose edges fell inside the same jieba word
    text = "支持岳麓山实验室建设"
    doc = nlp.make_doc(text)
    tok = next(t for t in doc if len(t.text) >= 3)
    a, b = tok.idx, tok.idx + len(tok.text)
    ents = (Entity(a, a + 1, text[a:a + 1], L.PARK), Entity(a + 2, b, text[a + 2:b], L.PARK))
    rep = AlignReport()
    d = entity_doc(nlp, Record("x", text, ents, "gold"), rep)
    assert len(rep.misaligned) == 2
    assert d[tok.i].ent_iob_ == ""  # missing, neither entity nor O
