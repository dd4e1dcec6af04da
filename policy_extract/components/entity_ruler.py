"""``policy_entity_ruler``: rule-stage entities (GUIDELINES §2).

Four kinds of evidence, all data (``data/zh/``):

* **suffix rules** (``entity_suffixes.json``): a type suffix (…实验室, …集团,
  …科学城, …大学, …行动) and a name stem reaching left from it over name
  characters, cut after the last function word / introducing verb, with
  generic stems (国家实验室, 中试平台, 研发中心) refused (``entity_stems.json``);
* **shapes** (``entity_shapes.json``): whole-name regexes — 《…》 titles,
  N大X行动, “…”行动计划, “…”-wrapped programme names, national bodies;
* **the gazetteer** (``entity_gazetteer.json``): known names and aliases,
  matched with one Aho–Corasick automaton, each carrying a canonical id;
* **in-text aliases**: ``…(简称“大创园”)`` makes later ``大创园`` a mention.

Candidates are resolved flat: longest span first, no overlaps. Every name
found once is then marked at every other occurrence in the document
(GUIDELINES: every occurrence is annotated). Matching runs on ``norm.text``;
spans are reported in raw offsets, crossing broken lines like the gold does.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import Errors, RuleFileError
from ..extensions import get_state
from ..rules.loader import check_keys, compile_regex, load_json, validate_rules
from ..schema import Entity, EntityLabel
from ..text.normalize import NormalizedText, normalize
from ..text.segment import Segmentation

_LABELS = [lab.value for lab in EntityLabel]
_CUTS = ("last", "leading")
_LINE_RUN = regex.compile(r"[^\n]+")
_NON_WORD = regex.compile(r"[\W_]")
_LIST_SEP = regex.compile(r"、|以及|和|及")
_ITEM_SEP = regex.compile(r"、")
_QUOTED = regex.compile(r"[“\"]([^“”\"]+)[”\"]")
_JOIN = frozenset("与和")
# shape rules whose items are read after the first resolution (they need the names found first)
_LIST_EMITS = ("known_list_items", "named_list_items")


@dataclass(frozen=True)
class SuffixRule:
    id: str
    label: EntityLabel
    min_stem: int
    max_stem: int
    min_residual: int
    stem_pattern: regex.Pattern | None
    not_after: regex.Pattern | None
    require_after: regex.Pattern | None
    keep_leading: bool
    place_stem_ok: bool
    extra_cut: regex.Pattern | None


@dataclass(frozen=True)
class ShapeRule:
    id: str
    label: EntityLabel
    pattern: regex.Pattern
    group: int = 0
    emit: str = "span"
    title_end: regex.Pattern | None = None
    trigger: regex.Pattern | None = None  # a cheap part every match contains ...
    window: regex.Pattern | None = None  # ... inside a run of the characters every match is made of
    window_back: regex.Pattern | None = None

    def finditer(self, text: str) -> Iterable[regex.Match]:
        """``pattern.finditer(text)``, but with a trigger only over the runs around its hits.

        Same matches: a match lies inside one run of ``window`` characters and contains a
        trigger hit, so scanning each such run from its start finds what a whole scan finds.

        >>> r = next(s for s in load_entity_rules().shapes if s.trigger is not None)
        >>> t = "推进。实施甲行动、乙行动和丙行动等三大行动，做好丁、戊和己等二大工程"
        >>> [m.span() for m in r.finditer(t)] == [m.span() for m in r.pattern.finditer(t)]
        True
        """
        if self.trigger is None:
            yield from self.pattern.finditer(text)
            return
        done = -1
        for t in self.trigger.finditer(text):
            if t.start() < done:
                continue  # inside a run already scanned
            lo = self.window_back.match(text, 0, t.start()).start()
            hi = self.window.match(text, t.end()).end()
            yield from self.pattern.finditer(text, lo, hi)
            done = hi


@dataclass(frozen=True)
class GazEntry:
    id: str
    name: str
    label: EntityLabel


@dataclass
class EntityRules:
    """Everything the ruler needs, compiled once from the data files."""

    suffix_re: regex.Pattern
    suffix_rule: dict[str, SuffixRule]
    run_re: regex.Pattern
    max_stem: int
    cuts: list[tuple[str, str, regex.Pattern, frozenset]]  # (id, cut mode, pattern, not_for labels)
    protect_re: regex.Pattern | None
    strip_leading: regex.Pattern
    strip_always: regex.Pattern
    generic_re: regex.Pattern
    place_only: regex.Pattern
    verb_only: regex.Pattern
    designation_re: regex.Pattern
    numbered_set: regex.Pattern
    designation_start: regex.Pattern
    shapes: list[ShapeRule]
    alias_decl: regex.Pattern
    gazetteer: dict[str, GazEntry] = field(default_factory=dict)  # surface → entry
    _automaton: Any = None
    _suffix_automaton: Any = None

    def suffix_hits(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, suffix)`` of the longest suffix starting at each position, in order.

        What ``suffix_re.finditer(text, overlapped=True)`` yields (its alternation is
        longest first), found by one Aho–Corasick pass instead of a try at every position.

        >>> R = load_entity_rules()
        >>> t = "湘江科学城和岳麓山大学科技城"
        >>> R.suffix_hits(t) == [(m.start(), m.end(), m.group())
        ...                      for m in R.suffix_re.finditer(t, overlapped=True)]
        True
        """
        if self._suffix_automaton is None:
            import ahocorasick

            a = ahocorasick.Automaton()
            for suffix in self.suffix_rule:
                a.add_word(suffix, len(suffix))
            a.make_automaton()
            self._suffix_automaton = a
        best: dict[int, int] = {}
        for end_idx, n in self._suffix_automaton.iter(text):
            s = end_idx + 1 - n
            if n > best.get(s, 0):
                best[s] = n
        return [(s, s + n, text[s:s + n]) for s, n in sorted(best.items())]

    def automaton(self):
        """Aho–Corasick automaton over every gazetteer surface form (built lazily)."""
        if self._automaton is None and self.gazetteer:
            import ahocorasick

            a = ahocorasick.Automaton()
            for surface, entry in self.gazetteer.items():
                a.add_word(surface, (surface, entry))
            a.make_automaton()
            self._automaton = a
        return self._automaton


