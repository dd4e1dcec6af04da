"""What several ``policy-extract`` commands share: exit codes, option groups, argument types,
the pipeline they load and the ``--out`` folder check.

Only the command line uses these; the library reports problems by raising coded errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Sequence

from ..errors import Errors
from ..io import shown

# 3: the batch ran to its end but some documents failed (listed in OUT.errors.jsonl)
EXIT_OK, EXIT_FAIL, EXIT_INPUT, EXIT_DOCS_FAILED = 0, 1, 2, 3
MODES = ["rules", "model", "combined"]


def say(message: object, prefix: str = "policy-extract") -> None:
    """One line on stderr, ``policy-extract: message`` (how every command reports a problem)."""
    print(f"{prefix}: {message}", file=sys.stderr)


def add_mode(p: argparse.ArgumentParser) -> None:
    """``--mode``, ``--entity-model``, ``--model-path``, ``--no-gazetteer``: which pipeline."""
    p.add_argument("--mode", default=None, choices=MODES,
                   help="rules alone (default); the trained models' decisions; or the rules "
                        "with the learned status decision (combined; the default when "
                        "--entity-model or --model-path is given)")
    p.add_argument("--entity-model", action="store_true",
                   help="with --mode combined: also merge the trained entity model's names "
                        "(scored below the rules on the sealed sets)")
    p.add_argument("--model-path", default=None, help="a trained pipeline directory")
    p.add_argument("--no-gazetteer", action="store_true",
                   help="entity rules from name patterns alone, without the gazetteer")


def positive_mb(value: str) -> float:
    """argparse type: a size in MB above zero (a usage error, exit 2, otherwise).

    >>> positive_mb("0.5")
    0.5
    >>> positive_mb("inf")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: E029 'inf' is not a size in MB above 0.
    """
    try:
        mb = float(value)
    except ValueError:
        mb = -1.0
    if not 0 < mb < float("inf"):
        raise argparse.ArgumentTypeError(Errors.E029.format(value=value))
    return mb


def date_arg(value: str) -> str:
    """argparse type: a bad date is a usage error (exit 2) before the pipeline loads."""
    from ..dates import check_date

    try:
        return check_date(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def load_pipeline(args):
    """The pipeline the mode options of :func:`add_mode` ask for."""
    from ..pipeline import load

    return load(args.mode, use_gazetteer=not args.no_gazetteer, model_path=args.model_path,
                entity_model=True if getattr(args, "entity_model", False) else None)


def out_dir_problem(out_dir: Path, files: Sequence[str]) -> str | None:
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


__all__ = ["EXIT_OK", "EXIT_FAIL", "EXIT_INPUT", "EXIT_DOCS_FAILED", "MODES", "say", "add_mode",
           "positive_mb", "date_arg", "load_pipeline", "out_dir_problem"]
