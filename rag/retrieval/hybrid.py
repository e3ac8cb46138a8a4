"""Hybrid search: BM25 and dense candidates fused, with both raw scores on every hit.

A question is prepared once (``prepare``: fold, tokenize, embed; recent questions are cached),
each side fetches ``top_k * depth_factor`` candidates among the rows the filter allows, the lists
are fused (``rag.retrieval.fuse``), and every returned hit carries ``{"bm25", "dense",
"fused"}`` — the side that did not propose a clause is computed for it (its BM25 score from the
full score vector, its cosine from the stored vector), so the answer layer can judge raw
relevance whatever the ranking mode.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from rag.index.embed import Embedder
from rag.model import Clause, Document, Hit
from rag.retrieval.base import MODES, Filter, Query, RowFilter
from rag.retrieval.bm25 import BM25Retriever
from rag.retrieval.dense import DenseRetriever
from rag.retrieval.fuse import FusionMode, fuse
from rag.retrieval.tokenize import Tokenizer


def _check_mode(mode: str) -> str:
    if mode not in MODES:
        raise ValueError(f"unknown search mode {mode!r}; allowed: {', '.join(MODES)}")
    return mode


class HybridSearcher:
    """Composes a BM25 and a dense retriever over the same clause rows.

    Args:
        clauses: The indexed clauses, in row order.
        documents: Their documents (list or ``{id: Document}``).
        tokenizer: Tokenizer the BM25 side was built with.
        embedder: Embedder the vectors were built with; ``None`` allows ``bm25`` mode only.
        bm25: BM25 retriever over ``clauses``.
        dense: Dense retriever over ``clauses``; ``None`` allows ``bm25`` mode only.
        mode_default: Mode used when ``search`` gets none.
        fusion: ``rrf`` or ``weighted``.
        weights: Fusion weights per side, e.g. ``{"bm25": 0.4, "dense": 0.6}``; default equal
            halves. The weighted-mode default was chosen on ``eval/qa.jsonl`` (see the
            closing note of the hybrid-retrieval issue).
        depth_factor: Each side fetches ``top_k * depth_factor`` candidates.
        rrf_k: RRF damping constant.
        cache_size: Prepared questions kept (LRU); 0 disables the cache.

    Raises:
        ValueError: Retrievers disagree with ``clauses``, or a bad mode/fusion/parameter.
    """

    def __init__(
        self,
        clauses: Sequence[Clause],
        documents: Iterable[Document] | Mapping[str, Document],
        tokenizer: Tokenizer,
        embedder: Embedder | None,
        bm25: BM25Retriever,
        dense: DenseRetriever | None,
        mode_default: str = "hybrid",
        fusion: FusionMode | str = FusionMode.WEIGHTED,
        weights: Mapping[str, float] | None = None,
        depth_factor: int = 10,
        rrf_k: int = 60,
        cache_size: int = 1024,
    ):
        self.clauses = list(clauses)
        self.documents = dict(documents) if isinstance(documents, Mapping) else {d.id: d for d in documents}
        ids = [c.id for c in self.clauses]
        if bm25.ids != ids:
            raise ValueError("the BM25 retriever's rows do not match the clauses")
        if dense is not None and dense.ids != ids:
            raise ValueError("the dense retriever's rows do not match the clauses")
        if dense is not None and embedder is not None and embedder.dim != dense.dim:
            raise ValueError(f"embedder dim {embedder.dim} does not match the vectors' dim {dense.dim}")
        if depth_factor < 1:
            raise ValueError(f"depth_factor must be >= 1, got {depth_factor}")
        if cache_size < 0:
            raise ValueError(f"cache_size must be >= 0, got {cache_size}")
        self.tokenizer, self.embedder, self.bm25, self.dense = tokenizer, embedder, bm25, dense
        self.mode_default = _check_mode(mode_default)
        self.fusion = FusionMode.from_str(fusion)
        # Equal halves by default, so a weighted fused score stays in [0, 1].
        self.weights = dict(weights) if weights else {"bm25": 0.5, "dense": 0.5}
        fuse({"bm25": [], "dense": []}, self.fusion, self.weights, k=1, rrf_k=rrf_k)  # validates
        self.depth_factor, self.rrf_k, self.cache_size = depth_factor, rrf_k, cache_size
        self.rows = RowFilter(self.clauses, self.documents)
        self._cache: OrderedDict[tuple[str, bool], Query] = OrderedDict()
        self._cache_lock = threading.Lock()  # the API serves requests from a thread pool
        self._backend = None
        self._by_id = {c.id: c for c in self.clauses}

    def with_backend(self, backend) -> HybridSearcher:
        """The same searcher ranking through another backend (e.g. ``MilvusIndex``).

        The backend must offer ``search_with_scores(query, k, where, mode)`` returning
        ``(clause_id, score, {side: raw})``; preparing the question stays here.
        """
        other = copy.copy(self)
        other._backend = backend
        return other

    @property
    def can_embed(self) -> bool:
        return self.embedder is not None and self.dense is not None

    def clear_cache(self) -> None:
        """Forget every prepared question (the next search folds, tokenizes and embeds again)."""
        with self._cache_lock:
            self._cache.clear()

    def prepare(self, text: str, embed: bool = True) -> Query:
        """Fold, tokenize and (when ``embed`` and possible) embed a question, once.

        Args:
            text: The question as asked.
            embed: Compute the query vector (skipped when no embedder is configured).

        Returns:
            The prepared ``Query`` (cached by text; its vector is read-only).
        """
        embed = embed and self.can_embed
        key = (text, embed)
        with self._cache_lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
        folded = " ".join(self.tokenizer.fold(text).split())
        vector = None
        if embed:
            vector = self.embedder.embed_queries([folded])[0]
            vector.flags.writeable = False
        query = Query(text=folded, tokens=tuple(self.tokenizer.tokenize(folded)), vector=vector)
        if self.cache_size:
            with self._cache_lock:
                self._cache[key] = query
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        return query

    def candidate_rows(self, term: str) -> np.ndarray | None:
        """The clauses that may hold ``term``: those holding its rarest token (from the BM25
        index, no scan); ``None`` when the tokenizer gives no token for it."""
        tokens = self.tokenizer.tokenize(term)
        if not tokens:
            return None
        return min((self.bm25.rows_with(t) for t in tokens), key=len)

    def search(
        self,
        query: str | Query,
        top_k: int = 5,
        mode: str | None = None,
        where: Filter | None = None,
    ) -> list[Hit]:
        """Rank clauses for a question.

        Args:
            query: The question, or a ``Query`` from ``prepare``.
            top_k: Number of hits (>= 1).
            mode: ``hybrid``, ``bm25`` or ``dense``; ``None`` uses ``mode_default``.
            where: Metadata filter applied before ranking.

        Returns:
            Hits, best first, ranks from 1. ``Hit.score`` is the fused score (hybrid), the BM25
            score (bm25) or the cosine (dense); ``Hit.scores`` holds ``bm25`` and, when the
            query has a vector, ``dense``, plus ``fused`` in hybrid mode. In ``bm25`` mode a
            question given as text is not embedded, so ``dense`` is absent there.

        Raises:
            ValueError: Bad ``mode`` or ``top_k``, or a dense mode without an embedder.
        """
        mode = _check_mode(self.mode_default if mode is None else mode)
        if isinstance(top_k, bool) or not isinstance(top_k, int | np.integer) or top_k < 1:
            raise ValueError(f"top_k must be an integer >= 1, got {top_k!r}")
        if mode != "bm25" and not self.can_embed:
            raise ValueError(f"mode {mode!r} needs an embedder and vectors; only 'bm25' is available")
        q = query if isinstance(query, Query) else self.prepare(query, embed=mode != "bm25")
        if mode != "bm25" and q.vector is None:
            raise ValueError(f"mode {mode!r} needs a query prepared with embed=True")
        if self._backend is not None:
            return self._search_backend(q, top_k, mode, where)
        mask = self.rows.mask(where)
        depth = top_k * self.depth_factor if mode == "hybrid" else top_k

        bm25_top, bm25_scores = self.bm25.top(q.tokens, depth, mask)
        if mode == "bm25":
            ranked = [(r, s, {}) for r, s in bm25_top]
        else:
            dense_top = self.dense.top(q.vector, depth, mask)
            if mode == "dense":
                ranked = [(r, s, {}) for r, s in dense_top]
            else:
                ranked = fuse({"bm25": bm25_top, "dense": dense_top}, self.fusion, self.weights,
                              k=top_k, rrf_k=self.rrf_k)
        ranked = ranked[:top_k]
        rows = [r for r, _, _ in ranked]
        has_dense = q.vector is not None and self.dense is not None and rows
        cosines = self.dense.scores_for(q.vector, rows) if has_dense else None
        hits = []
        for n, (row, score, _) in enumerate(ranked):
            scores = {"bm25": float(bm25_scores[row])}
            if cosines is not None:
                scores["dense"] = float(cosines[n])
            if mode == "hybrid":
                scores["fused"] = float(score)
            hits.append(Hit(clause=self.clauses[row], score=float(score), rank=n + 1, scores=scores))
        return hits

    def _search_backend(self, q: Query, top_k: int, mode: str, where: Filter | None) -> list[Hit]:
        hits = []
        for cid, score, sides in self._backend.search_with_scores(q, top_k, where, mode):
            if cid not in self._by_id:
                continue  # written by a newer index (another process is syncing the collection)
            scores = {k: float(v) for k, v in sides.items() if k in ("bm25", "dense")}
            if mode == "hybrid":
                scores["fused"] = float(score)
            hits.append(Hit(clause=self._by_id[cid], score=float(score), rank=len(hits) + 1, scores=scores))
        return hits
