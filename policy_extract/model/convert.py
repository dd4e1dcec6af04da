"""Training data for the entity model: silver (rule stage) and gold spans → ``DocBin``.

Docs are built by the same jieba tokenizer inference uses. A span whose
boundaries fall inside a token cannot be an NER label; it is never dropped
silently: its tokens are marked *missing* (neither entity nor ``O``), so the
model is not taught a wrong boundary, and :class:`AlignReport` counts and lists it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span

from ..schema import Entity
from ..text.offsets import merge_ranges
from .features import set_tags


@dataclass(frozen=True)
class Record:
    """One training text and its spans; ``kind`` is ``silver`` (rules) or ``gold``.

    ``negatives=False``: the tokens outside ``entities`` are *missing*, not ``O``
    (silver whose misses should not be taught as non-names).
    """

    doc_id: str
    text: str
    entities: tuple[Entity, ...]
    kind: str
    negatives: bool = True
    tags: tuple[Entity, ...] | None = None  # rule entities the model reads as a feature (features.py)


@dataclass
class AlignReport:
    """What the conversion did with every span."""

    docs: int = 0
    spans: dict[str, int] = field(default_factory=lambda: {"silver": 0, "gold": 0})
    aligned: dict[str, int] = field(default_factory=lambda: {"silver": 0, "gold": 0})
    misaligned: list[dict] = field(default_factory=list)  # marked missing
    overlapping: list[dict] = field(default_factory=list)  # lost to a longer/earlier span
    _hash: "hashlib._Hash" = field(default_factory=hashlib.sha256, repr=False)

    def add_fingerprint(self, doc: Doc, copies: int = 1) -> None:
        """Fold the tokens and labels of ``doc`` into :attr:`fingerprint`."""
        item = [copies, [t.text for t in doc], [t.ent_iob_ + t.ent_type_ for t in doc]]
        if any(t.lemma for t in doc):  # rule tags (features.py); untagged docs hash as before
            item.append([t.lemma_ for t in doc])
        # (a missing token has ent_iob_ "": differs from "O", so negatives are fingerprinted)
        self._hash.update(json.dumps(item, ensure_ascii=False).encode("utf-8"))

    @property
    def fingerprint(self) -> str:
        """sha256 over every training doc's tokens and labels: same data, same fingerprint."""
        return self._hash.hexdigest()

    def to_dict(self) -> dict:
        return {"docs": self.docs, "spans": self.spans, "aligned": self.aligned,
                "misaligned": self.misaligned, "overlapping": self.overlapping,
                "fingerprint": self.fingerprint}

    def summary(self) -> str:
        parts = []
        for kind in ("gold", "silver"):
            n = self.spans[kind]
            bad = sum(1 for m in self.misaligned if m["kind"] == kind)
            ov = sum(1 for m in self.overlapping if m["kind"] == kind)
            parts.append(f"{kind}: {n} spans, {self.aligned[kind]} aligned, {bad} not on token "
                         f"boundaries (marked missing), {ov} overlapping (dropped, shorter)")
        return f"{self.docs} docs; " + "; ".join(parts)


def _flat(spans: Sequence[Entity]) -> tuple[list[Entity], list[Entity]]:
    """Longest-first non-overlapping subset and the rest (GUIDELINES §2: spans are flat).

    >>> from policy_extract.schema import EntityLabel as L
    >>> a, b = Entity(0, 4, "湖南大学", L.INSTITUTION), Entity(2, 4, "大学", L.INSTITUTION)
    >>> [e.text for e in _flat([b, a])[0]], [e.text for e in _flat([b, a])[1]]
    (['湖南大学'], ['大学'])
    """
    keep: list[Entity] = []
    rest: list[Entity] = []
    for e in sorted(spans, key=lambda e: (-(e.end - e.start), e.start)):
        if any(e.start < k.end and k.start < e.end for k in keep):
            rest.append(e)
        else:
            keep.append(e)
    return sorted(keep, key=lambda e: e.start), rest


