"""Rule-stage entities (GUIDELINES §2): tables of real examples named by provenance.

Expected outputs are the gold annotations of the seeds (corpora/gold) or the
GUIDELINES §2 text; none is copied from the ruler's own output.
"""

from __future__ import annotations

import json
import time

import pytest

from policy_extract.components.entity_ruler import find_entities, load_entity_rules
from policy_extract.evaluate import Report, score_entities
from policy_extract.schema import Entity
from policy_extract.text.normalize import normalize

from conftest import DEV_GOLD, GOLD, SEEDS, read_raw


def ents(text: str, gazetteer: bool = False) -> list[tuple[str, str]]:
    return [(e.text, e.label.value) for e in find_entities(normalize(text), None, gazetteer)]


# Sentences of the seed texts; expected = the gold entities of that passage.
EXAMPLES_SEED_000 = [
    ("全力推动国家高端工程机械创新中心高标准建设与运营,加快新一代自主安全计算创新中心建设,积极推动北斗实验室(总部)落地。",
     [("国家高端工程机械创新中心", "PLATFORM"), ("新一代自主安全计算创新中心", "PLATFORM"),
      ("北斗实验室", "PLATFORM")]),
    ("围绕企业数字化转型,加快推进“智赋万\n\n企”行动计划,推动300家制造业企业开展数字化转型评估诊断。",
     [("“智赋万\n\n企”行动计划", "PROGRAM")]),
    ("会议召开,会上发布《长沙市打造国家重要先进制造业高地2026年行动方案》,锚定目标",
     [("长沙市打造国家重要先进制造业高地2026年行动方案", "POLICY_DOC")]),
    ("长沙将实施“人工智能+”先进制造行动和产业育新增强行动,推动产业链与创新链深度融合。",
     [("“人工智能+”先进制造行动", "PROGRAM"), ("产业育新增强行动", "PROGRAM")]),
    ("加快推动长沙自贸谷、黄花保税研发基地、松雅湖未来科技城、金阳科创城、开福科创谷、马栏山基地、大泽湖·海归小镇研发中心等“一区三基地”建设。",
     [("长沙自贸谷", "PARK"), ("黄花保税研发基地", "PARK"), ("松雅湖未来科技城", "PARK"),
      ("金阳科创城", "PARK"), ("开福科创谷", "PARK"), ("马栏山基地", "PARK"),
      ("大泽湖·海归小镇研发中心", "PLATFORM")]),
    ("持续推动省“4+4”科创工程”在长项目建设并", [("“4+4”科创工程", "PROGRAM")]),
    ("争创长株潭国家科技成果转化示范区。", [("长株潭国家科技成果转化示范区", "PARK")]),
    ("推进长株潭要素市场化配置综合改革试点,争创国家区域科技创新中心。",
     [("长株潭要素市场化配置综合改革试点", "PROGRAM")]),
    ("建好“香港城市大学(长沙)创新研究中心”等承接载体。",
     [("香港城市大学(长沙)创新研究中心", "PLATFORM")]),
    ("以打造“长企”全市企业服务线上总平台为抓手", [("“长企”全市企业服务线上总平台", "PLATFORM")]),
    ("深入贯彻落实党中央决策部署及省、市工作要求", [("党中央", "INSTITUTION")]),
]

