"""Shared checks for the robustness tests: what every extraction result must satisfy."""

from __future__ import annotations

import json


def assert_sound(doc, raw: str) -> str:
    """Every span maps back, nothing was dropped, JSON is strict; returns the JSON."""
    assert doc.text == raw
    assert doc.check_offsets() == []
    for it in (*doc.quantities, *doc.entities, *doc.nodes):
        assert 0 <= it.start < it.end <= len(raw), it
    dropped = [w for w in doc.warnings if w.startswith("E100")]
    assert not dropped, dropped  # export dropped a span that did not map back: a stage bug
    # strict JSON: no NaN/inf values, every key a string; lone surrogates only escaped
    return json.dumps(doc.to_dict(explain=True), ensure_ascii=True, allow_nan=False,
                      sort_keys=True)
