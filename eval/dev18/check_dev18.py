#!/usr/bin/env python3
"""Checks eval/dev18/qa.jsonl against eval/dev18/docs/ with the checks every set gets
(``eval/check_set.py``), plus dev18's own layout (90 items, r001–r052 answerable with 9, 9, 9, 9, 8, 8
per document and 1–2 quotes each, r053–r090 unanswerable with 6, 6, 6, 6, 7, 7 per document, each
unanswerable form a–h named at the start of its note and used at least 4 times, at least 40 answerable
items marked ``[paraphrase]``, exactly 6 marked ``[followup]`` each naming a word that only one document
uses, the (h) items' premise terms absent from all six documents, every quote occurring exactly once in
its document, every document 1,400–2,400 汉字, the one-line document without any line break, the genre
features each document must show (专栏 and both responsibility-note styles with 下同 in the 实施方案;
breadcrumb, 来源/发布时间/字号, 【打印】【关闭】, 网站标识码 and ICP in the HTML page; 第一条–第十八条 run
together in the 管理办法; a Word 分工表 with the five columns in the .docx), the HTML 文号 only in the
metadata table, the 问答 in traditional script, and the checksums in ``FROZEN.sha256``).

Unanswerable forms (this set's letters, as the brief defines them): a a subject near what a document
covers but not in it, b an amount, rate or fee never stated for that thing, c a procedure, contact
person, office address or opening hours not given, d another rung of a ladder than the one stated,
e another year or another place than the document covers, f a qualifier the document words differently
(the fact is given only for the other one), g the time or duration of a step not stated, h a question
whose premise is false.

The .docx document is not plain text, so the shared ``check`` runs on a copy of the set under a
temporary folder in which the .docx is replaced by its text as python-docx reads it (paragraphs,
then every table cell, one per line, same file stem). Each .docx quote must in addition lie
inside one paragraph or one table cell. Run from anywhere:
``/work/main/.venv/bin/python eval/dev18/check_dev18.py`` (needs python-docx)."""

import hashlib
import json
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

import docx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from eval.check_set import check  # noqa: E402

A = "yiyang-understory-economy-plan-2025-2027"
B = "chengzhou-geographical-indication-measures-2025"
C = "congcheng-after-school-service-providers-measures-2025"
D = "zhuanyuan-beekeeping-qa-2025-trad"
E = "tishan-pocket-parks-notice-2025"
F = "xianghe-village-collective-economy-interpretation-2025"
ORDER = [A, B, C, D, E, F]
ONE_LINE = [C]
ANSWERABLE = {A: 9, B: 9, C: 9, D: 9, E: 8, F: 8}
UNANSWERABLE = {A: 6, B: 6, C: 6, D: 6, E: 7, F: 7}
N_ANS = sum(ANSWERABLE.values())
N_ALL = N_ANS + sum(UNANSWERABLE.values())

# key absent terms for each unanswerable item: (document it imitates, terms that must not occur there).
# Terms of the traditional document are given in both scripts where they differ.
ABSENT = {
    "r053": (A, ["省级示范基地给予", "省级示范基地奖", "省级示范基地一次性"]),
    "r054": (A, ["每公里", "道路按", "灌溉设施补助", "基础设施按"]),
    "r055": (A, ["2026年底", "到2026年"]),
    "r056": (A, ["中药材", "林药"]),
    "r057": (A, ["碳汇"]),
    "r058": (A, ["罚款", "处以"]),
    "r059": (B, ["团体标准"]),
    "r060": (B, ["举报奖励标准", "举报人最高", "举报奖励金额"]),
    "r061": (B, ["地址", "窗口", "办公地点"]),
    "r062": (B, ["个工作日", "到账", "日内"]),
    "r063": (B, ["农业农村部", "农产品地理标志"]),
    "r064": (B, ["年费", "使用费"]),
    "r065": (C, ["暑假", "暑期", "寒假"]),
    "r066": (C, ["每课时支付", "结算标准为", "课时费"]),
    "r067": (C, ["电话", "科室", "地址", "联系人"]),
    "r068": (C, ["城区学校课后服务给予补助", "对城区学校"]),
    "r069": (C, ["整改期限", "日内整改", "个月内整改"]),
    "r070": (C, ["开办补贴", "开办"]),
    "r071": (D, ["意蜂", "意大利蜂", "西方蜜蜂", "西蜂"]),
    "r072": (D, ["市級示範蜂場獎", "市級示範蜂場給予", "市级示范蜂场奖", "市级示范蜂场给予"]),
    "r073": (D, ["保护价", "保護價", "收购", "收購"]),
    "r074": (D, ["地址", "辦公地點", "办公地点", "樓", "楼"]),
    "r075": (D, ["撥付", "拨付", "到賬", "到账", "日內發放"]),
    "r076": (D, ["貼息", "贴息", "利息補貼", "利息补贴"]),
    "r077": (E, ["提升改造", "改造口袋公园", "既有口袋公园"]),
    "r078": (E, ["2026年底", "到2026年"]),
    "r079": (E, ["峧坪", "镇："]),
    "r080": (E, ["个工作日", "日内验收", "日内拨付"]),
    "r081": (E, ["认养申请", "申请认养", "材料"]),
    "r082": (E, ["认养费", "认养资金", "认养费用"]),
    "r083": (E, ["绿道"]),
    "r084": (F, ["社区", "居委会"]),
    "r085": (F, ["2026"]),
    "r086": (F, ["帮扶资金", "帮扶经费"]),
    "r087": (F, ["光伏"]),
    "r088": (F, ["个工作日", "日内拨付", "拨付时限"]),
    "r089": (F, ["联系人", "地址", "办公地点", "楼"]),
    "r090": (F, ["所得税", "减免"]),
}

