"""The HTML report: every extracted item is on the page, text is escaped, nothing external.

The page is read back with ``html.parser`` the way a browser would build it:
the marked text must give back the raw text exactly, and the fragments of each
item (``data-id``) must give back that item's text.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import defaultdict
from html.parser import HTMLParser

import pytest

from conftest import GOLD, SEED_DATES, SEED_IDS, SEEDS, read_raw
from policy_extract.render_html import Mark, markup, render_html
from policy_extract.schema import (Document, Entity, EntityLabel, Node, NodeKind, Quantity,
                                   Status, TextSpan)

VOID = {"meta", "input", "br", "img", "hr", "link", "wbr"}


class Page(HTMLParser):
    """Collects the text under #pe-text, each item's fragments, tags and attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.in_text = 0
        self.text: list[str] = []
        self.frags: dict[str, list[str]] = defaultdict(list)
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.td_text: list[str] = []
        self.all_data: list[str] = []
        self.pos = 0  # offset in the marked text
        self.where: dict[str, list[int]] = {}  # data-id -> [first offset, end offset]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            assert a["id"] not in self.ids, f"duplicate id {a['id']}"
            self.ids.add(a["id"])
        if tag in VOID:
            return
        if a.get("id") == "pe-text":
            self.in_text = len(self.stack) + 1
        self.stack.append((tag, a))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> does not close {self.stack[-1:]}"
        self.stack.pop()
        if self.in_text and len(self.stack) < self.in_text:
            self.in_text = 0

    def handle_data(self, data):
        self.all_data.append(data)
        top = self.stack[-1][0] if self.stack else ""
        if top == "script":
            self.scripts.append(data)
        elif top == "style":
            self.styles.append(data)
        if self.in_text:
            self.text.append(data)
            for _, a in self.stack[self.in_text:]:
                if "data-id" in a:
                    self.frags[a["data-id"]].append(data)
                    self.where.setdefault(a["data-id"], [self.pos, 0])[1] = self.pos + len(data)
            self.pos += len(data)
        if any(t == "td" for t, _ in self.stack):
            self.td_text.append(data)


def parse(page: str) -> Page:
    p = Page()
    p.feed(page)
    p.close()
    assert not p.stack, f"unclosed: {p.stack}"
    return p


def check_spans(doc: Document, p: Page) -> None:
    """The marked text is the raw text, and each item's marks cover exactly its span."""
    assert "".join(p.text) == doc.text
    items = [(f"q{i}", q) for i, q in enumerate(doc.quantities, 1)]
    items += [(f"i{i}", q.indicator) for i, q in enumerate(doc.quantities, 1) if q.indicator]
    items += [(f"e{i}", e) for i, e in enumerate(doc.entities, 1)]
    items += [(f"n{i}", n) for i, n in enumerate(doc.nodes, 1)]
    for key, it in items:
        assert "".join(p.frags[key]) == it.text, (key, it)
        assert p.where[key] == [it.start, it.end], (key, it)


def check_page(doc: Document, page: str) -> Page:
    """What every rendered page must satisfy; returns the parsed page for more checks."""
    p = parse(page)
    check_spans(doc, p)
    marked = {k for k in p.frags}
    expected = ({f"q{i}" for i in range(1, len(doc.quantities) + 1)}
                | {f"i{i}" for i, q in enumerate(doc.quantities, 1) if q.indicator}
                | {f"e{i}" for i in range(1, len(doc.entities) + 1)}
                | {f"n{i}" for i in range(1, len(doc.nodes) + 1)})
    assert marked == expected
    # Tables: one row per figure and per name, and the tree lists every node.
    rows = [a for t, a in p.tags if t == "tr" and "data-ref" in a]
    assert sorted(a["data-ref"] for a in rows) == sorted(
        [f"q{i}" for i in range(1, len(doc.quantities) + 1)]
        + [f"e{i}" for i in range(1, len(doc.entities) + 1)])
    tree_links = {a["href"] for t, a in p.tags if t == "a" and a.get("href", "").startswith("#n")}
    assert tree_links == {f"#n{i}" for i in range(1, len(doc.nodes) + 1)}
    assert_self_contained(p)
    return p