def entity_doc(nlp: Language, rec: Record, report: AlignReport) -> Doc:
    """``rec.text`` tokenised as at inference, with ``rec.entities`` as NER annotation."""
    doc = nlp.make_doc(rec.text)
    if rec.tags:
        set_tags(doc, rec.tags)
    report.docs += 1
    keep, rest = _flat(rec.entities)
    for e in rest:
        report.overlapping.append({"doc_id": rec.doc_id, "kind": rec.kind, "start": e.start,
                                   "end": e.end, "text": e.text, "label": e.label.value})
    ents: list[Span] = []
    missing: list[Span] = []
    for e in keep:
        report.spans[rec.kind] += 1
        sp = doc.char_span(e.start, e.end, label=e.label.value)
        if sp is not None:
            ents.append(sp)
            report.aligned[rec.kind] += 1
            continue
        wide = doc.char_span(e.start, e.end, alignment_mode="expand")
        report.misaligned.append({"doc_id": rec.doc_id, "kind": rec.kind, "start": e.start,
                                  "end": e.end, "text": e.text, "label": e.label.value,
                                  "tokens": wide.text if wide is not None else None})
        if wide is not None:
            missing.append(wide)
    # a widened region may touch a neighbouring entity: the entity wins, the rest stays unknown
    missing = [m for m in missing if not any(m.start < s.end and s.start < m.end for s in ents)]
    # two widened regions may share a token: one unknown region over both
    missing = [doc[a:b] for a, b in merge_ranges((m.start, m.end) for m in missing)]
    doc.set_ents(ents, missing=missing, default="outside" if rec.negatives else "missing")
    return doc


def to_docbin(nlp: Language, records: Iterable[Record], report: AlignReport | None = None,
              repeat: Mapping[str, int] | None = None) -> tuple[DocBin, AlignReport]:
    """All records as one DocBin; ``repeat[doc_id]`` copies of a doc (counted once in the report)."""
    report = report or AlignReport()
    db = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE", "LEMMA"], store_user_data=False)
    for rec in records:
        doc = entity_doc(nlp, rec, report)
        copies = (repeat or {}).get(rec.doc_id, 1)
        report.add_fingerprint(doc, copies)
        for _ in range(copies):
            db.add(doc)
    return db, report


# ---------------------------------------------------------------- sources


def read_pages(path: str | Path) -> dict[str, str]:
    """``id -> text`` from the corpus JSONL (one page per line)."""
    out: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                out[d["id"]] = d["text"]
    return out


def sentence_chunks(text: str, sentences: Sequence[tuple[int, int]], entities: Sequence[Entity],
                    keep_every: int) -> list[tuple[int, int]]:
    """Raw ``(start, end)`` pieces of ``text`` to train on: every sentence holding an entity,
    and one in ``keep_every`` of the others (negatives, so the model still learns ``O``).

    A sentence an entity runs out of is joined to the next, so no entity is cut.
    ``keep_every <= 1`` keeps the whole text.

    >>> sents = [(0, 5), (5, 10), (10, 15), (15, 20)]
    >>> from policy_extract.schema import EntityLabel as L
    >>> sentence_chunks("x" * 20, sents, [Entity(3, 7, "xxxx", L.PARK)], 2)
    [(0, 10), (10, 15)]
    """
    if keep_every <= 1 or not sentences:
        return [(0, len(text))]
    starts = sorted(e.start for e in entities)
    ends = {e.start: e.end for e in entities}
    out: list[tuple[int, int]] = []
    neg = 0
    i = 0
    cur: tuple[int, int] | None = None
    for a, b in sentences:
        if cur is not None and a < cur[1]:  # still inside an entity that ran on
            cur = (cur[0], max(cur[1], b))
            continue
        if cur is not None:
            out.append(cur)
            cur = None
        while i < len(starts) and starts[i] < a:
            i += 1
        inside = [ends[s] for s in starts[i:] if s < b]
        if inside:
            cur = (a, max(b, *inside))
        else:
            if neg % keep_every == 0:
                out.append((a, b))
            neg += 1
    if cur is not None:
        out.append(cur)
    return out


