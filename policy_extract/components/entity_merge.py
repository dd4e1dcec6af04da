"""``policy_entity_merge``: rule + model entities → ``doc._.pe.entities`` by a registered policy.

``mode="rules"`` keeps the rule entities, ``mode="model"`` the model's, and
``mode="combined"`` applies ``policy``, a function registered under a versioned
name in ``registry.misc`` (swap it in the config, or pass ``config={"policy": …}``).
Every policy returns flat, non-overlapping spans (GUIDELINES §2). The default was
chosen on ``corpora/train_gold`` cross-validation (never on the seeds or held-out): see README.
"""

from __future__ import annotations

from typing import Callable, Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from ..extensions import get_state
from ..schema import Entity

MergeFn = Callable[[Sequence[Entity], Sequence[Entity]], list[Entity]]


def _overlaps(a: Entity, b: Entity) -> bool:
    return a.start < b.end and b.start < a.end


def _fill(base: Iterable[Entity], extra: Iterable[Entity]) -> list[Entity]:
    """``base`` whole, then each ``extra`` that overlaps nothing kept so far.

    >>> from policy_extract.schema import EntityLabel as L
    >>> base = [Entity(0, 4, "湖南大学", L.INSTITUTION)]
    >>> extra = [Entity(2, 6, "大学城区", L.PARK), Entity(7, 10, "华为云", L.ENTERPRISE)]
    >>> [e.text for e in _fill(base, extra)]
    ['湖南大学', '华为云']
    """
    kept = list(base)
    extra = list(extra)
    # the characters kept entities cover: an overlap test costs the entity's length, not the
    # number kept (a test per pair was quadratic on a long line of names)
    taken = bytearray(max((e.end for e in (*kept, *extra)), default=0))
    for k in kept:
        taken[k.start : k.end] = b"\x01" * (k.end - k.start)
    for e in extra:
        if taken.find(1, e.start, e.end) < 0:
            kept.append(e)
            taken[e.start : e.end] = b"\x01" * (e.end - e.start)
    return sorted(kept, key=lambda e: (e.start, e.end))


@registry.misc("policy_extract.merge_entities.rules_only.v1")
def rules_only() -> MergeFn:
    """The rule entities alone."""
    return lambda rules, model: sorted(rules, key=lambda e: (e.start, e.end))


@registry.misc("policy_extract.merge_entities.model_only.v1")
def model_only(threshold: float = 0.0) -> MergeFn:
    """The model's entities scoring at least ``threshold``."""
    return lambda rules, model: sorted((e for e in model if e.score >= threshold),
                                       key=lambda e: (e.start, e.end))


@registry.misc("policy_extract.merge_entities.rules_first.v1")
def rules_first(threshold: float = 0.5, relabel: float = 1.01, repair: float = 1.01) -> MergeFn:
    """Every rule entity; the model fills the gaps with entities scoring ``>= threshold``.

    The rules are precise on the name shapes they know, the model finds names
    no rule has seen. Two optional corrections (off by default, thresholds > 1):
    ``relabel``: the model found exactly a rule's span with another label, scoring
    ``>= relabel``: its label wins. ``repair``: the model found a span inside a rule
    span ending where it ends (a rule that ran left into a verb, ``有效串联航空港实验区``),
    scoring ``>= repair``: the model's left boundary wins.
    """

    def merge(rules: Sequence[Entity], model: Sequence[Entity]) -> list[Entity]:
        by_span = {(m.start, m.end): m for m in model}
        by_end = {}
        for m in model:
            by_end.setdefault(m.end, []).append(m)
        base = []
        for r in rules:
            m = by_span.get((r.start, r.end))
            if m is not None and m.label != r.label and m.score >= relabel:
                r = Entity(r.start, r.end, r.text, m.label, r.canonical, r.node_id, "combined",
                           m.score, r.evidence)
            elif m is None:
                inner = [x for x in by_end.get(r.end, ()) if x.start > r.start and x.score >= repair]
                if inner:
                    x = max(inner, key=lambda x: x.end - x.start)
                    r = Entity(x.start, x.end, x.text, r.label, r.canonical, r.node_id, "combined",
                               x.score, r.evidence)
            base.append(r)
        return _fill(base, (m for m in model if m.score >= threshold))

    return merge


@registry.misc("policy_extract.merge_entities.model_first.v1")
def model_first(threshold: float = 0.5) -> MergeFn:
    """Model entities scoring ``>= threshold``; rule entities fill the gaps."""

    def merge(rules: Sequence[Entity], model: Sequence[Entity]) -> list[Entity]:
        return _fill([m for m in model if m.score >= threshold], rules)

    return merge


@registry.misc("policy_extract.merge_entities.agreement.v1")
def agreement(threshold: float = 0.9) -> MergeFn:
    """Rule entities the model does not contradict, plus model-only entities above ``threshold``.

    A rule entity is dropped when the model, over the same characters, found a
    different span (it disagrees on the boundary); kept when the model agrees or is silent.
    """

    def merge(rules: Sequence[Entity], model: Sequence[Entity]) -> list[Entity]:
        base = []
        for r in rules:
            clash = [m for m in model if _overlaps(m, r)]
            if clash and not any((m.start, m.end) == (r.start, r.end) for m in clash) and all(
                    m.score >= threshold for m in clash):
                continue
            base.append(r)
        return _fill(base, (m for m in model if m.score >= threshold))

    return merge


# chosen on corpora/train_gold cross-validation (merge-policies; dev_gold agrees): the most cautious
# gap filling; after the rule pass of 0e350d4/077b405 no policy beats the rules alone there
DEFAULT_POLICY = {"@misc": "policy_extract.merge_entities.rules_first.v1", "threshold": 0.99}


class EntityMerger:
    def __init__(self, mode: str = "rules", policy: MergeFn | None = None):
        self.mode = mode
        if mode == "rules":
            self.merge = rules_only()
        elif mode == "model":
            self.merge = model_only()
        else:
            self.merge = policy or registry.resolve({"p": DEFAULT_POLICY})["p"]

    def __call__(self, doc: Doc) -> Doc:
        st = get_state(doc)
        st.entities = self.merge(st.rule_entities, st.model_entities)
        return doc


@Language.factory("policy_entity_merge", default_config={"mode": "rules", "policy": DEFAULT_POLICY})
def make_entity_merge(nlp: Language, name: str, mode: str, policy: MergeFn) -> EntityMerger:
    return EntityMerger(mode, policy)
