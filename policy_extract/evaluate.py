"""Scoring per GUIDELINES §5: gold and predictions are read by the same ``schema`` code.

* Quantities: a prediction matches a gold quantity when spans overlap and values
  are equal (relative difference < 1e-6), one to one, largest overlap first. P/R/F1,
  then on matched pairs the accuracy of unit, bound, measure, status, period and
  the character F1 of the indicator.
* Entities: strict (span + label), label-blind exact span, and partial overlap
  (same label, overlapping spans, one to one); micro and per label.
* Nodes: same kind and character-overlap F1 >= 0.5, one to one, best first;
  P/R/F1 per kind; parent accuracy on matched nodes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Iterable, Sequence

from .schema import Document, Entity, Node, Quantity

QUANTITY_FIELDS = ("unit", "bound", "measure", "status", "period")


@dataclass
class PRF:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else (1.0 if not self.n_gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else (1.0 if not self.n_pred else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "PRF") -> None:
        self.tp += other.tp
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold

    def as_dict(self) -> dict[str, float]:
        return {"p": round(self.precision, 4), "r": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "pred": self.n_pred, "gold": self.n_gold}


@dataclass
class Report:
    """Aggregated figures over a set of documents, plus the misses for error analysis."""

    n_docs: int = 0
    quantities: PRF = field(default_factory=PRF)
    q_field_correct: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    q_matched: int = 0
    indicator: PRF = field(default_factory=PRF)  # character counts
    ent_strict: PRF = field(default_factory=PRF)
    ent_span: PRF = field(default_factory=PRF)
    ent_partial: PRF = field(default_factory=PRF)
    ent_by_label: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    nodes_by_kind: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    node_parent_ok: int = 0
    node_matched: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def field_accuracy(self, name: str) -> float:
        return self.q_field_correct[name] / self.q_matched if self.q_matched else 0.0

    @property
    def nodes(self) -> PRF:
        tot = PRF()
        for v in self.nodes_by_kind.values():
            tot.add(v)
        return tot

    @property
    def parent_accuracy(self) -> float:
        return self.node_parent_ok / self.node_matched if self.node_matched else 0.0

    def figures(self) -> dict[str, float]:
        """Flat ``name -> value`` figures, the keys of ``--min KEY=VALUE``."""
        f: dict[str, float] = {
            "quantities.p": self.quantities.precision,
            "quantities.r": self.quantities.recall,
            "quantities.f1": self.quantities.f1,
            "indicator.char_f1": self.indicator.f1 if self.q_matched else 0.0,
            "entities.strict.f1": self.ent_strict.f1,
            "entities.strict.p": self.ent_strict.precision,
            "entities.strict.r": self.ent_strict.recall,
            "entities.span.f1": self.ent_span.f1,
            "entities.partial.f1": self.ent_partial.f1,
            "nodes.f1": self.nodes.f1,
            "nodes.parent_acc": self.parent_accuracy,
        }
        for name in QUANTITY_FIELDS:
            f[f"quantities.{name}_acc"] = self.field_accuracy(name)
        for label, prf in self.ent_by_label.items():
            f[f"entities.{label}.f1"] = prf.f1
        for kind, prf in self.nodes_by_kind.items():
            f[f"nodes.{kind}.f1"] = prf.f1
        return {k: round(v, 4) for k, v in f.items()}

    def add(self, other: "Report") -> None:
        """Add another report's counts (its errors are not kept): a report over both sets."""
        self.n_docs += other.n_docs
        self.q_matched += other.q_matched
        self.node_parent_ok += other.node_parent_ok
        self.node_matched += other.node_matched
        for name in ("quantities", "indicator", "ent_strict", "ent_span", "ent_partial"):
            getattr(self, name).add(getattr(other, name))
        for k, v in other.q_field_correct.items():
            self.q_field_correct[k] += v
        for mine, theirs in ((self.ent_by_label, other.ent_by_label),
                             (self.nodes_by_kind, other.nodes_by_kind)):
            for k, prf in theirs.items():
                mine[k].add(prf)

    def to_dict(self) -> dict[str, Any]:
        return {
            "n_docs": self.n_docs,
            "figures": self.figures(),
            "quantities": self.quantities.as_dict(),
            "indicator_chars": self.indicator.as_dict(),
            "entities": {"strict": self.ent_strict.as_dict(), "span": self.ent_span.as_dict(),
                         "partial": self.ent_partial.as_dict(),
                         "by_label": {k: v.as_dict() for k, v in sorted(self.ent_by_label.items())}},
            "nodes": {"all": self.nodes.as_dict(),
                      "by_kind": {k: v.as_dict() for k, v in sorted(self.nodes_by_kind.items())},
                      "parent_acc": round(self.parent_accuracy, 4), "matched": self.node_matched},
            "errors": self.errors,
        }


