"""A figure's period: the nearest usable period cue, the section's, the document's."""

from __future__ import annotations

import bisect
from functools import lru_cache

import regex

from ...frames.build import YEAR_RANGE, cn_year
from .candidates import _Cand
from .context import _DocContext, _clause_end, _clause_ends, _period_hits
from .rules import QuantityRules, load_quantity_rules


@lru_cache(maxsize=256)
def _period_from_text_cached(s: str, year: int | None) -> str | None:
    rules = load_quantity_rules()
    hits = _period_hits(s, rules, year)
    return hits[-1][2] if hits else None


def _period_from_text(s: str, year: int | None) -> str | None:
    return _period_from_text_cached(s, year)


def _cue_end(ends: list[int], s: int) -> int:
    """End of the last period cue that ends before ``s`` (``ends``: the cues' ends, sorted).

    A bisection, not a walk from the first cue: a long document has a cue per line.

    >>> _cue_end([4, 9, 15], 9), _cue_end([4, 9, 15], 3), _cue_end([], 5)
    (9, 0, 0)
    """
    i = bisect.bisect_right(ends, s)
    return ends[i - 1] if i else 0


def _period_for(c: _Cand, text: str, s_lo: int, p_lo: int, phits, phit_starts, rules: QuantityRules,
                doc: _DocContext, paras=None, index: tuple | None = None
                ) -> tuple[str | None, str | None]:
    """Nearest period cue before the figure in its sentence, then paragraph, then the document's.

    ``index``: (clause ends, barrier :class:`_Occurrences`, digit :class:`_Occurrences`) of
    the text, so the text between a cue and the figure is not searched per figure.
    """
    if index is None:
        index = (_clause_ends(text), _Occurrences(text, rules.period_barrier),
                 _Occurrences(text, _DIGIT_RUN, runs=True))
    cl_ends, barriers, digits = index
    i = bisect.bisect_left(phit_starts, c.s) - 1
    while i >= 0:
        hs, he, p, cid = phits[i]
        if hs < p_lo:
            break
        # a span from a year to now (2007年以来) dates its own sentence only, not those after it
        if he <= c.s and hs < s_lo and cid in rules.since_period_ids:
            i -= 1  # 自2007年以来，大会已举办七届。本届大会签约项目16个: the event is of its year
            continue
        if he <= c.s and cid in rules.adjacent_period_ids and c.s - he > 2:
            i -= 1  # 比1952年的270亿元增长141%: the base year dates its own level only
            continue
        if he <= c.s:
            if barriers.within(he, c.s) and digits.within(he, c.s) and \
                    not (hs >= s_lo and _SENTENCE_LEVEL.match(text, he)):
                # 由2020年的2.73%提升至3.35%: the year belongs to the "from" figure only; one
                # heading its sentence (2018年末，就业人员增加到77586万人，其中…27.6%) dates it all
                i -= 1
                continue
            # a year inside another clause (2023年新开工项目9个，项目总建里程348公里) reaches
            # only its own clause; one that heads the sentence (2024年，…) reaches it all
            ce = _clause_end(cl_ends, he, c.s)
            # a deadline governs the rest of its sentence (到2022年新增…3—5个，…8—10个, GUIDELINES §1)
            if ce < c.s and not _DEADLINE.search(text, max(s_lo, hs - 4), hs) and \
                    not _SENTENCE_LEVEL.match(text, he) and \
                    not (hs - s_lo <= 3 and hs >= s_lo) and \
                    not (cid in rules.explicit_period_ids and
                         _heads_full_sentence(text, hs, s_lo)) and \
                    not (hs > s_lo and text[hs - 1] in "，；") and \
                    not _opens_list(text, ce, c.s, he):  # ，2025年新入选…，累计培育…
                i -= 1
                continue
            return p, f"{'sentence' if hs >= s_lo else 'paragraph'}:{cid}"
        i -= 1
    if paras is not None:
        h = _section_period(text, p_lo, paras, phits, phit_starts, rules)
        if h is not None:
            return h[2], f"section:{h[3]}"
    if doc.period:
        return doc.period, "document"
    return None, None


_HEAD_QUOTE = regex.compile(r"[“”\"‘’]?")
# a figure in characters (由一九四九年的百分之三十七增加到…), as the digit runs are for digits
_CN_FIGURE = regex.compile(r"百分之|[一二三四五六七八九十两][〇零一二三四五六七八九十百千万亿点]")
_DIGIT_RUN = regex.compile(r"\d+")


