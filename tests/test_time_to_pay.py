"""How long until the money arrives (审核通过后多少个工作日内拨付到账, dev4 g062) is a time to pay
out: the time one has to apply (之日起6个月内提出补贴申请) does not answer it, a sentence paying
out does (公示结束后15个工作日内拨付)."""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

ELEVATOR = "\n".join([
    "澄原市既有住宅加装电梯政策解读",
    "一、补贴标准。既有住宅加装电梯竣工验收合格后，每部电梯给予15万元补助。",
    "二、申请时限。加装电梯方案经联合审核通过并办理使用登记后，实施主体应当在取得特种设备使用登记证之日起6个月内提出补贴申请，逾期不予受理。",
])
HOMESTAY = "\n".join([
    "蓼原县乡村民宿扶持办法",
    "第一条 对首次评定为金宿、银宿的民宿，分别给予一次性奖励10万元、6万元。",
    "第二条 县文化和旅游局在受理之日起15个工作日内完成审核，审核结果公示7日，公示无异议的，县财政局于公示结束后20个工作日内拨付奖励资金。",
])

library = corpus_fixture("library", {"elevator.txt": ELEVATOR, "homestay.txt": HOMESTAY, "other.txt": FILLER}, None, None)


def test_the_time_to_apply_does_not_answer_the_time_to_pay(library):
    assert not library.ask("加装电梯补贴审核通过后，多少个工作日内拨付到账？").answerable


def test_a_sentence_paying_out_answers_it(library):
    answer = library.ask("民宿奖励公示完了多少个工作日内拨付到账？")
    assert answer.answerable and "20个工作日内拨付" in answer.answer, answer.answer
