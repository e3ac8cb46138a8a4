"""Self-check for the dev6 evaluation set (run from anywhere: python3 check_dev6.py)."""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = {os.path.splitext(f)[0]: open(os.path.join(HERE, "docs", f), encoding="utf-8").read()
        for f in sorted(os.listdir(os.path.join(HERE, "docs")))}
KEYS = ["id", "question", "user", "intent", "answerable", "gold_quotes", "gold_keywords", "docs", "note"]
USERS = {"enterprise", "official", "resident", "evaluator"}
INTENTS = {"amount", "condition", "lead", "dept_lookup", "target", "procedure", "support",
           "policy", "doc_fact", "stacking", "time", "contact"}
PDF_DOC = "zhigang-rural-sewage-plan-2025"
WINDOW = 300

# unanswerable items: document imitated, terms that must NOT occur there
ABSENT = {
    "h051": ("xiuchuan-logistics-opinions-2025", ["冷库"], "2028"),   # only inside the 到2028年 sentence
    "h052": ("xiuchuan-logistics-opinions-2025", ["3A", "三A"], None),
    "h053": ("xiuchuan-logistics-opinions-2025", ["标箱", "标准箱", "元/"], None),
    "h054": ("xiuchuan-logistics-opinions-2025", ["人力资源", "人社"], None),
    "h055": ("xiuchuan-logistics-opinions-2025", ["申报", "材料", "受理"], None),
    "h056": ("zifeng-software-measures-2025", ["团体标准", "地方标准"], None),
    "h057": ("zifeng-software-measures-2025", ["博士后"], None),
    "h058": ("zifeng-software-measures-2025", ["购房", "公寓", "住房"], None),
    "h059": ("zifeng-software-measures-2025", ["材料", "审计报告"], None),
    "h060": ("zifeng-software-measures-2025", ["电话", "联系人"], None),
    "h061": ("zhigang-rural-sewage-plan-2025", ["2030"], None),
    "h062": ("zhigang-rural-sewage-plan-2025", ["教育"], None),
    "h063": ("zhigang-rural-sewage-plan-2025", ["每户", "元/户", "户均"], None),
    "h064": ("zhigang-rural-sewage-plan-2025", ["每吨", "单价", "元/吨"], None),
    "h065": ("zhigang-rural-sewage-plan-2025", ["电话", "联系人"], None),
    "h066": ("yiping-housing-fund-rent-faq-2025", ["异地", "外地"], None),
    "h067": ("yiping-housing-fund-rent-faq-2025", ["物业"], None),
    "h068": ("yiping-housing-fund-rent-faq-2025", ["灵活就业", "个体", "自愿缴存"], None),
    "h069": ("yiping-housing-fund-rent-faq-2025", ["贷款额度", "最高可贷", "万元"], None),
    "h070": ("yiping-housing-fund-rent-faq-2025", ["地址", "周末", "周六", "办公时间"], None),
    "h071": ("liaowan-tech-fund-guide-2025", ["市级"], None),
    "h072": ("liaowan-tech-fund-guide-2025", ["工作站", "院士"], None),
    "h073": ("liaowan-tech-fund-guide-2025", ["孵化器"], None),
    "h074": ("liaowan-tech-fund-guide-2025", ["电话", "联系人"], None),
    "h075": ("liaowan-tech-fund-guide-2025", ["日内拨付", "工作日内拨", "日内到账"], None),
}

def occurrences(text, s):
    i = text.find(s)
    while i >= 0:
        yield i
        i = text.find(s, i + 1)

def main():
    rows = [json.loads(line) for line in open(os.path.join(HERE, "qa.jsonl"), encoding="utf-8")]
    errors, ok_ans, ok_un = [], 0, 0
    ids = [r.get("id") for r in rows]
    if len(set(ids)) != len(ids):
        errors.append("duplicate ids")
    for r in rows:
        rid = r.get("id")
        e = []
        if list(r.keys()) != KEYS:
            e.append(f"keys {list(r.keys())}")
        if r.get("user") not in USERS:
            e.append(f"user {r.get('user')}")
        if r.get("intent") not in INTENTS:
            e.append(f"intent {r.get('intent')}")
        if r.get("answerable"):
            if len(r["docs"]) != 1 or r["docs"][0] not in DOCS:
                e.append(f"docs {r['docs']}")
            else:
                text = DOCS[r["docs"][0]]
                if not r["gold_quotes"] or not r["gold_keywords"]:
                    e.append("empty quotes/keywords")
                spans = []
                for q in r["gold_quotes"]:
                    if not 8 <= len(q) <= 30:
                        e.append(f"quote length {len(q)}: {q}")
                    if "\n" in q:
                        e.append(f"quote spans a line break: {q}")
                    pos = list(occurrences(text, q))
                    if not pos:
                        e.append(f"quote not in doc: {q}")
                    spans += [(p, p + len(q)) for p in pos]
                for k in r["gold_keywords"]:
                    near = any(
                        any(s - WINDOW <= p and p + len(k) <= t + WINDOW for p in occurrences(text, k))
                        for s, t in spans)
                    if not near:
                        e.append(f"keyword not within {WINDOW} chars of a quote: {k}")
            if not e:
                ok_ans += 1
        else:
            if r["gold_quotes"] or r["gold_keywords"] or r["docs"]:
                e.append("unanswerable item with quotes/keywords/docs")
            doc, terms, scope = ABSENT[rid]
            text = DOCS[doc]
            if scope == "2028":
                m = re.search(r"到2028年[^。]*。", text)
                text = m.group(0) if m else ""
                if not text:
                    e.append("2028 sentence not found")
            for t in terms:
                if t in text:
                    e.append(f"absent term present in {doc}: {t}")
            if not e:
                ok_un += 1
        errors += [f"{rid}: {x}" for x in e]
    n_ans = sum(1 for r in rows if r["answerable"])
    print(f"answerable pass {ok_ans}/{n_ans}; unanswerable pass {ok_un}/{len(rows) - n_ans}")
    for x in errors:
        print("FAIL", x)
    return 1 if errors else 0

if __name__ == "__main__":
    sys.exit(main())
