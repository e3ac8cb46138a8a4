"""What the asker tells of their own case is no ask: 前几天被野猪拱了 says when it happened, not how many days
are asked, and 镇里来人看了 says who came, not a town the documents lack. Read as asks, the first made a time
the asked fact (and a rule stating no time refused), the second refused the question for a place no plan names.

A county's compensation rules, written for this test.
"""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

from rag.answer.kinds import Kind, asked_kinds
from rag.answer.questions import split_question

RULES = "\n".join([
    "瑧川县野生动物致害补偿办法",
    "第一条 农作物损失的补偿金额按照受损面积、每亩补偿基准和损失率计算，每亩补偿基准为玉米1100元、水稻1400元。",
    "第二条 损失率由县林业局会同乡镇人民政府现场认定，损失率在80%以上的按照100%计算。",
    "第三条 县林业局应当自受理申请之日起15个工作日内作出认定。",
])

rules = corpus_fixture("rules", {"rules.txt": RULES, "filler.txt": FILLER}, "county", "瑧川县")


def test_when_the_askers_own_event_happened_asks_no_time():
    assert Kind.DURATION not in asked_kinds("前几天被野猪拱了，能补多少钱？")
    assert Kind.DURATION not in asked_kinds("我们前几年拿过一次奖，这次还能拿多少？")
    assert Kind.DURATION in asked_kinds("打农药要提前几天告诉蜂农？")
    assert Kind.DURATION in asked_kinds("几天能审完？")
    # (那几天不开放 is the asker's case: the message asks one thing, how many days ahead)
    assert split_question("学校那几天不开放，会提前几天通知？") == ["学校那几天不开放，会提前几天通知？"]


def test_a_level_said_as_people_say_it_is_no_place_the_documents_lack(rules):
    answer = rules.ask("我家种的玉米前几天被野猪拱了，镇里来人看了说损失大概六成，每亩补多少？")
    assert answer.answerable and "1100元" in answer.answer, answer.answer
