"""Document context: clauses, period cues resolved against the document year, the document kind, the cue index."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
import bisect

import regex

from ...dates import parse_date
from ...numbers.cn_numerals import parse_cn_number
from .rules import QuantityRules, _CLAUSE_END, _CLAUSE_END_BACK, _Cue


@dataclass
class _DocContext:
    year: int | None
    month: int | None
    kind: str  # plan | review | unknown
    period: str | None
    kind_evidence: str
    dated: bool = True  # the year comes from the publication date, not from the text


# A clause is looked for at most this far back: cue, measure and indicator scans per figure
# stay bounded, so a text of figures with no punctuation is linear, not quadratic.
_MAX_CLAUSE_BACK = 160


def _clause_start(text: str, lo: int, s: int) -> int:
    lo = max(lo, s - _MAX_CLAUSE_BACK)
    m = _CLAUSE_END_BACK.search(text, lo, max(lo, s))  # the last clause end before s
    return m.end() if m else lo


def _clause_ends(text: str) -> list[int]:
    """Every clause end of the text, sorted: found once, so no figure scans its clause.

    >>> _clause_ends("增长5%，达到3亿元。")
    [4, 10]
    """
    return [m.start() for m in _CLAUSE_END.finditer(text)]


def _clause_end(ends: list[int], e: int, hi: int) -> int:
    """The first clause end in ``[e, hi)``, else ``hi`` (``ends``: :func:`_clause_ends`).

    A bisection, not a search from ``e``: many figures in one unpunctuated clause
    each searched to its end, quadratic in the clause.

    >>> _clause_end([4, 10], 2, 20), _clause_end([4, 10], 5, 8), _clause_end([4, 10], 4, 20)
    (4, 8, 4)
    """
    i = bisect.bisect_left(ends, e)
    return ends[i] if i < len(ends) and ends[i] < hi else hi


def _complete_year(year: int, month: int | None) -> int:
    """The latest year a text of ``year``/``month`` can report in full (这十年, 2012年来).

    >>> _complete_year(2022, 9), _complete_year(2025, 12), _complete_year(2023, None)
    (2021, 2025, 2023)
    """
    return year - 1 if month is not None and month < 12 else year


def _resolve_period(cue: dict, m: regex.Match, year: int | None,
                    month: int | None = None) -> str | None:
    k = cue["kind"]
    if k == "base":
        return ""  # a comparison base (比2020年): occupies the text, gives no period
    if k == "fixed":
        return cue["period"]
    if k == "year":
        return m["y"]
    if k == "cn_year":  # 一九七七年: digit by digit
        return "".join(str("〇一二三四五六七八九".index(ch)) if ch != "零" else "0" for ch in m["y"])
    if k == "year_range":
        return f"{m['y1']}-{m['y2']}"
    if year is None:
        return None
    if k == "since":
        # `2012年以来` names its year; an epoch (改革开放以来) has it in the cue (`since`)
        y0, y1 = int(m["y"] if "since" not in cue else cue["since"]), _complete_year(year, month)
        return f"{y0}-{y1}" if y1 > y0 else None
    if k == "relative":
        a, b = cue["offset"]
        return str(year + a) if a == b else f"{year + a}-{year + b}"
    n = parse_cn_number(m["n"]) if m["n"] else None
    if n is None or n < 1 or n > 20:
        return None
    n = int(n)
    if k == "recent_n":
        year = _complete_year(year, month)  # 这十年, 近五年: years already complete
        return f"{year - n + 1}-{year}" if n > 1 else str(year)
    # 今后五年 in a text of the first half of a year (a work report in March) starts that year
    first = year if month is not None and month <= 6 else year + 1
    return f"{first}-{first + n - 1}" if n > 1 else str(first)


def _period_end(p: str | None) -> int | None:
    if not p:
        return None
    try:
        return int(p[-4:])
    except ValueError:
        return None


def _period_matches(text: str, rules: QuantityRules) -> list[tuple[dict, regex.Match]]:
    """Every match of every period cue, (cue, match): found once, resolved per year."""
    return [(cue, m) for cue in rules.periods for m in cue["_re_pattern"].finditer(text)]


def _period_hits(text: str, rules: QuantityRules, year: int | None, month: int | None = None,
                 matches: list[tuple[dict, regex.Match]] | None = None
                 ) -> list[tuple[int, int, str, str]]:
    """Every period cue in the text: (start, end, period, cue id), sorted."""
    hits = []
    for cue, m in _period_matches(text, rules) if matches is None else matches:
        p = _resolve_period(cue, m, year, month)
        if p is not None:
            hits.append((m.start(), m.end(), p, cue["id"]))
    hits.sort()
    # a year inside a year range is not a cue of its own
    out = []
    for h in hits:
        if out and h[0] < out[-1][1]:
            if h[1] - h[0] > out[-1][1] - out[-1][0]:
                out[-1] = h
            continue
        if out and h[3] in _COUNTED_YEARS and out[-1][3] in _PLAN_PERIODS and \
                h[0] - out[-1][1] <= 2:
            continue  # “十四五”五年来: the plan period names the years, 五年来 only counts them
        out.append(h)
    return [h for h in out if h[2]]


_COUNTED_YEARS = frozenset({"past_n", "recent_n"})
_PLAN_PERIODS = frozenset({"fyp13", "fyp14", "fyp15"})


_LEAD_BREAK = regex.compile(r"[，。,；;！？]")


def _headline_match(pattern: regex.Pattern, title: str) -> regex.Match | None:
    """A title word that names the document: before any clause break (a news lead,
    10月20日上午，记者从…“十四五”规划…发布会获悉, is no plan).

    >>> import regex
    >>> p = regex.compile("规划|方案")
    >>> _headline_match(p, "长沙市“十五五”科技创新规划").group()
    '规划'
    >>> _headline_match(p, "10月20日上午,记者从云南省“高质量完成‘十四五’规划”发布会获悉") is None
    True
    """
    m = pattern.search(title)
    return None if m is None or _LEAD_BREAK.search(title, 0, m.start()) else m


def _doc_context(text: str, date: str | None, rules: QuantityRules,
                 period_hits: list[tuple[int, int, str, str]], hits: _CueIndex | None = None
                 ) -> _DocContext:
    year = month = None
    if date:
        try:
            d = parse_date(date)
            year, month = d.year, d.month
        except ValueError:
            pass
    # the title is the first line (a headline), at most headline_chars: a body
    # sentence that mentions 目标 or 规划 says nothing about the document's kind
    head = len(text) - len(text.lstrip())
    line_end = text.find("\n", head)
    # (a byline joined to the speech below it by a soft break, 市长 卿渐伟 / 同志们：…讲几个方面的意见,
    # is no headline naming the document's kind)
    line_end = min(head + rules.headline_chars, len(text) if line_end < 0 else line_end)
    kind, ev = _doc_kind(text, text[:line_end], rules,
                         hits if hits is not None else _CueIndex(text, rules.status_cues))
    counts = Counter(p for _, _, p, _ in period_hits)
    explicit = rules.explicit_period_ids
    # the first line's own period (湘潭县2022年…统计公报, “十四五”规划, 2026年，是…开局之年)
    title_period = next((p for hs, _, p, cid in period_hits
                         if hs < min(line_end, head + rules.title_period_chars) and cid in explicit),
                        None)
    # a first line holding a 。 is a body sentence; a year in it long before the text's date
    # is history it tells (1997年才通火车，… in a text of 2020), not the text's period
    end = _period_end(title_period)
    if end is not None and year is not None and end < year - 1 and "。" in text[head:line_end]:
        title_period = None
    dated = year is not None
    period = title_period
    if period is None and dated and counts:
        period, n = counts.most_common(1)[0]
        if n < 3:
            period = str(year)  # no period dominates: the document's own year
    elif period is None and dated:
        period = str(year)
    # an undated text without a period in its title gives no default period: a
    # stock it reports (已集聚6家) is of an unknown year
    if year is None and title_period and len(title_period) == 4:
        year = int(title_period)  # an undated text is of the year its title names
    elif year is None and counts:
        # else it is written no later than the latest year it names
        year = max(e for e in (_period_end(p) for p in counts) if e is not None)
    return _DocContext(year, month, kind, period, ev, dated)


def _doc_kind(text: str, title: str, rules: QuantityRules, hits: _CueIndex) -> tuple[str, str]:
    """(plan | review | criteria | unknown, evidence): the headline's words, then the balance
    of strong target and achieved cues over the whole text."""
    score = 0.0
    notes = []
    mr = _headline_match(rules.review_title, title)
    mp = _headline_match(rules.plan_title, title)
    if mr:
        score -= rules.title_weight
        notes.append(f"title:{mr.group()}")
    if mp:
        score += rules.title_weight
        notes.append(f"title:{mp.group()}")
    n_t = n_a = 0
    for ci, cue in enumerate(rules.status_cues):
        if cue.value == "other" or cue.strength < 2 or cue.direction not in ("forward", "both"):
            continue
        n = hits.count(ci)
        if cue.value == "target":
            n_t += n
        else:
            n_a += n
    score += (n_t - n_a) / max(1.0, (n_t + n_a) ** 0.5)
    notes.append(f"cues:{n_t}t/{n_a}a")
    kind = "plan" if score > rules.plan_threshold else "review" if score < -0.5 else "unknown"
    # criteria are announced in the opening body (须符合以下条件), not only in the headline
    mc = rules.criteria_title.search(text, 0, rules.title_chars)
    if mc and not mr:
        kind = "criteria"
        notes.append(f"title:{mc.group()}")
    return kind, ",".join(notes)


class _CueIndex:
    """Every match of the window cues (forward/backward/both), found once per document.

    A figure then looks up the nearest hits on each side by bisection instead of
    rescanning its sentence or paragraph per cue, so time stays linear even
    for one long paragraph full of figures.
    """

    def __init__(self, text: str, cues: tuple[_Cue, ...]) -> None:
        self.lean: dict[tuple[int, int], tuple[str, str] | None] = {}  # per paragraph
        self.sentence_ends: list[int] | None = None  # 。！？ and line ends, found when first asked
        self.clause_ends: list[int] | None = None  # ，；。 …, found when first asked
        self._applicable: dict[tuple[str, str], list[tuple[int, _Cue, str]]] = {}
        self.hits: list[list[tuple[int, int, str]]] = []
        self.starts: list[list[int]] = []
        for cue in cues:
            ms = [] if cue.direction in ("after_span", "before_span") else \
                [(m.start(), m.end(), m.group()) for m in cue.pattern.finditer(text)]
            self.hits.append(ms)
            self.starts.append([h[0] for h in ms])

    def count(self, i: int) -> int:
        return len(self.hits[i])

    def applicable(self, kind: str, doc_kind: str, cues: tuple[_Cue, ...]
                   ) -> list[tuple[int, _Cue, str]]:
        """``(index, cue, slot)`` of the cues that can govern a figure of unit kind ``kind``
        here: a window cue needs a hit in the text, the cue's kinds must allow it. Built
        once per (kind, document kind) rather than tested per figure and cue."""
        key = (kind, doc_kind)
        found = self._applicable.get(key)
        if found is None:
            found = []
            for ci, cue in enumerate(cues):
                span = cue.direction in ("after_span", "before_span")
                if not span and not self.hits[ci]:
                    continue  # a window cue with no hit in the document
                if (cue.kinds and kind not in cue.kinds) or \
                        (cue.doc_kinds and doc_kind not in cue.doc_kinds):
                    continue
                if cue.value != "other":
                    slot = f"{cue.value}{cue.strength}"
                else:  # a span cue's `other` is never a requirement
                    slot = "requirement" if cue.requirement and not span else "other"
                found.append((ci, cue, slot))
            self._applicable[key] = found
        return found
