"""``policy_quantities``: figures with value, unit, bound, measure, status, indicator, period.

STUB — replaced by the quantities stage (issue 3).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import get_state
from ..schema import Quantity
from ..text.normalize import NormalizedText
from ..text.segment import Segmentation


def find_quantities(norm: NormalizedText, seg: Segmentation, date: str | None = None,
                    explain: bool = False) -> list[Quantity]:
    return []


class QuantityFinder:
    def __call__(self, doc: Doc) -> Doc:
        st = get_state(doc)
        st.quantities = find_quantities(st.norm, st.seg, st.date, st.explain)
        return doc


@Language.factory("policy_quantities")
def make_quantities(nlp: Language, name: str) -> QuantityFinder:
    return QuantityFinder()
