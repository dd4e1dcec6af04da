"""``policy_entity_ruler``: rule-stage entities (GUIDELINES §2), one recognizer per kind of evidence.

Four kinds of evidence, all data (``data/zh/``), each read by its own module:

* :mod:`.suffix` — **suffix rules** (``entity_suffixes.json``): a type suffix (…实验室,
  …集团, …科学城, …大学, …行动) and a name stem reaching left from it over name
  characters, cut after the last function word / introducing verb, with generic stems
  (国家实验室, 中试平台, 研发中心) refused (``entity_stems.json``, :mod:`.stems`);
* :mod:`.shapes` — **shapes** (``entity_shapes.json``): whole-name regexes — 《…》 titles,
  N大X行动, “…”行动计划, “…”-wrapped programme names, national bodies;
* :mod:`.gazetteer` — **the gazetteer** (``entity_gazetteer.json``): known names and
  aliases, matched with one Aho–Corasick automaton, each carrying a canonical id;
* names in context, read once names are resolved: :mod:`.listed` (the other items of
  ``A、B、C等…企业``) and :mod:`.aliases` (``…(简称“大创园”)`` makes later ``大创园`` a
  mention).

Candidates are resolved flat (:mod:`.resolve`): longest span first, no overlaps. Every name
found once is then marked at every other occurrence in the document (:mod:`.propagate`;
GUIDELINES: every occurrence is annotated). Matching runs on ``norm.text``; spans are
reported in raw offsets, crossing broken lines like the gold does. :mod:`.component` runs
the steps in order and is the spaCy component; :mod:`.rules` loads every data file once.
"""

from __future__ import annotations

from .aliases import _aliases
from .base import _CUTS, _LABELS, _NON_WORD, _Cand, _alternation, _label, _opt_re
from .component import (AFTER_RESOLUTION, RECOGNIZERS, EntityRuler, _to_entities, find_entities,
                        make_entity_ruler)
from .gazetteer import GazEntry, _gazetteer_candidates, load_gazetteer
from .listed import _ITEM_SEP, _listed_items
from .propagate import _LINE_RUN, _other_occurrences, _propagate
from .resolve import _resolve
from .rules import EntityRules, load_entity_rules
from .shapes import (_LIST_EMITS, _LIST_SEP, _QUOTED, ShapeRule, _list_items, _shape_candidates,
                     _title_ok, load_shapes)
from .stems import _cut_stem, _stem_ok, load_stems
from .suffix import _JOIN, SuffixRule, _split_enterprise_prefix, _suffix_candidates, load_suffix_rules

__all__ = [
    "find_entities", "EntityRuler", "make_entity_ruler", "RECOGNIZERS", "AFTER_RESOLUTION",
    "EntityRules", "load_entity_rules", "SuffixRule", "load_suffix_rules", "load_stems",
    "ShapeRule", "load_shapes", "GazEntry", "load_gazetteer",
]