def _overlap(a_s: int, a_e: int, b_s: int, b_e: int) -> int:
    return max(0, min(a_e, b_e) - max(a_s, b_s))


def _one_to_one(golds: Sequence, preds: Sequence,
                score: Callable[[Any, Any], float]) -> list[tuple[int, int]]:
    """Greedy best-first one-to-one matching of pairs with a positive score."""
    cands = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if p.end <= g.start or p.start >= g.end:
                continue
            s = score(g, p)
            if s > 0:
                cands.append((-s, gi, pi))
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


def _report_unmatched(rep: Report, layer: str, gold: Sequence, pred: Sequence,
                      pairs: list[tuple[int, int]], doc_id: str | None,
                      gold_extra: Callable[[Any], dict], pred_extra: Callable[[Any], dict]) -> None:
    """Record every gold item without a match as a miss and every such prediction as a false alarm."""
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    for items, matched, kind, extra in ((gold, matched_g, "miss", gold_extra),
                                        (pred, matched_p, "false_alarm", pred_extra)):
        for i, it in enumerate(items):
            if i not in matched:
                rep.errors.append({"layer": layer, "type": kind, "doc_id": doc_id,
                                   "start": it.start, "text": it.text, **extra(it)})


def _values_equal(a: float, b: float) -> bool:
    if a == b:
        return True
    return abs(a - b) / max(abs(a), abs(b)) < 1e-6


def _q_score(g: Quantity, p: Quantity) -> float:
    if not _values_equal(g.value, p.value):
        return 0.0
    return _overlap(g.start, g.end, p.start, p.end)


def score_quantities(gold: Sequence[Quantity], pred: Sequence[Quantity], rep: Report,
                     doc_id: str | None = None) -> None:
    pairs = _one_to_one(gold, pred, _q_score)
    rep.quantities.add(PRF(len(pairs), len(pred), len(gold)))
    rep.q_matched += len(pairs)
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        wrong = {}
        for name in QUANTITY_FIELDS:
            gv, pv = getattr(g, name), getattr(p, name)
            if gv == pv:
                rep.q_field_correct[name] += 1
            else:
                wrong[name] = {"gold": getattr(gv, "value", gv), "pred": getattr(pv, "value", pv)}
        gi_chars = set(range(g.indicator.start, g.indicator.end)) if g.indicator else set()
        pi_chars = set(range(p.indicator.start, p.indicator.end)) if p.indicator else set()
        rep.indicator.add(PRF(len(gi_chars & pi_chars), len(pi_chars), len(gi_chars)))
        if gi_chars != pi_chars:
            wrong["indicator"] = {"gold": g.indicator.text if g.indicator else None,
                                  "pred": p.indicator.text if p.indicator else None}
        if wrong:
            rep.errors.append({"layer": "quantity", "type": "field", "doc_id": doc_id,
                               "start": g.start, "text": g.text, "fields": wrong,
                               "evidence": dict(p.evidence or {})})
    _report_unmatched(rep, "quantity", gold, pred, pairs, doc_id,
                      lambda q: {"value": q.value}, lambda q: {"value": q.value,
                                                                "evidence": dict(q.evidence or {})})


