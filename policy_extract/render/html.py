"""One self-contained HTML page per document: where people would rather look than read.

The page holds the raw text with every figure, indicator, name and tree node
marked (hover for value, unit, bound, status, period and the rule that found
it), the action–task tree with its figures, and sortable tables of figures and
names. No external assets: CSS and a little JS are inline, so the file works
offline and can be mailed around.

Spans from different layers may overlap or cross (an entity inside an action
title, an indicator that starts inside a name), which displaCy's ``ent`` style
cannot show. :func:`markup` therefore writes properly nested elements and
splits an element into fragments where spans cross; every fragment carries the
item's ``data-id`` so the page (and the tests) can put each item back together.

All text (raw text, ids, evidence) is escaped: the inputs are untrusted.

The command ``policy-extract render`` is :mod:`policy_extract.cli.render`.
"""

from __future__ import annotations

import html
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from ..schema import Document, Entity, EntityLabel, Node, Quantity, Status

# Nesting order when spans share a start and an end: tree node outermost, figure innermost.
LAYER_RANK = {"node": 0, "ent": 1, "ind": 2, "q": 3}


def esc(s: Any) -> str:
    """Escape text for element content and quoted attribute values.

    >>> esc('<a href="x">&\\'')
    '&lt;a href=&quot;x&quot;&gt;&amp;&#x27;'
    """
    return html.escape(str(s), quote=True)


def fmt_num(v: float | None) -> str:
    """A figure's value as people write it: integers without ``.0``, thousands separated.

    >>> fmt_num(300.0), fmt_num(8.5), fmt_num(12000000.0), fmt_num(None), fmt_num(0.0001)
    ('300', '8.5', '12,000,000', '—', '0.0001')
    """
    if v is None:
        return "—"
    if float(v).is_integer() and abs(v) < 1e18:
        return f"{int(v):,}"
    return f"{v:.10g}"


def _flat(s: str | None) -> str:
    return "—" if s is None else s.replace("\r", "").replace("\n", "⏎")


def _evidence_text(ev: Mapping[str, Any] | None, limit: int = 240) -> str:
    """``key=value; ...`` for a tooltip; non-strings as compact JSON, long text cut.

    >>> _evidence_text({"rule": "q.pct", "cue": ["目标", "力争"]})
    'rule=q.pct; cue=["目标", "力争"]'
    >>> _evidence_text(None)
    ''
    """
    if not ev:
        return ""
    parts = []
    for k, v in ev.items():
        vs = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str)
        parts.append(f"{k}={vs}")
    out = "; ".join(parts)
    return out if len(out) <= limit else out[: limit - 1] + "…"


def quantity_tip(q: Quantity, node: Node | None = None) -> str:
    """The tooltip of a figure: every field a reader checks, one per line."""
    value = fmt_num(q.value) + (f" – {fmt_num(q.value_max)}" if q.value_max is not None else "")
    lines = [
        f"figure: {_flat(q.text)}",
        f"value: {value}   unit: {q.unit or '—'}   bound: {q.bound.value}",
        f"measure: {q.measure.value}   status: {q.status.value}   period: {q.period or '—'}",
        f"indicator: {_flat(q.indicator.text) if q.indicator else '—'}",
    ]
    if node is not None:
        lines.append(f"node: {node.kind.value} {_flat(node.text)[:40]}")
    ev = _evidence_text(q.evidence)
    lines.append(f"source: {q.source}" + (f"   {ev}" if ev else ""))
    return "\n".join(lines)


def entity_tip(e: Entity) -> str:
    """The tooltip of a name: label, canonical form, source, score, evidence."""
    lines = [f"{e.label.value}: {_flat(e.text)}"]
    if e.canonical:
        lines.append(f"canonical: {_flat(e.canonical)}")
    ev = _evidence_text(e.evidence)
    lines.append(f"source: {e.source}   score: {e.score:.2f}" + (f"   {ev}" if ev else ""))
    return "\n".join(lines)


def node_tip(n: Node) -> str:
    ev = _evidence_text(n.evidence)
    return f"{n.kind.value} node {n.id}\n{_flat(n.text)[:80]}" + (f"\n{ev}" if ev else "")


