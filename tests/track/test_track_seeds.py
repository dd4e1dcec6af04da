"""``track`` on the two seeds: the pairs they share, with verdicts checked by hand.

Seed 000 (2026-02-24) sets Changsha's 2026 targets; seed 004 (2025-12-01) reviews 2021-2025.
No seed-004 figure is for 2026, so no target is met or missed yet: each shared indicator is
``pending`` with the 004 figure as its baseline. Checked by hand against the texts:

- 科技型中小企业数量达1.25万家 (2026) vs 科技型中小企业数…达1.17万家 (2021-2025): a stock,
  800 still to go;
- 知识价值贷款80亿元 (2026) vs 2024年…知识价值信用贷款114.6亿元: a yearly flow over a year each,
  the 2024 amount already 34.6亿元 above the target;
- 突破产业关键技术130项以上 (2026) vs 五年来…累计突破产业关键技术400余项 (2021-2025) and
  全球领跑和自主可控技术(产品)15项以上 vs 超60项: a year's flow against five years', no gap;
- “三枝合同”成交额增速达15% (2026, growth) vs 技术合同成交额…增至1369亿元 (level): not comparable.

Not shared, though the issue lists them: 高新技术企业 has no figure in either seed (seed 000 names
it only in a list of firm tiers), and seed 000's R&D targets are the growth of 全社会研发经费投入
(8.5%) and 基础研究经费占比 (10%), not seed 004's 研发投入强度 (3.35%): different indicators.
"""

from __future__ import annotations

import pytest

SEED_000, SEED_004 = "000_d383a0f51c78c5f8", "004_1a7ddccc0057efbb"

HAND = {  # indicator id: (target text, baseline text, baseline period, verdict, gap, rule says)
    "tech_smes": ("1.25万家", "1.17万家", "2021-2025", "pending", 800.0, "to go"),
    "knowledge_value_loans": ("80亿元", "114.6亿元", "2024", "pending", -34.6e8, "to go"),
    "key_tech_breakthroughs": ("130项", "400余项", "2021-2025", "pending", None, "different length"),
    "global_leading_tech": ("15项", "60项", "2021-2025", "pending", None, "different length"),
    "tech_contract_turnover": ("15%", "1369亿元", "2021-2025", "pending", None,
                               "growth target vs level achieved"),
}


@pytest.fixture(scope="module")
def seed_links(nlp_rules):
    import policy_extract

    from conftest import ROOT

    res = policy_extract.track(ROOT / "seeds", nlp=nlp_rules,
                               meta=ROOT / "corpora" / "metadata.json")
    return res


def test_both_seeds_are_about_changsha(seed_links):
    assert {td.doc_id: td.place for td in seed_links.docs} == {SEED_000: "长沙市", SEED_004: "长沙市"}


def test_the_shared_indicators_are_paired(seed_links):
    paired = {ln.target.indicator_id: ln for ln in seed_links.links
              if ln.baseline is not None or ln.outcome is not None}
    assert set(HAND) <= set(paired), sorted(paired)
    assert set(paired) == set(HAND)  # and nothing else pairs
    for iid, (ttext, btext, bperiod, verdict, gap, rule) in HAND.items():
        ln = paired[iid]
        t, b = ln.target, ln.baseline
        assert (t.doc_id, b.doc_id, t.place, b.place) == (SEED_000, SEED_004, "长沙市", "长沙市")
        assert t.period == "2026" and t.status == "target" and b.status == "achieved"
        assert ttext in seed_links.docs[0].doc.text[t.start:t.end + 2] or t.text in ttext
        assert b.text == btext and b.period == bperiod
        assert ln.verdict.verdict == verdict and rule in ln.verdict.rule
        assert ln.verdict.gap == (None if gap is None else pytest.approx(gap))


def test_one_row_per_key(seed_links):
    keys = [(r["place"], r["indicator_id"], r["period"], r["measure"]) for r in seed_links.rows]
    assert len(keys) == len(set(keys))
    row = next(r for r in seed_links.rows if r["indicator_id"] == "tech_smes")
    assert row["n_targets"] == 2  # the article's sentence and its table restate it
    assert row["baseline_text"] == "1.17万家" and row["verdict"] == "pending"


def test_not_paired_rd_and_high_tech(seed_links):
    ids = {f.indicator_id for f in seed_links.figures if f.doc_id == SEED_004}
    assert "rd_intensity" in ids and "high_tech_enterprises" not in ids
    targets = {ln.target.indicator_id for ln in seed_links.links}
    assert "rd_expenditure" in targets and "rd_intensity" not in targets
