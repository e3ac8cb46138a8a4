#!/usr/bin/env python3
"""Checks eval/dev21/qa.jsonl against eval/dev21/docs/ with the checks every set gets
(``eval/check_set.py``), plus dev21's own layout (90 items, v001–v052 answerable with 9, 9, 9, 9, 8, 8
per document and 1–2 quotes each, v053–v090 unanswerable with 6, 7, 6, 6, 6, 7 per document, each
unanswerable form a–h named at the start of its note and used at least 4 times, at least 45 answerable
items marked ``[paraphrase]``, exactly 6 marked ``[followup]`` each starting with 那 and naming a word that
only one document uses, the (h) items' premise terms absent from all six documents, every quote occurring
exactly once in its document, every document 1,300–2,000 汉字, the one-line document without any line
break, the genre features each document must show (印发通知, a 专栏 of county columns adding up to the
合计 row and to the 2027 target, both responsibility-note styles, a 下同 note ending task (五) and task (六)
without a note of its own, two lead units in tasks (三) and (七), and 市文化广电旅游局 leading none but joining
two tasks in the 实施方案; the article-style page with a metadata ``<table>``, ``<p>`` paragraphs, items
（一）–（十四） under four ``<strong>`` part headings and the 文号 only in the metadata table; the 印发通知, the
title, the date and 第一条–第十八条 run together in the one-line 管理办法; questions 1．–15． each with one
答 and the reposting header in the traditional 问答; addressee, 附件, 抄送 and a Word 分工表 with the five
columns, two lead units in exactly rows 2, 6 and 9 and 县消防救援大队 leading none but 配合 two rows in the
.docx; headings 一、–八、, numbered steps and a tab-separated 奖补标准 table in the plain-text 申报指南), the
问答 in traditional script, and the checksums in ``FROZEN.sha256``).

Unanswerable forms (the brief's letters): a a subject near what a document covers but not in it (a
sibling kind of enterprise, facility, material or group of people), b an amount, rate or ceiling never
stated for something the document mentions, c a procedure, office address, window or contact person not
given, d a place or administrative level not covered, e a year or time period not covered, f a qualifier
mismatch (the fact is given only for another grade, category, kind or stage), g how long a step takes
when no duration is given for it, h a false premise naming a subsidy or programme no document mentions.

The .docx document is not plain text, so the shared ``check`` runs on a copy of the set under a
temporary folder in which the .docx is replaced by its text as python-docx reads it (paragraphs, then
every table cell, one per line, same file stem). Each .docx quote must in addition lie inside one
paragraph or one table cell. The text is read with the standard library from ``word/document.xml`` the
way python-docx reads it; when python-docx is importable, both readers are run and must agree. Run from
anywhere: ``/work/main/.venv/bin/python eval/dev21/check_dev21.py``."""

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

A = "yuzhou-happy-rivers-lakes-plan-2025-2027"
B = "xingzhou-medical-device-measures-2025"
C = "tingcheng-shop-signs-management-measures-2025"
D = "chuzhou-housekeeping-services-qa-2025-trad"
E = "cuohe-straw-utilization-notice-2025"
F = "shaoshan-eco-burial-guide-2025"
ORDER = [A, B, C, D, E, F]
SUFFIX = {A: ".txt", B: ".html", C: ".txt", D: ".txt", E: ".docx", F: ".txt"}
ONE_LINE = [C]
ANSWERABLE = {A: 9, B: 9, C: 9, D: 9, E: 8, F: 8}
UNANSWERABLE = {A: 6, B: 7, C: 6, D: 6, E: 6, F: 7}
N_ANS = sum(ANSWERABLE.values())
N_ALL = N_ANS + sum(UNANSWERABLE.values())
MIN_PARAPHRASE = 45
HAN_RANGE = (1300, 2000)

