#!/usr/bin/env python3
"""Checks eval/dev8/qa.jsonl against eval/dev8/docs/ (not part of the frozen files)."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "docs")
KEYS = ["id", "question", "user", "intent", "answerable", "gold_quotes", "gold_keywords", "docs", "note"]
USERS = {"enterprise", "official", "resident", "evaluator"}
INTENTS = {"amount", "support", "procedure", "condition", "lead", "target", "contact",
           "dept_lookup", "time", "doc_fact", "stacking", "policy"}
WINDOW = 300

# key absent terms for each unanswerable item: (document it imitates, terms that must not occur there)
ABSENT = {
    "m056": ("lanze-smart-appliance-action-plan-2025", ["以旧换新", "换新"]),
    "m057": ("lanze-smart-appliance-action-plan-2025", ["回收", "拆解"]),
    "m058": ("lanze-smart-appliance-action-plan-2025", ["2028"]),
    "m059": ("lanze-smart-appliance-action-plan-2025", ["创新中心给予", "创新中心奖励", "创新中心，给予"]),
    "m060": ("lanze-smart-appliance-action-plan-2025", ["公寓", "安家", "住房", "购房"]),
    "m061": ("jiazhou-biomedicine-measures-2025", ["中药", "中医", "饮片"]),
    "m062": ("jiazhou-biomedicine-measures-2025", ["仿制药", "一致性评价"]),
    "m063": ("jiazhou-biomedicine-measures-2025", ["租金", "房租", "租赁"]),
    "m064": ("jiazhou-biomedicine-measures-2025", ["个税", "个人所得税", "外籍"]),
    "m065": ("jiazhou-biomedicine-measures-2025", ["电话", "联系人", "咨询"]),
    "m066": ("lanxi-beef-cattle-implementation-2025", ["羊"]),
    "m067": ("lanxi-beef-cattle-implementation-2025", ["保险", "保费"]),
    "m068": ("lanxi-beef-cattle-implementation-2025", ["直播", "电商", "网络销售"]),
    "m069": ("lanxi-beef-cattle-implementation-2025", ["2026年底", "到2026年"]),
    "m070": ("lanxi-beef-cattle-implementation-2025", ["防疫员", "劳务"]),
    "m071": ("yuanheng-foreign-trade-measures-qa-2025", ["汇率", "避险", "套期"]),
    "m072": ("yuanheng-foreign-trade-measures-qa-2025", ["加工贸易"]),
    "m073": ("yuanheng-foreign-trade-measures-qa-2025", ["招工", "用工", "社保"]),
    "m074": ("yuanheng-foreign-trade-measures-qa-2025", ["联系人"]),
    "m075": ("yuanheng-foreign-trade-measures-qa-2025", ["进口贴息", "先进设备", "先进技术"]),
    "m076": ("tangxi-elderly-care-subsidy-notice-2025", ["家庭养老床位", "家庭床位"]),
    "m077": ("tangxi-elderly-care-subsidy-notice-2025", ["适老化", "改造"]),
    "m078": ("tangxi-elderly-care-subsidy-notice-2025", ["入职", "岗位补贴", "岗位津贴"]),
    "m079": ("tangxi-elderly-care-subsidy-notice-2025", ["邮箱", "电子邮件", "@"]),
    "m080": ("tangxi-elderly-care-subsidy-notice-2025", ["二级"]),
}


def load_docs():
    raw = {}
    for name in sorted(os.listdir(DOCS)):
        stem = name.rsplit(".", 1)[0]
        with open(os.path.join(DOCS, name), "rb") as fh:
            raw[stem] = fh.read()
    return raw


def occurrences(hay, needle):
    start = 0
    while True:
        i = hay.find(needle, start)
        if i < 0:
            return
        yield i
        start = i + 1


def keyword_near(text, quotes, kw):
    for q in quotes:
        for i in occurrences(text, q):
            lo = max(0, i - WINDOW)
            hi = i + len(q) + WINDOW
            if kw in text[lo:hi]:
                return True
    return False


def main():
    raw = load_docs()
    text = {k: v.decode("utf-8") for k, v in raw.items()}
    errors = []
    seen = set()
    n_ans = n_un = ok_ans = ok_un = 0
    with open(os.path.join(HERE, "qa.jsonl"), encoding="utf-8") as fh:
        lines = [ln for ln in fh.read().split("\n") if ln.strip()]
    for ln_no, line in enumerate(lines, 1):
        item = json.loads(line)
        iid = item.get("id", f"line{ln_no}")
        errs = []
        if list(item.keys()) != KEYS:
            errs.append(f"keys {list(item.keys())}")
        if iid in seen:
            errs.append("duplicate id")
        seen.add(iid)
        if item.get("user") not in USERS:
            errs.append(f"bad user {item.get('user')}")
        if item.get("intent") not in INTENTS:
            errs.append(f"bad intent {item.get('intent')}")
        quotes = item.get("gold_quotes", [])
        kws = item.get("gold_keywords", [])
        docs = item.get("docs", [])
        if item.get("answerable") is True:
            n_ans += 1
            if not (1 <= len(quotes) <= 3):
                errs.append(f"{len(quotes)} quotes")
            if not (1 <= len(kws) <= 3):
                errs.append(f"{len(kws)} keywords")
            if not docs or any(d not in raw for d in docs):
                errs.append(f"unknown docs {docs}")
            for q in quotes:
                if not (8 <= len(q) <= 30):
                    errs.append(f"quote length {len(q)}: {q}")
                if "\n" in q or "\r" in q:
                    errs.append(f"newline in quote: {q}")
                if not any(q.encode("utf-8") in raw.get(d, b"") for d in docs):
                    errs.append(f"quote not in raw file: {q}")
            for kw in kws:
                if not any(keyword_near(text.get(d, ""), quotes, kw) for d in docs):
                    errs.append(f"keyword not within {WINDOW} chars of a quote: {kw}")
            if not errs:
                ok_ans += 1
        elif item.get("answerable") is False:
            n_un += 1
            if quotes or kws or docs:
                errs.append("unanswerable item has quotes/keywords/docs")
            if iid not in ABSENT:
                errs.append("no absent-term entry")
            else:
                doc, terms = ABSENT[iid]
                if doc not in text:
                    errs.append(f"unknown imitated doc {doc}")
                for t in terms:
                    if t in text.get(doc, ""):
                        errs.append(f"absent term occurs in {doc}: {t}")
            if not errs:
                ok_un += 1
        else:
            errs.append("answerable is not a bool")
        for e in errs:
            errors.append(f"{iid}: {e}")
    for e in errors:
        print("FAIL", e)
    print(f"answerable {ok_ans}/{n_ans} pass, unanswerable {ok_un}/{n_un} pass, total lines {len(lines)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