EXAMPLES_SEED_004 = [
    ("在湖南湘江新区世界计算·长沙智谷，长沙人工智能创新中心的“超晶体”",
     [("湖南湘江新区", "PARK"), ("世界计算·长沙智谷", "PARK"), ("长沙人工智能创新中心", "PLATFORM")]),
    ("松雅湖未来科技城、马栏山音视频实验室、海归小镇·湘商总部基地研发中心、开福科创谷等创新地标竞相崛起",
     [("松雅湖未来科技城", "PARK"), ("马栏山音视频实验室", "PLATFORM"), ("海归小镇", "PARK"),
      ("湘商总部基地研发中心", "PLATFORM"), ("开福科创谷", "PARK")]),
    ("该中心由长沙市政府与湘江新区共建，一期投资", [("长沙市政府", "INSTITUTION"), ("湘江新区", "PARK")]),
    ("世界500强斯泰兰蒂斯集团把研发中心落子长沙经开区；",
     [("斯泰兰蒂斯集团", "ENTERPRISE"), ("长沙经开区", "PARK")]),
    ("湖南钢铁集团与安赛乐米塔尔集团签署全面战略合作协议，在湘建设汽车用钢全球研发中心，德国克力宝集团新型胶黏化剂项目",
     [("湖南钢铁集团", "ENTERPRISE"), ("安赛乐米塔尔集团", "ENTERPRISE"),
      ("汽车用钢全球研发中心", "PLATFORM"), ("克力宝集团", "ENTERPRISE")]),
    ("府将其列为科技创新“五大标志性工程”之一", [("五大标志性工程", "PROGRAM")]),
    ("中电48所成功研制8英寸碳化硅外延设备", [("中电48所", "INSTITUTION")]),
    ("生物医药领域，源品生物自主研发的人羊膜", [("源品生物", "ENTERPRISE")]),
    ("方式转化至长沙晶易医药\n科技股份有限公司，药品上市后", [("长沙晶易医药\n科技股份有限公司", "ENTERPRISE")]),
    ("对接客户资源；叠加省大学生创投基金及“火炬计划”“柳枝行动”等支持",
     [("大学生创投基金", "PROGRAM"), ("火炬计划", "PROGRAM"), ("柳枝行动", "PROGRAM")]),
    ("与安第斯国际科技组织等机构加强合作，并与香港科技大学等全球QS排名",
     [("安第斯国际科技组织", "INSTITUTION"), ("香港科技大学", "INSTITUTION")]),
]

# GUIDELINES §2 text: what is and is not an entity.
EXAMPLES_GUIDELINES = [
    ("服务企业“一降一升”行动", [("“一降一升”行动", "PROGRAM")]),  # descriptor before the quote stays out
    ("实施“七大工程”", [("七大工程", "PROGRAM")]),  # quotes wrapping a whole name stay out
    ("实施四大行动和八大工程", [("四大行动", "PROGRAM"), ("八大工程", "PROGRAM")]),
    ("香港城市大学(长沙)创新研究中心", [("香港城市大学(长沙)创新研究中心", "PLATFORM")]),
    ("积极推动北斗实验室(总部)落地", [("北斗实验室", "PLATFORM")]),  # trailing parenthetical out
    ("四川省人民政府印发通知", [("四川省人民政府", "INSTITUTION")]),
    ("由市发改委、市统计局牵头", [("市发改委", "INSTITUTION"), ("市统计局", "INSTITUTION")]),
]

