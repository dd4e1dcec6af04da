"""Batch faults (issue 19): nothing a corpus or the machine does may stop a batch, lose a
document, leave workers behind or let two runs write one output.

Processes are watched with generous deadlines against hangs, never timed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from policy_extract.batch import errors_path

from robust_util import FullDisk
from policy_extract.cli import main

SENT = "全市规模以上工业增加值同比增长7%。"
LINUX = sys.platform.startswith("linux")


def lines(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(ln) for ln in fh]


def batch(inp: Path, out: Path, *extra: str) -> int:
    return main(["batch", str(inp), "--out", str(out), "--mode", "rules", "--quiet", *extra])


# ------------------------------------------------------------------ #1 lone surrogates


def test_a_lone_surrogate_fails_its_document_not_the_batch(tmp_path, capsys):
    """`\\udfff` in a text (it lands in a figure) or an id: that document's line cannot be
    UTF-8, so it becomes its error record (E085); the rest of its chunk is written."""
    inp, out = tmp_path / "s.jsonl", tmp_path / "o.jsonl"
    inp.write_text('{"id":"ok","text":"增长5%。"}\n'
                   '{"id":"y","text":"增长\\udfff6%。"}\n'
                   '{"id":"z\\ud800","text":"增长7%。"}\n'
                   '{"id":"after","text":"增长8%。"}\n', encoding="utf-8")
    assert batch(inp, out) == 3  # some documents failed
    got = lines(out)
    assert [d["doc_id"] for d in got] == ["ok", "y", "z\ud800", "after"]
    assert [q["text"] for q in got[0]["quantities"]] == ["5%"] and "error" not in got[0]
    assert [q["text"] for q in got[3]["quantities"]] == ["8%"] and "error" not in got[3]
    assert got[1]["error"].startswith("E085") and "U+DFFF" in got[1]["error"]
    assert got[2]["error"].startswith("E085") and "U+D800" in got[2]["error"]
    assert [e["doc_id"] for e in lines(errors_path(out))] == ["y", "z\ud800"]
    before = out.read_bytes()
    assert batch(inp, out) == 0  # the rerun finds every document done
    assert out.read_bytes() == before
    assert "Traceback" not in capsys.readouterr().err


# ------------------------------------------------------------------ #2 generated names


def test_a_generated_name_never_takes_a_real_id(tmp_path):
    """`a`, `a`, `a#2`: the repeat must not be named `a#2` (the real `a#2` would then be
    dropped as a duplicate line on resume); an id-less record's name (`in.jsonl:4`) must
    not take an id given further down either."""
    inp, out = tmp_path / "in.jsonl", tmp_path / "o.jsonl"
    rows = [{"id": "a", "text": "增长5%。"}, {"id": "a", "text": "增长6%。"},
            {"id": "a#2", "text": "增长7%。"}, {"text": "增长8%。"},
            {"id": "in.jsonl:4", "text": "增长9%。"}]
    inp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                   encoding="utf-8")
    assert batch(inp, out) == 3
    got = lines(out)
    ids = [d["doc_id"] for d in got]
    assert len(set(ids)) == len(ids) == 5, ids
    by_id = {d["doc_id"]: d for d in got}
    assert [q["text"] for q in by_id["a#2"]["quantities"]] == ["7%"]  # the real a#2
    assert [q["text"] for q in by_id["in.jsonl:4"]["quantities"]] == ["9%"]
    assert sum("E082" in (d.get("error") or "") for d in got) == 1  # only the repeat of a
    full = out.read_bytes()
    # resume: a run cut after two lines redoes exactly the rest, each document once
    out.write_bytes(b"".join(full.splitlines(keepends=True)[:2]))
    batch(inp, out)
    assert out.read_bytes() == full
    assert batch(inp, out) == 0 and out.read_bytes() == full


# ------------------------------------------------------------------ #12 full disk, bad --out


def test_disk_full_is_one_coded_line_and_the_rerun_completes(tmp_path, monkeypatch, capsys):
    """ENOSPC in the middle of a line: rc 2, one line E026, no traceback; what was written
    stays, and a rerun (disk freed) gives the same file as an undisturbed run."""
    import builtins

    inp, out, clean = tmp_path / "in.jsonl", tmp_path / "o.jsonl", tmp_path / "clean.jsonl"
    inp.write_text("".join(json.dumps({"id": f"d{i}", "text": SENT}, ensure_ascii=False) + "\n"
                           for i in range(5)), encoding="utf-8")
    assert batch(inp, clean, "--batch-size", "2") == 0
    real_open = builtins.open

    def fake_open(file, mode="r", *a, **kw):
        fh = real_open(file, mode, *a, **kw)
        room = len(clean.read_bytes().splitlines(keepends=True)[0]) * 3 + 10
        return FullDisk(fh, room) if str(file) == str(out) and "a" in mode else fh

    monkeypatch.setattr(builtins, "open", fake_open)
    capsys.readouterr()
    assert batch(inp, out, "--batch-size", "2") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("policy-extract: E026"), err
    assert "No space left on device" in err[0]
    monkeypatch.undo()
    assert 0 < out.stat().st_size < clean.stat().st_size  # part written, a line cut short
    assert batch(inp, out, "--batch-size", "2") == 0
    assert out.read_bytes() == clean.read_bytes()


def test_out_must_be_a_regular_file(tmp_path, capsys):
    inp = tmp_path / "in.jsonl"
    inp.write_text(json.dumps({"id": "a", "text": SENT}) + "\n", encoding="utf-8")
    (tmp_path / "dir").mkdir()
    (tmp_path / "link.jsonl").symlink_to(tmp_path / "real.jsonl")
    for target, kind in (("dir", "a folder"), ("link.jsonl", "a symbolic link")):
        assert batch(inp, tmp_path / target) == 2
        err = capsys.readouterr().err
        assert "E087" in err and kind in err and "Traceback" not in err
    if os.path.exists("/dev/full"):
        assert batch(inp, Path("/dev/full")) == 2
        assert "E087" in capsys.readouterr().err


def test_unwritable_output_folder_is_one_coded_line(tmp_path, capsys):
    inp = tmp_path / "in.jsonl"
    inp.write_text(json.dumps({"id": "a", "text": SENT}) + "\n", encoding="utf-8")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert batch(inp, tmp_path / "file" / "o.jsonl") == 2  # a file where a folder should be
    err = capsys.readouterr().err
    assert err.startswith("policy-extract: E026") and err.count("\n") == 1, err


# ------------------------------------------------------------------ processes: #11, #13

needs_proc = pytest.mark.skipif(not LINUX, reason="reads /proc for child processes")


def _children(pid: int) -> set[int]:
    kids: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids |= {int(x) for x in (task / "children").read_text().split()}
        except OSError:
            pass
    return kids


def _alive(pid: int) -> bool:
    try:
        state = next(ln for ln in Path(f"/proc/{pid}/status").read_text().splitlines()
                     if ln.startswith("State:"))
    except (OSError, StopIteration):
        return False
    return " Z " not in f"{state} "  # a zombie has exited


def _wait(cond, seconds: float) -> bool:
    """Poll ``cond`` until it holds or ``seconds`` pass (a deadline against hangs, not a timing)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.2)
    return cond()


