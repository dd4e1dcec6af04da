"""Is a stretch of text opening on a verb, by jieba's dictionary?

The tree's verb list (``task_verbs``) is closed: a command that opens on a verb it lacks
(`突出顶层设计`, `巩固全国绿化模范城市`) reads as no command. Inside a run of
commands the rules ask jieba instead: the first word of the stretch (jieba's cut on the policy
lexicon) and whether jieba's dictionary tags it a verb (``v``, ``vd``, ``vn``). The verbs are read
from jieba's ``dict.txt`` on first use (0.2 s, ~37k words), not jieba's part-of-speech tokenizer,
which loads every tag of the dictionary (1.2 s and tens of MB per process).
"""

from __future__ import annotations

import os
import threading

from ...text.tokenizer import get_jieba

_LOCK = threading.Lock()
_VERBS: dict[frozenset[str], frozenset[str]] = {}


def verbs(tags: frozenset[str]) -> frozenset[str]:
    """The words jieba's dictionary tags with one of ``tags`` (read once per tag set).

    >>> "巩固" in verbs(frozenset({"v", "vd", "vn"})), "全年" in verbs(frozenset({"v"}))
    (True, False)
    """
    with _LOCK:
        v = _VERBS.get(tags)
        if v is None:
            import jieba

            words = []
            path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
            with open(path, encoding="utf-8") as f:
                for line in f:
                    parts = line.split()
                    if len(parts) == 3 and parts[2] in tags:
                        words.append(parts[0])
            v = _VERBS[tags] = frozenset(words)
    return v


def first_word(text: str) -> str | None:
    """The first word jieba cuts from ``text`` (policy lexicon), else None.

    >>> first_word("突出顶层设计")
    '突出'
    """
    for w in get_jieba().cut(text, HMM=True):
        return w
    return None

