#!/usr/bin/env python3
"""Checks eval/dev23/qa.jsonl against eval/dev23/docs/ with the checks every set gets
(``eval/check_set.py``), plus dev23's own layout (90 items, y001–y050 answerable with 9, 9, 8, 8, 8, 8
per document and 1–3 quotes each, y051–y090 unanswerable with 8, 6, 7, 6, 7, 6 per document, each
unanswerable form a–h named at the start of its note, form (a) used at least 20 times and every other
form at least twice, at least 45 answerable items marked ``[paraphrase]``, exactly 5 marked ``[followup]``
each starting with 那 and naming a word that only one document uses, the (a) items' subject terms and the
(g) items' place absent from all six documents, every quote occurring exactly once in its document,
every document 1,200–1,900 汉字, the one-line document without any line break, the genre features each
document must show, the 解读 in traditional script, and the checksums in ``FROZEN.sha256``).

Unanswerable forms (dev23's letters, as dev22's): a whether a support, subsidy, reward or preferential
policy exists for a subject NEAR what a document covers but not covered by it (a neighbouring kind of
enterprise, product, facility, activity, person, tier or stage), b an amount never stated for a thing the
document names, c a procedure, time limit, step or consequence never given, d a contact person, address,
window or office not given, e a year not covered, f a department not in the document, g another city's
policy, h a qualifier mismatch (the fact is given only for another tier, kind or category).

The .docx document is not plain text, so the shared ``check`` runs on a copy of the set under a
temporary folder in which the .docx is replaced by its text as python-docx reads it (paragraphs, then
every table cell, one per line, same file stem). Each .docx quote must in addition lie inside one
paragraph or one table cell. The text is read with the standard library from ``word/document.xml`` the
way python-docx reads it (a page break reads as nothing, a line break as a newline); when python-docx is
importable, both readers are run and must agree. Run from anywhere:
``/work/main/.venv/bin/python eval/dev23/check_dev23.py``."""

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

A = "guanzhou-testing-inspection-measures-2025"
B = "fengyuan-saline-alkali-land-plan-2025-2027"
C = "xuangang-sea-rail-container-subsidy-rules-2025"
D = "jiechuan-housing-provident-fund-interpretation-2025-trad"
E = "bicheng-legal-aid-subsidy-notice-2025"
F = "zhenjiang-heroic-acts-reward-measures-2025"
ORDER = [A, B, C, D, E, F]
SUFFIX = {A: ".txt", B: ".md", C: ".html", D: ".txt", E: ".docx", F: ".txt"}
ONE_LINE = [F]
ANSWERABLE = {A: 9, B: 9, C: 8, D: 8, E: 8, F: 8}
UNANSWERABLE = {A: 8, B: 6, C: 7, D: 6, E: 7, F: 6}
N_ANS = sum(ANSWERABLE.values())
N_ALL = N_ANS + sum(UNANSWERABLE.values())
MIN_PARAPHRASE = 45
HAN_RANGE = (1200, 1900)

