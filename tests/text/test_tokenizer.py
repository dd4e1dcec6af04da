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


# FastCut must give jieba's own words: every seed, every shared page, and edge shapes
# (empty, whitespace runs, \r\n, Latin/digit runs, unknown runs for the HMM, symbols).
_EDGE = ["", " ", "\r\n\r\n", "a  b", "  前后空格  ", "GDP增长5.2%，R&D投入3.5%", "5G+工业互联网",
         "湘江科学城", "的", "鑫鑫鑫鑫鑫鑫鑫", "𠀀𠀁汉字", "——“十四五”时期（2021-2025年）",
         "京津冀协同发展和长三角一体化", "abc_def.ghi-jkl#1", "全市规模以上工业增加值同比增长7%",
         # where jieba-rs's HMM differs from jieba's (the block must take the Python path)
         "实施方案（2023-2025年）", "Deep-Seek大模型", "电话0371-86199898咨询", "于02.12.2015发布",
         "增长3.5%左右", "建设5G基站和A股上市", "X光机T恤"]


def _fast_and_jieba(native: bool = True):
    from policy_extract.text.tokenizer import FastCut, get_jieba

    jb = get_jieba()
    return FastCut(jb, native=native), jb


def test_native_cut_is_used_for_the_policy_tokenizer():
    # else the jieba-identity tests below would only test the Python path
    fast, _ = _fast_and_jieba()
    assert fast._native is not None


def test_python_path_is_jieba_cut_too(seed_texts):
    fast, jb = _fast_and_jieba(native=False)
    assert fast._native is None
    for text in [*_EDGE, *seed_texts.values()]:
        assert fast.cut(text) == list(jb.cut(text, HMM=True)), text[:40]


def test_fast_cut_is_jieba_cut_on_edge_shapes_and_seeds(seed_texts):
    fast, jb = _fast_and_jieba()
    for text in [*_EDGE, *seed_texts.values()]:
        assert fast.cut(text) == list(jb.cut(text, HMM=True)), text[:40]


def test_fast_cut_is_jieba_cut_on_shared_pages(shared_pages):
    fast, jb = _fast_and_jieba()
    for path in sorted(shared_pages.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert fast.cut(text) == list(jb.cut(text, HMM=True)), path.name


def test_fast_cut_follows_words_added_later():
    from policy_extract.text.tokenizer import FastCut

    tk = jieba.Tokenizer()
    fast = FastCut(tk)
    assert fast.cut("鑫鑫新区建设") == list(tk.cut("鑫鑫新区建设"))
    tk.add_word("鑫鑫新区", 1000)
    assert "鑫鑫新区" in fast.cut("鑫鑫新区建设")
    assert fast.cut("鑫鑫新区建设") == list(tk.cut("鑫鑫新区建设"))


def test_native_cut_stops_when_a_word_is_added_later():
    from policy_extract.text.tokenizer import FastCut, get_jieba

    tk = get_jieba(("鑫鑫测试园甲",))  # a private tokenizer of its own (cached per extra words)
    fast = FastCut(tk)
    assert fast._native is not None
    tk.add_word("鑫鑫新区", 1000)
    assert fast.cut("鑫鑫新区建设") == list(tk.cut("鑫鑫新区建设"))
    assert fast._native is None
