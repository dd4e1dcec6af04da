"""``policy-extract merge-policies``: rule+model merge policies compared on a gold set
(see :mod:`policy_extract.model.select_policy`)."""

from __future__ import annotations

import json


def register(sub) -> None:
    p = sub.add_parser("merge-policies",
                       help="compare rule+model merge policies on a gold set (choose on corpora/train_gold)")
    p.add_argument("--gold", default="corpora/train_gold")
    p.add_argument("--raw", action="append", help="directory of raw texts (repeatable)")
    p.add_argument("--model-path", default=None)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_merge_policies)


def cmd_merge_policies(args) -> int:
    from ..model.select_policy import compare, entity_sets

    rows = compare(entity_sets(args.gold, args.raw, args.model_path))
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    print(f"strict entity figures on {args.gold}")
    print(f"{'policy':<14}{'args':<36}{'P':>7}{'R':>7}{'F1':>7}")
    for r in rows:
        print(f"{r['policy']:<14}{json.dumps(r['args']):<36}{r['p']:>7.3f}{r['r']:>7.3f}"
              f"{r['f1']:>7.3f}")
    return 0
