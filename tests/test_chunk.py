"""Clause chunker on the real plans and on small documents written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.ingest.chunk import chunk_corpus, chunk_document
from rag.ingest.corpus import load_manifest
from rag.ingest.normalize import normalize, normalize_text
from rag.model import Clause, Document

REPO = Path(__file__).resolve().parents[1]
SD, LC = "shandong-nev-2023", "liaocheng-nev-2024"


@pytest.fixture(scope="module")
def corpus() -> tuple[dict[str, str], dict[str, Clause], list[Clause]]:
    files = load_manifest(REPO / "corpus")
    _, clauses = chunk_corpus(files)
    raws = {f.document.id: f.read_text() for f in files}
    return raws, {c.id: c for c in clauses}, clauses


def _doc(doc_id: str = "t", title: str = "") -> Document:
    return Document(id=doc_id, title=title, source_path=f"corpus/{doc_id}.txt")


# ---------------------------------------------------------------- the real plans
def test_every_numbered_item_is_its_own_clause(corpus):
    _, by_id, _ = corpus
    sections = {"一": 3, "二": 3, "三": 3, "四": 3, "五": 3, "六": 3, "七": 3, "八": 3, "九": 2, "十": 2}
    province = {f"{SD}:二/{s}/{n}" for s, count in sections.items() for n in range(1, count + 1)}
    province |= {f"{SD}:三/{s}" for s in "一二三四五六"}
    city_sections = ["一"] * 3 + ["二"] * 2 + ["三"] * 3 + ["四"] * 2 + ["五"] * 2 + ["六"] * 2 + ["七"] * 2 + ["八"] * 2
    items = "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八".split()
    city = {f"{LC}:{s}/{n}" for s, n in zip(city_sections, items, strict=True)} | {f"{LC}:九"}
    assert province | city <= set(by_id)
    assert all(by_id[i].kind == "item" for i in province | city)


def test_columns_are_split_per_line_item(corpus):
    _, by_id, clauses = corpus
    col1 = [c for c in clauses if c.id.startswith(f"{SD}:二/一/专栏1/")]
    col2 = [c for c in clauses if c.id.startswith(f"{SD}:二/三/专栏2/")]
    assert [c.title for c in col1] == ["新能源乘用车", "新能源商用车"]
    assert len(col2) == 16 and col2[0].id == f"{SD}:二/三/专栏2/济南" and col2[-1].title == "菏泽"
    assert col2[0].path == ("二、重点任务", "（三）实施产业布局“错位发展”行动", "专栏2 区域发展重点")
    assert all(c.kind == "column" and c.text.startswith(f"{c.title}：") for c in col1 + col2)
    # the item after the box is still an item of the same section
    assert by_id[f"{SD}:二/三/2"].path == ("二、重点任务", "（三）实施产业布局“错位发展”行动")


def test_headings_are_path_entries_not_clauses(corpus):
    _, by_id, _ = corpus
    assert f"{SD}:二" not in by_id and f"{SD}:二/六" not in by_id and f"{LC}:四" not in by_id
    c = by_id[f"{SD}:二/六/1"]
    assert c.path == ("二、重点任务", "（六）实施基础设施“提速提效”行动")
    assert c.title == "1.加快建设充电基础设施"
    assert c.breadcrumb == "二、重点任务 › （六）实施基础设施“提速提效”行动 › 1.加快建设充电基础设施"
    assert c.index_text.startswith("二、重点任务\n（六）实施基础设施“提速提效”行动\n1.加快建设充电基础设施。")


def test_notice_preamble_and_lead_in(corpus):
    _, by_id, _ = corpus
    lead_in = by_id[f"{SD}:导语"]
    assert lead_in.kind == "lead_in" and lead_in.text.startswith("山东力争2025年") and "以下为原文" not in lead_in.text
    notice = by_id[f"{SD}:通知"]
    assert notice.kind == "notice" and "鲁政字〔2023〕236号" in notice.text and notice.text.endswith("（此件公开发布）")
    assert by_id[f"{SD}:前言"].text.startswith("为深入贯彻落实国家《新能源汽车产业发展规划")
    lc_notice = by_id[f"{LC}:通知"]
    assert lc_notice.text.startswith("聊城市人民政府\n聊政字〔2024〕18号\n关于印发聊城市加快推动新能源汽车产业高质量发展实施方案的通知\n")
    assert f"{LC}:导语" not in by_id
    assert by_id[f"{LC}:前言"].text.endswith("制定本实施方案。")


def test_deepest_heading_with_several_paragraphs_gives_one_clause_each(corpus):
    _, by_id, _ = corpus
    paragraphs = [by_id[f"{SD}:一/段{n}"] for n in range(1, 8)]
    assert all(p.path == ("一、总体要求",) and p.kind == "paragraph" for p in paragraphs)
    assert paragraphs[1].title == "整车生产实现跨越式提升"
    assert paragraphs[6].text.endswith("产业规模达到600亿元左右。")  # the line broken mid-word is joined
    nine = by_id[f"{LC}:九"]
    assert nine.path == () and nine.title == "九、保障措施" and nine.text.startswith("九、保障措施\n充分发挥")


def test_responsibilities_of_the_acceptance_clauses(corpus):
    _, by_id, clauses = corpus
    charging = next(c for c in clauses if "扩总量、优结构、补短板" in c.text)
    assert charging.lead == ("省能源局", "省工业和信息化厅")
    assert charging.support == ("省发展改革委", "省交通运输厅", "省农业农村厅")
    nine = by_id[f"{LC}:四/九"]
    assert nine.lead == ("市发展改革委",)
    assert "2025" in nine.text and "2.5万台" in nine.text and "\n" not in nine.text
    one = by_id[f"{LC}:一/一"]
    assert one.lead == ("市工业和信息化局",)
    assert {"各县（市、区）人民政府", "市属开发区管委会"} <= set(one.support)
    assert by_id[f"{SD}:二/一/1"].support == ("省商务厅", "各相关市政府")
    assert by_id[f"{SD}:二/一/1"].support_inherited == ()
    assert by_id[f"{SD}:二/一/2"].support_inherited == ("各相关市政府",)
    assert "各相关市政府" not in by_id[f"{SD}:二/一/2"].support


def test_targets_on_clauses(corpus):
    _, by_id, _ = corpus
    nine = by_id[f"{LC}:四/九"]
    assert [(t.value, t.unit, t.year) for t in nine.targets] == [(2.5, "万台", 2025)]
    assert (4000.0, "辆", 2025) in [(t.value, t.unit, t.year) for t in by_id[f"{LC}:一/一"].targets]


def test_every_clause_text_is_its_normalized_raw_span(corpus):
    raws, _, clauses = corpus
    norms = {doc_id: normalize(raw) for doc_id, raw in raws.items()}
    for c in clauses:
        assert normalize_text(raws[c.doc_id][c.start:c.end]) == c.text, c.id
        # and it is the same text the whole document normalizes to at that place
        norm = norms[c.doc_id]
        i, j = norm.offsets.index(c.start), norm.offsets.index(c.end - 1) + 1
        assert norm.text[i:j] == c.text, c.id
        assert c.source_path == f"corpus/{Path(c.source_path).name}"


def test_ids_are_unique_and_stable(corpus):
    _, by_id, clauses = corpus
    assert len(by_id) == len(clauses)
    again = chunk_corpus(load_manifest(REPO / "corpus"))[1]
    assert [c.id for c in again] == [c.id for c in clauses]


# ---------------------------------------------------------------- small documents
def test_chapter_and_article_numbering():
    raw = (
        "某市充电设施管理办法\n\n第一章　总则\n\n第一条　为了规范充电设施建设，根据有关规定，结合本市实际，制定本办法。\n\n"
        "第二条　本办法适用于本市行政区域内的充电设施。\n\n第二章　建设管理\n\n"
        "第三条　新建住宅应当按照规定配建充电设施。（责任单位：市住建局）\n"
    )
    clauses = chunk_document(_doc("rules", "某市充电设施管理办法"), raw)
    assert [c.id for c in clauses] == ["rules:第一章/第一条", "rules:第一章/第二条", "rules:第二章/第三条"]
    assert clauses[0].path == ("第一章 总则",)
    assert clauses[0].title == "第一条 为了规范充电设施建设"  # a long first sentence: its first phrase
    assert clauses[2].support == ("市住建局",) and clauses[2].lead == ()


def test_generic_levels_without_responsibilities():
    raw = (
        "一、主要任务\n（一）推广应用\n1.公共领域。到2025年新增公交车500辆。\n（1）城市公交。优先使用新能源汽车。\n"
        "（2）出租汽车。逐步更新。\n①巡游车。按计划更新。\n②网约车。鼓励更新。\n2.私人领域。开展下乡活动。\n二、保障措施\n加强组织领导。\n"
    )
    clauses = chunk_document(_doc(), raw)
    ids = [c.id for c in clauses]
    assert ids == ["t:一/一/1", "t:一/一/1/1", "t:一/一/1/2", "t:一/一/1/2/1", "t:一/一/1/2/2", "t:一/一/2", "t:二"]
    assert all(not c.lead and not c.support and not c.support_inherited for c in clauses)
    assert clauses[3].path == ("一、主要任务", "（一）推广应用", "1.公共领域", "（2）出租汽车")
    assert clauses[0].targets[0].value == 500.0


def test_flat_document_falls_back_to_paragraphs():
    raw = "关于做好充电桩建设的公告\n\n第一段说明建设要求。\n\n第二段说明补贴政策，每台补贴500元。\n"
    clauses = chunk_document(_doc("flat", "关于做好充电桩建设的公告"), raw)
    assert [c.id for c in clauses] == ["flat:段1", "flat:段2"]
    assert all(c.kind == "paragraph" for c in clauses)
    assert clauses[1].targets[0].raw == "500元"


def test_note_split_across_a_page_break_parses_completely():
    raw = (
        "一、重点任务\n\n1.加快建设充电基础设施。推动充电网络向乡镇延伸。（牵头单位：省能源局，责任单位：省发展改革委、\n\n"
        "- 3 -\n\n省交通运输厅、省农业农村厅)\n\n厅)\n\n2.有序完善加氢设施。（牵头单位：省发展改革委；责任单位：各市政府，下同）\n\n"
        "3.优化布局。（牵头单位：省工信厅；责任单位：各市政府）\n\n4.拓展场景。（牵头单位：省工信厅）\n"
    )
    clauses = chunk_document(_doc(), raw)
    first = clauses[0]
    assert first.lead == ("省能源局",) and first.support == ("省发展改革委", "省交通运输厅", "省农业农村厅")
    assert "3 -" not in first.text and first.text.endswith("省农业农村厅）")
    assert clauses[1].support == ("各市政府",) and clauses[1].support_inherited == ()
    assert clauses[2].support_inherited == ()  # already listed there
    assert clauses[3].support_inherited == ("各市政府",)
    raw_text = raw
    for c in clauses:
        assert normalize_text(raw_text[c.start:c.end]) == c.text


def test_title_only_heading_with_one_body_paragraph_and_lead_in():
    raw = "头条新闻标题\n\n记者报道了这份文件的主要内容。\n\n以下为原文\n\n某某方案\n\n为推动发展，制定本方案。\n\n一、保障措施\n\n加强组织领导，落实责任。\n"
    clauses = chunk_document(_doc("x", "某某方案"), raw)
    assert [c.id for c in clauses] == ["x:导语", "x:前言", "x:一"]
    assert clauses[0].title == "头条新闻标题"
    assert clauses[2].text == "一、保障措施\n加强组织领导，落实责任。"


def test_a_one_phrase_heading_over_sub_items_is_a_title_not_a_clause():
    raw = ("某市方案\n\n一、重点任务\n\n1.建设算力枢纽节点。\n\n（1）建设数据中心集群，到2026年标准机架达到40万架。\n\n"
           "（2）统筹推进算力中心建设。（市发展改革委牵头，市工业和信息化局按职责分工负责）\n")
    clauses = chunk_document(_doc("dc", "某市方案"), raw)
    assert [c.id for c in clauses] == ["dc:一/1/1", "dc:一/1/2"]
    assert clauses[0].path == ("一、重点任务", "1.建设算力枢纽节点")
    assert clauses[1].lead == ("市发展改革委",) and clauses[1].support == ("市工业和信息化局",)


def test_a_closing_note_after_the_last_sub_item_is_the_whole_tasks():
    raw = ("某市方案\n\n一、重点任务\n\n1.建设算力枢纽节点。\n\n（1）建设数据中心集群。\n\n（2）建设算力调度平台。\n\n"
           "（市发展改革委牵头，市工业和信息化局按职责分工负责）\n\n"
           "2.建设5G网络。到2026年建成5G基站2万个。（市通信管理局牵头）\n")
    clauses = {c.id: c for c in chunk_document(_doc("dc", "某市方案"), raw)}
    for cid in ("dc:一/1/1", "dc:一/1/2"):
        assert clauses[cid].lead == ("市发展改革委",) and clauses[cid].support == ("市工业和信息化局",)
    assert clauses["dc:一/2"].lead == ("市通信管理局",)
    assert "市发展改革委" not in clauses["dc:一/1/1"].text  # the text stays the clause's own span


def test_the_first_unit_leads_where_the_document_says_so():
    body = ("一、重点任务\n\n（一）建设创新平台。（责任单位：市科技局、市财政局）\n\n"
            "（二）培育人才。（牵头单位：市人社局；责任单位：市教育局）\n")
    said = chunk_document(_doc("a", "某市措施"), f"某市措施\n\n（各项任务排在第一位的为牵头单位）\n\n{body}")
    assert [(c.lead, c.support) for c in said if c.kind == "item"] == [
        (("市科技局",), ("市财政局",)), (("市人社局",), ("市教育局",))]
    unsaid = chunk_document(_doc("b", "某市措施"), f"某市措施\n\n{body}")
    assert unsaid[0].lead == () and unsaid[0].support == ("市科技局", "市财政局")


def test_chunk_document_rejects_bad_input():
    with pytest.raises(ValueError):
        chunk_document(_doc(), b"raw")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        chunk_document(Document(id="", title=""), "text")
    assert chunk_document(_doc(), "\n\n—１—\n") == []


def test_a_column_in_traditional_script_is_split_per_line_item():
    raw = "\n".join(["某市文化旅遊行動計劃", "一、重點任務", "（一）打造精品景區。推進景區提質。（市文化和旅遊局牽頭）",
                     "專欄各區文化和旅遊重點項目", "東城區：建設古城數字文化體驗館。", "西湖區：建設西湖濱江夜遊帶。"])
    clauses = chunk_document(_doc("trad", "某市文化旅遊行動計劃"), raw)
    columns = [c for c in clauses if c.kind == "column"]
    assert [c.title for c in columns] == ["東城區", "西湖區"]
    assert columns[1].text == "西湖區：建設西湖濱江夜遊帶。"


def test_a_text_tables_rows_are_tasks_with_their_units_across_a_page_break():
    """A PDF extraction keeps a 责任分工 table as lines of cells two spaces apart; each row is a
    task whose lead and partners come from the header's columns, also after a page mark and a
    running header, and its citation covers the row."""
    raw = (
        "某县农村污水治理工作方案\n一、重点任务\n（一）完善设施。加快建设村级污水处理设施。\n二、责任分工\n"
        "序号  工作任务  牵头单位  配合单位  完成时限\n"
        "1  编制治理专项规划  县生态环境局  县自然资源局  2025年6月底前\n"
        "\n— 2 —\n\n某政办发〔2025〕11号\n\n"
        "2  黑臭水体排查整治  县生态环境局、县水利局  各乡镇人民政府  长期坚持\n"
        "三、保障措施\n加强组织领导。\n"
    )
    clauses = chunk_document(_doc("p", "某县农村污水治理工作方案"), raw)
    rows = [c for c in clauses if c.path == ("二、责任分工",)]
    assert [c.text for c in rows] == [
        "1.编制治理专项规划（牵头单位：县生态环境局；配合单位：县自然资源局；完成时限：2025年6月底前）",
        "2.黑臭水体排查整治（牵头单位：县生态环境局、县水利局；配合单位：各乡镇人民政府；完成时限：长期坚持）",
    ]
    assert rows[1].lead == ("县生态环境局", "县水利局") and rows[1].support == ("各乡镇人民政府",)
    assert raw[rows[1].start:rows[1].end] == "2  黑臭水体排查整治  县生态环境局、县水利局  各乡镇人民政府  长期坚持"
    assert clauses[-1].id == "p:三" and clauses[-1].text.endswith("加强组织领导。")  # the table ended


def test_a_markdown_tables_rows_are_tasks_under_the_annex_its_title_opens():
    """A Markdown plan keeps its 分工表 as a pipe table after a 附件 title and no signature: each
    row is a task of the annex with its units from the header's columns (an empty cell keeps the
    columns in place), cited from the row's raw span."""
    raw = "\n".join([
        "# 某市扩大体育消费实施方案", "## 三、保障措施", "### （一）加强组织领导", "建立联席会议制度。",
        "## 附件：重点任务分工表", "", "| 序号 | 重点任务 | 牵头单位 | 责任单位 | 完成时限 |", "|---|---|---|---|---|",
        "| 1 | 组织发放体育消费券 | 市商务局、市体育局 | 市财政局 | 每年11月底前 |",
        "| 2 | 建立统计监测制度 | **市统计局** |  | 长期坚持 |",
    ])
    clauses = chunk_document(_doc("md", "某市扩大体育消费实施方案"), raw)
    rows = [c for c in clauses if c.path == ("附件：重点任务分工表",)]
    assert [c.text for c in rows] == [
        "1.组织发放体育消费券（牵头单位：市商务局、市体育局；责任单位：市财政局；完成时限：每年11月底前）",
        "2.建立统计监测制度（牵头单位：市统计局；完成时限：长期坚持）",
    ]
    assert rows[0].lead == ("市商务局", "市体育局") and rows[0].support == ("市财政局",)
    assert raw[rows[1].start:rows[1].end] == "| 2 | 建立统计监测制度 | **市统计局** |  | 长期坚持 |"


