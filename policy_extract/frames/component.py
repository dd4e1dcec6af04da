"""``policy_frames``: the time frames of a document, its own pipeline step, before the figures.

Status and period are decided by the frame a figure stands in (GUIDELINES §1), so the frames
are built once per document, from its normalised text, date and title, and left on the run's
state for the quantity stage (and for users: ``Document.frames``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import get_state
from .build import build_frames, load_frame_rules


class FrameBuilder:
    def __init__(self) -> None:
        load_frame_rules()  # a bad time_frames.json fails when the pipeline is built

    def __call__(self, doc: Doc) -> Doc:
        st = get_state(doc)
        st.frames = build_frames(st.norm.text, st.date, st.title)
        return doc


@Language.factory("policy_frames")
def make_frames(nlp: Language, name: str) -> FrameBuilder:
    return FrameBuilder()
