"""Declared-alias recognizer: ``名称(简称“X”)`` makes X a mention of the name before it.

The declaration pattern is ``alias_declaration`` in ``entity_shapes.json``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import _Cand

if TYPE_CHECKING:
    from .rules import EntityRules


def _aliases(text: str, chosen: list[_Cand], R: EntityRules) -> list[_Cand]:
    """``名称(简称“X”)`` declares X a mention of the name before it."""
    out = []
    for c in chosen:
        m = R.alias_decl.match(text, c.end)
        if m:
            out.append(_Cand(m.start(1), m.end(1), c.label, "alias_declared", 4, c.canonical,
                             (("alias_of", text[c.start:c.end]),)))
    return out


__all__ = ["_aliases"]
