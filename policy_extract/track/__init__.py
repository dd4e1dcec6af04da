"""Target tracking across documents: did a place reach what it set out to do?

Built on the extraction output, not inside it. ``policy_extract.track(docs)`` takes
Documents, records (``id``, ``text``, ``date``, ``title``), a folder of ``.txt``, a records
JSONL or a batch output, and returns a :class:`TrackResult`: one row per (place, canonical
indicator, period, measure) with the target(s), the achieved value(s) for the same key from
other documents, the verdict with its rule, and the gap.

>>> import policy_extract
>>> res = policy_extract.track([
...     {"id": "plan", "date": "2023-03-05", "title": "2023年政府工作报告",
...      "text": "今年发展主要预期目标是：国内生产总值增长5%左右。"},
...     {"id": "review", "date": "2024-03-05", "title": "2024年政府工作报告",
...      "text": "一、2023年工作回顾\\n过去一年，国内生产总值增长5.2%。"}])
>>> [(r["place"], r["indicator_id"], r["period"], r["verdict"], r["outcome_text"]) for r in res.rows]
[('全国', 'gdp', '2023', 'met', '5.2%')]
>>> res.rows[0]["rule"], res.rows[0]["gap"]
('floor growth vs growth (左右: -0.5 point)', 0.2)
>>> policy_extract.track.document_place("", title="长沙市2024年政府工作报告")
'长沙市'
"""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .figures import Figure, TrackDoc, figures, figures_table, track_doc
from .indicators import IndicatorMatch, indicator_table, map_indicator
from .inputs import load_documents
from .link import Link, key_rows, link_targets
from .place import document_place, figure_place, normalise_place
from .verdict import Verdict, judge


@dataclass
class TrackResult:
    """Rows (one per key), the per-target links and every figure read."""

    rows: list[dict[str, Any]]
    links: list[Link]
    figures: list[Figure]
    docs: list[TrackDoc] = field(default_factory=list)

    def links_table(self) -> list[dict[str, Any]]:
        return [ln.to_row() for ln in self.links]

    def to_dataframe(self, what: str = "rows"):
        """``rows`` (one per key), ``links`` (one per target) or ``figures`` as a DataFrame."""
        from .report import to_frame

        data = {"rows": self.rows, "links": self.links_table(),
                "figures": [f.to_dict() for f in self.figures]}[what]
        return to_frame(data)

    def write(self, out_dir: str | Path, html: bool = True, parquet: bool = True) -> list[Path]:
        """track.csv, links.csv, figures.csv (+ .parquet) and track.html in ``out_dir``."""
        from . import report

        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        figs = [f.to_dict() | {"evidence": str(dict(f.evidence))} for f in self.figures]
        written = []
        for name, data in (("track", self.rows), ("links", self.links_table()), ("figures", figs)):
            written.append(report.write_csv(data, out / f"{name}.csv"))
            if parquet:
                written.append(report.write_parquet(data, out / f"{name}.parquet"))
        if html:
            written.append(report.write_html(self.rows, self.links, out / "track.html"))
        return written


def track(docs: Any, *, nlp=None, mode: str = "rules", meta: Any = None,
          texts: Any = None) -> TrackResult:
    """Link every target to what other documents report for the same key (module doc)."""
    tdocs = load_documents(docs, nlp=nlp, mode=mode, meta=meta, texts=texts)
    figs = [f for td in tdocs for f in figures(td)]
    links = link_targets(figs)
    return TrackResult(key_rows(links), links, figs, tdocs)


class _CallableModule(types.ModuleType):
    """``policy_extract.track(docs)`` calls :func:`track`; the module's names stay reachable."""

    def __call__(self, docs: Any, **kwargs: Any) -> TrackResult:
        return track(docs, **kwargs)


sys.modules[__name__].__class__ = _CallableModule

__all__ = ["track", "TrackResult", "TrackDoc", "Figure", "Link", "Verdict", "IndicatorMatch",
           "document_place", "figure_place", "normalise_place", "map_indicator",
           "indicator_table", "figures", "figures_table", "track_doc", "load_documents",
           "link_targets", "key_rows", "judge"]
