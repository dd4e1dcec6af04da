"""The tree of one text (:func:`build_tree`, pure) and the attachment of figures and names
to its nodes (:func:`attach`)."""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...errors import Warnings
from ...schema import Node, NodeKind
from ...text.cues import StructureCues, load_structure_cues
from ...text.normalize import NormalizedText, load_layout
from ...text.segment import Segmentation
from .rules import BODY_RULES, HEADING_RULES

if TYPE_CHECKING:
    from ...frames import TimeFrames
from .walk import _Walker


@dataclass(frozen=True)
class Tree:
    """What :func:`build_tree` finds: nodes (raw offsets), count warnings, and ``scopes``,
    sorted ``(raw start, node id)`` pairs: from each start on, text belongs to that node."""

    nodes: list[Node]
    warnings: list[str]
    scopes: list[tuple[int, str | None]]


def build_tree(norm: NormalizedText, seg: Segmentation,
               cues: StructureCues | None = None, title: str | None = None,
               frames: "TimeFrames | None" = None) -> Tree:
    """The tree of one text: nodes with ids ``n1…`` in text order, warnings, scopes.

    >>> from policy_extract.text.normalize import normalize
    >>> from policy_extract.text.segment import segment
    >>> n = normalize("长沙纵深推进科技创新\\n\\n长沙晚报2月24日讯 长沙将发力。\\n\\n"
    ...               "抓平台建设，汇聚科创势能\\n\\n如今，平台就是“加速器”。\\n\\n"
    ...               "一方面，加快建设战略平台。积极服务国家实验室体系建设。")
    >>> [(x.kind.value, x.text, x.parent) for x in build_tree(n, segment(n)).nodes]
    [('article', '长沙纵深推进科技创新', None), ('section', '抓平台建设，汇聚科创势能', 'n1'), ('task', '加快建设战略平台', 'n2')]
    """
    b = _Walker(norm, seg, cues or load_structure_cues())
    b.title = title or ""  # the page's headline from metadata: a review excerpt says so there
    b.frames = frames  # the time frames: a plan's passage is no review (Walker.planned)
    b.build(HEADING_RULES, BODY_RULES)
    order = sorted(b.nodes, key=lambda n: (n.start, n.kind != NodeKind.ARTICLE))
    ids = {id(n): f"n{i + 1}" for i, n in enumerate(order)}

    def kept_id(node):
        """The id of ``node`` or, when it was dropped (a mere mention), of its nearest kept ancestor."""
        while node is not None and id(node) not in ids:
            node = node.parent
        return ids[id(node)] if node is not None else None

    out = []
    markup = load_layout().markup
    for n in order:
        rs, re_, txt = norm.raw_text(n.start, n.end, clip_markup=False)
        if len(markup.findall(txt)) % 2 and (m := markup.match(norm.raw, re_)):
            re_ = m.end()  # close the emphasis the span opens (`增速达**15%**`), as the gold does
            txt = norm.raw[rs:re_]
        out.append(Node(ids[id(n)], kept_id(n.parent),
                        n.kind, rs, re_, txt, evidence={"rule": n.by, "cue": n.rule}))
    warnings = [Warnings.W004.format(announced=a, what=w, found=f) for w, a, f, _ in b.counts()]
    arts = [n for n in b.nodes if n.kind == NodeKind.ARTICLE]
    scopes: list[tuple[int, str | None]] = []
    for a, h in zip(seg.articles, seg.headlines):  # the headline block and lead: the article
        art = next((x for x in arts if h is not None and x.start == h.start), None)
        scopes.append((a.start, art))
    scopes.extend(b.scopes)
    scopes.sort(key=lambda x: x[0])
    raw_scopes = []
    for s, node in scopes:
        raw_scopes.append((norm.map.span_to_raw(s, s)[0] if s < len(norm.text) else len(norm.raw),
                           kept_id(node)))
    return Tree(out, warnings, raw_scopes)


def attach(items: list, scopes: list[tuple[int, str | None]]) -> list:
    """Each item with ``node_id`` of the scope its start falls in (see :class:`Tree`).

    >>> from policy_extract.schema import Entity, EntityLabel
    >>> e = Entity(5, 8, "华为x", EntityLabel.ENTERPRISE)
    >>> attach([e], [(0, "n1"), (4, "n2"), (9, "n3")])[0].node_id
    'n2'
    """
    starts = [s for s, _ in scopes]
    out = []
    for it in items:
        i = bisect.bisect_right(starts, it.start) - 1
        nid = scopes[i][1] if i >= 0 else None
        out.append(dataclasses.replace(it, node_id=nid) if nid != it.node_id else it)
    return out
