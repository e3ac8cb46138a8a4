#!/usr/bin/env python3
"""Checks eval/dev14/qa.jsonl against eval/dev14/docs/ with the checks every set gets
(``eval/check_set.py``), plus dev14's own layout (80 items, n001–n050 answerable with 10 per
document, n051–n080 unanswerable with 6 per document, each unanswerable form (a)–(h) named at the
start of its note and used at least twice, at least 8 items of form (b) spread over every document,
the (h) items' subject absent from every document, every quote unique in its document, every
document 1,200–2,300 汉字, the 细则 on a single line without a trailing newline, the 问答 in
traditional script); run from anywhere: ``python3 eval/dev14/check_dev14.py``."""

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from eval.check_set import check  # noqa: E402

A = "yunxiu-green-building-action-plan-2025-2028"
B = "changmei-humanoid-robot-measures-2025"
C = "aixun-ebike-trade-in-rules-2025"
D = "yitan-county-sponge-city-plan-2025-2027"
E = "huiyang-veteran-employment-qa-2025-trad"
ORDER = [A, B, C, D, E]
ANSWERABLE = {A: 10, B: 10, C: 10, D: 10, E: 10}
UNANSWERABLE = {A: 6, B: 6, C: 6, D: 6, E: 6}
N_ANSWERABLE = sum(ANSWERABLE.values())

# key absent terms for each unanswerable item: (document it imitates, terms that must not occur there).
# For (a) items the absent thing is a figure, so their terms are phrasings of a figure.
ABSENT = {
    "n051": (A, ["一星级"]),
    "n052": (A, ["二星级绿色建材", "二星级认证", "二星级建材"]),
    "n053": (A, ["地源热泵的项目，按", "地源热泵项目每平方米", "热泵补助", "地源热泵的项目，每"]),
    "n054": (A, ["到2027年", "2027年，城镇", "2027年全省", "2027年，全省"]),
    "n055": (A, ["瑄平"]),
    "n056": (A, ["罚款", "罚", "处以"]),
    "n057": (B, ["租赁", "租用"]),
    "n058": (B, ["市级"]),
    "n059": (B, ["每场", "活动给予补助", "大会给予", "活动给予一次性", "活动给予奖励"]),
    "n060": (B, ["个工作日", "到账", "审核", "公示"]),
    "n061": (B, ["联系人", "科室", "地址", "科长", "办公地点"]),
    "n062": (B, ["四足", "机器狗"]),
    "n063": (C, ["门店奖励", "销售奖励", "给予销售门店", "门店补助", "门店给予"]),
    "n064": (C, ["铅酸", "蓄电池", "电池类型"]),
    "n065": (C, ["核实后拨付至回收企业", "季度结束后", "回收处置补助资金在", "季度申请之日起"]),
    "n066": (C, ["处室", "联系人", "地址", "楼", "办公地点"]),
    "n067": (C, ["转卖", "转让", "退还"]),
    "n068": (C, ["三轮", "代步车", "摩托"]),
    "n069": (D, ["政府投资"]),
    "n070": (D, ["运营", "运维", "维护"]),
    "n071": (D, ["透水铺装每平方米", "透水铺装按", "透水铺装给予", "透水铺装改造的，按"]),
    "n072": (D, ["到2026年", "2026年底，县城", "2026年底县城建成区"]),
    "n073": (D, ["鹭汀"]),
    "n074": (D, ["验收", "材料"]),
    "n075": (E, ["中級工", "中级工", "初級工", "初级工"]),
    "n076": (E, ["運營", "运营", "每年給予", "每年给予"]),
    "n077": (E, ["學費資助每", "學費資助標準", "學費資助最高", "学费资助每", "學費資助為"]),
    "n078": (E, ["地址", "聯繫人", "聯絡人", "联系人", "科長", "科长", "辦公地點"]),
    "n079": (E, ["展期", "延期", "續貸", "续贷"]),
    "n080": (E, ["隨軍", "随军", "家屬", "家属", "軍屬", "军属"]),
}

