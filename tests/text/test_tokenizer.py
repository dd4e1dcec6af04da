"""jieba through the policy lexicon: doc.text == raw, policy terms whole, private instance."""

from __future__ import annotations

import jieba

from policy_extract.pipeline import blank_nlp


def test_doc_text_is_raw(seed_texts):
    nlp = blank_nlp()
    for raw in seed_texts.values():
        assert nlp.make_doc(raw).text == raw


def test_policy_terms_stay_whole():
    nlp = blank_nlp()
    doc = nlp.make_doc("全市规模以上工业增加值同比增长7%,壮大专精特新企业,建设湘江科学城。")
    words = [t.text for t in doc]
    for term in ("规模以上工业增加值", "专精特新", "湘江科学城"):
        assert term in words, words


def test_word_broken_across_lines_is_one_word_in_two_tokens():
    nlp = blank_nlp()
    doc = nlp.make_doc("壮大专精特新企业梯度,构建专精特新中小企业—专\n\n精特新企业的梯次培育格局。")
    assert doc.text.endswith("格局。")
    texts = [t.text for t in doc]
    i = texts.index("专", texts.index("—"))
    assert texts[i + 1].strip() == "" and texts[i + 2] == "精特新"


def test_global_jieba_untouched():
    blank_nlp().make_doc("湘江科学城")
    assert "湘江科学城" not in jieba.dt.FREQ or jieba.dt.FREQ.get("湘江科学城") is None
