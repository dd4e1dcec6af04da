"""``policy-extract train``: the entity model (see :mod:`policy_extract.model.train`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def register(sub) -> None:
    from ..model.train import AUGMENT, GOLD_REPEAT, SILVER_KEEP
    from ..pipeline import default_model_path

    p = sub.add_parser("train", help="train the entity model (silver from the rules + gold)")
    p.add_argument("--splits", default="corpora/splits.json")
    p.add_argument("--pages", default="../shared/corpora/policy_pages.jsonl",
                   help="corpus JSONL (id, text) the rule stage labels as silver")
    p.add_argument("--gold", default="corpora/gold", help="gold of the gold_train seeds")
    p.add_argument("--dev-gold", default="corpora/dev_gold",
                   help="gold of the dev_gold_train pages ('' for none)")
    p.add_argument("--raw", action="append", default=None,
                   help="directory of raw texts of the gold (repeatable; default as evaluate)")
    p.add_argument("--out", default=str(default_model_path()),
                   help="where the trained pipeline goes (default: the shipped one)")
    p.add_argument("--work", default="build/model", help="DocBins and spaCy checkpoints")
    p.add_argument("--folds-out", default=None,
                   help="where the cross-validation fold models go, for `evaluate --cv` "
                        "(default: benchmarks/ner_folds in the repository; not in the wheel)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--gold-repeat", type=int, default=GOLD_REPEAT)
    p.add_argument("--silver-keep", type=int, default=SILVER_KEEP,
                   help="train on silver sentences with a rule entity and 1 in N of the rest")
    p.add_argument("--silver-positives-only", action="store_true",
                   help="silver tokens outside a rule entity are unknown, not O (rules' misses "
                        "are not taught as non-names; gold alone teaches O)")
    p.add_argument("--train-gold", default="corpora/train_gold",
                   help="hand-annotated entities of silver train pages, used instead of their "
                        "silver ('' for none)")
    p.add_argument("--augment", type=int, default=AUGMENT,
                   help="mention-replacement copies of every gold text (0: none)")
    p.add_argument("--rule-tags", action="store_true",
                   help="the model also reads the rule entities as input tags (stacking, "
                        "model/features.py); measured worse than rules_first on train_gold (README)")
    p.add_argument("--max-epochs", type=int, default=None)
    p.add_argument("--max-steps", type=int, default=None)
    p.add_argument("--jobs", type=int, default=2, help="models trained at once (one core each)")
    p.add_argument("--no-folds", action="store_true",
                   help="skip the cross-validation fold models (then gold texts are not scorable)")
    p.add_argument("--check", action="store_true",
                   help="no training: exit 1 when the model's training data is out of date (CI)")
    p.set_defaults(func=cmd_train)


def cmd_train(args) -> int:
    from ..model.train import _opt_path, check, train

    dev_gold = Path(args.dev_gold) if args.dev_gold else None
    raw = [Path(r) for r in args.raw] if args.raw else None
    if args.check:
        stale = check(Path(args.splits), Path(args.pages), Path(args.gold), Path(args.out),
                      dev_gold, raw)
        if stale:
            print(f"policy-extract: the model in {args.out} is stale for {', '.join(stale)}: "
                  "its training data changed (rules, lexicon, splits or gold); run "
                  "`policy-extract train`", file=sys.stderr)
            return 1
        print(f"model in {args.out} was trained on exactly the current training data")
        return 0
    info = train(Path(args.splits), Path(args.pages), Path(args.gold), Path(args.out),
                 Path(args.work), seed=args.seed, folds=not args.no_folds,
                 gold_repeat=args.gold_repeat, folds_out=_opt_path(args.folds_out),
                 max_epochs=args.max_epochs, max_steps=args.max_steps, dev_gold_dir=dev_gold,
                 raw_dirs=raw, parallel=args.jobs, silver_keep=args.silver_keep,
                 silver_negatives=not args.silver_positives_only,
                 train_gold_dir=_opt_path(args.train_gold), augment=args.augment,
                 rule_tags=args.rule_tags)
    print(json.dumps(info, ensure_ascii=False, indent=1))
    return 0
