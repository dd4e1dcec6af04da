"""`policy-extract bench` runs on a tiny corpus and reports every figure (no timing asserted)."""

from __future__ import annotations

import json
import math

import pytest

from policy_extract import bench
from policy_extract.cli import main


def test_bench_json_prints_exactly_the_issue_keys(capsys):
    assert main(["bench", "--size-mb", "0.03", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert tuple(figures) == bench.JSON_KEYS
    for key, value in figures.items():
        assert isinstance(value, (int, float)) and math.isfinite(value) and value > 0, key


def test_bench_text_names_the_floor_and_the_combined_fallback(capsys, tmp_path, monkeypatch):
    # only a user folder: the seeds and ../shared are not needed
    monkeypatch.setattr(bench, "ROOT", tmp_path / "nowhere")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("全市规模以上工业增加值同比增长7%。\n", encoding="utf-8")
    assert main(["bench", "--size-mb", "0.002", "--no-scaling", "--corpus",
                 str(tmp_path / "c")]) == 0
    out = capsys.readouterr().out
    assert "jieba cut" in out and "ratio to jieba" in out and "scaling skipped" in out
    from policy_extract.pipeline import load

    if load("combined").mode != "combined":
        assert "ran as 'rules'" in out


def test_bench_without_any_corpus_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "ROOT", tmp_path / "nowhere")
    with pytest.raises(SystemExit, match="no .txt texts"):
        bench.run_bench(0.001)
