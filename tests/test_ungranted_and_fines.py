"""Where to apply for a support no plan grants (犬只责任险补贴…在哪申请) is refused, as asking its amount is; and an
amount asked that is no fine (补办要交多少钱) is not answered with a fine (处50元以上200元以下罚款).

A city's dog-keeping rules, written for this test.
"""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

RULES = "\n".join([
    "琈城市养犬管理实施细则",
    "第一条　对已登记犬只实施绝育手术的，按公犬每只150元、母犬每只300元给予补贴。补贴通过“琈城养犬”小程序申请。",
    "第二条　办理养犬登记时，登记机关免费发放犬牌。犬牌遗失的，养犬人应当在7日内申请补办。",
    "第三条　携犬出户未束犬链或者未佩戴犬牌的，由公安机关责令改正；拒不改正的，处50元以上200元以下罚款。",
    "第四条　收容的犬只被认领的，认领人应当缴纳收容期间的饲养费用，每日30元。",
])

rules = corpus_fixture("rules", {"rules.txt": RULES, "filler.txt": FILLER}, "city", "琈城市")


def test_where_to_apply_for_a_support_no_plan_grants_is_refused(rules):
    assert not rules.ask("听说政府给养犬的人买犬只责任险补贴一半保费，在哪申请？").answerable
    answer = rules.ask("犬只绝育的补贴在哪申请？")
    assert answer.answerable and "小程序" in answer.answer, answer.answer


def test_an_amount_asked_that_is_no_fine_is_not_answered_with_a_fine(rules):
    assert not rules.ask("犬牌丢了去补办，要交多少钱？").answerable
    answer = rules.ask("携犬出户未束犬链拒不改正的，要罚多少钱？")
    assert answer.answerable and "200元" in answer.answer, answer.answer
    answer = rules.ask("犬只被收容了，认领要交多少钱？")
    assert answer.answerable and "30元" in answer.answer, answer.answer
