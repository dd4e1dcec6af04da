"""The same extraction on Apache Spark (``pip install "policy_extract[spark]"``).

:func:`extract_spark` maps the partitions of a DataFrame with columns ``id``,
``text`` and optional ``date``, ``source``; each Python worker loads the pipeline
once (``load`` is cached per process and Spark reuses its Python workers) and
every row becomes ``(doc_id, error, document)`` where ``document`` is exactly the
line ``policy-extract batch`` writes. A bad row gives an ``error``, never a failed
job::

    from policy_extract.distributed import extract_spark, local_session
    spark = local_session(2)                      # or your cluster's session
    df = spark.read.json("corpus.jsonl")          # id, text, date, source
    out = extract_spark(df, mode="rules")
    out.select("document").write.text("out_dir")  # JSONL parts, one Document a line

``datasets.Dataset.from_spark(out)`` turns the result into a HuggingFace dataset.
"""

from __future__ import annotations

import os
import sys
from functools import partial
from typing import Any, Iterable, Iterator

from .batch import batched, extract_batch, record_from_mapping, result_lines
from .schema import Document

RESULT_SCHEMA = "doc_id string, error string, document string"


def extract_partition(index: int, rows: Iterable[Any], *, mode: str | None = None,
                      model_path: str | None = None, use_gazetteer: bool = True,
                      explain: bool = False, text_col: str = "text", id_col: str = "id",
                      date_col: str = "date",
                      source_col: str = "source") -> Iterator[tuple[str, str | None, str]]:
    """One partition: load the pipeline once, then ``(doc_id, error, document JSON)`` per row.

    Plain mappings work too, which is how it is tested without Spark:

    >>> out = list(extract_partition(0, [{"id": "a", "text": None}], mode="rules"))
    >>> out[0][0], out[0][1][:4]
    ('a', 'E081')
    """
    from .pipeline import load

    nlp = load(mode, use_gazetteer=use_gazetteer, model_path=model_path)

    def records() -> Iterator:  # streamed: a partition is never held whole
        for i, row in enumerate(rows):
            m = row.asDict() if hasattr(row, "asDict") else dict(row)
            where = f"partition {index} row {i}"
            yield record_from_mapping({"id": m.get(id_col), "text": m.get(text_col),
                                       "date": m.get(date_col), "source": m.get(source_col)},
                                      where, where)

    for batch in batched(records(), 32):  # a memory zone per batch keeps the worker's vocab flat
        for rec, res in zip(batch, extract_batch(nlp, batch, explain)):
            line, _ = result_lines(rec, res, explain)
            yield rec.doc_id, None if isinstance(res, Document) else res.error, line.rstrip("\n")


def extract_spark(df, *, mode: str | None = None, model_path: str | None = None,
                  use_gazetteer: bool = True, explain: bool = False, text_col: str = "text",
                  id_col: str = "id", date_col: str = "date", source_col: str = "source"):
    """A DataFrame ``(doc_id, error, document)``, one row per input row (lazy, like Spark)."""
    wanted = [c for c in (id_col, text_col, date_col, source_col) if c in df.columns]
    fn = partial(extract_partition, mode=mode, model_path=model_path,
                 use_gazetteer=use_gazetteer, explain=explain, text_col=text_col,
                 id_col=id_col, date_col=date_col, source_col=source_col)
    rdd = df.select(*wanted).rdd.mapPartitionsWithIndex(fn)
    return df.sparkSession.createDataFrame(rdd, RESULT_SCHEMA)


def local_session(n_cores: int = 2, app: str = "policy_extract"):
    """A local-mode SparkSession whose Python workers run this interpreter."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    return (SparkSession.builder.master(f"local[{n_cores}]").appName(app)
            .config("spark.ui.enabled", "false")
            .config("spark.python.worker.reuse", "true")  # one pipeline per worker, kept
            .config("spark.sql.shuffle.partitions", str(n_cores))
            .getOrCreate())
