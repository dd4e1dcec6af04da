"""Build a document's :class:`TimeFrames`: genre, reference date, then frame rules in order.

Each rule is a short function ``rule(ctx) -> list[Frame]``; ``FRAME_RULES`` is their order.
Their vocabulary is in ``data/zh/time_frames.json``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import regex

from ..dates import parse_date
from ..errors import Errors, RuleFileError
from ..numbers.cn_numerals import parse_cn_number
from ..rules.loader import check_keys, compile_regex, load_json, validate_rules
from ..text.dateline import infer_date
from .model import Frame, TimeFrames

FILE = "time_frames.json"
GENRES = ("report", "plan", "notice", "bulletin", "news", "review")
STATUSES = ("target", "achieved")
GENRE_PERIODS = ("report", "bulletin", "review", "named_or_ref", "rule")
PERIOD_MODES = ("named", "named_or_review", "named_or_ref", "named_or_plan", "plan_year",
                "review_year", "ref_year", "last_year", "recent_n")

# numbering styles of heading lines, most to least prominent in Chinese documents; the
# level of a style in one document is the order in which it first appears there
NUMBERING = (
    ("chapter", regex.compile(r"第[一二三四五六七八九十]{1,3}[章部篇]")),
    ("cn_dun", regex.compile(r"[一二三四五六七八九十]{1,3}[、.．]")),
    ("cn_paren", regex.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]")),
    ("arabic_dot", regex.compile(r"\d{1,2}[.．、](?!\d)")),
    ("arabic_paren", regex.compile(r"[（(]\d{1,2}[）)]")),
    ("circled", regex.compile(r"[①-⑳]")),
)
# the styles in one pattern, tried in order at the line start: one match instead of six
_NUMBERING_ANY = regex.compile("|".join(f"(?P<{style}>{pat.pattern})" for style, pat in NUMBERING))
_FIRST_SENTENCE = regex.compile(r"[^。！？；;:：]*")
_YEAR = regex.compile(r"(?<![\d.])((?:19|20)\d\d)\s?年(?!代)")
# 一九五七年: the reports of the 1950s-80s write their years in characters
# (the second year of a span, 一九六二至一九六三年, is no year of its own; one after a dash
# that follows no year is: 第二年——一九五九年)
_CN_YEAR = regex.compile(r"(?<![一二三四五六七八九〇○零十至到])(?<![一二三四五六七八九〇○零][\-—－~～])"
                         r"([一二][九〇○零][一二三四五六七八九〇○零]{2})年(?!代)")
# a span of years a text names (2016-2020年, 1979年到1983年); the figures read it too
YEAR_RANGE = regex.compile(r"((?:19|20)\d\d)\s?年?\s?[-—–~～－至到]\s?((?:19|20)\d\d)\s?年")
# 十三五, 第十三个五年规划; 第六个五年计划 (the plans before the eleventh are 计划)
_FYP = regex.compile(r"十([一二三四五六])(?:五|个五年)|第([一二三四五六七八九十])个五年|"
                     r"[“\"]([六七八九])五[”\"]|([六七八九])五(?=计划|时期|期间)")  # “七五”
# a review heading that ends on the span it reviews (…取得伟大成就的五年, 不平凡的这五年); not
# one ahead (今后的五年)
_HEADING_SPAN = regex.compile(r"(?<!今后|未来|今后的|未来的)(?:的|这)(?P<n>[两二三四五六七八九十]|\d{1,2})年$")
_LIST_INTRO = regex.compile(r"(?:[:：]|如下|以下目标)\s*$")
_SENT_END = regex.compile(r"[。！？!?；;]|\n")
_LINE = regex.compile(r"[^\n]+")
_MONTHLY = regex.compile(r"\d{1,2}\s?月份?|季度|上半年")
_COLON = regex.compile(r"\s*[:：]")
_CLAUSE_OPEN = regex.compile(r"(?:^|[。！？!?；;，,：:\n])[\s“”\"‘’]*$")
# the year a work report's review covers, named in its title: (2022年工作回顾), 2014年工作回顾
_REVIEW_YEAR = regex.compile(r"((?:19|20)\d\d)\s?年(?:和[^()（）]{0,16})?(?:政府)?工作回顾")


@dataclass(frozen=True)
class FrameRules:
    title_chars: int
    head_chars: int
    heading_chars: int
    default_genre: str
    genres: tuple[dict, ...]
    headings: tuple[dict, ...]
    scopes: tuple[dict, ...]
    self_date: regex.Pattern
    passage_stop: regex.Pattern  # a sentence that turns from a reviewed passage to what comes
    # headings that date an undated work report: (id, pattern with group y, years to add)
    report_year: tuple[tuple[str, regex.Pattern, int], ...]
    # a work report's turn to the year's work without a heading (今年要着重做好以下八个方面工作)
    report_turn: regex.Pattern | None = None
    # a topic sentence that turns to the year's work itself (结合过去十年…的体会，对今年政府主要
    # 工作提出以下建议) opens no reviewed passage
    topic_turn: regex.Pattern | None = None
    # a date-less report that presents the next year's plan was given late in its year
    next_year_plan: str | None = None
    # the year's first half told as past (今年上半年…已有/比去年同期增长): a report given in
    # the second half of its year, as presenting next year's plan also says
    second_half: regex.Pattern | None = None
    year_list: tuple[regex.Pattern, regex.Pattern] | None = None  # (opener, item line)


def _checked_template(t: str | None) -> str | None:
    """``next_year_plan``: a pattern with ``{next}`` for the year after the report's."""
    if t is None:
        return None
    if "{next}" not in t:
        raise RuleFileError(Errors.E006.format(file=FILE, index="-", rule_id="next_year_plan",
                                                key="next_year_plan", expected="a pattern with {next}",
                                                value=t))
    compile_regex(t.replace("{next}", "2000"), file=FILE, index="-", rule_id="next_year_plan",
                  key="next_year_plan")
    return t


