#!/usr/bin/env python3
"""Checks eval/dev7/qa.jsonl against the raw files in eval/dev7/docs/.

Run from anywhere:  python3 eval/dev7/check_dev7.py
Exit status 0 when every item passes.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "docs")
KEYS = ["id", "question", "user", "intent", "answerable",
        "gold_quotes", "gold_keywords", "docs", "note"]
USERS = {"enterprise", "official", "resident", "evaluator"}
INTENTS = {"amount", "support", "procedure", "condition", "lead", "target",
           "contact", "dept_lookup", "time", "doc_fact", "stacking", "policy"}
WINDOW = 300

# Unanswerable items: id -> (document the question imitates, key absent terms).
# None of the terms may occur in that document.
ABSENT = {
    'k056': ('jingchuan-prepared-food-plan-2025', ['国家级']),
    'k057': ('jingchuan-prepared-food-plan-2025', ['省级标准化原料基地', '省级原料基地']),
    'k058': ('jingchuan-prepared-food-plan-2025', ['2027']),
    'k059': ('jingchuan-prepared-food-plan-2025', ['人力资源', '人社']),
    'k060': ('jingchuan-prepared-food-plan-2025', ['电话', '联系人']),
    'k061': ('jizhou-youth-talent-measures-2025', ['博士后']),
    'k062': ('jizhou-youth-talent-measures-2025', ['大专', '专科']),
    'k063': ('jizhou-youth-talent-measures-2025', ['国家级']),
    'k064': ('jizhou-youth-talent-measures-2025', ['中级工', '中级']),
    'k065': ('jizhou-youth-talent-measures-2025', ['副高']),
    'k066': ('chenggao-night-culture-tourism-measures-2025', ['县级']),
    'k067': ('chenggao-night-culture-tourism-measures-2025', ['租金', '房租']),
    'k068': ('chenggao-night-culture-tourism-measures-2025', ['贴息', '贷款']),
    'k069': ('chenggao-night-culture-tourism-measures-2025', ['驻场', '每场']),
    'k070': ('chenggao-night-culture-tourism-measures-2025', ['电话', '联系人']),
    'k071': ('tangxi-tea-workplan-2025-trad', ['市級', '市级']),
    'k072': ('tangxi-tea-workplan-2025-trad', ['2026']),
    'k073': ('tangxi-tea-workplan-2025-trad', ['教育']),
    'k074': ('tangxi-tea-workplan-2025-trad', ['省內', '省内']),
    'k075': ('tangxi-tea-workplan-2025-trad', ['流轉', '流转', '租金']),
    'k076': ('wenlan-one-thing-task-division-2025', ['结婚', '婚姻']),
    'k077': ('wenlan-one-thing-task-division-2025', ['财政']),
    'k078': ('wenlan-one-thing-task-division-2025', ['退役', '军人']),
    'k079': ('wenlan-one-thing-task-division-2025', ['2026']),
    'k080': ('wenlan-one-thing-task-division-2025', ['周末', '周六', '办公时间', '上午']),
}

def load_docs():
    raw = {}
    for name in sorted(os.listdir(DOCS)):
        stem = name.rsplit(".", 1)[0]
        with open(os.path.join(DOCS, name), "rb") as f:
            raw[stem] = f.read()
    return raw


def occurrences(hay, needle):
    out, start = [], 0
    while True:
        i = hay.find(needle, start)
        if i < 0:
            return out
        out.append(i)
        start = i + 1


def check():
    raw = load_docs()
    text = {k: v.decode("utf-8") for k, v in raw.items()}
    errors, seen = [], set()
    n_ans = n_un = ok_ans = ok_un = 0
    with open(os.path.join(HERE, "qa.jsonl"), encoding="utf-8") as f:
        items = [json.loads(line) for line in f if line.strip()]
    for it in items:
        errs = []
        iid = it.get("id")
        if list(it.keys()) != KEYS:
            errs.append(f"keys/order {list(it.keys())}")
        if iid in seen:
            errs.append("duplicate id")
        seen.add(iid)
        if it.get("user") not in USERS:
            errs.append("bad user {!r}".format(it.get("user")))
        if it.get("intent") not in INTENTS:
            errs.append("bad intent {!r}".format(it.get("intent")))
        quotes, kws, docs = it["gold_quotes"], it["gold_keywords"], it["docs"]
        if it["answerable"] is True:
            n_ans += 1
            if not (1 <= len(quotes) <= 3):
                errs.append("needs 1-3 quotes")
            if not (1 <= len(kws) <= 3):
                errs.append("needs 1-3 keywords")
            if not docs or any(d not in raw for d in docs):
                errs.append(f"unknown docs {docs}")
            spans = []
            for q in quotes:
                if not (8 <= len(q) <= 30):
                    errs.append(f"quote length {len(q)}: {q}")
                if "\n" in q or "\r" in q:
                    errs.append(f"quote has newline: {q}")
                qb = q.encode("utf-8")
                hit = False
                for d in docs:
                    if d not in raw:
                        continue
                    if qb in raw[d]:
                        hit = True
                        for pos in occurrences(text[d], q):
                            spans.append((d, pos, pos + len(q)))
                if not hit:
                    errs.append(f"quote not byte-exact in {docs}: {q}")
            for k in kws:
                near = False
                for d, a, b in spans:
                    lo, hi = max(0, a - WINDOW), b + WINDOW
                    if k in text[d][lo:hi]:
                        near = True
                        break
                if not near:
                    errs.append(f"keyword not within {WINDOW} chars of a quote: {k}")
            if not errs:
                ok_ans += 1
        elif it["answerable"] is False:
            n_un += 1
            if quotes or kws or docs:
                errs.append("unanswerable must have empty quotes/keywords/docs")
            if not it.get("note"):
                errs.append("unanswerable needs a note")
            if iid not in ABSENT:
                errs.append("no absent-term entry")
            else:
                d, terms = ABSENT[iid]
                if d not in text:
                    errs.append(f"unknown imitated doc {d}")
                else:
                    for t in terms:
                        if t in text[d]:
                            errs.append(f"absent term {t!r} occurs in {d}")
            if not errs:
                ok_un += 1
        else:
            errs.append("answerable must be true/false")
        for e in errs:
            errors.append(f"{iid}: {e}")
    for e in errors:
        print("FAIL", e)
    print(f"answerable {ok_ans}/{n_ans} pass, unanswerable {ok_un}/{n_un} pass, {len(items)} items, {len(seen)} ids")
    return not errors


if __name__ == "__main__":
    sys.exit(0 if check() else 1)
