"""The paragraph rules, in the order they are tried (GUIDELINES §3).

Each rule takes one paragraph (:class:`.walk._Para`), makes nodes or not, and says
whether it consumed the paragraph; its ``@rule`` name goes into the evidence of the
nodes it makes. The heading rules are tried first, then the body rules; the first
that consumes the paragraph ends its turn. A new rule is one function here, placed
in ``HEADING_RULES`` or ``BODY_RULES``, with its cues in ``data/zh/structure_cues.json``.
"""

from __future__ import annotations

from ...schema import NodeKind
from .numerals import enum_value
from .walk import _Para


def rule(name: str):
    """Name a paragraph rule; the name goes into the evidence of the nodes it makes."""
    def deco(fn):
        fn.rule_name = name
        return fn
    return deco


# ---- heading rules (tried first; the first that consumes the paragraph ends its turn) ---

TOPIC_MAX = 8  # a topic is a few words (培育目标, 保障措施); a longer phrase ending in 任务 is an item


@rule("attachment_list")
def attachment_list(x: _Para) -> bool:
    """`附件：1.2025年县《政府工作报告》任务清单` and the numbered lines under it (`2.…`): the
    list of what a notice attaches names documents, no headings or tasks (the attached
    document's own title, after `附件1`, is still its headline)."""
    if x.c.attachment_list.match(x.text):
        x.w.last_kind = "attachment"
        return True
    # `2.2025年…` reads as a decimal to the numbering styles: a leading digit will do here
    return x.w.last_kind == "attachment" and x.standalone and \
        (x.num is not None or x.text[:1].isdigit())


@rule("numbered_heading")
def numbered_heading(x: _Para) -> bool:
    """`一、主要目标` / `（一）指导思想。坚持…`: a section by its numbering style.

    A numbered command that runs on (`（十四）强化农民增收举措。…`) is left to the task
    rules; `1.` and lower styles head a section only as a standalone line or in a review.
    """
    if x.num is None:
        return False
    n, m = x.num
    _raise_over_restart(x, n.id, enum_value(m.group()))
    b, t = x.b, x.b.text
    s0 = x.p.start + m.end()
    e0 = s0
    while e0 < x.p.end and t[e0] not in "。！？；":
        e0 += 1
    runs_on = not x.standalone and not x.review and e0 < x.p.end - 1
    command = runs_on and b.opens_task(s0, e0) is not None
    # a short run-in phrase naming a topic (`培育目标。培育一批…`, `1.指导思想。贯彻…`)
    topic = runs_on and t[e0] == "。" and e0 - s0 <= TOPIC_MAX and "，" not in t[s0:e0] and \
        x.c.topic_noun.search(t, s0, e0) is not None and \
        (e0 - s0 <= 4 or not command)  # 强化农民增收举措 is a command
    if not (n.always_section or x.standalone or x.review or topic):
        return False
    level = b.level_of(n.id)
    if _nested_heading(x, n.id, enum_value(m.group()), x.text[m.end():]):
        level += 1  # 二、“七五”时期的基本任务… / 一、确定适度的经济增长率…: a level below
        x.w.inner_list = None  # and it closes any list of items before it
    elif _list_item(x):
        return False
    if command and not topic and not b.heads_tasks(x.p):
        return False  # a command, not a topic (GUIDELINES §3)
    sec = b.open_section(s0, e0, level, True, n.id)
    sec.number = enum_value(m.group())
    if x.c.action_heading.search(t, s0, e0) and b.announced_one():
        sec.kind, x.w.action = NodeKind.ACTION, sec  # one of the announced actions
        sec.rule = f"announced:{n.id}"
    elif sec.review and e0 < x.p.end - 1:  # `（六）…稳步推进。粮食安全更加稳固。…`: run-ins
        b.run_in_review_heading(x.p, x.w.stack, x.w.art, after=e0 + 1)
    return True


