"""An alternative asked (按场次还是按人数, dev13 f072/f052) is answered only by a sentence stating one of
its sides: after an amount the plan does not state, the sentence granting the support without a
figure (…的企业，给予支持) is no answer to how it is counted, while 分3年发放 answers 是一次给还是分几年给."""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

from rag.answer.answerer import _answers_choice

PLAN = "\n".join([
    "澄原县县域商业体系建设实施方案",
    "一、完善乡镇商贸中心",
    "对改造提升的乡镇商贸中心，按投资额的20%给予补助，最高50万元，补助资金分3年拨付。",
    "二、发展农村电商",
    "对组织开展农村直播电商培训和带货活动的企业，给予支持。",
    "三、保障措施",
    "县商务局负责政策解释，每年5月组织申报。",
])

library = corpus_fixture("library", {"plan.txt": PLAN, "other.txt": FILLER}, None, None)


def test_an_alternative_neither_side_of_which_is_stated_is_refused(library):
    answer = library.ask("我们公司组织农村直播电商培训和带货活动，能补多少钱？按场次还是按人数？")
    assert not answer.answerable, answer.answer


def test_an_alternative_a_sentence_states_is_answered(library):
    answer = library.ask("乡镇商贸中心改造补助是一次给还是分几年给？")
    assert answer.answerable and "分3年拨付" in answer.answer, answer.answer


def test_a_side_is_found_by_its_characters_and_figures():
    assert _answers_choice("是一次给还是分几年给？", "购房补贴分5年发放")
    assert _answers_choice("是接管网还是自己建设施？", "优先接入城镇污水管网统一处理")
    assert not _answers_choice("按场次还是按人数？", "对组织开展活动的企业，给予支持")
    assert _answers_choice("有没有补贴？", "给予支持")  # no alternative asked
