#!/usr/bin/env python3
"""Checks eval/blind2/qa.jsonl against eval/blind2/docs/ with the checks every set gets
(``eval/check_set.py``: keys, users, intents, quote length and presence, keyword within 300
characters of a quote, unanswerable items empty and their absent terms absent), plus blind2's own
layout: 72 items, x001–x057 answerable with 9/8/8/8/8/8/8 per document, x058–x072 unanswerable
with 3/2/2/2/2/2/2 per document, each unanswerable form named at the start of its note, every
quote occurring exactly once in its document, every document 900–2,300 汉字, the 管理办法 on a
single line without a trailing newline, the 实施方案 in traditional script, the HTML 文号 only in
the metadata table, the .docx built from real Word styles with one table.

How the three unusual formats are read:
- the .docx: python-docx; each paragraph's ``text`` in document order, then each table row with its
  cells' ``text`` joined by a TAB, all joined by newlines. A quote must lie inside one paragraph or
  one cell (quotes contain no TAB or newline), and the 300-character keyword window is measured in
  that text;
- the HTML page: the raw page source (bytes), no tag stripping or entity decoding;
- the one-line .txt: the raw bytes, like every other .txt.

Run from anywhere with the project venv (python-docx): ``.venv/bin/python eval/blind2/check_blind2.py``."""

import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from eval.check_set import problems  # noqa: E402

A = "chengling-icv-action-plan-2025-2027"
B = "zhucheng-ic-measures-2025"
C = "xiuzhou-ip-pledge-financing-measures-2025"
D = "pengye-farm-machinery-subsidy-plan-2025-2027-trad"
E = "jieshui-graduate-employment-notice-2025"
F = "xigang-exhibition-economy-notice-2025"
G = "yaoshan-community-embedded-services-opinions-2025"
ORDER = [A, B, C, D, E, F, G]
SUFFIX = {A: ".txt", B: ".txt", C: ".txt", D: ".txt", E: ".html", F: ".docx", G: ".txt"}
ANSWERABLE = {A: 9, B: 8, C: 8, D: 8, E: 8, F: 8, G: 8}
UNANSWERABLE = {A: 3, B: 2, C: 2, D: 2, E: 2, F: 2, G: 2}
N_ANS, N_ALL = 57, 72

# key absent terms for each unanswerable item: (document it imitates, terms that must not occur there).
# For (d) items the absent thing is a figure, so their terms are only phrasings of a figure.
ABSENT = {
    "x058": (A, ["到2025年", "2025年底", "2025年，全省", "2025年全省"]),
    "x059": (A, ["琰山市开放", "琰山市测试", "琰山市：1", "琰山市：2", "琰山市：3", "公里（琰山"]),
    "x060": (A, ["测绘给予", "测绘试点给予", "试点企业给予", "定位服务试点给予", "试点的，给予"]),
    "x061": (B, ["认证", "AEC", "可靠性", "车规"]),
    "x062": (B, ["辅导", "备案", "受理后", "每个阶段", "第一阶段", "分别给予100", "分别给予200"]),
    "x063": (C, ["质押率", "可贷", "贷款额度", "最高贷款", "评估值", "授信"]),
    "x064": (C, ["窗口", "电话", "地址", "咨询", "联系"]),
    "x065": (D, ["貼息", "貸款", "贴息", "贷款", "利息"]),
    "x066": (D, ["離田", "离田", "打捆", "打捆離田"]),
    "x067": (E, ["灵活就业", "个体缴费", "以个人身份", "每月补贴", "按月补贴"]),
    "x068": (E, ["就业服务中心地址", "服务中心位于", "服务中心（地址", "楼", "大厅", "服务窗口"]),
    "x069": (F, ["商务部", "国家级", "引导支持", "重点引导"]),
    "x070": (F, ["到2027年", "2027年，全市", "2027年全市"]),
    "x071": (G, ["养老服务站给予", "养老服务站建设补贴", "服务站补贴", "每个养老服务站"]),
    "x072": (G, ["周岁", "岁以上", "岁及以上", "老年人优惠", "折扣", "优惠"]),
}

# form of each unanswerable item. a a year the document sets no target for; b an amount or indicator
# never quantified; c a per-city number not given; d an amount for an item supported only without a
# figure; e a subject, kind of subsidy, level of recognition or category of applicant next to the one
# stated; f a breakdown never stated; i a contact, window or address never given; k a presupposition
# that does not hold.
FORM = {
    "x058": "a", "x059": "c", "x060": "d", "x061": "e", "x062": "f", "x063": "b", "x064": "i",
    "x065": "e", "x066": "e", "x067": "e", "x068": "i", "x069": "e", "x070": "a", "x071": "d",
    "x072": "k",
}

# simplified characters that must not survive in the traditional document: the 汉字 of its simplified
# source that s2tw changed, less those that are also ordinary traditional characters (于 台 干 里 后 准
# 范 采 并); and common simplified words of its subject
SIMPLIFIED = "万与专业个为乡买产亩从们价会传体兑关内农办务单厅县参发号吨咨围场处备复实对导将应废开异强当总户执报择据数无时暂机标测点现电监础秆种积类粮级组织经结给统综网联营虚补装览认让议设话询请调负财责账购贴资转达过还进远选铭销镇门际顺领额马驶驾验骗"
SIMPLIFIED_WORDS = ["补贴", "农机", "县级", "万元", "报废", "申请", "兑付", "购置", "烘干", "拖拉机", "联合收割机",
                    "无人驾驶", "作业", "马力", "核验", "财政", "领导小组", "咨询电话", "一卡通账户", "芃农通", "机具", "乡镇"]


