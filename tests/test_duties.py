"""Responsibility notes, 下同 carry-forward and department name folding."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.ingest.chunk import chunk_corpus
from rag.ingest.corpus import load_manifest
from rag.ingest.departments import (
    canonical_department,
    department_aliases,
    department_stem,
    extract_departments,
)
from rag.ingest.duties import Duties, parse_duties

REPO = Path(__file__).resolve().parents[1]


def test_lead_and_support_with_semicolon_or_comma():
    d = parse_duties("…。（牵头单位：省能源局、省工业和信息化厅，责任单位：省发展改革委、省交通运输厅、省农业农村厅）")
    assert d == Duties(("省能源局", "省工业和信息化厅"), ("省发展改革委", "省交通运输厅", "省农业农村厅"), ())
    d = parse_duties("（牵头单位：市发展改革委；责任单位：市交通运输局，各县〔市、区〕人民政府、市属开发区管委会）")
    assert d.lead == ("市发展改革委",)
    assert d.support == ("市交通运输局", "各县（市、区）人民政府", "市属开发区管委会")


def test_carried_group_is_the_one_right_before_xiatong():
    d = parse_duties("（牵头单位：省发展改革委、省工业和信息化厅；责任单位：省商务厅，各相关市政府，下同）")
    assert d.support == ("省商务厅", "各相关市政府")
    assert d.carried == ("各相关市政府",)


def test_carried_is_the_whole_list_without_a_group():
    assert parse_duties("（责任单位：各市政府、省商务厅，下同）").carried == ("各市政府", "省商务厅")
    assert parse_duties("（责任单位：各市政府（下同））").carried == ("各市政府",)
    assert parse_duties("（牵头单位：省商务厅）").carried == ()


def test_generic_tail_and_cut_off_note():
    assert parse_duties("（牵头单位：省工业和信息化厅，责任单位：省政府有关部门、单位）").support == ("省政府有关部门、单位",)
    # a note cut off at the end of the text still yields what it names
    assert parse_duties("（牵头单位：省能源局，责任单位：省发展改革委、").support == ("省发展改革委",)
    assert parse_duties("没有任何责任说明的条款。") == Duties()
    assert parse_duties("（配合单位：市财政局）").support == ("市财政局",)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("省工信厅", "省工业和信息化厅"),
        ("省工业和信息化厅", "省工业和信息化厅"),
        ("市发改委", "市发展改革委"),
        ("市发展和改革委员会", "市发展改革委"),
        ("省住建厅", "省住房城乡建设厅"),
        ("市住房和城乡建设局", "市住房城乡建设局"),
        ("市人社局", "市人力资源社会保障局"),
        ("市市场监督管理局", "市市场监管局"),
        ("市卫健委", "市卫生健康委"),
        ("县卫健局", "县卫生健康局"),  # (a county's 卫生健康局, as people shorten it)
        ("市医保局", "市医疗保障局"),
        ("区退役军人局", "区退役军人事务局"),
        ("县发改局", "县发展改革局"),
        ("县发展和改革局", "县发展改革局"),
        ("省交通厅", "省交通运输厅"),
        ("各县(市、区)人民政府", "各县（市、区）人民政府"),
        ("各县〔市、区〕人民政府", "各县（市、区）人民政府"),
    ],
)
def test_canonical_department(written: str, canonical: str):
    assert canonical_department(written) == canonical


def test_aliases_and_stem():
    assert {"市发改委", "市发展改革委", "发展改革委", "发改委"} <= department_aliases("市发改委")
    assert "省工信厅" in department_aliases("省工业和信息化厅")
    assert department_stem("省发展改革委") == department_stem("市发改委") == "发展改革委"
    assert department_stem("省工业和信息化厅") == department_stem("市工业和信息化局")
    assert department_stem("市市场监管局") == "市场监管局"  # 市场 is not a level prefix


def test_extract_departments_from_the_corpus():
    _, clauses = chunk_corpus(load_manifest(REPO / "corpus"))
    names = extract_departments(clauses)
    assert len(names) == len(set(names))
    assert {"省工业和信息化厅", "市发展改革委", "各相关市政府", "各县（市、区）人民政府"} <= set(names)
    assert all("下同" not in n and "牵头" not in n for n in names)


@pytest.mark.parametrize(("note", "lead", "support"), [
    ("（省发展改革委牵头，省工业和信息化厅、省数据和政务服务局按职责分工负责）",
     ("省发展改革委",), ("省工业和信息化厅", "省数据和政务服务局")),
    ("（省通信管理局、省工业和信息化厅牵头，各市政府按职责分工负责）",
     ("省通信管理局", "省工业和信息化厅"), ("各市政府",)),
    ("（各市政府、雄安新区管委会负责，省发展改革委统筹协调）", ("省发展改革委",), ("各市政府", "雄安新区管委会")),
    ("（省交通运输厅、省水利厅按职责分工负责）", (), ("省交通运输厅", "省水利厅")),
    ("（省数据和政务服务局牵头，省委网信办、省发展改革委等按职责分工负责）",
     ("省数据和政务服务局",), ("省委网信办", "省发展改革委")),
])
def test_notes_naming_units_before_their_role_verbs(note, lead, support):
    d = parse_duties(f"推进数字化改造。{note}")
    assert (d.lead, d.support, d.carried) == (lead, support, ())


def test_a_verb_note_carries_forward_with_xiatong():
    d = parse_duties("做好保障。（市发展改革委牵头，各县（市、区）政府配合，下同）")
    assert d == Duties(("市发展改革委",), ("各县（市、区）政府",), ("各县（市、区）政府",))


@pytest.mark.parametrize("aside", ["给予奖励（最高不超过500万元）。", "支持企业（含个体工商户）参与。",
                                   "（由企业自主负责）", "建设平台（省级以上）。"])
def test_ordinary_brackets_are_not_notes(aside):
    assert parse_duties(aside) == Duties()


def test_a_unit_written_with_ge_is_also_asked_about_without_it():
    assert "区县政府" in department_aliases("各区县政府")
    assert "县政府" not in department_aliases("各区县政府")  # no level stripping of the short form


def test_a_unit_of_two_levels_sharing_a_head_keeps_the_note_whole():
    # (各区、县人民政府 is one unit: read as 各区 + 县人民政府 it had lost the whole note's lead)
    d = parse_duties("（市住房城乡建设局牵头，市应急管理局、市市场监管局配合，各区、县人民政府和珩溪高新区管委会负责落实，下同）")
    assert d.lead == ("市住房城乡建设局",) and d.support[:2] == ("市应急管理局", "市市场监管局")
    assert d.support[2].startswith("各区、县人民政府") and d.carried == d.support[2:]
    assert parse_duties("（牵头单位：市发展改革委；责任单位：各区、县人民政府，市财政局）").support == ("各区、县人民政府", "市财政局")


def test_units_joined_by_and_in_a_sentence_are_each_a_unit():
    from rag.ingest.duties import parse_duties

    d = parse_duties("第七条 工程建成后，由县水利局牵头，县卫生健康局、县生态环境局和所在乡镇人民政府配合，组织竣工验收。")
    assert d.lead == ("县水利局",) and d.support == ("县卫生健康局", "县生态环境局", "所在乡镇人民政府")
    assert parse_duties("由县住房和城乡建设局牵头，县发展和改革委员会配合。").support == ("县发展和改革委员会",)


def test_a_short_form_note_carries_no_duty():
    from rag.ingest.duties import parse_duties

    d = parse_duties("到2027年冷库容量达到40万吨。（牵头单位：市发展和改革委员会（以下简称市发展改革委，下同）；"
                     "责任单位：市商务局、市交通运输局）")
    assert d.lead == ("市发展和改革委员会",) and d.support == ("市商务局", "市交通运输局") and d.carried == ()


def test_a_rule_s_article_gives_each_unit_its_own_duty():
    article = ("第三条 市城市管理局是本市城市道路挖掘的主管部门，负责主干道挖掘的许可；各区城市管理局按照职责分工负责"
               "次干道、支路的挖掘许可。")
    found = parse_duties(article)
    assert found.lead == ("市城市管理局", "各区城市管理局")
    assert ("主管", "市城市管理局") in found.roles


@pytest.mark.parametrize(("sentence", "unit"), [
    ("人才生活补贴由县人力资源和社会保障局受理。", "县人力资源和社会保障局"),
    ("未经批准擅自挖掘城市道路的，由城市管理综合行政执法部门责令限期改正，处1万元以上2万元以下罚款。", "城市管理综合行政执法部门"),
])
def test_who_handles_or_penalises_in_a_rule_is_responsible(sentence, unit):
    assert parse_duties(sentence).lead == (unit,)


def test_one_body_under_two_names_is_the_first_and_answers_to_both():
    assert canonical_department("市发展改革委（市能源局）") == "市发展改革委"
    assert {"市能源局", "市发改委"} <= department_aliases("市发展改革委（市能源局）")
    assert canonical_department("各县（市、区）政府") == "各县（市、区）政府"  # a bracket inside a name stays


@pytest.mark.parametrize("text", [
    "7.推动设置老年医学科。责任单位：市卫生健康委（牵头）、市民政局；完成时限：2025年12月底前",
    "7.推动设置老年医学科。（责任单位：市卫生健康委（牵头）、市民政局；完成时限：2025年12月底前）",
    "7.推动设置老年医学科。牵头单位：市卫生健康委；责任单位：市民政局",
])
def test_role_keys_unbracketed_and_a_unit_marked_as_lead(text):
    # a task-division list writes its units after the task, unbracketed, the lead marked （牵头）
    d = parse_duties(text)
    assert (d.lead, d.support) == (("市卫生健康委",), ("市民政局",))
    assert parse_duties("各牵头单位要会同责任单位细化工作措施。").lead == ()


def test_a_keyed_line_closing_a_section_is_the_section_s(tmp_path: Path):
    from rag.ingest.chunk import chunk_document
    from rag.model import Document

    text = "\n".join(["柘原县人才若干措施", "## 三、入职补贴", "（一）对新引进的A类人才给予入职补贴100万元。",
                      "（二）对新引进的全职博士研究生给予入职补贴20万元。", "（三）入职补贴分三期发放。",
                      "**责任单位：** 县人力资源和社会保障局、县财政局", "## 四、生活补贴", "（一）每月发放生活补贴。"])
    items = [c for c in chunk_document(Document(id="d", title=""), text) if c.kind == "item"]
    assert [c.support for c in items[:3]] == [("县人力资源和社会保障局", "县财政局")] * 3
    assert items[3].support == ()


@pytest.mark.parametrize("sentence", ["（二）加大资金支持。市财政局要统筹安排专项资金，支持重大项目。",
                                      "（二）加大资金支持。市财政局统筹安排专项资金。"])
def test_a_unit_as_the_subject_of_a_safeguard_sentence_is_responsible(sentence):
    assert parse_duties(sentence).lead == ("市财政局",)


def test_a_lead_carried_by_xiatong_leads_the_tasks_below():
    from rag.ingest.chunk import chunk_document
    from rag.model import Document

    text = "\n".join(["某市商贸发展行动方案", "一、重点任务",
                      "1.培育商贸龙头企业。每年新增限上企业50家。（牵头单位：市商务局，下同；配合单位：市财政局）",
                      "2.发展夜间经济。打造夜间消费街区10个。", "3.促进直播电商。培育直播基地5个。（牵头单位：市工信局）"])
    items = [c for c in chunk_document(Document(id="d", title=""), text) if c.kind == "item"]
    assert [c.lead for c in items] == [("市商务局",), ("市商务局",), ("市工信局",)]
    assert items[1].support_inherited == () and items[2].support_inherited == ("市商务局",)


def test_units_that_lead_together_lead():
    duties = parse_duties("（市商务局、市投资促进中心共同牵头，市工业和信息化局配合）")
    assert duties.lead == ("市商务局", "市投资促进中心") and duties.support == ("市工业和信息化局",)


def test_the_rule_that_the_first_unit_leads_is_no_unit_and_its_xiatong_carries_none():
    from rag.ingest.chunk import chunk_document
    from rag.model import Document

    text = "\n".join(["某市预制菜产业实施方案", "一、重点任务",
                      "1.建设原料基地。新建基地30个。（责任单位：市农业农村局、市财政局，列第一位的为牵头单位，下同）",
                      "2.培育龙头企业。培育龙头企业3个。（责任单位：市工业和信息化局、市财政局）",
                      "3.招引优质项目。新引进项目20个。（市商务局、市投资促进中心共同牵头，市工业和信息化局配合）"])
    items = [c for c in chunk_document(Document(id="d", title=""), text) if c.kind == "item"]
    assert [(c.lead, c.support) for c in items] == [
        (("市农业农村局",), ("市财政局",)), (("市工业和信息化局",), ("市财政局",)),
        (("市商务局", "市投资促进中心"), ("市工业和信息化局",))]
    assert all(c.support_inherited == () for c in items)


def test_units_joined_by_he_after_you_lead_together_each_as_one_unit():
    duties = parse_duties("（由省交通运输厅和省发展改革委共同牵头，省财政厅配合）")
    assert duties.lead == ("省交通运输厅", "省发展改革委") and duties.support == ("省财政厅",)


def test_units_the_note_names_as_leading_among_its_responsible_units_lead():
    d = parse_duties("加快物流航线建设。（责任单位：省邮政管理局、省商务厅、省交通运输厅，其中省邮政管理局为牵头单位）")
    assert d.lead == ("省邮政管理局",) and d.support == ("省商务厅", "省交通运输厅")
    d = parse_duties("（责任单位：省交通运输厅、省发展改革委、省自然资源厅，其中省交通运输厅、省发展改革委为牵头单位；"
                     "各市人民政府负责落实，下同）")
    assert d.lead == ("省交通运输厅", "省发展改革委")
    assert d.support == ("省自然资源厅", "各市人民政府") and d.carried == ("各市人民政府",)  # the unit, not its verb


@pytest.mark.parametrize("sentence", ["第五条　第三方机构应当于每年6月1日至6月30日向县（区）教育局提出申请。",
                                      "第九条　供水单位应当每季度开展一次水质检测。",
                                      "满意度低于70%的，约谈机构负责人并责令整改。"])
def test_a_party_a_rule_regulates_or_its_person_is_no_responsible_unit(sentence):
    # (应当 of a 机构 or a 单位 the rule regulates is its duty, not a body's task; 负责人 is a person)
    assert parse_duties(sentence).lead == ()


def test_a_body_s_duty_in_a_rule_is_still_its_task():
    assert parse_duties("第十六条　县（区）教育局应当建立第三方机构服务档案。").lead == ("县（区）教育局",)


def test_a_task_with_no_note_after_a_xiatong_note_is_led_by_that_note_s_lead():
    from rag.ingest.chunk import chunk_document
    from rag.model import Document

    # (（X牵头，Y配合，下同）: the task below with no note of its own is one the whole note is for; a task with
    # a note of its own keeps its lead and gains only the carried units)
    text = "\n".join(["某市河湖治理行动方案", "一、重点任务",
                      "（一）整治排污口。完成排污口排查。（市生态环境局牵头，市住房城乡建设局、各区政府配合，下同）",
                      "（二）保护水源地。完成水源地勘界立标。",
                      "（三）建设滨水空间。建设亲水平台10处。（牵头单位：市住房城乡建设局；责任单位：市水利局）"])
    items = [c for c in chunk_document(Document(id="d", title=""), text) if c.kind == "item"]
    assert [c.lead for c in items] == [("市生态环境局",), ("市生态环境局",), ("市住房城乡建设局",)]
    assert items[1].support_inherited == ("市住房城乡建设局", "各区政府")
    assert items[2].support_inherited == ("各区政府",)


def test_a_xiatong_note_lends_a_note_less_task_all_its_units_within_its_own_section():
    from rag.ingest.chunk import chunk_document
    from rag.model import Document

    # (责任单位：X（牵头），Y，Z，各区政府，下同: the note-less task below is one the whole note is for, Y and Z
    # take part in it too; the 保障措施 of the next top section are no tasks of that note)
    text = "\n".join(["某市低空经济发展实施方案", "一、重点任务",
                      "1.强化应急救援。组建市级低空应急救援队。", "责任单位：市应急管理局（牵头），市公安局，市消防救援支队，各区政府，下同",
                      "2.提升巡查能力。建立无人机巡查机制。",
                      "二、保障措施", "（一）加大资金支持。市财政每年安排专项资金2亿元。", "（二）强化空域保障。简化航线审批流程。"])
    items = [c for c in chunk_document(Document(id="d", title=""), text) if c.kind == "item"]
    assert [c.lead for c in items] == [("市应急管理局",), ("市应急管理局",), (), ()]
    assert items[1].support_inherited == ("市公安局", "市消防救援支队", "各区政府")


def test_a_remark_naming_units_for_this_and_every_later_task_carries_them():
    """（此项及以下各项任务均需各县（市、区）人民政府落实，不再列出）, shown by dev24: the remark is no part
    of the unit before it, and the units it names take part in this task and the ones below."""
    from rag.ingest.chunk import chunk_document
    from rag.model import Document

    d = parse_duties("责任单位：市文化广电旅游局、市财政局（此项及以下各项任务均需各县（市、区）人民政府落实，不再列出）")
    assert d.support == ("市文化广电旅游局", "市财政局", "各县（市、区）人民政府") and d.carried == ("各县（市、区）人民政府",)
    text = "\n".join(["某市非遗保护实施方案", "各项任务的责任单位中，排在第一位的为牵头单位，其余为配合单位。", "一、重点任务",
                      "1.开展资源调查。", "责任单位：市文化广电旅游局",
                      "2.加强传承人管理。", "责任单位：市文化广电旅游局、市财政局（此项及以下各项任务均需各县（市、区）人民政府落实，不再列出）",
                      "3.建设非遗工坊。", "责任单位：市人力资源和社会保障局、市文化广电旅游局"])
    items = [c for c in chunk_document(Document(id="d", title=""), text) if c.kind == "item"]
    assert [(c.lead, c.support, c.support_inherited) for c in items] == [
        (("市文化广电旅游局",), (), ()),
        (("市文化广电旅游局",), ("市财政局", "各县（市、区）人民政府"), ()),
        (("市人力资源和社会保障局",), ("市文化广电旅游局",), ("各县（市、区）人民政府",))]


def test_a_question_names_no_ones_duty():
    # (a 问答's 问 line: 以後自己住院 ends as a 医院 does, but the line asks, it assigns nothing)
    assert parse_duties("問：我獻過血，以後自己住院要用血，能免多少？").lead == ()
    assert parse_duties("问：谁来审核？答：由市中心血站负责审核。").lead == ("市中心血站",)
