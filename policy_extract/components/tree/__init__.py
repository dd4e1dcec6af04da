"""``policy_nodes``: the article → section → action → task tree (GUIDELINES §3).

Runs last. :func:`build_tree` is pure (normalised text + segmentation in, nodes
and warnings out); the component then attaches every quantity and entity to its
innermost node (``node_id``) and compares announced counts (``六大行动``,
``18项重点任务``) with what was found (``Warnings.W004``).

Cues are data (``data/zh/structure_cues.json``). The tree is built from
structure first (headlines, numbering, short standalone lines, ``——``
sub-headings), then from the paragraph openings: enumerators (``一是``,
``一方面``, ``比如``), task-opening verbs (``夯实人工智能底座。``), ``…将 + verb``
plans and their ``；``-lists, and target lines under a heading. Named actions
(``实施X行动和Y行动``) group the tasks that follow them until the next heading;
a later paragraph naming one of them switches the tasks to it. Reviews of past
work (``这五年``, ``完成情况``) get sections but no tasks or actions.

The modules, each importing only those above it:

- :mod:`.numerals` — ``cn_count`` (``六`` 6) and ``enum_value`` (``（三）`` 3);
- :mod:`.builder` — the nodes as built and the text helpers (phrases, clauses, targets);
- :mod:`.actions` — action names, counted lists of actions, the W004 counts;
- :mod:`.walk` — the walk over the paragraphs, its state and the paragraph a rule sees;
- :mod:`.rules` — the ``@rule`` paragraph rules and the order they are tried in;
- :mod:`.build` — :func:`build_tree` and :func:`attach`;
- :mod:`.component` — the spaCy component and its factory ``policy_nodes``.
"""

from .build import Tree, attach, build_tree
from .component import TreeBuilder, make_tree_builder
from .numerals import cn_count, enum_value
from .rules import BODY_RULES, HEADING_RULES, rule

__all__ = ["BODY_RULES", "HEADING_RULES", "Tree", "TreeBuilder", "attach", "build_tree",
           "cn_count", "enum_value", "make_tree_builder", "rule"]
