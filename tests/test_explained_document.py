"""A 政策解读 has no 文号 of its own: asked its 文号, or which document it explains (dev13 f041, dev12
e050), it is answered by its sentence naming that document with its number (澄政规〔2025〕9号)."""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

QA = "\n".join([
    "《澄原市推动外贸稳规模优结构若干措施》政策问答",
    "问：《若干措施》出台的背景是什么？",
    "答：为帮助企业稳订单、拓市场，市政府办公室于2025年4月15日印发《澄原市推动外贸稳规模优结构若干措施》"
    "（澄政规〔2025〕9号，以下简称《若干措施》），自2025年5月1日起施行，有效期至2026年12月31日。",
    "问：参加境外展会有什么支持？",
    "答：对企业参加目录内境外展会的，按展位费的70%给予补助，每个展会最高5万元。",
])

library = corpus_fixture("library", {"qa.txt": QA, "other.txt": FILLER}, None, None)


def test_the_number_of_the_explained_document_is_quoted(library):
    answer = library.ask("外贸这个若干措施是哪个文号？")
    assert answer.answerable and "〔2025〕9号" in answer.answer, answer.answer


def test_which_document_it_explains_is_quoted(library):
    answer = library.ask("这份外贸问答解读的是哪个文件？")
    assert answer.answerable and "〔2025〕9号" in answer.answer, answer.answer
