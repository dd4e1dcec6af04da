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

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import Warnings
from ..extensions import get_state
from ..schema import Node, NodeKind
from ..text.cues import Numbering, StructureCues, load_structure_cues
from ..text.normalize import NormalizedText, load_layout
from ..text.segment import Covering, Segment, Segmentation

_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")}
_CN_DIGIT["两"] = 2


def enum_value(s: str) -> int | None:
    """The number an enumerator writes (``（三）`` 3, ``12.`` 12, ``②`` 2, ``第十章`` 10).

    >>> enum_value("（三）"), enum_value("12."), enum_value("②"), enum_value("第十章"), enum_value("、")
    (3, 12, 2, 10, None)
    """
    if s and s[0] in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳":
        return ord(s[0]) - ord("①") + 1
    digits = "".join(ch for ch in s if ch.isdigit() or ch in _CN_DIGIT or ch == "十")
    return cn_count(digits) if digits else None


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
    number: int | None = None  # the value of its enumerator (`（三）` 3)
    by: str = ""  # the paragraph rule that made it (its evidence)


class _Builder:
    def __init__(self, norm: NormalizedText, seg: Segmentation, cues: StructureCues):
        self.norm, self.seg, self.c = norm, seg, cues
        self.text = norm.text
        self.nodes: list[_Node] = []
        self.warnings: list[str] = []
        self.scopes: list[tuple[int, _Node | None]] = []  # (normalised start, owner)
        self.rule_name = ""  # the paragraph rule running (see HEADING_RULES, BODY_RULES)

    # -- helpers ---------------------------------------------------------------
    def add(self, kind: NodeKind, s: int, e: int, parent: _Node | None, rule: str, **kw) -> _Node:
        while s < e and self.text[s] in " \t\n，、：":
            s += 1
        # a question heading keeps its `？` (it is the heading's text)
        keep = "？" if kind == NodeKind.SECTION and self.question(self.text[s:e].strip()) else ""
        while e > s and self.text[e - 1] in " \t\n。；，：！？" and self.text[e - 1] not in keep:
            e -= 1
        n = _Node(kind, s, e, parent, rule, by=self.rule_name, **kw)
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

    def opening_review(self, s: int) -> bool:
        """Does the text from ``s`` open as a report of results (a bulletin, a review)?"""
        head = self.text[s : s + self.c.opening_chars]
        return bool(self.c.review_opening.search(head)) and not self.c.plan_opening.search(head)

    def review_of(self, s: int, e: int, inherited: bool) -> bool:
        """A review by its words (`工作回顾`, `发展成效`), a plan by its words (`任务`,
        `目标`), else as inherited. A command (`强化农业农村发展基础`) reviews nothing."""
        t = self.text[s:e]
        m = self.c.review.search(t)
        if m and (m.start() == 0 or self.opens_task(s, e) is None):
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
        """A ``——`` heading sits under the innermost numbered section, else at the top (above
        the numbered ones that follow it)."""
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

    def clauses(self, s: int, e: int) -> list[tuple[int, int, str]]:
        """``(start, end, delimiter before it)`` of the clauses of ``[s, e)``, cut at ``，；。``
        (notes in brackets stay whole); a last clause the text breaks off in is left out."""
        t, out, start, before, i = self.text, [], s, "", s
        while i < e:
            if t[i] in "（(":
                j = t.find("）" if t[i] == "（" else ")", i, e)
                i = j if j > 0 else i
            elif t[i] in "，；。！":
                out.append((start, i, before))
                start, before = i + 1, t[i]
            i += 1
        if start < e and t[e - 1] in "。！？；）”":
            out.append((start, e, before))
        return out

    def target_items(self, s: int, e: int, listed: bool, every: bool = False
                     ) -> list[tuple[int, int]]:
        """The targets of ``[s, e)`` (``国内生产总值增长5.5%左右；城镇新增就业…``), one each.

        Clauses are cut at ``；`` and ``。``, and at ``，`` beside a figure (two clauses
        without one, ``进出口保稳提质，国际收支基本平衡``, are one target). A lead that only
        sets the time (``到2020年``) and a joining word (``其中``, ``并``) stay out. In a
        ``目标是：`` list (``listed``) every item of its first sentence is a target; else
        only those with a figure or opening on a task verb (``培育建设一批…``); with
        ``every``, every item of every sentence.
        """
        c, t = self.c, self.text
        groups: list[list] = []  # [start, end, figure, first sentence]
        first = True
        for a, z, before in self.clauses(s, e):
            lead = c.item_lead.match(t, a, z)
            a = lead.end() if lead else a
            if z - a < 2 or (t[a] in "（(" and t[z - 1] in "）)"):
                continue  # a note in brackets (`（…见附件1）`)
            fig = bool(c.figure.search(t, a, z))
            if groups and before == "，" and not fig and not groups[-1][2]:
                groups[-1][1] = z
                continue
            first = first and before != "。"
            groups.append([a, z, fig, first])
        return [(a, z) for a, z, fig, head in groups
                if z - a >= 4 and (every or (listed and head) or fig
                                   or self.opens_task(a, z) is not None)]

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
        """The sentences of paragraph ``p``; across the line breaks of a joined paragraph
        (see :meth:`joined_paragraphs`) a sentence runs on."""
        out: list[tuple[int, int]] = []
        lo = bisect.bisect_left(self._sent_starts, p.start)
        for sent in self.seg.sentences[lo:]:
            if sent.start >= p.end:
                break
            if out and "\n" in self.text[out[-1][1] : sent.start] \
                    and self.text[out[-1][1] - 1] not in "。！？；…":
                out[-1] = (out[-1][0], sent.end)
            else:
                out.append((sent.start, sent.end))
        return out or [(p.start, p.end)]

    def joined_paragraphs(self) -> list[Segment]:
        """Paragraphs, a line broken inside a ``《》`` title (``认真实施《`` / ``…纲要`` /
        ``》，进一步…``) joined to the lines it runs on into: none of them is a heading."""
        t, out = self.text, []
        for p in self.seg.paragraphs:
            q = out[-1] if out else None
            if q is not None and (t[q.end - 1] == "《" or t[p.start] in self.c.line_continues):
                out[-1] = Segment(q.start, p.end, q.raw_start, p.raw_end, q.kind, q.rule)
            else:
                out.append(p)
        return out

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
        """Items of a list that a count closes or opens (``实施A、B和C等三大行动``, ``开展
        “人工智能+”六大行动，包括A、B…F``), when they add up to the count.

        Items are split at ``、`` and the last one at ``和``/``及``/``与``. Names need not
        end in ``行动`` (``数字信息基础设施“强基”``).

        >>> from policy_extract.text.normalize import normalize
        >>> from policy_extract.text.segment import segment
        >>> n = normalize("将实施数字技术创新突破、数据资源开发利用和数字企业融资促进等三大行动。")
        >>> b = _Builder(n, segment(n), load_structure_cues())
        >>> [n.text[a:z] for a, z in b.counted_actions(0, len(n.text))]
        ['数字技术创新突破', '数据资源开发利用', '数字企业融资促进']
        >>> b.counted_actions(0, 12) is None  # no count closes the list
        True
        """
        for _, kind, pat in self.c.counts:
            if kind != "action":
                continue
            for m in pat.finditer(self.text, s, e):
                n = cn_count(m.group("n"))
                for items in (self._list_before(m, s), self._list_after(m, e)):
                    if n is not None and len(items) == n \
                            and all(z - a >= self.c.action_min for a, z in items):
                        return items
        return None

    def _list_before(self, m: regex.Match, s: int) -> list[tuple[int, int]]:
        """The list a count closes: back from it (and its ``等``) to the introducing verb."""
        t, c = self.text, self.c
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
        return self._items(i, end)

    def _list_after(self, m: regex.Match, e: int) -> list[tuple[int, int]]:
        """The list a count opens: after ``，包括`` / ``：`` up to the end of the sentence."""
        t, c = self.text, self.c
        v = c.action_list_after.match(t, m.end(), e)
        if v is None:
            return []
        end = v.end()
        while end < e and t[end] not in c.action_list_stop:
            end += 1
        return self._items(v.end(), end)

    def _items(self, i: int, end: int) -> list[tuple[int, int]]:
        """``[i, end)`` split at ``、``, the last item at ``和``/``及``/``与``."""
        t, items, a = self.text, [], i
        for j in range(i, end + 1):
            if j == end or t[j] == "、":
                items.append((a, j))
                a = j + 1
        if len(items) < 2:
            return []
        last_s, last_e = items[-1]
        k = max(t.rfind(w, last_s, last_e) for w in self.c.action_list_and)
        if k > last_s:
            items[-1:] = [(last_s, k), (k + 1, last_e)]
        return items

    # -- the walk ----------------------------------------------------------------
    def build(self) -> None:
        """Each paragraph in text order goes through the heading rules, then the body rules;
        the first rule that consumes it ends its turn (``HEADING_RULES``, ``BODY_RULES``)."""
        self._prepare()
        for p in self.paras:
            self._close_previous(p)
            x = self._para(p)
            if x is None:
                continue
            if self._apply(HEADING_RULES, x):
                continue
            w = self.w
            w.last_kind = None
            x.lead, w.after_heading = w.after_heading, False
            announces = self.c.target_cue.search(self.text, p.start, p.end) is not None
            self._apply(BODY_RULES, x)
            w.targets = w.targets or announces
        self._close_previous(None)
        self._finish()

    def _apply(self, rules: tuple, x: "_Para") -> bool:
        for rule in rules:
            self.rule_name = rule.rule_name
            if rule(x):
                return True
        return False

    def _prepare(self) -> None:
        """Article nodes from the headlines; which paragraphs are headlines, non-body, datelines."""
        seg, t = self.seg, self.text
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
            self.arts.append(self.add(NodeKind.ARTICLE, h.start, h.end, None, h.rule,
                                      review=self.review_of(h.start, blk_end,
                                                            self.opening_review(blk_end))))
        self.art_starts = [a.start for a in seg.articles]
        heads = [h for h in seg.headlines if h is not None]
        # one binary search per paragraph (Segmentation.is_nonbody scans every piece)
        in_head, in_nonbody = Covering(heads), Covering(seg.nonbody)
        self.head_paras = {p.start for p in self.paras if in_head.covers(p.start, p.start + 1)}
        self.head_end = {h.start: h.end for h in heads}  # a headline run on into its paragraph
        self.nonbody = {p.start for p in self.paras if in_nonbody.covers(p.start, p.end)}
        lay = load_layout()
        self.dateline_paras = {p.start for p in self.paras
                               if lay.is_dateline(t[p.start : p.end])}
        # a heading is followed by something (a last line cut off mid-sentence is not one)
        self.last_body = self.paras[-1].start if self.paras else 0
        self.ends = frozenset(lay.terminal) | frozenset(lay.closing)
        self.w = _Walk(doc_review=self.opening_review(0))
        self._prev: tuple[Segment, int, bool] | None = None
        self._broken = False  # the paragraph before the current one breaks off mid-sentence

    def _close_previous(self, p: Segment | None) -> None:
        """Scopes of the previous paragraph (what its figures and names belong to)."""
        prev = self._prev
        if prev is not None:
            self._scope(prev[0], prev[1], self.w.context(), prev[2])
            pt = self.text[prev[0].start : prev[0].end]
            self._broken = (pt[-1] not in self.ends and prev[0].start not in self.nonbody
                            and prev[0].start not in self.head_paras
                            and not any(n.kind in (NodeKind.SECTION, NodeKind.ARTICLE)
                                        for n in self.nodes[prev[1]:]))
        self._prev = None if p is None else (p, len(self.nodes), self._broken)

    def _para(self, p: Segment) -> "_Para | None":
        """The paragraph as the rules see it; None for headlines and non-body lines."""
        c, w = self.c, self.w
        k = bisect.bisect_right(self.art_starts, p.start) - 1
        if k != w.art_idx and k >= 0:
            w.art_idx, w.art = k, self.arts[k]
            w.stack, w.action, w.actions, w.last_kind, w.levels = [], None, {}, None, {}
            w.pending = None
            w.doc_review = self.opening_review(self.seg.articles[k].start)
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
        return _Para(self, p, ptext, num=c.numbered(ptext), enum=enum,
                     standalone=c.standalone(ptext, c.heading_max) or self.question(ptext),
                     review=parent_sec.review if parent_sec else w.doc_review,
                     dateline=p.start in self.dateline_paras)

    def announced_actions(self, s: int, e: int) -> int | None:
        """The number of actions a count in ``[s, e)`` announces (``实施六大行动`` 6), not
        inside a quoted name (``“碳达峰十大行动”``)."""
        for _, kind, pat in self.c.counts:
            for m in pat.finditer(self.text, s, e) if kind == "action" else ():
                if self.text[max(s, m.start() - 1) : m.start()] != "“":
                    return cn_count(m.group("n"))
        return None

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
        while w.stack and (w.stack[-1].level >= level or w.stack[-1].level == 0):
            w.stack.pop()
        par = w.stack[-1] if w.stack else w.art
        if inherit is None:
            inherit = par.review if par else w.doc_review
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