# key absent terms for each unanswerable item: (document it imitates, terms that must not occur there).
# Terms of the traditional document are given in both scripts where they differ.
ABSENT = {
    "y051": (A, ["认证", "认证机构"]),
    "y052": (A, ["送检", "检测费", "检验检测券", "检测券"]),
    "y053": (A, ["能力验证", "比对"]),
    "y054": (A, ["团体标准", "地方标准"]),
    "y055": (A, ["安家费", "人才奖励", "博士", "元/人", "每人"]),
    "y056": (A, ["到账", "日内拨付", "完成复核", "复核时限"]),
    "y057": (A, ["2024", "追溯", "溯及", "之前获批"]),
    "y058": (A, ["市级检验检测中心", "市级产品质量", "市级中心"]),
    "y059": (B, ["养鱼", "养虾", "水产", "挖塘", "养殖"]),
    "y060": (B, ["大棚", "温室", "设施农业"]),
    "y061": (B, ["租金", "流转费", "流转补贴"]),
    "y062": (B, ["2028"]),
    "y063": (B, ["生态环境局"]),
    "y064": (B, ["嵺州", "嵺"]),
    "y065": (C, ["江海联运", "驳船", "内河", "水水中转"]),
    "y066": (C, ["专用线", "建设补助"]),
    "y067": (C, ["装卸费", "港杂费", "减免"]),
    "y068": (C, ["省级补贴标准为", "省级每标准箱", "省级按每标准箱"]),
    "y069": (C, ["到账", "日内拨付", "个工作日内拨付", "账户"]),
    "y070": (C, ["电话", "咨询", "窗口", "地址"]),
    "y071": (C, ["危险品", "危化"]),
    "y072": (D, ["灵活就业", "靈活就業", "缴存补贴", "繳存補貼"]),
    "y073": (D, ["装修", "裝修"]),
    "y074": (D, ["新婚", "结婚", "結婚"]),
    "y075": (D, ["利率"]),
    "y076": (D, ["地址", "大廳位於", "路"]),
    "y077": (D, ["第三套", "三套"]),
    "y078": (E, ["志愿者", "学生"]),
    "y079": (E, ["鉴定"]),
    "y080": (E, ["死刑", "复核"]),
    "y081": (E, ["代写", "起诉状"]),
    "y082": (E, ["原标准为", "原标准每件", "原标准是"]),
    "y083": (E, ["补发", "重新评估", "补正后", "补正完毕"]),
    "y084": (E, ["律师协会", "律协"]),
    "y085": (F, ["加分", "公务员", "考试"]),
    "y086": (F, ["财物损失", "财产损失", "财物"]),
    "y087": (F, ["公交", "景区", "免费"]),
    "y088": (F, ["集体奖金", "先进集体奖金", "集体给予", "集体的，给予"]),
    "y089": (F, ["电话", "地址", "办公地点"]),
    "y090": (F, ["琫阳", "琫"]),
}

FORM = {
    "y051": "a", "y052": "a", "y053": "a", "y054": "a", "y055": "b", "y056": "c", "y057": "e", "y058": "h",
    "y059": "a", "y060": "a", "y061": "a", "y062": "e", "y063": "f", "y064": "g",
    "y065": "a", "y066": "a", "y067": "a", "y068": "b", "y069": "c", "y070": "d", "y071": "h",
    "y072": "a", "y073": "a", "y074": "a", "y075": "b", "y076": "d", "y077": "h",
    "y078": "a", "y079": "a", "y080": "a", "y081": "a", "y082": "b", "y083": "c", "y084": "f",
    "y085": "a", "y086": "a", "y087": "a", "y088": "b", "y089": "d", "y090": "g",
}
MIN_FORM = {"a": 20, "b": 2, "c": 2, "d": 2, "e": 2, "f": 2, "g": 2, "h": 2}

# the (a) items' subject (the neighbouring thing asked about) and the (g) items' place: none may occur in
# any of the six documents (both scripts where they differ); the (f) items' department is absent from
# the imitated document (ABSENT)
NOWHERE = {
    "y051": ["认证机构", "認證機構", "体系认证"], "y052": ["送检", "送檢", "检测费", "檢測費", "检测券"],
    "y053": ["能力验证", "能力驗證"], "y054": ["团体标准", "團體標準", "地方标准", "地方標準"],
    "y059": ["水产", "水產", "养鱼", "養魚", "挖塘"], "y060": ["大棚", "温室", "溫室"],
    "y061": ["流转租金", "流转费", "流轉"], "y065": ["江海联运", "江海聯運", "驳船", "駁船", "水水中转"],
    "y066": ["专用线", "專用線"], "y067": ["装卸费", "裝卸費", "港杂费", "港雜費"],
    "y072": ["灵活就业", "靈活就業"], "y073": ["装修", "裝修"], "y074": ["新婚"],
    "y078": ["志愿者", "志願者", "法学院"], "y079": ["鉴定", "鑑定", "鑒定"], "y080": ["死刑"],
    "y081": ["代写", "代寫", "起诉状"], "y085": ["加分", "公务员", "公務員"],
    "y086": ["财物损失", "財物損失"], "y087": ["公交", "景区", "景區"],
    "y064": ["嵺州"], "y090": ["琫阳", "琫陽"],
}

# follow-up items: the word each contains (as asked, and as the document writes it) that only one
# document of the library uses
FOLLOWUP = {"y004": ("扩项", "扩项"), "y025": ("海铁联运", "海铁联运"), "y034": ("公積金", "公積金"),
            "y040": ("值班律师", "值班律师"), "y049": ("救治费用", "救治费用")}

# questions asked in traditional characters (their traditional keywords are checked to be in the document)
TRADITIONAL_ASKED = ["y028", "y031", "y032", "y034"]