def _list_item(x: _Para) -> bool:
    """A numbered line that is an item of a list, not a heading: it ends in `；`, or its
    numbering restarts at 1 inside an open section of the same style (`四、…` / `…以下三项：`
    / `一、节约能源…`) or goes on with such a list (`二、…`)."""
    n, m = x.num
    value, w = enum_value(m.group()), x.w
    if w.inner_list is not None and w.inner_list[0] == n.id and value == w.inner_list[1] + 1:
        w.inner_list = (n.id, value)
        return True
    w.inner_list = None
    top = w.stack[-1] if w.stack else None
    if x.text.endswith("；") or (value == 1 and top is not None and top.rule == n.id
                                 and (top.number or 0) > 1):
        w.inner_list = (n.id, value or 0)
        return True
    # one long sentence (`（一）要使粮食生产…比较适应。`) is an item of a list, not a heading
    body = x.text[m.end():]
    return not x.review and len(body) > x.c.heading_max + 1 and body.endswith("。") \
        and not any(ch in "。！？；" for ch in body[:-1])


def _nested_heading(x: _Para, style: str, value: int | None, body: str) -> bool:
    """A heading line (no sentence end in it) whose numbering restarts at 1 inside an open
    section of its own style, or goes on with such a restart, is a heading one level below
    that section (the 1986 national report: 二、“七五”时期的基本任务和主要建设方针 / 一、确定适度的
    经济增长率，… / 二、规定恰当的投资规模，… / 三、“七五”时期的经济体制改革 goes on with the
    outer numbering). A restarted line with a sentence in it is an item of a list (`一、节约能源…；`)."""
    w, line = x.w, x.text
    if any(ch in line for ch in "。；！？") or len(line) > 2 * x.c.heading_max or value is None \
            or not body.strip():
        return False  # an item (of a list inside the nested section), or a bare `一、`
    if w.nested is not None and w.nested[0] == style and value == w.nested[1] + 1:
        w.nested = (style, value)
        return True
    outer = next((s for s in reversed(w.stack) if s.rule == style and s.numbered), None)
    restart = value == 1 and outer is not None and (outer.number or 0) > 1
    w.nested = (style, 1) if restart else None
    return restart


def _raise_over_restart(x: _Para, style: str, value: int | None) -> None:
    """Numbering that restarts at 1 under an unnumbered heading (`三、…` / `…任务清单` /
    `一、…`) shows that heading stands above that numbering: it is moved up beside the
    numbered section it was put under."""
    w = x.w
    top = w.stack[-1] if w.stack else None
    same = next((s for s in reversed(w.stack) if s.rule == style), None)
    if value != 1 or top is None or top.numbered or same is None:
        return
    top.parent, top.level = same.parent, same.level - 1
    w.stack = [s for s in w.stack if s.level < top.level] + [top]
    if top.rule in ("line", "table"):
        w.levels["line"] = top.level  # the short lines that follow are its siblings


@rule("inline_bullets")
def inline_bullets(x: _Para) -> bool:
    """A bulleted outline flattened into one line (`宏观经济表现 - 经济总量… [2][5] - …
    创新驱动与产业升级 - …`): each heading is a section, each item under it a task (its
    opening phrase; the whole item under a `目标` heading), none in a review."""
    b, c, t = x.b, x.c, x.b.text
    cuts = [m for m in c.inline_bullet.finditer(t, x.p.start, x.p.end)]
    if len(cuts) < c.inline_bullets_min or cuts[0].start() - x.p.start > c.heading_max:
        return False
    head, first = (x.p.start, cuts[0].start()), None
    for k, m in enumerate(cuts):
        if head is not None:  # the outline's headings are a review as its first one is
            sec = b.open_section(head[0], head[1], b.level_of("bullet_heading"), False,
                                 "bullet_heading", None if first is None else first.review)
            first = first or sec
            x.w.after_heading, x.w.last_kind, head = False, None, None
        s0, e0 = m.end(), (cuts[k + 1].start() if k + 1 < len(cuts) else x.p.end)
        note = c.bullet_notes.search(t, s0, e0)  # `… [2][6] 总体目标与量化指标`
        if note is not None:
            if note.group("head") and len(note.group("head")) <= c.heading_max:
                head = (note.start("head"), note.end("head"))
            e0 = note.start()
        if not sec.review and e0 > s0:
            whole = c.target_heading.search(t, sec.start, sec.end) is not None
            x.task(s0, e0 if whole else b.phrase_end(s0, e0), "inline_bullet")
    return True


