#!/usr/bin/env python3
"""Checks eval/dev24/qa.jsonl against eval/dev24/docs/ with the checks every set gets
(``eval/check_set.py``), plus dev24's own layout (92 items, z001–z050 answerable with 9, 9, 8, 8, 8, 8
per document and 1–3 quotes each, z051–z092 unanswerable with 7 per document, each unanswerable form a–g
named at the start of its note, form (a) used at least 20 times, (b) at least 5, (c) and (d) at least 3 and
(e), (f), (g) at least twice, at least 45 answerable items marked ``[paraphrase]``, exactly 5 marked
``[followup]`` each starting with 那 and naming a word that only one document uses, the (a) items' subject
terms and the (g) items' place absent from all six documents, every quote occurring exactly once in its
document, every document 1,200–1,800 汉字, the genre features each document must show, the 问答 in
traditional script, and the checksums in ``FROZEN.sha256``).

Unanswerable forms (the brief's letters, as dev23's without its (h)): a whether a support, subsidy,
reward or preferential policy exists for a subject NEAR what a document covers but covered by no document
(a neighbouring kind of organisation, client, activity, tier, facility, stage or person), b an amount
never stated for a thing the document names, c a procedure, time limit or consequence never given, d a
contact, address or window not given, e a year or period not covered, f a department not in the
document, g another city's policy.

The .docx document is not plain text, so the shared ``check`` runs on a copy of the set under a
temporary folder in which the .docx is replaced by its text as python-docx reads it (paragraphs, then
every table cell, one per line, same file stem). Each .docx quote must in addition lie inside one
paragraph or one table cell. The text is read with the standard library from ``word/document.xml`` the
way python-docx reads it (a page break reads as nothing, a line break as a newline); when python-docx is
importable, both readers are run and must agree. Each quote of the HTML page must be a substring of its
source and of its visible text. ``report.md`` (written beside the set by the evaluation, changing with
the code) is ignored. Run from anywhere: ``/work/main/.venv/bin/python eval/dev24/check_dev24.py``."""

import hashlib
import html
import json
import re
import shutil
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

try:
    import docx
except ImportError:  # fall back to the stdlib reader
    docx = None

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from eval.check_set import check  # noqa: E402

A = "jinzhou-postdoc-measures-2025"
B = "tingzhou-intangible-heritage-plan-2025-2027"
C = "dangjiang-animation-game-fund-guide-2025"
D = "dicheng-childcare-subsidy-qa-2025-trad"
E = "wanzhou-food-workshop-vendor-measures-2025"
F = "hanchuan-home-renovation-subsidy-notice-2025"
ORDER = [A, B, C, D, E, F]
SUFFIX = {A: ".html", B: ".txt", C: ".docx", D: ".txt", E: ".md", F: ".txt"}
ANSWERABLE = {A: 9, B: 9, C: 8, D: 8, E: 8, F: 8}
UNANSWERABLE = {A: 7, B: 7, C: 7, D: 7, E: 7, F: 7}
N_ANS = sum(ANSWERABLE.values())
N_ALL = N_ANS + sum(UNANSWERABLE.values())
PREFIX = "z"
MIN_PARAPHRASE = 45
HAN_RANGE = (1200, 1800)

