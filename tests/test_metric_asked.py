"""A goal asked by the noun it measures (总投资大概要多少亿元, dev13 f050) is answered only by a figure
whose sentence names that noun: a fund of the plan (专项资金3亿元) is in the unit asked but measures
something else; the noun the plan does quantify (产业规模达到500亿元) is answered."""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

from rag.answer.compose import asked_metric

PLAN = "\n".join([
    "澄原省分布式光伏高质量发展行动方案",
    "一、主要目标",
    "到2028年，全省分布式光伏累计装机容量达到3000万千瓦，产业规模达到500亿元。",
    "二、保障措施",
    "省级财政每年安排分布式光伏发展专项资金3亿元，统筹用于本方案各项奖补。",
])

library = corpus_fixture("library", {"plan.txt": PLAN, "other.txt": FILLER}, None, None)


def test_a_goal_of_a_noun_no_figure_measures_is_refused(library):
    answer = library.ask("全省分布式光伏总投资大概要多少亿元？")
    assert not answer.answerable, answer.answer


def test_a_goal_of_a_noun_the_plan_quantifies_is_answered(library):
    answer = library.ask("到2028年分布式光伏产业规模要达到多少亿元？")
    assert answer.answerable and "500亿元" in answer.answer, answer.answer


def test_the_metric_is_the_noun_next_to_its_figure():
    assert asked_metric("总投资大概要多少亿元？") == "投资"  # (the tokenizer reads 总 apart)
    assert asked_metric("补助比例是多少？") == ""  # how the figure is asked, not what it measures
    assert asked_metric("目标是多少辆？") == ""
