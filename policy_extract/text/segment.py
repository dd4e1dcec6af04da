"""Paragraphs, sentences, non-body lines and articles of a normalised text.

All segments carry normalised offsets (what the rules index) and raw offsets
(what is reported). Non-body segments are photo captions, credits and bylines:
entities and figures inside them are still extracted, but they never become
nodes of the tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .normalize import Layout, NormalizedText, load_layout

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


@dataclass
class Segmentation:
    paragraphs: list[Segment] = field(default_factory=list)
    sentences: list[Segment] = field(default_factory=list)
    nonbody: list[Segment] = field(default_factory=list)
    articles: list[Segment] = field(default_factory=list)

    def sentence_at(self, i: int) -> Segment | None:
        """The sentence containing normalised index ``i`` (binary search)."""
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if s.end <= i:
                lo = mid + 1
            elif s.start > i:
                hi = mid
            else:
                return s
        return None

    def paragraph_at(self, i: int) -> Segment | None:
        lo, hi = 0, len(self.paragraphs)
        while lo < hi:
            mid = (lo + hi) // 2
            p = self.paragraphs[mid]
            if p.end <= i:
                lo = mid + 1
            elif p.start > i:
                hi = mid
            else:
                return p
        return None

    def is_nonbody(self, start: int, end: int) -> bool:
        """Does normalised ``[start, end)`` fall inside a caption, credit or byline?"""
        return any(n.start <= start and end <= n.end for n in self.nonbody)


def _seg(norm: NormalizedText, s: int, e: int, kind: str = "", rule: str = "") -> Segment:
    rs, re_ = norm.map.span_to_raw(s, e)
    return Segment(s, e, rs, re_, kind, rule)


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def segment(norm: NormalizedText, layout: Layout | None = None) -> Segmentation:
    """Split the normalised text into paragraphs, sentences, non-body pieces and articles."""
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
    _find_articles(norm, seg, lay)
    return seg


def _mark_nonbody(norm: NormalizedText, seg: Segmentation, lay: Layout) -> None:
    text = norm.text
    paras = seg.paragraphs
    for i, p in enumerate(paras):
        ptext = text[p.start : p.end]
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
        for rid, pat in lay.inline_byline:
            for m in pat.finditer(text, p.start, p.end):
                seg.nonbody.append(_seg(norm, m.start(), m.end(), "byline", rid))
    seg.nonbody.sort(key=lambda n: (n.start, n.end))


def _find_articles(norm: NormalizedText, seg: Segmentation, lay: Layout) -> None:
    """An article starts at the headline block before a dateline (``长沙晚报2月24日讯``).

    The headline block is the run of short paragraphs without final ``。`` just
    before the dateline paragraph; its first paragraph is the headline. A text
    without datelines is one article starting at its first body paragraph.
    """
    text = norm.text
    paras = seg.paragraphs
    starts: list[int] = []
    for i, p in enumerate(paras):
        if not lay.is_dateline(text[p.start : p.end]):
            continue
        j = i
        while j > 0 and (i - j) < 4:
            q = paras[j - 1]
            qt = text[q.start : q.end]
            if len(qt) > 80 or qt[-1] in "。！？!?" or seg.is_nonbody(q.start, q.end):
                break
            if starts and j - 1 <= starts[-1]:
                break
            j -= 1
        starts.append(j)
    if not starts:
        for i, p in enumerate(paras):
            if not seg.is_nonbody(p.start, p.end):
                starts = [i]
                break
    for k, i in enumerate(starts):
        end_para = paras[starts[k + 1] - 1] if k + 1 < len(starts) else paras[-1]
        head = paras[i]
        seg.articles.append(Segment(head.start, end_para.end, head.raw_start, end_para.raw_end,
                                    "article", "dateline" if len(starts) > 1 or k else "first"))
