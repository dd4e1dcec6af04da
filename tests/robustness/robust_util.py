"""Shared checks for the robustness tests: what every extraction result must satisfy."""

from __future__ import annotations

import json


def assert_sound(doc, raw: str) -> str:
    """Every span maps back, nothing was dropped, JSON is strict; returns the JSON."""
    assert doc.text == raw
    assert doc.check_offsets() == []
    for it in (*doc.quantities, *doc.entities, *doc.nodes):
        assert 0 <= it.start < it.end <= len(raw), it
    dropped = [w for w in doc.warnings if w.startswith("E100")]
    assert not dropped, dropped  # export dropped a span that did not map back: a stage bug
    # strict JSON: no NaN/inf values, every key a string; lone surrogates only escaped
    return json.dumps(doc.to_dict(explain=True), ensure_ascii=True, allow_nan=False,
                      sort_keys=True)


# Bugs the property tests found in stages owned elsewhere, until fixed: (exception type,
# file, function) of the raising frame → the regression test that holds the input.
KNOWN_BUGS: dict = {}  # (exception, file, function) -> regression test; empty: all found bugs are fixed


def known_bug(err: BaseException) -> str | None:
    """The regression test's name when ``err`` is a known, reported bug."""
    import traceback

    frames = traceback.extract_tb(err.__traceback__)
    if not frames:
        return None
    last = frames[-1]
    return KNOWN_BUGS.get((type(err), last.filename.rsplit("/", 1)[-1], last.name))


def extract_checked(nlp, text: str, **kw):
    """``nlp(text)``; a known bug makes the example invalid (``assume``) so the search goes on."""
    from hypothesis import assume

    try:
        return nlp(text, **kw)
    except Exception as err:  # noqa: BLE001 - re-raised unless it is a known bug
        if known_bug(err):
            assume(False)
        raise


class FullDisk:
    """A file on a disk that fills after ``room`` bytes: what fits is written, then ENOSPC."""

    def __init__(self, fh, room: int):
        self.fh, self.room = fh, room

    def write(self, data):
        import errno
        import os

        if self.room <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        n = self.fh.write(data[: self.room])
        self.room -= n
        if n < len(data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return n

    def __getattr__(self, name):
        return getattr(self.fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.fh.close()
