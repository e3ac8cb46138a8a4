#!/usr/bin/env python3
"""Checks eval/dev19/qa.jsonl against eval/dev19/docs/ with the checks every set gets
(``eval/check_set.py``), plus dev19's own layout (90 items, t001–t052 answerable with 9, 9, 9, 9, 8, 8
per document and 1–2 quotes each, t053–t090 unanswerable with 6, 6, 6, 6, 7, 7 per document, each
unanswerable form a–h named at the start of its note and used at least 4 times, at least 40 answerable
items marked ``[paraphrase]``, exactly 6 marked ``[followup]`` each naming a word that only one document
uses, the (h) items' premise terms absent from all six documents, every quote occurring exactly once in
its document, every document 1,400–2,400 汉字, the one-line document without any line break, the genre
features each document must show (专栏 and both responsibility-note styles with 下同 in the 实施方案, the
task after the 下同 note without a note of its own; the legacy table layout with breadcrumb, metadata
table, 来源/发布时间/字号, 【打印】【关闭】, 网站标识码 and ICP in the HTML page; 第一条–第二十条 run together in
the 管理办法; 问/答 and the reposting header in the 问答; addressee, 附件 and 抄送 and a Word 分工表 with the
five columns, three rows with two lead units and a department that leads none but 配合 several rows in the
.docx; the sections of the 申报指南), the HTML 文号 only in the metadata table, the 问答 in traditional
script, and the checksums in ``FROZEN.sha256``).

Unanswerable forms (the brief's letters): a a subject near what a document covers but not in it, b an
amount, rate or fee never stated for that thing, c a procedure, contact person, office address or
opening hours not given, d another rung of a ladder than the one stated, e another year or another place
than the document covers, f a qualifier the document words differently (the fact is given only for the
other one), g the time or duration of a step not stated, h a question whose premise is false.

The .docx document is not plain text, so the shared ``check`` runs on a copy of the set under a
temporary folder in which the .docx is replaced by its text as python-docx reads it (paragraphs,
then every table cell, one per line, same file stem). Each .docx quote must in addition lie
inside one paragraph or one table cell. When python-docx is not installed (as in /work/main/.venv),
the text is read with the standard library from ``word/document.xml`` in the way python-docx reads it
(body paragraphs, then each table's cells row by row; a cell's paragraphs joined by newlines); when it
is installed, both readers are run and must agree. Run from anywhere:
``/work/main/.venv/bin/python eval/dev19/check_dev19.py``."""

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
except ImportError:  # the project venv has no python-docx; fall back to the stdlib reader
    docx = None

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from eval.check_set import check  # noqa: E402

A = "qianzhou-high-standard-farmland-plan-2025-2027"
B = "pinzhou-first-store-economy-measures-2025"
C = "lucheng-school-sports-venues-opening-measures-2025"
D = "pingshan-beef-cattle-qa-2025-trad"
E = "aoxi-geohazard-prevention-notice-2025"
F = "tianchuan-industrial-water-saving-guide-2025"
ORDER = [A, B, C, D, E, F]
ONE_LINE = [C]
ANSWERABLE = {A: 9, B: 9, C: 9, D: 9, E: 8, F: 8}
UNANSWERABLE = {A: 6, B: 6, C: 6, D: 6, E: 7, F: 7}
N_ANS = sum(ANSWERABLE.values())
N_ALL = N_ANS + sum(UNANSWERABLE.values())

