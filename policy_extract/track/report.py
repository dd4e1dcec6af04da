"""Writing a track result: CSV and Parquet tables, and an HTML page with one chart per indicator.

pandas, pyarrow and matplotlib come with the ``track`` extra
(``pip install "policy_extract[track]"``). The charts are matplotlib SVGs embedded in the
page: for each (place, indicator, measure), the targets as short horizontal lines over their
period and the achieved values as points, over the years.
"""

from __future__ import annotations

import html
import io
import json
from pathlib import Path
from typing import Any

LIST_COLUMNS = ("targets", "achieved")
CJK_FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
             "WenQuanYi Zen Hei", "SimHei", "DejaVu Sans"]


def _flat(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        r = dict(r)
        for c in LIST_COLUMNS:
            if c in r:
                r[c] = json.dumps(r[c], ensure_ascii=False)
        out.append(r)
    return out


def to_frame(rows: list[dict[str, Any]]):
    import pandas as pd

    return pd.DataFrame(_flat(rows))


def write_csv(rows: list[dict[str, Any]], path: Path) -> Path:
    to_frame(rows).to_csv(path, index=False, encoding="utf-8")
    return path


def write_parquet(rows: list[dict[str, Any]], path: Path) -> Path:
    to_frame(rows).to_parquet(path, index=False)
    return path


def _year_mid(period: str | None) -> tuple[float, float] | None:
    from .link import period_bounds

    b = period_bounds(period)
    return None if b is None else (b[0], b[1] + 1)


def chart_svg(series: dict[str, Any], title: str) -> str:
    """One small chart: target segments over their periods, achieved points, as an SVG string."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    with matplotlib.rc_context({"font.family": ["sans-serif"], "font.sans-serif": CJK_FONTS,
                                "axes.unicode_minus": False, "svg.fonttype": "path"}):
        fig, ax = plt.subplots(figsize=(4.2, 2.4), dpi=100)
        for t in series["targets"]:
            span = _year_mid(t["period"])
            if span is None:
                continue
            ax.hlines(t["value"], span[0], span[1], colors="#c0392b", linewidth=2,
                      label="target")
        xs = [(_year_mid(a["period"]) or (None, None)) for a in series["achieved"]]
        pts = [((x[0] + x[1]) / 2, a["value"]) for x, a in zip(xs, series["achieved"]) if x[0]]
        if pts:
            ax.plot([p[0] for p in pts], [p[1] for p in pts], "o", color="#2471a3",
                    label="achieved")
        handles, labels = ax.get_legend_handles_labels()
        uniq = dict(zip(labels, handles))
        if uniq:
            ax.legend(uniq.values(), uniq.keys(), fontsize=7, loc="best")
        ax.set_title(title, fontsize=9)
        ax.set_ylabel(series.get("unit") or "", fontsize=8)
        ax.tick_params(labelsize=7)
        ax.xaxis.get_major_locator().set_params(integer=True)
        fig.tight_layout()
        buf = io.StringIO()
        fig.savefig(buf, format="svg")
        plt.close(fig)
    svg = buf.getvalue()
    return svg[svg.index("<svg"):]


def chart_series(links) -> dict[tuple, dict[str, Any]]:
    """(place, indicator id, measure) → targets and achieved values to draw."""
    series: dict[tuple, dict[str, Any]] = {}
    for ln in links:
        t = ln.target
        k = (t.place, t.indicator_id, t.measure)
        s = series.setdefault(k, {"name": t.indicator_name, "unit": t.unit, "targets": [],
                                  "achieved": [], "seen": set()})
        s["targets"].append({"value": t.signed, "period": t.period})
        for a in [*ln.outcomes, *([ln.baseline] if ln.baseline else [])]:
            if a.unit != t.unit or a.measure != t.measure or (a.doc_id, a.start) in s["seen"]:
                continue
            s["seen"].add((a.doc_id, a.start))
            s["achieved"].append({"value": a.signed, "period": a.period})
    for s in series.values():
        s.pop("seen")
    return series


_CSS = """body{font-family:sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;
font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}th{background:#f4f4f4}
.met{color:#1e8449}.not{color:#c0392b}.pending{color:#7f8c8d}.nc{color:#b9770e}
.charts{display:flex;flex-wrap:wrap;gap:8px}.chart{border:1px solid #ddd;padding:4px}
.chart svg{width:420px;height:auto}"""


def write_html(rows: list[dict[str, Any]], links, path: Path, title: str = "Targets vs outcomes",
               max_charts: int = 60) -> Path:
    """The page: a summary table (one row per key) and one chart per indicator."""
    esc = html.escape
    cls = {"met": "met", "not met": "not", "pending": "pending", "not comparable": "nc"}
    cols = ("place", "indicator", "period", "measure", "target_text", "target_bound", "target_doc",
            "outcome_text", "outcome_doc", "baseline_text", "baseline_period", "verdict", "rule",
            "gap")
    head = "".join(f"<th>{esc(c)}</th>" for c in cols)
    body = []
    for r in rows:
        tds = []
        for c in cols:
            v = r.get(c)
            v = "" if v is None else (f"{v:g}" if isinstance(v, float) else str(v))
            k = f' class="{cls.get(v, "")}"' if c == "verdict" else ""
            tds.append(f"<td{k}>{esc(v)}</td>")
        body.append("<tr>" + "".join(tds) + "</tr>")
    charts = []
    series = chart_series(links)
    ranked = sorted(series.items(), key=lambda kv: -(len(kv[1]["achieved"]) * 10
                                                      + len(kv[1]["targets"])))
    for (place, _iid, measure), s in ranked[:max_charts]:
        if not s["targets"]:
            continue
        name = f"{place} · {s['name']} ({measure})"
        charts.append(f'<div class="chart">{chart_svg(s, name)}</div>')
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["verdict"]] = counts.get(r["verdict"], 0) + 1
    summary = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items(), key=lambda kv: str(kv[0])))
    page = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{esc(title)}</title>"
            f"<style>{_CSS}</style></head><body><h1>{esc(title)}</h1>"
            f"<p>{len(rows)} keys (place, indicator, period, measure) with a target; {esc(summary)}</p>"
            f"<h2>Charts</h2><div class='charts'>{''.join(charts)}</div>"
            f"<h2>Table</h2><table><tr>{head}</tr>{''.join(body)}</table></body></html>")
    path.write_text(page, encoding="utf-8")
    return path
