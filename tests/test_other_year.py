"""A year asked that the sentences on the subject never name, though they name others, is refused:
2026年度的奖补什么时候申报 of a guide written for 2025年度 has no answer yet. A span (2025—2027年)
names each of its years, unless it dates another document the sentence cites by its title (《…（2024—2026年）》).

A county 申报指南 and a city plan running three years, written for this test.
"""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

GUIDE = "\n".join([
    "琎川县2025年度家庭农场奖补申报指南",
    "为落实《琎川县家庭农场培育三年行动方案（2024—2026年）》，加快家庭农场发展，制定本指南。",
    "一、奖补标准。对新认定的县级示范家庭农场，每家奖励2万元。",
    "二、申报时间。2025年度家庭农场奖补申报时间为2025年5月1日至5月31日，逾期不予受理。",
])

PLAN = "\n".join([
    "琎川市数字乡村建设行动方案（2025—2027年）",
    "一、建设益农信息社。2025—2027年，每年对新建的益农信息社给予每个5000元补助，申报时间为每年3月。",
])

lib = corpus_fixture("lib", {"guide.txt": GUIDE, "plan.txt": PLAN, "filler.txt": FILLER}, None, None)


def test_a_year_the_rules_do_not_name_is_refused(lib):
    answer = lib.ask("2026年度的家庭农场奖补什么时候开始申报？")
    assert not answer.answerable, answer.answer


def test_a_year_named_or_spanned_is_answered(lib):
    answer = lib.ask("2025年度的家庭农场奖补什么时候开始申报？")
    assert answer.answerable and "5月1日" in answer.answer, answer.answer
    answer = lib.ask("2026年新建益农信息社，每个补多少？")
    assert answer.answerable and "5000元" in answer.answer, answer.answer


GREENHOUSE = "\n".join([
    "琎河县2025年设施蔬菜建设补助项目申报指南",
    "一、补助标准。新建钢架大棚的，每亩补助8000元。",
    "二、申报时间。申报时间为3月10日至4月10日，逾期不予受理。",
])

dated = corpus_fixture("dated", {"greenhouse.txt": GREENHOUSE, "filler.txt": FILLER}, None, None)


def test_a_document_its_title_dates_is_that_year_s(dated):
    # (the 申报时间 does not repeat the year: the title's 2025年 dates it)
    assert not dated.ask("2026年的大棚补助什么时候开始报名？").answerable
    answer = dated.ask("2025年的大棚补助什么时候开始报名？")
    assert answer.answerable and "3月10日" in answer.answer, answer.answer


def test_the_date_of_the_asker_s_own_event_is_no_year_asked(lib):
    # (我们农场是2023年注册的: when the asker's farm began, shown by dev24 z028 孩子是2023年5月出生的 —
    # not a year whose rules are asked)
    answer = lib.ask("我们的家庭农场是2023年3月注册的，家庭农场奖补什么时候开始申报？")
    assert answer.answerable and "5月1日" in answer.answer, answer.answer
