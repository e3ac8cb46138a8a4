"""A 专栏 box whose title carries the year and the unit of its lines (专栏　2026年各市既有建筑节能改造任务
（单位：万平方米）) and whose lines write bare numbers (琮川市：公共建筑170，居住建筑250，合计420):
each line is a 专栏 line-item of its city with targets in that unit, and the year is no box number.

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
    "三、保障措施",
    "（一）加强组织领导。省住房城乡建设厅统筹推进，各市人民政府负责落实。",
])

plan = corpus_fixture("plan", {"plan.txt": PLAN, "filler.txt": FILLER}, None, None)


def test_the_box_lines_are_line_items_with_the_title_s_unit(plan):
    lines = {c.title: c for c in plan._answerer.clauses if c.kind == "column"}
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
