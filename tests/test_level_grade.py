"""A level written with 级 before a thing (省级重点实验室, 评上省级的话) is the grade of a title that a
plan of any level may reward, not the level of the document asked about: in a library holding a
province's plan and a city's measures, 拿到省级重点实验室能奖多少 is answered from the city's
measure rewarding 省级创新平台, not from the province plan's rewards. 省级财政 names the level.

Two documents written for this test, their levels and regions read from their own text.
"""

from __future__ import annotations

from corpus_util import corpus_fixture

from rag.answer.intent import detect

PROVINCE = "\n".join([
    "澜岳省人民政府办公厅关于印发澜岳省智能家电产业发展行动计划的通知",
    "澜政办发〔2025〕31号",
    "各市人民政府，省政府各部门：",
    "现将《澜岳省智能家电产业发展行动计划》印发给你们，请认真贯彻执行。",
    "澜岳省人民政府办公厅",
    "2025年3月5日",
    "澜岳省智能家电产业发展行动计划",
    "一、推进智能化改造。对新认定的省级智能工厂给予一次性奖励200万元，对新认定的省级数字化车间给予一次性奖励50万元。"
    "（省工业和信息化厅牵头，省财政厅配合）",
    "二、壮大产业集群。到2027年，全省智能家电产业规模达到3500亿元。（省发展改革委牵头）",
])

CITY = "\n".join([
    "葭原市人民政府关于印发葭原市支持生物医药产业发展若干措施的通知",
    "葭政发〔2025〕6号",
    "各县（市、区）人民政府，市政府各部门：",
    "现将《葭原市支持生物医药产业发展若干措施》印发给你们，请认真贯彻执行。",
    "葭原市人民政府",
    "2025年4月2日",
    "葭原市支持生物医药产业发展若干措施",
    "一、支持创新平台建设。对新获批的省级创新平台（重点实验室、工程技术研究中心），给予一次性奖励100万元；"
    "对新获批的国家级创新平台，给予一次性奖励500万元。创新平台晋升级别的，按级差补足奖励。",
    "二、支持临床试验。对完成Ⅱ期临床试验的创新药，给予最高300万元奖励。",
])

library = corpus_fixture("library", {"province.txt": PROVINCE, "city.txt": CITY}, None, None)


def test_the_levels_are_read_from_the_documents(library):
    assert {(d.level, d.region) for d in library.documents} == {("province", "澜岳省"), ("city", "葭原市")}


def test_a_grade_of_a_thing_is_no_level_of_the_document(library):
    answer = library.ask("拿到省级重点实验室能奖多少？")
    assert answer.answerable and "100万元" in answer.answer, answer.answer
    assert answer.citations[0].clause.doc_id.startswith("city"), answer.citations[0].clause.id


def test_a_level_of_the_government_still_names_the_level(library):
    qa = library._answerer
    assert detect("省级财政对智能工厂奖多少？", qa.vocab, qa.tokenizer).levels == ("province",)
    assert detect("评上省级的话奖多少钱？", qa.vocab, qa.tokenizer).levels == ()
