"""``policy-extract train-status``: the status model on hand gold
(see :mod:`policy_extract.model.status_train`)."""

from __future__ import annotations

import json
import sys


def register(sub) -> None:
    from ..model.status_train import DEFAULT_SETS

    p = sub.add_parser("train-status", help="train the status model (logistic regression over "
                                             "the rule evidence) on hand gold")
    p.add_argument("--gold", action="append", help=f"gold folder (repeatable; default "
                                                   f"{', '.join(DEFAULT_SETS)})")
    p.add_argument("--raw", action="append", help="directory of raw texts (repeatable)")
    p.add_argument("--threshold", type=float, default=None,
                   help="override the rules at or above this probability (default: the one "
                        "5-fold cross-validation scores best)")
    p.add_argument("--cv", action="store_true", help="print 5-fold cross-validated accuracy first")
    p.add_argument("--out", help="default: the shipped model directory")
    p.set_defaults(func=cmd_train_status)


def cmd_train_status(args) -> int:
    from ..model.status_train import (DEFAULT_SETS, best_threshold, collect, cross_validate,
                                      fit, save)

    sets = args.gold or list(DEFAULT_SETS)
    docs = collect(sets, args.raw or [])
    n = sum(len(r) for _, r in docs)
    if n == 0:
        print("policy-extract: E018 no matched gold figures to train on", file=sys.stderr)
        return 2
    threshold = args.threshold
    if args.cv or threshold is None:
        cv = cross_validate(docs)
        if args.cv:
            print(json.dumps(cv, indent=1))
        if threshold is None:
            threshold = best_threshold(cv)
            print(f"threshold {threshold} (best cross-validated)", file=sys.stderr)
    out = save(fit(docs, threshold), sets, n, args.out)
    print(f"status model: {n} figures of {len(docs)} documents -> {out}", file=sys.stderr)
    return 0
