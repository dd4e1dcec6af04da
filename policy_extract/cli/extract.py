"""``policy-extract extract FILE...``: one GUIDELINES §4 object per file, or a table / tree."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..errors import Errors, InputError
from ..io import MAX_MB, shown, write_atomic
from .common import (EXIT_INPUT, EXIT_OK, add_mode, load_pipeline, out_dir_problem, positive_mb,
                     say)


def register(sub) -> None:
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
    add_mode(p)
    p.set_defaults(func=cmd_extract)


def _check_options(args: argparse.Namespace) -> str | None:
    """The date and ``--out`` problems, found before the pipeline loads."""
    from ..dates import check_date

    if args.date:
        try:
            check_date(args.date)
        except ValueError as err:
            return str(err)
    if args.out:
        return out_dir_problem(Path(args.out), args.files)
    return None


def _show(doc, args) -> None:
    """``--table`` and ``--tree``: what a person reads instead of the JSON."""
    if args.table:
        from ..render.text import render_table

        print(render_table(doc))
    if args.tree:
        print(doc.tree(explain=args.explain))


def cmd_extract(args) -> int:
    problem = _check_options(args)
    if problem:
        say(problem)
        return EXIT_INPUT
    out_dir = Path(args.out) if args.out else None
    nlp = load_pipeline(args)
    status = EXIT_OK
    for name in args.files:
        try:
            from ..io import read_text_file

            text, sha, notes = read_text_file(name, allow_html=not args.no_html,
                                              max_bytes=int(args.max_mb * 2**20))
            for n in notes:
                say(n)
            p = Path(name)
            doc = nlp(text, doc_id=p.stem, date=args.date, source=p.name,
                      explain=args.explain, sha256=sha)
        except (InputError, OSError) as err:
            say(err)
            status = EXIT_INPUT
            continue
        if args.table or args.tree:
            _show(doc, args)
            if not out_dir:
                continue
        payload = json.dumps(doc.to_dict(explain=args.explain), ensure_ascii=False, indent=1)
        if out_dir:
            target = out_dir / f"{Path(name).stem}.json"
            try:
                write_atomic(target, (payload + "\n").encode("utf-8"))
            except OSError as err:  # disk full, read-only: the same for every later file
                say(Errors.E026.format(path=shown(target), error=err.strerror))
                return EXIT_INPUT
        elif not (args.table or args.tree):
            print(payload)
    return status
