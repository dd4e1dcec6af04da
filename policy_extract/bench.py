"""``policy-extract bench``: throughput against jieba, process scaling and memory, in one run.

The corpus repeats the seed texts and ``../shared/corpora/pages`` (or ``--corpus
DIR``) up to ``--size-mb`` of UTF-8, generated lazily. jieba's own ``cut`` (its
standard dictionary, HMM on) is the floor every stage stands on: per document,
jieba, the rules pipeline and the combined pipeline run back to back, each timed
in CPU seconds of this process, so the ratios hold even on a busy machine. Scaling
runs the ``batch`` worker pool with 1 then 2 processes over the same documents (at
least ``SCALING_MIN_MB``; wall clock, JSON lines back, workers loaded before the clock
starts; see :func:`measure_scaling`) and reports the ratio and the peak RSS of any worker.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Iterator

from .batch import Record, Workers, _peak_rss_mb, batched

DEFAULT_BATCH = 32  # `policy-extract batch --batch-size` default

logger = logging.getLogger("policy_extract")

ROOT = Path(__file__).resolve().parent.parent
JSON_KEYS = ("jieba_chars_per_s", "rules_chars_per_s", "combined_chars_per_s", "rules_ratio",
             "combined_ratio", "scaling_2proc", "peak_rss_mb")


def corpus_dirs(extra: list[str] | None = None) -> list[Path]:
    """Folders whose ``*.txt`` make the corpus: ``extra``, the seeds, ``../shared`` pages if there."""
    dirs = [Path(d) for d in (extra or [])]
    dirs += [ROOT / "seeds", ROOT.parent / "shared" / "corpora" / "pages"]
    return [d for d in dirs if d.is_dir()]


def load_texts(dirs: list[Path]) -> list[tuple[str, str]]:
    """(name, text) of every readable ``.txt`` in ``dirs`` (unreadable files are skipped)."""
    from .io import read_text_file

    out = []
    for d in dirs:
        for p in sorted(d.glob("*.txt")):
            try:
                text, _, _ = read_text_file(p)
            except Exception:  # a bad file must not stop a benchmark
                continue
            if text.strip():
                out.append((p.stem, text))
    return out


def iter_corpus(texts: list[tuple[str, str]], size_mb: float) -> Iterator[Record]:
    """Repeat ``texts`` until ``size_mb`` MB of UTF-8 have been yielded (at least one document).

    >>> [r.doc_id for r in iter_corpus([("a", "增长"), ("b", "下降")], 12 / 1e6)]
    ['a#0', 'b#0']
    """
    limit = size_mb * 1e6
    total = 0
    rep = 0
    while True:
        for name, text in texts:
            yield Record(f"{name}#{rep}", text)
            total += len(text.encode("utf-8"))
            if total >= limit:
                return
        rep += 1


def _cpu() -> float:
    return time.process_time()


def measure_inline(texts, size_mb: float) -> dict:
    """jieba, rules and combined per document back to back; CPU seconds and wall seconds."""
    import jieba

    from .pipeline import load

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    rules = load("rules")
    combined = load("combined")
    for nlp in (rules, combined):  # first calls do lazy set-up
        nlp("预热：增长5%。")
    cpu = {"jieba": 0.0, "rules": 0.0, "combined": 0.0}
    wall = dict.fromkeys(cpu, 0.0)
    chars = n_docs = 0
    for rec in iter_corpus(texts, size_mb):
        for name, fn in (("jieba", lambda t: sum(1 for _ in tk.cut(t))),
                         ("rules", rules), ("combined", combined)):
            w0, c0 = time.perf_counter(), _cpu()
            fn(rec.text)
            cpu[name] += _cpu() - c0
            wall[name] += time.perf_counter() - w0
        chars += rec.n_chars
        n_docs += 1
    return {"chars": chars, "docs": n_docs, "cpu": cpu, "wall": wall,
            "combined_mode": combined.mode, "main_rss_mb": _peak_rss_mb()}


SCALING_MIN_MB = 3.0  # each pool run gets at least this much work (see measure_scaling)


def measure_scaling(texts, size_mb: float, batch_size: int = DEFAULT_BATCH) -> dict:
    """Steady-state wall-clock chars/s of the ``batch`` worker pool, 1 then 2 processes (rules).

    What ``policy-extract batch --num-proc N`` does on a long corpus, minus the file writes:
    the same pool, the same default batch size, JSON lines sent back to this process, which
    feeds and reads the pool as the command does (its CPU time competes with the workers and
    is counted). Each worker is spawned and loads its pipeline before the clock starts, and
    both runs process the same stream of documents, generated lazily (the parent never holds
    the corpus). Worker and parent CPU seconds are reported with the wall time, so a reading
    taken on a machine busy with other work shows it (busy CPUs well under N).
    """
    runs: dict[int, dict] = {}
    for n in (1, 2):
        with Workers(n, mode="rules", as_lines=True, pool=True) as w:
            w.start()
            load_before = os.getloadavg()[0]
            c0 = _cpu()
            t0 = time.perf_counter()
            chars = docs = 0
            for batch, _lines in w.map(batched(iter_corpus(texts, size_mb), batch_size)):
                chars += sum(r.n_chars for r in batch)
                docs += len(batch)
            wall = max(time.perf_counter() - t0, 1e-9)
            worker_cpu = sum(w.cpu.values())
            runs[n] = {"chars": chars, "docs": docs, "wall_s": wall, "chars_per_s": chars / wall,
                       "worker_cpu_s": worker_cpu, "parent_cpu_s": _cpu() - c0,
                       "busy_cpus": worker_cpu / wall, "workers": len(w.cpu),
                       "load_before": load_before, "peak_rss_mb": max(w.rss.values())}
    return {"runs": runs, "chars_per_s": {n: r["chars_per_s"] for n, r in runs.items()},
            "scaling": runs[2]["chars_per_s"] / runs[1]["chars_per_s"],
            "peak_rss_mb": max(r["peak_rss_mb"] for r in runs.values()),
            "size_mb": size_mb, "batch_size": batch_size}


def run_bench(size_mb: float = 10.0, corpus: list[str] | None = None,
              scaling: bool = True, inline: bool = True,
              scaling_mb: float | None = None) -> dict:
    """All figures of one run (see module docstring).

    ``inline=False`` skips the jieba/rules/combined CPU-second comparison (its figures are
    None), for a memory run over a large corpus with the pool alone. ``scaling_mb`` is the
    corpus of each pool run (default ``max(size_mb, SCALING_MIN_MB)``).
    """
    dirs = corpus_dirs(corpus)
    texts = load_texts(dirs)
    if not texts:
        raise SystemExit("policy-extract bench: no .txt texts found (give --corpus DIR)")
    inl = measure_inline(texts, size_mb) if inline else None
    sc_mb = scaling_mb if scaling_mb is not None else max(size_mb, SCALING_MIN_MB)
    sc = measure_scaling(texts, sc_mb) if scaling else None
    res: dict = dict.fromkeys(JSON_KEYS)
    if inl is not None:
        cps = {k: inl["chars"] / max(v, 1e-9) for k, v in inl["cpu"].items()}
        res.update({
            "jieba_chars_per_s": round(cps["jieba"]),
            "rules_chars_per_s": round(cps["rules"]),
            "combined_chars_per_s": round(cps["combined"]),
            "rules_ratio": round(cps["rules"] / cps["jieba"], 3),
            "combined_ratio": round(cps["combined"] / cps["jieba"], 3),
        })
    if sc is not None:
        res["scaling_2proc"] = round(sc["scaling"], 3)
    rss = sc["peak_rss_mb"] if sc else inl["main_rss_mb"] if inl else None
    res["peak_rss_mb"] = None if rss is None else round(rss, 1)
    info = {"dirs": [str(d) for d in dirs], "n_texts": len(texts), "inline": inl,
            "scaling": sc, "size_mb": size_mb, "loadavg": os.getloadavg(),
            "cpus": os.cpu_count()}
    return {"figures": res, "info": info}


def format_bench(r: dict) -> str:
    f, i = r["figures"], r["info"]
    inl = i["inline"]
    lines = []
    if inl is not None:
        wall = {k: inl["chars"] / max(v, 1e-9) for k, v in inl["wall"].items()}
        lines += [
            f"corpus: {inl['docs']} documents, {inl['chars']:,} chars (~{i['size_mb']} MB UTF-8) "
            f"from {i['n_texts']} texts in {', '.join(i['dirs'])}",
            f"machine: {i['cpus']} CPUs, load average {i['loadavg'][0]:.2f} at the end",
            "throughput per CPU-second of this process (wall-clock in brackets):",
            f"  jieba cut          {f['jieba_chars_per_s']:>12,} chars/s  ({wall['jieba']:,.0f})",
            f"  rules pipeline     {f['rules_chars_per_s']:>12,} chars/s  ({wall['rules']:,.0f})"
            f"   ratio to jieba {f['rules_ratio']:.3f}  (target >= 0.5)",
            f"  combined pipeline  {f['combined_chars_per_s']:>12,} chars/s  ({wall['combined']:,.0f})"
            f"   ratio to jieba {f['combined_ratio']:.3f}  (target >= 0.15)",
        ]
        if inl["combined_mode"] != "combined":
            lines.append(f"  note: no trained model is installed, so 'combined' ran as "
                         f"'{inl['combined_mode']}' (the figure is the rules pipeline again)")
    else:
        lines += [f"texts: {i['n_texts']} in {', '.join(i['dirs'])}; machine: {i['cpus']} CPUs, "
                  f"load average {i['loadavg'][0]:.2f} at the end",
                  "jieba / rules / combined comparison skipped (--no-inline)"]
    sc = i["scaling"]
    if sc:
        r1, r2 = sc["runs"][1], sc["runs"][2]
        lines.append(f"batch pool (rules, JSON lines back to this process, batches of "
                     f"{sc['batch_size']}), each run over the same {r1['docs']:,} documents, "
                     f"{r1['chars']:,} chars (~{sc['size_mb']} MB); workers loaded before the clock:")
        for n, run in ((1, r1), (2, r2)):
            lines.append(f"  {n} process{'es' if n > 1 else '  '} {run['chars_per_s']:>10,.0f} chars/s "
                         f"in {run['wall_s']:.1f} s; workers busy {run['busy_cpus']:.2f} CPUs, "
                         f"feeder {run['parent_cpu_s']:.1f} CPU-s; load average "
                         f"{run['load_before']:.2f} before; peak RSS {run['peak_rss_mb']:.0f} MiB")
        lines.append(f"  scaling 1 -> 2 processes: {f['scaling_2proc']:.2f}x  (target >= 1.7)")
        lines.append(f"peak RSS per worker: {f['peak_rss_mb']:.0f} MiB  (target < 1024)")
    else:
        lines.append(f"scaling skipped; peak RSS of this process: {f['peak_rss_mb']:.0f} MiB")
    return "\n".join(lines)


def profile_rules(texts, size_mb: float) -> str:
    """Where the rules pipeline spends its time over the corpus: pyinstrument's call tree when
    it is installed (``pip install pyinstrument``), else the standard library's cProfile, the
    30 functions with the most time of their own."""
    from .pipeline import load

    nlp = load("rules")
    nlp("预热：增长5%。")
    try:
        from pyinstrument import Profiler
    except ImportError:
        Profiler = None
    if Profiler is None:
        import cProfile
        import io
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        for rec in iter_corpus(texts, size_mb):
            nlp(rec.text)
        prof.disable()
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(30)
        return "(cProfile: pyinstrument is not installed)\n" + out.getvalue()
    prof = Profiler(interval=0.001)
    prof.start()
    for rec in iter_corpus(texts, size_mb):
        nlp(rec.text)
    prof.stop()
    return prof.output_text(unicode=False, color=False)
