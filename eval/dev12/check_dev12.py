#!/usr/bin/env python3
"""Checks eval/dev12/qa.jsonl against eval/dev12/docs/ with the checks every set gets
(``eval/check_set.py``), plus dev12's own layout (80 items, e001–e050 answerable with 10 per
document, e051–e080 unanswerable with 6 per document, each of the six unanswerable forms a–f used
at least 3 times, every quote unique in its document, every document 1,500–4,000 汉字, the 办法 on
a single line, the 问答 in traditional script); run from anywhere: ``python3 eval/dev12/check_dev12.py``."""

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from eval.check_set import check  # noqa: E402

A = "lanpu-hydrogen-industry-action-plan-2025-2027"
B = "suixiu-rural-homestay-support-measures-2025"
C = "yuanhui-elderly-care-measures-2025"
D = "lihong-jinggang-industrial-design-plan-2025"
E = "congzhou-foreign-trade-policy-qa-2025-trad"
ORDER = [A, B, C, D, E]

# key absent terms for each unanswerable item: (document it imitates, terms that must not occur there)
ABSENT = {
    "e051": (A, ["甲醇"]),
    "e052": (A, ["储能项目补助", "储能补贴", "每千瓦", "热电联供项目补"]),
    "e053": (A, ["申报", "申请材料", "材料", "受理"]),
    "e054": (A, ["服务区", "高速"]),
    "e055": (A, ["城市群", "积分", "国家燃料电池"]),
    "e056": (A, ["2024", "原政策", "提高"]),
    "e057": (B, ["露营", "营地", "帐篷"]),
    "e058": (B, ["推介补贴", "推介活动补助", "推介会", "展位"]),
    "e059": (B, ["经办人", "联系人", "办公室"]),
    "e060": (B, ["大学生", "返乡", "退役军人"]),
    "e061": (B, ["甲级", "国家"]),
    "e062": (B, ["降级", "降为", "复评", "降到"]),
    "e063": (C, ["残疾人", "托养"]),
    "e064": (C, ["连锁运营奖励", "连锁奖励", "每家奖励"]),
    "e065": (C, ["材料"]),
    "e066": (C, ["低保", "特困"]),
    "e067": (C, ["省级", "省里", "省民政厅"]),
    "e068": (C, ["离职", "退回", "每年发放1万元"]),
    "e069": (D, ["集成电路", "芯片"]),
    "e070": (D, ["办展补贴", "展会补助", "主办补贴", "主办单位给予补助"]),
    "e071": (D, ["材料", "窗口"]),
    "e072": (D, ["专精特新", "小巨人"]),
    "e073": (D, ["市级", "市财政", "全市", "市本级"]),
    "e074": (D, ["中级", "5000元", "减半"]),
    "e075": (E, ["服务贸易", "服務貿易", "服务外包", "服務外包"]),
    "e076": (E, ["AEO", "認證獎勵", "认证奖励"]),
    "e077": (E, ["窗口", "地址", "大廳", "大厅", "紙質", "纸质"]),
    "e078": (E, ["東盟", "东盟", "一帶一路", "一带一路", "新興市場", "新兴市场"]),
    "e079": (E, ["瑜澤", "瑜泽"]),
    "e080": (E, ["費率", "费率"]),
}

# form of each unanswerable item: a absent subject, b amount never stated, c procedure/place/contact/
# deadline not given, d extra for a subgroup, e another place/level/year, f presupposing comparison
FORM = {f"e{51 + 6 * d + k:03d}": "abcdef"[k] for d in range(5) for k in range(6)}

# simplified characters that must not survive in the traditional document
SIMPLIFIED = "问发时来责编业贸规为对进奖励万单这们会于审额费贴补扬习书报"


def han(text: str) -> int:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text)


def counts(folder: Path) -> int:
    """dev12's own layout. Prints failures; returns their number."""
    items = [json.loads(line) for line in (folder / "qa.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    fails = []
    if [it["id"] for it in items] != [f"e{n:03d}" for n in range(1, 81)]:
        fails.append("ids are not e001–e080 in order")
    for n, it in enumerate(items, 1):
        if it["answerable"] is not (n <= 50):
            fails.append(f"{it['id']}: answerable should be {n <= 50}")
    for n, it in enumerate(items[:50]):
        if it["docs"] != [ORDER[n // 10]]:
            fails.append(f"{it['id']}: expected doc {ORDER[n // 10]}")
    for n, it in enumerate(items[50:]):
        if ABSENT.get(it["id"], ("",))[0] != ORDER[n // 6]:
            fails.append(f"{it['id']}: expected to imitate {ORDER[n // 6]}")
    if set(ABSENT) != {it["id"] for it in items[50:]} or set(FORM) != set(ABSENT):
        fails.append("ABSENT/FORM keys differ from the unanswerable ids")
    forms = Counter(FORM.values())
    fails += [f"form {f}: only {forms[f]} items" for f in "abcdef" if forms[f] < 3]
    for it in items[50:]:
        if not it["note"].startswith(f"({FORM.get(it['id'])})"):
            fails.append(f"{it['id']}: note should start with its form ({FORM.get(it['id'])})")
    per_doc = Counter(d for it in items for d in it["docs"])
    for doc in ORDER:
        if per_doc[doc] != 10:
            fails.append(f"{doc}: {per_doc[doc]} answerable items")
    files = sorted(p for p in (folder / "docs").iterdir() if p.is_file())
    if sorted(p.stem for p in files) != sorted(ORDER):
        fails.append(f"docs/ holds {[p.name for p in files]}")
    text = {p.stem: p.read_text(encoding="utf-8") for p in files}
    for p in files:
        if not 1500 <= han(text[p.stem]) <= 4000:
            fails.append(f"{p.name}: {han(text[p.stem])} 汉字")
    if "\n" in text.get(B, "").rstrip("\n") or "\r" in text.get(B, ""):
        fails.append(f"{B}: the 办法 must be a single line")
    fails += [f"{E}: simplified character {ch}" for ch in SIMPLIFIED if ch in text.get(E, "")]
    for it in items[:50]:
        for q in it["gold_quotes"]:
            n = sum(text.get(d, "").count(q) for d in it["docs"])
            if n != 1:
                fails.append(f"{it['id']}: quote occurs {n} times: {q}")
    for f in fails:
        print("FAIL", f)
    return len(fails)


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    status = check(here, ABSENT)
    extra = counts(here)
    print(f"dev12 layout: {extra} failures")
    sys.exit(1 if status or extra else 0)
