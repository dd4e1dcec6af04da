"""Reading input files: encodings, BOMs, binary content, clear errors."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
from pathlib import Path

from .errors import Errors, InputError, Warnings
from .text.html import html_kind

MAX_MB = 32  # default cap on one input file (--max-mb): a 10 MB page needs ~700 MiB to extract
_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def shown(path) -> str:
    r"""``path`` safe to print: a newline or terminal escape in a file name is written escaped.

    >>> shown("a\nb\x1b[31m.txt")
    'a\\nb\\x1b[31m.txt'
    """
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(path))


def _text_like(c: str) -> bool:
    o = ord(c)
    return (0x20 <= o < 0x7F or c in "\r\n\t" or 0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F or 0x3400 <= o <= 0x4DBF)


def looks_utf16(data: bytes) -> bool:
    r"""Do the bytes read as Chinese or ASCII text in UTF-16 (no byte-order mark)?

    All-Chinese UTF-16 has no NUL byte and decodes as (garbage) GB18030; GB18030 read as
    UTF-16 gives mostly code units outside CJK and ASCII, so the test tells them apart.

    >>> looks_utf16("增长7%，新增企业30家。".encode("utf-16-le")), looks_utf16("增长7%".encode("utf-16-be"))
    (True, True)
    >>> looks_utf16("增长7%，新增企业30家。".encode("gb18030")), looks_utf16(b"\x89PNG\r\n\x1a\n\x00\x00")
    (False, False)
    """
    sample = data[: min(len(data), 1 << 16) & ~1]
    for enc in ("utf-16-le", "utf-16-be"):
        text = sample.decode(enc, "surrogatepass")
        if text and sum(map(_text_like, text)) >= 0.8 * len(text):
            return True
    return False


def _decode_big5(data: bytes) -> str | None:
    """The text of Big5 bytes (Hong Kong, Taiwan and older traditional texts), or None.

    Big5 bytes decode as GB18030 without an error, into nonsense (香港 → 凌碑), so the two
    are told apart by charset-normalizer over those two candidates only: Big5 when it is the
    one that reads; a text both read (a few characters: 增长7%) or neither stays GB18030, the
    mainland's.

    >>> _decode_big5("香港特別行政區政府統計處今日公布，本地生產總值按年增長3.5%。".encode("big5"))[:5]
    '香港特別行'
    >>> _decode_big5("全市规模以上工业增加值同比增长7%。".encode("gb18030")) is None
    True
    >>> _decode_big5("增长7%".encode("gb18030")) is None  # both read it: the mainland's
    True
    """
    from charset_normalizer import from_bytes

    if {m.encoding for m in from_bytes(data, cp_isolation=["gb18030", "big5"])} != {"big5"}:
        return None
    for enc in ("big5hkscs", "cp950"):  # supersets of Big5: Hong Kong's characters, Microsoft's
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return None


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, list[str]]:
    """UTF-8 (a BOM is kept as character 0), else Big5 or GB18030; UTF-16 with a BOM; notes
    say what was done.

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
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"%PDF-":  # its text is compressed streams
        raise InputError(Errors.E024.format(path=name))
    if b"\x00" in data:
        code = Errors.E023 if looks_utf16(data) else Errors.E011
        raise InputError(code.format(path=name))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        if looks_utf16(data):  # GB18030 would decode it, into nonsense
            raise InputError(Errors.E023.format(path=name)) from None
        text = _decode_big5(data)
        if text is not None:
            notes.append(Warnings.W006.format(path=name))
        else:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                raise InputError(Errors.E012.format(path=name)) from None
            notes.append(Warnings.W001.format(path=name))
    if text.startswith("\ufeff"):
        notes.append(Warnings.W002.format(path=name))
    return text, notes


def read_file_bytes(path: str | Path, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file of at most ``max_bytes`` (default ``MAX_MB``); a FIFO,
    device or socket, a symlink to one, a loop or an oversized file is refused (coded), never
    read: a FIFO would block forever, /dev/zero would exhaust memory."""
    limit = MAX_MB << 20 if max_bytes is None else max_bytes
    name = shown(path)
    try:  # O_NONBLOCK: opening a FIFO with no writer returns at once (it is refused below)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(Errors.E009.format(path=name)) from None
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise InputError(Errors.E022.format(path=name)) from None
        if os.path.isdir(path):  # Windows refuses to open a folder at all
            raise InputError(Errors.E010.format(path=name)) from None
        raise InputError(Errors.E025.format(path=name, error=err.strerror)) from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
        os.close(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(Errors.E010.format(path=name))
        if stat.S_ISREG(st.st_mode):
            raise InputError(Errors.E021.format(path=name, size=st.st_size, limit=limit))
        kind = next((k for test, k in _KINDS if test(st.st_mode)), "a special file")
        raise InputError(Errors.E020.format(path=name, kind=kind))
    with os.fdopen(fd, "rb") as fh:
        data = fh.read(limit + 1)  # +1: a file that grew past the cap since fstat is seen
    if len(data) > limit:
        raise InputError(Errors.E021.format(path=name, size=len(data), limit=limit))
    return data


def read_text_file(path: str | Path, allow_html: bool = True,
                   max_bytes: int | None = None) -> tuple[str, str, list[str]]:
    """(text, sha256 of the file's bytes, notes). Raises :class:`InputError` with the file named.

    An HTML page is read as is (its tags become deletions of the normalised view, so
    offsets index the file) and a note says so; ``allow_html=False`` refuses it. Only
    regular files up to ``max_bytes`` (default ``MAX_MB`` MiB) are read.
    """
    p = Path(path)
    data = read_file_bytes(p, max_bytes)
    name = shown(p)
    text, notes = decode_bytes(data, name)
    if html_kind(text) == "page":
        if not allow_html:
            raise InputError(Errors.E017.format(path=name))
        notes.append(Errors.E016.format(path=name))
    return text, hashlib.sha256(data).hexdigest(), notes


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all: a full disk never leaves half a file behind."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
