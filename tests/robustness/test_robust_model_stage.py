"""The trained entity stage on one long unpunctuated line (issue 19 #4, #5).

The model read the whole document at once (9.5 GB on a 10 MB page), and the gap filter
and the merge compared every model entity with every rule entity (quadratic). Now it
reads a sentence, or 256 tokens of a longer one, at a time. Checked by the peak of
traced memory, by counting reads of entity fields, and (slow) by CPU seconds, best of
several runs; never wall-clock.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from policy_extract.pipeline import default_model_path
from policy_extract.schema import Entity

pytestmark = [pytest.mark.model,
              pytest.mark.skipif(not (default_model_path() / "meta.json").is_file(),
                                 reason="no trained model shipped (policy-extract train)")]

ROOT = Path(__file__).resolve().parents[2]
# one line: the seeds without punctuation or line breaks (names, figures, no sentence end)
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
LINE = re.sub(r"[\s。！？!?；;…，、：:“”（）()]+", "",
              "".join(p.read_text(encoding="utf-8") for p in SEEDS))


def _line(n: int) -> str:
    return (LINE * (n // len(LINE) + 1))[:n]


def test_model_stage_memory_does_not_grow_with_the_line():
    """Peak memory the stage allocates (numpy arrays included) on 20k vs 80k chars: flat,
    where a whole-document parse grows 4× (42 → 169 MiB)."""
    import tracemalloc

    import policy_extract

    nlp = policy_extract.load("model")
    me = nlp.nlp.get_pipe("policy_model_entities")
    peaks = []
    for n in (20_000, 80_000):
        doc = _until_model_stage(nlp, _line(n))
        tracemalloc.start()
        try:
            base = tracemalloc.get_traced_memory()[0]
            me(doc)
            peaks.append(tracemalloc.get_traced_memory()[1] - base)
        finally:
            tracemalloc.stop()
        assert doc._.pe.model_entities, "the model found nothing on the line"
    assert peaks[1] < 1.5 * peaks[0], [f"{p / 2**20:.0f} MiB" for p in peaks]


TIMING = r'''
import json, sys, time
import policy_extract
from policy_extract.components.entity_merge import EntityMerger
line, n, repeat = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
nlp = policy_extract.load("model")
me = nlp.nlp.get_pipe("policy_model_entities")
merge = EntityMerger("combined")  # the default policy: rules first, model fills gaps
out = {}
for size in (n, 4 * n):
    doc = nlp.make_doc((line * (size // len(line) + 1))[:size])
    for name, proc in nlp.nlp.pipeline:
        if name == "policy_model_entities":
            break
        if name != "policy_quantities":  # the model stage reads no figure
            doc = proc(doc)
    best = float("inf")
    for _ in range(repeat if size == n else 1):
        t0 = time.process_time()
        merge(me(doc))
        best = min(best, time.process_time() - t0)
    out[size] = best
print(json.dumps(out))
'''


@pytest.mark.slow
def test_model_stage_and_merge_cost_linear_cpu_on_one_long_line():
    """100k vs 400k chars of one line: ×4 CPU for the model stage and the merge, bound ×8
    (they were ×11 at 200k vs 800k: a test per pair of model and rule entities; quadratic would
    be ×16 here too)."""
    r = subprocess.run([sys.executable, "-c", TIMING, LINE, "100000", "2"],
                       capture_output=True, text=True, timeout=3600)
    assert r.returncode == 0, r.stderr[-3000:]
    t = json.loads(r.stdout)
    ratio = t["400000"] / t["100000"]
    assert ratio <= 8.0, f"{t} CPU s: ×{ratio:.1f}"


READS = [0]


class Counted(Entity):
    """An entity that counts reads of its fields: work per entity, whatever the machine."""

    __slots__ = ()

    def __getattribute__(self, name):
        READS[0] += 1
        return object.__getattribute__(self, name)


def counted(entities) -> list[Counted]:
    return [Counted(**{f.name: getattr(e, f.name) for f in fields(Entity)}) for e in entities]


def _until_model_stage(nlp, text):
    """``text`` through the stages before the model's (not the figures: it reads none)."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.nlp.pipeline:
        if name == "policy_model_entities":
            return doc
        if name != "policy_quantities":
            doc = proc(doc)
    raise AssertionError("no model stage")


def test_gap_filter_and_merge_read_each_entity_a_bounded_number_of_times():
    """On 4× the line, the model stage and the default merge read the rule entities about
    4× as often (×16 when each model entity was tested against every rule entity)."""
    import policy_extract
    from policy_extract.components.entity_merge import EntityMerger

    nlp = policy_extract.load("model")
    me = nlp.nlp.get_pipe("policy_model_entities")
    merge = EntityMerger("combined")  # the default policy: rules first, model fills gaps
    reads = []
    for n in (20_000, 80_000):
        doc = _until_model_stage(nlp, _line(n))
        st = doc._.pe
        st.rule_entities = counted(st.rule_entities)
        READS[0] = 0
        merge(me(doc))
        reads.append(READS[0])
        assert st.model_entities and st.rule_entities
    assert reads[1] <= 8 * reads[0], reads


def test_merge_of_many_entities_reads_each_a_bounded_number_of_times():
    """rules_first over n rule and 2n model entities: reads grow ~4× for 4× n (×16 when
    each was tested against every entity kept)."""
    from policy_extract.components.entity_merge import EntityMerger
    from policy_extract.schema import EntityLabel

    def ents(n, off, source):
        return counted(Entity(10 * i + off, 10 * i + off + 4, "xxxx", EntityLabel.PARK,
                              source=source) for i in range(n))

    merge = EntityMerger("combined").merge
    reads = []
    for n in (500, 2_000):
        rules, model = ents(n, 0, "rules"), ents(n, 5, "model") + ents(n, 2, "model")
        READS[0] = 0
        out = merge(rules, model)
        reads.append(READS[0])
        assert len(out) == 2 * n  # every rule, and the model entities in the gaps
    assert reads[1] <= 8 * reads[0], reads