# key absent terms for each unanswerable item: (document it imitates, terms that must not occur there).
# Terms of the traditional document are given in both scripts where they differ.
ABSENT = {
    "v053": (A, ["巡河员补贴", "巡河员每人", "每人每月", "工作补贴", "元/月"]),
    "v054": (A, ["嵻溪", "嵻"]),
    "v055": (A, ["2026"]),
    "v056": (A, ["县级幸福河湖", "县级命名"]),
    "v057": (A, ["个工作日", "日内拨付", "个月内拨付", "拨付时限", "到账"]),
    "v058": (A, ["退养", "补偿", "每头"]),
    "v059": (B, ["经营企业", "经销", "批发", "零售"]),
    "v060": (B, ["首台（套）奖励", "首台套奖励", "示范应用奖励", "给予首台"]),
    "v061": (B, ["地址", "办公地点", "受理窗口", "办事窗口", "大厅", "楼"]),
    "v062": (B, ["省级", "省财政", "省里", "全省"]),
    "v063": (B, ["追溯", "施行前", "2025年1月1日", "之前取得"]),
    "v064": (B, ["日本", "PMDA"]),
    "v065": (B, ["博士", "人才", "生活补贴"]),
    "v066": (C, ["LED", "电子屏", "显示屏", "滚动"]),
    "v067": (C, ["22时后仍", "未关闭闪烁", "照明违规", "灯光罚款"]),
    "v068": (C, ["地址", "窗口", "办公地点", "政务服务中心", "大厅"]),
    "v069": (C, ["楼顶招牌改造", "楼顶招牌统一改造", "楼顶招牌补助"]),
    "v070": (C, ["当场", "即时", "备案后", "完成备案"]),
    "v071": (C, ["保险", "责任险", "保费"]),
    "v072": (D, ["養老機構", "养老机构", "養老院", "养老院"]),
    "v073": (D, ["租金", "房租", "每平方米"]),
    "v074": (D, ["地址", "辦公地點", "办公地点", "樓", "楼", "窗口"]),
    "v075": (D, ["工傷", "工伤"]),
    "v076": (D, ["到賬", "到账", "日內撥付", "日内拨付", "撥付時限", "拨付时限"]),
    "v077": (D, ["貼息", "贴息", "貸款", "贷款", "家政貸", "家政贷"]),
    "v078": (E, ["树枝", "果树", "枝条", "果园"]),
    "v079": (E, ["罚款", "元以下", "元以上罚"]),
    "v080": (E, ["联系人", "地址", "办公地点", "楼"]),
    "v081": (E, ["中央", "省级", "省里"]),
    "v082": (E, ["2026"]),
    "v083": (E, ["每户", "农户奖励", "200元"]),
    "v084": (F, ["海葬", "海上"]),
    "v085": (F, ["每天", "每日", "超过3天", "超期"]),
    "v086": (F, ["地址", "位于", "路", "乘车"]),
    "v087": (F, ["市级", "市财政", "市里"]),
    "v088": (F, ["2026", "下一年度标准"]),
    "v089": (F, ["到账", "日内发放", "个工作日内发放", "发放时限"]),
    "v090": (F, ["丧葬补助金", "丧葬费"]),
}

FORM = {
    "v053": "b", "v054": "d", "v055": "e", "v056": "f", "v057": "g", "v058": "h",
    "v059": "a", "v060": "b", "v061": "c", "v062": "d", "v063": "e", "v064": "f", "v065": "h",
    "v066": "a", "v067": "b", "v068": "c", "v069": "f", "v070": "g", "v071": "h",
    "v072": "a", "v073": "b", "v074": "c", "v075": "f", "v076": "g", "v077": "h",
    "v078": "a", "v079": "b", "v080": "c", "v081": "d", "v082": "e", "v083": "h",
    "v084": "a", "v085": "b", "v086": "c", "v087": "d", "v088": "e", "v089": "g", "v090": "h",
}
MIN_FORM = dict.fromkeys("abcdefgh", 4)
# the (h) items' premise terms, which must occur in none of the six documents
PREMISE = {"v058": ["退养", "补偿"], "v065": ["博士", "生活补贴"], "v071": ["保险", "责任险", "保费"],
           "v077": ["贴息", "貼息", "家政贷", "家政貸"], "v083": ["农户奖励", "每户能领"],
           "v090": ["丧葬补助金", "丧葬費", "丧葬费"]}

# follow-up items: the word each contains (as asked, and as the document writes it) that only one
# document of the library uses
FOLLOWUP = {"v007": ("幸福河湖", "幸福河湖"), "v016": ("注册人", "注册人"), "v024": ("楼顶招牌", "楼顶招牌"),
            "v032": ("居家上门服务证", "居家上門服務證"), "v044": ("收储中心", "收储中心"), "v050": ("壁葬", "壁葬")}

