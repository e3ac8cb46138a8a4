"""The search side of ``rag.retrieval.milvus.MilvusIndex``: one Milvus call per mode, the hybrid
fused here (``rag.retrieval.fuse``) exactly as the local backend fuses, and the raw per-side
scores of ``search_with_scores``. What each score means is in ``rag.retrieval.milvus``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from rag.retrieval.base import MODES, Filter, Query
from rag.retrieval.fuse import FusionMode, fuse
from rag.retrieval.milvus_schema import filter_expr, ids_expr

MAX_TOPK = 16_384  # Milvus refuses larger limits


def _cosine(unit_query: np.ndarray, vector) -> float:
    v = np.asarray(vector, np.float32)
    return float(v @ unit_query / (np.linalg.norm(v) or 1.0))



class MilvusSearch:
    """Searches the collection ``MilvusIndex`` opened; implements the ``Retriever`` Protocol."""

    client: Any
    collection: str
    dim: int
    mode: str
    ranker: str
    fusion: FusionMode
    weights: tuple[float, float]
    rrf_k: int
    depth: int
    _pm: Any

    def _load(self) -> None: ...

    def _check_dim(self) -> None: ...

    # ----------------------------------------------------------------- search
    def search(self, query: Query, k: int, where: Filter | None = None,
               mode: str | None = None) -> list[tuple[str, float]]:
        """Up to ``k`` ``(clause_id, score)`` pairs, best first, all passing ``where``.

        Args:
            query: ``text`` feeds BM25 (Milvus tokenizes it), ``vector`` feeds the dense side.
            k: Number of hits.
            where: Metadata filter applied inside Milvus before ranking.
            mode: ``bm25``, ``dense`` or ``hybrid``; defaults to ``self.mode``.

        Returns:
            Pairs with the score described in the module docstring.

        Raises:
            ValueError: Bad ``k`` or ``mode``, or a dense/hybrid search without ``query.vector``.
        """
        return [(cid, score) for cid, score, _ in self._search(query, k, where, mode, False)]

    def search_with_scores(self, query: Query, k: int, where: Filter | None = None,
                           mode: str | None = None) -> list[tuple[str, float, dict[str, float]]]:
        """Like ``search`` plus raw per-side scores ``{"bm25": …, "dense": …}`` for each hit.

        ``dense`` is present when ``query.vector`` is given, ``bm25`` when ``query.text`` is.
        """
        return self._search(query, k, where, mode, True)

    def _search(self, query: Query, k: int, where: Filter | None, mode: str | None,
                with_sides: bool) -> list[tuple[str, float, dict[str, float]]]:
        mode = mode or self.mode
        if mode not in MODES:
            raise ValueError(f"mode {mode!r} is not one of {', '.join(MODES)}")
        if not isinstance(k, int) or not 1 <= k <= MAX_TOPK:
            raise ValueError(f"k {k!r} must be an int from 1 to {MAX_TOPK}")
        if mode != "bm25" and query.vector is None:
            raise ValueError(f"mode {mode!r} needs query.vector; embed the query or use 'bm25'")
        qvec = None if query.vector is None else np.asarray(query.vector, np.float32).ravel()
        if qvec is not None and qvec.shape != (self.dim,):
            raise ValueError(f"query.vector shape {qvec.shape} must be ({self.dim},)")
        text = query.text.strip()
        if mode == "bm25" and not text:
            return []
        self._load()
        self._check_dim()
        if mode == "hybrid" and text and self.ranker == "client":
            return self._fused(text, qvec, k, filter_expr(where), with_sides)
        fields = ["clause_id", "dense"] if with_sides and qvec is not None else ["clause_id"]
        hits = self._ranked(mode, text, qvec, k, filter_expr(where), fields)
        # BM25 scores are never negative, but Milvus Lite reports them negated.
        fix = abs if mode == "bm25" else float
        ranked = [(h["clause_id"], fix(float(h["distance"]))) for h in hits]
        if not with_sides:
            return [(cid, score, {}) for cid, score in ranked]
        sides: dict[str, dict[str, float]] = {cid: {} for cid, _ in ranked}
        if qvec is not None:
            qn = qvec / (np.linalg.norm(qvec) or 1.0)
            for h in hits:
                sides[h["clause_id"]]["dense"] = _cosine(qn, h["entity"]["dense"])
        if text:
            bm25 = dict(ranked) if mode == "bm25" else self._bm25_of(text, list(sides))
            for cid, side in sides.items():
                side["bm25"] = bm25.get(cid, 0.0)
        return [(cid, score, sides[cid]) for cid, score in ranked]

    def _fused(self, text: str, qvec: np.ndarray, k: int, expr: str,
               with_sides: bool) -> list[tuple[str, float, dict[str, float]]]:
        """Hybrid fused here by ``rag.retrieval.fuse`` over each side's Milvus candidates, so
        both backends turn the same two lists into the same ranking."""
        depth = min(k * self.depth, MAX_TOPK)
        lists = {"bm25": [(h["clause_id"], abs(float(h["distance"])))
                          for h in self._ranked("bm25", text, qvec, depth, expr, ["clause_id"])],
                 "dense": [(h["clause_id"], float(h["distance"]))
                           for h in self._ranked("dense", text, qvec, depth, expr, ["clause_id"])]}
        fused = fuse(lists, self.fusion, dict(zip(("bm25", "dense"), self.weights, strict=True)),
                     k=k, rrf_k=self.rrf_k)
        if not with_sides:
            return [(cid, score, {}) for cid, score, _ in fused]
        # A clause proposed by one side only still gets the other side's raw score.
        bm25 = self._bm25_of(text, [cid for cid, _, raw in fused if "bm25" not in raw])
        cosines = self._cosines_of(qvec, [cid for cid, _, raw in fused if "dense" not in raw])
        return [(cid, score, {"bm25": raw.get("bm25", bm25.get(cid, 0.0)),
                              "dense": raw.get("dense", cosines.get(cid, 0.0))})
                for cid, score, raw in fused]

    def _cosines_of(self, qvec: np.ndarray, clause_ids: list[str]) -> dict[str, float]:
        """Cosine of the query with these clauses' stored vectors."""
        if not clause_ids:
            return {}
        rows = self.client.query(self.collection, output_fields=["clause_id", "dense"],
                                 filter=ids_expr(clause_ids))
        qn = qvec / (np.linalg.norm(qvec) or 1.0)
        return {r["clause_id"]: _cosine(qn, r["dense"]) for r in rows}

    def _ranked(self, mode: str, text: str, qvec: np.ndarray | None, k: int, expr: str,
                fields: list[str]) -> list:
        """The Milvus call for one mode; hits carry ``clause_id``, ``distance``, ``entity``."""
        bm25 = ([text], "sparse", {"metric_type": "BM25"})
        dense = ([qvec.tolist()] if qvec is not None else None, "dense", {"metric_type": "COSINE"})
        if mode == "hybrid" and text:
            limit = min(k * self.depth, MAX_TOPK)
            reqs = [self._pm.AnnSearchRequest(data, field, param, limit, expr=expr or None)
                    for data, field, param in (bm25, dense)]
            ranker = (self._pm.RRFRanker(self.rrf_k) if self.fusion is FusionMode.RRF
                      else self._pm.WeightedRanker(*self.weights))
            res = self.client.hybrid_search(self.collection, reqs, ranker=ranker, limit=k,
                                            output_fields=fields)
        else:
            # A hybrid query without text has only its dense side to offer.
            data, field, param = bm25 if mode == "bm25" else dense
            res = self.client.search(self.collection, data=data, anns_field=field,
                                     search_params=param, limit=k, filter=expr,
                                     output_fields=fields)
        return list(res[0]) if res else []

    def _bm25_of(self, text: str, clause_ids: list[str]) -> dict[str, float]:
        """Raw BM25 of ``text`` for these clauses (absent: no query term occurs in it)."""
        if not clause_ids:
            return {}
        res = self.client.search(self.collection, data=[text], anns_field="sparse",
                                 search_params={"metric_type": "BM25"}, limit=len(clause_ids),
                                 filter=ids_expr(clause_ids),
                                 output_fields=["clause_id"])
        return {h["clause_id"]: abs(float(h["distance"])) for h in (res[0] if res else [])}
