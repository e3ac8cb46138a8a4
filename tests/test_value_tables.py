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


# A .docx or web page carries its table of standards as a real table, read row by row
# (rag.ingest.tables): each row is one sentence of its own, its cells apart, as a Markdown table's
# row reads — not glued to the next row into one run (1原创动画…200万元2原创动画…), shown by dev24's
# 申报指南 and dev23's 补贴标准表. A page's navigation bar and metadata block are no table of data.
PAGE = """<html><body>
<table><tr><td>网站首页</td><td>政务公开</td><td>办事服务</td><td>互动交流</td></tr></table>
<h1>崧州市2025年度动漫产业专项资金申报指南</h1>
<p>一、支持内容和标准</p>
<p>本年度专项资金支持以下事项，具体标准见下表。</p>
<table>
<tr><td>序号</td><td>支持事项</td><td>认定条件</td><td>资助标准</td><td>上限</td></tr>
<tr><td>1</td><td>动画电视播出</td><td>在中央电视台首播</td><td>按播出时长每分钟1500元</td><td>单部作品最高200万元</td></tr>
<tr><td>2</td><td>动画电视播出</td><td>在省级卫视首播</td><td>按播出时长每分钟600元</td><td>单部作品最高80万元</td></tr>
<tr><td>3</td><td>网络游戏出版</td><td>取得出版批准文号并上线运营</td><td>每款游戏奖励20万元</td><td>每家企业每年最多3款</td></tr>
</table>
<p>二、申报时间</p>
<p>申报时间为2025年9月1日至9月30日。</p>
</body></html>"""


def test_a_table_of_a_docx_or_page_reads_one_sentence_per_row(tmp_path):
    import docx

    from rag.ingest.loaders import load_text

    document = docx.Document()
    document.add_paragraph("一、支持内容和标准")
    grid = document.add_table(rows=3, cols=4)
    for row, cells in zip(grid.rows, (("序号", "支持事项", "资助标准", "上限"), ("1", "动画电视播出", "每分钟1500元", "最高200万元"),
                                      ("2", "网络游戏出版", "每款奖励20万元", "每年最多3款")), strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_paragraph("二、申报时间")
    document.save(str(tmp_path / "guide.docx"))
    text = normalize_text(load_text(tmp_path / "guide.docx")).split("\n")
    assert "1，动画电视播出，每分钟1500元，最高200万元。" in text and "2，网络游戏出版，每款奖励20万元，每年最多3款。" in text, text
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    page = normalize_text(load_text(tmp_path / "page.html"))
    assert "2，动画电视播出，在省级卫视首播，按播出时长每分钟600元，单部作品最高80万元。" in page.split("\n"), page
    assert "网站首页，" not in page  # (one row of short links: no table of data)


pages = corpus_fixture("pages", {"guide.html": PAGE, "filler.txt": FILLER}, "city", "崧州市")


def test_a_row_of_a_page_s_table_answers_its_own_figure(pages):
    answer = pages.ask("我们的动画片在省级卫视首播，按时长每分钟能补多少？")
    assert answer.answerable and "600元" in answer.answer and "1500元" not in answer.answer, answer.answer
