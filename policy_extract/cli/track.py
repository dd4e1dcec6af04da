"""``policy-extract track INPUT --out DIR`` and ``policy-extract track --evaluate GOLD_DIR``
(see :mod:`policy_extract.track`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .common import EXIT_INPUT, EXIT_OK, MODES, say

PREFIX = "policy-extract track"


def register(sub) -> None:
    p = sub.add_parser(
        "track", help="link targets to achieved values across documents (place, indicator, period)",
        description="One row per (place, canonical indicator, period, measure): the target(s), "
                    "the achieved value(s) from other documents, the verdict and the gap. "
                    "Writes track/links/figures .csv and .parquet and track.html to --out.")
    p.add_argument("input", nargs="?", help="folder of .txt, JSONL of records (id, text, date, "
                                            "title) or a batch output")
    p.add_argument("--out", "-o", help="output folder")
    p.add_argument("--meta", help="dates/titles/places by doc id: metadata.json, JSON or JSONL")
    p.add_argument("--texts", help="for a batch output: its input (folder or JSONL) for the texts")
    p.add_argument("--mode", default="rules", choices=MODES,
                   help="extraction mode for texts (default rules: it links best on the gold)")
    p.add_argument("--no-html", action="store_true", help="no track.html")
    p.add_argument("--no-parquet", action="store_true", help="CSV only")
    p.add_argument("--evaluate", metavar="GOLD_DIR",
                   help="score against a link gold folder (e.g. corpora/link_gold)")
    p.add_argument("--corpus", help="with --evaluate: the corpus JSONL (default: sources.json)")
    p.add_argument("--details", action="store_true", help="with --evaluate: list the errors")
    p.set_defaults(func=cmd_track)


def _print_details(details) -> None:
    """``--details``: each scorer's misses and the links the gold does not have, on stderr."""
    for name, sc in details.items():
        print(f"# {name}: misses", file=sys.stderr)
        for m in sc.misses:
            g = m["gold"]
            print(f"  {m['why']}: {g['target_doc']} {g['target']['text']} "
                  f"{g.get('target_indicator')}", file=sys.stderr)
        print(f"# {name}: links not in the gold", file=sys.stderr)
        for f in sc.false_links:
            print(f"  {json.dumps(f, ensure_ascii=False)}", file=sys.stderr)


def cmd_evaluate(args) -> int:
    from ..errors import InputError
    from ..track.evaluate import evaluate

    try:
        res = evaluate(args.evaluate, corpus=args.corpus, mode=args.mode)
    except (FileNotFoundError, InputError) as err:
        say(err, PREFIX)
        return EXIT_INPUT
    details = res.pop("_details")
    print(json.dumps(res, ensure_ascii=False, indent=1))
    if args.details:
        _print_details(details)
    return EXIT_OK


def cmd_track(args) -> int:
    if args.evaluate:
        return cmd_evaluate(args)
    if not args.input or not args.out:
        say("give INPUT and --out DIR (or --evaluate GOLD_DIR)", PREFIX)
        return EXIT_INPUT
    if not Path(args.input).exists():
        say(f"{args.input}: no such file or folder", PREFIX)
        return EXIT_INPUT
    from ..track import track

    res = track(args.input, mode=args.mode, meta=args.meta, texts=args.texts)
    try:
        written = res.write(args.out, html=not args.no_html, parquet=not args.no_parquet)
    except ImportError as err:
        say(f"{err.name} is needed: pip install 'policy_extract[track]'", PREFIX)
        return EXIT_INPUT
    counts: dict[str, int] = {}
    for r in res.rows:
        counts[r["verdict"]] = counts.get(r["verdict"], 0) + 1
    print(f"track: {len(res.docs)} documents, {len(res.figures)} figures, {len(res.links)} "
          f"targets, {len(res.rows)} keys ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))})",
          file=sys.stderr)
    for p in written:
        print(p)
    return EXIT_OK