@pytest.fixture()
def long_batch(tmp_path, seed_texts):
    """A batch subprocess with 2 workers busy on many documents; killed at the end."""
    inp, out = tmp_path / "big.jsonl", tmp_path / "o.jsonl"
    text = next(iter(seed_texts.values()))[:2000]
    with open(inp, "w", encoding="utf-8") as fh:
        for i in range(400):
            fh.write(json.dumps({"id": f"d{i}", "text": text}, ensure_ascii=False) + "\n")
    proc = subprocess.Popen([sys.executable, "-m", "policy_extract", "batch", str(inp), "--out",
                             str(out), "--mode", "rules", "--quiet", "--num-proc", "2",
                             "--batch-size", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    started = _wait(lambda: proc.poll() is not None or (out.exists() and out.stat().st_size),
                    300)
    try:
        assert started and proc.poll() is None, "the batch did not start writing"
        yield proc, inp, out
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()


@needs_proc
def test_workers_exit_when_the_batch_is_killed(long_batch):
    proc, _, _ = long_batch
    kids = _children(proc.pid)
    assert len(kids) >= 2, kids  # two workers (and the resource tracker)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _wait(lambda: not any(map(_alive, kids)), 60), \
        f"orphaned after kill -9 of the batch: {[k for k in kids if _alive(k)]}"


@needs_proc
def test_a_second_writer_on_one_output_is_refused(long_batch, capsys):
    proc, inp, out = long_batch
    assert batch(inp, out) == 2
    err = capsys.readouterr().err
    assert "E086" in err and str(proc.pid) in err, err
    kids = _children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)  # the kernel drops the lock with its holder
    proc.wait()
    assert _wait(lambda: not any(map(_alive, kids)), 60)  # its workers leave too
    assert batch(inp, out) == 0
    ids = [d["doc_id"] for d in lines(out)]
    assert ids == [f"d{i}" for i in range(400)]  # each document exactly once


# ------------------------------------------------------------------ every bad record at once

def _mixed_corpus(path: Path, n_good: int = 2000) -> set[str]:
    """Every bad record of issue 19 among ``n_good`` good ones; the good ids."""
    bad = [
        '{"id": "surrogate", "text": "增长\\udfff6%。"}',           # a lone surrogate in the text
        '{"id": "sur\\udfffid", "text": "增长6%。"}',               # ... and in the id
        '{"id": "dup", "text": "增长1%。"}', '{"id": "dup", "text": "增长2%。"}',
        '{"id": "dup#2", "text": "增长3%。"}',                      # a real id equal to a generated one
        '{"id": "notext", "text": null}', '{"id": "numtext", "text": 5}',
        '[1, 2]', '{"id": "broken", "text": "增长', '',             # not an object, not JSON, empty
        '{"id": "inf", "text": "增长Infinity%，1e999亿元。"}',
        '{"id": "enum", "text": "' + "、".join(f"{i}%" for i in range(3000)) + '"}',
        '{"id": "longline", "text": "' + "规模以上工业增加值增长" * 3000 + '"}',
        '{"id": "baddate", "text": "增长5%。", "date": "2023-13-45"}',
    ]
    rows, good = [], set()
    for i in range(n_good):
        rid = f"g{i:05d}"
        good.add(rid)
        rows.append(json.dumps({"id": rid, "text": f"第{i}条：{SENT}"}, ensure_ascii=False))
        if i % 150 == 0 and bad:
            rows.append(bad.pop(0))
    rows.extend(bad)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8", errors="surrogatepass")
    return good


@pytest.mark.skipif(not LINUX, reason="kills a process group")
def test_every_bad_record_among_2000_good_ones_then_kill_and_rerun_gives_the_same_file(tmp_path):
    """issue 19, done-when: the batch completes with each good document exactly once and each bad
    one in OUT.errors.jsonl; a second run killed with SIGKILL at some moment, then rerun, gives
    the same file byte for byte."""
    inp = tmp_path / "mixed.jsonl"
    good = _mixed_corpus(inp)
    cmd = [sys.executable, "-m", "policy_extract", "batch", str(inp), "--mode", "rules",
           "--batch-size", "16", "--quiet", "--num-proc", "2"]
    ref = tmp_path / "ref.jsonl"
    r = subprocess.run(cmd + ["--out", str(ref)], capture_output=True, text=True, timeout=900)
    assert r.returncode == 3, r.stderr[-2000:]  # exit 3: some documents failed, all written
    got = lines(ref)
    ids = [d["doc_id"] for d in got]
    assert len(ids) == len(set(ids)), "a document written twice"
    assert good <= {d["doc_id"] for d in got if "error" not in d}, "a good document lost"
    failed = {d["doc_id"] for d in got if "error" in d}
    assert failed and failed == {d["doc_id"] for d in lines(errors_path(ref))}
    # the same run, killed once it has written something, then rerun to completion
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(cmd + ["--out", str(out)], start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if out.exists() and out.stat().st_size > 200_000:
                break
            time.sleep(0.01)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    r = subprocess.run(cmd + ["--out", str(out)], capture_output=True, text=True, timeout=900)
    assert r.returncode == 3, r.stderr[-2000:]
    assert out.read_bytes() == ref.read_bytes()
