"""Every entity data file, loaded and compiled once into :class:`EntityRules`.

Each file's loader lives beside the recognizer that reads it: ``entity_suffixes.json``
in :mod:`.suffix`, ``entity_stems.json`` in :mod:`.stems`, ``entity_shapes.json`` in
:mod:`.shapes`, ``entity_gazetteer.json`` in :mod:`.gazetteer`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import regex

from ...schema import EntityLabel
from .base import _alternation
from .gazetteer import GazEntry, load_gazetteer
from .shapes import ShapeRule, load_shapes
from .stems import load_stems
from .suffix import SuffixRule, load_suffix_rules


@dataclass
class EntityRules:
    """Everything the ruler needs, compiled once from the data files."""

    suffix_re: regex.Pattern
    suffix_rule: dict[str, SuffixRule]
    run_re: regex.Pattern
    max_stem: int
    cuts: list[tuple[str, str, regex.Pattern, frozenset]]  # (id, cut mode, pattern, not_for labels)
    protect_re: regex.Pattern | None
    protect_words: tuple[str, ...]  # not_boundary_in: a cut inside one of these is no cut
    strip_leading: regex.Pattern
    strip_always: regex.Pattern
    generic_re: regex.Pattern
    place_only: regex.Pattern
    verb_only: regex.Pattern
    designation_re: regex.Pattern
    numbered_set: regex.Pattern
    designation_start: regex.Pattern
    shapes: list[ShapeRule]
    alias_decl: regex.Pattern
    gazetteer: dict[str, GazEntry] = field(default_factory=dict)  # surface → entry
    _automaton: Any = None
    _suffix_automaton: Any = None
    cut_words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # word-list cuts' words
    _cut_automaton: Any = None
    _cut_plans: dict = field(default_factory=dict)  # label -> cut_plan(label)

    def cut_plan(self, label: EntityLabel | None) -> tuple[tuple, tuple]:
        """The cuts that apply to ``label``, in file order: ``last`` ones as ``(id, pattern,
        by_words)`` (by_words: found by :meth:`word_cut_automaton`), ``leading`` ones as
        ``(id, pattern)``. Per label once: every stem asked for them."""
        plan = self._cut_plans.get(label)
        if plan is None:
            lab = label.value if label is not None else ""
            last = tuple((bid, pat, bool(self.cut_words.get(bid)))
                         for bid, mode, pat, not_for in self.cuts
                         if mode == "last" and lab not in not_for)
            leading = tuple((bid, pat) for bid, mode, pat, not_for in self.cuts
                            if mode == "leading" and lab not in not_for)
            plan = self._cut_plans[label] = (last, leading)
        return plan

    def word_cut_automaton(self):
        """One Aho–Corasick automaton over the words of every word-list cut and the protected
        words (owner :data:`.stems.PROTECTED`); each word's value is ``(length, ids of its
        owners)``, so one pass per stem serves them all."""
        if self._cut_automaton is None:
            import ahocorasick

            from .stems import PROTECTED

            owners: dict[str, list[str]] = {}
            for bid, words in [*self.cut_words.items(), (PROTECTED, self.protect_words)]:
                for w in words:
                    owners.setdefault(w, []).append(bid)
            a = ahocorasick.Automaton()
            for w, bids in owners.items():
                a.add_word(w, (len(w), tuple(bids)))
            a.make_automaton()
            self._cut_automaton = a
        return self._cut_automaton

    def suffix_hits(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, suffix)`` of the longest suffix starting at each position, in order.

        What ``suffix_re.finditer(text, overlapped=True)`` yields (its alternation is
        longest first), found by one Aho–Corasick pass instead of a try at every position.

        >>> R = load_entity_rules()
        >>> t = "湘江科学城和岳麓山大学科技城"
        >>> R.suffix_hits(t) == [(m.start(), m.end(), m.group())
        ...                      for m in R.suffix_re.finditer(t, overlapped=True)]
        True
        """
        if self._suffix_automaton is None:
            import ahocorasick

            a = ahocorasick.Automaton()
            for suffix in self.suffix_rule:
                a.add_word(suffix, len(suffix))
            a.make_automaton()
            self._suffix_automaton = a
        best: dict[int, int] = {}
        for end_idx, n in self._suffix_automaton.iter(text):
            s = end_idx + 1 - n
            if n > best.get(s, 0):
                best[s] = n
        return [(s, s + n, text[s:s + n]) for s, n in sorted(best.items())]

    def automaton(self):
        """Aho–Corasick automaton over every gazetteer surface form (built lazily)."""
        if self._automaton is None and self.gazetteer:
            import ahocorasick

            a = ahocorasick.Automaton()
            for surface, entry in self.gazetteer.items():
                a.add_word(surface, (surface, entry))
            a.make_automaton()
            self._automaton = a
        return self._automaton


@lru_cache(maxsize=4)
def load_entity_rules() -> EntityRules:
    """Load and validate every entity data file (cached)."""
    suffixes, by_suffix = load_suffix_rules()
    st = load_stems()
    shapes, alias = load_shapes()
    return EntityRules(
        suffix_re=regex.compile(_alternation(suffixes)),
        suffix_rule=by_suffix,
        **st,
        shapes=shapes,
        alias_decl=alias,
        gazetteer=load_gazetteer(),
    )


__all__ = ["EntityRules", "load_entity_rules"]
