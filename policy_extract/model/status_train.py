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
# the whole work reports' blind figure gold and their texts: the report model's training data
REPORT_SETS = ("corpora/report_figures",)
REPORT_TEXTS = "../shared/corpora/gov_work_reports.jsonl"


def collect(gold_dirs: Sequence[str | Path], raw_dirs: Sequence[str | Path] = ()
            ) -> list[tuple[str, list[tuple[list[str], str, str]]]]:
    """Per document: ``(doc_id, [(features, gold status, rule status)])``."""
    out = []
    for gd in gold_dirs:
        if Path(gd).name.startswith("heldout"):
            raise ValueError(f"{gd}: a sealed set is never trained on")
        for it in iter_gold(gd, list(raw_dirs)):
            out.append((it.gold.doc_id, _rows(it.gold.text, it.gold, it.date, it.title)))
    return out


def _rows(text: str, gold, date: str | None, title: str | None) -> list[tuple[list[str], str, str]]:
    """``(features, gold status, rule status)`` of every rule figure matching a gold figure."""
    norm = normalize(text)
    QS.STATUS_FEATURE_SINK = sink = []
    try:
        pred = Q.find_quantities(norm, segment(norm), date, False, title)
    finally:
        QS.STATUS_FEATURE_SINK = None
    feats = {norm.raw_span(s, e)[:2]: fs for s, e, fs in sink}
    golds = list(gold.quantities)
    rows = []
    for gi, pi in _one_to_one(golds, pred, _q_score):
        fs = feats.get((pred[pi].start, pred[pi].end))
        if fs is not None:
            rows.append((fs, golds[gi].status.value, pred[pi].status.value))
    return rows


def collect_reports(gold_dirs: Sequence[str | Path], texts: str | Path
                    ) -> list[tuple[str, list[tuple[list[str], str, str]]]]:
    """Per report of ``gold_dirs`` (``gwr*.json`` figure gold): ``(id, rows)`` as
    :func:`collect`, the texts read from the reports' JSONL (``id``, ``text``, ``year``)."""
    import json

    from ..schema import Document

    with open(texts, encoding="utf-8") as fh:
        reports = {r["id"]: r for r in map(json.loads, fh)}
    out = []
    for gd in gold_dirs:
        if Path(gd).name.startswith("heldout"):
            raise ValueError(f"{gd}: a sealed set is never trained on")
        for f in sorted(Path(gd).glob("gwr*.json")):
            r = reports[f.stem]
            gold = Document.from_dict(json.loads(f.read_text(encoding="utf-8")), text=r["text"])
            out.append((r["id"], _rows(r["text"], gold, r.get("date") or str(r["year"]),
                                       r.get("title"))))
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


def fit(docs, threshold: float, name: str = "status_lr") -> StatusModel:
    m = train([(fs, g) for _, rows in docs for fs, g, _ in rows])
    m.threshold, m.name = threshold, name
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
         out: str | Path | None = None, kind: str = "status") -> Path:
    """Write ``model`` to ``out`` (default: the shipped model directory ``kind``, ``status``
    or ``status_report``) with what it was trained on in its ``meta.json``; returns the directory."""
    import json

    from ..pipeline import default_model_path

    out = Path(out or default_model_path() / kind)
    model.save(out)
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    meta.update({"trained_on": [str(s) for s in sets], "examples": n_examples,
                 "gold_sha256": fingerprint(sets)})
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return out
