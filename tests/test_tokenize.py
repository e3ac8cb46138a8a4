"""Tokenizer: domain words stay whole, search-mode sub-words, stopwords, t2s folding."""

from __future__ import annotations

import jieba
import pytest

from rag.model import Clause
from rag.retrieval.tokenize import STOPWORDS, Tokenizer, domain_terms, headline_terms

CLAUSES = [
    Clause(
        id="p:二/六/1",
        doc_id="p",
        path=("二、重点任务", "（六）实施基础设施“提速提效”行动"),
        title="1.加快建设充电基础设施",
        text="加快建设充电基础设施，推进充电桩进小区。（牵头单位：省能源局、省工业和信息化厅，责任单位：省住房城乡建设厅，下同）",
        lead=("省能源局", "省工业和信息化厅"),
        support=("省住房城乡建设厅",),
    ),
    Clause(
        id="p:二/二/2",
        doc_id="p",
        path=("二、重点任务",),
        title="2.培育优质企业",
        text="每年推动30家以上“专精特新”企业与链主企业合作。",
        support_inherited=("各相关市政府",),
    ),
]


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return Tokenizer(domain_terms(CLAUSES))


@pytest.fixture(scope="module")
def plain() -> Tokenizer:
    return Tokenizer()


def test_domain_terms_come_from_duties_headlines_and_quotes():
    terms = domain_terms(CLAUSES)
    for expected in ("省工业和信息化厅", "省能源局", "省住房城乡建设厅", "各相关市政府", "充电基础设施",
                     "提速提效", "专精特新"):
        assert expected in terms
    assert len(terms) == len(set(terms))


def test_domain_dictionary_keeps_department_and_term_whole(tokenizer, plain):
    text = "省工业和信息化厅负责充电基础设施建设"
    tokens = tokenizer.tokenize(text)
    assert "省工业和信息化厅" in tokens
    assert "充电基础设施" in tokens
    # Without the domain dictionary jieba splits both.
    assert "省工业和信息化厅" not in plain.tokenize(text)
    assert "充电基础设施" not in plain.tokenize(text)


def test_search_mode_also_emits_sub_words(tokenizer):
    tokens = tokenizer.tokenize("加快建设充电基础设施")
    assert {"充电", "基础设施", "充电基础设施"} <= set(tokens)


def test_private_jieba_instance_leaves_global_dictionary_alone():
    # A word no other code in the session adds (Milvus Lite adds its analyzer words to the
    # global jieba, so a corpus word could be there already for reasons that are not ours).
    word = "鸿鹄局甲乙丙"
    Tokenizer([word])
    assert word not in jieba.dt.FREQ
    assert word not in jieba.lcut(f"{word}牵头")


def test_stopwords_question_words_and_punctuation_dropped(tokenizer):
    tokens = tokenizer.tokenize("哪个部门牵头？到2025年目标是多少吗，什么和与及等！")
    assert "部门" in tokens and "牵头" in tokens and "2025" in tokens
    assert not set(tokens) & STOPWORDS
    assert not [t for t in tokens if t in "？，！。、"]


def test_traditional_and_full_width_fold_to_simplified(tokenizer):
    assert tokenizer.fold("誰負責充電樁？２０２５年") == "谁负责充电桩?2025年"
    assert tokenizer.tokenize("省工業和信息化廳牽頭充電基礎設施") == tokenizer.tokenize("省工业和信息化厅牵头充电基础设施")


def test_headline_terms_strip_verbs_and_labels():
    assert headline_terms("1.加快建设充电基础设施") == ["充电基础设施"]
    assert headline_terms("(九)完善充电基础设施建设") == ["充电基础设施"]
    assert headline_terms("（一）实施整车企业“龙头引领”行动") == ["整车企业", "龙头引领"]
    assert headline_terms("1.加快推进") == []  # nothing but verbs


def test_bad_domain_word_rejected():
    with pytest.raises(ValueError, match="whitespace"):
        Tokenizer(["省 能源局"])


def test_enumeration_items_unknown_to_jieba_become_terms():
    from rag.model import Clause
    from rag.retrieval.tokenize import enumeration_terms

    clause = Clause(id="d:一", doc_id="d", path=(), title="",
                    text="推广微面、中大面、微卡、轻卡、皮卡等车型，发展电池、电机、电控。")
    plain = jieba.Tokenizer()
    plain.initialize()
    terms = enumeration_terms([clause], plain.FREQ)
    assert {"中大面", "微卡", "轻卡", "皮卡"} <= set(terms)
    assert "电机" not in terms  # jieba's own words keep their frequencies
