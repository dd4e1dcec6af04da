"""policy_extract: structured, checkable data from Chinese policy texts.

>>> import policy_extract
>>> doc = policy_extract.extract("全市规模以上工业增加值同比增长7%。", date="2026-02-24")
>>> type(doc).__name__, doc.text_sha256[:8]
('Document', '445b3f4a')
>>> [(q.text, q.value, q.unit, q.measure.value, q.status.value) for q in doc.quantities]
[('7%', 7.0, '%', 'growth', 'achieved')]
>>> doc = policy_extract.extract("今年力争新增规模以上工业企业300家。", date="2026-02-24")
>>> [(q.text, q.value, q.unit, q.status.value, q.indicator.text, q.period) for q in doc.quantities]
[('300家', 300.0, '家', 'target', '新增规模以上工业企业', '2026')]
"""

from __future__ import annotations

from pathlib import Path

from .about import __version__
from .dataframe import to_dataframe
from .pipeline import Pipeline, load
from .schema import (Bound, Document, Entity, EntityLabel, Measure, Node, NodeKind, Quantity,
                     Status, TextSpan)
from . import track  # noqa: F401  (callable module: policy_extract.track(docs), issue 21)


def extract(text: str, doc_id: str | None = None, date: str | None = None, *,
            explain: bool = False, nlp: Pipeline | None = None) -> Document:
    """Extract quantities, entities and the tree from one raw text.

    Raises ``TypeError`` for non-str input; empty text gives an empty Document.
    """
    return (nlp or load())(text, doc_id=doc_id, date=date, explain=explain)


def extract_file(path: str | Path, date: str | None = None, *, explain: bool = False,
                 nlp: Pipeline | None = None) -> Document:
    """Read ``path`` (UTF-8, else GB18030) and extract from it."""
    return (nlp or load()).extract_file(path, date=date, explain=explain)


__all__ = ["__version__", "load", "extract", "extract_file", "to_dataframe", "Pipeline", "Document",
           "Quantity", "Entity", "Node", "TextSpan", "Bound", "Measure", "Status",
           "EntityLabel", "NodeKind"]