# simplified characters (all present in the simplified draft, all changed by s2tw) that must not
# survive in the traditional document (干 is left out: s2tw rightly keeps it in 若干)
SIMPLIFIED = ("万与业两严个为么书买于从会伤体关养内册况准凭则办务动励劳区医协单占参发台号后吗员咨围备复奖婴宁实审对岗"
              "并应开异当总执扩护报担拨据数无时来档洁满点电疗积称税稳签简类级纳组织经结绕给统续综编缴网职联范营虚补计订"
              "认训议记设证评诉话询请谁财责质购贴费资转载辑达过还这进连选里长门问间际险项领题额骗")

DOC_NUMBER = (B, "瑆府办规〔2025〕12号")
CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
      "十六", "十七", "十八"]

# genre features each document must show (substrings of its text)
SHAPE = {
    A: ["嵎政办发〔2025〕23号\n", "各县（区）人民政府，市政府各部门，各有关单位：", "嵎州市人民政府办公室\n2025年3月18日",
        "（此件公开发布）", "一、基本原则", "二、主要目标", "三、重点任务", "四、保障措施", "专栏1　",
        "县（区）　　河道综合治理（公里）　　岸线整治（公里）　　市级幸福河湖（条）", "全市合计　　", "（牵头单位：",
        "；责任单位：", "牵头，", "配合）", "配合，下同）", "到2025年底", "到2027年底"],
    B: ['<p class="position">当前位置：<a href="/">首页</a> › <a href="/zwgk/">政务公开</a> › '
        '<a href="/zcwj/">政策文件</a></p>', '<table class="zwgk-meta"', '<td class="t">索引号：</td>',
        '<td class="t">公开方式：</td>', '<td class="t">发文机关：</td>', '<td class="t">发文字号：</td>',
        '<td class="t">成文日期：</td>', '<td class="t">发布日期：</td>', '<td class="t">主题分类：</td>',
        '<td class="t">时　　效：</td>', "<article", "<header", "<nav", "<footer", "信息来源：", "发布时间：",
        "阅读次数：", "扫一扫在手机打开当前页", "【打印本页】", "【关闭窗口】", "网站标识码", "ICP备", "公网安备",
        "附件：", "各县（市、区）人民政府，瑆州经济技术开发区管委会，市政府各部门：", "就高原则不重复支持",
        '<p style="text-indent:2em;">']
       + [f"<p style=\"text-indent:2em;\"><strong>{n}、" for n in CN[:4]]
       + [f"<p style=\"text-indent:2em;\">（{n}）" for n in CN[:14]],
    C: [f"第{n}条　" for n in CN[:18]] + ["珽城管规〔2025〕3号", "各区人民政府，市直有关单位：", "罚款", "12345"],
    D: [f"\n{n}．" for n in range(1, 16)] + ["答：", "轉載自：", "發佈時間：", "來源：", "責任編輯：", "【字體：大 中 小】",
                                           "諮詢", "聯繫人", "電話", "琡政辦發〔2025〕19號"],
    E: ["瑳政办发〔2025〕11号", "各乡（镇）人民政府，县直各有关单位：", "附件：", "抄送：", "（此件公开发布）",
        "一、工作目标", "二、支持政策", "三、工作措施", "四、保障措施", "附表：重点任务分工表"],
    F: ["玿山县2025年度节地生态安葬奖补申报指南\n", "发布单位：", "发布日期：", "安葬方式\t基本要求\t奖补标准（每位逝者）\n",
        "联系人", "咨询电话"] + [f"\n{n}、" for n in CN[:8]] + [f"\n{n}．" for n in range(1, 6)],
}
TABLE_HEADER = ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"]
TWO_LEADS = {"2", "6", "9"}         # rows of the .docx table with two lead units
NO_LEAD_DEPT = "县消防救援大队"     # leads no row, 配合 two
PLAN_NO_LEAD = "市文化广电旅游局"   # leads no task of the 实施方案, joins two

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
            elif ch.tag in (W + "br", W + "cr"):
                out.append("\n")
    return "".join(out)


