"""A learned status decision: multinomial logistic regression over the rule stage's evidence.

The rules decide a figure's status from cues, frames and the document's kind; where they
plateau (specifications, award rules, reference-set counts that read like results), a
linear model over the same evidence plus the figure's nearby characters learns from the
hand gold. It runs at the rule stage's decision point (``find_quantities``), so it sees
exactly what the rules saw, and it overrides the rules only when it is confident; the
evidence then names it (``status_model@0.93 (rules: achieved)``).

Pure numpy: hashed sparse features (CRC32, ``2**BITS`` buckets), weights saved as ``.npz``.
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

CLASSES = ("target", "achieved", "other")
BITS = 18
_LEFT, _RIGHT, _SENT = 12, 8, 40  # characters of context read on each side


def features(text: str, s: int, e: int, clause: tuple[int, int], sent: tuple[int, int],
             ev: dict[str, str]) -> list[str]:
    """Feature strings of one figure at ``[s, e)`` of the normalised text.

    ``ev``: the rule stage's view of it (rule status, cue, period cue, genre, frame, unit
    kind, measure, bound, period against the document year, document kind).

    >>> fs = features("对企业给予20万元奖补。", 5, 9, (0, 11), (0, 12), {"rule": "achieved"})
    >>> "rule=achieved" in fs and "L2=给予" in fs and "R2=奖补" in fs
    True
    """
    out = [f"{k}={v}" for k, v in ev.items() if v is not None]
    out += [f"rule+{k}={ev.get('rule')}|{v}" for k, v in ev.items()
            if k in ("cue", "genre", "frame", "unit_kind") and v is not None]
    left = text[max(clause[0], s - _LEFT):s]
    right = text[e:min(clause[1], e + _RIGHT)]
    for i in range(len(left)):
        out.append(f"L1={left[i]}")
        if i + 1 < len(left):
            out.append(f"L2={left[i:i + 2]}")
    for i in range(len(right)):
        out.append(f"R1={right[i]}")
        if i + 1 < len(right):
            out.append(f"R2={right[i:i + 2]}")
    if left:
        out.append(f"Lend={left[-2:]}")
    if right:
        out.append(f"Rstart={right[:2]}")
    sl = text[max(sent[0], s - _SENT):s]
    for i in range(len(sl) - 1):
        out.append(f"S2={sl[i:i + 2]}")
    # the mood of the passage: how the clause and the sentence open (稳定…, 培育新增…, 一是…),
    # and whether a past marker or a plan word stands before the figure in its sentence
    out.append(f"copen={text[clause[0]:clause[0] + 2]}")
    out.append(f"sopen={text[sent[0]:sent[0] + 2]}")
    past, ahead = int(bool(_PAST.search(sl))), int(bool(_AHEAD.search(sl)))
    out += [f"past={past}", f"ahead={ahead}", f"mood={past}{ahead}|{ev.get('rule')}"]
    return out


_PAST = re.compile(r"了|已|累计|共计|先后|相继|截至")
_AHEAD = re.compile(r"要|将|力争|确保|争取|计划|推动|加快|打造|培育")


def _hash(fs: Iterable[str]) -> np.ndarray:
    mask = (1 << BITS) - 1
    return np.unique(np.fromiter((zlib.crc32(f.encode("utf-8")) & mask for f in fs), dtype=np.int64))


@dataclass
class StatusModel:
    """A linear decision over hashed features; ``classes`` are statuses (the status model)
    or period sources (the period model, model/period.py)."""

    weights: np.ndarray  # (len(classes), 2**BITS) float32
    bias: np.ndarray  # (len(classes),)
    threshold: float = 0.8  # override the rules only at or above this probability
    name: str = "status_lr"
    classes: tuple[str, ...] = CLASSES

    def proba(self, fs: Sequence[str]) -> np.ndarray:
        idx = _hash(fs)
        z = self.weights[:, idx].sum(axis=1) + self.bias
        z = np.exp(z - z.max())
        return z / z.sum()

    def decide(self, fs: Sequence[str], rule: str) -> tuple[str, float] | None:
        """``(status, probability)`` when the model is confident and disagrees, else None."""
        p = self.proba(fs)
        k = int(p.argmax())
        if self.classes[k] != rule and p[k] >= self.threshold:
            return self.classes[k], float(p[k])
        return None

    def save(self, path: str | Path) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        w = self.weights.astype(np.float16)
        nz = np.nonzero(w.any(axis=0))[0]
        np.savez_compressed(path / "weights.npz", idx=nz.astype(np.int32), w=w[:, nz],
                            bias=self.bias.astype(np.float32))
        (path / "meta.json").write_text(json.dumps(
            {"name": self.name, "classes": list(self.classes), "bits": BITS,
             "threshold": self.threshold},
            indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> "StatusModel":
        path = Path(path)
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        if meta["bits"] != BITS:
            raise ValueError(f"{path}: a model of {meta['bits']} feature bits, not {BITS}")
        classes = tuple(meta["classes"])
        z = np.load(path / "weights.npz")
        w = np.zeros((len(classes), 1 << BITS), dtype=np.float32)
        w[:, z["idx"]] = z["w"].astype(np.float32)
        return cls(w, z["bias"].astype(np.float32), float(meta["threshold"]), meta["name"],
                   classes)


@dataclass
class GenreModels:
    """The status model of pages and, where one was trained, a model of its own for a genre
    (``status_report``: the work reports, whose frames the page model never learnt)."""

    default: StatusModel
    by_genre: dict[str, StatusModel] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path) -> "GenreModels":
        """The model at ``path`` and a ``status_<genre>`` model beside it, when there is one."""
        path = Path(path)
        by_genre = {}
        for genre in GENRE_MODELS:
            side = path.parent / f"status_{genre}"
            if path.name == "status" and (side / "meta.json").is_file():
                by_genre[genre] = StatusModel.load(side)
        return cls(StatusModel.load(path), by_genre)


# genres with a status model of their own, shipped beside the pages' (model/trained/status_<genre>)
GENRE_MODELS = ("report",)


def train(examples: Sequence[tuple[list[str], str]], l2: float = 1e-4, epochs: int = 60,
          lr: float = 0.5, seed: int = 0, classes: tuple[str, ...] = CLASSES) -> StatusModel:
    """Fit the model on ``(features, gold status)`` pairs: full-batch gradient descent with
    Adam on the mean cross-entropy plus an L2 penalty. Deterministic for a given ``seed``."""
    rng = np.random.default_rng(seed)
    K, D = len(classes), 1 << BITS
    rows = [_hash(fs) for fs, _ in examples]
    y = np.array([classes.index(lab) for _, lab in examples])
    n = len(rows)
    flat = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    owner = np.repeat(np.arange(n), [len(r) for r in rows])
    w = np.zeros((K, D), dtype=np.float32)
    b = np.zeros(K, dtype=np.float32)
    mw, vw = np.zeros_like(w), np.zeros_like(w)
    mb, vb = np.zeros_like(b), np.zeros_like(b)
    used = np.unique(flat)
    onehot = np.eye(K, dtype=np.float32)[y]
    _ = rng  # full batch: no sampling; the seed is kept for the record
    for t in range(1, epochs + 1):
        z = np.zeros((n, K), dtype=np.float32)
        for k in range(K):
            z[:, k] = np.bincount(owner, weights=w[k, flat], minlength=n)
        z += b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) / n  # (n, K)
        gw = np.zeros_like(w)
        for k in range(K):
            gw[k] = np.bincount(flat, weights=g[owner, k], minlength=D)
        gw[:, used] += l2 * w[:, used]
        gb = g.sum(axis=0)
        for prm, grad, m, v in ((w, gw, mw, vw), (b, gb, mb, vb)):
            m *= 0.9
            m += 0.1 * grad
            v *= 0.999
            v += 0.001 * grad * grad
            prm -= lr * 0.1 * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    return StatusModel(w, b, classes=classes)


__all__ = ["CLASSES", "GENRE_MODELS", "GenreModels", "StatusModel", "features", "train"]