def assert_self_contained(p: Page) -> None:
    """No external resource: only in-page anchors, no src, no CSS url()/@import."""
    for tag, a in p.tags:
        assert tag not in ("link", "img", "iframe", "object", "embed"), tag
        assert "src" not in a, (tag, a)
        if "href" in a:
            assert a["href"].startswith("#"), (tag, a)
        assert not any(k.startswith("on") for k in a), (tag, a)  # no inline handlers
    css = "".join(p.styles)
    assert "url(" not in css and "@import" not in css
    js = "".join(p.scripts)
    assert "http" not in js and "fetch(" not in js and "import(" not in js
    assert len([t for t, _ in p.tags if t == "script"]) == 1


def gold_doc(sid: str) -> Document:
    d = json.loads((GOLD / f"{sid}.json").read_text(encoding="utf-8"))
    return Document.from_dict(d, text=read_raw(SEEDS / f"{sid}.txt"))


@pytest.mark.parametrize("sid", SEED_IDS)
def test_gold_of_seed_fully_shown(sid):
    """The seeds' gold files stand in for a complete extraction (all layers, overlaps)."""
    doc = gold_doc(sid)
    assert doc.quantities and doc.entities and doc.nodes
    p = check_page(doc, render_html(doc))
    cells = "".join(p.td_text)
    for q in doc.quantities:  # indicator, status and period are in the targets table
        assert q.status.value in cells and (q.period or "—") in cells
        if q.indicator:
            assert q.indicator.text.replace("\n", "⏎") in cells


@pytest.mark.parametrize("sid", SEED_IDS)
def test_extraction_of_seed_fully_shown(sid, nlp_rules, seed_texts):
    """Whatever the pipeline extracts today, with evidence, all of it is on the page."""
    doc = nlp_rules(seed_texts[sid], doc_id=sid, date=SEED_DATES[sid], explain=True)
    check_page(doc, render_html(doc, mode=nlp_rules.mode))


HOSTILE = ('<script>alert("x")</script> & </div></span><!-- -->"\'<img src=x onerror=alert(1)>'
           "\n目标&amp;增长7%</textarea>")


def hostile_doc() -> Document:
    t = HOSTILE
    q0 = t.index("7%")
    s0 = t.index("<script>")
    return Document(
        text=t, doc_id='"><script>bad()</script>', source="<b>src</b>",
        quantities=(Quantity(q0, q0 + 2, "7%", 7.0, "%", status=Status.TARGET,
                             indicator=TextSpan(s0, s0 + 8, "<script>"), period="</td>",
                             node_id="<n>", evidence={"rule": "<i>x</i>", "cue": ['"&']}),),
        entities=(Entity(s0, s0 + 25, t[s0:s0 + 25], EntityLabel.PROGRAM,
                         canonical="</a><a href='http://evil'>", node_id="<n>",
                         evidence={"x": "</script>"}),),
        nodes=(Node("<n>", None, NodeKind.ACTION, 0, 30, t[:30]),),
        warnings=("<b>warn</b>",))


def test_hostile_text_is_escaped():
    doc = hostile_doc()
    page = render_html(doc)
    p = check_page(doc, page)
    # Only the page's own tags: nothing from the text became markup.
    assert not [a for t, a in p.tags if t in ("img", "b", "i", "textarea")]
    assert "alert(" not in "".join(p.scripts)
    assert 'bad()' not in "".join(p.scripts)
    data = "".join(p.all_data)
    assert "<b>warn</b>" in data and "<b>src</b>" in data  # shown as text


def test_item_outside_the_text_is_reported_not_marked():
    doc = Document("短文本", quantities=(Quantity(1, 9, "本文之外", 1.0, ""),))
    p = parse(render_html(doc))
    assert "".join(p.text) == "短文本" and not p.frags
    assert "offset mismatch" in "".join(p.all_data)


def test_crossing_spans_are_split_into_fragments():
    text = "甲乙丙丁戊己"
    marks = [Mark(0, 3, "node", "n1", "", ""), Mark(1, 5, "ent", "e1", "", ""),
             Mark(2, 4, "q", "q1", "", ""), Mark(4, 6, "ind", "i1", "", "")]
    p = parse(f'<div id="pe-text">{markup(text, marks)}</div>')
    assert "".join(p.text) == text
    assert {k: "".join(v) for k, v in p.frags.items()} == {
        "n1": "甲乙丙", "e1": "乙丙丁戊", "q1": "丙丁", "i1": "戊己"}
    assert sum(1 for t, a in p.tags if a.get("data-id") == "e1") == 2  # split once