def _stdlib_read(path: Path) -> tuple[list[str], list[list[list[str]]]]:
    """(body paragraphs, tables as rows of cell texts), the way python-docx reads them."""
    with zipfile.ZipFile(path) as z:
        root = ElementTree.fromstring(z.read("word/document.xml"))
    body = root.find(W + "body")
    paras = [_para_text(p) for p in body.findall(W + "p")]
    tables = [[["\n".join(_para_text(p) for p in tc.findall(W + "p")) for tc in tr.findall(W + "tc")]
               for tr in tbl.findall(W + "tr")] for tbl in body.findall(W + "tbl")]
    return paras, tables


def docx_read(path: Path) -> tuple[list[str], list[list[list[str]]]]:
    paras, tables = _stdlib_read(path)
    if docx is not None:
        d = docx.Document(str(path))
        ref = ([p.text for p in d.paragraphs], [[[c.text for c in r.cells] for r in t.rows] for t in d.tables])
        if ref != (paras, tables):
            raise SystemExit(f"{path.name}: the stdlib reader and python-docx disagree")
    return paras, tables


def docx_pieces(path: Path) -> list[str]:
    paras, tables = docx_read(path)
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
    """FROZEN.sha256 lists qa.jsonl and every doc, and every checksum matches."""
    path = folder / "FROZEN.sha256"
    if not path.is_file():
        return ["FROZEN.sha256 missing"]
    fails, listed = [], set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        digest, name = line.split(None, 1)
        name = name.strip()
        listed.add(name)
        target = folder / name
        if not target.is_file():
            fails.append(f"FROZEN lists a missing file: {name}")
        elif hashlib.sha256(target.read_bytes()).hexdigest() != digest:
            fails.append(f"checksum differs: {name}")
    wanted = {"qa.jsonl"} | {f"docs/{p.name}" for p in (folder / "docs").iterdir() if p.is_file()}
    fails += [f"FROZEN does not list {n}" for n in sorted(wanted - listed)]
    return fails


def _in_order(text: str, marks: list[str]) -> bool:
    at = -1
    for m in marks:
        at = text.find(m, at + 1)
        if at < 0:
            return False
    return True


def _plan_tasks(a: str) -> list[str]:
    """The ten tasks of the 实施方案's 三、重点任务, each as one line."""
    block = a[a.find("三、重点任务"): a.find("四、保障措施")]
    return [ln for ln in block.splitlines() if re.match(r"（[一二三四五六七八九十]+）", ln)]


def _note(task: str) -> str:
    """The responsibility note that closes a task line ('' when there is none)."""
    m = re.search(r"（[^（）]*(?:（[^（）]*）[^（）]*)*）$", task)
    note = m.group(0) if m else ""
    return note if ("牵头" in note or "配合" in note or "责任单位" in note) else ""


