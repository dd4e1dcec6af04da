"""``policy_nodes``: the article → section → action → task tree (GUIDELINES §3).

Runs last. :func:`build_tree` is pure (normalised text + segmentation in, nodes
and warnings out); the component then attaches every quantity and entity to its
innermost node (``node_id``) and compares announced counts (``六大行动``,
``18项重点任务``) with what was found (``Warnings.W004``).

Cues are data (``data/zh/structure_cues.json``). The tree is built from
structure first (headlines, numbering, short standalone lines, ``——``
sub-headings), then from the paragraph openings: enumerators (``一是``,
``一方面``, ``比如``), task-opening verbs (``夯实人工智能底座。``), ``…将 + verb``
plans and their ``；``-lists, and target lines under a heading. Named actions
(``实施X行动和Y行动``) group the tasks that follow them until the next heading;
a later paragraph naming one of them switches the tasks to it. Reviews of past
work (``这五年``, ``完成情况``) get sections but no tasks or actions.
"""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import Warnings
from ..extensions import get_state
from ..schema import Node, NodeKind
from ..text.cues import StructureCues, load_structure_cues
from ..text.normalize import NormalizedText, load_layout
from ..text.segment import Covering, Segment, Segmentation

_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")}
_CN_DIGIT["两"] = 2


def cn_count(s: str) -> int | None:
    """A small count written in Arabic or Chinese digits (``六`` 6, ``十八`` 18, ``10`` 10).

    >>> cn_count("六"), cn_count("十八"), cn_count("二十"), cn_count("18"), cn_count("大")
    (6, 18, 20, 18, None)
    """
    if s.isdigit():
        return int(s)
    if not s or any(c not in _CN_DIGIT and c != "十" for c in s):
        return None
    if "十" in s:
        hi, _, lo = s.partition("十")
        return (_CN_DIGIT[hi] if hi else 1) * 10 + (_CN_DIGIT[lo] if lo else 0)
    return _CN_DIGIT[s] if len(s) == 1 else None


@dataclass
class _Node:
    kind: NodeKind
    start: int  # normalised
    end: int
    parent: "_Node | None"
    rule: str
    level: int = 0
    review: bool = False
    numbered: bool = False
    tasks: int = 0
    keep: bool = True
    names: list[str] = field(default_factory=list)


