"""The peers benchmark (``benchmarks/peers.py``): subsets, scoring on synthetic gold/pred with
known figures, the peer adapters on GUIDELINES rows (skipped when a peer is absent), and its
command. ``benchmarks/`` is repository tooling outside the wheel: the repository root goes on
``sys.path`` so it imports as ``benchmarks.peers`` (the name ``policy-extract compare`` gives it)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import peers  # noqa: E402
from benchmarks.peers import Subset, entity_figures, load_config, subset_report  # noqa: E402
from policy_extract.errors import RuleFileError  # noqa: E402
from policy_extract.schema import Entity, EntityLabel, Quantity  # noqa: E402

PCT = Subset("percent", frozenset({"%", "个百分点"}))
MONEY = Subset("money", frozenset({"元", "美元"}))


def q(s: int, text: str, value: float, unit: str) -> Quantity:
    return Quantity(s, s + len(text), text, value, unit)


def ent(s: int, text: str, label: str) -> Entity:
    return Entity(s, s + len(text), text, EntityLabel(label))


# Synthetic text: 增长7%，个数5个，贷款80亿元，提高2个百分点，投资3亿美元
GOLD = [q(2, "7%", 7, "%"), q(7, "5个", 5, "个"), q(12, "80亿元", 8e9, "元"),
        q(19, "2个百分点", 2, "个百分点"), q(27, "3亿美元", 3e8, "美元")]


def test_config_is_valid_and_subsets_are_disjoint():
    cfg = load_config()
    ids = [s.id for s in cfg.subsets]
    assert ids == ["percent", "money"]
    units = [u for s in cfg.subsets for u in s.units]
    assert len(units) == len(set(units))
    assert cfg.currencies["CNY"] == "元" and cfg.currencies["USD"] == "美元"
    assert set(cfg.label_class) == {x.value for x in EntityLabel}  # every label has a class
    assert cfg.pos_class == {"nt": "ORG", "ns": "LOC", "nz": "MISC"}


def test_config_unknown_key_fails_naming_file_and_rule(tmp_path):
    bad = _raw_config()
    bad["quantity_subsets"][0]["colour"] = "red"
    p = tmp_path / "peers_bad.json"
    p.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"E002 .*peers_bad.json: rule 0 \(percent\).*colour"):
        load_config.__wrapped__(p)


def _raw_config() -> dict:
    return json.loads(peers.CONFIG.read_text(encoding="utf-8"))


@pytest.mark.parametrize("quantity, subset, covered", [
    (GOLD[0], PCT, True),      # 7%
    (GOLD[3], PCT, True),      # 2个百分点: Recognizers-Text reads it as a percentage
    (GOLD[1], PCT, False),     # 5个
    (GOLD[2], MONEY, True),    # 80亿元
    (GOLD[4], MONEY, True),    # 3亿美元
    (GOLD[0], MONEY, False),
    (q(0, "3‰", 3, "‰"), PCT, False),  # per-mille: not in what the percentage peer covers
])
def test_subset_membership_by_unit(quantity, subset, covered):
    assert subset.covers(quantity) is covered


def test_subset_scoring_known_figures():
    pred = [
        q(2, "7%", 7, "%"),             # right
        q(12, "80亿元", 8e8, "元"),      # span right, value wrong: no match (§5 needs equal values)
        q(18, "高2个百分点", 2, "个百分点"),  # wider span, same value: overlap is enough
        q(7, "5个", 5, "个"),            # right but outside both subsets
        q(30, "9%", 9, "%"),            # false alarm
    ]
    pct = subset_report([(GOLD, pred)], PCT).quantities
    assert (pct.tp, pct.n_pred, pct.n_gold) == (2, 3, 2)
    assert pct.precision == pytest.approx(2 / 3) and pct.recall == 1.0
    assert pct.f1 == pytest.approx(0.8)
    money = subset_report([(GOLD, pred)], MONEY).quantities
    assert (money.tp, money.n_pred, money.n_gold) == (0, 1, 2)
    assert money.f1 == 0.0


def test_pred_filtered_keeps_a_peers_own_subset_whatever_its_unit():
    # A currency peer's output with an unmapped currency still counts as its money prediction.
    pred = [q(12, "80亿元", 8e9, "元"), q(40, "5卢比", 5, "INR")]
    rep = subset_report([(GOLD, pred)], MONEY, pred_filtered=True)
    assert (rep.quantities.tp, rep.quantities.n_pred, rep.quantities.n_gold) == (1, 2, 2)
    assert peers.error_texts(rep) == {"miss": ["3亿美元"], "false_alarm": ["5卢比"]}


def test_subset_scoring_is_one_to_one_over_documents():
    # Range 5%-6% in gold; a peer that reads 5% and 6% apart gets one match and one false alarm.
    gold = [Quantity(0, 5, "5%-6%", 5, "%", value_max=6)]
    pred = [q(0, "5%", 5, "%"), q(3, "6%", 6, "%")]
    prf = subset_report([(gold, pred), (gold, [])], PCT).quantities
    assert (prf.tp, prf.n_pred, prf.n_gold) == (1, 2, 2)


# 湖南大学与湖南湘江新区、“智赋万企”行动计划 (GUIDELINES §2 names)
GOLD_E = [ent(0, "湖南大学", "INSTITUTION"), ent(5, "湖南湘江新区", "PARK"),
          ent(12, "“智赋万企”行动计划", "PROGRAM")]


def test_entity_figures_class_strict_and_span_known_figures():
    cfg = load_config()
    # What jieba-like output looks like: a word per name, classes only.
    pred = [ent(0, "湖南大学", "ENTERPRISE"),  # ORG class: span and class right
            ent(5, "湖南", "PARK"),            # part of the name: neither exact
            ent(7, "湘江", "PARK")]
    f = entity_figures([(GOLD_E, pred)], cfg, fine_labels=False)
    assert (f.span.tp, f.span.n_pred, f.span.n_gold) == (1, 3, 3)
    assert (f.classes.tp, f.classes.n_pred, f.classes.n_gold) == (1, 3, 3)
    assert f.strict is None


def test_entity_figures_fine_labels_known_figures():
    cfg = load_config()
    pred = [ent(0, "湖南大学", "PLATFORM"),    # same class (ORG), wrong label
            ent(5, "湖南湘江新区", "PARK"),     # right
            ent(13, "智赋万企", "PROGRAM")]    # quotes dropped: partial only
    f = entity_figures([(GOLD_E, pred)], cfg)
    assert f.span.tp == 2 and f.classes.tp == 2 and f.strict.tp == 1 and f.partial.tp == 2
    assert f.strict.f1 == pytest.approx(1 / 3)


# --------------------------------------------------------------- peer adapters

def _run(setup, text):
    try:
        return setup()(text)
    except peers.NotInstalled as err:
        pytest.skip(f"peer not installed: {err}")


@pytest.mark.parametrize("text, span, value, unit", [
    ("同比增长7%", "7%", 7.0, "%"),              # GUIDELINES §1 row
    ("比重10%以上", "10%", 10.0, "%"),           # GUIDELINES §1 row
    ("增长百分之十", "百分之十", 10.0, "%"),
    ("下降2个百分点", "2个百分点", 2.0, "个百分点"),
])
def test_recognizers_percentage_offsets_and_values(text, span, value, unit):
    hits = _run(peers._ms_percent_setup, text)
    assert [(text[s:e], v, u, sub) for s, e, v, _, u, sub in hits] == [(span, value, unit, "percent")]


@pytest.mark.parametrize("setup", [peers._ms_currency_setup, peers._jio_money_setup],
                         ids=["recognizers-currency", "jionlp-money"])
@pytest.mark.parametrize("text, span, value, unit", [
    ("发放知识价值贷款80亿元", "80亿元", 8e9, "元"),  # GUIDELINES §1 row
    ("吸引投资4700万美元", "4700万美元", 4.7e7, "美元"),
])
def test_money_peers_offsets_and_values(setup, text, span, value, unit):
    hits = _run(setup, text)
    assert [(text[s:e], v, u, sub) for s, e, v, _, u, sub in hits] == [(span, value, unit, "money")]


def test_money_peers_find_nothing_in_a_percentage():
    for setup in (peers._ms_currency_setup, peers._jio_money_setup):
        try:
            assert setup()("同比增长7%") == []
        except peers.NotInstalled:
            pass


def test_jieba_pos_offsets_and_classes():
    text = "国防科技大学位于长沙。"  # seed name (GUIDELINES §2 INSTITUTION example)
    hits = _run(peers._jieba_pos_setup, text)
    assert hits, "jieba tags at least the place"
    assert all(c in {"ORG", "LOC", "MISC"} for _, _, c in hits)
    assert ("长沙", "LOC") in [(text[s:e], c) for s, e, c in hits]


def test_missing_peer_says_not_installed(monkeypatch):
    monkeypatch.setitem(sys.modules, "jionlp", None)  # import raises ImportError
    p = peers.Peer("jionlp money", "jionlp", "quantities", peers._jio_money_setup)
    assert p.start() is False
    assert p.error.startswith("not installed")


def test_lexicon_peer_without_gazetteer_is_not_runnable(monkeypatch):
    pytest.importorskip("jionlp")
    monkeypatch.setattr(peers, "gazetteer_lexicon", lambda: {})
    p = peers.Peer("lex", "jionlp", "entities", peers._jio_lexicon_setup, fine_labels=True)
    assert p.start() is False and p.error.startswith("not runnable")


# ------------------------------------------------------------------- the command

TEXT = "全市研发投入增长7%，发放贷款80亿元，湖南大学参与。\n"


@pytest.fixture()
def tiny_gold(tmp_path):
    raw, gold = tmp_path / "raw", tmp_path / "gold"
    raw.mkdir()
    gold.mkdir()
    (raw / "t1.txt").write_text(TEXT, encoding="utf-8")
    i7, i80, ih = TEXT.index("7%"), TEXT.index("80亿元"), TEXT.index("湖南大学")
    d = {"doc_id": "t1", "source": "t1.txt",
         "quantities": [{"start": i7, "end": i7 + 2, "text": "7%", "value": 7.0, "unit": "%"},
                        {"start": i80, "end": i80 + 4, "text": "80亿元", "value": 8e9,
                         "unit": "元"}],
         "entities": [{"start": ih, "end": ih + 4, "text": "湖南大学", "label": "INSTITUTION"}],
         "nodes": []}
    (gold / "t1.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    return gold, raw


def test_compare_command_json_runs_with_whatever_is_installed(tiny_gold, capsys, nlp_rules):
    gold, raw = tiny_gold
    assert peers.main(["--gold", str(gold), "--raw", str(raw), "--json", "--repeat", "1"]) == 0
    res = json.loads(capsys.readouterr().out)  # nothing but JSON on stdout (JioNLP's banner muted)
    assert res["documents"] == 1 and res["chars"] == len(TEXT)
    rows = {(r["peer"].split(" ")[0], r["subset"]): r for r in res["quantities"]}
    ours = [r for r in res["quantities"] if r["peer"].startswith("policy_extract")]
    assert {r["subset"] for r in ours} == {"percent", "money", "all"}
    assert all(r["gold"] == {"percent": 1, "money": 1, "all": 2}[r["subset"]] for r in ours)
    for r in res["quantities"] + res["entities"]:
        assert r["status"] == "ok" or r["status"].startswith(("not installed", "not runnable",
                                                              "failed"))
        if r["status"] == "ok":
            assert r["chars_per_s"] is None or r["chars_per_s"] > 0
    # Every installed quantity peer finds both figures of this text exactly.
    for key in (("recognizers-text", "percent"), ("recognizers-text", "money"),
                ("jionlp.ner.extract_money", "money")):
        if key in rows and rows[key]["status"] == "ok":
            assert rows[key]["f1"] == 1.0, rows[key]


def test_compare_command_table(tiny_gold, capsys, nlp_rules, monkeypatch):
    monkeypatch.setitem(sys.modules, "recognizers_suite", None)  # as if not installed
    gold, raw = tiny_gold
    assert peers.main(["--gold", str(gold), "--raw", str(raw), "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "QUANTITIES" in out and "ENTITIES" in out
    ms = [ln for ln in out.splitlines() if ln.strip().startswith("recognizers-text")]
    assert len(ms) == 2 and all("not installed" in ln for ln in ms)  # its percent and money rows
    assert "policy_extract" in out


def test_compare_command_missing_raw_is_an_input_error(tmp_path, tiny_gold, capsys):
    gold, _ = tiny_gold
    assert peers.main(["--gold", str(gold), "--raw", str(tmp_path / "nowhere")]) == 2


def test_the_benchmark_runs_as_a_script_from_the_checkout(tmp_path):
    # `python benchmarks/peers.py ...` from anywhere: the script finds this checkout's package
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "peers.py"), "--help"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "--gold" in r.stdout and "--raw" in r.stdout


def test_policy_extract_compare_runs_this_benchmark(tmp_path, tiny_gold, capsys):
    # the CLI's `compare` loads benchmarks/peers.py of the checkout (policy_extract/cli/compare.py)
    from policy_extract.cli import main

    gold, _ = tiny_gold
    assert main(["compare", "--gold", str(gold), "--raw", str(tmp_path / "nowhere")]) == 2
    assert "nowhere" in capsys.readouterr().err  # the benchmark's own error, not "not found"


def test_the_benchmark_doctests():
    # benchmarks/ is outside pytest's testpaths: its examples run here
    import doctest

    res = doctest.testmod(peers)
    assert res.attempted and not res.failed