# corpora/train_gold passages (hand gold; the rules were tuned on this set, never on heldout_gold).
EXAMPLES_TRAIN_GOLD = [
    # train_gold p072/p099: zones named 综试区 / 发展区, a place aside inside the name
    ("加快建设中国(长沙)跨境电商综试区、高桥大市场", [("中国(长沙)跨境电商综试区", "PARK")]),
    ("支持规划建设三星堆文化旅游发展区;建设大熊猫生态", [("三星堆文化旅游发展区", "PARK")]),
    # train_gold p021/p139: 与/和 joining two fields inside one platform's name
    ("湖北人形机器人创新中心、机器人控制与驱动技术创新中心等创新主体",
     [("湖北人形机器人创新中心", "PLATFORM"), ("机器人控制与驱动技术创新中心", "PLATFORM")]),
    ("中国空天信息和卫星互联网创新联盟加快组建", [("中国空天信息和卫星互联网创新联盟", "PLATFORM")]),
    # ... but two names side by side stay two (GUIDELINES §2)
    ("长沙人工智能创新中心和国家超级计算长沙中心", [("长沙人工智能创新中心", "PLATFORM"),
                                            ("国家超级计算长沙中心", "PLATFORM")]),
    # train_gold p031/p119/p132: a public body's centre named with its place
    ("”崇州市投资促进中心主任王跃介绍说。", [("崇州市投资促进中心", "INSTITUTION")]),
    ("贵州省信息中心\n9月27日,由贵州省主办", [("贵州省信息中心", "INSTITUTION")]),
    ("中国国际经济交流中心首席研究员表示", [("中国国际经济交流中心", "INSTITUTION")]),
    # train_gold p082/p137: a list closed by a count or rank of firms names firms, none known
    ("外资方面,还有博世力士乐、卡特彼勒、道依茨等7家世界500强企业",
     [("博世力士乐", "ENTERPRISE"), ("卡特彼勒", "ENTERPRISE"), ("道依茨", "ENTERPRISE")]),
    ("这里汇聚了天马、宸鸿、友达、冠捷等龙头企业,引领产业发展",
     [("天马", "ENTERPRISE"), ("宸鸿", "ENTERPRISE"), ("友达", "ENTERPRISE"), ("冠捷", "ENTERPRISE")]),
    # train_gold p031: a bare 公司 stays in the span, like 有限公司 does
    ("昨日的签约现场,崇州市与天智科技公司、九伟开发公司、茂腾科技公司、科益展自动化公司",
     [("天智科技公司", "ENTERPRISE"), ("九伟开发公司", "ENTERPRISE"), ("茂腾科技公司", "ENTERPRISE"),
      ("科益展自动化公司", "ENTERPRISE")]),
    # train_gold p133: a country before a firm stays out
    ("星源材质科技股份有限公司和德国SEW-传动设备公司等3家名企",
     [("星源材质科技股份有限公司", "ENTERPRISE"), ("SEW-传动设备公司", "ENTERPRISE")]),
    # train_gold p081 / p018 / p008: a brand and a trade word (重科, 米业, 鞋业)
    ("当天,三一集团、中联重科、山河智能", [("三一集团", "ENTERPRISE"), ("中联重科", "ENTERPRISE")]),
    ("把金健米业建成百亿龙头企业", [("金健米业", "ENTERPRISE")]),
    ("签约仪式上,万盈化妆品、宝泉鞋业等16大项目", [("万盈化妆品", "ENTERPRISE"), ("宝泉鞋业", "ENTERPRISE")]),
    # train_gold p097: departments named with their place, any field
    ("省政府金融办、省质监局、省旅游局、省地税局、省国税局、长沙海关等12个省直部门",
     [("省政府金融办", "INSTITUTION"), ("省质监局", "INSTITUTION"), ("省旅游局", "INSTITUTION"),
      ("省地税局", "INSTITUTION"), ("省国税局", "INSTITUTION"), ("长沙海关", "INSTITUTION")]),
    # train_gold p133 / p127
    ("了解到,佛山市投资促进局组织招商团队走访", [("佛山市投资促进局", "INSTITUTION")]),
    ("民代表大会第五次会议上\n东莞市发展和改革局局长 叶惠明", [("东莞市发展和改革局", "INSTITUTION")]),
    # train_gold p021: 经 of 经信 is not a function word
    ("责任单位:省科技厅、省发改委、省经信厅,各市州人民政府",
     [("省科技厅", "INSTITUTION"), ("省发改委", "INSTITUTION"), ("省经信厅", "INSTITUTION")]),
    # train_gold p107 / p070: a party committee named with its place (bare 省委 is not one)
    ("同时江西省委、省政府还在推进", [("江西省委", "INSTITUTION")]),
    ("中共四川省委 四川省人民政府", [("中共四川省委", "INSTITUTION"), ("四川省人民政府", "INSTITUTION")]),
    # train_gold p050: committees of the democratic parties
    ("由九三学社市委会、民进市委会、农工党市委会", [("九三学社市委会", "INSTITUTION"),
                                                ("民进市委会", "INSTITUTION"), ("农工党市委会", "INSTITUTION")]),
    # train_gold p032: 都 of 成都 is not a function word
    ("贯彻省委、市委决策部署,成都高新区围绕把电子信息产业", [("成都高新区", "PARK")]),
    # train_gold p145 / p136 / p087 / p014 / p142: zone words
    ("2018年,苏州工业园区共实现地区生产总值", [("苏州工业园区", "PARK")]),
    ("十多年的开发建设,如今,火炬(翔安)产业区形成了", [("火炬(翔安)产业区", "PARK")]),
    ("在岛外翔安区开发建设火炬(翔安)产业区,厦门", [("火炬(翔安)产业区", "PARK")]),
    ("电池生产制造项目,标志着岳阳临空经济区首开区", [("岳阳临空经济区", "PARK")]),
    ("常德高新技术产业开发区、柳叶湖旅游度假区、西湖管理区",
     [("常德高新技术产业开发区", "PARK"), ("柳叶湖旅游度假区", "PARK")]),
    ("态旅游、政府PPP项目和宝庆工业集中区进行招商", [("宝庆工业集中区", "PARK")]),
    # train_gold p010: 承接产业转移示范区 is a name, 承接 does not cut it
    ("努力把我市打造成湘南承接产业转移示范区的核心区", [("湘南承接产业转移示范区", "PARK")]),
    # train_gold p127: 百日攻坚 opens the campaign's name
    ("开展百日攻坚征拆清零行动,全年推动", [("百日攻坚征拆清零行动", "PROGRAM")]),
    # train_gold p082 / p132: a list closed by 等…企业 with one known firm: the other items are firms
    ("除三一重工、中联重科、山河智能等本土龙头企业外",
     [("三一重工", "ENTERPRISE"), ("中联重科", "ENTERPRISE"), ("山河智能", "ENTERPRISE")]),
    ("既有联塑集团、德冠等本土企业增资扩产", [("联塑集团", "ENTERPRISE"), ("德冠", "ENTERPRISE")]),
    # train_gold p099 / p110 / p027: national bodies
    ("9月21日下午,国务院新闻办公室举行新闻发布会", [("国务院新闻办公室", "INSTITUTION")]),
    ("配合外交部在广西成功举办", [("外交部", "INSTITUTION")]),
]

