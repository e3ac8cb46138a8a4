"""A question naming a year (2026年底要完成哪几个指标) is answered with the sentence of that year's
targets, whole, not with the year before's nor cut short for a sentence naming no year; 指标 is how
people say 目标.

A provincial plan written for this test and a second document so that its words are as rare as in a
real library.
"""

from __future__ import annotations

from corpus_util import corpus_fixture

PLAN = "\n".join([
    "沅岳省推进装配式建筑发展三年行动计划（2025—2027年）",
    "一、主要目标。到2025年底，全省装配式建筑占新建建筑面积的比例达到32%，政府投资新建公共建筑全部采用装配式建筑。"
    "到2026年底，全省装配式建筑占新建建筑面积比例达到38%，装配式装修应用面积累计达到800万平方米，部品部件年生产能力达到600万立方米。"
    "到2027年，全省装配式建筑占新建建筑面积比例达到45%以上。",
    "二、优化生产基地布局。引导构件生产基地向设区市集中布局，到2026年底每个设区市至少建成1个构件生产基地。（省住房城乡建设厅牵头）",
    "三、强化考核。将装配式建筑发展目标完成情况纳入对各设区市人民政府的年度考核内容，对工作推进不力的地区进行约谈。",
])
OTHER = "\n".join([
    "沅岳省农村公路提质行动方案",
    "一、完善路网。到2027年，新改建农村公路3000公里。（省交通运输厅牵头）",
    "二、加强养护。建立省市县乡村五级路长制，年内完成路况评定。（省交通运输厅牵头）",
    "三、提升安全。完成农村公路安全生命防护工程1000公里。（省公安厅配合）",
    "四、发展客运。完成建制村通客车提质改造，实现村村通客车。（省交通运输厅负责）",
])

province = corpus_fixture("province", {"plan.txt": PLAN, "roads.txt": OTHER}, "province", "沅岳省")


def test_the_year_asked_picks_its_targets_whole(province):
    answer = province.ask("行动计划里2026年底要完成哪几个指标？")
    assert answer.answerable, answer.answer
    assert "38%" in answer.answer and "600万立方米" in answer.answer, answer.answer
    assert "32%" not in answer.answer and "考核" not in answer.answer, answer.answer
