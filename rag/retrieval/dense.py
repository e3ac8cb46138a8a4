"""Dense retrieval over unit vectors with faiss: exact inner product when small, HNSW when large.

Vectors are L2-normalized, so inner product is cosine similarity. Below ``hnsw_threshold`` rows
an ``IndexFlatIP`` gives exact results in well under a millisecond; above it an
``IndexHNSWFlat`` (inner-product metric) keeps search sub-linear.

Filters are applied before ranking. A filter that leaves few rows (at most ``hnsw_threshold``)
is answered exactly by one matrix-vector product over those rows; a wider one goes through
faiss's ``IDSelector`` search parameters, and should HNSW still return fewer rows than exist,
the exact path fills in — a filter never returns fewer results than are available.
"""

from __future__ import annotations

from collections.abc import Sequence

import faiss
import numpy as np

from rag.retrieval.base import Filter, Query, RowFilter, top_rows


class DenseRetriever:
    """Inner-product search over L2-normalized clause vectors.

    Args:
        ids: Clause ids, one per row.
        vectors: ``(len(ids), dim)`` unit vectors.
        hnsw_threshold: Row count above which HNSW replaces the exact flat index.
        hnsw_m: HNSW graph degree.
        ef_construction: HNSW build beam width.
        ef_search: HNSW search beam width (raised to ``k`` when ``k`` is larger).
        rows: Row metadata for ``where`` filters.
        index: A prebuilt faiss index over ``vectors`` (e.g. read from disk) to reuse.

    Raises:
        ValueError: Shape mismatch or non-positive parameters.
    """

    name = "dense"

    def __init__(
        self,
        ids: Sequence[str],
        vectors: np.ndarray,
        *,
        hnsw_threshold: int = 20_000,
        hnsw_m: int = 32,
        ef_construction: int = 80,
        ef_search: int = 128,
        rows: RowFilter | None = None,
        index: faiss.Index | None = None,
    ):
        self.ids = list(ids)
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[0] != len(self.ids):
            raise ValueError(f"vectors must have shape ({len(self.ids)}, dim), got {vectors.shape}")
        for label, value in (("hnsw_threshold", hnsw_threshold), ("hnsw_m", hnsw_m),
                             ("ef_construction", ef_construction), ("ef_search", ef_search)):
            if value < 1:
                raise ValueError(f"{label} must be >= 1, got {value}")
        if rows is not None and len(rows) != len(self.ids):
            raise ValueError(f"rows describe {len(rows)} clauses but there are {len(self.ids)} ids")
        self.vectors = vectors
        self.dim = int(vectors.shape[1])
        self.rows = rows
        self.hnsw_threshold = hnsw_threshold
        self.ef_search = ef_search
        self.kind = "hnsw" if len(self.ids) > hnsw_threshold else "flat"
        if index is not None:
            if index.ntotal != len(self.ids) or index.d != self.dim:
                raise ValueError(f"prebuilt index holds {index.ntotal}×{index.d}, expected {len(self.ids)}×{self.dim}")
            self.index = index
            self.kind = "hnsw" if isinstance(index, faiss.IndexHNSW) else "flat"
        elif self.kind == "hnsw":
            self.index = faiss.IndexHNSWFlat(self.dim, hnsw_m, faiss.METRIC_INNER_PRODUCT)
            self.index.hnsw.efConstruction = ef_construction
            self.index.add(vectors)
        else:
            self.index = faiss.IndexFlatIP(self.dim)
            self.index.add(vectors)

    @property
    def params(self) -> dict:
        """Build parameters for the index manifest."""
        return {"kind": self.kind, "hnsw_threshold": self.hnsw_threshold, "ef_search": self.ef_search}

    def _check(self, vector: np.ndarray) -> np.ndarray:
        q = np.ascontiguousarray(np.asarray(vector, dtype=np.float32).reshape(-1))
        if q.shape[0] != self.dim:
            raise ValueError(f"query vector has dimension {q.shape[0]}, index has {self.dim}")
        return q

    def scores_for(self, vector: np.ndarray, rows: Sequence[int]) -> np.ndarray:
        """Cosine of the query with the given rows (for hits found by another retriever)."""
        q = self._check(vector)
        return self.vectors[np.asarray(rows, dtype=np.int64)] @ q

    def _exact(self, q: np.ndarray, k: int, mask: np.ndarray | None) -> list[tuple[int, float]]:
        if mask is None:
            return top_rows(self.vectors @ q, k)
        allowed = np.flatnonzero(mask)
        return [(int(allowed[i]), s) for i, s in top_rows(self.vectors[allowed] @ q, k)]

    def top(self, vector: np.ndarray, k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Best ``(row, cosine)`` pairs among the rows ``mask`` allows.

        Args:
            vector: Unit query vector.
            k: Number of rows.
            mask: Allowed rows, or ``None``.

        Returns:
            ``min(k, allowed rows)`` pairs, best first.
        """
        q = self._check(vector)
        n = len(self.ids) if mask is None else int(mask.sum())
        k = min(k, n)
        if k <= 0:
            return []
        if mask is not None and n <= self.hnsw_threshold:
            return self._exact(q, k, mask)
        params = None
        if self.kind == "hnsw":
            params = faiss.SearchParametersHNSW(efSearch=max(self.ef_search, k))
        if mask is not None:
            selector = faiss.IDSelectorBatch(np.flatnonzero(mask).astype(np.int64))
            if params is None:
                params = faiss.SearchParameters()
            params.sel = selector
        scores, found = self.index.search(q[None, :], k, params=params)
        pairs = [(int(r), float(s)) for r, s in zip(found[0], scores[0], strict=True) if r >= 0]
        if len(pairs) < k:  # HNSW can miss rows under a narrow selector; exact fills in
            return self._exact(q, k, mask)
        return pairs

    def search(self, query: Query, k: int, where: Filter | None = None) -> list[tuple[str, float]]:
        """The ``Retriever`` interface: up to ``k`` ``(clause_id, cosine)`` pairs, best first.

        Raises:
            ValueError: ``k < 1``, a query without a vector, or a filter without ``rows``.
        """
        if k < 1:
            raise ValueError(f"k must be >= 1, got {k}")
        if query.vector is None:
            raise ValueError("dense search needs a query vector; prepare the query with an embedder")
        mask = None
        if where is not None and not where.is_empty:
            if self.rows is None:
                raise ValueError("this DenseRetriever was built without rows; it cannot filter")
            mask = self.rows.mask(where)
        return [(self.ids[r], s) for r, s in self.top(query.vector, k, mask)]