# -- the walk's state and the paragraph rules ---------------------------------------------


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
    doc_review: bool = False  # the article (or text) opens as a report of results
    pending: list[int] | None = None  # [announced, found] actions of a count without names
    targets: bool = False  # a paragraph announced targets (`到2025年，…`, `以下目标：`)

    def context(self) -> _Node | None:
        return self.action or (self.stack[-1] if self.stack else self.art)


@dataclass
class _Para:
    """One paragraph as a rule sees it: its text, numbering, enumerator and context."""

    b: _Builder
    p: Segment
    text: str
    num: tuple[Numbering, regex.Match] | None  # `一、` `（一）` `1.` …
    enum: tuple[str, regex.Match] | None  # `一是` `一方面` `比如` …
    standalone: bool  # a short line that does not end a sentence (or one question)
    review: bool  # inside a review of past work
    dateline: bool
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


def rule(name: str):
    """Name a paragraph rule; the name goes into the evidence of the nodes it makes."""
    def deco(fn):
        fn.rule_name = name
        return fn
    return deco


# ---- heading rules (tried first; the first that consumes the paragraph ends its turn) ---

@rule("numbered_heading")
def numbered_heading(x: _Para) -> bool:
    """`一、主要目标` / `（一）指导思想。坚持…`: a section by its numbering style.

    A numbered command that runs on (`（十四）强化农民增收举措。…`) is left to the task
    rules; `1.` and lower styles head a section only as a standalone line or in a review.
    """
    if x.num is None:
        return False
    n, m = x.num
    _raise_over_restart(x, n.id, enum_value(m.group()))
    if not (n.always_section or x.standalone or x.review) or _list_item(x):
        return False
    b, t = x.b, x.b.text
    s0 = x.p.start + m.end()
    e0 = s0
    while e0 < x.p.end and t[e0] not in "。！？；":
        e0 += 1
    if not x.standalone and not x.review and e0 < x.p.end - 1 \
            and b.opens_task(s0, e0) is not None and not b.heads_tasks(x.p):
        return False  # a command, not a topic (GUIDELINES §3)
    sec = b.open_section(s0, e0, b.level_of(n.id), True, n.id)
    sec.number = enum_value(m.group())
    if x.c.action_heading.search(t, s0, e0) and b.announced_one():
        sec.kind, x.w.action = NodeKind.ACTION, sec  # one of the announced actions
        sec.rule = f"announced:{n.id}"
    return True


