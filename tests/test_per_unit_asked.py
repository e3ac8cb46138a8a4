"""An amount asked per one of something (每吨能补多少, 每米补多少钱, dev13 f058/f065) is answered only by
a sentence stating an amount per that (每亩补助800元, 元/吨); a support paid on investment (按固定资产
投资的10%给予补助) or per another thing (每艘补助40万元) is no answer."""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

from rag.answer.answerer import _per_what_asked

MEASURES = "\n".join([
    "澄原市促进预制菜产业发展若干措施",
    "一、支持中央厨房和原料基地建设。",
    "对新建投产、年加工能力1万吨以上的中央厨房项目，按固定资产投资的10%给予补助，最高200万元。"
    "对企业自建的标准化蔬菜原料基地，连片面积500亩以上的，每亩每年补助800元，每家企业每年最高30万元。",
    "二、支持冷链配送。对新购置冷藏车的，按购置价的10%给予补助。",
])

library = corpus_fixture("library", {"measures.txt": MEASURES, "other.txt": FILLER}, None, None)


def test_an_amount_per_a_thing_no_sentence_pays_per_is_refused(library):
    answer = library.ask("中央厨房补助要是按每吨加工能力算，每吨能补多少钱？")
    assert not answer.answerable, answer.answer


def test_an_amount_per_a_thing_a_sentence_pays_per_is_answered(library):
    answer = library.ask("自建蔬菜原料基地每亩补多少钱？")
    assert answer.answerable and "800元" in answer.answer, answer.answer


def test_per_what_is_read_from_the_measure_word_and_the_thing():
    assert not _per_what_asked("新建渔船补助按船长算的话，每米补多少钱？", "新建渔船每艘补助40万元")
    assert _per_what_asked("每辆车能奖多少？", "燃料电池重型货车每辆奖励10万元")
    assert _per_what_asked("每个托位补多少？", "按每个托位1万元给予建设补助")
    assert _per_what_asked("每吨补多少？", "按实际加氢量给予10元/吨的运营补贴")
    assert _per_what_asked("每年最多补多少？", "单个企业最高200万元")  # a period, not what is counted
