"""What every retriever agrees on: the prepared query, metadata filters, and the Protocol.

A question is tokenized and embedded once (``Query``); each retriever reads the part it needs
(BM25 the tokens, dense the vector, Milvus the text) and returns clause ids with scores, best
first. Hybrid search composes retrievers and fuses their lists (``rag.retrieval.fuse``); it does
not inherit from them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np

from rag.model import Clause, Document


@dataclass(frozen=True)
class Query:
    """A question prepared once for all retrievers.

    Attributes:
        text: The question after normalization and traditional→simplified folding.
        tokens: jieba search-mode tokens without stopwords (for BM25).
        vector: L2-normalized query embedding, or ``None`` when no dense side is used.
    """

    text: str
    tokens: tuple[str, ...]
    vector: np.ndarray | None = None


MODES = ("hybrid", "bm25", "dense")  # how a search ranks: both sides fused, or one side alone


@dataclass(frozen=True)
class Filter:
    """Metadata filter applied before ranking; ``None`` fields do not filter.

    Attributes:
        doc_ids: Keep clauses of these documents only.
        levels: Keep clauses of documents at these levels (``province``, ``city`` …).
        regions: Keep clauses of documents of these regions (``山东省``, ``聊城市`` …).
    """

    doc_ids: frozenset[str] | None = None
    levels: frozenset[str] | None = None
    regions: frozenset[str] | None = None

    @property
    def is_empty(self) -> bool:
        return self.doc_ids is None and self.levels is None and self.regions is None

    @classmethod
    def of(cls, doc_ids: Iterable[str] | None = None, level: str | None = None,
           region: str | None = None) -> Filter | None:
        """The filter a request's fields ask for (empty values do not filter), or ``None``."""
        ids = frozenset(doc_ids or ()) or None
        made = cls(doc_ids=ids, levels=frozenset({level}) if level else None,
                   regions=frozenset({region}) if region else None)
        return None if made.is_empty else made

    def allows(self, clause: Clause, document: Document) -> bool:
        """True when the clause (of ``document``) passes every set field."""
        return (
            (self.doc_ids is None or clause.doc_id in self.doc_ids)
            and (self.levels is None or document.level in self.levels)
            and (self.regions is None or document.region in self.regions)
        )


@runtime_checkable
class Retriever(Protocol):
    """Anything that ranks clause ids for a prepared query."""

    name: str

    def search(self, query: Query, k: int, where: Filter | None = None) -> list[tuple[str, float]]:
        """Return up to ``k`` ``(clause_id, score)`` pairs, best first, all passing ``where``."""
        ...


class RowFilter:
    """Turns a ``Filter`` into a boolean mask over index rows (one row per clause), fast.

    Rows keep an integer document code, so a filter is decided once per document and spread to
    the rows with one numpy gather — cheap enough to run before every ranking, at any corpus size.

    Args:
        clauses: The indexed clauses, in row order.
        documents: Their documents (a clause whose document is missing passes only ``doc_ids``).
    """

    def __init__(self, clauses: Sequence[Clause], documents: Iterable[Document] | Mapping[str, Document]):
        docs = dict(documents) if isinstance(documents, Mapping) else {d.id: d for d in documents}
        self._doc_ids: list[str] = list(dict.fromkeys(c.doc_id for c in clauses))
        self._docs = [docs.get(d, Document(id=d, title=d)) for d in self._doc_ids]
        code = {d: i for i, d in enumerate(self._doc_ids)}
        self._row_doc = np.fromiter((code[c.doc_id] for c in clauses), dtype=np.int32, count=len(clauses))

    def __len__(self) -> int:
        return len(self._row_doc)

    def mask(self, where: Filter | None) -> np.ndarray | None:
        """Rows passing ``where`` as a boolean array, or ``None`` when nothing is filtered."""
        if where is None or where.is_empty:
            return None
        allowed = np.fromiter(
            (
                (where.doc_ids is None or d.id in where.doc_ids)
                and (where.levels is None or d.level in where.levels)
                and (where.regions is None or d.region in where.regions)
                for d in self._docs
            ),
            dtype=bool,
            count=len(self._docs),
        )
        return allowed[self._row_doc]


def top_rows(scores: np.ndarray, k: int, mask: np.ndarray | None = None, positive_only: bool = False) -> list[tuple[int, float]]:
    """The ``k`` best ``(row, score)`` pairs of a score vector, best first, ties by row order.

    Args:
        scores: One score per row.
        k: How many to return (fewer when fewer rows qualify).
        mask: Rows allowed to rank; ``None`` allows all.
        positive_only: Drop rows scoring ``<= 0`` (BM25: no query term matched).

    Returns:
        ``(row, score)`` pairs.
    """
    keep = np.ones(len(scores), dtype=bool) if mask is None else mask.copy()
    if positive_only:
        keep &= scores > 0
    rows = np.flatnonzero(keep)
    if k <= 0 or rows.size == 0:
        return []
    sub = scores[rows]
    if rows.size > k:
        # Keep every row tied with the k-th score so ties resolve by row order, not by chance.
        kth = -np.partition(-sub, k - 1)[k - 1]
        near = sub >= kth
        rows, sub = rows[near], sub[near]
    order = np.lexsort((rows, -sub))[:k]
    return [(int(rows[i]), float(sub[i])) for i in order]