NEGATIVES_TRAIN_GOLD = [
    "市创业服务中心负责人介绍",  # an incubator's centre is no public body (and no named platform)
    # a sector word before the firm head makes a list of sectors (seed 000), a bare 等企业 too little
    "重点引进功能型无人车、智能驾驶系统、高精度传感器等行业龙头企业",
    "聚焦工程机械、新材料、新能源汽车等优势领域,依托现有龙头企业",
    "推动汽车、生物医药等企业加快转型",
    "2024年东莞市政府工作报告出炉",  # train_gold p126: a report, not the body
    "市委常委、市委宣传部部长",  # job title; 市委宣传部 alone is checked below
    "贯彻省委、市委决策部署",  # train_gold p032: 部署 is not a department
    "省委省政府工作部署",
    "市人大常委会",
    "岳阳市委副书记、市长",  # job titles: annotators disagree, no rule
    "形成市场格局",
    "全市干部职工",
    "累计新增境内上市公司",
    "20多家央企子公司",
    "推动新能源汽车、生物医药等企业",  # a list of industries: no known firm among the items
    "商务部门和科技部门",  # a kind of department, not the ministry
]

# GUIDELINES §2 negatives: generic mentions, bare places, core organs, unbracketed titles.
NEGATIVES_GUIDELINES = [
    "建设国家实验室",
    "布局一批中试平台",
    "把研发中心落子长沙",
    "鼓励龙头企业研发应用工业智能体",
    "长沙、湖南和欧洲",
    "省委、省政府高度重视",
    "市委市政府部署",
    "会上发布行动方案",
    "坚持创新驱动发展战略",
    "打造一城一区三基地",
]

