"""``policy_entity_merge``: rules + model → ``doc._.pe.entities`` by a registered policy. STUB (issue 5)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import get_state


class EntityMerger:
    def __init__(self, mode: str = "rules"):
        self.mode = mode

    def __call__(self, doc: Doc) -> Doc:
        st = get_state(doc)
        if self.mode == "model":
            st.entities = list(st.model_entities)
        else:
            st.entities = list(st.rule_entities)
        return doc


@Language.factory("policy_entity_merge", default_config={"mode": "rules"})
def make_entity_merge(nlp: Language, name: str, mode: str) -> EntityMerger:
    return EntityMerger(mode)
