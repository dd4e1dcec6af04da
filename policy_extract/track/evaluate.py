"""Scoring ``track`` against a link gold: link precision and recall, verdict accuracy.

A gold file is a JSON list of links
``{target_doc, target: {start, end, text}, target_indicator, outcome_doc,
outcome: {start, end, text} | null, verdict}`` (verdict ``met``, ``not_met``, ``no_outcome``,
``not_comparable``); offsets index the ``text`` of the corpus the folder's ``sources.json``
names for the file (a records JSONL; dates are the record's ``date`` or its ``year``).

A predicted link matches a gold link when its target overlaps the gold target in the same
document and its outcome overlaps the gold outcome in the same document.

- recall: gold links with an outcome that are predicted;
- precision: predicted links (target with an outcome) that are gold links, over the predicted
  links whose target document is one the gold covers (``precision``), and over those whose
  target is a gold target (``precision_judged``: the gold says nothing of other targets); a
  target restated later in its report (the same figure text) linked to the gold's outcome
  counts as right;
- verdict accuracy: over gold links whose target is predicted, the predicted verdict
  (``pending`` read as ``no_outcome``) against the gold's.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SOURCES = "sources.json"
NOT_GOLD = ("sources.json", "indicator_sample.json")


def norm_verdict(v: str | None) -> str:
    """``not met`` → ``not_met``, ``pending`` → ``no_outcome``; gold and prediction alike."""
    v = (v or "").strip().replace(" ", "_")
    return {"pending": "no_outcome"}.get(v, v)


def _overlap(a: dict | None, s: int | None, e: int | None) -> bool:
    return a is not None and s is not None and e is not None and a["start"] < e and s < a["end"]


@dataclass
class LinkScores:
    gold_links: int = 0
    gold_with_outcome: int = 0
    predicted: int = 0
    predicted_judged: int = 0
    tp: int = 0
    correct_predicted: int = 0  # predicted links that are gold links (restatements included)
    restated: int = 0
    targets_found: int = 0
    verdict_right: int = 0
    verdict_right_on_tp: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_links: list[dict[str, Any]] = field(default_factory=list)
    verdict_errors: list[dict[str, Any]] = field(default_factory=list)
    confusion: Counter = field(default_factory=Counter)

    @property
    def recall(self) -> float:
        return self.tp / self.gold_with_outcome if self.gold_with_outcome else 0.0

    @property
    def precision(self) -> float:
        return self.correct_predicted / self.predicted if self.predicted else 0.0

    @property
    def precision_judged(self) -> float:
        return self.correct_predicted / self.predicted_judged if self.predicted_judged else 0.0

    @property
    def verdict_accuracy(self) -> float:
        return self.verdict_right / self.targets_found if self.targets_found else 0.0

    @property
    def verdict_accuracy_on_links(self) -> float:
        return self.verdict_right_on_tp / self.tp if self.tp else 0.0

    def summary(self) -> dict[str, Any]:
        return {"gold_links": self.gold_links, "gold_with_outcome": self.gold_with_outcome,
                "predicted_links": self.predicted, "predicted_links_on_gold_targets":
                self.predicted_judged, "correct_links": self.tp,
                "correct_predicted_links": self.correct_predicted,
                "of_which_restated_targets": self.restated,
                "link_precision": round(self.precision, 4),
                "link_precision_judged": round(self.precision_judged, 4),
                "link_recall": round(self.recall, 4),
                "gold_targets_found": self.targets_found,
                "verdict_accuracy": round(self.verdict_accuracy, 4),
                "verdict_accuracy_on_correct_links": round(self.verdict_accuracy_on_links, 4)}


def score_links(gold: list[dict[str, Any]], link_rows: list[dict[str, Any]]) -> LinkScores:
    """Score predicted link rows (:meth:`TrackResult.links_table`) against gold links."""
    sc = LinkScores(gold_links=len(gold))
    docs = {g["target_doc"] for g in gold}
    preds = [r for r in link_rows if r["target_doc"] in docs]
    matched_pred: set[int] = set()
    for g in gold:
        has_out = g.get("outcome") is not None
        sc.gold_with_outcome += has_out
        cands = [i for i, r in enumerate(preds) if r["target_doc"] == g["target_doc"]
                 and _overlap(g["target"], r["target_start"], r["target_end"])]
        if not cands:
            if has_out:
                sc.misses.append({"gold": g, "why": "target not predicted"})
            continue
        # the candidate that links the gold outcome, else the first
        best = next((i for i in cands if has_out and preds[i]["outcome_doc"] == g["outcome_doc"]
                     and _overlap(g["outcome"], preds[i]["outcome_start"],
                                  preds[i]["outcome_end"])), cands[0])
        r = preds[best]
        matched_pred.update(cands)
        sc.targets_found += 1
        pv, gv = norm_verdict(r["verdict"]), norm_verdict(g["verdict"])
        if r["outcome_doc"] is None:
            pv = "no_outcome" if pv in ("no_outcome", "not_comparable") else pv
        sc.confusion[(gv, pv)] += 1
        ok_v = pv == gv
        sc.verdict_right += ok_v
        if not ok_v:
            sc.verdict_errors.append({"gold": g, "predicted": _brief(r)})
        is_tp = has_out and r["outcome_doc"] == g["outcome_doc"] and _overlap(
            g["outcome"], r["outcome_start"], r["outcome_end"])
        if is_tp:
            sc.tp += 1
            sc.verdict_right_on_tp += ok_v
        elif has_out:
            sc.misses.append({"gold": g, "why": "outcome not linked", "predicted": _brief(r)})
    gold_pairs = [(g["target_doc"], g["target"], g.get("outcome_doc"), g.get("outcome")) for g in gold]
    tp_preds = set()
    for i, r in enumerate(preds):
        if r["outcome_doc"] is None:
            continue
        sc.predicted += 1
        exact = any(td == r["target_doc"] and _overlap(t, r["target_start"], r["target_end"])
                    and od == r["outcome_doc"] and _overlap(o, r["outcome_start"], r["outcome_end"])
                    for td, t, od, o in gold_pairs)
        # the same target restated further on in its report (经济增长预期目标定为7.5%左右),
        # linked to the gold's outcome: right, though the gold lists one span per target
        restated = not exact and any(
            td == r["target_doc"] and t["text"] == r["target_text"] and od == r["outcome_doc"]
            and _overlap(o, r["outcome_start"], r["outcome_end"]) for td, t, od, o in gold_pairs)
        if i in matched_pred or restated:
            sc.predicted_judged += 1
        if exact or restated:
            sc.correct_predicted += 1
            sc.restated += restated
            tp_preds.add(i)
        else:
            sc.false_links.append(_brief(r) | {"on_gold_target": i in matched_pred})
    return sc


def _brief(r: dict[str, Any]) -> dict[str, Any]:
    keys = ("target_doc", "target_text", "target_start", "target_span", "indicator_id", "period",
            "measure", "outcome_doc", "outcome_text", "outcome_start", "outcome_span", "verdict",
            "rule")
    return {k: r.get(k) for k in keys}


def read_gold(gold_dir: str | Path) -> dict[str, tuple[list[dict[str, Any]], Path | None]]:
    """gold file name → (links, corpus path from ``sources.json``)."""
    d = Path(gold_dir)
    sources = {}
    if (d / SOURCES).is_file():
        sources = json.loads((d / SOURCES).read_text(encoding="utf-8"))
    out = {}
    for p in sorted(d.glob("*.json")):
        if p.name in NOT_GOLD:
            continue
        src = sources.get(p.name)
        out[p.name] = (json.loads(p.read_text(encoding="utf-8")),
                       (d / src).resolve() if src else None)
    return out


def evaluate(gold_dir: str | Path, *, corpus: str | Path | None = None, mode: str = "rules",
             nlp=None) -> dict[str, Any]:
    """Run ``track`` over each gold file's corpus and score it: {file: scores, "all": scores}."""
    from . import track

    results: dict[str, Any] = {}
    total = LinkScores()
    per: dict[str, LinkScores] = {}
    for name, (gold, src) in read_gold(gold_dir).items():
        src = Path(corpus) if corpus else src
        if src is None or not src.is_file():
            raise FileNotFoundError(f"{name}: no corpus (sources.json or --corpus): {src}")
        res = track(src, mode=mode, nlp=nlp)  # the whole corpus: outcomes may come from any report
        sc = score_links(gold, res.links_table())
        per[name] = sc
        results[name] = sc.summary()
        for f in ("gold_links", "gold_with_outcome", "predicted", "predicted_judged", "tp",
                  "correct_predicted", "restated",
                  "targets_found", "verdict_right", "verdict_right_on_tp"):
            setattr(total, f, getattr(total, f) + getattr(sc, f))
    results["all"] = total.summary()
    results["_details"] = per
    return results
