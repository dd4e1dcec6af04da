"""Train and cross-validate the status model (model/status.py) on hand gold.

Examples are the figures the rule stage finds that match a gold figure (GUIDELINES §5
matching), with the gold status as the label. Sealed sets (``heldout*``) are refused.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Sequence

from ..components.quantities import finder as Q, status as QS
from ..corpus import iter_gold
from ..evaluate import _one_to_one, _q_score
from ..text.normalize import normalize
from ..text.segment import segment
from .status import CLASSES, StatusModel, train

DEFAULT_SETS = ("corpora/gold", "corpora/dev_gold", "corpora/status_gold", "corpora/v2_gold",
                "corpora/status_gold_b")


def collect(gold_dirs: Sequence[str | Path], raw_dirs: Sequence[str | Path] = ()
            ) -> list[tuple[str, list[tuple[list[str], str, str]]]]:
    """Per document: ``(doc_id, [(features, gold status, rule status)])``."""
    out = []
    for gd in gold_dirs:
        if Path(gd).name.startswith("heldout"):
            raise ValueError(f"{gd}: a sealed set is never trained on")
        for it in iter_gold(gd, list(raw_dirs)):
            norm = normalize(it.gold.text)
            QS.STATUS_FEATURE_SINK = sink = []
            try:
                pred = Q.find_quantities(norm, segment(norm), it.date, False, it.title)
            finally:
                QS.STATUS_FEATURE_SINK = None
            feats = {norm.raw_span(s, e)[:2]: fs for s, e, fs in sink}
            gold = list(it.gold.quantities)
            rows = []
            for gi, pi in _one_to_one(gold, pred, _q_score):
                fs = feats.get((pred[pi].start, pred[pi].end))
                if fs is not None:
                    rows.append((fs, gold[gi].status.value, pred[pi].status.value))
            out.append((it.gold.doc_id, rows))
    return out


def cross_validate(docs, folds: int = 5, thresholds=(0.6, 0.7, 0.8, 0.9), seed: int = 0
                   ) -> dict:
    """Status accuracy of the rules and of rules + model at each threshold, by document folds."""
    ids = [d for d, _ in docs]
    random.Random(seed).shuffle(ids)
    fold_of = {d: i % folds for i, d in enumerate(ids)}
    res = {"n": 0, "rules": 0, **{f"model@{t}": 0 for t in thresholds}}
    for k in range(folds):
        tr = [(fs, g) for d, rows in docs if fold_of[d] != k for fs, g, _ in rows]
        model = train(tr)
        for d, rows in docs:
            if fold_of[d] != k:
                continue
            for fs, g, r in rows:
                res["n"] += 1
                res["rules"] += g == r
                p = model.proba(fs)
                j = int(p.argmax())
                for t in thresholds:
                    pick = CLASSES[j] if p[j] >= t else r
                    res[f"model@{t}"] += g == pick
    n = res.pop("n")
    return {"n": n, **{k: round(v / n, 4) for k, v in res.items()}}


def best_threshold(cv: dict) -> float:
    """The threshold of :func:`cross_validate`'s best ``model@t`` (the higher on a tie: the
    model then overrides the rules less often).

    >>> best_threshold({"rules": 0.9, "model@0.6": 0.91, "model@0.8": 0.92, "model@0.9": 0.92})
    0.9
    """
    scores = [(v, float(k.split("@")[1])) for k, v in cv.items() if k.startswith("model@")]
    return max(scores)[1]


def fit(docs, threshold: float) -> StatusModel:
    m = train([(fs, g) for _, rows in docs for fs, g, _ in rows])
    m.threshold = threshold
    return m


def fingerprint(gold_dirs: Sequence[str | Path]) -> str:
    """sha256 over the training gold files, so a stale shipped model is caught by a test."""
    import hashlib

    h = hashlib.sha256()
    for gd in gold_dirs:
        for p in sorted(Path(gd).glob("*.json")):
            if p.name != "metadata.json":
                h.update(p.name.encode())
                h.update(p.read_bytes())
    return h.hexdigest()


def save(model: StatusModel, sets: Sequence[str | Path], n_examples: int,
         out: str | Path | None = None) -> Path:
    """Write ``model`` to ``out`` (default: the shipped model directory) with what it was
    trained on in its ``meta.json``; returns the directory."""
    import json

    from ..pipeline import default_model_path

    out = Path(out or default_model_path() / "status")
    model.save(out)
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    meta.update({"trained_on": [str(s) for s in sets], "examples": n_examples,
                 "gold_sha256": fingerprint(sets)})
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return out
