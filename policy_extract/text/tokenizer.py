"""jieba as the tokenizer of a spaCy ``Language``: words from the normalised view, Doc over the raw text.

jieba runs on the normalised text, so a word broken across a line (``专\\n\\n精特新``)
is segmented whole; the words are then laid back on the raw text, split where
the view deleted something (the break becomes its own whitespace token), so
``doc.text == raw`` always (except that a lone surrogate becomes U+FFFD; ``doc._.pe.norm.raw``
is the raw text itself). The tokenizer also leaves the normalised view on
``doc._.pe`` so later components never normalise twice.
"""

from __future__ import annotations

import logging
import threading
from math import log
from typing import Iterable

import regex
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from ..extensions import PEState, set_extensions
from ..rules.loader import data_path, load_json, read_lexicon
from .normalize import NormalizedText, normalize

logger = logging.getLogger("policy_extract")

_SURROGATE = regex.compile("[\ud800-\udfff]")
_JIEBA_CACHE: dict[tuple[str, ...], object] = {}
_JIEBA_LOCK = threading.Lock()


def lexicon_words(extra: Iterable[str] = ()) -> list[tuple[str, int | None, str | None]]:
    """(word, freq, tag) from ``lexicon.txt`` plus gazetteer names and ``extra``."""
    out = read_lexicon()
    try:
        gaz = load_json("entity_gazetteer.json")
    except Exception:  # the gazetteer is optional for segmentation
        gaz = {"entries": []}
    for entry in gaz.get("entries", []):
        for name in [entry.get("name"), *entry.get("aliases", [])]:
            if name:
                out.append((name, 500, "nz"))
    out.extend((w, 500, "nz") for w in extra)
    return out


def get_jieba(extra: tuple[str, ...] = ()):
    """A private ``jieba.Tokenizer`` with the policy lexicon (never the global one), cached."""
    import jieba

    key = ("default", *extra)
    with _JIEBA_LOCK:
        tk = _JIEBA_CACHE.get(key)
        if tk is None:
            jieba.setLogLevel(logging.WARNING)
            tk = jieba.Tokenizer()
            tk.initialize()
            lexicon = lexicon_words(extra)
            for word, freq, tag in lexicon:
                tk.add_word(word, freq, tag)
            # what FastCut needs to build the same dictionary natively (see _native_cutter)
            tk._pe_lexicon = lexicon
            tk._pe_key = (tk.total, len(tk.FREQ))
            _JIEBA_CACHE[key] = tk
    return tk


_HAN_ONLY = regex.compile("[\u4E00-\u9FD5]+")  # jieba's Han range (re_han_default)
_HMM_SKIP = regex.compile(r"[a-zA-Z0-9]+(?:\.\d+)?%?")  # finalseg.re_skip: one word in jieba's HMM


def _native_cutter(tk):
    """jieba-rs's ``cut`` on the same dictionary as ``tk``, or None: only for a tokenizer
    :func:`get_jieba` made (jieba's dictionary plus our lexicon) and not changed since."""
    lexicon = getattr(tk, "_pe_lexicon", None)
    if lexicon is None or getattr(tk, "_pe_key", None) != (tk.total, len(tk.FREQ)):
        return None
    try:
        import rjieba
    except ImportError:  # the Python path gives the same words, slower
        return None
    rj = rjieba.Jieba()
    for word, freq, tag in lexicon:
        rj.add_word(word, freq, tag)
    return rj.cut


