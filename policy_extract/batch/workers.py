"""Worker processes, each with the pipeline loaded once, and the batches fed to them."""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import re
import resource
import sys
import threading
import time
import warnings
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Iterable, Iterator

from ..errors import Errors, Warnings
from .document import _failure, extract_batch, result_lines
from .records import FailedDocument, Record

logger = logging.getLogger("policy_extract")


MAX_BATCH_CHARS = 4_000_000  # a batch of huge documents is cut short to bound memory in flight

_WORKER: dict[str, Any] = {}


def _init_worker(mode: str, model_path: str | None, use_gazetteer: bool, explain: bool,
                 quiet: bool = True) -> None:
    """Runs once per worker process: load the pipeline there, not per document."""
    from ..pipeline import load

    if quiet:  # the parent says W003 (no trained model) once, not every worker
        logging.getLogger("policy_extract").setLevel(logging.ERROR)
    _WORKER["nlp"] = load(mode, use_gazetteer=use_gazetteer, model_path=model_path)
    _WORKER["explain"] = explain
    _WORKER["nlp"]("预热：增长5%。")  # first call does lazy set-up; keep it out of timings


def _init_pool_worker(parent: int, *args) -> None:
    """A pool worker: :func:`_init_worker`, and exit as soon as the parent is gone. A
    ``kill -9`` of the batch would otherwise leave its workers (~200 MB each) and the
    resource tracker they keep open running forever; polling works wherever the pool
    does (no prctl), and reparenting changes ``getppid()``."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="policy-extract-parent-watch", daemon=True).start()
    _init_worker(*args)


def _peak_rss_mb() -> float:
    """Peak resident set size of this process so far, MiB.

    Linux's ``VmHWM`` where there is one: ``ru_maxrss`` of a spawned worker starts at its
    parent's peak (the kernel carries it across the fork and exec), so a worker started by
    a big parent (the bench holding two pipelines) would report the parent's memory.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def _work(batch: list[Record], as_lines: bool) -> tuple[list, int, float, float]:
    """Extract a batch in a worker: (results, pid, peak RSS MiB, CPU seconds it took)."""
    cpu0 = time.process_time()
    nlp, explain = _WORKER["nlp"], _WORKER["explain"]
    out: list = []
    for rec, res in zip(batch, extract_batch(nlp, batch, explain)):
        if as_lines:
            out.append(result_lines(rec, res, explain))
        else:
            if isinstance(res, FailedDocument) and res.exception is not None:
                try:  # exceptions of native code may not pickle; keep the message only
                    import pickle

                    pickle.dumps(res.exception)
                except Exception:
                    res = FailedDocument(res.doc_id, res.source, res.error, res.traceback)
            out.append(res)
    return out, os.getpid(), _peak_rss_mb(), time.process_time() - cpu0


def _warmup(delay: float) -> tuple[int, float, str]:
    time.sleep(delay)  # keeps this worker busy so the next warm-up task starts another one
    return os.getpid(), _peak_rss_mb(), _WORKER["nlp"].mode


def batched(records: Iterable[Record], size: int,
            max_chars: int = MAX_BATCH_CHARS) -> Iterator[list[Record]]:
    """Groups of ``size`` records (fewer when their text passes ``max_chars``).

    >>> [len(b) for b in batched([Record(str(i), "x" * 3) for i in range(5)], 2)]
    [2, 2, 1]
    >>> [len(b) for b in batched([Record(str(i), "x" * 3) for i in range(5)], 9, max_chars=6)]
    [2, 2, 1]
    """
    buf: list[Record] = []
    chars = 0
    for rec in records:
        buf.append(rec)
        chars += rec.n_chars
        if len(buf) >= size or chars >= max_chars:
            yield buf
            buf, chars = [], 0
    if buf:
        yield buf


_GUARD = re.compile(r"""__name__\s*==\s*['"]__main__['"]""")


def unguarded_main() -> str | None:
    """The path of the script run as ``__main__`` when it has no ``__main__`` guard, else None.

    A spawned worker imports the main script first; one that starts workers at its top level
    without the guard makes each worker start workers in turn, which Python refuses (the
    workers die and every document would fail). An interactive session, a notebook or a
    module without a file is safe.

    >>> import sys, types, tempfile, os
    >>> d = tempfile.mkdtemp(); p = os.path.join(d, "s.py")
    >>> _ = open(p, "w").write("iter_extract(rows, n_process=2)\\n")
    >>> old, sys.modules["__main__"] = sys.modules["__main__"], types.SimpleNamespace(__file__=p)
    >>> unguarded_main() == p
    True
    >>> _ = open(p, "w").write("if __name__ == '__main__':\\n    iter_extract(rows, n_process=2)\\n")
    >>> unguarded_main() is None
    True
    >>> sys.modules["__main__"] = old
    """
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if spec is not None and (spec.name == "__main__" or spec.name.endswith(".__main__")):
        return None  # `python -m pkg`: spawn never re-runs a package's __main__
    path = getattr(main, "__file__", None)
    if not path or not str(path).endswith(".py"):
        return None
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            source = fh.read()
    except OSError:
        return None
    return None if _GUARD.search(source) else str(path)