def _alternation(words: Iterable[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _label(value: str, file: str, index: int, rid: str) -> EntityLabel:
    if value not in _LABELS:
        raise RuleFileError(Errors.E006.format(file=file, index=index, rule_id=rid, key="label",
                                               expected=f"one of {_LABELS}", value=value))
    return EntityLabel(value)


def _opt_re(r: dict, key: str, file: str, index: int) -> regex.Pattern | None:
    if r.get(key) is None:
        return None
    return compile_regex(r[key], file=file, index=index, rule_id=r["id"], key=key)


def load_suffix_rules(name: str = "entity_suffixes.json") -> tuple[list[str], dict[str, SuffixRule]]:
    """Suffix strings (longest first) and the rule each belongs to; a suffix in two rules fails."""
    d = load_json(name)
    check_keys(d, file=name, required=["rules"])
    rules = validate_rules(
        d["rules"], file=name, required=["id", "label", "suffixes"],
        optional=["min_stem", "max_stem", "min_residual", "stem_pattern", "not_after",
                  "require_after", "keep_leading", "place_stem_ok", "extra_cut"],
        regex_keys=["stem_pattern", "not_after", "require_after", "extra_cut"],
        choices={"label": _LABELS},
        types={"suffixes": list, "min_stem": int, "max_stem": int, "min_residual": int,
               "keep_leading": bool, "place_stem_ok": bool},
    )
    by_suffix: dict[str, SuffixRule] = {}
    for i, r in enumerate(rules):
        rule = SuffixRule(
            id=r["id"], label=EntityLabel(r["label"]), min_stem=r.get("min_stem", 2),
            max_stem=r.get("max_stem", 0), min_residual=r.get("min_residual", 1),
            stem_pattern=r.get("_re_stem_pattern"), not_after=r.get("_re_not_after"),
            require_after=r.get("_re_require_after"), keep_leading=r.get("keep_leading", False),
            place_stem_ok=r.get("place_stem_ok", False), extra_cut=r.get("_re_extra_cut"),
        )
        for s in r["suffixes"]:
            if not isinstance(s, str) or not s:
                raise RuleFileError(Errors.E006.format(file=name, index=i, rule_id=r["id"],
                                                       key="suffixes", expected="non-empty strings",
                                                       value=s))
            if s in by_suffix:
                raise RuleFileError(Errors.E040.format(file=name, index=i, rule_id=r["id"],
                                                       what="suffix", value=s,
                                                       other=by_suffix[s].id))
            by_suffix[s] = rule
    return sorted(by_suffix, key=lambda s: (-len(s), s)), by_suffix


def load_stems(name: str = "entity_stems.json") -> dict[str, Any]:
    """Stem limits: run characters, boundaries (with their cut mode), generic words, place-only stems."""
    d = load_json(name)
    check_keys(d, file=name, required=["name_chars", "paren_inside", "max_stem", "boundaries",
                                        "not_boundary_in", "strip_leading", "generic_words",
                                        "place_only", "designation_words", "numbered_set",
                                        "strip_always", "designation_start", "clause_place"])
    run = compile_regex(f"(?r)(?:{d['name_chars']}|{d['paren_inside']})+", file=name, index="-",
                        rule_id="name_chars/paren_inside", key="name_chars")
    bounds = validate_rules(d["boundaries"], file=name, required=["id", "cut"],
                            optional=["words", "pattern", "not_for"], regex_keys=["pattern"],
                            choices={"cut": _CUTS}, types={"words": list, "not_for": list})
    cuts = []
    for i, b in enumerate(bounds):
        if ("words" in b) == ("pattern" in b):
            raise RuleFileError(Errors.E003.format(file=name, index=i, rule_id=b["id"],
                                                   keys=["exactly one of words/pattern"]))
        if "words" in b:
            pat = compile_regex(_alternation(b["words"]), file=name, index=i, rule_id=b["id"],
                                key="words")
        else:
            pat = b["_re_pattern"]
        bad = sorted(set(b.get("not_for", [])) - set(_LABELS))
        if bad:
            raise RuleFileError(Errors.E006.format(file=name, index=i, rule_id=b["id"], key="not_for",
                                                   expected=f"labels from {_LABELS}", value=bad))
        cuts.append((b["id"], b["cut"], pat, frozenset(b.get("not_for", []))))
    # a place and then an inner verb opens a clause too (安徽省建设合肥综合性国家科学中心)
    check_keys(d["clause_place"], file=f"{name}:clause_place", required=["pattern"])
    place_body = compile_regex(d["clause_place"]["pattern"], file=name, index="-",
                               rule_id="clause_place", key="pattern").pattern
    cuts = [(bid, mode, regex.compile(f"(?:{place_body})?(?:{pat.pattern})") if mode == "leading"
             else pat, nf) for bid, mode, pat, nf in cuts]
    for key in ("not_boundary_in", "generic_words", "designation_words"):
        check_keys(d[key], file=f"{name}:{key}", required=["words"])
    for key in ("strip_leading", "strip_always", "place_only", "numbered_set", "designation_start"):
        check_keys(d[key], file=f"{name}:{key}", required=["pattern"])
    prot = d["not_boundary_in"]["words"]
    return {
        "run_re": run,
        "max_stem": int(d["max_stem"]),
        "cuts": cuts,
        "protect_re": compile_regex(_alternation(prot), file=name, index="-",
                                 rule_id="not_boundary_in", key="words") if prot else None,
        "strip_always": compile_regex(d["strip_always"]["pattern"], file=name, index="-",
                                      rule_id="strip_always", key="pattern"),
        "strip_leading": compile_regex(d["strip_leading"]["pattern"], file=name, index="-",
                                       rule_id="strip_leading", key="pattern"),
        "generic_re": compile_regex(_alternation(d["generic_words"]["words"]), file=name, index="-",
                                 rule_id="generic_words", key="words"),
        "place_only": compile_regex(d["place_only"]["pattern"], file=name, index="-",
                                    rule_id="place_only", key="pattern"),
        "verb_only": regex.compile("(?:%s)+" % "|".join(c[2].pattern for c in cuts)),
        "designation_re": compile_regex(_alternation(d["designation_words"]["words"]), file=name,
                                     index="-", rule_id="designation_words", key="words"),
        "designation_start": compile_regex(d["designation_start"]["pattern"], file=name, index="-",
                                           rule_id="designation_start", key="pattern"),
        "numbered_set": compile_regex(d["numbered_set"]["pattern"], file=name, index="-",
                                      rule_id="numbered_set", key="pattern"),
    }


def load_shapes(name: str = "entity_shapes.json") -> tuple[list[ShapeRule], regex.Pattern]:
    d = load_json(name)
    check_keys(d, file=name, required=["rules", "alias_declaration"])
    rules = validate_rules(d["rules"], file=name, required=["id", "label", "pattern"],
                           optional=["group", "emit", "title_end", "trigger", "window"],
                           regex_keys=["pattern", "title_end", "trigger", "window"], choices={"label": _LABELS,
                                                                         "emit": ["span", "quoted_items",
                                                                                  "list_items",
                                                                                  "known_list_items",
                                                                                  "named_list_items"]},
                           types={"group": int})
    shapes = []
    for i, r in enumerate(rules):
        if ("trigger" in r) != ("window" in r):
            raise RuleFileError(Errors.E003.format(file=name, index=i, rule_id=r["id"],
                                                   keys=["trigger and window together"]))
        if r.get("emit") in _LIST_EMITS and "window" not in r:
            raise RuleFileError(Errors.E003.format(file=name, index=i, rule_id=r["id"],
                                                   keys=[f"trigger and window ({r['emit']})"]))
        win = r.get("window")
        shapes.append(ShapeRule(
            r["id"], EntityLabel(r["label"]), r["_re_pattern"], r.get("group", 0),
            r.get("emit", "span"), r.get("_re_title_end"), r.get("_re_trigger"),
            None if win is None else regex.compile(f"(?:{win})*", regex.V1),
            None if win is None else regex.compile(f"(?r)(?:{win})*", regex.V1)))
    for i, s in enumerate(shapes):
        if s.group > s.pattern.groups:
            raise RuleFileError(Errors.E006.format(file=name, index=i, rule_id=s.id, key="group",
                                                   expected=f"<= {s.pattern.groups}", value=s.group))
    ad = d["alias_declaration"]
    check_keys(ad, file=f"{name}:alias_declaration", required=["pattern"])
    alias = compile_regex(ad["pattern"], file=name, index="-", rule_id="alias_declaration",
                          key="pattern")
    if alias.groups != 1:
        raise RuleFileError(Errors.E006.format(file=name, index="-", rule_id="alias_declaration",
                                               key="pattern", expected="one capturing group",
                                               value=ad["pattern"]))
    return shapes, alias


def load_gazetteer(name: str = "entity_gazetteer.json") -> dict[str, GazEntry]:
    """surface form → entry; the same surface under two ids fails."""
    d = load_json(name)
    check_keys(d, file=name, required=["entries"])
    entries = validate_rules(d["entries"], file=name, required=["id", "name", "label"],
                             optional=["aliases"], choices={"label": _LABELS},
                             types={"aliases": list, "name": str})
    out: dict[str, GazEntry] = {}
    for i, e in enumerate(entries):
        entry = GazEntry(e["id"], e["name"], EntityLabel(e["label"]))
        for surface in [e["name"], *e.get("aliases", [])]:
            if not isinstance(surface, str) or not surface:
                raise RuleFileError(Errors.E006.format(file=name, index=i, rule_id=e["id"],
                                                       key="aliases", expected="non-empty strings",
                                                       value=surface))
            surface = normalize(surface).text  # match the view the text is matched in
            if surface in out and out[surface].id != entry.id:
                raise RuleFileError(Errors.E040.format(file=name, index=i, rule_id=e["id"],
                                                       what="name", value=surface,
                                                       other=out[surface].id))
            out[surface] = entry
    return out


@lru_cache(maxsize=4)
def load_entity_rules() -> EntityRules:
    """Load and validate every entity data file (cached)."""
    suffixes, by_suffix = load_suffix_rules()
    st = load_stems()
    shapes, alias = load_shapes()
    return EntityRules(
        suffix_re=regex.compile(_alternation(suffixes)),
        suffix_rule=by_suffix,
        **st,
        shapes=shapes,
        alias_decl=alias,
        gazetteer=load_gazetteer(),
    )


@dataclass(frozen=True, slots=True)
class _Cand:
    start: int  # normalised offsets
    end: int
    label: EntityLabel
    rule: str
    priority: int  # higher wins among equal lengths
    canonical: str | None = None
    info: tuple = ()
    head: int = -1  # where the type suffix starts (suffix rules only)


def _cut_stem(text: str, run_start: int, stem_end: int, R: EntityRules,
              label: EntityLabel | None = None) -> tuple[int, str | None]:
    """Start of the stem inside ``text[run_start:stem_end]`` after boundary cuts, and the cut id.

    >>> R = load_entity_rules()
    >>> t = "全力推动国家高端工程机械创新中心"
    >>> s, why = _cut_stem(t, 0, 12, R); t[s:12], why
    ('国家高端工程机械', 'verb.intro')
    >>> t = "园区制造业提升行动"
    >>> s, _ = _cut_stem(t, 0, 7, R); t[s:7]
    '园区制造业提升'
    """
    protected: list[tuple[int, int]] | None = None  # found on the first boundary hit only

    def free(a: int, b: int) -> bool:
        nonlocal protected
        if protected is None:
            protected = [] if R.protect_re is None else [
                (m.start(), m.end()) for m in
                R.protect_re.finditer(text, run_start, stem_end, overlapped=True)]
        return not any(ps <= a and b <= pe and (ps, pe) != (a, b) for ps, pe in protected)

    start, why = run_start, None
    lab = label.value if label is not None else ""
    for bid, mode, pat, not_for in R.cuts:
        if mode != "last" or lab in not_for:
            continue
        best = -1
        for m in pat.finditer(text, start, stem_end, overlapped=True):
            if m.end() > best and m.end() > m.start() and free(m.start(), m.end()):
                best = m.end()
        if best > start:
            start, why = best, bid
    # inner verbs cut only where the stem would begin with them (打造湘江科学城 → 湘江科学城)
    if start == run_start and run_start > 0 and text[run_start - 1] == "、":
        return start, why  # a list of names: 服务创誉专项行动 after 、 keeps its verb
    for bid, mode, pat, not_for in R.cuts:
        if mode != "leading" or lab in not_for:
            continue
        while True:
            m = pat.match(text, start, stem_end)
            if m and not free(m.end() - 1, m.end()):
                break  # the verb is part of a longer word (发展和改革委员会)
            if not m or m.end() == m.start():
                break
            start, why = m.end(), bid
            if start >= stem_end:
                break
    return start, why


def _stem_ok(stem: str, rule: SuffixRule, R: EntityRules) -> str | None:
    """None when the stem can name something, else why not."""
    n = len(stem)
    if n < rule.min_stem:
        return "short"
    if stem[0] in "（(":
        return "parenthesis"  # a cut inside 国家大数据（贵州）综合试验区: no name starts with an aside
    if n > (rule.max_stem or R.max_stem):
        return "long"
    if rule.stem_pattern is not None and not rule.stem_pattern.search(stem):
        return "stem_pattern"
    if (rule.label is not EntityLabel.INSTITUTION and not rule.place_stem_ok
            and R.place_only.match(stem)):
        return "place_only"
    # a body's stem pattern already says what it is made of (东莞市发展和改革局 reads as verbs)
    if R.verb_only.fullmatch(stem) and not (rule.label is EntityLabel.INSTITUTION
                                            and rule.stem_pattern is not None):
        return "verb"
    residual = R.generic_re.sub("", stem)
    residual = _NON_WORD.sub("", residual)
    if len(residual) < rule.min_residual:
        return "generic"
    if R.numbered_set.search(stem):
        return "numbered_set"
    if rule.label is not EntityLabel.INSTITUTION and not rule.place_stem_ok:
        core = R.designation_re.sub("", stem)
        if core != stem and R.place_only.match(core):
            return "designation"
    return None


def _suffix_candidates(text: str, R: EntityRules, explain: bool) -> list[_Cand]:
    out = []
    for s, e, suf in R.suffix_hits(text):
        rule = R.suffix_rule[suf]
        after = text[e : e + 16]
        if rule.not_after is not None and rule.not_after.match(after):
            continue
        if rule.require_after is not None and not rule.require_after.match(after):
            continue
        lo = max(0, s - 40)
        rm = R.run_re.match(text, lo, s)
        run_start = rm.start() if rm else s
        if s - run_start < rule.min_stem:
            continue  # cuts only shorten the stem, so _stem_ok would say "short" anyway
        stem_start, cut = _cut_stem(text, run_start, s, R, rule.label)
        if rule.extra_cut is not None:
            ends = [x.end() for x in rule.extra_cut.finditer(text, stem_start, s)]
            if ends:
                stem_start, cut = ends[-1], "extra_cut"
        # `X·Y…`: when X is a name already (海归小镇·湘商总部基地研发中心), the name starts after it
        dot = text.rfind("·", stem_start, s)
        if dot > stem_start:
            inner = list(R.suffix_re.finditer(text, stem_start, dot, overlapped=True))
            if inner:
                stem_start = max(x.end() for x in inner)
                stem_start, cut = (dot + 1 if stem_start == dot else stem_start), "dot_after_name"
        sm = R.strip_always.match(text[stem_start:s])
        if sm:
            stem_start += sm.end()
        if (rule.label is not EntityLabel.INSTITUTION
                and R.designation_start.match(text[stem_start:s])):
            continue
        if not rule.keep_leading:
            sm = R.strip_leading.match(text[stem_start:s])
            if sm:
                stem_start += sm.end()
        if (rule.label is EntityLabel.PLATFORM and stem_start - 1 > run_start
                and text[stem_start - 1] in _JOIN):
            # `机器人控制与驱动技术创新中心`: 与/和 joins two fields of one platform's name
            # when the part before it names nothing itself (`A实验室与B中心` stays two)
            left = _cut_stem(text, run_start, stem_start - 1, R, rule.label)[0]
            if stem_start - 1 - left >= 2 and not R.suffix_re.search(text, left, stem_start - 1):
                stem_start, cut = left, "joined_fields"
        stem = text[stem_start:s]
        if _stem_ok(stem, rule, R) is not None:
            continue
        out.append(_Cand(stem_start, e, rule.label, rule.id, 1,
                         info=(("suffix", suf), ("cut", cut)) if explain else (), head=s))
    return _split_enterprise_prefix(out, R)


def _split_enterprise_prefix(cands: list[_Cand], R: EntityRules) -> list[_Cand]:
    """A park or body written before a company is not part of it (火炬高新区管委会厦门天马…有限公司)."""
    others = sorted((c.start, c.end) for c in cands if c.label is not EntityLabel.ENTERPRISE)
    if not others:
        return cands
    starts = [os for os, _ in others]  # only the names starting inside the company are looked at
    out = []
    for c in cands:
        if c.label is EntityLabel.ENTERPRISE and c.head > c.start:
            lo, hi = bisect.bisect_left(starts, c.start), bisect.bisect_right(starts, c.head)
            cut = max((oe for _, oe in others[lo:hi] if oe <= c.head), default=-1)
            if cut > c.start:
                if c.head - cut < 2:
                    continue
                c = _Cand(cut, c.end, c.label, c.rule, c.priority, c.canonical,
                          c.info + (("split_after", cut),), c.head)
        out.append(c)
    return out


def _list_items(text: str, s: int, e: int, rule: ShapeRule, R: EntityRules) -> list[_Cand]:
    """Items of ``A、B…和H`` in ``text[s:e]``; the first loses the verb that introduces the list."""
    out = []
    pos = s
    for m in _LIST_SEP.finditer(text, s, e):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, e))
    first_s, first_e = out[0]
    out[0] = (_cut_stem(text, first_s, first_e, R, rule.label)[0], first_e)
    return [_Cand(a, b, rule.label, rule.id, 2) for a, b in out if b - a >= 2]