_CN_DIGITS = "〇一二三四五六七八九"


def plans_next_year(text: str, year: int, rules: FrameRules) -> bool:
    """The text presents the plan or budget of the year after ``year`` (一九六五年计划草案 in
    a report of 1964): it was given late in its year, so its 今年 is the year it reviews.

    >>> R = load_frame_rules()
    >>> plans_next_year("现在提出一九六五年计划草案。", 1964, R), plans_next_year("今年计划增长5%。", 1964, R)
    (True, False)
    """
    if rules.next_year_plan is None:
        return False
    y = str(year + 1)
    forms = {y, "".join(_CN_DIGITS[int(c)] for c in y), "".join("○" if c == "0" else
             _CN_DIGITS[int(c)] for c in y), "".join(chr(0xFF10 + int(c)) for c in y)}
    alt = "(?:" + "|".join(sorted(forms)) + ")"
    return regex.search(rules.next_year_plan.replace("{next}", alt), text) is not None


@lru_cache(maxsize=1)
def load_frame_rules() -> FrameRules:
    d = load_json(FILE)
    check_keys(d, file=FILE, required=["title_chars", "head_chars", "heading_chars",
                                       "default_genre", "genres", "headings", "scopes",
                                       "self_date", "passage_stop", "report_year"],
               optional=["report_turn", "topic_turn", "next_year_plan", "second_half",
                         "year_list"])
    genres = validate_rules(d["genres"], file=FILE, required=["id", "genre", "where", "pattern"],
                            optional=["frame"], regex_keys=["pattern"],
                            choices={"genre": GENRES, "where": ("title", "head")},
                            types={"frame": dict})
    for i, g in enumerate(genres):
        fr = g.get("frame")
        if fr is not None and (set(fr) != {"status", "period"} or fr["status"] not in STATUSES
                               or fr["period"] not in GENRE_PERIODS):
            raise RuleFileError(Errors.E006.format(
                file=FILE, index=i, rule_id=g["id"], key="frame",
                expected=f"{{status: {STATUSES}, period: {GENRE_PERIODS}}}", value=fr))
    report_year = validate_rules(d["report_year"], file=FILE, required=["id", "pattern", "offset"],
                                 regex_keys=["pattern"], types={"offset": int})
    status = {"status": ("target", "achieved")}
    headings = validate_rules(d["headings"], file=FILE, required=["id", "status", "period", "pattern"],
                              regex_keys=["pattern"], choices={**status, "period": PERIOD_MODES})
    scopes = validate_rules(d["scopes"], file=FILE, required=["id", "status", "period", "pattern"],
                            optional=["passage"], regex_keys=["pattern"],
                            choices={**status, "period": PERIOD_MODES}, types={"passage": bool})
    return FrameRules(int(d["title_chars"]), int(d["head_chars"]), int(d["heading_chars"]),
                      d["default_genre"], tuple(genres), tuple(headings), tuple(scopes),
                      compile_regex(d["self_date"], file=FILE, index="-", rule_id="self_date",
                                    key="self_date"),
                      compile_regex(d["passage_stop"], file=FILE, index="-",
                                    rule_id="passage_stop", key="passage_stop"),
                      tuple((r["id"], r["_re_pattern"], r["offset"]) for r in report_year),
                      compile_regex(d["report_turn"], file=FILE, index="-", rule_id="report_turn",
                                    key="report_turn") if "report_turn" in d else None,
                      compile_regex(d["topic_turn"], file=FILE, index="-", rule_id="topic_turn",
                                    key="topic_turn") if "topic_turn" in d else None,
                      _checked_template(d.get("next_year_plan")),
                      compile_regex(d["second_half"], file=FILE, index="-", rule_id="second_half",
                                    key="second_half") if "second_half" in d else None,
                      _year_list_rules(d.get("year_list")))


