"""The walk over the paragraphs: its state (:class:`_Walk`), the paragraph as a rule sees
it (:class:`_Para`), and :class:`_Walker`, which tries the rules on each paragraph in
text order, opens sections, and records what each stretch of text belongs to.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex

from ...schema import NodeKind
from ...text.cues import Numbering, StructureCues
from ...text.normalize import load_layout
from ...text.segment import Covering, Segment
from .actions import _ActionLists
from .builder import _Node


@dataclass
class _Walk:
    """What the walk carries from one paragraph to the next."""

    art: _Node | None = None
    art_idx: int = -1
    stack: list[_Node] = field(default_factory=list)  # open sections, outermost first
    action: _Node | None = None  # the action tasks go to
    actions: dict[str, _Node] = field(default_factory=dict)  # named so far in the article
    after_heading: bool = False  # the paragraph just after an unnumbered heading is its lead
    last_kind: str | None = None  # "heading" | "item" | None: for lists of standalone lines
    levels: dict[str, int] = field(default_factory=dict)  # heading style -> level, learned
    inner_list: tuple[str, int] | None = None  # (style, last number) of a list restarted inside
    nested: tuple[str, int] | None = None  # (style, last number) of headings restarted inside
    doc_review: bool = False  # the article (or text) opens as a report of results
    pending: list[int] | None = None  # [announced, found] actions of a count without names
    targets: bool = False  # a paragraph announced targets (`到2025年，…`, `以下目标：`)

    def context(self) -> _Node | None:
        return self.action or (self.stack[-1] if self.stack else self.art)


@dataclass
class _Para:
    """One paragraph as a rule sees it: its text, numbering, enumerator and context."""

    b: _Walker
    p: Segment
    text: str
    num: tuple[Numbering, regex.Match] | None  # `一、` `（一）` `1.` …
    enum: tuple[str, regex.Match] | None  # `一是` `一方面` `比如` …
    standalone: bool  # a short line that does not end a sentence (or one question)
    review: bool  # inside a review of past work
    lead: bool = False  # the paragraph just after an unnumbered heading
    _sents: list[tuple[int, int]] | None = None

    @property
    def w(self) -> _Walk:
        return self.b.w

    @property
    def c(self) -> StructureCues:
        return self.b.c

    @property
    def sec(self) -> _Node | None:
        """The innermost open section, else the article."""
        return self.w.stack[-1] if self.w.stack else self.w.art

    @property
    def dateline(self) -> bool:
        return self.b.dateline_para(self.p.start)

    @property
    def sents(self) -> list[tuple[int, int]]:
        if self._sents is None:
            self._sents = self.b.sentences(self.p)
        return self._sents

    def task(self, s: int, e: int, cue: str) -> None:
        """A task under the current action, else the current section."""
        if e > s:
            action = self.w.action
            self.b.add(NodeKind.TASK, s, e, action or self.sec, cue)
            if action is not None:
                action.tasks += 1


def _plan_passage(f) -> bool:
    """Is the status frame ``f`` a plan's passage (a work report's turn to the year's work,
    `今年要着重做好以下八个方面工作`, with no heading of its own)? Then nothing there is a
    review. (A plan's heading is read by its own words: `review_of`.)"""
    return f is not None and f.status == "target" and f.kind == "passage"


def _review_heading(f) -> bool:
    """Is ``f`` a review heading's frame (`一、工作举措及成效`) that the tree's own review cues
    may have missed? (A review genre or passage is not enough: a bulletin's or a news page's
    closing plans would lose their tasks.)"""
    return f is not None and f.status == "achieved" and f.kind == "heading"


def _dash_under_numbered(n: _Node) -> bool:
    """A `——` heading inside a numbered section (一、过去五年工作回顾 / ——经济跨上新台阶…): a
    numbered heading after it (（一）…) is its sibling's child, never its own (the 2008 national
    report). A `——` heading at the top still heads the numbered ones after it."""
    return not n.numbered and n.rule in ("dash", "dash_sentence") and n.level > 1


class _Walker(_ActionLists):
    """The builder that walks: the rules are passed in (:mod:`.rules` depends on this
    module for :class:`_Para`, so it cannot be imported here)."""

    def build(self, heading_rules: tuple, body_rules: tuple) -> None:
        """Each paragraph in text order goes through the heading rules, then the body rules;
        the first rule that consumes it ends its turn (``rules.HEADING_RULES``,
        ``rules.BODY_RULES``)."""
        self._prepare()
        for p in self.paras:
            self._close_previous(p)
            x = self._para(p)
            if x is None:
                # a lead paragraph read as page furniture can still announce a target list
                # (`据…消息，规划提出，到2020年，要实现以下目标：`)
                self.w.targets = self.w.targets or \
                    self.c.target_cue.search(self.text, p.start, p.end) is not None
                continue
            if self._apply(heading_rules, x):
                continue
            w = self.w
            w.last_kind = None
            x.lead, w.after_heading = w.after_heading, False
            announces = self.c.target_cue.search(self.text, p.start, p.end) is not None
            self._apply(body_rules, x)
            w.targets = w.targets or announces
        self._close_previous(None)
        self._finish()

    def _apply(self, rules: tuple, x: _Para) -> bool:
        for rule in rules:
            self.rule_name = rule.rule_name
            if rule(x):
                return True
        return False

    def _prepare(self) -> None:
        """Article nodes from the headlines; which paragraphs are headlines, non-body."""
        seg = self.seg
        self._sent_starts = [s.start for s in seg.sentences]
        self.paras = self.joined_paragraphs()
        self.para_starts = [p.start for p in self.paras]
        self.rule_name = "headline"
        self.arts: list[_Node | None] = []
        for h in seg.headlines:
            if h is None:
                self.arts.append(None)
                continue
            # the headline block (kicker, sub-headline) decides review vs plan
            blk_end = h.end
            for nb in seg.nonbody:
                if nb.start >= blk_end and nb.kind == "kicker" and nb.start - blk_end < 4:
                    blk_end = nb.end
            # `原标题：市人民政府关于…的意见`: the title, without the note that it is the original
            m = self.c.original_title.match(self.text, h.start, h.end)
            # `…统计公报 2022`: the page's year stamp after the headline is no part of it
            st = self.c.headline_stamp.search(self.text, h.start, h.end)
            self.arts.append(self.add(NodeKind.ARTICLE, m.end() if m else h.start,
                                      st.start() if st else h.end, None,
                                      h.rule,
                                      review=self.review_of(h.start, blk_end,
                                                            self.opening_review(blk_end))))
        self.art_starts = [a.start for a in seg.articles]
        heads = [h for h in seg.headlines if h is not None]
        # one binary search per paragraph (Segmentation.is_nonbody scans every piece)
        in_head, in_nonbody = Covering(heads), Covering(seg.nonbody)
        self.head_paras = {p.start for p in self.paras if in_head.covers(p.start, p.start + 1)}
        self.head_end = {h.start: h.end for h in heads}  # a headline run on into its paragraph
        self.nonbody = {p.start for p in self.paras if in_nonbody.covers(p.start, p.end)}
        lay = self._lay = load_layout()
        self._para_by_start = {p.start: p for p in self.paras}
        self._datelines: dict[int, bool] = {}  # filled by dateline_para, as rules ask
        # a heading is followed by something (a last line cut off mid-sentence is not one)
        self.last_body = self.paras[-1].start if self.paras else 0
        self.ends = frozenset(lay.terminal) | frozenset(lay.closing)
        self.w = _Walk(doc_review=self.opening_review(0) or self.title_review())
        self._prev: tuple[Segment, int, bool] | None = None
        self._broken = False  # the paragraph before the current one breaks off mid-sentence

    def _close_previous(self, p: Segment | None) -> None:
        """Scopes of the previous paragraph (what its figures and names belong to)."""
        prev = self._prev
        if prev is not None:
            self._scope(prev[0], prev[1], self.w.context(), prev[2])
            self._broken = (self.text[prev[0].end - 1] not in self.ends
                            and prev[0].start not in self.nonbody
                            and prev[0].start not in self.head_paras
                            and not any(n.kind in (NodeKind.SECTION, NodeKind.ARTICLE)
                                        for n in self.nodes[prev[1]:]))
        self._prev = None if p is None else (p, len(self.nodes), self._broken)

    def _para(self, p: Segment) -> _Para | None:
        """The paragraph as the rules see it; None for headlines and non-body lines."""
        c, w = self.c, self.w
        k = bisect.bisect_right(self.art_starts, p.start) - 1
        if k != w.art_idx and k >= 0:
            w.art_idx, w.art = k, self.arts[k]
            w.stack, w.action, w.actions, w.last_kind, w.levels = [], None, {}, None, {}
            w.pending = None
            w.doc_review = self.opening_review(self.seg.articles[k].start) or \
                (k == 0 and self.title_review())
        ptext = self.text[p.start : p.end]
        if p.start in self.nonbody:
            return None
        # a headline line that is also a numbered heading (a file starting `一、…`) goes on,
        # and so does what a paragraph runs on into after its headline
        if p.start in self.head_paras and not c.numbered(ptext):
            p = self._after_headline(p)
            if p is None:
                return None
            ptext = self.text[p.start : p.end]
        parent_sec = w.stack[-1] if w.stack else w.art
        enum = next(((rid, m) for rid, pat in c.enumerators if (m := pat.match(ptext))), None)
        f = self.frames.at(p.start, "status") if self.frames is not None else None
        review = (parent_sec.review if parent_sec else w.doc_review) or _review_heading(f)
        return _Para(self, p, ptext, num=c.numbered(ptext), enum=enum,
                     standalone=c.standalone(ptext, c.heading_max) or self.question(ptext),
                     review=review and not _plan_passage(f))

    def planned(self, i: int) -> bool:
        """Do the time frames put ``i`` in a plan's passage (see :func:`_plan_passage`)?"""
        return _plan_passage(self.frames.at(i, "status") if self.frames is not None else None)

    def dateline_para(self, start: int) -> bool:
        """Is the paragraph starting at ``start`` a dateline (`长沙晚报2月24日讯 …`)? Asked
        when a rule reads it (few do), once per paragraph."""
        d = self._datelines.get(start)
        if d is None:
            p = self._para_by_start.get(start)
            d = p is not None and self._lay.is_dateline(self.text[p.start : p.end])
            self._datelines[start] = d
        return d

    def title_review(self) -> bool:
        """Does the page's headline from metadata name a review (`…政府工作报告(2022年工作
        回顾节选)`)? An excerpt without its own heading is read as its headline says."""
        t = getattr(self, "title", "")
        return bool(t) and self.c.review.search(t) is not None and self.c.plan.search(t) is None

    def announced_one(self) -> bool:
        """Is an announced count still short of actions? Then count one more."""
        pending = self.w.pending
        if pending is None:
            return False
        pending[1] += 1
        if pending[1] >= pending[0]:
            self.w.pending = None
        return True

    def opens_list(self, p: Segment) -> bool:
        """Does paragraph ``p`` introduce a list: it ends on `：`/`——`, or the next one opens
        on an enumerator (`一是`, `一方面`)?"""
        if self.text[p.end - 1] in "：—":
            return True
        k = bisect.bisect_right(self.para_starts, p.start)
        if k >= len(self.paras):
            return False
        q = self.text[self.paras[k].start : self.paras[k].end]
        return any(pat.match(q) for _, pat in self.c.enumerators)

    def heads_tasks(self, p: Segment) -> bool:
        """Is paragraph ``p`` followed by an unnumbered paragraph opening on a task verb?
        A numbered command over such paragraphs (`（一）大力推进现代化产业体系建设，…。` /
        `推动产业链供应链优化升级。…`) is their heading, not a task beside them."""
        k = bisect.bisect_right(self.para_starts, p.start)
        if k >= len(self.paras):
            return False
        q = self.paras[k]
        if self.c.numbered(self.text[q.start : q.end]) is not None:
            return False
        return self.opens_task(q.start, q.end) is not None \
            or self.c.run_in_review.match(self.text, q.start, q.end) is not None

    def _after_headline(self, p: Segment) -> Segment | None:
        """The rest of a paragraph its headline runs on into, when it is a bulleted outline
        (`…高质量疏解达预期效果` / `中国新闻网…` / `雄安新区…进展 - 核心观点…`)."""
        end = self.head_end.get(p.start)
        cuts = list(self.c.inline_bullet.finditer(self.text, end or p.end, p.end))
        if end is None or len(cuts) < self.c.inline_bullets_min:
            return None
        # the outline starts on the raw line (the normaliser joined the lines) of its first item
        breaks = [self.norm.map.to_norm(d.start) for d in self.norm.map.deletions
                  if d.kind == "break" and p.raw_start <= d.start < p.raw_end]
        s = max((b for b in breaks if end <= b < cuts[0].start()), default=None)
        if s is None:
            return None
        rs, re_ = self.norm.map.span_to_raw(s, p.end)
        return Segment(s, p.end, rs, re_, p.kind, p.rule)

    def level_of(self, style: str) -> int:
        """The level of a heading style (``cn_dun``, ``cn_paren``, ``arabic_dot``, ``line`` …) in
        this article: the order in which the styles first head a section. A document that
        opens on ``（一）`` and numbers its parts ``一、`` inside them keeps that order. A part
        of the document (``前 言``, ``结束语``) is level 0: a sibling of the top headings."""
        if style == "part":
            return 0
        levels = self.w.levels
        if style not in levels:
            levels[style] = 2 * (len(levels) + 1)  # odd levels: `——` headings between them
        return levels[style]

    def open_section(self, s: int, e: int, level: int, numbered: bool, cue: str,
                     inherit: bool | None = None) -> _Node:
        """A heading: closes the open sections of its level or deeper and opens its own; it
        is a review by its words, else as ``inherit`` says, else as its parent is."""
        w = self.w
        while w.stack and (w.stack[-1].level >= level or w.stack[-1].level == 0 or
                           numbered and _dash_under_numbered(w.stack[-1])):
            w.stack.pop()
        par = w.stack[-1] if w.stack else w.art
        if inherit is None:
            inherit = (par.review if par else w.doc_review) and not self.planned(s)
        sec = self.add(NodeKind.SECTION, s, e, par, cue, level=level, numbered=numbered,
                       review=self.review_of(s, e, inherit))
        w.stack.append(sec)
        w.action, w.targets = None, False
        w.after_heading = not numbered
        w.last_kind = "heading"
        return sec

    def _finish(self) -> None:
        # actions that group nothing and were not introduced in a list are mentions only
        for n in self.nodes:
            if n.kind == NodeKind.ACTION and n.tasks:
                n.keep = True
        for n in self.nodes:
            while n.parent is not None and not n.parent.keep:
                n.parent = n.parent.parent
        self.nodes = [n for n in self.nodes if n.keep and n.end > n.start]

    def _scope(self, p: Segment, n_before: int, ctx: _Node | None, continues: bool = False) -> None:
        """Paragraph ``p`` belongs to ``ctx``, from each node made in it to the next, to that node.

        A paragraph that continues a sentence broken off by a line break (``…团队研`` /
        ``发的新药…``) stays with the node the broken one ended in (its task, not the action).
        """
        made = sorted((n for n in self.nodes[n_before:] if n.kind != NodeKind.ARTICLE),
                      key=lambda n: n.start)
        if continues and self.scopes:
            ctx = self.scopes[-1][1]
        listed = [n for n in made if n.kind == NodeKind.ACTION]
        if len(listed) >= 2:
            # around a list of actions (`实施A、…和H等八大行动和27项工程`) the text is about
            # all of them: it belongs to where they hang, not to the first or the last
            ctx = listed[0].parent
        self.scopes.append((p.start, ctx))
        for n in made:
            self.scopes.append((max(p.start, n.start), n))
        if len(listed) >= 2 and made[-1] is listed[-1]:
            self.scopes.append((listed[-1].end, ctx))
