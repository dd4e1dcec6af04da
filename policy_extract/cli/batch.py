"""``policy-extract batch INPUT --out OUT.jsonl``: a corpus to JSONL (see :mod:`policy_extract.batch`)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import InputError
from ..io import MAX_MB, shown
from .common import EXIT_DOCS_FAILED, EXIT_INPUT, EXIT_OK, add_mode, positive_mb, say


def register(sub) -> None:
    p = sub.add_parser("batch", help="extract a corpus to JSONL: streaming, resumable, parallel")
    p.add_argument("input", help="folder of .txt, .jsonl (id, text, date, source), a "
                                 "save_to_disk dataset, or Parquet")
    p.add_argument("--out", "-o", required=True, help="output JSONL (appended; rerun resumes)")
    p.add_argument("--num-proc", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--batch-size", type=int, default=32, help="documents per task (default 32)")
    p.add_argument("--split", help="for a DatasetDict: only this split")
    p.add_argument("--explain", action="store_true", help="add the rule/cue evidence per item")
    p.add_argument("--retry-errors", action="store_true",
                   help="redo documents recorded as failed by an earlier run")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar (for logs)")
    p.add_argument("--max-mb", type=positive_mb, default=MAX_MB,
                   help=f"in a folder of .txt: a file larger than this many MiB is an error "
                        f"record (default {MAX_MB})")
    add_mode(p)
    p.set_defaults(func=cmd_batch)


def cmd_batch(args) -> int:
    from ..batch import errors_path, run_batch

    try:
        stats = run_batch(args.input, args.out, n_process=args.num_proc,
                          batch_size=args.batch_size, mode=args.mode,
                          model_path=args.model_path, use_gazetteer=not args.no_gazetteer,
                          explain=args.explain, split=args.split,
                          retry_errors=args.retry_errors, progress=not args.quiet,
                          max_bytes=int(args.max_mb * 2**20))
    except InputError as err:
        say(err)
        return EXIT_INPUT
    print(stats.summary(shown(args.out)), file=sys.stderr)
    if stats.failed:
        # a run that lost documents must not look green in a script or CI
        print(f"batch: {stats.failed} failures listed in {shown(errors_path(Path(args.out)))}",
              file=sys.stderr)
        return EXIT_DOCS_FAILED
    return EXIT_OK
