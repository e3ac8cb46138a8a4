#!/usr/bin/env python3
"""Checks eval/dev16/qa.jsonl against eval/dev16/docs/ with the checks every set gets
(``eval/check_set.py``), plus dev16's own layout (90 items, g001–g060 answerable with 10 per
document, g061–g090 unanswerable with 5 per document, each unanswerable form a–h named at the
start of its note and used at least twice, at least 10 items of form (b) with two in at least
four documents, at least 40 answerable items marked ``[paraphrase]``, at most 8 marked
``[followup]`` (questions without a subject), the (h) items' terms absent from all six documents,
every quote unique in its document, every document 1,500–4,000 汉字, the two one-line documents
without any line break, the 问答 in traditional script).

The .docx document is not plain text, so the shared ``check`` runs on a copy of the set under a
temporary folder in which the .docx is replaced by its text as python-docx reads it (paragraphs,
then every table cell, one per line, same file stem). Each .docx quote must in addition lie
inside one paragraph or one table cell. The HTML page is checked as its raw source. Run from
anywhere: ``/work/main/.venv/bin/python eval/dev16/check_dev16.py`` (needs python-docx)."""

import json
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

import docx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from eval.check_set import check  # noqa: E402

A = "yinyang-forest-fire-prevention-plan-2025-2027"
B = "linzhou-renewable-resources-measures-2025"
C = "xiuchuan-incubator-management-measures-2025"
D = "zanyang-family-farm-cooperative-guide-2025"
E = "xunling-disabled-employment-qa-2025-trad"
F = "yanshui-elevator-safety-notice-2025"
ORDER = [A, B, C, D, E, F]
ONE_LINE = [C, D]
ANSWERABLE = dict.fromkeys(ORDER, 10)
UNANSWERABLE = dict.fromkeys(ORDER, 5)
SUFFIX = {A: ".txt", B: ".html", C: ".txt", D: ".txt", E: ".txt", F: ".docx"}

# key absent terms for each unanswerable item: (document it imitates, terms that must not occur there).
# For (a) items the absent thing is a figure, so their terms are phrasings of a figure.
ABSENT = {
    "g061": (A, ["到2026年底，", "2026年底，全市", "2026年底前，全市", "2026年，全市"]),
    "g062": (A, ["岞山"]),
    "g063": (A, ["道路建设按", "道路按每公里", "防火应急道路每公里", "道路补助标准", "每公里8"]),
    "g064": (A, ["专业森林消防队员", "专业队员执勤", "专业森林消防队伍队员执勤", "消防队员执勤"]),
    "g065": (A, ["罚款", "罚"]),
    "g066": (B, ["纺织", "旧衣", "衣物", "每吨"]),
    "g067": (B, ["分拣中心改造", "改造分拣中心", "改扩建", "改造提升绿色分拣中心", "改造绿色分拣中心"]),
    "g068": (B, ["个工作日", "到账", "审核", "审查"]),
    "g069": (B, ["科室", "地址", "联系人", "处室", "经办人"]),
    "g070": (B, ["即征即退比例", "退税比例", "即征即退70%", "即征即退50%", "即征即退30%", "按70%退"]),
    "g071": (C, ["众创空间给予", "众创空间的，给予", "认定为市级众创空间", "众创空间奖励"]),
    "g072": (C, ["房租", "租金"]),
    "g073": (C, ["日内完成复核", "复核结果", "复核时限", "个工作日内作出复核", "复核申请之日起"]),
    "g074": (C, ["电话", "处室", "联系人", "高新技术处", "成果转化处"]),
    "g075": (C, ["概念验证"]),
    "g076": (D, ["农机", "收割机", "农业机械", "机具"]),
    "g077": (D, ["国家级示范家庭农场", "国家级示范农场", "国家级家庭农场"]),
    "g078": (D, ["2026"]),
    "g079": (D, ["玢河"]),
    "g080": (D, ["申诉", "复核", "复议"]),
    "g081": (E, ["醫保", "医保", "繳納基本醫療保險的", "醫療保險的，按"]),
    "g082": (E, ["區級示範", "区级示范", "省級示範", "省级示范"]),
    "g083": (E, ["繳清", "缴清", "結清", "欠繳", "先行繳納"]),
    "g084": (E, ["地址", "聯繫人", "聯絡人", "联系人", "辦公地點", "科長"]),
    "g085": (E, ["護理補貼", "护理补贴", "生活補貼", "生活补贴"]),
    "g086": (F, ["2027"]),
    "g087": (F, ["非住宅", "商场电梯", "商业电梯", "公共场所电梯更新", "商场的电梯"]),
    "g088": (F, ["保费"]),
    "g089": (F, ["岏溪"]),
    "g090": (F, ["材料", "到账", "个工作日内拨付"]),
}

