"""Paragraphs, sentences, non-body lines and articles of a normalised text.

All segments carry normalised offsets (what the rules index) and raw offsets
(what is reported). Non-body segments are photo captions, credits and bylines:
entities and figures inside them are still extracted, but they never become
nodes of the tree.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex

from .normalize import Layout, NormalizedText, load_layout, normalize

_SENT_END = regex.compile(r"[。！？!?；;…]+[”’」』）)]*|\n+")
_PARA = regex.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of the text: normalised ``[start, end)`` and raw ``[raw_start, raw_end)``."""

    start: int
    end: int
    raw_start: int
    raw_end: int
    kind: str = ""
    rule: str = ""


def _containing(segs: list[Segment], i: int) -> Segment | None:
    """Binary search of sorted, non-overlapping segments for the one holding index ``i``."""
    lo, hi = 0, len(segs)
    while lo < hi:
        mid = (lo + hi) // 2
        sg = segs[mid]
        if sg.end <= i:
            lo = mid + 1
        elif sg.start > i:
            hi = mid
        else:
            return sg
    return None


@dataclass
class Segmentation:
    paragraphs: list[Segment] = field(default_factory=list)
    sentences: list[Segment] = field(default_factory=list)
    nonbody: list[Segment] = field(default_factory=list)
    articles: list[Segment] = field(default_factory=list)
    headlines: list[Segment | None] = field(default_factory=list)  # per article, None without one

    def sentence_at(self, i: int) -> Segment | None:
        """The sentence containing normalised index ``i``."""
        return _containing(self.sentences, i)

    def paragraph_at(self, i: int) -> Segment | None:
        """The paragraph containing normalised index ``i``."""
        return _containing(self.paragraphs, i)

    def is_nonbody(self, start: int, end: int) -> bool:
        """Does normalised ``[start, end)`` fall inside a caption, credit or byline?"""
        return any(n.start <= start and end <= n.end for n in self.nonbody)


class Covering:
    """Which spans lie inside one of ``segs``: binary search on running maximum ends.

    >>> c = Covering([Segment(2, 4, 2, 4), Segment(0, 10, 0, 10), Segment(20, 30, 20, 30)])
    >>> c.covers(3, 9), c.covers(12, 14), c.covers(25, 31)
    (True, False, False)
    """

    def __init__(self, segs: list):
        segs = sorted(segs, key=lambda x: x.start)
        self.starts = [x.start for x in segs]
        self.ends: list[int] = []
        m = -1
        for x in segs:
            m = max(m, x.end)
            self.ends.append(m)

    def covers(self, s: int, e: int) -> bool:
        i = bisect.bisect_right(self.starts, s)
        return i > 0 and self.ends[i - 1] >= e


def _seg(norm: NormalizedText, s: int, e: int, kind: str = "", rule: str = "") -> Segment:
    rs, re_ = norm.map.span_to_raw(s, e)
    return Segment(s, e, rs, re_, kind, rule)


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def segment(norm: NormalizedText, layout: Layout | None = None,
            title: str | None = None) -> Segmentation:
    """Split the normalised text into paragraphs, sentences, non-body pieces and articles;
    ``title`` is the page's headline from its metadata: a text that opens with it has it as
    its first headline, even run on into the lead."""
    lay = layout or load_layout()
    text = norm.text
    seg = Segmentation()
    for m in _PARA.finditer(text):
        s, e = _strip(text, m.start(), m.end())
        if s < e:
            seg.paragraphs.append(_seg(norm, s, e, "paragraph"))
    for p in seg.paragraphs:
        pos = p.start
        for m in _SENT_END.finditer(text, p.start, p.end):
            s, e = _strip(text, pos, m.end())
            if s < e:
                seg.sentences.append(_seg(norm, s, e, "sentence"))
            pos = m.end()
        s, e = _strip(text, pos, p.end)
        if s < e:
            seg.sentences.append(_seg(norm, s, e, "sentence"))
    _mark_nonbody(norm, seg, lay)
    _find_articles(norm, seg, lay, title)
    return seg