def _list_item(x: _Para) -> bool:
    """A numbered line that is an item of a list, not a heading: it ends in `；`, or its
    numbering restarts at 1 inside an open section of the same style (`四、…` / `…以下三项：`
    / `一、节约能源…`) or goes on with such a list (`二、…`)."""
    n, m = x.num
    value, w = enum_value(m.group()), x.w
    if w.inner_list is not None and w.inner_list[0] == n.id and value == w.inner_list[1] + 1:
        w.inner_list = (n.id, value)
        return True
    w.inner_list = None
    top = w.stack[-1] if w.stack else None
    if x.text.endswith("；") or (value == 1 and top is not None and top.rule == n.id
                                 and (top.number or 0) > 1):
        w.inner_list = (n.id, value or 0)
        return True
    # one long sentence (`（一）要使粮食生产…比较适应。`) is an item of a list, not a heading
    body = x.text[m.end():]
    return not x.review and len(body) > x.c.heading_max + 1 and body.endswith("。") \
        and not any(ch in "。！？；" for ch in body[:-1])


def _raise_over_restart(x: _Para, style: str, value: int | None) -> None:
    """Numbering that restarts at 1 under an unnumbered heading (`三、…` / `…任务清单` /
    `一、…`) shows that heading stands above that numbering: it is moved up beside the
    numbered section it was put under."""
    w = x.w
    top = w.stack[-1] if w.stack else None
    same = next((s for s in reversed(w.stack) if s.rule == style), None)
    if value != 1 or top is None or top.numbered or same is None:
        return
    top.parent, top.level = same.parent, same.level - 1
    w.stack = [s for s in w.stack if s.level < top.level] + [top]
    if top.rule in ("line", "table"):
        w.levels["line"] = top.level  # the short lines that follow are its siblings


