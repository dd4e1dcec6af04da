"""The normalised view of a raw text: what the rules match on.

The raw text is never rewritten (GUIDELINES §0). :func:`normalize` returns a
:class:`NormalizedText` whose ``text`` has

* soft line breaks removed (a line broken inside a sentence, ``科技创\\n\\n新引领``),
* ``**`` markup removed,
* full-width digits, letters and ``％`` made ASCII, and ASCII ``,;:?!()`` made
  their Chinese forms (except ``,`` and ``:`` between digits), one for one,
* traditional characters made simplified, one for one (``經濟`` → ``经济``),

and an :class:`~policy_extract.text.offsets.OffsetMap` back to the raw text.
Which breaks are soft is decided from line shape with the cues in
``data/zh/layout.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..errors import Errors, RuleFileError
from ..rules.loader import check_keys, load_json, validate_rules
from .offsets import Deletion, OffsetMap

_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}  # ０-９
_FULLWIDTH.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FULLWIDTH.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FULLWIDTH.update({0xFF05: ord("%"), 0x3000: ord(" "), 0xFF0B: ord("+"), 0xFF0F: ord("/"),
                   0xFF0D: ord("-"), 0x2212: ord("-")})  # －, −: a range's or a sign's dash
# zero-width characters pasted from web pages split a figure (74.4\u200b万亿元): invisible,
# so the rules never see them; raw offsets still count them
_INVISIBLE = regex.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_TO_CJK = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
# `,` and `:` between digits are a thousands separator or a ratio/time: keep them ASCII.
_DIGIT_PUNCT = regex.compile(r"(?<=\d)[,，:：](?=\d)")
_FULLWIDTH_DOT = regex.compile(r"(?<=\d)．(?=\d)")


@dataclass(frozen=True)
class Layout:
    """Compiled layout cues (``data/zh/layout.json``)."""

    markup: regex.Pattern
    terminal: frozenset[str]
    closing: frozenset[str]
    inner: frozenset[str]
    clause: frozenset[str]
    soft_min_line: int
    short_line_max: int
    heading_start: tuple[regex.Pattern, ...]
    nonbody_line: tuple[tuple[str, regex.Pattern], ...]
    inline_byline: tuple[tuple[str, regex.Pattern], ...]
    dateline: tuple[tuple[str, regex.Pattern], ...]
    own_line: frozenset[str] = frozenset()  # non-body rule ids that always stand on their own line
    bracket_open: frozenset[str] = frozenset()  # no line ends on one (`制定了《`)
    bracket_close: frozenset[str] = frozenset()  # no line starts with one (`》精神`)
    links_block: regex.Pattern | None = None  # the opener of a block of related links

    def is_heading_start(self, line: str) -> bool:
        return any(p.match(line) for p in self.heading_start)

    def is_dateline(self, line: str) -> bool:
        return any(p.match(line) for _, p in self.dateline)

    def nonbody_match(self, line: str) -> tuple[str, regex.Match] | None:
        for rid, p in self.nonbody_line:
            m = p.search(line)
            if m:
                return rid, m
        return None


def _rule_list(d: dict, key: str) -> tuple[tuple[str, regex.Pattern], ...]:
    rules = validate_rules(d[key], file=f"layout.json:{key}", required=["id", "pattern"],
                           regex_keys=["pattern"])
    return tuple((r["id"], r["_re_pattern"]) for r in rules)


@lru_cache(maxsize=8)
def load_layout(name: str = "layout.json") -> Layout:
    d = load_json(name)
    check_keys(d, file=name, required=["markup", "terminal_punct", "closing_after_terminal",
                                        "inner_punct", "clause_punct", "soft_break_min_line", "short_line_max",
                                        "heading_start", "nonbody_line", "inline_byline",
                                        "dateline"],
               optional=["own_line", "bracket_open", "bracket_close", "links_block"])
    heading = validate_rules([{"id": str(i), "pattern": p} for i, p in enumerate(d["heading_start"])],
                             file=f"{name}:heading_start", required=["id", "pattern"],
                             regex_keys=["pattern"])
    return Layout(
        markup=regex.compile("|".join(regex.escape(m) for m in d["markup"])),
        terminal=frozenset(d["terminal_punct"]),
        closing=frozenset(d["closing_after_terminal"]),
        inner=frozenset(d["inner_punct"]),
        clause=frozenset(d["clause_punct"]),
        soft_min_line=int(d["soft_break_min_line"]),
        short_line_max=int(d["short_line_max"]),
        heading_start=tuple(r["_re_pattern"] for r in heading),
        nonbody_line=_rule_list(d, "nonbody_line"),
        inline_byline=_rule_list(d, "inline_byline"),
        dateline=_rule_list(d, "dateline"),
        own_line=frozenset(d.get("own_line", ())),
        bracket_open=frozenset(d.get("bracket_open", "")),
        bracket_close=frozenset(d.get("bracket_close", "")),
        links_block=_rule_list({"links_block": [d["links_block"]]}, "links_block")[0][1]
        if "links_block" in d else None,
    )


@dataclass(frozen=True)
class NormalizedText:
    """``text`` is the view the rules match on; ``map`` leads back to ``raw``."""

    raw: str
    text: str
    map: OffsetMap

    def raw_span(self, s: int, e: int, clip_markup: bool = True) -> tuple[int, int]:
        """Raw ``[start, end)`` for normalised ``[s, e)``.

        With ``clip_markup`` the span stops at the first ``**`` inside it, as the
        gold does for infographic lines (``**130**项以上`` → ``130``).
        """
        rs, re_ = self.map.span_to_raw(s, e)
        if clip_markup:
            rs, re_ = self.map.clip_markup(rs, re_)
        return rs, re_

    def raw_text(self, s: int, e: int, clip_markup: bool = True) -> tuple[int, int, str]:
        rs, re_ = self.raw_span(s, e, clip_markup)
        return rs, re_, self.raw[rs:re_]


_LINE = regex.compile(r"[^\n]*")


@lru_cache(maxsize=8)
def load_traditional(name: str = "traditional_chars.json") -> dict[int, str]:
    """Traditional → simplified characters, one for one (OpenCC's table): every rule written
    for simplified text then reads a traditional one (the 1954 report, Hong Kong and Taiwan
    releases), and raw offsets are untouched."""
    d = load_json(name)
    check_keys(d, file=name, required=["map"])
    out = {}
    for src, dst in d["map"].items():
        if not (isinstance(src, str) and isinstance(dst, str) and len(src) == len(dst) == 1):
            raise RuleFileError(Errors.E006.format(file=name, index="-", rule_id=src, key="map",
                                                   expected="one character for one", value=dst))
        out[ord(src)] = dst
    return out


@lru_cache(maxsize=8)
def _translate_table(name: str = "traditional_chars.json") -> dict[int, str]:
    return str.maketrans({**load_traditional(name), **_FULLWIDTH,
                          **{ord(k): v for k, v in _TO_CJK.items()}})


def _unify_width(raw: str) -> str:
    out = raw.translate(_translate_table())
    if "，" in out or "：" in out:
        out = _DIGIT_PUNCT.sub(lambda m: "," if m.group() in ",，" else ":", out)
    return out


def _is_soft_break(prev: str, nxt: str, blank_between: bool, lay: Layout,
                   joined: bool = False) -> bool:
    """Is the break between two non-empty (stripped, markup-free) lines inside a sentence?

    A break inside brackets (`制定了《` / `纲要（草案）` / `》精神`) is soft whatever follows; every
    test after it can only say "hard", so their order does not change the answer: the cheap
    character tests run before the pattern tests.
    """
    last = prev[-1]
    if last in lay.bracket_open or nxt[0] in lay.bracket_close:
        return True
    if last in lay.terminal:
        return False
    if last in lay.closing and len(prev) > 1 and prev[-2] in lay.terminal:
        return False
    n_prev = sum(1 for c in prev if c in lay.inner)
    has_next = any(c in lay.inner for c in nxt)
    if not n_prev and not has_next:
        return False  # lists of targets, names, headings: one item per line
    if not has_next and len(nxt) < lay.short_line_max and not (
            not blank_between and (len(prev) >= lay.short_line_max or joined) and n_prev
            and (prev.startswith("——") or not lay.is_heading_start(prev))):
        # a short standalone line after it is a heading or a name, unless the line before is
        # a paragraph broken off mid-sentence (`…新建\n高速铁路\n投产里程…`: a link's words)
        return False
    if nxt == prev or prev.startswith("——") and len(prev) < lay.short_line_max:
        return False  # a repeated headline; a sub-headline (a long `——` line is a paragraph)
    short_prev = len(prev) < lay.short_line_max
    if short_prev and n_prev <= 1 and len(nxt) >= 2 * lay.short_line_max \
            and (not n_prev or (last not in lay.clause and not any(c in lay.terminal for c in prev))):
        # a title or a heading line (one comma at most: `坚持战略牵引，同城化发展效应进一步释放`)
        # on its own line, then a paragraph: a wrapped line is as long as the wrap width
        return False
    if blank_between and short_prev:
        # a short line before a blank line is a heading unless it reads as a clause
        n_clause = sum(1 for c in prev if c in lay.clause)
        runs_on = any(c in lay.terminal for c in prev[:-1])  # a sentence ended inside it
        if n_clause < 2 and last not in lay.clause and not runs_on:
            return False
    if (short_prev or blank_between and len(prev) <= 2 * lay.short_line_max) and \
            lay.is_heading_start(prev):
        return False  # a heading on its own line (`一、综合`; a long one before a blank line)
    if lay.is_heading_start(nxt) or lay.is_dateline(nxt):
        return False
    if lay.nonbody_match(prev):
        return False
    hit = lay.nonbody_match(nxt)
    if hit and hit[0] in lay.own_line:
        return False  # a time stamp / byline / table row on its own line
    return True


def normalize(raw: str, layout: Layout | None = None, html: bool | None = None) -> NormalizedText:
    """Build the normalised view of ``raw`` (see module docstring).

    ``html``: ``None`` detects HTML pages and debris (``text/html.py``: tags become
    deletions of kind ``"tag"``), ``True`` treats ``raw`` as a page, ``False`` never.

    >>> n = normalize("强化创新驱动。坚持以科技创\\n\\n新引领产业创新,补齐短板。")
    >>> n.text
    '强化创新驱动。坚持以科技创新引领产业创新，补齐短板。'
    >>> n.raw_text(10, 16)[2]
    '科技创\\n\\n新引领'
    >>> normalize("目标\\n\\n全社会研发经费投入增速**8.5%**左右").text
    '目标\\n\\n全社会研发经费投入增速8.5%左右'
    """
    lay = layout or load_layout()
    deletions: list[Deletion] = []
    for m in lay.markup.finditer(raw):
        deletions.append(Deletion(m.start(), m.end(), "markup"))
    has_markup = bool(deletions)  # lines are compared without markup only when there is some
    deletions.extend(Deletion(m.start(), m.end(), "invisible") for m in _INVISIBLE.finditer(raw))
    replace: dict[int, str] = {}
    if html is not False and "<" in raw:
        from .html import html_edits

        edits = html_edits(raw, "page" if html else None)
        deletions.extend(edits.deletions)
        replace = edits.replace

    deletions.extend(_soft_breaks(raw, lay, has_markup))
    if " " in raw:
        deletions.extend(_digit_spaces(raw))
    cleaned = _merged(deletions)
    omap = OffsetMap(len(raw), cleaned)
    unified = _unify_width(raw)
    if replace:
        from .html import apply_replacements

        unified = apply_replacements(unified, replace)
    if cleaned:
        pieces = []
        pos = 0
        for d in cleaned:
            pieces.append(unified[pos : d.start])
            pos = d.end
        pieces.append(unified[pos:])
        text = "".join(pieces)
    else:
        text = unified
    if "．" in text:  # between digits of the view (8．8, 8 ．8 once its spaces are gone)
        text = _FULLWIDTH_DOT.sub(".", text)
    return NormalizedText(raw=raw, text=text, map=omap)


# a space as thousands separator (14 879.2亿元, the statistical bulletins' style), and digits
# spaced one by one by a scan (7 4 7 7 2 亿元, 8 ．8 ％, 1 9 9 7 年): the spaces are layout
# (not a label's number before a year or a count: 表1 2024年…, 图2 345个)
_THOUSANDS = regex.compile(r"(?<![\d.．表图第])\d{1,3}(?: \d{3})+(?:[.．]\d+)?(?=[^\d\s.．,，])")
_SPACED = regex.compile(r"(?<![\d.．表图第])\d(?: (?:[.．]?\d(?!\d)|[.．]))+(?: (?=[^\s\d]))?")


def _digit_spaces(raw: str) -> list[Deletion]:
    """The spaces inside a number, as deletions (kind ``"digit_space"``).

    >>> [(d.start, d.end) for d in _digit_spaces("增加值3 463亿元，达到7 4 7 7 2 亿元")]
    [(4, 5), (14, 15), (16, 17), (18, 19), (20, 21), (22, 23)]
    >>> [(d.start, d.end) for d in _digit_spaces("增长8 ．8 ％")]
    [(3, 4), (6, 7)]
    >>> _digit_spaces("120 130 140"), _digit_spaces("2023 年"), _digit_spaces("共 3 个")
    ([], [], [])
    >>> _digit_spaces("表1 2024年主要指标"), _digit_spaces("图2 345个项目")
    ([], [])
    """
    out = []
    for rx in (_THOUSANDS, _SPACED):
        for m in rx.finditer(raw):
            out.extend(Deletion(m.start() + i, m.start() + i + 1, "digit_space")
                       for i, ch in enumerate(m.group()) if ch == " ")
    return sorted(set(out), key=lambda d: d.start)


def _soft_breaks(raw: str, lay: Layout, has_markup: bool) -> list[Deletion]:
    """The line breaks inside a sentence or word (layout debris), as deletions from the end
    of one line's content to the start of the next's."""
    out: list[Deletion] = []
    if "\n" not in raw:
        return out
    prev = None  # (content_end, clean_text)
    blank = joined = False
    for m in _LINE.finditer(raw):
        line = m.group()
        if m.start() == m.end() and m.start() > 0 and raw[m.start() - 1] != "\n":
            continue  # regex emits an empty match right after each line
        clean = (lay.markup.sub("", line) if has_markup else line).strip()
        if not clean:
            blank = True
            continue
        lead = len(line) - len(line.lstrip())
        content_start = m.start() + lead
        soft = prev is not None and _is_soft_break(prev[1], clean, blank, lay, joined)
        if soft:
            out.append(Deletion(prev[0], content_start, "break"))
        joined = soft  # the line goes on a paragraph broken before it
        content_end = m.start() + len(line.rstrip())
        prev = (content_end, clean)
        blank = False
    return out


def _merged(deletions: list[Deletion]) -> list[Deletion]:
    """Sorted, overlaps joined: a markup deletion inside a removed break is already covered."""
    deletions.sort(key=lambda d: d.start)
    cleaned: list[Deletion] = []
    for d in deletions:
        if cleaned and d.start < cleaned[-1].end:
            if d.end > cleaned[-1].end:
                cleaned[-1] = Deletion(cleaned[-1].start, d.end, cleaned[-1].kind)
            continue
        cleaned.append(d)
    return cleaned