@rule("dash_outcome")
def dash_outcome(x: _Para) -> bool:
    """Under a `目标` heading a `——` line states an outcome (`——产业能级实现新跨越。规上工业
    增加值…；…`): its first sentence is a task and so is each target clause after it, all
    under the heading (GUIDELINES §3: `——` lines inside a target list)."""
    m = x.c.dash_heading.match(x.text)
    b, stack = x.b, x.w.stack
    if m is None or x.review or not stack or x.c.standalone(x.text, x.c.dash_heading_max) \
            or not x.c.target_heading.search(b.text[stack[-1].start : stack[-1].end]):
        return False
    x.w.after_heading, x.w.last_kind = False, None
    s0 = x.p.start + m.end()
    end = b.dash_sentence(s0, x.p.end) or b.phrase_end(s0, x.p.end)
    x.task(s0, end, "dash_outcome")
    for cs, ce in b.target_items(end + 1, x.p.end, listed=True, every=True):
        x.task(cs, ce, "target_clause")
    return True


@rule("dash_heading")
def dash_heading(x: _Para) -> bool:
    """`——推动优势产业做强做优` on a line of its own, even as one sentence ending in 。
    (`——拼经济、抓项目，党委、政府动起来、快起来。`): a section under the numbered one."""
    m = x.c.dash_heading.match(x.text)
    line = x.text[:-1] if x.text.endswith("。") and "。" not in x.text[:-1] else x.text
    if m is None or not x.c.standalone(line, x.c.dash_heading_max):
        return False
    x.b.open_section(x.p.start + m.end(), x.p.end, x.b.dash_level(x.w.stack), False, "dash")
    return True


@rule("dash_sentence")
def dash_sentence(x: _Para) -> bool:
    """`——产业能级实现新跨越。规上工业增加值…；…`: the first sentence heads the line; under
    a `目标` heading the clauses after it are targets, one task each."""
    m = x.c.dash_heading.match(x.text)
    if m is None:
        return False
    b = x.b
    ds = b.dash_sentence(x.p.start + m.end(), x.p.end)
    if not ds:
        return False
    sec = b.open_section(x.p.start + m.end(), ds, b.dash_level(x.w.stack), False,
                         "dash_sentence")
    x.w.after_heading, x.w.last_kind = False, None
    if not sec.review and any(x.c.target_heading.search(b.text[n.start : n.end])
                              for n in x.w.stack):
        for cs, ce in b.target_clauses(ds + 1, x.p.end):
            b.add(NodeKind.TASK, cs, ce, sec, "target_clause")
    elif sec.review:  # `——产业大转型…。坚持以项目推动转型。全县…`: the review's topic phrases
        b.run_in_review_heading(x.p, x.w.stack, x.w.art, after=ds + 1)
    return True


def _short_line(x: _Para) -> bool:
    """A short standalone line without `。` that something follows (not a dateline, not an
    enumerated item)."""
    c = x.c
    return (x.standalone and (len(x.text) >= c.heading_min or bool(c.spaced_heading.match(x.text))
                              or bool(c.part_heading.match(x.text)))
            and not x.dateline and "。" not in x.text and x.enum is None
            and not c.not_heading.search(x.text)
            and (x.p.start < x.b.last_body or x.w.last_kind in ("heading", "item")))


@rule("list_line")
def list_line(x: _Para) -> bool:
    """A run of short lines after a heading: a list of targets, one task each (a bare
    number such as a garbled date `2022519` is none)."""
    if not _short_line(x) or x.w.last_kind not in ("heading", "item") or x.review \
            or x.c.spaced_heading.match(x.text):
        return False
    if any(ch.isalpha() for ch in x.text):
        x.b.add(NodeKind.TASK, x.p.start, x.p.end, x.sec, "list_line")
    x.w.last_kind = "item"
    return True


