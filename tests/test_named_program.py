"""程序 in a name (创新医疗器械特别审查程序, 小程序) asks no procedure; 走什么程序 does (dev13 f043): the
raise the plan gives for entering such a program answers 还能再加吗, and a 小程序 asked for is a platform."""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

from rag.answer.kinds import Kind, asked_kinds

QA = "\n".join([
    "澄原市加快生物医药产业发展若干政策解读",
    "问：医疗器械企业有哪些支持？",
    "答：对首次取得第三类医疗器械注册证并在本市生产的产品，每个产品奖励300万元；进入国家创新医疗器械特别审查程序的，"
    "再给予100万元奖励。同一企业每年医疗器械类奖励最高1000万元。",
])

library = corpus_fixture("library", {"qa.txt": QA, "other.txt": FILLER}, None, None)


def test_a_named_program_asks_no_procedure():
    assert Kind.PROCEDURE not in asked_kinds("进了创新医疗器械特别审查程序还能再加吗？")
    assert Kind.PROCEDURE in asked_kinds("修复要走什么程序？")
    assert Kind.PLATFORM in asked_kinds("在哪个小程序上抢？")
    assert Kind.PROCEDURE not in asked_kinds("在哪个小程序上抢？")


def test_the_raise_for_entering_the_program_is_answered(library):
    answer = library.ask("首次拿到第三类医疗器械注册证，奖多少？进了创新医疗器械特别审查程序还能再加吗？")
    assert "300万元" in answer.answer and "100万元" in answer.answer, answer.answer