@rule("inline_bullets")
def inline_bullets(x: _Para) -> bool:
    """A bulleted outline flattened into one line (`宏观经济表现 - 经济总量… [2][5] - …
    创新驱动与产业升级 - …`): each heading is a section, each item under it a task (its
    opening phrase; the whole item under a `目标` heading), none in a review."""
    b, c, t = x.b, x.c, x.b.text
    cuts = [m for m in c.inline_bullet.finditer(t, x.p.start, x.p.end)]
    if len(cuts) < c.inline_bullets_min or cuts[0].start() - x.p.start > c.heading_max:
        return False
    head, first = (x.p.start, cuts[0].start()), None
    for k, m in enumerate(cuts):
        if head is not None:  # the outline's headings are a review as its first one is
            sec = b.open_section(head[0], head[1], b.level_of("bullet_heading"), False,
                                 "bullet_heading", None if first is None else first.review)
            first = first or sec
            x.w.after_heading, x.w.last_kind, head = False, None, None
        s0, e0 = m.end(), (cuts[k + 1].start() if k + 1 < len(cuts) else x.p.end)
        note = c.bullet_notes.search(t, s0, e0)  # `… [2][6] 总体目标与量化指标`
        if note is not None:
            if note.group("head") and len(note.group("head")) <= c.heading_max:
                head = (note.start("head"), note.end("head"))
            e0 = note.start()
        if not sec.review and e0 > s0:
            whole = c.target_heading.search(t, sec.start, sec.end) is not None
            x.task(s0, e0 if whole else b.phrase_end(s0, e0), "inline_bullet")
    return True


