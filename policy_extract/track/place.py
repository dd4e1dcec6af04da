"""The place a document, and each of its figures, is about.

A document's place comes from its title, its opening lines (issuer, dateline: 长沙晚报2月24日讯)
and, failing those, the places and scope words (全市, 全省) its text uses most; a national
report (国务院, 全国人民代表大会) is ``全国``. A figure takes the document's place unless its own
clause names another: a place written into the indicator (长沙全社会研发投入强度), right before
it, or as the clause's subject; 全市/全省/全区 resolve to the document's place.

>>> document_place("", title="玉林市2025年政府工作报告(2024年工作回顾)")
'玉林市'
>>> document_place("长沙晚报2月24日讯(记者 陈星源)24日,长沙市召开会议。全市规模以上工业增加值增长7%。")
'长沙市'
>>> document_place("各位代表：现在，我代表国务院，向大会作政府工作报告。", title="2024年政府工作报告")
'全国'
>>> document_place("", title="上杭县人民政府工作报告(工作回顾)")
'上杭县'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Mapping

import regex

from ..rules.loader import load_json

FILE = "places.json"
NATIONAL = "全国"


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    level: str  # nation | province | city | county | district | zone
    parent: str | None = None


_RANK = {"nation": 0, "province": 1, "city": 2, "zone": 3, "county": 3, "district": 3}


class Gazetteer:
    def __init__(self, data: Mapping[str, Any]):
        self.places: dict[str, Place] = {NATIONAL: Place(NATIONAL, "nation")}
        self.forms: dict[str, str] = {}
        for d in data["places"]:
            p = Place(d["name"], d["level"], d.get("parent"))
            self.places[p.name] = p
            self.forms.setdefault(p.name, p.name)
        for d in data["places"]:  # aliases after names: a full name is never shadowed
            for a in d.get("aliases", ()):
                self.forms.setdefault(a, d["name"])
        self.national = tuple(data.get("national", ()))
        self.names_longest_first = tuple(sorted(self.forms, key=len, reverse=True))
        self._re = re.compile("|".join(re.escape(n) for n in self.names_longest_first))

    def canonical(self, form: str) -> str | None:
        return self.forms.get(form)

    def finditer(self, text: str):
        """(start, end, written form, canonical name) of each place mention, left to right."""
        for m in self._re.finditer(text):
            yield m.start(), m.end(), m.group(0), self.forms[m.group(0)]

    def more_specific(self, a: str, b: str) -> bool:
        return _RANK.get(self.places[a].level, 3) > _RANK.get(self.places[b].level, 3)


LEVELS = ("province", "city", "county", "district", "zone")


def load_places(name: str = FILE) -> Gazetteer:
    """Read and validate ``data/zh/places.json`` (the rule registry's loader for it)."""
    from ..errors import Errors, RuleFileError
    from ..rules.loader import check_keys, validate_rules

    d = load_json(name)
    check_keys(d, file=name, required=["places"], optional=["national"])
    rules = validate_rules(d["places"], file=name, required=["name", "level"],
                           optional=["parent", "aliases"], choices={"level": LEVELS},
                           types={"name": str, "aliases": list}, id_key="name")
    names = {r["name"] for r in rules}
    for i, r in enumerate(rules):
        if r.get("parent") is not None and r["parent"] not in names:
            raise RuleFileError(Errors.E006.format(
                file=name, index=i, rule_id=r["name"], key="parent",
                expected="the name of a place in the file", value=r["parent"]))
    return Gazetteer({"places": rules, "national": d.get("national", [])})


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return load_places()


# a place written right before these is part of a name (湖南大学, 长沙晚报) or a comparison
# (全国第9位, 高于全国平均水平), not the scope of the figure
_NAME_AFTER = re.compile(
    r"^(?:大学|学院|银行|集团|公司|实验室|研究院|研究所|中心|日报|晚报|电视台|电台|海关|片区|"
    r"市委|省委|市政府|省政府|区委|县委|代表团|段|路|站|港|机场|第|前[一二三四五六七八九十\d]+[名位强]|"
    r"排名|平均|同期|水平|之|等地|等省|等市|以外|以上|境内外)")
_LIST_AFTER = re.compile(r"^[、和与及]")
_COMPARE_BEFORE = re.compile(r"(?:比|较|高于|低于|快于|慢于|占|居|位居|列|位列|跃居|稳居|超过|领先|在|赴|向|从|到|与|和|、)$")
_SCOPE_LOCAL = re.compile(r"(?:全市|全省|全区|全县|全州|全盟|全旗|本市|本省|本区|本县|我市|我省|我区|我县|我州|全镇)")
_SCOPE_NATION = re.compile(r"(?:全国|我国|全中国)")
_CLAUSE_END = re.compile(r"[，,。；;！？!?\n：:]")
_LEAD_TIME = re.compile(r"^(?:\s|全年|今年|去年|年末|年底|上半年|前三季度|\d{4}年(?:全年|底|末)?|\d{1,2}[-—至]\d{1,2}月)*")
_GAP_OK = re.compile(r"^(?:\s|的|全年|今年|去年|\d{4}年(?:全年|底|末)?|全社会)*$")
_NATIONAL_TITLE = re.compile(
    r"国务院|全国人民代表大会|全国人大|中华人民共和国|党中央|中共中央|国家统计局|国家发展和改革委员会|"
    r"国家发展改革委|工业和信息化部|工信部|财政部|商务部|科技部|国家统计公报|我国|全国|"
    r"\d+(?:个)?省(?:份|区市)|各省|规划纲要")
_NATIONAL_OPENING = re.compile(r"代表国务院|国务院总理|受国务院的委托|国务院向|根据国务院的决定")
_NEWS_AGENCY = re.compile(r"(?:新华社|中新社|人民日报|央视|中国新闻网|经济日报|光明日报)")
# a county, district or banner the gazetteer does not list, written where a name starts: at
# the start of a title or line, after a year or a quarter, after punctuation or after the
# city it belongs to (温州市鹿城区)
_LOCAL_SUFFIX = "县|区|旗|市"
_UNKNOWN = regex.compile(rf"(?:(?<=^)|(?<=[\s\d（(“”《》:：,，、—\-|丨·]|年|度|份|与|在))"
                      rf"([\u4e00-\u9fff]{{1,4}}?(?:{_LOCAL_SUFFIX}))(?![场长级域属直辖内外])")
_STOP_EXACT = frozenset("全 本 该 各 我 某 城 市 新 园 郊 地 县 辖 景 社 小 街 矿 老 山 牧 林 片 库 湾 省 区 "
                        "主城 中心 城市 开发 高新 经开 示范 试验 自贸 保税 综保 城关 新城 老城 市县 区县 "
                        "县区 县市 省市 市区 设区 直辖 地级 县级 省级 市级 山区 城区 园区 景区 社区".split())
_STOP_PREFIX = re.compile(r"^(?:年|月|度|份|周|个|家|项|实现|按照|关于|根据|为|对|在|由|向|中国|国家|城乡|乡村|农村|街道|重点|先行|沿海|"
                          r"边境|民族|少数|贫困|欠发达|发达|东部|西部|中部|东北|各|全市|全省|全区|全县|"
                          r"[两三四五六七八九十百千万亿多])")
_STOP_END = re.compile(r"(?:地区|园区|景区|社区|辖区|片区|新区|功能区|示范区|开发区)$")


def _not_name(name: str) -> bool:
    x = name[:-1]
    return x in _STOP_EXACT or bool(_STOP_PREFIX.match(x)) or bool(_STOP_END.search(name))


_AFTER_CITY = re.compile(rf"([\u4e00-\u9fff]{{1,3}}?(?:{_LOCAL_SUFFIX}))(?![场长级域属直辖内外])")
_ZONE_SUFFIX = re.compile(r"^(?:高新技术产业开发区|经济技术开发区|高新区|经开区|开发区|新区|火炬开发区|"
                          r"综合保税区|自贸片区|县|区|旗)")


@dataclass(frozen=True, slots=True)
class PlaceDecision:
    place: str | None
    rule: str
    cue: str = ""
    evidence: Mapping[str, Any] = field(default_factory=dict, compare=False)


def _doc_parts(doc_or_text: Any, title: str | None) -> tuple[str, str | None]:
    if isinstance(doc_or_text, str):
        return doc_or_text, title
    text = getattr(doc_or_text, "text", None)
    if text is None and isinstance(doc_or_text, Mapping):
        text = doc_or_text.get("text", "")
        title = title or doc_or_text.get("title")
    return text or "", title


def _mentions(text: str, gz: Gazetteer, lists: bool = False) -> list[tuple[int, int, str, str]]:
    """Gazetteer places named in ``text``, less those that are part of a name (湖南大学) or,
    unless ``lists``, an item of a list (长沙、株洲)."""
    out = []
    for s, e, form, name in gz.finditer(text):
        after = text[e:e + 4]
        if _NAME_AFTER.match(after) and not after.startswith(("晚报", "日报", "电视台", "电台")):
            continue
        if not lists and _LIST_AFTER.match(after):
            continue
        out.append((s, e, form, name))
    return out


def place_candidates(text: str, gz: Gazetteer | None = None, unknown: bool = True
                     ) -> list[tuple[int, str, str, int]]:
    """(offset, name, rule, rank) of the places a title or line names, left to right.

    A short form followed by a district word names that district (中山区, 新乡县, 西安高新区);
    with ``unknown`` a county the gazetteer lacks counts where a name starts (房县前三季度).

    >>> [c[1] for c in place_candidates("2022年珠海市斗门区政府工作报告")]
    ['珠海市', '斗门区']
    >>> [c[1] for c in place_candidates("壮丽七十年,辉煌新乡县——发展成就")]
    ['新乡县']
    """
    gz = gz or gazetteer()
    out: list[tuple[int, str, str, int]] = []
    taken: list[tuple[int, int]] = []
    for s, e, form, name in _mentions(text, gz, lists=True):
        m = _ZONE_SUFFIX.match(text[e:e + 9])
        if m and form != name and not form.endswith(("市", "县", "区", "旗", "州")):
            full = form + m.group(0)
            out.append((s, gz.canonical(full) or full, "name+suffix", 3))
            taken.append((s, e + m.end()))
            continue
        out.append((s, name, "gazetteer", _RANK.get(gz.places[name].level, 3)))
        taken.append((s, e))
    if unknown:
        for m in _UNKNOWN.finditer(text, overlapped=True):
            s, e = m.span(1)
            name = m.group(1)
            if _not_name(name) or gz.canonical(name) or any(a < e and s < b for a, b in taken):
                continue
            out.append((s, name, "local-name", 3))
            taken.append((s, e))
    for s0, e0, _form, name0 in _mentions(text, gz, lists=True):  # 温州市鹿城区
        if gz.places[name0].level != "city":
            continue
        m = _AFTER_CITY.match(text, e0)
        if m and not _not_name(m.group(1)) and not gz.canonical(m.group(1)) and not any(
                a < m.end(1) and m.start(1) < b for a, b in taken):
            out.append((m.start(1), m.group(1), "local-name", 3))
            taken.append(m.span(1))
    out.sort()
    return out


def _most_specific(cands: list[tuple[int, str, str, int]]) -> tuple[int, str, str, int] | None:
    """The most specific candidate; among equals the one named most often, then the first."""
    n = Counter(c[1] for c in cands)
    best = None
    for c in cands:
        if best is None or (c[3], n[c[1]]) > (best[3], n[best[1]]):
            best = c
    return best


def decide_document_place(doc_or_text: Any, title: str | None = None) -> PlaceDecision:
    """The document's place with the rule and cue that gave it."""
    text, title = _doc_parts(doc_or_text, title)
    gz = gazetteer()
    head = text[:400]
    if title:
        best = _most_specific(place_candidates(title, gz))
        if best:
            return PlaceDecision(best[1], f"title-{best[2]}", title[:40])
        if _NATIONAL_TITLE.search(title):
            return PlaceDecision(NATIONAL, "title-national", _NATIONAL_TITLE.search(title).group(0))
    if _NATIONAL_OPENING.search(head):
        return PlaceDecision(NATIONAL, "opening-national", _NATIONAL_OPENING.search(head).group(0))
    lines = [ln.strip() for ln in head.splitlines() if ln.strip()][:6]
    agency = any(_NEWS_AGENCY.search(ln) for ln in lines)
    # the whole text: how often each place is named, and which scope words it uses
    counts: Counter[str] = Counter(n for _, _, _, n in _mentions(text, gz))
    local_scope = len(_SCOPE_LOCAL.findall(text))
    nation_scope = len(_SCOPE_NATION.findall(text))
    if not agency:
        for ln in lines:
            cands = place_candidates(ln, gz, unknown=False)
            m = _UNKNOWN.match(ln)
            if m and not _not_name(m.group(1)) and not gz.canonical(m.group(1)):
                cands.append((0, m.group(1), "local-name", 3))
            if cands:
                best = cands[0]
                for c in cands[1:]:  # a place under the first one (湖南省长沙市) is more specific
                    if c[3] > best[3] and (gz.places.get(c[1]) is None
                                           or gz.places[c[1]].parent == best[1]
                                           or counts[c[1]] >= counts[best[1]]):
                        best = c
                return PlaceDecision(best[1], f"opening-{best[2]}", ln[:40])
    title_scope = title or ""
    city_scope = text.count("全市") + text.count("本市") + text.count("我市") + 5 * title_scope.count("我市")
    prov_scope = text.count("全省") + text.count("本省") + text.count("我省") + 5 * title_scope.count("我省")
    provinces = [n for n in counts if gz.places[n].level == "province"]
    if counts:
        name, n = counts.most_common(1)[0]
        ranked = counts.most_common()
        ev = {"counts": dict(ranked[:5])}
        if len(provinces) >= 4 and n < 2 * sorted(counts.values())[-2] and local_scope < nation_scope:
            return PlaceDecision(NATIONAL, "text-many-provinces", ",".join(provinces[:4]), ev)
        own = bool(re.search(r"我省|我市|我区|我县|全省|全市", title_scope))
        if own or not (nation_scope > 2 * max(local_scope, 1) and n < 3):
            # a province's text says 全省, a city's 全市: prefer the level its scope words name
            if city_scope > prov_scope:
                for nm, c in ranked:
                    if gz.places[nm].level in ("city", "district", "county", "zone") and c * 2 >= n:
                        return PlaceDecision(nm, "text-count-city", nm, ev)
            if prov_scope > city_scope:
                for nm, c in ranked:
                    if gz.places[nm].level == "province" and c * 2 >= n:
                        return PlaceDecision(nm, "text-count-province", nm, ev)
            return PlaceDecision(name, "text-count", name, ev)
    if nation_scope or "国内生产总值" in text:
        return PlaceDecision(NATIONAL, "text-national", "全国/我国/国内生产总值")
    return PlaceDecision(None, "none")


def document_place(doc_or_text: Any, title: str | None = None) -> str | None:
    """The place a document is about: ``长沙市``, ``湖南省``, ``浦东新区``, ``全国``; None if unknown.

    ``doc_or_text`` is a raw text, a :class:`~policy_extract.schema.Document` or a record
    (a mapping with ``text`` and ``title``).
    """
    return decide_document_place(doc_or_text, title).place


def figure_place(text: str, start: int, doc_place: str | None,
                 indicator_start: int | None = None) -> PlaceDecision:
    """The place of the figure at ``start`` (its indicator at ``indicator_start``) in ``text``.

    >>> t = "全省地区生产总值增长6%，长沙全社会研发投入强度达3.35%。"
    >>> figure_place(t, t.index("6%"), "湖南省", t.index("地区")).place
    '湖南省'
    >>> figure_place(t, t.index("3.35"), "湖南省", t.index("长沙")).place
    '长沙市'
    >>> t = "研发投入强度居全国第9位，高于全国平均水平2.6%。"
    >>> figure_place(t, t.index("2.6"), "长沙市", None).place
    '长沙市'
    """
    gz = gazetteer()
    anchor = indicator_start if indicator_start is not None and indicator_start <= start else start
    lo = anchor
    while lo > 0 and not _CLAUSE_END.match(text[lo - 1]) and anchor - lo < 80:
        lo -= 1
    clause = text[lo:start]
    rel = anchor - lo
    ment = [m for m in _mentions(clause, gz)]
    # (a) the indicator span opens with a place; (b) a place right before it
    for s, e, form, name in reversed(ment):
        if s >= rel and s <= rel + 1:
            return PlaceDecision(name, "indicator", form)
        if e <= rel and _GAP_OK.match(clause[e:rel]) and not _COMPARE_BEFORE.search(clause[:s]):
            return PlaceDecision(name, "before-indicator", form)
    # (c) the clause's subject: a place first in the clause, after time words
    lead = _LEAD_TIME.match(clause).end()
    for s, e, form, name in ment:
        if s == lead and e <= rel:
            return PlaceDecision(name, "clause-subject", form)
    # (d) scope words right before the indicator or opening the clause
    head = clause[:rel] if rel else clause
    m = _SCOPE_LOCAL.search(head)
    if m and (m.start() == lead or _GAP_OK.match(head[m.end():])):
        return PlaceDecision(doc_place, "scope", m.group(0))
    m = _SCOPE_NATION.search(head)
    if (m and (m.start() == lead or _GAP_OK.match(head[m.end():]))
            and not _COMPARE_BEFORE.search(head[:m.start()])):  # 居全国第9位 is a ranking frame
        return PlaceDecision(NATIONAL, "scope-national", m.group(0))
    return PlaceDecision(doc_place, "document")


def normalise_place(name: str) -> str:
    """A place as given (广西壮族自治区玉林市, 长沙) in the form rows carry (玉林市, 长沙市).

    >>> normalise_place("广西壮族自治区玉林市"), normalise_place("长沙"), normalise_place("全国")
    ('玉林市', '长沙市', '全国')
    """
    if name == NATIONAL or not name:
        return name
    best = _most_specific(place_candidates(name))
    return best[1] if best else name