# what a pattern may see outside its own match (look-around, anchors, \b, \G, \K, or a
# named group, which starts like a look-behind): searched in a slice, it would see otherwise
_CONTEXT_SYNTAX = regex.compile(r"\(\?<|\(\?[=!]|\\[AbBGKzZ]|[$^]")


class _Occurrences:
    """Where a pattern matches, found once per document: is there a match inside ``[a, b)``?

    Asked per figure about the text between it and a period cue, which a search of that
    slice answered in time proportional to the slice: quadratic for many figures after
    one cue. Matches are taken overlapped (one per start), so any match a search of the
    slice finds starts at one of them; one that runs past ``b`` is settled by that
    search (a shorter alternative may fit). A pattern that sees context outside its
    match is always searched in the slice. ``runs=True`` (a ``[…]+`` pattern of one
    character class): is any character of a run inside ``[a, b)``.

    >>> occ = _Occurrences("由2020年提升至3%", regex.compile("提升至3|提升至"))
    >>> occ.within(0, 10), occ.within(0, 9), occ.within(0, 8), occ.within(9, 11)
    (True, True, False, False)
    >>> digits = _Occurrences("由2020年提升至3%", _DIGIT_RUN, runs=True)
    >>> digits.within(3, 5), digits.within(5, 9), digits.within(5, 10)
    (True, False, True)
    """

    def __init__(self, text: str, pattern: regex.Pattern, runs: bool = False) -> None:
        self.text, self.pattern, self.runs = text, pattern, runs
        self.plain = runs or not _CONTEXT_SYNTAX.search(pattern.pattern)
        self.starts: list[int] | None = None  # found on first use
        self.ends: list[int] = []

    def _find(self) -> list[int]:
        ms = list(self.pattern.finditer(self.text, overlapped=not self.runs))
        self.starts = [m.start() for m in ms]
        self.ends = [m.end() for m in ms]
        return self.starts

    def within(self, a: int, b: int) -> bool:
        if not self.plain:
            return self.pattern.search(self.text[a:b]) is not None
        starts = self.starts if self.starts is not None else self._find()
        if self.runs:
            i = bisect.bisect_right(self.ends, a)  # the first run that ends after a
            return i < len(starts) and max(starts[i], a) < b
        i = bisect.bisect_left(starts, a)
        if i == len(starts) or starts[i] >= b:
            return False
        return self.ends[i] <= b or self.pattern.search(self.text[a:b]) is not None


def _section_period(text: str, p_lo: int, paras, phits, phit_starts, rules: QuantityRules):
    """A period that opens an earlier paragraph of the same section (“十三五”以来，…).

    Walks back over at most ``rules.section_paragraphs`` paragraphs and stops at a
    heading (a short line without 。), which opens another section.
    """
    plist, starts = paras  # the segmentation's paragraphs and their starts
    k = bisect.bisect_right(starts, p_lo) - 1
    for j in range(k - 1, max(-1, k - 1 - rules.section_paragraphs), -1):
        P = plist[j]
        # sliced only when short: a long paragraph is no heading (was sliced per figure)
        if P.end - P.start <= rules.heading_chars and "。" not in text[P.start:P.end]:
            return None
        i = bisect.bisect_left(phit_starts, P.start)
        if i < len(phits) and phits[i][0] - P.start <= 3 and phits[i][1] <= P.end and \
                phits[i][3] not in rules.since_period_ids:
            after = _HEAD_QUOTE.match(text, phits[i][1]).end()
            if _SENTENCE_LEVEL.match(text, after):
                return phits[i]
    return None


_AVERAGE = regex.compile(
    r"(?:(?P<two>两年)平均|(?P<n>[二三四五六七八九十]|\d{1,2})\s?年(?:来|间|的)?(?:年均|平均)|年均|年平均|"
    r"平均每年)[^，。；]{0,8}$")
_BASE = regex.compile(r"(?P<from>从|由)?(?:比|较|与|是|同)?\s?(?P<y>(?:19|20)\d\d)\s?年")
_CN_N = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}


