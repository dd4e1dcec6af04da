"""Partial document dates and gates that cannot pass on nothing (issues 18 §1, §4; 19 §9, §12)."""

from __future__ import annotations

import datetime
import json

import pytest

from policy_extract.cli import main
from policy_extract.dates import parse_date

from conftest import SEEDS, SEED_IDS


@pytest.mark.parametrize("given,iso,precision", [
    ("2021", "2021", "year"),
    ("2023-07", "2023-07", "month"),
    ("2024-03-05", "2024-03-05", "day"),
    (datetime.date(2024, 3, 5), "2024-03-05", "day"),
])
def test_partial_dates_are_accepted_with_their_precision(given, iso, precision):
    d = parse_date(given)
    assert (d.isoformat(), d.precision) == (iso, precision)


@pytest.mark.parametrize("bad", ["2023-13", "2023-02-30", "23", "2023/07", "", None, 2023])
def test_malformed_dates_are_refused_with_e015(bad):
    with pytest.raises(ValueError, match="E015"):
        parse_date(bad)


def test_a_year_alone_resolves_jinnian(nlp_rules):
    doc = nlp_rules("今年地区生产总值增长6%。", date="2021")
    assert [q.period for q in doc.quantities] == ["2021"]
    doc = nlp_rules("今年地区生产总值增长6%。", date=datetime.date(2019, 5, 1))
    assert [q.period for q in doc.quantities] == ["2019"]


def test_cli_accepts_a_month_date(tmp_path, capsys):
    f = tmp_path / "x.txt"
    f.write_text("今年地区生产总值增长6%。", encoding="utf-8")
    assert main(["extract", str(f), "--date", "2023-07", "--mode", "rules"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["quantities"][0]["period"] == "2023"


@pytest.mark.parametrize("make", ["missing", "empty", "only_metadata", "malformed"])
def test_evaluate_refuses_a_gold_folder_with_nothing_to_score(tmp_path, capsys, make):
    gold = tmp_path / "gold"
    if make != "missing":
        gold.mkdir()
    if make == "only_metadata":
        (gold / "metadata.json").write_text('{"documents": []}', encoding="utf-8")
    if make == "malformed":
        (gold / "a.json").write_text("{x", encoding="utf-8")
    rc = main(["evaluate", "--gold", str(gold), "--mode", "rules", "--min", "quantities.f1=0.5"])
    err = capsys.readouterr().err
    assert rc == 2
    assert ("E018" if make != "malformed" else "E008") in err and "floors held" not in err


def test_evaluate_still_scores_a_real_folder(tmp_path, capsys):
    gold = tmp_path / "gold"
    gold.mkdir()
    src = SEEDS.parent / "corpora" / "gold" / f"{SEED_IDS[0]}.json"
    (gold / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["evaluate", "--gold", str(gold), "--raw", str(SEEDS), "--mode", "rules"]) == 0
    assert "documents: 1" in capsys.readouterr().out
