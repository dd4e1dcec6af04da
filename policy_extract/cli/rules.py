"""``policy-extract rules validate | token-report`` (see :mod:`policy_extract.rule_checks`)."""

from __future__ import annotations

import json
import sys


def register(subparsers) -> None:
    """Add ``policy-extract rules validate | token-report``."""
    p = subparsers.add_parser("rules", help="check rule data files; lexicon/token boundary report")
    sub = p.add_subparsers(dest="rules_cmd", required=True)
    v = sub.add_parser("validate", help="load every data file and report problems (file, rule)")
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=cmd_validate)
    t = sub.add_parser("token-report",
                       help="gold entity boundaries on jieba token boundaries, before/after the gazetteer")
    t.add_argument("--gold", required=True, help="gold directory (GUIDELINES §4 files)")
    t.add_argument("--raw", action="append", help="where the raw texts are (repeatable)")
    t.add_argument("--json", action="store_true")
    t.set_defaults(func=cmd_token_report)


def cmd_validate(args) -> int:
    from ..rule_checks import validate_all

    rows = validate_all()
    if args.json:
        print(json.dumps([{"file": f, "status": s, "detail": d} for f, s, d in rows],
                         ensure_ascii=False, indent=1))
    else:
        for f, s, d in rows:
            print(f"{s:7s} {f:32s} {d}")
    bad = [r for r in rows if r[1] == "error"]
    print(f"{len(rows)} data files, {len(bad)} with problems", file=sys.stderr)
    return 1 if bad else 0


def cmd_token_report(args) -> int:
    from ..rule_checks import token_report

    counts = token_report(args.gold, args.raw)
    if args.json:
        print(json.dumps([c.as_dict() for c in counts], ensure_ascii=False, indent=1))
        return 0
    print(f"gold entity boundaries on jieba token boundaries ({args.gold})")
    print(f"{'tokenizer':40s} {'boundaries on token':>20s} {'both ends':>14s} {'one token':>14s}")
    for c in counts:
        d = c.as_dict()
        print(f"{c.name:40s} {c.on_token:8d}/{c.boundaries:<5d}{d['share']:.3f} "
              f"{c.whole:4d}/{c.entities:<4d}{d['whole_share']:.3f} "
              f"{c.one_token:4d}/{c.entities:<4d}{d['one_token_share']:.3f}")
    return 0
