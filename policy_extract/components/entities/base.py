"""What every entity recognizer shares: the candidate a recognizer proposes and small helpers.

A recognizer reads the normalised text (and the rules, :mod:`.rules`) and returns
:class:`_Cand` candidates in normalised offsets; :mod:`.resolve` keeps a flat,
non-overlapping set of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import regex

from ...errors import Errors, RuleFileError
from ...rules.loader import compile_regex
from ...schema import EntityLabel

_LABELS = [lab.value for lab in EntityLabel]
_CUTS = ("last", "leading")
_NON_WORD = regex.compile(r"[\W_]")


@dataclass(frozen=True, slots=True)
class _Cand:
    start: int  # normalised offsets
    end: int
    label: EntityLabel
    rule: str
    priority: int  # higher wins among equal lengths
    canonical: str | None = None
    info: tuple = ()
    head: int = -1  # where the type suffix starts (suffix rules only)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _label(value: str, file: str, index: int, rid: str) -> EntityLabel:
    if value not in _LABELS:
        raise RuleFileError(Errors.E006.format(file=file, index=index, rule_id=rid, key="label",
                                               expected=f"one of {_LABELS}", value=value))
    return EntityLabel(value)


def _opt_re(r: dict, key: str, file: str, index: int) -> regex.Pattern | None:
    if r.get(key) is None:
        return None
    return compile_regex(r[key], file=file, index=index, rule_id=r["id"], key=key)


__all__ = ["_Cand", "_LABELS", "_CUTS", "_NON_WORD", "_alternation", "_label", "_opt_re"]
