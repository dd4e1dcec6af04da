"""The peers benchmark: other extractors side by side with ``policy_extract`` on the same gold.

    python benchmarks/peers.py --gold corpora/heldout_gold --raw ../shared/corpora/pages

Repository tooling, not library: it lives outside the wheel (``benchmarks/``), imports
``policy_extract`` like any user, and reads its configuration from ``benchmarks/peers.json``.
``policy-extract compare`` runs it from a checkout.

Peers (all optional; a missing one gives a row saying "not installed"):

* Microsoft Recognizers-Text (``recognizers-text-suite``, Chinese culture):
  its percentage and currency models;
* JioNLP: ``ner.extract_money``, and ``ner.LexiconNER`` (a dictionary matcher
  with no lexicon of its own: it is fed the project's gazetteer, if there is one);
* jieba's POS tags (``jieba.posseg``, the stock dictionary): ``nt``/``ns``/``nz``
  words read as organisation/place/other proper names;
* ``policy_extract`` itself (rules mode).

Quantities are scored per *subset* (``benchmarks/peers.json``): a gold quantity,
and one of ours, is in a subset when its unit is one of the subset's units; a
peer's output is in the subset its model is for (its percentage model →
``percent``). Matching is GUIDELINES §5 (``evaluate.score_quantities``:
overlapping spans and equal values, one to one). Entities are scored with
``evaluate.score_entities``: label-blind exact span, and strict on coarse classes
(``ORG``/``LOC``/``MISC``) where jieba's tags have no finer labels. Peers read
the normalised view (``norm.text``) and their spans are mapped back to the raw
text, so they get the same clean-up our rules get; chars/s counts raw characters
and times only the peer's own calls (ours: the whole ``nlp(text)``), after one
warm-up call.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

if not __package__:  # run as a script: the policy_extract of this checkout
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from policy_extract.evaluate import PRF, Report, score_entities, score_quantities  # noqa: E402
from policy_extract.rules.loader import check_keys, load_json, validate_rules  # noqa: E402
from policy_extract.schema import Entity, EntityLabel, Quantity  # noqa: E402

CONFIG = Path(__file__).resolve().with_name("peers.json")
WARMUP = "预热：增长1%，投资1亿元，湖南大学。"

# A raw peer hit before mapping to the raw text: (start, end) in the text the
# peer read, then value, value_max, unit, subset id for quantities or a label /
# class for entities.
QHit = tuple[int, int, float, "float | None", str, str]
EHit = tuple[int, int, str]


# ---------------------------------------------------------------- configuration

@dataclass(frozen=True)
class Subset:
    """A set of gold quantities a peer covers, defined by unit."""

    id: str
    units: frozenset[str]

    def covers(self, q: Quantity) -> bool:
        """Whether a quantity (gold or ours) belongs to this subset.

        >>> s = Subset("percent", frozenset({"%", "个百分点"}))
        >>> s.covers(Quantity(0, 2, "7%", 7.0, "%")), s.covers(Quantity(0, 2, "7个", 7.0, "个"))
        (True, False)
        """
        return q.unit in self.units


@dataclass(frozen=True)
class PeerConfig:
    subsets: tuple[Subset, ...]
    currencies: dict[str, str]        # ISO code -> our unit
    label_class: dict[str, str]       # our label -> coarse class
    pos_class: dict[str, str]         # jieba POS tag -> coarse class
    class_label: dict[str, EntityLabel]  # coarse class -> a representative label (for scoring)


@lru_cache(maxsize=1)
def load_config(name: str | Path = CONFIG) -> PeerConfig:
    """Read and validate ``benchmarks/peers.json`` (or the file ``name`` names)."""
    d = load_json(name)
    check_keys(d, file=name, required=["quantity_subsets", "currencies", "entity_classes"])
    subs = validate_rules(d["quantity_subsets"], file=name, required=["id", "units"],
                          types={"units": list})
    curs = validate_rules(d["currencies"], file=name, required=["id", "unit"],
                          types={"unit": str})
    classes = validate_rules(d["entity_classes"], file=name, required=["id", "labels"],
                             optional=["pos"], types={"labels": list, "pos": list})
    label_class, pos_class, class_label = {}, {}, {}
    for c in classes:
        for lab in c["labels"]:
            label_class[EntityLabel(lab).value] = c["id"]
        for tag in c.get("pos", []):
            pos_class[tag] = c["id"]
        class_label[c["id"]] = EntityLabel(c["labels"][0])
    return PeerConfig(
        subsets=tuple(Subset(s["id"], frozenset(s["units"])) for s in subs),
        currencies={c["id"]: c["unit"] for c in curs},
        label_class=label_class, pos_class=pos_class, class_label=class_label)


# ---------------------------------------------------------------------- scoring

def subset_report(pairs: Iterable[tuple[Sequence[Quantity], Sequence[Quantity]]],
                  subset: Subset, pred_filtered: bool = False) -> Report:
    """``evaluate`` report (GUIDELINES §5 matching) on one subset of (gold, pred) quantity lists.

    Gold is restricted to the subset; so is ``pred`` unless the peer already
    returned only that subset (``pred_filtered``).

    >>> s = Subset("percent", frozenset({"%"}))
    >>> g = [Quantity(0, 2, "7%", 7.0, "%"), Quantity(5, 9, "300个", 300.0, "个")]
    >>> p = [Quantity(0, 2, "7%", 7.0, "%"), Quantity(5, 9, "300个", 300.0, "个")]
    >>> subset_report([(g, p)], s).quantities.as_dict()["f1"]
    1.0
    """
    rep = Report()
    for gold, pred in pairs:
        gs = [q for q in gold if subset.covers(q)]
        ps = list(pred) if pred_filtered else [q for q in pred if subset.covers(q)]
        score_quantities(gs, ps, rep)
    return rep


def error_texts(rep: Report, layer: str = "quantity") -> dict[str, list[str]]:
    """Texts of a report's misses and false alarms, for the JSON output.

    >>> rep = subset_report([([Quantity(0, 2, "7%", 7.0, "%")], [])], Subset("p", frozenset({"%"})))
    >>> error_texts(rep)
    {'miss': ['7%'], 'false_alarm': []}
    """
    out: dict[str, list[str]] = {"miss": [], "false_alarm": []}
    for e in rep.errors:
        if e["layer"] == layer and e["type"] in out:
            out[e["type"]].append(e["text"])
    return out


def to_class(e: Entity, cfg: PeerConfig, label_class: str | None = None) -> Entity | None:
    """``e`` relabelled to the representative label of its coarse class (None if unmapped).

    Scoring reuses ``evaluate.score_entities``, which compares labels: giving
    every member of a class the same representative label makes its "strict"
    figure the class-strict one.

    >>> cfg = load_config()
    >>> to_class(Entity(0, 4, "湖南大学", EntityLabel.INSTITUTION), cfg).label.value
    'ENTERPRISE'
    >>> to_class(Entity(0, 4, "湘江新区", EntityLabel.PARK), cfg).label.value
    'PARK'
    """
    cls = label_class or cfg.label_class.get(e.label.value)
    if cls is None:
        return None
    return Entity(e.start, e.end, e.text, cfg.class_label[cls], source=e.source)


@dataclass
class EntityFigures:
    span: PRF = field(default_factory=PRF)
    classes: PRF = field(default_factory=PRF)
    strict: PRF | None = None
    partial: PRF | None = None


def entity_figures(pairs: Iterable[tuple[Sequence[Entity], Sequence[Entity]]],
                   cfg: PeerConfig, fine_labels: bool = True) -> EntityFigures:
    """Label-blind exact-span and coarse-class strict figures (plus strict and
    partial on our six labels when the peer has them).

    >>> cfg = load_config()
    >>> g = [Entity(0, 4, "湖南大学", EntityLabel.INSTITUTION), Entity(5, 9, "湘江新区", EntityLabel.PARK)]
    >>> p = [Entity(0, 4, "湖南大学", EntityLabel.ENTERPRISE), Entity(5, 7, "湘江", EntityLabel.PARK)]
    >>> f = entity_figures([(g, p)], cfg)
    >>> f.span.tp, f.classes.tp, f.strict.tp, f.partial.tp
    (1, 1, 0, 1)
    """
    span_rep, cls_rep, fine_rep = Report(), Report(), Report()
    for gold, pred in pairs:
        gc = [c for e in gold if (c := to_class(e, cfg)) is not None]
        pc = [c for e in pred if (c := to_class(e, cfg)) is not None]
        score_entities(gc, pc, cls_rep)
        if fine_labels:
            score_entities(gold, pred, fine_rep)
        else:
            score_entities(gold, pred, span_rep)
    if fine_labels:
        return EntityFigures(fine_rep.ent_span, cls_rep.ent_strict, fine_rep.ent_strict,
                             fine_rep.ent_partial)
    return EntityFigures(span_rep.ent_span, cls_rep.ent_strict)


# ------------------------------------------------------------------------ peers

class NotInstalled(Exception):
    """The peer's package is missing or does not import."""


