"""``run_batch``: an input to a JSONL output, resumable, streaming, lossless."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from ..errors import Errors, InputError
from ..io import shown
from .output import (ScanResult, _write_all, errors_path, output_lock, reconcile_errors,
                     scan_output)
from .readers import count_input, detect_format, iter_input
from .records import Record
from .workers import Workers, batched


@dataclass
class BatchStats:
    written: int = 0
    failed: int = 0
    skipped: int = 0
    chars: int = 0
    seconds: float = 0.0
    peak_rss_mb: float = 0.0
    mode: str | None = None

    def summary(self, out: Path | str) -> str:
        s = max(self.seconds, 1e-9)
        return (f"batch: {self.written} documents written ({self.failed} failed), "
                f"{self.skipped} already done, {self.chars:,} chars in {self.seconds:.1f} s: "
                f"{self.written / s:.1f} docs/s, {self.chars / s:,.0f} chars/s; "
                f"peak worker RSS {self.peak_rss_mb:.0f} MiB -> {out}")


def _check_paths(inp: Path, outp: Path) -> str:
    """The input's format, once the output is known to be a place a batch can write."""
    if inp.exists() and outp.exists() and inp.resolve() == outp.resolve():
        raise InputError(Errors.E084.format(path=shown(outp)))
    # it is read back and may be rewritten on resume: a folder, a device or a symlink
    # (/dev/stdout) would be read forever or replaced by a file
    if outp.is_symlink() or (outp.exists() and not outp.is_file()):
        kind = ("a symbolic link" if outp.is_symlink() else "a folder" if outp.is_dir()
                else "not a regular file")
        raise InputError(Errors.E087.format(path=shown(outp), kind=kind))
    fmt = detect_format(inp)
    try:
        outp.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError(Errors.E026.format(path=shown(outp), error=err.strerror)) from None
    return fmt


def _open_output(outp: Path, errp: Path, retry_errors: bool) -> tuple[ScanResult, Any, Any]:
    """What an earlier run left (see :func:`scan_output`), and both files open for appending."""
    try:
        scan = scan_output(outp, drop_failed=retry_errors)
        reconcile_errors(errp, scan.failed)
        fo, fe = open(outp, "ab", buffering=0), open(errp, "ab", buffering=0)
    except OSError as err:
        raise InputError(Errors.E026.format(path=shown(outp), error=err.strerror)) from None
    return scan, fo, fe


def _write_lines(lines: list[tuple[str, str | None]], fo, fe, outp: Path, errp: Path,
                 stats: BatchStats) -> None:
    """One batch's output and error lines, counted in ``stats``."""
    errs = [e for _, e in lines if e is not None]
    if errs:  # errors first: a kill between the two writes leaves nothing extra
        _write_all(fe, b"".join(e.encode("utf-8") for e in errs), errp)
    # each document's line encoded on its own (result_lines made each writable)
    _write_all(fo, b"".join(o.encode("utf-8") for o, _ in lines), outp)
    stats.written += len(lines)
    stats.failed += len(errs)


def _progress_bar(todo_n: int | None):
    """The tqdm bar on stderr (``progress=True``: the command's view of a long run)."""
    from tqdm import tqdm

    return tqdm(total=todo_n, unit="doc", desc="extract", dynamic_ncols=True, file=sys.stderr)


def run_batch(input_path: str | Path, out: str | Path, *, n_process: int = 1,
              batch_size: int = 32, mode: str | None = None, model_path: str | None = None,
              use_gazetteer: bool = True, explain: bool = False, split: str | None = None,
              retry_errors: bool = False, progress: bool = True, max_bytes: int | None = None,
              on_batch: Callable[[BatchStats], None] | None = None) -> BatchStats:
    """The ``batch`` command as a function: resumable, streaming, lossless, one writer at a
    time. Input and output problems raise :class:`InputError` (coded, no traceback)."""
    inp, outp = Path(input_path), Path(out)
    fmt = _check_paths(inp, outp)
    with output_lock(outp):  # held to the end: scan, rewrite and appends
        errp = errors_path(outp)
        scan, fo, fe = _open_output(outp, errp, retry_errors)
        stats = BatchStats(skipped=0)
        done = scan.done
        total = count_input(inp, fmt)

        def todo() -> Iterator[Record]:
            for rec in iter_input(inp, split, max_bytes):
                if rec.doc_id in done:
                    stats.skipped += 1
                    continue
                yield rec

        workers = Workers(n_process, mode=mode, model_path=model_path,
                          use_gazetteer=use_gazetteer, explain=explain, as_lines=True)
        bar = None
        with workers, fo, fe:
            workers.start()  # load the pipelines before the clock starts; W003 is said here
            if progress:
                bar = _progress_bar(None if total is None else max(total - len(done), 0))
            t0 = time.perf_counter()
            for batch, lines in workers.map(batched(todo(), batch_size)):
                _write_lines(lines, fo, fe, outp, errp, stats)
                stats.chars += sum(r.n_chars for r in batch)
                stats.seconds = time.perf_counter() - t0
                if bar is not None:
                    bar.update(len(batch))
                    speed = stats.chars / max(stats.seconds, 1e-9)
                    bar.set_postfix_str(f"{speed:,.0f} chars/s", refresh=False)
                if on_batch is not None:
                    on_batch(stats)
            stats.mode = workers.mode_used
        if bar is not None:
            bar.close()
        stats.seconds = time.perf_counter() - t0
        stats.peak_rss_mb = max(workers.rss.values(), default=0.0)
        if errp.exists() and errp.stat().st_size == 0 and not stats.failed and not scan.failed:
            errp.unlink()
        return stats
