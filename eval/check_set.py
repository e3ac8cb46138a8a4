"""The checks every hand-written QA set gets before it is frozen (``eval/devN/check_devN.py``).

Each line of ``qa.jsonl`` holds the nine keys in order; ids are unique; ``user`` and ``intent``
come from the allowed sets. An answerable item has 1–3 gold quotes, each 8–30 characters without a
line break and a byte-exact substring of one of its raw documents, and 1–3 gold keywords, each
within ``WINDOW`` characters of one of its quotes. An unanswerable item has no quotes, keywords or
documents, and the terms its set lists as absent occur nowhere in the document it imitates.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

KEYS = ["id", "question", "user", "intent", "answerable", "gold_quotes", "gold_keywords", "docs", "note"]
USERS = {"enterprise", "official", "resident", "evaluator"}
INTENTS = {"amount", "support", "procedure", "condition", "lead", "target", "contact",
           "dept_lookup", "time", "doc_fact", "stacking", "policy"}
WINDOW = 300


def _occurrences(hay: str, needle: str) -> Iterator[int]:
    at = hay.find(needle)
    while at >= 0:
        yield at
        at = hay.find(needle, at + 1)


def _near(text: str, quotes: Sequence[str], keyword: str) -> bool:
    return any(keyword in text[max(0, i - WINDOW): i + len(q) + WINDOW] for q in quotes for i in _occurrences(text, q))


def problems(item: Mapping, raw: Mapping[str, bytes], absent: Mapping[str, tuple[str, Sequence[str]]]) -> list[str]:
    """What is wrong with one item (empty when it passes)."""
    text = {k: v.decode("utf-8") for k, v in raw.items()}
    errs = []
    if list(item) != KEYS:
        errs.append(f"keys {list(item)}")
    if item.get("user") not in USERS:
        errs.append(f"bad user {item.get('user')}")
    if item.get("intent") not in INTENTS:
        errs.append(f"bad intent {item.get('intent')}")
    quotes, kws, docs = item.get("gold_quotes", []), item.get("gold_keywords", []), item.get("docs", [])
    if item.get("answerable") is True:
        if not 1 <= len(quotes) <= 3 or not 1 <= len(kws) <= 3:
            errs.append(f"{len(quotes)} quotes, {len(kws)} keywords")
        if not docs or any(d not in raw for d in docs):
            errs.append(f"unknown docs {docs}")
        for q in quotes:
            if not 8 <= len(q) <= 30 or "\n" in q or "\r" in q:
                errs.append(f"quote of {len(q)} characters or with a line break: {q}")
            if not any(q.encode("utf-8") in raw.get(d, b"") for d in docs):
                errs.append(f"quote not in the raw file: {q}")
        errs += [f"keyword not within {WINDOW} characters of a quote: {k}" for k in kws
                 if not any(_near(text.get(d, ""), quotes, k) for d in docs)]
    elif item.get("answerable") is False:
        if quotes or kws or docs:
            errs.append("unanswerable item has quotes, keywords or docs")
        if item.get("id") not in absent:
            errs.append("no absent-term entry")
        else:
            doc, terms = absent[item["id"]]
            if doc not in text:
                errs.append(f"unknown imitated doc {doc}")
            errs += [f"absent term occurs in {doc}: {t}" for t in terms if t in text.get(doc, "")]
    else:
        errs.append("answerable is not a bool")
    return errs


def check(folder: Path, absent: Mapping[str, tuple[str, Sequence[str]]]) -> int:
    """Check ``folder``/qa.jsonl against ``folder``/docs; print every failure and a summary line.

    Returns:
        0 when every item passes, else 1 (an exit status).
    """
    raw = {p.stem: p.read_bytes() for p in sorted((folder / "docs").iterdir()) if p.is_file()}
    items = [json.loads(line) for line in (folder / "qa.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    failures = [f"{it.get('id')}: {e}" for it in items for e in problems(it, raw, absent)]
    ids = [it.get("id") for it in items]
    failures += [f"{i}: duplicate id" for i in sorted({i for i in ids if ids.count(i) > 1})]
    for failure in failures:
        print("FAIL", failure)
    answerable = [it for it in items if it.get("answerable") is True]
    print(f"{len(items)} items ({len(answerable)} answerable), {len(failures)} failures")
    return 1 if failures else 0
