"""Plain-text views for the terminal: the table of figures and the tree."""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from .schema import Document


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, w: int) -> str:
    s = s.replace("\n", "")
    while _width(s) > w:
        s = s[:-1]
    return s + " " * (w - _width(s))


def render_table(doc: Document) -> str:
    """A readable table of figures: indicator, value, unit, bound, status, period."""
    cols = [("indicator", 34), ("text", 12), ("value", 14), ("unit", 8), ("bound", 6),
            ("measure", 7), ("status", 8), ("period", 9)]
    lines = ["  ".join(_pad(c, w) for c, w in cols)]
    for row in doc.quantities_table():
        v = row["value"]
        vs = f"{v:,.0f}" if v == int(v) and abs(v) >= 1000 else f"{v:g}"
        if row["value_max"] is not None:
            vs += f"–{row['value_max']:g}"
        cells = [row["indicator"] or "—", row["text"], vs, row["unit"], row["bound"],
                 row["measure"], row["status"], row["period"] or "—"]
        lines.append("  ".join(_pad(str(c), w) for c, (_, w) in zip(cells, cols)))
    return "\n".join(lines)


_KIND_TAG = {"article": "ARTICLE", "section": "§", "action": "ACTION", "task": "•"}


def _one_line(s: str, width: int = 60) -> str:
    s = " ".join(s.replace("**", "").split())
    return s if _width(s) <= width else _pad(s, width - 1).rstrip() + "…"


def _figure(q) -> str:
    ind = _one_line(q.indicator.text, 28) if q.indicator else "—"
    extra = [q.status.value]
    if q.bound.value != "eq":
        extra.append(q.bound.value)
    if q.period:
        extra.append(q.period)
    return f"{ind} {_one_line(q.text, 20)} ({', '.join(extra)})"


def render_tree(doc: Document) -> str:
    """The tree, one node a line, each followed by the figures (``#``) and names (``@``) attached.

    Names are listed once per node, grouped by label; warnings (announced counts
    that differ from what was found) close the view.
    """
    children = defaultdict(list)
    ids = {n.id for n in doc.nodes}
    for n in doc.nodes:
        children[n.parent if n.parent in ids else None].append(n)
    qs, es = defaultdict(list), defaultdict(list)
    for q in doc.quantities:
        qs[q.node_id if q.node_id in ids else None].append(q)
    for e in doc.entities:
        es[e.node_id if e.node_id in ids else None].append(e)
    out: list[str] = []
    if doc.doc_id:
        kinds = defaultdict(int)
        for n in doc.nodes:
            kinds[n.kind.value] += 1
        summary = ", ".join(f"{kinds[k]} {k}s" for k in _KIND_TAG if kinds[k])
        out.append(f"{doc.doc_id}: {summary or 'no nodes'}")

    def extras(nid, prefix):
        for q in qs.get(nid, []):
            out.append(f"{prefix}# {_figure(q)}")
        if es.get(nid):
            by_label = defaultdict(list)
            for e in es[nid]:
                name = _one_line(e.text, 30)
                if name not in by_label[e.label.value]:
                    by_label[e.label.value].append(name)
            for label, names in by_label.items():
                out.append(f"{prefix}@ {label}: {'、'.join(names)}")

    def walk(parent, prefix):
        kids = children.get(parent, [])
        for i, n in enumerate(kids):
            last = i == len(kids) - 1
            branch = "" if parent is None else ("└─ " if last else "├─ ")
            out.append(f"{prefix}{branch}{_KIND_TAG[n.kind.value]} {_one_line(n.text)}")
            inner = prefix + ("" if parent is None else ("   " if last else "│  "))
            extras(n.id, inner + ("│  " if children.get(n.id) else "   "))
            walk(n.id, inner)

    walk(None, "")
    if qs.get(None) or es.get(None):
        out.append("(not under any node)")
        extras(None, "   ")
    for w in doc.warnings:
        out.append(f"! {w}")
    return "\n".join(out)
