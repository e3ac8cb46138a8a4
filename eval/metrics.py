"""Quality metrics for the QA set: pure functions, no I/O, unit-tested by hand-computed values.

Retrieval metrics take a ranked list of clause ids (best first) and the gold ids, with binary
relevance: a clause is relevant when its id is gold. A repeated id in the ranking counts once, at
its first position, so a retriever cannot earn credit twice for the same clause. An empty gold set
scores 0 everywhere (nothing can be found); the runner only scores answerable items.

Answer accuracy is keyword containment after folding away what does not change the meaning
(full-/half-width forms, whitespace, case, ISO dates written as 2024-12-28).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from rag.ingest.script import to_simplified

_SPACE = re.compile(r"\s+")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _check_k(k: int) -> None:
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise ValueError(f"k must be a positive integer, got {k!r}")


def _first_ranks(ranked_ids: Sequence[str], gold_ids: Iterable[str], k: int) -> list[int]:
    """1-based ranks (within the top ``k``) of the distinct gold ids found, ascending."""
    gold = set(gold_ids)
    seen: set[str] = set()
    ranks: list[int] = []
    for rank, cid in enumerate(ranked_ids[:k], 1):
        if cid in gold and cid not in seen:
            ranks.append(rank)
        seen.add(cid)
    return ranks


def hit_at_k(ranked_ids: Sequence[str], gold_ids: Iterable[str], k: int) -> float:
    """1.0 when any gold id is among the first ``k`` ranked ids, else 0.0.

    Args:
        ranked_ids: Retrieved clause ids, best first.
        gold_ids: Relevant clause ids.
        k: Cut-off, at least 1; a ranking shorter than ``k`` is simply read to its end.

    Returns:
        1.0 or 0.0 (0.0 when ``gold_ids`` is empty).

    Raises:
        ValueError: ``k`` is not a positive integer.
    """
    _check_k(k)
    return 1.0 if _first_ranks(ranked_ids, gold_ids, k) else 0.0


def reciprocal_rank(ranked_ids: Sequence[str], gold_ids: Iterable[str], k: int = 10) -> float:
    """1 / rank of the first gold id within the top ``k`` (0.0 when none is there).

    Args:
        ranked_ids: Retrieved clause ids, best first.
        gold_ids: Relevant clause ids.
        k: Cut-off, at least 1 (MRR@10 by default).

    Returns:
        The reciprocal rank in [0, 1].

    Raises:
        ValueError: ``k`` is not a positive integer.
    """
    _check_k(k)
    ranks = _first_ranks(ranked_ids, gold_ids, k)
    return 1.0 / ranks[0] if ranks else 0.0


def ndcg_at_k(ranked_ids: Sequence[str], gold_ids: Iterable[str], k: int = 10) -> float:
    """Normalized discounted cumulative gain with binary relevance.

    DCG sums ``1 / log2(rank + 1)`` over the distinct gold ids in the top ``k``; the ideal DCG
    places ``min(len(gold), k)`` gold ids at ranks 1, 2, …

    Args:
        ranked_ids: Retrieved clause ids, best first.
        gold_ids: Relevant clause ids.
        k: Cut-off, at least 1.

    Returns:
        nDCG@k in [0, 1] (0.0 when ``gold_ids`` is empty).

    Raises:
        ValueError: ``k`` is not a positive integer.
    """
    _check_k(k)
    gold = set(gold_ids)
    if not gold:
        return 0.0
    dcg = sum(1.0 / math.log2(rank + 1) for rank in _first_ranks(ranked_ids, gold, k))
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(len(gold), k) + 1))
    return dcg / ideal


def fold(text: str) -> str:
    """Fold text for keyword matching: NFKC (２．５ → 2.5, （ → (), no whitespace, lower case,
    traditional → simplified (an answer quoting a traditional-script plan), ISO dates as
    ``2024年12月28日``."""
    text = to_simplified(text)
    text = _ISO_DATE.sub(lambda m: f"{m[1]}年{int(m[2])}月{int(m[3])}日", text)
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).lower()


def answer_correct(answer_text: str, gold_keywords: Sequence[str]) -> bool:
    """True when every gold keyword occurs in the answer after folding (see ``fold``).

    Args:
        answer_text: The answer as shown to the user (citation markers may stay in).
        gold_keywords: Facts a correct short answer must contain, e.g. ``["2.5万台"]``.

    Returns:
        Whether all keywords are present.

    Raises:
        ValueError: ``gold_keywords`` is empty or holds an empty keyword (containment would be
            vacuously true).
    """
    if not gold_keywords or any(not fold(k) for k in gold_keywords):
        raise ValueError(f"gold_keywords must be non-empty strings, got {list(gold_keywords)!r}")
    answer = fold(answer_text or "")
    return all(fold(k) in answer for k in gold_keywords)


def refusal_scores(pairs: Iterable[tuple[bool, bool]]) -> tuple[float, float]:
    """Precision and recall of refusing, the positive class being "refused".

    Args:
        pairs: ``(refused, unanswerable)`` per question: whether the system declined to answer,
            and whether the gold says the corpus cannot answer it.

    Returns:
        ``(precision, recall)`` where precision = refused ∩ unanswerable / refused and
        recall = refused ∩ unanswerable / unanswerable; a zero denominator gives 0.0.
    """
    refused = unanswerable = both = 0
    for did_refuse, should_refuse in pairs:
        refused += bool(did_refuse)
        unanswerable += bool(should_refuse)
        both += bool(did_refuse) and bool(should_refuse)
    precision = both / refused if refused else 0.0
    recall = both / unanswerable if unanswerable else 0.0
    return precision, recall


def aggregate(rows: Iterable[Mapping[str, float]]) -> dict[str, float]:
    """Mean of each metric over the rows that carry it.

    Args:
        rows: One mapping of metric name to value per question, e.g.
            ``{"hit@1": 1.0, "mrr@10": 0.5}``; a row may lack a metric (not applicable to it).

    Returns:
        ``{metric: mean}`` over the rows that have the metric; ``{}`` for no rows.
    """
    sums: dict[str, float] = {}
    counts: dict[str, int] = {}
    for row in rows:
        for name, value in row.items():
            sums[name] = sums.get(name, 0.0) + float(value)
            counts[name] = counts.get(name, 0) + 1
    return {name: sums[name] / counts[name] for name in sums}
