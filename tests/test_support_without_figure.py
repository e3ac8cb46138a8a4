"""A support a plan grants without a figure (对…展会活动的主办单位给予支持, 给予适当奖励) has no amount:
asked how much it pays (dev12 e070, dev13 f056), another measure's figure (公共服务平台…最高200万元) is
no answer; asked for a measure that states one, the figure is. A certificate obtained (通过GLP认证)
that no sentence rewards gets no other certificate's amount (dev13 f075)."""

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

MEASURES = "\n".join([
    "澄原市促进预制菜产业高质量发展若干措施",
    "一、培育品牌。对获得区域公用品牌授权使用的企业，给予一次性奖励2万元；对新获评国家级农业产业化重点龙头企业的"
    "预制菜企业，给予100万元一次性奖励；对获得中国驰名商标认定的预制菜企业，给予适当奖励。",
    "二、提升质量。对首次通过HACCP、ISO22000等食品安全管理体系认证的，每项给予3万元，每家企业最高9万元。",
    "三、完善冷链。对新建田间冷链通道按每公里1万元给予补助，新建冷库按每立方米30元给予补助，冷链物流专用道路建设给予适当补助。",
])

library = corpus_fixture("library", {"plan.txt": PLAN, "other.txt": FILLER}, None, None)
measures = corpus_fixture("measures", {"measures.txt": MEASURES, "other.txt": FILLER}, None, None)


def test_an_amount_of_a_support_granted_without_figure_is_refused(library):
    answer = library.ask("我们打算在区里办一场全国性的工业设计展，主办方能拿多少补助？")
    assert not answer.answerable, answer.answer


def test_an_amount_a_measure_states_is_answered(library):
    answer = library.ask("在集聚区建工业设计公共服务平台，设备投资能补多少？最高多少？")
    assert answer.answerable and "200万元" in answer.answer, answer.answer


def test_a_figureless_grant_between_figured_ones_is_no_amount(measures):
    # (dev13 f056: the grant without a figure is one of three joined by ；)
    answer = measures.ask("我们预制菜企业刚拿到中国驰名商标认定，奖励具体多少钱？")
    assert not answer.answerable, answer.answer


def test_a_certificate_no_sentence_rewards_is_refused(measures):
    # (dev13 f075: 通过GLP认证, where the plan rewards HACCP and ISO22000)
    assert not measures.ask("我们实验室刚通过GLP认证，能拿多少补助？").answerable


def test_a_certificate_a_sentence_rewards_is_answered(measures):
    answer = measures.ask("首次通过HACCP认证能补多少？")
    assert answer.answerable and "3万元" in answer.answer, answer.answer


def test_a_figureless_grant_among_commas_is_no_amount(measures):
    # (dev16 g063: 按每公里1.5万元给予补助，…，林区防火应急道路建设给予适当补助 — one sentence, three measures)
    answer = measures.ask("修冷链物流专用道路，每公里补多少钱？")
    assert not answer.answerable, answer.answer
    answer = measures.ask("新建冷库每立方米补多少？")
    assert answer.answerable and "30元" in answer.answer, answer.answer


SAFETY = "\n".join([
    "澄原市低空经济发展实施方案",
    "一、健全飞行安全管理机制。落实无人机实名登记要求，建立“黑飞”举报奖励机制，对违规飞行行为依法查处。",
    "二、加强人才培养。对新取得无人机驾驶员执照的人员，给予一次性奖励3000元。",
])

safety = corpus_fixture("safety", {"safety.txt": SAFETY}, None, None)


def test_a_reward_scheme_set_up_without_figures_has_no_amount(safety):
    # (建立…举报奖励机制: the plan sets the scheme up and states no sum; another measure's 3000元 is no answer)
    assert not safety.ask("发现有人“黑飞”去举报，举报一次能拿多少奖励？").answerable
    answer = safety.ask("新取得无人机驾驶员执照能拿多少奖励？")
    assert answer.answerable and "3000元" in answer.answer, answer.answer
