"""Structure cues (``data/zh/structure_cues.json``), compiled once and validated at load.

Used by :mod:`policy_extract.text.segment` (article headlines) and by the
``policy_nodes`` component (headings, enumerators, tasks, actions, counts).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..rules.loader import check_keys, compile_regex, load_json, validate_rules

_KEYS = ["review_enumerated", "inline_enumerator", "not_task_opening", "numbering",
         "dash_heading", "table_title", "heading_min_chars", "heading_max_chars",
         "dash_heading_max_chars", "title_max_chars", "heading_end_forbidden", "doc_title",
         "title_trailer", "first_headline_within", "enumerators", "task_verbs", "task_adverbs",
         "modal", "modal_subject_max", "task_sentence_max", "title_sentence_max",
         "title_sentence_min_following", "list_sentence_max", "list_min_sentences",
         "list_verb_share", "clause_delims", "time_lead", "action", "counts", "review_cues",
         "plan_cues", "target_heading", "spaced_heading", "question_heading_max_chars",
         "dash_sentence_max_chars", "first_line_title_max_chars", "not_headline",
         "run_in_review_heading", "topic_noun", "part_heading", "line_continues", "not_heading",
         "review_opening", "plan_opening", "opening_chars", "target_cue", "item_lead", "figure",
         "target_list_min", "inline_bullet", "bullet_notes", "inline_bullets_min",
         "action_heading", "speaker_title", "run_in_target", "command_lead", "means_lead",
         "principle", "attachment_list", "attachment_mark", "original_title", "command_pos",
         "headline_stamp", "review_enumerated_opening"]
# regex cues whose StructureCues field has the name of their data key
_SAME_NAME_PATTERNS = ("dash_heading", "table_title", "topic_noun", "doc_title", "title_trailer",
                       "time_lead", "target_heading", "spaced_heading", "not_headline",
                       "review_enumerated", "inline_enumerator", "not_task_opening",
                       "part_heading", "not_heading", "review_opening", "plan_opening",
                       "target_cue", "item_lead", "figure", "inline_bullet", "bullet_notes",
                       "command_lead", "means_lead", "principle", "attachment_list",
                       "attachment_mark", "original_title", "action_heading", "speaker_title",
                       "run_in_target", "headline_stamp", "review_enumerated_opening")
_ACTION_KEYS = ["suffix", "not_followed_by", "name_max_chars", "name_min_chars", "stop_chars",
                "intro_verbs", "list_intro", "list_end", "list_stop_chars", "list_and",
                "list_after"]


@dataclass(frozen=True)
class Numbering:
    id: str
    pattern: regex.Pattern
    level: int
    always_section: bool  # 一、/（一）: a section even when the sentence runs on


@dataclass(frozen=True)
class StructureCues:
    numbering: tuple[Numbering, ...]
    dash_heading: regex.Pattern
    table_title: regex.Pattern
    heading_min: int
    topic_noun: regex.Pattern
    heading_max: int
    dash_heading_max: int
    title_max: int
    heading_end_forbidden: frozenset[str]
    doc_title: regex.Pattern
    title_trailer: regex.Pattern
    first_headline_within: int
    enumerators: tuple[tuple[str, regex.Pattern], ...]
    task_open: regex.Pattern  # (adverb)* verb at the start of a clause
    modal_task: regex.Pattern  # subject + 将 + (adverb)* verb
    task_sentence_max: int
    title_sentence_max: int
    title_sentence_min_following: int
    list_sentence_max: int
    list_min_sentences: int
    list_verb_share: float
    clause_delims: frozenset[str]
    time_lead: regex.Pattern
    action_name: regex.Pattern  # the suffix, not followed by 方案/计划
    action_stop: frozenset[str]
    action_min: int
    action_max: int
    action_intro: regex.Pattern
    action_list_intro: regex.Pattern
    action_list_end: regex.Pattern  # `等` before a count that closes a list
    action_list_stop: frozenset[str]  # where such a list starts at the latest
    action_list_and: tuple[str, ...]  # the last item is joined by one of these
    action_list_after: regex.Pattern  # `，包括` / `：` between a count and the list it opens
    counts: tuple[tuple[str, str, regex.Pattern], ...]  # (id, kind, pattern)
    review: regex.Pattern
    plan: regex.Pattern
    target_heading: regex.Pattern
    spaced_heading: regex.Pattern  # `前 言`: a short heading set with spaces between its characters
    question_max: int  # a short standalone question (`“链长制”要怎么干？`) is a heading
    dash_sentence_max: int  # `——产业能级实现新跨越。…`: a short first sentence heads the line
    first_line_max: int  # a file's first line run on into the lead is still its headline up to this
    not_headline: regex.Pattern  # such a first line is a time stamp or a speaker/byline instead
    run_in_review: regex.Pattern  # `农业生产稳中有进。…`: a review paragraph's topic phrase
    review_enumerated: regex.Pattern  # `：一是疫情防控取得重大战略成果；二是…` inside a review
    inline_enumerator: regex.Pattern  # `…具体措施。一是…。二是…` inside a paragraph
    not_task_opening: regex.Pattern  # `坚持以…为指导`: the guiding thought, no task
    part_heading: regex.Pattern  # `前 言`, `结束语`: a part of the document beside its chapters
    line_continues: frozenset[str]  # a line opening on one of these runs on the line before it
    not_heading: regex.Pattern  # a short line that is no heading (no Chinese, ends on `的`)
    review_opening: regex.Pattern  # an opening that reports results (统计局, 同比增长, 获悉)
    plan_opening: regex.Pattern  # an opening that names a plan (到2025年, 方案, 提出)
    opening_chars: int
    target_cue: regex.Pattern  # what a run of targets follows (`目标是：`, `到2025年，`)
    item_lead: regex.Pattern  # a target's lead that stays out of its span (`到2020年`, `其中`)
    figure: regex.Pattern  # a figure with its unit (`5.5%`, `1100万人`, `倍增`)
    target_list_min: int
    inline_bullet: regex.Pattern  # ` - ` between the items of a flattened bulleted outline
    bullet_notes: regex.Pattern  # an item's closing notes (`[2][6]`) and the heading after them
    inline_bullets_min: int
    command_lead: regex.Pattern  # `要`, `并`: before a command in a ；-list, outside its span
    means_lead: regex.Pattern  # `以培育打造重点剧目为抓手，`: a lead that belongs to its command
    principle: regex.Pattern  # `坚持调结构、促转型；坚持…`: a list of principles, no commands
    attachment_list: regex.Pattern  # `附件：1.…任务清单`: what a notice attaches, no nodes
    attachment_mark: regex.Pattern  # `附件1` on its own line: the attached document's title follows
    original_title: regex.Pattern  # `原标题：` before a headline; `（原标题：…）` is a note, no headline
    headline_stamp: regex.Pattern  # `…统计公报 2022`: a page's year stamp after its headline
    review_enumerated_opening: regex.Pattern  # `一是继续创新和加强宏观调控，…。` opening a review paragraph
    command_pos: frozenset[str]  # jieba tags of a first word that opens a command in a list
    command_pos_words: frozenset[str]  # first words of a command whatever their tag (把)
    command_pos_not: frozenset[str]  # verbs that report, never command (据悉, 指出, 强调)
    action_heading: regex.Pattern  # a heading naming an action (`（一）实施企业梯度培育行动`)
    speaker_title: regex.Pattern  # `国务院总理` over a spaced name (`李　强`): a byline
    run_in_target: regex.Pattern  # `就业规模稳步扩大，就业质量进一步提升。…` after targets

    def standalone(self, text: str, max_chars: int, min_chars: int = 1) -> bool:
        """A short line that does not end or break off a sentence: a heading or title shape.

        >>> c = load_structure_cues()
        >>> c.standalone("创新力融合，抢占未来赛道", 30), c.standalone("招商量质齐升。", 30)
        (True, False)
        >>> c.standalone("围绕企业数字化转型，加快推进“智赋万", 30)  # broken inside a quote
        False
        """
        return (max(min_chars, 1) <= len(text) <= max_chars and text[-1] not in self.heading_end_forbidden
                and text.count("“") == text.count("”") and text.count("（") == text.count("）"))

    def numbered(self, text: str) -> tuple[Numbering, regex.Match] | None:
        """The numbering a line opens with (``一、``, ``（一）``, ``1.``), if any."""
        for n in self.numbering:
            m = n.pattern.match(text)
            if m:
                return n, m
        return None


def _alt(words: list[str]) -> str:
    # longest first so 高质量 wins over 高
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


_INT_FIELDS = {  # StructureCues field: its key in the data file
    "heading_min": "heading_min_chars",
    "heading_max": "heading_max_chars",
    "dash_heading_max": "dash_heading_max_chars",
    "title_max": "title_max_chars",
    "first_headline_within": "first_headline_within",
    "task_sentence_max": "task_sentence_max",
    "title_sentence_max": "title_sentence_max",
    "title_sentence_min_following": "title_sentence_min_following",
    "list_sentence_max": "list_sentence_max",
    "list_min_sentences": "list_min_sentences",
    "question_max": "question_heading_max_chars",
    "dash_sentence_max": "dash_sentence_max_chars",
    "first_line_max": "first_line_title_max_chars",
    "opening_chars": "opening_chars",
    "target_list_min": "target_list_min",
    "inline_bullets_min": "inline_bullets_min",
}


@lru_cache(maxsize=4)
def load_structure_cues(name: str = "structure_cues.json") -> StructureCues:
    d = load_json(name)
    check_keys(d, file=name, required=_KEYS)
    check_keys(d["action"], file=f"{name}:action", required=_ACTION_KEYS)
    numbering = validate_rules(d["numbering"], file=f"{name}:numbering",
                               required=["id", "pattern", "level", "section"],
                               regex_keys=["pattern"], choices={"section": ["always", "standalone"]},
                               types={"level": int})
    enums = validate_rules(d["enumerators"], file=f"{name}:enumerators", required=["id", "pattern"],
                           regex_keys=["pattern"])
    counts = validate_rules(d["counts"], file=f"{name}:counts", required=["id", "kind", "pattern"],
                            regex_keys=["pattern"],
                            choices={"kind": ["section", "action", "task"]})

    def rx(key: str, pattern: str) -> regex.Pattern:
        return compile_regex(pattern, file=name, index="-", rule_id=key, key=key)

    verbs, advs = _alt(d["task_verbs"]), _alt(d["task_adverbs"])
    opener = f"(?:(?:{advs}))*(?:{verbs})"
    act = d["action"]
    return StructureCues(
        **{k: rx(k, d[k]) for k in _SAME_NAME_PATTERNS},
        **{f: int(d[k]) for f, k in _INT_FIELDS.items()},
        numbering=tuple(Numbering(r["id"], r["_re_pattern"], r["level"], r["section"] == "always")
                        for r in numbering),
        heading_end_forbidden=frozenset(d["heading_end_forbidden"]),
        enumerators=tuple((r["id"], r["_re_pattern"]) for r in enums),
        task_open=rx("task_verbs", opener),
        modal_task=rx("modal", f"(?P<subj>[^，。；：！？]{{0,{int(d['modal_subject_max'])}}}?)"
                               f"{d['modal']}(?P<task>{opener})"),
        list_verb_share=float(d["list_verb_share"]),
        clause_delims=frozenset(d["clause_delims"]),
        action_name=rx("action.suffix",
                       f"{regex.escape(act['suffix'])}(?!{act['not_followed_by']})"),
        action_stop=frozenset(act["stop_chars"]),
        action_min=int(act["name_min_chars"]),
        action_max=int(act["name_max_chars"]),
        action_intro=rx("action.intro_verbs", act["intro_verbs"]),
        action_list_intro=rx("action.list_intro", act["list_intro"]),
        action_list_end=rx("action.list_end", act["list_end"]),
        action_list_stop=frozenset(act["list_stop_chars"]),
        action_list_and=tuple(act["list_and"]),
        action_list_after=rx("action.list_after", act["list_after"]),
        counts=tuple((r["id"], r["kind"], r["_re_pattern"]) for r in counts),
        command_pos=frozenset(d["command_pos"]["tags"]),
        command_pos_words=frozenset(d["command_pos"]["words"]),
        command_pos_not=frozenset(d["command_pos"]["not_words"]),
        review=rx("review_cues", d["review_cues"]),
        plan=rx("plan_cues", d["plan_cues"]),
        run_in_review=rx("run_in_review_heading", d["run_in_review_heading"]),
        line_continues=frozenset(d["line_continues"]),
    )
