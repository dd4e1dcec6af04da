"""The ``policy-extract`` command line: the parser assembly and :func:`main`.

Each command is a module of this package with ``register(subparsers)`` (its options) and
its ``cmd_*`` function; the library modules they call never import this package.
"""

from __future__ import annotations

import argparse
import logging
from typing import Sequence

from ..errors import PolicyExtractError
from . import (batch, bench, compare, evaluate, extract, merge_policies, render, rules, track,
               train, train_status)
from .common import (EXIT_DOCS_FAILED, EXIT_FAIL, EXIT_INPUT, EXIT_OK, add_mode, load_pipeline,
                     positive_mb, say)

# the order of `policy-extract --help`
COMMANDS = (extract, evaluate, batch, bench, train, merge_policies, train_status, render,
            compare, rules, track)

# the names of the old single-module cli, for code that imported them from here
_add_mode, _load = add_mode, load_pipeline


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="policy-extract",
                                 description="Structured data from Chinese policy texts.")
    ap.add_argument("-v", "--verbose", action="store_true")
    sub = ap.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.register(sub)
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except PolicyExtractError as err:
        say(err)
        return EXIT_INPUT
    except BrokenPipeError:
        return EXIT_OK


__all__ = ["main", "build_parser", "COMMANDS", "EXIT_OK", "EXIT_FAIL", "EXIT_INPUT",
           "EXIT_DOCS_FAILED", "positive_mb"]
