"""CLI and file input: one clear message per bad file, exit 2, the other files still processed.

Files come from ``make_corpus.file_cases()``: empty, binary, GB18030/GBK, BOM, CRLF,
UTF-16, undecodable, HTML pages (UTF-8 and GBK, also one named ``.txt``).
"""

from __future__ import annotations

import hashlib
import json

import pytest

import make_corpus
from policy_extract.cli import main
from policy_extract.io import read_text_file
from robust_util import assert_sound


@pytest.fixture()
def corpus(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for name, data in make_corpus.file_cases().items():
        (d / name).write_bytes(data)
    return d


def test_every_nasty_file_gets_its_message_and_the_rest_are_processed(corpus, tmp_path, capsys):
    out = tmp_path / "out"
    names = sorted(make_corpus.file_cases())
    args = [str(corpus / n) for n in names] + [str(corpus / "missing.txt"), str(corpus)]
    rc = main(["extract", *args, "--out", str(out), "--mode", "rules"])
    err = capsys.readouterr().err
    assert rc == 2
    expect = {
        "missing.txt": "E009", "in": "E010", "binary.bin": "E011", "undecodable.txt": "E012",
        "gb18030.txt": "W001", "gbk.txt": "W001", "bom.txt": "W002", "utf16.txt": "W005",
        "page.html": "E016", "page_gbk.htm": "E016", "html_named_txt.txt": "E016",
    }
    lines = err.splitlines()
    for name, code in expect.items():
        assert any(code in ln and name in ln for ln in lines), (name, code, err)
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(["bom.json", "crlf.json", "empty.json", "gb18030.json", "gbk.json",
                              "good.json", "html_named_txt.json", "page.json", "page_gbk.json",
                              "utf16.json"])
    for name in written:
        json.loads((out / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["gb18030.txt", "gbk.txt", "bom.txt", "crlf.txt", "utf16.txt",
                                  "page.html", "page_gbk.htm", "empty.txt"])
def test_decoded_files_extract_soundly_and_hash_the_bytes(corpus, nlp_rules, name):
    text, sha, _ = read_text_file(corpus / name)
    assert sha == hashlib.sha256((corpus / name).read_bytes()).hexdigest()
    doc = nlp_rules(text, sha256=sha)
    assert_sound(doc, text)
    if name not in ("empty.txt",):
        assert doc.quantities, name  # the carrier sentence's figures survive decoding


def test_html_page_spans_index_the_raw_file(corpus, nlp_rules):
    """Tags are deletions of the view: figures are found between tags, offsets are the file's."""
    raw, _, notes = read_text_file(corpus / "page.html")
    assert any("E016" in n for n in notes)
    doc = nlp_rules(raw)
    assert_sound(doc, raw)
    texts = [q.text for q in doc.quantities]
    assert "8%" in texts and "300家" in texts
    assert "100%" not in texts and "99%" not in texts  # inside <script> and <!-- -->
    for q in doc.quantities:
        assert "<" not in q.text and ">" not in q.text
    assert all(">" not in e.text.rstrip(">") for e in doc.entities) or doc.entities == ()


def test_html_debris_in_plain_text_is_stripped_but_angle_brackets_are_not(nlp_rules):
    from policy_extract.text.normalize import normalize

    n = normalize("增长5%<br>新增300家</p>")
    assert "<" not in n.text and "新增300家" in n.text
    plain = "x<5且y>3，a<b>c"
    assert normalize(plain).text == plain.replace(",", "，")


def test_no_html_refuses_pages_clearly(corpus, capsys):
    rc = main(["extract", str(corpus / "page.html"), str(corpus / "good.txt"), "--no-html",
               "--mode", "rules"])
    cap = capsys.readouterr()
    assert rc == 2
    assert "E017" in cap.err and "page.html" in cap.err
    assert json.loads(cap.out)["source"] == "good.txt"


def test_empty_and_whitespace_files_give_empty_documents(tmp_path, capsys):
    for name, data in (("e.txt", b""), ("w.txt", b" \r\n\t\r\n")):
        (tmp_path / name).write_bytes(data)
    out = tmp_path / "out"
    assert main(["extract", str(tmp_path / "e.txt"), str(tmp_path / "w.txt"), "--out", str(out),
                 "--mode", "rules"]) == 0
    for stem in ("e", "w"):
        d = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
        assert d["quantities"] == [] and d["entities"] == [] and d["nodes"] == []
