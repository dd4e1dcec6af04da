"""spaCy components; importing this package registers their factories."""

from . import entity_merge, entity_ruler, hierarchy, quantities, segmenter, spans  # noqa: F401
