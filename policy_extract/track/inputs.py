"""What ``track`` reads: Documents, records, a folder of .txt, a JSONL of records or batch output.

- a folder: every ``*.txt`` under it (ids are the relative paths without ``.txt``);
- a JSONL of records: ``id``, ``text`` and optionally ``date`` (else ``year``), ``title``, ``place``;
- a batch output (lines with ``quantities``): read as extracted; its texts come from a
  ``text`` key, or from ``texts`` (the batch's input: a folder or records JSONL) by doc id;
  without a text a document keeps its figures but its place is only what ``meta`` says.

``meta`` (doc id → ``date``/``title``/``place``) fills what the input lacks: a mapping, a
``metadata.json`` (``{"documents": [{"doc_id", "date", "title"}]}``) or a records JSONL.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterator, Mapping

from ..schema import Document
from .figures import TrackDoc, track_doc

META_KEYS = ("date", "title", "place")


def _date_of(rec: Mapping[str, Any]) -> str | None:
    d = rec.get("date")
    if d not in (None, ""):
        return str(d)
    y = rec.get("year")
    return str(y) if y not in (None, "") else None


def read_meta(meta: Any) -> dict[str, dict[str, Any]]:
    """doc id → {date, title, place} from a mapping, a metadata.json or a records JSONL."""
    if meta is None:
        return {}
    if isinstance(meta, Mapping):
        if "documents" in meta:
            meta = meta["documents"]
        else:
            return {str(k): dict(v) if isinstance(v, Mapping) else {"date": v}
                    for k, v in meta.items()}
    if isinstance(meta, (str, os.PathLike)):
        p = Path(meta)
        if p.suffix == ".jsonl":
            rows = [json.loads(ln) for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
        else:
            return read_meta(json.loads(p.read_text(encoding="utf-8")))
        meta = rows
    out = {}
    for r in meta:
        did = str(r.get("doc_id") or r.get("id"))
        out[did] = {"date": _date_of(r), "title": r.get("title"), "place": r.get("place")}
    return out


def _texts(texts: Any) -> dict[str, str]:
    if texts is None:
        return {}
    if isinstance(texts, Mapping):
        return {str(k): v for k, v in texts.items()}
    p = Path(texts)
    if p.is_dir():
        from ..batch import _iter_txt

        return {r.doc_id: r.text for r in _iter_txt(p) if r.text is not None}
    out = {}
    with open(p, encoding="utf-8") as fh:
        for ln in fh:
            if ln.strip():
                r = json.loads(ln)
                if isinstance(r.get("text"), str):
                    out[str(r.get("id") or r.get("doc_id"))] = r["text"]
    return out


def _is_batch_line(d: Mapping[str, Any]) -> bool:
    return "quantities" in d and "text_sha256" in d


def iter_items(source: Any) -> Iterator[Any]:
    """The documents, records or batch lines of ``source`` (a path or an iterable)."""
    if isinstance(source, (str, os.PathLike)):
        p = Path(source)
        if p.is_dir():
            from ..batch import _iter_txt

            for r in _iter_txt(p):
                if r.text is not None:
                    yield {"id": r.doc_id, "text": r.text, "source": r.source}
            return
        with open(p, encoding="utf-8") as fh:
            for ln in fh:
                if ln.strip():
                    yield json.loads(ln)
        return
    if isinstance(source, (Document, TrackDoc, Mapping)):
        yield source
        return
    for x in source:
        if isinstance(x, (str, os.PathLike)) and (Path(x).is_dir() or Path(x).suffix in (".jsonl", ".json")):
            yield from iter_items(x)
        else:
            yield x


def load_documents(source: Any, *, nlp=None, mode: str = "rules", meta: Any = None,
                   texts: Any = None) -> list[TrackDoc]:
    """Every input as a :class:`TrackDoc`: extracted (records) or read (batch output)."""
    md = read_meta(meta)
    tx = _texts(texts)
    out: list[TrackDoc] = []
    for i, item in enumerate(iter_items(source)):
        if isinstance(item, TrackDoc):
            out.append(item)
            continue
        if isinstance(item, Document):
            m = md.get(item.doc_id or "", {})
            out.append(track_doc(item, title=m.get("title"), place=m.get("place")))
            continue
        if isinstance(item, str):
            item = {"id": f"doc{i}", "text": item}
        if not isinstance(item, Mapping) or "error" in item:
            continue
        did = str(item.get("doc_id") or item.get("id") or f"doc{i}")
        m = md.get(did, {})
        title = item.get("title") or m.get("title")
        place = item.get("place") if "place" in item and isinstance(item.get("place"), str) else None
        place = place or m.get("place")
        date = _date_of(item) or m.get("date")
        if _is_batch_line(item):
            text = item.get("text") if isinstance(item.get("text"), str) else tx.get(did, "")
            doc = Document.from_dict(dict(item) | {"doc_id": did, "date": date}, text=text)
        else:
            if nlp is None:
                from ..pipeline import load

                nlp = load(mode)
            doc = nlp(item["text"], doc_id=did, date=date, title=title,
                      source=item.get("source"))
        out.append(track_doc(doc, title=title, place=place))
    return out
