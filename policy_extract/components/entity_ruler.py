"""``policy_entity_ruler``: moved to the package :mod:`policy_extract.components.entities`.

This module re-exports what code imports from it (``find_entities``, ``load_entity_rules``,
the data-file loaders named in ``rules/registry.py``, the ``make_entity_ruler`` factory the
``spacy_factories`` entry point names), so imports of it keep working.
"""

from __future__ import annotations

from .entities import *  # noqa: F401,F403
from .entities import __all__  # noqa: F401
from .entities import (  # noqa: F401  (private names, for code written against the old module)
    _CUTS, _ITEM_SEP, _JOIN, _LABELS, _LINE_RUN, _LIST_EMITS, _LIST_SEP, _NON_WORD, _QUOTED,
    _Cand, _aliases, _alternation, _cut_stem, _gazetteer_candidates, _label, _list_items,
    _listed_items, _opt_re, _propagate, _resolve, _shape_candidates, _split_enterprise_prefix,
    _stem_ok, _suffix_candidates, _title_ok, _to_entities,
)
