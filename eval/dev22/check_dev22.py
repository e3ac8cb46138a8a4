#!/usr/bin/env python3
"""Checks eval/dev22/qa.jsonl against eval/dev22/docs/ with the checks every set gets
(``eval/check_set.py``), plus dev22's own layout (90 items, w001–w050 answerable with 9, 9, 8, 8, 8, 8
per document and 1–3 quotes each, w051–w090 unanswerable with 8, 7, 6, 7, 6, 6 per document, each
unanswerable form a–h named at the start of its note, form (a) used at least 14 times and every other
form at least twice, at least 45 answerable items marked ``[paraphrase]``, exactly 4 marked ``[followup]``
each starting with 那 and naming a word that only one document uses, the (a) items' subject terms and the
(g) items' place absent from all six documents, every quote occurring exactly once in
its document, every document 1,300–2,000 汉字, the one-line document without any line break, the genre
features each document must show, the 问答 in traditional script, and the checksums in ``FROZEN.sha256``).

Unanswerable forms (dev22's letters): a whether a support, subsidy, reward or preferential policy exists
for a subject NEAR what a document covers but not covered by it (a neighbouring kind of enterprise,
product, facility, activity or person), b an amount never stated for a thing the document names, c a
procedure, time limit or step never given, d a contact person, address, window or office not given,
e a year not covered, f a department not in the document, g another city's or county's policy, h a
qualifier mismatch (the fact is given only for another tier, kind or category).

The .docx document is not plain text, so the shared ``check`` runs on a copy of the set under a
temporary folder in which the .docx is replaced by its text as python-docx reads it (paragraphs, then
every table cell, one per line, same file stem). Each .docx quote must in addition lie inside one
paragraph or one table cell. The text is read with the standard library from ``word/document.xml`` the
way python-docx reads it; when python-docx is importable, both readers are run and must agree. Run from
anywhere: ``/work/main/.venv/bin/python eval/dev22/check_dev22.py``."""

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

A = "yezhou-low-altitude-economy-plan-2025-2028"
B = "zaozhou-industrial-design-measures-2025"
C = "wucheng-shared-bicycle-management-measures-2025"
D = "tianhe-clean-heating-qa-2025-trad"
E = "ganyang-city-reading-room-notice-2025"
F = "changzhou-computing-voucher-guide-2025"
ORDER = [A, B, C, D, E, F]
SUFFIX = {A: ".txt", B: ".html", C: ".txt", D: ".txt", E: ".docx", F: ".md"}
ONE_LINE = [C]
ANSWERABLE = {A: 9, B: 9, C: 8, D: 8, E: 8, F: 8}
UNANSWERABLE = {A: 8, B: 7, C: 6, D: 7, E: 6, F: 6}
N_ANS = sum(ANSWERABLE.values())
N_ALL = N_ANS + sum(UNANSWERABLE.values())
MIN_PARAPHRASE = 45
HAN_RANGE = (1300, 2000)

