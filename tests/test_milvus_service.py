"""The whole service on the Milvus backend (a real Milvus Lite ``*.db``): open, search, ask,
close, the unreachable-URI error at open, the CLI with ``POLICYQA_BACKEND=milvus``, and the
default Milvus Lite path in the settings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
CHARGING_LEAD = "充电基础设施建设由哪些部门牵头？"


def test_settings_default_milvus_uri_is_lite_beside_the_index(tmp_path):
    # beside the index folder, not inside it: a build replaces that folder as a whole
    index_dir = tmp_path / "index"
    assert Settings(backend="milvus", index_dir=index_dir).milvus_uri == str(tmp_path / "index.milvus.db")
    assert Settings(backend="milvus", milvus_uri="http://h:19530").milvus_uri == "http://h:19530"
    assert Settings(backend="local").milvus_uri is None


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    """The repository's built index when fresh (embedding the corpus takes ~30 s), else a new one."""
    from rag.index.build import build
    from rag.index.embed import get_embedder
    from rag.index.manifest import index_status
    from rag.ingest.corpus import corpus_checksums, load_manifest

    emb = get_embedder("e5")
    if index_status(ROOT / "index", emb.name, corpus_checksums(load_manifest(CORPUS))) == "ok":
        return ROOT / "index"
    target = tmp_path_factory.mktemp("index") / "index"
    build(CORPUS, target, emb, progress=False)
    return target


@pytest.fixture(scope="module")
def milvus_qa(tmp_path_factory, index_dir):
    pytest.importorskip("milvus_lite")
    from rag.service import PolicyQA

    uri = tmp_path_factory.mktemp("milvus") / "m.db"
    with PolicyQA.open(CORPUS, index_dir, backend="milvus", milvus_uri=str(uri), rebuild="never") as qa:
        yield qa


@pytest.mark.slow
def test_search_runs_in_milvus_with_side_scores(milvus_qa):
    from rag.retrieval.milvus import MilvusIndex

    assert isinstance(milvus_qa._searcher._backend, MilvusIndex)
    for mode in ("hybrid", "bm25", "dense"):
        hits = milvus_qa.search(CHARGING_LEAD, top_k=5, mode=mode).hits
        assert [h.rank for h in hits] == [1, 2, 3, 4, 5]
        assert all(h.score > 0 for h in hits)
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    hybrid = milvus_qa.search(CHARGING_LEAD, top_k=5, mode="hybrid").hits
    assert all({"bm25", "dense", "fused"} <= h.scores.keys() for h in hybrid)
    ids = {h.clause.id for h in hybrid}
    assert {"shandong-nev-2023:二/六/1", "liaocheng-nev-2024:四/九"} <= ids, ids


@pytest.mark.slow
def test_hybrid_fuses_milvus_side_lists_like_the_local_backend(milvus_qa):
    from rag.retrieval.fuse import fuse

    searcher = milvus_qa._searcher
    index, query = searcher._backend, searcher.prepare(CHARGING_LEAD)
    depth = 5 * searcher.depth_factor
    lists = {side: index.search(query, k=depth, mode=side) for side in ("bm25", "dense")}
    expected = fuse(lists, searcher.fusion, searcher.weights, k=5, rrf_k=searcher.rrf_k)
    got = milvus_qa.search(CHARGING_LEAD, top_k=5, mode="hybrid").hits
    assert [h.clause.id for h in got] == [cid for cid, _, _ in expected]
    assert [h.scores["fused"] for h in got] == pytest.approx([s for _, s, _ in expected])


@pytest.mark.slow
def test_ask_names_both_lead_departments(milvus_qa):
    answer = milvus_qa.ask(CHARGING_LEAD)
    assert answer.answerable
    assert "省能源局" in answer.answer and "市发展改革委" in answer.answer, answer.answer
    assert answer.citations