class FastCut:
    """``jieba.Tokenizer.cut(text, HMM=True)`` as one list, the same words, about twice as fast.

    jieba builds a DAG dict per block, then a route with a generator of
    ``log(FREQ[w]) - log(total)`` per edge, then yields word by word through two
    generators. Here the DAG scan and the route are one right-to-left pass over a
    table of precomputed log-probabilities (one dict lookup per edge instead of
    three and a ``log``), and words go straight into a list. Ties, fallbacks and
    float arithmetic are jieba's own (``(log f - log total) + route`` in the same
    order), so the words are identical; ``tests/text/test_tokenizer.py`` checks
    that against ``jieba.cut`` itself. Unknown runs still go through jieba's HMM.
    The table follows the tokenizer: a word added later rebuilds it.

    Blocks of Han characters alone go to jieba-rs (``rjieba``, the same dictionary,
    lexicon and HMM in Rust, ~8x faster) when the tokenizer is :func:`get_jieba`'s
    and unchanged since; so do blocks mixing in Latin letters or digits, unless
    jieba-rs's words there may differ from jieba's (:meth:`_same_as_jieba`), which
    then take the Python path.
    """

    _PREFIX = 1.0  # marks a prefix-only entry (freq 0); real log-probabilities are < 0

    def __init__(self, tk, native: bool = True) -> None:
        import jieba
        from jieba import finalseg

        tk.check_initialized()
        self.tk = tk
        self._finalseg = finalseg
        self._re_hmm_han, self._re_hmm_skip = finalseg.re_han, finalseg.re_skip
        low = finalseg.MIN_FLOAT
        self._start = tuple(finalseg.start_P[y] for y in "BMES")
        # per character its four emission log-probabilities (B, M, E, S), jieba's MIN_FLOAT
        # where a state lacks it: one lookup per character instead of four
        emit = finalseg.emit_P
        self._emit = {c: tuple(emit[y].get(c, low) for y in "BMES")
                      for c in set().union(*(emit[y] for y in "BMES"))}
        self._emit_low = (low,) * 4
        tr = finalseg.trans_P
        # the two ways into each state (finalseg.PrevStatus), in jieba's float order
        self._trans = tuple(tr[a].get(b, low) for a, b in
                            (("E", "B"), ("S", "B"), ("M", "M"), ("B", "M"),
                             ("S", "S"), ("E", "S"), ("B", "E"), ("M", "E")))
        self._re_han = jieba.re_han_default
        self._re_skip = jieba.re_skip_default
        self._key: tuple[int, int] | None = None
        self._sync()
        self._native = _native_cutter(tk) if native else None

    # the most frequent words get key strings of their own, allocated one after another
    _HOT = 50_000

    def _sync(self) -> None:
        """Build the table; its layout is tuned for the CPU cache, its contents are jieba's.

        A table of 500 000 entries does not fit in any cache, and a lookup that misses
        it costs more than the Python around it (between two documents the other stages
        evict it). So the table is filled most frequent word first (the hot entries share
        cache lines), the hottest words' keys are fresh copies allocated together rather
        than jieba's strings scattered over its heap, and words of one frequency share
        one float. Which words map to which values is unchanged.
        """
        tk = self.tk
        freq = tk.FREQ
        logtotal = log(tk.total)
        pre = self._PREFIX
        by_freq: dict[int, float] = {}
        lp: dict[str, float] = {}
        for i, w in enumerate(sorted(freq, key=freq.__getitem__, reverse=True)):
            f = freq[w]
            if i < self._HOT:
                w = (w + " ")[:-1]  # a new string object: equal, placed next to the last one
            if not f:
                lp[w] = pre
                continue
            v = by_freq.get(f)
            if v is None:
                v = by_freq[f] = log(f) - logtotal
            lp[w] = v
        self._lp = lp
        self._miss = -logtotal  # jieba: log(FREQ.get(w) or 1) - logtotal for a lone char
        self._key = (tk.total, len(tk.FREQ))

    def _route(self, s: str) -> list[int]:
        """``route[k][1]`` of jieba's ``calc`` (last index of the word starting at ``k``)."""
        get = self._lp.get
        miss = self._miss
        neg = float("-inf")
        n = len(s)
        rp = [0.0] * (n + 1)
        rp[n] = 0
        rx = list(range(n + 1))
        for k in range(n - 1, -1, -1):
            v = get(s[k])
            if v is None:  # not even a prefix: the char alone
                rp[k] = miss + rp[k + 1]
                continue
            if v < 0:
                bp, bx = v + rp[k + 1], k
            else:
                bp, bx = neg, k
            j = k + 2
            while j <= n:
                v = get(s[k:j])
                if v is None:
                    break
                if v < 0:
                    p = v + rp[j]
                    if p >= bp:  # jieba's max over (prob, x): a tie goes to the longer word
                        bp, bx = p, j - 1
                j += 1
            if bp == neg:
                bp = miss + rp[k + 1]
            rp[k] = bp
            rx[k] = bx
        return rx

    def _viterbi(self, obs: str) -> list[str]:
        """finalseg.viterbi's state path: same sums in the same order, same tie-breaks
        (``max`` over ``(prob, state)`` tuples prefers the later letter on a tie)."""
        emit, low = self._emit.get, self._emit_low
        tEB, tSB, tMM, tBM, tSS, tES, tBE, tME = self._trans
        sB, sM, sE, sS = self._start
        eB, eM, eE, eS = emit(obs[0], low)
        vB, vM, vS, vE = sB + eB, sM + eM, sS + eS, sE + eE
        back = []
        for c in obs[1:]:
            eB, eM, eE, eS = emit(c, low)
            p, q = vE + tEB + eB, vS + tSB + eB
            nB, bB = (q, "S") if q >= p else (p, "E")
            p, q = vM + tMM + eM, vB + tBM + eM
            nM, bM = (p, "M") if p >= q else (q, "B")
            p, q = vS + tSS + eS, vE + tES + eS
            nS, bS = (p, "S") if p >= q else (q, "E")
            p, q = vB + tBE + eE, vM + tME + eE
            nE, bE = (q, "M") if q >= p else (p, "B")
            back.append((bB, bM, bS, bE))
            vB, vM, vS, vE = nB, nM, nS, nE
        state = "S" if vS >= vE else "E"
        path = [state]
        idx = {"B": 0, "M": 1, "S": 2, "E": 3}
        for b in reversed(back):
            state = b[idx[state]]
            path.append(state)
        path.reverse()
        return path

    def _hmm(self, sentence: str, out: list[str]) -> None:
        """``finalseg.cut(sentence)`` into ``out``."""
        re_han, re_skip = self._re_hmm_han, self._re_hmm_skip
        force = self._finalseg.Force_Split_Words
        app = out.append
        for blk in re_han.split(sentence):
            if re_han.match(blk):
                pos = self._viterbi(blk)
                begin = nexti = 0
                for i, p in enumerate(pos):
                    if p == "B":
                        begin = i
                    elif p == "E":
                        w = blk[begin:i + 1]
                        if w in force:
                            out.extend(w)
                        else:
                            app(w)
                        nexti = i + 1
                    elif p == "S":
                        w = blk[i]
                        if w in force:
                            out.extend(w)
                        else:
                            app(w)
                        nexti = i + 1
                if nexti < len(blk):
                    w = blk[nexti:]
                    if w in force:
                        out.extend(w)
                    else:
                        app(w)
            else:
                out.extend(x for x in re_skip.split(blk) if x)

    def _cut_block(self, s: str, out: list[str]) -> None:
        # jieba's __cut_DAG: runs of single chars go to the HMM unless they are a word
        rx = self._route(s)
        lp = self._lp
        app = out.append
        x, n, buf = 0, len(s), ""
        while x <= n:
            if x < n:
                y = rx[x] + 1
                if y - x == 1:
                    buf += s[x]
                    x = y
                    continue
            if buf:
                if len(buf) == 1:
                    app(buf)
                elif not lp.get(buf, 1.0) < 0:  # jieba: not FREQ.get(buf)
                    self._hmm(buf, out)
                else:
                    out.extend(buf)
                buf = ""
            if x == n:
                break
            app(s[x:y])
            x = y

    def _same_as_jieba(self, words: list[str]) -> bool:
        """Whether jieba-rs's words of a block mixing Han with Latin or digits are jieba's.

        Both find the same dictionary words; they differ only where the HMM meets a
        run of Latin letters or digits (jieba-rs keeps ``2023-2025`` whole). So every
        word holding a non-Han character must be a dictionary word, or a lone run of
        Latin letters and digits between Han words that jieba's HMM also keeps whole
        (``finalseg.re_skip``); else the block takes the Python path.
        """
        lp, han_only, skip = self._lp, _HAN_ONLY.fullmatch, _HMM_SKIP.fullmatch
        last = len(words) - 1
        for i, w in enumerate(words):
            if han_only(w):
                continue
            v = lp.get(w)
            if v is not None and v < 0:
                continue
            if skip(w) and (i == 0 or han_only(words[i - 1])) \
                    and (i == last or han_only(words[i + 1])):
                continue
            return False
        return True

    def cut(self, text: str) -> list[str]:
        tk = self.tk
        if (tk.total, len(tk.FREQ)) != self._key:
            self._sync()
            self._native = None  # a word added after get_jieba: the Python path only
        out: list[str] = []
        re_han, re_skip = self._re_han, self._re_skip
        native = self._native
        han_only = _HAN_ONLY.fullmatch
        for blk in re_han.split(text):
            if not blk:
                continue
            if re_han.match(blk):
                if native is None:
                    self._cut_block(blk, out)
                elif han_only(blk):
                    out.extend(native(blk, True))
                else:
                    words = native(blk, True)
                    if self._same_as_jieba(words):
                        out.extend(words)
                    else:
                        self._cut_block(blk, out)
            else:
                for x in re_skip.split(blk):
                    if re_skip.match(x):
                        out.append(x)
                    else:
                        out.extend(x)
        return out