FORM = {
    "r053": "d", "r054": "b", "r055": "e", "r056": "f", "r057": "a", "r058": "h",
    "r059": "d", "r060": "b", "r061": "c", "r062": "g", "r063": "f", "r064": "h",
    "r065": "a", "r066": "b", "r067": "c", "r068": "f", "r069": "g", "r070": "h",
    "r071": "f", "r072": "d", "r073": "h", "r074": "c", "r075": "g", "r076": "b",
    "r077": "d", "r078": "e", "r079": "e", "r080": "g", "r081": "c", "r082": "b",
    "r083": "a", "r084": "f", "r085": "e", "r086": "b", "r087": "a", "r088": "g",
    "r089": "c", "r090": "h",
}
MIN_FORM = dict.fromkeys("abcdefgh", 4)

# follow-up items: the word each contains (as asked, and as the document writes it) that only one
# document of the library uses
FOLLOWUP = {"r009": ("辅助用房", "辅助用房"), "r015": ("质量安全责任保险", "质量安全责任保险"),
            "r027": ("白名单", "白名单"), "r036": ("农药", "農藥"), "r043": ("围墙", "围墙"),
            "r051": ("扶持村", "扶持村")}

# simplified characters (all present in the simplified draft, all changed by s2tw) that must not
# survive in the traditional document
SIMPLIFIED = "万专业东个为么乡书买于产亿价众会传伪体关养兽内册农准几办务动励医华单县参发台号后吗咨园围国场墙备复奖实审对并应开当录户执扩报担据摇数时晓术机来构标栏树检没灾电监础离种称简级线组织经结给统综绿编缴网联范药获营虚补规计认训记设证评话询说谁财责账质购贴贷费资赔转载辑输边达过运还银销镇长门问间险项领题额饲验骗"

DOC_NUMBER = (B, "琤政办规〔2025〕8号")

# genre features each document must show (substrings of its text)
SHAPE = {
    A: ["专栏1", "一、总体要求", "（一）优化发展布局", "1．分区引导发展", "（牵头单位：", "；责任单位：",
        "（市林业局牵头，市自然资源和规划局配合，各县（区）人民政府负责落实，下同）", "到2025年底", "到2027年底"],
    B: ['<a href="/">首页</a> &gt; <a href="/zcwj/">政策文件</a>', "<li>来源：", "<li>发布时间：", "<li>字号：",
        "【打印】", "【关闭】", "网站标识码", "ICP备", "奖励", "补贴", "最高"],
    C: [f"第{n}条" for n in "一二三四五六七八九十"] + [f"第十{n}条" for n in "一二三四五六七八"]
       + ["申请时应当提交下列材料", "个工作日", "收费", "移出白名单"],
    D: ["問：", "答：", "諮詢", "聯繫人", "電話"],
    E: ["瑅政办发〔2025〕17号", "各乡（镇）人民政府、街道办事处，县政府各部门：", "附件：", "抄送："],
    F: ["# 《", "## 一、", "> 发布单位", "- **", "名词解释", "电话："],
}
TABLE_HEADER = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]


def han(text: str) -> int:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text)


def docx_pieces(path: Path) -> list[str]:
    d = docx.Document(str(path))
    return [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]


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


def counts(folder: Path) -> int:
    """dev18's own layout. Prints failures; returns their number."""
    items = [json.loads(line) for line in (folder / "qa.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    fails = []
    ids = [it["id"] for it in items]
    if ids != [f"r{n:03d}" for n in range(1, N_ALL + 1)]:
        fails.append(f"ids are not r001–r{N_ALL:03d} in order")
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
    for doc in ONE_LINE:
        if "\n" in text.get(doc, "") or "\r" in text.get(doc, ""):
            fails.append(f"{doc}: must be a single line with no trailing newline")
    fails += [f"{D}: simplified character {ch}" for ch in SIMPLIFIED if ch in text.get(D, "")]
    doc, number = DOC_NUMBER
    if text.get(doc, "").count(number) != 1 or "<td>" + number not in text.get(doc, ""):
        fails.append(f"{doc}: the 文号 should occur once, in the metadata table")
    for doc, marks in SHAPE.items():
        fails += [f"{doc}: genre feature missing: {m}" for m in marks if m not in text.get(doc, "")]
    docx_path = folder / "docs" / f"{E}.docx"
    tables = docx.Document(str(docx_path)).tables
    if not tables or [c.text for c in tables[0].rows[0].cells] != TABLE_HEADER:
        fails.append(f"{E}: no Word table with the header {TABLE_HEADER}")
    byid = {it["id"]: it for it in items}
    for i, (asked, written) in FOLLOWUP.items():
        users = [d for d in ORDER if asked in text.get(d, "") or written in text.get(d, "")]
        if asked not in byid.get(i, {}).get("question", "") or users != byid.get(i, {}).get("docs"):
            fails.append(f"{i}: follow-up word {asked}/{written} is in {users}")
    for it in items[N_ANS:]:
        if FORM.get(it["id"]) == "h":
            fails += [f"{it['id']}: (h) term {t} occurs in {d}" for t in ABSENT[it["id"]][1]
                      for d in ORDER if t in text.get(d, "")]
    pieces = docx_pieces(docx_path)
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
    print(f"dev18 layout: {extra} failures")
    sys.exit(1 if status or extra else 0)