def _mark_nonbody(norm: NormalizedText, seg: Segmentation, lay: Layout) -> None:
    """Captions, credits, bylines, table rows, signatures: text that is never a node.

    A paragraph ending with a photo credit is a caption in full (with the short
    sentence line before it); a name line just above a date-only line is a
    signature (``福州市人民政府`` / ``2025年9月25日``).
    """
    text = norm.text
    paras = seg.paragraphs
    in_links = False
    for i, p in enumerate(paras):
        ptext = text[p.start : p.end]
        # a block of related links: its opener and the short lines without 。 after it
        in_links = (lay.links_block is not None and lay.links_block.match(ptext) is not None) or \
            (in_links and len(ptext.strip()) <= lay.short_line_max and "。" not in ptext)
        if in_links:
            seg.nonbody.append(_seg(norm, p.start, p.end, "links", "links_block"))
            continue
        hit = lay.nonbody_match(ptext)
        if hit:
            rid, m = hit
            cs = p.start + m.start("credit")
            if rid in ("photo_credit", "image_credit"):
                # a paragraph that ends with a photo credit is a caption in full
                seg.nonbody.append(_seg(norm, p.start, p.end, "caption", rid))
                if cs == p.start and i > 0:
                    prev = paras[i - 1]
                    ptxt = text[prev.start : prev.end]
                    if len(ptxt) <= lay.short_line_max and ptxt.endswith("。"):
                        seg.nonbody.append(_seg(norm, prev.start, prev.end, "caption", rid))
            else:
                seg.nonbody.append(_seg(norm, cs, p.end, "credit", rid))
                if rid == "date_line" and cs == p.start and i > 0:
                    prev = paras[i - 1]
                    ptxt = text[prev.start : prev.end]
                    if len(ptxt) <= lay.short_line_max and not any(c in lay.inner for c in ptxt):
                        seg.nonbody.append(_seg(norm, prev.start, prev.end, "signature", rid))
        for rid, pat in lay.inline_byline:
            for m in pat.finditer(text, p.start, p.end):
                seg.nonbody.append(_seg(norm, m.start(), m.end(), "byline", rid))
    seg.nonbody.sort(key=lambda n: (n.start, n.end))


def _find_articles(norm: NormalizedText, seg: Segmentation, lay: Layout,
                   title: str | None = None) -> None:
    """Articles of a file, each from its headline (cues in ``structure_cues.json``).

    A headline is (1) the first line of the run of short lines before a dateline
    (``长沙晚报2月24日讯``), (2) a short line followed by a ``——`` sub-headline,
    (3) a document title line (``…实施方案``, ``…统计公报 2022``; a title broken over two
    lines starts at the first), or (4) a short standalone line among the first
    paragraphs. The lines after a headline up to the body (kicker, sub-headline,
    bylines, time stamps, a repeated headline) are marked non-body (``kicker``).
    Text before the first headline belongs to the first article (a feature whose
    headline is printed mid-page); a text with no headline has no article.
    """
    from .cues import load_structure_cues

    h = _Headlines(norm, seg, lay, load_structure_cues())
    heads = h.candidates()
    h.metadata_title(heads, title)
    h.first_headline(heads, after_prose=not title)
    order, block_end = h.title_blocks(heads)
    for k, hk in enumerate(order):
        h.emit(k, hk, order, heads, block_end[hk])
    seg.nonbody.sort(key=lambda n: (n.start, n.end))


