"""Gold-free consistency figures on the 51 national work reports (``../shared/corpora``).

Two readings of the same figure should agree when the text gives what is needed:
- ``undated``: each whole report read without its date and title, against the same report
  read with them (the year each report was delivered, its title). Disagreement is what a user
  loses by passing raw text; a report that names no year in its headings cannot be dated.
- ``excerpt``: runs of paragraphs of about 1,500 characters (reports from 1978 on), read with
  the report's date and title, against the whole report. Disagreement comes from context an
  excerpt lacks (the 二、2024年政府工作任务 heading above it), so some of it is irreducible.

Neither is accuracy: the whole, dated reading is not gold. They show which way a change moves
the library's dependence on metadata and context. Usage::

    python scripts/consistency.py [--mode rules|combined] [--only undated|excerpt]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT.parent / "shared" / "corpora" / "gov_work_reports.jsonl"
EXCERPT_CHARS = 1500


def _key(q) -> tuple[str, str | None]:
    return q.status.value, q.period


def undated(nlp, reports: list[dict]) -> dict:
    same = total = genre_ok = 0
    for r in reports:
        bare = nlp(r["text"])
        full = nlp(r["text"], date=str(r["year"]), title=r["title"])
        genre_ok += bare.genre == "report"
        total += len(full.quantities)
        same += sum(_key(a) == _key(b) for a, b in zip(bare.quantities, full.quantities)
                    if (a.start, a.end) == (b.start, b.end))
    return {"reports": len(reports), "read_as_report": genre_ok, "figures": total,
            "agree": same, "agreement": round(same / total, 3) if total else None}


def _excerpts(text: str) -> list[tuple[int, int]]:
    paras, pos = [], 0
    for part in text.split("\n\n"):
        paras.append((pos, pos + len(part)))
        pos += len(part) + 2
    out, i = [], 0
    while i < len(paras):
        a, j = paras[i][0], i
        while j < len(paras) and paras[j][1] - a < EXCERPT_CHARS:
            j += 1
        out.append((a, paras[min(j, len(paras) - 1)][1]))
        i = j + 1
    return out


def excerpt(nlp, reports: list[dict]) -> dict:
    same = total = 0
    for r in reports:
        if r["year"] < 1978:
            continue
        text, date, title = r["text"], str(r["year"]), r["title"]
        whole = {(q.start, q.end): _key(q) for q in nlp(text, date=date, title=title).quantities}
        for a, b in _excerpts(text):
            for q in nlp(text[a:b], date=date, title=title).quantities:
                k = (q.start + a, q.end + a)
                if k in whole:
                    total += 1
                    same += _key(q) == whole[k]
    return {"figures": total, "agree": same,
            "agreement": round(same / total, 3) if total else None}


def main() -> None:
    import policy_extract

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mode", default="rules")
    ap.add_argument("--only", choices=("undated", "excerpt"))
    args = ap.parse_args()
    if not REPORTS.is_file():
        raise SystemExit(f"consistency.py: {REPORTS} not found")
    reports = [json.loads(line) for line in REPORTS.open(encoding="utf-8") if line.strip()]
    if not reports:
        raise SystemExit(f"consistency.py: no reports in {REPORTS}")
    nlp = policy_extract.load(args.mode)
    out = {"mode": args.mode}
    if args.only in (None, "undated"):
        out["undated_vs_dated"] = undated(nlp, reports)
    if args.only in (None, "excerpt"):
        out["excerpt_vs_whole"] = excerpt(nlp, reports)
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
