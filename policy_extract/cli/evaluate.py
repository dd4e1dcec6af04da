"""``policy-extract evaluate --gold DIR``: score the extractor (or ``--pred`` files) per §5."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..errors import Errors, InputError, ModelError
from ..io import shown
from .common import EXIT_FAIL, EXIT_INPUT, EXIT_OK, add_mode, load_pipeline, say


def register(sub) -> None:
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
    p.add_argument("--ci", nargs="?", type=int, const=1000, default=None, metavar="DRAWS",
                   help="also print 95%% intervals of the main figures, resampling documents "
                        "(default 1000 draws, seeded: the same on every run)")
    add_mode(p)
    p.set_defaults(func=cmd_evaluate)


def _fold_router(args, nlp):
    """The :class:`FoldRouter` of ``--cv`` (None without it), or an exit code."""
    if getattr(args, "cv", None) is None or nlp is None:
        return None
    from ..model.folds import FOLDS_DIR, FoldRouter

    if "policy_model_entities" not in nlp.nlp.pipe_names:
        say("--cv needs the entity model: --mode model or --entity-model")
        return EXIT_INPUT
    try:
        return FoldRouter(args.mode, args.cv or FOLDS_DIR, use_gazetteer=not args.no_gazetteer,
                          entity_model=True if getattr(args, "entity_model", False) else None)
    except ModelError as err:
        say(err)
        return EXIT_INPUT


def _warn_trained_on(nlp, route, items) -> None:
    """Say so when the entity model scores gold texts it was trained on (no --cv)."""
    if route is not None or nlp is None or "policy_model_entities" not in nlp.nlp.pipe_names:
        return
    from ..model.folds import read_holdout
    from ..schema import sha256_text

    try:
        seen = read_holdout()
    except ModelError:
        return
    n = sum(1 for it in items if sha256_text(it.gold.text) in seen)
    if n:
        say(f"the entity model was trained on the gold of {n} of these {len(items)} texts; "
            "add --cv for figures from models that never saw them")


def _read_pred(pred_dir: str, gold):
    """The prediction for ``gold`` from ``--pred``, or an exit code (the problem said)."""
    from ..schema import Document

    pp = Path(pred_dir) / f"{gold.doc_id}.json"
    if not pp.is_file():
        say(f"no prediction {pp}")
        return EXIT_INPUT
    try:
        return Document.from_dict(json.loads(pp.read_text(encoding="utf-8")), gold.text)
    except InputError as err:  # not a §4 object (E028)
        say(f"{shown(pp)}: {err}")
    except ValueError as err:  # not JSON
        say(Errors.E008.format(file=shown(pp), error=err))
    return EXIT_INPUT


def _predictions(args, items):
    """(gold, prediction) and (gold genre, predicted genre) per item, the pipeline's mode;
    or an exit code."""
    nlp = None if args.pred else load_pipeline(args)
    route = _fold_router(args, nlp)
    if isinstance(route, int):
        return route
    _warn_trained_on(nlp, route, items)
    pairs, genres = [], []
    for it in items:
        if args.pred:
            pred = _read_pred(args.pred, it.gold)
            if isinstance(pred, int):
                return pred
        else:
            pred = (route.for_text(it.gold.text) if route else nlp)(
                it.gold.text, doc_id=it.gold.doc_id, date=it.date, source=it.raw_path.name,
                explain=True, title=it.title)
        pairs.append((it.gold, pred))
        genres.append((it.genre, pred.genre))
    return pairs, genres, "pred" if args.pred else nlp.mode


def _print_report(args, rep, gt, mode: str, iv: dict | None = None) -> None:
    from ..evaluate import format_genre_table, format_intervals, format_report

    if args.json:
        d = rep.to_dict()
        d["genre"] = gt
        d["gold"] = str(args.gold)
        d["mode"] = mode
        if iv is not None:
            d["intervals"] = {"level": 0.95, "draws": args.ci,
                              "figures": {k: list(v) for k, v in iv.items()}}
        print(json.dumps(d, ensure_ascii=False, indent=1))
    else:
        shown_mode = f"predictions in {args.pred}" if args.pred else f"mode={mode}"
        print(format_report(rep, f"gold: {args.gold} ({shown_mode})"))
        if iv is not None:
            print("\n" + format_intervals(iv, rep.figures(), args.ci))
        if not args.pred:
            print("\n" + format_genre_table(gt))


def _floors(args, rep) -> int:
    """``--min KEY=VALUE``: exit 1 when a figure is below its floor."""
    from ..evaluate import check_floors

    floors = {}
    for spec in args.min or []:
        key, _, val = spec.partition("=")
        try:
            floors[key] = float(val)
        except ValueError:
            say(f"--min {spec!r} is not KEY=VALUE")
            return EXIT_INPUT
    failed = check_floors(rep, floors)
    for f in failed:
        print(f"FLOOR FAILED: {f}", file=sys.stderr)
    if floors and not failed:
        print(f"all {len(floors)} floors held", file=sys.stderr)
    return EXIT_FAIL if failed else EXIT_OK


def cmd_evaluate(args) -> int:
    from ..corpus import iter_gold
    from ..evaluate import genre_table, score_corpus

    try:
        items = list(iter_gold(args.gold, args.raw))
    except (FileNotFoundError, InputError) as err:
        say(err)
        return EXIT_INPUT
    got = _predictions(args, items)
    if isinstance(got, int):
        return got
    pairs, genres, mode = got
    rep = score_corpus(pairs)
    iv = None
    if args.ci is not None:
        if args.ci < 1:
            say(f"--ci {args.ci}: give a number of draws of at least 1")
            return EXIT_INPUT
        from ..evaluate import bootstrap_intervals
        iv = bootstrap_intervals(pairs, n=args.ci)
    _print_report(args, rep, genre_table(genres), mode, iv)
    return _floors(args, rep)