def _year_list_rules(d: dict | None) -> tuple[regex.Pattern, regex.Pattern] | None:
    if d is None:
        return None
    check_keys(d, file=f"{FILE}:year_list", required=["opener", "item"],
               optional=["comment", "item_comment"])
    return tuple(compile_regex(d[k], file=FILE, index="-", rule_id="year_list", key=k)
                 for k in ("opener", "item"))


# --------------------------------------------------------------------------- genre


def detect_genre(text: str, rules: FrameRules | None = None, title: str | None = None
                 ) -> tuple[str, str]:
    """``(genre, rule:words)``: the first genre rule that matches its region, else the default.

    >>> detect_genre("2023年北京市国民经济和社会发展统计公报\\n\\n全年实现…")
    ('bulletin', 'bulletin_title:统计公报')
    >>> detect_genre("政府工作报告\\n——2024年3月5日在…\\n各位代表：")[0]
    'report'
    >>> detect_genre("记者从市商务局获悉，…")[0]
    'news'
    """
    g, rule, _ = _genre_rule(text, rules, title)
    return g, rule


def _genre_rule(text: str, rules: FrameRules | None, title: str | None
                ) -> tuple[str, str, dict | None]:
    """``(genre, rule:words, the rule's default frame or None)``."""
    R = rules or load_frame_rules()
    lead = len(text) - len(text.lstrip())
    m = _SENT_END.search(text, lead)
    first = text[lead:min(lead + R.title_chars, m.start() if m else len(text))]
    # a headline from metadata comes first: an excerpt often starts mid-document
    title = f"{title}\n{first}" if title else first
    head = text[:R.head_chars]
    for r in R.genres:
        hit = r["_re_pattern"].search(title if r["where"] == "title" else head)
        if hit:
            return r["genre"], f"{r['id']}:{hit.group()}", r.get("frame")
    return R.default_genre, "default", None


# --------------------------------------------------------------------------- reference date


def reference_date(text: str, date: str | None, rules: FrameRules | None = None,
                   genre: str | None = None) -> tuple[int | None, int | None, str | None]:
    """``(year, month, source)``: the given date, else the dateline, else the text's own,
    else (a work report) the year its headings name: the one after the year its review
    heading names (一、2014年工作回顾), or its plan heading's (二、2015年工作总体部署).

    >>> reference_date("政府工作报告\\n——2024年3月5日在第十四届全国人民代表大会…", None)
    (2024, 3, 'dateline')
    >>> reference_date("x", "2023")
    (2023, None, 'given')
    """
    R = rules or load_frame_rules()
    if date:
        try:
            d = parse_date(date)
            return d.year, d.month, "given"
        except ValueError:
            pass
    found = infer_date(text)
    if found:
        d = parse_date(found)
        return d.year, d.month, "dateline"
    m = R.self_date.search(text, 0, R.head_chars)
    if m:
        return int(m["y"]), int(m["m"]), "self"
    if genre == "report":
        hits = [(m.start(), i, int(m["y"].replace(" ", "")) + offset, rid)
                for i, (rid, rx, offset) in enumerate(R.report_year) if (m := rx.search(text))]
        if hits:
            _, _, y, rid = min(hits)  # the first heading of the text
            return y, 3, rid
    return None, None, None


# --------------------------------------------------------------------------- periods


def named_period(s: str) -> str | None:
    """The period a heading or phrase names itself: a year range, a year, a plan period.

    A year named beside a plan period is the more specific (``2015年和“十二五”时期工作回顾``:
    its figures without a year of their own are of 2015).

    >>> named_period("一、2023年工作回顾"), named_period("“十三五”时期发展成就"), named_period("回顾")
    ('2023', '2016-2020', None)
    >>> named_period("实施方案(2024-2026年)"), named_period("一、2015年和“十二五”时期政府工作回顾")
    ('2024-2026', '2015')
    >>> named_period("关于第六个五年计划的报告"), named_period("第一个五年计划"), named_period("“七五”时期")
    ('1981-1985', '1953-1957', '1986-1990')
    >>> named_period("七五折"), named_period("（一）一九五七年经济战线上的胜利")
    (None, '1957')
    >>> named_period("二、第二个五年计划的第二年——一九五九年的任务"), named_period("一九六二—一九六三年")
    ('1959', None)
    """
    m = YEAR_RANGE.search(s)
    if m:
        return f"{m[1]}-{m[2]}"
    m = _YEAR.search(s)
    if m:
        return m[1]
    m = _CN_YEAR.search(s)
    if m:
        return str(cn_year(m[1]))
    m = _FYP.search(s)
    if m is None:
        return None
    if m[1]:
        return plan_period("一二三四五六".index(m[1]) + 11)
    return plan_period("一二三四五六七八九十".index(m[2] or m[3] or m[4]) + 1)