def _title_ok(title: str, rule: ShapeRule) -> bool:
    return rule.title_end is None or bool(rule.title_end.search(title.rstrip()))


def _shape_candidates(text: str, R: EntityRules, explain: bool) -> list[_Cand]:
    out = []
    for rule in R.shapes:
        if rule.emit in _LIST_EMITS:
            continue  # needs the names found first: _listed_items
        for m in rule.finditer(text):
            if rule.emit == "list_items":
                out.extend(_list_items(text, m.start(1), m.end(1), rule, R))
                continue
            if rule.emit == "quoted_items":
                for q in _QUOTED.finditer(m.group()):
                    out.append(_Cand(m.start() + q.start(1), m.start() + q.end(1), rule.label,
                                     rule.id, 2))
                continue
            s, e = m.span(rule.group)
            if e <= s or not _title_ok(text[s:e], rule):
                continue
            # a POLICY_DOC is whatever 《》 hold; it outranks names inside the title
            pr = 5 if rule.label is EntityLabel.POLICY_DOC else 2
            out.append(_Cand(s, e, rule.label, rule.id, pr))
    return out


def _listed_items(text: str, chosen: list[_Cand], R: EntityRules) -> list[_Cand]:
    """Items of ``A、B、C等…企业`` where one item is already a name of the rule's label: the others are too.

    A list closed by a kind word names things of one kind; a known firm among them says
    which kind (三一重工、中联重科、山河智能等本土龙头企业). ``named_list_items`` rules need no
    known item: their closing words alone say the items are names (博世力士乐、卡特彼勒、道依茨等7家
    世界500强企业). Items must be short name-like runs that are not generic words, and never
    overlap a name found already.

    >>> R = load_entity_rules()
    >>> t = "既有联塑集团、德冠等本土企业增资扩产"
    >>> known = [_Cand(2, 6, EntityLabel.ENTERPRISE, "x", 1)]
    >>> [t[c.start:c.end] for c in _listed_items(t, known, R)]
    ['德冠']
    >>> _listed_items("推动汽车、生物医药等企业", [], R)
    []
    """
    rules = [r for r in R.shapes if r.emit in _LIST_EMITS]
    if not rules:
        return []
    spans = {(c.start, c.end): c.label for c in chosen}
    starts = sorted((c.start, c.end) for c in chosen)
    out = []
    for rule in rules:
        named = rule.emit == "named_list_items"
        if named:
            matches = rule.finditer(text)
        else:
            # only the clauses holding a name of the label can hold such a list: scan those alone
            known = sorted(c.start for c in chosen if c.label is rule.label)
            windows, done = [], -1
            for ks in known:
                if ks < done:
                    continue
                lo = rule.window_back.match(text, 0, ks).start()
                done = rule.window.match(text, ks).end()
                windows.append((lo, done))
            matches = (m for lo, hi in windows for m in rule.pattern.finditer(text, lo, hi))
        for m in matches:
            s, e = m.span(1)
            items, pos = [], s
            for sep in _ITEM_SEP.finditer(text, s, e):
                items.append((pos, sep.start()))
                pos = sep.end()
            items.append((pos, e))
            items[0] = (_cut_stem(text, items[0][0], items[0][1], R, rule.label)[0], items[0][1])
            if not named and not any(spans.get(it) is rule.label for it in items):
                continue
            for a, b in items:
                sm = R.strip_leading.match(text, a, b)
                a = sm.end() if sm else a
                run = R.run_re.match(text, a, b)  # a reverse pattern: the run ending at b
                if (a, b) in spans or not 2 <= b - a <= 8 or run is None or run.start() != a:
                    continue
                if len(_NON_WORD.sub("", R.generic_re.sub("", text[a:b]))) < 2:
                    continue
                i = bisect.bisect_left(starts, (b, -1))
                if any(cs < b and a < ce for cs, ce in starts[max(0, i - 1):i + 1]):
                    continue
                out.append(_Cand(a, b, rule.label, rule.id, 1))
    return out