class NotRunnable(Exception):
    """The peer is installed but cannot run here (no data, would need the network)."""


def _import(name: str):
    """Import a peer module quietly (JioNLP prints a banner on stdout)."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            return importlib.import_module(name)
    except Exception as err:  # ImportError, or emoji>=1.0 breaking recognizers at import
        raise NotInstalled(f"{type(err).__name__}: {err}") from None


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "?"


@dataclass
class Peer:
    """One extractor: ``run(text)`` returns hits in ``text``'s coordinates."""

    name: str
    dist: str
    kind: str  # "quantities" | "entities"
    setup: Callable[[], Callable[[str], list]]
    subsets: tuple[str, ...] = ()  # quantity subsets this peer's models are for
    note: str = ""
    fine_labels: bool = False
    run: Callable[[str], list] | None = None
    error: str | None = None
    load_s: float = 0.0

    def start(self) -> bool:
        t0 = time.perf_counter()
        try:
            self.run = self.setup()
            self.run(WARMUP)
        except NotInstalled as err:
            self.error = f"not installed ({err})"
        except NotRunnable as err:
            self.error = f"not runnable: {err}"
        except Exception as err:  # a peer that breaks must not break the comparison
            self.error = f"failed: {type(err).__name__}: {err}"
        self.load_s = time.perf_counter() - t0
        return self.error is None

    @property
    def label(self) -> str:
        v = _version(self.dist) if self.dist else ""
        return f"{self.name} {v}".strip()


