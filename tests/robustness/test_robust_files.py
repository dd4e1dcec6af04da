"""Files that are not plain text, names that collide or cannot be printed, outputs that
cannot be written (issue 19 #7, #8, #10, #12, #13): each a coded one-line message and
rc 2, never a hang, a traceback or a silent overwrite; the other files still processed.

Commands that could hang run in a child process under a generous deadline (a guard,
not a timing).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from policy_extract.cli import main
from policy_extract.io import read_text_file
from robust_util import FullDisk

SENT = "全市规模以上工业增加值同比增长7%，新增企业30家。"
POSIX = os.name == "posix"


def extract(*args: str) -> int:
    return main(["extract", *args, "--mode", "rules"])


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    try:
        return subprocess.run([sys.executable, "-m", "policy_extract", *args],
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"policy-extract {' '.join(args)} hung (no answer in {timeout:.0f} s)")


# ------------------------------------------------------------------ #7 stem collisions


def test_two_inputs_with_one_stem_are_refused_before_anything_is_written(tmp_path, capsys):
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "x.txt").write_text(SENT, encoding="utf-8")
    out = tmp_path / "OUT"
    assert extract(str(tmp_path / "a/x.txt"), str(tmp_path / "b/x.txt"), "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert "E019" in err and "a/x.txt" in err and "b/x.txt" in err, err
    assert not (out / "x.json").exists()
    # the same file named twice is no collision
    same = str(tmp_path / "a/../a/x.txt")
    assert extract(str(tmp_path / "a/x.txt"), same, "--out", str(out)) == 0
    assert (out / "x.json").is_file()


# ------------------------------------------------------------------ #8 special files


@pytest.mark.skipif(not POSIX or not hasattr(os, "mkfifo"), reason="FIFOs and /dev/zero")
def test_fifo_device_and_oversized_files_are_refused_and_the_rest_processed(tmp_path):
    (tmp_path / "good1.txt").write_text(SENT, encoding="utf-8")
    (tmp_path / "good2.txt").write_text(SENT, encoding="utf-8")
    os.mkfifo(tmp_path / "fifo.txt")  # no writer: opening it for reading used to block forever
    (tmp_path / "zero.txt").symlink_to("/dev/zero")  # read to the end: MemoryError
    (tmp_path / "big.txt").write_bytes(SENT.encode("utf-8") * 40_000)  # ~2 MB
    out = tmp_path / "out"
    names = ["good1.txt", "fifo.txt", "zero.txt", "big.txt", "good2.txt"]
    r = run_cli("extract", *[str(tmp_path / n) for n in names], "--out", str(out),
                "--mode", "rules", "--max-mb", "1")
    assert r.returncode == 2, r.stderr
    err = r.stderr.splitlines()
    for name, code, what in (("fifo.txt", "E020", "named pipe"), ("zero.txt", "E020", "device"),
                             ("big.txt", "E021", "--max-mb")):
        assert any(code in ln and name in ln and what in ln for ln in err), (name, r.stderr)
    assert sorted(p.name for p in out.iterdir()) == ["good1.json", "good2.json"]
    assert "Traceback" not in r.stderr

    # batch over the folder: the special files are error records, the good ones done
    r = run_cli("batch", str(tmp_path), "--out", str(tmp_path / "o.jsonl"), "--mode", "rules",
                "--quiet", "--max-mb", "1")
    assert r.returncode == 3, r.stderr  # documents failed, the batch ran to its end
    got = {d["doc_id"]: d for d in map(json.loads, (tmp_path / "o.jsonl").open(encoding="utf-8"))}
    assert set(got) == {"good1", "good2", "fifo", "zero", "big"}
    assert got["good1"]["quantities"] and "error" not in got["good1"]
    assert got["fifo"]["error"].startswith("E020") and got["zero"]["error"].startswith("E020")
    assert got["big"]["error"].startswith("E021")


@pytest.mark.skipif(not POSIX, reason="symbolic links")
def test_a_symlink_loop_is_named_as_one(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    with pytest.raises(ValueError, match="E022 .*loop.txt: symbolic link loop"):
        read_text_file(loop)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(ValueError, match="E009"):
        read_text_file(tmp_path / "dangling.txt")


# ------------------------------------------------------------------ #10 encodings, PDF


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", ["全市规模以上工业增加值同比增长百分之七新增企业三十家",  # no NUL byte
                                  "GDP grew 7% in 2025.\n"])  # NUL bytes: was "binary"
def test_utf16_without_bom_is_named_not_decoded_as_gb18030(tmp_path, enc, text):
    p = tmp_path / "u16.txt"
    p.write_bytes(text.encode(enc))
    with pytest.raises(ValueError, match="E023 .*UTF-16 without BOM\\? re-encode"):
        read_text_file(p)


def test_gb18030_and_utf16_with_bom_are_still_read(tmp_path):
    (tmp_path / "gb.txt").write_bytes(SENT.encode("gb18030"))
    text, _, notes = read_text_file(tmp_path / "gb.txt")
    assert text == SENT and notes[0].startswith("W001")
    (tmp_path / "bom.txt").write_bytes(SENT.encode("utf-16"))
    assert read_text_file(tmp_path / "bom.txt")[0] == "\ufeff" + SENT


# written for the Big5 reading: Hong Kong and Taiwan releases and older traditional texts
BIG5 = "香港特別行政區政府統計處今日公布，本港第三季本地生產總值按年實質增長3.5%，失業率為2.9%。"


def test_big5_is_read_as_big5_not_as_gb18030_nonsense(tmp_path, nlp_rules):
    (tmp_path / "hk.txt").write_bytes(BIG5.encode("big5"))
    text, _, notes = read_text_file(tmp_path / "hk.txt")
    assert text == BIG5 and notes == [f"W006 {tmp_path / 'hk.txt'}: not UTF-8; decoded as Big5 "
                                      "(traditional characters)."]
    assert [(q.text, q.value) for q in nlp_rules(text).quantities] == [("3.5%", 3.5), ("2.9%", 2.9)]
    # negatives: GB18030, short or long, is still GB18030 (a few characters read in both)
    for gb in ("增长7%", SENT):
        (tmp_path / "gb.txt").write_bytes(gb.encode("gb18030"))
        text, _, notes = read_text_file(tmp_path / "gb.txt")
        assert text == gb and notes[0].startswith("W001")


def test_a_pdf_is_refused_by_its_magic(tmp_path, capsys):
    p = tmp_path / "report.txt"  # a plain-ASCII PDF under a .txt name
    p.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n")
    assert extract(str(p)) == 2
    err = capsys.readouterr().err
    assert "E024" in err and "PDF" in err and err.count("\n") == 1


# ------------------------------------------------------------------ #12 outputs, JSON in


def test_out_onto_an_existing_file_is_one_coded_line(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(SENT, encoding="utf-8")
    (tmp_path / "taken").write_text("not a folder", encoding="utf-8")
    assert extract(str(tmp_path / "a.txt"), "--out", str(tmp_path / "taken")) == 2
    err = capsys.readouterr().err
    assert err.startswith("policy-extract: E027") and err.count("\n") == 1, err


def test_unwritable_output_folder_is_one_coded_line(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(SENT, encoding="utf-8")
    if POSIX and os.geteuid() != 0:
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o555)
        target = ro / "out"
    else:  # root writes anywhere; a path below a file cannot be created by anyone
        (tmp_path / "file").write_text("x", encoding="utf-8")
        target = tmp_path / "file" / "out"
    assert extract(str(tmp_path / "a.txt"), "--out", str(target)) == 2
    err = capsys.readouterr().err
    assert err.startswith("policy-extract: E026") and err.count("\n") == 1, err


def test_disk_full_leaves_no_half_file_and_says_so_once(tmp_path, monkeypatch, capsys):
    """ENOSPC while writing OUT/b.json: rc 2, one line E026; a.json (written before) is
    kept whole and no partial b.json is left."""
    import builtins
    import io

    for n in ("a", "b", "c"):
        (tmp_path / f"{n}.txt").write_text(SENT, encoding="utf-8")
    out = tmp_path / "out"
    real_open = builtins.open

    def fake_open(file, mode="r", *a, **kw):
        fh = real_open(file, mode, *a, **kw)
        full = (isinstance(file, (str, os.PathLike)) and Path(file).parent == out
                and "b." in Path(file).name and "w" in mode)
        return FullDisk(fh, 10) if full else fh  # part of it reaches the disk, then it is full

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(io, "open", fake_open)
    rc = extract(*(str(tmp_path / f"{n}.txt") for n in "abc"), "--out", str(out))
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert rc == 2 and err.startswith("policy-extract: E026") and err.count("\n") == 1, err
    assert "No space left on device" in err
    assert sorted(p.name for p in out.iterdir()) == ["a.json"]
    json.loads((out / "a.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("change,why", [
    (lambda d: d["entities"].append({"start": 0, "end": 2, "text": "全市", "label": "CITY"}),
     "'CITY' is not a valid EntityLabel"),
    (lambda d: d["quantities"][0].update(start="x"), "invalid literal for int()"),
    (lambda d: d["quantities"][0].pop("end"), "missing key 'end'"),
])
def test_render_json_that_is_no_document_is_one_coded_line(tmp_path, capsys, change, why):
    raw = tmp_path / "a.txt"
    raw.write_text(SENT, encoding="utf-8")
    assert extract(str(raw), "--out", str(tmp_path)) == 0
    d = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    change(d)
    (tmp_path / "bad.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    rc = main(["render", str(raw), "--json", str(tmp_path / "bad.json"),
               "--out", str(tmp_path / "r.html")])
    err = capsys.readouterr().err
    assert rc == 2 and "E028" in err and why in err and err.count("\n") == 1, err


# ------------------------------------------------------------------ #13 names, sizes


@pytest.mark.skipif(not POSIX, reason="a newline in a file name")
def test_control_characters_in_file_names_are_printed_escaped(tmp_path, capsys):
    name = "evil\n\x1b[2J\x1b[31mname.txt"
    (tmp_path / name).write_bytes(b"\x00\x01binary")
    assert extract(str(tmp_path / name)) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and err.count("\n") == 1, repr(err)
    assert "evil\\n\\x1b[2J\\x1b[31mname.txt" in err and "E011" in err


@pytest.mark.parametrize("size", ["-1", "0", "nan", "inf", "ten"])
def test_bench_refuses_a_size_that_is_not_positive(size, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["bench", "--size-mb", size, "--no-scaling", "--no-inline"])
    assert exc.value.code == 2
    assert "E029" in capsys.readouterr().err
