"""Reading input files: encodings, BOMs, binary content, clear errors."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .errors import Errors, InputError, Warnings
from .text.html import html_kind


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, list[str]]:
    """UTF-8 (a BOM is kept as character 0), else GB18030; UTF-16 with a BOM; notes say what was done.

    >>> decode_bytes("增长7%".encode("gb18030"), "a.txt")
    ('增长7%', ['W001 a.txt: not UTF-8; decoded as GB18030.'])
    >>> decode_bytes("\ufeff增长".encode("utf-16-le"), "b.txt")[0]
    '\ufeff增长'
    """
    notes: list[str] = []
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with a BOM (it has NUL bytes)
        try:
            text = data.decode("utf-16-le" if data[:2] == b"\xff\xfe" else "utf-16-be")
        except UnicodeDecodeError:
            raise InputError(Errors.E012.format(path=name)) from None
        return text, [Warnings.W005.format(path=name)]
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


def read_text_file(path: str | Path, allow_html: bool = True) -> tuple[str, str, list[str]]:
    """(text, sha256 of the file's bytes, notes). Raises :class:`InputError` with the file named.

    An HTML page is read as is (its tags become deletions of the normalised view, so
    offsets index the file) and a note says so; ``allow_html=False`` refuses it.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(Errors.E009.format(path=p))
    if p.is_dir():
        raise InputError(Errors.E010.format(path=p))
    data = p.read_bytes()
    text, notes = decode_bytes(data, str(p))
    if html_kind(text) == "page":
        if not allow_html:
            raise InputError(Errors.E017.format(path=p))
        notes.append(Errors.E016.format(path=p))
    return text, hashlib.sha256(data).hexdigest(), notes
