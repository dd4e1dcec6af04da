"""Many documents' figures (or names, or tree nodes) as one pandas DataFrame.

pandas is an optional extra (``pip install "policy_extract[pandas]"``). Each row carries its
document's ``doc_id``, ``date`` and ``genre`` and the ``sentence`` the item stands in, then
the item's own fields (a figure's indicator as ``indicator``, ``indicator_start``,
``indicator_end``).
"""

from __future__ import annotations

import bisect
import json
import os
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from .errors import Errors, InputError
from .schema import Document

FIELDS = {
    "quantities": ("text", "value", "value_max", "unit", "bound", "measure", "status",
                   "indicator", "indicator_start", "indicator_end", "period", "start", "end",
                   "node_id"),
    "entities": ("text", "label", "canonical", "start", "end", "node_id"),
    "nodes": ("id", "parent", "kind", "text", "start", "end"),
}
DOC_COLUMNS = ("doc_id", "date", "genre", "sentence")


def _read_jsonl(path: Path) -> Iterator[Document]:
    """The Documents of a batch output; failed ones (``error``) hold nothing and are left out."""
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as err:
                if not line.endswith("\n"):  # the last line of a run still writing
                    return
                raise InputError(Errors.E008.format(file=f"{path}:{n}", error=err)) from None
            if isinstance(d, dict) and "error" not in d:
                yield Document.from_dict(d)


def _documents(path_or_docs: Any) -> Iterator[Document]:
    if isinstance(path_or_docs, (str, os.PathLike)):
        yield from _read_jsonl(Path(path_or_docs))
    elif isinstance(path_or_docs, Document):
        yield path_or_docs
    elif isinstance(path_or_docs, Mapping):  # a Document's JSON (to_dict, a batch line)
        yield Document.from_dict(path_or_docs)
    elif isinstance(path_or_docs, Iterable):
        for x in path_or_docs:
            if isinstance(x, (str, os.PathLike, Document, Mapping)):
                yield from _documents(x)
            elif not hasattr(x, "error"):  # a batch FailedDocument has nothing to show
                raise TypeError(f"to_dataframe: expected a Document or a path, got "
                                f"{type(x).__name__}")
    else:
        raise TypeError(f"to_dataframe: expected a path, a Document or an iterable of them, got "
                        f"{type(path_or_docs).__name__}")


class _Context:
    """A text's sentences (the pipeline's own, in raw offsets) and its genre."""

    def __init__(self, text: str):
        from .frames.build import detect_genre
        from .text.normalize import normalize
        from .text.segment import segment

        norm = normalize(text)
        self.text = text
        self.sents = [(s.raw_start, s.raw_end) for s in segment(norm).sentences]
        self.starts = [s for s, _ in self.sents]
        self.genre = detect_genre(norm.text)[0]

    def sentence(self, start: int, end: int) -> str | None:
        """The sentence(s) holding raw ``[start, end)``; the span itself outside any sentence."""
        i = bisect.bisect_right(self.starts, start) - 1
        j = bisect.bisect_left(self.starts, end) - 1
        if i < 0 or self.sents[i][1] <= start:
            return self.text[start:end]
        return self.text[self.sents[i][0]:max(self.sents[j][1], end)]


def _fields(item: Any, names: tuple[str, ...]) -> dict[str, Any]:
    d = item.to_dict()
    ind = d.get("indicator")
    if isinstance(ind, dict):  # flat: the indicator's text and offsets in columns of their own
        d.update(indicator=ind["text"], indicator_start=ind["start"], indicator_end=ind["end"])
    return {k: d.get(k) for k in names}


def to_dataframe(path_or_docs: Any, layer: str = "quantities", *, texts: str | Path | None = None):
    """One row per item of ``layer`` (``quantities``, ``entities`` or ``nodes``) of every document.

    ``path_or_docs``: the output of ``policy-extract batch`` (a JSONL path), a
    :class:`~policy_extract.Document` (or its JSON as a dict), or an iterable of these (e.g.
    from ``iter_extract``).
    A batch output holds no text: give ``texts``, the batch's input (folder of .txt, JSONL,
    dataset, Parquet), for the ``sentence`` and ``genre`` columns, which are empty otherwise
    (unless the output kept the genre: ``--explain``).

    >>> import policy_extract
    >>> doc = policy_extract.extract("今年力争新增规模以上工业企业300家。", "a", date="2026")
    >>> row = to_dataframe(doc).iloc[0]
    >>> row.doc_id, row.date, row.sentence
    ('a', '2026', '今年力争新增规模以上工业企业300家。')
    >>> row.text, float(row.value), row.indicator, row.period
    ('300家', 300.0, '新增规模以上工业企业', '2026')
    """
    try:
        import pandas as pd
    except ImportError:
        raise ImportError('to_dataframe needs pandas: pip install "policy_extract[pandas]"'
                          ) from None
    if layer not in FIELDS:
        raise ValueError(f"to_dataframe: unknown layer {layer!r}; use one of "
                         f"{', '.join(FIELDS)}")
    docs = list(_documents(path_or_docs))
    raw: dict[str, str] = {}
    if texts is not None:
        from .batch import iter_input

        wanted = {d.doc_id for d in docs if not d.text}
        raw = {r.doc_id: r.text for r in iter_input(texts)
               if r.doc_id in wanted and isinstance(r.text, str)}
    rows = []
    for doc in docs:
        items = getattr(doc, layer)
        if not items:
            continue
        text = doc.text or raw.get(doc.doc_id, "")
        ctx = _Context(text) if text else None
        # the pipeline's own genre where the Document or its evidence kept it (the pipeline
        # also reads a page's title), else detected from the text as the pipeline does
        genre = getattr(doc, "genre", None) or next(
            (q.evidence["genre"] for q in doc.quantities if q.evidence and q.evidence.get("genre")),
            ctx.genre if ctx else None)
        for it in items:
            # a text the offsets do not index gives no sentence rather than a wrong one
            fits = ctx is not None and text[it.start:it.end] == it.text
            rows.append({"doc_id": doc.doc_id, "date": doc.date, "genre": genre,
                         "sentence": ctx.sentence(it.start, it.end) if fits else None,
                         **_fields(it, FIELDS[layer])})
    return pd.DataFrame(rows, columns=[*DOC_COLUMNS, *FIELDS[layer]])
