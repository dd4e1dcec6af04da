"""Batch inputs as :class:`Record` objects, and what a failed document becomes.

Every reader and API entry point turns its items into Records (bad rows become error
records, never exceptions), and every record gets an id no other record has.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Iterable, Iterator, Mapping

from ..errors import Errors
from ..schema import sha256_text


ID_KEYS = ("id", "doc_id")


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