EXAMPLES_XFAIL = [
    # a company named by a bare brand, no suffix, no quote: gazetteer only
    ("镜头转向奥谱天成的车间", [("奥谱天成", "ENTERPRISE")]),
    # a conjunction inside a name (振动与冲击) cannot be told from two names
    ("中国工程院院士、湖南大学振动与冲击技术研究中心\n带头人",
     [("中国工程院", "INSTITUTION"), ("湖南大学振动与冲击技术研究中心", "PLATFORM")]),
    # GUIDELINES: a company + generic facility word; …局 here is a company, not a department
    ("中交四航局西南区域总部", [("中交四航局", "ENTERPRISE")]),
]


def _check(text, expected, gazetteer=False):
    got = ents(text, gazetteer)
    assert got == expected, f"{text!r}: got {got}"


@pytest.mark.parametrize("text,expected", EXAMPLES_SEED_000 + EXAMPLES_SEED_004)
def test_seed_sentences_patterns_alone(text, expected):
    _check(text, expected)


@pytest.mark.parametrize("text,expected", EXAMPLES_GUIDELINES)
def test_guideline_examples(text, expected):
    _check(text, expected)


@pytest.mark.parametrize("text,expected", EXAMPLES_TRAIN_GOLD)
def test_train_gold_passages(text, expected):
    _check(text, expected)


@pytest.mark.parametrize("text", NEGATIVES_TRAIN_GOLD)
def test_train_gold_negatives(text):
    assert ents(text) == [], text


@pytest.mark.parametrize("text", NEGATIVES_GUIDELINES)
def test_generic_mentions_are_not_entities(text):
    assert ents(text) == [], text
    assert ents(text, gazetteer=True) == [], text


@pytest.mark.parametrize("text,expected", EXAMPLES_XFAIL)
@pytest.mark.xfail(reason="known gaps, see EXAMPLES_XFAIL comments", strict=False)
def test_known_gaps(text, expected):
    _check(text, expected)


def test_gazetteer_names_carry_canonical_ids():
    # GUIDELINES/issue 4: 湘江新区 = 湖南湘江新区, 大创园 = …大学生创新创业园, 长沙经开区 = 长沙经济技术开发区
    found = {e.text: e.canonical for e in
             find_entities(normalize("湘江新区、湖南湘江新区与长沙经开区，入驻大创园"), None, True)}
    assert found["湘江新区"] == found["湖南湘江新区"] == "hunan_xiangjiang_new_area"
    assert found["长沙经开区"] == "changsha_etdz"
    assert found["大创园"] == "xiangjiang_new_area_student_park"
    # a bare brand is found only with the gazetteer on
    assert ents("成为三一重工、华为的“技术外挂”", True) == [("三一重工", "ENTERPRISE"), ("华为", "ENTERPRISE")]
    assert ("华为", "ENTERPRISE") not in ents("成为三一重工、华为的“技术外挂”", False)


def test_alias_declared_in_text_is_every_later_mention():
    # seed 004: 湖南湘江新区大学生创新创业园(简称“大创\n园”) … 入驻大\n创园后
    raw = ("新活力持续释放\n\n在湖南湘江新区大学生创新创业园(简称“大创\n园”)，“95后”创业者何遥，"
           "与湖南\n大学校友在地下车库起步。入驻大\n创园后，团队迎来转机。")
    got = ents(raw)
    assert ("湖南湘江新区大学生创新创业园", "PARK") in got
    assert ("大创\n园", "PARK") in got and ("大\n创园", "PARK") in got
    assert ("湖南\n大学", "INSTITUTION") in got


