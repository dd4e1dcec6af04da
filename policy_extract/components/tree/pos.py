"""Is a stretch of text opening on a verb, by jieba's dictionary?

The tree's verb list (``task_verbs``) is closed: a command that opens on a verb it lacks
(`突出顶层设计`, `巩固全国绿化模范城市`) reads as no command. Inside a run of
commands the rules ask jieba instead: the first word of the stretch (jieba's cut on the policy
lexicon) and whether jieba's dictionary tags it a verb (``v``, ``vd``, ``vn``). The verbs are read
from jieba's ``dict.txt`` on first use (0.07 s, ~37k words), not jieba's part-of-speech tokenizer,
which loads every tag of the dictionary (1.2 s and tens of MB per process).
"""

from __future__ import annotations

import os
import re
import threading

from ...text.tokenizer import get_jieba

_LOCK = threading.Lock()
_VERBS: dict[frozenset[str], frozenset[str]] = {}
_OPENERS: dict[tuple[frozenset[str], frozenset[str]], frozenset[str]] = {}


def verbs(tags: frozenset[str]) -> frozenset[str]:
    """The words jieba's dictionary tags with one of ``tags`` (read once per tag set).

    >>> "巩固" in verbs(frozenset({"v", "vd", "vn"})), "全年" in verbs(frozenset({"v"}))
    (True, False)
    """
    with _LOCK:
        v = _VERBS.get(tags)
        if v is None:
            import jieba

            path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
            with open(path, "rb") as f:  # bytes, then newlines: text mode reads 3x slower
                text = f.read().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
            v = _VERBS[tags] = frozenset(_tagged_lines(tags).findall("\n" + text + "\n"))
    return v


def _tagged_lines(tags: frozenset[str]) -> re.Pattern:
    """A line of exactly three whitespace-separated fields, the last in ``tags``; group 1 the word.

    One C-level scan of the 3 MB dictionary (~0.04 s) where splitting its 350k lines in Python
    took ~0.15 s; the same words as ``line.split()`` with ``len(parts) == 3 and parts[2] in tags``
    (possessive runs: a field never gives characters back, as split never would).

    >>> _tagged_lines(frozenset({"v"})).findall("\\n打 10 v\\n全年 5 t\\n跑 3 v x\\n 走\\t7  v \\n")
    ['打', '走']
    """
    ws = r"[^\S\n]"  # whitespace within a line
    tag = "|".join(re.escape(t) for t in sorted(tags, key=len, reverse=True))
    return re.compile(rf"\n{ws}*+(\S++){ws}++\S++{ws}++(?:{tag}){ws}*+(?=\n)")


def command_openers(words: frozenset[str], tags: frozenset[str]) -> frozenset[str]:
    """``words`` and the words of two characters or more tagged with one of ``tags``: every
    first word that can open a command (see ``_Builder._pos_command``). Built once per pair.

    >>> openers = command_openers(frozenset({"把"}), frozenset({"v"}))
    >>> "突出" in openers, "把" in openers, "是" in openers
    (True, True, False)
    """
    got = _OPENERS.get((words, tags))
    if got is None:
        got = _OPENERS[(words, tags)] = words | frozenset(w for w in verbs(tags) if len(w) >= 2)
    return got


def has_prefix_in(text: str, words: frozenset[str]) -> bool:
    """Does a prefix of ``text`` belong to ``words``? The first word jieba cuts from ``text`` is
    one of its prefixes, so when none belongs, asking jieba (~50 µs) can be skipped.

    >>> words = frozenset({"突出"})
    >>> has_prefix_in("突出顶层设计", words), has_prefix_in("顶层设计", words)
    (True, False)
    """
    return any(text[:k] in words for k in range(1, len(text) + 1))


def first_word(text: str) -> str | None:
    """The first word jieba cuts from ``text`` (policy lexicon), else None.

    >>> first_word("突出顶层设计")
    '突出'
    """
    for w in get_jieba().cut(text, HMM=True):
        return w
    return None

