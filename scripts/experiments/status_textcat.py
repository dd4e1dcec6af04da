"""Experiment (not library code): a spaCy text classifier for a figure's status.

Every gold figure of corpora/status_gold, corpora/dev_gold and the seeds that the rule stage
finds with the same span becomes one example: ``KIND<document kind> [CUE<rule cue> RULE<rule
status>] <up to 80 characters of its sentence before> ⟨ figure ⟩ <up to 40 after>`` (the
bracketed part with ``--stack``), labelled with the gold status. Documents are dealt into two
folds; a bag-of-words+bigram textcat (spacy.TextCatBOW.v3) trained on one fold (1 in 8 as
spaCy's dev) scores the other. Prints status accuracy per set: rules, model, and the rule
status replaced by the model's where the rule status came from the document default
(``doc-gap``) or anywhere (``any``) when the model's probability is at least t.

    python scripts/experiments/status_textcat.py [--stack]

Needs ../shared beside the repo; works in $PE_EXP_WORK (default /tmp/pe_exp); about 1 min.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import spacy
from spacy.tokens import DocBin

import policy_extract
from policy_extract.corpus import iter_gold
from policy_extract.pipeline import blank_nlp

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT.parent / "shared" / "corpora" / "pages"
WORK = Path(os.environ.get("PE_EXP_WORK", "/tmp/pe_exp"))
CONFIG = Path(__file__).with_name("status_textcat.cfg")
STACK = "--stack" in sys.argv
LABELS = ("target", "achieved", "other")
SENT_END = set("。！？!?\n；;")
SETS = (("status_gold", [PAGES]), ("dev_gold", [PAGES]), ("gold", None))


def context(raw: str, s: int, e: int) -> str:
    a, b = s, e
    while a > 0 and raw[a - 1] not in SENT_END and s - a < 80:
        a -= 1
    while b < len(raw) and raw[b] not in SENT_END and b - e < 40:
        b += 1
    return f"{raw[a:s]} ⟨ {raw[s:e]} ⟩ {raw[e:b]}"


def examples() -> list[dict]:
    pipe = policy_extract.load(model="rules")
    out = []
    for name, dirs in SETS:
        for it in iter_gold(ROOT / "corpora" / name, dirs):
            raw = it.gold.text
            pred = pipe(raw, doc_id=it.gold.doc_id, date=it.date, explain=True)
            found = {(q.start, q.end): q for q in pred.quantities}
            for g in it.gold.quantities:
                q = found.get((g.start, g.end))
                if q is None:
                    continue
                ev = q.evidence or {}
                out.append({"set": name, "doc": it.gold.doc_id, "gold": g.status.value,
                            "rule": q.status.value, "cue": str(ev.get("status_cue")),
                            "kind": str(ev.get("document_kind")), "ctx": context(raw, q.start, q.end)})
    return out


def text_of(x: dict) -> str:
    stack = f"CUE{x['cue'].split(':')[0]} RULE{x['rule']} " if STACK else ""
    return f"KIND{x['kind']} {stack}{x['ctx']}"


def main() -> None:
    import spacy.cli.train as T

    WORK.mkdir(parents=True, exist_ok=True)
    data = examples()
    docs = sorted({(x["set"], x["doc"]) for x in data})
    fold_of = {d: i % 2 for i, d in enumerate(docs)}
    nlp0 = blank_nlp()

    def docbin(xs, path):
        db = DocBin()
        for x in xs:
            d = nlp0.make_doc(text_of(x))
            d.cats = {lab: float(lab == x["gold"]) for lab in LABELS}
            db.add(d)
        db.to_disk(path)

    probs: dict[int, dict] = {}
    for k in (0, 1):
        train = [x for x in data if fold_of[(x["set"], x["doc"])] != k]
        random.Random(0).shuffle(train)
        docbin([x for i, x in enumerate(train) if i % 8], WORK / f"status_train{k}.spacy")
        docbin(train[::8], WORK / f"status_dev{k}.spacy")
        out = WORK / f"status_model{k}"
        T.train(CONFIG, out, use_gpu=-1, overrides={"paths.train": str(WORK / f"status_train{k}.spacy"),
                                                    "paths.dev": str(WORK / f"status_dev{k}.spacy")})
        nlp = spacy.load(out / "model-best")
        for i, x in enumerate(data):
            if fold_of[(x["set"], x["doc"])] == k:
                probs[i] = nlp(text_of(x)).cats
    best = {i: max(c, key=c.get) for i, c in probs.items()}
    for name in [s for s, _ in SETS] + ["all"]:
        idx = [i for i, x in enumerate(data) if name in ("all", x["set"])]

        def acc(pick):
            return sum(pick(i) == data[i]["gold"] for i in idx) / len(idx)

        line = (f"{name}: n={len(idx)} rules {acc(lambda i: data[i]['rule']):.3f} "
                f"model {acc(lambda i: best[i]):.3f}")
        for t in (0.5, 0.7, 0.9):
            def gap(i, t=t):
                ok = data[i]["cue"].startswith("document") and max(probs[i].values()) >= t
                return best[i] if ok else data[i]["rule"]

            def anyw(i, t=t):
                return best[i] if max(probs[i].values()) >= t else data[i]["rule"]

            line += f" | t={t} doc-gap {acc(gap):.3f} any {acc(anyw):.3f}"
        print(line)


if __name__ == "__main__":
    main()