def named_year_counts(text: str) -> dict[int, int]:
    """How often the text names each single year, in digits or characters.

    >>> named_year_counts("1979年粮食增产，一九七九年棉花增产；1980年预计…；2016-2020年")
    {1979: 2, 1980: 1}
    """
    out: dict[int, int] = {}
    spans = [m.span() for m in YEAR_RANGE.finditer(text)]
    for rx, year in ((_YEAR, int), (_CN_YEAR, cn_year)):
        for m in rx.finditer(text):
            if not any(a <= m.start() < b for a, b in spans):
                out[year(m[1])] = out.get(year(m[1]), 0) + 1
    return out


def cn_year(digits: str) -> int:
    """一九五七 → 1957 (○, the circle the old reports print, is a zero too)."""
    return int(parse_cn_number(digits.replace("○", "〇")))


def plan_period(n: int) -> str:
    """The years of the n-th five-year plan (the 3rd began in 1966 after three adjustment years).

    >>> plan_period(13), plan_period(14), plan_period(11)
    ('2016-2020', '2021-2025', '2006-2010')
    """
    start = 1953 + 5 * (n - 1) if n <= 2 else 1966 + 5 * (n - 3)
    return f"{start}-{start + 4}"


def next_plan_period(year: int, month: int | None) -> str | None:
    """The five-year period a plan that names none is written for, when its date is at the
    turn of two periods (from September of a period's last year to the end of the next
    one's first): its 发展基础 then reviews the period just ended (GUIDELINES §1 plan
    periods). Elsewhere in a period a plan's horizon is unknown.

    >>> next_plan_period(2020, 12), next_plan_period(2021, 5), next_plan_period(2020, 3)
    ('2021-2025', '2021-2025', None)
    >>> next_plan_period(2023, 6), next_plan_period(2025, None)
    (None, '2026-2030')
    """
    if year % 5 == 1 or (year % 5 == 0 and (month or 12) >= 9):
        start = year if year % 5 == 1 else year + 1
        return f"{start}-{start + 4}"
    return None


def previous_period(p: str | None) -> str | None:
    """The five years before a five-year period (a plan's 现实基础 reviews the plan before it).

    >>> previous_period("2021-2025"), previous_period("2024"), previous_period(None)
    ('2016-2020', None, None)
    """
    if not p or len(p) != 9:
        return None
    a, b = int(p[:4]), int(p[5:])
    return f"{a - 5}-{b - 5}" if b - a == 4 else None


def _period(mode: str, words: str, ctx: "_Ctx", m: regex.Match | None = None) -> str | None:
    y = ctx.tf.ref_year
    named = named_period(words)
    if mode == "named":
        if m is not None and "y" in m.groupdict() and m["y"]:
            return m["y"]
        return named
    if mode == "named_or_review":
        if named:
            return named
        if ctx.plan_period:  # a plan's 过去五年 is the previous plan period, whenever printed
            return previous_period(ctx.plan_period)
        for r in ctx.rules.scopes:  # 过去五年工作回顾: the heading's own span of years
            hit = r["period"] == "recent_n" and r["_re_pattern"].search(words)
            if hit:
                return _period("recent_n", words, ctx, hit)
        hit = _HEADING_SPAN.search(words)  # 一、改革开放和现代化建设取得伟大成就的五年
        if hit:
            return _period("recent_n", words, ctx, hit)
        if y is None or ctx.tf.genre != "report":
            return None
        return str(ctx.reviewed_year())  # a late report reviews Y
    if mode == "plan_year":
        # a plan's 发展目标 without a year of its own: the plan's horizon is for the figures'
        # own cues to say (到2025年); a work report plans its own year
        if named:
            return named
        if y is None or ctx.tf.genre != "report":
            return None
        return str(ctx.planned_year())  # a late report plans Y+1
    if mode == "review_year":
        return str(ctx.reviewed_year()) if y is not None else None
    if mode == "last_year":
        return str(y - 1) if y is not None else None
    if mode == "named_or_plan":
        if named:
            return named
        if ctx.plan_period and ctx.tf.genre_rule.startswith("plan_report_head:"):
            return ctx.plan_period
        return str(y) if y is not None else None
    if mode in ("named_or_ref", "ref_year"):
        if named and mode == "named_or_ref":
            return named
        return str(y) if y is not None else None
    if mode == "recent_n" and m is not None and y is not None:
        n = parse_cn_number(m["n"]) if m["n"] else None
        if n is None or not 1 <= n <= 20:
            return None
        last = y - 1 if (ctx.tf.ref_month or 12) < 12 else y
        return f"{last - int(n) + 1}-{last}" if n > 1 else str(last)
    return None