def score_entities(gold: Sequence[Entity], pred: Sequence[Entity], rep: Report,
                   doc_id: str | None = None) -> None:
    g_strict = {(e.start, e.end, e.label) for e in gold}
    p_strict = {(e.start, e.end, e.label) for e in pred}
    rep.ent_strict.add(PRF(len(g_strict & p_strict), len(p_strict), len(g_strict)))
    g_span = {(e.start, e.end) for e in gold}
    p_span = {(e.start, e.end) for e in pred}
    rep.ent_span.add(PRF(len(g_span & p_span), len(p_span), len(g_span)))
    pairs = _one_to_one(gold, pred, lambda g, p: _overlap(g.start, g.end, p.start, p.end)
                        if g.label == p.label else 0)
    rep.ent_partial.add(PRF(len(pairs), len(pred), len(gold)))
    labels = {e.label.value for e in gold} | {e.label.value for e in pred}
    for lab in labels:
        gs = {x for x in g_strict if x[2].value == lab}
        ps = {x for x in p_strict if x[2].value == lab}
        rep.ent_by_label[lab].add(PRF(len(gs & ps), len(ps), len(gs)))
    by_span_pred = {(e.start, e.end): e for e in pred}
    for e in gold:
        if (e.start, e.end, e.label) not in p_strict:
            p = by_span_pred.get((e.start, e.end))
            kind = "wrong_label" if p else "miss"
            rep.errors.append({"layer": "entity", "type": kind, "doc_id": doc_id,
                               "start": e.start, "text": e.text, "label": e.label.value,
                               "pred_label": p.label.value if p else None})
    for e in pred:
        if (e.start, e.end, e.label) not in g_strict and (e.start, e.end) not in g_span:
            rep.errors.append({"layer": "entity", "type": "false_alarm", "doc_id": doc_id,
                               "start": e.start, "text": e.text, "label": e.label.value,
                               "source": e.source, "evidence": dict(e.evidence or {})})


def _char_f1(g: Node, p: Node) -> float:
    ov = _overlap(g.start, g.end, p.start, p.end)
    return 2 * ov / ((g.end - g.start) + (p.end - p.start)) if ov else 0.0


def score_nodes(gold: Sequence[Node], pred: Sequence[Node], rep: Report,
                doc_id: str | None = None) -> None:
    match_g2p: dict[str, str] = {}
    kinds = {n.kind for n in gold} | {n.kind for n in pred}
    for kind in kinds:
        gs = [n for n in gold if n.kind == kind]
        ps = [n for n in pred if n.kind == kind]
        pairs = _one_to_one(gs, ps, lambda g, p: f if (f := _char_f1(g, p)) >= 0.5 else 0.0)
        rep.nodes_by_kind[kind.value].add(PRF(len(pairs), len(ps), len(gs)))
        for gi, pi in pairs:
            match_g2p[gs[gi].id] = ps[pi].id
        extra = {"kind": kind.value}
        _report_unmatched(rep, "node", gs, ps, pairs, doc_id, lambda n: extra, lambda n: extra)
    gold_by_id = {n.id: n for n in gold}
    pred_by_id = {n.id: n for n in pred}
    for gid, pid in match_g2p.items():
        g, p = gold_by_id[gid], pred_by_id[pid]
        expected = match_g2p.get(g.parent) if g.parent is not None else None
        ok = (p.parent == expected) if (g.parent is None or expected is not None) else False
        rep.node_matched += 1
        if ok:
            rep.node_parent_ok += 1
        else:
            rep.errors.append({"layer": "node", "type": "wrong_parent", "doc_id": doc_id,
                               "kind": g.kind.value, "start": g.start, "text": g.text,
                               "gold_parent": g.parent and gold_by_id[g.parent].text,
                               "pred_parent": p.parent and pred_by_id.get(p.parent, p).text})