@rule("dash_outcome")
def dash_outcome(x: _Para) -> bool:
    """Under a `目标` heading a `——` line states an outcome (`——产业能级实现新跨越。规上工业
    增加值…；…`): its first sentence is a task and so is each target clause after it, all
    under the heading (GUIDELINES §3: `——` lines inside a target list)."""
    m = x.c.dash_heading.match(x.text)
    b, stack = x.b, x.w.stack
    if m is None or x.review or not stack or x.c.standalone(x.text, x.c.dash_heading_max) \
            or not x.c.target_heading.search(b.text[stack[-1].start : stack[-1].end]):
        return False
    x.w.after_heading, x.w.last_kind = False, None
    s0 = x.p.start + m.end()
    end = b.dash_sentence(s0, x.p.end) or b.phrase_end(s0, x.p.end)
    x.task(s0, end, "dash_outcome")
    for cs, ce in b.target_items(end + 1, x.p.end, listed=True, every=True):
        x.task(cs, ce, "target_clause")
    return True


@rule("dash_heading")
def dash_heading(x: _Para) -> bool:
    """`——推动优势产业做强做优` on a line of its own: a section under the numbered one."""
    m = x.c.dash_heading.match(x.text)
    if m is None or not x.c.standalone(x.text, x.c.dash_heading_max):
        return False
    x.b.open_section(x.p.start + m.end(), x.p.end, x.b.dash_level(x.w.stack), False, "dash")
    return True


