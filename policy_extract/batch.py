"""Batch extraction at scale: streaming readers, a resumable JSONL writer, worker pools.

``policy-extract batch INPUT --out OUT.jsonl`` reads a folder of ``.txt`` files, a
JSONL file (``id``, ``text``, optional ``date``, ``source``), a dataset saved with
``datasets``' ``save_to_disk`` or Parquet, and writes one GUIDELINES §4 object per
line, in input order, never holding the corpus in memory.

It is lossless under interruption: the output is append-only, each line is the
complete result of one document, and a rerun first scans what is there (a
truncated last line — a ``kill -9`` mid-write — is cut off and redone), then skips
every ``doc_id`` already written. A document that raises becomes a line with an
``error`` field in the output (so every input appears exactly once) and a line in
``OUT.errors.jsonl`` with the traceback; the batch goes on.

Python API: :func:`iter_extract` (texts or records → Documents, optionally over
processes) and :func:`extract_dataset` (``Dataset.map(batched=True, num_proc=N)``
with flat columns). Each worker process loads the pipeline once.
"""

from __future__ import annotations

import contextlib
import json
import logging
import multiprocessing as mp
import os
import resource
import sys
import threading
import time
import traceback
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

from .errors import Errors, InputError, Warnings
from .io import shown
from .schema import Document, sha256_text

logger = logging.getLogger("policy_extract")

ID_KEYS = ("id", "doc_id")
INPUT_COLUMNS = ("id", "doc_id", "text", "date", "source")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
HF_MARKERS = ("dataset_info.json", "state.json", "dataset_dict.json")
MAX_BATCH_CHARS = 4_000_000  # a batch of huge documents is cut short to bound memory in flight


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Record:
    """One input document; ``error`` is set when the input itself could not be read.

    ``id_given``: the input gave ``doc_id``; otherwise it was generated (from the record's
    place), and must not take an id the input gives elsewhere.
    """

    doc_id: str
    text: str | None
    date: str | None = None
    source: str | None = None
    sha256: str | None = None
    error: str | None = None
    id_given: bool = True

    @property
    def n_chars(self) -> int:
        return len(self.text) if isinstance(self.text, str) else 0


@dataclass(frozen=True, slots=True)
class FailedDocument:
    """What :func:`iter_extract` yields for a document that raised (``on_error="return"``)."""

    doc_id: str
    source: str | None
    error: str
    traceback: str | None = None
    exception: BaseException | None = None

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        """The output line: the §4 keys, empty, plus ``error`` (so readers need no special case)."""
        return {"doc_id": self.doc_id, "source": self.source,
                "text_sha256": sha256_text(text) if isinstance(text, str) else None,
                "quantities": [], "entities": [], "nodes": [], "warnings": [],
                "error": self.error}


def _str_or_none(v: Any) -> str | None:
    return None if v is None else str(v)


def record_from_mapping(m: Any, fallback_id: str, where: str) -> Record:
    """A :class:`Record` from a JSON object / dataset row; bad rows become error records.

    >>> r = record_from_mapping({"id": 7, "text": "增长5%", "date": "2026-02-24"}, "x", "l1")
    >>> r.doc_id, r.text, r.date, r.error, r.id_given
    ('7', '增长5%', '2026-02-24', None, True)
    >>> record_from_mapping({"text": "增长5%"}, "in.jsonl:2", "in.jsonl:2").id_given
    False
    >>> record_from_mapping({"text": None}, "in.jsonl:3", "in.jsonl:3").error[:4]
    'E081'
    >>> record_from_mapping([1], "in.jsonl:4", "in.jsonl:4").doc_id
    'in.jsonl:4'
    """
    if not isinstance(m, Mapping):
        return Record(fallback_id, None, error=Errors.E081.format(
            where=where, problem=f"got {type(m).__name__}"), id_given=False)
    doc_id = next((str(m[k]) for k in ID_KEYS if m.get(k) not in (None, "")), None)
    text = m.get("text")
    rec = Record(fallback_id if doc_id is None else doc_id, text if isinstance(text, str) else None,
                 date=_str_or_none(m.get("date")), source=_str_or_none(m.get("source")),
                 id_given=doc_id is not None)
    if not isinstance(text, str):
        problem = "no 'text'" if text is None else f"'text' is {type(text).__name__}"
        return replace(rec, error=Errors.E081.format(where=where, problem=problem))
    return rec


