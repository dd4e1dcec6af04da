"""``policy_extract.to_dataframe``: a row per figure with its document's date, genre, sentence."""

from __future__ import annotations

import json

import pytest

import policy_extract
from conftest import SEED_DATES, SEED_IDS

pd = pytest.importorskip("pandas")

TEXTS = {
    "a": ("2024年政府工作报告\n\n过去一年，全市地区生产总值达到2700亿元，"
          "增长5.2%。今年力争新增规模以上工业企业300家。", "2024-02-01"),
    "b": ("记者从市商务局获悉，全市新签约项目45个；\n"
          "实际利用外资增长8%。", None),
}


def test_documents_to_rows(nlp_rules, seed_texts):
    docs = [nlp_rules(seed_texts[sid], doc_id=sid, date=SEED_DATES[sid]) for sid in SEED_IDS]
    df = policy_extract.to_dataframe(docs)
    assert list(df.columns[:4]) == ["doc_id", "date", "genre", "sentence"]
    assert {"text", "value", "unit", "bound", "measure", "status", "indicator", "period",
            "start", "end", "node_id"} <= set(df.columns)
    assert len(df) == sum(len(d.quantities) for d in docs)
    by_id = {d.doc_id: d for d in docs}
    for r in df.itertuples():
        raw = by_id[r.doc_id].text
        assert r.date == SEED_DATES[r.doc_id] and r.genre
        # the figure's sentence: a piece of the raw text around the figure, the figure in it
        s0 = raw.rindex(r.sentence, 0, r.start + len(r.sentence))
        assert s0 <= r.start and r.end <= s0 + len(r.sentence), (r.text, r.sentence)
    row = df[df.text == "7%"].iloc[0]
    assert row.indicator == "全市规模以上工业增加值"
    assert row.sentence.startswith("长沙晚报2月24日讯") and row.sentence.endswith(
        "全市规模以上工业增加值同比增长7%,制造业增加值占GDP比重稳步提升。")


def _batch(tmp_path, with_failure=True):
    from policy_extract.batch import run_batch

    inp = tmp_path / "in.jsonl"
    recs = [{"id": k, "text": t, "date": d} for k, (t, d) in TEXTS.items()]
    if with_failure:
        recs.append({"id": "bad", "text": None})
    inp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs),
                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_batch(inp, out, mode="rules", progress=False)
    return inp, out


def test_batch_output_with_its_input(tmp_path, nlp_rules):
    inp, out = _batch(tmp_path)
    df = policy_extract.to_dataframe(out, texts=inp)
    docs = [nlp_rules(t, doc_id=k, date=d) for k, (t, d) in TEXTS.items()]
    same = policy_extract.to_dataframe(docs)
    assert len(df) == len(same) > 0 and "bad" not in set(df.doc_id)
    pd.testing.assert_frame_equal(df, same)
    a = df[df.doc_id == "a"]
    assert set(a.date) == {"2024-02-01"} and set(a.genre) == {"report"}
    row = a[a.text == "300家"].iloc[0]
    assert row.sentence == "今年力争新增规模以上工业企业300家。"
    assert df[df.doc_id == "b"].date.isna().all()
    # a line break ends a sentence: the next line's figure has its own
    assert df[df.text == "8%"].iloc[0].sentence == "实际利用外资增长8%。"


def test_batch_output_alone_has_no_sentence(tmp_path):
    _, out = _batch(tmp_path, with_failure=False)
    df = policy_extract.to_dataframe(str(out))
    assert len(df) and df.sentence.isna().all() and df.genre.isna().all()
    assert set(df.doc_id) == {"a", "b"} and (df[df.doc_id == "a"].date == "2024-02-01").all()


def test_layers(nlp_rules, seed_texts):
    doc = nlp_rules(seed_texts[SEED_IDS[0]], doc_id="s", explain=True)
    ents = policy_extract.to_dataframe(doc, layer="entities")
    assert len(ents) == len(doc.entities) and {"label", "canonical"} <= set(ents.columns)
    assert all(r.text in r.sentence for r in ents.itertuples())
    as_json = policy_extract.to_dataframe([doc.to_dict()], layer="entities")  # no text: no sentence
    assert len(as_json) == len(ents) and as_json.sentence.isna().all()
    nodes = policy_extract.to_dataframe([doc], layer="nodes")
    assert len(nodes) == len(doc.nodes) and "parent" in nodes.columns
    empty = policy_extract.to_dataframe(policy_extract.extract("没有数字。", nlp=nlp_rules))
    assert empty.empty and list(empty.columns[:4]) == ["doc_id", "date", "genre", "sentence"]
    with pytest.raises(ValueError, match="quantities, entities, nodes"):
        policy_extract.to_dataframe(doc, layer="figures")
