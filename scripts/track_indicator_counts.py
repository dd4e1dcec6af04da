"""Count the indicator spans the rules pipeline finds in the shared corpora, and how many map.

This is how ``policy_extract/data/zh/indicators.json`` was derived: the recurring indicator
texts (after the normalisation of :mod:`policy_extract.track.indicators`) became canonical
indicators and variants. Usage::

    python scripts/track_indicator_counts.py [--top 60] [--sample OUT.json --n 300 --seed 21]

``--sample`` draws a random sample of indicator spans (for the hand check of mapping
precision, corpora/link_gold/indicator_sample.json) with their mapping.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [ROOT.parent / "shared" / "corpora" / n for n in
           ("policy_pages.jsonl", "policy_pages_v2.jsonl", "gov_work_reports.jsonl")]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=60)
    ap.add_argument("--sample")
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=21)
    args = ap.parse_args()
    from policy_extract.track import load_documents, figures
    from policy_extract.track.indicators import candidates

    spans, forms, ids = Counter(), Counter(), Counter()
    pool = []
    n_fig = n_ind = n_map = 0
    for path in CORPORA:
        for td in load_documents(path, mode="rules"):
            for f in figures(td):
                n_fig += 1
                if f.indicator_text is None:
                    continue
                n_ind += 1
                spans[f.indicator_text] += 1
                forms[candidates(f.indicator_text)[-1][0]] += 1
                if f.indicator_id:
                    n_map += 1
                    ids[f.indicator_id] += 1
                text = td.doc.text
                pool.append({"doc_id": f.doc_id, "start": f.indicator_start, "end": f.indicator_end,
                             "span": f.indicator_text, "figure": f.text, "status": f.status,
                             "context": text[max(0, f.indicator_start - 15):f.end + 8],
                             "indicator_id": f.indicator_id, "measure": f.measure,
                             "evidence": (f.evidence.get("indicator") or {}).get("variant")})
    print(f"figures {n_fig}, with an indicator span {n_ind}, mapped {n_map} "
          f"({n_map / max(n_ind, 1):.1%}); distinct spans {len(spans)}, canonical ids used {len(ids)}")
    print("top normalised forms:", ", ".join(f"{k} {v}" for k, v in forms.most_common(args.top)))
    print("top canonical ids:", ", ".join(f"{k} {v}" for k, v in ids.most_common(args.top)))
    if args.sample:
        rnd = random.Random(args.seed)
        sample = rnd.sample(pool, args.n)
        Path(args.sample).write_text(json.dumps(sample, ensure_ascii=False, indent=1) + "\n",
                                     encoding="utf-8")


if __name__ == "__main__":
    main()