def _ms_percent_setup() -> Callable[[str], list[QHit]]:
    rs = _import("recognizers_suite")
    culture = rs.Culture.Chinese

    def run(text: str) -> list[QHit]:
        out = []
        for r in rs.recognize_percentage(text, culture):
            v = _num((r.resolution or {}).get("value", "").rstrip("%"))
            if v is None:
                continue
            unit = "个百分点" if "百分点" in r.text else "%"
            # Recognizers-Text ends are inclusive.
            out.append((r.start, r.end + 1, v, None, unit, "percent"))
        return out

    return run


def _ms_currency_setup() -> Callable[[str], list[QHit]]:
    rs = _import("recognizers_suite")
    culture = rs.Culture.Chinese
    cur = load_config().currencies

    def run(text: str) -> list[QHit]:
        out = []
        for r in rs.recognize_currency(text, culture):
            res = r.resolution or {}
            v = _num(res.get("value"))
            if v is None:
                continue
            unit = cur.get(res.get("isoCurrency") or "", res.get("unit") or "?")
            out.append((r.start, r.end + 1, v, None, unit, "money"))
        return out

    return run


def _jio_money_setup() -> Callable[[str], list[QHit]]:
    jio = _import("jionlp")

    def run(text: str) -> list[QHit]:
        out = []
        for m in jio.ner.extract_money(text, with_parsing=True):
            det = m.get("detail") or {}
            num = det.get("num")
            lo, hi = (num[0], num[1]) if isinstance(num, list) else (num, None)
            v, vmax = _num(lo), _num(hi)
            if v is None:
                continue
            s, e = m["offset"]
            out.append((s, e, v, vmax if vmax != v else None, det.get("case") or "元", "money"))
        return out

    return run


@lru_cache(maxsize=1)
def _stock_jieba():
    """jieba with its stock dictionary only (not the global one our lexicon may touch), shared."""
    jieba = _import("jieba")
    jieba.setLogLevel(60)
    tk = jieba.Tokenizer()
    tk.initialize()
    return tk


