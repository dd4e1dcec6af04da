"""``policy-extract train``: build the silver/gold DocBins and train the shipped entity model.

One run trains the full model (silver train pages + all seed gold) and, for each
seed in ``leave_one_out``, a model trained without that seed at all, so that
``evaluate --gold corpora/gold`` scores every seed with a model that never saw
its gold. CPU, one thread, fixed seed; a few minutes on two cores.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

logger = logging.getLogger("policy_extract")

CONFIG = Path(__file__).with_name("config.cfg")
HOLDOUT_FILE = "holdout.json"
TRAINING_FILE = "training.json"
# files of a spaCy pipeline directory that inference needs (no tokenizer data: jieba is package data)
KEEP = ("config.cfg", "meta.json", "ner", "vocab")


def _fit(train_path: Path, dev_path: Path, out: Path, seed: int, max_epochs: int | None,
         max_steps: int | None) -> None:
    """``spacy train`` in a child process pinned to one thread (BLAS threads set before numpy loads)."""
    overrides = {"paths.train": str(train_path), "paths.dev": str(dev_path), "system.seed": seed}
    if max_epochs is not None:
        overrides["training.max_epochs"] = max_epochs
    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
    code = ("import json,sys,policy_extract,spacy.cli.train as t;"
            "t.train(sys.argv[1], sys.argv[2], use_gpu=-1, overrides=json.loads(sys.argv[3]))")
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1",
               PYTHONHASHSEED=str(seed))
    subprocess.run([sys.executable, "-c", code, str(CONFIG), str(out), json.dumps(overrides)],
                   check=True, env=env)


def _install(best: Path, dest: Path) -> None:
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in KEEP:
        src = best / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.is_file():
            shutil.copy2(src, dest / name)


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def training_data(splits_path: Path, pages_path: Path, gold_dir: Path, loo: bool = True,
                  gold_repeat: int = 3):
    """Yield ``(variant, held_out_doc_id, DocBin, AlignReport)``; the silver dev set first as ``dev``.

    ``full`` trains on every silver train page and all seed gold; ``loo/<id>``
    leaves seed ``<id>`` out entirely. dev_gold texts are never read here.
    """
    from ..pipeline import blank_nlp, load
    from .convert import gold_records, load_splits, read_pages, silver_records, to_docbin

    sp = load_splits(splits_path)
    texts = read_pages(pages_path)
    rules = load("rules")
    nlp = blank_nlp()
    silver_train = list(silver_records(texts, sp["train"], rules))
    gold = {r.doc_id: r for r in gold_records(gold_dir, sp.get("gold_train", []))}
    db, rep = to_docbin(nlp, silver_records(texts, sp["dev"], rules))
    yield "dev", None, db, rep, None
    variants: list[tuple[str, str | None]] = [("full", None)]
    if loo:
        variants += [(f"loo/{d}", d) for d in sp.get("leave_one_out", []) if d in gold]
    for name, held in variants:
        recs = list(silver_train) + [g for d, g in gold.items() if d != held]
        # gold weighs more than silver: each gold doc is seen gold_repeat times per epoch
        db, rep = to_docbin(nlp, recs, repeat={d: gold_repeat for d in gold})
        yield name, held, db, rep, (gold[held].text if held else None)


def train(splits_path: Path, pages_path: Path, gold_dir: Path, out: Path, work: Path,
          seed: int = 0, loo: bool = True, gold_repeat: int = 3, max_epochs: int | None = None,
          max_steps: int | None = None) -> dict:
    """Convert, train the full and leave-one-out models, install them under ``out``."""
    from ..schema import sha256_text

    t0 = time.time()
    work.mkdir(parents=True, exist_ok=True)
    info: dict = {"seed": seed, "gold_repeat": gold_repeat, "splits": str(splits_path),
                  "variants": {}}
    holdout: dict[str, dict] = {}
    trained: list[str] = []
    for name, held, db, report, held_text in training_data(splits_path, pages_path, gold_dir,
                                                           loo, gold_repeat):
        if name == "dev":
            db.to_disk(work / "dev.spacy")
            info["dev"] = {"alignment": report.summary(), "data_fingerprint": report.fingerprint}
            continue
        vdir = work / name
        vdir.mkdir(parents=True, exist_ok=True)
        db.to_disk(vdir / "train.spacy")
        (vdir / "alignment.json").write_text(json.dumps(report.to_dict(), ensure_ascii=False,
                                                        indent=1), encoding="utf-8")
        logger.warning("%s: %s", name, report.summary())
        for m in report.misaligned:
            if m["kind"] == "gold":
                logger.warning("  gold span off token boundaries, marked missing: %s %r in %r",
                               m["label"], m["text"], m["tokens"])
        _fit(vdir / "train.spacy", work / "dev.spacy", vdir / "out", seed, max_epochs, max_steps)
        trained.append(name)
        if held is not None:
            holdout[sha256_text(held_text)] = {"doc_id": held, "path": name}
        meta = json.loads((vdir / "out" / "model-best" / "meta.json").read_text(encoding="utf-8"))
        info["variants"][name] = {"held_out": held, "docs": report.docs,
                                  "data_fingerprint": report.fingerprint,
                                  "alignment": report.summary(),
                                  "silver_dev_ents_f": meta.get("performance", {}).get("ents_f")}
    # install only once every variant trained, so a failed run leaves the old model whole
    if out.exists():
        shutil.rmtree(out)
    for name in trained:
        _install(work / name / "out" / "model-best", out if name == "full" else out / name)
    if loo:
        (out / HOLDOUT_FILE).write_text(json.dumps(
            {"description": "texts whose gold the full model saw: each is processed by the "
                            "leave-one-out model under 'path' that never saw it",
             "models": holdout}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    info["seconds"] = round(time.time() - t0, 1)
    info["size_bytes"] = dir_size(out)
    (out / TRAINING_FILE).write_text(json.dumps(info, ensure_ascii=False, indent=1) + "\n",
                                     encoding="utf-8")
    return info


def check(splits_path: Path, pages_path: Path, gold_dir: Path, out: Path) -> list[str]:
    """Rebuild the training data (no training) and compare it with what ``out`` was trained on.

    Returns the stale variants: the rules, lexicon, splits or gold changed since
    training, so ``policy-extract train`` must be run again.
    """
    info = json.loads((out / TRAINING_FILE).read_text(encoding="utf-8"))
    loo = any(v.get("held_out") for v in info["variants"].values())
    stale = []
    for name, _held, _db, report, _t in training_data(splits_path, pages_path, gold_dir, loo,
                                                      info.get("gold_repeat", 3)):
        shipped = info["dev"] if name == "dev" else info["variants"].get(name, {})
        if shipped.get("data_fingerprint") != report.fingerprint:
            stale.append(name)
    return stale


def cmd_train(args) -> int:
    if args.check:
        stale = check(Path(args.splits), Path(args.pages), Path(args.gold), Path(args.out))
        if stale:
            print(f"policy-extract: the model in {args.out} is stale for {', '.join(stale)}: "
                  "its training data changed (rules, lexicon, splits or gold); run "
                  "`policy-extract train`", file=sys.stderr)
            return 1
        print(f"model in {args.out} was trained on exactly the current training data")
        return 0
    info = train(Path(args.splits), Path(args.pages), Path(args.gold), Path(args.out),
                 Path(args.work), seed=args.seed, loo=not args.no_loo,
                 gold_repeat=args.gold_repeat, max_epochs=args.max_epochs,
                 max_steps=args.max_steps)
    print(json.dumps(info, ensure_ascii=False, indent=1))
    return 0


def register_cli(sub) -> None:
    from ..pipeline import default_model_path

    p = sub.add_parser("train", help="train the entity model (silver from the rules + seed gold)")
    p.add_argument("--splits", default="corpora/splits.json")
    p.add_argument("--pages", default="../shared/corpora/policy_pages.jsonl",
                   help="corpus JSONL (id, text) the rule stage labels as silver")
    p.add_argument("--gold", default="corpora/gold", help="gold of the gold_train seeds")
    p.add_argument("--out", default=str(default_model_path()),
                   help="where the trained pipeline goes (default: the shipped one)")
    p.add_argument("--work", default="build/model", help="DocBins and spaCy checkpoints")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--gold-repeat", type=int, default=3)
    p.add_argument("--max-epochs", type=int, default=None)
    p.add_argument("--max-steps", type=int, default=None)
    p.add_argument("--no-loo", action="store_true", help="skip the leave-one-out models")
    p.add_argument("--check", action="store_true",
                   help="no training: exit 1 when the model's training data is out of date (CI)")
    p.set_defaults(func=cmd_train)

    from . import select_policy

    select_policy.register_cli(sub)
