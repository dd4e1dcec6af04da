"""Views of a :class:`~policy_extract.schema.Document` for people: text for the terminal
(:mod:`.text`: the table of figures, the tree) and one self-contained HTML page (:mod:`.html`).

The schema does not import the renderers at module level (``Document.tree()`` imports
:func:`.text.render_tree` when called), so the two never form an import cycle.
"""

from __future__ import annotations

from .html import Mark, build_marks, markup, render_html
from .text import render_table, render_tree

__all__ = ["render_html", "markup", "build_marks", "Mark", "render_table", "render_tree"]
