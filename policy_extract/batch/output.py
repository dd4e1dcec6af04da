"""The resumable output: what an earlier run left (a torn last line is cut, a corrupt one
dropped), the errors file kept in step with it, one writer at a time, whole writes."""

from __future__ import annotations

import contextlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..errors import Errors, InputError, Warnings
from ..io import shown
from .document import _writable

logger = logging.getLogger("policy_extract")


@dataclass
class ScanResult:
    done: set[str]
    failed: set[str]
    kept_bytes: int
    truncated: bool
    dropped: int


def scan_output(path: Path, drop_failed: bool = False) -> ScanResult:
    """Read an existing output; cut a truncated tail, drop corrupt/duplicate lines.

    Only complete lines (ending in a newline) that parse as an object with a
    ``doc_id`` count as done. With ``drop_failed`` lines with ``error`` are
    dropped too, so those documents are tried again.
    """
    done: set[str] = set()
    failed: set[str] = set()
    res = ScanResult(done, failed, 0, False, 0)
    if not path.exists():
        return res
    good_end = 0
    bad_middle = 0
    keep: list[tuple[int, int]] = []  # byte ranges of good lines, for a rewrite
    pos = 0
    with open(path, "rb") as fh:
        for raw in fh:
            start, pos = pos, pos + len(raw)
            ok = raw.endswith(b"\n")
            obj = None
            if ok:
                try:
                    obj = json.loads(raw)
                except ValueError:
                    ok = False
            did = obj.get("doc_id") if isinstance(obj, dict) else None
            if not ok or not isinstance(did, str) or did in done:
                if raw.endswith(b"\n"):
                    bad_middle += 1
                else:
                    res.truncated = True
                continue
            if drop_failed and obj.get("error") is not None:
                bad_middle += 1
                continue
            done.add(did)
            if obj.get("error") is not None:
                failed.add(did)
            keep.append((start, pos))
            good_end = pos
    if bad_middle:  # rare: rewrite with the good lines only, atomically
        tmp = path.with_name(path.name + ".tmp")
        with open(path, "rb") as src, open(tmp, "wb") as dst:
            for s, e in keep:
                src.seek(s)
                dst.write(src.read(e - s))
        os.replace(tmp, path)
        res.dropped = bad_middle
        logger.warning(Warnings.W081.format(path=shown(path), n=bad_middle))
        good_end = sum(e - s for s, e in keep)
    elif res.truncated or good_end < pos:
        with open(path, "r+b") as fh:
            fh.truncate(good_end)
    if res.truncated:
        logger.warning(Warnings.W080.format(path=shown(path)))
    res.kept_bytes = good_end
    return res


def errors_path(out: Path) -> Path:
    """``OUT.jsonl`` → ``OUT.errors.jsonl``."""
    name = out.name[: -len(".jsonl")] if out.name.endswith(".jsonl") else out.name
    return out.with_name(name + ".errors.jsonl")


def reconcile_errors(path: Path, failed: set[str]) -> None:
    """Make the errors file list exactly the failed ids of the output (once each)."""
    kept: list[str] = []
    seen: set[str] = set()
    if path.exists():
        with open(path, "rb") as fh:
            for raw in fh:
                try:
                    obj = json.loads(raw)
                except ValueError:
                    continue
                did = obj.get("doc_id") if isinstance(obj, dict) else None
                if did in failed and did not in seen:
                    seen.add(did)
                    kept.append(_writable(obj) + "\n")
    for did in sorted(failed - seen):  # written to the output just before a kill
        kept.append(_writable({"doc_id": did, "error": "see the output line",
                               "traceback": None}) + "\n")
    if kept or path.exists():
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text("".join(kept), encoding="utf-8")
        os.replace(tmp, path)


@contextlib.contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold ``OUT.lock`` while writing ``OUT``: a second writer is refused (E086) instead of
    interleaving its lines. An ``flock`` dies with its process, so a ``kill -9`` leaves no
    stale lock behind."""
    try:
        import fcntl
    except ImportError:  # no advisory locks (Windows): one writer per output is the user's care
        yield
        return
    path = out.with_name(out.name + ".lock")
    with open(path, "a+", encoding="ascii") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.stat(path).st_ino != os.fstat(fh.fileno()).st_ino:
                raise BlockingIOError  # removed by a writer finishing just now: not ours
        except (BlockingIOError, FileNotFoundError):
            fh.seek(0)
            raise InputError(Errors.E086.format(path=shown(out), pid=fh.read().strip() or "?",
                                                lock=shown(path))) from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()}\n")
        fh.flush()
        try:
            yield
        finally:
            path.unlink(missing_ok=True)  # still locked here; the inode check covers a racer


def _write_all(fh, data: bytes, path: Path) -> None:
    """All of ``data`` to an unbuffered file; a failure (disk full) is E026. The lines before
    stay, and a rerun cuts a partial last line and redoes its document."""
    view = memoryview(data)
    try:
        while view:
            view = view[fh.write(view):]
    except OSError as err:
        raise InputError(Errors.E026.format(path=shown(path), error=err.strerror)) from None