# key absent terms for each unanswerable item: (document it imitates, terms that must not occur there).
# Terms of the traditional document are given in both scripts where they differ.
ABSENT = {
    "w051": (A, ["载人", "观光航线", "观光线路奖励", "旅游航线"]),
    "w052": (A, ["落户", "配套企业奖励", "配套企业给予", "入园奖励"]),
    "w053": (A, ["培训补贴", "考证", "报销", "培训费"]),
    "w054": (A, ["改造", "升级", "机库", "充电"]),
    "w055": (A, ["举报奖励标准", "每起", "每次奖励", "最高奖励", "元奖励"]),
    "w056": (A, ["2027年底", "到2027年"]),
    "w057": (A, ["岜溪", "岜"]),
    "w058": (A, ["体育局", "体育"]),
    "w059": (B, ["建筑设计", "建筑"]),
    "w060": (B, ["软件", "正版"]),
    "w061": (B, ["设计周", "展会", "协会", "设计展"]),
    "w062": (B, ["设计师", "个人奖金", "奖励设计人员"]),
    "w063": (B, ["专利资助", "每件专利", "申请费", "授权奖励"]),
    "w064": (B, ["市级工业设计中心", "市级设计中心", "市级"]),
    "w065": (B, ["个工作日", "到账", "日内拨付", "审核时限"]),
    "w066": (C, ["调度服务费为", "元/次", "每次收取", "每次"]),
    "w067": (C, ["逾期未领", "超过15日", "视为放弃", "拍卖", "依法处理"]),
    "w068": (C, ["补贴", "补助", "奖励"]),
    "w069": (C, ["商务"]),
    "w070": (C, ["窗口", "地址", "电话", "办公地点"]),
    "w071": (C, ["电动", "电单车", "助力"]),
    "w072": (D, ["生物質", "生物质", "顆粒", "颗粒"]),
    "w073": (D, ["保溫", "保温", "門窗", "门窗", "外牆", "外墙", "節能", "节能"]),
    "w074": (D, ["養殖", "养殖", "豬", "猪", "畜", "大棚"]),
    "w075": (D, ["營業廳", "营业厅", "供電公司地址", "供電公司聯繫人"]),
    "w076": (D, ["不合格", "整改", "複驗", "复验", "重新驗收"]),
    "w077": (D, ["玏湾", "玏灣", "玏"]),
    "w078": (D, ["直熱式", "普通電暖", "電暖氣片", "电暖气片", "油汀"]),
    "w079": (E, ["农家书屋", "村民委员会", "行政村"]),
    "w080": (E, ["书店", "房租", "租金"]),
    "w081": (E, ["捐赠", "捐书", "捐"]),
    "w082": (E, ["2026"]),
    "w083": (E, ["评分", "打分", "分值", "评审标准"]),
    "w084": (E, ["教育局"]),
    "w085": (F, ["服务器", "GPU", "自建", "机房", "购置"]),
    "w086": (F, ["标注", "数据集", "语料", "数据采购"]),
    "w087": (F, ["备案", "奖励"]),
    "w088": (F, ["奖励", "服务商补贴", "服务商给予"]),
    "w089": (F, ["第一批额度", "第一批发放", "每批额度", "5000万元"]),
    "w090": (F, ["璪州", "璪"]),
}

FORM = {
    "w051": "a", "w052": "a", "w053": "a", "w054": "a", "w055": "b", "w056": "e", "w057": "g", "w058": "f",
    "w059": "a", "w060": "a", "w061": "a", "w062": "a", "w063": "b", "w064": "h", "w065": "c",
    "w066": "b", "w067": "c", "w068": "a", "w069": "f", "w070": "d", "w071": "h",
    "w072": "a", "w073": "a", "w074": "a", "w075": "d", "w076": "c", "w077": "g", "w078": "h",
    "w079": "a", "w080": "a", "w081": "a", "w082": "e", "w083": "c", "w084": "f",
    "w085": "a", "w086": "a", "w087": "a", "w088": "a", "w089": "b", "w090": "g",
}
MIN_FORM = {"a": 14, "b": 2, "c": 2, "d": 2, "e": 2, "f": 2, "g": 2, "h": 2}

# the (a) items' subject (the neighbouring thing asked about) and the (g) items' place (for w090, the
# place together with the subject): none may occur in any of the six documents (both scripts where they
# differ); the (f) items' department is absent from the imitated document (ABSENT)
NOWHERE = {
    "w051": ["载人", "載人", "观光航线", "觀光航線"], "w052": ["落户", "落戶"], "w053": ["考证", "考證", "培训补贴"],
    "w054": ["机库", "機庫", "起降点改造"], "w059": ["建筑设计", "建築設計"], "w060": ["软件", "軟體", "軟件"],
    "w061": ["设计周", "展会", "展會", "协会", "協會"], "w062": ["设计师", "設計師"],
    "w068": ["停车点建设", "停放区建设"], "w072": ["生物質", "生物质"], "w073": ["保温", "保溫", "门窗", "門窗"],
    "w074": ["养殖", "養殖", "猪", "豬"], "w079": ["农家书屋", "農家書屋"], "w080": ["书店", "書店", "房租", "租金"],
    "w081": ["捐赠", "捐贈", "捐书", "捐書"], "w085": ["服务器", "伺服器", "GPU", "机房", "機房"],
    "w086": ["标注", "標註", "標注", "数据集", "語料", "语料"], "w087": ["备案", "備案"],
    "w088": ["服务商奖励", "服务商补贴"],
    "w057": ["岜溪"], "w077": ["玏湾", "玏灣"], "w090": ["璪州市算力", "璪州算力"],
}