# simplified characters (all present in the simplified draft, all changed by s2tw) that must not
# survive in the traditional document; 干 (kept by s2tw in 若干) is left out
SIMPLIFIED = ("万与业个为买于产亲价会伪余关内写决况准减凭办务动区单厅县双发变台号后员咨场声实审将属并应异当录总愿户执担"
              "拨择挥数无时显晓机条来标测温满热现电础确积称签简约纳线经续缴职联虚规计订认议记证话询请读调负账购贷赁资轻"
              "过连选长间阅际预额骗齐龄")

DOC_NUMBER = (C, "瑄交规〔2025〕3号")
CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
      "十六", "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四", "二十五"]

# genre features each document must show (substrings of its text)
SHAPE = {
    A: ["琯州市人民政府办公室关于印发琯州市支持检验检测服务业高质量发展若干措施的通知\n信息来源：", "（转载）", "发布时间：",
        "浏览次数：", "【字体：大 中 小】", "\n琯政办规〔2025〕12号\n",
        "\n各区人民政府，琯州高新区管委会，市政府各部门、各直属机构：\n", "琯州市人民政府办公室\n2025年6月16日\n（此件公开发布）\n",
        "\n琯州市支持检验检测服务业高质量发展若干措施\n", "就高原则", "6∶4", "合计最高不超过800万元", "咨询电话："],
    B: ["# 崶原市盐碱地综合改造利用实施方案（2025—2027年）\n", "> 文号：崶政办发〔2025〕26号\n", "\n## 一、总体要求\n",
        "\n## 二、重点任务\n", "\n## 三、保障措施\n", "\n### （一）", "> **专栏1　",
        "> | 年度 | 当年改造提升面积 | 当年耐盐碱作物推广面积 | 当年新建千亩示范片 | 盐分监测点累计数 |\n> | --- | --- | --- | --- | --- |\n",
        "（牵头单位：", "；配合单位：", "，下同）"],
    C: ['<div class="crumb">当前位置：信息公开 &gt; 法定主动公开内容 &gt; 政策文件 &gt; 部门文件</div>', '<div class="xxgk-side">',
        '<div class="xxgk-tabs">', "信息公开指南", "依申请公开", '<div class="xxgk-meta">', '<span class="lab">索 取 号：</span>',
        '<span class="lab">信息分类：</span>', '<span class="lab">发布机构：</span>', '<span class="lab">生成日期：</span>',
        '<span class="lab">文件编号：</span>', '<span class="lab">有 效 性：</span>', '<span class="lab">名　　称：</span>',
        "信息来源：", "公开日期：", "阅读量：", '<div class="view TRS_UEDITOR" id="Zoom">', "附件：", "扫一扫在手机打开当前页",
        "【我要纠错】", "【打印】", "【关闭】", "相关解读", "网站标识码", "ICP备", "公网安备",
        "各县（区）交通运输局、财政局，瑄港港区管委会，各有关企业："],
    D: ["文章來源：", "發佈日期：", "閱讀次數：", "玠公積金委〔2025〕3號", "解讀機關：", "解讀人：", "聯繫電話："],
    E: ["珌司通〔2025〕21号", "各区司法局、财政局，市法律援助中心，各律师事务所、基层法律服务所：", "附件：", "（此件主动公开）"]
       + [f"{n}、" for n in CN[:7]],
    F: ["首页 > 政务公开 > 政策法规 > 规范性文件 瑧江市见义勇为人员奖励和保障实施办法 发布日期：", "来源：", "浏览次数：",
        "【字体：大 中 小】", "瑧公规〔2025〕2号 第一条　", "【打印本页】", "【关闭窗口】"],
}
TABLE_HEADER = ["序号", "案件类别", "办理阶段或事项", "基本补贴标准", "备注"]
TABLE_ROWS = 10
TWO_LEADS = [3]                  # the plan's only task with two lead units
NO_LEAD_DEPT = "市气象局"          # leads no task of the 实施方案, 配合 exactly two
DOWN_NOTE = 4                    # task whose note ends with 下同; task 5 carries none
N_TASKS = 12
N_MEASURES = 17                  # items 一、–十七、 of the 若干措施
N_ARTICLES_C = 16                # 第一条–第十六条 of the 实施细则
N_ARTICLES_F = 20                # 第一条–第二十条 of the 实施办法

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