# --------------------------------------------------------------------------- readers


def detect_format(path: str | Path) -> str:
    """``"txt"``, ``"jsonl"``, ``"hf"`` (save_to_disk) or ``"parquet"``; raises on anything else."""
    p = Path(path)
    if p.is_dir():
        if any((p / m).is_file() for m in HF_MARKERS):
            return "hf"
        if next(p.rglob("*.parquet"), None) is not None:
            return "parquet"
        return "txt"
    if p.is_file():
        if p.suffix.lower() in JSONL_SUFFIXES:
            return "jsonl"
        if p.suffix.lower() == ".parquet":
            return "parquet"
    raise InputError(Errors.E080.format(path=shown(p)))


def _iter_txt(root: Path, max_bytes: int | None = None) -> Iterator[Record]:
    from .io import read_text_file

    for p in sorted(root.rglob("*.txt")):
        rel = p.relative_to(root).as_posix()
        doc_id = rel[: -len(p.suffix)]
        try:  # a FIFO, device or oversized file is an error record, never a hang
            text, sha, _notes = read_text_file(p, max_bytes=max_bytes)
        except (InputError, OSError) as err:
            yield Record(doc_id, None, source=rel, error=str(err))
            continue
        yield Record(doc_id, text, source=rel, sha256=sha)


def _iter_jsonl(path: Path) -> Iterator[Record]:
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            where = f"{path.name}:{lineno}"
            try:
                obj = json.loads(raw)
            except (ValueError, UnicodeDecodeError) as err:
                yield Record(where, None, error=Errors.E081.format(where=where, problem=err),
                             id_given=False)
                continue
            yield record_from_mapping(obj, where, where)


def _iter_rows(rows: Iterable[Mapping], name: str, start: int = 0) -> Iterator[Record]:
    for i, row in enumerate(rows, start):
        where = f"{name}[{i}]"
        yield record_from_mapping(row, where, where)


def _iter_hf(path: Path, split: str | None) -> Iterator[Record]:
    import datasets

    ds = datasets.load_from_disk(str(path))
    parts = ds.items() if isinstance(ds, datasets.DatasetDict) else [(None, ds)]
    for name, part in parts:
        if split is not None and name is not None and name != split:
            continue
        cols = [c for c in INPUT_COLUMNS if c in part.column_names]
        part = part.select_columns(cols)
        label = path.name if name is None else f"{path.name}/{name}"
        for start in range(0, len(part), 256):  # memory-mapped: one slice at a time
            chunk = part[start : start + 256]
            rows = [dict(zip(chunk, vals)) for vals in zip(*chunk.values())]
            yield from _iter_rows(rows, label, start)


def _iter_parquet(path: Path) -> Iterator[Record]:
    import pyarrow.parquet as pq

    files = sorted(path.rglob("*.parquet")) if path.is_dir() else [path]
    for f in files:
        pf = pq.ParquetFile(f)
        cols = [c for c in INPUT_COLUMNS if c in pf.schema_arrow.names]
        start = 0
        for rb in pf.iter_batches(batch_size=256, columns=cols):
            rows = rb.to_pylist()
            yield from _iter_rows(rows, f.name, start)
            start += len(rows)


