"""Gazetteer recognizer (``entity_gazetteer.json``): known names and their aliases.

Matched with one Aho–Corasick automaton (:meth:`.rules.EntityRules.automaton`), each
hit carrying its entry's canonical id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...errors import Errors, RuleFileError
from ...rules.loader import check_keys, load_json, validate_rules
from ...schema import EntityLabel
from ...text.normalize import normalize
from .base import _LABELS, _Cand

if TYPE_CHECKING:
    from .rules import EntityRules


@dataclass(frozen=True)
class GazEntry:
    id: str
    name: str
    label: EntityLabel


def load_gazetteer(name: str = "entity_gazetteer.json") -> dict[str, GazEntry]:
    """surface form → entry; the same surface under two ids fails."""
    d = load_json(name)
    check_keys(d, file=name, required=["entries"])
    entries = validate_rules(d["entries"], file=name, required=["id", "name", "label"],
                             optional=["aliases"], choices={"label": _LABELS},
                             types={"aliases": list, "name": str})
    out: dict[str, GazEntry] = {}
    for i, e in enumerate(entries):
        entry = GazEntry(e["id"], e["name"], EntityLabel(e["label"]))
        for surface in [e["name"], *e.get("aliases", [])]:
            if not isinstance(surface, str) or not surface:
                raise RuleFileError(Errors.E006.format(file=name, index=i, rule_id=e["id"],
                                                       key="aliases", expected="non-empty strings",
                                                       value=surface))
            surface = normalize(surface).text  # match the view the text is matched in
            if surface in out and out[surface].id != entry.id:
                raise RuleFileError(Errors.E040.format(file=name, index=i, rule_id=e["id"],
                                                       what="name", value=surface,
                                                       other=out[surface].id))
            out[surface] = entry
    return out


def _gazetteer_candidates(text: str, R: EntityRules) -> list[_Cand]:
    a = R.automaton()
    if a is None:
        return []
    out = []
    for end_idx, (surface, entry) in a.iter(text):
        e = end_idx + 1
        out.append(_Cand(e - len(surface), e, entry.label, "gazetteer", 3, entry.id))
    return out


__all__ = ["GazEntry", "load_gazetteer", "_gazetteer_candidates"]