def average_period(text: str, s: int, lo: int, period: str | None,
                   frames=None) -> str | None:
    """The span of years an average growth rate (年均增长, 两年平均增长) is over, or None.

    The years between the base the sentence names and its end year (``比1952年增长175倍，年均
    增长8.1%`` -> 1952-2018; ``从2015年的X增加到2020年的Y，年均递增4.58%`` -> 2016-2020, the years of
    growth, as the gold annotates both); ``两年平均`` the year and the one before (GUIDELINES
    §1 bulletins); else the multi-year frame it stands in; else ``N年年均`` N years to the end.

    >>> average_period("2018年国内生产总值比1952年增长175倍，年均增长8.1%", 28, 0, "2018", None)
    '1952-2018'
    >>> average_period("从2015年的50亿元增加到2020年的62亿元，年均递增4.58%", 29, 0, "2020", None)
    '2016-2020'
    >>> average_period("2021年增长7.3%，两年平均增长5.3%", 18, 0, "2021", None)
    '2020-2021'
    >>> average_period("增长7.3%", 2, 0, "2021", None) is None
    True
    >>> average_period("1984年增长14.5%，远超过1953年到1978年平均每年增长3.2%", 29, 0, "1984", None)
    '1953-1978'
    """
    m = _AVERAGE.search(text, max(lo, s - 12), s)
    if m is None:
        return None
    sent = max(lo, text.rfind("。", lo, s) + 1)
    years = [(y.start(), int(y["y"]), bool(y["from"])) for y in _BASE.finditer(text, sent, s)]
    end = max(y for _, y, _ in years) if years else None
    if end is None and period:
        end = int(period[-4:])
    if end is None:
        return None
    if m["two"]:
        return f"{end - 1}-{end}"
    ranges = [r for r in YEAR_RANGE.finditer(text, sent, s) if int(r[1]) < int(r[2])]
    if ranges:  # the nearest span named before it (…1953年到1978年的二十六年间平均每年增长3.2%)
        return f"{ranges[-1][1]}-{ranges[-1][2]}"
    base = min(((y, f) for _, y, f in years if y < end), default=None)
    if base is not None:
        return f"{base[0] + 1 if base[1] else base[0]}-{end}"
    f = frames.at(s, "period") if frames is not None else None  # only for an average
    if f is not None and f.period and "-" in f.period:
        return f.period
    if m["n"]:
        n = int(m["n"]) if m["n"].isdigit() else _CN_N[m["n"]]
        return f"{end - n + 1}-{end}" if n > 1 else None
    return None


def _opens_list(text: str, ce: int, end: int, cue_end: int | None = None) -> bool:
    """The cue's clause ends on a colon that opens a list running to the figure without a 。
    (今年发展主要预期目标是：…增长5.5%左右；城镇新增就业1100万人以上；…): the cue governs the list
    (GUIDELINES §1 target lists and plan periods: the phrase governs the list it introduces).

    The colon may close a later clause of the cue's sentence when no figure stands between
    the cue (ending at ``cue_end``) and it (拿…的一九五四年预计产量来比较一下，我们可以看到以下的
    数字：电力108亿度…).

    >>> t = "今年目标是：增长5%；新增就业1100万人。"
    >>> _opens_list(t, 5, 11), _opens_list("今年增长5%，新增1100万人。", 6, 8)
    (True, False)
    >>> t = "今年的产量比较一下，可以看到以下的数字：电力108亿度。"
    >>> _opens_list(t, 9, 21, 2), _opens_list("今年增长5%，数字如下：电力108亿度。", 6, 14, 2)
    (True, False)
    """
    if ce >= end or "。" in text[ce:end]:
        return False
    if text[ce] in "：:":
        return True
    if cue_end is None:
        return False
    colon = next((i for i in range(ce, end) if text[i] in "：:"), None)
    return colon is not None and not _DIGIT_RUN.search(text, cue_end, colon) and \
        not _CN_FIGURE.search(text, cue_end, colon) and "；" not in text[ce:colon]


# 到/至 opening a clause (，到2022年…), not a verb's 增加到2021年的…
_DEADLINE = regex.compile(r"(?:^|(?<=[，,；;：:\s。]))(?:到了?|至)$")
def _heads_full_sentence(text: str, hs: int, s_lo: int) -> bool:
    """Does the year at ``hs`` open the full sentence (to 。！？, across ；) the figure at ``s_lo``
    stands in (2015年全市地区生产总值达到2886.3亿元…；规模工业增加值达到1166亿元)?"""
    if hs >= s_lo or any(ch in text[hs:s_lo] for ch in "。！？\n"):
        return False
    # the year opens the sentence when a sentence end (or the text's start) is at most three
    # characters before it: only those few characters are looked at, not the text before them
    return hs <= 3 or any(ch in text[hs - 4:hs] for ch in "。！？\n")


_SENTENCE_LEVEL = regex.compile(r"[”\"’]?(?:年底|年末|底|末|以来|上半年|下半年|全年|前|期间|时期|度|来)?[，：,]")


