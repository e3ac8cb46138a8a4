#!/usr/bin/env python3
"""Checks eval/dev20/qa.jsonl against eval/dev20/docs/ with the checks every set gets
(``eval/check_set.py``), plus dev20's own layout (90 items, u001–u052 answerable with 9, 9, 9, 9, 8, 8
per document and 1–2 quotes each, u053–u090 unanswerable with 6, 7, 6, 6, 6, 7 per document, each
unanswerable form a–h named at the start of its note and used at least 4 times, at least 45 answerable
items marked ``[paraphrase]``, exactly 6 marked ``[followup]`` each starting with 那 and naming a word that
only one document uses, the (h) items' premise terms absent from all six documents, every quote occurring
exactly once in its document, every document 1,400–2,400 汉字, the one-line document without any line
break, the genre features each document must show (印发通知, 专栏 with county lines that add up to the
合计 line and both responsibility-note styles with a 下同 note in the 实施方案, the task after the 下同 note
without a note of its own; the div-based site page with breadcrumb, metadata ``<ul>``, 来源/发布时间/浏览次数,
【字体：大 中 小】, 网站标识码 and ICP and no ``<table>``; title, issuers, 文号, date and 第一条–第二十二条 run
together in the 细则; 問/答 numbered 問一–問十五 and the reposting header in the traditional 问答;
addressee, 附件 and 抄送 and a Word 分工表 with the five columns, three rows with two lead units and a
department that leads none but 配合 several rows in the .docx; headings, list items and a 补助标准 table
in the Markdown 申报指南), the HTML 文号 only in the metadata list, the 问答 in traditional script, and the
checksums in ``FROZEN.sha256``).

Unanswerable forms (the brief's letters): a a subject near what a document covers but not in it (a
sibling product, facility or group of people), b an amount, rate or ceiling never stated while other
amounts for the same subject are, c a procedure, form, deadline, office address, phone or contact person
not given, d a place or administrative level not covered, e a year or time period not covered, f a
qualifier mismatch (the fact is given only for another grade, size, category or stage), g how long a step
takes when no duration is given for it, h a false premise naming a subsidy or programme no document
mentions.

The .docx document is not plain text, so the shared ``check`` runs on a copy of the set under a
temporary folder in which the .docx is replaced by its text as python-docx reads it (paragraphs,
then every table cell, one per line, same file stem). Each .docx quote must in addition lie inside one
paragraph or one table cell. The text is read with the standard library from ``word/document.xml`` in the
way python-docx reads it (body paragraphs, then each table's cells row by row; a cell's paragraphs joined
by newlines); when python-docx is importable, both readers are run and must agree. Run from anywhere:
``/work/main/.venv/bin/python eval/dev20/check_dev20.py``."""

import hashlib
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

A = "zezhou-rural-roads-plan-2025-2027"
B = "huanzhou-first-loan-measures-2025"
C = "jiangcheng-dog-management-rules-2025"
D = "beizhou-time-honored-brands-qa-2025-trad"
E = "xunxi-rural-housing-safety-notice-2025"
F = "yunhe-greenhouse-vegetable-guide-2025"
ORDER = [A, B, C, D, E, F]
SUFFIX = {A: ".txt", B: ".html", C: ".txt", D: ".txt", E: ".docx", F: ".md"}
ONE_LINE = [C]
ANSWERABLE = {A: 9, B: 9, C: 9, D: 9, E: 8, F: 8}
UNANSWERABLE = {A: 6, B: 7, C: 6, D: 6, E: 6, F: 7}
N_ANS = sum(ANSWERABLE.values())
N_ALL = N_ANS + sum(UNANSWERABLE.values())
MIN_PARAPHRASE = 45

