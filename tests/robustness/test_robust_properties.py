"""Property tests: extraction never raises on any str, every span maps back, JSON is strict.

Inputs are arbitrary Unicode (surrogates, controls, emoji included), policy-like
fragment soups (figures, units, brackets, ``**``, CRLF, BOM) and seed sentences
with such fragments spliced in. Run with ``--hypothesis-show-statistics`` to see
how many inputs were tried.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEED_IDS, SEEDS, read_raw
from robust_util import assert_sound, extract_checked

SETTINGS = settings(max_examples=250, deadline=None, derandomize=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# every code point, lone surrogates (category Cs) included
ANY_CHAR = st.characters(exclude_categories=())
ANY_TEXT = st.text(alphabet=ANY_CHAR, max_size=400)

# pieces of policy text and of the things that break parsers (GUIDELINES §1-§3 shapes)
FRAGMENTS = [
    "2025年", "到2027年", "“十四五”", "今年", "明年", "1", "12", "3.5", "0.", "1,369", "１２３",
    "．", "５％", "%", "％", "个百分点", "万", "亿", "万亿", "千", "一", "二十", "百分之", "三分之一",
    "翻一番", "元", "亿元", "万家", "户", "项", "以上", "左右", "不低于", "超过", "达到", "增长",
    "下降", "同比", "年均", "累计", "力争", "新增", "规模以上工业增加值", "研发经费投入", "企业",
    "长沙市人民政府", "湖南省", "工业和信息化部", "有限公司", "（", "）", "(", ")", "《", "》", "“",
    "”", "【", "】", "「", "——", "，", "。", "；", "：", "、", "！", "？", ",", ";", ":", "**",
    "*", "\n", "\n\n", "\r\n", "\r", " ", "\u3000", "\t", "\ufeff", "\u200b", "\x00", "\x07",
    "\ud800", "\udfff", "😀", "👨‍👩‍👧", "🇨🇳", "\u0301", "一、", "（一）", "1.", "第一条", "●",
    "记者 张三 摄", "新华社北京3月5日电", "长沙晚报2月24日讯", "<p>", "</p>", "<br>", "&nbsp;",
    "| ", "~", "-", "—", "至", "到", "和", "及",
]
SOUP = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet=ANY_CHAR, max_size=3)),
                max_size=80).map("".join)


def _seed_sentences() -> list[str]:
    out = []
    for sid in SEED_IDS:
        raw = read_raw(SEEDS / f"{sid}.txt")
        out.extend(p for p in raw.split("\n") if len(p) > 20)
    return out


SEED_PARAS = _seed_sentences()


@st.composite
def spliced_seed(draw) -> str:
    """A seed paragraph with fragments inserted at random places (offset shifts, broken figures)."""
    base = draw(st.sampled_from(SEED_PARAS))[:600]
    cuts = sorted(draw(st.lists(st.integers(0, len(base)), max_size=6)))
    pieces, pos = [], 0
    for c in cuts:
        pieces.append(base[pos:c])
        pieces.append(draw(st.one_of(st.sampled_from(FRAGMENTS), st.text(ANY_CHAR, max_size=2))))
        pos = c
    pieces.append(base[pos:])
    return "".join(pieces)


@SETTINGS
@given(text=ANY_TEXT)
def test_any_unicode(nlp_rules, text):
    assert_sound(extract_checked(nlp_rules, text), text)


@SETTINGS
@given(text=SOUP)
def test_policy_fragment_soup(nlp_rules, text):
    assert_sound(extract_checked(nlp_rules, text, date="2026-02-24"), text)


@SETTINGS
@given(text=spliced_seed())
def test_spliced_seed_paragraphs(nlp_rules, text):
    assert_sound(extract_checked(nlp_rules, text, date="2025-12-01", explain=True), text)


@settings(max_examples=60, deadline=None)
@given(text=st.lists(st.sampled_from(FRAGMENTS), max_size=400).map("".join))
def test_longer_soups(nlp_rules, text):
    assert_sound(extract_checked(nlp_rules, text), text)


@settings(max_examples=40, deadline=None)
@given(value=st.one_of(st.binary(), st.integers(), st.none(), st.floats(),
                       st.lists(st.text(max_size=3), max_size=3), st.dictionaries(st.text(), st.text())))
def test_non_str_is_type_error(nlp_rules, value):
    with pytest.raises(TypeError, match="E001"):
        nlp_rules(value)


@settings(max_examples=30, deadline=None)
@given(text=SOUP)
def test_same_input_same_json_in_process(nlp_rules, text):
    a = json.dumps(extract_checked(nlp_rules, text).to_dict(explain=True), ensure_ascii=True, sort_keys=False)
    b = json.dumps(nlp_rules(text).to_dict(explain=True), ensure_ascii=True, sort_keys=False)
    assert a == b
