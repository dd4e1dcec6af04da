"""``policy-extract track INPUT --out DIR`` and ``policy-extract track --evaluate GOLD_DIR``."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def cmd_track(args) -> int:
    from ..cli import EXIT_INPUT, EXIT_OK
    from ..errors import InputError

    if args.evaluate:
        from .evaluate import evaluate

        try:
            res = evaluate(args.evaluate, corpus=args.corpus, mode=args.mode)
        except (FileNotFoundError, InputError) as err:
            print(f"policy-extract track: {err}", file=sys.stderr)
            return EXIT_INPUT
        details = res.pop("_details")
        print(json.dumps(res, ensure_ascii=False, indent=1))
        if args.details:
            for name, sc in details.items():
                print(f"# {name}: misses", file=sys.stderr)
                for m in sc.misses:
                    g = m["gold"]
                    print(f"  {m['why']}: {g['target_doc']} {g['target']['text']} "
                          f"{g.get('target_indicator')}", file=sys.stderr)
                print(f"# {name}: links not in the gold", file=sys.stderr)
                for f in sc.false_links:
                    print(f"  {json.dumps(f, ensure_ascii=False)}", file=sys.stderr)
        return EXIT_OK
    if not args.input or not args.out:
        print("policy-extract track: give INPUT and --out DIR (or --evaluate GOLD_DIR)",
              file=sys.stderr)
        return EXIT_INPUT
    if not Path(args.input).exists():
        print(f"policy-extract track: {args.input}: no such file or folder", file=sys.stderr)
        return EXIT_INPUT
    from . import track

    res = track(args.input, mode=args.mode, meta=args.meta, texts=args.texts)
    try:
        written = res.write(args.out, html=not args.no_html, parquet=not args.no_parquet)
    except ImportError as err:
        print(f"policy-extract track: {err.name} is needed: pip install 'policy_extract[track]'",
              file=sys.stderr)
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


def register_cli(sub) -> None:
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
    p.add_argument("--mode", default="rules", choices=["rules", "model", "combined"],
                   help="extraction mode for texts (default rules: it links best on the gold)")
    p.add_argument("--no-html", action="store_true", help="no track.html")
    p.add_argument("--no-parquet", action="store_true", help="CSV only")
    p.add_argument("--evaluate", metavar="GOLD_DIR",
                   help="score against a link gold folder (e.g. corpora/link_gold)")
    p.add_argument("--corpus", help="with --evaluate: the corpus JSONL (default: sources.json)")
    p.add_argument("--details", action="store_true", help="with --evaluate: list the errors")
    p.set_defaults(func=cmd_track)