def han(text: str) -> int:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text)


def docx_parts(path: Path) -> tuple[list[str], list[list[str]], list[str], int]:
    """(paragraph texts, table rows as cell texts, paragraph style names, number of tables)."""
    from docx import Document  # python-docx, in the project venv

    d = Document(str(path))
    rows = [[c.text for c in r.cells] for t in d.tables for r in t.rows]
    return [p.text for p in d.paragraphs], rows, [p.style.name for p in d.paragraphs], len(d.tables)


def load(folder: Path) -> dict[str, str]:
    """Each document's text as the checks see it (see the module docstring)."""
    out = {}
    for p in sorted((folder / "docs").iterdir()):
        if not p.is_file():
            continue
        if p.suffix == ".docx":
            paras, rows, _, _ = docx_parts(p)
            out[p.stem] = "\n".join(paras) + "\n" + "\n".join("\t".join(r) for r in rows)
        else:
            out[p.stem] = p.read_bytes().decode("utf-8")
    return out


def main() -> int:
    here = Path(__file__).resolve().parent
    text = load(here)
    raw = {k: v.encode("utf-8") for k, v in text.items()}
    lines = (here / "qa.jsonl").read_text(encoding="utf-8").splitlines()
    items = [json.loads(line) for line in lines if line.strip()]
    fails = [f"{it.get('id')}: {e}" for it in items for e in problems(it, raw, ABSENT)]

    # ids, answerable split, per-document counts
    ids = [it["id"] for it in items]
    if ids != [f"x{n:03d}" for n in range(1, N_ALL + 1)]:
        fails.append("ids are not x001–x072 in order")
    fails += [f"{i}: duplicate id" for i in sorted({i for i in ids if ids.count(i) > 1})]
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
    for it in items[N_ANS:]:
        if not it["note"].startswith(f"({FORM.get(it['id'])})"):
            fails.append(f"{it['id']}: note should start with its form ({FORM.get(it['id'])})")
        if len(it["note"]) < 40:
            fails.append(f"{it['id']}: note too short to name the neighbouring clause")

    # quotes: unique in their document, no TAB, keywords 1–3, second asks
    for it in items[:N_ANS]:
        for q in it["gold_quotes"]:
            n = sum(text.get(d, "").count(q) for d in it["docs"])
            if n != 1:
                fails.append(f"{it['id']}: quote occurs {n} times: {q}")
            if "\t" in q:
                fails.append(f"{it['id']}: quote spans two table cells: {q}")
    two_asks = sum(1 for it in items if len(re.findall(r"[？?]", it["question"])) >= 2)
    if two_asks < N_ALL * 0.4:
        fails.append(f"only {two_asks} questions with a second ask")

    # the documents: seven files, names and suffixes, sizes
    files = sorted(p for p in (here / "docs").iterdir() if p.is_file())
    if sorted(p.name for p in files) != sorted(d + SUFFIX[d] for d in ORDER):
        fails.append(f"docs/ holds {[p.name for p in files]}")
    for d in ORDER:
        if not 900 <= han(text.get(d, "")) <= 2300:
            fails.append(f"{d}: {han(text.get(d, ''))} 汉字")

    # the one-line 管理办法
    one = (here / "docs" / (C + ".txt")).read_bytes()
    if b"\n" in one or b"\r" in one:
        fails.append(f"{C}: must be a single line with no trailing newline")
    if not all(f"第{n}条" in text[C] for n in ["一", "九", "十", "十八"]) or "第十九条" in text[C]:
        fails.append(f"{C}: articles are not 第一条–第十八条")

    # the traditional 实施方案
    fails += [f"{D}: simplified character {ch}" for ch in dict.fromkeys(SIMPLIFIED) if ch in text.get(D, "")]
    fails += [f"{D}: simplified word {w}" for w in SIMPLIFIED_WORDS if w in text.get(D, "")]

    # the HTML page: chrome present, 文号 only in the metadata table
    page = text.get(E, "")
    for part in ['class="topbar"', 'class="nav"', 'class="crumb"', 'class="meta"', "索引号", "发布机构", "成文日期",
                 "发布日期", "来源：", "发布时间：", "浏览次数：", 'class="attach"', 'class="footer"']:
        if part not in page:
            fails.append(f"{E}: page lacks {part}")
    m = re.search(r'<table class="meta">.*?</table>', page, re.S)
    if page.count("湝人社发〔2025〕31号") != 1 or not m or "湝人社发〔2025〕31号" not in m.group(0):
        fails.append(f"{E}: the 文号 must appear once, in the metadata table")

    # the .docx: real Word styles and one 分工表 table
    _, rows, styles, ntables = docx_parts(here / "docs" / (F + ".docx"))
    if ntables != 1 or not rows or rows[0] != ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]:
        fails.append(f"{F}: expected one 分工表 with 序号/重点任务/牵头单位/配合单位/完成时限")
    if not {"Title", "Heading 1", "Heading 2", "Normal"} <= set(styles):
        fails.append(f"{F}: styles used {sorted(set(styles))}")

    for f in fails:
        print("FAIL", f)
    answerable = [it for it in items if it.get("answerable") is True]
    per_doc = Counter(d for it in answerable for d in it["docs"])
    users = Counter(it["user"] for it in items)
    print("answerable per document:", {d: per_doc[d] for d in ORDER})
    print("users:", dict(users), "| questions with a second ask:", two_asks)
    print(f"{len(items)} items ({len(answerable)} answerable), {len(fails)} failures")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
