"""Experiment (not library code): a spancat over candidate spans as the entity model stage.

Candidates (raw offsets): every suffix hit of the entity rules with each left boundary back to
a separator (token starts, at most 30 characters), quoted strings, separator-delimited runs
of 2-20 characters, and the rule entities. One token per character; the jieba word of each
character in LEMMA; with ``--stack`` the rule entities as B-/I- tags in TAG. One model per
half of corpora/train_gold (even/odd pages, 1 in 8 of the training half as spaCy's dev),
each scored on the other half. Prints strict F1/P/R of the rules, the model alone and the
model merged with the rules (rules first / model first) at several thresholds.

    python scripts/experiments/candidate_spancat.py [--stack]

Needs ../shared beside the repo; works in $PE_EXP_WORK (default /tmp/pe_exp); about 4 min per
half on one core. Results: README.md in this directory.
"""

from __future__ import annotations

import json
import os
import pickle
import sys
from pathlib import Path

import numpy as np
import regex
import spacy
from spacy.tokens import Doc, DocBin, Span
from spacy.training import Example
from spacy.util import registry
from thinc.api import Ragged, get_current_ops

import policy_extract
from policy_extract.components.entity_ruler import load_entity_rules
from policy_extract.extensions import get_state

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT.parent / "shared" / "corpora" / "pages"
WORK = Path(os.environ.get("PE_EXP_WORK", "/tmp/pe_exp"))
CONFIG = Path(__file__).with_name("candidate_spancat.cfg")
STACK = "--stack" in sys.argv
SEP = set("，,、；;。：:（）()\n“”《》！？!? \t\u3000")
QUOTE = regex.compile(r"[“\"「《]([^“”\"」》\n]{2,40})[”\"」》]")
RUN = regex.compile(r"[^，,、；;。：:（）()\n“”《》！？!?\s]{2,20}")
PROGRAM_WORDS = ("行动", "工程", "计划", "专项行动", "行动计划", "项目", "活动", "战略")


def analyse(pipe, rules, raw: str) -> dict:
    """Candidates, rule entities and per-character jieba words of one text."""
    doc = pipe.run(pipe.make_doc(raw))
    st = get_state(doc)
    text, m = st.norm.text, st.norm.map
    bounds = {m.to_norm(t.idx) for t in doc} | {len(text)}
    spans = set()
    for s, e, _suf in rules.suffix_hits(text):
        lo = s
        while lo > 0 and s - lo < 30 and text[lo - 1] not in SEP:
            lo -= 1
        spans.update((b, e) for b in range(lo, s) if b in bounds or b == lo)
    for q in QUOTE.finditer(text):
        spans.update({(q.start(1), q.end(1)), (q.start(), q.end())})
        spans.update((q.start(), q.end() + len(w)) for w in PROGRAM_WORDS
                     if text.startswith(w, q.end()))
    spans.update(r.span() for r in RUN.finditer(text))
    cands = {m.span_to_raw(s, e) for s, e in spans}
    ents = [(e.start, e.end, e.label.value) for e in st.rule_entities]
    cands.update((a, b) for a, b, _ in ents)
    word = [""] * len(raw)
    for t in doc:
        for i in range(t.idx, min(len(raw), t.idx + len(t.text))):
            word[i] = ("B" if i == t.idx else "I") + t.text
    return {"cands": sorted(c for c in cands if c[1] > c[0]), "rules": ents, "word": word}