@rule("short_line")
def short_line(x: _Para) -> bool:
    """A short standalone line (`抓平台建设，汇聚科创势能`, `表1 …`): a top-level section."""
    if not _short_line(x):
        return False
    m = x.c.table_title.match(x.text)
    style = "part" if x.c.part_heading.match(x.text) else "line"
    sec = x.b.open_section(x.p.start + (m.end() if m else 0), x.p.end, x.b.level_of(style),
                           False, "table" if m else "line")
    if x.c.action_heading.search(x.text) and x.b.announced_one():
        # `实施五大行动` then `实施数字峰会拓展提升行动` on a line of its own, its numbering lost
        sec.kind, x.w.action, sec.rule = NodeKind.ACTION, sec, "announced:line"
    return True


# ---- body rules --------------------------------------------------------------------------

@rule("run_in_review_heading")
def run_in_review_heading(x: _Para) -> bool:
    """A review paragraph makes no task; its run-in topic phrase (`农业生产稳中有进。…`) is
    a section. Datelines are consumed without a node."""
    if x.review and not x.dateline:
        x.b.run_in_review_heading(x.p, x.w.stack, x.w.art)
    return x.review or x.dateline


@rule("enumerated_outcomes")
def enumerated_outcomes(x: _Para) -> bool:
    """Outside a known review, a run of enumerated outcomes inside the paragraph (`…经受住了
    大战大考：一是疫情防控取得重大战略成果；二是…`) still reports results: each is a section
    when none of them opens on a task verb (`一是实施…` stays a task)."""
    b, t = x.b, x.b.text
    if x.enum is not None or x.num is not None:
        return False
    items = list(x.c.review_enumerated.finditer(t, x.p.start, x.p.end))
    if len(items) < 2 or any(b.opens_task(m.start("h"), m.end("h")) is not None for m in items):
        return False
    b.review_sections(items, x.w.stack, x.w.art)
    return True


@rule("counted_actions")
def counted_actions(x: _Para) -> bool:
    """`实施A、B…和H等八大行动`: each listed item is an action."""
    if x.num or x.enum:
        return False
    listed = x.b.counted_actions(x.p.start, x.p.end)
    if not listed:
        # `实施六大行动` with the names later: that many actions are looked for
        n = x.b.announced_actions(x.p.start, x.p.end)
        x.w.pending = [n, 0] if n else x.w.pending
        return False
    created = [x.b.add(NodeKind.ACTION, s, e, x.sec, "counted") for s, e in listed]
    for nd in created:
        x.w.actions[x.b.text[nd.start : nd.end]] = nd
    x.w.action = created[0]
    return True


@rule("named_actions")
def named_actions(x: _Para) -> bool:
    """`实施X行动和Y行动，…` introduces actions; a later mention switches tasks to one.

    `推深做实“五清一改”村庄清洁行动，…` opens a task instead (left to the task rules).
    """
    b, t, w = x.b, x.b.text, x.w
    names = b.action_names(x.p.start, x.p.end) if not (x.num or x.enum) else []
    if not names:
        return False
    first_clause = b.phrase_end(x.p.start, x.p.end)
    opening = b.opens_task(x.p.start, x.p.end) is not None
    intro = x.c.action_intro.match(t, x.p.start) is not None and names[0][0] <= first_clause
    if opening and not intro:
        return False
    new, switched = [], None
    # a new action is introduced in the first sentence, or later when a list follows
    first_end = x.p.end if b.opens_list(x.p) else x.sents[0][1]
    for s, e in names:
        name = t[s:e]
        known = next((a for nm, a in w.actions.items()
                      if name.endswith(nm) or nm.endswith(name)), None)
        if known is not None:
            switched = switched or known
        elif s < first_end:
            new.append((s, e))
    if new:
        created = [b.add(NodeKind.ACTION, s, e, x.sec, "named",
                         keep=len(new) >= 2 or x.b.announced_one())
                   for s, e in new]
        for nd, (s, e) in zip(created, new):
            w.actions[t[s:e]] = nd
        w.action = switched or created[0]
        return True
    w.action = switched
    return intro


