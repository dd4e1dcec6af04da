"""The ``policy-extract`` command line."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Sequence

from .errors import InputError, PolicyExtractError

# 3: the batch ran to its end but some documents failed (listed in OUT.errors.jsonl)
EXIT_OK, EXIT_FAIL, EXIT_INPUT, EXIT_DOCS_FAILED = 0, 1, 2, 3


def _add_mode(p: argparse.ArgumentParser) -> None:
    p.add_argument("--mode", default="combined", choices=["rules", "model", "combined"],
                   help="entity stage: rules, trained model, or both merged (default)")
    p.add_argument("--model-path", default=None, help="a trained pipeline directory")
    p.add_argument("--no-gazetteer", action="store_true",
                   help="entity rules from name patterns alone, without the gazetteer")


def _load(args):
    from .pipeline import load

    return load(args.mode, use_gazetteer=not args.no_gazetteer, model_path=args.model_path)


def cmd_extract(args) -> int:
    from .dates import check_date

    if args.date:
        try:
            check_date(args.date)
        except ValueError as err:
            print(f"policy-extract: {err}", file=sys.stderr)
            return EXIT_INPUT
    nlp = _load(args)
    out_dir = Path(args.out) if args.out else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    status = EXIT_OK
    for name in args.files:
        try:
            from .io import read_text_file

            text, sha, notes = read_text_file(name, allow_html=not args.no_html)
            for n in notes:
                print(f"policy-extract: {n}", file=sys.stderr)
            p = Path(name)
            doc = nlp(text, doc_id=p.stem, date=args.date, source=p.name,
                      explain=args.explain, sha256=sha)
        except (InputError, OSError) as err:
            print(f"policy-extract: {err}", file=sys.stderr)
            status = EXIT_INPUT
            continue
        if args.table or args.tree:
            if args.table:
                from .render_text import render_table

                print(render_table(doc))
            if args.tree:
                print(doc.tree())
            if not out_dir:
                continue
        payload = json.dumps(doc.to_dict(explain=args.explain), ensure_ascii=False, indent=1)
        if out_dir:
            (out_dir / f"{Path(name).stem}.json").write_text(payload + "\n", encoding="utf-8")
        elif not (args.table or args.tree):
            print(payload)
    return status


def cmd_evaluate(args) -> int:
    from .corpus import iter_gold
    from .evaluate import check_floors, format_report, score_corpus
    from .schema import Document

    pairs = []
    try:
        items = list(iter_gold(args.gold, args.raw))
    except (FileNotFoundError, InputError) as err:
        print(f"policy-extract: {err}", file=sys.stderr)
        return EXIT_INPUT
    nlp = None if args.pred else _load(args)
    for it in items:
        if args.pred:
            pp = Path(args.pred) / f"{it.gold.doc_id}.json"
            if not pp.is_file():
                print(f"policy-extract: no prediction {pp}", file=sys.stderr)
                return EXIT_INPUT
            pred = Document.from_dict(json.loads(pp.read_text(encoding="utf-8")), it.gold.text)
        else:
            pred = nlp(it.gold.text, doc_id=it.gold.doc_id, date=it.date,
                       source=it.raw_path.name, explain=True, title=it.title)
        pairs.append((it.gold, pred))
    rep = score_corpus(pairs)
    if args.json:
        d = rep.to_dict()
        d["gold"] = str(args.gold)
        d["mode"] = "pred" if args.pred else nlp.mode
        print(json.dumps(d, ensure_ascii=False, indent=1))
    else:
        mode = f"predictions in {args.pred}" if args.pred else f"mode={nlp.mode}"
        print(format_report(rep, f"gold: {args.gold} ({mode})"))
    floors = {}
    for spec in args.min or []:
        key, _, val = spec.partition("=")
        try:
            floors[key] = float(val)
        except ValueError:
            print(f"policy-extract: --min {spec!r} is not KEY=VALUE", file=sys.stderr)
            return EXIT_INPUT
    failed = check_floors(rep, floors)
    for f in failed:
        print(f"FLOOR FAILED: {f}", file=sys.stderr)
    if floors and not failed:
        print(f"all {len(floors)} floors held", file=sys.stderr)
    return EXIT_FAIL if failed else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="policy-extract",
                                 description="Structured data from Chinese policy texts.")
    ap.add_argument("-v", "--verbose", action="store_true")
    sub = ap.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract from text files; JSON per GUIDELINES §4")
    p.add_argument("files", nargs="+")
    p.add_argument("--out", "-o", help="write <stem>.json per input into this directory")
    p.add_argument("--date", help="publication date YYYY, YYYY-MM or YYYY-MM-DD (resolves 今年/明年)")
    p.add_argument("--explain", action="store_true", help="add the rule/cue evidence per item")
    p.add_argument("--table", action="store_true", help="print the table of figures")
    p.add_argument("--tree", action="store_true", help="print the action–task tree")
    p.add_argument("--no-html", action="store_true",
                   help="refuse HTML pages (default: tags stripped, offsets index the file)")
    _add_mode(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("evaluate", help="score against gold per GUIDELINES §5")
    p.add_argument("--gold", required=True, help="directory of gold JSON files")
    p.add_argument("--pred", help="directory of prediction JSON files (default: run the extractor)")
    p.add_argument("--raw", action="append", help="directory of raw texts (repeatable)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--min", action="append", metavar="KEY=VALUE",
                   help="fail (exit 1) when a figure, e.g. quantities.f1, is below VALUE")
    _add_mode(p)
    p.set_defaults(func=cmd_evaluate)

    from . import cli_more

    cli_more.register(sub)
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except PolicyExtractError as err:
        print(f"policy-extract: {err}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