@rule("dash_sentence")
def dash_sentence(x: _Para) -> bool:
    """`——产业能级实现新跨越。规上工业增加值…；…`: the first sentence heads the line; under
    a `目标` heading the clauses after it are targets, one task each."""
    m = x.c.dash_heading.match(x.text)
    if m is None:
        return False
    b = x.b
    ds = b.dash_sentence(x.p.start + m.end(), x.p.end)
    if not ds:
        return False
    sec = b.open_section(x.p.start + m.end(), ds, b.dash_level(x.w.stack), False,
                         "dash_sentence")
    x.w.after_heading, x.w.last_kind = False, None
    if not sec.review and any(x.c.target_heading.search(b.text[n.start : n.end])
                              for n in x.w.stack):
        for cs, ce in b.target_clauses(ds + 1, x.p.end):
            b.add(NodeKind.TASK, cs, ce, sec, "target_clause")
    return True


def _short_line(x: _Para) -> bool:
    """A short standalone line without `。` that something follows (not a dateline, not an
    enumerated item)."""
    c = x.c
    return (x.standalone and (len(x.text) >= c.heading_min or bool(c.spaced_heading.match(x.text))
                              or bool(c.part_heading.match(x.text)))
            and not x.dateline and "。" not in x.text and x.enum is None
            and not c.not_heading.search(x.text)
            and (x.p.start < x.b.last_body or x.w.last_kind in ("heading", "item")))


@rule("list_line")
def list_line(x: _Para) -> bool:
    """A run of short lines after a heading: a list of targets, one task each (a bare
    number such as a garbled date `2022519` is none)."""
    if not _short_line(x) or x.w.last_kind not in ("heading", "item") or x.review \
            or x.c.spaced_heading.match(x.text):
        return False
    if any(ch.isalpha() for ch in x.text):
        x.b.add(NodeKind.TASK, x.p.start, x.p.end, x.sec, "list_line")
    x.w.last_kind = "item"
    return True


@rule("short_line")
def short_line(x: _Para) -> bool:
    """A short standalone line (`抓平台建设，汇聚科创势能`, `表1 …`): a top-level section."""
    if not _short_line(x):
        return False
    m = x.c.table_title.match(x.text)
    style = "part" if x.c.part_heading.match(x.text) else "line"
    x.b.open_section(x.p.start + (m.end() if m else 0), x.p.end, x.b.level_of(style), False,
                     "table" if m else "line")
    return True


# ---- body rules --------------------------------------------------------------------------

@rule("run_in_review_heading")
def run_in_review_heading(x: _Para) -> bool:
    """A review paragraph makes no task; its run-in topic phrase (`农业生产稳中有进。…`) is
    a section. Datelines are consumed without a node."""
    if x.review and not x.dateline:
        x.b.run_in_review_heading(x.p, x.w.stack, x.w.art)
    return x.review or x.dateline


@rule("counted_actions")
def counted_actions(x: _Para) -> bool:
    """`实施A、B…和H等八大行动`: each listed item is an action."""
    if x.num or x.enum:
        return False
    listed = x.b.counted_actions(x.p.start, x.p.end)
    if not listed:
        # `实施六大行动` with the names later: that many actions are looked for
        n = x.b.announced_actions(x.p.start, x.p.end)
        x.w.pending = [n, 0] if n else x.w.pending
        return False
    created = [x.b.add(NodeKind.ACTION, s, e, x.sec, "counted") for s, e in listed]
    for nd in created:
        x.w.actions[x.b.text[nd.start : nd.end]] = nd
    x.w.action = created[0]
    return True


