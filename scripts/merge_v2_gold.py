"""Gather the blind gold-v2 annotations into corpora/ (run once annotation is complete).

Annotators wrote one GUIDELINES §4 file per page plus a meta.json in their own folder under
ANNOT (default ../annot): A* annotated held-out 3 (all layers), B* the rest (quantities and
entities on every page, trees on pages chosen for structure), C* a second blind pass for
agreement. Writes corpora/heldout3_gold/ (all layers), corpora/v2_gold/ (quantities and
entities; nodes left empty, since they were not annotated on every page),
corpora/v2_node_gold/ (nodes only, the pages with trees), corpora/agreement_v2/ (the second
pass, all layers), and the pages' dates into corpora/metadata.json. Files are copied
unchanged apart from emptying the layers a set does not score.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANNOT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "annot"
SPLIT = {"A": "heldout3", "B": "v2", "C": "agreement_v2"}


def write(path: Path, d: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(d, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    splits = json.loads((ROOT / "corpora/splits.json").read_text(encoding="utf-8"))
    sealed = set(splits["test"]["heldout3_gold"])
    meta_path = ROOT / "corpora/metadata.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    known = {m["doc_id"] for m in meta["documents"]}
    corpus = {json.loads(l)["id"]: json.loads(l)
              for l in (ROOT.parent / "shared/corpora/policy_pages_v2.jsonl").open(encoding="utf-8")}
    counts = {}
    for folder in sorted(p for p in ANNOT.iterdir() if p.is_dir() and p.name[0] in SPLIT):
        kind = folder.name[0]
        pages = {m["doc_id"]: m for m in json.loads((folder / "meta.json").read_text(encoding="utf-8"))}
        for f in sorted(folder.glob("v[0-9][0-9][0-9].json")):
            d = json.loads(f.read_text(encoding="utf-8"))
            doc_id = d["doc_id"]
            m = pages.get(doc_id, {})
            layers = set(m.get("layers") or ["quantities", "entities", "nodes"])
            if kind == "A":
                assert doc_id in sealed, doc_id
                write(ROOT / "corpora/heldout3_gold" / f.name, d)
            elif kind == "B":
                assert doc_id not in sealed, doc_id
                write(ROOT / "corpora/v2_gold" / f.name, {**d, "nodes": []})
                if "nodes" in layers and d["nodes"]:
                    write(ROOT / "corpora/v2_node_gold" / f.name,
                          {**d, "quantities": [], "entities": []})
            else:
                write(ROOT / "corpora/agreement_v2" / f.name, d)
                continue  # the first pass's metadata is the project's
            counts[SPLIT[kind]] = counts.get(SPLIT[kind], 0) + 1
            if doc_id in known:
                continue
            rec = corpus[doc_id]
            meta["documents"].append({
                "doc_id": doc_id, "file": f"../shared/corpora/pages_v2/{doc_id}.txt",
                "date": m.get("date", rec.get("date")), "split": SPLIT[kind],
                "date_source": m.get("date_source", "corpus"),
                "source": f"{rec['title']} ({rec['genre']}, {rec['place']})", "title": rec["title"],
                "genre": rec["genre"], "place": rec["place"]})
            known.add(doc_id)
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(counts)


if __name__ == "__main__":
    main()
