"""Seeds and gold are copies of ../shared, byte for byte."""

from __future__ import annotations

import hashlib
import json

import pytest

from conftest import GOLD, SEED_IDS, SEEDS, SHARED

SEED_SHA256 = {
    "000_d383a0f51c78c5f8": "e917a032ba7ccf587ca246cccfe93e6715b0482be224a5b6c4d563155d4b71a1",
    "004_1a7ddccc0057efbb": "6ac7ac0e402614396d57fd6736e979ab44c165e1d85cfb2627148413e92f9a0f",
}


@pytest.mark.parametrize("sid", SEED_IDS)
def test_seed_bytes(sid):
    data = (SEEDS / f"{sid}.txt").read_bytes()
    assert hashlib.sha256(data).hexdigest() == SEED_SHA256[sid]
    gold = json.loads((GOLD / f"{sid}.json").read_text(encoding="utf-8"))
    assert gold["text_sha256"] == SEED_SHA256[sid]


@pytest.mark.parametrize("sid", SEED_IDS)
def test_copies_equal_shared(sid):
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared absent")
    assert (SEEDS / f"{sid}.txt").read_bytes() == (SHARED / "seeds" / f"{sid}.txt").read_bytes()
    assert (GOLD / f"{sid}.json").read_bytes() == (SHARED / "gold" / f"{sid}.json").read_bytes()
