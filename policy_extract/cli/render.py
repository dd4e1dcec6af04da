"""``policy-extract render FILE --out report.html``: one self-contained HTML page
(see :func:`policy_extract.render.html.render_html`)."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

from .common import EXIT_INPUT, EXIT_OK, add_mode, date_arg, load_pipeline, say


def register(sub) -> None:
    """Add ``policy-extract render FILE --out report.html``."""
    p = sub.add_parser("render", help="one self-contained HTML page: marked text, tree, tables")
    p.add_argument("file", help="a raw text file")
    p.add_argument("--out", "-o", help="the HTML file to write (default: stdout)")
    p.add_argument("--date", type=date_arg,
                   help="publication date YYYY-MM-DD (resolves 今年/明年)")
    p.add_argument("--json", help="show this gold or prediction JSON over FILE instead of "
                                  "running the extractor")
    add_mode(p)
    p.set_defaults(func=cmd_render)


def _from_json(args, text: str, sha: str, name: str):
    """The Document of ``--json`` over the text, or an exit code (the problem said)."""
    from ..schema import Document

    try:
        d = json.loads(Path(args.json).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        say(f"{args.json}: {err}")
        return EXIT_INPUT
    doc = Document.from_dict(d, text=text)
    if doc.sha256 and doc.sha256 != sha:  # offsets index another text: say so on the page
        note = f"{args.json}: text_sha256 is not that of {name}; offsets may not fit"
        say(note)
        doc = replace(doc, sha256=sha, warnings=(*doc.warnings, note))
    return doc


def cmd_render(args) -> int:
    from ..errors import InputError
    from ..io import read_text_file
    from ..render.html import render_html

    p = Path(args.file)
    try:
        text, sha, notes = read_text_file(p)
    except InputError as err:
        say(err)
        return EXIT_INPUT
    for note in notes:
        say(note)
    if args.json:
        doc = _from_json(args, text, sha, p.name)
        if isinstance(doc, int):
            return doc
        mode = f"from {Path(args.json).name}"
    else:
        nlp = load_pipeline(args)
        doc = nlp(text, doc_id=p.stem, date=args.date, source=p.name, explain=True, sha256=sha)
        mode = nlp.mode
    page = render_html(doc, mode=mode)
    if args.out:
        Path(args.out).write_text(page, encoding="utf-8")
        say(f"wrote {args.out} ({len(doc.quantities)} figures, {len(doc.entities)} names, "
            f"{len(doc.nodes)} nodes)")
    else:
        sys.stdout.write(page)
    return EXIT_OK
