"""Assembles the spaCy pipeline; the single description of which stages run in which order.

tokenizer ``policy_extract.JiebaTokenizer.v1`` → ``policy_segmenter`` →
``policy_quantities`` → ``policy_entity_ruler`` → (``ner`` + ``policy_model_entities``
when a model is used) → ``policy_entity_merge`` → ``policy_nodes``.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator, Literal

import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers the factories)
from .frames import component as _frames  # noqa: F401  (registers policy_frames)
from .errors import Errors, ModelError
from .export import to_document
from .extensions import PEState, get_state, set_extensions
from .dates import check_date
from .io import read_text_file
from .schema import Document
from .text.tokenizer import JiebaTokenizer

logger = logging.getLogger("policy_extract")

Mode = Literal["rules", "model", "combined"]
MODES = ("rules", "model", "combined")
# The learned stages did not beat the rules by the margin issue 17 asks on every sealed set
# (status +0.011 pooled, -0.011 on held-out 2; names equal), so the rules are the default.
DEFAULT_MODE = "rules"


def resolve_mode(mode: str | None, model_path: str | Path | None = None,
                 entity_model: bool | None = None) -> str:
    """The mode a call means: the one given, else ``combined`` when it names a trained model
    (``model_path``, ``entity_model=True``), else :data:`DEFAULT_MODE`."""
    if mode is not None:
        if mode == "rules" and (model_path is not None or entity_model):
            raise ModelError(Errors.E031.format(what="model_path" if model_path is not None
                                                else "entity_model"))
        return mode
    return "combined" if model_path is not None or entity_model else DEFAULT_MODE


def default_model_path() -> Path:
    """Where the shipped trained entity pipeline lives inside the package."""
    from importlib import resources

    return Path(str(resources.files("policy_extract").joinpath("model", "trained")))


def blank_nlp() -> Language:
    """A blank ``zh`` Language whose tokenizer is our jieba tokenizer."""
    set_extensions()
    # the config names our tokenizer, so nlp.to_disk() -> spacy.load() rebuilds the same one
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {
        "@tokenizers": "policy_extract.JiebaTokenizer.v1"}}})
    # spaCy refuses texts over 1 M chars (E088) for the parser's sake; our stages are
    # linear and the model stage runs per sentence, so a 10 MB page must go through
    nlp.max_length = 10**9
    return nlp


def build_nlp(mode: str = DEFAULT_MODE, model_path: str | Path | None = None,
              use_gazetteer: bool = True, entity_model: bool | None = None
              ) -> tuple[Language, str]:
    """Build the Language for ``mode``; returns it and the mode actually used.

    ``combined`` is the rules plus the learned stages that beat them on the sealed sets:
    the status model. The trained entity model joins it only with ``entity_model=True``
    (it scored below the rules on every sealed set; README "Figures"); ``model`` is the
    entity model's names with the status model.
    """
    if mode not in MODES:
        raise ModelError(Errors.E013.format(model=mode))
    if entity_model is None:
        entity_model = mode == "model"
    nlp = blank_nlp()
    nlp.add_pipe("policy_segmenter")
    nlp.add_pipe("policy_frames")
    status = default_model_path() / "status"
    use_status = mode in ("model", "combined") and (status / "meta.json").is_file()
    nlp.add_pipe("policy_quantities", config={"status_model": str(status) if use_status else None})
    nlp.add_pipe("policy_entity_ruler", config={"use_gazetteer": use_gazetteer})
    if mode == "model" or (mode == "combined" and (entity_model or model_path is not None)):
        path = Path(model_path) if model_path else default_model_path()
        if not (path / "meta.json").is_file():
            if model_path is not None or mode == "model":
                raise ModelError(Errors.E014.format(path=path))
            from .errors import Warnings

            logger.warning(Warnings.W003.format(path=path))
            mode = "rules"
        else:
            from .components.model_entities import add_model_stage

            add_model_stage(nlp, path, rule_tags=mode == "combined")
    merge = mode if "policy_model_entities" in nlp.pipe_names else "rules"
    nlp.add_pipe("policy_entity_merge", config={"mode": merge})
    nlp.add_pipe("policy_nodes")
    nlp.add_pipe("policy_spans")
    return nlp, mode


class Pipeline:
    """A reusable extractor. Build it once with :func:`load`, call it per document."""

    def __init__(self, nlp: Language, mode: str):
        self.nlp = nlp
        self.mode = mode

    def __repr__(self) -> str:
        return f"Pipeline(mode={self.mode!r}, pipes={self.nlp.pipe_names})"

    def make_doc(self, text: str, doc_id: str | None = None, date: str | None = None,
                 source: str | None = None, explain: bool = False, title: str | None = None):
        if not isinstance(text, str):
            raise TypeError(Errors.E001.format(type=type(text).__name__))
        if date is not None:
            date = check_date(date)
        doc = self.nlp.make_doc(text)
        st: PEState = get_state(doc)
        st.doc_id, st.date, st.source, st.explain, st.title = doc_id, date, source, explain, title
        doc._.pe_options = {"doc_id": doc_id, "date": date, "source": source, "explain": explain,
                            "title": title}
        return doc

    def run(self, doc, spans: bool = True):
        """Run every component on a Doc from :meth:`make_doc`; ``spans=False`` skips the last,
        which only copies the results onto ``doc.spans``/``doc.ents`` for spaCy users."""
        for name, proc in self.nlp.pipeline:
            if spans or name != "policy_spans":
                doc = proc(doc)
        return doc

    def __call__(self, text: str, doc_id: str | None = None, date: str | None = None,
                 source: str | None = None, explain: bool = False,
                 sha256: str | None = None, title: str | None = None) -> Document:
        """Extract everything from one raw text.

        ``date`` (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or a ``datetime.date``) resolves
        今年/去年 and the time frame; ``title`` is the page's headline from its metadata, used
        for the genre and time frame when the text does not open with it.
        """
        # the Doc is dropped once the Document is made: no need for its spaCy span copies
        return to_document(self.run(self.make_doc(text, doc_id, date, source, explain, title),
                                    spans=False), sha256)

    extract = __call__

    def extract_file(self, path: str | Path, date: str | None = None,
                     explain: bool = False) -> Document:
        """Read a file (UTF-8, else GB18030), extract, and name the result after the file.

        How the file was read (GB18030, a byte-order mark, an HTML page) opens ``warnings``:
        the API says what the CLI prints.
        """
        p = Path(path)
        text, sha, notes = read_text_file(p)
        doc = self(text, doc_id=p.stem, date=date, source=p.name, explain=explain, sha256=sha)
        return replace(doc, warnings=(*notes, *doc.warnings)) if notes else doc

    def pipe(self, records: Iterable[str | dict], explain: bool = False, n_process: int = 1,
             batch_size: int = 32) -> Iterator[Document]:
        """Extract from many texts (str, or dicts with ``text`` and optional ``id``, ``date``,
        ``title``, ``source``), in order, through spaCy's ``nlp.pipe``.

        ``n_process > 1`` runs spaCy's worker processes (call it under
        ``if __name__ == "__main__":``); for a corpus with failure records and resume, use
        :func:`policy_extract.batch.run_batch`.
        """
        ship = n_process > 1

        def docs():
            for rec in records:
                if isinstance(rec, str):
                    doc = self.make_doc(rec, explain=explain)
                else:
                    doc = self.make_doc(rec["text"], doc_id=rec.get("id") or rec.get("doc_id"),
                                        date=rec.get("date"), source=rec.get("source"),
                                        explain=explain, title=rec.get("title"))
                if ship:
                    doc._.pe_options = {**doc._.pe_options, "ship": True}
                yield doc

        for doc in self.nlp.pipe(docs(), n_process=n_process, batch_size=batch_size):
            if doc._.pe is not None and doc._.pe.quantities is not None and not ship:
                yield to_document(doc)
            else:  # back from a worker: the result it wrote
                yield Document.from_dict(doc._.pe_result, text=doc._.pe_result.pop("_text"))


_CACHE: dict[tuple, Pipeline] = {}


def load(model: str | None = None, *, use_gazetteer: bool = True,
         model_path: str | Path | None = None, entity_model: bool | None = None) -> Pipeline:
    """Build (or reuse) a pipeline.

    ``model`` is ``"rules"`` (the default, :data:`DEFAULT_MODE`), ``"model"``,
    ``"combined"`` (rules + the learned status decision; falls back to rules with a warning
    when no trained model is installed) or the path of a trained pipeline directory (used as
    ``combined``). Giving ``model_path`` or ``entity_model=True`` alone means ``combined``.
    """
    model = resolve_mode(model, model_path, entity_model) if model is None or model in MODES \
        else model
    if model not in MODES:
        # a bare word that names no directory is a mistyped mode ("rule"), not a missing model
        if not Path(model).is_dir() and not any(sep in str(model) for sep in "/\\"):
            raise ModelError(Errors.E013.format(model=model))
        model_path, model = model, "combined"
    key = (model, use_gazetteer, str(model_path) if model_path else None, entity_model)
    if key not in _CACHE:
        nlp, used = build_nlp(model, model_path, use_gazetteer, entity_model)
        _CACHE[key] = Pipeline(nlp, used)
    return _CACHE[key]
