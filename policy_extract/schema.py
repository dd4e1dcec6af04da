"""Typed results shared by every stage, and the only code that knows the JSON schema.

The JSON shape is GUIDELINES §4. ``to_dict()`` emits exactly those keys; the
extras this library adds (``node_id`` on quantities and entities, null when no
node holds the item, ``warnings`` on the document, ``evidence`` under
``explain=True``) are additive, so gold and predictions are read by the same
``from_dict``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Iterable, Mapping


class Bound(str, Enum):
    EQ = "eq"
    APPROX = "approx"
    GE = "ge"
    GT = "gt"
    LE = "le"
    LT = "lt"
    RANGE = "range"


class Measure(str, Enum):
    LEVEL = "level"
    GROWTH = "growth"
    SHARE = "share"
    CHANGE = "change"
    RANK = "rank"


class Status(str, Enum):
    TARGET = "target"
    ACHIEVED = "achieved"
    OTHER = "other"


class EntityLabel(str, Enum):
    PLATFORM = "PLATFORM"
    ENTERPRISE = "ENTERPRISE"
    PARK = "PARK"
    INSTITUTION = "INSTITUTION"
    POLICY_DOC = "POLICY_DOC"
    PROGRAM = "PROGRAM"


class NodeKind(str, Enum):
    ARTICLE = "article"
    SECTION = "section"
    ACTION = "action"
    TASK = "task"


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A ``[start, end)`` span in code points of the raw text, with its text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | None) -> TextSpan | None:
        if d is None:
            return None
        return cls(int(d["start"]), int(d["end"]), str(d["text"]))


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure (GUIDELINES §1): span, normalised value, unit, bound, measure, status."""

    start: int
    end: int
    text: str
    value: float
    unit: str
    value_max: float | None = None
    bound: Bound = Bound.EQ
    measure: Measure = Measure.LEVEL
    status: Status = Status.OTHER
    indicator: TextSpan | None = None
    period: str | None = None
    node_id: str | None = None
    source: str = "rules"
    evidence: Mapping[str, Any] | None = field(default=None, compare=False)

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": float(self.value),
            "value_max": None if self.value_max is None else float(self.value_max),
            "unit": self.unit,
            "bound": self.bound.value,
            "measure": self.measure.value,
            "status": self.status.value,
            "indicator": None if self.indicator is None else self.indicator.to_dict(),
            "period": self.period,
            "node_id": self.node_id,  # always present: null outside every node (or no nodes)
        }
        if explain:
            d["source"] = self.source
            d["evidence"] = dict(self.evidence or {})
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Quantity:
        vmax = d.get("value_max")
        return cls(
            start=int(d["start"]),
            end=int(d["end"]),
            text=str(d["text"]),
            value=float(d["value"]),
            value_max=None if vmax is None else float(vmax),
            unit=str(d.get("unit") or ""),
            bound=Bound(d.get("bound", "eq")),
            measure=Measure(d.get("measure", "level")),
            status=Status(d.get("status", "other")),
            indicator=TextSpan.from_dict(d.get("indicator")),
            period=d.get("period"),
            node_id=d.get("node_id"),
            source=str(d.get("source", "rules")),
            evidence=d.get("evidence"),
        )


@dataclass(frozen=True, slots=True)
class Entity:
    """A named thing (GUIDELINES §2) with an optional canonical id."""

    start: int
    end: int
    text: str
    label: EntityLabel
    canonical: str | None = None
    node_id: str | None = None
    source: str = "rules"
    score: float = 1.0
    evidence: Mapping[str, Any] | None = field(default=None, compare=False)

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label.value,
        }
        if self.canonical is not None:
            d["canonical"] = self.canonical
        d["node_id"] = self.node_id  # always present, as on quantities
        if explain:
            d["source"] = self.source
            d["score"] = round(float(self.score), 4)
            d["evidence"] = dict(self.evidence or {})
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Entity:
        return cls(
            start=int(d["start"]),
            end=int(d["end"]),
            text=str(d["text"]),
            label=EntityLabel(d["label"]),
            canonical=d.get("canonical"),
            node_id=d.get("node_id"),
            source=str(d.get("source", "rules")),
            score=float(d.get("score", 1.0)),
            evidence=d.get("evidence"),
        )


@dataclass(frozen=True, slots=True)
class Node:
    """A node of the action–task tree (GUIDELINES §3)."""

    id: str
    parent: str | None
    kind: NodeKind
    start: int
    end: int
    text: str
    evidence: Mapping[str, Any] | None = field(default=None, compare=False)

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "parent": self.parent,
            "kind": self.kind.value,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }
        if explain:
            d["evidence"] = dict(self.evidence or {})
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Node:
        return cls(
            id=str(d["id"]),
            parent=d.get("parent"),
            kind=NodeKind(d["kind"]),
            start=int(d["start"]),
            end=int(d["end"]),
            text=str(d["text"]),
            evidence=d.get("evidence"),
        )


