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


def render_tree(doc: Document) -> str:
    """The tree, each node followed by the figures and names attached to it."""
    children = defaultdict(list)
    for n in doc.nodes:
        children[n.parent].append(n)
    qs, es = defaultdict(list), defaultdict(list)
    for q in doc.quantities:
        qs[q.node_id].append(q)
    for e in doc.entities:
        es[e.node_id].append(e)
    out: list[str] = []

    def walk(parent, depth):
        for n in children.get(parent, []):
            out.append(f"{'  ' * depth}[{n.kind.value}] {n.text.replace(chr(10), '')}")
            for q in qs.get(n.id, []):
                ind = q.indicator.text.replace("\n", "") if q.indicator else "—"
                out.append(f"{'  ' * depth}    # {ind}: {q.text.replace(chr(10), '')} "
                           f"({q.status.value}, {q.period or '—'})")
            if es.get(n.id):
                names = ", ".join(f"{e.text.replace(chr(10), '')}/{e.label.value}" for e in es[n.id])
                out.append(f"{'  ' * depth}    @ {names}")
            walk(n.id, depth + 1)

    walk(None, 0)
    loose_q = qs.get(None, [])
    if loose_q:
        out.append(f"(not under any node: {len(loose_q)} figures)")
    return "\n".join(out)
