"""Moved to :mod:`policy_extract.render.html`; this module re-exports it so imports keep working.

The ``render`` command that lived here is :mod:`policy_extract.cli.render`; its old names
``cmd_render`` and ``register_cli`` still resolve, to that module, when asked for.
"""

from __future__ import annotations

from .render.html import (  # noqa: F401
    CSS, ENTITY_COLORS, JS, LAYER_RANK, STATUS_COLORS, Mark, _cell, _chip_e, _chip_q,
    _colors_css, _entities_table, _evidence_text, _flat, _legend, _node_index, _problems,
    _targets_table, _tree, build_marks, entity_tip, esc, fmt_num, markup, node_tip, quantity_tip,
    render_html,
)

__all__ = ["render_html", "markup", "build_marks", "Mark"]


def __getattr__(name: str):
    if name in ("cmd_render", "register_cli"):  # the command moved to the CLI package
        from .cli import render as _cli

        return _cli.cmd_render if name == "cmd_render" else _cli.register
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