class _Builder:
    def __init__(self, norm: NormalizedText, seg: Segmentation, cues: StructureCues):
        self.norm, self.seg, self.c = norm, seg, cues
        self.text = norm.text
        self.nodes: list[_Node] = []
        self.warnings: list[str] = []
        self.scopes: list[tuple[int, _Node | None]] = []  # (normalised start, owner)

    # -- helpers ---------------------------------------------------------------
    def add(self, kind: NodeKind, s: int, e: int, parent: _Node | None, rule: str, **kw) -> _Node:
        while s < e and self.text[s] in " \t\n，、：":
            s += 1
        # a question heading keeps its `？` (it is the heading's text)
        keep = "？" if kind == NodeKind.SECTION and self.question(self.text[s:e].strip()) else ""
        while e > s and self.text[e - 1] in " \t\n。；，：！？" and self.text[e - 1] not in keep:
            e -= 1
        n = _Node(kind, s, e, parent, rule, **kw)
        self.nodes.append(n)
        return n

    def run_in_review_heading(self, p: Segment, stack: list[_Node], art: _Node | None) -> None:
        """A review paragraph opening on a short topic phrase ending in 。 (`农业生产稳中有进。…`)
        has it as a section beside the others of its heading (GUIDELINES §3), never above them."""
        m = self.c.run_in_review.match(self.text, p.start, p.end)
        if m is None:
            return
        parent = next((n for n in reversed(stack) if n.rule != "run_in_review"), art)
        self.add(NodeKind.SECTION, m.start("h"), m.end("h"), parent, "run_in_review",
                 review=True)

    def review_of(self, s: int, e: int, inherited: bool) -> bool:
        t = self.text[s:e]
        if self.c.review.search(t):
            return True
        if self.c.plan.search(t):
            return False
        return inherited

    def phrase_end(self, s: int, e: int) -> int:
        """End of the opening phrase from ``s``: its sentence when short, else its first clause.

        A first clause that only sets the time (``到2026年``) runs on to the next one.
        """
        t = self.text
        stop = s
        while stop < e and t[stop] not in "。！？；":
            stop += 1
        broken = stop == e and t[e - 1] not in "。！？；"  # a line broken off mid-sentence
        if stop - s <= self.c.task_sentence_max and not broken:
            return stop
        i = s
        while i < stop and t[i] not in self.c.clause_delims:
            i += 1
        if self.c.time_lead.match(t[s:i]) and i < stop:
            j = i + 1
            while j < stop and t[j] not in self.c.clause_delims:
                j += 1
            return j
        return i

    @staticmethod
    def dash_level(stack: list[_Node]) -> int:
        """A ``——`` heading sits under the innermost numbered section, else at the top."""
        return next((x.level + 1 for x in reversed(stack) if x.numbered), 1)

    def dash_sentence(self, s: int, e: int) -> int | None:
        """End of a short first sentence from ``s`` (no clause inside) that more text follows."""
        t, c = self.text, self.c
        i = s
        lim = min(e, s + c.dash_sentence_max + 1)
        while i < lim and t[i] not in "。！？；" and t[i] not in c.clause_delims:
            i += 1
        if i < lim and t[i] == "。" and i - s >= c.heading_min - 1 and e - i > 2:
            return i
        return None

    def target_clauses(self, s: int, e: int) -> list[tuple[int, int]]:
        """The clauses of a run of targets (``…增长15%；5个…初具规模。``), one task each.

        A clause that only sets the time (``到2025年``) runs on to the next; notes in
        brackets (``（…见附件1）``) and a last clause the text breaks off in are left out.

        >>> from policy_extract.text.normalize import normalize
        >>> from policy_extract.text.segment import segment
        >>> n = normalize("到2025年，技术合同成交额增长20%，形成成果不少于5项。（见附件2）新培育")
        >>> b = _Builder(n, segment(n), load_structure_cues())
        >>> [n.text[a:z] for a, z in b.target_clauses(0, len(n.text))]
        ['到2025年，技术合同成交额增长20%', '形成成果不少于5项']
        """
        t, c = self.text, self.c
        out: list[tuple[int, int]] = []
        i, start = s, s
        while i <= e:
            if i == e or t[i] in "，；。！":
                piece = t[start:i].strip()
                if i == e and i > start and t[e - 1] not in "。！？；）”":
                    break  # the text breaks off inside this clause
                if c.time_lead.match(piece) and i < e:
                    i += 1
                    continue  # `到2025年，` runs on
                if piece and not (piece[0] == "（" and piece[-1] == "）") and len(piece) >= 4:
                    out.append((start, i))
                start = i + 1
            elif t[i] == "（":  # a bracketed note is skipped whole
                j = t.find("）", i, e)
                if j > 0:
                    i = j
            i += 1
        return out

    def question(self, text: str) -> bool:
        """A short line that is one question (``“链长制”要怎么干？``): a heading shape.

        >>> b = _Builder.__new__(_Builder); b.c = load_structure_cues()
        >>> b.question("“链长制”要怎么干？"), b.question("为什么？因为它快？"), b.question("怎么干")
        (True, False, False)
        """
        return (len(text) <= self.c.question_max and text.endswith("？")
                and not any(ch in "。！？；" for ch in text[:-1])
                and self.c.standalone(text[:-1], self.c.question_max))

    def opens_task(self, s: int, e: int) -> int | None:
        """Start of a task-opening verb phrase at ``s`` (after a short ``对外，`` lead), if any."""
        m = self.c.task_open.match(self.text, s, e)
        if m:
            return s
        return None

    def sentences(self, p: Segment) -> list[tuple[int, int]]:
        out = []
        lo = bisect.bisect_left(self._sent_starts, p.start)
        for sent in self.seg.sentences[lo:]:
            if sent.start >= p.end:
                break
            out.append((sent.start, sent.end))
        return out or [(p.start, p.end)]

    # -- actions ---------------------------------------------------------------
    def action_names(self, s: int, e: int) -> list[tuple[int, int]]:
        """Names ending in ``行动`` in ``[s, e)``, outside ``《》``, without counts (``六大行动``)."""
        t, c = self.text, self.c
        out = []
        for m in c.action_name.finditer(t, s, e):
            end = m.end()
            i = m.start()
            quoted = False
            while i > s and end - i < c.action_max:
                ch = t[i - 1]
                if ch == "”":
                    quoted = True
                elif ch == "“":
                    quoted = False
                elif not quoted and ch in c.action_stop:
                    break
                i -= 1
            before = t[max(s, i - 30) : i]
            if before.count("《") > before.count("》"):
                continue  # inside a document title
            cand = t[i:end]
            cut = None
            for v in c.action_intro.finditer(cand):
                cut = v.end()
            if cut is not None:
                i, cand = i + cut, cand[cut:]
            if len(cand) < c.action_min + 2:
                continue
            if any(p.search(cand) for _, kind, p in c.counts if kind == "action"):
                continue
            out.append((i, end))
        return out

    def counted_actions(self, s: int, e: int) -> list[tuple[int, int]] | None:
        """Items of a list that a count closes (``实施A、B和C等三大行动``), when they add up.

        The list runs back from the count (and its ``等``) to the introducing verb or the
        clause start; items are split at ``、`` and the last one at ``和``/``及``/``与``.
        Names need not end in ``行动`` (``数字信息基础设施“强基”``).

        >>> from policy_extract.text.normalize import normalize
        >>> from policy_extract.text.segment import segment
        >>> n = normalize("将实施数字技术创新突破、数据资源开发利用和数字企业融资促进等三大行动。")
        >>> b = _Builder(n, segment(n), load_structure_cues())
        >>> [n.text[a:z] for a, z in b.counted_actions(0, len(n.text))]
        ['数字技术创新突破', '数据资源开发利用', '数字企业融资促进']
        >>> b.counted_actions(0, 12) is None  # no count closes the list
        True
        """
        t, c = self.text, self.c
        for _, kind, pat in c.counts:
            if kind != "action":
                continue
            for m in pat.finditer(t, s, e):
                n = cn_count(m.group("n"))
                end = m.start()
                lm = c.action_list_end.search(t, s, end)
                if lm is not None and lm.end() == end:
                    end = lm.start()
                i = end
                while i > s and t[i - 1] not in c.action_list_stop:
                    i -= 1
                v = c.action_intro.search(t, i, end)
                if v is not None:
                    i = v.end()
                if i < end and t[i] == "“" and t[end - 1] == "”":
                    i, end = i + 1, end - 1
                items, a = [], i
                for j in range(i, end + 1):
                    if j == end or t[j] == "、":
                        items.append([a, j])
                        a = j + 1
                if n is None or len(items) < 2:
                    continue
                last_s, last_e = items[-1]
                k = max(t.rfind(w, last_s, last_e) for w in c.action_list_and)
                if k > last_s:
                    items[-1] = [last_s, k]
                    items.append([k + 1, last_e])
                if len(items) == n and all(z - a >= c.action_min for a, z in items):
                    return [(a, z) for a, z in items]
        return None

    # -- main ------------------------------------------------------------------
    def build(self) -> None:
        c, t, seg = self.c, self.text, self.seg
        self._sent_starts = [s.start for s in seg.sentences]
        arts: list[_Node | None] = []
        for a, h in zip(seg.articles, seg.headlines):
            if h is None:
                arts.append(None)
                continue
            # the headline block (kicker, sub-headline) decides review vs plan
            blk_end = h.end
            for nb in seg.nonbody:
                if nb.start >= blk_end and nb.kind == "kicker" and nb.start - blk_end < 4:
                    blk_end = nb.end
            arts.append(self.add(NodeKind.ARTICLE, h.start, h.end, None, h.rule,
                                 review=self.review_of(h.start, blk_end, False)))
        art_starts = [a.start for a in seg.articles]
        heads = [h for h in seg.headlines if h is not None]
        # one binary search per paragraph (Segmentation.is_nonbody scans every piece)
        in_head, in_nonbody = Covering(heads), Covering(seg.nonbody)
        head_paras = {p.start for p in seg.paragraphs if in_head.covers(p.start, p.start + 1)}
        nonbody = {p.start for p in seg.paragraphs if in_nonbody.covers(p.start, p.end)}
        dateline_paras = set()

        lay = load_layout()
        for p in seg.paragraphs:
            if lay.is_dateline(t[p.start : p.end]):
                dateline_paras.add(p.start)

        # a heading is followed by something (a last line cut off mid-sentence is not one)
        last_body = seg.paragraphs[-1].start if seg.paragraphs else 0
        cur_art: _Node | None = None
        art_idx = -1
        stack: list[_Node] = []  # open sections, outermost first
        action: _Node | None = None
        actions: dict[str, _Node] = {}
        after_heading = False  # the paragraph just after an unnumbered heading is its lead
        last_kind = None  # "heading" | "item" | None: for lists of standalone lines

        def enum_of(text: str):
            return next((pat.match(text) for _, pat in c.enumerators if pat.match(text)), None)

        ends = frozenset(lay.terminal) | frozenset(lay.closing)
        prev: tuple[Segment, int, bool] | None = None
        broken = False  # the paragraph before ``p`` breaks off mid-sentence
        for p in seg.paragraphs:
            if prev is not None:  # what the previous paragraph's figures and names belong to
                self._scope(prev[0], prev[1], action or (stack[-1] if stack else cur_art),
                            prev[2])
                pt = t[prev[0].start : prev[0].end]
                broken = (pt[-1] not in ends and prev[0].start not in nonbody
                          and prev[0].start not in head_paras
                          and not any(n.kind in (NodeKind.SECTION, NodeKind.ARTICLE)
                                      for n in self.nodes[prev[1]:]))
            prev = (p, len(self.nodes), broken)
            k = bisect.bisect_right(art_starts, p.start) - 1
            if k != art_idx and k >= 0:
                art_idx, cur_art = k, arts[k]
                stack, action, actions, last_kind = [], None, {}, None
            if p.start in nonbody:
                continue
            if p.start in head_paras:
                # a headline line that is also a numbered heading (a file starting `一、…`)
                if not c.numbered(t[p.start : p.end]):
                    continue
            ptext = t[p.start : p.end]
            parent_sec = stack[-1] if stack else cur_art
            review = parent_sec.review if parent_sec else False

            # ---- headings -----------------------------------------------------
            num = c.numbered(ptext)
            standalone = c.standalone(ptext, c.heading_max) or self.question(ptext)
            head = None
            if num and (num[0].always_section or standalone or review):
                n, m = num
                s0 = p.start + m.end()
                e0 = s0
                while e0 < p.end and t[e0] not in "。！？；":
                    e0 += 1
                # `（十四）强化农民增收举措。…`: a numbered command that runs on is a task,
                # `（一）指导思想。坚持…` (a topic) stays a section (GUIDELINES §3)
                command = (not standalone and not review and e0 < p.end - 1
                           and self.opens_task(s0, e0) is not None)
                if not command:
                    head = (s0, e0, n.level, True, n.id)
            elif c.dash_heading.match(ptext) and c.standalone(ptext, c.dash_heading_max):
                m = c.dash_heading.match(ptext)
                head = (p.start + m.end(), p.end, self.dash_level(stack), False, "dash")
            elif c.dash_heading.match(ptext) and (
                    ds := self.dash_sentence(p.start + c.dash_heading.match(ptext).end(), p.end)):
                # `——产业能级实现新跨越。规上工业增加值…；…` : the first sentence heads the line
                head = (p.start + c.dash_heading.match(ptext).end(), ds, self.dash_level(stack),
                        False, "dash_sentence")
            elif (standalone and (len(ptext) >= c.heading_min or c.spaced_heading.match(ptext))
                  and p.start not in dateline_paras
                  and "。" not in ptext
                  and not any(pat.match(ptext) for _, pat in c.enumerators)
                  and (p.start < last_body or last_kind in ("heading", "item"))):
                if last_kind in ("heading", "item") and not review \
                        and not c.spaced_heading.match(ptext):
                    # a run of short lines after a heading: a list of targets, one task each
                    # (a bare number such as a garbled date `2022519` is none)
                    if any(ch.isalpha() for ch in ptext):
                        par = stack[-1] if stack else cur_art
                        self.add(NodeKind.TASK, p.start, p.end, par, "list_line")
                    last_kind = "item"
                    continue
                m = c.table_title.match(ptext)
                s0 = p.start + (m.end() if m else 0)
                head = (s0, p.end, 1, False, "table" if m else "line")
            if head is not None:
                s0, e0, level, numbered, rule = head
                while stack and stack[-1].level >= level:
                    stack.pop()
                par = stack[-1] if stack else cur_art
                sec = self.add(NodeKind.SECTION, s0, e0, par, rule, level=level,
                               numbered=numbered,
                               review=self.review_of(s0, e0, par.review if par else False))
                stack.append(sec)
                action = None
                after_heading = not numbered
                last_kind = "heading"
                if rule == "dash_sentence":
                    after_heading, last_kind = False, None
                    if not sec.review and any(c.target_heading.search(t[x.start : x.end])
                                              for x in stack):
                        for cs, ce in self.target_clauses(e0 + 1, p.end):
                            self.add(NodeKind.TASK, cs, ce, sec, "target_clause")
                continue
            last_kind = None
            lead = after_heading
            after_heading = False
            if review and p.start not in dateline_paras:
                self.run_in_review_heading(p, stack, cur_art)
            if review or p.start in dateline_paras:
                continue

            # ---- actions: names introduced or mentioned again -----------------
            sec = stack[-1] if stack else cur_art
            listed = None if (num or enum_of(ptext)) else self.counted_actions(p.start, p.end)
            if listed:  # `实施A、B…和H等八大行动`: each listed item is an action
                created = [self.add(NodeKind.ACTION, s, e, sec, "counted") for s, e in listed]
                for nd in created:
                    actions[t[nd.start : nd.end]] = nd
                action = created[0]
                continue
            names = self.action_names(p.start, p.end)
            enum = None
            for rid, pat in c.enumerators:
                m = pat.match(ptext)
                if m:
                    enum = (rid, m)
                    break
            if names and not (num or enum):
                first_clause = self.phrase_end(p.start, p.end)
                opening = self.opens_task(p.start, p.end) is not None
                # `实施X行动，…` introduces; `推深做实“五清一改”村庄清洁行动，…` is a task
                intro = c.action_intro.match(t, p.start) is not None and names[0][0] <= first_clause
                if not opening or intro:
                    new, switched = [], None
                    for s, e in names:
                        name = t[s:e]
                        known = next((a for nm, a in actions.items()
                                      if name.endswith(nm) or nm.endswith(name)), None)
                        if known is not None:
                            switched = switched or known
                        else:
                            new.append((s, e))
                    if new:
                        multi = len(new) >= 2
                        created = [self.add(NodeKind.ACTION, s, e, sec, "named", keep=multi)
                                   for s, e in new]
                        for nd, (s, e) in zip(created, new):
                            actions[t[s:e]] = nd
                        action = switched or created[0]
                        continue
                    action = switched
                    if intro:
                        continue

            owner = action or sec

            def task(s: int, e: int, rule: str) -> None:
                if e > s:
                    self.add(NodeKind.TASK, s, e, owner, rule)
                    if action is not None:
                        action.tasks += 1

            # ---- tasks --------------------------------------------------------
            if num:  # a numbered item (1. …) that runs on: a task
                s0 = p.start + num[1].end()
                task(s0, self.phrase_end(s0, p.end), num[0].id)
                continue
            if enum:
                rid, m = enum
                if "task" in m.groupdict() and m.group("task"):
                    task(p.start + m.start("task"), p.start + m.end("task"), rid)
                else:
                    s0 = p.start + m.end()
                    task(s0, self.phrase_end(s0, p.end), rid)
                continue
            sents = self.sentences(p)
            # a paragraph that is a list of short imperative sentences: one task each
            formal = not stack or stack[-1].numbered
            if formal and len(sents) >= c.list_min_sentences and all(
                    e - s <= c.list_sentence_max for s, e in sents):
                opening = [s for s, e in sents if self.opens_task(s, e) is not None]
                if len(opening) >= c.list_verb_share * len(sents):
                    for s, e in sents:
                        if s in opening:
                            task(s, e, "list_sentence")
                    continue
            if not lead and self.opens_task(p.start, p.end) is not None:
                task(p.start, self.phrase_end(p.start, p.end), "verb")
                continue
            # `…将 + verb` (长沙将健全科技金融支持体系); a long one heads a list of siblings
            done = False
            for i, (s, e) in enumerate(sents):
                m = c.modal_task.match(t, s, e) or self._clause_modal(s, e)
                if not m:
                    continue
                ts = m.start("task")
                te = self.phrase_end(ts, e)
                task(ts, te, "modal")
                if te < e - 1 or self._runs_on(ts, e):
                    for s2, e2 in sents[i + 1 :]:
                        m2 = c.modal_task.match(t, s2, e2) or self._clause_modal(s2, e2)
                        if m2:
                            task(m2.start("task"), self.phrase_end(m2.start("task"), e2), "modal")
                        elif self.opens_task(s2, e2) is not None:
                            task(s2, self.phrase_end(s2, e2), "sibling")
                done = True
                break
            if done:
                continue
            # a colon list: `其他举措同样亮点纷呈：加快…；推动…；推动…`
            colon = ptext.find("：")
            if 0 < colon < 20 and len(sents) > 1:
                s0 = p.start + colon + 1
                if self.opens_task(s0, p.end) is not None:
                    task(s0, self.phrase_end(s0, p.end), "colon")
                    for s2, e2 in sents[1:]:
                        if self.opens_task(s2, e2) is not None:
                            task(s2, self.phrase_end(s2, e2), "sibling")
                    continue
            # a target paragraph under a `目标` heading: `到2026年，…产业体系持续深化完善`
            first = t[p.start : self.phrase_end(p.start, p.end)]
            if stack and c.target_heading.search(t[stack[-1].start : stack[-1].end]) \
                    and c.time_lead.match(first.split("，")[0]):
                task(p.start, self.phrase_end(p.start, p.end), "target")
                continue
            # a short title sentence opening a paragraph of a news section (招商量质齐升。)
            if (not lead and stack and not stack[-1].numbered and len(sents) > 1
                    and len(sents) - 1 >= c.title_sentence_min_following):
                s, e = sents[0]
                if e - s <= c.title_sentence_max + 1 and t[e - 1] == "。":
                    task(s, e, "title_sentence")

        if prev is not None:
            self._scope(prev[0], prev[1], action or (stack[-1] if stack else cur_art), prev[2])
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

    def _clause_modal(self, s: int, e: int):
        """``…，长沙将健全…`` : the modal plan in a later clause of the sentence."""
        t = self.text
        i = s
        while i < e:
            j = i
            while j < e and t[j] not in "，":
                j += 1
            if j >= e:
                return None
            i = j + 1
            m = self.c.modal_task.match(t, i, e)
            if m:
                return m
        return None

    def _runs_on(self, ts: int, e: int) -> bool:
        return e - ts > self.c.task_sentence_max

    def counts(self) -> list[tuple[str, int, int, int]]:
        """(what, announced, found, article index) for each announced count."""
        out = []
        spans = [(a.start, a.end) for a in self.seg.articles] or [(0, len(self.text))]
        for a_i, a in enumerate(spans):
            seen = set()
            for _, kind, pat in self.c.counts:
                for m in pat.finditer(self.text, a[0], a[1]):
                    before = self.text[max(a[0], m.start() - 1) : m.start()]
                    if before == "“":
                        continue  # a quoted name (“十大攀登行动”)
                    n = cn_count(m.group("n"))
                    if n is None or (kind, n) in seen:
                        continue
                    seen.add((kind, n))
                    found = sum(1 for x in self.nodes if x.kind.value == kind
                                and a[0] <= x.start < a[1])
                    if found != n:
                        out.append((m.group(), n, found, a_i))
        return out


