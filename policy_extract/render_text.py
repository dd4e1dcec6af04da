"""Moved to :mod:`policy_extract.render.text`; this module re-exports it so imports keep working."""

from __future__ import annotations

from .render.text import (  # noqa: F401
    _KIND_TAG, _figure, _frame_mark, _num, _one_line, _pad, _width, render_table, render_tree,
)

__all__ = ["render_table", "render_tree"]
