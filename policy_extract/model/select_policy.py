"""Compare merge policies on a gold set (default ``corpora/train_gold``, cross-validated).

The pipeline runs once per text with every model entity scored; each candidate
policy then merges the same rule and model entities, and is scored by
``evaluate.score_entities`` (GUIDELINES §5, strict). ``policy-extract merge-policies``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from spacy.util import registry

# candidates: (name, args). Thresholds on the beam probability of a model entity.
CANDIDATES: tuple[tuple[str, dict], ...] = (
    ("rules_only", {}),
    ("model_only", {}),
    *(("rules_first", {"threshold": t}) for t in (0.0, 0.3, 0.5, 0.7, 0.9, 0.95, 0.99)),
    *(("rules_first", {"threshold": t, "relabel": 0.9}) for t in (0.5, 0.7)),
    *(("rules_first", {"threshold": t, "repair": r}) for t in (0.5, 0.9, 0.95) for r in (0.5, 0.8)),
    *(("model_first", {"threshold": t}) for t in (0.5, 0.7, 0.9)),
    *(("agreement", {"threshold": t}) for t in (0.5, 0.7, 0.9)),
)


def entity_sets(gold_dir: str | Path, raw_dirs: list[str | Path] | None, model_path=None):
    """(gold Document, rule entities, model entities) per gold text, every model entity scored."""
    from ..components.model_entities import ModelEntities
    from ..corpus import iter_gold
    from ..extensions import get_state
    from ..pipeline import load

    # combined: the model reads the rule tags, as it does when a policy merges its output
    pipe = load("combined", model_path=model_path)
    me: ModelEntities = pipe.nlp.get_pipe("policy_model_entities")
    old, me.score = me.score, "all"
    try:
        out = []
        for it in iter_gold(gold_dir, raw_dirs):
            doc = pipe.run(pipe.make_doc(it.gold.text, doc_id=it.gold.doc_id, date=it.date))
            st = get_state(doc)
            out.append((it.gold, list(st.rule_entities), list(st.model_entities)))
        return out
    finally:
        me.score = old


def compare(sets, candidates: Iterable[tuple[str, dict]] = CANDIDATES) -> list[dict]:
    """Strict entity P/R/F1 of each candidate policy over ``sets``."""
    from ..evaluate import Report, score_entities

    rows = []
    for name, args in candidates:
        fn = registry.resolve({"p": {"@misc": f"policy_extract.merge_entities.{name}.v1",
                                     **args}})["p"]
        rep = Report()
        for gold, rules, model in sets:
            score_entities(gold.entities, fn(rules, model), rep, gold.doc_id)
        prf = rep.ent_strict
        rows.append({"policy": name, "args": args, "p": round(prf.precision, 4),
                     "r": round(prf.recall, 4), "f1": round(prf.f1, 4)})
    return rows
