"""A 专栏 box whose title carries the year and the unit of its lines (专栏　2026年各市既有建筑节能改造任务
（单位：万平方米）) and whose lines write bare numbers (琮川市：公共建筑170，居住建筑250，合计420):
each line is a 专栏 line-item of its city with targets in that unit, and the year is no box number.
A box whose unit note stands on a line of its own and gives each column its unit (（单位：改造面积 万平方米；
示范项目 个）) gives a line's bare numbers those units one by one (楙原市：90；6 is 90万平方米 and 6个).

A provincial plan written for this test.
"""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

PLAN = "\n".join([
    "沄州省绿色建筑发展行动方案",
    "一、主要目标",
    "到2026年，全省完成既有建筑节能改造面积2000万平方米，其中公共建筑800万平方米、居住建筑1200万平方米。",
    "二、重点任务",
    "（一）推进既有建筑节能改造",
    "1．推进公共建筑节能改造。对改造后能耗下降15%以上的公共建筑，按改造面积每平方米30元给予补助。（省住房城乡建设厅牵头）",
    "专栏　2026年各市既有建筑节能改造任务（单位：万平方米）",
    "琮川市：公共建筑170，居住建筑250，合计420",
    "楙原市：公共建筑140，居住建筑220，合计360",
    "（二）打造绿色建筑示范",
    "2．建设超低能耗示范项目。对竣工验收的超低能耗建筑示范项目，按建筑面积每平方米100元给予奖励。（省住房城乡建设厅牵头）",
    "专栏　2027年各市超低能耗建筑推广目标",
    "（单位：推广面积 万平方米；示范项目 个）",
    "琮川市：60；4",
    "楙原市：90；6",
    "三、保障措施",
    "（一）加强组织领导。省住房城乡建设厅统筹推进，各市人民政府负责落实。",
])

plan = corpus_fixture("plan", {"plan.txt": PLAN, "filler.txt": FILLER}, None, None)


def test_the_box_lines_are_line_items_with_the_title_s_unit(plan):
    lines = {c.title: c for c in plan._answerer.clauses if c.kind == "column" and "节能改造" in " ".join(c.path)}
    assert set(lines) == {"琮川市", "楙原市"}
    assert [(t.value, t.unit) for t in lines["琮川市"].targets] == [(170.0, "万平方米"), (250.0, "万平方米"), (420.0, "万平方米")]
    assert "专栏2026" not in lines["琮川市"].id  # the title's year is no box number


def test_a_city_s_figure_is_read_from_its_line(plan):
    answer = plan.ask("琮川市2026年既有建筑节能改造任务是多少？")
    assert "420" in answer.answer and "2000万平方米" not in answer.answer, answer.answer


def test_a_bare_number_takes_a_unit_only_when_one_is_given():
    from rag.ingest.targets import extract_targets

    assert extract_targets("琮川市：公共建筑170，合计420") == ()
    assert [t.raw for t in extract_targets("到2026年合计420，2027年12月底前完成", "万平方米")] == ["420"]


def test_a_unit_note_line_gives_each_column_its_unit(plan):
    lines = {c.title: c for c in plan._answerer.clauses if c.kind == "column" and "超低能耗" in " ".join(c.path)}
    assert [(t.value, t.unit) for t in lines["楙原市"].targets] == [(90.0, "万平方米"), (6.0, "个")]


def test_a_city_s_column_figures_answer_in_their_units(plan):
    answer = plan.ask("楙原市到2027年超低能耗建筑要推广多少万平方米？示范项目建几个？")
    assert answer.answerable and "90" in answer.answer and "6" in answer.answer, answer.answer


def test_column_units_are_read_only_when_every_piece_names_one():
    from rag.ingest.targets import column_units

    assert column_units("（单位：利用林地面积 万亩；示范基地 个）") == ("万亩", "个")
    assert column_units("（单位：万辆、个）") == ("万辆", "个")
    assert column_units("（单位：各市按实际填报）") == ()
