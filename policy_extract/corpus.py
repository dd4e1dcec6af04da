"""Gold corpora on disk: gold files, their raw texts and their publication dates."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .dates import check_date
from .errors import Errors, InputError
from .io import read_text_file
from .schema import Document


@dataclass(frozen=True)
class GoldItem:
    gold: Document  # with the raw text filled in
    raw_path: Path
    date: str | None
    title: str | None = None  # the page's headline from metadata.json, when it has one
    genre: str | None = None  # the corpus's genre label, when it gives one (gold v2)


def load_metadata(*dirs: Path) -> dict[str, dict]:
    """doc_id -> metadata from the first ``metadata.json`` found in ``dirs`` or their parents."""
    seen: dict[str, dict] = {}
    for d in dirs:
        for cand in (d / "metadata.json", d.parent / "metadata.json"):
            if cand.is_file():
                for m in json.loads(cand.read_text(encoding="utf-8")).get("documents", []):
                    seen.setdefault(m["doc_id"], m)
    return seen


def find_raw(source: str, search: list[Path]) -> Path | None:
    for d in search:
        for cand in (d / source, *d.glob(f"*/{source}")):
            if cand.is_file():
                return cand
    return None


def default_raw_dirs(gold_dir: Path) -> list[Path]:
    root = gold_dir.resolve().parent.parent  # <project>/corpora/gold -> <project>
    shared = root.parent / "shared" / "corpora"
    return [root / "seeds", root / "corpora", shared / "pages", shared / "pages_v2",
            Path("seeds"), Path("corpora")]


def iter_gold(gold_dir: str | Path, raw_dirs: list[str | Path] | None = None) -> Iterator[GoldItem]:
    """Every ``*.json`` gold file in ``gold_dir`` with its raw text.

    Raises FileNotFoundError if a text is missing, InputError (E018) if the folder is missing
    or holds no gold file.
    """
    gd = Path(gold_dir)
    # a mistyped or empty folder must fail loudly: scored on nothing, every figure reads 1.000
    if not gd.is_dir():
        raise InputError(Errors.E018.format(path=gd, problem="no such folder"))
    search = [Path(p) for p in (raw_dirs or [])] + default_raw_dirs(gd)
    meta = load_metadata(gd)
    files = [p for p in sorted(gd.glob("*.json")) if p.name != "metadata.json"]
    if not files:
        raise InputError(Errors.E018.format(path=gd, problem="no gold *.json files in it"))
    for path in files:
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            raise InputError(Errors.E008.format(file=path, error=err)) from None
        if not isinstance(d, dict):
            raise InputError(Errors.E008.format(file=path, error="not a JSON object"))
        source = d.get("source") or f"{d.get('doc_id')}.txt"
        raw_path = find_raw(source, search)
        if raw_path is None:
            raise FileNotFoundError(
                f"{path}: raw text {source!r} not found in {', '.join(map(str, search))} "
                "(pass --raw DIR)")
        text, _, _ = read_text_file(raw_path)
        m = meta.get(d.get("doc_id")) or {}
        date = m.get("date")
        if date is not None:
            try:
                date = check_date(date)
            except ValueError as err:  # a metadata typo must name its entry, not crash a run
                raise InputError(Errors.E018.format(
                    path=gd, problem=f"metadata.json entry {d.get('doc_id')!r}: {err}")) from None
        yield GoldItem(Document.from_dict(d, text=text), raw_path, date, m.get("title"),
                       m.get("genre"))
