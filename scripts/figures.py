#!/usr/bin/env python3
"""Print every evaluation figure docs/EVALUATION.md reports: each gold set × mode, as one JSON object.

usage: python3 scripts/figures.py [--sets seeds,dev,...,v2_node_gold] [--modes rules,model,combined]
                                 [--ci DRAWS]
``--ci`` adds ``<figure>.ci``: the 95% interval over documents resampled (``evaluate --ci``).
Mode ``model`` is cross-validated (``evaluate --cv``): a gold text the entity model was
trained on is scored by the fold model that left it out.
Sets whose raw texts live in ../shared are skipped when it is absent.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = {"seeds": ("corpora/gold", None), "dev": ("corpora/dev_gold", "../shared/corpora/pages"),
        "heldout": ("corpora/heldout_gold", "../shared/corpora/pages"),
        "heldout2": ("corpora/heldout2_gold", "../shared/corpora/pages"),
        "train_gold": ("corpora/train_gold", "../shared/corpora/pages"),
        "status_gold": ("corpora/status_gold", "../shared/corpora/pages"),
        "status_gold_b": ("corpora/status_gold_b", "../shared/corpora/pages"),
        "node_gold": ("corpora/node_gold", "../shared/corpora/pages"),
        "heldout3": ("corpora/heldout3_gold", "../shared/corpora/pages_v2"),
        "v2_gold": ("corpora/v2_gold", "../shared/corpora/pages_v2"),
        "v2_node_gold": ("corpora/v2_node_gold", "../shared/corpora/pages_v2"),
        "v2_node_gold_b": ("corpora/v2_node_gold_b", "../shared/corpora/pages_v2"),
        "node_gold_c": ("corpora/node_gold_c", "../shared/corpora/pages"),
        "node_gold_d": ("corpora/node_gold_d", "../shared/corpora/pages")}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default="seeds,dev,heldout")
    ap.add_argument("--modes", default="rules,model,combined")
    ap.add_argument("--no-gazetteer", action="store_true")
    ap.add_argument("--ci", type=int, default=0, metavar="DRAWS")
    args = ap.parse_args()
    import policy_extract
    from policy_extract.corpus import iter_gold
    from policy_extract.evaluate import bootstrap_intervals, score_corpus

    out = {}
    for s in args.sets.split(","):
        gold, raw = SETS[s]
        if raw and not (ROOT / raw).is_dir():
            continue
        items = list(iter_gold(ROOT / gold, [str(ROOT / raw)] if raw else None))
        for m in args.modes.split(","):
            nlp = policy_extract.load(m, use_gazetteer=not args.no_gazetteer)
            if m == "model":
                from policy_extract.model.folds import FoldRouter

                nlp = FoldRouter(m, use_gazetteer=not args.no_gazetteer)
            pairs = [(it.gold, nlp(it.gold.text, doc_id=it.gold.doc_id, date=it.date,
                                   source=it.raw_path.name, title=it.title)) for it in items]
            figs = out[f"{s}@{m}"] = score_corpus(pairs).figures()
            if args.ci:
                for k, v in bootstrap_intervals(pairs, n=args.ci).items():
                    figs[f"{k}.ci"] = list(v)
            print(f"{s}@{m} done", file=sys.stderr)
    print(json.dumps(out, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
