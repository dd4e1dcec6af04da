"""``policy_entity_ruler``: the recognizers in order, the resolutions between them, the spaCy
component.

Adding a kind of evidence is one recognizer here: a function reading the text alone goes in
:data:`RECOGNIZERS`, one that needs the names resolved so far in :data:`AFTER_RESOLUTION`
(each of those is followed by a new resolution, in order).
"""

from __future__ import annotations

from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc

from ...extensions import get_state
from ...schema import Entity
from ...text.normalize import NormalizedText
from ...text.segment import Segmentation
from .aliases import _aliases
from .base import _Cand
from .gazetteer import GazEntry, _gazetteer_candidates
from .listed import _listed_items
from .propagate import _other_occurrences
from .resolve import _resolve
from .rules import EntityRules, load_entity_rules
from .shapes import _shape_candidates
from .suffix import _suffix_candidates

# (text, rules, explain) -> candidates; the gazetteer's follows when it is used
RECOGNIZERS: tuple[Callable[[str, EntityRules, bool], list[_Cand]], ...] = (
    _suffix_candidates, _shape_candidates)
# (text, names resolved so far, rules) -> more candidates, each step resolved again
AFTER_RESOLUTION: tuple[Callable[[str, list[_Cand], EntityRules], list[_Cand]], ...] = (
    _listed_items, _aliases, _other_occurrences)


def find_entities(norm: NormalizedText, seg: Segmentation | None, use_gazetteer: bool = True,
                  explain: bool = False) -> list[Entity]:
    """Rule-stage entities of one document, in raw offsets.

    >>> from policy_extract.text.normalize import normalize
    >>> n = normalize("围绕企业数字化转型,加快推进“智赋万\\n\\n企”行动计划,推动湘江科学城建设。")
    >>> [(e.text, e.label.value) for e in find_entities(n, None, use_gazetteer=False)]
    [('“智赋万\\n\\n企”行动计划', 'PROGRAM'), ('湘江科学城', 'PARK')]
    """
    R = load_entity_rules()
    text = norm.text
    cands: list[_Cand] = []
    for recognize in RECOGNIZERS:
        cands += recognize(text, R, explain)
    gaz: dict[str, GazEntry] = R.gazetteer if use_gazetteer else {}
    if use_gazetteer:
        cands += _gazetteer_candidates(text, R)
    chosen = _resolve(cands)
    for step in AFTER_RESOLUTION:
        extra = step(text, chosen, R)
        if extra:
            chosen = _resolve(chosen + extra)
    return _to_entities(norm, chosen, gaz, explain)


def _to_entities(norm: NormalizedText, chosen: list[_Cand], gaz: dict[str, GazEntry],
                 explain: bool) -> list[Entity]:
    """Resolved candidates as entities in raw offsets, a gazetteer id on any name it knows."""
    text = norm.text
    out = []
    for c in chosen:
        rs, re_, raw = norm.raw_text(c.start, c.end, clip_markup=False)
        canonical = c.canonical
        if canonical is None and gaz:
            hit = gaz.get(text[c.start:c.end])
            if hit is not None and hit.label is c.label:
                canonical = hit.id
        evidence = None
        if explain:
            evidence = {"rule": c.rule, **dict(c.info)}
        out.append(Entity(rs, re_, raw, c.label, canonical=canonical, source="rules",
                          evidence=evidence))
    return out


class EntityRuler:
    """Sets ``doc._.pe.rule_entities`` from :func:`find_entities`."""

    def __init__(self, use_gazetteer: bool = True):
        self.use_gazetteer = use_gazetteer
        load_entity_rules()  # fail at pipeline build time, not on the first document

    def __call__(self, doc: Doc) -> Doc:
        st = get_state(doc)
        st.rule_entities = find_entities(st.norm, st.seg, self.use_gazetteer, st.explain)
        return doc


@Language.factory("policy_entity_ruler", default_config={"use_gazetteer": True})
def make_entity_ruler(nlp: Language, name: str, use_gazetteer: bool) -> EntityRuler:
    return EntityRuler(use_gazetteer)


__all__ = ["RECOGNIZERS", "AFTER_RESOLUTION", "find_entities", "EntityRuler", "make_entity_ruler"]
