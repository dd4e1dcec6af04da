"""``policy_segmenter``: paragraphs, sentences, non-body pieces and articles on ``doc._.pe.seg``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import get_state
from ..text.segment import segment


class Segmenter:
    def __call__(self, doc: Doc) -> Doc:
        st = get_state(doc)
        st.seg = segment(st.norm, title=st.title)
        return doc


@Language.factory("policy_segmenter")
def make_segmenter(nlp: Language, name: str) -> Segmenter:
    return Segmenter()
