"""``Doc`` → :class:`~policy_extract.schema.Document`, checking every offset on the way out."""

from __future__ import annotations

import logging

from spacy.tokens import Doc

from .extensions import get_state
from .schema import Document, TimeFrame, sha256_text

logger = logging.getLogger("policy_extract")


def _valid(raw: str, item) -> bool:
    if not (0 <= item.start < item.end <= len(raw)) or raw[item.start : item.end] != item.text:
        return False
    ind = getattr(item, "indicator", None)
    return ind is None or raw[ind.start : ind.end] == ind.text


def to_document(doc: Doc, sha256: str | None = None) -> Document:
    """Build the result; a span that does not map back to the raw text is dropped and warned."""
    st = get_state(doc)
    raw = st.norm.raw  # == doc.text, except lone surrogates (U+FFFD in the Doc)
    warnings = list(st.warnings)
    kept = {}
    for name, items in (("quantities", st.quantities), ("entities", st.entities),
                        ("nodes", st.nodes)):
        good = []
        for it in items:
            if _valid(raw, it):
                good.append(it)
            else:  # a bug, never silent: the output says so
                msg = f"E100 internal: {name[:-1]} {it.start}:{it.end} {it.text!r} does not map to raw"
                logger.error(msg)
                warnings.append(msg)
        kept[name] = good
    quantities = sorted(kept["quantities"], key=lambda q: (q.start, q.end))
    entities = sorted(kept["entities"], key=lambda e: (e.start, e.end))
    frames: list = []
    if st.frames is not None:
        for f in st.frames.frames:
            rs, re_ = st.norm.raw_span(f.start, f.end, clip_markup=False)
            if rs < re_:
                frames.append(TimeFrame(rs, re_, f.kind, f.rule, f.cue, f.status, f.period))
    return Document(
        text=raw,
        doc_id=st.doc_id,
        source=st.source,
        date=st.date,
        sha256=sha256 or sha256_text(raw),
        quantities=tuple(quantities),
        entities=tuple(entities),
        nodes=tuple(kept["nodes"]),
        warnings=tuple(warnings),
        genre=st.frames.genre if st.frames is not None else None,
        frames=tuple(frames),
    )