# --------------------------------------------------------------------------- context


@dataclass
class _Ctx:
    text: str
    tf: TimeFrames
    rules: FrameRules
    lines: list[tuple[int, int]]  # non-empty lines, stripped
    review_is_last_year: bool  # a report given early in year Y reviews Y-1
    plan_period: str | None = None  # the five-year period the document's title plans
    title: str = ""  # the headline from metadata ("" when the text carries its own)
    genre_frame: dict | None = None  # the genre rule's default frame
    numbered_starts: list[int] | None = None  # numbered line starts, found when first asked
    numbered_levels: list[int] | None = None  # their levels, found with them
    stop_starts: list[int] | None = None  # passage_stop hits, found with them
    # a late report (it presents next year's plan) whose text speaks of the year before its
    # own more often (named, or 去年; against named, or 今年) reviews that year, still planning
    # the next (1980, given in the autumn: 1979 reviewed, 今年上半年 its own, 1981 planned); one
    # given in November or December reviews its own (1964, 1981: 今年…预计)
    late_reviews_last: bool = False

    def reviewed_year(self) -> int:
        """The year a report's review covers when nothing nearer says (the reference year's
        or the one before); only asked when the reference year is known."""
        y = self.tf.ref_year
        assert y is not None
        return y - 1 if self.review_is_last_year or self.late_reviews_last else y

    def planned_year(self) -> int:
        """The year a report plans: its own, or the next for one given late in its year."""
        y = self.tf.ref_year
        assert y is not None
        return y if self.review_is_last_year else y + 1


