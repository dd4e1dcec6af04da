"""The place of a document and of each figure."""

from __future__ import annotations

import json
import re

import pytest

from conftest import SHARED
from policy_extract.track import document_place, figure_place, normalise_place
from policy_extract.track.place import gazetteer

V2 = SHARED / "corpora" / "policy_pages_v2.jsonl"


@pytest.mark.parametrize("title,text,place", [
    ("玉林市2025年政府工作报告(2024年工作回顾)", "", "玉林市"),
    ("湘潭县2022年国民经济和社会发展统计公报 2022", "", "湘潭县"),
    ("2022年珠海市斗门区政府工作报告(2021年工作回顾)", "", "斗门区"),
    ("房县前三季度主要经济指标持续增长", "", "房县"),  # a county the gazetteer lacks
    ("上海浦东:到2027年 力争生物医药产业规模突破5000亿元", "", "浦东新区"),
    ("《湖南省贯彻〈中国制造2025〉建设制造强省5年行动计划》", "", "湖南省"),
    ("2024年政府工作报告", "各位代表：现在，我代表国务院，向大会作政府工作报告。", "全国"),
    ("工信部发文!人形机器人新政出炉", "", "全国"),
    (None, "长沙晚报2月24日讯(全媒体记者 陈星源)24日,长沙市召开会议。", "长沙市"),
])
def test_document_place(title, text, place):
    assert document_place(text, title=title) == place


def test_document_place_of_the_seeds(seed_texts):
    assert {sid: document_place(t) for sid, t in seed_texts.items()} == {
        "000_d383a0f51c78c5f8": "长沙市", "004_1a7ddccc0057efbb": "长沙市"}


def test_document_place_accepts_documents_and_records(nlp_rules):
    doc = nlp_rules("全市地区生产总值增长5%。", title="岳阳市统计公报")
    assert document_place(doc, title="岳阳市统计公报") == "岳阳市"
    assert document_place({"text": "", "title": "郴州市政府工作报告"}) == "郴州市"
    assert document_place("") is None


def test_figure_place_scope_words_and_named_places():
    t = "全省地区生产总值增长6%，长沙全社会研发投入强度达3.35%，居全国第9位。"
    assert figure_place(t, t.index("6%"), "湖南省", t.index("地区")).place == "湖南省"
    d = figure_place(t, t.index("3.35"), "湖南省", t.index("长沙"))
    assert (d.place, d.rule) == ("长沙市", "indicator")
    assert figure_place(t, t.index("第9位"), "湖南省", None).place == "湖南省"  # a ranking frame
    t = "湖南大学新增研发经费2亿元。"  # a place inside a name is no scope
    assert figure_place(t, t.index("2亿"), "长沙市", t.index("研发")).place == "长沙市"


def test_normalise_place():
    assert normalise_place("广西壮族自治区玉林市") == "玉林市"
    assert normalise_place("湖南省长沙市") == "长沙市"
    assert normalise_place("全国") == "全国"
    assert gazetteer().canonical("长沙") == "长沙市"


@pytest.mark.skipif(not V2.is_file(), reason="../shared absent")
def test_document_place_agrees_with_the_corpus_metadata():
    """policy_pages_v2 carries a `place` per page (from its site): the text alone must agree."""
    gz = gazetteer()
    n = ok = 0
    for line in V2.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        gold = r.get("place") or ""
        if not gold or "未注明" in gold or "推断" in gold or "(" in gold:
            continue
        names = [nm for _, _, _, nm in gz.finditer(gold)]
        tail = re.findall(r"[\u4e00-\u9fff]+?(?:自治州|自治区|省|市|县|区|旗|盟)", gold)
        want = "全国" if gold == "全国" else (tail[-1] if tail and gz.canonical(tail[-1]) is None
                                               else names[-1] if names else gold)
        got = document_place(r["text"], title=r["title"]) or ""
        n += 1
        same = got.replace("经开区", "经济技术开发区") == want or (
            len(got) >= 3 and (got.endswith(want) or want.endswith(got)))
        ok += same
    assert n > 150 and ok / n >= 0.85, (ok, n)
