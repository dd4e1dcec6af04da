"""The tree's nodes as built, and the text helpers every paragraph rule uses.

:class:`_Builder` holds the text, the segmentation and the cues, makes nodes
(:meth:`_Builder.add`) and answers questions about spans of the text: where an
opening phrase ends, the clauses and targets of a span, whether it opens on a task
verb, whether it reads as a review. It keeps no walk state: :mod:`.walk` does.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ...schema import NodeKind
from ...text.cues import StructureCues
from ...text.normalize import NormalizedText
from ...text.segment import Segment, Segmentation
from .pos import command_openers, first_word, has_prefix_in, verbs

_SENT_STOPS = frozenset("。！？；")


@lru_cache(maxsize=None)
def _one_of(chars: frozenset[str]) -> re.Pattern:
    """A pattern of one character of ``chars``: the scans below jump with it in C."""
    singles = "".join(re.escape(c) for c in sorted(chars) if len(c) == 1)
    return re.compile(f"[{singles}]" if singles else "(?!)")


def _scan(text: str, chars: frozenset[str], s: int, e: int) -> int:
    """The first index in ``[s, e)`` holding one of ``chars``, else ``max(s, e)``: where
    ``while i < e and text[i] not in chars: i += 1`` stops, found without a Python loop."""
    m = _one_of(chars).search(text, s, e) if s < e else None
    return m.start() if m else max(s, e)


@dataclass
class _Node:
    """A node as built; :func:`.build.build_tree` turns the kept ones into schema nodes."""

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
    """The text, its segmentation and cues; the nodes made so far and their scopes."""

    def __init__(self, norm: NormalizedText, seg: Segmentation, cues: StructureCues):
        self.norm, self.seg, self.c = norm, seg, cues
        self.text = norm.text
        self.nodes: list[_Node] = []
        self.warnings: list[str] = []
        self.scopes: list[tuple[int, _Node | None]] = []  # (normalised start, owner)
        self.rule_name = ""  # the paragraph rule running (see :mod:`.rules`)
        self.title = ""  # the page's headline from metadata (build_tree sets it)
        self.frames = None  # the document's TimeFrames, when the pipeline built them

    def add(self, kind: NodeKind, s: int, e: int, parent: _Node | None, rule: str, **kw) -> _Node:
        while s < e and self.text[s] in " \t\n，、：":
            s += 1
        # a question heading keeps its `？` and a headline its `！` (they are the line's text)
        keep = "？" if kind == NodeKind.SECTION and self.question(self.text[s:e].strip()) else \
            "！？" if kind == NodeKind.ARTICLE else ""
        while e > s and self.text[e - 1] in " \t\n。；，：！？" and self.text[e - 1] not in keep:
            e -= 1
        n = _Node(kind, s, e, parent, rule, by=self.rule_name, **kw)
        self.nodes.append(n)
        return n

    def run_in_review_heading(self, p: Segment, stack: list[_Node], art: _Node | None,
                              after: int | None = None) -> None:
        """A review paragraph opening on a short topic phrase ending in 。 (`农业生产稳中有进。…`)
        has it as a section beside the others of its heading (GUIDELINES §3), never above them."""
        t, found = self.text, {}
        for k, (s, e) in enumerate(self.sentences(p)):
            if after is not None and s < after:
                continue  # the line's own heading sentence, already a section
            m = self.c.run_in_review.match(t, s, e)
            if m is None:
                continue
            # later in the paragraph a topic phrase is one only when figures follow it
            # (`…建成通车。以产业转型优化经济结构。现代农业发展步伐加快。完成粮食播种面积72.42万亩`)
            if (k or after is not None) and not self._detailed(e, p.end):
                continue
            found[m.start("h")] = m
        # enumerated outcomes inside the paragraph's sentences (`…大考：一是疫情防控取得重大
        # 战略成果；二是…`), each a section beside the others
        for m in self.c.review_enumerated.finditer(t, after or p.start, p.end):
            found.setdefault(m.start("h"), m)
        # a review paragraph opening on an enumerated outcome (`一是继续创新和加强宏观调控，经济
        # 运行保持在合理区间。`): that phrase, commas and all (GUIDELINES §3: a review's numbered
        # sub-items are sections), beside the `——` topic lines before it, not under the last
        if after is None and (m := self.c.review_enumerated_opening.match(t, p.start, p.end)):
            found.pop(m.start("h"), None)
            parent = next((n for n in reversed(stack) if n.numbered), art)
            self.add(NodeKind.SECTION, m.start("h"), m.end("h"), parent, "run_in_review",
                     review=True)
        self.review_sections(found.values(), stack, art)

    def review_sections(self, matches, stack: list[_Node], art: _Node | None) -> None:
        """Sections of a review's topic phrases (each match's group ``h``), beside one another
        under the innermost heading that is not itself a run-in phrase."""
        parent = next((n for n in reversed(stack) if n.rule != "run_in_review"), art)
        for m in matches:
            self.add(NodeKind.SECTION, m.start("h"), m.end("h"), parent, "run_in_review",
                     review=True)

    def _detailed(self, s: int, e: int) -> bool:
        """Does a figure stand in the sentence after ``s`` (or the one after it, when that
        sentence is itself a short topic phrase), inside ``[s, e)``?"""
        t = self.text
        for _ in range(2):
            stop = _scan(t, _SENT_STOPS, s, e)
            if any(ch.isdigit() for ch in t[s:stop]):
                return True
            if stop - s > 17 or stop >= e:
                return False
            s = stop + 1
        return False

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
        stop = _scan(t, _SENT_STOPS, s, e)
        broken = stop == e and t[e - 1] not in "。！？；"  # a line broken off mid-sentence
        if stop - s <= self.c.task_sentence_max and not broken:
            return stop
        i = self._clause_stop(s, stop)
        if self.c.time_lead.match(t[s:i]) and i < stop:
            return self._clause_stop(i + 1, stop)
        if i < stop and t[i] == "：" and not broken:
            return stop  # a label (`地区生产总值（第1项）：增长6.1%，…`) is no task by itself
        return i

    _OPEN, _CLOSE = "“《", "”》"
    _WALK_MARKS = frozenset(_OPEN + _CLOSE + "（(")  # what _clause_stop acts on, with the delimiters
    _BRACKET_CLOSE = frozenset("）)")
    _NOTE_MAX = 12  # a short bracketed note (`（分解任务15项）`) belongs to its phrase

    def _clause_stop(self, s: int, stop: int) -> int:
        """The first clause delimiter in ``[s, stop)`` outside quotes and titles (a comma
        inside `在“聚焦优势特色产业，着力…”方面` ends no clause) and outside a short bracketed
        note; a long note (`（电子信息、航空…4个新兴产业…）`) ends the phrase before it."""
        t, depth, i = self.text, 0, s
        marks = _one_of(self._WALK_MARKS | self.c.clause_delims)
        while i < stop:
            m = marks.search(t, i, stop)  # other characters change nothing: jump over them
            if m is None:
                i = stop
                break
            i = m.start()
            ch = t[i]
            if ch in self._OPEN:
                depth += 1
            elif ch in self._CLOSE and depth:
                depth -= 1
            elif depth == 0 and ch in "（(":
                close = self._bracket_close(i, stop)
                if close is None or close - i > self._NOTE_MAX:
                    return i if i > s else self._first_delim(s, stop)
                i = close
            elif depth == 0 and ch in self.c.clause_delims:
                return i
            i += 1
        return self._first_delim(s, stop) if depth else i

    def _bracket_close(self, i: int, stop: int) -> int | None:
        j = _scan(self.text, self._BRACKET_CLOSE, i + 1, stop)
        return j if j < stop else None

    def _first_delim(self, s: int, stop: int) -> int:
        """The first clause delimiter, quotes or not (an unclosed quote)."""
        return _scan(self.text, self.c.clause_delims, s, stop)

    @staticmethod
    def dash_level(stack: list[_Node]) -> int:
        """A ``——`` heading sits under the innermost numbered section, else at the top (above
        the numbered ones that follow it)."""
        return next((x.level + 1 for x in reversed(stack) if x.numbered), 1)

    def dash_sentence(self, s: int, e: int) -> int | None:
        """End of a short first sentence from ``s`` (no clause inside) that more text follows."""
        t, c = self.text, self.c
        lim = min(e, s + c.dash_sentence_max + 1)
        i = _scan(t, _SENT_STOPS | c.clause_delims, s, lim)
        if i < lim and t[i] == "。" and i - s >= c.heading_min - 1 and e - i > 2:
            return i
        return None

    def target_clauses(self, s: int, e: int) -> list[tuple[int, int]]:
        """The clauses of a run of targets (``…增长15%；5个…初具规模。``), one task each.

        A clause that only sets the time (``到2025年``) runs on to the next; notes in
        brackets (``（…见附件1）``) and a last clause the text breaks off in are left out.

        >>> from policy_extract.text.normalize import normalize
        >>> from policy_extract.text.segment import segment
        >>> from policy_extract.text.cues import load_structure_cues
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
        groups: list[list] = []  # [start, end, figure, first sentence, clauses joined]
        first = True
        for a, z, before in self.clauses(s, e):
            lead = c.item_lead.match(t, a, z)
            a = lead.end() if lead else a
            if z - a < 2 or (t[a] in "（(" and t[z - 1] in "）)"):
                continue  # a note in brackets (`（…见附件1）`)
            fig = bool(c.figure.search(t, a, z))
            if groups and before == "，" and not fig and not groups[-1][2]:
                groups[-1][1] = z
                groups[-1][4] = True
                continue
            first = first and before != "。"
            groups.append([a, z, fig, first, False])
        # with ``every``, a run of comma clauses without a figure is a sentence that elaborates
        # (`以三星堆…为代表的文旅品牌誉满全球，文艺精品力作不断涌现，…`), not a target
        return [(a, z) for a, z, fig, head, joined in groups
                if z - a >= 4 and ((every and not joined) or (listed and head) or fig
                                   or self.opens_task(a, z) is not None)]

    def question(self, text: str) -> bool:
        """A short line that is one question (``“链长制”要怎么干？``): a heading shape.

        >>> from policy_extract.text.cues import load_structure_cues
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
        if m and not self.c.not_task_opening.match(self.text, s, e):
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

    def _clause_modal(self, s: int, e: int):
        """``…，长沙将健全…`` : the modal plan in a later clause of the sentence."""
        t = self.text
        i = s
        while i < e:
            j = t.find("，", i, e)
            if j < 0:
                return None
            i = j + 1
            m = self.c.modal_task.match(t, i, e)
            if m:
                return m
        return None

    def command_at(self, a: int, z: int, first: bool) -> tuple[int, int] | None:
        """The command a ``；``-list item ``[a, z)`` opens on, its span, else None: after a
        `要`/`并`, a task verb opens it (its first clause) or a means lead (`以…为抓手，`, its
        clause and the next). The first item may follow a lead (`会议提出，`, `各部门要`)."""
        t, c = self.text, self.c
        starts = [a, *(i + 1 for i in range(a, z) if t[i] in "，：要将")] if first else [a]
        for s in starts:
            m = c.command_lead.match(t, s, z)
            s = m.end() if m else s
            if c.principle.match(t, s, z):
                return None  # a principle stated (`坚持提品质、塑形象`), not a thing to do
            lead = c.means_lead.match(t, s, z)
            if lead:
                return s, self._clause_stop(lead.end(), z)
            if self.opens_task(s, z) is not None or self._pos_command(s, z):
                return s, self._clause_stop(s, z)
        return None

    def _pos_command(self, s: int, z: int) -> bool:
        """Does ``[s, z)`` open on a verb of jieba's dictionary (`突出顶层设计`) or on 把 (`把…摆在
        优先位置`), one of at least two characters (是, 有 are no commands)?"""
        head = self.text[s:min(z, s + 8)]
        if not has_prefix_in(head, command_openers(self.c.command_pos_words, self.c.command_pos)):
            return False  # jieba's first word is a prefix of head: none can open a command
        w = first_word(head)
        if w is None or w in self.c.command_pos_not:
            return False
        return w in self.c.command_pos_words or (len(w) >= 2 and w in verbs(self.c.command_pos))

    def modal_task(self, s: int, e: int) -> tuple[int, int] | None:
        """The plan after a modal in ``[s, e)`` (`长沙将健全…`, `…，还将加大…`): its task span."""
        m = self.c.modal_task.match(self.text, s, e) or self._clause_modal(s, e)
        if not m:
            return None
        ts = m.start("task")
        return ts, self.phrase_end(ts, e)

    def _runs_on(self, ts: int, e: int) -> bool:
        return e - ts > self.c.task_sentence_max