# form of each unanswerable item: a an amount never stated (next to other amounts), b a qualifier that
# differs from the stated one (level of recognition, period, kind of subsidy, category of applicant),
# c a year the targets do not give, d a place the document never names, e a procedure / review time /
# payment time not stated, f a contact person, address or office not given, g a presupposition the
# document does not make, h a subject near the sector but absent.
FORM = {
    "n051": "b", "n052": "b", "n053": "a", "n054": "c", "n055": "d", "n056": "g",
    "n057": "b", "n058": "b", "n059": "a", "n060": "e", "n061": "f", "n062": "h",
    "n063": "b", "n064": "b", "n065": "e", "n066": "f", "n067": "g", "n068": "h",
    "n069": "b", "n070": "b", "n071": "a", "n072": "c", "n073": "d", "n074": "e",
    "n075": "b", "n076": "b", "n077": "a", "n078": "f", "n079": "g", "n080": "h",
}
FORMS = "abcdefgh"

# simplified characters that must not survive in the traditional document
SIMPLIFIED = "问发时来责编业规为对进奖励万单会审额费贴补报创级动执证缴岗职历资领户门网栏读简于务军担贷险税营劳场过经"


def han(text: str) -> int:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text)


def counts(folder: Path) -> int:
    """dev14's own layout. Prints failures; returns their number."""
    items = [json.loads(line) for line in (folder / "qa.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    fails = []
    if [it["id"] for it in items] != [f"n{n:03d}" for n in range(1, 81)]:
        fails.append("ids are not n001–n080 in order")
    for n, it in enumerate(items, 1):
        if it["answerable"] is not (n <= N_ANSWERABLE):
            fails.append(f"{it['id']}: answerable should be {n <= N_ANSWERABLE}")
    expected = [d for d in ORDER for _ in range(ANSWERABLE[d])]
    for it, doc in zip(items[:N_ANSWERABLE], expected, strict=True):
        if it["docs"] != [doc]:
            fails.append(f"{it['id']}: expected doc {doc}")
    expected = [d for d in ORDER for _ in range(UNANSWERABLE[d])]
    for it, doc in zip(items[N_ANSWERABLE:], expected, strict=True):
        if ABSENT.get(it["id"], ("",))[0] != doc:
            fails.append(f"{it['id']}: expected to imitate {doc}")
    if set(ABSENT) != {it["id"] for it in items[N_ANSWERABLE:]} or set(FORM) != set(ABSENT):
        fails.append("ABSENT/FORM keys differ from the unanswerable ids")
    forms = Counter(FORM.values())
    fails += [f"form {f}: only {forms[f]} items" for f in FORMS if forms[f] < 2]
    fails += [f"unknown form {f}" for f in forms if f not in FORMS]
    if forms["b"] < 8:
        fails.append(f"only {forms['b']} items of form (b)")
    b_docs = {ABSENT[i][0] for i, f in FORM.items() if f == "b"}
    if b_docs != set(ORDER):
        fails.append(f"form (b) items cover only {sorted(b_docs)}")
    for it in items[N_ANSWERABLE:]:
        if not it["note"].startswith(f"({FORM.get(it['id'])}) "):
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
        if not 1200 <= han(text[p.stem]) <= 2300:
            fails.append(f"{p.name}: {han(text[p.stem])} 汉字")
    if "\n" in text.get(C, "") or "\r" in text.get(C, ""):
        fails.append(f"{C}: the 细则 must be a single line with no trailing newline")
    fails += [f"{E}: simplified character {ch}" for ch in SIMPLIFIED if ch in text.get(E, "")]
    for it in items[N_ANSWERABLE:]:
        if FORM.get(it["id"]) == "h":
            fails += [f"{it['id']}: (h) term {t} occurs in {d}" for t in ABSENT[it["id"]][1]
                      for d in ORDER if t in text.get(d, "")]
    for it in items[:N_ANSWERABLE]:
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
    print(f"dev14 layout: {extra} failures")
    sys.exit(1 if status or extra else 0)
