"""`policy-extract bench` runs on a tiny corpus and reports every figure (no timing asserted)."""

from __future__ import annotations

import json
import math

import pytest

from policy_extract import bench
from policy_extract.cli import main


def test_bench_json_prints_exactly_the_issue_keys(capsys):
    assert main(["bench", "--size-mb", "0.03", "--scaling-mb", "0.03", "--json"]) == 0
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


def test_pool_runs_alone_say_how_they_were_measured(capsys):
    # --no-inline: the memory run over a large corpus; the CPU-ratio figures are absent (null)
    assert main(["bench", "--no-inline", "--scaling-mb", "0.02", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert tuple(figures) == bench.JSON_KEYS
    assert figures["rules_ratio"] is None and figures["jieba_chars_per_s"] is None
    assert figures["scaling_2proc"] > 0 and figures["peak_rss_mb"] > 0
    assert main(["bench", "--no-inline", "--scaling-mb", "0.02"]) == 0
    out = capsys.readouterr().out
    for phrase in ("comparison skipped", "the same", "workers loaded before the clock",
                   "workers busy", "feeder", "scaling 1 -> 2 processes", "peak RSS per worker"):
        assert phrase in out, phrase


def test_both_pool_runs_see_the_same_documents_and_count_worker_cpu():
    texts = [("a", "全市规模以上工业增加值同比增长7%。" * 20), ("b", "建设湘江科学城，力争达到100家。")]
    sc = bench.measure_scaling(texts, 0.01, batch_size=4)
    r1, r2 = sc["runs"][1], sc["runs"][2]
    assert (r1["docs"], r1["chars"]) == (r2["docs"], r2["chars"]) and r1["docs"] > 8
    assert r1["workers"] == 1 and r2["workers"] in (1, 2)  # tiny runs may not reach both
    assert r1["worker_cpu_s"] > 0 and r2["worker_cpu_s"] > 0
    assert sc["scaling"] == r2["chars_per_s"] / r1["chars_per_s"]


def test_nothing_to_run_is_refused():
    with pytest.raises(SystemExit, match="nothing to run"):
        main(["bench", "--no-inline", "--no-scaling"])


def test_scaling_runs_get_a_minimum_of_work(monkeypatch):
    seen = {}
    monkeypatch.setattr(bench, "measure_inline", lambda texts, mb: None)
    monkeypatch.setattr(bench, "measure_scaling",
                        lambda texts, mb: seen.setdefault("mb", mb) and None)
    bench.run_bench(0.3, inline=False)
    assert seen["mb"] == bench.SCALING_MIN_MB
    seen.clear()
    bench.run_bench(0.3, inline=False, scaling_mb=0.05)
    assert seen["mb"] == 0.05


def test_profile_falls_back_to_cprofile_without_pyinstrument(monkeypatch):
    # pyinstrument is optional: without it the profile is cProfile's, not a traceback
    import sys

    monkeypatch.setitem(sys.modules, "pyinstrument", None)  # import fails as if not installed
    out = bench.profile_rules([("a", "全市规模以上工业增加值增长7%。"), ("b", "新开工项目300个。")],
                              0.0001)
    assert out.startswith("(cProfile: pyinstrument is not installed)")
    assert "_candidates" in out or "function calls" in out
