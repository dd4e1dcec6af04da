"""The trained entity model as a stage: ``ner`` → ``doc._.pe.model_entities``. STUB (issue 5)."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language


def add_model_stage(nlp: Language, path: Path) -> None:
    """Add the trained ``ner`` from ``path`` and the component that reads its entities."""
    raise NotImplementedError("model stage not built yet (issue 5)")