def count_input(path: str | Path, fmt: str | None = None) -> int | None:
    """How many records ``path`` holds when that is cheap to know (for the progress bar)."""
    p = Path(path)
    fmt = fmt or detect_format(p)
    try:
        if fmt == "jsonl":
            n = 0
            with open(p, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    n += block.count(b"\n")
            return n
        if fmt == "txt":
            return sum(1 for _ in p.rglob("*.txt"))
        if fmt == "hf":
            import datasets

            ds = datasets.load_from_disk(str(p))  # memory-mapped: cheap
            return sum(len(d) for d in ds.values()) if isinstance(ds, dict) else len(ds)
        if fmt == "parquet":
            import pyarrow.parquet as pq

            files = sorted(p.rglob("*.parquet")) if p.is_dir() else [p]
            return sum(pq.ParquetFile(f).metadata.num_rows for f in files)
    except OSError:
        return None
    return None


def iter_input(path: str | Path, split: str | None = None,
               max_bytes: int | None = None) -> Iterator[Record]:
    """Stream the records of a batch input, each with an id no other record has (see
    :func:`dedupe_ids`); ``max_bytes`` caps a file of a ``.txt`` folder."""
    p = Path(path)
    fmt = detect_format(p)
    if fmt == "txt":
        return _iter_txt(p, max_bytes)  # ids are relative paths: unique, none generated

    def read() -> Iterator[Record]:
        if fmt == "jsonl":
            return _iter_jsonl(p)
        return _iter_hf(p, split) if fmt == "hf" else _iter_parquet(p)

    # a first pass for the ids the input gives: a generated name must avoid them all,
    # including ids further down than the record it names
    taken = {r.doc_id for r in read() if r.id_given}
    return dedupe_ids(read(), taken)


def dedupe_ids(records: Iterable[Record], taken: Iterable[str] = ()) -> Iterator[Record]:
    """Give every record an id no other record has, the same on every run.

    The k-th repeat of an id becomes an error record named ``id#k``; a generated id (a
    record without one is named by its place) that an input id also has gets ``#k`` too.
    A generated name skips every id in ``taken`` (all the input's ids) and every name given
    before, so it never takes a real id, even one that comes later.

    >>> [(r.doc_id, r.error is None) for r in dedupe_ids(
    ...     [Record("a", "x"), Record("a", "y"), Record("b", "z")])]
    [('a', True), ('a#2', False), ('b', True)]
    >>> [r.doc_id for r in dedupe_ids([Record("a", "x"), Record("a", "y"), Record("a#2", "z")],
    ...                               taken={"a", "a#2"})]
    ['a', 'a#3', 'a#2']
    """
    taken = set(taken)
    first: dict[str, int] = {}  # every name given so far -> its record number
    nxt: dict[str, int] = {}  # the next suffix to try per base name (no rescans)
    for i, rec in enumerate(records, 1):
        name = rec.doc_id
        if name not in first and (rec.id_given or name not in taken):
            first[name] = i
            yield rec
            continue
        k = nxt.get(name, 2)
        while f"{name}#{k}" in first or f"{name}#{k}" in taken:
            k += 1
        nxt[name] = k + 1
        error = rec.error
        if rec.id_given:  # a repeat of an id
            error = Errors.E082.format(doc_id=name, first=first[name])
        first[f"{name}#{k}"] = i
        yield replace(rec, doc_id=f"{name}#{k}", error=error)


def as_record(item: Any, index: int) -> Record:
    """str / mapping / Record → Record (what :func:`iter_extract` accepts)."""
    if isinstance(item, Record):
        return item
    if not isinstance(item, Mapping):  # str, or a wrong type that extract() itself refuses
        return Record(None, item)  # type: ignore[arg-type]  # extract() gives doc_id None
    where = f"record {index}"
    rec = record_from_mapping(item, None, where)  # type: ignore[arg-type]
    return rec


# --------------------------------------------------------------------------- one document


def _failure(rec: Record, err: BaseException | str, tb: str | None = None) -> FailedDocument:
    if isinstance(err, BaseException):
        msg = f"{type(err).__name__}: {err}"
        return FailedDocument(rec.doc_id, rec.source, msg, tb, err)
    return FailedDocument(rec.doc_id, rec.source, err, tb, None)


def extract_record(nlp, rec: Record, explain: bool = False) -> Document | FailedDocument:
    """Extract one record; never raises for a bad document (returns a :class:`FailedDocument`)."""
    if rec.error is not None:
        return _failure(rec, rec.error)
    try:
        return nlp(rec.text, doc_id=rec.doc_id, date=rec.date, source=rec.source,
                   explain=explain, sha256=rec.sha256)
    except Exception as err:  # one bad document must not stop the batch
        tb = traceback.format_exception(err)
        return _failure(rec, err, "".join(tb[:1] + tb[1:][-6:]))  # header + innermost frames


def memory_zone(nlp):
    """spaCy's ``memory_zone``: strings and lexemes a batch adds are freed after it, so a
    worker's memory stays flat over millions of distinct words (results are plain Python)."""
    lang = getattr(nlp, "nlp", None)
    zone = getattr(lang, "memory_zone", None)
    return zone() if zone is not None else contextlib.nullcontext()


def extract_batch(nlp, batch: list[Record], explain: bool = False) -> list:
    """:func:`extract_record` over a batch inside one memory zone."""
    with memory_zone(nlp):
        return [extract_record(nlp, rec, explain) for rec in batch]


def _writable(obj: Any) -> str:
    """JSON of ``obj`` that UTF-8 can write: a lone surrogate in an id or a message is escaped."""
    line = json.dumps(obj, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(obj, ensure_ascii=True)
    return line


def result_lines(rec: Record, res: Document | FailedDocument,
                 explain: bool = False) -> tuple[str, str | None]:
    """(output line, errors line or None), each ending in a newline and writable as UTF-8.

    Each document's line is encoded on its own: one that UTF-8 cannot write (a lone
    surrogate from an escaped ``\\udfff`` in the input) becomes that document's error
    record (E085), so it never stops the write of the others.
    """
    if isinstance(res, Document):
        out = json.dumps(res.to_dict(explain), ensure_ascii=False) + "\n"
        try:
            out.encode("utf-8")
            return out, None
        except UnicodeEncodeError as err:
            res = _failure(rec, Errors.E085.format(char=f"U+{ord(err.object[err.start]):04X}"))
    out = _writable(res.to_dict(rec.text)) + "\n"
    err = _writable({"doc_id": res.doc_id, "source": res.source, "error": res.error,
                     "traceback": res.traceback}) + "\n"
    return out, err


# --------------------------------------------------------------------------- workers

_WORKER: dict[str, Any] = {}


def _init_worker(mode: str, model_path: str | None, use_gazetteer: bool, explain: bool,
                 quiet: bool = True) -> None:
    """Runs once per worker process: load the pipeline there, not per document."""
    from .pipeline import load

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


class Workers:
    """A pool of processes, each with the pipeline loaded once; results come back in order.

    At most ``window`` batches are in flight, so a large input is never read ahead.
    A document that kills its worker (segfault, OOM) is found by redoing the broken
    batch one document at a time in a fresh pool and is reported as failed (E083).
    ``n_process <= 1`` runs in this process unless ``pool=True``.
    """

    def __init__(self, n_process: int = 1, *, mode: str = "combined",
                 model_path: str | None = None, use_gazetteer: bool = True,
                 explain: bool = False, as_lines: bool = False, pool: bool | None = None,
                 window: int | None = None):
        self.n = max(1, int(n_process))
        self.init_args = (mode, None if model_path is None else str(model_path),
                          use_gazetteer, explain)
        self.as_lines = as_lines
        self.use_pool = self.n > 1 if pool is None else pool
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
            from .pipeline import default_model_path

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


# --------------------------------------------------------------------------- Python API


def iter_extract(texts_or_records: Iterable[str | Mapping | Record], n_process: int = 1,
                 batch_size: int = 32, *, mode: str = "combined",
                 model_path: str | Path | None = None, use_gazetteer: bool = True,
                 explain: bool = False, on_error: str = "raise",
                 nlp=None) -> Iterator[Document | FailedDocument]:
    """Extract from many texts, in order; the same Documents as :func:`policy_extract.extract`.

    Items are strings or mappings with ``text`` and optional ``id``/``doc_id``,
    ``date``, ``source``. ``n_process > 1`` uses worker processes (each loads the
    pipeline once; call this under ``if __name__ == "__main__":`` in scripts).
    ``on_error="raise"`` re-raises a document's exception; ``"return"`` yields a
    :class:`FailedDocument` in its place and goes on.
    """
    if on_error not in ("raise", "return"):
        raise ValueError("on_error must be 'raise' or 'return'")
    records = (as_record(it, i) for i, it in enumerate(texts_or_records))
    if nlp is not None and n_process <= 1:
        pairs: Iterator = ((r, res) for b in batched(records, batch_size)
                           for r, res in zip(b, extract_batch(nlp, b, explain)))
    else:
        workers = Workers(n_process, mode=mode, model_path=model_path,
                          use_gazetteer=use_gazetteer, explain=explain)
        pairs = _flatten(workers, batched(records, batch_size))
    for rec, res in pairs:
        if isinstance(res, FailedDocument) and on_error == "raise":
            if res.exception is not None:
                raise res.exception
            raise InputError(res.error)
        yield res


def _flatten(workers: Workers, batches: Iterable[list[Record]]) -> Iterator[tuple[Record, Any]]:
    with workers:
        for batch, out in workers.map(batches):
            yield from zip(batch, out)


# --------------------------------------------------------------------------- datasets adapter


def result_features():
    """``datasets.Features`` of the columns :func:`extract_dataset` adds (fixed, so shards agree)."""
    from datasets import Features, Value

    span = {"start": Value("int64"), "end": Value("int64"), "text": Value("string")}
    quantity = {**span, "value": Value("float64"), "value_max": Value("float64"),
                "unit": Value("string"), "bound": Value("string"), "measure": Value("string"),
                "status": Value("string"), "indicator": dict(span), "period": Value("string"),
                "node_id": Value("string")}
    entity = {**span, "label": Value("string"), "canonical": Value("string"),
              "node_id": Value("string")}
    node = {"id": Value("string"), "parent": Value("string"), "kind": Value("string"), **span}
    return Features({"doc_id": Value("string"), "text_sha256": Value("string"),
                     "quantities": [quantity], "entities": [entity], "nodes": [node],
                     "warnings": [Value("string")], "error": Value("string")})


RESULT_COLUMNS = ("doc_id", "text_sha256", "quantities", "entities", "nodes", "warnings", "error")
_ITEM_KEYS = {"quantities": ("start", "end", "text", "value", "value_max", "unit", "bound",
                             "measure", "status", "indicator", "period", "node_id"),
              "entities": ("start", "end", "text", "label", "canonical", "node_id"),
              "nodes": ("id", "parent", "kind", "start", "end", "text")}


def _flat_row(d: Mapping[str, Any]) -> dict[str, Any]:
    row = {k: d.get(k) for k in RESULT_COLUMNS}
    for key, keys in _ITEM_KEYS.items():  # every key present, so the schema is fixed
        row[key] = [{k: it.get(k) for k in keys} for it in d.get(key, [])]
    row["warnings"] = list(d.get("warnings", []))
    return row


def _map_batch(batch: dict[str, list], indices: list[int], mode: str, model_path: str | None,
               use_gazetteer: bool, text_column: str, id_column: str) -> dict[str, list]:
    from .pipeline import load

    nlp = load(mode, use_gazetteer=use_gazetteer, model_path=model_path)  # cached per process
    n = len(batch[text_column])
    cols: dict[str, list] = {k: [] for k in RESULT_COLUMNS}
    recs = []
    for j in range(n):
        row = {"text": batch[text_column][j]}
        for key, col in (("id", id_column), ("date", "date"), ("source", "source")):
            if col in batch:
                row[key] = batch[col][j]
        recs.append(record_from_mapping(row, str(indices[j]), f"row {indices[j]}"))
    for rec, res in zip(recs, extract_batch(nlp, recs)):
        d = res.to_dict() if isinstance(res, Document) else res.to_dict(rec.text)
        for k, v in _flat_row(d).items():
            cols[k].append(v)
    return cols


def extract_dataset(ds, *, num_proc: int | None = None, batch_size: int = 32,
                    mode: str = "combined", model_path: str | Path | None = None,
                    use_gazetteer: bool = True, text_column: str = "text",
                    id_column: str = "id", **map_kwargs):
    """``ds`` with the result columns added (``doc_id``, ``text_sha256``, ``quantities``,
    ``entities``, ``nodes``, ``warnings``, ``error``) via ``Dataset.map(batched=True)``.

    A row without ``id`` is named by its index. Rebuild a Document with
    :func:`document_from_row`.
    """
    feats = ds.features.copy()
    feats.update(result_features())
    return ds.map(_map_batch, batched=True, batch_size=batch_size, num_proc=num_proc,
                  with_indices=True, features=feats,
                  fn_kwargs={"mode": mode, "model_path": None if model_path is None else
                             str(model_path), "use_gazetteer": use_gazetteer,
                             "text_column": text_column, "id_column": id_column},
                  **map_kwargs)


def document_from_row(row: Mapping[str, Any], text_column: str = "text") -> Document:
    """The :class:`Document` of one row of :func:`extract_dataset`'s output."""
    return Document.from_dict(row, text=row[text_column])  # from_dict reads None as absent


# --------------------------------------------------------------------------- resumable output


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


def run_batch(input_path: str | Path, out: str | Path, *, n_process: int = 1,
              batch_size: int = 32, mode: str = "combined", model_path: str | None = None,
              use_gazetteer: bool = True, explain: bool = False, split: str | None = None,
              retry_errors: bool = False, progress: bool = True, max_bytes: int | None = None,
              on_batch: Callable[[BatchStats], None] | None = None) -> BatchStats:
    """The ``batch`` command as a function: resumable, streaming, lossless, one writer at a
    time. Input and output problems raise :class:`InputError` (coded, no traceback)."""
    inp, outp = Path(input_path), Path(out)
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
    with output_lock(outp):  # held to the end: scan, rewrite and appends
        errp = errors_path(outp)
        try:
            scan = scan_output(outp, drop_failed=retry_errors)
            reconcile_errors(errp, scan.failed)
            fo, fe = open(outp, "ab", buffering=0), open(errp, "ab", buffering=0)
        except OSError as err:
            raise InputError(Errors.E026.format(path=shown(outp), error=err.strerror)) from None
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
                from tqdm import tqdm

                todo_n = None if total is None else max(total - len(done), 0)
                bar = tqdm(total=todo_n, unit="doc", desc="extract", dynamic_ncols=True,
                           file=sys.stderr)
            t0 = time.perf_counter()
            for batch, lines in workers.map(batched(todo(), batch_size)):
                errs = [e for _, e in lines if e is not None]
                if errs:  # errors first: a kill between the two writes leaves nothing extra
                    _write_all(fe, b"".join(e.encode("utf-8") for e in errs), errp)
                # each document's line encoded on its own (result_lines made each writable)
                _write_all(fo, b"".join(o.encode("utf-8") for o, _ in lines), outp)
                stats.written += len(lines)
                stats.failed += len(errs)
                n_chars = sum(r.n_chars for r in batch)
                stats.chars += n_chars
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
