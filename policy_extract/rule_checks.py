"""Checks of the rule data: every file through its loader, and what the lexicon does for names.

:func:`validate_all` (``policy-extract rules validate``) loads every data file under
``data/zh/`` through the loader that the stage using it runs, so a bad regex, an unknown
key or a duplicate id is reported with its file and rule before any text is processed.

:func:`token_report` (``policy-extract rules token-report --gold corpora/gold``) counts
how many gold entity boundaries fall on jieba token boundaries with plain jieba, with the
policy lexicon, and with the lexicon plus the gazetteer names (what the pipeline's
tokenizer uses). It reads gold and runs the tokenizer, so it lives above both, not in
:mod:`policy_extract.rules` (which every stage imports).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .rules.loader import read_lexicon


def validate_all() -> list[tuple[str, str, str]]:
    """(file, status, detail) for every data file, each through the loader its stage runs
    (the rule registry, :mod:`policy_extract.rules.registry`); status ``ok`` or ``error``."""
    from .rules.registry import validate

    return validate()


@dataclass
class BoundaryCount:
    """Gold entity boundaries that fall on token boundaries, for one tokenizer."""

    name: str
    boundaries: int = 0
    on_token: int = 0
    entities: int = 0
    whole: int = 0  # both ends on token boundaries
    one_token: int = 0  # the name is a single token (segmentation kept it whole)

    def as_dict(self) -> dict[str, float | int | str]:
        return {"tokenizer": self.name, "boundaries": self.boundaries, "on_token": self.on_token,
                "share": round(self.on_token / self.boundaries, 4) if self.boundaries else 0.0,
                "entities": self.entities, "whole": self.whole,
                "whole_share": round(self.whole / self.entities, 4) if self.entities else 0.0,
                "one_token": self.one_token,
                "one_token_share": round(self.one_token / self.entities, 4) if self.entities else 0.0}


def count_boundaries(norm_text: str, spans: Iterable[tuple[int, int]],
                     cut: Callable[[str], Iterable[str]], acc: BoundaryCount) -> BoundaryCount:
    """Add to ``acc`` how many ``[s, e)`` (normalised offsets) start and end on token boundaries.

    >>> acc = count_boundaries("推动湘江科学城建设", [(2, 7)], lambda t: ["推动", "湘江", "科学城", "建设"],
    ...                        BoundaryCount("t"))
    >>> acc.on_token, acc.whole, acc.one_token
    (2, 1, 0)
    """
    import bisect

    cuts = [0]
    pos = 0
    for w in cut(norm_text):
        pos += len(w)
        cuts.append(pos)
    cut_set = set(cuts)
    for s, e in spans:
        acc.entities += 1
        acc.boundaries += 2
        hit = (s in cut_set) + (e in cut_set)
        acc.on_token += hit
        acc.whole += hit == 2
        if hit == 2 and bisect.bisect_right(cuts, s) == bisect.bisect_left(cuts, e):
            acc.one_token += 1
    return acc


def token_report(gold_dir: str | Path, raw_dirs: Sequence[str | Path] | None = None) -> list[BoundaryCount]:
    """Boundary counts over a gold directory for plain jieba, +policy lexicon, +gazetteer."""
    import jieba

    from .corpus import iter_gold
    from .text.normalize import normalize
    from .text.tokenizer import get_jieba, lexicon_words

    jieba.setLogLevel(logging.WARNING)
    plain = jieba.Tokenizer()
    plain.initialize()
    lex = jieba.Tokenizer()
    lex.initialize()
    gaz = {w for w, _, _ in lexicon_words()} - {w for w, _, _ in _lexicon_only()}
    for word, freq, tag in _lexicon_only():
        lex.add_word(word, freq, tag)
    full = get_jieba()
    tokenizers = [("jieba", plain), ("jieba+lexicon", lex),
                  (f"jieba+lexicon+gazetteer ({len(gaz)} names)", full)]
    counts = [BoundaryCount(name) for name, _ in tokenizers]
    for item in iter_gold(gold_dir, list(raw_dirs) if raw_dirs else None):
        norm = normalize(item.gold.text)
        spans = [(norm.map.to_norm(e.start), norm.map.to_norm(e.end)) for e in item.gold.entities]
        for (_, tk), acc in zip(tokenizers, counts):
            count_boundaries(norm.text, spans, lambda t, tk=tk: tk.cut(t, HMM=True), acc)
    return counts


def _lexicon_only() -> list[tuple[str, int | None, str | None]]:
    return read_lexicon()
