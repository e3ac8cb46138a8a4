#!/usr/bin/env python3
"""Checks eval/dev13/qa.jsonl against eval/dev13/docs/ with the checks every set gets
(``eval/check_set.py``), plus dev13's own layout (80 items, f001–f048 answerable with 10/10/10/9/9
per document, f049–f080 unanswerable with 7/7/6/6/6 per document, each unanswerable form named at
the start of its note, at least 16 unanswerable items of the number/amount forms a–g, the (j) items'
subject absent from every document, every quote unique in its document, every document
1,300–2,400 汉字, the 细则 on a single line without a trailing newline, the 问答 in traditional
script); run from anywhere: ``python3 eval/dev13/check_dev13.py``."""

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from eval.check_set import check  # noqa: E402

A = "lanzhi-distributed-pv-action-plan-2025-2028"
B = "wancheng-prepared-food-measures-2025"
C = "lingwan-fishing-vessel-renewal-rules-2025"
D = "zhenxi-county-commerce-plan-2025-2027"
E = "rongjiang-biomedicine-policy-qa-2025-trad"
ORDER = [A, B, C, D, E]
ANSWERABLE = {A: 10, B: 10, C: 10, D: 9, E: 9}
UNANSWERABLE = {A: 7, B: 7, C: 6, D: 6, E: 6}

# key absent terms for each unanswerable item: (document it imitates, terms that must not occur there).
# For (d) items the absent thing is a figure, so their terms are phrasings of a figure.
ABSENT = {
    "f049": (A, ["到2027年", "2027年，全省", "2027年全省"]),
    "f050": (A, ["就业", "总投资", "带动投资"]),
    "f051": (A, [f"雩山市：{d}" for d in "123456789"] + ["雩山市2026"]),
    "f052": (A, ["光伏建筑一体化示范项目给予补助", "每平方米", "建筑一体化示范项目补", "示范项目给予一次性"]),
    "f053": (A, ["充电桩", "每桩", "每台充电"]),
    "f054": (A, ["2024", "现有", "已建成", "比上年", "新增"]),
    "f055": (A, ["取消备案", "恢复", "撤销备案", "整改"]),
    "f056": (B, ["驰名商标认定的预制菜企业，给予一次性", "驰名商标奖励", "驰名商标给予"]),
    "f057": (B, ["冷藏车", "冷链车", "运输车辆", "车辆"]),
    "f058": (B, ["每吨"]),
    "f059": (B, ["原政策", "原标准", "老政策", "2024年", "2023年", "以前"]),
    "f060": (B, ["联系人", "科长", "同志", "主任"]),
    "f061": (B, ["拨付", "到账", "公示", "审核"]),
    "f062": (B, ["出口", "通关", "信保", "海关"]),
    "f063": (C, ["艘渔船", "资金规模", "总额", "安排资金", "计划更新"]),
    "f064": (C, ["休闲渔船", "海钓", "游钓", "休闲渔业"]),
    "f065": (C, ["每米"]),
    "f066": (C, ["原办法", "提高", "以前", "2024", "原标准"]),
    "f067": (C, ["窗口", "地址", "大厅", "楼"]),
    "f068": (C, ["修复", "恢复", "移出"]),
    "f069": (D, ["到2026年", "2026年底，", "2026年，全县"]),
    "f070": (D, ["就业", "带动投资", "总投资"]),
    "f071": (D, ["石滩"]),
    "f072": (D, ["直播电商培训给予补助", "每场", "每人", "按场次"]),
    "f073": (D, ["验收", "材料"]),
    "f074": (D, ["以旧换新", "家电", "冰箱"]),
    "f075": (E, ["認證的實驗室給予一次性", "實驗室獎勵", "GLP補助", "GLP认证补助"]),
    "f076": (E, ["第一類", "第一类", "一類醫療器械", "備案", "备案"]),
    "f077": (E, ["每人", "每名", "人均"]),
    "f078": (E, ["原政策", "老政策", "提高", "2022", "2023", "2024", "以前"]),
    "f079": (E, ["地址", "科長", "科长", "辦公地點", "聯繫人", "聯絡人", "联系人"]),
    "f080": (E, ["恢復", "恢复", "期滿", "期满", "解除"]),
}