# key absent terms for each unanswerable item: (document it imitates, terms that must not occur there).
# Terms of the traditional document are given in both scripts where they differ.
ABSENT = {
    "t053": (A, ["县级示范区", "县级高标准农田示范区", "县级示范"]),
    "t054": (A, ["2026"]),
    "t055": (A, ["收益的", "收益按", "返还", "%用于"]),
    "t056": (A, ["日内拨付", "个工作日", "拨付时限", "个月内拨付", "日内兑付"]),
    "t057": (A, ["改造提升项目中高效节水", "改造提升项目高效节水", "改造提升项目的高效节水"]),
    "t058": (A, ["流转"]),
    "t059": (B, ["城市首店", "市内首店", "本市首店"]),
    "t060": (B, ["人才补贴", "安家", "生活补贴", "人才奖励"]),
    "t061": (B, ["地址", "窗口", "办公地点", "楼", "室）"]),
    "t062": (B, ["到账", "拨付时限", "个工作日内审核", "个工作日内完成审核", "日内拨付", "个工作日内复核"]),
    "t063": (B, ["第二年", "次年", "第2年", "每年实际缴纳房租"]),
    "t064": (B, ["营业额", "返还"]),
    "t065": (C, ["游泳"]),
    "t066": (C, ["上课日晚", "放学后开放时间为", "18:", "19:", "21:", "时至"]),
    "t067": (C, ["考核合格", "合格的"]),
    "t068": (C, ["七人制", "7人制", "七人"]),
    "t069": (C, ["个工作日", "遴选时限", "日内完成遴选", "遴选期限"]),
    "t070": (C, ["年卡", "月卡", "次卡"]),
    "t071": (D, ["市級", "市级"]),
    "t072": (D, ["育肥牛保險每頭", "育肥牛保险每头", "育肥牛保費", "育肥牛保费", "育肥牛每頭保額", "育肥牛每头保额"]),
    "t073": (D, ["公牛"]),
    "t074": (D, ["奶牛", "乳"]),
    "t075": (D, ["地址", "辦公地點", "办公地点", "樓", "楼", "室）"]),
    "t076": (D, ["出欄獎勵", "出栏奖励", "每出欄", "每出栏", "出欄補", "出栏补"]),
    "t077": (E, ["2026"]),
    "t078": (E, ["峂口", "镇人民政府"]),
    "t079": (E, ["投亲", "靠友"]),
    "t080": (E, ["复垦补助", "每亩", "复垦奖励"]),
    "t081": (E, ["日内发放", "个工作日内发放", "发放时限", "日内拨付"]),
    "t082": (E, ["申请材料", "搬迁申请", "提交"]),
    "t083": (E, ["采空", "塌陷"]),
    "t084": (F, ["国家级", "水效领跑者"]),
    "t085": (F, ["贴息"]),
    "t086": (F, ["2026"]),
    "t087": (F, ["合同节水", "节水服务公司", "服务费"]),
    "t088": (F, ["到账", "日内拨付", "个工作日内拨付", "拨付时限"]),
    "t089": (F, ["宿舍", "食堂", "生活区", "办公楼"]),
    "t090": (F, ["水资源税", "减免"]),
}

FORM = {
    "t053": "d", "t054": "e", "t055": "b", "t056": "g", "t057": "f", "t058": "h",
    "t059": "d", "t060": "b", "t061": "c", "t062": "g", "t063": "f", "t064": "h",
    "t065": "a", "t066": "c", "t067": "d", "t068": "f", "t069": "g", "t070": "h",
    "t071": "d", "t072": "b", "t073": "f", "t074": "a", "t075": "c", "t076": "h",
    "t077": "e", "t078": "e", "t079": "f", "t080": "b", "t081": "g", "t082": "c", "t083": "a",
    "t084": "d", "t085": "b", "t086": "e", "t087": "a", "t088": "g", "t089": "f", "t090": "h",
}
MIN_FORM = dict.fromkeys("abcdefgh", 4)

# follow-up items: the word each contains (as asked, and as the document writes it) that only one
# document of the library uses
FOLLOWUP = {"t009": ("质量保证金", "质量保证金"), "t015": ("房租", "房租"), "t027": ("宠物", "宠物"),
            "t036": ("疫苗", "疫苗"), "t044": ("切坡", "切坡"), "t048": ("水平衡测试", "水平衡测试")}

# simplified characters (all present in the simplified draft, all changed by s2tw) that must not
# survive in the traditional document (干 is left out: s2tw keeps it in 若干)
SIMPLIFIED = ("万与业两个为么乡于产亿从价众优会体储关养兽内册农冻净准划办务动励劳医单卖县发号后吗吨员咨图场处备复头奖实"
              "审对尔岚并应开强当录愿户执扩报担损据数时晓机条来构标栏检污满犊现电确离种积称简类粪级纳线经结给统编缴网联"
              "肤节范营虚补见观规计认记设证评话询请谁财责质购贮贴贷费资转载辑达过还进适采里银链镇长门问间险项须领题额饲"
              "验骗龙")

DOC_NUMBER = (B, "玭政办规〔2025〕11号")

