"""A text's own publication date from its dateline (``data/zh/datelines.json``).

Used when a document is given without ``date``: news pages and notices carry one
near the top (发布时间：2023-02-20, 2023年02月02日 来源：…, 15.02.2017 04:02).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..errors import Errors, RuleFileError
from ..rules.loader import check_keys, load_json, validate_rules

FILE = "datelines.json"


@dataclass(frozen=True)
class DatelineRules:
    search_chars: int
    patterns: tuple[tuple[str, regex.Pattern], ...]


@lru_cache(maxsize=1)
def load_dateline_rules() -> DatelineRules:
    d = load_json(FILE)
    check_keys(d, file=FILE, required=["description", "search_chars", "patterns"])
    rules = validate_rules(d["patterns"], file=FILE, required=["id", "pattern"],
                           regex_keys=["pattern"])
    for i, r in enumerate(rules):
        if not {"y", "m", "d"} <= set(r["_re_pattern"].groupindex):
            raise RuleFileError(Errors.E006.format(file=FILE, index=i, rule_id=r["id"],
                                                   key="pattern", expected="groups y, m and d",
                                                   value=r["pattern"]))
    return DatelineRules(int(d["search_chars"]), tuple((r["id"], r["_re_pattern"]) for r in rules))


def infer_date(text: str) -> str | None:
    """``YYYY-MM-DD`` of the earliest valid dateline near the top of ``text``, else None.

    >>> infer_date("经开区17个项目集中开工\\n发布时间：2023-02-20 11:01 浏览次数：1")
    '2023-02-20'
    >>> infer_date("建设用地获省政府批准\\n\\n15.02.2017  04:02\\n  2月8日，我省…")
    '2017-02-15'
    >>> infer_date("2026年，是实施“十五五”规划的开局之年") is None
    True
    >>> infer_date("日期：2017-13-45") is None
    True
    """
    R = load_dateline_rules()
    head = text[:R.search_chars]
    best: tuple[int, str] | None = None
    for _id, pat in R.patterns:
        for m in pat.finditer(head):
            try:
                d = _dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), d.isoformat())
            break
    return best[1] if best else None


__all__ = ["infer_date", "load_dateline_rules", "DatelineRules"]