@rule("numbered_item")
def numbered_item(x: _Para) -> bool:
    """A numbered item (`1. …`) that runs on: its opening phrase is a task."""
    if x.num is None:
        return False
    s0 = x.p.start + x.num[1].end()
    x.task(s0, x.b.phrase_end(s0, x.p.end), x.num[0].id)
    return True


@rule("enumerated_task")
def enumerated_task(x: _Para) -> bool:
    """`一是实施…` / `一方面，…` / `比如…` / `◆…`: the phrase after the enumerator is a task."""
    if x.enum is None:
        return False
    rid, m = x.enum
    if "task" in m.groupdict() and m.group("task"):
        x.task(x.p.start + m.start("task"), x.p.start + m.end("task"), rid)
    else:
        s0 = x.p.start + m.end()
        x.task(s0, x.b.phrase_end(s0, x.p.end), rid)
    return True


@rule("inline_enumerated_tasks")
def inline_enumerated_tasks(x: _Para) -> bool:
    """`…减排工作的具体措施。一是优化产业和能源结构，…。二是加强重点领域节能。…`: each item
    enumerated inside the paragraph opens a task, as one opening a paragraph does (with the
    paragraph's own `一是…` when it opens on one)."""
    b, t = x.b, x.b.text
    if x.review or x.num is not None:
        return False
    items = [m for m in x.c.inline_enumerator.finditer(t, x.p.start, x.p.end)
             if m.start() > x.p.start]
    if len(items) < 2:
        return False
    starts = [m.end() for m in items]
    if x.enum is not None and x.enum[0] == "n_shi":
        starts.insert(0, x.p.start + x.enum[1].end())
    off = len(starts) - len(items)  # 1 when the paragraph's own `一是` leads
    for k, s0 in enumerate(starts):
        end = items[k + 1 - off].start() if k + 1 < len(starts) else x.p.end
        x.task(s0, b.phrase_end(s0, end), "inline_enumerator")
    return True


@rule("target_run_in")
def target_run_in(x: _Para) -> bool:
    """After a paragraph that announces targets (`规划提出，到2020年，要实现以下目标：`), a
    paragraph opening on a short outcome phrase (`就业规模稳步扩大，就业质量进一步提升。…`)
    has that phrase as a task; its elaboration is not."""
    if not x.w.targets:
        return False
    m = x.c.run_in_target.match(x.text)
    if m is None:
        return False
    x.task(x.p.start + m.start("h"), x.p.start + m.end("h"), "target_run_in")
    return True


@rule("target_list")
def target_list(x: _Para) -> bool:
    """Targets run together in a paragraph (`主要预期目标是：国内生产总值增长5.5%左右；…`,
    `提出，到2025年，工业园区主营业务收入达到3000亿元，…`): one task per target."""
    b, c, stack = x.b, x.c, x.w.stack
    if b.opens_task(x.p.start, x.p.end) is not None or (
            stack and c.target_heading.search(b.text[stack[-1].start : stack[-1].end])):
        return False  # under a `目标` heading a paragraph is one target (`target_paragraph`)
    m = c.target_cue.search(b.text, x.p.start, x.p.end)
    if m is None:
        return False
    listed = m.group("list") is not None
    end = x.p.end
    if not listed:  # `…提出，到2025年，A，B…。`: that sentence
        stop = b.text.find("。", m.end(), x.p.end)
        end = x.p.end if stop < 0 else stop + 1
    items = b.target_items(m.end(), end, listed)
    figures = sum(1 for s, e in items if c.figure.search(b.text, s, e))
    if len(items) < c.target_list_min or figures < (1 if listed else c.target_list_min):
        return False
    for s, e in items:
        x.task(s, e, "target_list")
    return True


