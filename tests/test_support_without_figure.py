"""A support a plan grants without a figure (对…展会活动的主办单位给予支持) has no amount: asked how
much it pays (dev12 e070), another measure's figure (公共服务平台…最高200万元) is no answer; asked for
a measure that states one, the figure is."""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

PLAN = "\n".join([
    "澄原市鹭汀区促进工业设计发展实施方案",
    "一、培育设计主体",
    "对新认定的区级工业设计中心，给予一次性奖励20万元。",
    "二、建设公共服务平台",
    "对集聚区内建设的工业设计公共服务平台，按设备投资的30%给予补助，最高200万元。",
    "三、营造设计产业生态",
    "支持举办工业设计周、设计成果展等活动，对在区内举办具有全国影响力的工业设计展会活动的主办单位给予支持。",
    "四、保障措施",
    "区工业和信息化局负责政策解释，每年4月组织申报。",
])

library = corpus_fixture("library", {"plan.txt": PLAN, "other.txt": FILLER}, None, None)


def test_an_amount_of_a_support_granted_without_figure_is_refused(library):
    answer = library.ask("我们打算在区里办一场全国性的工业设计展，主办方能拿多少补助？")
    assert not answer.answerable, answer.answer


def test_an_amount_a_measure_states_is_answered(library):
    answer = library.ask("在集聚区建工业设计公共服务平台，设备投资能补多少？最高多少？")
    assert answer.answerable and "200万元" in answer.answer, answer.answer
