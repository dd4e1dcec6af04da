"""Draw held-out 3: a genre-stratified third of ../shared/corpora/policy_pages_v2.jsonl.

Reads only the corpus's `id` and `genre` fields (never runs the library), so it can be run
before anyone has seen the system's output on these texts. Deterministic: random.Random(SEED)
over each genre's ids in sorted order; ceil(n/3) per genre.
"""
import json
import math
import random
import sys
from collections import defaultdict
from pathlib import Path

SEED = 20261207
ROOT = Path(__file__).resolve().parents[1]


def draw(corpus: Path) -> dict:
    by_genre = defaultdict(list)
    for line in corpus.open(encoding="utf-8"):
        rec = json.loads(line)
        by_genre[rec["genre"]].append(rec["id"])
    rng = random.Random(SEED)
    sealed, rest = [], []
    for genre in sorted(by_genre):
        ids = sorted(by_genre[genre])
        k = math.ceil(len(ids) / 3)
        pick = set(rng.sample(ids, k))
        sealed += [i for i in ids if i in pick]
        rest += [i for i in ids if i not in pick]
    return {"heldout3_gold": sorted(sealed), "v2_gold": sorted(rest)}


if __name__ == "__main__":
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared/corpora/policy_pages_v2.jsonl")
    out = draw(corpus)
    splits_path = ROOT / "corpora/splits.json"
    splits = json.loads(splits_path.read_text(encoding="utf-8"))
    splits["test"]["heldout3_gold"] = out["heldout3_gold"]
    splits["v2_gold"] = out["v2_gold"]
    splits["heldout3_seed"] = SEED
    splits_path.write_text(json.dumps(splits, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"held-out 3: {len(out['heldout3_gold'])} pages sealed; v2 rest: {len(out['v2_gold'])}")
