#!/usr/bin/env python3
"""Checks eval/dev15/qa.jsonl against eval/dev15/docs/ with the checks every set gets
(``eval/check_set.py``), plus dev15's own layout (90 items, d001–d060 answerable with 10 per
document, d061–d090 unanswerable with 5 per document, each unanswerable form a–h named at the
start of its note and used at least twice, at least 10 items of form (b) with two in at least
four documents, at least 20 answerable items marked ``[paraphrase]``, the (h) items' terms absent
from all six documents, every quote unique in its document, every document 1,200–2,400 汉字,
the two one-line documents without any line break, the 问答 in traditional script).

The .docx document is not plain text, so the shared ``check`` runs on a copy of the set under a
temporary folder in which the .docx is replaced by its text as python-docx reads it (paragraphs,
then every table cell, one per line, same file stem). Each .docx quote must in addition lie
inside one paragraph or one table cell. Run from anywhere:
``/work/main/.venv/bin/python eval/dev15/check_dev15.py`` (needs python-docx)."""

import json
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

import docx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from eval.check_set import check  # noqa: E402

A = "hengxi-gas-pipeline-renewal-plan-2025-2027"
B = "chenpu-specialized-sme-measures-2025"
C = "yucheng-rd-expense-post-subsidy-measures-2025"
D = "yuelan-data-ip-registration-rules-2025"
E = "junling-ice-snow-tourism-qa-2025-trad"
F = "qiutang-rural-water-supply-notice-2025"
ORDER = [A, B, C, D, E, F]
ONE_LINE = [C, D]
ANSWERABLE = dict.fromkeys(ORDER, 10)
UNANSWERABLE = dict.fromkeys(ORDER, 5)

# key absent terms for each unanswerable item: (document it imitates, terms that must not occur there).
# For (a) items the absent thing is a figure, so their terms are phrasings of a figure.
ABSENT = {
    "d061": (A, ["场站设施更新按", "场站设施更新给予补助", "场站设施更新补助", "每座"]),
    "d062": (A, ["非居民用户出资", "非居民用户户内", "商户", "商铺", "饭店"]),
    "d063": (A, ["到2026年底，", "2026年底，完成", "到2026年，", "2026年底累计"]),
    "d064": (A, ["玳泉"]),
    "d065": (A, ["罚款", "罚"]),
    "d066": (B, ["服务商", "服务机构", "诊断费", "诊断补助", "每家诊断"]),
    "d067": (B, ["市级专精特新中小企业", "认定为市级", "市级专精特新企业，"]),
    "d068": (B, ["硕士"]),
    "d069": (B, ["审核", "到账", "拨付", "个工作日内兑现"]),
    "d070": (B, ["科室", "经办人", "联系人", "地址", "办公地点"]),
    "d071": (C, ["高新技术企业", "高企"]),
    "d072": (C, ["仪器", "设备购置", "购置设备"]),
    "d073": (C, ["日内完成核查", "个工作日内完成核查", "核查时限", "核查完毕"]),
    "d074": (C, ["配套", "自筹"]),
    "d075": (C, ["个人所得税", "个税"]),
    "d076": (D, ["评估费", "担保费"]),
    "d077": (D, ["融资租赁", "租赁"]),
    "d078": (D, ["存证费", "存证补贴", "存证费用", "每件"]),
    "d079": (D, ["地址", "电话", "窗口", "联系人"]),
    "d080": (D, ["入表", "数据资产"]),
    "d081": (E, ["5A", "五A"]),
    "d082": (E, ["市級賽事", "市级赛事", "市級冰雪賽事", "市级冰雪赛事"]),
    "d083": (E, ["玟湖"]),
    "d084": (E, ["科室", "聯繫人", "联系人", "聯絡人", "地址", "產業發展科", "产业发展科"]),
    "d085": (E, ["民宿"]),
    "d086": (F, ["新建小型", "小型供水工程新建", "新建的小型"]),
    "d087": (F, ["2027"]),
    "d088": (F, ["珈岭"]),
    "d089": (F, ["验收"]),
    "d090": (F, ["差价", "调价", "上调", "涨价"]),
}

FORM = {
    "d061": "a", "d062": "b", "d063": "c", "d064": "d", "d065": "g",
    "d066": "a", "d067": "b", "d068": "b", "d069": "e", "d070": "f",
    "d071": "b", "d072": "b", "d073": "e", "d074": "g", "d075": "h",
    "d076": "b", "d077": "b", "d078": "a", "d079": "f", "d080": "h",
    "d081": "b", "d082": "b", "d083": "d", "d084": "f", "d085": "h",
    "d086": "b", "d087": "c", "d088": "d", "d089": "e", "d090": "g",
}

