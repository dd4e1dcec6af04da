"""Small counts and enumerator values as the tree reads them (``六大行动`` 6, ``（三）`` 3).

Kept apart from :mod:`policy_extract.numbers.cn_numerals`: that reads any figure
(``二〇二六``, ``一千二百``, ``半``) to a float, where a count here is a small whole
number and anything else (``十四五``, ``一二``) is no count at all.
"""

from __future__ import annotations

_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")}
_CN_DIGIT["两"] = 2


def enum_value(s: str) -> int | None:
    """The number an enumerator writes (``（三）`` 3, ``12.`` 12, ``②`` 2, ``第十章`` 10).

    >>> enum_value("（三）"), enum_value("12."), enum_value("②"), enum_value("第十章"), enum_value("、")
    (3, 12, 2, 10, None)
    """
    if s and s[0] in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳":
        return ord(s[0]) - ord("①") + 1
    digits = "".join(ch for ch in s if ch.isdigit() or ch in _CN_DIGIT or ch == "十")
    return cn_count(digits) if digits else None


def cn_count(s: str) -> int | None:
    """A small count written in Arabic or Chinese digits (``六`` 6, ``十八`` 18, ``10`` 10).

    >>> cn_count("六"), cn_count("十八"), cn_count("二十"), cn_count("18"), cn_count("大")
    (6, 18, 20, 18, None)
    """
    if s.isdigit():
        return int(s)
    if not s or any(c not in _CN_DIGIT and c != "十" for c in s):
        return None
    if "十" in s:
        hi, _, lo = s.partition("十")
        return (_CN_DIGIT[hi] if hi else 1) * 10 + (_CN_DIGIT[lo] if lo else 0)
    return _CN_DIGIT[s] if len(s) == 1 else None
