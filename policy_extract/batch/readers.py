"""Streaming readers of the batch inputs: a folder of ``.txt``, JSONL, a ``save_to_disk``
dataset or Parquet, one :class:`~policy_extract.batch.records.Record` at a time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from ..errors import Errors, InputError
from ..io import shown
from .records import Record, dedupe_ids, record_from_mapping


INPUT_COLUMNS = ("id", "doc_id", "text", "date", "source")

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")

HF_MARKERS = ("dataset_info.json", "state.json", "dataset_dict.json")


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
    from ..io import read_text_file

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