@rule("named_actions")
def named_actions(x: _Para) -> bool:
    """`实施X行动和Y行动，…` introduces actions; a later mention switches tasks to one.

    `推深做实“五清一改”村庄清洁行动，…` opens a task instead (left to the task rules).
    """
    b, t, w = x.b, x.b.text, x.w
    names = b.action_names(x.p.start, x.p.end) if not (x.num or x.enum) else []
    if not names:
        return False
    first_clause = b.phrase_end(x.p.start, x.p.end)
    opening = b.opens_task(x.p.start, x.p.end) is not None
    intro = x.c.action_intro.match(t, x.p.start) is not None and names[0][0] <= first_clause
    if opening and not intro:
        return False
    new, switched = [], None
    # a new action is introduced in the first sentence, or later when a list follows
    first_end = x.p.end if b.opens_list(x.p) else x.sents[0][1]
    for s, e in names:
        name = t[s:e]
        known = next((a for nm, a in w.actions.items()
                      if name.endswith(nm) or nm.endswith(name)), None)
        if known is not None:
            switched = switched or known
        elif s < first_end:
            new.append((s, e))
    if new:
        created = [b.add(NodeKind.ACTION, s, e, x.sec, "named",
                         keep=len(new) >= 2 or x.b.announced_one())
                   for s, e in new]
        for nd, (s, e) in zip(created, new):
            w.actions[t[s:e]] = nd
        w.action = switched or created[0]
        return True
    w.action = switched
    return intro


@rule("numbered_item")
def numbered_item(x: _Para) -> bool:
    """A numbered item (`1. …`) that runs on: its opening phrase is a task."""
    if x.num is None:
        return False
    s0 = x.p.start + x.num[1].end()
    x.task(s0, x.b.phrase_end(s0, x.p.end), x.num[0].id)
    return True


@rule("enumerated_task")
def enumerated_task(x: _Para) -> bool:
    """`一是实施…` / `一方面，…` / `比如…` / `◆…`: the phrase after the enumerator is a task."""
    if x.enum is None:
        return False
    rid, m = x.enum
    if "task" in m.groupdict() and m.group("task"):
        x.task(x.p.start + m.start("task"), x.p.start + m.end("task"), rid)
    else:
        s0 = x.p.start + m.end()
        x.task(s0, x.b.phrase_end(s0, x.p.end), rid)
    return True


@rule("target_run_in")
def target_run_in(x: _Para) -> bool:
    """After a paragraph that announces targets (`规划提出，到2020年，要实现以下目标：`), a
    paragraph opening on a short outcome phrase (`就业规模稳步扩大，就业质量进一步提升。…`)
    has that phrase as a task; its elaboration is not."""
    if not x.w.targets:
        return False
    m = x.c.run_in_target.match(x.text)
    if m is None:
        return False
    x.task(x.p.start + m.start("h"), x.p.start + m.end("h"), "target_run_in")
    return True


@rule("target_list")
def target_list(x: _Para) -> bool:
    """Targets run together in a paragraph (`主要预期目标是：国内生产总值增长5.5%左右；…`,
    `提出，到2025年，工业园区主营业务收入达到3000亿元，…`): one task per target."""
    b, c, stack = x.b, x.c, x.w.stack
    if b.opens_task(x.p.start, x.p.end) is not None or (
            stack and c.target_heading.search(b.text[stack[-1].start : stack[-1].end])):
        return False  # under a `目标` heading a paragraph is one target (`target_paragraph`)
    m = c.target_cue.search(b.text, x.p.start, x.p.end)
    if m is None:
        return False
    listed = m.group("list") is not None
    end = x.p.end
    if not listed:  # `…提出，到2025年，A，B…。`: that sentence
        stop = b.text.find("。", m.end(), x.p.end)
        end = x.p.end if stop < 0 else stop + 1
    items = b.target_items(m.end(), end, listed)
    figures = sum(1 for s, e in items if c.figure.search(b.text, s, e))
    if len(items) < c.target_list_min or figures < (1 if listed else c.target_list_min):
        return False
    for s, e in items:
        x.task(s, e, "target_list")
    return True