# follow-up items: the word each contains (as asked, and as the document writes it) that only one
# document of the library uses
FOLLOWUP = {"w013": ("红点奖", "红点奖"), "w022": ("乱停", "乱停"), "w034": ("壁挂炉", "壁掛爐"),
            "w036": ("图书室", "图书室")}

# simplified characters (all present in the simplified draft, all changed by s2tw) that must not
# survive in the traditional document
SIMPLIFIED = ("万业两个为么乡买于产众会体余关养内写农几划办务动区单压县双发变号后吗员咨坏备复够实审对将属岚带并应开异当录"
              "总户执报担拨择挂换据数无时晓权条来杨标栏楼气汇没洁浏炉烧热现电盖确离种签级纳线组织经给统续维缑编网联补装览"
              "计议设证试话询请谁调负财责货质购贴费资较辑过运还这进连选采里钱镇门闭问间静题额验")

DOC_NUMBER = (B, "璪府办规〔2025〕9号")
CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
      "十六", "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四", "二十五"]

# genre features each document must show (substrings of its text)
SHAPE = {
    A: ["嶪州市人民政府办公室文件\n", "\n嶪政办发〔2025〕31号\n", "各区、县人民政府，嶪州空港经济区管委会，市政府各部门、各直属机构：",
        "嶪州市人民政府办公室\n2025年4月22日\n（此件公开发布）", "\n一、主要目标\n", "\n二、重点任务\n", "\n三、保障措施\n",
        "到2026年底", "到2028年底", "\n┌", "\n└", "专栏1　", "责任单位：", "（牵头）", "负责）", "，下同\n"],
    B: ['<div class="location">您现在的位置：', '<div class="gk-head">', "<dt>索 引 号：</dt>", "<dt>主题分类：</dt>",
        "<dt>发文机关：</dt>", "<dt>成文日期：</dt>", "<dt>标　　题：</dt>", "<dt>文　　号：</dt>", "<dt>发布日期：</dt>",
        "<dt>有 效 性：</dt>", "<dt>公开方式：</dt>", '<div class="TRS_Editor" id="zoom">', "来源：", "发布时间：", "点击数：",
        "【字号：", "分享到：", "【打印本页】", "【关闭窗口】", "相关文件", "网站标识码", "ICP备", "公网安备",
        "各县（市、区）人民政府，璪州高新区管委会，市政府各部门：", "（此件公开发布）", "就高原则不重复支持"]
       + [f'<p class="sub">（{n}）' for n in CN[:4]]
       + [f'<span class="bt">{n}．' for n in range(1, 15)],
    C: [f"第{n}条　" for n in CN[:24]] + [f"第{n}章　" for n in CN[:6]]
       + ["珷城市人民政府令第5号", "第一章　总则第一条　", "本办法所称", "责令改正；逾期不改正的，处", "个工作日"],
    D: ["信息來源：", "發佈時間：", "瀏覽次數：", "【字號：大 中 小】", "（責任編輯：", "琠政辦發〔2025〕27號", "聯繫人", "辦公地址"],
    E: ["玕文旅联〔2025〕8号", "各乡镇人民政府，县城各社区居民委员会，各有关单位：", "附件：", "（此件公开发布）"]
       + [f"{n}、" for n in CN[:7]],
    F: ["# 瑺州市2025年度算力券申报指南\n", "发布单位：", "发布日期：", "\n## 附件\n",
        "| 类别 | 适用情形 | 补贴比例 | 单个主体年度上限 |\n| --- | --- | --- | --- |\n"]
       + [f"\n## {n}、" for n in CN[:9]],
}
TABLE_HEADER = ["补助类别", "适用情形", "补助标准", "拨付方式"]
TWO_LEADS = [10]                 # the plan's only task with two lead units
NO_LEAD_DEPT = "市邮政管理局"     # leads no task of the 实施方案, 配合 exactly two
DOWN_NOTE = 6                    # task whose note ends with 下同; task 7 carries none

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


