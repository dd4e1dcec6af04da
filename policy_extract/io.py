"""Reading input files: encodings, BOMs, binary content, clear errors."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .errors import Errors, InputError, Warnings


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, list[str]]:
    """UTF-8 (a BOM is kept as character 0), else GB18030; notes say what was done."""
    notes: list[str] = []
    if b"\x00" in data:
        raise InputError(Errors.E011.format(path=name))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(Errors.E012.format(path=name)) from None
        notes.append(Warnings.W001.format(path=name))
    if text.startswith("\ufeff"):
        notes.append(Warnings.W002.format(path=name))
    return text, notes


def read_text_file(path: str | Path) -> tuple[str, str, list[str]]:
    """(text, sha256 of the file's bytes, notes). Raises :class:`InputError` with the file named."""
    p = Path(path)
    if not p.exists():
        raise InputError(Errors.E009.format(path=p))
    if p.is_dir():
        raise InputError(Errors.E010.format(path=p))
    data = p.read_bytes()
    text, notes = decode_bytes(data, str(p))
    return text, hashlib.sha256(data).hexdigest(), notes
