"""Stem limits (``entity_stems.json``): where a name's stem starts, and whether it can name something.

Shared by the recognizers that reach left from a type word or cut a list item: the
suffix rules (:mod:`.suffix`), ``A、B和C`` items (:mod:`.shapes`) and listed names
(:mod:`.listed`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import regex

from ...errors import Errors, RuleFileError
from ...rules.loader import check_keys, compile_regex, load_json, validate_rules
from ...schema import EntityLabel
from .base import _CUTS, _LABELS, _NON_WORD, _alternation

if TYPE_CHECKING:
    from .rules import EntityRules
    from .suffix import SuffixRule


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
        # the word lists of the word-list cuts: matched by Aho–Corasick (EntityRules.cut_automaton)
        "cut_words": {b["id"]: tuple(w for w in b["words"] if w) for b in bounds if "words" in b},
        "max_stem": int(d["max_stem"]),
        "cuts": cuts,
        "protect_words": tuple(w for w in prot if w),  # matched with the cut words (one pass)
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


def _cut_stem(text: str, run_start: int, stem_end: int, R: EntityRules,
              label: EntityLabel | None = None) -> tuple[int, str | None]:
    """Start of the stem inside ``text[run_start:stem_end]`` after boundary cuts, and the cut id.

    >>> from policy_extract.components.entities.rules import load_entity_rules
    >>> R = load_entity_rules()
    >>> t = "全力推动国家高端工程机械创新中心"
    >>> s, why = _cut_stem(t, 0, 12, R); t[s:12], why
    ('国家高端工程机械', 'verb.intro')
    >>> t = "园区制造业提升行动"
    >>> s, _ = _cut_stem(t, 0, 7, R); t[s:7]
    '园区制造业提升'
    """
    # the longest cut word and protected word (发展和改革委员会) at each position of the stem;
    # for the protected words, what protect_re.finditer(…, overlapped=True) finds
    words = _word_cut_hits(text, run_start, stem_end, R)
    protected = words.get(PROTECTED, {})

    def free(a: int, b: int) -> bool:
        return not protected or not any(ps <= a and b <= ps + n and (ps, ps + n) != (a, b)
                                        for ps, n in protected.items())

    last, leading = R.cut_plan(label)
    start, why = run_start, None
    for bid, pat, by_words in last:
        best = -1
        if by_words:
            # what pat.finditer(text, start, stem_end, overlapped=True) finds: the longest
            # word at each position, inside [start, stem_end)
            for s, n in words.get(bid, {}).items():
                if s >= start and s + n > best and free(s, s + n):
                    best = s + n
        else:
            for m in pat.finditer(text, start, stem_end, overlapped=True):
                if m.end() > best and m.end() > m.start() and free(m.start(), m.end()):
                    best = m.end()
        if best > start:
            start, why = best, bid
    # inner verbs cut only where the stem would begin with them (打造湘江科学城 → 湘江科学城)
    if start == run_start and run_start > 0 and text[run_start - 1] == "、":
        return start, why  # a list of names: 服务创誉专项行动 after 、 keeps its verb
    for bid, pat in leading:
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


PROTECTED = "\0not_boundary_in"  # the protected words' owner id in word_cut_automaton


def _word_cut_hits(text: str, lo: int, hi: int, R: EntityRules) -> dict[str, dict[int, int]]:
    """Per word-list cut (and :data:`PROTECTED`), ``{start: length}`` of its longest word at
    each position inside ``text[lo:hi]``: one Aho–Corasick pass for them all, on the stem's own
    slice (the automaton copies the whole string it is given: per stem, a long text quadratic).
    """
    out: dict[str, dict[int, int]] = {}
    for end_idx, (n, bids) in R.word_cut_automaton().iter(text[lo:hi]):
        s = lo + end_idx + 1 - n
        for bid in bids:
            longest = out.setdefault(bid, {})
            if n > longest.get(s, 0):
                longest[s] = n
    return out


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


__all__ = ["load_stems", "_cut_stem", "_stem_ok"]