def _stdlib_read(path: Path) -> tuple[list[str], list[list[list[str]]], list[str]]:
    """(body paragraphs, tables as rows of cell texts, body order as 'p'/'tbl'), as python-docx reads them."""
    with zipfile.ZipFile(path) as z:
        root = ElementTree.fromstring(z.read("word/document.xml"))
    body = root.find(W + "body")
    paras = [_para_text(p) for p in body.findall(W + "p")]
    tables = [[["\n".join(_para_text(p) for p in tc.findall(W + "p")) for tc in tr.findall(W + "tc")]
               for tr in tbl.findall(W + "tr")] for tbl in body.findall(W + "tbl")]
    order = [child.tag[len(W):] for child in body if child.tag in (W + "p", W + "tbl")]
    return paras, tables, order


def docx_read(path: Path) -> tuple[list[str], list[list[list[str]]], list[str]]:
    paras, tables, order = _stdlib_read(path)
    if docx is not None:
        d = docx.Document(str(path))
        ref = ([p.text for p in d.paragraphs], [[[c.text for c in r.cells] for r in t.rows] for t in d.tables])
        if ref != (paras, tables):
            raise SystemExit(f"{path.name}: the stdlib reader and python-docx disagree")
    return paras, tables, order


def docx_pieces(path: Path) -> list[str]:
    paras, tables, _ = docx_read(path)
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
    """FROZEN.sha256 lists every file of the set except itself and the report ``make eval`` writes
    beside it (report.md, which changes with the code), and every checksum matches."""
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


def plan_notes(b: str) -> list[tuple[int, str, str, bool]]:
    """(task number, lead units, 配合 units, 下同) for each task paragraph ``**N．…**`` of 二、重点任务, read
    from the closing ``（牵头单位：…；配合单位：…）`` note; ('', '', False) when the task carries none."""
    block = b[b.find("\n## 二、重点任务\n"): b.find("\n## 三、保障措施\n")]
    out = []
    for ln in block.splitlines():
        m = re.match(r"\*\*(\d+)．[^*]+\*\* ", ln)
        if not m:
            continue
        at = ln.rfind("（牵头单位：")
        if at < 0 or not ln.endswith("）") or "；配合单位：" not in ln[at:]:
            out.append((int(m.group(1)), "", "", False))
            continue
        lead, co = ln[at + len("（牵头单位："):-1].split("；配合单位：")
        down = co.endswith("，下同")
        out.append((int(m.group(1)), lead, co.removesuffix("，下同"), down))
    return out


