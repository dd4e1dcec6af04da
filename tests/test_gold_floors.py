"""The CI gate: the pipeline on every gold set, each figure above its floor in gold_floors.json.

One evaluation per (set, mode), shared by the parametrised checks, so a fall names
exactly the figure, the set and the mode.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from policy_extract.corpus import iter_gold
from policy_extract.evaluate import check_floors, score_corpus

ROOT = Path(__file__).resolve().parent.parent
FLOORS = json.loads((Path(__file__).with_name("gold_floors.json")).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _report(set_name: str, mode: str):
    import policy_extract

    spec = FLOORS["sets"][set_name]
    raw = [str(ROOT / spec["raw"])] if spec["raw"] else None
    if spec["raw"] and not (ROOT / spec["raw"]).is_dir():
        pytest.skip(f"{spec['raw']} is not present")
    nlp = policy_extract.load(mode)
    if mode == "model":  # the entity model's figures come from models that never saw the text
        from policy_extract.model.folds import FoldRouter

        nlp = FoldRouter(mode)
    pairs = []
    for it in iter_gold(ROOT / spec["gold"], raw):
        pred = nlp(it.gold.text, doc_id=it.gold.doc_id, date=it.date, source=it.raw_path.name,
                   title=it.title)  # as `policy-extract evaluate` does
        pairs.append((it.gold, pred))
    return score_corpus(pairs)


CASES = [(s, key.partition("@")[2] or "combined", key.partition("@")[0], floor)
         for s, spec in FLOORS["sets"].items() for key, floor in spec["floors"].items()]


@pytest.mark.parametrize("set_name,mode,figure,floor", CASES,
                         ids=[f"{s}-{m}-{f}" for s, m, f, _ in CASES])
def test_figure_holds_its_floor(set_name, mode, figure, floor):
    failed = check_floors(_report(set_name, mode), {figure: floor})
    assert not failed, f"{set_name} (mode={mode}): {failed[0]}"


def test_floors_file_names_known_figures():
    """Every floor names a figure the report has (a typo would make a gate that cannot fail)."""
    from policy_extract.evaluate import Report

    known = set(Report().figures()) | {f"quantities.{f}_acc" for f in ("unit", "bound", "measure",
                                                                      "status", "period")}
    prefixes = ("entities.", "nodes.")
    for _, _, figure, _ in CASES:
        assert figure in known or figure.startswith(prefixes), figure
