"""``policy_nodes``, the action–task tree: kept as the import path the package, its
tests and the ``spacy_factories`` entry point (``pyproject.toml``) name. The code is in
:mod:`policy_extract.components.tree`, split into modules small enough to read.
"""

from .tree import (BODY_RULES, HEADING_RULES, Tree, TreeBuilder, attach, build_tree, cn_count,
                   enum_value, make_tree_builder, rule)

__all__ = ["BODY_RULES", "HEADING_RULES", "Tree", "TreeBuilder", "attach", "build_tree",
           "cn_count", "enum_value", "make_tree_builder", "rule"]