def _gazetteer_candidates(text: str, R: EntityRules) -> list[_Cand]:
    a = R.automaton()
    if a is None:
        return []
    out = []
    for end_idx, (surface, entry) in a.iter(text):
        e = end_idx + 1
        out.append(_Cand(e - len(surface), e, entry.label, "gazetteer", 3, entry.id))
    return out


def _resolve(cands: list[_Cand]) -> list[_Cand]:
    """Flat, non-overlapping: POLICY_DOC titles first, then longest, then priority, then leftmost."""
    order = sorted(cands, key=lambda c: (-(c.priority >= 5), -(c.end - c.start), -c.priority,
                                         c.start))
    taken: list[_Cand] = []
    starts: list[int] = []  # taken spans are disjoint: sorted starts and their ends suffice
    ends: list[int] = []
    for c in order:
        i = bisect.bisect_right(starts, c.start)
        if (i > 0 and ends[i - 1] > c.start) or (i < len(starts) and starts[i] < c.end):
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        taken.append(c)
    return sorted(taken, key=lambda c: c.start)


def _aliases(text: str, chosen: list[_Cand], R: EntityRules) -> list[_Cand]:
    """``名称(简称“X”)`` declares X a mention of the name before it."""
    out = []
    for c in chosen:
        m = R.alias_decl.match(text, c.end)
        if m:
            out.append(_Cand(m.start(1), m.end(1), c.label, "alias_declared", 4, c.canonical,
                             (("alias_of", text[c.start:c.end]),)))
    return out