# key absent terms for each unanswerable item: (document it imitates, terms that must not occur there).
# Terms of the traditional document are given in both scripts where they differ.
ABSENT = {
    "z051": (A, ["流动站"]),
    "z052": (A, ["租房", "公寓", "住房"]),
    "z053": (A, ["分站"]),
    "z054": (A, ["硕士", "研究生"]),
    "z055": (A, ["论坛", "交流经费", "活动经费", "学术交流活动成效明显的设站单位，给予一次性"]),
    "z056": (A, ["退站", "追回", "收回", "退回"]),
    "z057": (A, ["地址", "办公地点", "楼", "窗口", "现场递交"]),
    "z058": (B, ["县级代表性传承人", "县级传承人", "县级"]),
    "z059": (B, ["徒弟", "学徒", "带徒"]),
    "z060": (B, ["传统村落", "古村落", "修缮"]),
    "z061": (B, ["非遗工坊给予", "新建非遗工坊给予", "每家工坊补助", "建设补助"]),
    "z062": (B, ["2028"]),
    "z063": (B, ["民族宗教", "民宗"]),
    "z064": (B, ["嵣州", "嵣"]),
    "z065": (C, ["漫画", "网络文学"]),
    "z066": (C, ["电竞", "赛事"]),
    "z067": (C, ["衍生品", "手办"]),
    "z068": (C, ["短剧"]),
    "z069": (C, ["品牌建设项目的企业，给予", "品牌奖励", "品牌建设奖励"]),
    "z070": (C, ["停服", "下架", "停止运营", "退回"]),
    "z071": (C, ["地址", "办公地点", "楼", "工作时间", "上班"]),
    "z072": (D, ["托育"]),
    "z073": (D, ["产检", "產檢", "孕检", "孕檢", "怀孕", "懷孕"]),
    "z074": (D, ["幼儿园", "幼兒園", "保育费", "保育費"]),
    "z075": (D, ["生育津贴", "生育津貼", "灵活就业", "靈活就業"]),
    "z076": (D, ["提高标准为", "提高標準為", "区县标准为", "區縣標準為", "提高至", "每年增加"]),
    "z077": (D, ["冒领", "冒領", "多领", "多領", "追回", "未告知", "未及时", "未及時"]),
    "z078": (D, ["地址", "辦公地點", "办公地点", "路", "樓", "楼"]),
    "z079": (E, ["小餐饮", "餐饮", "饭馆"]),
    "z080": (E, ["网店", "直播", "网络销售", "网上"]),
    "z081": (E, ["酒席", "家宴", "聚餐", "厨师", "培训"]),
    "z082": (E, ["食品生产许可证", "生产许可证", "食品生产企业"]),
    "z083": (E, ["奖励标准", "举报奖励金额", "最高奖励", "举报人奖励金额"]),
    "z084": (E, ["农业农村"]),
    "z085": (E, ["璚阳", "璚"]),
    "z086": (F, ["空调", "冰箱", "家电"]),
    "z087": (F, ["沙发", "床垫", "家具"]),
    "z088": (F, ["适老化", "护理床", "助浴"]),
    "z089": (F, ["工作经费补助比例为", "核销补贴金额的1%", "核销补贴金额的2%", "核销补贴金额的3%", "核销补贴金额的5%"]),
    "z090": (F, ["退货", "退款", "退换"]),
    "z091": (F, ["办公地址", "报名地址", "窗口", "路", "楼", "办公地点"]),
    "z092": (F, ["2026", "明年", "以后年度"]),
}

FORM = {
    "z051": "a", "z052": "a", "z053": "a", "z054": "a", "z055": "b", "z056": "c", "z057": "d",
    "z058": "a", "z059": "a", "z060": "a", "z061": "b", "z062": "e", "z063": "f", "z064": "g",
    "z065": "a", "z066": "a", "z067": "a", "z068": "a", "z069": "b", "z070": "c", "z071": "d",
    "z072": "a", "z073": "a", "z074": "a", "z075": "a", "z076": "b", "z077": "c", "z078": "d",
    "z079": "a", "z080": "a", "z081": "a", "z082": "a", "z083": "b", "z084": "f", "z085": "g",
    "z086": "a", "z087": "a", "z088": "a", "z089": "b", "z090": "c", "z091": "d", "z092": "e",
}
MIN_FORM = {"a": 20, "b": 5, "c": 3, "d": 3, "e": 2, "f": 2, "g": 2}

# the (a) items' subject (the neighbouring thing asked about) and the (g) items' place: none may occur in
# any of the six documents (both scripts where they differ); the (f) items' department is absent from
# the imitated document (ABSENT)
NOWHERE = {
    "z051": ["流动站", "流動站"], "z052": ["租房", "公寓"], "z053": ["分站"], "z054": ["硕士", "碩士"],
    "z058": ["县级代表性传承人", "縣級代表性傳承人", "县级传承人", "縣級傳承人", "县级非遗传承人"],
    "z059": ["徒弟", "学徒", "學徒"], "z060": ["传统村落", "傳統村落", "古村落"],
    "z065": ["漫画", "漫畫"], "z066": ["电竞", "電競", "赛事", "賽事"], "z067": ["衍生品", "手办", "手辦"],
    "z068": ["短剧", "短劇"], "z072": ["托育"], "z073": ["产检", "產檢"], "z074": ["幼儿园", "幼兒園", "保育费", "保育費"],
    "z075": ["生育津贴", "生育津貼"], "z079": ["餐饮", "餐飲", "饭馆", "飯館"], "z080": ["网店", "網店", "直播"],
    "z081": ["酒席", "家宴", "聚餐", "厨师", "廚師"], "z082": ["生产许可证", "生產許可證"],
    "z086": ["空调", "空調", "冰箱", "家电", "家電"], "z087": ["沙发", "沙發", "床垫", "床墊"],
    "z088": ["适老化", "適老化", "护理床", "護理床", "助浴"],
    "z064": ["嵣州", "嵣"], "z085": ["璚阳", "璚陽", "璚"],
}

# follow-up items: the word each contains (as asked, and as the document writes it) that only one
# document of the library uses
FOLLOWUP = {"z004": ("留瑨科研资助", "留瑨科研资助"), "z018": ("嵉州非遗周", "嵉州非遗周"),
            "z024": ("数字创意产业园", "数字创意产业园"), "z032": ("育兒補貼", "育兒補貼"),
            "z040": ("食品摊贩", "食品摊贩")}

