"""What every retriever agrees on: the prepared query, metadata filters, and the Protocol.

A question is tokenized and embedded once (``Query``); each retriever reads the part it needs
(BM25 the tokens, dense the vector, Milvus the text) and returns clause ids with scores, best
first. Hybrid search composes retrievers and fuses their lists (``rag.retrievers.fuse``); it does
not inherit from them.
"""

from __future__ import annotations

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