# key absent terms for each unanswerable item: (document it imitates, terms that must not occur there).
# Terms of the traditional document are given in both scripts where they differ.
ABSENT = {
    "u053": (A, ["2026"]),
    "u054": (A, ["峹溪", "峹"]),
    "u055": (A, ["村道每年每公里", "村道日常养护", "村道养护补助", "村道每年", "村道养护经费"]),
    "u056": (A, ["个工作日", "日内拨付", "个月内拨付", "拨付时限", "日内"]),
    "u057": (A, ["一事一议"]),
    "u058": (A, ["电话", "热线", "12328", "举报"]),
    "u059": (B, ["个体工商户", "个体户", "个体经营"]),
    "u060": (B, ["单家银行机构每年补偿", "每年补偿", "补偿总额", "补偿上限", "补偿最高不超过"]),
    "u061": (B, ["地址", "办公地点", "楼", "大厅", "室）"]),
    "u062": (B, ["省级", "省财政", "省里", "全省"]),
    "u063": (B, ["商业性融资担保", "商业担保", "非政府性"]),
    "u064": (B, ["到账", "日内拨付", "个工作日内拨付", "拨付时限", "个工作日内复核", "个工作日内初审"]),
    "u065": (B, ["一次性奖励", "奖励企业", "企业奖励"]),
    "u066": (C, ["猫"]),
    "u067": (C, ["补办费", "工本费", "补办收费", "补办不收", "补办犬牌收取"]),
    "u068": (C, ["地址", "位于", "开放时间", "上午", "下午"]),
    "u069": (C, ["犬瘟", "细小", "其他疫苗"]),
    "u070": (C, ["个工作日", "日内发放", "日内办结", "当场"]),
    "u071": (C, ["保险", "责任险", "保费补贴"]),
    "u072": (D, ["2026"]),
    "u073": (D, ["貼息", "贴息", "優惠幅度", "优惠幅度", "個百分點", "个百分点", "LPR"]),
    "u074": (D, ["地址", "辦公地點", "办公地点", "樓", "楼", "室）"]),
    "u075": (D, ["國內", "国内", "境內", "境内"]),
    "u076": (D, ["到賬", "到账", "日內撥付", "日内拨付", "個工作日內撥付", "撥付時限", "拨付时限"]),
    "u077": (D, ["評估", "评估"]),
    "u078": (E, ["经营性", "农家乐", "自建房"]),
    "u079": (E, ["租房补贴", "过渡安置费", "过渡费", "安置补助", "过渡补贴"]),
    "u080": (E, ["联系人", "地址", "楼", "办公地点"]),
    "u081": (E, ["中央补助每户", "中央资金每户", "省级补助每户", "省级每户", "中央每户"]),
    "u082": (E, ["2026"]),
    "u083": (E, ["拆旧奖励", "拆旧补助"]),
    "u084": (F, ["食用菌", "菇", "菌"]),
    "u085": (F, ["卷帘机补", "保温被补", "农机购置", "卷帘机每台", "每台"]),
    "u086": (F, ["市级", "市财政", "市里"]),
    "u087": (F, ["2026"]),
    "u088": (F, ["翻新", "改造", "修缮", "更新"]),
    "u089": (F, ["到账", "日内拨付", "个工作日内拨付", "拨付时限"]),
    "u090": (F, ["种植补贴", "每亩200元"]),
}

FORM = {
    "u053": "e", "u054": "d", "u055": "f", "u056": "g", "u057": "h", "u058": "c",
    "u059": "a", "u060": "b", "u061": "c", "u062": "d", "u063": "f", "u064": "g", "u065": "h",
    "u066": "a", "u067": "b", "u068": "c", "u069": "f", "u070": "g", "u071": "h",
    "u072": "e", "u073": "b", "u074": "c", "u075": "f", "u076": "g", "u077": "h",
    "u078": "a", "u079": "b", "u080": "c", "u081": "d", "u082": "e", "u083": "h",
    "u084": "a", "u085": "b", "u086": "d", "u087": "e", "u088": "f", "u089": "g", "u090": "h",
}
MIN_FORM = dict.fromkeys("abcdefgh", 4)

# follow-up items: the word each contains (as asked, and as the document writes it) that only one
# document of the library uses
FOLLOWUP = {"u007": ("危桥", "危桥"), "u016": ("续贷", "续贷"), "u027": ("导盲犬", "导盲犬"),
            "u033": ("展示馆", "展示館"), "u044": ("工匠", "工匠"), "u051": ("水肥一体化", "水肥一体化")}

# simplified characters (all present in the simplified draft, all changed by s2tw) that must not
# survive in the traditional document (干 is left out: s2tw keeps it in 若干)
SIMPLIFIED = ("万专业两严丧个为举么习书于产从众优会传关内册况准凭划则创办务动励区华协单厅历发台号后吗咨围场处备复奖学实审"
              "对将属师带并应开异当录态执护报担拥拨数无时晋机权条来构枢标样没济游满点独电监积称稳简级纳纽线组织终经结绕给"
              "络统继续编网联舰艺获营虚补装规计认议记设访证评话询说请诺谁负财责质贴贷贸费资转载较辑达过还进连遗采银销长门"
              "问间际陈项须题额馆驻骗齐")

DOC_NUMBER = (B, "瑍政办规〔2025〕8号")
CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
      "十六", "十七", "十八", "十九", "二十", "二十一", "二十二"]

