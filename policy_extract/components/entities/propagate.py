"""Every other occurrence of a name found once is a mention too (GUIDELINES: every occurrence
is annotated)."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

import regex

from ...schema import EntityLabel
from .base import _Cand

if TYPE_CHECKING:
    from .rules import EntityRules

_LINE_RUN = regex.compile(r"[^\n]+")


def _propagate(text: str, chosen: list[_Cand], min_len: int = 3) -> list[_Cand]:
    """Every other occurrence of a name found once (GUIDELINES: every occurrence is annotated).

    Matched with one Aho–Corasick pass over the text with its line breaks taken out, so a
    mention broken by a hard line break the view kept (大\\n创园) is found too.
    """
    import ahocorasick

    names: dict[str, _Cand] = {}
    for c in chosen:
        name = text[c.start:c.end].replace("\n", "")
        if c.label is EntityLabel.POLICY_DOC or len(name) < min_len:
            continue  # a title is a title only inside 《》
        names.setdefault(name, c)
    if not names:
        return []
    auto = ahocorasick.Automaton()
    for n in names:
        auto.add_word(n, n)
    auto.make_automaton()
    runs = [(m.start(), m.end()) for m in _LINE_RUN.finditer(text)]
    flat = "".join(text[a:b] for a, b in runs)
    cum = [0]
    for a, b in runs:
        cum.append(cum[-1] + b - a)

    def orig(f: int) -> int:
        i = bisect.bisect_right(cum, f) - 1
        return runs[i][0] + f - cum[i]

    hits = []
    for end_idx, n in auto.iter(flat):
        s, e = orig(end_idx - len(n) + 1), orig(end_idx) + 1
        src = names[n]
        if s != src.start:
            hits.append(_Cand(s, e, src.label, src.rule, 0, src.canonical,
                              (("propagated_from", src.start),)))
    return hits


def _other_occurrences(text: str, chosen: list[_Cand], R: EntityRules) -> list[_Cand]:
    """:func:`_propagate` with the signature of the other steps after a resolution."""
    return _propagate(text, chosen)


__all__ = ["_propagate", "_other_occurrences"]