class JiebaTokenizer:
    """Callable ``raw -> Doc`` for spaCy; see the module docstring."""

    def __init__(self, vocab: Vocab, hmm: bool = True, extra_words: Iterable[str] = ()):
        set_extensions()
        self.vocab = vocab
        self.hmm = hmm
        self.extra_words = tuple(extra_words)
        self._jieba = None
        self._fast: FastCut | None = None

    @property
    def jieba(self):
        if self._jieba is None:
            self._jieba = get_jieba(self.extra_words)
        return self._jieba

    def cut(self, text: str) -> list[str]:
        """jieba's words of ``text`` (the fast path when HMM is on)."""
        if not self.hmm:
            return list(self.jieba.cut(text, HMM=False))
        if self._fast is None:
            self._fast = FastCut(self.jieba)
        return self._fast.cut(text)

    def words_and_spaces(self, norm: NormalizedText) -> tuple[list[str], list[bool]]:
        """jieba's words on the view, laid back on the raw text in one pass.

        A word occupies ``len(word)`` kept raw characters from the current raw
        position; a deletion inside it splits it, and the deleted text (a soft
        break, ``**``) becomes a token of its own. A single space after a word is
        spaCy's ``spaces`` flag, as in spaCy's own tokenizers.
        """
        raw = norm.raw
        dels = norm.map.deletions
        nd = len(dels)
        words: list[str] = []
        spaces: list[bool] = []
        append_w, append_s = words.append, spaces.append
        di = 0
        pos = 0  # raw index of the next kept character

        def emit(piece: str) -> None:
            if piece == " " and words and not spaces[-1] and not words[-1].isspace():
                spaces[-1] = True
            elif piece:
                append_w(piece)
                append_s(False)

        for w in self.cut(norm.text):
            while di < nd and dels[di].start == pos:
                d = dels[di]
                emit(raw[d.start : d.end])
                pos = d.end
                di += 1
            end = pos + len(w)
            while di < nd and dels[di].start < end:
                d = dels[di]
                emit(raw[pos : d.start])
                emit(raw[d.start : d.end])
                end += d.end - d.start
                pos = d.end
                di += 1
            if w == " " and words and not spaces[-1] and not words[-1].isspace():
                spaces[-1] = True
            else:
                append_w(raw[pos:end])
                append_s(False)
            pos = end
        if pos < len(raw):
            while di < nd:
                d = dels[di]
                emit(raw[pos : d.start])
                emit(raw[d.start : d.end])
                pos = d.end
                di += 1
            emit(raw[pos:])
        return words, spaces

    def __call__(self, text: str) -> Doc:
        if not isinstance(text, str):
            from ..errors import Errors

            raise TypeError(Errors.E001.format(type=type(text).__name__))
        norm = normalize(text)
        words, spaces = self.words_and_spaces(norm)
        if _SURROGATE.search(text):
            # spaCy's string store is UTF-8 and cannot hold a lone surrogate: the Doc gets
            # U+FFFD in its place (same length, same offsets); norm.raw keeps the original.
            words = [_SURROGATE.sub("\ufffd", w) for w in words]
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc._.pe = PEState(norm=norm)
        return doc

    # spaCy serialisation: the lexicon is package data, so nothing to save.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "JiebaTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "JiebaTokenizer":
        return self


@registry.tokenizers("policy_extract.JiebaTokenizer.v1")
def create_jieba_tokenizer(hmm: bool = True):
    """spaCy config entry: ``[nlp.tokenizer] @tokenizers = "policy_extract.JiebaTokenizer.v1"``."""

    def make(nlp):
        return JiebaTokenizer(nlp.vocab, hmm=hmm)

    return make


__all__ = ["JiebaTokenizer", "create_jieba_tokenizer", "get_jieba", "lexicon_words", "data_path"]