# questions asked in traditional characters
TRADITIONAL_ASKED = ["z028", "z030", "z032", "z033"]

# simplified characters (all present in the simplified draft of the 问答, all changed by s2tw) that must
# not survive in the traditional document or in the questions asked in traditional characters
SIMPLIFIED = ("与专两个为么乡于仅从众会体儿关养内准办务动区医卫县参双发变号后吗员咨响场备复够婴学实审对岁并应开异当征户抚"
              "护担拨数无时晓机来标档没浏满热现电监础确离称税简级纳纸线经结统续缴网职补规览计记证话询误请读财账质贴资较"
              "迁过还连里钱错镇长门闭问间际险页顺须领题验")

# the city names of the six documents, which no question names (the (g) questions name other places)
CITIES = ["瑨州市", "嵉州市", "璗江市", "珶城市", "琓州市", "琀川市"]

CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
      "十六", "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四", "二十五", "二十六",
      "二十七", "二十八", "二十九", "三十"]

# genre features each document must show (substrings of its text; for the HTML page, of its source)
SHAPE = {
    A: ['<meta name="SiteName" content="瑨州市人民政府">', '<meta name="SiteIDCode" content="3709000021">',
        '<meta name="ColumnName" content="市政府办公室文件">', '<meta name="ArticleTitle" content="',
        '<meta name="PubDate" content="2025-07-21 16:05">', '<meta name="ContentSource" content="瑨州市人民政府办公室">',
        "长者模式", "无障碍浏览", '<div class="nav">',
        '<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; '
        '<a href="/zwgk/zcwj/">政策文件</a> &gt; <a href="/zwgk/zcwj/szfbwj/">市政府办公室文件</a></div>',
        '<table class="govinfo"', '<h1 class="title">', "<span>发布时间：2025-07-21 16:05</span>", "<span>来源：市政府办公室</span>",
        "<span>字号：", "<p>各区人民政府，瑨州高新区管委会，市政府各部门、各直属机构：</p>",
        '<p style="text-align:right;">瑨州市人民政府办公室</p>', '<p style="text-align:right;">2025年7月14日</p>',
        "<p>　　（此件公开发布）</p>", '<p style="text-align:center;"><strong>瑨州市支持博士后事业发展若干政策措施</strong></p>',
        "就高原则", "200万元", "7∶3", "咨询电话：", "主办：瑨州市人民政府办公室", "网站标识码：3709000021", "ICP备", "公网安备"],
    B: ["\n嵉政办发〔2025〕33号\n", "\n各县（市、区）人民政府，市政府各部门、各直属机构：\n", "\n嵉州市人民政府办公室\n2025年6月27日\n",
        "\n嵉州市非物质文化遗产保护传承实施方案（2025—2027年）\n", "\n一、总体要求\n", "\n二、重点任务\n", "\n三、保障措施\n",
        "\n　　各项任务的责任单位中，排在第一位的为牵头单位，其余为配合单位。\n", "\n专栏1　", "\n专栏2　"],
    C: ["2025年度璗江市动漫游戏产业发展专项资金申报指南", "表1　2025年度动漫游戏产业发展专项资金支持事项及标准", "“璗创云”",
        "中共璗江市委宣传部　　璗江市财政局", "按就高原则支持", "合计不超过500万元"],
    D: ["來源：珶城市衛生健康委員會", "發佈時間：", "瀏覽次數：", "【打印】【關閉】", "珶衛規〔2025〕4號", "“珶城通”"],
    E: ["---\ntitle: 琓州市食品小作坊和食品摊贩管理办法\n文号: 琓政规〔2025〕5号\n发布机关: 琓州市人民政府\n成文日期: 2025-08-29\n"
        "施行日期: 2025-10-01\n来源: 琓州市人民政府网站\n---\n\n# 琓州市食品小作坊和食品摊贩管理办法\n"],
    F: ["琀东区人民政府网站 > 通知公告 > 转发文件\n关于开展2025年琀川市家装厨卫“焕新”消费补贴活动的通知\n来源：琀川市商务局　　发布时间：",
        "　　浏览次数：", "　　字号：【大】【中】【小】\n（本文转自琀川市商务局网站）\n", "\n琀商发〔2025〕37号\n",
        "\n各区商务主管部门、财政局，各有关企业：\n", "\n　　附件：2025年琀川市家装厨卫“焕新”消费补贴品类及标准\n",
        "\n琀川市商务局　　琀川市财政局\n2025年9月3日\n\n附件\n2025年琀川市家装厨卫“焕新”消费补贴品类及标准\n"
        "序号　补贴品类　补贴比例　单件（单项）最高补贴\n"],
}
DOC_NUMBER_A = "瑨政办规〔2025〕9号"
META_LABELS_A = ["索 引 号", "发文机关", "主题分类", "成文日期", "发文字号", "发布日期", "有 效 性", "公开方式", "标　　题"]
N_ITEMS_A = 13                    # items （一）–（十三） of the 若干政策措施, under four group headings 一、–四、
N_TASKS_B = 11                    # tasks 1．–11． of the 实施方案
COUNTY_NOTE = "（此项及以下各项任务均需各县（市、区）人民政府落实，不再列出）"
COUNTY_NOTE_TASK = 2              # the task whose 责任单位 line carries the county note
TWO_UNITS_B = [2, 4, 7, 9]        # tasks with exactly two 责任单位
NOT_CULTURE_LEAD = {4: "市教育局", 5: "市人力资源和社会保障局", 11: "市社会科学界联合会"}  # others: 市文化广电旅游局
ONLY_JOINS = ("市商务局", [7, 8])  # leads no task, is second or later unit in exactly these
TABLE_HEADER_C = ["序号", "支持事项", "认定条件", "资助标准", "上限"]
TABLE_ROWS_C = 10
N_QUESTIONS_D = 15
N_CHAPTERS_E = 7
N_ARTICLES_E = 26
N_SECTIONS_F = 8
N_ROWS_F = 7

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def han(text: str) -> int:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text)