# simplified characters (all present in the simplified draft) that must not survive in the traditional document
SIMPLIFIED = "游问资万级场学给补发奖体励岭为单备报么赛电对国组织广内动区额设个项质办台开营过财来于现运评装业转时责规"


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


def counts(folder: Path) -> int:
    """dev15's own layout. Prints failures; returns their number."""
    items = [json.loads(line) for line in (folder / "qa.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    fails = []
    if [it["id"] for it in items] != [f"d{n:03d}" for n in range(1, 91)]:
        fails.append("ids are not d001–d090 in order")
    for n, it in enumerate(items, 1):
        if it["answerable"] is not (n <= 60):
            fails.append(f"{it['id']}: answerable should be {n <= 60}")
    expected = [d for d in ORDER for _ in range(ANSWERABLE[d])]
    for it, doc in zip(items[:60], expected, strict=True):
        if it["docs"] != [doc]:
            fails.append(f"{it['id']}: expected doc {doc}")
    expected = [d for d in ORDER for _ in range(UNANSWERABLE[d])]
    for it, doc in zip(items[60:], expected, strict=True):
        if ABSENT.get(it["id"], ("",))[0] != doc:
            fails.append(f"{it['id']}: expected to imitate {doc}")
    if set(ABSENT) != {it["id"] for it in items[60:]} or set(FORM) != set(ABSENT):
        fails.append("ABSENT/FORM keys differ from the unanswerable ids")
    forms = Counter(FORM.values())
    fails += [f"form {f}: only {forms[f]} items" for f in "abcdefgh" if forms[f] < 2]
    if forms["b"] < 10:
        fails.append(f"only {forms['b']} items of form (b)")
    b_docs = Counter(ABSENT[i][0] for i, f in FORM.items() if f == "b")
    if sum(n >= 2 for n in b_docs.values()) < 4:
        fails.append(f"form (b) twice in only {sum(n >= 2 for n in b_docs.values())} documents")
    for it in items[60:]:
        if not it["note"].startswith(f"({FORM.get(it['id'])})"):
            fails.append(f"{it['id']}: note should start with its form ({FORM.get(it['id'])})")
    para = [it["id"] for it in items[:60] if it["note"].startswith("[paraphrase]")]
    if len(para) < 20:
        fails.append(f"only {len(para)} answerable items marked [paraphrase]")
    per_doc = Counter(d for it in items for d in it["docs"])
    for doc in ORDER:
        if per_doc[doc] != ANSWERABLE[doc]:
            fails.append(f"{doc}: {per_doc[doc]} answerable items")
    files = sorted(p for p in (folder / "docs").iterdir() if p.is_file())
    if sorted(p.stem for p in files) != sorted(ORDER):
        fails.append(f"docs/ holds {[p.name for p in files]}")
    text = texts(folder)
    for p in files:
        if not 1200 <= han(text[p.stem]) <= 2400:
            fails.append(f"{p.name}: {han(text[p.stem])} 汉字")
    for doc in ONE_LINE:
        if "\n" in text.get(doc, "") or "\r" in text.get(doc, ""):
            fails.append(f"{doc}: must be a single line with no trailing newline")
    fails += [f"{E}: simplified character {ch}" for ch in SIMPLIFIED if ch in text.get(E, "")]
    for it in items[60:]:
        if FORM.get(it["id"]) == "h":
            fails += [f"{it['id']}: (h) term {t} occurs in {d}" for t in ABSENT[it["id"]][1]
                      for d in ORDER if t in text.get(d, "")]
    pieces = docx_pieces(folder / "docs" / f"{F}.docx")
    for it in items[:60]:
        for q in it["gold_quotes"]:
            n = sum(text.get(d, "").count(q) for d in it["docs"])
            if n != 1:
                fails.append(f"{it['id']}: quote occurs {n} times: {q}")
            if F in it["docs"] and not any(q in piece for piece in pieces):
                fails.append(f"{it['id']}: quote not inside one paragraph or table cell: {q}")
    for f in fails:
        print("FAIL", f)
    print(f"answerable {sum(it['answerable'] for it in items)}, unanswerable {sum(not it['answerable'] for it in items)}, "
          f"forms {dict(sorted(forms.items()))}, paraphrase {len(para)}")
    return len(fails)


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    status = shared(here)
    extra = counts(here)
    print(f"dev15 layout: {extra} failures")
    sys.exit(1 if status or extra else 0)