@rule("sentence_list")
def sentence_list(x: _Para) -> bool:
    """A paragraph of short imperative sentences under a numbered heading: one task each."""
    c, sents = x.c, x.sents
    formal = not x.w.stack or x.w.stack[-1].numbered
    if not (formal and len(sents) >= c.list_min_sentences
            and all(e - s <= c.list_sentence_max for s, e in sents)):
        return False
    opening = [s for s, e in sents if x.b.opens_task(s, e) is not None]
    if len(opening) < c.list_verb_share * len(sents):
        return False
    for s, e in sents:
        if s in opening:
            x.task(s, e, "list_sentence")
    return True


@rule("verb_opening")
def verb_opening(x: _Para) -> bool:
    """A paragraph opening on a task verb (`夯实人工智能底座。…`): its opening phrase."""
    if x.lead or x.b.opens_task(x.p.start, x.p.end) is None:
        return False
    x.task(x.p.start, x.b.phrase_end(x.p.start, x.p.end), "verb")
    return True


@rule("modal_plan")
def modal_plan(x: _Para) -> bool:
    """`…将 + verb` (`长沙将健全科技金融支持体系`); one that runs on heads a list of
    siblings (`；成立…；加快…`)."""
    b, c, t, sents = x.b, x.c, x.b.text, x.sents
    for i, (s, e) in enumerate(sents):
        m = c.modal_task.match(t, s, e) or b._clause_modal(s, e)
        if not m:
            continue
        ts = m.start("task")
        te = b.phrase_end(ts, e)
        x.task(ts, te, "modal")
        if te < e - 1 or b._runs_on(ts, e):
            for s2, e2 in sents[i + 1 :]:
                m2 = c.modal_task.match(t, s2, e2) or b._clause_modal(s2, e2)
                if m2:
                    x.task(m2.start("task"), b.phrase_end(m2.start("task"), e2), "modal")
                elif b.opens_task(s2, e2) is not None:
                    x.task(s2, b.phrase_end(s2, e2), "sibling")
        return True
    return False


@rule("colon_list")
def colon_list(x: _Para) -> bool:
    """A colon list: `其他举措同样亮点纷呈：加快…；推动…；推动…`."""
    b, colon = x.b, x.text.find("：")
    if not (0 < colon < 20 and len(x.sents) > 1):
        return False
    s0 = x.p.start + colon + 1
    if b.opens_task(s0, x.p.end) is None:
        return False
    x.task(s0, b.phrase_end(s0, x.p.end), "colon")
    for s2, e2 in x.sents[1:]:
        if b.opens_task(s2, e2) is not None:
            x.task(s2, b.phrase_end(s2, e2), "sibling")
    return True


@rule("target_paragraph")
def target_paragraph(x: _Para) -> bool:
    """A target paragraph under a `目标` heading: `到2026年，…产业体系持续深化完善`."""
    b, c, t, stack = x.b, x.c, x.b.text, x.w.stack
    first = t[x.p.start : b.phrase_end(x.p.start, x.p.end)]
    if not (stack and c.target_heading.search(t[stack[-1].start : stack[-1].end])
            and c.time_lead.match(first.split("，")[0])):
        return False
    x.task(x.p.start, b.phrase_end(x.p.start, x.p.end), "target")
    return True


@rule("title_sentence")
def title_sentence(x: _Para) -> bool:
    """A short title sentence opening a paragraph of a news section (`招商量质齐升。…`)."""
    c, stack, sents = x.c, x.w.stack, x.sents
    if x.lead or not stack or stack[-1].numbered or len(sents) <= 1 \
            or len(sents) - 1 < c.title_sentence_min_following:
        return False
    s, e = sents[0]
    if not (e - s <= c.title_sentence_max + 1 and x.b.text[e - 1] == "。"):
        return False
    x.task(s, e, "title_sentence")
    return True


HEADING_RULES = (numbered_heading, inline_bullets, dash_outcome, dash_heading, dash_sentence, list_line,
                 short_line)
BODY_RULES = (run_in_review_heading, counted_actions, named_actions, numbered_item,
              enumerated_task, target_run_in, target_list, sentence_list, verb_opening, modal_plan, colon_list,
              target_paragraph, title_sentence)


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
