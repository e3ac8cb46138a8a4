"""How long a document holds, as people ask it: 管到什么时候, 管到哪一年, 活动到什么时候结束 ask its
施行 and 有效期 sentence (自…起施行，至…止), as 有效期到什么时候 does.

A trade-in 细则 written for this test, beside filler documents.
"""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

RULES = "\n".join([
    "瑷川市电动自行车以旧换新补贴实施细则",
    "第一条　为推动电动自行车以旧换新，制定本细则。",
    "第二条　个人消费者交售旧电动自行车并购买新电动自行车的，每辆给予补贴500元。",
    "第三条　销售门店于每月5日前提交上月补贴清算申请，市商务局自收到申请之日起10个工作日内完成审核。",
    "第四条　本细则由市商务局负责解释，自2025年9月15日起施行，至2026年6月30日止。",
])

lib = corpus_fixture("lib", {"rules.txt": RULES, "filler.txt": FILLER}, None, None)


def test_how_long_a_document_holds_is_asked_in_many_words(lib):
    for question in ("以旧换新活动到什么时候结束？", "这个以旧换新细则管到什么时候？", "以旧换新政策管到哪一年？"):
        answer = lib.ask(question)
        assert "2026年6月30日" in answer.answer, (question, answer.answer)
