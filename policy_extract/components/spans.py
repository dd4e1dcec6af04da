"""``policy_spans``: the results on spaCy's own containers, last in the pipeline.

Figures go to ``doc.spans["pe_quantities"]`` (label = unit), names to
``doc.spans["pe_entities"]`` and ``doc.ents`` (label = GUIDELINES §2 label), tree nodes to
``doc.spans["pe_nodes"]`` (label = kind); each figure's attributes are on its span
(``span._.pe_value``, ``pe_unit``, ``pe_status``…), so displaCy, DocBin and any spaCy tool
see what :class:`~policy_extract.schema.Document` holds. A span is snapped outwards to token
boundaries (jieba may join a figure to its neighbour); the exact offsets stay in the schema.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..extensions import get_state, set_extensions


def _span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def write_spans(doc: Doc) -> Doc:
    set_extensions()
    st = get_state(doc)
    qspans = []
    ud = doc.user_data
    for q in st.quantities:
        sp = _span(doc, q.start, q.end, q.unit)
        if sp is None:
            continue
        # written where span._.pe_value reads them (spaCy keys a span's extension value by
        # name and character offsets): a setattr per value cost 3% of the rules pipeline
        a, b = sp.start_char, sp.end_char
        for name, value in (("pe_value", q.value), ("pe_value_max", q.value_max),
                            ("pe_unit", q.unit), ("pe_bound", q.bound.value),
                            ("pe_measure", q.measure.value), ("pe_status", q.status.value),
                            ("pe_period", q.period),
                            ("pe_indicator", q.indicator.text if q.indicator else None)):
            ud[("._.", name, a, b)] = value
        if q.evidence:
            ud[("._.", "pe_evidence", a, b)] = str(q.evidence.get("status_cue"))
        qspans.append(sp)
    espans = [sp for e in st.entities if (sp := _span(doc, e.start, e.end, e.label.value))]
    nspans = [sp for n in st.nodes if (sp := _span(doc, n.start, n.end, n.kind.value))]
    doc.spans["pe_quantities"] = qspans
    doc.spans["pe_entities"] = espans
    doc.spans["pe_nodes"] = nspans
    doc.ents = filter_spans(espans)  # entities never overlap in the schema; snapping may
    if (doc._.pe_options or {}).get("ship"):  # for nlp.pipe(n_process>1): the exact result
        from ..export import to_document

        result = to_document(doc)
        doc._.pe_result = {**result.to_dict(explain=st.explain), "_text": result.text}
    return doc


@Language.component("policy_spans")
def make_spans(doc: Doc) -> Doc:
    return write_spans(doc)
