"""HTML pages and HTML debris as edits of the normalised view (the raw text is never rewritten).

A page (``<!DOCTYPE html``, ``<html`` … at the start) or a text with HTML debris
(at least ``debris_min_tags`` known tags such as ``<p>``, ``<br>``) gets these
edits, all of kind ``"tag"``:

* tags, comments and the contents of ``<script>``/``<style>`` are deleted;
* a block tag (``<p>``, ``<br>``, ``<tr>`` …) keeps its final ``>``, which the view
  shows as ``\\n`` (so paragraphs and sentences still split); a cell tag shows ``|``;
* a character reference (``&nbsp;``, ``&#20013;``) keeps its ``&``, shown as the
  character it stands for, and the rest is deleted;
* in a page, a source line break is layout: it is deleted between two CJK
  characters and shown as a space elsewhere.

Spans found in the view map back to the raw HTML, so ``raw[start:end] == text``
still holds (a span may then contain a tag, as the raw file does). One regex pass;
every alternative is bounded by the next ``<`` or ``>`` or runs to the end, so
time is linear.
"""

from __future__ import annotations

import html as _html
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from ..rules.loader import check_keys, load_json
from .offsets import Deletion


@dataclass(frozen=True)
class HtmlRules:
    page_start: regex.Pattern
    debris: regex.Pattern
    debris_min_tags: int
    block: frozenset[str]
    cell: frozenset[str]
    cell_separator: str
    scanner: regex.Pattern


@lru_cache(maxsize=4)
def load_html_rules(name: str = "html.json") -> HtmlRules:
    d = load_json(name)
    check_keys(d, file=name, required=["page_start", "debris_min_tags", "known_tags", "block_tags",
                                        "cell_tags", "cell_separator", "content_dropped"])
    if len(d["cell_separator"]) != 1:
        from ..errors import Errors, RuleFileError

        raise RuleFileError(Errors.E006.format(file=name, index="-", rule_id="cell_separator",
                                               key="cell_separator", expected="one character",
                                               value=d["cell_separator"]))
    known = "|".join(regex.escape(t) for t in sorted(d["known_tags"], key=len, reverse=True))
    dropped = "|".join(regex.escape(t) for t in d["content_dropped"])
    scanner = regex.compile(
        r"(?P<comment><!--(?:.*?-->|.*))"  # an unclosed comment runs to the end, as in browsers
        rf"|(?P<drop><(?P<dt>{dropped})\b[^<>]*>(?:.*?</(?P=dt)\s*>|.*))"
        r"|(?P<decl><[!?][^<>]*>)"
        r"|(?P<tag></?(?P<name>[A-Za-z][A-Za-z0-9:-]*)(?:[\s/][^<>]*)?>)"
        r"|(?P<ref>&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
        r"|(?P<ws>\n\s*)",  # no leading [ \t]*: tried at every space it would be quadratic
        regex.IGNORECASE | regex.DOTALL,
    )
    return HtmlRules(
        page_start=regex.compile(r"\A[\ufeff\s]*(?:" + "|".join(regex.escape(p) for p in d["page_start"])
                                 + ")", regex.IGNORECASE),
        debris=regex.compile(rf"</?(?:{known})(?:[\s/][^<>]*)?>", regex.IGNORECASE),
        debris_min_tags=int(d["debris_min_tags"]),
        block=frozenset(t.lower() for t in d["block_tags"]),
        cell=frozenset(t.lower() for t in d["cell_tags"]),
        cell_separator=d["cell_separator"],
        scanner=scanner,
    )


def html_kind(raw: str, rules: HtmlRules | None = None) -> str | None:
    """``"page"``, ``"debris"`` or ``None``.

    >>> html_kind("<!DOCTYPE html><html><body><p>增长5%</p></body></html>")
    'page'
    >>> html_kind("增长5%<br>新增300家</p>"), html_kind("x<5且y>3，a<b")
    ('debris', None)
    """
    R = rules or load_html_rules()
    if "<" not in raw:
        return None
    if R.page_start.match(raw):
        return "page"
    n = 0
    for _ in R.debris.finditer(raw):
        n += 1
        if n >= R.debris_min_tags:
            return "debris"
    return None


@dataclass
class HtmlEdits:
    """Deletions and one-for-one replacements (raw index → view character)."""

    kind: str | None
    deletions: list[Deletion] = field(default_factory=list)
    replace: dict[int, str] = field(default_factory=dict)


def _is_cjk(c: str) -> bool:
    return "\u2e80" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or "\uff00" <= c <= "\uffef"


def html_edits(raw: str, kind: str | None = None, rules: HtmlRules | None = None) -> HtmlEdits:
    """The view edits for an HTML ``raw`` (``kind`` from :func:`html_kind` when not given).

    >>> from policy_extract.text.normalize import normalize
    >>> raw = "<html><body><p>全市增长&nbsp;<b>7%</b></p><p>新增\\n企业</p></body></html>"
    >>> n = normalize(raw)
    >>> n.text.strip()
    '全市增长 7%\\n\\n新增企业'
    >>> s = n.text.index("7%"); n.raw_text(s, s + 2)[2]
    '7%'
    """
    R = rules or load_html_rules()
    kind = kind or html_kind(raw, R)
    out = HtmlEdits(kind)
    if kind is None:
        return out
    dels, rep = out.deletions, out.replace
    page = kind == "page"
    for m in R.scanner.finditer(raw):
        s, e = m.span()
        g = m.lastgroup
        if g == "tag":
            if not page and not R.debris.fullmatch(m.group()):
                continue  # `a<b>c` in plain text is not a tag unless it is a known one
            name = m["name"].lower()
            closing = raw[s + 1] == "/"
            if name in R.block:
                dels.append(Deletion(s, e - 1, "tag"))
                rep[e - 1] = "\n"
            elif name in R.cell and not closing:
                dels.append(Deletion(s, e - 1, "tag"))
                rep[e - 1] = R.cell_separator
            else:
                dels.append(Deletion(s, e, "tag"))
        elif g == "ref":
            ch = _html.unescape(m.group())
            if len(ch) != 1 or ch == m.group():
                continue
            dels.append(Deletion(s + 1, e, "tag"))
            rep[s] = " " if ch.isspace() else ch
        elif g == "ws":
            if not page:
                continue
            before = raw[s - 1] if s else ""
            after = raw[e] if e < len(raw) else ""
            if _is_cjk(before) and _is_cjk(after) or not before or not after or \
                    before == ">" or after == "<":
                dels.append(Deletion(s, e, "tag"))
            else:
                dels.append(Deletion(s + 1, e, "tag"))
                rep[s] = " "
        else:
            dels.append(Deletion(s, e, "tag"))  # comment, <script>/<style> with content, <!…>
    return out


def apply_replacements(s: str, replace: dict[int, str]) -> str:
    """``s`` with ``s[i]`` replaced by ``replace[i]`` (one for one, so offsets are unchanged).

    >>> apply_replacements("a>b>c", {1: "\\n", 3: "|"})
    'a\\nb|c'
    """
    pieces, pos = [], 0
    for i in sorted(replace):
        pieces.append(s[pos:i])
        pieces.append(replace[i])
        pos = i + 1
    pieces.append(s[pos:])
    return "".join(pieces)