def test_explain_names_the_rule_and_offsets_are_raw():
    raw = "**依托**六大行动,加快推进“智赋万\n\n企”行动计划,推动湘江科学城建设。"
    out = find_entities(normalize(raw), None, use_gazetteer=False, explain=True)
    assert out, raw
    for e in out:
        assert raw[e.start:e.end] == e.text
        assert e.source == "rules"
        assert e.evidence and e.evidence["rule"]
    assert {e.text: e.evidence["rule"] for e in out}["湘江科学城"] == "park.science_city"
    assert find_entities(normalize(raw), None, explain=False)[0].evidence is None


def _score(gold_dir, raw_dir, gazetteer):
    rep = Report()
    for f in sorted(gold_dir.glob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        raw = read_raw(raw_dir / g["source"])
        pred = find_entities(normalize(raw), None, gazetteer)
        score_entities([Entity.from_dict(e) for e in g["entities"]], pred, rep, g["doc_id"])
    return rep


def test_seed_figures_patterns_alone():
    # issue 4 bars: strict F1 >= 0.85, partial F1 >= 0.92 on the seeds, gazetteer off
    rep = _score(GOLD, SEEDS, gazetteer=False)
    assert rep.ent_strict.f1 >= 0.85, rep.ent_strict.as_dict()
    assert rep.ent_partial.f1 >= 0.92, rep.ent_partial.as_dict()


def test_dev_gold_figure_patterns_alone(shared_pages):
    # held-out excerpts: aim strict F1 >= 0.70 with patterns alone
    rep = _score(DEV_GOLD, shared_pages, gazetteer=False)
    assert rep.ent_strict.f1 >= 0.70, rep.ent_strict.as_dict()


def test_component_sets_rule_entities(nlp_rules):
    doc = nlp_rules.run(nlp_rules.make_doc("推动湘江科学城建设，争创长株潭国家科技成果转化示范区。"))
    assert [(e.text, e.label.value) for e in doc._.pe.rule_entities] == [
        ("湘江科学城", "PARK"), ("长株潭国家科技成果转化示范区", "PARK")]


def test_linear_time_on_adversarial_text():
    # long runs of suffix words and name characters, no punctuation: time grows with length, not faster
    load_entity_rules()
    for piece in ("中心", "实验室建设", "湘江新区"):
        times = []
        for n in (10_000, 40_000):
            norm = normalize(piece * (n // len(piece)))
            t0 = time.perf_counter()
            find_entities(norm, None, True)
            times.append(time.perf_counter() - t0)
        assert times[1] < 8 * times[0] + 0.5, (piece, times)  # 4x the text, linear ~4x the time


def test_faster_than_jieba_cut(seed_texts):
    from policy_extract.text.tokenizer import get_jieba

    norms = [normalize(t) for t in seed_texts.values()] * 3
    jb = get_jieba()
    load_entity_rules()
    t0 = time.perf_counter()
    for n in norms:
        list(jb.cut(n.text))
    t_jieba = time.perf_counter() - t0
    t0 = time.perf_counter()
    for n in norms:
        find_entities(n, None, True)
    t_rules = time.perf_counter() - t0
    assert t_rules < 1.5 * t_jieba, (t_rules, t_jieba)


def test_a_stem_cut_reads_its_stem_not_the_whole_text():
    """The word-list cuts ran their automaton over the whole text per stem (the automaton copies
    what it is given), which made a long document quadratic (10 MB: 153 CPU-s instead of ~20):
    each cut must be given the stem's own stretch only."""
    from policy_extract.components.entities.rules import load_entity_rules
    from policy_extract.components.entities.stems import _cut_stem

    R = load_entity_rules()
    seen: list[int] = []

    class Recording:
        def __init__(self, auto):
            self.auto = auto

        def iter(self, text, *bounds):
            seen.append(len(text))  # what the automaton copies
            return self.auto.iter(text, *bounds)

    real = R.word_cut_automaton
    R.word_cut_automaton = lambda: Recording(real())
    try:
        stem = "全力推动国家高端工程机械创新中心"
        text = "前文" * 50_000 + stem + "后文" * 50_000
        s0 = 100_000
        s, why = _cut_stem(text, s0, s0 + 12, R)
    finally:
        R.word_cut_automaton = real
    assert (text[s:s0 + 12], why) == ("国家高端工程机械", "verb.intro")
    assert seen and max(seen) <= 12, seen


# the fourth pass's name rules, each group written for its rule, negatives included
_FOURTH_PASS_NAMES = [
    # bodies written one after another without a separator (written for institution.run)
    ("由省住建厅省发改委联合印发。", [("省住建厅", "INSTITUTION"), ("省发改委", "INSTITUTION")]),
    ("市住建局市发改委市财政局共同负责。",
     [("市住建局", "INSTITUTION"), ("市发改委", "INSTITUTION"), ("市财政局", "INSTITUTION")]),
    # negative: one body whose name holds 委 before its own office
    ("市委办公厅印发通知。", [("市委办公厅", "INSTITUTION")]),
    # verbs before a zone's name are no part of it
    ("确保四川天府新区建设取得实效。", [("四川天府新区", "PARK")]),
    ("统筹投资建设中铁雄安基地。", [("中铁雄安基地", "PARK")]),
    ("重点引进富士康晋城科技工业园。", [("富士康晋城科技工业园", "PARK")]),
    ("整体搬迁雄安新区。", [("雄安新区", "PARK")]),
    # GUIDELINES §2: core organs named with their place are names, bare ones are not
    ("广州市政协高度重视。", [("广州市政协", "INSTITUTION")]),
    ("广州市人大常委会审议通过。", [("广州市人大常委会", "INSTITUTION")]),
    ("海口海关全力支持。", [("海口海关", "INSTITUTION")]),
    ("寿县人民政府督查室通报。", [("寿县人民政府督查室", "INSTITUTION")]),
    ("县政府督查室开展督查。", [("县政府督查室", "INSTITUTION")]),
    # negatives: bare organs, and officers of a named one
    ("市人大常委会召开会议。", []),
    ("市政协委员参加会议。", []),
    ("广州市政协主席出席。", []),
    # a brand and a trade word that is also a field (written for enterprise.short_trade)
    ("晶科能源、长飞光纤等企业落户。", [("晶科能源", "ENTERPRISE"), ("长飞光纤", "ENTERPRISE")]),
    ("越芯半导体的项目开工。", [("越芯半导体", "ENTERPRISE")]),
    # negatives: the field with its own qualifier, and a verb before it
    ("发展清洁能源、光伏新材料等产业。", []),
    ("紧扣新能源、新材料等产业。", []),
    ("功率半导体、消费电子等领域。", []),
    ("建设智慧能源体系。", []),
    # zones known by a port or bonded-area word (written for the added suffixes)
    ("赣州国际陆港开通班列。", [("赣州国际陆港", "PARK")]),
    ("太原武宿综保区进出口增长。", [("太原武宿综保区", "PARK")]),
    ("海南自贸港建设加快。", [("海南自贸港", "PARK")]),
    # negatives: the bare words
    ("建设国际陆港。", []),
    ("自贸港政策落地。", []),
    # verbs and times before a name are no part of it; run-together bare organs are no name
    ("巨轮进出港区，一派繁忙。", []),
    ("迈入世界一流高科技园区行列。", []),
    ("需提请县人民政府审定。", []),
    ("市人大市政协视察工作。", []),
    ("广州市政协高度重视。", [("广州市政协", "INSTITUTION")]),
]


@pytest.mark.parametrize("text,expected", _FOURTH_PASS_NAMES)
def test_fourth_pass_name_rules(text, expected):
    assert ents(text) == expected