def genre(folder: Path, text: dict[str, str]) -> list[str]:
    """Shape checks beyond the SHAPE substrings."""
    fails = []
    for doc, marks in SHAPE.items():
        fails += [f"{doc}: genre feature missing: {m!r}" for m in marks if m not in text.get(doc, "")]
    # --- 若干措施 (.txt): reposting header first, then 文号, 印发通知, title and items 一、–十七、, each on its
    # own line; amounts per 机构 throughout
    a = text.get(A, "")
    if not _in_order(a, ["信息来源：", "琯政办规〔2025〕12号", "（此件公开发布）", "\n琯州市支持检验检测服务业高质量发展若干措施\n"]):
        fails.append(f"{A}: header, 文号, 印发通知 and title not in order")
    if not _in_order(a, [f"\n　　{n}、" for n in CN[:N_MEASURES]]) or f"\n　　{CN[N_MEASURES]}、" in a:
        fails.append(f"{A}: items 一、–{CN[N_MEASURES - 1]}、 not in order")
    if a.count("单个机构") < 6:
        fails.append(f"{A}: expected amounts per 机构 (单个机构 at least six times)")
    # --- 实施方案 (.md): three heading levels (##, ###, **N．**), tasks 1–12 under （一）–（四）, notes in the
    # （牵头单位：…；配合单位：…） style; the only 下同 closes task 4 and task 5 carries none; two lead units only
    # in task 3; 市气象局 leads none and 配合 exactly two; year targets 2025–2027 in the 专栏 and no 2028
    b = text.get(B, "")
    notes = plan_notes(b)
    if [n for n, *_ in notes] != list(range(1, N_TASKS + 1)):
        fails.append(f"{B}: expected tasks 1．–{N_TASKS}．, found {[n for n, *_ in notes]}")
    else:
        body = {n: (lead, co, down) for n, lead, co, down in notes}
        if not body[DOWN_NOTE][2] or body[DOWN_NOTE + 1] != ("", "", False) or sum(v[2] for v in body.values()) != 1 \
                or b.count("下同") != 1:
            fails.append(f"{B}: task {DOWN_NOTE} should carry the only 下同 note and task {DOWN_NOTE + 1} none")
        bare = [n for n, v in body.items() if not v[0]]
        if bare != [DOWN_NOTE + 1]:
            fails.append(f"{B}: tasks without a note: {bare}")
        two = [n for n, v in body.items() if "、" in v[0]]
        if two != TWO_LEADS:
            fails.append(f"{B}: tasks with two lead units are {two}, expected {TWO_LEADS}")
        leads = [n for n, v in body.items() if NO_LEAD_DEPT in v[0]]
        joins = [n for n, v in body.items() if NO_LEAD_DEPT in v[1]]
        if leads or len(joins) != 2 or b.count(NO_LEAD_DEPT) != 2:
            fails.append(f"{B}: {NO_LEAD_DEPT} should lead none and join exactly two tasks (joins {joins})")
    if not _in_order(b, ["\n## 二、重点任务\n"] + [f"\n### （{n}）" for n in CN[:4]] + ["\n## 三、保障措施\n"]):
        fails.append(f"{B}: task groups （一）–（四） not in order")
    box = [ln for ln in b.splitlines() if ln.startswith("> |")]
    if len(box) != 5 or not all(ln.startswith(f"> | {y}年 | ") for ln, y in zip(box[2:], (2025, 2026, 2027))) \
            or any(ln.count("|") != 6 for ln in box):
        fails.append(f"{B}: 专栏1 should be a quoted pipe table of a header, a rule and rows 2025–2027")
    if "2028" in b:
        fails.append(f"{B}: no 2028 wanted")
    # --- HTML 实施细则: metadata in four <div class="mrow"> rows of <span class="lab"> labels, no <table>; the
    # 文号 once and inside the metadata block; 第一条–第十六条 in order in <p style="text-indent:2em;">
    c = text.get(C, "")
    if "<table" in c or c.count('<div class="mrow') != 4:
        fails.append(f"{C}: expected four <div class=\"mrow\"> metadata rows and no <table>")
    arts = [f'<p style="text-indent:2em;">第{n}条　' for n in CN[:N_ARTICLES_C]]
    if not _in_order(c, arts) or f"第{CN[N_ARTICLES_C]}条" in c:
        fails.append(f"{C}: articles 第一条–第{CN[N_ARTICLES_C - 1]}条 not in order")
    doc, number = DOC_NUMBER
    meta = c[c.find('<div class="xxgk-meta">'): c.find('<h1 class="art-title">')]
    if text.get(doc, "").count(number) != 1 or number not in meta:
        fails.append(f"{doc}: the 文号 should occur once, inside the metadata block")
    # --- traditional 解读: title line, then the source line; sections 一、–五、 each on its own line; items
    # （一）–（七） in 二、; 解读人 and phone close it
    d = text.get(D, "")
    lines = d.splitlines()
    heads = [ln for ln in lines if re.match(r"^[一二三四五六七八九十]+、", ln)]
    if not lines or not lines[0].endswith("政策解讀") or not lines[1].startswith("文章來源："):
        fails.append(f"{D}: expected the title line and then the 文章來源 line")
    if [h.split("、")[0] for h in heads] != CN[:5] or any(len(h) > 8 for h in heads):
        fails.append(f"{D}: section headings 一、–五、 not as expected: {heads}")
    if not _in_order(d, ["\n二、主要內容\n"] + [f"\n　　（{n}）" for n in CN[:7]] + ["\n三、執行時間\n"]):
        fails.append(f"{D}: items （一）–（七） not in order under 二、")
    if not d.rstrip().endswith("聯繫電話：0735-8836215"):
        fails.append(f"{D}: the 解读 should close with the phone line")
    fails += [f"{D}: simplified character {ch} in the traditional document" for ch in SIMPLIFIED if ch in d]
    # --- .docx: headings 一、–七、 in order; 附件 line, issuers, date and （此件主动公开） before a page break;
    # then 附件 and the table title; one Word table (header + ten rows of five cells) after them; a 注 last
    paras, tables, order = docx_read(folder / "docs" / f"{E}.docx")
    if len(tables) != 1 or tables[0][0] != TABLE_HEADER or len(tables[0]) != TABLE_ROWS + 1 \
            or any(len(r) != len(TABLE_HEADER) for r in tables[0]) \
            or [r[0] for r in tables[0][1:]] != [str(n) for n in range(1, TABLE_ROWS + 1)]:
        fails.append(f"{E}: expected one Word table with the header {TABLE_HEADER} and {TABLE_ROWS} numbered rows")
    heads = [p for p in paras if re.match(r"[一二三四五六七八九]、", p)]
    if [h.split("、")[0] for h in heads] != CN[:7]:
        fails.append(f"{E}: headings 一、–七、 not in order: {heads}")
    if "（此件主动公开）" in paras:
        k = paras.index("（此件主动公开）")
        if not paras[k - 3].startswith("附件：") or paras[k + 1] != "" or paras[k + 2] != "附件":
            fails.append(f"{E}: 附件 line, issuers, date, （此件主动公开）, page break and 附件 expected in this order")
        if order.index("tbl") != k + 4 or not paras[-1].startswith("注："):
            fails.append(f"{E}: the table should follow the 附件 title and a 注 should close the document")
    # --- one-line 实施办法: no line break; the scraped breadcrumb, title, info line, 文号 and 第一条 run together;
    # 第一条–第二十条 in order, no chapters; the page tools close it
    for doc in ONE_LINE:
        if "\n" in text.get(doc, "") or "\r" in text.get(doc, ""):
            fails.append(f"{doc}: must be a single line with no trailing newline")
    f = text.get(F, "")
    if not _in_order(f, [f"第{n}条　" for n in CN[:N_ARTICLES_F]]) or f"第{CN[N_ARTICLES_F]}条" in f or "第一章" in f:
        fails.append(f"{F}: articles 第一条–第{CN[N_ARTICLES_F - 1]}条 not in order (or chapters present)")
    if not f.endswith("扫一扫在手机打开当前页"):
        fails.append(f"{F}: the page tools should close the one-line text")
    return fails