@pytest.mark.slow
def test_filters_apply_inside_milvus(milvus_qa):
    from rag.retrieval.base import Filter

    where = Filter(doc_ids=frozenset({"liaocheng-nev-2024"}))
    hits = milvus_qa.search(CHARGING_LEAD, top_k=5, where=where).hits
    assert hits and all(h.clause.doc_id == "liaocheng-nev-2024" for h in hits)


@pytest.mark.slow
def test_second_service_on_the_same_lite_file_closes_cleanly(milvus_qa, index_dir):
    from rag.service import PolicyQA

    uri = milvus_qa._owned[0].uri
    other = PolicyQA.open(CORPUS, index_dir, backend="milvus", milvus_uri=uri, rebuild="never")
    assert other.search(CHARGING_LEAD, top_k=3).hits
    other.close()
    other.close()  # closing twice is harmless
    with pytest.raises(RuntimeError, match="closed"):
        other.search(CHARGING_LEAD, top_k=3)
    assert milvus_qa.search(CHARGING_LEAD, top_k=3).hits  # the shared Lite server still runs


@pytest.mark.slow
def test_unreachable_uri_fails_at_open_with_one_clear_error(index_dir):
    from rag.retrieval.milvus_client import MilvusConnectionError
    from rag.service import PolicyQA

    with pytest.raises(MilvusConnectionError, match=r"cannot reach Milvus at 'http://127\.0\.0\.1:1'"):
        PolicyQA.open(CORPUS, index_dir, backend="milvus", milvus_uri="http://127.0.0.1:1",
                      rebuild="never")


def _cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("policyqa")
    return subprocess.run([str(exe), *args], cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, **env})


@pytest.mark.slow
def test_cli_search_json_on_milvus(tmp_path, index_dir):
    pytest.importorskip("milvus_lite")
    env = {"POLICYQA_BACKEND": "milvus", "POLICYQA_INDEX_DIR": str(index_dir),
           "POLICYQA_CORPUS_DIR": str(CORPUS), "POLICYQA_MILVUS_URI": str(tmp_path / "cli.db")}
    done = _cli(["search", CHARGING_LEAD, "--json", "-k", "5"], env)
    assert done.returncode == 0, done.stderr[-2000:]
    data = json.loads(done.stdout)
    assert len(data["hits"]) == 5
    assert data["hits"][0]["clause_id"] in {"shandong-nev-2023:二/六/1", "liaocheng-nev-2024:四/九"}


@pytest.mark.slow
def test_cli_unreachable_uri_is_one_error_line(index_dir):
    env = {"POLICYQA_BACKEND": "milvus", "POLICYQA_INDEX_DIR": str(index_dir),
           "POLICYQA_CORPUS_DIR": str(CORPUS), "POLICYQA_MILVUS_URI": "http://127.0.0.1:1"}
    done = _cli(["search", "充电", "--json"], env)
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "http://127.0.0.1:1" in errors[0], done.stderr[-2000:]
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_milvus_side_ranker_still_available(milvus_qa):
    from rag.retrieval.milvus import MilvusIndex

    backend = milvus_qa._searcher._backend
    query = milvus_qa._searcher.prepare(CHARGING_LEAD)
    with MilvusIndex(backend.uri, dim=backend.dim, ranker="milvus") as server_side:
        hits = server_side.search(query, k=5, mode="hybrid")
    assert len(hits) == 5 and hits[0][1] > 0
    with pytest.raises(ValueError, match="client, milvus"):
        MilvusIndex(backend.uri, dim=backend.dim, ranker="server")


def test_jieba_analyzer_params():
    from rag.retrieval.milvus_schema import jieba_analyzer

    params = jieba_analyzer(["省能源局", "省能源局"], ["的", "哪个"])
    assert params["tokenizer"] == {"type": "jieba", "dict": ["_default_", "省能源局"], "mode": "search",
                                   "hmm": True}
    assert params["filter"] == [{"type": "stop", "stop_words": ["哪个", "的"]}]
    assert "filter" not in jieba_analyzer(["充电桩"])
    with pytest.raises(ValueError, match="whitespace"):
        jieba_analyzer(["充电 桩"])