def _propagate(text: str, chosen: list[_Cand], min_len: int = 3) -> list[_Cand]:
    """Every other occurrence of a name found once (GUIDELINES: every occurrence is annotated).

    Matched with one Aho–Corasick pass over the text with its line breaks taken out, so a
    mention broken by a hard line break the view kept (大\\n创园) is found too.
    """
    import ahocorasick

    names: dict[str, _Cand] = {}
    for c in chosen:
        name = text[c.start:c.end].replace("\n", "")
        if c.label is EntityLabel.POLICY_DOC or len(name) < min_len:
            continue  # a title is a title only inside 《》
        names.setdefault(name, c)
    if not names:
        return []
    auto = ahocorasick.Automaton()
    for n in names:
        auto.add_word(n, n)
    auto.make_automaton()
    runs = [(m.start(), m.end()) for m in _LINE_RUN.finditer(text)]
    flat = "".join(text[a:b] for a, b in runs)
    cum = [0]
    for a, b in runs:
        cum.append(cum[-1] + b - a)

    def orig(f: int) -> int:
        i = bisect.bisect_right(cum, f) - 1
        return runs[i][0] + f - cum[i]

    hits = []
    for end_idx, n in auto.iter(flat):
        s, e = orig(end_idx - len(n) + 1), orig(end_idx) + 1
        src = names[n]
        if s != src.start:
            hits.append(_Cand(s, e, src.label, src.rule, 0, src.canonical,
                              (("propagated_from", src.start),)))
    return hits


