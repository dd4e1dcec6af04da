"""Spark (local mode): the same Documents as extract(), one pipeline per partition, bad rows kept."""

from __future__ import annotations

import json
import shutil

import pytest

from policy_extract import distributed


def test_partition_loads_the_pipeline_once_and_keeps_bad_rows(monkeypatch, nlp_rules):
    import policy_extract.pipeline as pipeline

    calls = []

    def counting_load(*a, **kw):
        calls.append(a)
        return nlp_rules

    monkeypatch.setattr(pipeline, "load", counting_load)
    rows = [{"id": "a", "text": "全市规模以上工业增加值同比增长7%。"},
            {"id": "b", "text": 3}, {"text": "力争全年实现技术合同成交额1000亿元。"},
            {"id": "c", "text": "增长5%", "date": "2026-02-30"}]
    out = list(distributed.extract_partition(4, rows, mode="rules"))
    assert len(calls) == 1
    assert [o[0] for o in out] == ["a", "b", "partition 4 row 2", "c"]
    assert [o[1] is None for o in out] == [True, False, True, False]
    assert json.loads(out[0][2]) == nlp_rules(rows[0]["text"], doc_id="a").to_dict()
    assert json.loads(out[1][2])["error"].startswith("E081")


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("pyspark needs a Java runtime")
    session = distributed.local_session(2, app="policy_extract-tests")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_spark_local_mode_equals_extract(spark, seed_texts, nlp_rules):
    dates = {"000_d383a0f51c78c5f8": "2026-02-24", "004_1a7ddccc0057efbb": "2025-12-01"}
    rows = [(k, t, dates[k], f"{k}.txt") for k, t in seed_texts.items()]
    rows += [("s1", "到2026年，全市新增国家级专精特新“小巨人”企业30家以上。", None, None),
             ("nulltext", None, None, None), ("baddate", "增长5%", "2026-13-01", None)]
    df = spark.createDataFrame(rows, "id string, text string, date string, source string")
    got = {r.doc_id: r for r in distributed.extract_spark(df.repartition(2), mode="rules")
           .collect()}
    assert set(got) == {r[0] for r in rows}
    for doc_id, text, date, source in rows:
        r = got[doc_id]
        if doc_id in ("nulltext", "baddate"):
            assert r.error and json.loads(r.document)["error"] == r.error
            continue
        assert r.error is None
        want = nlp_rules(text, doc_id=doc_id, date=date, source=source).to_dict()
        assert json.loads(r.document) == want
