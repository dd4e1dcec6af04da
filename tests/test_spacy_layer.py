"""The results on spaCy's own containers (issue 16 §3): doc.spans, doc.ents and span
attributes; nlp.to_disk() -> spacy.load(); DocBin; displaCy; Pipeline.pipe through nlp.pipe."""

from __future__ import annotations

import pytest
import spacy
from spacy import displacy
from spacy.tokens import DocBin

import policy_extract

TEXT = "长沙市科技局：到2027年，湘江科学城高新技术企业达到3000家，研发投入增长8.5%。"


@pytest.fixture(scope="module")
def pipe():
    return policy_extract.load("rules")


@pytest.fixture(scope="module")
def doc(pipe):
    return pipe.run(pipe.make_doc(TEXT, date="2024-03-01"))


def test_figures_names_and_nodes_are_spans_with_their_attributes(pipe, doc):
    result = pipe(TEXT, date="2024-03-01")
    qs = doc.spans["pe_quantities"]
    assert [s.text for s in qs] == [q.text for q in result.quantities]
    first = qs[0]
    q = result.quantities[0]
    assert (first._.pe_value, first._.pe_unit, first._.pe_status, first._.pe_period) == \
        (q.value, q.unit, q.status.value, q.period)
    assert [(e.text, e.label_) for e in doc.ents] == \
        [(e.text, e.label.value) for e in result.entities]
    assert {s.label_ for s in doc.spans["pe_entities"]} >= {"PARK", "INSTITUTION"}


def test_to_disk_then_spacy_load_gives_the_same_spans(pipe, doc, tmp_path):
    pipe.nlp.to_disk(tmp_path / "nlp")
    again = spacy.load(tmp_path / "nlp")
    assert type(again.tokenizer).__name__ == "JiebaTokenizer"
    assert again.pipe_names == pipe.nlp.pipe_names
    d2 = again(TEXT)
    assert [s.text for s in d2.spans["pe_quantities"]] == [s.text for s in doc.spans["pe_quantities"]]
    assert [(e.text, e.label_) for e in d2.ents] == [(e.text, e.label_) for e in doc.ents]


def test_docbin_keeps_spans_and_their_attributes(pipe, doc):
    db = DocBin(store_user_data=True)
    db.add(doc)
    back = list(DocBin(store_user_data=True).from_bytes(db.to_bytes()).get_docs(pipe.nlp.vocab))[0]
    got = [(s.text, s._.pe_value, s._.pe_status) for s in back.spans["pe_quantities"]]
    assert got == [(s.text, s._.pe_value, s._.pe_status) for s in doc.spans["pe_quantities"]]
    assert [e.text for e in back.ents] == [e.text for e in doc.ents]


def test_displacy_shows_the_names_and_the_figures(doc):
    ents = displacy.render(doc, style="ent")
    assert "湘江科学城" in ents and "PARK" in ents
    spans = displacy.render(doc, style="span", options={"spans_key": "pe_quantities"})
    assert "3000" in spans and "家" in spans  # the figure, labelled with its unit


RECORDS = [{"id": "a", "text": "今年地区生产总值增长5%。", "date": "2023"},
           {"id": "b", "text": "新增企业120家。", "title": "某县2022年政府工作报告"}, TEXT]


def test_pipe_goes_through_nlp_pipe_in_order(pipe, monkeypatch):
    calls = []
    real = pipe.nlp.pipe
    monkeypatch.setattr(pipe.nlp, "pipe", lambda docs, **kw: calls.append(kw) or real(docs, **kw))
    got = list(pipe.pipe(RECORDS))
    assert calls and [d.doc_id for d in got] == ["a", "b", None]
    assert got == [pipe(r["text"], doc_id=r["id"], date=r.get("date"), title=r.get("title"))
                   if isinstance(r, dict) else pipe(r) for r in RECORDS]


@pytest.mark.slow
def test_pipe_with_worker_processes_gives_the_same_documents(pipe):
    assert list(pipe.pipe(RECORDS, n_process=2, batch_size=1)) == list(pipe.pipe(RECORDS))
