"""Chinese, Arabic and mixed numerals → float.

Pure functions, no spaCy, no data files: the numeral system is the language
itself, not a lexicon that changes with the texts. Chinese numerals are read by
``cn2an``; what it does not read (a bare magnitude ``千``/``万亿``, Arabic digits
with a magnitude suffix written with thousands separators, ``半``,
``百分之…``, ``…分之…``, ``翻…番``) is handled here.
"""

from __future__ import annotations

from functools import lru_cache

import cn2an
import regex

# magnitude characters, applied right to left (``万亿`` = 1e12, ``千万`` = 1e7)
MAGNITUDES = {"十": 10.0, "百": 100.0, "千": 1e3, "万": 1e4, "亿": 1e8}
CN_DIGITS = "零〇一二两三四五六七八九"
_ARABIC = regex.compile(r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)\s?(?P<mag>[十百千万亿]*)")
_CN_ONLY = regex.compile(rf"[{CN_DIGITS}十百千万亿点]+")
# longest numeral read (``1,234,567,890.12亿`` is 16); 32 keeps every value finite
_MAX_NUMERAL = 32


def magnitude(mag: str) -> float:
    """Product of a run of magnitude characters.

    >>> magnitude("万亿"), magnitude("千"), magnitude("")
    (1000000000000.0, 1000.0, 1.0)
    """
    out = 1.0
    for c in mag:
        out *= MAGNITUDES[c]
    return out


@lru_cache(maxsize=4096)
def parse_cn_number(s: str) -> float | None:
    """Read one numeral: Arabic, Chinese or mixed; ``None`` when it is not one.

    >>> parse_cn_number("1.25万"), parse_cn_number("3.5亿"), parse_cn_number("4700万")
    (12500.0, 350000000.0, 47000000.0)
    >>> parse_cn_number("一千二百"), parse_cn_number("两万"), parse_cn_number("十四")
    (1200.0, 20000.0, 14.0)
    >>> parse_cn_number("1,369"), parse_cn_number("１２３"), parse_cn_number("千"), parse_cn_number("五千亿")
    (1369.0, 123.0, 1000.0, 500000000000.0)
    >>> parse_cn_number("半"), parse_cn_number("零点五"), parse_cn_number("十四五") is None
    (0.5, 0.5, True)
    >>> parse_cn_number("二〇二六"), parse_cn_number("") is None, parse_cn_number("abc") is None
    (2026.0, True, True)
    >>> parse_cn_number("1" * 100000) is None, parse_cn_number("亿" * 32) < float("inf")
    (True, True)
    """
    s = s.strip().translate(_FW)
    if not s or len(s) > _MAX_NUMERAL:
        return None  # no real figure is that long; `1`×100000 would be inf, `一`×100000 slow
    if s == "半":
        return 0.5
    m = _ARABIC.fullmatch(s)
    if m:
        return float(m["num"].replace(",", "")) * magnitude(m["mag"])
    if not _CN_ONLY.fullmatch(s):
        return None
    if all(c in MAGNITUDES for c in s):
        return magnitude(s)  # 千项, 万家, 千亿级: a bare magnitude counts one of it
    try:
        v = cn2an.cn2an(s, "normal")
    except (ValueError, KeyError, IndexError):
        return None
    return float(v)


_FW = str.maketrans({c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)} | {0xFF0E: ord(".")})


def parse_percent_words(s: str) -> float | None:
    """``百分之五`` → 5.0 (per cent written out).

    >>> parse_percent_words("百分之五"), parse_percent_words("百分之十二点五"), parse_percent_words("百分之")
    (5.0, 12.5, None)
    """
    if not s.startswith("百分之"):
        return None
    return parse_cn_number(s[3:]) if len(s) > 3 else None


def parse_fraction(s: str) -> float | None:
    """``三分之一`` → 0.333…, ``2/3`` is not read (ambiguous with dates).

    >>> round(parse_fraction("三分之一"), 4), parse_fraction("四分之三"), parse_fraction("分之一")
    (0.3333, 0.75, None)
    """
    den, sep, num = s.partition("分之")
    if not sep or not den or not num:
        return None
    d, n = parse_cn_number(den), parse_cn_number(num)
    if d is None or n is None or d == 0:
        return None
    return n / d


def parse_doubling(s: str) -> float | None:
    """``翻一番`` → 2.0 (times the base), ``翻两番`` → 4.0.

    >>> parse_doubling("翻一番"), parse_doubling("翻两番"), parse_doubling("翻番")
    (2.0, 4.0, 2.0)
    """
    if not (s.startswith("翻") and s.endswith("番")):
        return None
    inner = s[1:-1]
    n = parse_cn_number(inner) if inner else 1.0
    return None if n is None else 2.0 ** n


def to_chinese(n: int | float) -> str:
    """Write a number in Chinese numerals (for round-trip tests).

    >>> to_chinese(1200), to_chinese(20000), to_chinese(12.5)
    ('一千二百', '二万', '十二点五')
    """
    return cn2an.an2cn(n, "low")
