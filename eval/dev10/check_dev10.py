#!/usr/bin/env python3
"""Checks eval/dev10/qa.jsonl against eval/dev10/docs/ with the checks every set gets
(``eval/check_set.py``), plus dev10's own counts (80 items, q001–q055 answerable with 11 per
document, q056–q080 unanswerable with 5 per document); run from anywhere:
``python3 eval/dev10/check_dev10.py``."""

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from eval.check_set import check  # noqa: E402

A = "tingpu-data-compute-measures-2025"
B = "jinchuan-childcare-subsidy-measures-2025-trad"
C = "chenglan-seed-industry-work-points-2025"
D = "tangxi-sports-consumption-plan-2025"
E = "weining-housekeeping-policy-qa-2025"
ORDER = [A, B, C, D, E]

# key absent terms for each unanswerable item: (document it imitates, terms that must not occur there)
ABSENT = {
    "q056": (A, ["电费", "电价", "用电"]),
    "q057": (A, ["市级“数据要素", "市级典型", "市级案例"]),
    "q058": (A, ["电话", "联系人", "咨询"]),
    "q059": (A, ["房租", "租金", "场地租赁"]),
    "q060": (A, ["上市"]),
    "q061": (B, ["崗位補貼", "岗位补贴", "入職", "入职", "人員補貼"]),
    "q062": (B, ["育兒補貼", "育儿补贴", "家長", "家长"]),
    "q063": (B, ["國家級", "国家级"]),
    "q064": (B, ["保險", "保险"]),
    "q065": (B, ["郵箱", "邮箱", "電子郵件", "电子邮件", "@"]),
    "q066": (C, ["2028", "2030"]),
    "q067": (C, ["省商务厅"]),
    "q068": (C, ["上市"]),
    "q069": (C, ["蒲岭"]),
    "q070": (C, ["每个制种大县", "制种大县奖励资金按", "大县奖励资金万元", "奖励资金每个"]),
    "q071": (D, ["培训"]),
    "q072": (D, ["到2026年", "2026年体育消费", "2026年底，"]),
    "q073": (D, ["电话", "联系人", "咨询"]),
    "q074": (D, ["门票", "观赛"]),
    "q075": (D, ["市民政局"]),
    "q076": (E, ["房租", "租金"]),
    "q077": (E, ["高级工"]),
    "q078": (E, ["体检"]),
    "q079": (E, ["国家级"]),
    "q080": (E, ["线上", "数字化", "互联网"]),
}


def counts(folder: Path) -> int:
    """dev10's own layout: ids q001–q080 in order, 11 answerable and 5 unanswerable per document,
    every document 1,300–2,000 汉字. Prints failures; returns their number."""
    items = [json.loads(line) for line in (folder / "qa.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    fails = []
    if [it["id"] for it in items] != [f"q{n:03d}" for n in range(1, 81)]:
        fails.append("ids are not q001–q080 in order")
    for n, it in enumerate(items, 1):
        if it["answerable"] is not (n <= 55):
            fails.append(f"{it['id']}: answerable should be {n <= 55}")
    for n, it in enumerate(items[:55]):
        if it["docs"] != [ORDER[n // 11]]:
            fails.append(f"{it['id']}: expected doc {ORDER[n // 11]}")
    for n, it in enumerate(items[55:]):
        if ABSENT.get(it["id"], ("",))[0] != ORDER[n // 5]:
            fails.append(f"{it['id']}: expected to imitate {ORDER[n // 5]}")
    if set(ABSENT) != {it["id"] for it in items[55:]}:
        fails.append("ABSENT keys differ from the unanswerable ids")
    per_doc = Counter(d for it in items for d in it["docs"])
    for doc in ORDER:
        if per_doc[doc] != 11:
            fails.append(f"{doc}: {per_doc[doc]} answerable items")
    files = sorted(p for p in (folder / "docs").iterdir() if p.is_file())
    if sorted(p.stem for p in files) != sorted(ORDER):
        fails.append(f"docs/ holds {[p.name for p in files]}")
    for p in files:
        han = sum("\u4e00" <= ch <= "\u9fff" for ch in p.read_text(encoding="utf-8"))
        if not 1300 <= han <= 2000:
            fails.append(f"{p.name}: {han} 汉字")
    for f in fails:
        print("FAIL", f)
    return len(fails)


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    status = check(here, ABSENT)
    extra = counts(here)
    print(f"dev10 layout: {extra} failures")
    sys.exit(1 if status or extra else 0)
