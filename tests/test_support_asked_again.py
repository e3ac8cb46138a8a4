"""还有奖励吗 asks whether a support is given, as 有没有奖励 does (dev13 f042): 还有 names no kind of
support that a sentence must grant under that name."""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

QA = "\n".join([
    "澄原市加快生物医药产业发展若干政策解读",
    "问：仿制药通过一致性评价能拿多少？",
    "答：本市企业通过仿制药质量和疗效一致性评价的，同品种前3家通过的，每个品种奖励200万元；此后通过的，每个品种奖励100万元。",
    "问：租用厂房有补贴吗？",
    "答：对新租用生产厂房的，按实际租金的50%给予补贴，每家企业每年最高100万元。",
])

library = corpus_fixture("library", {"qa.txt": QA, "other.txt": FILLER}, None, None)


def test_still_a_reward_is_answered(library):
    answer = library.ask("我们公司的仿制药通过一致性评价，同品种算第4家，还有奖励吗？")
    assert answer.answerable and "100万元" in answer.answer, answer.answer
