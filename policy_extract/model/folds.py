"""Cross-validation fold models for honest entity-model figures on gold the full model saw.

Evaluation tooling, never the inference path: the shipped component runs one model on every
text. ``policy-extract train`` also trains one model per fold of ``splits.json`` (each
without that fold's gold) into a folds folder (default ``benchmarks/ner_folds``, outside the
wheel) with ``holdout.json``: the sha256 of each gold-trained text -> the fold that left it
out. :class:`FoldRouter` gives the evaluator, per text, the pipeline whose entity model
never saw that text's gold (``policy-extract evaluate --cv``).
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import Errors, ModelError
from ..schema import sha256_text

HOLDOUT_FILE = "holdout.json"
FOLDS_DIR = Path(__file__).resolve().parents[2] / "benchmarks" / "ner_folds"


def read_holdout(folds_dir: str | Path = FOLDS_DIR) -> dict[str, str]:
    """sha256 of each text the full model was trained on -> its fold path (``fold/a``)."""
    p = Path(folds_dir) / HOLDOUT_FILE
    if not p.is_file():
        raise ModelError(Errors.E014.format(path=p))
    return {sha: d["path"] for sha, d in
            json.loads(p.read_text(encoding="utf-8"))["models"].items()}


class FoldRouter:
    """``router.for_text(text)``: the pipeline of ``mode`` to score ``text`` with.

    A text the full entity model was trained on goes to the fold model that left it out;
    any other text to the shipped model (``load(mode, **kw)``). Pipelines load on first use.
    """

    def __init__(self, mode: str, folds_dir: str | Path = FOLDS_DIR, **load_kw):
        self.mode, self.dir, self.kw = mode, Path(folds_dir), load_kw
        self.holdout = read_holdout(self.dir)
        self._nlps: dict[str | None, object] = {}

    def fold_of(self, text: str) -> str | None:
        return self.holdout.get(sha256_text(text))

    def for_text(self, text: str):
        from ..pipeline import load

        fold = self.fold_of(text)
        if fold not in self._nlps:
            kw = dict(self.kw)
            if fold is not None:
                kw["model_path"] = self.dir / fold
            self._nlps[fold] = load(self.mode, **kw)
        return self._nlps[fold]

    def __call__(self, text: str, **kw):
        return self.for_text(text)(text, **kw)