# genre features each document must show (substrings of its text)
SHAPE = {
    A: ["崱政办发〔2025〕17号", "各县（区）人民政府，市直有关单位：", "崱州市人民政府办公室\n2025年2月26日",
        "（此件公开发布）", "一、总体目标", "二、重点任务", "三、保障措施", "专栏1", "全市合计：", "（牵头单位：",
        "；责任单位：", "牵头，", "配合）", "下同）", "到2025年底", "到2027年底"]
       + [f"（{n}）" for n in CN[:10]],
    B: ['<div class="breadcrumb">您所在的位置：<a href="/">首页</a> &gt; <a href="/xxgk/">信息公开</a> &gt; '
        '<a href="/xxgk/zcwj/">政策文件</a> &gt; 正文</div>',
        '<div class="xxgk-meta">', "<label>索 引 号：</label>", "<label>发布机构：</label>",
        "<label>成文日期：</label>", "<label>文　　号：</label>", "<label>主题分类：</label>", "<label>发布日期：</label>",
        '<span class="source">来源：', '<span class="pubtime">发布时间：', '<span class="views">浏览次数：',
        "【字体：", ">大</a>", ">中</a>", ">小</a>】", "网站标识码", "ICP备", "公网安备", "附件：",
        "各区、县人民政府，瑍州高新区管委会，市政府各部门：", "不重复支持", "合计不超过20万元"]
       + [f"<strong>{n}、" for n in CN[:12]],
    C: [f"第{n}条" for n in CN] + ["珜公规〔2025〕2号", "罚款", "收容"],
    D: [f"問{n}：" for n in CN[:15]] + ["答：", "轉載自：", "發佈時間：", "來源：", "責任編輯：", "諮詢", "聯繫人", "電話"],
    E: ["璕政办发〔2025〕9号", "各乡（镇）人民政府，县政府各部门，县直有关单位：", "附件：", "抄送：", "（此件公开发布）",
        "一、保障对象", "二、工作目标", "三、主要任务", "四、保障措施", "附表：重点任务分工表"],
    F: ["# 玧河县2025年设施蔬菜（温室大棚）建设补助项目申报指南\n", "\n> 发布单位：", "| 设施类型 | 建设要求 | 补助标准 | 单个主体最高 |",
        "\n|---|---|---|---|\n", "\n> 注：", "\n- 县农业农村局种植业股：", "\n1. "]
       + [f"\n## {n}、" for n in CN[:10]],
}
TABLE_HEADER = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
TWO_LEADS = {"1", "4", "5"}      # rows of the .docx table with two lead units
NO_LEAD_DEPT = "县应急管理局"    # leads no row, 配合 several

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