def _lines(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _LINE.finditer(text):
        s, e = m.span()
        while s < e and text[s] in " \t\u3000\u200b":
            s += 1
        while e > s and text[e - 1] in " \t\u3000\r\u200b":
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def numbering(text: str, s: int) -> tuple[str, int] | None:
    """``(style, end of the enumerator)`` of a line starting at ``s``, else None.

    >>> numbering("（二）发展目标", 0), numbering("3.规模以上工业增加值增长6.5%", 0)
    (('cn_paren', 3), ('arabic_dot', 2))
    >>> numbering("2023年工作回顾", 0) is None
    True
    """
    m = _NUMBERING_ANY.match(text, s)
    return (m.lastgroup, m.end()) if m else None


# --------------------------------------------------------------------------- frame rules


def genre_frame(ctx: _Ctx) -> list[Frame]:
    """The genre rule's default frame over the whole text (``frame`` in the genre rule).

    A bulletin is about the period its opening names (``2023年…统计公报``), whatever the
    publication date; a work report's default is the year its review covers (plan headings
    turn it to targets); a review spans the range it names. A plan or notice has no default:
    its headline word is too often a news item about it.
    """
    tf, fr, n = ctx.tf, ctx.genre_frame, len(ctx.text)
    if fr is None:
        return []
    head = f"{ctx.title}\n{ctx.text[:ctx.rules.title_chars]}" if ctx.title else \
        ctx.text[:ctx.rules.title_chars]
    mode, period = fr["period"], None
    if mode == "bulletin":
        period = named_period(head)
        if period is None and tf.ref_year is not None:
            # an annual release comes out early the next year; a monthly one the same year
            monthly = _MONTHLY.search(head)
            period = str(tf.ref_year if monthly or (tf.ref_month or 1) > 6 else tf.ref_year - 1)
    elif mode == "review":
        # a review spans a period: the range or plan period its title names (“十四五”时期…成就),
        # never a single year there (a start, 2012年以来, or an occasion)
        for part in (ctx.title, head):
            m = YEAR_RANGE.search(part) or _FYP.search(part)
            if m:
                period = named_period(m.group())
                break
    elif mode == "rule":  # the period the genre rule's own match names (第六个五年计划的报告)
        period = named_period(tf.genre_rule)
    elif mode == "report":
        m = _REVIEW_YEAR.search(head)
        if m:
            period = m[1]
        elif tf.ref_year is not None:
            period = str(ctx.reviewed_year())
    else:
        period = _period(mode, head, ctx)
    return [Frame(0, n, "genre", tf.genre, tf.genre_rule, fr["status"], period)]


# a report's sections after its review: the period they name, else a plan report's plan
# period (“七五”时期的基本任务 in the report on the seventh five-year plan), else its year
_REPORT_PLAN = {"id": "report_plan_section", "status": "target", "period": "named_or_plan"}
# a report's numbered heading naming one year and no frame word (（一）一九五七年经济战线上的胜利,
# 二、1981年国民经济计划的任务和主要指标, 一、1955年国家决算): a year before the one the report
# plans is reviewed, that year or a later one planned
_YEAR_REVIEW = {"id": "report_year_heading", "status": "achieved", "period": "named"}
_YEAR_PLAN = {"id": "report_year_heading", "status": "target", "period": "named"}


def report_year_heading(words: str, ctx: _Ctx) -> dict | None:
    """The frame a work report's heading takes from the one year it names, if it names one."""
    y = ctx.tf.ref_year
    named = named_period(words)
    if ctx.tf.genre != "report" or y is None or named is None or len(named) != 4:
        return None
    return _YEAR_REVIEW if int(named) < ctx.planned_year() else _YEAR_PLAN


def heading_frames(ctx: _Ctx) -> list[Frame]:
    """A review or plan heading governs its section: up to the next heading of its level or higher.

    Levels come from the order in which numbering styles first appear in the document. An
    unnumbered heading line (short, no final 。 or ：) ends a section only when it names a
    frame itself: in a numbered text such lines are subtitles and salutations.
    """
    text, R = ctx.text, ctx.rules
    heads: list[tuple[int, int, int, dict | None]] = []  # (start, end of words, level, rule)
    order: dict[str, int] = {}
    for s, e in ctx.lines:
        num = numbering(text, s)
        if num:
            style, ws = num
            we = _FIRST_SENTENCE.match(text, ws, e).end()
            if we - ws > R.heading_chars or we == ws:
                continue
        else:
            style, ws, we = "plain", s, e
            if e - s > R.heading_chars or text[e - 1] in "。；;！？!?，,：:":
                continue
        level = order.setdefault(style, len(order)) if style != "plain" else -1
        words = text[s:we]
        # a run-on task heading (加大…力度，夯实…发展基础) names no time frame
        rule = None if "，" in words or "," in words else next(
            (r for r in R.headings if r["_re_pattern"].search(words)), None) or (
            report_year_heading(words, ctx) if style != "plain" else None)
        if style == "plain" and rule is None:
            continue
        heads.append((s, we, level, rule))
    out = []
    review_level = None
    for k, (s, we, level, rule) in enumerate(heads):
        if rule is None and ctx.tf.genre == "report" and level == review_level:
            # a work report reviews, then plans: the sections after its review at the review's
            # level (二、促进国民经济持续…发展) are its tasks for the year
            rule = _REPORT_PLAN
        if rule is None:
            continue
        if rule["status"] == "achieved" and review_level is None:
            review_level = level
        end = next((h[0] for h in heads[k + 1:] if h[2] <= max(level, 0)), len(text))
        words = text[s:we]
        out.append(Frame(s, end, "heading", rule["id"], words, rule["status"],
                         _period(rule["period"], words, ctx), level))
    return out


def scope_frames(ctx: _Ctx) -> list[Frame]:
    """A scope phrase (过去五年, “十三五”时期, 到2025年) governs its sentence, or the list its
    sentence introduces (ending in ：or 如下) up to the next heading-like line."""
    text, R = ctx.text, ctx.rules
    out = []
    for r in R.scopes:
        for m in r["_re_pattern"].finditer(text):
            s = m.start()
            se = _SENT_END.search(text, m.end())
            end = se.start() if se else len(text)
            period = _period(r["period"], m.group(), ctx, m)
            y = m.groupdict().get("y")
            if r["status"] == "target" and y and ctx.tf.ref_year and int(y) < ctx.tf.ref_year:
                continue  # 到2021年 in a text of 2022 is no aim
            lo = _sentence_start(text, s)
            if r["status"] == "achieved" and _ahead(period, ctx) and "以来" not in m.group():
                # “十四五”时期 in a text of 2021 is the plan's own period, no review; a topic
                # sentence opening on it (“十四五”时期是开启…新征程的第一个五年。) heads the
                # plan's aims (not 为“十四五”时期…打下了坚实基础, the review's last words)
                if r.get("passage") and _topic_sentence(text, lo, end, m) and \
                        _current(period, ctx) and not text[lo:s].strip(" \u3000“\""):
                    out.append(Frame(lo, _passage_end(ctx, end), "passage", r["id"], m.group(),
                                     "target", period))
                continue
            turns = ctx.rules.topic_turn is not None and \
                ctx.rules.topic_turn.search(text, m.end(), end) is not None
            if r.get("passage") and _topic_sentence(text, lo, end, m) and _ended(period, ctx) \
                    and not turns:
                # the period only: the figures' own cues and the enclosing frames say their
                # status (a forecast or a price in a reviewed passage is still no result)
                out.append(Frame(lo, _passage_end(ctx, end), "passage", r["id"], m.group(),
                                 None, period))
            elif _COLON.match(text[end:end + 2]) or _LIST_INTRO.search(text, lo, end):
                out.append(Frame(lo, _list_end(ctx, end), "list", r["id"], m.group(),
                                 r["status"], period))
            else:
                # a sentence's period is its own period cue's (quantity_periods.json)
                out.append(Frame(lo, end, "sentence", r["id"], m.group(), r["status"], None))
    return out


_DIGIT = regex.compile(r"\d")


def _topic_sentence(text: str, lo: int, end: int, m: regex.Match) -> bool:
    """A sentence with no figure of its own (“十四五”时期我国农业现代化取得重要进展。) is the
    topic of the passage that follows it, not only of itself; a heading line is not (its
    heading frame governs its section)."""
    return text[end:end + 1] in ("。", "！", "!") and numbering(text, lo) is None and \
        not _DIGIT.search(text, lo, m.start()) and not _DIGIT.search(text, m.end(), end)


def _ahead(period: str | None, ctx: _Ctx) -> bool:
    """The period ends after the year of the reference date (an undated text: unknown, no)."""
    y = ctx.tf.ref_year
    return period is not None and y is not None and int(period[-4:]) > y


def _current(period: str | None, ctx: _Ctx) -> bool:
    """The period has begun by the reference date (or begins the year after a late report):
    the plan a text of its first years sets out, not one further ahead."""
    y = ctx.tf.ref_year
    return period is not None and y is not None and int(period[:4]) <= y + 1


def _ended(period: str | None, ctx: _Ctx) -> bool:
    """The period has ended or is ending at the reference date: a review, not a plan's aim."""
    y = ctx.tf.ref_year
    return period is not None and y is not None and int(period[-4:]) <= y


def _passage_end(ctx: _Ctx, i: int) -> int:
    """End of a reviewed passage opened at ``i``: the next numbered heading line, or the next
    sentence that turns to what comes (下一步, 今年, 未来…).

    Both are found once per text and looked up by bisection: a long text has many passages.
    """
    text = ctx.text
    if ctx.numbered_starts is None:
        # a style's level is the order it first appears in (一、 before （一） before 1.)
        styles: dict[str, int] = {}
        ctx.numbered_starts, ctx.numbered_levels = [], []
        for s, _ in ctx.lines:
            n = numbering(text, s)
            if n is not None:
                ctx.numbered_starts.append(s)
                ctx.numbered_levels.append(styles.setdefault(n[0], len(styles)))
        # a turn opens its sentence or clause (下一步，… / …，今年将…); inside a clause the
        # word is no turn (不搞“大水漫灌”、透支未来)
        ctx.stop_starts = [m.start() for m in ctx.rules.passage_stop.finditer(text)
                           if _CLAUSE_OPEN.search(text, max(0, m.start() - 3), m.start())
                           or m.start() == 0]
    end = len(text)
    k = bisect.bisect_right(ctx.numbered_starts, i)
    # the passage runs over the sub-headings of its own section (五年来…主要做了以下工作。
    # （一）…（二）…) up to the next heading of that section's level or above
    level = ctx.numbered_levels[k - 1] if k else None
    while k < len(ctx.numbered_starts):
        if level is None or ctx.numbered_levels[k] <= level:
            end = ctx.numbered_starts[k]
            break
        k += 1
    k = bisect.bisect_left(ctx.stop_starts, i)
    if k < len(ctx.stop_starts) and ctx.stop_starts[k] < end:
        end = _sentence_start(text, ctx.stop_starts[k])
    # a scope phrase inside (去年底…) frames its own sentence, deeper than the passage
    return max(end, i)


def _sentence_start(text: str, i: int) -> int:
    j = i
    while j > 0 and text[j - 1] not in "。！？!?；;\n":
        j -= 1
    return j


def _list_end(ctx: _Ctx, i: int) -> int:
    """End of the list introduced at ``i``: the first later line that is a plain heading
    (short, unnumbered, no final 。) or that numbers at a level the list did not use."""
    text, first_style = ctx.text, None
    for s, e in ctx.lines:
        if s <= i:
            continue
        num = numbering(text, s)
        style = num[0] if num else None
        if first_style is None:
            first_style = style or "plain"
            continue
        if style != first_style and (style is not None or (
                e - s <= ctx.rules.heading_chars and text[e - 1] not in "。；;，,")):
            return s
    return len(text)


def year_list_frames(ctx: _Ctx) -> list[Frame]:
    """A sentence naming one year and ending on 如下： (主要农业产品一九五七年的计划产量…如下列：)
    introduces a list of item lines (粮食：达到…): a `list` frame over the items, giving that
    year and no status (GUIDELINES §1: a phrase governs the list it introduces)."""
    if ctx.rules.year_list is None:
        return []
    opener, item = ctx.rules.year_list
    text, out, lines = ctx.text, [], ctx.lines
    for k, (s, e) in enumerate(lines):
        if not opener.search(text, s, e):
            continue
        lo = max(text.rfind("。", s, e), text.rfind("；", s, e), s - 1) + 1
        period = _listed_year(text[lo:e])
        end = e
        for s2, e2 in lines[k + 1:]:
            if not item.match(text, s2, e2):
                break
            end = e2
        if period is not None and end > e:
            out.append(Frame(lo, end, "list", "year_list", text[lo:e], None, period))
    return out


def list_growth_span(f: Frame) -> str | None:
    """A year list set against a base year (…一九五七年的计划产量比一九五二年增长的情况如下列：):
    its growth figures span the years after the base up to the list's year (``1953-1957``)."""
    if f.rule != "year_list" or f.period is None:
        return None
    for start, base in _years(f.cue):
        if _BASE_BEFORE.search(f.cue, 0, start):
            return f"{base + 1}-{f.period}" if base < int(f.period) else None
    return None


def _listed_year(sentence: str) -> str | None:
    """The one year a list's opening sentence names, not counting a base (比一九五二年)."""
    own = {year for start, year in _years(sentence) if not _BASE_BEFORE.search(sentence, 0, start)}
    return str(own.pop()) if len(own) == 1 else None


_BASE_BEFORE = regex.compile(r"(?:比|同|较|与)$")


def _years(sentence: str) -> list[tuple[int, int]]:
    """``(start, year)`` of the years a sentence names, in digits or characters (the text is
    normalised: full-width digits are ASCII), with the frames' own patterns."""
    found = [(m.start(), int(m[1])) for m in _YEAR.finditer(sentence)]
    found += [(m.start(), cn_year(m[1])) for m in _CN_YEAR.finditer(sentence)]
    return sorted(found)


def report_turn_frames(ctx: _Ctx) -> list[Frame]:
    """A work report that turns to the year's work without a heading of its own (`按照这个总体
    要求，今年要着重做好以下八个方面工作。`, `今年工作的总体要求是：`): from that sentence on, the
    plan (GUIDELINES §1 work reports), up to a later review heading if one comes."""
    R, text = ctx.rules, ctx.text
    if ctx.tf.genre != "report" or R.report_turn is None:
        return []
    m = R.report_turn.search(text)
    if m is None:
        return []
    y = ctx.tf.ref_year
    return [Frame(_sentence_start(text, m.start()), len(text), "passage", "report_turn",
                  m.group(), "target", str(y) if y is not None else None)]


FRAME_RULES: tuple[Callable[[_Ctx], list[Frame]], ...] = (genre_frame, heading_frames, scope_frames,
                                                         year_list_frames, report_turn_frames)


def build_frames(text: str, date: str | None = None, title: str | None = None) -> TimeFrames:
    """The document's :class:`TimeFrames` (normalised text; see the package docstring).

    ``title``: the headline from the page's metadata, read before the text's first line.
    """
    R = load_frame_rules()
    genre, grule, gframe = _genre_rule(text, R, title)
    year, month, src = reference_date(text, date, R, genre)
    late = False
    if genre == "report" and year is not None and month is None:
        # a work report is given early in its year (GUIDELINES §1), unless it presents the
        # next year's plan (the reports of 1964, 1980 and 1981 were given in its last months)
        # or tells the year's first half as past (1954, given in September)
        late = src == "given" and (plans_next_year(text, year, R) or (
            R.second_half is not None and R.second_half.search(text) is not None))
        month = 12 if late else 3
    tf = TimeFrames(genre, grule, year, month, src)
    # a report given in the first half of year Y reviews Y-1; a date-less or late one its own
    review_last = genre in ("report", "bulletin") and (month is None or month <= 6) or \
        genre not in ("report", "bulletin")
    # the plan period the document is about: its headline's (metadata title, else first line)
    lead = len(text) - len(text.lstrip())
    nl = text.find("\n", lead)
    head = title or text[lead:min(lead + R.title_chars, nl if nl >= 0 else len(text))]
    m = YEAR_RANGE.search(head) or _FYP.search(head)
    if m is None and grule.startswith(("plan_head:", "plan_issued_head:", "plan_report_head:")):
        # the plan's title line below furniture, or the plan a notice issues
        m = YEAR_RANGE.search(grule) or _FYP.search(grule)
    fyp = named_period(m.group()) if m else None
    if fyp is None and genre == "plan" and year is not None:
        fyp = next_plan_period(year, month)
    ctx = _Ctx(text, tf, R, _lines(text), review_last,
               fyp if fyp and int(fyp[5:]) - int(fyp[:4]) == 4 else None, title or "", gframe)
    if late:
        # the year before (named, or 去年) against its own (named, or 今年)
        named = named_year_counts(text)
        ctx.late_reviews_last = named.get(year - 1, 0) + text.count("去年") > \
            named.get(year, 0) + text.count("今年")
    frames = [f for rule in FRAME_RULES for f in rule(ctx)]
    return TimeFrames(genre, grule, year, month, src, frames)
