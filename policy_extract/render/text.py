"""Plain-text views for the terminal: the table of figures and the tree."""

from __future__ import annotations

import io
import unicodedata
from collections import defaultdict

from ..schema import Document


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, w: int) -> str:
    s = s.replace("\n", "")
    while _width(s) > w:
        s = s[:-1]
    return s + " " * (w - _width(s))


def _num(v: float) -> str:
    """A value in full: integers with thousands separators, others as Python prints them.

    >>> _num(270000000000.0), _num(1e12), _num(8.5), _num(0.0001)
    ('270,000,000,000', '1,000,000,000,000', '8.5', '0.0001')
    """
    return f"{int(v):,}" if float(v).is_integer() and abs(v) < 1e18 else f"{v:,}"


def render_table(doc: Document) -> str:
    """The figures, one row each: indicator, the figure as the text writes it (``2700亿元``),
    its normalised value in full, unit, bound, measure, status, period.

    rich lays the table out in terminal cells (a CJK character takes two), so columns line up;
    only the indicator wraps, no value is ever cut.
    """
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, header_style=None)
    table.add_column("indicator", max_width=40, overflow="fold")
    table.add_column("as written", no_wrap=True)
    table.add_column("value", justify="right", no_wrap=True)
    for name in ("unit", "bound", "measure", "status", "period"):
        table.add_column(name, no_wrap=True)
    for row in doc.quantities_table():
        value = _num(row["value"])
        if row["value_max"] is not None:
            value += f"–{_num(row['value_max'])}"
        cells = [row["indicator"] or "—", row["text"], value, row["unit"], row["bound"],
                 row["measure"], row["status"], row["period"] or "—"]
        # Text(), not str: a cell is data, never rich markup or :emoji: codes
        table.add_row(*(Text(str(c).replace("\r", "").replace("\n", "")) for c in cells))
    buf = io.StringIO()
    # wide enough that rich never shrinks a no_wrap column; the indicator wraps at its max_width
    Console(file=buf, width=100_000, color_system=None, highlight=False).print(table)
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines())


_KIND_TAG = {"article": "ARTICLE", "section": "§", "action": "ACTION", "task": "•"}


def _one_line(s: str, width: int = 60) -> str:
    s = " ".join(s.replace("**", "").split())
    return s if _width(s) <= width else _pad(s, width - 1).rstrip() + "…"


def _figure(q, explain: bool = False) -> str:
    ind = _one_line(q.indicator.text, 28) if q.indicator else "—"
    extra = [q.status.value]
    if q.bound.value != "eq":
        extra.append(q.bound.value)
    if q.period:
        extra.append(q.period)
    why = ""
    if explain and q.evidence:
        cues = [f"{k}={_one_line(str(q.evidence[k]), 30)}" for k in ("status_cue", "period_cue")
                if q.evidence.get(k)]
        why = f"  ⟨{'; '.join(cues)}⟩" if cues else ""
    return f"{ind} {_one_line(q.text, 20)} ({', '.join(extra)}){why}"


def _node_rule(n) -> str:
    """``  ⟨numbered_heading⟩``: the rule that made the node (``--explain``)."""
    ev = n.evidence or {}
    rule = ev.get("rule")
    return f"  ⟨{rule}⟩" if rule else ""


def _frame_mark(doc: Document, n) -> str:
    """`  [achieved 2023]` after a heading that opens a time frame (its enumerator may precede it)."""
    f = next((f for f in doc.frames if f.kind == "heading" and n.start - 8 <= f.start <= n.start
              and f.end > n.start), None)
    if f is None:
        return ""
    return f"  [{' '.join(x for x in (f.status, f.period) if x)}]"


def render_tree(doc: Document, explain: bool = False) -> str:
    """The tree, one node a line, each followed by the figures (``#``) and names (``@``) attached.

    Names are listed once per node, grouped by label; warnings (announced counts
    that differ from what was found) close the view. ``explain`` (a Document extracted with
    ``explain=True``) adds the rule that made each node and each figure's status and period cue.
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
            out.append(f"{prefix}# {_figure(q, explain)}")
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
            out.append(f"{prefix}{branch}{_KIND_TAG[n.kind.value]} {_one_line(n.text)}"
                       f"{_frame_mark(doc, n)}{_node_rule(n) if explain else ''}")
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
