"""``policy-extract bench``: throughput, scaling and memory (see :mod:`policy_extract.bench`)."""

from __future__ import annotations

import json
import logging
import sys

from .common import positive_mb


def register(sub) -> None:
    from ..bench import SCALING_MIN_MB

    p = sub.add_parser("bench", help="throughput vs jieba, 1->2 process scaling, peak RSS")
    # a size of 0, -1, nan or inf is a usage error
    p.add_argument("--size-mb", type=positive_mb, default=10.0,
                   help="corpus size in MB of UTF-8 (default 10)")
    p.add_argument("--corpus", action="append", metavar="DIR",
                   help="add the .txt files of DIR to the corpus (repeatable)")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    p.add_argument("--no-scaling", action="store_true", help="skip the 1 vs 2 process runs")
    p.add_argument("--no-inline", action="store_true",
                   help="skip the jieba/rules/combined comparison (pool runs and memory only)")
    p.add_argument("--scaling-mb", type=positive_mb, metavar="MB",
                   help=f"corpus of each pool run (default: --size-mb, at least {SCALING_MIN_MB:g})")
    p.add_argument("--profile", action="store_true",
                   help="print a pyinstrument profile of the rules pipeline instead")
    p.set_defaults(func=cmd_bench)


def cmd_bench(args) -> int:
    # through the module, so that what a test patches on policy_extract.bench is what runs
    from .. import bench

    logging.getLogger("policy_extract").setLevel(logging.ERROR)  # the fallback is reported below
    if args.profile:
        print(bench.profile_rules(bench.load_texts(bench.corpus_dirs(args.corpus)), args.size_mb))
        return 0
    if args.no_inline and args.no_scaling:
        raise SystemExit("policy-extract bench: --no-inline with --no-scaling leaves nothing to run")
    r = bench.run_bench(args.size_mb, args.corpus, scaling=not args.no_scaling,
                        inline=not args.no_inline, scaling_mb=args.scaling_mb)
    if args.json:
        print(json.dumps(r["figures"]))
    else:
        print(bench.format_bench(r))
    sys.stdout.flush()
    return 0
