"""The ``policy_nodes`` spaCy component: the tree of the doc, its warnings, and the
``node_id`` of every figure and name."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ...extensions import get_state
from ...text.cues import StructureCues, load_structure_cues
from .build import attach, build_tree


class TreeBuilder:
    """Sets ``doc._.pe.nodes``, adds count warnings, attaches figures and names."""

    def __init__(self, cues: StructureCues | None = None):
        self.cues = cues or load_structure_cues()

    def __call__(self, doc: Doc) -> Doc:
        st = get_state(doc)
        if st.seg is None:
            from ...text.segment import segment

            st.seg = segment(st.norm, title=st.title)
        tree = build_tree(st.norm, st.seg, self.cues, st.title, st.frames)
        st.nodes = tree.nodes
        st.warnings.extend(w for w in tree.warnings if w not in st.warnings)
        st.quantities = attach(list(st.quantities), tree.scopes)
        st.entities = attach(list(st.entities), tree.scopes)
        return doc


@Language.factory("policy_nodes")
def make_tree_builder(nlp: Language, name: str) -> TreeBuilder:
    return TreeBuilder()
