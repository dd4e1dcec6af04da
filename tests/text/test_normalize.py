"""The normalised view: soft breaks, markup, width; every span maps back to raw."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policy_extract.text.normalize import normalize

# fmt: off
EXAMPLES_SEED_BREAKS = [  # (raw, normalised) from the seeds: breaks inside a sentence
    ("强化产业链创新驱动。坚持以科技创\n\n新引领产业创新,补齐核心技术短板。",
     "强化产业链创新驱动。坚持以科技创新引领产业创新，补齐核心技术短板。"),
    ("构建“科技和创新型中小企业—专精特新中小企业—专\n\n精特新‘小巨人’企业”的梯次培育格局。",
     "构建“科技和创新型中小企业—专精特新中小企业—专精特新‘小巨人’企业”的梯次培育格局。"),
    ("杂交水稻全球年推广面积达1亿\n亩。未来三年,实验室将启动200余项专项。",
     "杂交水稻全球年推广面积达1亿亩。未来三年，实验室将启动200余项专项。"),
]
EXAMPLES_HARD_BREAKS = [  # line ends that must stay: headings, target lists, captions
    "长沙2026年科技创新工作主要目标\n\n全社会研发经费投入增速**8.5%**左右\n\n基础研究经费占比重**10%**以上",
    "创新力融合,抢占未来赛道\n\n以技术突破和产业育新引领深度变革,长沙将实施行动。",
    "集群。长沙晚报全媒体记者 邬麟 摄\n\n\n\n集聚力提升,筑牢发展主阵地",
    "创新潮涌逐浪高\n\n——长沙『十四五』科技创新答卷\n\n唐璐\n罗婷立",
    # written for the rule (v2_node_gold v064 shape): a heading with one comma on its own line,
    # a single line break, then a paragraph
    "全年经济运行稳中有进。\n坚持创新驱动，产业发展效能进一步提升\n重点项目加快落地。某某新材料、"
    "某某智能装备等项目建成投产，全年完成固定资产投资120亿元，增长8.5%，其中工业投资增长12%。",
]
EXAMPLES_HARD_BREAKS += [
    # written for the rule (node_gold_c p085/p094 shapes): a source or editor credit and an
    # outlet's time stamp stand on their own lines, never run into the headline above them
    "某区招商引资和项目建设\n来源:未知来源 日期:2015-03-24 12:00\n2006年,开发区新引进各类项目56个。",
    "创新某市:全力打造综合性科学中心\n\n某某日报 2017-04-23 06:00 大字\n\n自从1月10日获批以来,建设各项工作正有力推进。",
    "产业集群加快成长\n\n编辑:王某某\n\n全年新增规上工业企业120家。",
]
EXAMPLES_SOFT_AFTER_SHORT = [  # negatives: a short line that ends on a comma or has two runs on
    ("在市委、市政府的坚强领导下，\n全区上下坚持稳中求进工作总基调，统筹推进各项工作，经济运行总体平稳，"
     "发展质量稳步提升。",
     "在市委、市政府的坚强领导下，全区上下坚持稳中求进工作总基调，统筹推进各项工作，经济运行总体平稳，"
     "发展质量稳步提升。"),
]
# fmt: on


def test_seed_soft_breaks_are_rejoined():
    for raw, expected in EXAMPLES_SEED_BREAKS:
        assert normalize(raw).text == expected, raw


def test_a_short_line_ending_on_a_comma_runs_on():
    for raw, expected in EXAMPLES_SOFT_AFTER_SHORT:
        assert normalize(raw).text == expected, raw


def test_no_line_ends_inside_brackets():
    # the 2006 national work report's shape (gov_work_reports: a link's title on its own line
    # between 《 and 》 made ten false articles), written for the rule
    raw = "国务院制定了《\n国民经济和社会发展第十一个五年规划纲要（草案）\n》，提请大会审议。\n"
    n = normalize(raw)
    assert n.text == "国务院制定了《国民经济和社会发展第十一个五年规划纲要（草案）》，提请大会审议。\n"
    s = n.text.index("国民经济")
    assert n.raw_text(s, s + 4)[2] == "国民经济"  # offsets still lead back to the raw text
    assert normalize("以细颗粒物（PM2.5\n）治理为突破口。").text == "以细颗粒物（PM2.5）治理为突破口。"
    # negative: a heading that opens with a quote mark stays on its own line
    raw = "三、主要任务\n\n“十四五”时期重点任务\n\n加快建设现代化产业体系，推动高质量发展。"
    assert normalize(raw).text.count("\n") == raw.count("\n")


def test_a_long_numbered_heading_before_a_blank_line_stays_a_line():
    # the 1986 national report's shape (written for the rule): a heading of 31 characters
    raw = "一、确定适度的经济增长率，促进国民经济按比例、高效益地向前发展\n\n\n根据社会不断增长的需要，计划规定增长百分之六点七。"
    assert normalize(raw).text.count("\n") == raw.count("\n")
    # negative: a numbered line broken inside a word with no blank line runs on
    raw = "一、确定适度的经济增长率，促进国民经济按比例、高效益地向前发\n展，计划规定增长百分之六点七。"
    assert "\n" not in normalize(raw).text


def test_a_links_words_on_their_own_line_rejoin_their_sentence():
    # the 2017 national report's shape (blind outline check set, gwr2017): Wikisource links
    # leave their words on a line of their own inside a sentence
    raw = ("——基础设施支撑能力持续提升。新开工重大水利工程21项，新建\n高速铁路\n投产里程超过1900公里，新建改建\n"
           "高速公路\n6700多公里、农村公路29万公里。\n")
    assert normalize(raw).text == ("——基础设施支撑能力持续提升。新开工重大水利工程21项，新建高速铁路投产里程超过1900公里，"
                                   "新建改建高速公路6700多公里、农村公路29万公里。\n")
    # negatives: a short heading after a finished paragraph, or after a blank line, stays
    raw = ("全年新开工重大水利工程21项，新建高速铁路投产里程超过1900公里。\n加强生态文明建设\n"
           "深入推进污染防治，持续改善生态环境质量，加快发展方式绿色转型，推动重点行业节能降碳改造，扩大绿色消费。")
    assert "公里。\n加强生态文明建设" in normalize(raw).text
    raw = "全年新开工重大水利工程21项，新建高速铁路投产里程超过1900公里，新建改建\n\n加强生态文明建设\n推进污染防治。"
    assert "新建改建\n\n加强生态文明建设" in normalize(raw).text


def test_hard_breaks_are_kept():
    for raw in EXAMPLES_HARD_BREAKS:
        n = normalize(raw)
        assert n.text.count("\n") == raw.count("\n"), (raw, n.text)


def test_markup_removed_and_spans_clipped():
    raw = "力争突破产业关键技术**130**项以上"
    n = normalize(raw)
    assert n.text == "力争突破产业关键技术130项以上"
    s = n.text.index("130项")
    rs, re_, text = n.raw_text(s, s + 4)
    assert text == "130" and raw[rs:re_] == "130"


def test_width_unification_is_one_for_one():
    raw = "增长７％，达１,２００家(含)：比例3:1"
    n = normalize(raw)
    assert len(n.text) == len(raw)
    assert n.text == "增长7%，达1,200家（含）：比例3:1"


def test_seed_views_map_back(seed_texts):
    for raw in seed_texts.values():
        n = normalize(raw)
        for i in range(0, len(n.text), 7):
            r = n.map.to_raw(i)
            assert n.text[i] == raw[r] or n.text[i] in "，；：？！（）%0123456789 "


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("一二三科技创新\n \t*，,。:：%％12３a")), max_size=80),
       st.data())
def test_any_span_maps_back_to_raw(raw, data):
    """Property: every normalised span maps to a raw span whose kept chars are exactly it."""
    n = normalize(raw)
    L = len(n.text)
    s = data.draw(st.integers(0, L))
    e = data.draw(st.integers(s, L))
    rs, re_ = n.raw_span(s, e, clip_markup=False)
    assert 0 <= rs <= re_ <= len(raw)
    kept = [n.map.to_raw(i) for i in range(s, e)]
    assert all(rs <= k < re_ for k in kept)
    # removed raw chars inside the span are exactly the deletions
    deleted = {i for d in n.map.deletions for i in range(d.start, d.end)}
    assert set(range(rs, re_)) == set(kept) | (deleted & set(range(rs, re_)))
    # one-for-one unification: each kept char corresponds to its raw char
    for i, k in zip(range(s, e), kept):
        assert n.text[i] == raw[k] or n.text[i] != raw[k] and raw[k] in ",;:?!()％*０１２３４５６７８９\u3000，：．"


# written for the traditional-character table (data/zh/traditional_chars.json): traditional
# text reads as simplified one for one; characters simplified text uses as they are stay
EXAMPLES_TRADITIONAL = [
    ("一九五四年國家預算的百分之四十五點四", "一九五四年国家预算的百分之四十五点四"),
    ("發電量達到一百一十億度，糧食產量增長兩成", "发电量达到一百一十亿度，粮食产量增长两成"),
    ("臺灣地區經濟成長率為3.5%", "台湾地区经济成长率为3.5%"),
    ("由於今年等於一九四九年的兩倍，什麽", "由于今年等于一九四九年的两倍，什么"),
]
EXAMPLES_TRADITIONAL_KEPT = ["覆盖率达到95%", "乾隆年间", "凭藉", "瞭望台", "显著"]


def test_traditional_characters_read_as_simplified_with_offsets_kept():
    for raw, view in EXAMPLES_TRADITIONAL:
        n = normalize(raw)
        assert n.text == view and len(n.text) == len(raw)
        assert n.raw_text(0, len(view))[2] == raw
    for raw in EXAMPLES_TRADITIONAL_KEPT:
        assert normalize(raw).text == raw


def test_a_traditional_text_gives_the_figures_of_its_simplified_twin():
    import policy_extract

    nlp = policy_extract.load("rules")
    trad = nlp("一九五四年，全國糧食產量達到三千四百億斤，比上年增長百分之一點六。", date="1955")
    simp = nlp("一九五四年，全国粮食产量达到三千四百亿斤，比上年增长百分之一点六。", date="1955")
    assert [q.text for q in trad.quantities] == ["三千四百億斤", "百分之一點六"]
    assert [(q.value, q.unit, q.status, q.period) for q in trad.quantities] == \
        [(q.value, q.unit, q.status, q.period) for q in simp.quantities]


# written for the spaces inside numbers: a space as thousands separator (the bulletins' style,
# v2_gold v143) and digits spaced one by one by a scan (gwr1998); table columns stay apart
EXAMPLES_DIGIT_SPACES = [
    ("第一产业增加值3 463亿元，增长6%", "第一产业增加值3463亿元，增长6%", "3 463亿元", 3.463e11),
    ("地区生产总值14 879.2亿元", "地区生产总值14879.2亿元", "14 879.2亿元", 1.48792e12),
    ("国内生产总值达到7 4 7 7 2 亿元", "国内生产总值达到74772亿元", "7 4 7 7 2 亿元", 7.4772e12),
    ("去年经济增长8 ．8 ％", "去年经济增长8.8%", "8 ．8 ％", 8.8),
]
EXAMPLES_DIGIT_SPACES_KEPT = ["产量 120 130 140", "2023 年", "共 3 个", "12 345 678",
                              "表1 2019年玉环市生产总值", "图2 345个项目"]


def test_spaces_inside_numbers_are_layout():
    import policy_extract

    nlp = policy_extract.load("rules")
    for raw, view, span, value in EXAMPLES_DIGIT_SPACES:
        assert normalize(raw).text == view
        q = next(q for q in nlp(raw, date="2024").quantities if q.text == span)
        assert q.value == value and raw[q.start:q.end] == span
    for raw in EXAMPLES_DIGIT_SPACES_KEPT:
        assert normalize(raw).text == raw
