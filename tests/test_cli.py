"""The command line: extract writes valid files, bad inputs are reported per file with exit 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from policy_extract.cli import main

from conftest import SEED_DATES, SEED_IDS, SEEDS, SHARED

VALIDATE = SHARED / "annotation" / "validate.py"


def run_cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "policy_extract", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=300)


def test_extract_seeds_to_dir_validates(tmp_path):
    files = [str(SEEDS / f"{sid}.txt") for sid in SEED_IDS]
    assert main(["extract", *files, "--out", str(tmp_path), "--mode", "rules"]) == 0
    for sid in SEED_IDS:
        out = tmp_path / f"{sid}.json"
        d = json.loads(out.read_text(encoding="utf-8"))
        assert set(d) >= {"doc_id", "source", "text_sha256", "quantities", "entities", "nodes"}
        assert d["doc_id"] == sid and d["source"] == f"{sid}.txt"
        if VALIDATE.is_file():
            r = subprocess.run([sys.executable, str(VALIDATE), str(out), str(SEEDS / f"{sid}.txt")],
                               capture_output=True, text=True)
            assert r.returncode == 0, r.stdout


def test_single_file_json_on_stdout(capsys):
    sid = SEED_IDS[0]
    assert main(["extract", str(SEEDS / f"{sid}.txt"), "--date", SEED_DATES[sid],
                 "--mode", "rules"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["doc_id"] == sid and d["date"] == SEED_DATES[sid]


def test_bad_files_reported_and_others_processed(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("全市规模以上工业增加值同比增长7%。", encoding="utf-8")
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("新增规模以上工业企业300家。".encode("gb18030"))
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02abc")
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out"
    rc = main(["extract", str(missing), str(good), str(binary), str(gbk), str(tmp_path),
               "--out", str(out), "--mode", "rules"])
    err = capsys.readouterr().err
    assert rc == 2
    assert "missing.txt: no such file" in err
    assert "blob.txt: binary content" in err
    assert "gbk.txt: not UTF-8; decoded as GB18030" in err
    assert "is a directory" in err
    assert sorted(p.name for p in out.iterdir()) == ["gbk.json", "good.json"]
    d = json.loads((out / "gbk.json").read_text(encoding="utf-8"))
    import hashlib
    assert d["text_sha256"] == hashlib.sha256(gbk.read_bytes()).hexdigest()


def test_bad_date_is_exit_2(capsys):
    assert main(["extract", str(SEEDS / f"{SEED_IDS[0]}.txt"), "--date", "2026-13-01"]) == 2
    assert "E015" in capsys.readouterr().err


def test_evaluate_prints_the_table():
    r = run_cli("evaluate", "--gold", "corpora/gold", "--mode", "rules",
                cwd=str(SEEDS.parent))
    assert r.returncode == 0, r.stderr
    for head in ("QUANTITIES", "field accuracy", "ENTITIES", "strict by label", "NODES",
                 "parent accuracy"):
        assert head in r.stdout


def test_evaluate_min_gate_names_the_figure(tmp_path):
    r = run_cli("evaluate", "--gold", "corpora/gold", "--mode", "rules", "--min",
                "quantities.f1=1.01", cwd=str(SEEDS.parent))
    assert r.returncode == 1
    assert "quantities.f1" in r.stderr and "fell below the floor 1.0100" in r.stderr


def test_evaluate_with_pred_dir(tmp_path):
    files = [str(SEEDS / f"{sid}.txt") for sid in SEED_IDS]
    assert main(["extract", *files, "--out", str(tmp_path), "--mode", "rules"]) == 0
    r = run_cli("evaluate", "--gold", "corpora/gold", "--pred", str(tmp_path), "--json",
                cwd=str(SEEDS.parent))
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["n_docs"] == 2 and "figures" in d and "errors" in d


def test_python_api_basics():
    import policy_extract

    nlp = policy_extract.load("rules")
    assert policy_extract.load("rules") is nlp  # reusable, cached
    with pytest.raises(TypeError, match="E001"):
        nlp(b"bytes")
    for empty in ("", "   \n\n  "):
        doc = nlp(empty)
        assert doc.quantities == () and doc.entities == () and doc.nodes == ()
    with pytest.raises(ValueError, match="E015"):
        nlp("文本", date="24/02/2026")


def _readme_terminal_examples():
    """(command, shown lines) of each README block introduced by a `policy-extract extract` line."""
    import re

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^`(policy-extract extract [^`]+)` \([^)]*\)[^\n]*(?:\n[^\n`]+)*\n\n```\n"
                      r"(.*?)```", readme, re.M | re.S)


def test_readme_table_and_tree_examples_come_from_their_commands(capsys, monkeypatch):
    """Each line the README shows is printed by the command it gives, in that order."""
    import shlex

    from conftest import ROOT

    examples = _readme_terminal_examples()
    assert {"--table", "--tree"} <= {a for cmd, _ in examples for a in cmd.split()}
    monkeypatch.chdir(ROOT)
    for cmd, shown in examples:
        assert main(shlex.split(cmd)[1:]) == 0, cmd
        out = iter(" ".join(ln.split()) for ln in capsys.readouterr().out.splitlines())
        for line in shown.strip("\n").splitlines():
            want = " ".join(line.split())  # the layout is tested in test_render_text.py
            assert any(got == want for got in out), f"{cmd}: not printed (in this order): {line}"


def test_node_id_is_null_when_the_document_has_no_nodes(nlp_rules):
    doc = nlp_rules("全市规模以上工业增加值同比增长7%。")
    assert not doc.nodes and doc.quantities
    d = doc.to_dict()
    assert all("node_id" in q and q["node_id"] is None for q in d["quantities"])
    assert all("node_id" in e for e in d["entities"])
    from policy_extract.schema import Entity, EntityLabel

    assert Entity(0, 2, "全市", EntityLabel.PARK).to_dict()["node_id"] is None


def test_load_with_a_mistyped_mode_names_the_modes(tmp_path):
    import policy_extract
    from policy_extract.errors import ModelError

    with pytest.raises(ModelError, match="E013 unknown model 'rule': use 'rules', 'model', "
                                         "'combined'"):
        policy_extract.load("rule")
    with pytest.raises(ModelError, match="E014"):  # a path is still a model directory
        policy_extract.load(str(tmp_path / "no-model"))


def test_the_default_mode_is_the_rules_and_a_named_model_means_combined(tmp_path):
    """Issue 17's negative outcome: no learned stage beat the rules by its margin on every
    sealed set, so a call that names no mode gets the rules; one that names a trained model
    (a path, the entity model) gets ``combined``; ``rules`` with a model is a contradiction."""
    import policy_extract
    from policy_extract.errors import ModelError
    from policy_extract.pipeline import DEFAULT_MODE, resolve_mode

    assert DEFAULT_MODE == "rules" and policy_extract.load().mode == "rules"
    assert resolve_mode(None) == "rules"
    assert resolve_mode(None, model_path=tmp_path) == "combined"
    assert resolve_mode(None, entity_model=True) == "combined"
    assert resolve_mode("model") == "model" and resolve_mode("combined") == "combined"
    with pytest.raises(ModelError, match="E031 model_path names a trained model"):
        resolve_mode("rules", model_path=tmp_path)
    with pytest.raises(ModelError, match="E031 entity_model"):
        policy_extract.load("rules", entity_model=True)
    with pytest.raises(ModelError, match="E014"):  # a path given alone is read as combined
        policy_extract.load(model_path=tmp_path / "no-model")


def test_extract_file_warns_on_the_document_like_the_cli(tmp_path):
    import policy_extract

    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("新增规模以上工业企业300家。".encode("gb18030"))
    doc = policy_extract.extract_file(gbk, nlp=policy_extract.load("rules"))
    assert doc.warnings[0] == f"W001 {gbk}: not UTF-8; decoded as GB18030."
    assert doc.to_dict()["warnings"][0].startswith("W001")
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text("新增规模以上工业企业300家。", encoding="utf-8")
    assert not policy_extract.extract_file(utf8, nlp=policy_extract.load("rules")).warnings


def test_evaluate_help_says_where_dates_come_from(capsys):
    with pytest.raises(SystemExit):
        main(["evaluate", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "metadata.json" in out and '"date": "YYYY-MM-DD"' in out


def test_train_status_reports_writes_the_report_model(tmp_path):
    # written for `train-status --reports`: a report's figure gold and its text in a JSONL make
    # a model named status_report_lr; a missing text file is a clear error (the negative)
    text = "政府工作报告\n各位代表：\n去年全国粮食产量6.5亿吨，新增就业1200万人。今年要确保新增就业1100万人以上。\n"
    i, j, k = text.index("6.5亿吨"), text.index("1200万人"), text.index("1100万人")
    q = lambda s, t, v, st, per: {"start": s, "end": s + len(t), "text": t, "value": v,  # noqa: E731
                                   "unit": t[-1], "bound": "eq", "measure": "level", "status": st,
                                   "indicator": None, "period": per}
    gold = {"doc_id": "gwr2099", "quantities": [q(i, "6.5亿吨", 6.5e8, "achieved", "2098"),
                                                 q(j, "1200万人", 1.2e7, "achieved", "2098"),
                                                 q(k, "1100万人", 1.1e7, "target", "2099")],
            "entities": [], "nodes": []}
    gd = tmp_path / "report_figures"
    gd.mkdir()
    (gd / "gwr2099.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    texts = tmp_path / "reports.jsonl"
    texts.write_text(json.dumps({"id": "gwr2099", "year": 2099, "title": "政府工作报告",
                                 "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "status_report"
    assert main(["train-status", "--reports", "--gold", str(gd), "--raw", str(texts),
                 "--out", str(out), "--threshold", "0.9"]) == 0
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["name"] == "status_report_lr" and meta["examples"] >= 2
    assert main(["train-status", "--reports", "--gold", str(gd), "--raw",
                 str(tmp_path / "missing.jsonl"), "--out", str(out)]) == 2
