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

The modules, lowest first: ``records`` (inputs as Records, ids), ``readers`` (the input
formats), ``document`` (one document and its output lines), ``workers`` (the process
pool), ``output`` (scan, resume, lock), ``run`` (:func:`run_batch`), ``api``
(:func:`iter_extract`, the datasets adapter). Everything is importable from here.
"""

from __future__ import annotations

from .api import (RESULT_COLUMNS, document_from_row, extract_dataset, iter_extract,
                  result_features)
from .document import extract_batch, extract_record, memory_zone, result_lines
from .output import ScanResult, errors_path, output_lock, reconcile_errors, scan_output
from .readers import (HF_MARKERS, INPUT_COLUMNS, JSONL_SUFFIXES, _iter_txt, count_input,
                      detect_format, iter_input)
from .records import (ID_KEYS, FailedDocument, Record, as_record, dedupe_ids,
                      record_from_mapping)
from .run import BatchStats, run_batch
from .workers import MAX_BATCH_CHARS, Workers, _peak_rss_mb, batched

__all__ = ["ID_KEYS", "INPUT_COLUMNS", "JSONL_SUFFIXES", "HF_MARKERS", "MAX_BATCH_CHARS",
           "RESULT_COLUMNS", "Record", "FailedDocument", "record_from_mapping", "detect_format",
           "count_input", "iter_input", "dedupe_ids", "as_record", "extract_record",
           "memory_zone", "extract_batch", "result_lines", "batched", "Workers", "iter_extract",
           "result_features", "extract_dataset", "document_from_row", "ScanResult",
           "scan_output", "errors_path", "reconcile_errors", "BatchStats", "output_lock",
           "run_batch"]