def _para_text(p) -> str:
    out = []
    for r in p.iter(W + "r"):
        for ch in r:
            if ch.tag == W + "t":
                out.append(ch.text or "")
            elif ch.tag == W + "tab":
                out.append("\t")
            elif ch.tag == W + "br":
                # python-docx reads a line break as a newline and a page or column break as nothing
                out.append("\n" if ch.get(W + "type", "textWrapping") == "textWrapping" else "")
            elif ch.tag == W + "cr":
                out.append("\n")
    return "".join(out)


def _stdlib_read(path: Path):
    """(body paragraphs, tables as rows of cell texts, body order as 'p'/'tbl', table style ids)."""
    with zipfile.ZipFile(path) as z:
        root = ElementTree.fromstring(z.read("word/document.xml"))
    body = root.find(W + "body")
    paras = [_para_text(p) for p in body.findall(W + "p")]
    tbls = body.findall(W + "tbl")
    tables = [[["\n".join(_para_text(p) for p in tc.findall(W + "p")) for tc in tr.findall(W + "tc")]
               for tr in tbl.findall(W + "tr")] for tbl in tbls]
    order = [child.tag[len(W):] for child in body if child.tag in (W + "p", W + "tbl")]
    styles = []
    for tbl in tbls:
        st = tbl.find(f"{W}tblPr/{W}tblStyle")
        styles.append(st.get(W + "val") if st is not None else "")
    return paras, tables, order, styles


def docx_read(path: Path):
    paras, tables, order, styles = _stdlib_read(path)
    if docx is not None:
        d = docx.Document(str(path))
        ref = ([p.text for p in d.paragraphs], [[[c.text for c in r.cells] for r in t.rows] for t in d.tables])
        if ref != (paras, tables):
            raise SystemExit(f"{path.name}: the stdlib reader and python-docx disagree")
    return paras, tables, order, styles


def docx_pieces(path: Path) -> list[str]:
    paras, tables, _, _ = docx_read(path)
    return paras + [c for t in tables for r in t for c in r]


def html_text(raw: str) -> str:
    """The visible text of an HTML page: head, scripts and tags dropped, entities unescaped."""
    body = re.sub(r"(?is)<(head|script|style)\b.*?</\1>", "", raw)
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def texts(folder: Path) -> dict[str, str]:
    out = {}
    for p in sorted((folder / "docs").iterdir()):
        if p.is_file():
            out[p.stem] = "\n".join(docx_pieces(p)) if p.suffix == ".docx" else p.read_bytes().decode("utf-8")
    return out


def shared(folder: Path) -> int:
    """The shared checks, on a copy whose .docx is replaced by its extracted text."""
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / "docs").mkdir()
        shutil.copy(folder / "qa.jsonl", t / "qa.jsonl")
        for p in sorted((folder / "docs").iterdir()):
            if p.suffix == ".docx":
                (t / "docs" / f"{p.stem}.txt").write_text("\n".join(docx_pieces(p)), encoding="utf-8")
            elif p.is_file():
                shutil.copy(p, t / "docs" / p.name)
        return check(t, ABSENT)


def frozen(folder: Path) -> list[str]:
    """FROZEN.sha256 lists every file of the set except itself and the report the evaluation writes
    beside it (report.md, which changes with the code and is ignored if present), and every checksum
    matches."""
    path = folder / "FROZEN.sha256"
    if not path.is_file():
        return ["FROZEN.sha256 missing"]
    fails, listed = [], set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        digest, name = line.split(None, 1)
        name = name.strip().lstrip("*")
        listed.add(name)
        target = folder / name
        if name in ("report.md", "FROZEN.sha256"):
            fails.append(f"FROZEN must not list {name}")
        elif not target.is_file():
            fails.append(f"FROZEN lists a missing file: {name}")
        elif hashlib.sha256(target.read_bytes()).hexdigest() != digest:
            fails.append(f"checksum differs: {name}")
    wanted = {p.relative_to(folder).as_posix() for p in folder.rglob("*")
              if p.is_file() and p.name not in ("FROZEN.sha256", "report.md") and "__pycache__" not in p.parts}
    fails += [f"FROZEN does not list {n}" for n in sorted(wanted - listed)]
    return fails


