"""``policy_nodes``: article → section → action → task tree. STUB — replaced by issue 6."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import get_state
from ..schema import Node, NodeKind


class TreeBuilder:
    def __call__(self, doc: Doc) -> Doc:
        st = get_state(doc)
        nodes = []
        for i, a in enumerate(st.seg.articles if st.seg else []):
            para = st.seg.paragraph_at(a.start)
            rs, re_, text = st.norm.raw_text(para.start, para.end)
            nodes.append(Node(f"a{i + 1}", None, NodeKind.ARTICLE, rs, re_, text))
        st.nodes = nodes
        return doc


@Language.factory("policy_nodes")
def make_tree_builder(nlp: Language, name: str) -> TreeBuilder:
    return TreeBuilder()
