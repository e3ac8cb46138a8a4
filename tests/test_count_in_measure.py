"""A count asked in a measure word (多少艘渔船, 几所学校, 多少户) is stated only by a figure in that
measure (300艘), never by a support paid per one (每艘补助40万元, dev13 f063)."""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

RULES = "\n".join([
    "澄原市海洋捕捞渔船更新改造补助实施细则",
    "第一条 为推进海洋捕捞渔船标准化更新改造，制定本细则。",
    "第二条 新建渔船补助标准：船长12米（含）至24米的，每艘补助40万元；船长24米（含）以上的，每艘补助80万元。",
    "第三条 补助资金由市财政局按年度预算安排。",
])
PLAN = "\n".join([
    "澄原县渔业转型升级行动方案",
    "一、主要目标",
    "到2026年，全县更新改造标准化渔船300艘，建成渔港经济区1个。",
])

rules_only = corpus_fixture("rules_only", {"rules.txt": RULES, "other.txt": FILLER}, None, None)
plan_only = corpus_fixture("plan_only", {"plan.txt": PLAN, "other.txt": FILLER}, None, None)


def test_a_count_no_sentence_states_in_its_measure_is_refused(rules_only):
    answer = rules_only.ask("全市今年计划更新改造多少艘渔船？")
    assert not answer.answerable, answer.answer


def test_a_count_stated_in_its_measure_is_answered(plan_only):
    answer = plan_only.ask("到2026年要更新改造多少艘渔船？")
    assert answer.answerable and "300艘" in answer.answer, answer.answer