def sha256_text(text: str) -> str:
    """sha256 of the UTF-8 bytes of ``text`` (the raw file's bytes for UTF-8 files)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class TimeFrame:
    """A span of the raw text with the status lean and period it gives the figures in it
    (GUIDELINES §1 time frames; see :mod:`policy_extract.frames`)."""

    start: int
    end: int
    kind: str  # genre | heading | list | sentence
    rule: str
    cue: str
    status: str | None = None
    period: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind, "rule": self.rule,
                "cue": self.cue, "status": self.status, "period": self.period}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "TimeFrame":
        return cls(int(d["start"]), int(d["end"]), d["kind"], d["rule"], d.get("cue", ""),
                   d.get("status"), d.get("period"))


@dataclass(frozen=True, slots=True)
class Document:
    """One source text and everything extracted from it.

    ``text`` is the raw text, never rewritten: every span indexes into it.
    """

    text: str
    doc_id: str | None = None
    source: str | None = None
    date: str | None = None
    sha256: str | None = None
    quantities: tuple[Quantity, ...] = ()
    entities: tuple[Entity, ...] = ()
    nodes: tuple[Node, ...] = ()
    warnings: tuple[str, ...] = ()
    # derived context, not extracted content: two results with the same items are equal
    genre: str | None = field(default=None, compare=False)  # report | plan | notice | bulletin | news | review
    frames: tuple[TimeFrame, ...] = field(default=(), compare=False)  # raw offsets, outermost first

    def frame_at(self, i: int) -> TimeFrame | None:
        """The innermost time frame holding raw index ``i`` (a later start is deeper)."""
        best = None
        for f in self.frames:
            if f.start <= i < f.end and (best is None or f.start >= best.start):
                best = f
        return best

    @property
    def text_sha256(self) -> str:
        return self.sha256 or sha256_text(self.text)

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        """The GUIDELINES §4 object (plus ``warnings``; ``evidence`` when ``explain``)."""
        d: dict[str, Any] = {
            "doc_id": self.doc_id,
            "source": self.source,
            "text_sha256": self.text_sha256,
            "quantities": [q.to_dict(explain) for q in self.quantities],
            "entities": [e.to_dict(explain) for e in self.entities],
            "nodes": [n.to_dict(explain) for n in self.nodes],
            "warnings": list(self.warnings),
        }
        if self.date is not None:
            d["date"] = self.date
        if explain and self.genre is not None:
            d["genre"] = self.genre
            d["frames"] = [f.to_dict() for f in self.frames]
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], text: str = "") -> Document:
        """Read a gold or prediction file; ``text`` is the raw text when known.

        A file that is not a §4 object (a bad label, a start that is no integer, a missing
        key) raises :class:`~policy_extract.errors.InputError` E028, never a bare traceback.
        """
        try:
            return cls._from_dict(d, text)
        except (KeyError, ValueError, TypeError, AttributeError) as err:
            from .errors import Errors, InputError

            what = f"missing key {err}" if isinstance(err, KeyError) else str(err)
            raise InputError(Errors.E028.format(error=what)) from None

    @classmethod
    def _from_dict(cls, d: Mapping[str, Any], text: str) -> Document:
        return cls(
            text=text,
            doc_id=d.get("doc_id"),
            source=d.get("source"),
            date=d.get("date"),
            sha256=d.get("text_sha256"),
            quantities=tuple(Quantity.from_dict(q) for q in d.get("quantities", [])),
            entities=tuple(Entity.from_dict(e) for e in d.get("entities", [])),
            nodes=tuple(Node.from_dict(n) for n in d.get("nodes", [])),
            warnings=tuple(d.get("warnings", [])),
            genre=d.get("genre"),
            frames=tuple(TimeFrame.from_dict(f) for f in d.get("frames", [])),
        )

    def check_offsets(self) -> list[str]:
        """Every reported span must satisfy ``text[start:end] == span.text``."""
        problems = []
        items: Iterable[Any] = (*self.quantities, *self.entities, *self.nodes)
        for it in items:
            if self.text[it.start : it.end] != it.text:
                problems.append(f"{type(it).__name__} {it.start}:{it.end} {it.text!r}")
        for q in self.quantities:
            ind = q.indicator
            if ind is not None and self.text[ind.start : ind.end] != ind.text:
                problems.append(f"indicator {ind.start}:{ind.end} {ind.text!r}")
        return problems

    def quantities_table(self) -> list[dict[str, Any]]:
        """One flat row per figure: what analysts paste into a spreadsheet."""
        rows = []
        for q in self.quantities:
            rows.append(
                {
                    "doc_id": self.doc_id,
                    "indicator": q.indicator.text if q.indicator else None,
                    "text": q.text,
                    "value": q.value,
                    "value_max": q.value_max,
                    "unit": q.unit,
                    "bound": q.bound.value,
                    "measure": q.measure.value,
                    "status": q.status.value,
                    "period": q.period,
                    "start": q.start,
                    "end": q.end,
                    "node_id": q.node_id,
                    "genre": self.genre,
                    "frame": _frame_label(self.frame_at(q.start)),
                }
            )
        return rows

    def tree(self, explain: bool = False) -> str:
        """The action–task tree with the figures and names attached, as text; ``explain`` adds
        each node's rule and each figure's cues (extract with ``explain=True`` first)."""
        from .render.text import render_tree

        return render_tree(self, explain)


def _frame_label(f: TimeFrame | None) -> str | None:
    """``achieved 2023 (heading 一、2023年工作回顾)``: a frame as a table cell."""
    if f is None:
        return None
    what = " ".join(x for x in (f.status, f.period) if x)
    return f"{what} ({f.kind} {f.cue})" if f.cue else f"{what} ({f.kind})"

