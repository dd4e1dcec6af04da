"""``policy_entity_ruler``: rule-stage entities. STUB — replaced by issue 4."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import get_state
from ..schema import Entity
from ..text.normalize import NormalizedText
from ..text.segment import Segmentation


def find_entities(norm: NormalizedText, seg: Segmentation, use_gazetteer: bool = True,
                  explain: bool = False) -> list[Entity]:
    return []


class EntityRuler:
    def __init__(self, use_gazetteer: bool = True):
        self.use_gazetteer = use_gazetteer

    def __call__(self, doc: Doc) -> Doc:
        st = get_state(doc)
        st.rule_entities = find_entities(st.norm, st.seg, self.use_gazetteer, st.explain)
        return doc


@Language.factory("policy_entity_ruler", default_config={"use_gazetteer": True})
def make_entity_ruler(nlp: Language, name: str, use_gazetteer: bool) -> EntityRuler:
    return EntityRuler(use_gazetteer)