def _jieba_pos_setup() -> Callable[[str], list[EHit]]:
    posseg = _import("jieba.posseg")
    tagger = posseg.POSTokenizer(_stock_jieba())
    classes = load_config().pos_class

    def run(text: str) -> list[EHit]:
        out, i = [], 0
        for w in tagger.cut(text):
            j = i + len(w.word)
            cls = classes.get(w.flag)
            if cls is not None:
                out.append((i, j, cls))
            i = j
        return out

    return run


def gazetteer_lexicon() -> dict[str, list[str]]:
    """label -> names (canonical and aliases) of the project gazetteer, if it exists."""
    try:
        data = load_json("entity_gazetteer.json")
    except Exception:
        return {}
    labels = {x.value for x in EntityLabel}
    out: dict[str, set[str]] = {}

    def walk(x: Any, label: str | None) -> None:
        if isinstance(x, dict):
            lab = x.get("label") if x.get("label") in labels else label
            for k in ("name", "canonical", "text"):
                if lab and isinstance(x.get(k), str):
                    out.setdefault(lab, set()).add(x[k])
            for k, v in x.items():
                if k in ("aliases", "names") and lab and isinstance(v, list):
                    out.setdefault(lab, set()).update(s for s in v if isinstance(s, str))
                elif isinstance(v, (dict, list)):
                    walk(v, lab if k not in labels else k)
        elif isinstance(x, list):
            for v in x:
                walk(v, label)

    walk(data, None)
    return {k: sorted(v) for k, v in out.items() if v}


def _jio_lexicon_setup() -> Callable[[str], list[EHit]]:
    jio = _import("jionlp")
    lexicon = gazetteer_lexicon()
    if not lexicon:
        raise NotRunnable("runs offline but ships no lexicon of names, and the project "
                          "gazetteer (data/zh/entity_gazetteer.json) is absent")
    ner = jio.ner.LexiconNER(lexicon)

    def run(text: str) -> list[EHit]:
        return [(h["offset"][0], h["offset"][1], h["type"]) for h in ner(text)]

    return run


def _jieba_cut_setup() -> Callable[[str], list]:
    tk = _stock_jieba()

    def run(text: str) -> list:
        for _ in tk.cut(text):
            pass
        return []

    return run


def default_peers() -> list[Peer]:
    return [
        Peer("recognizers-text percentage (zh-cn)", "recognizers-text-suite", "quantities",
             _ms_percent_setup, ("percent",)),
        Peer("recognizers-text currency (zh-cn)", "recognizers-text-suite", "quantities",
             _ms_currency_setup, ("money",)),
        Peer("jionlp.ner.extract_money", "jionlp", "quantities", _jio_money_setup, ("money",)),
        Peer("jieba.posseg nt/ns/nz", "jieba", "entities", _jieba_pos_setup,
             note="stock jieba dictionary; one word per name"),
        Peer("jionlp LexiconNER + our gazetteer", "jionlp", "entities",
             _jio_lexicon_setup, fine_labels=True,
             note="a dictionary lookup: circular on names the gazetteer was written from"),
    ]


def _num(x: Any) -> float | None:
    """A peer's value as a float, None when it is not a number.

    >>> _num("8000000000.00"), _num("5"), _num(None), _num("五")
    (8000000000.0, 5.0, None, None)
    """
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


# ----------------------------------------------------------------------- running

@dataclass
class GoldDoc:
    doc_id: str
    raw: str
    norm: Any  # NormalizedText
    gold_q: list[Quantity]
    gold_e: list[Entity]
    date: str | None


def _raw_quantity(norm, h: QHit, source: str) -> Quantity:
    s, e, text = norm.raw_text(h[0], h[1])
    return Quantity(s, e, text, h[2], h[4], value_max=h[3], source=source)


def _raw_entity(norm, h: EHit, cfg: PeerConfig, source: str) -> Entity:
    s, e, text = norm.raw_text(h[0], h[1])
    lab = cfg.class_label[h[2]] if h[2] in cfg.class_label else EntityLabel(h[2])
    return Entity(s, e, text, lab, source=source)


