"""Peak RSS per worker is the worker's own, not the parent's that spawned it."""

from __future__ import annotations

import multiprocessing as mp
import sys

import pytest

from policy_extract.batch import _peak_rss_mb


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="VmHWM is Linux's")
def test_a_spawned_worker_does_not_report_its_parents_memory():
    ballast = bytearray(200 * 2**20)  # make this process's peak clearly bigger than a fresh one
    for i in range(0, len(ballast), 4096):
        ballast[i] = 1
    parent = _peak_rss_mb()
    with mp.get_context("spawn").Pool(1) as pool:
        child = pool.apply(_peak_rss_mb)
    assert parent >= 200
    assert 0 < child < parent - 150  # ru_maxrss would have said >= parent here
