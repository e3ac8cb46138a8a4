"""BM25 over jieba tokens, on bm25s's precomputed sparse score matrix.

bm25s stores every (term, clause) BM25 contribution in a CSC matrix at index time, so a query is
a few column sums — milliseconds at 100k clauses, where rank-bm25 loops over every document in
Python. Scores are reported on rank-bm25's Okapi scale, ``idf * tf * (k1 + 1) / (tf + k1 * (1 - b
+ b * len / avglen))``: bm25s leaves out the constant ``(k1 + 1)``, so it is multiplied back in.

Two idf variants:

- ``lucene`` (default): ``log(1 + (N - df + 0.5) / (df + 0.5))``, never negative, so a term that
  occurs in most clauses still counts a little.
- ``robertson``: ``log((N - df + 0.5) / (df + 0.5))``, the textbook Okapi idf, equal to
  rank-bm25's ``BM25Okapi`` as long as no term is in more than half the clauses (above that
  bm25s clamps the idf to 0 while rank-bm25 substitutes ``epsilon * mean idf``).

The whole score vector is computed, then filtered, then ranked, so a metadata filter never
starves the result list, and the hybrid searcher can read the BM25 score of any clause.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np

from rag.retrieval.base import Filter, Query, RowFilter, top_rows

METHODS = ("lucene", "robertson")


class BM25Retriever:
    """Okapi BM25 over pre-tokenized clauses.

    Args:
        ids: Clause ids, one per row.
        token_lists: Tokens of each clause (``rag.retrieval.tokenize.Tokenizer.tokenize``).
        k1: Term-frequency saturation (> 0).
        b: Length normalization in [0, 1].
        method: idf variant, one of ``METHODS``.
        rows: Row metadata for ``where`` filters; without it only unfiltered search works.

    Raises:
        ValueError: Bad parameters, or ``ids`` and ``token_lists`` differ in length.
    """

    name = "bm25"

    def __init__(
        self,
        ids: Sequence[str],
        token_lists: Sequence[Sequence[str]] | None,
        *,
        k1: float = 1.5,
        b: float = 0.75,
        method: str = "lucene",
        rows: RowFilter | None = None,
        _model: bm25s.BM25 | None = None,
    ):
        if method not in METHODS:
            raise ValueError(f"unknown BM25 method {method!r}; allowed: {', '.join(METHODS)}")
        if not k1 > 0:
            raise ValueError(f"k1 must be > 0, got {k1}")
        if not 0 <= b <= 1:
            raise ValueError(f"b must be in [0, 1], got {b}")
        self.ids = list(ids)
        if rows is not None and len(rows) != len(self.ids):
            raise ValueError(f"rows describe {len(rows)} clauses but there are {len(self.ids)} ids")
        self.k1, self.b, self.method = float(k1), float(b), method
        self.rows = rows
        if _model is not None:
            self._model = _model
        else:
            if token_lists is None or len(token_lists) != len(self.ids):
                n = "no" if token_lists is None else len(token_lists)
                raise ValueError(f"{len(self.ids)} ids but {n} token lists")
            self._model = bm25s.BM25(k1=self.k1, b=self.b, method=method)
            if self.ids:
                # An all-empty corpus has no vocabulary; bm25s cannot index it.
                corpus = [list(t) for t in token_lists]
                if any(corpus):
                    self._model.index(corpus, show_progress=False)
                else:
                    self._model = None
            else:
                self._model = None
        self._scale = self.k1 + 1.0

    @property
    def params(self) -> dict:
        """Build parameters for the index manifest."""
        return {"k1": self.k1, "b": self.b, "method": self.method, "library": f"bm25s {bm25s.__version__}"}

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every clause for the query tokens (0 where no token matches).

        Args:
            tokens: Query tokens; unknown tokens are ignored, repeated ones count again.

        Returns:
            float32 array, one score per row.
        """
        if self._model is None:
            return np.zeros(len(self.ids), np.float32)
        token_ids = self._model.get_tokens_ids(list(tokens))
        if not token_ids:
            return np.zeros(len(self.ids), np.float32)
        raw = self._model.get_scores_from_ids(token_ids)
        return np.asarray(raw, dtype=np.float32) * np.float32(self._scale)

    def rows_with(self, token: str) -> np.ndarray:
        """The rows (clauses) holding ``token``, read off the index's sparse score matrix (one
        column per token): no scan of the corpus. Empty for a token the index does not know."""
        if self._model is None or token not in self._model.vocab_dict:
            return np.zeros(0, np.int64)
        column, scores = self._model.vocab_dict[token], self._model.scores
        return np.asarray(scores["indices"][scores["indptr"][column]:scores["indptr"][column + 1]])

    def top(self, tokens: Sequence[str], k: int, mask: np.ndarray | None = None) -> tuple[list[tuple[int, float]], np.ndarray]:
        """Best rows among ``mask`` and the full score vector they came from.

        Args:
            tokens: Query tokens.
            k: Number of rows.
            mask: Allowed rows, or ``None``.

        Returns:
            ``([(row, score), …], scores)``; only rows matching at least one token are listed.
        """
        scores = self.scores(tokens)
        return top_rows(scores, k, mask, positive_only=True), scores

    def search(self, query: Query, k: int, where: Filter | None = None) -> list[tuple[str, float]]:
        """The ``Retriever`` interface: up to ``k`` ``(clause_id, score)`` pairs, best first.

        Raises:
            ValueError: ``k < 1``, or a non-empty filter without ``rows``.
        """
        if k < 1:
            raise ValueError(f"k must be >= 1, got {k}")
        mask = None
        if where is not None and not where.is_empty:
            if self.rows is None:
                raise ValueError("this BM25Retriever was built without rows; it cannot filter")
            mask = self.rows.mask(where)
        hits, _ = self.top(query.tokens, k, mask)
        return [(self.ids[r], s) for r, s in hits]

    def save(self, directory: Path) -> list[Path]:
        """Write the bm25s index files into ``directory`` (created if needed).

        Returns:
            The files written.
        """
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        if self._model is not None:
            self._model.save(str(directory))
        return sorted(p for p in directory.iterdir() if p.is_file())

    @classmethod
    def load(cls, directory: Path, ids: Sequence[str], params: dict, rows: RowFilter | None = None) -> BM25Retriever:
        """Read an index written by ``save``.

        Args:
            directory: The folder ``save`` wrote.
            ids: Clause ids in row order.
            params: ``params`` as recorded at build time (``k1``, ``b``, ``method``).
            rows: Row metadata for filters.

        Raises:
            ValueError: The saved index does not have one row per id.
        """
        directory = Path(directory)
        model = None
        if any(directory.glob("*.npy")):
            with contextlib.redirect_stdout(io.StringIO()):  # bm25s prints while loading
                model = bm25s.BM25.load(str(directory), mmap=False)
            if int(model.scores["num_docs"]) != len(ids):
                raise ValueError(f"BM25 index in {directory} has {model.scores['num_docs']} rows, expected {len(ids)}")
        tokens = None if model is not None else [[] for _ in ids]  # nothing was indexed
        return cls(ids, tokens, k1=params["k1"], b=params["b"], method=params["method"], rows=rows, _model=model)
