"""Which rules earn their place: remove each status, period and frame rule in turn and score.

    python3 scripts/ablate_rules.py [--jobs 2] [--only ID,ID] > ablation.tsv

Every entry of ``quantity_status_cues.json`` (cues), ``quantity_periods.json`` (cues) and
``time_frames.json`` (genres, headings, scopes, report_year) is dropped from a copy of the data
folder (``rules.loader.use_data_dir``) and the rules pipeline is scored on the tuning page sets
(seeds, dev, status_gold, status_gold_b, v2_gold) and the blind report figures
(``corpora/report_figures``): status and period right, as a change against the full rules. A
rule whose removal loses nothing anywhere is a candidate to drop; one that helps one set and
costs another is a judgement. Tuning data only: never run it on a sealed set.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE_SETS = ("gold", "dev_gold", "status_gold", "status_gold_b", "v2_gold")
TABLES = (("quantity_status_cues.json", "cues"), ("quantity_periods.json", "cues"),
          ("time_frames.json", "genres"), ("time_frames.json", "headings"),
          ("time_frames.json", "scopes"), ("time_frames.json", "report_year"))


def score(drop: tuple[str, str, str] | None) -> dict[str, tuple[int, int, int]]:
    """(status right, period right, matched) per set with one rule dropped (None: none)."""
    sys.path.insert(0, str(ROOT))
    from policy_extract.corpus import iter_gold
    from policy_extract.evaluate import Report, score_quantities
    from policy_extract.pipeline import Pipeline, build_nlp
    from policy_extract.rules import loader
    from policy_extract.rules.registry import clear_caches
    from policy_extract.schema import Document

    tmp = Path(tempfile.mkdtemp())
    try:
        for f in (ROOT / "policy_extract" / "data" / "zh").iterdir():
            if f.is_file():
                shutil.copy(f, tmp / f.name)
        if drop is not None:
            fname, key, rid = drop
            d = json.loads((tmp / fname).read_text(encoding="utf-8"))
            d[key] = [x for x in d[key] if x.get("id") != rid]
            (tmp / fname).write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
        loader.use_data_dir(tmp)
        clear_caches()
        nlp = Pipeline(*build_nlp("rules"))
        raw = [str(ROOT.parent / "shared" / "corpora" / p) for p in ("pages", "pages_v2")]
        out = {}
        for s in PAGE_SETS:
            rep = Report()
            for it in iter_gold(ROOT / "corpora" / s, raw):
                p = nlp(it.gold.text, doc_id=it.gold.doc_id, date=it.date, title=it.title)
                score_quantities(it.gold.quantities, p.quantities, rep, it.gold.doc_id)
            out[s] = (rep.q_field_correct["status"], rep.q_field_correct["period"], rep.q_matched)
        reports = ROOT.parent / "shared" / "corpora" / "gov_work_reports.jsonl"
        texts = {json.loads(line)["id"]: json.loads(line) for line in reports.open(encoding="utf-8")}
        rep = Report()
        for f in sorted((ROOT / "corpora" / "report_figures").glob("gwr*.json")):
            r = texts[f.stem]
            g = Document.from_dict(json.loads(f.read_text(encoding="utf-8")), text=r["text"])
            p = nlp(r["text"], doc_id=r["id"], date=r.get("date") or str(r["year"]), title=r["title"])
            score_quantities(g.quantities, p.quantities, rep, r["id"])
        out["reports"] = (rep.q_field_correct["status"], rep.q_field_correct["period"], rep.q_matched)
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def rules(only: set[str] | None) -> list[tuple[str, str, str]]:
    data = ROOT / "policy_extract" / "data" / "zh"
    out = []
    for fname, key in TABLES:
        for x in json.loads((data / fname).read_text(encoding="utf-8"))[key]:
            if only is None or x["id"] in only:
                out.append((fname, key, x["id"]))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", default=None, help="comma-separated rule ids")
    args = ap.parse_args(argv)
    todo = rules(set(args.only.split(",")) if args.only else None)
    with ProcessPoolExecutor(args.jobs) as pool:
        base = pool.submit(score, None)
        results = list(pool.map(score, todo))
        base = base.result()
    sets = [*PAGE_SETS, "reports"]
    print("\t".join(["file", "rule", "net", *(f"{s} status/period" for s in sets)]))
    rows = []
    for (fname, _, rid), res in zip(todo, results):
        ds = [(res[s][0] - base[s][0], res[s][1] - base[s][1]) for s in sets]
        rows.append((sum(a + b for a, b in ds), fname, rid, ds))
    for net, fname, rid, ds in sorted(rows, key=lambda r: -r[0]):
        print("\t".join([fname, rid, f"{net:+d}", *(f"{a:+d}/{b:+d}" for a, b in ds)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
