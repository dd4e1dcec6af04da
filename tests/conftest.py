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
