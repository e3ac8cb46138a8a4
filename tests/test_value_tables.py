"""A plain-text table of values — a 专栏 of each county's targets, a table of subsidy standards, its cells
apart by tabs, ideographic spaces or runs of spaces — reads one labelled line per row, each cell named
by its column (崧北县：河道清淤80公里，护岸建设40公里。), not as one run of glued figures
(崧城区30 20 2崧北县80 40 5…) that no answer can quote a county's figure from.

A county plan and a subsidy guide, written for this test.
"""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

from rag.ingest.normalize import normalize_text

PLAN = "\n".join([
    "崧州市河湖治理三年行动方案",
    "一、目标任务",
    "到2027年底，全市累计完成河道清淤300公里，建设护岸150公里。",
    "专栏1　各县（区）河湖治理任务",
    "县（区）　　河道清淤（公里）　　护岸建设（公里）　　示范河湖（条）",
    "崧城区　　30　　20　　2",
    "崧北县　　80　　40　　5",
    "崧南县　　70　　35　　4",
    "全市合计　　300　　150　　18",
    "",
    "二、保障措施",
    "市财政每年安排河湖治理专项资金不少于1亿元。",
])

GUIDE = "\n".join([
    "崧州市2025年度农机作业补助申报指南",
    "一、补助标准（单位：元）",
    "作业类型\t每亩补助\t单个主体年度最高",
    "秸秆深翻还田\t25\t150000",
    "免耕播种\t15\t100000",
    "二、申报时间",
    "2025年4月1日至4月30日。",
])


def test_a_text_table_of_values_reads_one_labelled_line_per_row():
    text = normalize_text(PLAN)
    assert "崧北县：河道清淤80公里，护岸建设40公里，示范河湖5条。" in text
    assert "河道清淤（公里）" not in text  # (the header row names the columns; it is no line of its own)
    guide = normalize_text(GUIDE)
    assert "秸秆深翻还田：每亩补助25元，单个主体年度最高150000元。" in guide  # (the title's unit for every figure)
    assert "2025年4月1日至4月30日。" in guide


def test_a_sentence_with_gaps_is_no_table():
    # (a metadata line of three parts, then prose: no rows below it)
    text = normalize_text("发布时间：2025年3月1日　　来源：市水利局　　浏览次数：120\n一、总体要求\n坚持系统治理。")
    assert "发布时间" in text and "：来源" not in text


lib = corpus_fixture("lib", {"plan.txt": PLAN, "guide.txt": GUIDE, "filler.txt": FILLER}, "city", "崧州市")


def test_a_county_s_figure_of_a_column_box_is_answered_from_its_row(lib):
    answer = lib.ask("崧北县这三年护岸要建多少公里？")
    assert answer.answerable and "40公里" in answer.answer, answer.answer
    answer = lib.ask("免耕播种每亩补多少钱？")
    assert answer.answerable and "15元" in answer.answer, answer.answer
