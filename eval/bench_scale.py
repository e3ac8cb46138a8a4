"""The bench's scale sweep: BM25 and dense build and search time as the corpus grows.

Synthetic corpora (``eval.synth``) of 1k, 10k and 100k clauses are indexed and queried, and
``plot_scale`` draws the result (``eval/scale.png``). Part of ``policyqa bench``; never asserted.
"""

from __future__ import annotations

import resource
import time
from pathlib import Path

import numpy as np

from eval.bench import percentiles, timed


def bench_scale(sizes=(1_000, 10_000, 100_000), seed: int = 7, n_queries: int = 50) -> list[dict]:
    """Build and query BM25 and dense indexes on synthetic corpora of growing size.

    Embedding 100k passages with the bundled model would take hours on two cores, so dense vectors
    for the sweep are drawn from a pool of real e5 passage embeddings of distinct synthetic clauses
    plus small noise; the embedding cost itself is reported separately per passage.

    Per size: jieba tokenizing, BM25 (bm25s) and faiss build; p50 of each side alone on prepared
    queries; ``hybrid_new_p50_ms``, the whole ``HybridSearcher.search`` of a question it has never
    seen (the e5 query embedding, both sides, the fusion); and rank-bm25's ``BM25Okapi`` build and
    query on the same tokens, the library bm25s replaced.
    """
    from rank_bm25 import BM25Okapi

    from eval.synth import synth_corpus
    from rag.index.embed import get_embedder
    from rag.retrieval.base import Query
    from rag.retrieval.bm25 import BM25Retriever
    from rag.retrieval.dense import DenseRetriever
    from rag.retrieval.hybrid import HybridSearcher
    from rag.retrieval.tokenize import Tokenizer

    emb = get_embedder("e5")
    tok = Tokenizer()
    rng = np.random.default_rng(seed)
    _, pool_clauses = synth_corpus(256, seed)
    t0 = time.perf_counter()
    pool = emb.embed_passages([c.index_text for c in pool_clauses])
    per_passage_ms = (time.perf_counter() - t0) * 1000 / len(pool_clauses)
    rows = []
    for n in sizes:
        documents, clauses = synth_corpus(n, seed)
        ids = [c.id for c in clauses]
        t0 = time.perf_counter()
        tokens = [tok.tokenize(c.index_text) for c in clauses]
        tok_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        bm25 = BM25Retriever(ids, tokens)
        bm25_s = time.perf_counter() - t0
        vecs = pool[rng.integers(0, len(pool), n)] + rng.normal(0, 0.02, (n, pool.shape[1])).astype(np.float32)
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        t0 = time.perf_counter()
        dense = DenseRetriever(ids, vecs.astype(np.float32))
        dense_s = time.perf_counter() - t0
        queries = [clauses[int(i)] for i in rng.integers(0, n, n_queries)]
        prepared = [Query(q.title or q.text[:20], tuple(tok.tokenize(q.title or q.text[:20])),
                          vecs[ids.index(q.id)] if n <= 10_000 else vecs[int(rng.integers(0, n))])
                    for q in queries]
        bm25_ms = percentiles(timed(lambda q, r=bm25: r.search(q, 50), prepared))
        dense_ms = percentiles(timed(lambda q, r=dense: r.search(q, 50), prepared))
        hybrid = HybridSearcher(clauses, documents, tok, emb, bm25, dense, cache_size=0)
        asked = [f"{q.title or q.text[:20]}有什么要求" for q in queries]  # new text: embedded per call
        hybrid_ms = percentiles(timed(lambda q, h=hybrid: h.search(q, top_k=5), asked))
        t0 = time.perf_counter()
        okapi = BM25Okapi(tokens)
        okapi_s = time.perf_counter() - t0
        okapi_ms = percentiles(timed(lambda q, r=okapi: np.argpartition(-r.get_scores(q.tokens), 50)[:50],
                                     prepared[:20]))
        rows.append({"clauses": n, "tokenize_s": round(tok_s, 2), "bm25_build_s": round(bm25_s, 2),
                     "dense_build_s": round(dense_s, 2), "bm25_p50_ms": bm25_ms["p50"],
                     "dense_p50_ms": dense_ms["p50"], "search_p50_ms": round(bm25_ms["p50"] + dense_ms["p50"], 2),
                     "hybrid_new_p50_ms": hybrid_ms["p50"], "hybrid_new_p95_ms": hybrid_ms["p95"],
                     "rank_bm25_build_s": round(okapi_s, 2), "rank_bm25_p50_ms": okapi_ms["p50"],
                     "embed_ms_per_passage": round(per_passage_ms, 1),
                     "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)})
    return rows


def plot_scale(rows: list[dict], path: Path) -> None:
    """Write the scale sweep as a PNG (log-log: clauses vs latency and build time)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    n = [r["clauses"] for r in rows]
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    a.loglog(n, [r["bm25_p50_ms"] for r in rows], "o-", label="BM25 p50")
    a.loglog(n, [r["dense_p50_ms"] for r in rows], "s-", label="dense p50")
    a.loglog(n, [r["hybrid_new_p50_ms"] for r in rows], "^-", label="hybrid, new question (incl. e5) p50")
    a.loglog(n, [r["rank_bm25_p50_ms"] for r in rows], "x--", label="rank-bm25 p50 (replaced)")
    a.set_xlabel("clauses")
    a.set_ylabel("ms per query")
    a.legend()
    a.grid(True, which="both", alpha=0.3)
    b.loglog(n, [r["bm25_build_s"] + r["tokenize_s"] for r in rows], "o-", label="BM25 build (incl. jieba)")
    b.loglog(n, [max(r["dense_build_s"], 0.005) for r in rows], "s-", label="faiss build (floor 5 ms)")
    b.set_xlabel("clauses")
    b.set_ylabel("seconds")
    b.legend()
    b.grid(True, which="both", alpha=0.3)
    fig.suptitle("policyqa scale sweep (synthetic corpus, 2 cores)")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