# 从X增加到Y: X right after 从/由, Y right after the verb of change and 到/至 (GUIDELINES §1 plan
# periods: 从2015年的X增加到2020年的Y gives X 2015 and Y 2020)
_FROM_SIDE = regex.compile(r"(?:从|由)(?:[^，。；\d]{0,12}的)?$")
_TO_SIDE = regex.compile(r"(?:从|由)[^，。；]{1,30}?(?:增加|增长|提高|提升|上升|扩大|跃升|下降|降低|减少|"
                         r"降至|增至|升至)(?:到|至)?(?:[^，。；\d]{0,8}的)?$")


_COMPARED = regex.compile(r"(?P<a>(?:19|20)\d\d)\s?年(?:同|与|和|比)(?P<b>(?:19|20)\d\d)\s?年(?:相比|比较)")


_YEAR_WORD = r"(?:(?:19|20)\d\d|[一二三四五六七八九][一二三四五六七八九〇零○]{3})"
# a change dated at both ends (由2007年的1.4%提高到2012年的1.97%): the pairs after it in its
# sentence (比重从0.64%提高到1.13%) run between the same two years
_DATED_PAIR = regex.compile(rf"(?:从|由)(?P<a>{_YEAR_WORD})\s?年(?:末|底)?的[^，。；]{{1,20}}?"
                            rf"(?:增加|增长|提高|提升|上升|扩大|下降|降低|减少|降|增|升)(?:到|至)"
                            rf"(?P<b>{_YEAR_WORD})\s?年")


def comparisons(text: str) -> list[tuple[int, str]]:
    """``(start, span)`` of every comparison naming two years (1986年同1978年相比), in text
    order: found once per document, looked up per figure by bisection.

    >>> comparisons("1986年同1978年相比，国民收入由301亿元增加到779亿元")
    [(0, '1978-1986')]
    """
    out = []
    for m in _COMPARED.finditer(text):
        a, b = sorted((int(m["a"]), int(m["b"])))
        if a < b:
            out.append((m.start(), f"{a}-{b}"))
    return out


def dated_pairs(text: str) -> list[tuple[int, str]]:
    """``(start, span)`` of every change dated at both ends (由1997年的509亿元增加到2002年的
    1161亿元), in text order; looked up within the figure's sentence only.

    >>> dated_pairs("经费从1997年的509亿元增加到2002年的1161亿元，比重从0.64%提高到1.13%")
    [(2, '1997-2002')]
    """
    return [(m.start(), f"{a}-{b}") for m in _DATED_PAIR.finditer(text)
            if (a := _year_of(m["a"])) < (b := _year_of(m["b"]))]


def _year_of(word: str) -> int:
    return int(word) if word[0].isdigit() else cn_year(word)


def compared_years(found: list[tuple[int, str]], lo: int, s: int) -> str | None:
    """The span of the last comparison in ``[lo, s)`` (its paragraph before the figure)."""
    i = bisect.bisect_left(found, (s,)) - 1
    return found[i][1] if i >= 0 and found[i][0] >= lo else None


def from_to_period(text: str, s: int, clause_start: int, frame_period: str | None,
                   named: bool = False) -> str | None:
    """The year of an end of a 从X增加到Y pair that names no year of its own, inside a span
    of years A-B the text does not date (过去五年, “十四五”时期): X is the base before the
    span (A-1); Y keeps the span, as the seed gold's 由2020年的2.73%提升至3.35% does.

    >>> from_to_period("数字经济规模从2.01万亿元增加到3.2万亿元", 7, 0, "2021-2025")
    '2020'
    >>> from_to_period("数字经济规模从2.01万亿元增加到3.2万亿元", 17, 0, "2021-2025") is None
    True
    >>> from_to_period("数字经济规模达到3.2万亿元", 8, 0, "2021-2025") is None
    True

    With ``named``, the span is one the sentence names (从1978年到1983年，…由175元提高到288元):
    X is its first year, Y its last.

    >>> from_to_period("从1978年到1983年，消费水平由175元提高到288元", 18, 13, "1978-1983", True)
    '1978'
    """
    if not frame_period or "-" not in frame_period:
        return None
    a, b = int(frame_period[:4]), int(frame_period[-4:])
    before = text[max(clause_start, s - 40):s]
    if _FROM_SIDE.search(before):
        return str(a if named else a - 1)
    if named and _TO_SIDE.search(before):
        return str(b)
    return None  # Y of a span the text does not date keeps the span (seed 004: 提升至3.35%)