def find_entities(norm: NormalizedText, seg: Segmentation | None, use_gazetteer: bool = True,
                  explain: bool = False) -> list[Entity]:
    """Rule-stage entities of one document, in raw offsets.

    >>> from policy_extract.text.normalize import normalize
    >>> n = normalize("围绕企业数字化转型,加快推进“智赋万\\n\\n企”行动计划,推动湘江科学城建设。")
    >>> [(e.text, e.label.value) for e in find_entities(n, None, use_gazetteer=False)]
    [('“智赋万\\n\\n企”行动计划', 'PROGRAM'), ('湘江科学城', 'PARK')]
    """
    R = load_entity_rules()
    text = norm.text
    cands = _suffix_candidates(text, R, explain) + _shape_candidates(text, R, explain)
    gaz: dict[str, GazEntry] = R.gazetteer if use_gazetteer else {}
    if use_gazetteer:
        cands += _gazetteer_candidates(text, R)
    chosen = _resolve(cands)
    extra = _listed_items(text, chosen, R)
    if extra:
        chosen = _resolve(chosen + extra)
    extra = _aliases(text, chosen, R)
    if extra:
        chosen = _resolve(chosen + extra)
    extra = _propagate(text, chosen)
    if extra:
        chosen = _resolve(chosen + extra)
    out = []
    for c in chosen:
        rs, re_, raw = norm.raw_text(c.start, c.end, clip_markup=False)
        canonical = c.canonical
        if canonical is None and gaz:
            hit = gaz.get(text[c.start:c.end])
            if hit is not None and hit.label is c.label:
                canonical = hit.id
        evidence = None
        if explain:
            evidence = {"rule": c.rule, **dict(c.info)}
        out.append(Entity(rs, re_, raw, c.label, canonical=canonical, source="rules",
                          evidence=evidence))
    return out


class EntityRuler:
    """Sets ``doc._.pe.rule_entities`` from :func:`find_entities`."""

    def __init__(self, use_gazetteer: bool = True):
        self.use_gazetteer = use_gazetteer
        load_entity_rules()  # fail at pipeline build time, not on the first document

    def __call__(self, doc: Doc) -> Doc:
        st = get_state(doc)
        st.rule_entities = find_entities(st.norm, st.seg, self.use_gazetteer, st.explain)
        return doc


@Language.factory("policy_entity_ruler", default_config={"use_gazetteer": True})
def make_entity_ruler(nlp: Language, name: str, use_gazetteer: bool) -> EntityRuler:
    return EntityRuler(use_gazetteer)
