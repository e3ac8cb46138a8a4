"""Hybrid search with real jieba, bm25s, faiss and the bundled e5 model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rag.index.embed import E5Embedder
from rag.model import Clause, Document
from rag.retrieval.base import Filter, Query
from rag.retrieval.bm25 import BM25Retriever
from rag.retrieval.dense import DenseRetriever
from rag.retrieval.fuse import FusionMode
from rag.retrieval.hybrid import HybridSearcher
from rag.retrieval.tokenize import Tokenizer, domain_terms

DOCS = [
    Document(id="prov", title="某省新能源汽车行动计划", level="province", region="某省"),
    Document(id="city", title="某市新能源汽车实施方案", level="city", region="某市"),
]


def _clause(cid: str, path: tuple[str, ...], title: str, text: str, lead: tuple[str, ...] = ()) -> Clause:
    return Clause(id=cid, doc_id=cid.split(":")[0], path=path, title=title, text=text, lead=lead)


CLAUSES = [
    _clause("prov:二/六/1", ("二、重点任务", "（六）实施基础设施“提速提效”行动"), "1.加快建设充电基础设施",
            "加快建设充电基础设施，推动居民小区和高速公路服务区充电桩全覆盖。（牵头单位：省能源局）", ("省能源局",)),
    _clause("prov:二/一/1", ("二、重点任务", "（一）实施整车企业“龙头引领”行动"), "1.做强乘用车",
            "支持龙头企业扩大乘用车产能，到2025年产量达到100万辆。（牵头单位：省工业和信息化厅）", ("省工业和信息化厅",)),
    _clause("prov:二/四/2", ("二、重点任务", "（四）实施市场拓展行动"), "2.扩大出口",
            "支持企业开拓海外市场，扩大新能源汽车出口。（牵头单位：省商务厅）", ("省商务厅",)),
    _clause("city:四/九", ("四、重点任务",), "(九)完善充电基础设施建设",
            "新建住宅配建充电设施，推进乡村公共充电站(桩)建设。(牵头单位:市发展改革委)", ("市发展改革委",)),
    _clause("city:四/十", ("四、重点任务",), "(十)推动电池回收利用",
            "建设动力蓄电池回收网点，规范废旧电池回收。(牵头单位:市商务局)", ("市商务局",)),
    _clause("city:五/一", ("五、保障措施",), "(一)加强组织领导",
            "建立工作推进机制，定期调度重点任务进展。", ()),
]


@pytest.fixture(scope="module")
def parts():
    tokenizer = Tokenizer(domain_terms(CLAUSES))
    embedder = E5Embedder()
    ids = [c.id for c in CLAUSES]
    texts = [c.index_text for c in CLAUSES]
    bm25 = BM25Retriever(ids, tokenizer.tokenize_many(texts))
    vectors = embedder.embed_passages([tokenizer.fold(t) for t in texts])
    dense = DenseRetriever(ids, vectors)
    return tokenizer, embedder, bm25, dense, vectors


@pytest.fixture(scope="module")
def searcher(parts) -> HybridSearcher:
    tokenizer, embedder, bm25, dense, _ = parts
    return HybridSearcher(CLAUSES, DOCS, tokenizer, embedder, bm25, dense)


def test_every_hybrid_hit_carries_both_raw_sides(searcher, parts):
    _, _, bm25, _, vectors = parts
    query = searcher.prepare("充电基础设施哪个部门牵头")
    hits = searcher.search(query, top_k=4)
    assert len(hits) == 4
    assert [h.rank for h in hits] == [1, 2, 3, 4]
    row = {c.id: i for i, c in enumerate(CLAUSES)}
    bm25_all = bm25.scores(query.tokens)
    for hit in hits:
        assert set(hit.scores) == {"bm25", "dense", "fused"}
        assert hit.score == hit.scores["fused"]
        r = row[hit.clause.id]
        assert hit.scores["bm25"] == pytest.approx(float(bm25_all[r]))
        assert hit.scores["dense"] == pytest.approx(float(vectors[r] @ query.vector), abs=1e-5)
    assert hits[0].clause.id in {"prov:二/六/1", "city:四/九"}


def test_colloquial_question_finds_charging_clause(searcher):
    top = [h.clause.id for h in searcher.search("谁管充电桩", top_k=3)]
    assert "prov:二/六/1" in top or "city:四/九" in top


def test_traditional_question_folds_to_the_same_query(searcher):
    assert searcher.prepare("誰負責充電樁").tokens == searcher.prepare("谁负责充电桩").tokens


def test_bm25_and_dense_modes(searcher):
    bm25_hits = searcher.search("电池回收", top_k=2, mode="bm25")
    assert bm25_hits[0].clause.id == "city:四/十"
    assert bm25_hits[0].score == bm25_hits[0].scores["bm25"]
    assert "dense" not in bm25_hits[0].scores  # text in bm25 mode is not embedded
    dense_hits = searcher.search("电池回收", top_k=2, mode="dense")
    assert dense_hits[0].score == pytest.approx(dense_hits[0].scores["dense"])
    assert set(dense_hits[0].scores) == {"bm25", "dense"}


def test_filter_applies_before_ranking(searcher):
    hits = searcher.search("充电基础设施", top_k=5, where=Filter(levels=frozenset({"city"})))
    assert hits and all(h.clause.doc_id == "city" for h in hits)
    assert len(hits) == 3  # every city clause (dense side ranks them all)
    only = searcher.search("充电基础设施", top_k=5, mode="bm25", where=Filter(doc_ids=frozenset({"prov"})))
    assert [h.clause.id for h in only][0] == "prov:二/六/1"


def test_weighted_fusion_mode(parts):
    tokenizer, embedder, bm25, dense, _ = parts
    weighted = HybridSearcher(CLAUSES, DOCS, tokenizer, embedder, bm25, dense,
                              fusion=FusionMode.WEIGHTED, weights={"bm25": 0.7, "dense": 0.3})
    hits = weighted.search("出口 海外市场", top_k=3)
    assert hits[0].clause.id == "prov:二/四/2"
    assert 0 < hits[0].score <= 1.0


def test_prepare_is_cached_and_read_only(searcher):
    a = searcher.prepare("动力电池回收网点在哪")
    assert searcher.prepare("动力电池回收网点在哪") is a
    with pytest.raises(ValueError):
        a.vector[0] = 1.0
    searcher.clear_cache()  # what the bench does to time a question as new
    again = searcher.prepare("动力电池回收网点在哪")
    assert again is not a and again.tokens == a.tokens
    np.testing.assert_allclose(again.vector, a.vector, atol=1e-6)


def test_cache_is_bounded(parts):
    tokenizer, embedder, bm25, dense, _ = parts
    small = HybridSearcher(CLAUSES, DOCS, tokenizer, embedder, bm25, dense, cache_size=2)
    first = small.prepare("一")
    small.prepare("二")
    small.prepare("三")
    assert small.prepare("一") is not first


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"mode": "sparse"}, "hybrid, bm25, dense"), ({"top_k": 0}, "top_k"), ({"top_k": 2.5}, "top_k")],
)
def test_bad_search_arguments(searcher, kwargs, message):
    with pytest.raises(ValueError, match=message):
        searcher.search("充电", **kwargs)


def test_bm25_only_searcher(parts):
    tokenizer, _, bm25, _, _ = parts
    lexical = HybridSearcher(CLAUSES, DOCS, tokenizer, None, bm25, None, mode_default="bm25")
    assert lexical.search("电池回收", top_k=1)[0].clause.id == "city:四/十"
    with pytest.raises(ValueError, match="only 'bm25'"):
        lexical.search("电池回收", mode="hybrid")


def test_mismatched_rows_rejected(parts):
    tokenizer, embedder, bm25, dense, _ = parts
    with pytest.raises(ValueError, match="rows"):
        HybridSearcher(CLAUSES[:-1], DOCS, tokenizer, embedder, bm25, dense)
    with pytest.raises(ValueError, match="valid modes"):
        HybridSearcher(CLAUSES, DOCS, tokenizer, embedder, bm25, dense, fusion="max")


def test_query_object_passes_through(searcher, parts):
    tokenizer, embedder, *_ = parts
    vec = embedder.embed_queries(["充电"])[0]
    q = Query(text="充电", tokens=tuple(tokenizer.tokenize("充电")), vector=vec)
    hits = searcher.search(q, top_k=2)
    assert hits and np.isfinite([h.scores["dense"] for h in hits]).all()


# ---------------------------------------------------------------- the real corpus
REPO = Path(__file__).resolve().parents[1]
CHARGING = {"shandong-nev-2023:二/六/1", "liaocheng-nev-2024:四/九"}


@pytest.fixture(scope="module")
def real(tmp_path_factory, parts) -> HybridSearcher:
    """The real corpus: reuse ``index/`` when it is current, else build one (embeds ~80 clauses)."""
    from rag.index.manifest import index_status
    from rag.index.store import build_index, load_index
    from rag.ingest.chunk import chunk_corpus
    from rag.ingest.corpus import corpus_checksums, load_manifest

    embedder = parts[1]
    files = load_manifest(REPO / "corpus")
    sums = corpus_checksums(files)
    index_dir = REPO / "index"
    if index_status(index_dir, embedder.name, sums) != "ok":
        index_dir = tmp_path_factory.mktemp("real") / "index"
        documents, clauses = chunk_corpus(files)
        build_index(documents, clauses, embedder, index_dir, sums, {}, progress=False)
    return load_index(index_dir, embedder, sums).searcher(embedder)


def test_real_corpus_colloquial_question_finds_charging_clause(real):
    assert CHARGING & {h.clause.id for h in real.search("谁管充电桩", top_k=5)}


def test_real_corpus_document_words_find_charging_clause(real):
    for mode in ("bm25", "hybrid"):
        top = [h.clause.id for h in real.search("充电基础设施 牵头", top_k=5, mode=mode)]
        assert CHARGING <= set(top), mode


def test_real_corpus_filter_by_document(real):
    where = Filter(doc_ids=frozenset({"liaocheng-nev-2024"}))
    hits = real.search("充电基础设施建设", top_k=5, where=where)
    assert hits[0].clause.id == "liaocheng-nev-2024:四/九"
    assert all(h.clause.doc_id == "liaocheng-nev-2024" for h in hits)


def test_default_is_weighted_fusion_with_scores_in_unit_range(searcher):
    assert searcher.fusion is FusionMode.WEIGHTED
    hits = searcher.search("加氢站和充电站", top_k=6)
    assert all(0.0 <= h.scores["fused"] <= 1.0 for h in hits)
