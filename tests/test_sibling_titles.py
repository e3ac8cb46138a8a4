"""A title or grade the plan does not reward, beside ones it does (dev8 m080, dev5 h049):

* a grade of a rating ladder (五级、四级、三级养老机构) the plan leaves out (二级) gets no answer
  from the sentence rewarding the others;
* an amount asked of words no plan writes (考潜水证能补多少钱) has no target on its subject;
* a title asked as 新认定的X (新认定的工业设计中心) or X被认定了 is a title won, which a sentence rewarding
  another title (国家企业技术中心) does not grant.
"""

from __future__ import annotations

from corpus_util import corpus_fixture

MEASURES = "\n".join([
    "澄原市支持养老服务和企业创新若干措施",
    "一、等级评定奖励。新评定为五级养老机构的奖励30万元，四级奖励20万元，三级奖励10万元。",
    "二、支持企业技术创新。对新认定的国家企业技术中心，一次性奖励200万元；对新认定的省级企业技术中心，一次性奖励50万元。",
    "三、扩大有效投资。对设备投资500万元以上的技术改造项目，按设备投资的10%给予补助。",
    "四、稳定外贸主体。对首次取得进出口实绩的企业，给予一次性奖励2万元。",
    "五、发展乡村民宿。对首次评定为金宿、银宿的民宿，分别给予一次性奖励10万元、6万元。",
    "六、支持人才安居。对新引进的博士研究生，给予购房补贴20万元。",
])

library = corpus_fixture("library", {"measures.txt": MEASURES}, None, None)


def test_a_grade_the_ladder_leaves_out_is_refused(library):
    assert not library.ask("评上二级养老机构能奖多少？").answerable
    answer = library.ask("评上四级养老机构能奖多少？")
    assert answer.answerable and "20万元" in answer.answer, answer.answer


def test_a_title_won_that_no_sentence_rewards_is_refused(library):
    assert not library.ask("对新认定的工业设计中心奖励多少？").answerable
    answer = library.ask("对新认定的省级企业技术中心奖励多少？")
    assert answer.answerable and "50万元" in answer.answer, answer.answer


def test_an_amount_asked_of_words_no_plan_writes_is_refused(library):
    # (dev9 p076: 考技师证能补多少钱 in a library with no 技师 was answered with any target)
    assert not library.ask("考潜水证能补多少钱？").answerable


def test_a_title_won_said_before_how_it_is_won(library):
    # (dev6 h073: 科技企业孵化器被认定了 — the title before 被认定, as 新认定为 puts it after)
    assert not library.ask("我们的科技企业孵化器被认定了，能奖多少？").answerable
    answer = library.ask("我们的省级企业技术中心被认定了，能奖多少？")
    assert answer.answerable and "50万元" in answer.answer, answer.answer
