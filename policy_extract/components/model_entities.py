"""``policy_model_entities``: the trained NER → ``doc._.pe.model_entities`` (source ``model``, with a score).

The component holds the trained pipeline(s) built by ``policy-extract train`` and
runs their ``ner`` on the Doc our own tokenizer made (the same jieba tokenizer the
model was trained with). Entities come from the greedy parse (fast); an entity's
``score`` is its probability in a small beam search over its sentence, which the
merge policy thresholds.

The component runs one model whatever the text: inference never looks at gold. Honest
figures on gold texts the model was trained on come from the evaluation side
(``policy-extract evaluate --cv``, :mod:`policy_extract.model.folds`), which picks the
cross-validation model that left each text out.
"""

from __future__ import annotations

import json
import logging
from bisect import bisect_left, bisect_right
from itertools import accumulate
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import Errors, ModelError
from ..extensions import get_state
from ..model.features import set_tags
from ..schema import Entity, EntityLabel
from ..text.offsets import merge_ranges

logger = logging.getLogger("policy_extract")

_LABELS = {lab.value: lab for lab in EntityLabel}
_EDGE = " \t\r\n\u3000*"  # never inside an entity's edge (whitespace, markdown ** the view drops)
# The model reads one sentence at a time, and a sentence longer than MAX_TOKENS in pieces of
# that many tokens: a whole-document parse took 9.5 GB on a 10 MB page, and time and memory
# must stay linear whatever the punctuation (one unpunctuated line is one "sentence").
MAX_TOKENS = 256
BATCH = 64  # pieces per network call