def test_empty_document():
    p = check_page(Document(""), render_html(Document("")))
    assert "No figures were found." in "".join(p.all_data)


def test_cli_render(tmp_path, capsys):
    from policy_extract.cli import main

    sid = SEED_IDS[0]
    out = tmp_path / "r.html"
    rc = main(["render", str(SEEDS / f"{sid}.txt"), "--json", str(GOLD / f"{sid}.json"),
               "--out", str(out)])
    assert rc == 0
    check_page(gold_doc(sid), out.read_text(encoding="utf-8"))
    assert main(["render", str(tmp_path / "missing.txt")]) == 2
    assert "E009" in capsys.readouterr().err


def test_cli_render_bad_date_is_a_usage_error(capsys):
    from policy_extract.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["render", str(SEEDS / f"{SEED_IDS[0]}.txt"), "--date", "2026-13-01"])
    assert exc.value.code == 2 and "E015" in capsys.readouterr().err


def test_cli_render_json_of_another_text_is_flagged(tmp_path, capsys):
    from policy_extract.cli import main

    out = tmp_path / "r.html"
    rc = main(["render", str(SEEDS / f"{SEED_IDS[1]}.txt"), "--json",
               str(GOLD / f"{SEED_IDS[0]}.json"), "--out", str(out)])
    assert rc == 0 and "text_sha256 is not that of" in capsys.readouterr().err
    assert "offsets may not fit" in "".join(parse(out.read_text(encoding="utf-8")).all_data)


def test_css_lists_a_cjk_font_stack():
    """A machine whose default font lacks Chinese must not show boxes where a CJK font exists."""
    css = "".join(parse(render_html(Document("增长7%"))).styles)
    assert re.search(r"body\{font-family:([^;]+);", css).group(1) == (
        '"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif')


INSTALL = "apt-get install -y chromium fonts-noto-cjk (Debian; scripts/test.sh does it as root)"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Runs Debian's ``chromium`` headless on a local file: ``browser(html_path, *flags)``."""
    exe = shutil.which("chromium")
    if exe is None:
        pytest.skip(f"headless-browser test: chromium is not installed; {INSTALL}")
    profile = tmp_path_factory.mktemp("chromium-profile")

    def run(page, *flags) -> subprocess.CompletedProcess:
        # --no-sandbox: CI runs as root, where Chromium refuses its sandbox; the page is ours.
        # --virtual-time-budget: the page's load and script run before the dump/shot, on
        # Chromium's virtual clock, not the machine's
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--hide-scrollbars", "--no-first-run", f"--user-data-dir={profile}",
               "--virtual-time-budget=5000", *flags, page.as_uri()]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr[-2000:]
        return r

    return run


def test_report_in_a_headless_browser(browser, tmp_path):
    """The page as Chromium builds it: marks where the JSON spans are, and something drawn."""
    doc = gold_doc(SEED_IDS[0])
    page = tmp_path / "report.html"
    page.write_text(render_html(doc), encoding="utf-8")

    dom = browser(page, "--dump-dom").stdout
    assert "data-tip=" in dom  # the page's script ran (it turns titles into tooltips)
    check_spans(doc, parse(dom))

    if not subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout.strip():
        pytest.skip(f"no CJK font installed, the screenshot would show boxes; {INSTALL}")
    shot = tmp_path / "report.png"
    browser(page, f"--screenshot={shot}", "--window-size=1200,1600")
    from PIL import Image

    with Image.open(shot) as im:
        assert im.size == (1200, 1600)
        grey = im.convert("L")
        hist = grey.histogram()
    n = sum(hist)
    dark = sum(hist[:100]) / n  # text
    inked = sum(hist[:245]) / n  # text, marks, rules
    assert dark > 0.01 and inked > 0.05, (dark, inked)  # not a blank or near-blank page
    assert sum(1 for h in hist if h) > 64  # anti-aliased glyphs, not a flat fill
