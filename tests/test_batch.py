"""Batch extraction: readers, resumability under SIGKILL, failures recorded, API = extract()."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from policy_extract.batch import (Record, Workers, batched, errors_path, extract_dataset, document_from_row,
                                  iter_extract, iter_input, run_batch, scan_output)
from policy_extract.cli import main

ROOT = Path(__file__).resolve().parent.parent

# Sentences of the seed 000_d383a0f51c78c5f8 (GUIDELINES §1 examples come from there).
SEED_SENTENCES = [
    "全市规模以上工业增加值同比增长7%。",
    "到2026年，全市新增国家级专精特新“小巨人”企业30家以上。",
    "力争全年实现技术合同成交额1000亿元。",
]


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def write_jsonl(path: Path, rows: list) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n")


@pytest.fixture(scope="module")
def seed_records(seed_texts) -> list[dict]:
    dates = {"000_d383a0f51c78c5f8": "2026-02-24", "004_1a7ddccc0057efbb": "2025-12-01"}
    return [{"id": k, "text": t, "date": dates[k], "source": f"{k}.txt"}
            for k, t in seed_texts.items()]


def expected(nlp, rec: dict) -> dict:
    return nlp(rec["text"], doc_id=str(rec["id"]), date=rec.get("date"),
               source=rec.get("source")).to_dict()


# ------------------------------------------------------------------ readers


def test_txt_folder_reader_keeps_file_identity_and_records_unreadable(tmp_path, nlp_rules):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(SEED_SENTENCES[0], encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_bytes(SEED_SENTENCES[1].encode("gb18030"))
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01binary")
    recs = {r.doc_id: r for r in iter_input(tmp_path)}
    assert set(recs) == {"a", "sub/b", "bin"}
    assert recs["sub/b"].text == SEED_SENTENCES[1]  # GB18030 decoded like extract_file
    assert recs["bin"].error.startswith("E011")
    # the same Document as extract_file (doc_id = stem, sha256 of the bytes)
    got = next(iter_extract([recs["a"]], mode="rules"))
    assert got == nlp_rules.extract_file(tmp_path / "a.txt")


def test_jsonl_reader_turns_bad_lines_and_duplicate_ids_into_error_records(tmp_path):
    p = tmp_path / "in.jsonl"
    write_jsonl(p, [{"id": 1, "text": SEED_SENTENCES[0]}, "{broken", {"id": 2, "text": 5},
                    {"text": SEED_SENTENCES[1]}, {"id": 1, "text": "again"}, "[1, 2]"])
    recs = list(iter_input(p))
    assert [r.doc_id for r in recs] == ["1", "in.jsonl:2", "2", "in.jsonl:4", "1#2", "in.jsonl:6"]
    assert [r.error is None for r in recs] == [True, False, False, True, False, False]
    assert recs[4].error.startswith("E082")


def test_parquet_and_saved_dataset_inputs_read_the_same_records(tmp_path, seed_records):
    import datasets

    ds = datasets.Dataset.from_list(seed_records)
    ds.to_parquet(str(tmp_path / "in.parquet"))
    ds.save_to_disk(str(tmp_path / "hf"))
    datasets.DatasetDict({"train": ds}).save_to_disk(str(tmp_path / "hfdict"))
    want = [(r["id"], r["text"], r["date"]) for r in seed_records]
    for src in ("in.parquet", "hf", "hfdict"):
        got = [(r.doc_id, r.text, r.date) for r in iter_input(tmp_path / src)]
        assert got == want, src


def test_unknown_input_is_a_clean_cli_error(tmp_path, capsys):
    (tmp_path / "x.csv").write_text("id,text\n", encoding="utf-8")
    assert main(["batch", str(tmp_path / "x.csv"), "--out", str(tmp_path / "o.jsonl")]) == 2
    assert "E080" in capsys.readouterr().err


# ------------------------------------------------------------------ Python API


def test_iter_extract_in_process_equals_extract(nlp_rules, seed_records):
    got = list(iter_extract(seed_records + SEED_SENTENCES, mode="rules"))
    want = [nlp_rules(r["text"], doc_id=r["id"], date=r["date"], source=r["source"])
            for r in seed_records] + [nlp_rules(t) for t in SEED_SENTENCES]
    assert got == want
    assert [d.to_dict() for d in got] == [d.to_dict() for d in want]


def test_iter_extract_two_processes_equals_extract_in_order(nlp_rules, seed_records):
    items = (seed_records + [{"id": f"s{i}", "text": t} for i, t in enumerate(SEED_SENTENCES)]) * 2
    items = [dict(r, id=f"{r['id']}-{i}") for i, r in enumerate(items)]
    got = list(iter_extract(items, n_process=2, batch_size=2, mode="rules"))
    assert [d.to_dict() for d in got] == [expected(nlp_rules, r) for r in items]


def test_iter_extract_errors_raise_or_are_returned(nlp_rules):
    with pytest.raises(TypeError):
        list(iter_extract([{"id": "x", "text": SEED_SENTENCES[0]}, b"bytes"], nlp=nlp_rules))
    with pytest.raises(ValueError, match="E015"):
        list(iter_extract([{"id": "d", "text": "增长5%", "date": "2026-13-01"}], nlp=nlp_rules))
    out = list(iter_extract([{"id": "d", "text": "增长5%", "date": "2026-13-01"},
                             {"id": "ok", "text": SEED_SENTENCES[0]}],
                            nlp=nlp_rules, on_error="return"))
    assert type(out[0]).__name__ == "FailedDocument" and "E015" in out[0].error
    assert out[1] == nlp_rules(SEED_SENTENCES[0], doc_id="ok")


def test_dataset_adapter_num_proc_gives_flat_columns_equal_to_extract(nlp_rules, seed_records):
    import datasets

    rows = seed_records + [{"id": f"s{i}", "text": t, "date": None, "source": None}
                           for i, t in enumerate(SEED_SENTENCES)]
    rows.append({"id": "bad", "text": None, "date": None, "source": None})
    ds = datasets.Dataset.from_list(rows)
    out = extract_dataset(ds, num_proc=2, batch_size=2, mode="rules")
    assert {"doc_id", "text_sha256", "quantities", "entities", "nodes", "warnings",
            "error"} <= set(out.column_names)
    assert out.num_rows == len(rows)
    for row, rec in zip(out, rows):
        if rec["text"] is None:
            assert row["error"].startswith("E081") and row["quantities"] == []
            continue
        assert row["error"] is None
        want = nlp_rules(rec["text"], doc_id=rec["id"], date=rec["date"], source=rec["source"])
        assert document_from_row(row) == want
    json.dumps(out[0])  # JSON-ready as it is


# ------------------------------------------------------------------ resumable output


def test_rerun_skips_done_ids_and_redoes_a_truncated_last_line(tmp_path, seed_records, nlp_rules):
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    rows = seed_records + [{"id": f"s{i}", "text": t} for i, t in enumerate(SEED_SENTENCES)]
    write_jsonl(inp, rows)
    first = json.dumps(expected(nlp_rules, rows[0]), ensure_ascii=False)
    # as a kill -9 leaves it: one complete line, then half a line
    out.write_text(first + "\n" + first[:57], encoding="utf-8")
    stats = run_batch(inp, out, mode="rules", progress=False)
    assert (stats.skipped, stats.written, stats.failed) == (1, len(rows) - 1, 0)
    got = read_jsonl(out)
    assert [d["doc_id"] for d in got] == [r["id"] for r in rows]
    assert got == [expected(nlp_rules, r) for r in rows]
    again = run_batch(inp, out, mode="rules", progress=False)
    assert (again.skipped, again.written) == (len(rows), 0)
    assert read_jsonl(out) == got


def test_corrupt_and_duplicate_middle_lines_are_dropped_and_redone(tmp_path, nlp_rules):
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    rows = [{"id": f"s{i}", "text": t} for i, t in enumerate(SEED_SENTENCES)]
    write_jsonl(inp, rows)
    good = json.dumps(expected(nlp_rules, rows[0]), ensure_ascii=False)
    out.write_text(good + "\n{garbage\n" + good + "\n", encoding="utf-8")
    scan = scan_output(out)
    assert scan.done == {"s0"} and scan.dropped == 2
    run_batch(inp, out, mode="rules", progress=False)
    assert [d["doc_id"] for d in read_jsonl(out)] == ["s0", "s1", "s2"]


def test_failures_go_to_errors_file_and_the_batch_goes_on(tmp_path, nlp_rules):
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(inp, [{"id": "ok", "text": SEED_SENTENCES[0]},
                      {"id": "baddate", "text": SEED_SENTENCES[1], "date": "2026-02-30"},
                      {"id": "notext"}, "not json"])
    # documents failed: exit 3 (EXIT_DOCS_FAILED), never a green 0
    assert main(["batch", str(inp), "--out", str(out), "--mode", "rules", "--quiet"]) == 3
    lines = read_jsonl(out)
    assert [d["doc_id"] for d in lines] == ["ok", "baddate", "notext", "in.jsonl:4"]
    assert "error" not in lines[0] and lines[0] == expected(nlp_rules, {"id": "ok",
                                                                       "text": SEED_SENTENCES[0]})
    assert all(d["error"] and d["quantities"] == [] for d in lines[1:])
    errs = read_jsonl(errors_path(out))
    assert [e["doc_id"] for e in errs] == ["baddate", "notext", "in.jsonl:4"]
    assert "E015" in errs[0]["error"] and "Traceback" in errs[0]["traceback"]
    # a rerun keeps the errors file exact (no repeats); --retry-errors tries them again
    main(["batch", str(inp), "--out", str(out), "--mode", "rules", "--quiet"])
    assert len(read_jsonl(errors_path(out))) == 3
    main(["batch", str(inp), "--out", str(out), "--mode", "rules", "--quiet", "--retry-errors"])
    assert [d["doc_id"] for d in read_jsonl(out)] == ["ok", "baddate", "notext", "in.jsonl:4"]
    assert len(read_jsonl(errors_path(out))) == 3


def test_sigkill_midway_then_rerun_loses_and_duplicates_nothing(tmp_path, seed_texts, nlp_rules):
    """A real `policy-extract batch` with 2 workers is killed with SIGKILL while writing."""
    paras = [p for t in seed_texts.values() for p in t.split("\n\n") if len(p) > 40]
    rows = [{"id": f"d{i:04d}", "text": paras[i % len(paras)] * (1 + i % 3)} for i in range(400)]
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(inp, rows)
    cmd = [sys.executable, "-m", "policy_extract", "batch", str(inp), "--out", str(out),
           "--mode", "rules", "--batch-size", "2", "--quiet"]
    proc = subprocess.Popen(cmd + ["--num-proc", "2"], start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if out.exists() and out.stat().st_size > 20_000:
                break
            time.sleep(0.01)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers, mid-stream
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    n_before = out.read_bytes().count(b"\n")
    assert 0 < n_before < len(rows)
    with open(out, "ab") as fh:  # and as if the kill had landed mid-line
        fh.write(b'{"doc_id": "d9999", "quanti')
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert "already done" in res.stderr
    got = read_jsonl(out)
    assert [d["doc_id"] for d in got] == [r["id"] for r in rows]  # each once, in order
    for d, r in zip(got[:: 37], rows[:: 37]):
        assert d == expected(nlp_rules, r)


class _KillsItsWorker:
    """Unpickling this in a worker ends that process, as a segfault or the OOM killer would."""

    def __reduce__(self):
        return (os._exit, (3,))


def test_a_document_that_kills_its_worker_is_recorded_and_the_rest_survive(nlp_rules):
    items = [{"id": f"s{i}", "text": t} for i, t in enumerate(SEED_SENTENCES)]
    items.insert(1, Record("boom", _KillsItsWorker()))  # type: ignore[arg-type]
    recs = [it if isinstance(it, Record) else Record(it["id"], it["text"]) for it in items]
    with Workers(1, mode="rules", pool=True) as workers:  # one process per (re)started pool
        got = [res for _, out in workers.map(batched(recs, 2)) for res in out]
    assert [getattr(d, "doc_id") for d in got] == ["s0", "boom", "s1", "s2"]
    assert got[1].error.startswith("E083")
    for d, it in zip([got[0], *got[2:]], [items[0], *items[2:]]):
        assert d == nlp_rules(it["text"], doc_id=it["id"])


def test_a_script_without_a_main_guard_runs_in_one_process_and_says_why(tmp_path):
    """issue 18 §7: spawned workers re-run an unguarded script and died (E083, a long
    traceback); now the run falls back to this process with W082 naming the fix."""
    script = tmp_path / "noguard.py"
    script.write_text(
        "from policy_extract.batch import iter_extract\n"
        "docs = list(iter_extract([{'id': 'a', 'text': '增长5%。'}, {'id': 'b', 'text': '增长6%。'}],"
        " n_process=2, mode='rules'))\n"
        "print('got', len(docs), sum(len(d.quantities) for d in docs))\n", encoding="utf-8")
    r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "got 2 2" in r.stdout and "W082" in r.stderr and "E083" not in r.stderr
    guarded = tmp_path / "guarded.py"
    guarded.write_text("if __name__ == '__main__':\n" + "".join(
        "    " + ln + "\n" for ln in script.read_text(encoding="utf-8").splitlines()),
        encoding="utf-8")
    r = subprocess.run([sys.executable, str(guarded)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and "got 2 2" in r.stdout and "W082" not in r.stderr, r.stderr[-2000:]
