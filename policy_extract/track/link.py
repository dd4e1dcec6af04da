"""Targets linked to what later documents say was achieved, keyed by place, indicator, period, measure.

A target's outcome is an achieved figure from another document with the same key
(place, canonical indicator, period, measure); the first document to report it after the
target was set wins (ties: text order). With no outcome the target is ``pending``, and the
latest earlier achieved value of the same place and indicator (another document) is its
baseline, the distance still to go shown when the two can be compared (a stock or a rate;
flows only over periods of one length).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable

from .figures import Figure
from .verdict import Verdict, judge


def period_bounds(period: str | None) -> tuple[int, int] | None:
    """``"2026"`` → (2026, 2026); ``"2021-2025"`` → (2021, 2025); else None.

    >>> period_bounds("2021-2025"), period_bounds("2026"), period_bounds(None)
    ((2021, 2025), (2026, 2026), None)
    """
    if not period:
        return None
    parts = period.split("-")
    try:
        a, b = int(parts[0][:4]), int(parts[-1][:4])
    except ValueError:
        return None
    return (a, b)


def _date_key(f: Figure) -> str:
    return f.date or "9999"


@dataclass
class Link:
    """One target with its outcome (same key, another document) or baseline, and the verdict."""

    target: Figure
    outcome: Figure | None = None
    outcomes: list[Figure] = field(default_factory=list)
    baseline: Figure | None = None
    verdict: Verdict | None = None

    def to_row(self) -> dict[str, Any]:
        t, o, b, v = self.target, self.outcome, self.baseline, self.verdict
        row: dict[str, Any] = {
            "place": t.place, "indicator_id": t.indicator_id, "indicator": t.indicator_name,
            "period": t.period, "measure": t.measure, "unit": t.unit,
            "target_doc": t.doc_id, "target_date": t.date, "target_text": t.text,
            "target_start": t.start, "target_end": t.end, "target_span": t.indicator_text,
            "target_value": t.value, "target_value_max": t.value_max, "target_bound": t.bound,
            "target_sign": t.sign,
        }
        for name, f in (("outcome", o), ("baseline", b)):
            row.update({
                f"{name}_doc": f.doc_id if f else None, f"{name}_date": f.date if f else None,
                f"{name}_text": f.text if f else None, f"{name}_start": f.start if f else None,
                f"{name}_end": f.end if f else None,
                f"{name}_span": f.indicator_text if f else None,
                f"{name}_value": f.value if f else None, f"{name}_unit": f.unit if f else None,
                f"{name}_period": f.period if f else None,
                f"{name}_measure": f.measure if f else None,
                f"{name}_sign": f.sign if f else None,
            })
        row.update({"verdict": v.verdict if v else None, "rule": v.rule if v else None,
                    "gap": v.gap if v else None, "converted": v.converted if v else None,
                    "n_outcomes": len(self.outcomes)})
        return row


def _compare(t: Figure, a: Figure) -> Verdict:
    return judge(target_value=t.value, target_bound=t.bound, achieved_value=a.value, unit=t.unit,
                 achieved_unit=a.unit, measure=t.measure, achieved_measure=a.measure,
                 direction=t.direction, target_value_max=t.value_max, target_sign=t.sign,
                 achieved_sign=a.sign)


def _baseline_gap(t: Figure, b: Figure) -> Verdict:
    """``pending`` against a baseline: the distance to go when the two can be compared."""
    if b.measure != t.measure:
        return Verdict("pending", f"no outcome yet; baseline not comparable: {t.measure} target "
                                  f"vs {b.measure} achieved")
    tb, bb = period_bounds(t.period), period_bounds(b.period)
    same_len = tb and bb and (tb[1] - tb[0]) == (bb[1] - bb[0])
    if t.kind == "flow" and t.measure == "level" and not same_len:
        return Verdict("pending", f"no outcome yet; baseline covers {b.period}, target {t.period}: "
                                  "flows over periods of different length")
    v = _compare(t, b)
    if v.verdict == "not comparable":
        return Verdict("pending", f"no outcome yet; baseline not comparable: {v.rule}")
    to_go = None if v.gap is None else round(-v.gap, 6)
    return Verdict("pending", f"no outcome yet; to go from the {b.period} baseline: {v.rule}",
                   to_go, v.converted)


def link_targets(figs: Iterable[Figure]) -> list[Link]:
    """Every mapped target with a period, linked to its outcome or baseline."""
    figs = [f for f in figs if f.indicator_id and f.place]
    achieved: dict[tuple, list[Figure]] = defaultdict(list)
    by_ind: dict[tuple, list[Figure]] = defaultdict(list)
    for f in figs:
        if f.status == "achieved" and f.period and f.outcome_ok:
            achieved[f.key].append(f)
            by_ind[(f.place, f.indicator_id)].append(f)
    links = []
    for t in figs:
        if t.status != "target" or not t.period:
            continue
        outs = [a for a in achieved.get(t.key, ()) if a.doc_id != t.doc_id]
        # the first report after the target was set; then text order
        outs.sort(key=lambda a: (_date_key(a) < _date_key(t), _date_key(a), a.doc_id, a.order))
        link = Link(t, outcomes=outs)
        if outs:
            link.outcome = outs[0]
            link.verdict = _compare(t, outs[0])
        else:
            tb = period_bounds(t.period)
            earlier = [a for a in by_ind.get((t.place, t.indicator_id), ())
                       if a.doc_id != t.doc_id and tb and period_bounds(a.period)
                       and period_bounds(a.period)[1] < tb[0]]
            same_period = [a for a in by_ind.get((t.place, t.indicator_id), ())
                           if a.doc_id != t.doc_id and a.period == t.period]
            same_period = [a for a in same_period if {a.measure, t.measure} == {"level", "growth"}]
            if same_period:  # reported only in another measure (a growth target, the level)
                # no outcome for the target: what was reported is said in the rule, not linked
                a = sorted(same_period, key=lambda a: (_date_key(a), a.order))[0]
                link.verdict = Verdict("pending", f"no {t.measure} outcome; {a.doc_id} reports "
                                                  f"the {a.measure} ({a.text})")
            elif earlier:
                # the latest earlier period; same measure first; then the latest document
                # (a precise figure before a bound one: 1.17万家 over 突破万家; then the last)
                earlier.sort(key=lambda a: (a.measure == t.measure, period_bounds(a.period)[1],
                                            _date_key(a), a.bound in ("eq", "approx"), a.order),
                             reverse=True)
                link.baseline = earlier[0]
                link.verdict = _baseline_gap(t, earlier[0])
            else:
                link.verdict = Verdict("pending", "no achieved value for this key in the documents")
        links.append(link)
    return links


def key_rows(links: list[Link]) -> list[dict[str, Any]]:
    """One row per (place, indicator, period, measure): the latest target in force, its verdict,
    and every target and outcome as lists."""
    groups: dict[tuple, list[Link]] = defaultdict(list)
    for ln in links:
        groups[ln.target.key].append(ln)
    rows = []
    for key, lns in groups.items():
        lns.sort(key=lambda ln: (_date_key(ln.target), ln.target.doc_id, ln.target.order))
        main = lns[-1]
        row = main.to_row()
        row["targets"] = [{"doc": ln.target.doc_id, "date": ln.target.date, "text": ln.target.text,
                           "start": ln.target.start, "end": ln.target.end,
                           "value": ln.target.value, "bound": ln.target.bound,
                           "verdict": ln.verdict.verdict if ln.verdict else None}
                          for ln in lns]
        seen = set()
        outs = []
        for ln in lns:
            for o in ln.outcomes:
                if (o.doc_id, o.start) not in seen:
                    seen.add((o.doc_id, o.start))
                    outs.append({"doc": o.doc_id, "date": o.date, "text": o.text, "start": o.start,
                                 "end": o.end, "value": o.value, "period": o.period})
        row["achieved"] = outs
        row["n_targets"] = len(lns)
        rows.append(row)
    rows.sort(key=lambda r: (str(r["place"]), str(r["indicator_id"]), str(r["period"]),
                             str(r["measure"])))
    return rows
