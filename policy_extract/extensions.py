"""All custom attributes the components share, in one place.

Components read and write named places on ``doc._.pe`` (a :class:`PEState`),
so any stage can be disabled with ``nlp.select_pipes`` and tested alone.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span

if TYPE_CHECKING:
    from .schema import Entity, Node, Quantity
    from .text.normalize import NormalizedText
    from .frames import TimeFrames
    from .text.segment import Segmentation


@dataclass
class PEState:
    """What the pipeline knows about one document while it runs.

    ``norm`` is set by the tokenizer, ``seg`` by ``policy_segmenter``; each stage
    appends its results to its own list.
    """

    norm: "NormalizedText"
    doc_id: str | None = None
    source: str | None = None
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD, resolves 今年/明年 to years
    title: str | None = None  # the headline from metadata, when the text does not start with it
    frames: "TimeFrames | None" = None  # set by policy_frames (policy_extract.frames)
    explain: bool = False
    seg: "Segmentation | None" = None
    quantities: list["Quantity"] = field(default_factory=list)
    rule_entities: list["Entity"] = field(default_factory=list)
    model_entities: list["Entity"] = field(default_factory=list)
    entities: list["Entity"] = field(default_factory=list)
    nodes: list["Node"] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


# The run's state lives beside the Doc, not in ``doc.user_data``: user_data is what DocBin
# and nlp.pipe(n_process=…) serialise, and PEState (with its compiled views) is no data.
_STATES: "weakref.WeakKeyDictionary[Doc, PEState]" = weakref.WeakKeyDictionary()


def _get_pe(doc: Doc) -> "PEState | None":
    return _STATES.get(doc)


def _set_pe(doc: Doc, value: "PEState | None") -> None:
    if value is None:
        _STATES.pop(doc, None)
    else:
        _STATES[doc] = value


DOC_EXTENSIONS: dict[str, dict[str, Any]] = {
    "pe": {"getter": _get_pe, "setter": _set_pe},
    # what the caller gave (doc_id, date, title, source, explain): plain data, so it travels
    # with the Doc to nlp.pipe's worker processes, where the state is rebuilt from it
    "pe_options": {"default": None},
    # the finished Document as a §4 dict, written by policy_spans when asked (ship=True), so
    # a Doc coming back from a worker process still carries the exact result
    "pe_result": {"default": None},
}
_OPTIONS = ("doc_id", "date", "source", "explain", "title")
# the figures' and names' attributes on their spans (doc.spans["pe_quantities"], doc.ents),
# plain values so that DocBin(store_user_data=True) keeps them
SPAN_EXTENSIONS = ("pe_value", "pe_value_max", "pe_unit", "pe_bound", "pe_measure", "pe_status",
                   "pe_period", "pe_indicator", "pe_evidence")


def set_extensions() -> None:
    """Register the extensions once (idempotent)."""
    for name, kwargs in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, **kwargs)
    for name in SPAN_EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def get_state(doc: Doc) -> PEState:
    """The document's state; builds the normalised view if the Doc came from elsewhere."""
    st = _STATES.get(doc)
    if st is not None:
        # what doc._.pe returns (its getter is _get_pe), without building spaCy's
        # Underscore proxy and re-checking every registration: every stage asks, per Doc
        return st
    set_extensions()
    st = doc._.pe
    if st is None:
        from .text.normalize import normalize

        st = PEState(norm=normalize(doc.text))
        for key, value in (doc._.pe_options or {}).items():
            if key in _OPTIONS:
                setattr(st, key, value)
        doc._.pe = st
    return st
