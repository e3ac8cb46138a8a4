"""Documents in the shapes real plans arrive in: each is chunked into its items with their units
and metadata (rag.ingest.paragraphs, tables, duties, metadata, outline), on inline text and on
generated .docx / .html files where the shape is a file format."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.ingest.add import ingest_files
from rag.ingest.chunk import chunk_document
from rag.ingest.corpus import load_manifest
from rag.ingest.metadata import detect_metadata
from rag.ingest.normalize import normalize_text
from rag.model import Document

DOC = Document(id="d", title="")
NOTICE_HEAD = ["潼山市人民政府办公室关于做好清洁取暖工作的通知", "潼政办发〔2025〕23号",
               "各县（区）人民政府，市政府各部门：", "现就有关事项通知如下。",
               "一、明确目标。全市完成改造2万户。", "请认真抓好落实。", "附件：重点任务分工表",
               "潼山市人民政府办公室", "2025年9月12日", "（此件公开发布）", "附件", "重点任务分工表"]
TABLE = [["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
         ["1", "完成煤改电改造1.2万户", "市发展改革委", "国网潼山供电公司、各县区政府", "2025年10月31日前"],
         ["2", "加强洁净型煤质量抽检", "市市场监管局", "", "采暖季期间"],
         ["3", "发放困难群众取暖补助", "市民政局", "市财政局", "2025年12月31日前"]]


def items(clauses):
    return [c for c in clauses if c.kind == "item"]


def test_items_numbered_straight_through_sections():
    sections = ["一、数字基础设施", "1.建设千兆城市。到2026年建成5G基站8000个。（牵头单位：市工业和信息化局，配合单位：市大数据局）",
                "2.建设算力中心。（牵头单位：市发展改革委、市大数据局，配合单位：各县（市、区）人民政府）",
                "二、数字产业", "3.培育软件产业。（牵头单位：市工业和信息化局，配合单位：市科技局）"]
    found = items(chunk_document(DOC, "\n".join(["青岚市人民政府关于加快数字经济发展的实施意见", *sections])))
    assert [c.labels for c in found] == ["一/1", "一/2", "二/3"]
    assert found[1].lead == ("市发展改革委", "市大数据局") and found[1].support == ("各县（市、区）人民政府",)
    assert ("配合单位", "市科技局") in found[2].roles


def test_item_titles_that_begin_with_digits():
    text = "\n".join(["一、重点任务", "6.村级信息服务站建设。整合站点。（责任单位：县农业农村局）",
                      "7.5G基站建设。三年新建5G基站260个。（责任单位：县工业和信息化局）",
                      "8.农业物联网应用。（责任单位：县农业农村局）", "9.数字果园。", "10.智能农机。", "11.追溯体系。",
                      "12.100个示范村建设。建成示范村100个。（牵头单位：县农业农村局；责任单位：县财政局）"])
    found = items(chunk_document(DOC, text))
    assert [c.labels for c in found] == ["一/6", "一/7", "一/8", "一/9", "一/10", "一/11", "一/12"]
    assert found[1].title == "7.5G基站建设" and found[1].support == ("县工业和信息化局",)
    assert found[-1].title == "12.100个示范村建设" and found[-1].lead == ("县农业农村局",)


def test_an_eleventh_measure_keeps_its_number():
    # 十一、 is one label: its 一、 is not a first item starting inside it
    text = "\n".join(["柘原县支持制造业发展若干措施", *(f"{n}、措施{n}。给予奖励。" for n in "一二三四五六七八九十"),
                      "十一、申报条件。申请本措施支持的企业应同时符合以下条件：（一）具有独立法人资格；（二）近三年无重大事故。",
                      "十二、申报程序。企业向县工业和信息化局提交申请。"])
    found = items(chunk_document(DOC, text))
    assert [c.title for c in found[-2:]] == ["十一、申报条件", "十二、申报程序"]
    assert found[-2].text.startswith("十一、申报条件。") and len({c.id for c in found}) == len(found)


ONE_LINE = ("首页 > 政务公开 > 政策文件 海晏市人民政府关于印发《海晏市充电设施建设管理办法》的通知 来源：海晏市人民政府办公室 "
            "发布时间：2024-06-05 10:32 浏览次数：1468 海政发〔2024〕11号 各县（市、区）人民政府，市政府各部门： "
            "现将《海晏市充电设施建设管理办法》印发给你们，请认真遵照执行。 海晏市人民政府 2024年6月3日 （此件公开发布） "
            "海晏市充电设施建设管理办法 第一章 总则 第一条 为加快推进充电设施建设，制定本办法。 第二条 市发展改革局负责全市"
            "充电设施的统筹协调；市市场监管局负责充电服务收费的监督检查。 第三条 违反本办法第二条规定的，由有关部门依法处理。"
            " 第二章 建设 第四条 市应急管理局牵头，市消防救援支队配合，建立隐患排查机制。 第五条 高速公路服务区的充电设施建设由"
            "市交通运输局负责。 【打印本页】 【关闭窗口】 主办单位：海晏市人民政府办公室 网站标识码：1310000099")


def test_a_whole_regulation_on_one_line():
    clauses = chunk_document(DOC, ONE_LINE)
    arts = items(clauses)
    assert [c.labels for c in arts] == ["第一章/第一条", "第一章/第二条", "第一章/第三条", "第二章/第四条", "第二章/第五条"]
    assert arts[1].lead == ("市发展改革局", "市市场监管局")
    assert arts[2].lead == () and "第三条" in arts[2].text  # a reference to 第二条 stays in its sentence
    assert arts[3].lead == ("市应急管理局",) and arts[3].support == ("市消防救援支队",)
    assert arts[4].lead == ("市交通运输局",) and "打印" not in arts[4].text and "主办单位" not in arts[4].text
    assert all(normalize_text(ONE_LINE[c.start:c.end]) == c.text for c in clauses)
    meta = detect_metadata(ONE_LINE)
    assert meta == {"title": "海晏市充电设施建设管理办法", "number": "海政发〔2024〕11号", "issuer": "海晏市人民政府",
                    "date": "2024-06-03", "published": "2024-06-05", "level": "city", "region": "海晏市"}


def test_an_article_named_in_brackets_is_a_reference():
    # (（第1条除外）: a measure's cap leaving out its first article, not a first article starting inside it)
    text = "\n".join(["柘原县支持工业设计发展若干措施", "1.设计中心奖励。对新认定的国家级工业设计中心奖励100万元。",
                      "2.其他事项。单个企业每年累计获得本措施支持资金不超过300万元（第1条除外）。所需资金由县财政承担。"])
    found = items(chunk_document(DOC, text))
    assert [c.title for c in found] == ["1.设计中心奖励", "2.其他事项"]
    assert "（第1条除外）。所需资金由县财政承担。" in found[-1].text


def test_a_box_s_frame_is_no_text():
    # (a 专栏 drawn in a box: ┌──┐ right below a task's note line is no part of its last unit's name)
    text = "\n".join(["柘原县低空经济发展实施方案", "一、重点任务",
                      "1.健全飞行安全管理机制。落实无人机实名登记要求。", "责任单位：县公安局（牵头），县气象局，县市场监管局",
                      "┌────────────────┐", "　专栏1　低空应用示范工程", "　百个配送点：建设无人机配送点100个。",
                      "└────────────────┘", "二、保障措施", "（一）加大资金支持。县财政每年安排专项资金2000万元。"])
    clauses = chunk_document(DOC, text)
    task = items(clauses)[0]
    assert task.support == ("县气象局", "县市场监管局") and task.text.endswith("县市场监管局")
    assert not any(set(c.text) & set("┌┐└┘─│") for c in clauses)
    assert [c.title for c in clauses if c.kind == "column"] == ["百个配送点"]


def _write_docx(path: Path) -> Path:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in NOTICE_HEAD:
        document.add_paragraph(line)
    table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    for r, row in enumerate(TABLE):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    document.save(str(path))
    return path


def _write_html(path: Path) -> Path:
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in TABLE)
    body = "".join(f"<p>{line}</p>" for line in NOTICE_HEAD)
    path.write_text(f"<html><head><title>通知_潼山市人民政府</title></head><body><div class='nav'>首页 | 政务公开 | "
                    f"互动交流</div>{body}<table>{rows}</table><p>【打印本页】 【关闭窗口】</p>"
                    "<div>主办：潼山市人民政府办公室 承办：潼山市大数据中心</div></body></html>", encoding="utf-8")
    return path


@pytest.mark.parametrize("write", [_write_docx, _write_html], ids=["docx", "html"])
def test_a_notice_with_an_annex_task_table(tmp_path: Path, write):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (doc,) = ingest_files([write(tmp_path / "notice.docx" if write is _write_docx else tmp_path / "notice.html")], corpus)
    assert (doc.title, doc.number, doc.issuer, doc.date, doc.level) == (
        "潼山市人民政府办公室关于做好清洁取暖工作的通知", "潼政办发〔2025〕23号", "潼山市人民政府办公室", "2025-09-12", "city")
    (entry,) = load_manifest(corpus)
    rows = [c for c in chunk_document(entry.document, entry.read_text()) if c.labels.startswith("附件")]
    assert [c.labels for c in rows] == ["附件/1", "附件/2", "附件/3"]
    assert rows[0].path == ("附件：重点任务分工表",) and rows[0].title.endswith("完成煤改电改造1.2万户")
    assert rows[0].lead == ("市发展改革委",) and rows[0].support == ("国网潼山供电公司", "各县区政府")
    assert rows[1].lead == ("市市场监管局",) and rows[1].support == ()  # an empty 配合单位 cell
    assert "采暖季期间" in rows[1].text and "完成时限" not in "".join(rows[1].support)


COUNTY = ["丰源县养老服务体系建设三年行动方案", "一、重点任务",
          "1.建设区域养老服务中心。每个乡镇建成1处。由县民政局负责。",
          "2.实施老年助餐行动。县民政局会同县财政局、县市场监管局负责助餐点建设运营。",
          "3.发展村级互助养老。（县民政局、县残联牵头，县财政局配合）",
          "4.深化医养签约服务。（主办：县卫生健康局；协办：县医保局、各乡镇人民政府）",
          "5.推进公办养老机构改革。（县民政局牵头，各乡镇人民政府按职责分工负责）",
          "6.开展居家上门服务。全县服务达到5万人次。各牵头单位要会同配合单位细化措施。"]


def test_responsibility_in_every_form_keeps_its_role_word():
    found = items(chunk_document(DOC, "\n".join(COUNTY)))
    assert [(c.lead, c.support) for c in found] == [
        (("县民政局",), ()), (("县民政局",), ("县财政局", "县市场监管局")), (("县民政局", "县残联"), ("县财政局",)),
        (("县卫生健康局",), ("县医保局", "各乡镇人民政府")), (("县民政局",), ("各乡镇人民政府",)), ((), ())]
    assert ("会同", "县财政局") in found[1].roles and ("协办", "县医保局") in found[3].roles
    assert ("主办", "县卫生健康局") in found[3].roles and ("按职责分工负责", "各乡镇人民政府") in found[4].roles


def test_articles_in_traditional_script_are_articles():
    # 第五條 is an article as 第五条 is, and 依照本辦法第三條規定 a reference, not a new article
    text = "\n".join(["蘅江市小微企業吸納就業補貼辦法", "第一條　為支持小微企業吸納就業，制定本辦法。",
                      "第二條　市人力資源和社會保障局是本辦法的主管部門。",
                      "第三條　申請條件。申請本辦法補貼的小微企業，應當同時具備下列條件：", "（一）依法登記註冊；",
                      "（二）簽訂1年以上期限的勞動合同。", "第四條　違反本辦法第三條規定的，追回補貼資金。"])
    found = items(chunk_document(DOC, text))
    assert [c.labels.split("/")[0] for c in found] == ["第一條", "第二條", "第三條", "第三條", "第三條", "第四條"]
    assert found[1].lead == ("市人力資源和社會保障局",) and "第三條規定" in found[-1].text


def test_traditional_script_is_parsed_and_quoted_as_written():
    import opencc

    from rag.ingest.script import to_simplified

    text = opencc.OpenCC("s2tw").convert("\n".join(["丰源县人民政府办公室关于印发丰源县养老服务体系建设三年行动方案的通知",
                                                     "丰政办发〔2025〕12号", "丰源县人民政府办公室", "2025年3月26日", *COUNTY]))
    found = items(chunk_document(DOC, text))
    assert found[2].lead == ("縣民政局", "縣殘聯") and found[2].support == ("縣財政局",)
    assert found[3].roles[0] == ("主辦", "縣衛生健康局")
    meta = detect_metadata(text)
    assert meta["number"] == "豐政辦發〔2025〕12號" and meta["level"] == "county" and meta["date"] == "2025-03-26"
    assert to_simplified(meta["title"]) == "丰源县养老服务体系建设三年行动方案"


def test_a_rule_on_one_line_runs_its_title_into_its_issuers_and_number():
    # a 办法 flattened to one line: title, issuing bodies (one glued to the 文号), date and articles run together
    text = ("珂溪市中小学校体育场地开放管理办法珂溪市教育局　珂溪市体育局　珂溪市公安局珂教规〔2025〕4号2025年6月2日"
            "第一条　为推动学校体育场地开放，制定本办法。第二条　市教育局负责统筹协调。")
    meta = detect_metadata(text)
    assert (meta["title"], meta["number"], meta["issuer"], meta["level"], meta["region"]) == (
        "珂溪市中小学校体育场地开放管理办法", "珂教规〔2025〕4号", "珂溪市教育局", "city", "珂溪市")
    # (its own 文号 in brackets right after the title ends it too)
    meta = detect_metadata("珂溪市数据登记管理暂行办法（珂知规〔2025〕2号　珂溪市市场监督管理局2025年7月8日印发）"
                           "第一条　为规范数据登记工作，制定本办法。")
    assert (meta["title"], meta["number"], meta["level"]) == ("珂溪市数据登记管理暂行办法", "珂知规〔2025〕2号", "city")


def test_a_place_whose_rare_character_simplifies_outside_the_basic_plane_keeps_its_level():
    from rag.ingest.script import to_simplified

    # (OpenCC folds 璕 to 𬍤 and 嵽 to 𫶇, characters no place pattern nor dictionary reads)
    assert to_simplified("璕溪縣嵽北鎮") == "璕溪县嵽北镇"
    meta = detect_metadata("璕溪县人民政府办公室文件\n\n璕政办发〔2025〕9号\n\n"
                           "璕溪县人民政府办公室关于印发璕溪县农村危房改造工作方案的通知\n\n各乡（镇）人民政府：\n\n"
                           "现将方案印发给你们，请认真组织实施。")
    assert (meta["number"], meta["issuer"], meta["level"], meta["region"]) == (
        "璕政办发〔2025〕9号", "璕溪县人民政府办公室", "county", "璕溪县")


def test_a_page_saved_from_a_government_site(tmp_path: Path):
    page = ("<html><body><div>今天是：2025年4月22日 | 无障碍浏览 | 长者模式</div><div>当前位置：首页 > 政务公开 > 政策文件</div>"
            "<table><tr><td>索 引 号：</td><td>1133/2025-00318</td><td>主题分类：</td><td>工业</td></tr>"
            "<tr><td>发文机关：</td><td>岚溪市人民政府</td><td>发文字号：</td><td>岚政发〔2025〕9号</td></tr>"
            "<tr><td>成文日期：</td><td>2025-04-15</td><td>发布日期：</td><td>2025-04-22</td></tr></table>"
            "<h1>岚溪市人民政府关于印发岚溪市新材料产业三年行动计划的通知</h1><p>岚政发〔2025〕9号</p>"
            "<p>字号：大 中 小 | 打印本页 | 关闭窗口 浏览次数：2417</p><p>各县（市、区）人民政府：</p>"
            "<p>现将《岚溪市新材料产业三年行动计划》印发给你们，请认真贯彻执行。</p><p>岚溪市人民政府</p><p>2025年4月15日</p>"
            "<p>岚溪市新材料产业三年行动计划</p><p>新材料是现代产业体系的基础和先导。近年来，我市新材料产业规模持续扩大，"
            "但仍存在龙头企业带动不强、创新能力偏弱、产业链条不长等问题。为加快推动新材料产业集群化、高端化、绿色化发展，"
            "特制定本行动计划。</p><p>一、重点任务</p><p>1. 先进有色金属材料。以经济技术开发区为核心，重点发展高强高导铜合金、"
            "高端铝合金板带箔及精深加工产品，到2027年产值达到300亿元。（牵头单位：市经信局；责任单位：市发改委）</p>"
            "<p>2. 新能源材料。围绕储能和光伏产业需求，发展锂电正负极材料、电解液、隔膜及光伏封装胶膜，到2027年新能源材料"
            "产值突破150亿元。（牵头单位：市发改委；责任单位：市科技局）</p><p>分享到：微信 微博</p><p>相关链接</p>"
            "<p>岚溪市人民政府关于印发岚溪市数字经济发展规划的通知</p><p>返回顶部</p><p>主办单位：岚溪市人民政府办公室</p>"
            "</body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (doc,) = ingest_files([path], corpus)
    assert (doc.title, doc.number, doc.issuer, doc.date, doc.region) == (
        "岚溪市新材料产业三年行动计划", "岚政发〔2025〕9号", "岚溪市人民政府", "2025-04-15", "岚溪市")
    assert doc.published == "2025-04-22"  # the site's 发布日期, a week after the 成文日期
    (entry,) = load_manifest(corpus)
    assert entry.document.published == "2025-04-22"
    clauses = chunk_document(entry.document, entry.read_text())
    assert [c.labels for c in items(clauses)] == ["一/1", "一/2"] and items(clauses)[0].lead == ("市经信局",)
    text = "".join(c.text for c in clauses)
    assert not any(chrome in text for chrome in ("无障碍", "浏览次数", "相关链接", "数字经济发展规划", "返回顶部", "主办单位"))


def test_a_rule_promulgated_by_decree_is_numbered_by_it():
    text = ("榆川市城市绿地管理办法　（2024年3月8日榆川市人民政府第21次常务会议通过　2024年3月20日榆川市人民政府令"
            "第7号公布　自2024年5月1日起施行）　第一章　总则　第一条　为加强城市绿地管理，制定本办法。"
            "　第二条　市园林绿化局负责全市城市绿地的监督管理。")
    meta = detect_metadata(text)
    assert (meta["number"], meta["issuer"], meta["date"], meta["level"]) == (
        "榆川市人民政府令第7号", "榆川市人民政府", "2024-03-20", "city")


def test_a_policy_interpretation_names_its_source_and_day():
    text = ("《榆川市老旧小区改造管理办法》政策解读\n\n发布日期：2025年4月8日　　来源：榆川市住房和城乡建设局　　浏览次数：302\n\n"
            "近日，市政府办公室印发《榆川市老旧小区改造管理办法》（榆政办规〔2025〕3号）。现就有关问题解读如下。\n\n"
            "一、出台背景\n\n我市老旧小区量大面广，改造资金筹措难。\n")
    meta = detect_metadata(text)
    assert meta["title"] == "《榆川市老旧小区改造管理办法》政策解读"
    assert meta["number"] == ""  # the 办法's number is cited, not the interpretation's own
    assert (meta["issuer"], meta["date"], meta["published"], meta["region"]) == (
        "榆川市住房和城乡建设局", "2025-04-08", "2025-04-08", "榆川市")


def test_a_policy_interpretation_keeps_each_question_with_its_answer():
    text = "\n\n".join([
        "《榆川市老旧小区改造管理办法》政策解读", "一、出台背景", "我市老旧小区量大面广。", "二、主要内容解读",
        "问：《办法》适用于哪些小区？", "答：适用于2000年底前建成的城镇老旧小区。", "其中，已列入征收范围的除外。",
        "问：《办法》何时开始施行？", "答：《办法》自2025年5月1日起施行，有效期5年。",
    ])
    clauses = chunk_document(DOC, text)
    asked = [c for c in clauses if c.title.startswith("问：")]
    assert [c.title for c in asked] == ["问：《办法》适用于哪些小区？", "问：《办法》何时开始施行？"]
    assert "已列入征收范围的除外" in asked[0].text and "2000年底前" in asked[0].text
    assert "有效期5年" in asked[1].text


def test_a_table_row_whose_note_holds_a_bracketed_name_is_titled_by_its_task():
    row = ("4.开展20个既有居住小区充电设施改造试点（牵头单位：市住房和城乡建设局；配合单位：市发展改革委（市能源局）、"
           "国网供电公司；完成时限：2024年11月底前）")
    (clause,) = items(chunk_document(DOC, f"一、重点任务\n{row}"))
    assert clause.title == "4.开展20个既有居住小区充电设施改造试点"
    assert clause.lead == ("市住房和城乡建设局",)


STYLED = [("Normal", "瑧城县农业农村局关于组织申报2025年度蚕桑产业奖补资金的通知"), ("Normal", "瑧农发〔2025〕27号"),
          ("Normal", "各乡镇人民政府："), ("Normal", "现将有关事项通知如下。"),
          ("Heading 2", "支持对象和条件"), ("Normal", "支持对象为在本县从事桑树种植和养蚕生产的农户和合作社。"),
          ("Heading 2", "奖补标准"), ("Normal", "新建标准化桑园每亩补助600元，单户最高6万元。"),
          ("Normal", "小蚕共育室应当至少完成一个养蚕季的共育后方可申请验收。"),
          ("Heading 2", "申报材料"), ("Normal", "申报主体应当提交以下材料："),
          ("List Number", "奖补资金申报表；"), ("List Number", "身份证或者营业执照；"), ("List Number", "土地流转合同。"),
          ("Heading 2", "不予支持的情形"), ("List Bullet", "桑园占用永久基本农田的；"), ("List Bullet", "设施用于非蚕桑生产用途的。")]


def test_a_docx_whose_sections_and_list_numbers_are_word_styles(tmp_path: Path):
    # (Heading 2 with no number typed, List Number items Word numbers itself: the outline the reader
    # sees is the one the chunker reads, not one clause of the whole notice)
    docx = pytest.importorskip("docx")
    from rag.ingest.loaders import load_text

    document = docx.Document()
    for style, text in STYLED:
        document.add_paragraph(text, style=style)
    path = tmp_path / "notice.docx"
    document.save(str(path))
    text = load_text(path)
    assert "一、支持对象和条件" in text and "四、不予支持的情形" in text
    assert "1.奖补资金申报表；" in text and "3.土地流转合同。" in text
    assert "桑园占用永久基本农田的；" in text and "1.桑园" not in text  # (a bullet is no number)
    clauses = chunk_document(DOC, text)
    (grant,) = [c for c in clauses if "每亩补助600元" in c.text]
    assert grant.path[:1] == ("二、奖补标准",) and "申报材料" not in grant.text
    # (a room, 小蚕共育室, is no body of government that leads anything)
    assert not any("小蚕共育室" in unit for c in clauses for unit in (*c.lead, *c.support))


def test_a_chinese_label_numeral_reads_back_as_its_value():
    from rag.ingest.numbering import cn_numeral, cn_value

    # (the labels a Word-styled heading is given, 十二、, read back by the chunker as 12)
    assert [cn_numeral(n) for n in (1, 10, 12, 20, 21)] == ["一", "十", "十二", "二十", "二十一"]
    assert all(cn_value(cn_numeral(n)) == n for n in range(1, 100))
