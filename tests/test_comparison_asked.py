"""A comparison asked (比以前多了多少, 这比老政策提高了吧, 是不是比自己投保低) is a kind of its own
(dev12, dev4 g028): a sentence stating a change (由原来的10万元提高到15万元) answers it, and when
none on the subject does, the amount the asker already states (封顶2000万) is no answer."""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

from rag.answer.kinds import Kind, asked_kinds, states

PLAN = "\n".join([
    "澄原省氢能产业发展行动方案",
    "一、支持可再生能源制氢。对新建并投产的电解水制氢项目，按设备投资的10%给予补助，单个项目最高2000万元。",
    "二、支持加氢站建设。对建成投运的加氢站，按设备投资的30%给予建设补贴，单站最高500万元。",
    "三、支持装备升级。对氢能装备企业的技术改造项目，按设备投资额的15%给予补助；其中购置关键设备的，补助比例提高至20%。",
])
ELEVATOR = "\n".join([
    "澄原市既有住宅加装电梯政策解读",
    "一、补贴标准。加装电梯每台补贴由原来的10万元提高到15万元。",
    "二、申请时限。实施主体应当在取得使用登记证之日起6个月内提出补贴申请。",
])

library = corpus_fixture("library", {"plan.txt": PLAN, "elevator.txt": ELEVATOR}, None, None)
plan_only = corpus_fixture("plan_only", {"plan.txt": PLAN, "other.txt": FILLER}, None, None)


def test_a_comparison_is_asked_as_such():
    assert asked_kinds("补助封顶2000万，这比2024年的老政策提高了吧？")[0] is Kind.CHANGE
    assert Kind.CHANGE in asked_kinds("比以前多了多少？")
    assert Kind.CHANGE not in asked_kinds("员工制人员占比要多少？")  # a share, no comparison
    assert Kind.CHANGE not in asked_kinds("物流费用占GDP的比率要降到多少？")
    assert states(Kind.CHANGE, "每台补贴由原来的10万元提高到15万元")
    # the former figure asked on its own is a comparison too (dev13 f059, f066, f078)
    assert asked_kinds("老政策是多少？")[0] is Kind.CHANGE
    assert asked_kinds("之前24米以下的补多少？")[0] is Kind.CHANGE
    assert Kind.CHANGE not in asked_kinds("原来是市级的，今年升成省级了，还能拿多少奖励？")
    # 比例 is no comparison: 补助比例提高至20% raises a rate for some, it states no change from before
    assert not states(Kind.CHANGE, "其中购置关键设备的，补助比例提高至20%")


def test_a_change_the_plan_states_answers_it(library):
    answer = library.ask("加装电梯现在一台补多少钱？比以前多了多少？")
    assert "10万元" in answer.answer and "15万元" in answer.answer, answer.answer


def test_a_comparison_no_sentence_states_is_refused(library):
    answer = library.ask("制氢项目补助封顶2000万，这比2024年的老政策提高了吧？提高了多少？")
    assert not answer.answerable, answer.answer


def test_the_former_figure_asked_after_a_refused_comparison_is_refused(plan_only):
    answer = plan_only.ask("这次技改补助比例比以前的老政策提高了多少？原来补几个点？")
    assert not answer.answerable, answer.answer
