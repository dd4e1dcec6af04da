"""One document through the pipeline, never raising for a bad one, and its output lines."""

from __future__ import annotations

import contextlib
import json
import traceback
from typing import Any

from ..errors import Errors
from ..schema import Document
from .records import FailedDocument, Record


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
