"""The rule stage's entities as an input feature of the entity model (stacking).

In ``combined`` mode the model reads, for every token, a tag saying whether a rule
entity covers it and with which label (``B-PARK``, ``I-PARK``, nothing outside). It
learns from hand gold when the rules are right, where they cut a name short, and
which names they miss. In ``model`` mode the tags are blank, so the same network
runs on the text alone; it is trained both ways (every training text once tagged,
once blank) so that either reading is one it has seen.

The tag travels in the token's ``LEMMA``: a hashed embedding can read only lexical
attributes, and no stage of this pipeline sets lemmas (Chinese has none to set).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.util import registry

from ..schema import Entity

TAG_ATTR = "LEMMA"


def token_tags(doc: Doc, entities: Iterable[Entity]) -> list[str]:
    """One tag per token of ``doc``: ``B-<label>`` / ``I-<label>`` inside a rule entity, else ``""``.

    An entity whose edges fall inside a token covers every token it touches.

    >>> from policy_extract.pipeline import blank_nlp
    >>> from policy_extract.schema import EntityLabel as L
    >>> doc = blank_nlp().make_doc("支持株洲轨道交通研究院建设")
    >>> tags = token_tags(doc, [Entity(2, 11, "株洲轨道交通研究院", L.PLATFORM)])
    >>> [(t.text, g) for t, g in zip(doc, tags)]
    [('支持', ''), ('株洲', 'B-PLATFORM'), ('轨道交通', 'I-PLATFORM'), ('研究院', 'I-PLATFORM'), ('建设', '')]
    """
    tags = [""] * len(doc)
    for e in entities:
        sp = doc.char_span(e.start, e.end, alignment_mode="expand")
        if sp is None or not len(sp):
            continue
        label = e.label.value if hasattr(e.label, "value") else str(e.label)
        tags[sp.start] = f"B-{label}"
        for i in range(sp.start + 1, sp.end):
            tags[i] = f"I-{label}"
    return tags


def set_tags(doc: Doc, entities: Iterable[Entity]) -> Doc:
    """Write :func:`token_tags` into ``doc`` (only covered tokens are touched)."""
    for i, tag in enumerate(token_tags(doc, entities)):
        if tag:
            doc[i].lemma_ = tag
    return doc


@registry.readers("policy_extract.TaggedCorpus.v1")
def tagged_corpus(path: Path | str | None) -> Callable[[Language], Iterator[Example]]:
    """A DocBin corpus whose *predicted* docs keep the reference's words and tags.

    spaCy's own ``Corpus`` re-tokenises the text for the predicted side and so loses
    the lemmas this model reads; here the predicted doc is the reference's tokens and
    lemmas without its entities.
    """

    def read(nlp: Language) -> Iterator[Example]:
        if path is None:
            return
        db = DocBin().from_disk(path)
        for ref in db.get_docs(nlp.vocab):
            pred = Doc(nlp.vocab, words=[t.text for t in ref],
                       spaces=[bool(t.whitespace_) for t in ref],
                       lemmas=[t.lemma_ for t in ref])
            yield Example(pred, ref)

    return read


__all__ = ["TAG_ATTR", "token_tags", "set_tags", "tagged_corpus"]