def _timed(fn: Callable[[str], list], texts: list[str], repeat: int) -> tuple[list[list], float]:
    outs = []
    t0 = time.perf_counter()
    for _ in range(repeat):
        outs = [fn(t) for t in texts]
    return outs, (time.perf_counter() - t0) / repeat


def _commit() -> str | None:
    """The short commit of the checkout this module runs from, ``+dirty`` if tracked files differ."""
    here = Path(__file__).resolve().parent
    try:
        sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=here,
                             capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=here, capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return (sha + ("+dirty" if dirty else "")) or None


def _found(ents: Iterable[Entity], gold_spans: set[tuple[str, int, int]], doc_ids: Iterable[str],
           top: int = 6) -> dict[str, list[str]]:
    """Most frequent texts a peer found, split into exact gold spans and the rest."""
    hit, miss = Counter(), Counter()
    for did, e in zip(doc_ids, ents):
        (hit if (did, e.start, e.end) in gold_spans else miss)[e.text] += 1
    return {"gold_spans": _top(hit, top), "other": _top(miss, top)}


def compare(gold_dir: str | Path, raw_dirs: list[str | Path] | None = None, repeat: int = 1,
            peers: list[Peer] | None = None, mode: str = "rules") -> dict[str, Any]:
    """Run every peer and ``policy_extract`` on one gold directory; the figures as a dict."""
    from policy_extract.corpus import iter_gold
    from policy_extract.pipeline import load
    from policy_extract.text.normalize import normalize

    cfg = load_config()
    docs = [GoldDoc(it.gold.doc_id, it.gold.text, normalize(it.gold.text),
                    list(it.gold.quantities), list(it.gold.entities), it.date)
            for it in iter_gold(gold_dir, raw_dirs)]
    n_chars = sum(len(d.raw) for d in docs)
    texts = [d.norm.text for d in docs]
    gold_spans = {(d.doc_id, e.start, e.end) for d in docs for e in d.gold_e}

    q_rows: list[dict[str, Any]] = []
    e_rows: list[dict[str, Any]] = []
    sub_by_id = {s.id: s for s in cfg.subsets}

    def cps(sec: float) -> float | None:
        return round(n_chars / sec) if sec > 0 else None

    for peer in peers if peers is not None else default_peers():
        ok = peer.start()
        base = {"peer": peer.label, "note": peer.note}
        if not ok:
            if peer.kind == "quantities":
                for sid in peer.subsets or ("-",):
                    q_rows.append({**base, "subset": sid, "status": peer.error})
            else:
                e_rows.append({**base, "status": peer.error})
            continue
        outs, sec = _timed(peer.run, texts, repeat)
        if peer.kind == "quantities":
            preds = [[_raw_quantity(d.norm, h, peer.name) for h in hits]
                     for d, hits in zip(docs, outs)]
            by_sub: dict[str, list[list[Quantity]]] = {}
            for d_i, hits in enumerate(outs):
                for h, q in zip(hits, preds[d_i]):
                    by_sub.setdefault(h[5], [[] for _ in docs])[d_i].append(q)
            for sid, per_doc in by_sub.items():
                rep = subset_report(zip((d.gold_q for d in docs), per_doc), sub_by_id[sid],
                                    pred_filtered=True)
                q_rows.append({**base, "subset": sid, "status": "ok", **rep.quantities.as_dict(),
                               "chars_per_s": cps(sec), "errors": error_texts(rep)})
        else:
            preds = [[_raw_entity(d.norm, h, cfg, peer.name) for h in hits]
                     for d, hits in zip(docs, outs)]
            f = entity_figures(zip((d.gold_e for d in docs), preds), cfg, peer.fine_labels)
            flat = [e for p in preds for e in p]
            ids = [d.doc_id for d, p in zip(docs, preds) for _ in p]
            e_rows.append({**base, "status": "ok", **_ent_dict(f), "chars_per_s": cps(sec),
                           "found": _found(flat, gold_spans, ids)})

    # Ours: one pipeline call per text gives both layers; timed as a whole.
    ours = {}
    for gaz in (True, False):
        nlp = load(mode, use_gazetteer=gaz)
        nlp(WARMUP)
        outs, sec = _timed(lambda t, nlp=nlp: [nlp(t)], [d.raw for d in docs], repeat)
        ours[gaz] = ([o[0] for o in outs], sec, nlp.mode)
    commit = _commit()
    preds_doc, sec, used = ours[True]
    name = f"policy_extract {used}"
    for s in cfg.subsets:
        rep = subset_report(zip((d.gold_q for d in docs), (p.quantities for p in preds_doc)), s)
        q_rows.append({"peer": name, "note": "", "subset": s.id, "status": "ok",
                       **rep.quantities.as_dict(), "chars_per_s": cps(sec),
                       "errors": error_texts(rep)})
    allq = Report()
    for d, p in zip(docs, preds_doc):
        score_quantities(d.gold_q, p.quantities, allq)
    q_rows.append({"peer": name, "note": "", "subset": "all", "status": "ok",
                   **allq.quantities.as_dict(), "chars_per_s": cps(sec)})
    for gaz in (True, False):
        preds_doc, sec, used = ours[gaz]
        f = entity_figures(zip((d.gold_e for d in docs), (p.entities for p in preds_doc)), cfg)
        flat = [e for p in preds_doc for e in p.entities]
        ids = [d.doc_id for d, p in zip(docs, preds_doc) for _ in p.entities]
        e_rows.append({"peer": f"policy_extract {used}" + ("" if gaz else ", no gazetteer"),
                       "note": "", "status": "ok", **_ent_dict(f), "chars_per_s": cps(sec),
                       "found": _found(flat, gold_spans, ids)})

    ref = Peer("jieba.cut (speed reference)", "jieba", "speed", _jieba_cut_setup)
    ref_cps = None
    if ref.start():
        _, rsec = _timed(ref.run, texts, repeat)
        ref_cps = cps(rsec)
    return {
        "gold": str(gold_dir), "documents": len(docs), "chars": n_chars, "repeat": repeat,
        "policy_extract_commit": commit, "python": sys.version.split()[0],
        "subsets": {s.id: sorted(s.units) for s in cfg.subsets},
        "entity_classes": {c: sorted(lab for lab, k in cfg.label_class.items() if k == c)
                           for c in cfg.class_label},
        "jieba_pos": dict(cfg.pos_class),
        "quantities": q_rows, "entities": e_rows, "jieba_cut_chars_per_s": ref_cps,
    }


