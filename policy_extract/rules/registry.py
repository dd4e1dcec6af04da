"""The one rule registry: every data file under ``data/zh`` and the loader that validates it.

A loader is the function its stage runs at start-up (unknown keys, missing keys, wrong
types, bad regexes and duplicate ids fail with a :class:`~policy_extract.errors.RuleFileError`
naming the file and the rule). ``policy-extract rules validate`` walks this table, so a data
file no stage validates cannot be added without a line here (a test checks that every
packaged file is registered).
"""

from __future__ import annotations

import gc
import importlib
from functools import _lru_cache_wrapper
from importlib import resources
from typing import Callable

from ..errors import PolicyExtractError

# file -> "module:function" (imported lazily: the registry must not import every stage)
REGISTRY: dict[str, str] = {
    "datelines.json": "policy_extract.text.dateline:load_dateline_rules",
    "entity_gazetteer.json": "policy_extract.components.entity_ruler:load_gazetteer",
    "entity_shapes.json": "policy_extract.components.entity_ruler:load_shapes",
    "entity_stems.json": "policy_extract.components.entity_ruler:load_stems",
    "entity_suffixes.json": "policy_extract.components.entity_ruler:load_suffix_rules",
    "html.json": "policy_extract.text.html:load_html_rules",
    "layout.json": "policy_extract.text.normalize:load_layout",
    "lexicon.txt": "policy_extract.rules.loader:read_lexicon",
    "model_entity_shape.json": "policy_extract.components.model_entities:EntityShape.load",
    "peers.json": "policy_extract.peers:load_config",
    "quantity_bounds.json": "policy_extract.components.quantities:load_quantity_rules",
    "quantity_exclusions.json": "policy_extract.components.quantities:load_quantity_rules",
    "quantity_indicator.json": "policy_extract.components.quantities:load_quantity_rules",
    "quantity_measure_cues.json": "policy_extract.components.quantities:load_quantity_rules",
    "quantity_periods.json": "policy_extract.components.quantities:load_quantity_rules",
    "quantity_status_cues.json": "policy_extract.components.quantities:load_quantity_rules",
    "quantity_units.json": "policy_extract.numbers.quantity_parse:load_units",
    "structure_cues.json": "policy_extract.text.cues:load_structure_cues",
    "time_frames.json": "policy_extract.frames.build:load_frame_rules",
    "traditional_chars.json": "policy_extract.text.normalize:load_traditional",
    "indicators.json": "policy_extract.track.indicators:load_indicators",
    "places.json": "policy_extract.track.place:load_places",
}


def data_files() -> list[str]:
    """Names of the data files in use (``data/zh/*.json`` and ``*.txt``, or the override's)."""
    from .loader import _DATA_DIR

    root = _DATA_DIR if _DATA_DIR is not None else resources.files("policy_extract.data").joinpath("zh")
    return sorted(p.name for p in root.iterdir() if p.name.endswith((".json", ".txt")))


def loader(name: str) -> Callable[[], object]:
    target = REGISTRY[name]
    module, _, attr = target.partition(":")
    obj: object = importlib.import_module(module)
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj  # type: ignore[return-value]


def clear_caches() -> None:
    """Forget every cached rule table, so the next load reads the files again."""
    for obj in gc.get_objects():
        if isinstance(obj, _lru_cache_wrapper) and getattr(obj, "__module__", "").startswith(
                "policy_extract."):
            obj.cache_clear()


def validate() -> list[tuple[str, str, str]]:
    """``(file, status, detail)`` per data file: ``ok``, or ``error`` with what is wrong."""
    clear_caches()
    out = []
    for name in data_files():
        if name not in REGISTRY:
            out.append((name, "error", "no loader registered in policy_extract/rules/registry.py"))
            continue
        try:
            loader(name)()
            out.append((name, "ok", f"validated by {REGISTRY[name]}"))
        except ModuleNotFoundError as err:  # an optional stage not installed
            out.append((name, "ok", f"not checked: {err.name} unavailable"))
        except (PolicyExtractError, ValueError, KeyError, TypeError, AttributeError) as err:
            out.append((name, "error", str(err)))
    return out


__all__ = ["REGISTRY", "data_files", "loader", "clear_caches", "validate"]
