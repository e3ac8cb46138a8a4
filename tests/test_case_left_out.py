"""Whether the asker's own case still qualifies (被罚了15万，今年还能申请这个扶持吗) is answered by the
case a rule leaves out, quoted with the rule's opening, not refused and not answered with the
conditions listed for all.

Measures written for this test.
"""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

WASTE = "\n".join([
    "瑧川市建筑垃圾资源化利用扶持办法",
    "第一条 申请本办法扶持的资源化利用企业，应当同时符合下列条件：（一）在本市依法登记注册；（二）年设计处理能力不低于30万吨；（三）已列入资源化利用企业名录。",
    "第二条 对资源化利用企业按照上一年度实际处理量给予每吨3元的处理量补贴，单个企业每年最高不超过200万元。",
    "第三条 有下列情形之一的，不予支持：（一）企业未列入资源化利用企业名录的；（二）申报前2年内因环境违法行为受到10万元以上罚款处罚的；（三）连续停产超过6个月的。",
])

waste = corpus_fixture("waste", {"waste.txt": WASTE, "filler.txt": FILLER}, "city", "瑧川市")


def test_the_askers_case_left_out_by_a_rule_answers_whether_they_still_qualify(waste):
    from rag.answer.kinds import Kind, asked_kinds

    assert Kind.CONDITION in asked_kinds("今年还能申请这个扶持吗？")
    assert Kind.CONDITION not in asked_kinds("学期中间家里出了事，还能申请吗？")  # (when one may apply, not who)
    answer = waste.ask("我们厂去年因为环保问题被罚了15万，今年还能申请这个扶持吗？")
    assert answer.answerable and "不予支持" in answer.answer and "罚款处罚" in answer.answer, answer.answer
    answer = waste.ask("我们厂连续停产了8个月，这次还能申请扶持吗？")
    assert answer.answerable and "不予支持" in answer.answer and "停产" in answer.answer, answer.answer


def test_whether_the_asker_may_take_part_is_a_condition_not_a_case_every_rule_names(waste):
    from rag.answer.kinds import Kind, asked_kinds

    # (能不能参加今年的申报: a condition asked; 企业 stands in every case left out, so none is the asker's own)
    assert Kind.CONDITION in asked_kinds("刚投产4个月，能不能参加今年的申报？")
    answer = waste.ask("我们企业刚投产4个月，能不能参加今年的申报？")
    assert answer.answerable and "不予支持" not in answer.answer, answer.answer