def _ent_dict(f: EntityFigures) -> dict[str, Any]:
    d = {"span": f.span.as_dict(), "class_strict": f.classes.as_dict()}
    if f.strict is not None:
        d["strict"] = f.strict.as_dict()
        d["partial"] = f.partial.as_dict()
    return d


# ---------------------------------------------------------------------- printing

def _prf_cells(d: dict | None) -> str:
    if not d:
        return f"{'-':>6}{'-':>6}{'-':>6}"
    return f"{d['p']:>6.3f}{d['r']:>6.3f}{d['f1']:>6.3f}"


def _most_common(texts: Sequence[str] | None, top: int = 5) -> str:
    """``a×2, b`` for the ``top`` most frequent texts; ``none`` when empty.

    >>> _most_common(["三角", "三角", "三块"]), _most_common([])
    ('三角×2, 三块', 'none')
    """
    return ", ".join(_top(Counter(texts or ()), top)) or "none"


def _top(c: Counter, top: int) -> list[str]:
    return [f"{t}×{n}" if n > 1 else t for t, n in c.most_common(top)]


def _cps(v: int | None) -> str:
    return f"{v:>11,}" if v else f"{'-':>11}"


def format_table(res: dict[str, Any]) -> str:
    """The one table the benchmark prints (``--json``: the figures instead)."""
    out = [f"gold: {res['gold']} ({res['documents']} documents, {res['chars']:,} chars); "
           f"policy_extract at {res['policy_extract_commit'] or '?'}; timings over "
           f"{res['repeat']} run(s)"]
    subs = "; ".join(f"{k} = unit in {{{', '.join(v)}}}" for k, v in res["subsets"].items())
    out.append(f"subsets: {subs}")
    out.append("")
    w = 46
    out.append(f"{'QUANTITIES (overlap + equal value)':<{w}}{'subset':<9}{'P':>6}{'R':>6}{'F1':>6}"
               f"{'gold':>6}{'pred':>6}{'chars/s':>11}")
    q_notes = []
    for r in res["quantities"]:
        if r["status"] != "ok":
            out.append(f"  {r['peer']:<{w - 2}} {r['subset']:<9}{r['status']}")
            continue
        out.append(f"  {r['peer']:<{w - 2}}{r['subset']:<9}{_prf_cells(r)}{r['gold']:>6}"
                   f"{r['pred']:>6}{_cps(r['chars_per_s'])}")
        errs = r.get("errors") or {}
        if r["subset"] != "all" and (errs.get("miss") or errs.get("false_alarm")):
            q_notes.append(f"  {r['peer']} [{r['subset']}]: missed "
                           f"{_most_common(errs.get('miss'))}; false alarms "
                           f"{_most_common(errs.get('false_alarm'))}")
    out.append("chars/s: raw characters over the time of the extractor's own calls "
               "(peers: on the normalised view; ours: the whole nlp(text), every stage)")
    if q_notes:
        out.append("quantity errors:")
        out.extend(q_notes)
    out.append("")
    classes = "; ".join(f"{c} = {', '.join(v)}" for c, v in res["entity_classes"].items())
    out.append(f"classes: {classes}; jieba "
               + ", ".join(f"{t}→{c}" for t, c in res["jieba_pos"].items()))
    out.append(f"{'ENTITIES':<{w}}{'span only':^18}{'class strict':^18}{'strict':^18}"
               f"{'pred':>6}{'chars/s':>11}")
    out.append(f"{'':<{w}}" + f"{'P':>6}{'R':>6}{'F1':>6}" * 3)
    notes = []
    for r in res["entities"]:
        if r["status"] != "ok":
            out.append(f"  {r['peer']:<{w - 2}} {r['status']}")
            continue
        out.append(f"  {r['peer']:<{w - 2}}{_prf_cells(r['span'])}{_prf_cells(r['class_strict'])}"
                   f"{_prf_cells(r.get('strict'))}{r['span']['pred']:>6}{_cps(r['chars_per_s'])}")
        fd = r.get("found") or {}
        notes.append(f"  {r['peer']}: {r['note'] + '; ' if r['note'] else ''}"
                     f"exact gold spans: {', '.join(fd.get('gold_spans') or ['none'])}; "
                     f"most frequent others: {', '.join(fd.get('other') or ['none'])}")
    gold_n = next((r["span"]["gold"] for r in res["entities"] if r["status"] == "ok"), None)
    if gold_n is not None:
        out.append(f"  (gold entities: {gold_n})")
    if res.get("jieba_cut_chars_per_s"):
        out.append(f"\njieba.cut on the same texts (speed reference): "
                   f"{res['jieba_cut_chars_per_s']:,} chars/s")
    out.append("\nwhat each entity peer finds:")
    out.extend(notes)
    return "\n".join(out)


