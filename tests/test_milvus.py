"""MilvusIndex on a real Milvus Lite (a temp ``*.db`` URI): BM25 with jieba, dense, hybrid,
filters, rebuilds, the unreachable-URI error, and a check on the real corpus."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import psutil
import pytest

pytest.importorskip("pymilvus")
pytest.importorskip("milvus_lite")

from rag.index.embed import get_embedder  # noqa: E402
from rag.model import Clause, Document  # noqa: E402
from rag.retrieval.base import Filter, Query, Retriever  # noqa: E402
from rag.retrieval.milvus import MilvusIndex  # noqa: E402
from rag.retrieval.milvus_client import MilvusConnectionError  # noqa: E402
from rag.retrieval.milvus_schema import filter_expr, quote  # noqa: E402

pytestmark = pytest.mark.slow

DOCS = [
    Document(id="prov-ev", title="某省新能源汽车行动计划", level="province", region="某省"),
    Document(id="city-ev", title="某市新能源汽车实施方案", level="city", region="某市"),
]
TEXTS = {
    "prov-ev:一/1": ("prov-ev", "加快建设充电基础设施，推进居民小区充电桩建设。（省能源局牵头）"),
    "prov-ev:一/2": ("prov-ev", "培育专精特新中小企业，支持企业开展技术改造。（省工业和信息化厅牵头）"),
    "prov-ev:二/1": ("prov-ev", "推动氢燃料电池汽车示范应用，建设加氢站。（省发展改革委牵头）"),
    "prov-ev:二/2": ("prov-ev", "完善动力电池回收利用体系，规范梯次利用企业。（省生态环境厅牵头）"),
    "city-ev:一": ("city-ev", "新建住宅小区停车位全部建设充电设施或预留安装条件。（市住房城乡建设局牵头）"),
    "city-ev:二": ("city-ev", "对购买新能源汽车的消费者发放消费券，促进汽车消费。（市商务局牵头）"),
    "city-ev:三": ("city-ev", "加强新能源汽车人才培养，鼓励高校开设相关专业。（市教育局牵头）"),
}
CLAUSES = [Clause(id=cid, doc_id=doc, path=(), title="", text=text)
           for cid, (doc, text) in TEXTS.items()]


@pytest.fixture(scope="module")
def embedder():
    return get_embedder("e5")


@pytest.fixture(scope="module")
def index(tmp_path_factory, embedder):
    uri = str(tmp_path_factory.mktemp("milvus") / "small.db")
    vectors = embedder.embed_passages([c.index_text for c in CLAUSES])
    with MilvusIndex(uri, dim=embedder.dim) as idx:
        idx.build(CLAUSES, DOCS, vectors, version="v1")
        yield idx


def make_query(embedder, text: str) -> Query:
    return Query(text=text, tokens=(), vector=embedder.embed_queries([text])[0])


def test_is_a_retriever(index):
    assert isinstance(index, Retriever)
    assert index.count() == len(CLAUSES)
    assert index.version() == "v1"


@pytest.mark.parametrize("mode", ["bm25", "dense", "hybrid"])
@pytest.mark.parametrize(("question", "expected"), [
    ("充电基础设施", "prov-ev:一/1"),          # jieba keeps the term; BM25 must match it
    ("氢燃料电池汽车加氢站", "prov-ev:二/1"),
    ("动力电池回收利用", "prov-ev:二/2"),
])
def test_each_mode_finds_the_clause(index, embedder, mode, question, expected):
    hits = index.search(make_query(embedder, question), k=3, mode=mode)
    assert hits[0][0] == expected, hits
    assert all(score > 0 for _, score in hits)
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)


def test_bm25_scores_are_positive_and_zero_overlap_is_absent(index):
    hits = index.search(Query(text="专精特新", tokens=()), k=10, mode="bm25")
    assert [cid for cid, _ in hits] == ["prov-ev:一/2"]


def test_side_scores(index, embedder):
    query = make_query(embedder, "充电基础设施")
    hits = index.search_with_scores(query, k=4, mode="hybrid")
    cid, fused, sides = hits[0]
    assert cid == "prov-ev:一/1" and fused > 0
    assert sides["bm25"] > 0 and 0 < sides["dense"] <= 1.0001
    bm25_only = dict(index.search(query, k=4, mode="bm25"))
    dense_only = dict(index.search(query, k=len(CLAUSES), mode="dense"))
    for cid, _, sides in hits:
        assert sides["bm25"] == pytest.approx(bm25_only.get(cid, 0.0), rel=1e-5)
        assert sides["dense"] == pytest.approx(dense_only[cid], abs=1e-4)


def test_weighted_fusion_shares_the_lite_server(index, embedder):
    # A second index object on the same .db path reuses the running Milvus Lite server.
    with MilvusIndex(index.uri, dim=embedder.dim, fusion="weighted", weights=(0.7, 0.3)) as w:
        hits = w.search(make_query(embedder, "动力电池回收利用"), k=3)
        assert hits[0][0] == "prov-ev:二/2"
    assert index.count() == len(CLAUSES)  # closing the second one left the server running


def test_hybrid_without_text_falls_back_to_dense(index, embedder):
    query = make_query(embedder, "氢燃料电池汽车加氢站")
    blank = Query(text="  ", tokens=(), vector=query.vector)
    assert index.search(blank, k=3, mode="hybrid") == index.search(query, k=3, mode="dense")
    assert index.search(Query(text="", tokens=()), k=3, mode="bm25") == []


@pytest.mark.parametrize("mode", ["bm25", "dense", "hybrid"])
def test_filters(index, embedder, mode):
    query = make_query(embedder, "充电设施建设")
    by_doc = index.search(query, k=10, where=Filter(doc_ids=frozenset({"city-ev"})), mode=mode)
    assert by_doc and all(cid.startswith("city-ev:") for cid, _ in by_doc)
    by_level = index.search(query, k=10, where=Filter(levels=frozenset({"province"})), mode=mode)
    assert by_level and all(cid.startswith("prov-ev:") for cid, _ in by_level)
    by_region = index.search(query, k=10, where=Filter(regions=frozenset({"某市"})), mode=mode)
    assert {cid for cid, _ in by_region} <= {c.id for c in CLAUSES if c.doc_id == "city-ev"}
    both = Filter(doc_ids=frozenset({"city-ev"}), levels=frozenset({"province"}))
    assert index.search(query, k=10, where=both, mode=mode) == []


def test_filter_values_cannot_inject(index, embedder):
    evil = 'x"] or doc_id != ["'
    assert filter_expr(Filter(doc_ids=frozenset({evil}))) == f"doc_id in [{quote(evil)}]"
    hits = index.search(make_query(embedder, "充电"), k=10,
                        where=Filter(doc_ids=frozenset({evil, "a\\b"})), mode="hybrid")
    assert hits == []
    with pytest.raises(ValueError, match="control character"):
        quote("a\x00b")


def test_bad_arguments(index, embedder, tmp_path):
    with pytest.raises(ValueError, match="mode"):
        index.search(make_query(embedder, "充电"), k=3, mode="fuzzy")
    with pytest.raises(ValueError, match="needs query.vector"):
        index.search(Query(text="充电", tokens=()), k=3, mode="dense")
    with pytest.raises(ValueError, match="k"):
        index.search(make_query(embedder, "充电"), k=0)
    with pytest.raises(ValueError, match="rrf, weighted"):
        MilvusIndex(index.uri, dim=embedder.dim, fusion="max")
    with pytest.raises(ValueError, match=r"\.db"):
        MilvusIndex(str(tmp_path / "milvus"), dim=4)
    with pytest.raises(ValueError, match="shape"):
        index.build(CLAUSES, DOCS, np.zeros((2, embedder.dim), np.float32))


def test_unreachable_uri_fails_fast_with_clear_error():
    start = time.perf_counter()
    with pytest.raises(MilvusConnectionError, match="127.0.0.1:1"):
        MilvusIndex("http://127.0.0.1:1", dim=4, timeout=3)
    assert isinstance(MilvusConnectionError("x"), ConnectionError)
    # Not a timing assert on speed: only that it did not hang far past the given timeout.
    assert time.perf_counter() - start < 30


def test_other_embedder_dimension_is_refused(index, embedder):
    with MilvusIndex(index.uri, dim=8) as other:
        assert other.count() == len(CLAUSES)
        with pytest.raises(ValueError, match=f"dim {embedder.dim}, not 8"):
            other.search(Query(text="充电", tokens=(), vector=np.ones(8, np.float32)), k=3)


def test_lite_file_held_by_another_process_gives_clear_error(index):
    code = ("import sys; from rag.retrieval.milvus import MilvusIndex\nfrom rag.retrieval.milvus_client import MilvusConnectionError\n"
            "try: MilvusIndex(sys.argv[1], dim=4)\n"
            "except MilvusConnectionError as e: print('ERR', e); sys.exit(3)\n")
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", code, index.uri], cwd=root, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 3, done.stderr[-2000:]
    assert index.uri in done.stdout


def _listening_ports() -> set[int]:
    return {c.laddr.port for c in psutil.Process().net_connections(kind="tcp")
            if c.status == psutil.CONN_LISTEN}


def test_rebuild_replaces_collection_and_close_stops_lite_server(tmp_path, embedder):
    before = _listening_ports()
    uri = str(tmp_path / "re.db")
    vectors = embedder.embed_passages([c.index_text for c in CLAUSES])
    idx = MilvusIndex(uri, dim=embedder.dim)
    assert _listening_ports() - before, "Milvus Lite serves the .db path on a local port"
    idx.build(CLAUSES, DOCS, vectors, version="v1")
    idx.build(CLAUSES[:2], DOCS, vectors[:2], version="v2")
    assert idx.count() == 2 and idx.version() == "v2"
    hits = idx.search(Query(text="氢燃料电池", tokens=()), k=5, mode="bm25")
    assert all(cid in {c.id for c in CLAUSES[:2]} for cid, _ in hits)
    idx.close()
    assert _listening_ports() == before
    with MilvusIndex(uri, dim=embedder.dim) as reopened:  # data persists in the .db directory
        assert reopened.count() == 2 and reopened.version() == "v2"
        reopened.drop()
        assert reopened.count() == 0 and reopened.version() == ""
    assert _listening_ports() == before


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory, embedder):
    from rag.index.manifest import index_status
    from rag.index.store import load_index
    from rag.ingest.corpus import corpus_checksums, load_manifest

    root = Path(__file__).resolve().parents[1]
    files = load_manifest(root / "corpus")
    sums = corpus_checksums(files)
    if index_status(root / "index", embedder.name, sums) == "ok":
        # Reuse the vectors of a fresh built index: embedding the corpus takes ~30 s here.
        loaded = load_index(root / "index", embedder, sums)
        documents, clauses, vectors = loaded.documents, loaded.clauses, loaded.vectors
    else:
        from rag.ingest.chunk import chunk_corpus

        documents, clauses = chunk_corpus(files)
        vectors = embedder.embed_passages([c.index_text for c in clauses])
    uri = str(tmp_path_factory.mktemp("milvus") / "corpus.db")
    with MilvusIndex(uri, dim=embedder.dim) as idx:
        idx.build(clauses, documents, vectors)
        yield idx


def test_real_corpus_hybrid_finds_charging_lead_clause(corpus_index, embedder):
    hits = corpus_index.search(make_query(embedder, "充电基础设施 牵头"), k=5, mode="hybrid")
    ids = [cid for cid, _ in hits]
    assert {"shandong-nev-2023:二/六/1", "liaocheng-nev-2024:四/九"} & set(ids), ids