def trim_span(raw: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past whitespace and ``*`` at either edge.

    >>> trim_span("** 湘江科学城\\n", 0, 9)
    (3, 8)
    >>> trim_span("  ", 0, 2)
    (2, 2)
    """
    while start < end and raw[start] in _EDGE:
        start += 1
    while end > start and raw[end - 1] in _EDGE:
        end -= 1
    return start, end


class EntityShape:
    """The shape checks of ``data/zh/model_entity_shape.json``: a name, not a clause.

    >>> sh = EntityShape.load()
    >>> sh.ok("岳麓山实验室", "PLATFORM"), sh.ok("“安逸四川", "PROGRAM"), sh.ok("文旅,大文章", "PROGRAM")
    (True, False, False)
    >>> sh.ok("“增品种、提品质、创品牌”行动", "PROGRAM")
    True
    """

    FILE = "model_entity_shape.json"

    def __init__(self, max_chars: dict[str, int], forbidden: str, pairs: list[list[str]]):
        self.max_chars = max_chars
        self.forbidden = frozenset(forbidden)
        self.pairs = [tuple(p) for p in pairs]

    @classmethod
    def load(cls) -> "EntityShape":
        from ..rules.loader import check_keys, load_json

        d = load_json(cls.FILE)
        check_keys(d, file=cls.FILE, required=("max_chars", "forbidden_chars", "balanced_pairs"))
        return cls(dict(d["max_chars"]), d["forbidden_chars"], d["balanced_pairs"])

    def ok(self, text: str, label: str) -> bool:
        limit = self.max_chars.get(label, self.max_chars.get("default", 10**9))
        if len(text) > limit or not self.forbidden.isdisjoint(text):
            return False
        return all(text.count(a) == text.count(b) for a, b in self.pairs)


def _load_model(path: Path) -> Language:
    if not (path / "meta.json").is_file():
        raise ModelError(Errors.E014.format(path=path))
    return spacy.load(path)


class ModelEntities:
    """Runs the trained ``ner`` (greedy) and writes scored :class:`Entity` objects.

    ``score``: ``"all"`` scores every entity; ``"gaps"`` only those no rule entity
    overlaps (the only ones a rules-first merge has to decide on; the others keep
    score 1.0 and ``evidence["scored"] = False``), which keeps combined inference fast.
    A score is the probability of the entity in a ``beam_width`` beam over its sentence, or
    over ``window`` tokens either side of it inside the sentence (default 12: 8-13% faster
    combined inference than whole sentences, strict F1 within ±0.004 on every gold set).
    """

    def __init__(self, vocab, path: str | Path, beam_width: int = 2, score: str = "gaps",
                 rule_tags: bool = True, window: int = 12):
        if score not in ("all", "gaps"):
            raise ValueError(f"score must be 'all' or 'gaps', got {score!r}")
        self.vocab = vocab
        self.path = Path(path)
        self.beam_width = beam_width
        self.score = score
        self.window = window  # 0: the whole sentence
        self.model = _load_model(self.path)
        # tags only for a model trained to read them (train --rule-tags: its embedding reads LEMMA)
        embed = self.model.config["components"]["ner"]["model"]["tok2vec"].get("embed", {})
        self.rule_tags = rule_tags and "LEMMA" in embed.get("attrs", ())
        self.shape = EntityShape.load()
        for lab in self.model.get_pipe("ner").labels:  # label strings into the host vocab
            vocab.strings.add(lab)

    @staticmethod
    def _pieces(doc: Doc, st) -> list[tuple[int, int]]:
        """Disjoint token ranges the model reads: the sentences, cut every MAX_TOKENS tokens."""
        sents = [(s.raw_start, s.raw_end) for s in st.seg.sentences] if st.seg else []
        bounds = []
        for rs, re_ in sents or [(0, len(doc.text))]:
            sp = doc.char_span(rs, re_, alignment_mode="expand")
            if sp is not None and len(sp):
                bounds.append((sp.start, sp.end))
        out: list[tuple[int, int]] = []
        last = 0
        for a, b in bounds:
            for x in range(max(a, last), b, MAX_TOKENS):  # max: two sentences may share a token
                out.append((x, min(b, x + MAX_TOKENS)))
            last = max(last, b)
        return out

    @staticmethod
    def _piece_doc(doc: Doc, a: int, b: int) -> Doc:
        # a fresh Doc per piece (Span.as_doc copies arrays of the whole doc: quadratic),
        # with the rule tags the model reads
        toks = doc[a:b]
        return Doc(doc.vocab, words=[t.text for t in toks],
                   spaces=[bool(t.whitespace_) for t in toks], lemmas=[t.lemma_ for t in toks])

    def _windows(self, doc: Doc, st, ents, pieces=None) -> list[tuple[int, int]]:
        """Token windows to score ``ents`` in: each entity ± ``window`` tokens inside its piece
        (its sentence, or the part of a long one the model read), overlapping windows merged
        (beam steps grow with the tokens parsed, not the entities)."""
        pieces = pieces if pieces is not None else self._pieces(doc, st)
        starts = [a for a, _ in pieces]
        spans = []
        for e in ents:
            i = bisect_right(starts, e.start) - 1
            a, b = pieces[i] if i >= 0 and e.start < pieces[i][1] else (e.start, e.end)
            if self.window:
                a, b = max(a, e.start - self.window), min(b, e.end + self.window)
            spans.append((a, b))
        return merge_ranges(spans)

    def _scores(self, ner, doc: Doc, st, ents, pieces=None) -> dict[tuple[int, int, str], float]:
        """Beam probabilities of ``ents`` (token start, end, label), one beam per window."""
        wins = self._windows(doc, st, ents, pieces)
        out: dict[tuple[int, int, str], float] = {}
        for i in range(0, len(wins), BATCH):  # a batch at a time: memory stays flat
            batch = wins[i : i + BATCH]
            beams = ner.beam_parse([self._piece_doc(doc, a, b) for a, b in batch],
                                   beam_width=self.beam_width)
            for (a, _b), scored in zip(batch, ner.scored_ents(beams)):
                for (s, e, lab), p in scored.items():
                    out[(s + a, e + a, lab)] = float(p)
        return out

    def __call__(self, doc: Doc) -> Doc:
        st = get_state(doc)
        if len(doc) == 0:
            st.model_entities = []
            return doc
        # the raw text from the state: Doc.text joins every token anew (8% of combined time)
        raw = st.norm.raw
        ner = self.model.get_pipe("ner")
        if self.rule_tags and st.rule_entities:
            set_tags(doc, st.rule_entities)
        pieces = self._pieces(doc, st)
        found: list[Span] = []
        parsed = ner.pipe((self._piece_doc(doc, a, b) for a, b in pieces), batch_size=BATCH)
        for (a, _b), pdoc in zip(pieces, parsed):
            found.extend(Span(doc, a + e.start, a + e.end, label=e.label) for e in pdoc.ents)
        doc.ents = found
        ents = [e for e in found if e.label_ in _LABELS and self.shape.ok(e.text, e.label_)]
        todo = ents if self.score == "all" else _uncovered(ents, st.rule_entities)
        scores = self._scores(ner, doc, st, todo, pieces) if todo else {}
        scored = {(e.start, e.end) for e in todo}
        out: list[Entity] = []
        for ent in ents:
            s, e = trim_span(raw, ent.start_char, ent.end_char)
            if s >= e:
                continue
            key = (ent.start, ent.end, ent.label_)
            was_scored = (ent.start, ent.end) in scored
            score = scores.get(key, 0.0) if was_scored else 1.0
            evidence = ({"model": self.path.name, "scored": was_scored,
                         "beam_width": self.beam_width} if st.explain else None)
            out.append(Entity(s, e, raw[s:e], _LABELS[ent.label_], source="model", score=score,
                              evidence=evidence))
        st.model_entities = out
        return doc


def _uncovered(ents: list[Span], rules) -> list[Span]:
    """The spans no rule entity overlaps: binary search on running maximum ends (a test per
    pair was quadratic on a long line of names).

    >>> from policy_extract.schema import EntityLabel as L
    >>> class S: pass
    >>> def sp(a, b): x = S(); x.start_char, x.end_char = a, b; return x
    >>> rules = [Entity(5, 9, "xxxx", L.PARK), Entity(0, 2, "xx", L.PARK)]
    >>> spans = [sp(2, 5), sp(1, 3), sp(8, 12), sp(9, 10)]
    >>> [(e.start_char, e.end_char) for e in _uncovered(spans, rules)]
    [(2, 5), (9, 10)]
    """
    rs = sorted((r.start, r.end) for r in rules)
    starts = [a for a, _ in rs]
    ends = list(accumulate((b for _, b in rs), max))
    out = []
    for e in ents:
        i = bisect_left(starts, e.end_char)  # rules[:i] start before the span ends
        if not (i and ends[i - 1] > e.start_char):
            out.append(e)
    return out


@Language.factory("policy_model_entities",
                  default_config={"path": "", "beam_width": 2, "score": "gaps", "rule_tags": True,
                                  "window": 12})
def make_model_entities(nlp: Language, name: str, path: str, beam_width: int,
                        score: str, rule_tags: bool, window: int) -> ModelEntities:
    return ModelEntities(nlp.vocab, path, beam_width, score, rule_tags, window)


def add_model_stage(nlp: Language, path: Path, rule_tags: bool = True) -> None:
    """Add the trained model from ``path`` as the ``policy_model_entities`` component.

    ``rule_tags``: the model reads the rule entities as input tags (``combined``), or
    runs on the text alone (``model``); see ``model/features.py``.
    """
    nlp.add_pipe("policy_model_entities", config={"path": str(path), "rule_tags": rule_tags})
