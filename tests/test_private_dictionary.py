"""The answer layer reads words with its own copy of jieba's dictionary: words another library
adds to the global one (Milvus Lite's analyzer does) change no answer. Before, ``make eval`` —
which loads Milvus for the main set — refused one dev12 question fewer than the same set scored
alone (e072, read through the global tagger)."""

from __future__ import annotations

import jieba

from rag.answer.vocab import pos_tagger, word_freq


def test_global_words_do_not_reach_the_answer_layer():
    word = "蓼澄小巨人企业"
    before = [(w.word, w.flag) for w in pos_tagger().lcut(f"我们是{word}")]
    jieba.add_word(word, freq=1000, tag="nz")
    try:
        assert word_freq(word) == 0
        assert [(w.word, w.flag) for w in pos_tagger().lcut(f"我们是{word}")] == before
    finally:
        jieba.del_word(word)


def test_word_freq_reads_jieba_s_own_dictionary():
    assert word_freq("时候") > 5000  # an everyday word
    assert word_freq("蓼澄") == 0
