"""The ``policy-extract`` command line."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import Sequence

from .errors import Errors, InputError, ModelError, PolicyExtractError
from .io import MAX_MB, shown, write_atomic

# 3: the batch ran to its end but some documents failed (listed in OUT.errors.jsonl)
EXIT_OK, EXIT_FAIL, EXIT_INPUT, EXIT_DOCS_FAILED = 0, 1, 2, 3


def _add_mode(p: argparse.ArgumentParser) -> None:
    p.add_argument("--mode", default="combined", choices=["rules", "model", "combined"],
                   help="rules alone; the trained models' decisions; or the rules with the "
                        "learned stages that beat them on the sealed sets (default: the status "
                        "model)")
    p.add_argument("--entity-model", action="store_true",
                   help="with --mode combined: also merge the trained entity model's names "
                        "(scored below the rules on the sealed sets)")
    p.add_argument("--model-path", default=None, help="a trained pipeline directory")
    p.add_argument("--no-gazetteer", action="store_true",
                   help="entity rules from name patterns alone, without the gazetteer")


def positive_mb(value: str) -> float:
    """argparse type: a size in MB above zero (a usage error, exit 2, otherwise)."""
    try:
        mb = float(value)
    except ValueError:
        mb = -1.0
    if not 0 < mb < float("inf"):
        raise argparse.ArgumentTypeError(Errors.E029.format(value=value))
    return mb


def _load(args):
    from .pipeline import load

    return load(args.mode, use_gazetteer=not args.no_gazetteer, model_path=args.model_path,
                entity_model=True if getattr(args, "entity_model", False) else None)


def _out_dir_problem(out_dir: Path, files: Sequence[str]) -> str | None:
    """Why ``--out`` cannot take one ``<stem>.json`` per file (None: it can, and it exists now)."""
    if out_dir.exists() and not out_dir.is_dir():
        return Errors.E027.format(path=shown(out_dir))
    first: dict[str, str] = {}
    for f in files:  # a/x.txt and b/x.txt would both be OUT/x.json: the first would be lost
        stem = Path(f).stem
        other = first.setdefault(stem, f)
        if os.path.realpath(other) != os.path.realpath(f):
            return Errors.E019.format(first=shown(other), second=shown(f),
                                      out=shown(out_dir / f"{stem}.json"))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        return Errors.E026.format(path=shown(out_dir), error=err.strerror)
    if not os.access(out_dir, os.W_OK):  # say so before any extraction, not after
        return Errors.E026.format(path=shown(out_dir), error="Permission denied")
    return None


def cmd_extract(args) -> int:
    from .dates import check_date

    if args.date:
        try:
            check_date(args.date)
        except ValueError as err:
            print(f"policy-extract: {err}", file=sys.stderr)
            return EXIT_INPUT
    out_dir = Path(args.out) if args.out else None
    if out_dir:
        problem = _out_dir_problem(out_dir, args.files)
        if problem:
            print(f"policy-extract: {problem}", file=sys.stderr)
            return EXIT_INPUT
    nlp = _load(args)
    status = EXIT_OK
    for name in args.files:
        try:
            from .io import read_text_file

            text, sha, notes = read_text_file(name, allow_html=not args.no_html,
                                              max_bytes=int(args.max_mb * 2**20))
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
            target = out_dir / f"{Path(name).stem}.json"
            try:
                write_atomic(target, (payload + "\n").encode("utf-8"))
            except OSError as err:  # disk full, read-only: the same for every later file
                msg = Errors.E026.format(path=shown(target), error=err.strerror)
                print(f"policy-extract: {msg}", file=sys.stderr)
                return EXIT_INPUT
        elif not (args.table or args.tree):
            print(payload)
    return status


def _fold_router(args, nlp):
    """The :class:`FoldRouter` of ``--cv`` (None without it), or an exit code."""
    if getattr(args, "cv", None) is None or nlp is None:
        return None
    from .model.folds import FOLDS_DIR, FoldRouter

    if "policy_model_entities" not in nlp.nlp.pipe_names:
        print("policy-extract: --cv needs the entity model: --mode model or --entity-model",
              file=sys.stderr)
        return EXIT_INPUT
    try:
        return FoldRouter(args.mode, args.cv or FOLDS_DIR, use_gazetteer=not args.no_gazetteer,
                          entity_model=True if getattr(args, "entity_model", False) else None)
    except ModelError as err:
        print(f"policy-extract: {err}", file=sys.stderr)
        return EXIT_INPUT


def _warn_trained_on(nlp, route, items) -> None:
    """Say so when the entity model scores gold texts it was trained on (no --cv)."""
    if route is not None or nlp is None or "policy_model_entities" not in nlp.nlp.pipe_names:
        return
    from .model.folds import read_holdout
    from .schema import sha256_text

    try:
        seen = read_holdout()
    except ModelError:
        return
    n = sum(1 for it in items if sha256_text(it.gold.text) in seen)
    if n:
        print(f"policy-extract: the entity model was trained on the gold of {n} of these "
              f"{len(items)} texts; add --cv for figures from models that never saw them",
              file=sys.stderr)


def cmd_evaluate(args) -> int:
    from .corpus import iter_gold
    from .evaluate import (check_floors, format_genre_table, format_report, genre_table,
                           score_corpus)
    from .schema import Document

    pairs, genres = [], []
    try:
        items = list(iter_gold(args.gold, args.raw))
    except (FileNotFoundError, InputError) as err:
        print(f"policy-extract: {err}", file=sys.stderr)
        return EXIT_INPUT
    nlp = None if args.pred else _load(args)
    route = _fold_router(args, nlp)
    if isinstance(route, int):
        return route
    _warn_trained_on(nlp, route, items)
    for it in items:
        if args.pred:
            pp = Path(args.pred) / f"{it.gold.doc_id}.json"
            if not pp.is_file():
                print(f"policy-extract: no prediction {pp}", file=sys.stderr)
                return EXIT_INPUT
            try:
                pred = Document.from_dict(json.loads(pp.read_text(encoding="utf-8")),
                                          it.gold.text)
            except InputError as err:  # not a §4 object (E028)
                print(f"policy-extract: {shown(pp)}: {err}", file=sys.stderr)
                return EXIT_INPUT
            except ValueError as err:  # not JSON
                print(f"policy-extract: {Errors.E008.format(file=shown(pp), error=err)}",
                      file=sys.stderr)
                return EXIT_INPUT
        else:
            pred = (route.for_text(it.gold.text) if route else nlp)(
                it.gold.text, doc_id=it.gold.doc_id, date=it.date, source=it.raw_path.name,
                explain=True, title=it.title)
        pairs.append((it.gold, pred))
        genres.append((it.genre, pred.genre))
    rep = score_corpus(pairs)
    gt = genre_table(genres)
    if args.json:
        d = rep.to_dict()
        d["genre"] = gt
        d["gold"] = str(args.gold)
        d["mode"] = "pred" if args.pred else nlp.mode
        print(json.dumps(d, ensure_ascii=False, indent=1))
    else:
        mode = f"predictions in {args.pred}" if args.pred else f"mode={nlp.mode}"
        print(format_report(rep, f"gold: {args.gold} ({mode})"))
        if not args.pred:
            print("\n" + format_genre_table(gt))
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
    p.add_argument("--max-mb", type=positive_mb, default=MAX_MB,
                   help=f"refuse a file larger than this many MiB (default {MAX_MB})")
    _add_mode(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser(
        "evaluate", help="score against gold per GUIDELINES §5",
        description="Score the extractor (or --pred files) against gold per GUIDELINES §5.",
        epilog="Dates: metadata.json in the gold folder or its parent gives each document its "
               "publication date (it resolves 今年/明年 and the period) and headline: "
               '{"documents": [{"doc_id": "...", "date": "YYYY-MM-DD", "title": "..."}]} '
               "(date also YYYY or YYYY-MM). A document it does not list is extracted without "
               "a date.")
    p.add_argument("--gold", required=True,
                   help="directory of gold JSON files (dates from its metadata.json, below)")
    p.add_argument("--pred", help="directory of prediction JSON files (default: run the extractor)")
    p.add_argument("--raw", action="append", help="directory of raw texts (repeatable)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--min", action="append", metavar="KEY=VALUE",
                   help="fail (exit 1) when a figure, e.g. quantities.f1, is below VALUE")
    p.add_argument("--cv", nargs="?", const="", default=None, metavar="FOLDS",
                   help="score each gold text the entity model was trained on with the "
                        "cross-validation model that left it out (folds from `policy-extract "
                        "train`, default benchmarks/ner_folds); for --mode model or "
                        "--entity-model")
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
