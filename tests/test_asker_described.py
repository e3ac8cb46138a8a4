"""Words that say who asks, not what: 几个战友合伙创业，总额上限是多少 asks an amount, and 安排多少
专项资金 asks money though no 钱 is said.

A 问答 on a veterans' start-up loan, in traditional script, written for this test, beside a
county plan whose fund sentence states its yearly amount far from its 每年.
"""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

QA = "\n".join([
    "琮溪市退役軍人創業扶持政策問答",
    "問：退役軍人自己創業，能申請多少創業擔保貸款？",
    "答：符合條件的退役軍人個人創業的，可申請最高30萬元的創業擔保貸款；合夥創業的，可按每人不超過30萬元、"
    "貸款總額不超過150萬元的額度申請；退役軍人創辦的小微企業，可申請最高400萬元的創業擔保貸款。",
    "問：退役軍人自主創業有什麼補貼？",
    "答：退役軍人首次領取營業執照並正常經營1年以上的，給予一次性創業補貼1萬元；創辦的經營主體帶動3人以上就業的，補貼標準提高到2萬元。",
    "問：創業擔保貸款貼息多少年？",
    "答：創業擔保貸款期限最長3年，由財政按規定給予貼息。",
])

PLAN = "\n".join([
    "琮溪县海绵城市建设工作方案",
    "一、保障措施",
    "（一）强化组织领导。成立县海绵城市建设工作领导小组，领导小组办公室设在县住房城乡建设局。",
    "（二）强化资金保障。县财政每年安排海绵城市建设专项资金3000万元，积极争取上级补助资金。",
])

lib = corpus_fixture("lib", {"qa.txt": QA, "plan.txt": PLAN, "filler.txt": FILLER}, None, None)


def test_a_few_named_before_the_ask_are_no_count_asked():
    from rag.answer.kinds import Kind, asked_kinds
    from rag.answer.questions import split_question

    assert asked_kinds("几个战友合伙创业，总额上限是多少？") == (Kind.AMOUNT,)
    assert asked_kinds("到2026年建几个？") == (Kind.COUNT,)
    assert asked_kinds("县里每年安排多少专项资金？") == (Kind.AMOUNT,)
    # either script splits alike, and a clause opening with 几个 is kept with its ask
    assert split_question("能貸多少？幾個戰友合夥創業，總額上限是多少？") == ["能貸多少？", "幾個戰友合夥創業，總額上限是多少？"]
    assert split_question("審核要多少個工作日，公示幾天？") == ["審核要多少個工作日，", "公示幾天？"]


def test_the_partners_total_and_the_yearly_fund_are_answered(lib):
    answer = lib.ask("個人創業擔保貸款最高能貸多少？幾個戰友合夥創業，總額上限是多少？")
    assert answer.answerable and "150萬元" in answer.answer, answer.answer
    answer = lib.ask("海绵办设在哪个部门？县里每年安排多少专项资金？")
    assert "3000万元" in answer.answer and "县住房城乡建设局" in answer.answer, answer.answer


def test_how_many_people_is_asked_in_people(lib):
    from rag.answer.compose import asked_units

    assert asked_units("带动几个人就业能多拿") == ["人"] and asked_units("几个项目") == ["个"]
    answer = lib.ask("經營一年多了，一次性創業補貼有多少？帶動幾個人就業能多拿？")
    assert "3人以上" in answer.answer and "2萬元" in answer.answer, answer.answer