def genre(folder: Path, text: dict[str, str]) -> list[str]:
    """Shape checks beyond the SHAPE substrings."""
    fails = []
    for doc, marks in SHAPE.items():
        fails += [f"{doc}: genre feature missing: {m!r}" for m in marks if m not in text.get(doc, "")]
    # --- 实施方案: tasks （一）–（十）, (三) ends with the 下同 note, (四) carries none; both note styles;
    # the 专栏 county lines add up to the 合计 line; no 2026 anywhere
    a = text.get(A, "")
    tasks = a[a.find("二、重点任务"): a.find("三、保障措施")]
    three = tasks[tasks.find("（三）"): tasks.find("（四）")]
    four = tasks[tasks.find("（四）"): tasks.find("（五）")]
    if not three.rstrip().endswith("下同）") or "牵头" in four or "责任单位" in four or "配合" in four:
        fails.append(f"{A}: task (三) should end with the 下同 note and task (四) carry no note of its own")
    if tasks.count("（牵头单位：") < 2 or len(re.findall(r"（[^（）]*?(?:（区）[^（）]*?)*牵头，", tasks)) < 4:
        fails.append(f"{A}: expected both responsibility-note styles, each at least twice")
    if "2026" in a:
        fails.append(f"{A}: targets should be given for 2025 and 2027 only")
    rows = re.findall(r"^(\S+?[县区])：提质改造(\d+)公里，危桥改造(\d+)座，安防工程(\d+)公里。$", a, flags=re.M)
    total = re.findall(r"^全市合计：提质改造(\d+)公里，危桥改造(\d+)座，安防工程(\d+)公里。$", a, flags=re.M)
    body = [tuple(map(int, r[1:])) for r in rows]
    if len(body) != 6 or len(total) != 1 or tuple(map(sum, zip(*body, strict=False))) != tuple(map(int, total[0])):
        fails.append(f"{A}: 专栏1 should list six counties whose figures add up to the 全市合计 line")
    goal = re.search(r"到2027年底，全市累计完成农村公路提质改造(\d+)公里，改造危桥(\d+)座，实施安全生命防护工程(\d+)公里", a)
    if not goal or total and tuple(map(int, goal.groups())) != tuple(map(int, total[0])):
        fails.append(f"{A}: the 2027 target should equal the 专栏 合计")
    # --- HTML: div-based page, no tables; 文号 once and inside the metadata list; items in order
    b = text.get(B, "")
    if "<table" in b or b.count("<div") < 10 or "<ul>" not in b:
        fails.append(f"{B}: expected a div-based page with no <table>")
    if not _in_order(b, [f"<strong>{n}、" for n in CN[:12]]):
        fails.append(f"{B}: items 一、–十二、 not in order")
    doc, number = DOC_NUMBER
    meta = b[b.find('<div class="xxgk-meta">'): b.find("</ul>", b.find('<div class="xxgk-meta">'))]
    if text.get(doc, "").count(number) != 1 or number not in meta:
        fails.append(f"{doc}: the 文号 should occur once, inside the metadata list")
    # --- one-line 细则: no line break at all; title glued to issuers, 文号, date and 第一条; articles in order
    for doc in ONE_LINE:
        if "\n" in text.get(doc, "") or "\r" in text.get(doc, ""):
            fails.append(f"{doc}: must be a single line with no trailing newline")
    c = text.get(C, "")
    if not c.startswith("珜城市养犬管理实施细则珜城市公安局") or "珜公规〔2025〕2号2025年4月18日第一条　" not in c:
        fails.append(f"{C}: title, issuers, 文号, date and 第一条 should run together at the start")
    if not _in_order(c, [f"第{n}条　" for n in CN]) or "第二十三条" in c:
        fails.append(f"{C}: articles 第一条–第二十二条 not in order")
    # --- traditional 问答: as many 答 as 問, no simplified character of the draft left
    d = text.get(D, "")
    if d.count("答：") != 15 or not _in_order(d, [f"問{n}：" for n in CN[:15]]):
        fails.append(f"{D}: expected 問一–問十五, each with one 答")
    fails += [f"{D}: simplified character {ch} in the traditional document" for ch in SIMPLIFIED if ch in d]
    # --- .docx: Word table with the five columns, two lead units in exactly rows 1, 4, 5;
    # 县应急管理局 leads none and 配合 at least two rows; 抄送 after the table
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
        if any(NO_LEAD_DEPT in r[2] for r in rows) or sum(NO_LEAD_DEPT in r[3] for r in rows) < 2:
            fails.append(f"{E}: {NO_LEAD_DEPT} should lead no row and 配合 at least two")
    if not paras or not any(p.startswith("抄送：") for p in paras[-3:]):
        fails.append(f"{E}: the 抄送 line should close the document")
    # --- Markdown 申报指南: multi-line, table rows with four cells
    f = text.get(F, "")
    if f.count("\n") < 40:
        fails.append(f"{F}: the 申报指南 should be multi-line Markdown")
    md_rows = [ln for ln in f.splitlines() if ln.startswith("| ") and ln.count("|") == 5]
    if len(md_rows) != 5:
        fails.append(f"{F}: expected a header and four rows in the 补助标准 table, found {len(md_rows)}")
    return fails


def counts(folder: Path) -> int:
    """dev20's own layout. Prints failures; returns their number."""
    items = [json.loads(line) for line in (folder / "qa.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    fails = []
    ids = [it["id"] for it in items]
    if ids != [f"u{n:03d}" for n in range(1, N_ALL + 1)]:
        fails.append(f"ids are not u001–u{N_ALL:03d} in order")
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
        if not 1400 <= han(text[p.stem]) <= 2400:
            fails.append(f"{p.name}: {han(text[p.stem])} 汉字")
    fails += genre(folder, text)
    byid = {it["id"]: it for it in items}
    for i, (asked, written) in FOLLOWUP.items():
        users = [d for d in ORDER if asked in text.get(d, "") or written in text.get(d, "")]
        if asked not in byid.get(i, {}).get("question", "") or users != byid.get(i, {}).get("docs"):
            fails.append(f"{i}: follow-up word {asked}/{written} is in {users}")
        if not byid.get(i, {}).get("question", "").startswith("那"):
            fails.append(f"{i}: a follow-up question should start with 那")
    for it in items[N_ANS:]:
        if FORM.get(it["id"]) == "h":
            fails += [f"{it['id']}: (h) term {t} occurs in {d}" for t in ABSENT[it["id"]][1]
                      for d in ORDER if t in text.get(d, "")]
    pieces = docx_pieces(folder / "docs" / f"{E}.docx")
    for it in items[:N_ANS]:
        for q in it["gold_quotes"]:
            n = sum(text.get(d, "").count(q) for d in it["docs"])
            if n != 1:
                fails.append(f"{it['id']}: quote occurs {n} times: {q}")
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
    print(f"dev20 layout: {extra} failures ({'python-docx' if docx else 'stdlib .docx reader'})")
    sys.exit(1 if status or extra else 0)
