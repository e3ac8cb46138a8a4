"""BM25 on bm25s, checked against rank-bm25's scores; filters applied before ranking."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from rag.model import Clause, Document
from rag.retrieval.base import Filter, Query, RowFilter
from rag.retrieval.bm25 import BM25Retriever
from rag.retrieval.tokenize import Tokenizer

TEXTS = [
    "加快建设充电基础设施，推进居民小区充电桩建设",
    "推动动力电池回收利用，建设回收网点",
    "培育专精特新企业，支持企业开拓海外市场",
    "到2025年全省新能源汽车产量达到100万辆左右",
    "推广氢燃料电池汽车，建设加氢站",
    "鼓励公共领域车辆电动化，推广新能源公交车",
    "完善充电设施运营服务平台，推动车网互动",
    "扩大新能源汽车出口规模，开拓一带一路市场",
]


@pytest.fixture(scope="module")
def corpus() -> list[list[str]]:
    tokenizer = Tokenizer(["充电基础设施"])
    return tokenizer.tokenize_many(TEXTS)


def test_robertson_equals_rank_bm25_okapi(corpus):
    # rank-bm25 floors negative idf (df > N/2) at epsilon * mean idf, bm25s clamps it to 0;
    # on a corpus where no token is in more than half the documents the two agree exactly.
    df = Counter(t for doc in corpus for t in set(doc))
    assert max(df.values()) <= len(corpus) / 2
    ours = BM25Retriever([str(i) for i in range(len(corpus))], corpus, k1=1.2, b=0.75, method="robertson")
    ref = BM25Okapi(corpus, k1=1.2, b=0.75)
    for query in (["充电", "建设"], ["电池", "回收"], ["新能源", "汽车", "汽车"], corpus[0], ["没有"]):
        np.testing.assert_allclose(ours.scores(query), ref.get_scores(query), rtol=1e-5, atol=1e-6)


class LuceneIdfOkapi(BM25Okapi):
    """rank-bm25's Okapi scoring with Lucene's idf, log(1 + (N - df + 0.5) / (df + 0.5))."""

    def _calc_idf(self, nd):
        self.idf = {w: math.log(1 + (self.corpus_size - f + 0.5) / (f + 0.5)) for w, f in nd.items()}


def test_lucene_equals_rank_bm25_with_lucene_idf(corpus):
    # Add a token present in every document: Lucene's idf stays positive where Okapi's is not.
    docs = [[*doc, "推动"] for doc in corpus]
    ours = BM25Retriever([str(i) for i in range(len(docs))], docs, k1=1.5, b=0.75, method="lucene")
    ref = LuceneIdfOkapi(docs, k1=1.5, b=0.75)
    for query in (["推动"], ["充电", "推动"], ["氢", "燃料", "电池"], docs[3]):
        np.testing.assert_allclose(ours.scores(query), ref.get_scores(query), rtol=1e-5, atol=1e-6)
    assert (ours.scores(["推动"]) > 0).all()


def test_search_ranks_matching_clauses_only(corpus):
    ids = [f"c{i}" for i in range(len(corpus))]
    bm25 = BM25Retriever(ids, corpus)
    hits = bm25.search(Query(text="", tokens=("充电", "桩")), k=5)
    assert hits[0][0] == "c0"
    assert {i for i, _ in hits} == {"c0", "c6"}  # only clauses sharing a token
    assert all(s > 0 for _, s in hits)
    assert bm25.search(Query(text="", tokens=("不存在的词",)), k=5) == []
    assert bm25.search(Query(text="", tokens=()), k=5) == []


def test_filter_applies_before_ranking(corpus):
    docs = [Document(id="a", title="A", level="province", region="山东省"),
            Document(id="b", title="B", level="city", region="聊城市")]
    clauses = [Clause(id=f"{'a' if i < 4 else 'b'}:{i}", doc_id="a" if i < 4 else "b", path=(), title="", text=t)
               for i, t in enumerate(TEXTS)]
    rows = RowFilter(clauses, docs)
    bm25 = BM25Retriever([c.id for c in clauses], corpus, rows=rows)
    query = Query(text="", tokens=("建设", "充电", "电池"))
    unfiltered = bm25.search(query, k=1)
    assert unfiltered[0][0].startswith("a:")
    only_b = bm25.search(query, k=10, where=Filter(levels=frozenset({"city"})))
    assert only_b and all(cid.startswith("b:") for cid, _ in only_b)
    # Every matching clause of b is returned, not just those in the unfiltered top k.
    expected = {c.id for c, s in zip(clauses, bm25.scores(query.tokens), strict=True) if s > 0 and c.doc_id == "b"}
    assert {cid for cid, _ in only_b} == expected
    with pytest.raises(ValueError, match="without rows"):
        BM25Retriever([c.id for c in clauses], corpus).search(query, 3, where=Filter(doc_ids=frozenset({"a"})))


def test_save_and_load_round_trip(corpus, tmp_path):
    ids = [f"c{i}" for i in range(len(corpus))]
    bm25 = BM25Retriever(ids, corpus, k1=1.2, b=0.6)
    files = bm25.save(tmp_path / "bm25")
    assert files
    again = BM25Retriever.load(tmp_path / "bm25", ids, bm25.params)
    np.testing.assert_array_equal(again.scores(["充电", "市场"]), bm25.scores(["充电", "市场"]))
    with pytest.raises(ValueError, match="rows"):
        BM25Retriever.load(tmp_path / "bm25", ids[:-1], bm25.params)


def test_empty_documents_and_empty_corpus():
    bm25 = BM25Retriever(["x", "y"], [["充电"], []])
    assert bm25.scores(["充电"])[1] == 0
    empty = BM25Retriever(["x"], [[]])
    assert empty.search(Query(text="", tokens=("充电",)), 3) == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"method": "bm42"}, "lucene, robertson"), ({"k1": 0}, "k1"), ({"b": 1.5}, "b must")],
)
def test_bad_parameters(kwargs, message):
    with pytest.raises(ValueError, match=message):
        BM25Retriever(["x"], [["a"]], **kwargs)


def test_length_mismatch():
    with pytest.raises(ValueError, match="token lists"):
        BM25Retriever(["x", "y"], [["a"]])
