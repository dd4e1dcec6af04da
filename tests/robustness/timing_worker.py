"""Times the robustness cases in a child process: ``python timing_worker.py CASES.json``.

Prints one JSON line per event, flushed, so the parent can stop a case that hangs:
``{"name", "ts"}`` once the small input is timed (best of 3), then ``{"name", "tl",
"stages"}`` with the large input's time per pipeline stage.
"""

from __future__ import annotations

import json
import sys
import time


def main(path: str) -> None:
    import policy_extract

    nlp = policy_extract.load("rules")
    nlp("预热")
    with open(path, encoding="utf-8") as fh:
        cases = json.load(fh)
    for name, small, large in cases:
        nlp(small)
        ts = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            nlp(small)
            ts = min(ts, time.perf_counter() - t0)
        print(json.dumps({"name": name, "ts": ts}), flush=True)
        stages = {}
        t_all = time.perf_counter()
        t0 = time.perf_counter()
        doc = nlp.make_doc(large)
        stages["tokenizer"] = time.perf_counter() - t0
        for pname, proc in nlp.nlp.pipeline:
            t0 = time.perf_counter()
            doc = proc(doc)
            stages[pname] = time.perf_counter() - t0
        from policy_extract.export import to_document

        to_document(doc)
        tl = time.perf_counter() - t_all
        print(json.dumps({"name": name, "tl": tl, "stages": stages}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