@dataclass(frozen=True)
class Mark:
    """One span to mark: ``[start, end)`` of the raw text and how to open its element."""

    start: int
    end: int
    layer: str  # a key of LAYER_RANK
    item_id: str  # unique on the page: q3, e5, n2, i3 (indicator of q3)
    classes: str
    tip: str
    attrs: tuple[tuple[str, str], ...] = ()

    def open_tag(self, first: bool) -> str:
        cls = f"pe-{self.layer} {self.classes}" + (" pe-first" if first else " pe-cont")
        extra = "".join(f' {k}="{esc(v)}"' for k, v in self.attrs)
        anchor = f' id="{self.item_id}"' if first else ""
        return (f'<span{anchor} class="{esc(cls)}" data-id="{self.item_id}"{extra} '
                f'title="{esc(self.tip)}">')


def markup(text: str, marks: Sequence[Mark]) -> str:
    """``text`` escaped, with each mark's span wrapped in properly nested elements.

    Crossing spans are split: the inner element is closed and reopened as a
    continuation fragment (class ``pe-cont``). Linear in the text plus the
    marks times the nesting depth.

    >>> a = Mark(0, 3, "ent", "e1", "", "")
    >>> b = Mark(2, 5, "q", "q1", "", "")
    >>> import re
    >>> re.sub(r' (class|title)="[^"]*"', '', markup("abcdef", [a, b]))
    '<span id="e1" data-id="e1">ab<span id="q1" data-id="q1">c</span></span><span data-id="q1">de</span>f'
    >>> markup("<b>", [])
    '&lt;b&gt;'
    """
    n = len(text)
    good = [m for m in marks if 0 <= m.start < m.end <= n]
    order = sorted(range(len(good)),
                   key=lambda i: (good[i].start, -good[i].end, LAYER_RANK[good[i].layer]))
    starts: dict[int, list[Mark]] = defaultdict(list)
    for i in order:
        starts[good[i].start].append(good[i])
    ends: dict[int, int] = Counter(m.end for m in good)
    cuts = sorted({0, n, *starts, *ends})
    out: list[str] = []
    stack: list[Mark] = []
    for k, pos in enumerate(cuts):
        if ends.get(pos):
            # Close everything down to the deepest mark ending here; reopen the crossers.
            closing = {id(m) for m in stack if m.end == pos}
            reopen: list[Mark] = []
            while closing:
                m = stack.pop()
                out.append("</span>")
                if id(m) in closing:
                    closing.discard(id(m))
                else:
                    reopen.append(m)
            for m in reversed(reopen):
                out.append(m.open_tag(first=False))
                stack.append(m)
        for m in starts.get(pos, ()):
            out.append(m.open_tag(first=True))
            stack.append(m)
        if k + 1 < len(cuts):
            out.append(esc(text[pos : cuts[k + 1]]))
    return "".join(out)


def _node_index(doc: Document) -> dict[str, tuple[str, Node]]:
    """node id -> (page anchor, node); anchors are positional so hostile ids stay inert."""
    return {n.id: (f"n{i + 1}", n) for i, n in enumerate(doc.nodes)}


def build_marks(doc: Document) -> list[Mark]:
    """Every quantity, its indicator, every entity and node as a :class:`Mark`."""
    nodes = _node_index(doc)
    marks: list[Mark] = []
    for i, q in enumerate(doc.quantities, 1):
        node = nodes.get(q.node_id, (None, None))[1] if q.node_id else None
        marks.append(Mark(q.start, q.end, "q", f"q{i}",
                          f"st-{q.status.value} ms-{q.measure.value}", quantity_tip(q, node),
                          (("data-ind", f"i{i}"),) if q.indicator else ()))
        if q.indicator is not None:
            marks.append(Mark(q.indicator.start, q.indicator.end, "ind", f"i{i}", "",
                              f"indicator of {_flat(q.text)}: {_flat(q.indicator.text)}",
                              (("data-for", f"q{i}"),)))
    for i, e in enumerate(doc.entities, 1):
        marks.append(Mark(e.start, e.end, "ent", f"e{i}", f"lab-{e.label.value}",
                          entity_tip(e), (("data-label", e.label.value),)))
    for anchor, n in nodes.values():
        marks.append(Mark(n.start, n.end, "node", anchor, f"kind-{n.kind.value}", node_tip(n),
                          (("data-kind", n.kind.value),)))
    return marks


# --- page parts --------------------------------------------------------------------------

ENTITY_COLORS = {
    EntityLabel.PLATFORM: "#ffd28a", EntityLabel.ENTERPRISE: "#a6e3f7",
    EntityLabel.PARK: "#b9f0b0", EntityLabel.INSTITUTION: "#e3c8f7",
    EntityLabel.POLICY_DOC: "#f7c0c0", EntityLabel.PROGRAM: "#f2eea0",
}
STATUS_COLORS = {Status.TARGET: "#c0392b", Status.ACHIEVED: "#1e8449", Status.OTHER: "#566573"}

