"""``policy-extract train-status``: the status model on hand gold
(see :mod:`policy_extract.model.status_train`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path


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
    p.add_argument("--reports", action="store_true",
                   help="train the work-report model instead (gold: corpora/report_figures, "
                        "texts: --raw FILE.jsonl, default ../shared/corpora/gov_work_reports.jsonl), "
                        "consulted by combined mode in documents of genre report")
    p.add_argument("--out", help="default: the shipped model directory")
    p.set_defaults(func=cmd_train_status)


def cmd_train_status(args) -> int:
    from ..model.status_train import (DEFAULT_SETS, REPORT_SETS, REPORT_TEXTS, best_threshold,
                                      collect, collect_reports, cross_validate, fit, save)

    if args.reports:
        sets = args.gold or list(REPORT_SETS)
        texts = (args.raw or [REPORT_TEXTS])[0]
        if not Path(texts).is_file():
            print(f"policy-extract: E018 no report texts at {texts}", file=sys.stderr)
            return 2
        docs = collect_reports(sets, texts)
    else:
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
    kind = "status_report" if args.reports else "status"
    out = save(fit(docs, threshold, f"{kind}_lr"), sets, n, args.out, kind)
    print(f"status model: {n} figures of {len(docs)} documents -> {out}", file=sys.stderr)
    return 0