class _Headlines:
    """The body lines of a text and the tests :func:`_find_articles` puts them to."""

    def __init__(self, norm: NormalizedText, seg: Segmentation, lay: Layout, cues):
        self.norm, self.seg, self.lay, self.cues = norm, seg, lay, cues
        self.paras = seg.paragraphs
        nonbody = Covering(seg.nonbody)  # one binary search per paragraph
        self.body = [i for i, p in enumerate(self.paras) if not nonbody.covers(p.start, p.end)]
        self.line_end: dict[int, int] = {}  # headline run on into its paragraph -> its end
        self.breaks = [d.start for d in norm.map.deletions if d.kind == "break"]  # raw, sorted
        # each line is read by several tests: cut once, dateline asked once
        self.texts = [norm.text[self.paras[i].start : self.paras[i].end] for i in self.body]
        self._dateline: list[bool | None] = [None] * len(self.body)

    def t(self, k: int) -> str:
        return self.texts[k]

    def dateline(self, k: int) -> bool:
        """Is body line ``k`` a dateline (``长沙晚报2月24日讯``)?"""
        d = self._dateline[k]
        if d is None:
            d = self._dateline[k] = self.lay.is_dateline(self.texts[k])
        return d

    def broken(self, k: int) -> bool:
        """A line of a `《》` title broken over lines (`…执行《` / `关于…的决定` / `》，…`)."""
        t = self.t
        return (t(k).endswith("《") or (k > 0 and t(k - 1).endswith("《"))
                or (k + 1 < len(self.body) and t(k + 1)[:1] in self.cues.line_continues))

    def line(self, k: int, max_chars: int, min_chars: int | None = None) -> bool:
        c = self.cues
        least = c.heading_min if min_chars is None else min_chars
        return c.standalone(self.texts[k], max_chars, least) and not self.dateline(k) \
            and not self.broken(k)

    def is_title(self, k: int) -> bool:
        c, tk = self.cues, self.texts[k]
        if not self.line(k, c.title_max):
            return False  # asked first: cheap, and false for most lines (the tests are pure)
        s = c.title_trailer.sub("", tk)
        return bool(s) and bool(c.doc_title.search(s)) \
            and not c.numbered(tk) and not c.dash_heading.match(tk)

    def prose(self, s: str) -> bool:
        """A paragraph of running text (a lead): no headline comes after it."""
        return len(s) > self.cues.title_max and s[-1] in self.lay.terminal

    def candidates(self) -> dict[int, tuple[str, int]]:
        """Body index -> (rule, last body index of the headline): datelines' headlines,
        headlines over a `——` sub-headline, document titles (one broken over two lines)."""
        c, t, line, heads = self.cues, self.t, self.line, {}
        for k in range(len(self.body)):
            if k and c.attachment_mark.match(t(k - 1)) and line(k, c.title_max) \
                    and not c.numbered(t(k)):
                heads[k] = ("attachment", k)  # `附件1` / `…任务清单`: the attached document
            elif self.dateline(k):
                j = k
                while j > 0 and k - j < 4 and line(j - 1, c.title_max) \
                        and not c.numbered(t(j - 1)) and (j - 1) not in heads:
                    j -= 1
                if j < k:
                    heads[j] = ("dateline", j)
            elif (k + 1 < len(self.body) and c.dash_heading.match(t(k + 1))
                  and line(k, c.heading_max) and line(k + 1, c.dash_heading_max)
                  and not c.dash_heading.match(t(k)) and not c.numbered(t(k))):
                heads[k] = ("dash", k)
            elif (b := self.title_line_end(k)) is not None:
                heads[k], self.line_end[k] = ("title_line", k), b
            elif self.is_title(k):
                if k > 0 and self.body[k - 1] + 1 == self.body[k] and line(k - 1, c.heading_max) \
                        and not self.is_title(k - 1) and not c.numbered(t(k - 1)) \
                        and (k - 1) not in heads:
                    heads[k - 1] = ("title", k)  # a title broken over two lines
                elif k not in heads and (k - 1) not in heads:
                    heads[k] = ("title", k)
        return heads

    def title_line_end(self, k: int) -> int | None:
        """End of a document title the normaliser ran on into the next line (`…实施方案
        （2024—2026年）` / `为加快推进…`): the removed line break shows where it ends."""
        p, c = self.paras[self.body[k]], self.cues
        i = bisect.bisect_left(self.breaks, p.raw_start)
        if i == len(self.breaks) or self.breaks[i] >= p.raw_end:
            return None
        b = self.norm.map.to_norm(self.breaks[i])  # the paragraph's first removed break
        head = self.norm.text[p.start : b].strip()
        s = c.title_trailer.sub("", head)
        if s and c.standalone(head, c.title_max, c.heading_min) and c.doc_title.search(s) \
                and not c.numbered(head) and not c.dash_heading.match(head) \
                and not self.lay.is_dateline(head):
            return b
        return None

    def metadata_title(self, heads: dict[int, tuple[str, int]], title: str | None) -> None:
        """A text that opens with its metadata headline (spaces aside) has it as its first
        headline, though it is long, ends on `!` or runs on into the lead (`大连英歌石科学城
        开城! 10月15日，…`, `…优惠办法（试行）第一章总则 第一条…`)."""
        if not title or not self.body or self.body[0] != 0 or 0 in heads:
            return
        want = [ch for ch in normalize(title).text if not ch.isspace()]
        p, text = self.paras[0], self.norm.text
        i, j = p.start, 0
        while i < p.end and j < len(want):
            if text[i].isspace():
                i += 1
            elif text[i] == want[j]:
                i, j = i + 1, j + 1
            else:
                return
        if j < len(want) or len(want) < self.cues.heading_min:
            return
        while i < p.end and text[i] in "!！":
            i += 1
        heads[0] = ("metadata_title", 0)
        if i < p.end:
            self.line_end[0] = i

    def first_headline(self, heads: dict[int, tuple[str, int]], after_prose: bool = True) -> None:
        """Without a headline near the top, a short line among the first paragraphs is one,
        else the file's first raw line (returned: where it ends) when the normaliser ran it
        on into the lead. With a metadata headline the text does not open with
        (``after_prose=False``), a short line after running text is a heading of an excerpt."""
        c, t = self.cues, self.t
        if heads and min(heads) < c.first_headline_within:
            return
        first_line_may = True  # no short line heads the text: its first raw line may
        for k in range(min(len(self.body), c.first_headline_within)):
            tk = t(k)
            if k and not after_prose and self.prose(t(k - 1)):
                break
            # a text opening on `一、总体要求` is an excerpt: its first line is a heading
            if self.line(k, c.title_max) and not c.dash_heading.match(tk) and not c.numbered(tk):
                heads[k] = ("first", k)
                return
            if c.numbered(tk) or self.dateline(k):
                first_line_may = False
                break  # past the top of the text: later short lines are headings
            if k and self.prose(tk) and self.prose(t(k - 1)):
                break  # two paragraphs of running text: past the top as well
        if first_line_may and self.body and self.body[0] == 0 \
                and (b := _first_line_end(self.norm, self.paras[0], c, self.lay)):
            heads[0], self.line_end[0] = ("first_line", 0), b

    def title_blocks(self, heads: dict[int, tuple[str, int]]) -> tuple[list[int], dict[int, int]]:
        """A headline with no prose since the one before is part of its title block (a cover
        page repeating the title over several lines, the issuer and date under it)."""
        merged: list[int] = []
        block_end: dict[int, int] = {}  # headline -> last body index of its title block
        for hk in sorted(heads):
            if merged and all(self.line(j, self.cues.title_max, 1)
                              for j in range(block_end[merged[-1]] + 1, hk)):
                block_end[merged[-1]] = heads.pop(hk)[1]
                continue
            merged.append(hk)
            block_end[hk] = heads[hk][1]
        return merged, block_end

    def emit(self, k: int, hk: int, order: list[int], heads: dict, last: int) -> None:
        """Article ``k`` from headline ``hk``: the kicker lines after its title block are
        non-body, the article runs to the next headline."""
        c, t, norm, seg, paras, body = self.cues, self.t, self.norm, self.seg, self.paras, self.body
        rule, head_last = heads[hk]
        head, tail = paras[body[hk]], paras[body[head_last]]
        j = last + 1
        kicker_end = None
        while j < len(body) and j - last <= 5 and j not in heads and self.line(j, c.title_max, 1) \
                and not c.numbered(t(j)) \
                and (not c.spaced_heading.match(t(j)) or c.speaker_title.search(t(j - 1))) \
                and (j == last + 1 or not c.dash_heading.match(t(j))):
            kicker_end = j
            j += 1
        if kicker_end is not None or last > head_last:
            for q in range(head_last + 1, (kicker_end or last) + 1):
                p = paras[body[q]]
                seg.nonbody.append(_seg(norm, p.start, p.end, "kicker", rule))
        end_para = paras[body[order[k + 1]] - 1] if k + 1 < len(order) else paras[-1]
        start = head if k else paras[0]
        seg.articles.append(Segment(start.start, end_para.end, start.raw_start, end_para.raw_end,
                                    "article", rule))
        seg.headlines.append(_seg(norm, head.start, self.line_end.get(hk, tail.end), "headline",
                                  rule))


def _first_line_end(norm: NormalizedText, p: Segment, cues, lay: Layout) -> int | None:
    """End of the file's first raw line inside paragraph ``p`` when that line is title-shaped.

    The normaliser may run a long headline on into the lead (``…稳居全国前十`` / ``23号，…``);
    the line break it removed still shows where the headline ends.
    """
    for d in norm.map.deletions:
        if d.start >= p.raw_end:
            break
        if d.kind != "break" or d.start < p.raw_start:
            continue
        b = norm.map.to_norm(d.start)
        head = norm.text[p.start : b]
        if (cues.standalone(head, cues.first_line_max, cues.heading_min) and "。" not in head
                and not lay.is_dateline(head) and not cues.not_headline.search(head)):
            return b
        return None
    return None
