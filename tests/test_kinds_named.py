"""A thing a plan lists before 等 is of the kind the list closes with (推广林下黑木耳、羊肚菌、灵芝等食用菌
标准化种植): a question on 羊肚菌 asks what the plan grants 食用菌 (对新建…林下食用菌种植基地，按每亩
300元给予补助), though that sentence never names 羊肚菌. An everyday kind (部门, 设施) stands for nothing,
nor does a list stand for a thing the corpus names on its own too.

One city plan written for this test.
"""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

PLAN = "\n".join([
    "岢阳市林下经济高质量发展实施方案",
    "一、重点任务",
    "1.提升林下种植。推广林下黑木耳、羊肚菌、灵芝等食用菌标准化种植，到2027年底林菌种植面积达到18万亩。",
    "2.发展林下养殖。规范发展林下养鸡、养蜂，建设生态养殖示范点20个。",
    "二、扶持政策",
    "对新建连片100亩以上的林下食用菌种植基地，按每亩300元给予补助，单个经营主体最高不超过15万元。",
    "对新认定的林下生态养殖示范点，给予一次性奖补5万元。",
])

plan = corpus_fixture("plan", {"plan.txt": PLAN, "filler.txt": FILLER}, "city", "岢阳市")


def test_kinds_are_read_from_lists_closed_by_their_kind():
    import jieba

    from rag.answer.vocab import kinds_named
    from rag.model import Clause

    clause = Clause(id="d:1", doc_id="d", path=(), title="", text=PLAN.splitlines()[2])
    kinds = kinds_named([clause], jieba.Tokenizer())
    assert kinds["羊肚菌"] == ("食用菌",) and kinds["灵芝"] == ("食用菌",) and kinds["黑木耳"] == ("食用菌",)
    # a thing the corpus also names on its own (灵芝 of 灵芝孢子粉加工) is asked as itself
    from rag.answer.corpus_text import CorpusText

    text = CorpusText(f"{PLAN.splitlines()[2]}\n支持灵芝孢子粉加工。")
    assert "灵芝" not in kinds_named([clause], jieba.Tokenizer(), text) and "羊肚菌" in kinds_named([clause], jieba.Tokenizer(), text)


def test_a_thing_of_a_listed_kind_gets_what_the_kind_is_granted(plan):
    answer = plan.ask("我们合作社新种了150亩羊肚菌，连成一片的，政府能补多少钱？")
    assert answer.answerable and "300元" in answer.answer, answer.answer