# CJK faces first (Linux, Adobe's name for the same font, macOS, Windows): where the browser's
# default font lacks Chinese, a generic family alone shows boxes
CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
 margin:0 auto;max-width:1100px;padding:1em 1.5em;color:#222;line-height:1.5}
h1{font-size:1.35em;margin:.2em 0} h2{font-size:1.1em;border-bottom:1px solid #ddd;margin-top:1.6em}
.pe-meta{color:#555;font-size:.9em} .pe-meta code{font-size:.95em}
.pe-legend{display:flex;flex-wrap:wrap;gap:.4em .9em;align-items:center;font-size:.9em;
 position:sticky;top:0;background:#fff;padding:.4em 0;border-bottom:1px solid #eee;z-index:2}
.pe-legend label{cursor:pointer;white-space:nowrap}
.pe-text{white-space:pre-wrap;word-break:break-all;font-size:1.02em;line-height:1.9;
 background:#fcfcfc;border:1px solid #eee;padding:1em;border-radius:6px}
.pe-ent{border-radius:3px;padding:0 1px}
.pe-q{font-weight:600;border-bottom:2px solid;padding:0 1px;background:#fff6e8}
.pe-ind{border-bottom:1px dashed #7f8c8d}
.pe-node{outline:1px dotted #95a5a6}
.pe-node.pe-first::before{content:attr(data-kind);font-size:.62em;vertical-align:super;
 color:#fff;background:#7f8c8d;border-radius:3px;padding:0 3px;margin-right:2px;font-weight:normal}
.pe-ent.pe-first::after{content:attr(data-label);font-size:.58em;vertical-align:super;
 color:#555;margin-left:1px;font-weight:normal}
.pe-hl{background:#fff200 !important;outline:2px solid #f39c12}
body.hide-q .pe-q,body.hide-ent .pe-ent,body.hide-ind .pe-ind,body.hide-node .pe-node{
 background:none !important;border:none !important;outline:none !important;font-weight:inherit}
body.hide-ent .pe-ent.pe-first::after,body.hide-node .pe-node.pe-first::before{content:none}
.pe-swatch{display:inline-block;padding:0 .35em;border-radius:3px}
.pe-qs{font-weight:600;border-bottom:2px solid;background:#fff6e8}
td.pe-fig{white-space:nowrap}
#pe-tip{position:fixed;display:none;max-width:460px;white-space:pre-wrap;background:#222;
 color:#f5f5f5;font-size:.8em;padding:.5em .7em;border-radius:5px;z-index:10;pointer-events:none;
 box-shadow:0 2px 8px rgba(0,0,0,.3)}
table{border-collapse:collapse;font-size:.88em;width:100%}
th,td{border-bottom:1px solid #eee;padding:.25em .45em;text-align:left;vertical-align:top}
th{background:#f4f6f7;position:sticky;top:2.4em}
table.pe-sortable th{cursor:pointer;user-select:none}
th[aria-sort=ascending]::after{content:" ▲"} th[aria-sort=descending]::after{content:" ▼"}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.pe-tree ul{list-style:none;padding-left:1.3em;border-left:1px solid #e5e5e5;margin:.1em 0}
.pe-tree>ul{border-left:none;padding-left:0}
.pe-kind{font-size:.72em;color:#fff;background:#7f8c8d;border-radius:3px;padding:0 4px;margin-right:4px}
.pe-kind.kind-article{background:#34495e}.pe-kind.kind-section{background:#2874a6}
.pe-kind.kind-action{background:#b9770e}.pe-kind.kind-task{background:#7d8c8d}
.pe-chips{font-size:.85em;margin:.1em 0 .3em 1.2em;color:#444}
.pe-chip{display:inline-block;margin:0 .4em .2em 0;padding:0 .35em;border-radius:3px;
 background:#f4f6f7;border-left:3px solid #999;text-decoration:none;color:inherit}
.pe-warn{color:#a04000}
a{color:#1a5276}
"""

JS = """
(function(){
 var tip=document.getElementById('pe-tip');
 document.querySelectorAll('[title]').forEach(function(el){
  if(el.closest('.pe-text,.pe-tree,.pe-table')){el.setAttribute('data-tip',el.getAttribute('title'));
   el.removeAttribute('title');}});
 var lit=[];
 function clear(){lit.forEach(function(x){x.classList.remove('pe-hl')});lit=[];}
 function light(id){document.querySelectorAll('[data-id="'+id+'"]').forEach(function(x){
  x.classList.add('pe-hl');lit.push(x)});}
 document.addEventListener('mouseover',function(ev){
  var el=ev.target.closest?ev.target.closest('[data-tip]'):null; clear();
  if(!el){tip.style.display='none';return;}
  var tips=[],cur=el,text=el.closest('.pe-text');
  while(cur&&cur!==document.body){
   if(cur.hasAttribute&&cur.hasAttribute('data-tip'))tips.push(cur.getAttribute('data-tip'));
   if(!text)break; cur=cur.parentElement; if(cur===text)break;}
  tip.textContent=tips.join('\\n\\u2014\\n'); tip.style.display='block';
  var q=el.closest('.pe-q'); var key=(q&&q.getAttribute('data-id'))||el.getAttribute('data-ref');
  if(key){light(key); var qi=document.querySelector('[data-id="'+key+'"]');
   var ind=qi&&qi.getAttribute('data-ind'); if(ind)light(ind);}
 });
 document.addEventListener('mousemove',function(ev){
  if(tip.style.display!=='block')return;
  var x=ev.clientX+14,y=ev.clientY+16,w=tip.offsetWidth,h=tip.offsetHeight;
  if(x+w>window.innerWidth-8)x=Math.max(8,ev.clientX-w-14);
  if(y+h>window.innerHeight-8)y=Math.max(8,ev.clientY-h-16);
  tip.style.left=x+'px';tip.style.top=y+'px';});
 document.querySelectorAll('.pe-legend input[data-layer]').forEach(function(cb){
  cb.addEventListener('change',function(){
   document.body.classList.toggle('hide-'+cb.getAttribute('data-layer'),!cb.checked);});});
 function key(td,num){var v=td.getAttribute('data-sort');if(v===null)v=td.textContent;
  if(v===''||v==='\\u2014')return null; return num?parseFloat(v):v;}
 document.querySelectorAll('table.pe-sortable').forEach(function(t){
  t.querySelectorAll('thead th').forEach(function(th,i){
   th.addEventListener('click',function(){
    var asc=th.getAttribute('aria-sort')!=='ascending', num=th.getAttribute('data-type')==='num';
    t.querySelectorAll('thead th').forEach(function(h){h.removeAttribute('aria-sort')});
    th.setAttribute('aria-sort',asc?'ascending':'descending');
    var tb=t.tBodies[0], rows=Array.prototype.slice.call(tb.rows);
    rows.sort(function(a,b){var x=key(a.cells[i],num),y=key(b.cells[i],num);
     if(x===null&&y===null)return 0; if(x===null)return 1; if(y===null)return -1;
     var c=num?(x-y):String(x).localeCompare(String(y),'zh');
     return asc?c:-c;});
    rows.forEach(function(r){tb.appendChild(r)});});});});
})();
"""


def _colors_css() -> str:
    rules = [f".lab-{lab.value}{{background:{c}}}" for lab, c in ENTITY_COLORS.items()]
    rules += [f".pe-q.st-{st.value},.pe-qs.st-{st.value}{{border-bottom-color:{c};color:{c}}}"
              f".pe-chip.st-{st.value}{{border-left-color:{c}}}" for st, c in STATUS_COLORS.items()]
    return "\n".join(rules)


def _legend(doc: Document) -> str:
    ent_counts = Counter(e.label for e in doc.entities)
    st_counts = Counter(q.status for q in doc.quantities)
    parts = ['<label><input type="checkbox" data-layer="q" checked> figures '
             f'({len(doc.quantities)})</label>']
    for st in Status:
        parts.append(f'<span class="pe-swatch pe-qs st-{st.value}">{st.value} {st_counts[st]}</span>')
    parts.append('<label><input type="checkbox" data-layer="ind" checked> '
                 '<span class="pe-ind">indicators</span></label>')
    parts.append('<label><input type="checkbox" data-layer="ent" checked> names '
                 f'({len(doc.entities)})</label>')
    for lab in EntityLabel:
        parts.append(f'<span class="pe-swatch lab-{lab.value}">{lab.value} {ent_counts[lab]}</span>')
    parts.append('<label><input type="checkbox" data-layer="node" checked> '
                 f'<span class="pe-node">tree nodes</span> ({len(doc.nodes)})</label>')
    return '<div class="pe-legend">' + "".join(parts) + "</div>"


def _chip_q(i: int, q: Quantity) -> str:
    ind = _flat(q.indicator.text) if q.indicator else "—"
    label = f"{ind}: {_flat(q.text)} ({q.status.value}, {q.period or '—'})"
    return (f'<a class="pe-chip st-{q.status.value}" href="#q{i}" data-ref="q{i}" '
            f'title="{esc(quantity_tip(q))}">{esc(label)}</a>')


def _chip_e(i: int, e: Entity) -> str:
    return (f'<a class="pe-chip lab-{e.label.value}" href="#e{i}" data-ref="e{i}" '
            f'title="{esc(entity_tip(e))}">{esc(_flat(e.text))}'
            f'<small> {e.label.value}</small></a>')


def _tree(doc: Document) -> str:
    """Nested lists: each node, then the figures and names attached to it."""
    nodes = _node_index(doc)
    children: dict[str | None, list[Node]] = defaultdict(list)
    for n in doc.nodes:
        parent = n.parent if n.parent in nodes and n.parent != n.id else None
        children[parent].append(n)
    qs: dict[str | None, list[tuple[int, Quantity]]] = defaultdict(list)
    es: dict[str | None, list[tuple[int, Entity]]] = defaultdict(list)
    for i, q in enumerate(doc.quantities, 1):
        qs[q.node_id if q.node_id in nodes else None].append((i, q))
    for i, e in enumerate(doc.entities, 1):
        es[e.node_id if e.node_id in nodes else None].append((i, e))
    out: list[str] = []
    seen: set[str] = set()

    def walk(parent: str | None) -> None:
        kids = [n for n in children.get(parent, []) if n.id not in seen]
        if not kids:
            return
        out.append("<ul>")
        for n in kids:
            seen.add(n.id)  # guards against cycles in hand-edited files
            anchor = nodes[n.id][0]
            out.append(f'<li><span class="pe-kind kind-{n.kind.value}">{n.kind.value}</span>'
                       f'<a href="#{anchor}" data-ref="{anchor}" title="{esc(node_tip(n))}">'
                       f"{esc(_flat(n.text))}</a>")
            chips = [_chip_q(i, q) for i, q in qs.get(n.id, [])]
            chips += [_chip_e(i, e) for i, e in es.get(n.id, [])]
            if chips:
                out.append('<div class="pe-chips">' + "".join(chips) + "</div>")
            walk(n.id)
            out.append("</li>")
        out.append("</ul>")

    walk(None)
    if not doc.nodes:
        out.append("<p>No tree nodes were found.</p>")
    loose_q, loose_e = qs.get(None, []), es.get(None, [])
    if loose_q or loose_e:
        out.append(f"<p>Not under any node: {len(loose_q)} figures, {len(loose_e)} names.</p>")
        chips = [_chip_q(i, q) for i, q in loose_q] + [_chip_e(i, e) for i, e in loose_e]
        out.append('<div class="pe-chips">' + "".join(chips) + "</div>")
    return '<div class="pe-tree">' + "".join(out) + "</div>"


def _cell(value: Any, cls: str = "", sort: Any = None) -> str:
    c = f' class="{cls}"' if cls else ""
    s = "" if sort is None else f' data-sort="{esc(sort)}"'
    return f"<td{c}{s}>{esc(value)}</td>"


def _targets_table(doc: Document) -> str:
    """The figures, sortable by any column (indicator, status, period, ...)."""
    if not doc.quantities:
        return "<p>No figures were found.</p>"
    nodes = _node_index(doc)
    head = [("#", "num"), ("indicator", ""), ("figure", ""), ("value", "num"), ("unit", ""),
            ("bound", ""), ("measure", ""), ("status", ""), ("period", ""), ("node", ""),
            ("source / rule", "")]
    rows = []
    for i, q in enumerate(doc.quantities, 1):
        node = nodes.get(q.node_id, (None, None))[1] if q.node_id else None
        value = fmt_num(q.value) + (f"–{fmt_num(q.value_max)}" if q.value_max is not None else "")
        ev = _evidence_text(q.evidence, limit=80)
        rows.append(
            f'<tr data-ref="q{i}" title="{esc(quantity_tip(q, node))}">'
            + _cell(i, "num", i)
            + _cell(_flat(q.indicator.text) if q.indicator else "—")
            + f'<td class="pe-fig"><a href="#q{i}">{esc(_flat(q.text))}</a></td>'
            + _cell(value, "num", repr(float(q.value)))
            + _cell(q.unit or "—") + _cell(q.bound.value) + _cell(q.measure.value)
            + _cell(q.status.value) + _cell(q.period or "—")
            + _cell(f"{node.kind.value}: {_flat(node.text)[:24]}" if node else "—")
            + _cell(q.source + (f" · {ev}" if ev else ""))
            + "</tr>")
    ths = "".join(f'<th data-type="{t or "text"}">{esc(h)}</th>' for h, t in head)
    return (f'<table class="pe-sortable pe-table" id="pe-targets"><thead><tr>{ths}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def _entities_table(doc: Document) -> str:
    if not doc.entities:
        return "<p>No names were found.</p>"
    head = [("#", "num"), ("name", ""), ("label", ""), ("canonical", ""), ("source", ""),
            ("score", "num"), ("start", "num")]
    rows = []
    for i, e in enumerate(doc.entities, 1):
        rows.append(
            f'<tr data-ref="e{i}" title="{esc(entity_tip(e))}">' + _cell(i, "num", i)
            + f'<td><a href="#e{i}">{esc(_flat(e.text))}</a></td>'
            + _cell(e.label.value) + _cell(_flat(e.canonical) if e.canonical else "—")
            + _cell(e.source) + _cell(f"{e.score:.2f}", "num") + _cell(e.start, "num") + "</tr>")
    ths = "".join(f'<th data-type="{t or "text"}">{esc(h)}</th>' for h, t in head)
    return (f'<table class="pe-sortable pe-table" id="pe-entities"><thead><tr>{ths}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def _problems(doc: Document) -> list[str]:
    """Spans whose offsets do not give their text (such spans cannot be marked)."""
    return [f"offset mismatch (not marked): {p}" for p in doc.check_offsets()]


def render_html(doc: Document, *, title: str | None = None, mode: str | None = None) -> str:
    """The whole report page for ``doc`` as one self-contained HTML string.

    >>> from policy_extract.schema import Document, Quantity, Status
    >>> d = Document("目标<增长7%>", doc_id="x", quantities=(
    ...     Quantity(5, 7, "7%", 7.0, "%", status=Status.TARGET),))
    >>> page = render_html(d)
    >>> page.startswith("<!DOCTYPE html>"), "目标&lt;增长" in page, 'data-id="q1"' in page
    (True, True, True)
    """
    name = title or doc.doc_id or doc.source or "document"
    meta = [f"doc_id <code>{esc(doc.doc_id or '—')}</code>",
            f"source <code>{esc(doc.source or '—')}</code>",
            f"date <code>{esc(doc.date or '—')}</code>",
            f"sha256 <code>{esc(doc.text_sha256[:16])}…</code>",
            f"{len(doc.text):,} characters"]
    if mode:
        meta.append(f"mode <code>{esc(mode)}</code>")
    from ..about import __version__

    meta.append(f"policy_extract {esc(__version__)}")
    counts = Counter(q.status.value for q in doc.quantities)
    summary = (f"{len(doc.quantities)} figures ({counts['target']} targets, "
               f"{counts['achieved']} achieved), {len(doc.entities)} names, "
               f"{len(doc.nodes)} tree nodes")
    warns = list(doc.warnings) + _problems(doc)
    warn_html = ""
    if warns:
        warn_html = ('<h2>Warnings</h2><ul class="pe-warn">'
                     + "".join(f"<li>{esc(w)}</li>" for w in warns) + "</ul>")
    body = [
        f"<h1>{esc(name)}</h1>",
        f'<div class="pe-meta">{" · ".join(meta)}</div>',
        f'<p class="pe-meta">{esc(summary)}. Hover any mark for its fields; click a table '
        "header to sort.</p>",
        _legend(doc),
        # No whitespace inside the text box: its content is exactly the raw text.
        '<h2>Text</h2><div class="pe-text" id="pe-text">' + markup(doc.text, build_marks(doc))
        + "</div>",
        "<h2>Action–task tree</h2>", _tree(doc),
        "<h2>Figures and targets</h2>", _targets_table(doc),
        "<h2>Names</h2>", _entities_table(doc),
        warn_html,
        '<div id="pe-tip" role="tooltip"></div>',
    ]
    return ("<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(name)} · policy_extract</title>"
            f"<style>{CSS}{_colors_css()}</style></head>\n<body>\n"
            + "\n".join(body) + f"\n<script>{JS}</script>\n</body></html>\n")


__all__ = ["render_html", "markup", "build_marks", "Mark"]
