"""The terminal table (``extract --table``): values in full, columns aligned in terminal cells."""

from __future__ import annotations

import unicodedata

from policy_extract.render_text import render_table
from policy_extract.schema import Bound, Document, Quantity, Status, TextSpan


def cells(s: str) -> int:
    """Terminal cells of ``s``: East Asian wide and fullwidth characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def column(line: str, s: str, after: str = "") -> int:
    """The terminal column where ``s`` starts in ``line`` (after ``after``, when given)."""
    start = line.index(after) + len(after) if after else 0
    return cells(line[: line.index(s, start)])


TEXT = ("全市地区生产总值达到2700亿元，规上工业增加值增长7%，"
        "投资规模1万亿元至1.5万亿元。")


def wide_doc() -> Document:
    def q(text, value, unit, **kw):
        i = TEXT.index(text)
        return Quantity(i, i + len(text), text, value, unit, **kw)

    ind = TEXT.index("地区生产总值")
    return Document(TEXT, quantities=(
        q("2700亿元", 2.7e11, "元", status=Status.TARGET,
          indicator=TextSpan(ind, ind + 6, "地区生产总值"), period="2026"),
        q("7%", 7.0, "%"),
        q("1万亿元至1.5万亿元", 1e12, "元", value_max=1.5e12, bound=Bound.RANGE)))


def test_wide_values_are_printed_in_full_next_to_the_text():
    out = render_table(wide_doc())
    lines = out.splitlines()
    row = next(ln for ln in lines if "地区生产总值" in ln)
    assert "2700亿元" in row and "270,000,000,000" in row  # as written, and normalised in full
    rng = next(ln for ln in lines if "1万亿元至1.5万亿元" in ln)
    assert "1,000,000,000,000–1,500,000,000,000" in rng


def test_columns_line_up_in_terminal_cells():
    lines = render_table(wide_doc()).splitlines()
    head, rows = lines[0], lines[1:]
    assert len(rows) == 3
    written = [("2700亿元", "270,000,000,000"), ("7%", "7"),
               ("1万亿元至1.5万亿元", "1,000,000,000,000–1,500,000,000,000")]
    for row, (text, value) in zip(rows, written):
        assert column(row, text) == column(head, "as written"), row
        # values are right-aligned under their header
        value_end = column(row, value, after=text) + cells(value)
        assert value_end == column(head, "value") + len("value"), row
        assert column(row, " eq" if "range" not in row else " range") + 1 == column(head, "bound")
        assert column(row, "other" if "target" not in row else "target") == column(head, "status")


def test_long_indicator_wraps_but_is_kept_whole():
    text = ("全市规模以上工业企业研发经费支出占营业收入比重"
            "和高新技术企业数量合计达到3000家")
    i = text.index("3000家")
    doc = Document(text, quantities=(Quantity(i, i + 5, "3000家", 3000.0, "家",
                                              indicator=TextSpan(0, i - 2, text[: i - 2])),))
    out = render_table(doc)
    assert "".join(ln.split("  ")[0].strip() for ln in out.splitlines()[1:]) == text[: i - 2]
    assert "3000家" in out and "3,000" in out


def test_markup_in_the_text_is_shown_as_is():
    text = "[bold]指标[/bold]:smile:增长7%"
    i = text.index("7%")
    doc = Document(text, quantities=(Quantity(i, i + 2, "7%", 7.0, "%",
                                              indicator=TextSpan(0, i - 2, text[: i - 2])),))
    assert "[bold]指标[/bold]:smile:" in render_table(doc)


_TREE_TEXT = "某市行动方案\n一、总体要求\n（一）推进产业升级\n到2027年，新增企业100家。\n"


def test_tree_with_explain_names_each_nodes_rule():
    """Issue 15: ``extract --tree --explain`` prints the evidence rule of every node."""
    import policy_extract

    doc = policy_extract.load("rules")(_TREE_TEXT, date="2025-01-01", explain=True)
    node_lines = [ln for ln in doc.tree(explain=True).splitlines()
                  if any(tag in ln for tag in ("ARTICLE", "§", "ACTION", "•"))]
    assert len(node_lines) == len(doc.nodes) >= 2
    for n, line in zip(doc.nodes, node_lines):
        assert f"⟨{n.evidence['rule']}⟩" in line, line
    assert "status_cue=" in doc.tree(explain=True)
    # without explain, no evidence is shown
    assert "⟨" not in doc.tree()


def test_cli_tree_explain_prints_rules(tmp_path, capsys):
    from policy_extract.cli import main

    f = tmp_path / "plan.txt"
    f.write_text(_TREE_TEXT, encoding="utf-8")
    assert main(["extract", str(f), "--tree", "--explain", "--date", "2025-01-01"]) == 0
    out = capsys.readouterr().out
    assert "⟨" in out and "ARTICLE" in out
