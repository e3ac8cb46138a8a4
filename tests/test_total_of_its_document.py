"""A total asked in people's words (所有奖补加起来有上限吗) is a document's cap on its own measures
(dev12): 加起来, 上限 and 封顶 reach 合计, 不超过 and 最高, and the cap quoted is the one of the
document found first, not another document's 合计 that shares the asking words."""

from __future__ import annotations

from corpus_util import corpus_fixture

DESIGN = "\n".join([
    "璟原区促进工业设计发展实施方案",
    "一、培育设计创新主体。对新认定的省级、区级工业设计中心，分别给予一次性奖励50万元、20万元。",
    "二、推动设计成果转化。区内工业企业购买工业设计服务并实现产业化的，按实际支付设计服务费的20%给予补助，单个企业每年最高60万元。",
    "三、保障措施。区财政每年安排工业设计发展专项资金2000万元。单个企业每年享受本方案各项奖补合计不超过150万元。",
])
HOMESTAY = "\n".join([
    "蓼原县乡村民宿扶持办法",
    "第一条 对首次评定为金宿、银宿的民宿，分别给予一次性奖励10万元、6万元。",
    "第二条 同一民宿在同一年度内享受本办法各项奖补合计不超过25万元。",
])

library = corpus_fixture("library", {"design.txt": DESIGN, "homestay.txt": HOMESTAY}, None, None)


def test_a_total_asked_is_the_cap_of_the_document_asked_about(library):
    answer = library.ask("设计中心奖励和设计服务补助都拿了，一年所有奖补加起来有上限吗？")
    assert "150万元" in answer.answer and "25万元" not in answer.answer, answer.answer
