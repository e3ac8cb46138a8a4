#!/usr/bin/env python3
"""Checks eval/dev11/qa.jsonl against eval/dev11/docs/ with the checks every set gets
(``eval/check_set.py``), plus dev11's own layout (80 items, d001–d055 answerable with 11 per
document, d056–d080 unanswerable with 5 per document, every quote unique in its document,
every document 1,500–4,000 汉字, the 办法 on a single line); run from anywhere:
``python3 eval/dev11/check_dev11.py``."""

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from eval.check_set import check  # noqa: E402

A = "qinlan-cross-border-ecommerce-measures-2025"
B = "zhichuan-talent-housing-measures-2025"
C = "cangyue-prefab-building-action-plan-2025-2027"
D = "xundu-quewan-night-economy-plan-2025"
E = "qiling-tcm-industry-policy-qa-2025-trad"
ORDER = [A, B, C, D, E]

# key absent terms for each unanswerable item: (document it imitates, terms that must not occur there)
ABSENT = {
    "d056": (A, ["展会", "展位", "摊位", "参展"]),
    "d057": (A, ["市级公共海外仓", "市级海外仓", "市级示范海外仓"]),
    "d058": (A, ["直播", "主播"]),
    "d059": (A, ["电话", "联系人", "咨询"]),
    "d060": (A, ["审计", "核查", "现场"]),
    "d061": (B, ["入学", "学校", "教育"]),
    "d062": (B, ["契税", "税费", "免税"]),
    "d063": (B, ["安家费", "叠加", "区级"]),
    "d064": (B, ["联系人", "负责人", "经办人"]),
    "d065": (B, ["公积金", "贷款"]),
    "d066": (C, ["2028", "2030"]),
    "d067": (C, ["省教育厅"]),
    "d068": (C, ["苓湾"]),
    "d069": (C, ["省级装配式建筑产业基地", "省级产业基地给予", "省级产业基地奖励", "省级基地"]),
    "d070": (C, ["增值税", "税收", "即征即退", "减免"]),
    "d071": (D, ["摊位费", "摊位", "减免"]),
    "d072": (D, ["民宿", "住宿"]),
    "d073": (D, ["区教育局"]),
    "d074": (D, ["到2026年", "2026年底，", "2026年夜间"]),
    "d075": (D, ["面额", "满减", "元券"]),
    "d076": (E, ["保險", "保险", "保費", "保费"]),
    "d077": (E, ["出口", "海外", "境外"]),
    "d078": (E, ["國家級", "国家级"]),
    "d079": (E, ["配方顆粒", "配方颗粒", "顆粒", "颗粒"]),
    "d080": (E, ["診所", "诊所", "開辦", "开办"]),
}


def han(text: str) -> int:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text)


def counts(folder: Path) -> int:
    """dev11's own layout. Prints failures; returns their number."""
    items = [json.loads(line) for line in (folder / "qa.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    fails = []
    if [it["id"] for it in items] != [f"d{n:03d}" for n in range(1, 81)]:
        fails.append("ids are not d001–d080 in order")
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
    text = {p.stem: p.read_text(encoding="utf-8") for p in files}
    for p in files:
        if not 1500 <= han(text[p.stem]) <= 4000:
            fails.append(f"{p.name}: {han(text[p.stem])} 汉字")
    if "\n" in text.get(B, "").rstrip("\n") or "\r" in text.get(B, ""):
        fails.append(f"{B}: the 办法 must be a single line")
    for it in items[:55]:
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
    print(f"dev11 layout: {extra} failures")
    sys.exit(1 if status or extra else 0)