def silver_records(texts: dict[str, str], ids: Iterable[str], rules=None,
                   keep_every: int = 1, negatives: bool = True) -> Iterator[Record]:
    """The rule stage's entities over ``texts[ids]`` (never scored as gold).

    ``keep_every > 1``: one record per :func:`sentence_chunks` piece (sentences with a
    silver entity, one in ``keep_every`` of the rest), which trains several times faster.
    """
    from ..extensions import get_state
    from ..export import to_document

    if rules is None:
        from ..pipeline import load

        rules = load("rules")
    for doc_id in ids:
        text = texts[doc_id]
        sdoc = rules.run(rules.make_doc(text, doc_id=doc_id))
        ents = tuple(to_document(sdoc).entities)
        st = get_state(sdoc)
        sents = [(x.raw_start, x.raw_end) for x in st.seg.sentences] if st.seg else []
        chunks = sentence_chunks(text, sents, ents, keep_every)
        if chunks == [(0, len(text))]:
            yield Record(doc_id, text, ents, "silver", negatives)
            continue
        for a, b in chunks:
            sub = tuple(Entity(e.start - a, e.end - a, e.text, e.label)
                        for e in ents if a <= e.start and e.end <= b)
            yield Record(f"{doc_id}@{a}", text[a:b], sub, "silver", negatives)


def gold_records(gold_dir: str | Path, ids: Iterable[str],
                 raw_dirs: list[str | Path] | None = None) -> Iterator[Record]:
    """Gold entities of ``ids`` from ``gold_dir`` (raw texts found as ``evaluate`` finds them)."""
    from ..corpus import iter_gold

    wanted = set(ids)
    for it in iter_gold(gold_dir, raw_dirs):
        if it.gold.doc_id in wanted:
            yield Record(it.gold.doc_id, it.gold.text, tuple(it.gold.entities), "gold")