def counts(folder: Path) -> int:
    """dev23's own layout. Prints failures; returns their number."""
    items = [json.loads(line) for line in (folder / "qa.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    fails = []
    ids = [it["id"] for it in items]
    if ids != [f"y{n:03d}" for n in range(1, N_ALL + 1)]:
        fails.append(f"ids are not y001–y{N_ALL:03d} in order")
    if len(set(ids)) != len(ids):
        fails.append("duplicate ids")
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
    for it in items[N_ANS:]:
        if not it["note"].startswith(f"({FORM.get(it['id'])})"):
            fails.append(f"{it['id']}: note should start with its form ({FORM.get(it['id'])})")
        if "[paraphrase]" in it["note"] or "[followup]" in it["note"]:
            fails.append(f"{it['id']}: unanswerable items carry no [paraphrase]/[followup] mark")
        if FORM.get(it["id"]) == "a" and it["intent"] != "support":
            fails.append(f"{it['id']}: a form (a) item asks whether a support exists (intent support)")
    a_questions = [it["question"] for it in items[N_ANS:] if FORM.get(it["id"]) == "a"]
    if len(set(q[-6:] for q in a_questions)) < len(a_questions) - 2:
        fails.append("form (a) questions reuse one ending too often")
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
    for i in TRADITIONAL_ASKED:
        if any(ch in byid.get(i, {}).get("question", "") for ch in SIMPLIFIED):
            fails.append(f"{i}: asked in traditional characters but holds a simplified one")
    need = {i for i, f in FORM.items() if f in "ag"}
    if set(NOWHERE) != need:
        fails.append(f"NOWHERE keys differ from the (a)/(g) items: {sorted(need ^ set(NOWHERE))}")
    for i, terms in NOWHERE.items():
        fails += [f"{i}: subject term {t} occurs in {d}" for t in terms for d in ORDER if t in text.get(d, "")]
    pieces = docx_pieces(folder / "docs" / f"{E}.docx")
    for it in items[:N_ANS]:
        for q in it["gold_quotes"]:
            n = sum(text.get(d, "").count(q) for d in it["docs"])
            if n != 1:
                fails.append(f"{it['id']}: quote occurs {n} times: {q}")
            if C in it["docs"] and q not in html_text(text.get(C, "")):
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
    print(f"dev23 layout: {extra} failures ({'python-docx' if docx else 'stdlib .docx reader'})")
    sys.exit(1 if status or extra else 0)