# form of each unanswerable item. Number/amount forms: a a year the plan sets no target for,
# b an indicator the plan does not quantify, c a per-city/county/town number not given,
# d an amount for an item supported only without a figure, e an amount for a subject near but not
# covered, f a per-unit/per-person conversion never stated, g a comparison or history never stated.
# Other forms: h a procedure or office not described, i a contact person's name or an address,
# j a subject the corpus never mentions, k a presupposition that does not hold.
FORM = {
    "f049": "a", "f050": "b", "f051": "c", "f052": "d", "f053": "f", "f054": "g", "f055": "k",
    "f056": "d", "f057": "e", "f058": "f", "f059": "g", "f060": "i", "f061": "h", "f062": "j",
    "f063": "b", "f064": "e", "f065": "f", "f066": "g", "f067": "i", "f068": "k",
    "f069": "a", "f070": "b", "f071": "c", "f072": "d", "f073": "h", "f074": "j",
    "f075": "d", "f076": "e", "f077": "f", "f078": "g", "f079": "i", "f080": "k",
}
NUMBER_FORMS = set("abcdefg")

# simplified characters that must not survive in the traditional document
SIMPLIFIED = "问发时来责编业规为对进奖励万单这们会审额费贴补报产药医创临试验术构权协业营岚嵘"


def han(text: str) -> int:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text)


def counts(folder: Path) -> int:
    """dev13's own layout. Prints failures; returns their number."""
    items = [json.loads(line) for line in (folder / "qa.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    fails = []
    if [it["id"] for it in items] != [f"f{n:03d}" for n in range(1, 81)]:
        fails.append("ids are not f001–f080 in order")
    for n, it in enumerate(items, 1):
        if it["answerable"] is not (n <= 48):
            fails.append(f"{it['id']}: answerable should be {n <= 48}")
    expected = [d for d in ORDER for _ in range(ANSWERABLE[d])]
    for it, doc in zip(items[:48], expected, strict=True):
        if it["docs"] != [doc]:
            fails.append(f"{it['id']}: expected doc {doc}")
    expected = [d for d in ORDER for _ in range(UNANSWERABLE[d])]
    for it, doc in zip(items[48:], expected, strict=True):
        if ABSENT.get(it["id"], ("",))[0] != doc:
            fails.append(f"{it['id']}: expected to imitate {doc}")
    if set(ABSENT) != {it["id"] for it in items[48:]} or set(FORM) != set(ABSENT):
        fails.append("ABSENT/FORM keys differ from the unanswerable ids")
    forms = Counter(FORM.values())
    fails += [f"form {f}: only {forms[f]} items" for f in "abcdefghijk" if forms[f] < 2]
    if sum(forms[f] for f in NUMBER_FORMS) < 16:
        fails.append(f"only {sum(forms[f] for f in NUMBER_FORMS)} number/amount unanswerable items")
    for it in items[48:]:
        if not it["note"].startswith(f"({FORM.get(it['id'])})"):
            fails.append(f"{it['id']}: note should start with its form ({FORM.get(it['id'])})")
    per_doc = Counter(d for it in items for d in it["docs"])
    for doc in ORDER:
        if per_doc[doc] != ANSWERABLE[doc]:
            fails.append(f"{doc}: {per_doc[doc]} answerable items")
    files = sorted(p for p in (folder / "docs").iterdir() if p.is_file())
    if sorted(p.stem for p in files) != sorted(ORDER):
        fails.append(f"docs/ holds {[p.name for p in files]}")
    text = {p.stem: p.read_text(encoding="utf-8") for p in files}
    for p in files:
        if not 1300 <= han(text[p.stem]) <= 2400:
            fails.append(f"{p.name}: {han(text[p.stem])} 汉字")
    if "\n" in text.get(C, "") or "\r" in text.get(C, ""):
        fails.append(f"{C}: the 细则 must be a single line with no trailing newline")
    fails += [f"{E}: simplified character {ch}" for ch in SIMPLIFIED if ch in text.get(E, "")]
    for it in items[48:]:
        if FORM.get(it["id"]) == "j":
            fails += [f"{it['id']}: (j) term {t} occurs in {d}" for t in ABSENT[it["id"]][1]
                      for d in ORDER if t in text.get(d, "")]
    for it in items[:48]:
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
    print(f"dev13 layout: {extra} failures")
    sys.exit(1 if status or extra else 0)