def test_a_numbered_heading_opening_a_column_box_splits_its_line_items():
    raw = "\n".join(["某省智能家电产业行动计划", "一、重点任务", "（一）壮大整机。培育整机企业10家。（省工业和信息化厅牵头）",
                     "二、专栏：各市重点项目", "泓安市：建设变频空调智能制造基地，总投资85亿元。",
                     "濑川市：建设压缩机配套产业园，总投资40亿元。", "三、保障措施", "（一）加强组织领导。建立工作专班。"])
    clauses = {c.id: c for c in chunk_document(_doc("box", "某省智能家电产业行动计划"), raw)}
    assert clauses["box:二/专栏1/濑川市"].kind == "column"
    assert clauses["box:二/专栏1/濑川市"].text == "濑川市：建设压缩机配套产业园，总投资40亿元。"
    assert clauses["box:三/一"].path == ("三、保障措施",)


def test_a_rows_note_is_quoted_with_its_task_also_around_a_nested_bracket():
    from rag.answer.extract import candidate_sentences
    from rag.model import Hit

    raw = "\n".join(["# 某市方案", "## 一、保障措施", "建立联席会议制度。", "## 附件：重点任务分工表", "| 序号 | 重点任务 | 牵头单位 | 责任单位 | 完成时限 |", "|---|---|---|---|---|",
                     "| 2 | 落实赛事补助资金 | 市体育局 | 各区（县）人民政府 | 长期坚持 |"])
    (row,) = [c for c in chunk_document(_doc("md", "某市方案"), raw) if c.path == ("附件：重点任务分工表",)]
    quoted = [q for q, _ in candidate_sentences(Hit(row, 1.0, 1))]
    assert "2.落实赛事补助资金（完成时限：长期坚持）" in quoted