def score_document(gold: Document, pred: Document, rep: Report | None = None) -> Report:
    rep = rep or Report()
    rep.n_docs += 1
    score_quantities(gold.quantities, pred.quantities, rep, gold.doc_id)
    score_entities(gold.entities, pred.entities, rep, gold.doc_id)
    score_nodes(gold.nodes, pred.nodes, rep, gold.doc_id)
    return rep


def score_corpus(pairs: Iterable[tuple[Document, Document]]) -> Report:
    """Micro-averaged report over (gold, prediction) pairs."""
    rep = Report()
    for gold, pred in pairs:
        score_document(gold, pred, rep)
    return rep


# the figures an interval is printed for (the ones the issues' bars are about)
CI_FIGURES = ("quantities.f1", "quantities.status_acc", "quantities.period_acc",
              "indicator.char_f1", "entities.strict.f1", "nodes.f1", "nodes.parent_acc")


def bootstrap_intervals(pairs: Iterable[tuple[Document, Document]], n: int = 1000,
                        level: float = 0.95, seed: int = 0,
                        keys: Sequence[str] = CI_FIGURES) -> dict[str, tuple[float, float]]:
    """Percentile intervals of figures over documents resampled with replacement.

    A sealed set holds a few dozen documents, and its figures move a whole document at a
    time (one excerpt's frame decides all its figures), so documents, not figures, are
    resampled. Figures a set has nothing for (no nodes) are left out; no documents, no
    intervals. Deterministic for a given ``seed``.
    """
    import random

    docs = [score_document(g, p) for g, p in pairs]
    if not docs or n < 1:
        return {}
    full = Report()
    for d in docs:
        full.add(d)
    wanted = [k for k in keys if _has_items(full, k)]
    rng = random.Random(seed)
    draws: dict[str, list[float]] = {k: [] for k in wanted}
    for _ in range(n):
        rep = Report()
        for _ in docs:
            rep.add(docs[rng.randrange(len(docs))])
        figs = rep.figures()
        for k in wanted:
            draws[k].append(figs[k])
    lo_q, hi_q = (1 - level) / 2, 1 - (1 - level) / 2
    out = {}
    for k, xs in draws.items():
        xs.sort()
        out[k] = (xs[int(lo_q * (n - 1))], xs[int(round(hi_q * (n - 1)))])
    return out


def _has_items(rep: Report, key: str) -> bool:
    """Does the set hold anything the figure ``key`` is computed from?"""
    layer = key.split(".")[0]
    if layer in ("quantities", "indicator"):
        return rep.quantities.n_gold > 0 and (key == "quantities.f1" or rep.q_matched > 0)
    if layer == "entities":
        return rep.ent_strict.n_gold > 0
    return rep.nodes.n_gold > 0


def format_intervals(iv: dict[str, tuple[float, float]], point: dict[str, float], n: int,
                     level: float = 0.95) -> str:
    """The intervals under the report: figure, value, interval."""
    out = [f"{int(level * 100)}% INTERVALS (documents resampled, {n} draws)"]
    for k, (lo, hi) in iv.items():
        out.append(f"  {k:<26}{point[k]:>7.3f}   [{lo:.3f}, {hi:.3f}]")
    return "\n".join(out)


