"""A level asked of a thing named by its field and its head (市级具身智能重点实验室): the corpus names
the head (重点实验室) only at another level (省级重点实验室), so the 市级 one is a sibling the measure
does not reward, though the field (具身智能) stands in the corpus at no level at all.

A robot-industry measure written for this test.
"""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

MEASURES = "\n".join([
    "昶州市支持具身智能产业发展若干措施",
    "一、建设创新平台。对新获批省级制造业创新中心、省级重点实验室的，给予一次性奖励300万元。",
    "二、建设训练场。对建设具身智能训练场并向社会开放的企业，按设备投资额的30%给予建设补助，最高1000万元。",
])

lib = corpus_fixture("lib", {"measures.txt": MEASURES, "filler.txt": FILLER}, None, None)


def test_a_level_the_head_is_never_named_at_is_refused(lib):
    answer = lib.ask("我们刚被认定为市级具身智能重点实验室，有一次性奖励吗？奖多少？")
    assert not answer.answerable, answer.answer
    assert "300万元" in lib.ask("我们刚获批省级重点实验室，奖多少？").answer