@rule("semicolon_commands")
def semicolon_commands(x: _Para) -> bool:
    """Commands run together with `；` (`各级各部门要统一思想，…；要强化协调，…；要加强督查，…。`,
    `会议提出，全面推动…；以培育打造重点剧目为抓手，推动…；…`): in a run of at least three
    items, two in three opening on a command, each command is a task (GUIDELINES §3: each
    item of a list)."""
    b, t = x.b, x.b.text
    s0, e0 = x.sents[0]
    if x.review or x.num is not None or x.enum is not None or \
            b.opens_task(x.p.start, x.p.end) is not None or _opens_on_title_sentence(x):
        return False  # a paragraph that opens on its task or topic: its ；-lists elaborate it
    runs: list[list[tuple[int, int]]] = [[]]
    colon = t.find("：", s0, min(e0, s0 + COLON_LEAD_MAX))
    for s, e in x.sents:
        runs[-1].append((s, e))
        # after a short lead ending in a colon (`“十件大事”是：`) every sentence is an item
        if t[e - 1] not in "；;" and colon < 0:
            runs.append([])
    found, rest = [], []
    for run in runs:
        if len(run) < SEMICOLON_COMMANDS_MIN:
            rest += run  # no list: its sentences are asked nothing (the tagger is not cheap)
            continue
        cmds = [m for k, (s, e) in enumerate(run) if (m := b.command_at(s, e, k == 0))]
        if len(cmds) >= SEMICOLON_COMMANDS_MIN and 3 * len(cmds) >= 2 * len(run):
            found += cmds
        else:
            rest += run
    if not found:
        return False
    for s, e in found:
        x.task(s, e, "semicolon_commands")
    for s, e in rest:  # the paragraph's other plans (`同时，还将加大…力度`), as modal_plan reads them
        span = b.modal_task(s, e)
        if span is not None:
            x.task(*span, "modal")
    return True


SEMICOLON_COMMANDS_MIN = 3  # two clauses joined by ； are a sentence, three a list
COLON_LEAD_MAX = 20  # `“十件大事”是：`, `具体行动包括：`: a lead, not a sentence with a colon in it


@rule("sentence_list")
def sentence_list(x: _Para) -> bool:
    """A paragraph of short imperative sentences under a numbered heading: one task each."""
    c, sents = x.c, x.sents
    formal = not x.w.stack or x.w.stack[-1].numbered
    if not (formal and len(sents) >= c.list_min_sentences
            and all(e - s <= c.list_sentence_max for s, e in sents)):
        return False
    opening = [s for s, e in sents if x.b.opens_task(s, e) is not None]
    if len(opening) < c.list_verb_share * len(sents):
        return False
    for s, e in sents:
        if s in opening:
            x.task(s, e, "list_sentence")
    return True


@rule("verb_opening")
def verb_opening(x: _Para) -> bool:
    """A paragraph opening on a task verb (`夯实人工智能底座。…`): its opening phrase."""
    if x.lead or x.b.opens_task(x.p.start, x.p.end) is None:
        return False
    x.task(x.p.start, x.b.phrase_end(x.p.start, x.p.end), "verb")
    return True


@rule("means_opening")
def means_opening(x: _Para) -> bool:
    """A paragraph opening on a means lead and its command (`以农业结构调整优化为重点，推进现代
    农业建设。…`): the lead and the command are its task."""
    b = x.b
    m = x.c.means_lead.match(b.text, x.p.start, x.p.end)
    if x.lead or m is None or b.command_at(m.end(), x.p.end, False) is None:
        return False
    x.task(x.p.start, b.phrase_end(m.end(), x.p.end), "means_lead")
    return True


@rule("modal_plan")
def modal_plan(x: _Para) -> bool:
    """`…将 + verb` (`长沙将健全科技金融支持体系`); one that runs on heads a list of
    siblings (`；成立…；加快…`)."""
    b, sents = x.b, x.sents
    for i, (s, e) in enumerate(sents):
        span = b.modal_task(s, e)
        if span is None or x.c.principle.match(b.text, span[0], span[1]):
            continue  # `将坚持“两型三化”发展方向`: a principle stated, as in a ；-list
        ts, te = span
        x.task(ts, te, "modal")
        if te < e - 1 or b._runs_on(ts, e):
            for s2, e2 in sents[i + 1 :]:
                span2 = b.modal_task(s2, e2)
                if span2 is not None:
                    x.task(*span2, "modal")
                elif b.opens_task(s2, e2) is not None:
                    x.task(s2, b.phrase_end(s2, e2), "sibling")
        return True
    return False


