"""Words about money that say nothing of who is responsible or which fee: 公众责任险 is an insurance
(not a 责任单位 question), 总花费90万 is what the asker spent (not a fee the plans never name), and a
摊主 is what a plan calls an 经营户.

Measures written for this test.
"""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

CAMP = "\n".join([
    "瑧川市促进露营旅游和农贸市场发展若干措施",
    "一、节庆活动补助。举办露营主题节庆活动，单场参与人数不少于500人的，按照活动实际支出的30%给予主办单位补助，单场最高不超过20万元。",
    "二、保险补助。营地为游客购买公众责任保险的，按照实际缴纳保费的50%给予补助，每个营地每年最高不超过1万元。（牵头单位：市文化和旅游局；责任单位：市财政局）",
    "三、过渡补贴。农贸市场改造期间整体停业的，对在册经营户按照每户每月800元给予过渡补贴，最长不超过3个月。",
])

camp = corpus_fixture("camp", {"camp.txt": CAMP, "filler.txt": FILLER}, "city", "瑧川市")


def test_a_liability_insurance_is_no_question_of_who_takes_part(camp):
    # (责任险: the insurance bought, not 责任单位)
    answer = camp.ask("给来露营的游客买了公众责任险，一年保费3万块，能补多少？")
    assert answer.answerable and "50%" in answer.answer and "牵头" not in answer.answer, answer.answer


def test_what_the_asker_spent_is_no_fee_the_plans_never_name(camp):
    # (总花费90万: spending, not a fee named 花费)
    answer = camp.ask("我们想办一场露营音乐节，预计800人参加，总花费90万左右，能补多少？")
    assert answer.answerable and "30%" in answer.answer, answer.answer


def test_a_stallholder_is_what_a_plan_calls_an_operator(camp):
    # (摊主 → 经营户)
    answer = camp.ask("市场要整体关门改造两个月，我们这些摊主有补贴吗？")
    assert answer.answerable and "800元" in answer.answer, answer.answer
