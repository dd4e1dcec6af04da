"""jieba's part-of-speech tags for a short stretch of text, on the policy lexicon.

The tree's verb list (``task_verbs``) is closed: a command that opens on a verb it lacks
(`突出顶层设计`, `提档产业能级`, `巩固全国绿化模范城市`) reads as no command. Inside a run of
commands the rules ask jieba's tagger instead, which knows the verbs of its dictionary. The
tagger is built on first use (it reads jieba's tag table once) and shared.
"""

from __future__ import annotations

import threading

from ...text.tokenizer import get_jieba

_LOCK = threading.Lock()
_TAGGER = None


def _tagger():
    global _TAGGER
    with _LOCK:
        if _TAGGER is None:
            import jieba.posseg

            _TAGGER = jieba.posseg.POSTokenizer(get_jieba())
    return _TAGGER


def first_word(text: str) -> tuple[str, str] | None:
    """``(word, flag)`` of the first word jieba's tagger finds in ``text``, else None.

    >>> first_word("突出顶层设计")
    ('突出', 'v')
    """
    for pair in _tagger().cut(text):
        return pair.word, pair.flag
    return None
