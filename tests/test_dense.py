"""Dense retrieval: faiss against numpy brute force, HNSW above the threshold, filters."""

from __future__ import annotations

import numpy as np
import pytest

from rag.model import Clause, Document
from rag.retrieval.base import Filter, Query, RowFilter
from rag.retrieval.dense import DenseRetriever

N, DIM = 600, 48


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(N, DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    queries = rng.normal(size=(12, DIM)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    docs = [Document(id=f"d{j}", title=f"D{j}", level="city" if j % 2 else "province") for j in range(6)]
    # d5 is small (3 clauses), the rest share the remaining rows.
    doc_of = [("d5" if i < 3 else f"d{i % 5}") for i in range(N)]
    clauses = [Clause(id=f"c{i}", doc_id=doc_of[i], path=(), title="", text="") for i in range(N)]
    return vectors, queries, docs, clauses


def brute(vectors, q, k, allowed=None):
    scores = vectors @ q
    rows = np.arange(len(vectors)) if allowed is None else np.flatnonzero(allowed)
    order = rows[np.argsort(-scores[rows], kind="stable")][:k]
    return [int(r) for r in order], scores[order]


def test_flat_top_k_equals_numpy_brute_force(data):
    vectors, queries, _, _ = data
    dense = DenseRetriever([f"c{i}" for i in range(N)], vectors)
    assert dense.kind == "flat"
    for q in queries:
        got = dense.top(q, 10)
        rows, scores = brute(vectors, q, 10)
        assert [r for r, _ in got] == rows
        np.testing.assert_allclose([s for _, s in got], scores, rtol=1e-5, atol=1e-6)


def test_search_returns_ids_and_cosines(data):
    vectors, queries, _, _ = data
    dense = DenseRetriever([f"c{i}" for i in range(N)], vectors)
    hits = dense.search(Query(text="", tokens=(), vector=queries[0]), k=3)
    rows, scores = brute(vectors, queries[0], 3)
    assert [cid for cid, _ in hits] == [f"c{r}" for r in rows]
    np.testing.assert_allclose(dense.scores_for(queries[0], rows), scores, rtol=1e-6)


def test_hnsw_above_threshold_has_high_recall(data):
    vectors, queries, _, _ = data
    dense = DenseRetriever([f"c{i}" for i in range(N)], vectors, hnsw_threshold=100)
    assert dense.kind == "hnsw"
    recall = []
    for q in queries:
        got = {r for r, _ in dense.top(q, 10)}
        recall.append(len(got & set(brute(vectors, q, 10)[0])) / 10)
    assert np.mean(recall) >= 0.9


@pytest.mark.parametrize("threshold", [20_000, 100])
def test_filter_before_ranking_never_returns_fewer_than_available(data, threshold):
    vectors, queries, docs, clauses = data
    rows = RowFilter(clauses, docs)
    dense = DenseRetriever([c.id for c in clauses], vectors, hnsw_threshold=threshold, rows=rows)
    q = Query(text="", tokens=(), vector=queries[1])
    tiny = dense.search(q, k=10, where=Filter(doc_ids=frozenset({"d5"})))
    assert sorted(cid for cid, _ in tiny) == ["c0", "c1", "c2"]
    # A narrow filter is answered exactly.
    mask = rows.mask(Filter(doc_ids=frozenset({"d1"})))
    rows_expected, _ = brute(vectors, queries[1], 10, mask)
    narrow = dense.search(q, k=10, where=Filter(doc_ids=frozenset({"d1"})))
    assert [cid for cid, _ in narrow] == [f"c{r}" for r in rows_expected]


def test_wide_filter_on_hnsw_uses_selector_and_keeps_k(data):
    vectors, queries, docs, clauses = data
    rows = RowFilter(clauses, docs)
    # threshold 100 < rows allowed by the filter, so faiss's IDSelector path runs.
    dense = DenseRetriever([c.id for c in clauses], vectors, hnsw_threshold=100, rows=rows)
    where = Filter(levels=frozenset({"province"}))
    allowed = rows.mask(where)
    assert allowed.sum() > 100
    got = dense.top(queries[2], 10, allowed)
    assert len(got) == 10
    assert all(allowed[r] for r, _ in got)


def test_bad_shapes_raise(data):
    vectors, _, _, _ = data
    with pytest.raises(ValueError, match="shape"):
        DenseRetriever(["a"], vectors)
    dense = DenseRetriever([f"c{i}" for i in range(N)], vectors)
    with pytest.raises(ValueError, match="dimension"):
        dense.top(np.ones(DIM + 1, np.float32), 3)
    with pytest.raises(ValueError, match="query vector"):
        dense.search(Query(text="", tokens=()), 3)