@dataclass(frozen=True)
class Tree:
    """What :func:`build_tree` finds: nodes (raw offsets), count warnings, and ``scopes``,
    sorted ``(raw start, node id)`` pairs: from each start on, text belongs to that node."""

    nodes: list[Node]
    warnings: list[str]
    scopes: list[tuple[int, str | None]]


def build_tree(norm: NormalizedText, seg: Segmentation,
               cues: StructureCues | None = None) -> Tree:
    """The tree of one text: nodes with ids ``n1…`` in text order, warnings, scopes.

    >>> from policy_extract.text.normalize import normalize
    >>> from policy_extract.text.segment import segment
    >>> n = normalize("长沙纵深推进科技创新\\n\\n长沙晚报2月24日讯 长沙将发力。\\n\\n"
    ...               "抓平台建设，汇聚科创势能\\n\\n如今，平台就是“加速器”。\\n\\n"
    ...               "一方面，加快建设战略平台。积极服务国家实验室体系建设。")
    >>> [(x.kind.value, x.text, x.parent) for x in build_tree(n, segment(n)).nodes]
    [('article', '长沙纵深推进科技创新', None), ('section', '抓平台建设，汇聚科创势能', 'n1'), ('task', '加快建设战略平台', 'n2')]
    """
    b = _Builder(norm, seg, cues or load_structure_cues())
    b.build()
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
                        n.kind, rs, re_, txt, evidence={"rule": n.rule}))
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


class TreeBuilder:
    """Sets ``doc._.pe.nodes``, adds count warnings, attaches figures and names."""

    def __init__(self, cues: StructureCues | None = None):
        self.cues = cues or load_structure_cues()

    def __call__(self, doc: Doc) -> Doc:
        st = get_state(doc)
        if st.seg is None:
            from ..text.segment import segment

            st.seg = segment(st.norm)
        tree = build_tree(st.norm, st.seg, self.cues)
        st.nodes = tree.nodes
        st.warnings.extend(w for w in tree.warnings if w not in st.warnings)
        st.quantities = attach(list(st.quantities), tree.scopes)
        st.entities = attach(list(st.entities), tree.scopes)
        return doc


@Language.factory("policy_nodes")
def make_tree_builder(nlp: Language, name: str) -> TreeBuilder:
    return TreeBuilder()
