"""All custom attributes the components share, in one place.

Components read and write named places on ``doc._.pe`` (a :class:`PEState`),
so any stage can be disabled with ``nlp.select_pipes`` and tested alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

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
    frames: "TimeFrames | None" = None  # set by the quantity stage (policy_extract.frames)
    explain: bool = False
    seg: "Segmentation | None" = None
    quantities: list["Quantity"] = field(default_factory=list)
    rule_entities: list["Entity"] = field(default_factory=list)
    model_entities: list["Entity"] = field(default_factory=list)
    entities: list["Entity"] = field(default_factory=list)
    nodes: list["Node"] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


DOC_EXTENSIONS: dict[str, dict[str, Any]] = {"pe": {"default": None}}


def set_extensions() -> None:
    """Register the extensions once (idempotent)."""
    for name, kwargs in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, **kwargs)


def get_state(doc: Doc) -> PEState:
    """The document's state; builds the normalised view if the Doc came from elsewhere."""
    set_extensions()
    st = doc._.pe
    if st is None:
        from .text.normalize import normalize

        st = PEState(norm=normalize(doc.text))
        doc._.pe = st
    return st
