"""Questions refused though their clause answers them: a most asked of days (最多能隔多少天) is
a duration, not money; a while (过段时间) is no narrower kind of time; and a rent waived (前2年免收
场地租金) states the rent asked (租金怎么减免); and a cut between two words (里开冷链 of 小区里开冷链)
names no narrower kind of 冷链.

A trade-in 细则, a veterans' 问答 and a cold-chain measure, written for this test.
"""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

RULES = ("珂浔市电动自行车以旧换新补贴实施细则　第一条　为推动电动自行车以旧换新，制定本细则。"
         "　第二条　享受补贴应同时符合以下条件：（一）消费者应先交售旧车、再购买新车，新车购买时间不得早于旧车交售时间，"
         "且间隔不超过30日；（二）交售的旧车与购买的新车登记所有人须为同一人。"
         "　第三条　个人消费者交售旧电动自行车并购买新电动自行车的，每辆给予补贴500元。")

QA = "\n".join([
    "珂浔市退役军人创业扶持政策问答",
    "问：入驻创业孵化基地有什么优惠？",
    "答：市级退役军人创业孵化基地对入驻的退役军人创业项目，前2年免收场地租金，第3年租金减半。",
])

COLD = "\n".join([
    "潞川市支持冷链物流发展若干措施",
    "一、支持冷库建设。对新建库容5000立方米以上的冷库项目，按投资额的15%给予补助，单个项目最高300万元。",
    "二、完善城市冷链配送网点。对在中心城区新设社区冷链前置仓的企业，每个前置仓补助3万元，每家企业每年最高30万元。",
])

lib = corpus_fixture("lib", {"rules.txt": RULES, "qa.txt": QA, "cold.txt": COLD, "filler.txt": FILLER}, None, None)


def test_a_most_of_days_or_of_things_asks_no_money():
    from rag.answer.kinds import Kind, asked_kinds, states

    assert asked_kinds("两者最多能隔多少天？") == (Kind.DURATION,)
    assert asked_kinds("一家企业一年最多能报几个仓？") == (Kind.COUNT,)
    assert asked_kinds("单个企业最多奖励多少？") == (Kind.AMOUNT,)
    assert asked_kinds("几个人合伙创业，创业担保贷款最多能贷多少？") == (Kind.AMOUNT,)  # (几个人: who asks)
    assert states(Kind.FEE, "前2年免收场地租金，第3年租金减半") and not states(Kind.FEE, "给予租金补贴")


def test_the_interval_and_the_waived_rent_are_answered(lib):
    answer = lib.ask("能不能先把新车买了，过段时间再交旧车？两者最多能隔多少天？")
    assert answer.answerable and "30日" in answer.answer, answer.answer
    answer = lib.ask("入驻退役军人创业孵化基地，场地租金怎么减免？")
    assert answer.answerable and "免收场地租金" in answer.answer, answer.answer


def test_a_word_cut_in_two_is_no_narrower_kind(lib):
    answer = lib.ask("在小区里开冷链前置仓有补贴吗？")
    assert answer.answerable and "3万元" in answer.answer, answer.answer
