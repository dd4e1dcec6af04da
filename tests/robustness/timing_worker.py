"""Times the robustness cases in a child process: ``python timing_worker.py CASES.json``.

CASES.json lists ``[name, n, n_max]``: a :func:`make_corpus.pathological` case, its
starting length and the longest it may grow to. CPU time (``time.process_time``), never
wall-clock: another job on the machine slows the wall clock, not the CPU seconds this
process spends. The small input doubles from ``n`` until a run costs ``TARGET`` CPU
seconds (a base the timer resolves well) or ``n_max`` is reached; then the 4× input is
run. Prints one JSON line per case, flushed: ``{"name", "n", "ts", "tl", "stages"}`` with
the best of ``REPEAT_SMALL`` small runs and of ``REPEAT_LARGE`` large ones, and the CPU
seconds per stage of the best large run. Large runs spending more than ``STOP_RATIO`` ×
the small one's CPU (at least ``MIN_BUDGET`` s) are stopped by a CPU-time timer
(``ITIMER_PROF``) and reported as ``"tl": null``, so a quadratic regression cannot hang
the suite.
"""

from __future__ import annotations

import json
import signal
import sys
import time

REPEAT_SMALL, REPEAT_LARGE = 3, 2
TARGET = 0.1  # CPU seconds of the small run
STOP_RATIO = 40.0
MIN_BUDGET = 5.0  # CPU seconds: never stop the 4× runs earlier than this


class OverBudget(Exception):
    pass


def _over_budget(signum, frame):
    raise OverBudget


def run_stages(nlp, text: str) -> dict[str, float]:
    """CPU seconds of the tokenizer, each pipeline stage and the export on ``text``."""
    from policy_extract.export import to_document

    stages = {}
    t0 = time.process_time()
    doc = nlp.make_doc(text)
    stages["tokenizer"] = time.process_time() - t0
    for pname, proc in nlp.nlp.pipeline:
        t0 = time.process_time()
        doc = proc(doc)
        stages[pname] = time.process_time() - t0
    t0 = time.process_time()
    to_document(doc)
    stages["export"] = time.process_time() - t0
    return stages


def best_of(nlp, text: str, k: int) -> dict[str, float]:
    runs = [run_stages(nlp, text) for _ in range(k)]
    return min(runs, key=lambda st: sum(st.values()))


def main(path: str) -> None:
    import make_corpus
    import policy_extract

    nlp = policy_extract.load("rules")
    nlp("预热")
    signal.signal(signal.SIGPROF, _over_budget)
    with open(path, encoding="utf-8") as fh:
        cases = json.load(fh)
    for name, n, n_max in cases:
        while True:  # one run per length decides (a first run only overestimates)
            small = make_corpus.pathological(n)[name]
            if sum(run_stages(nlp, small).values()) >= TARGET or 2 * n > n_max:
                break
            n *= 2
        ts = sum(best_of(nlp, small, REPEAT_SMALL).values())
        large = make_corpus.pathological(4 * n)[name]
        done: list[dict[str, float]] = []
        signal.setitimer(signal.ITIMER_PROF, max(MIN_BUDGET, STOP_RATIO * ts))
        try:
            for _ in range(REPEAT_LARGE):
                done.append(run_stages(nlp, large))
        except OverBudget:
            pass  # the runs that finished inside the budget, if any, still count
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
        best = min(done, key=lambda st: sum(st.values()), default=None)
        print(json.dumps({"name": name, "n": len(small), "ts": ts,
                          "tl": None if best is None else sum(best.values()),
                          "stages": best or {}}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