def load_records() -> list[dict]:
    pipe, rules = policy_extract.load(model="rules"), load_entity_rules()
    out = []
    for f in sorted((ROOT / "corpora" / "train_gold").glob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        raw = (PAGES / f"{g['doc_id']}.txt").read_text(encoding="utf-8")
        gold = [(e["start"], e["end"], e["label"]) for e in g["entities"]]
        out.append({"id": g["doc_id"], "raw": raw, "gold": gold, **analyse(pipe, rules, raw)})
    return out


def char_doc(vocab, r: dict, with_gold: bool) -> Doc:
    raw = r["raw"]
    tags = ["O"] * len(raw)
    for a, b, lab in (r["rules"] if STACK else ()):
        tags[a:b] = ["B-" + lab] + ["I-" + lab] * (b - a - 1)
    d = Doc(vocab, words=list(raw), spaces=[False] * len(raw),
            lemmas=[w or " " for w in r["word"]], tags=tags)
    d.spans["cands"] = [Span(d, a, b, "C") for a, b in r["cands"]]
    if with_gold:
        d.spans["sc"] = [Span(d, a, b, lab) for a, b, lab in r["gold"]]
    return d


@registry.misc("pe_exp.candidate_suggester.v1")
def candidate_suggester():
    def suggest(docs, *, ops=None):
        ops = ops or get_current_ops()
        pairs, lengths = [], []
        for doc in docs:
            c = [(s.start, s.end) for s in doc.spans["cands"]] if "cands" in doc.spans else []
            pairs.extend(c)
            lengths.append(len(c))
        arr = np.array(pairs, dtype="i").reshape(-1, 2)
        return Ragged(ops.asarray2i(arr), ops.asarray1i(np.array(lengths, dtype="i")))
    return suggest


@registry.readers("pe_exp.CandidateCorpus.v1")
def candidate_corpus(path):
    def read(nlp):
        for ref in DocBin().from_disk(path).get_docs(nlp.vocab):
            pred = Doc(nlp.vocab, words=[t.text for t in ref], spaces=[False] * len(ref),
                       lemmas=[t.lemma_ for t in ref], tags=[t.tag_ for t in ref])
            pred.spans["cands"] = [Span(pred, s.start, s.end, "C") for s in ref.spans["cands"]]
            yield Example(pred, ref)
    return read


def halves(recs):
    ids = sorted(r["id"] for r in recs)
    return {"a": set(ids[1::2]), "b": set(ids[0::2])}  # fold -> the pages it is scored on


def train_half(recs, fold: str, test_ids: set) -> Path:
    import spacy.cli.train as T

    nlp = spacy.blank("zh")
    train = [r for r in recs if r["id"] not in test_ids]
    dev = train[::8]
    for name, rs in (("train", [r for r in train if r not in dev]), ("dev", dev)):
        db = DocBin()
        for r in rs:
            db.add(char_doc(nlp.vocab, r, True))
        db.to_disk(WORK / f"{fold}_{name}.spacy")
    out = WORK / f"model_{fold}"
    T.train(CONFIG, out, use_gpu=-1, overrides={
        "paths.train": str(WORK / f"{fold}_train.spacy"), "paths.dev": str(WORK / f"{fold}_dev.spacy"),
        "components.spancat.model.tok2vec.embed.attrs": ["NORM", "LEMMA"] + (["TAG"] if STACK else []),
        "components.spancat.model.tok2vec.embed.rows": [5000, 5000] + ([50] if STACK else [])})
    return out / "model-best"


def scored_spans(model: Path, recs) -> dict[str, list]:
    nlp = spacy.load(model)
    sc = nlp.get_pipe("spancat")
    sc.cfg["threshold"] = 0.01
    out = {}
    for r in recs:
        doc = sc(char_doc(nlp.vocab, r, False))
        spans = doc.spans["sc"]
        out[r["id"]] = [(float(np.max(s)), sp.start, sp.end, sp.label_)
                        for sp, s in zip(spans, spans.attrs["scores"])]
    return out


def decode(scored, t):
    out = []
    for p, a, b, lab in sorted(scored, reverse=True):
        if p >= t and not any(a < y and x < b for x, y, _ in out):
            out.append((a, b, lab))
    return out


def fill(base, extra):
    kept = list(base)
    kept += [e for e in extra if not any(e[0] < k[1] and k[0] < e[1] for k in kept)]
    return kept


def prf(gold, pred):
    g, p = set(gold), set(pred)
    tp = len(g & p)
    P, R = (tp / len(p) if p else 0.0), (tp / len(g) if g else 0.0)
    return f"F1 {2 * P * R / (P + R) if P + R else 0:.3f} P {P:.3f} R {R:.3f}"


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    recs = load_records()
    n = sum(len(r["gold"]) for r in recs)
    hit = sum((a, b) in set(r["cands"]) for r in recs for a, b, _ in r["gold"])
    print(f"gold names {n}, candidates {sum(len(r['cands']) for r in recs)}, "
          f"candidate recall {hit / n:.3f}")
    scored = {}
    for fold, test_ids in halves(recs).items():
        scored.update(scored_spans(train_half(recs, fold, test_ids),
                                   [r for r in recs if r["id"] in test_ids]))
    pickle.dump(scored, open(WORK / f"scored{'_stack' if STACK else ''}.pkl", "wb"))
    G = [(r["id"], *g) for r in recs for g in r["gold"]]
    print("rules", prf(G, [(r["id"], *x) for r in recs for x in r["rules"]]))
    for t in (0.3, 0.5, 0.7, 0.9):
        dec = {r["id"]: decode(scored[r["id"]], t) for r in recs}
        print(f"t={t}: model", prf(G, [(i, *x) for i, xs in dec.items() for x in xs]),
              "| rules first", prf(G, [(r["id"], *x) for r in recs for x in fill(r["rules"], dec[r["id"]])]),
              "| model first", prf(G, [(r["id"], *x) for r in recs for x in fill(dec[r["id"]], r["rules"])]))


if __name__ == "__main__":
    main()
