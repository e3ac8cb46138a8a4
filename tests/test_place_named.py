"""A corpus city named in a question says which document, all of it: 璪州市有没有算力券 asks 璪州市's own
documents, and a piece the tokenizer cut from the name (州市 of 璪|州市) is no word of what is asked — else
璪州市's measures, whose text writes 在璪州市依法登记注册, answer a question on a support only 瑺州市 has.

Two city documents written for this test, each naming its city in its title.
"""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

DESIGN = "\n".join([
    "璪州市支持工业设计发展若干措施",
    "1.设计中心奖励。对新认定的国家级工业设计中心，给予一次性奖励100万元。",
    "2.公共服务平台。对新建的工业设计公共服务平台，按设备投资额的20%给予补助，最高300万元。",
    "3.申报条件。申请本措施支持的企业应当在璪州市依法登记注册、具有独立法人资格。",
])

VOUCHER = "\n".join([
    "瑺州市算力券申领指南",
    "一、补贴比例。中小企业按合同实付金额的30%发放算力券，单个主体年度上限50万元。",
    "二、申报时间。2025年6月3日至6月30日。",
])

cities = corpus_fixture("cities", {"design.txt": DESIGN, "voucher.txt": VOUCHER, "filler.txt": FILLER}, None, None)


def test_a_support_another_city_s_document_grants_is_not_answered_from_the_city_asked(cities):
    assert not cities.ask("璪州市有没有算力券？补贴比例是多少？").answerable
    answer = cities.ask("瑺州市有没有算力券？补贴比例是多少？")
    assert answer.answerable and "30%" in answer.answer, answer.answer