class Workers:
    """A pool of processes, each with the pipeline loaded once; results come back in order.

    At most ``window`` batches are in flight, so a large input is never read ahead.
    A document that kills its worker (segfault, OOM) is found by redoing the broken
    batch one document at a time in a fresh pool and is reported as failed (E083).
    ``n_process <= 1`` runs in this process unless ``pool=True``.
    """

    def __init__(self, n_process: int = 1, *, mode: str | None = None,
                 model_path: str | None = None, use_gazetteer: bool = True,
                 explain: bool = False, as_lines: bool = False, pool: bool | None = None,
                 window: int | None = None):
        from ..pipeline import resolve_mode

        self.n = max(1, int(n_process))
        # resolved here so that a worker's fallback to rules (W003) is told apart from the default
        self.init_args = (resolve_mode(mode, model_path), None if model_path is None else str(model_path),
                          use_gazetteer, explain)
        self.as_lines = as_lines
        self.use_pool = self.n > 1 if pool is None else pool
        if pool is None and self.use_pool:
            script = unguarded_main()
            if script is not None:  # its workers would die re-running it (issue 18 §7)
                warnings.warn(Warnings.W082.format(path=script, n=self.n), stacklevel=3)
                self.use_pool = False
        self.window = window or 2 * self.n + 1
        self.rss: dict[int, float] = {}
        self.cpu: dict[int, float] = {}  # CPU seconds each worker spent on batches
        self._ex: ProcessPoolExecutor | None = None
        self._local = False
        self.mode_used: str | None = None

    # -- pool management
    def _executor(self) -> ProcessPoolExecutor:
        if self._ex is None:
            # spawn, not fork: the parent may hold threads (tqdm, pyarrow, a Spark gateway)
            self._ex = ProcessPoolExecutor(self.n, mp_context=mp.get_context("spawn"),
                                           initializer=_init_pool_worker,
                                           initargs=(os.getpid(), *self.init_args))
        return self._ex

    def _reset(self) -> None:
        if self._ex is not None:
            self._ex.shutdown(wait=False, cancel_futures=True)
            self._ex = None

    def close(self) -> None:
        self._reset()

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        """Start every worker (and load its pipeline) now, so timings exclude start-up."""
        if not self.use_pool:
            self._start_local()
            return
        ex = self._executor()
        futs = [ex.submit(_warmup, 0.3) for _ in range(self.n)]
        for f in futs:
            pid, rss, self.mode_used = f.result()
            self._note(pid, rss)
        if self.mode_used != self.init_args[0]:  # workers fell back quietly; say it once
            from ..pipeline import default_model_path

            logger.warning(Warnings.W003.format(path=self.init_args[1] or default_model_path()))

    def _start_local(self) -> None:
        if not self._local:
            _init_worker(*self.init_args, quiet=False)
            self._local = True
            self._note(os.getpid(), _peak_rss_mb())
            self.mode_used = _WORKER["nlp"].mode

    def _note(self, pid: int, rss: float, cpu: float = 0.0) -> None:
        self.rss[pid] = max(self.rss.get(pid, 0.0), rss)
        self.cpu[pid] = self.cpu.get(pid, 0.0) + cpu

    # -- mapping
    def map(self, batches: Iterable[list[Record]]) -> Iterator[tuple[list[Record], list]]:
        """(batch, results) in input order."""
        if not self.use_pool:
            self._start_local()
            for b in batches:
                out, pid, rss, cpu = _work(b, self.as_lines)
                self._note(pid, rss, cpu)
                yield b, out
            return
        pending: deque = deque()
        for b in batches:
            pending.append((b, self._executor().submit(_work, b, self.as_lines)))
            while len(pending) >= self.window:
                yield self._resolve(pending)
        while pending:
            yield self._resolve(pending)

    def _resolve(self, pending: deque) -> tuple[list[Record], list]:
        batch, fut = pending.popleft()
        try:
            out, pid, rss, cpu = fut.result()
            self._note(pid, rss, cpu)
            return batch, out
        except BrokenProcessPool:
            rest = [b for b, _ in pending]
            pending.clear()
            self._reset()
            out = self._isolate(batch)
            for b in rest:  # resubmit what was in flight to the fresh pool
                pending.append((b, self._executor().submit(_work, b, self.as_lines)))
            return batch, out

    def _isolate(self, batch: list[Record]) -> list:
        out: list = []
        for rec in batch:
            try:
                res, pid, rss, cpu = self._executor().submit(_work, [rec], self.as_lines).result()
                self._note(pid, rss, cpu)
                out.extend(res)
            except BrokenProcessPool:
                self._reset()
                logger.error("batch: worker died on document %r", rec.doc_id)
                fail = _failure(rec, Errors.E083)
                out.append(result_lines(rec, fail) if self.as_lines else fail)
        return out