# --------------------------------------------------------------------------- command

def main(argv: Sequence[str] | None = None) -> int:
    """``python benchmarks/peers.py --gold DIR [--raw DIR ...] [--json] [--repeat N] [--mode M]``."""
    import argparse

    from policy_extract.errors import InputError

    p = argparse.ArgumentParser(
        prog="peers.py", description="peers (Recognizers-Text, JioNLP, jieba POS) and "
                                     "policy_extract side by side on the same gold")
    p.add_argument("--gold", required=True, help="directory of gold JSON files")
    p.add_argument("--raw", action="append", help="directory of raw texts (repeatable)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--repeat", type=int, default=3, help="timing runs per extractor (default 3)")
    p.add_argument("--mode", default="rules", choices=["rules", "model", "combined"],
                   help="our pipeline's entity mode (default rules)")
    args = p.parse_args(argv)
    try:
        res = compare(args.gold, args.raw, repeat=max(1, args.repeat), mode=args.mode)
    except (FileNotFoundError, InputError) as err:
        print(f"peers.py: {err}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
    else:
        print(format_table(res))
    return 0


__all__ = ["Subset", "PeerConfig", "load_config", "subset_report", "error_texts", "entity_figures", "to_class",
           "compare", "format_table", "main", "default_peers", "gazetteer_lexicon"]


if __name__ == "__main__":
    sys.exit(main())
