"""Canonical indicators: map a figure's indicator span to an id from ``data/zh/indicators.json``.

Mapping is normalisation plus a lookup of written variants, never a guess: the span is
cleaned (width, quotes, markup), then tried as written and with scope words (全市, 全省,
全国, a place name), time words (2023年, 全年) and verbs (实现, 达到) stripped from its ends;
a trailing 增长/增速/涨幅/下降 is folded into the measure. The first form that is a variant
wins; the match carries its evidence. Nothing matched gives ``None``.

>>> m = map_indicator("全市规模以上工业增加值", measure="growth", unit="%")
>>> m.id, m.measure, m.evidence["variant"], m.evidence["stripped"]
('industry_va_above_scale', 'growth', '规模以上工业增加值', ['全市'])
>>> m = map_indicator("全社会研发经费投入增速", measure="growth", unit="%")
>>> m.id, m.measure, m.evidence["folded"]
('rd_expenditure', 'growth', '增速')
>>> map_indicator("GDP", measure="level", unit="元").id
'gdp'
>>> map_indicator("经济增长预期目标", measure="growth", unit="%").id
'gdp'
>>> map_indicator("经济增长预期目标", measure="level", unit="元") is None  # growth-only variant
True
>>> map_indicator("城镇新增就业", measure="share", unit="%") is None   # unit family: people
True
>>> m = map_indicator("单位国内生产总值能耗", measure="growth", unit="%", connector="下降")
>>> m.id, m.sign
('energy_intensity', -1)
>>> map_indicator("新增高新技术企业", measure="level", unit="家").id
'high_tech_enterprises/new'
>>> map_indicator("农村贫困人口", measure="level", unit="人", connector="减少").id
'rural_poverty/cut'
>>> m = map_indicator("居民消费价格", measure="level", unit="%", connector="上涨")
>>> m.id, m.measure
('cpi', 'growth')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Mapping

from ..rules.loader import load_json

FILE = "indicators.json"

# units each family accepts for a level/share figure (growth figures carry % whatever the family)
UNIT_FAMILIES: dict[str, frozenset[str]] = {
    "money": frozenset({"元", "美元", "欧元", "港元", "元/年"}),
    "count": frozenset({"家", "个", "项", "户", "所", "座", "台", "辆", "套", "件", "本", "款", "次",
                        "批", "名", "人", "处", "条", "宗", "例", "只", "头", "张", "部", "艘",
                        "架", "栋", "间", "种", "篇", "场", "期", "块", "席"}),
    "people": frozenset({"人", "名", "人次", "户"}),
    "visits": frozenset({"人次", "人", "次"}),
    "percent": frozenset({"%", "‰", "个百分点"}),
    "mass": frozenset({"吨", "斤", "公斤", "千克", "克", "担"}),
    "area": frozenset({"亩", "公顷", "平方米", "平方公里", "万亩"}),
    "length": frozenset({"公里", "千米", "米"}),
    "energy": frozenset({"千瓦", "千瓦时", "度", "瓦", "GW", "兆瓦", "吨标准煤"}),
    "years": frozenset({"岁", "年", "周岁"}),
    "concentration": frozenset({"微克/立方米"}),
    "teu": frozenset({"标箱", "标准箱", "TEU"}),
}
GROWTH_UNITS = frozenset({"%", "个百分点", "倍", "‰"})

# a growth word, not followed by 到/至 (下降到4% is a level), at the end of the cleaned span or in
# the text between the span and the number
_GROWTH_UP = "同比增长|比上年增长|比上年增加|年均增长|年均增速|平均增长|平均每年增长|增长率|增长速度|增速|增幅|增长|涨幅|上涨|上升|提高|比增"
_GROWTH_DOWN = "同比下降|比上年下降|年均下降|下降|降低|减少|回落|下跌"
_FOLD_TAIL = re.compile(rf"(?:{_GROWTH_DOWN}|{_GROWTH_UP})$")
_DOWN = re.compile(rf"(?:{_GROWTH_DOWN})(?![到至])")
_UP = re.compile(rf"(?:{_GROWTH_UP})(?![到至])")
_LEVEL_TO = re.compile(r"(?:降|增|提高|提升|上升|下降|减少|增加|扩大|压减|缩小)(?:到|至)")

_SCOPE = ("全社会",)  # kept: part of indicator names (全社会研发经费投入)
_LEAD = re.compile(
    r"^(?:全市|全省|全区|全县|全国|全州|全盟|全旗|全镇|全乡|我市|我省|我区|我县|我国|本市|本省|本区|"
    r"全年|今年|去年|当年|上年|年末|年底|年内|上半年|下半年|前三季度|一季度|二季度|三季度|四季度|"
    r"\d{4}年(?:全年|底|末|度)?|\d{1,2}[-—~至]\d{1,2}月(?:份)?|\d{1,2}月(?:份|底|末)?|"
    r"[一二三四五六七八九十]{1,3}年来|五年来|过去五年|近[两二三四五\d]年|"
    r"预计|力争|确保|争取|计划|拟|将|要|实现|完成|达到|突破|建设|建成|累计|共|其中|提出|把|使|"
    r"[\d一二三四五六七八九十]{1,2}[.、．)）]|[（(][\d一二三四五六七八九十]{1,2}[）)]|"
    r"的|和|及|与|、|，|：|。)"
)
_TAIL = re.compile(
    r"(?:达到|达|为|是|在|稳定在|控制在|保持在|降到|降至|提高到|提升至|提高至|增至|增加到|上升到|上升至|"
    r"回落到|回落至|"
    r"突破|超过|超|实现|完成|达|约|近|分别|分别为|均|共|累计|总计|合计|的|平均|平|年均|均值|"
    r"同比|比上年|较上年|比|较|上年|全年|年末|以上|左右|目标|预期目标|目标值|指标|规模|数|数量|总数|总量|总额|"
    r"调控目标|调控目标定|预期目标定|目标定|定|定为|预期|计划)$"
)
_VERSUS = re.compile(r"(?:比|较)(?:去年|上年|上年度|年初|预算)?[^，。；]{0,6}(?:增加|减少|提高|降低|多|少|增长|下降|低|高)")
_NEW = re.compile(r"^(?:新增|新培育|新认定|新引进|新建|新开工|净增|增加)")
_QUOTES = str.maketrans({"「": "“", "」": "”", "『": "“", "』": "”", "‘": "“", "’": "”",
                         "（": "(", "）": ")", "　": "", " ": "", "\n": "", "\r": "", "\t": "",
                         "*": "", "＊": ""})


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    name: str
    measure: str
    unit_family: str
    kind: str
    direction: str | None
    variants: tuple[str, ...]
    growth_variants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class IndicatorMatch:
    """A span mapped to a canonical indicator; ``evidence`` says how."""

    id: str  # the indicator id, ``/new`` appended for a 新增 count of a stock
    name: str
    measure: str  # the figure's canonical measure: level | share | growth | change | rank
    unit_family: str
    kind: str  # flow | stock | rate
    direction: str | None  # up | down | None
    sign: int = 1  # -1 for a decline (下降3%): the figure's value keeps its positive sign
    evidence: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def base_id(self) -> str:
        return self.id.split("/", 1)[0]


class IndicatorTable:
    """The canonical indicators and their variant lookup."""

    def __init__(self, data: Mapping[str, Any]):
        self.indicators: dict[str, Indicator] = {}
        self.variants: dict[str, tuple[str, bool]] = {}  # form -> (id, growth only)
        self.new_variants: dict[str, str] = {}  # form -> id: names of new additions (新升规)
        for d in data["indicators"]:
            ind = Indicator(d["id"], d["name"], d["measure"], d["unit_family"], d["kind"],
                            d.get("direction"), tuple(d["variants"]),
                            tuple(d.get("growth_variants", ())))
            self.indicators[ind.id] = ind
            for v in ind.variants:
                self.variants[clean(v)] = (ind.id, False)
            for v in ind.growth_variants:
                self.variants[clean(v)] = (ind.id, True)
            for v in d.get("new_variants", ()):
                self.variants[clean(v)] = (ind.id, False)
                self.new_variants[clean(v)] = ind.id

    @property
    def variant_forms(self) -> tuple[str, ...]:
        """Every variant form, longest first."""
        forms = getattr(self, "_forms", None)
        if forms is None:
            forms = self._forms = tuple(sorted(self.variants, key=len, reverse=True))
        return forms

    def __len__(self) -> int:
        return len(self.indicators)

    def get(self, iid: str) -> Indicator | None:
        return self.indicators.get(iid.split("/", 1)[0])


MEASURES = ("level", "share")
KINDS = ("flow", "stock", "rate")
DIRECTIONS = ("up", "down", None)


def load_indicators(name: str = FILE) -> IndicatorTable:
    """Read and validate ``data/zh/indicators.json`` (the rule registry's loader for it):
    unknown or missing keys, a bad measure, kind, direction or unit family, and a written
    form given to two indicators fail naming the file and the indicator."""
    from ..errors import Errors, RuleFileError
    from ..rules.loader import check_keys, validate_rules

    d = load_json(name)
    check_keys(d, file=name, required=["indicators"])
    rules = validate_rules(
        d["indicators"], file=name,
        required=["id", "name", "measure", "unit_family", "kind", "direction", "variants"],
        optional=["growth_variants", "new_variants"],
        choices={"measure": MEASURES, "kind": KINDS, "direction": DIRECTIONS,
                 "unit_family": tuple(UNIT_FAMILIES)},
        types={"name": str, "variants": list, "growth_variants": list, "new_variants": list})
    seen: dict[str, str] = {}
    for i, r in enumerate(rules):
        for key in ("variants", "growth_variants", "new_variants"):
            for v in r.get(key, ()):
                if not isinstance(v, str) or not v:
                    raise RuleFileError(Errors.E006.format(
                        file=name, index=i, rule_id=r["id"], key=key,
                        expected="a list of non-empty strings", value=v))
                form = clean(v)
                if form in seen:
                    raise RuleFileError(Errors.E040.format(
                        file=name, index=i, rule_id=r["id"], what="variant", value=v,
                        other=seen[form]))
                seen[form] = r["id"]
    return IndicatorTable({"indicators": [{k: v for k, v in r.items() if not k.startswith("_")}
                                          for r in rules]})


@lru_cache(maxsize=1)
def indicator_table() -> IndicatorTable:
    return load_indicators()


@lru_cache(maxsize=1)
def _clean_table() -> dict[int, str]:
    """Traditional characters and quote variants in one table (read once)."""
    from ..text.normalize import load_traditional

    return {**load_traditional(), **_QUOTES}


def clean(text: str) -> str:
    """Width, quotes, spaces, markup and script unified: the form variants are compared in
    (a traditional text's 規模以上工業增加值 is the simplified one's indicator).

    >>> clean("Ｒ＆Ｄ经费投入 强度"), clean('"三技合同"成交额'), clean("規模以上工業增加值")
    ('R&D经费投入强度', '“三技合同”成交额', '规模以上工业增加值')
    """
    t = unicodedata.normalize("NFKC", text) if any(0xFF00 <= ord(c) <= 0xFFEF for c in text) else text
    t = t.translate(_clean_table())
    if '"' in t:  # straight quotes: opening and closing by turns
        parts = t.split('"')
        t = parts[0] + "".join(("“" if i % 2 else "”") + p for i, p in enumerate(parts[1:], 1))
    return t


def _place_names() -> tuple[str, ...]:
    from .place import gazetteer

    return gazetteer().names_longest_first


def _strip_place(t: str) -> tuple[str, str | None]:
    for name in _place_names():
        if t.startswith(name) and len(t) > len(name):
            return t[len(name):], name
    return t, None


def candidates(text: str) -> list[tuple[str, list[str], str | None]]:
    """Forms of a cleaned span, most literal first: (form, stripped words, folded growth word)."""
    t = clean(text)
    out: list[tuple[str, list[str], str | None]] = []
    seen = set()
    stripped: list[str] = []
    folded: str | None = None

    def add(form: str) -> None:
        if form and form not in seen:
            seen.add(form)
            out.append((form, list(stripped), folded))

    add(t)
    for _ in range(8):
        before = t
        m = _LEAD.match(t)
        if m and m.end() < len(t):
            stripped.append(m.group(0))
            t = t[m.end():]
        else:
            t2, name = _strip_place(t)
            if name:
                stripped.append(name)
                t = t2
        add(t)
        m = _FOLD_TAIL.search(t)
        if m and m.start() > 0:
            folded = folded or m.group(0)
            stripped.append(m.group(0))
            t = t[: m.start()]
            add(t)
        m = _TAIL.search(t)
        if m and m.start() > 0:
            stripped.append(m.group(0))
            t = t[: m.start()]
            add(t)
        if t == before:
            break
    return out


def _growth_sign(folded: str | None, connector: str) -> tuple[bool, int, str | None]:
    """(is growth, sign, cue) from the folded tail word and the text between span and number."""
    conn = clean(connector or "")
    if _LEVEL_TO.search(conn):
        return False, 1, None
    for src in (conn, folded or ""):
        if not src:
            continue
        m_down, m_up = _DOWN.search(src), _UP.search(src)
        if m_down and (not m_up or m_down.start() >= m_up.start()):
            return True, -1, m_down.group(0)
        if m_up:
            return True, 1, m_up.group(0)
    return False, 1, None


def unit_fits(family: str, unit: str, measure: str) -> bool:
    """Can a figure in ``unit`` with ``measure`` be a value of an indicator of ``family``?"""
    if measure == "growth":
        return unit in GROWTH_UNITS
    if measure in ("rank",):
        return True
    if unit in ("%", "‰", "个百分点"):
        return family == "percent" or measure == "change"
    base = unit.split("/", 1)[0]
    return base in UNIT_FAMILIES.get(family, frozenset()) or (
        family in ("count", "people") and base in UNIT_FAMILIES["count"] | UNIT_FAMILIES["people"])


def map_indicator(text: str | None, measure: str = "level", unit: str = "",
                  connector: str = "", table: IndicatorTable | None = None
                  ) -> IndicatorMatch | None:
    """The canonical indicator of an indicator span, or None.

    ``measure`` and ``unit`` are the figure's (GUIDELINES §1); ``connector`` is the raw text
    between the span and the number (同比增长, 下降), which folds into the measure too.
    """
    if not text:
        return None
    table = table or indicator_table()
    for form, stripped, folded in candidates(text):
        qualifier = None
        hit = table.variants.get(form)
        if hit is None:
            m = _NEW.match(form)
            if m and len(form) > m.end():
                hit = table.variants.get(form[m.end():])
                qualifier = m.group(0) if hit else None
        if hit is None:
            continue
        iid, growth_only = hit
        if form in table.new_variants:
            qualifier = form
        ind = table.indicators[iid]
        is_growth, sign, cue = _growth_sign(folded, connector)
        if measure == "growth" and not is_growth:
            is_growth = True
        if is_growth and measure in ("level", "share", "growth") and unit in GROWTH_UNITS:
            canon = "growth"
        elif measure in ("level", "share"):
            canon = ind.measure if unit not in ("%", "‰") or ind.unit_family == "percent" else measure
        else:
            canon, sign = measure, 1
        if growth_only and canon != "growth":
            continue
        if canon in ("level", "share") and unit not in ("%", "‰") and _VERSUS.search(clean(connector or "")):
            canon = "change"  # 比去年增加2700亿元: a difference, not the amount
        level_cut = canon == "level" and is_growth and sign < 0
        if canon != "growth":
            sign = 1
        if not unit_fits(ind.unit_family, unit, canon):
            continue
        iid_out, name, kind = ind.id, ind.name, ind.kind
        if qualifier and ind.kind == "stock" and canon == "level":
            iid_out, name, kind = f"{ind.id}/new", f"新增{ind.name}", "flow"
        elif level_cut and ind.unit_family != "percent":
            # 农村贫困人口减少1000万: a reduction, not the stock
            iid_out, name, kind = f"{ind.id}/cut", f"{ind.name}减少", "flow"
        return IndicatorMatch(
            iid_out, name, canon, ind.unit_family, kind, ind.direction, sign,
            {"span": text, "form": form, "variant": form if not qualifier else form[len(qualifier):],
             "stripped": stripped, "folded": cue or folded, "qualifier": qualifier,
             "growth_only": growth_only})
    return None
