"""Build the corpus of nasty inputs the robustness tests run on (nothing downloaded).

Every case is generated here, so the repository holds only this script; the tests
call :func:`text_cases` / :func:`file_cases` / :func:`pathological` directly, or
write the files with ``python tests/robustness/make_corpus.py --out DIR``.

Kinds of nastiness, each named after what broke or could break:

* huge runs of one character (digits, Chinese numerals, ``万``, ``*``, newlines, spaces),
* control characters, lone surrogates, emoji/ZWJ sequences, combining marks, mixed scripts,
* unbalanced brackets and quotes, ``**`` runs, CRLF and lone CR, BOMs,
* flattened tables, HTML pages and HTML debris,
* at byte level: empty, NUL (binary), GB18030/GBK, UTF-16, undecodable bytes.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Callable

# A policy sentence in the style of the seeds (GUIDELINES examples), reused as a carrier.
SENT = "到2027年，全市规模以上工业增加值年均增长8%左右，新增专精特新企业300家以上。"
SENT2 = "坚持以科技创新引领产业创新，补齐短板，力争研发经费投入增速达到8.5%。"


def _table() -> str:
    rows = ["指标 | 2024年 | 2025年 | 目标"] + [
        f"指标{i} | {i * 3}.{i}% | {i * 7}亿元 | ≥{i}万户" for i in range(1, 60)]
    return "\n".join(rows)


def _html_page() -> str:
    return (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>政策解读</title>\n"
        "<style>p{color:red} .x{font:12px}</style>\n"
        "<script>var a = '增长100%'; if (a < 3 && b > 2) {}</script></head>\n"
        "<body><div class=\"c\"><h1>关于推动制造业高质量发展的实施意见</h1>\n"
        f"<p>{SENT}</p><p>{SENT2}&nbsp;<b>**8.5%**</b></p><!-- 注释 增长99% -->\n"
        "<table><tr><td>指标</td><td>目标</td></tr><tr><td>研发投入</td><td>3%</td></tr></table>"
        "<br/>截至2025年底，全省累计培育国家级专精特新“小巨人”企业&lt;500&gt;家。</div></body></html>\n"
    )


def text_cases(scale: int = 100_000) -> dict[str, str]:
    """Nasty ``str`` inputs for the library API, by name; ``scale`` is the length of the runs."""
    n = scale
    return {
        "ones": "1" * n,
        "ones_with_unit": "增长" + "1" * n + "%",
        "decimal_run": "0." + "9" * n + "亿元",
        "yi": "一" * n,
        "wan": "万" * n,
        "wan_yi_mix": "一万亿" * (n // 3),
        "fullwidth_digits": "增长１２３４５６７８９０．５％" * (n // 14),
        "digit_commas": "1," * (n // 2) + "元",
        "percent_run": "%" * n,
        "stars": "*" * n,
        "star_markup": "**1**" * (n // 5),
        "newlines": "\n" * n,
        "crlf_lines": "\r\n".join([SENT] * (n // len(SENT))),
        "lone_cr": "\r".join([SENT2] * (n // len(SENT2))),
        "short_lines": "\n".join(["一、"] * (n // 3)),
        "spaces_then_credit": "a" + " " * n + "b摄x",  # found quadratic (layout photo_credit)
        "tabs": "\t" * n + SENT,
        "open_brackets": "（" * n,
        "close_brackets": "）" * n,
        "book_title_open": "《" * n + SENT,
        "quotes_unbalanced": "“" * (n // 2) + SENT + "”" * 3,
        "ascii_parens": "(" * (n // 2) + "1" + ")" * 7,
        "sentence_repeat": SENT * (n // len(SENT)),
        "no_punct_long_line": "规模以上工业增加值" * (n // 9),
        "heading_run": "".join(f"{'一二三四五六七八九十'[i % 10]}、标题\n" for i in range(n // 5)),
        "control_chars": "".join(chr(c) for c in list(range(1, 32)) + list(range(127, 160))) * (n // 64),
        "lone_surrogates": ("增长\ud800%\udfff" + SENT) * (n // 60),
        "emoji_zwj": ("👨‍👩‍👧‍👦增长8%🇨🇳" + "\u0301" * 3) * (n // 16),
        "mixed_scripts": ("GDP增长 ٣٫٥٪ рост 5％ η αύξηση ५% 增加값 8퍼센트 " + SENT) * (n // 90),
        "bom_inside": ("\ufeff" + SENT) * (n // 40),
        "private_use": "\ue000\uf8ff\U000f0000" * (n // 3),
        "table_flattened": _table(),
        "html_page": _html_page(),
        "html_debris": f"{SENT}<br>\n<p>{SENT2}</p>\n<span style='x'>增长5%</span>",
        "angle_not_html": "x<5且y>3，a<b>c</b",
        "empty": "",
        "whitespace_only": " \n\t\r\n\u3000",
    }


def file_cases() -> dict[str, bytes]:
    """Nasty files for the CLI, by file name."""
    html = _html_page()
    return {
        "empty.txt": b"",
        "binary.bin": b"\x00\x01\x02\xffPNG\x00",
        "gb18030.txt": (SENT + "\n" + SENT2).encode("gb18030"),
        "gbk.txt": SENT.encode("gbk"),
        "bom.txt": b"\xef\xbb\xbf" + SENT.encode("utf-8"),
        "crlf.txt": (SENT + "\r\n\r\n" + SENT2 + "\r\n").encode("utf-8"),
        "utf16.txt": SENT.encode("utf-16"),
        "undecodable.txt": b"abc \x80\xff\xfe\xfd",
        "page.html": html.encode("utf-8"),
        "page_gbk.htm": html.replace("utf-8", "gbk").encode("gbk"),
        "html_named_txt.txt": html.encode("utf-8"),
        "good.txt": SENT.encode("utf-8"),
    }


def pathological(n: int) -> dict[str, str]:
    """Inputs of length about ``n`` chosen to hit quadratic patterns, for the time-ratio test."""
    unit = {
        "ones": "1",
        "yi": "一",
        "wan": "万",
        "spaces_then_credit": " ",
        "spaces_then_title": " ",
        "stars": "*",
        "open_brackets": "（",
        "digit_commas": "1,",
        "sentence_repeat": SENT,
        "no_punct_long_line": "规模以上工业增加值",
        "short_lines": "一、\n",
        "star_markup": "**1**",
        "html_tags": "<p>增长5%</p>",
        "entity_names": "长沙市人民政府和湖南省工业和信息化厅、某某科技有限公司，",
        "figures_one_clause": "增长5%和",
        # a period cue heading it: each figure's look-back to the cue searched the text between
        "year_then_figures": "增长5%和",
        "fullwidth_clause": "增长１２３４５６７８９０．５％",
        "emoji_clause": "👨‍👩‍👧‍👦增长8%🇨🇳",
        # a reviewed passage per unit: each looked ahead for its end over the whole text
        "review_passages": "“十三五”时期是发展的五年。\n新建道路9公里。\n",
    }
    out = {}
    for name, u in unit.items():
        body = u * max(1, n // len(u))
        out[name] = {"spaces_then_credit": "a" + body + "b摄x",
                     "spaces_then_title": "实施方案" + body + "x",
                     "year_then_figures": "2025年" + body,
                     "review_passages": "发布时间：2021-02-10\n" + body}.get(name, body)
    return out


CASES: dict[str, Callable[[], dict]] = {"text": text_cases, "files": file_cases}


def build(out_dir: str | Path, scale: int = 100_000) -> list[Path]:
    """Write every case under ``out_dir`` (text cases as UTF-8 with surrogates escaped)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in text_cases(scale).items():
        p = out / f"text_{name}.txt"
        p.write_bytes(text.encode("utf-8", "surrogatepass"))  # lone surrogates → invalid UTF-8
        written.append(p)
    for name, data in file_cases().items():
        p = out / name
        p.write_bytes(data)
        written.append(p)
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--scale", type=int, default=100_000)
    args = ap.parse_args()
    paths = build(args.out, args.scale)
    print(f"wrote {len(paths)} files to {args.out}")


if __name__ == "__main__":
    main()