def _in_order(text: str, marks: list[str]) -> bool:
    at = -1
    for m in marks:
        at = text.find(m, at + 1)
        if at < 0:
            return False
    return True


def plan_tasks(b: str) -> list[tuple[int, list[str], bool]]:
    """(task number, 责任单位 in order, carries the county note) for each task line ``　　N．…`` of
    二、重点任务; the 责任单位 line must follow the task line directly ([] when it does not)."""
    block = b[b.find("\n二、重点任务\n"): b.find("\n三、保障措施\n")]
    lines = block.splitlines()
    out = []
    for i, ln in enumerate(lines):
        m = re.match(r"　　(\d+)．", ln)
        if not m:
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if not nxt.startswith("　　责任单位："):
            out.append((int(m.group(1)), [], False))
            continue
        units = nxt[len("　　责任单位："):]
        note = units.endswith(COUNTY_NOTE)
        units = units.removesuffix(COUNTY_NOTE)
        out.append((int(m.group(1)), units.split("、"), note))
    return out


def genre(folder: Path, text: dict[str, str]) -> list[str]:
    """Shape checks beyond the SHAPE substrings."""
    fails = []
    for doc, marks in SHAPE.items():
        fails += [f"{doc}: genre feature missing: {m!r}" for m in marks if m not in text.get(doc, "")]
    # --- HTML 若干政策措施: one metadata <table class="govinfo"> of nine <th> labels holding the 文号, which
    # appears once more as the centred line opening the body; 印发通知, issuer, date, （此件公开发布）, title;
    # four <strong> group headings 一、–四、 over items （一）–（十三）; 【打印】【关闭】 in the visible text
    a = text.get(A, "")
    if a.count("<table") != 1 or a.count("<th>") != len(META_LABELS_A):
        fails.append(f"{A}: expected one metadata table with {len(META_LABELS_A)} <th> labels")
    fails += [f"{A}: metadata label missing: {lab}" for lab in META_LABELS_A if f"<th>{lab}</th>" not in a]
    meta = a[a.find('<table class="govinfo"'): a.find("</table>")]
    if a.count(DOC_NUMBER_A) != 2 or f"<th>发文字号</th><td>{DOC_NUMBER_A}</td>" not in meta \
            or f'<p style="text-align:center;">{DOC_NUMBER_A}</p>' not in a:
        fails.append(f"{A}: the 文号 should stand in the metadata table and once at the head of the body")
    if not _in_order(a, ['<h1 class="title">', '<div class="content" id="zoom">', DOC_NUMBER_A, "各区人民政府",
                         "（此件公开发布）", "<strong>瑨州市支持博士后事业发展若干政策措施</strong>"]):
        fails.append(f"{A}: title, 文号, 印发通知 and measures title not in order")
    groups = [f"<p><strong>　　{n}、" for n in CN[:4]]
    items = [f"<p>　　（{n}）" for n in CN[:N_ITEMS_A]]
    if not _in_order(a, groups) or f"<strong>　　{CN[4]}、" in a:
        fails.append(f"{A}: group headings 一、–四、 not in order")
    if not _in_order(a, items) or f"（{CN[N_ITEMS_A]}）" in a:
        fails.append(f"{A}: items （一）–（{CN[N_ITEMS_A - 1]}） not in order")
    if not _in_order(a, [groups[0], items[0], groups[1], items[2], groups[2], items[5], groups[3], items[7]]):
        fails.append(f"{A}: items not under their group headings")
    vis = html_text(a)
    if "【打印】【关闭】" not in vis or not _in_order(vis, ["【打印】【关闭】", "网站标识码"]):
        fails.append(f"{A}: 【打印】【关闭】 should stand in the visible text before the footer")
    # --- 实施方案 (.txt): 通知 title, 文号 first; sections 一、–三、; groups （一）–（四） and tasks 1．–11., each
    # followed by a ``责任单位：`` line whose FIRST unit leads; the county note once, on task 2's line;
    # two units only in tasks 2, 4, 7, 9; 市商务局 leads none and joins only 7 and 8; 专栏1/专栏2 as plain lines
    # followed by numbered lines; year targets for 2025, 2026 and 2027, no 2024 or 2028
    b = text.get(B, "")
    lines = b.splitlines()
    if not lines or not lines[0].endswith("的通知") or lines[1] != "嵉政办发〔2025〕33号":
        fails.append(f"{B}: expected the 通知 title line and then the 文号 line")
    tasks = plan_tasks(b)
    if [n for n, *_ in tasks] != list(range(1, N_TASKS_B + 1)):
        fails.append(f"{B}: expected tasks 1．–{N_TASKS_B}．, found {[n for n, *_ in tasks]}")
    else:
        body = {n: (units, note) for n, units, note in tasks}
        if any(not units for units, _ in body.values()):
            fails.append(f"{B}: every task needs a 责任单位 line right after it")
        if [n for n, (_, note) in body.items() if note] != [COUNTY_NOTE_TASK] or b.count(COUNTY_NOTE) != 1:
            fails.append(f"{B}: the county note should close task {COUNTY_NOTE_TASK}'s line and stand nowhere else")
        two = [n for n, (units, _) in body.items() if len(units) == 2]
        if two != TWO_UNITS_B:
            fails.append(f"{B}: tasks with two units are {two}, expected {TWO_UNITS_B}")
        for n, (units, _) in body.items():
            want = NOT_CULTURE_LEAD.get(n, "市文化广电旅游局")
            if units and units[0] != want:
                fails.append(f"{B}: task {n} should be led by {want}, not {units[0]}")
        dept, joins = ONLY_JOINS
        if [n for n, (u, _) in body.items() if u and u[0] == dept] \
                or [n for n, (u, _) in body.items() if dept in u[1:]] != joins or b.count(dept) != len(joins):
            fails.append(f"{B}: {dept} should lead none and join exactly tasks {joins}")
    if not _in_order(b, ["\n二、重点任务\n"] + [f"\n（{n}）" for n in CN[:4]] + ["\n三、保障措施\n"]):
        fails.append(f"{B}: task groups （一）–（四） not in order")
    for box, n_lines in (("专栏1", 3), ("专栏2", 4)):
        at = next((i for i, ln in enumerate(lines) if ln.startswith(box + "　")), None)
        if at is None or [ln[:2] for ln in lines[at + 1: at + 1 + n_lines]] != [f"{k}．" for k in range(1, n_lines + 1)] \
                or lines[at + 1 + n_lines] != "":
            fails.append(f"{B}: {box} should be a plain line followed by {n_lines} numbered lines")
    if [ln[2:9] for ln in lines if ln.startswith("　　到20")] != ["到2025年底", "到2026年底", "到2027年底"]:
        fails.append(f"{B}: expected year-target paragraphs for 2025, 2026 and 2027")
    if "2028" in b or "2024" in b:
        fails.append(f"{B}: no 2024 or 2028 wanted")
    # --- .docx 申报指南: headings 一、–十、 in order; one Word table (Table Grid, header + ten numbered rows of
    # five cells) in the MIDDLE: after 三、 and its 表1 title, followed by a 注 paragraph, before 四、; issuers
    # and date close the document
    paras, tables, order, styles = docx_read(folder / "docs" / f"{C}.docx")
    if len(tables) != 1 or tables[0][0] != TABLE_HEADER_C or len(tables[0]) != TABLE_ROWS_C + 1 \
            or any(len(r) != len(TABLE_HEADER_C) for r in tables[0]) \
            or [r[0] for r in tables[0][1:]] != [str(n) for n in range(1, TABLE_ROWS_C + 1)] or styles != ["TableGrid"]:
        fails.append(f"{C}: expected one Table Grid table with the header {TABLE_HEADER_C} and {TABLE_ROWS_C} numbered rows")
    heads = [p for p in paras if re.match(r"[一二三四五六七八九十]+、", p)]
    if [h.split("、")[0] for h in heads] != CN[:10]:
        fails.append(f"{C}: headings 一、–十、 not in order: {heads}")
    elif "tbl" in order:
        k = order.index("tbl")          # paragraphs before the table = k
        if not paras[k - 1].startswith("表1　") or not paras[k].startswith("　　注：") \
                or paras.index("三、支持内容和标准") > k - 1 or paras.index("四、限额规定") <= k:
            fails.append(f"{C}: the table should stand between 三、 (after its 表1 title) and 四、, followed by a 注")
    if paras[-1] != "2025年8月18日" or paras[-2] != "中共璗江市委宣传部　　璗江市财政局":
        fails.append(f"{C}: issuers and date should close the document")
    # --- traditional 问答 (.txt): site line, breadcrumb, title, source line; 【問題1】–【問題15】 each followed
    # by a 【解答】 line; a closing note; no simplified character of the draft left
    d = text.get(D, "")
    dl = d.splitlines()
    if len(dl) < 4 or dl[0] != "珶城市人民政府門戶網站（繁體版）" or not dl[1].startswith("首頁 > ") \
            or dl[2] != "《珶城市育兒補貼實施辦法》政策問答" or not dl[3].startswith("來源："):
        fails.append(f"{D}: expected site line, breadcrumb, title and source line")
    qs = [i for i, ln in enumerate(dl) if ln.startswith("【問題")]
    if [dl[i][:len(f"【問題{n}】")] for n, i in zip(range(1, N_QUESTIONS_D + 1), qs)] != \
            [f"【問題{n}】" for n in range(1, N_QUESTIONS_D + 1)] or len(qs) != N_QUESTIONS_D \
            or any(not dl[i + 1].startswith("【解答】") for i in qs) or d.count("【解答】") != N_QUESTIONS_D:
        fails.append(f"{D}: expected 【問題1】–【問題{N_QUESTIONS_D}】 each followed by a 【解答】 line")
    if not d.rstrip().endswith("原文為準。）"):
        fails.append(f"{D}: the closing note should end the 问答")
    fails += [f"{D}: simplified character {ch} in the traditional document" for ch in SIMPLIFIED if ch in d]
    # --- Markdown 管理办法: YAML front matter, # title, chapters ## 第一章–第七章, articles **第一条**–**第二十六条**,
    # a numbered Markdown list under 第七条
    e = text.get(E, "")
    chapters = re.findall(r"^## 第(.+?)章　", e, re.M)
    if chapters != CN[:N_CHAPTERS_E]:
        fails.append(f"{E}: chapters 第一章–第{CN[N_CHAPTERS_E - 1]}章 not as expected: {chapters}")
    arts = re.findall(r"^\*\*第(.+?)条\*\*　", e, re.M)
    if arts != CN[:N_ARTICLES_E] or f"第{CN[N_ARTICLES_E]}条" in e:
        fails.append(f"{E}: articles 第一条–第{CN[N_ARTICLES_E - 1]}条 not in order")
    if not _in_order(e, ["**第七条**", "\n\n1. ", "\n2. ", "\n3. ", "\n4. ", "\n\n**第八条**"]):
        fails.append(f"{E}: 第七条 should carry a numbered list of four items")
    if not e.endswith("\n") or e.count("\n---\n") != 1 or not e.startswith("---\n"):
        fails.append(f"{E}: front matter or final newline not as expected")
    # --- reposted 通知 (.txt): sections 一、–八、; attachment table as plain lines: a header, rows 1–7 of four
    # fields separated by single full-width spaces, then a 注 line closing the file
    f = text.get(F, "")
    fl = f.splitlines()
    if not _in_order(f, [f"\n　　{n}、" for n in CN[:N_SECTIONS_F]]) or f"\n　　{CN[N_SECTIONS_F]}、" in f:
        fails.append(f"{F}: sections 一、–{CN[N_SECTIONS_F - 1]}、 not in order")
    try:
        h = fl.index("序号　补贴品类　补贴比例　单件（单项）最高补贴")
        rows = fl[h + 1: h + 1 + N_ROWS_F]
        if [r.split("　")[0] for r in rows] != [str(n) for n in range(1, N_ROWS_F + 1)] \
                or any(len(r.split("　")) != 4 for r in rows) or len(fl) != h + 2 + N_ROWS_F \
                or not fl[-1].startswith("注："):
            fails.append(f"{F}: attachment rows 1–{N_ROWS_F} of four fields and a closing 注 line expected")
    except ValueError:
        fails.append(f"{F}: attachment header line missing")
    return fails