# genre features each document must show (substrings of its text)
SHAPE = {
    A: ["各县（区）人民政府，市政府各部门、各直属机构：", "岍州市人民政府办公室\n2025年3月14日", "岍政办发〔2025〕22号",
        "一、总体要求", "（一）基本原则", "1．修编建设规划", "专栏1", "合计", "（牵头单位：", "；责任单位：",
        "（市水利局牵头，市农业农村局配合，各县（区）人民政府负责落实，下同）", "到2025年底", "到2027年底"],
    B: ['当前位置：<a href="/">网站首页</a> &gt;&gt; <a href="/zwgk/">政务公开</a> &gt;&gt; <a href="/zwgk/zcwj/">政策文件</a>',
        '<table width="1000"', "<th>索 引 号</th>", "<th>文　　号</th>", "<th>成文日期</th>", "<span>来源：",
        "<span>发布时间：", "<span>字号：", "【打印】", "【关闭】", "网站标识码", "ICP备", "附件："]
       + [f"<b>第{n}条" for n in ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四"]],
    C: [f"第{n}条" for n in "一二三四五六七八九十"] + [f"第十{n}条" for n in "一二三四五六七八九"] + ["第二十条"]
       + ["琭教规〔2025〕5号", "收费", "暂停开放"],
    D: ["問：", "答：", "轉載自：", "發佈時間：", "來源：", "責任編輯：", "諮詢", "聯繫人", "電話"],
    E: ["璈政办发〔2025〕12号", "各乡（镇）人民政府，县政府各部门、各直属机构，有关单位：", "附件：", "抄送：",
        "一、工作目标", "二、重点任务", "三、保障措施"],
    F: ["一、支持对象", "二、支持内容和标准", "三、申报条件", "四、申报材料", "五、申报时间和地点", "六、审核程序",
        "七、绩效管理", "八、其他事项", "九、咨询电话", "0593-7260318"],
}
TABLE_HEADER = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
TWO_LEADS = {"4", "7", "9"}      # rows of the .docx table with two lead units
NO_LEAD_DEPT = "县气象局"        # leads no row, 配合 several

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


def genre(folder: Path, text: dict[str, str]) -> list[str]:
    """Shape checks beyond the SHAPE substrings."""
    fails = []
    for doc, marks in SHAPE.items():
        fails += [f"{doc}: genre feature missing: {m}" for m in marks if m not in text.get(doc, "")]
    a = text.get(A, "")
    # the task after the 下同 note carries no note of its own; the 专栏 sums match
    five = a[a.find("5．"): a.find("6．")]
    if not five or "牵头" in five or "责任单位" in five:
        fails.append(f"{A}: task 5 should have no responsibility note (it inherits task 4's 下同 note)")
    if "2026" in a:
        fails.append(f"{A}: targets should be given for 2025 and 2027 only")
    rows = re.findall(r"^(\S+?县|\S+?区|合计)[　 ]+(\d+)[　 ]+(\d+)[　 ]+(\d+)$", a, flags=re.M)
    body = [tuple(map(int, r[1:])) for r in rows if r[0] != "合计"]
    total = [tuple(map(int, r[1:])) for r in rows if r[0] == "合计"]
    if len(body) != 6 or len(total) != 1 or tuple(map(sum, zip(*body, strict=False))) != total[0]:
        fails.append(f"{A}: 专栏1 should list six counties whose figures add up to the 合计 row")
    b = text.get(B, "")
    if '<div class="article"' in b or b.count("<table") < 6:
        fails.append(f"{B}: expected the table-based legacy layout")
    doc, number = DOC_NUMBER
    if text.get(doc, "").count(number) != 1 or "<td>" + number not in text.get(doc, ""):
        fails.append(f"{doc}: the 文号 should occur once, in the metadata table")
    for doc in ONE_LINE:
        if "\n" in text.get(doc, "") or "\r" in text.get(doc, ""):
            fails.append(f"{doc}: must be a single line with no trailing newline")
    if text.get(F, "").count("\n") < 30:
        fails.append(f"{F}: the 申报指南 should be multi-line plain text")
    fails += [f"{D}: simplified character {ch} in the traditional document" for ch in SIMPLIFIED if ch in text.get(D, "")]
    _, tables = docx_read(folder / "docs" / f"{E}.docx")
    if not tables or tables[0][0] != TABLE_HEADER:
        fails.append(f"{E}: no Word table with the header {TABLE_HEADER}")
    else:
        rows = tables[0][1:]
        two = {r[0] for r in rows if "、" in r[2]}
        if two != TWO_LEADS:
            fails.append(f"{E}: rows with two lead units are {sorted(two)}, expected {sorted(TWO_LEADS)}")
        if any(NO_LEAD_DEPT in r[2] for r in rows) or sum(NO_LEAD_DEPT in r[3] for r in rows) < 2:
            fails.append(f"{E}: {NO_LEAD_DEPT} should lead no row and 配合 at least two")
    return fails


def counts(folder: Path) -> int:
    """dev19's own layout. Prints failures; returns their number."""
    items = [json.loads(line) for line in (folder / "qa.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    fails = []
    ids = [it["id"] for it in items]
    if ids != [f"t{n:03d}" for n in range(1, N_ALL + 1)]:
        fails.append(f"ids are not t001–t{N_ALL:03d} in order")
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
    para = [it["id"] for it in items[:N_ANS] if it["note"].startswith("[paraphrase]")]
    if len(para) < 40:
        fails.append(f"only {len(para)} answerable items marked [paraphrase]")
    follow = [it["id"] for it in items if "[followup]" in it["note"]]
    if sorted(follow) != sorted(FOLLOWUP):
        fails.append(f"[followup] items {follow} differ from {sorted(FOLLOWUP)}")
    per_doc = Counter(d for it in items for d in it["docs"])
    for doc in ORDER:
        if per_doc[doc] != ANSWERABLE[doc]:
            fails.append(f"{doc}: {per_doc[doc]} answerable items")
    files = sorted(p for p in (folder / "docs").iterdir() if p.is_file())
    if sorted(p.stem for p in files) != sorted(ORDER):
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
    print(f"dev19 layout: {extra} failures ({'python-docx' if docx else 'stdlib .docx reader'})")
    sys.exit(1 if status or extra else 0)
