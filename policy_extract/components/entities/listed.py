"""Listed-names recognizer: the other items of ``A、B、C等…企业`` are names of the same kind.

Runs after the first resolution, since ``known_list_items`` rules need one item that is
a name already; the rules are the list shapes of ``entity_shapes.json``.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Iterator

import regex

from .base import _NON_WORD, _Cand
from .shapes import _LIST_EMITS
from .stems import _cut_stem

if TYPE_CHECKING:
    from .rules import EntityRules
    from .shapes import ShapeRule

_ITEM_SEP = regex.compile(r"、")


def _listed_items(text: str, chosen: list[_Cand], R: EntityRules) -> list[_Cand]:
    """Items of ``A、B、C等…企业`` where one item is already a name of the rule's label: the others are too.

    A list closed by a kind word names things of one kind; a known firm among them says
    which kind (三一重工、中联重科、山河智能等本土龙头企业). ``named_list_items`` rules need no
    known item: their closing words alone say the items are names (博世力士乐、卡特彼勒、道依茨等7家
    世界500强企业). Items must be short name-like runs that are not generic words, and never
    overlap a name found already.

    >>> from policy_extract.components.entities.rules import load_entity_rules
    >>> from policy_extract.schema import EntityLabel
    >>> R = load_entity_rules()
    >>> t = "既有联塑集团、德冠等本土企业增资扩产"
    >>> known = [_Cand(2, 6, EntityLabel.ENTERPRISE, "x", 1)]
    >>> [t[c.start:c.end] for c in _listed_items(t, known, R)]
    ['德冠']
    >>> _listed_items("推动汽车、生物医药等企业", [], R)
    []
    """
    rules = [r for r in R.shapes if r.emit in _LIST_EMITS]
    if not rules:
        return []
    spans = {(c.start, c.end): c.label for c in chosen}
    starts = sorted((c.start, c.end) for c in chosen)
    out = []
    for rule in rules:
        named = rule.emit == "named_list_items"
        matches = rule.finditer(text) if named else _around_known(text, rule, chosen)
        for m in matches:
            s, e = m.span(1)
            items, pos = [], s
            for sep in _ITEM_SEP.finditer(text, s, e):
                items.append((pos, sep.start()))
                pos = sep.end()
            items.append((pos, e))
            items[0] = (_cut_stem(text, items[0][0], items[0][1], R, rule.label)[0], items[0][1])
            if not named and not any(spans.get(it) is rule.label for it in items):
                continue
            for a, b in items:
                sm = R.strip_leading.match(text, a, b)
                a = sm.end() if sm else a
                run = R.run_re.match(text, a, b)  # a reverse pattern: the run ending at b
                if (a, b) in spans or not 2 <= b - a <= 8 or run is None or run.start() != a:
                    continue
                if len(_NON_WORD.sub("", R.generic_re.sub("", text[a:b]))) < 2:
                    continue
                i = bisect.bisect_left(starts, (b, -1))
                if any(cs < b and a < ce for cs, ce in starts[max(0, i - 1):i + 1]):
                    continue
                out.append(_Cand(a, b, rule.label, rule.id, 1))
    return out


def _around_known(text: str, rule: ShapeRule, chosen: list[_Cand]) -> Iterator[regex.Match]:
    """The rule's matches in the clauses holding a name of its label (only those can hold the
    list a ``known_list_items`` rule reads): each such clause is scanned alone."""
    known = sorted(c.start for c in chosen if c.label is rule.label)
    windows, done = [], -1
    for ks in known:
        if ks < done:
            continue
        lo = rule.window_back.match(text, 0, ks).start()
        done = rule.window.match(text, ks).end()
        windows.append((lo, done))
    return (m for lo, hi in windows for m in rule.pattern.finditer(text, lo, hi))


__all__ = ["_listed_items"]