def counts(folder: Path) -> int:
    """dev24's own layout. Prints failures; returns their number."""
    items = [json.loads(line) for line in (folder / "qa.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    fails = []
    ids = [it["id"] for it in items]
    if ids != [f"{PREFIX}{n:03d}" for n in range(1, N_ALL + 1)]:
        fails.append(f"ids are not {PREFIX}001–{PREFIX}{N_ALL:03d} in order")
    for n, it in enumerate(items, 1):
        if it["answerable"] is not (n <= N_ANS):
            fails.append(f"{it['id']}: answerable should be {n <= N_ANS}")
    expected = [d for d in ORDER for _ in range(ANSWERABLE[d])]
    for it, doc in zip(items[:N_ANS], expected, strict=True):
        if it["docs"] != [doc]:
            fails.append(f"{it['id']}: expected doc {doc}")
    expected = [d for d in ORDER for _ in range(UNANSWERABLE[d])]
    for it, doc in zip(items[N_ANS:], expected, strict=True):
        if ABSENT.get(it["id"], ("",))[0] != doc:
            fails.append(f"{it['id']}: expected to imitate {doc}")
    if set(ABSENT) != {it["id"] for it in items[N_ANS:]} or set(FORM) != set(ABSENT):
        fails.append("ABSENT/FORM keys differ from the unanswerable ids")
    forms = Counter(FORM.values())
    fails += [f"form {f}: only {forms[f]} items (at least {m})" for f, m in MIN_FORM.items() if forms[f] < m]
    if set(forms) - set(MIN_FORM):
        fails.append(f"unknown forms {set(forms) - set(MIN_FORM)}")
    for it in items[N_ANS:]:
        if not it["note"].startswith(f"({FORM.get(it['id'])}) "):
            fails.append(f"{it['id']}: note should start with its form ({FORM.get(it['id'])})")
        if "[paraphrase]" in it["note"] or "[followup]" in it["note"]:
            fails.append(f"{it['id']}: unanswerable items carry no [paraphrase]/[followup] mark")
        if FORM.get(it["id"]) == "a" and it["intent"] != "support":
            fails.append(f"{it['id']}: a form (a) item asks whether a support exists (intent support)")
    a_questions = [it["question"] for it in items[N_ANS:] if FORM.get(it["id"]) == "a"]
    if len(set(q[-6:] for q in a_questions)) != len(a_questions):
        fails.append("form (a) questions repeat an ending")
    if sum(q.count("？") >= 2 for q in a_questions) < 4:
        fails.append("fewer than four two-ask (a) questions")
    para = [it["id"] for it in items[:N_ANS]
            if it["note"].startswith("[paraphrase]") or it["note"].startswith("[followup] [paraphrase]")]
    if len(para) < MIN_PARAPHRASE:
        fails.append(f"only {len(para)} answerable items marked [paraphrase] (at least {MIN_PARAPHRASE})")
    follow = [it["id"] for it in items if "[followup]" in it["note"]]
    if sorted(follow) != sorted(FOLLOWUP):
        fails.append(f"[followup] items {follow} differ from {sorted(FOLLOWUP)}")
    per_doc = Counter(d for it in items for d in it["docs"])
    for doc in ORDER:
        if per_doc[doc] != ANSWERABLE[doc]:
            fails.append(f"{doc}: {per_doc[doc]} answerable items")
    files = sorted(p for p in (folder / "docs").iterdir() if p.is_file())
    if sorted(p.name for p in files) != sorted(d + SUFFIX[d] for d in ORDER):
        fails.append(f"docs/ holds {[p.name for p in files]}")
    text = texts(folder)
    for p in files:
        if not HAN_RANGE[0] <= han(text[p.stem]) <= HAN_RANGE[1]:
            fails.append(f"{p.name}: {han(text[p.stem])} 汉字")
    fails += genre(folder, text)
    byid = {it["id"]: it for it in items}
    for i, (asked, written) in FOLLOWUP.items():
        users = [d for d in ORDER if asked in text.get(d, "") or written in text.get(d, "")]
        if asked not in byid.get(i, {}).get("question", "") or users != byid.get(i, {}).get("docs"):
            fails.append(f"{i}: follow-up word {asked}/{written} is in {users}")
        if not byid.get(i, {}).get("question", "").startswith("那"):
            fails.append(f"{i}: a follow-up question should start with 那")
    for i in TRADITIONAL_ASKED:
        if any(ch in byid.get(i, {}).get("question", "") for ch in SIMPLIFIED):
            fails.append(f"{i}: asked in traditional characters but holds a simplified one")
    for it in items:
        fails += [f"{it['id']}: the question names {c}" for c in CITIES if c in it["question"]]
    need = {i for i, f in FORM.items() if f in "ag"}
    if set(NOWHERE) != need:
        fails.append(f"NOWHERE keys differ from the (a)/(g) items: {sorted(need ^ set(NOWHERE))}")
    for i, terms in NOWHERE.items():
        fails += [f"{i}: subject term {t} occurs in {d}" for t in terms for d in ORDER if t in text.get(d, "")]
        if not any(t in byid.get(i, {}).get("question", "") for t in terms):
            fails.append(f"{i}: none of its subject terms is in the question")
    pieces = docx_pieces(folder / "docs" / f"{C}.docx")
    visible = html_text(text.get(A, ""))
    for it in items[:N_ANS]:
        for q in it["gold_quotes"]:
            n = sum(text.get(d, "").count(q) for d in it["docs"])
            if n != 1:
                fails.append(f"{it['id']}: quote occurs {n} times: {q}")
            if A in it["docs"] and visible.count(q) != 1:
                fails.append(f"{it['id']}: quote not once in the visible text of the page: {q}")
            if C in it["docs"] and not any(q in piece for piece in pieces):
                fails.append(f"{it['id']}: quote not inside one paragraph or table cell: {q}")
    fails += frozen(folder)
    for f in fails:
        print("FAIL", f)
    print(f"answerable {sum(it['answerable'] for it in items)}, unanswerable {sum(not it['answerable'] for it in items)}, "
          f"forms {dict(sorted(forms.items()))}, paraphrase {len(para)}, followup {len(follow)}")
    return len(fails)


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    status = shared(here)
    extra = counts(here)
    print(f"dev24 layout: {extra} failures ({'python-docx' if docx else 'stdlib .docx reader'})")
    sys.exit(1 if status or extra else 0)