def format_report(rep: Report, title: str = "") -> str:
    """The one table ``policy-extract evaluate`` prints."""
    out = []
    if title:
        out.append(title)
    q = rep.quantities
    out.append(f"documents: {rep.n_docs}")
    out.append("")
    out.append(f"{'QUANTITIES':<26}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}")
    out.append(f"{'  all':<26}{q.precision:>7.3f}{q.recall:>7.3f}{q.f1:>7.3f}{q.n_gold:>7}{q.n_pred:>7}")
    out.append(f"  field accuracy on {rep.q_matched} matched:")
    for name in QUANTITY_FIELDS:
        out.append(f"    {name:<22}{rep.field_accuracy(name):>7.3f}")
    out.append(f"    {'indicator char-F1':<22}{rep.figures()['indicator.char_f1']:>7.3f}")
    out.append("")
    out.append(f"{'ENTITIES':<26}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}")
    for name, prf in (("strict", rep.ent_strict), ("span only", rep.ent_span),
                      ("partial", rep.ent_partial)):
        out.append(f"  {name:<24}{prf.precision:>7.3f}{prf.recall:>7.3f}{prf.f1:>7.3f}"
                   f"{prf.n_gold:>7}{prf.n_pred:>7}")
    out.append("  strict by label:")
    for lab, prf in sorted(rep.ent_by_label.items()):
        out.append(f"    {lab:<22}{prf.precision:>7.3f}{prf.recall:>7.3f}{prf.f1:>7.3f}"
                   f"{prf.n_gold:>7}{prf.n_pred:>7}")
    out.append("")
    out.append(f"{'NODES':<26}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}")
    order = ["article", "section", "action", "task"]
    for kind in sorted(rep.nodes_by_kind, key=lambda k: order.index(k) if k in order else 9):
        prf = rep.nodes_by_kind[kind]
        out.append(f"  {kind:<24}{prf.precision:>7.3f}{prf.recall:>7.3f}{prf.f1:>7.3f}"
                   f"{prf.n_gold:>7}{prf.n_pred:>7}")
    n = rep.nodes
    out.append(f"  {'all':<24}{n.precision:>7.3f}{n.recall:>7.3f}{n.f1:>7.3f}{n.n_gold:>7}{n.n_pred:>7}")
    out.append(f"  parent accuracy on {rep.node_matched} matched: {rep.parent_accuracy:.3f}")
    return "\n".join(out)


def check_floors(rep: Report, floors: dict[str, float]) -> list[str]:
    """Names of figures below their floor, with both values; unknown keys fail too."""
    figs = rep.figures()
    failed = []
    for key, floor in floors.items():
        if key not in figs:
            failed.append(f"{key}: no such figure (known: {', '.join(sorted(figs))})")
        elif figs[key] < floor:
            failed.append(f"{key} = {figs[key]:.4f} fell below the floor {floor:.4f}")
    return failed


__all__ = ["PRF", "Report", "score_document", "score_corpus", "format_report", "check_floors",
           "asdict"]


def genre_table(pairs: Iterable[tuple[str | None, str | None]]) -> dict[str, Any]:
    """The genre classifier against the corpus's labels: ``(gold, predicted)`` per document.

    >>> genre_table([("report", "report"), ("news", "bulletin"), (None, "plan")])["accuracy"]
    0.5
    """
    confusion: dict[str, dict[str, int]] = {}
    predicted: dict[str, int] = {}
    for gold, pred in pairs:
        p = pred or "none"
        predicted[p] = predicted.get(p, 0) + 1
        if gold:
            row = confusion.setdefault(gold, {})
            row[p] = row.get(p, 0) + 1
    n = sum(sum(r.values()) for r in confusion.values())
    ok = sum(r.get(g, 0) for g, r in confusion.items())
    return {"labelled": n, "accuracy": round(ok / n, 4) if n else None,
            "confusion": confusion, "predicted": predicted}


def format_genre_table(t: dict[str, Any]) -> str:
    lines = ["GENRE (corpus label vs predicted)" if t["labelled"] else "GENRE (predicted; no labels)"]
    if t["labelled"]:
        labels = sorted({p for r in t["confusion"].values() for p in r} | set(t["confusion"]))
        lines.append("  " + " " * 10 + "".join(f"{p[:8]:>9}" for p in labels))
        for g in sorted(t["confusion"]):
            lines.append(f"  {g[:10]:<10}" + "".join(f"{t['confusion'][g].get(p, 0):>9}" for p in labels))
        lines.append(f"  accuracy {t['accuracy']:.3f} on {t['labelled']} labelled documents")
    else:
        lines.append("  " + ", ".join(f"{k} {v}" for k, v in sorted(t["predicted"].items())))
    return "\n".join(lines)

