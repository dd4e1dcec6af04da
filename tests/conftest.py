"""Shared fixtures: seeds, gold, pipelines; ``../shared`` tests skip cleanly when it is absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "corpora" / "gold"
DEV_GOLD = ROOT / "corpora" / "dev_gold"
SHARED = ROOT.parent / "shared"
PAGES = SHARED / "corpora" / "pages"
SEED_IDS = ["000_d383a0f51c78c5f8", "004_1a7ddccc0057efbb"]
SEED_DATES = {"000_d383a0f51c78c5f8": "2026-02-24", "004_1a7ddccc0057efbb": "2025-12-01"}


def read_raw(path: Path) -> str:
    with open(path, encoding="utf-8") as fh:
        return fh.read()


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {sid: read_raw(SEEDS / f"{sid}.txt") for sid in SEED_IDS}


@pytest.fixture(scope="session")
def seed_gold() -> dict[str, dict]:
    return {sid: json.loads((GOLD / f"{sid}.json").read_text(encoding="utf-8")) for sid in SEED_IDS}


@pytest.fixture(scope="session")
def nlp_rules():
    import policy_extract

    return policy_extract.load("rules")


@pytest.fixture(scope="session")
def shared_pages() -> Path:
    if not PAGES.is_dir():
        pytest.skip("../shared/corpora/pages is not present")
    return PAGES


# Whole files that are end-to-end runs (processes, notebooks, every gold set, megabyte inputs):
# `pytest -m "not slow"` is the quick loop while editing; CI runs everything.
SLOW_FILES = {
    "test_gold_floors.py",  # the pipeline on every gold set, three modes
    "test_notebooks.py", "test_track_notebook.py",  # Jupyter kernels
    "test_distributed.py",  # Spark local mode
    "test_bench.py", "test_batch_rss.py",  # process pools and timing runs
    "test_robust_time.py", "test_robust_model_stage.py", "test_robust_batch_faults.py",
    "test_robust_files.py", "test_robust_isolation.py", "test_robust_corpus.py",
    "test_robust_cli.py", "test_robust_properties.py",  # subprocesses, fuzzing, 10 MB inputs
    "test_work_reports.py", "test_track_cli.py",  # whole government work reports
}
SLOW_TESTS = {  # single slow tests in otherwise quick files
    "test_sigkill_midway_then_rerun_loses_and_duplicates_nothing",
    "test_a_document_that_kills_its_worker_is_recorded_and_the_rest_survive",
    "test_iter_extract_two_processes_equals_extract_in_order",
    "test_shipped_model_was_trained_on_the_current_data",
    "test_a_script_without_a_main_guard_runs_in_one_process_and_says_why",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.name in SLOW_FILES or getattr(item, "originalname", None) in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)