@rule("colon_commands")
def colon_commands(x: _Para) -> bool:
    """Commands run together after a colon (`要做好11个方面任务的落实：奋力打造…，加快发展…，
    全面推进乡村振兴，…。`): when at least three clauses, two in three of them, open on a
    task verb, each of those is a task (GUIDELINES §3: each item of a list)."""
    b, t = x.b, x.b.text
    stop = t.find("。", x.p.start, x.p.end)
    stop = x.p.end if stop < 0 else stop
    colon = t.find("：", x.p.start, stop)
    if colon < 0:
        return False
    end = min(stop + 1, x.p.end)
    if "；" in t[colon:end]:  # items cut at ；: each opens on its command, then elaborates
        items, a = [], colon + 1
        for i in [*(j for j in range(colon + 1, end) if t[j] == "；"), end]:
            items.append((a, b.phrase_end(a, i)))
            a = i + 1
    else:  # only commas: each clause is one command
        items = [(a, z) for a, z, _ in b.clauses(colon + 1, end)]
    items = [(a, z) for a, z in items if z - a >= 4]
    verbs = [(a, z) for a, z in items if b.opens_task(a, z) is not None]
    if len(verbs) < COLON_COMMANDS_MIN or 3 * len(verbs) < 2 * len(items):
        return False
    for a, z in verbs:
        x.task(a, z, "colon_commands")
    return True


COLON_COMMANDS_MIN = 3  # two commands after a colon are a sentence, three a list


@rule("colon_list")
def colon_list(x: _Para) -> bool:
    """A colon list: `其他举措同样亮点纷呈：加快…；推动…；推动…`."""
    b, colon = x.b, x.text.find("：")
    if not (0 < colon < 20 and len(x.sents) > 1):
        return False
    s0 = x.p.start + colon + 1
    if b.opens_task(s0, x.p.end) is None:
        return False
    x.task(s0, b.phrase_end(s0, x.p.end), "colon")
    for s2, e2 in x.sents[1:]:
        if b.opens_task(s2, e2) is not None:
            x.task(s2, b.phrase_end(s2, e2), "sibling")
    return True


@rule("target_paragraph")
def target_paragraph(x: _Para) -> bool:
    """A target paragraph under a `目标` heading: `到2026年，…产业体系持续深化完善`."""
    b, c, t, stack = x.b, x.c, x.b.text, x.w.stack
    first = t[x.p.start : b.phrase_end(x.p.start, x.p.end)]
    if not (stack and c.target_heading.search(t[stack[-1].start : stack[-1].end])
            and c.time_lead.match(first.split("，")[0])):
        return False
    x.task(x.p.start, b.phrase_end(x.p.start, x.p.end), "target")
    return True


@rule("title_sentence")
def title_sentence(x: _Para) -> bool:
    """A short title sentence opening a paragraph of a news section (`招商量质齐升。…`)."""
    c, stack, sents = x.c, x.w.stack, x.sents
    if x.lead or not stack or stack[-1].numbered or len(sents) <= 1 \
            or len(sents) - 1 < c.title_sentence_min_following:
        return False
    if not _opens_on_title_sentence(x):
        return False
    x.task(*sents[0], "title_sentence")
    return True


def _opens_on_title_sentence(x: _Para) -> bool:
    """Does the paragraph open on a short sentence ending in 。 (`招商量质齐升。…`)?"""
    s, e = x.sents[0]
    return e - s <= x.c.title_sentence_max + 1 and x.b.text[e - 1] == "。"


HEADING_RULES = (attachment_list, numbered_heading, inline_bullets, dash_outcome, dash_heading,
                 dash_sentence, list_line, short_line)
BODY_RULES = (run_in_review_heading, enumerated_outcomes, counted_actions, named_actions,
              numbered_item, inline_enumerated_tasks, enumerated_task, target_run_in, target_list,
              semicolon_commands, sentence_list, colon_commands, verb_opening, means_opening,
              modal_plan, colon_list, target_paragraph, title_sentence)