def train_gold_records(gold_dir: str | Path | None, ids: Iterable[str],
                       texts: Mapping[str, str]) -> Iterator[Record]:
    """Hand-annotated entities (``corpora/train_gold/<id>.json``) of the silver train pages ``ids``.

    Only the ``entities`` layer of these files is annotated. A file whose
    ``text_sha256`` does not match the corpus text, or whose spans do not match
    the text, is an error (never silently trained on).
    """
    from ..schema import sha256_text

    if gold_dir is None or not Path(gold_dir).is_dir():
        return
    wanted = set(ids)
    for path in sorted(Path(gold_dir).glob("*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        if d["doc_id"] not in wanted:
            raise ValueError(f"{path}: {d['doc_id']} is not a silver train page of the splits")
        text = texts[d["doc_id"]]
        if d.get("text_sha256") != sha256_text(text):
            raise ValueError(f"{path}: text_sha256 does not match the corpus text of {d['doc_id']}")
        ents = tuple(Entity.from_dict(e) for e in d["entities"])
        bad = [e for e in ents if text[e.start:e.end] != e.text]
        if bad:
            raise ValueError(f"{path}: span text differs from the raw text at {bad[0].start}")
        yield Record(d["doc_id"], text, ents, "gold")


def replace_mentions(rec: Record, pick) -> Record:
    """``rec`` with every entity's text replaced by ``pick(entity)`` (same label), offsets shifted.

    >>> from policy_extract.schema import EntityLabel as L
    >>> r = Record("d", "依托湖南大学建设", (Entity(2, 6, "湖南大学", L.INSTITUTION),), "gold")
    >>> out = replace_mentions(r, lambda e: "中南大学中心")
    >>> out.text, [(e.start, e.end, e.text) for e in out.entities]
    ('依托中南大学中心建设', [(2, 8, '中南大学中心')])
    """
    parts: list[str] = []
    ents: list[Entity] = []
    pos = shift = 0
    for e in sorted(rec.entities, key=lambda e: e.start):
        if e.start < pos:  # overlapping (cannot be trained on anyway): keep the first
            continue
        new = pick(e)
        parts.append(rec.text[pos:e.start])
        start = e.start + shift
        ents.append(Entity(start, start + len(new), new, e.label))
        parts.append(new)
        shift += len(new) - (e.end - e.start)
        pos = e.end
    parts.append(rec.text[pos:])
    return Record(rec.doc_id, "".join(parts), tuple(ents), rec.kind, rec.negatives)


def augment_records(records: Sequence[Record], copies: int, seed: int = 0) -> list[Record]:
    """``copies`` mention-replaced variants of every record that has entities.

    Each name is swapped for a random name of the same label drawn from ``records``
    themselves, so the model learns the contexts names occur in, not one list of
    names per context. Deterministic for a given ``seed``; ids get ``#aug<k>``.
    """
    import random

    if copies <= 0:
        return []
    pool: dict[str, list[str]] = {}
    for r in records:
        for e in r.entities:
            pool.setdefault(e.label.value, []).append(e.text)
    pools = {k: sorted(set(v)) for k, v in pool.items()}
    rng = random.Random(seed)
    out = []
    for r in records:
        if not r.entities:
            continue
        for k in range(copies):
            aug = replace_mentions(r, lambda e: rng.choice(pools[e.label.value]))
            out.append(Record(f"{r.doc_id}#aug{k}", aug.text, aug.entities, r.kind, r.negatives))
    return out


def load_splits(path: str | Path, gold_dirs: Iterable[str | Path] | None = None) -> dict:
    """``corpora/splits.json``, checked for leakage.

    Held-out gold (every ``test.heldout*`` list and every file in a ``heldout*_gold/`` folder) is in
    no training or dev set; dev_gold pages are never silver (their gold may be
    trained on, ``dev_gold_train``, only inside ``folds``); every gold-trained text
    is in exactly one fold. ``gold_dirs`` (default: ``dev_gold``, ``heldout_gold`` and
    ``heldout2_gold`` next to the splits file) are read from disk, so gold added after the splits were
    written cannot leak in.
    """
    path = Path(path)
    sp = json.loads(path.read_text(encoding="utf-8"))
    # Every sealed set is named heldout*: a new one (heldout3_gold) is refused without a code change.
    dirs = [Path(d) for d in gold_dirs] if gold_dirs is not None else [
        path.parent / "dev_gold", *sorted(path.parent.glob("heldout*_gold"))]
    dev = set(sp["test"].get("dev_gold", []))
    held = {d for name, ids in sp["test"].items() if name.startswith("heldout") for d in ids}
    for d in dirs:
        (held if d.name.startswith("heldout") else dev).update(p.stem for p in d.glob("*.json"))
    silver = set(sp["train"]) | set(sp["dev"])
    gold = set(sp.get("gold_train", [])) | set(sp.get("dev_gold_train", []))
    leak = (held & (silver | gold)) | (dev & silver)
    if leak:
        raise ValueError(f"{path}: dev_gold/heldout_gold docs in training data: {sorted(leak)}")
    folds = sp.get("folds", {})
    placed = [d for ids in folds.values() for d in ids]
    if gold and (sorted(placed) != sorted(gold)):
        raise ValueError(f"{path}: every gold-trained text must be in exactly one fold; "
                         f"unplaced {sorted(gold - set(placed))}, "
                         f"twice or untrained {sorted(set(d for d in placed if placed.count(d) > 1) | (set(placed) - gold))}")
    return sp


__all__ = ["AlignReport", "Record", "entity_doc", "to_docbin", "read_pages", "silver_records",
           "gold_records", "train_gold_records", "augment_records", "replace_mentions",
           "load_splits"]
