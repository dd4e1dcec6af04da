"""``policy-extract train``: build the training DocBins and train the shipped entity model.

One run trains the full model (the hand-annotated entities of the training pages in
``corpora/train_gold``, rule silver for any training page without them, the gold of
the seeds and of ``corpora/dev_gold``, and mention-replacement copies) and, for each
fold of ``splits.json``, a model trained without that fold's gold (train_gold pages
are dealt into the folds too), so that ``evaluate`` on any of these gold sets scores
every text with a model that never saw its gold (``evaluate --cv`` picks it). CPU,
one thread per model, fixed seed.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from .folds import FOLDS_DIR, HOLDOUT_FILE

logger = logging.getLogger("policy_extract")

CONFIG = Path(__file__).with_name("config.cfg")
TRAINING_FILE = "training.json"
# files of a spaCy pipeline directory that inference needs (no tokenizer data: jieba is package data)
KEEP = ("config.cfg", "meta.json", "ner", "vocab")
GOLD_REPEAT = 4
# silver: sentences with a rule entity and one in SILVER_KEEP of the others (1: whole pages)
SILVER_KEEP = 4
AUGMENT = 2
HAND_DEV_EVERY = 10
BLANK = "#blank"  # id suffix of a training copy without the rules' tags


# with --rule-tags the embedding also reads LEMMA, where model/features.py puts the rule tags
RULE_TAG_OVERRIDES = {"components.ner.model.tok2vec.embed.attrs": ["NORM", "PREFIX", "SUFFIX", "LEMMA"],
                      "components.ner.model.tok2vec.embed.rows": [2000, 1000, 1000, 50]}


def _fit_cmd(train_path: Path, dev_path: Path, out: Path, seed: int, max_epochs: int | None,
             max_steps: int | None, rule_tags: bool = False) -> tuple[list[str], dict]:
    """``spacy train`` as a child process pinned to one thread (BLAS threads set before numpy loads)."""
    overrides = {"paths.train": str(train_path), "paths.dev": str(dev_path), "system.seed": seed}
    if rule_tags:
        overrides.update(RULE_TAG_OVERRIDES)
    if max_epochs is not None:
        overrides["training.max_epochs"] = max_epochs
    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
    code = ("import json,sys,policy_extract,spacy.cli.train as t;"
            "t.train(sys.argv[1], sys.argv[2], use_gpu=-1, overrides=json.loads(sys.argv[3]))")
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1",
               PYTHONHASHSEED=str(seed))
    return [sys.executable, "-c", code, str(CONFIG), str(out), json.dumps(overrides)], env


def _fit_all(jobs: list[tuple[str, list[str], dict, Path]], parallel: int) -> None:
    """Run the training commands, ``parallel`` at a time (each one thread); logs to ``<dir>/train.log``."""
    running: list[tuple[str, subprocess.Popen, object]] = []
    todo = list(jobs)
    failed = []
    while todo or running:
        while todo and len(running) < max(1, parallel):
            name, cmd, env, log = todo.pop(0)
            fh = open(log, "w", encoding="utf-8")
            running.append((name, subprocess.Popen(cmd, env=env, stdout=fh, stderr=subprocess.STDOUT), fh))
        name, proc, fh = running.pop(0)
        proc.wait()
        fh.close()
        if proc.returncode != 0:
            failed.append(name)
    if failed:
        raise RuntimeError(f"spacy train failed for {', '.join(failed)} (see build/model/*/train.log)")


def _install(best: Path, dest: Path) -> None:
    # only the pipeline's own files are replaced: the status model shares the directory
    dest.mkdir(parents=True, exist_ok=True)
    for name in KEEP:
        old = dest / name
        if old.is_dir():
            shutil.rmtree(old)
        elif old.exists():
            old.unlink()
        src = best / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.is_file():
            shutil.copy2(src, dest / name)


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def training_data(splits_path: Path, pages_path: Path, gold_dir: Path, dev_gold_dir: Path | None,
                  raw_dirs: list[Path] | None, folds: bool = True, gold_repeat: int = GOLD_REPEAT,
                  silver_keep: int = SILVER_KEEP, silver_negatives: bool = True,
                  train_gold_dir: Path | None = None, augment: int = 0, rule_tags: bool = False):
    """Yield ``(variant, held-out doc ids, DocBin, AlignReport, held-out texts)``; spaCy's ``dev`` first.

    ``full`` trains on every train page (its hand entities from ``train_gold_dir``, else
    rule silver) and all gold (seeds of ``gold_train`` from ``gold_dir``, pages of
    ``dev_gold_train`` from ``dev_gold_dir``); ``fold/<k>`` leaves the gold and hand
    pages of fold ``k`` out entirely. heldout_gold texts are never read here.
    """
    from ..export import to_document
    from ..pipeline import blank_nlp, load
    from .convert import (augment_records, gold_records, load_splits, read_pages, silver_records,
                          to_docbin, train_gold_records)

    sp = load_splits(splits_path)
    texts = read_pages(pages_path)
    rules = load("rules")
    nlp = blank_nlp()
    # a train page with hand-annotated entities (corpora/train_gold) trains on them, not on silver;
    # one in HAND_DEV_EVERY of them is spaCy's dev set instead (checkpoints are then chosen on
    # hand labels, not on how closely the model copies the rules)
    hand = {r.doc_id: r for r in train_gold_records(train_gold_dir, sp["train"], texts)}
    hand_dev = sorted(hand)[::HAND_DEV_EVERY] if hand else []
    silver_train = list(silver_records(texts, [d for d in sp["train"] if d not in hand], rules,
                                       silver_keep, silver_negatives))
    # every other hand page joins a cross-validation fold, so corpora/train_gold is scored by a
    # model that never saw it too (`evaluate --gold corpora/train_gold`, `merge-policies`)
    fold_keys = sorted(sp.get("folds", {})) if folds else []
    hand_fold = {d: fold_keys[i % len(fold_keys)] for i, d in
                 enumerate(x for x in sorted(hand) if x not in hand_dev)} if fold_keys else {}
    gold = {r.doc_id: r for r in gold_records(gold_dir, sp.get("gold_train", []))}
    if dev_gold_dir is not None and sp.get("dev_gold_train"):
        gold.update({r.doc_id: r for r in gold_records(dev_gold_dir, sp["dev_gold_train"],
                                                       raw_dirs)})
    missing = (set(sp.get("gold_train", [])) | set(sp.get("dev_gold_train", []))) - set(gold)
    if missing:
        raise FileNotFoundError(f"gold for training not found: {sorted(missing)}")
    tag_cache: dict[str, tuple] = {}

    def tagged(r):
        """``r`` with the rule stage's entities on its text as the model's input tags."""
        if r.text not in tag_cache:
            tag_cache[r.text] = tuple(to_document(rules.run(rules.make_doc(r.text))).entities)
        return replace(r, tags=tag_cache[r.text])

    if hand_dev:
        dev_recs = [hand[d] for d in hand_dev]
        db, rep = to_docbin(nlp, [tagged(r) for r in dev_recs] if rule_tags else dev_recs)
    else:
        db, rep = to_docbin(nlp, silver_records(texts, sp["dev"], rules))
    yield "dev", [], db, rep, []
    variants: list[tuple[str, list[str]]] = [("full", [])]
    if folds:
        variants += [(f"fold/{k}", list(ids) + [d for d, hk in hand_fold.items() if hk == k])
                     for k, ids in sorted(sp.get("folds", {}).items())]
    for name, held in variants:
        recs = list(silver_train) + [hand[d] for d in sorted(hand)
                                     if d not in hand_dev and d not in held]
        recs += [g for d, g in gold.items() if d not in held]
        # mention replacement: copies of each gold/hand text with every name swapped for another
        # of its label from this variant's own records (never a held-out fold's names)
        recs += augment_records([r for r in recs if r.kind == "gold"], augment, seed=0)
        repeat = {d: gold_repeat for d in gold}
        if rule_tags:
            # every text twice: with the rules' tags (combined mode) and blank (model mode)
            recs = [tagged(r) for r in recs] + [replace(r, doc_id=r.doc_id + BLANK) for r in recs]
            repeat.update({d + BLANK: gold_repeat for d in gold})
        # gold weighs more than silver: each gold doc is seen gold_repeat times per epoch
        db, rep = to_docbin(nlp, recs, repeat=repeat)
        yield name, held, db, rep, [(gold[d] if d in gold else hand[d]).text for d in held]


def train(splits_path: Path, pages_path: Path, gold_dir: Path, out: Path, work: Path,
          seed: int = 0, folds: bool = True, gold_repeat: int = GOLD_REPEAT, max_epochs: int | None = None,
          max_steps: int | None = None, dev_gold_dir: Path | None = None,
          raw_dirs: list[Path] | None = None, parallel: int = 1,
          silver_keep: int = SILVER_KEEP, silver_negatives: bool = True,
          train_gold_dir: Path | None = None, augment: int = 0, rule_tags: bool = False,
          folds_out: Path | None = None) -> dict:
    """Convert, train the full and cross-validation fold models; install the full one under
    ``out`` (what ships) and the folds with ``holdout.json`` under ``folds_out`` (evaluation
    tooling, default ``benchmarks/ner_folds``: see :mod:`policy_extract.model.folds`)."""
    from ..schema import sha256_text

    folds_out = Path(folds_out) if folds_out else FOLDS_DIR
    t0 = time.time()
    work.mkdir(parents=True, exist_ok=True)
    info: dict = {"seed": seed, "gold_repeat": gold_repeat, "silver_keep": silver_keep,
                  "silver_negatives": silver_negatives,
                  "train_gold": str(train_gold_dir) if train_gold_dir else None, "augment": augment,
                  "rule_tags": rule_tags,
                  "max_epochs": max_epochs,
                  "splits": str(splits_path), "variants": {}}
    holdout: dict[str, dict] = {}
    jobs = []
    for name, held, db, report, held_texts in training_data(
            splits_path, pages_path, gold_dir, dev_gold_dir, raw_dirs, folds, gold_repeat,
            silver_keep, silver_negatives, train_gold_dir, augment, rule_tags):
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
        cmd, env = _fit_cmd(vdir / "train.spacy", work / "dev.spacy", vdir / "out", seed,
                            max_epochs, max_steps, rule_tags)
        jobs.append((name, cmd, env, vdir / "train.log"))
        for d, t in zip(held, held_texts):
            holdout[sha256_text(t)] = {"doc_id": d, "path": name}
        info["variants"][name] = {"held_out": held, "docs": report.docs,
                                  "data_fingerprint": report.fingerprint,
                                  "alignment": report.summary()}
    t_fit = time.time()
    _fit_all(jobs, parallel)
    info["fit_seconds"] = round(time.time() - t_fit, 1)
    for name in info["variants"]:
        meta = json.loads((work / name / "out" / "model-best" / "meta.json").read_text(
            encoding="utf-8"))
        info["variants"][name]["silver_dev_ents_f"] = meta.get("performance", {}).get("ents_f")
    _install_all(work, out, folds_out, info, holdout)
    info["seconds"] = round(time.time() - t0, 1)
    info["size_bytes"] = dir_size(out)
    info["folds_out"] = str(folds_out)
    (out / TRAINING_FILE).write_text(json.dumps(info, ensure_ascii=False, indent=1) + "\n",
                                     encoding="utf-8")
    return info


def _install_all(work: Path, out: Path, folds_out: Path, info: dict, holdout: dict) -> None:
    """Install the full model under ``out`` and the folds under ``folds_out`` with the map of
    held-out texts; only once every variant trained, so a failed run leaves the old model whole."""
    if folds_out.exists():
        shutil.rmtree(folds_out)
    for x in out.iterdir() if out.exists() else ():
        if x.name != "status":  # the status model (train-status) lives beside the NER
            shutil.rmtree(x) if x.is_dir() else x.unlink()
    for name in info["variants"]:
        _install(work / name / "out" / "model-best", out if name == "full" else folds_out / name)
    if holdout:
        (folds_out / HOLDOUT_FILE).write_text(json.dumps(
            {"description": "texts whose gold the full model saw: `evaluate --cv` scores each "
                            "with the cross-validation model under 'path' that never saw it",
             "models": holdout}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _opt_path(p: str | None) -> Path | None:
    return Path(p) if p else None


def _train_gold_path(info: dict, splits_path: Path) -> Path | None:
    """The train_gold directory a model was trained with; a relative one sits beside splits.json."""
    p = _opt_path(info.get("train_gold"))
    if p is not None and not p.is_absolute() and not p.is_dir():
        p = Path(splits_path).parent / p.name
    return p


def check(splits_path: Path, pages_path: Path, gold_dir: Path, out: Path,
          dev_gold_dir: Path | None = None, raw_dirs: list[Path] | None = None) -> list[str]:
    """Rebuild the training data (no training) and compare it with what ``out`` was trained on.

    Returns the stale variants: the rules, lexicon, splits or gold changed since
    training, so ``policy-extract train`` must be run again.
    """
    info = json.loads((out / TRAINING_FILE).read_text(encoding="utf-8"))
    folds = any(v.get("held_out") for v in info["variants"].values())
    stale = []
    for name, _held, _db, report, _t in training_data(splits_path, pages_path, gold_dir,
                                                      dev_gold_dir, raw_dirs, folds,
                                                      info.get("gold_repeat", GOLD_REPEAT),
                                                      info.get("silver_keep", 1),
                                                      info.get("silver_negatives", True),
                                                      _train_gold_path(info, splits_path),
                                                      info.get("augment", 0),
                                                      info.get("rule_tags", False)):
        shipped = info["dev"] if name == "dev" else info["variants"].get(name, {})
        if shipped.get("data_fingerprint") != report.fingerprint:
            stale.append(name)
    return stale
