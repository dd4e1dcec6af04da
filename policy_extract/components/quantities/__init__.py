"""``policy_quantities``: every figure with value, unit, bound, measure, status, indicator and
period (GUIDELINES §1), as a package of small steps (Presidio's recognize → validate →
enhance, medspaCy's ConText cues):

- :mod:`.rules` — the rule tables, loaded and validated from ``data/zh/quantity_*.json``;
- :mod:`.candidates` — unit matches, comparator words, GUIDELINES exclusions;
- :mod:`.context` — clauses, period cues, the document kind, the cue index;
- :mod:`.measure`, :mod:`.indicator`, :mod:`.period`, :mod:`.status` — one decision each;
- :mod:`.finder` — the orchestration and the spaCy component.
"""

from .finder import QuantityFinder, find_quantities, make_quantities
from .measure import decide_measure
from .rules import QuantityRules, load_quantity_rules
from .status import apply_frame, decide_status

__all__ = ["QuantityFinder", "QuantityRules", "apply_frame", "decide_measure", "decide_status",
           "find_quantities", "load_quantity_rules", "make_quantities"]
