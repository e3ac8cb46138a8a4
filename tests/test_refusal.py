"""The refusal policy (rag.answer.refusal) on hand-made hits."""

from __future__ import annotations

import pytest

from rag.answer.refusal import RefusalPolicy
from rag.model import Clause, Hit

CLAUSE = Clause(id="d:一", doc_id="d", path=(), title="", text="推动整车上量，扩大新能源汽车出口。")
HITS = [Hit(CLAUSE, 1.0, 1)]
WORDS = {"d:一": " 推动 整车 上量 扩大 新能源 汽车 新能源汽车 出口 "}


def test_an_informative_word_found_answers():
    assert not RefusalPolicy().refuse({"出口": 3.0}, {"出口": 0.1}, HITS)


def test_absent_words_alone_refuse_open_questions_only():
    assert RefusalPolicy().refuse({"摇号": 0.0}, {"摇号": 0.0}, HITS)
    assert not RefusalPolicy().refuse({"摇号": 0.0}, {"摇号": 0.0}, HITS, structured=True)


def test_a_word_found_only_across_a_seam_refuses():
    terms, shares = {"车上": 4.0, "摇号": 0.0}, {"车上": 0.01, "摇号": 0.0}
    assert not RefusalPolicy().refuse(terms, shares, HITS)  # 整车上 holds the characters 车上
    assert RefusalPolicy().refuse(terms, shares, HITS, words_of=lambda c: WORDS[c.id])


def test_the_answering_clause_must_hold_one_of_the_most_specific_words():
    other = Clause(id="d:二", doc_id="d", path=(), title="", text="引进数字经济领域人才。")
    terms = {"博士": 5.0, "安家": 5.0, "数字": 1.5, "经济": 1.5, "领域": 1.5, "引进": 2.0}
    shares = dict.fromkeys(terms, 0.05)
    # 引进 + 数字经济领域 cover 6.5 / 16.5 of the weight, but neither 博士 nor 安家 is there
    assert RefusalPolicy().refuse(terms, shares, [Hit(other, 1.0, 1)])
    assert not RefusalPolicy(anchors=0).refuse(terms, shares, [Hit(other, 1.0, 1)])


def test_no_hits_refuse():
    assert RefusalPolicy().refuse({"出口": 1.0}, {"出口": 0.1}, [])


@pytest.mark.parametrize("kwargs", [{"min_coverage": -0.1}, {"max_share": 1.5}, {"depth": 0},
                                    {"anchors": -1}, {"anchor_held": 2.0}])
def test_bad_parameters_are_rejected(kwargs):
    with pytest.raises(ValueError, match=next(iter(kwargs))):
        RefusalPolicy(**kwargs)


def test_an_absent_compound_splits_into_the_words_it_names_not_into_a_question_word():
    from rag.answer.shares import TermShares

    faq = [Clause(id="q:一", doc_id="q", path=(), title="", text="问：个人要出多少？答：个人自缴保费的40%。"),
           Clause(id="q:二", doc_id="q", path=(), title="", text="答：对汽车产业引进的人才给予补助。")]
    shares = TermShares(faq)
    # (多少钱 is no word of the corpus; its piece 多少, a question word, names nothing the answer must hold)
    assert shares.split_absent(("多少钱",)) == ("多少钱",)
    assert shares.split_absent(("汽车人才",)) == ("汽车人才", "汽车", "人才")


def test_words_told_inside_the_ask_still_anchor_when_they_are_all_it_has():
    # (…拿过5万，今年又评上市级的，还能再拿多少: the stacking ask spans what was had before, the subject)
    clause = Clause(id="g:三", doc_id="g", path=(), title="",
                    text="获评县级节水型企业的，奖励5万元；获评市级节水型企业的，奖励10万元；晋升较高等级的，按差额补足。")
    terms, shares = {"节水型": 3.8, "县级": 3.0}, {"节水型": 0.02, "县级": 0.04}
    assert not RefusalPolicy().refuse(terms, shares, [Hit(clause, 1.0, 1)], asking={"节水型", "县级"})
    assert RefusalPolicy().refuse(terms, shares, [Hit(CLAUSE, 1.0, 1)], asking={"节水型", "县级"})
