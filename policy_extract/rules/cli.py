"""``policy-extract rules``: check the rule data files, and measure what the lexicon does for names.

``policy-extract rules validate`` loads every data file under ``data/zh/`` through
the loader that the stage using it runs, so a bad regex, an unknown key or a
duplicate id is reported with its file and rule before any text is processed.

``policy-extract rules token-report --gold corpora/gold`` counts how many gold
entity boundaries fall on jieba token boundaries with plain jieba, with the
policy lexicon, and with the lexicon plus the gazetteer names (what the
pipeline's tokenizer uses).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Sequence

from ..errors import PolicyExtractError
from .loader import read_lexicon


def validate_all() -> list[tuple[str, str, str]]:
    """(file, status, detail) for every data file, each through the loader its stage runs
    (the rule registry, :mod:`policy_extract.rules.registry`); status ``ok`` or ``error``."""
    from .registry import validate

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

    from ..corpus import iter_gold
    from ..text.normalize import normalize
    from ..text.tokenizer import get_jieba, lexicon_words

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


def cmd_validate(args) -> int:
    rows = validate_all()
    if args.json:
        print(json.dumps([{"file": f, "status": s, "detail": d} for f, s, d in rows],
                         ensure_ascii=False, indent=1))
    else:
        for f, s, d in rows:
            print(f"{s:7s} {f:32s} {d}")
    bad = [r for r in rows if r[1] == "error"]
    print(f"{len(rows)} data files, {len(bad)} with problems", file=sys.stderr)
    return 1 if bad else 0


def cmd_token_report(args) -> int:
    counts = token_report(args.gold, args.raw)
    if args.json:
        print(json.dumps([c.as_dict() for c in counts], ensure_ascii=False, indent=1))
        return 0
    print(f"gold entity boundaries on jieba token boundaries ({args.gold})")
    print(f"{'tokenizer':40s} {'boundaries on token':>20s} {'both ends':>14s} {'one token':>14s}")
    for c in counts:
        d = c.as_dict()
        print(f"{c.name:40s} {c.on_token:8d}/{c.boundaries:<5d}{d['share']:.3f} "
              f"{c.whole:4d}/{c.entities:<4d}{d['whole_share']:.3f} "
              f"{c.one_token:4d}/{c.entities:<4d}{d['one_token_share']:.3f}")
    return 0


def register_cli(subparsers) -> None:
    """Add ``policy-extract rules validate | token-report``."""
    p = subparsers.add_parser("rules", help="check rule data files; lexicon/token boundary report")
    sub = p.add_subparsers(dest="rules_cmd", required=True)
    v = sub.add_parser("validate", help="load every data file and report problems (file, rule)")
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=cmd_validate)
    t = sub.add_parser("token-report",
                       help="gold entity boundaries on jieba token boundaries, before/after the gazetteer")
    t.add_argument("--gold", required=True, help="gold directory (GUIDELINES §4 files)")
    t.add_argument("--raw", action="append", help="where the raw texts are (repeatable)")
    t.add_argument("--json", action="store_true")
    t.set_defaults(func=cmd_token_report)


def main(argv: Sequence[str] | None = None) -> int:  # pragma: no cover - convenience
    ap = argparse.ArgumentParser(prog="policy-extract")
    register_cli(ap.add_subparsers(dest="cmd", required=True))
    args = ap.parse_args(argv)
    return args.func(args)
