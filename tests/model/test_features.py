"""Rule entities as the model's input tags (model/features.py): written, stored, read back."""

from __future__ import annotations

import pytest

from policy_extract.model.convert import AlignReport, Record, to_docbin
from policy_extract.model.features import tagged_corpus, token_tags
from policy_extract.pipeline import blank_nlp
from policy_extract.schema import Entity, EntityLabel as L

# GUIDELINES §2 shapes in a made-up sentence; the tags are what a rule stage could have said
TEXT = "支持株洲轨道交通研究院和湖南大学合作"
RULES = (Entity(2, 11, "株洲轨道交通研究院", L.PLATFORM),)
GOLD = (Entity(4, 11, "轨道交通研究院", L.PLATFORM), Entity(12, 16, "湖南大学", L.INSTITUTION))


@pytest.fixture(scope="module")
def nlp():
    return blank_nlp()


def test_tags_cover_tokens_an_entity_touches(nlp):
    doc = nlp.make_doc("支持株洲轨道交通研究院建设")
    # an entity ending inside a token still tags that token (expand), nothing outside it
    tags = token_tags(doc, [Entity(3, 11, "洲轨道交通研究院", L.PLATFORM)])
    assert tags == ["", "B-PLATFORM", "I-PLATFORM", "I-PLATFORM", ""]
    assert token_tags(doc, []) == [""] * len(doc)


def test_reader_keeps_tags_on_the_predicted_side_and_gold_on_the_reference(nlp, tmp_path):
    db, _ = to_docbin(nlp, [Record("a", TEXT, GOLD, "gold", tags=RULES),
                            Record("a#blank", TEXT, GOLD, "gold")], AlignReport())
    db.to_disk(tmp_path / "t.spacy")
    tagged, blank = list(tagged_corpus(tmp_path / "t.spacy")(nlp))
    assert [t.lemma_ for t in tagged.predicted][1:4] == ["B-PLATFORM", "I-PLATFORM", "I-PLATFORM"]
    assert not list(tagged.predicted.ents)  # the model must not see the answer
    assert [(e.text, e.label_) for e in tagged.reference.ents] == [
        ("轨道交通研究院", "PLATFORM"), ("湖南大学", "INSTITUTION")]
    assert not any(t.lemma_ for t in blank.predicted)
    assert [t.text for t in tagged.predicted] == [t.text for t in tagged.reference]


def test_fingerprint_sees_the_tags(nlp):
    a = to_docbin(nlp, [Record("a", TEXT, GOLD, "gold", tags=RULES)])[1].fingerprint
    b = to_docbin(nlp, [Record("a", TEXT, GOLD, "gold")])[1].fingerprint
    assert a != b