def genre(folder: Path, text: dict[str, str]) -> list[str]:
    """Shape checks beyond the SHAPE substrings."""
    fails = []
    for doc, marks in SHAPE.items():
        fails += [f"{doc}: genre feature missing: {m!r}" for m in marks if m not in text.get(doc, "")]
    # --- 实施方案: tasks （一）–（十）; (五) ends with the 下同 note, (六) carries none; both note styles at least
    # twice; two lead units in (三) and (七); 市文化广电旅游局 leads none and joins two; 专栏 columns add up
    a = text.get(A, "")
    tasks = _plan_tasks(a)
    if [t[: t.find("）") + 1] for t in tasks] != [f"（{n}）" for n in CN[:10]]:
        fails.append(f"{A}: expected tasks （一）–（十）, one per line")
    else:
        notes = [_note(t) for t in tasks]
        if not notes[4].endswith("下同）") or notes[5]:
            fails.append(f"{A}: task (五) should end with the 下同 note and task (六) carry no note of its own")
        if sum(n.startswith("（牵头单位：") for n in notes) < 2 or sum("牵头，" in n for n in notes) < 2:
            fails.append(f"{A}: expected both responsibility-note styles, each at least twice")
        leads = [n[n.find("：") + 1: n.find("；")] if n.startswith("（牵头单位：") else n[1: n.find("牵头")] for n in notes]
        two = [i + 1 for i, ld in enumerate(leads) if "、" in ld]
        if two != [3, 7]:
            fails.append(f"{A}: tasks with two lead units are {two}, expected [3, 7]")
        if any(PLAN_NO_LEAD in ld for ld in leads) or sum(PLAN_NO_LEAD in n for n in notes) != 2:
            fails.append(f"{A}: {PLAN_NO_LEAD} should lead no task and join exactly two")
    if "2026" in a:
        fails.append(f"{A}: targets should be given for 2025 and 2027 only")
    rows = re.findall(r"^(\S+?[县区])　　(\d+)　　(\d+)　　(\d+)$", a, flags=re.M)
    total = re.findall(r"^全市合计　　(\d+)　　(\d+)　　(\d+)$", a, flags=re.M)
    body = [tuple(map(int, r[1:])) for r in rows]
    if len(body) != 6 or len(total) != 1 or tuple(map(sum, zip(*body, strict=False))) != tuple(map(int, total[0])):
        fails.append(f"{A}: 专栏1 should list six counties whose columns add up to the 全市合计 row")
    goal = re.search(r"到2027年底，全市累计完成河道综合治理(\d+)公里，整治岸线(\d+)公里，建成市级幸福河湖(\d+)条", a)
    if not goal or (total and tuple(map(int, goal.groups())) != tuple(map(int, total[0]))):
        fails.append(f"{A}: the 2027 target should equal the 专栏 合计")
    # --- HTML: article page with a metadata <table>, no DIV metadata list; 文号 once, inside the table;
    # part headings 一、–四、 and items （一）–（十四） in order
    b = text.get(B, "")
    if b.count("<table") != 1 or "xxgk-meta" in b or "<label>" in b:
        fails.append(f"{B}: expected exactly one <table> (the metadata table) and no DIV metadata list")
    if not _in_order(b, [f"（{n}）" for n in CN[:14]]) or "（十五）" in b:
        fails.append(f"{B}: items （一）–（十四） not in order")
    if not _in_order(b, [f"<strong>{n}、" for n in CN[:4]]) or "<strong>五、" in b:
        fails.append(f"{B}: part headings 一、–四、 not in order")
    doc, number = DOC_NUMBER
    meta = b[b.find('<table class="zwgk-meta"'): b.find("</table>")]
    if text.get(doc, "").count(number) != 1 or number not in meta:
        fails.append(f"{doc}: the 文号 should occur once, inside the metadata table")
    # --- one-line 管理办法: no line break; 文号, 通知, date, title and 第一条 glued; articles in order
    for doc in ONE_LINE:
        if "\n" in text.get(doc, "") or "\r" in text.get(doc, ""):
            fails.append(f"{doc}: must be a single line with no trailing newline")
    c = text.get(C, "")
    if not c.startswith("珽城管规〔2025〕3号珽城市城市管理局") or \
            "2025年5月9日珽城市户外招牌设施设置管理办法第一条　" not in c:
        fails.append(f"{C}: 文号, 印发通知, date, title and 第一条 should run together")
    if not _in_order(c, [f"第{n}条　" for n in CN[:18]]) or "第十九条" in c:
        fails.append(f"{C}: articles 第一条–第十八条 not in order")
    # --- traditional 问答: header first, 1．–15． each with one 答, no simplified character of the draft left
    d = text.get(D, "")
    if not d.startswith("轉載自：") or d.count("\n答：") != 15 or not _in_order(d, [f"\n{n}．" for n in range(1, 16)]) \
            or "\n16．" in d:
        fails.append(f"{D}: expected the reposting header first and questions 1．–15．, each with one 答")
    fails += [f"{D}: simplified character {ch} in the traditional document" for ch in SIMPLIFIED if ch in d]
    # --- .docx: Word table with the five columns, two lead units in exactly rows 2, 6, 9;
    # 县消防救援大队 leads none and 配合 two rows; 抄送 after the table
    paras, tables = docx_read(folder / "docs" / f"{E}.docx")
    if not tables or tables[0][0] != TABLE_HEADER:
        fails.append(f"{E}: no Word table with the header {TABLE_HEADER}")
    else:
        rows = tables[0][1:]
        if [r[0] for r in rows] != [str(n) for n in range(1, 11)]:
            fails.append(f"{E}: table rows should be numbered 1–10")
        two = {r[0] for r in rows if "、" in r[2]}
        if two != TWO_LEADS:
            fails.append(f"{E}: rows with two lead units are {sorted(two)}, expected {sorted(TWO_LEADS)}")
        if any(NO_LEAD_DEPT in r[2] for r in rows) or sum(NO_LEAD_DEPT in r[3] for r in rows) != 2:
            fails.append(f"{E}: {NO_LEAD_DEPT} should lead no row and 配合 exactly two")
    if not paras or not any(p.startswith("抄送：") for p in paras[-3:]):
        fails.append(f"{E}: the 抄送 line should close the document")
    if "2026" in text.get(E, ""):
        fails.append(f"{E}: no 2026 figures wanted")
    # --- plain-text 申报指南: multi-line, no Markdown, a tab table of a header and five rows of three cells
    f = text.get(F, "")
    if f.count("\n") < 40 or re.search(r"^(#|>|\|)", f, flags=re.M):
        fails.append(f"{F}: the 申报指南 should be multi-line plain text without Markdown")
    tab_rows = [ln for ln in f.splitlines() if "\t" in ln]
    if len(tab_rows) != 6 or any(ln.count("\t") != 2 for ln in tab_rows):
        fails.append(f"{F}: expected a header and five rows of three tab-separated cells, found {len(tab_rows)}")
    if "2026" in f:
        fails.append(f"{F}: no 2026 wanted")
    return fails


