"""The Python API over many texts: :func:`iter_extract`, and :func:`extract_dataset` for a
``datasets.Dataset`` (``Dataset.map(batched=True, num_proc=N)`` with flat columns)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from ..errors import InputError
from ..schema import Document
from .document import extract_batch
from .records import FailedDocument, Record, as_record, record_from_mapping
from .workers import Workers, batched


def iter_extract(texts_or_records: Iterable[str | Mapping | Record], n_process: int = 1,
                 batch_size: int = 32, *, mode: str | None = None,
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
    from ..pipeline import load

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
                    mode: str | None = None, model_path: str | Path | None = None,
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