FORM = {
    "g061": "c", "g062": "d", "g063": "a", "g064": "b", "g065": "g",
    "g066": "b", "g067": "b", "g068": "e", "g069": "f", "g070": "a",
    "g071": "b", "g072": "b", "g073": "e", "g074": "f", "g075": "h",
    "g076": "b", "g077": "b", "g078": "c", "g079": "d", "g080": "e",
    "g081": "b", "g082": "b", "g083": "g", "g084": "f", "g085": "h",
    "g086": "c", "g087": "b", "g088": "a", "g089": "d", "g090": "e",
}

# simplified characters (all present in the simplified draft) that must not survive in the traditional document
SIMPLIFIED = "残问发时来责编业规单补贴奖励万级额机构职训证劳动险缴费满带创办营岗门户网为会"


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
    """dev16's own layout. Prints failures; returns their number."""
    items = [json.loads(line) for line in (folder / "qa.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    fails = []
    if [it["id"] for it in items] != [f"g{n:03d}" for n in range(1, 91)]:
        fails.append("ids are not g001–g090 in order")
    ids = [it["id"] for it in items]
    if len(set(ids)) != len(ids):
        fails.append("duplicate ids")
    for n, it in enumerate(items, 1):
        if it["answerable"] is not (n <= 60):
            fails.append(f"{it['id']}: answerable should be {n <= 60}")
    n_ans = sum(it["answerable"] is True for it in items)
    n_un = sum(it["answerable"] is False for it in items)
    if (len(items), n_ans, n_un) != (90, 60, 30):
        fails.append(f"{len(items)} items, {n_ans} answerable, {n_un} unanswerable (want 90 / 60 / 30)")
    expected = [d for d in ORDER for _ in range(ANSWERABLE[d])]
    for it, doc in zip(items[:60], expected, strict=False):
        if it["docs"] != [doc]:
            fails.append(f"{it['id']}: expected doc {doc}")
    expected = [d for d in ORDER for _ in range(UNANSWERABLE[d])]
    for it, doc in zip(items[60:], expected, strict=False):
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
    if len(para) < 40:
        fails.append(f"only {len(para)} answerable items marked [paraphrase]")
    follow = [it["id"] for it in items if "[followup]" in it["note"]]
    if len(follow) > 8:
        fails.append(f"{len(follow)} items marked [followup] (at most 8)")
    per_doc = Counter(d for it in items for d in it["docs"])
    for doc in ORDER:
        if per_doc[doc] != ANSWERABLE[doc]:
            fails.append(f"{doc}: {per_doc[doc]} answerable items")
    files = sorted(p for p in (folder / "docs").iterdir() if p.is_file())
    if sorted(p.name for p in files) != sorted(d + SUFFIX[d] for d in ORDER):
        fails.append(f"docs/ holds {[p.name for p in files]}")
    text = texts(folder)
    for p in files:
        if not 1500 <= han(text[p.stem]) <= 4000:
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
    if not docx.Document(str(folder / "docs" / f"{F}.docx")).tables:
        fails.append(f"{F}: no Word table")
    for it in items[:60]:
        for q in it["gold_quotes"]:
            n = sum(text.get(d, "").count(q) for d in it["docs"])
            if n != 1:
                fails.append(f"{it['id']}: quote occurs {n} times: {q}")
            if F in it["docs"] and not any(q in piece for piece in pieces):
                fails.append(f"{it['id']}: quote not inside one paragraph or table cell: {q}")
        for k in it["gold_keywords"]:
            if not any(k in text.get(d, "") for d in it["docs"]):
                fails.append(f"{it['id']}: keyword not in its document: {k}")
    for f in fails:
        print("FAIL", f)
    print(f"answerable {n_ans}, unanswerable {n_un}, forms {dict(sorted(forms.items()))}, "
          f"paraphrase {len(para)}, followup {len(follow)}")
    return len(fails)


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    status = shared(here)
    extra = counts(here)
    print(f"dev16 layout: {extra} failures")
    sys.exit(1 if status or extra else 0)