def plan_notes(a: str) -> list[tuple[int, str]]:
    """(task number, responsibility note) for each task of 二、重点任务: the note is either the
    ``责任单位：…`` line under the task or the ``（X负责）`` that closes the task line ('' when none)."""
    block = a[a.find("\n二、重点任务\n"): a.find("\n三、保障措施\n")]
    lines = block.splitlines()
    out = []
    for i, ln in enumerate(lines):
        m = re.match(r"　　(\d+)．", ln)
        if not m:
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if nxt.startswith("　　责任单位："):
            note = nxt.strip()
        else:
            tail = re.search(r"（[^（）]*负责）$", ln)
            note = tail.group(0) if tail else ""
        out.append((int(m.group(1)), note))
    return out


def genre(folder: Path, text: dict[str, str]) -> list[str]:
    """Shape checks beyond the SHAPE substrings."""
    fails = []
    for doc, marks in SHAPE.items():
        fails += [f"{doc}: genre feature missing: {m!r}" for m in marks if m not in text.get(doc, "")]
    # --- 实施方案: tasks 1．–12． under （一）–（四）; both note styles (责任单位 line at least 5 times,
    # （X负责） at least 3 times); the 下同 note closes task 6 and task 7 carries none; two lead units only
    # in task 10; 市邮政管理局 leads none and joins exactly two; targets for 2026 and 2028 only
    a = text.get(A, "")
    notes = plan_notes(a)
    if [n for n, _ in notes] != list(range(1, 13)):
        fails.append(f"{A}: expected tasks 1．–12．, found {[n for n, _ in notes]}")
    else:
        body = dict(notes)
        if not body[DOWN_NOTE].endswith("，下同") or body[DOWN_NOTE + 1] or sum("下同" in v for v in body.values()) != 1:
            fails.append(f"{A}: task {DOWN_NOTE} should end with the only 下同 note and task {DOWN_NOTE + 1} carry none")
        if sum(v.startswith("责任单位：") for v in body.values()) < 5 or sum(v.endswith("负责）") for v in body.values()) < 3:
            fails.append(f"{A}: expected both note styles (责任单位 line ≥5, （X负责） ≥3)")
        two = [n for n, v in body.items() if v.count("（牵头）") == 2]
        if two != TWO_LEADS or any(v.count("（牵头）") > 2 for v in body.values()):
            fails.append(f"{A}: tasks with two lead units are {two}, expected {TWO_LEADS}")
        leads = [n for n, v in body.items() if f"{NO_LEAD_DEPT}（牵头）" in v or f"（{NO_LEAD_DEPT}负责）" in v]
        joins = [n for n, v in body.items() if NO_LEAD_DEPT in v]
        if leads or len(joins) != 2:
            fails.append(f"{A}: {NO_LEAD_DEPT} should lead none and join exactly two tasks (joins {joins})")
    if not _in_order(a, [f"\n（{n}）" for n in CN[:4]]):
        fails.append(f"{A}: task groups （一）–（四） not in order")
    if re.search(r"到202[57]年底", a):
        fails.append(f"{A}: targets should be given for 2026 and 2028 only")
    box = a[a.find("\n┌"): a.find("\n└")]
    if "专栏1" not in box or box.count("\n") != 5:
        fails.append(f"{A}: 专栏1 should be a box of a title and three lines")
    # --- HTML: DL metadata block, no <table>; 文号 once and inside the metadata block; items 1．–14．
    b = text.get(B, "")
    if "<table" in b or b.count('<dl class="gk-row">') != 5:
        fails.append(f"{B}: expected five <dl> metadata rows and no <table>")
    if not _in_order(b, [f'<span class="bt">{n}．' for n in range(1, 15)]) or '<span class="bt">15．' in b:
        fails.append(f"{B}: items 1．–14． not in order")
    doc, number = DOC_NUMBER
    meta = b[b.find('<div class="gk-head">'): b.find('<div class="article">')]
    if text.get(doc, "").count(number) != 1 or number not in meta:
        fails.append(f"{doc}: the 文号 should occur once, inside the metadata block")
    # --- one-line 管理办法: no line break; title, 令 note, chapter 1 and 第一条 glued; chapters and articles in order
    for doc in ONE_LINE:
        if "\n" in text.get(doc, "") or "\r" in text.get(doc, ""):
            fails.append(f"{doc}: must be a single line with no trailing newline")
    c = text.get(C, "")
    if not c.startswith("珷城市互联网租赁自行车管理办法（2025年7月3日") or "起施行）第一章　总则第一条　" not in c:
        fails.append(f"{C}: title, 公布 note, 第一章 and 第一条 should run together")
    if not _in_order(c, [f"第{n}条　" for n in CN[:24]]) or "第二十五条" in c:
        fails.append(f"{C}: articles 第一条–第二十四条 not in order")
    if not _in_order(c, [f"第{n}章　" for n in CN[:6]]) or "第七章" in c:
        fails.append(f"{C}: chapters 第一章–第六章 not in order")
    if c.count("责令改正；逾期不改正的") + c.count("责令限期改正；逾期不改正的") != 3:
        fails.append(f"{C}: expected three 责令改正；逾期不改正的 penalty clauses")
    # --- traditional 问答: header first, questions 一、–十三、 each on its own line ending with ？
    d = text.get(D, "")
    qs = re.findall(r"^([一二三四五六七八九十]+)、.*？$", d, flags=re.M)
    if not d.startswith("信息來源：") or qs != CN[:13] or not d.rstrip().endswith("（責任編輯：仝靜姝）"):
        fails.append(f"{D}: expected the header first, questions 一、–十三、 ending with ？ and the editor last ({qs})")
    fails += [f"{D}: simplified character {ch} in the traditional document" for ch in SIMPLIFIED if ch in d]
    # --- .docx: a Word 补助标准表 with the four columns and five rows; headings 一、–七、 in order;
    # 附件 then issuers, date and （此件公开发布） at the end
    paras, tables = docx_read(folder / "docs" / f"{E}.docx")
    if len(tables) != 1 or tables[0][0] != TABLE_HEADER or len(tables[0]) != 6 or any(len(r) != 4 for r in tables[0]):
        fails.append(f"{E}: expected one Word table with the header {TABLE_HEADER} and five rows")
    heads = [p for p in paras if re.match(r"[一二三四五六七]、", p)]
    if [h[0] for h in heads] != CN[:7]:
        fails.append(f"{E}: headings 一、–七、 not in order: {heads}")
    if not paras or paras[-1] != "（此件公开发布）" or not any(p.startswith("附件：") for p in paras[-6:]):
        fails.append(f"{E}: 附件 and （此件公开发布） should close the document")
    if "2026" in text.get(E, ""):
        fails.append(f"{E}: no 2026 wanted")
    # --- Markdown 申报指南: headings ## 一、–九、 then ## 附件, a pipe table of a header, a rule and four
    # rows of four cells, numbered lists
    f = text.get(F, "")
    pipe = [ln for ln in f.splitlines() if ln.startswith("|")]
    if len(pipe) != 6 or any(ln.count("|") != 5 for ln in pipe):
        fails.append(f"{F}: expected a pipe table of a header, a rule and four rows of four cells")
    if not _in_order(f, [f"\n## {n}、" for n in CN[:9]] + ["\n## 附件\n"]) or "\n## 十、" in f:
        fails.append(f"{F}: headings ## 一、–九、 and ## 附件 not in order")
    if len(re.findall(r"^\d\. ", f, flags=re.M)) < 15:
        fails.append(f"{F}: expected numbered Markdown lists")
    return fails


def counts(folder: Path) -> int:
    """dev22's own layout. Prints failures; returns their number."""
    items = [json.loads(line) for line in (folder / "qa.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    fails = []
    ids = [it["id"] for it in items]
    if ids != [f"w{n:03d}" for n in range(1, N_ALL + 1)]:
        fails.append(f"ids are not w001–w{N_ALL:03d} in order")
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
    print(f"dev22 layout: {extra} failures ({'python-docx' if docx else 'stdlib .docx reader'})")
    sys.exit(1 if status or extra else 0)
