"""Questions about a synthetic library, as users ask them, for the library bench.

``library_questions`` writes distinct questions of five kinds from the library's own clauses:
who leads a task (牵头), an amount or a target (补贴 / 多少), a department's tasks (X牵头哪些任务),
an open question on a task, and questions the library cannot answer (subjects no synthetic plan
holds). Each question is new text, so a bench asking them pays for every step a user's first
question pays for. Deterministic for a seed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from rag.model import Clause, Document
from rag.retrieval.tokenize import headline_terms

KINDS = ("lead", "amount", "department", "open", "unanswerable")
# Subjects none of the synthetic plans (new-energy vehicles) speaks of.
ABSENT = ("低空经济", "养老服务", "海洋牧场", "冰雪旅游", "跨境电商", "生物医药", "文旅融合", "托育服务",
          "老旧小区改造", "粮食安全", "预制菜", "中医药传承", "数字人民币", "远洋渔业", "家政服务")
_INDICATOR = re.compile(r"到(\d{4})年，(.+?)达到")
_PLACE_SUFFIX = re.compile(r"(?:省|市)$")


def _place(doc: Document) -> str:
    return _PLACE_SUFFIX.sub("", doc.region)


def _topic(clause: Clause) -> str:
    terms = headline_terms(clause.title)
    return terms[0] if terms else ""


def _lead(rng: random.Random, doc: Document, clause: Clause) -> str | None:
    topic = _topic(clause)
    if not clause.lead or not topic:
        return None
    shape = rng.choice(("{r}{t}由哪个部门牵头？", "{r}的{t}工作谁牵头？", "{r}{t}的牵头单位是哪个？"))
    return shape.format(r=doc.region, t=topic)


def _amount(rng: random.Random, doc: Document, clause: Clause) -> str | None:
    topic = _topic(clause)
    for target in clause.targets:
        m = _INDICATOR.search(target.text)
        if m:
            return f"{doc.region}到{m.group(1)}年{m.group(2)}要达到多少？"
    if topic and "最高支持" in clause.text:
        shape = rng.choice(("{r}对{t}的企业最高补贴多少万元？", "{r}{t}有什么补贴政策？"))
        return shape.format(r=doc.region, t=topic)
    return None


def _department(rng: random.Random, doc: Document, clause: Clause) -> str | None:
    if not clause.lead:
        return None
    unit = rng.choice(clause.lead)
    return f"{_place(doc)}{unit}{rng.choice(('牵头哪些任务？', '牵头哪几项工作？', '负责哪些任务？'))}"


def _open(rng: random.Random, doc: Document, clause: Clause) -> str | None:
    topic = _topic(clause)
    if not topic:
        return None
    shape = rng.choice(("{r}怎么推进{t}？", "{r}在{t}方面有哪些举措？", "{t}有什么要求？（{r}）"))
    return shape.format(r=doc.region, t=topic)


def _unanswerable(rng: random.Random, doc: Document, clause: Clause) -> str | None:
    shape = rng.choice(("{r}{a}有什么扶持政策？", "{r}发展{a}的牵头部门是谁？", "申请{r}{a}补贴需要准备哪些材料？"))
    return shape.format(r=doc.region, a=rng.choice(ABSENT))


_WRITERS = {"lead": _lead, "amount": _amount, "department": _department, "open": _open,
            "unanswerable": _unanswerable}


def library_questions(documents: Sequence[Document], clauses: Sequence[Clause], n: int,
                      seed: int = 0) -> list[tuple[str, str]]:
    """``n`` distinct questions about the library, the kinds taking turns.

    Args:
        documents: The library's documents.
        clauses: Its clauses (the questions are written from item clauses).
        n: How many questions.
        seed: Random seed.

    Returns:
        ``[(kind, question), …]``, kinds in the order of ``KINDS``, repeated.

    Raises:
        ValueError: The library has no item clause to write questions from.
    """
    docs = {d.id: d for d in documents}
    items = [c for c in clauses if c.kind == "item" and c.doc_id in docs]
    if not items:
        raise ValueError("the library holds no item clause to write questions from")
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    attempts = 0
    while len(out) < n:
        kind = KINDS[len(out) % len(KINDS)]
        attempts += 1
        if attempts > 200 * max(n, 1):
            raise ValueError(f"could not write {n} distinct questions from {len(items)} item clauses")
        clause = rng.choice(items)
        question = _WRITERS[kind](rng, docs[clause.doc_id], clause)
        if question and question not in seen:
            seen.add(question)
            out.append((kind, question))
    return out