def counts(folder: Path) -> int:
    """dev21's own layout. Prints failures; returns their number."""
    items = [json.loads(line) for line in (folder / "qa.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    fails = []
    ids = [it["id"] for it in items]
    if ids != [f"v{n:03d}" for n in range(1, N_ALL + 1)]:
        fails.append(f"ids are not v001–v{N_ALL:03d} in order")
    if len(set(ids)) != len(ids):
        fails.append("duplicate ids")
    for n, it in enumerate(items, 1):
        if it["answerable"] is not (n <= N_ANS):
            fails.append(f"{it['id']}: answerable should be {n <= N_ANS}")
    expected = [d for d in ORDER for _ in range(ANSWERABLE[d])]
    for it, doc in zip(items[:N_ANS], expected, strict=True):
        if it["docs"] != [doc]:
            fails.append(f"{it['id']}: expected doc {doc}")
        if not 1 <= len(it["gold_quotes"]) <= 2:
            fails.append(f"{it['id']}: {len(it['gold_quotes'])} quotes (1–2 wanted)")
    expected = [d for d in ORDER for _ in range(UNANSWERABLE[d])]
    for it, doc in zip(items[N_ANS:], expected, strict=True):
        if ABSENT.get(it["id"], ("",))[0] != doc:
            fails.append(f"{it['id']}: expected to imitate {doc}")
    if set(ABSENT) != {it["id"] for it in items[N_ANS:]} or set(FORM) != set(ABSENT):
        fails.append("ABSENT/FORM keys differ from the unanswerable ids")
    forms = Counter(FORM.values())
    fails += [f"form {f}: only {forms[f]} items (at least {m})" for f, m in MIN_FORM.items() if forms[f] < m]
    for it in items[N_ANS:]:
        if not it["note"].startswith(f"({FORM.get(it['id'])})"):
            fails.append(f"{it['id']}: note should start with its form ({FORM.get(it['id'])})")
        if "[paraphrase]" in it["note"] or "[followup]" in it["note"]:
            fails.append(f"{it['id']}: unanswerable items carry no [paraphrase]/[followup] mark")
    para = [it["id"] for it in items[:N_ANS] if it["note"].startswith("[paraphrase]")]
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
    if set(PREMISE) != {i for i, f in FORM.items() if f == "h"}:
        fails.append("PREMISE keys differ from the (h) items")
    for i, terms in PREMISE.items():
        fails += [f"{i}: (h) premise term {t} occurs in {d}" for t in terms for d in ORDER if t in text.get(d, "")]
    pieces = docx_pieces(folder / "docs" / f"{E}.docx")
    for it in items[:N_ANS]:
        for q in it["gold_quotes"]:
            n = sum(text.get(d, "").count(q) for d in it["docs"])
            if n != 1:
                fails.append(f"{it['id']}: quote occurs {n} times: {q}")
            if B in it["docs"] and q not in html_text(text.get(B, "")):
                fails.append(f"{it['id']}: quote not in the visible text of the page: {q}")
            if E in it["docs"] and not any(q in piece for piece in pieces):
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
    print(f"dev21 layout: {extra} failures ({'python-docx' if docx else 'stdlib .docx reader'})")
    sys.exit(1 if status or extra else 0)
