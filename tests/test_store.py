"""Persisted index: round trip, manifest, stale vs corrupt detection, atomic replacement."""

from __future__ import annotations

import json

import numpy as np
import pytest

from rag.index.embed import E5Embedder
from rag.index.manifest import CorruptIndexError, MissingIndexError, StaleIndexError, index_status
from rag.index.store import build_index, load_index
from rag.index.swap import lock_path
from rag.model import Clause, Document, Target

DOCS = [Document(id="prov", title="某省行动计划", number="某政字〔2023〕1号", level="province", region="某省")]
CLAUSES = [
    Clause(id="prov:一", doc_id="prov", path=("一、总体要求",), title="", text="到2025年产量达到100万辆左右。",
           targets=(Target(value=100.0, unit="万辆", year=2025, text="到2025年产量达到100万辆左右。", raw="100万辆左右"),),
           source_path="corpus/p.txt", start=10, end=30, kind="paragraph"),
    Clause(id="prov:二/六/1", doc_id="prov", path=("二、重点任务", "（六）基础设施"), title="1.加快建设充电基础设施",
           text="推进充电桩建设。（牵头单位：省能源局；责任单位：各市政府，下同）", lead=("省能源局",),
           support=("各市政府",), source_path="corpus/p.txt", start=40, end=80),
    Clause(id="prov:二/六/2", doc_id="prov", path=("二、重点任务", "（六）基础设施"), title="2.建设加氢站",
           text="有序建设加氢站。", support_inherited=("各市政府",), source_path="corpus/p.txt", start=80, end=95),
]
SUMS = {"corpus/p.txt": "a" * 64, "documents.toml": "b" * 64}


@pytest.fixture(scope="module")
def embedder() -> E5Embedder:
    return E5Embedder()


@pytest.fixture(scope="module")
def built(tmp_path_factory, embedder):
    index_dir = tmp_path_factory.mktemp("store") / "index"
    manifest = build_index(DOCS, CLAUSES, embedder, index_dir, SUMS, {"chunker": "test"}, progress=False)
    return index_dir, manifest


def test_manifest_describes_the_index(built, embedder):
    index_dir, manifest = built
    assert manifest["format_version"] == 1
    assert manifest["embedder"] == {"name": embedder.name, "dim": embedder.dim}
    assert manifest["corpus_checksums"] == SUMS
    assert manifest["clause_count"] == len(CLAUSES)
    assert manifest["params"]["chunker"] == "test" and manifest["params"]["bm25_method"] == "lucene"
    assert {"vectors.npy", "clauses.json", "documents.json", "tokenizer.json"} <= set(manifest["files"])
    assert any(name.startswith("bm25/") for name in manifest["files"])
    assert json.loads((index_dir / "manifest.json").read_text("utf-8")) == manifest
    lock = lock_path(index_dir)  # the build lock file stays; temporary folders do not
    assert not [p for p in index_dir.parent.iterdir() if p.name.startswith(".") and p != lock]


def test_round_trip(built, embedder):
    index_dir, _ = built
    assert index_status(index_dir, embedder.name, SUMS) == "ok"
    loaded = load_index(index_dir, embedder, SUMS)
    assert loaded.clauses == CLAUSES  # every field, targets included
    assert loaded.documents == DOCS
    assert loaded.vectors.shape == (3, embedder.dim) and loaded.vectors.dtype == np.float32
    assert "省能源局" in loaded.domain_words
    assert len(loaded.version) == 12
    hits = loaded.searcher(embedder).search("充电桩谁负责", top_k=1)
    assert hits[0].clause.id == "prov:二/六/1"


def test_changed_corpus_is_stale(built, embedder):
    index_dir, _ = built
    changed = {**SUMS, "corpus/p.txt": "c" * 64}
    assert index_status(index_dir, embedder.name, changed) == "stale"
    with pytest.raises(StaleIndexError, match="corpus/p.txt"):
        load_index(index_dir, embedder, changed)
    added = {**SUMS, "corpus/new.txt": "d" * 64}
    assert index_status(index_dir, embedder.name, added) == "stale"


def test_other_embedder_is_stale(built):
    index_dir, _ = built
    assert index_status(index_dir, "st:/some/model", SUMS) == "stale"


def test_missing_index(tmp_path, embedder):
    assert index_status(tmp_path / "nothing", embedder.name, SUMS) == "missing"
    with pytest.raises(MissingIndexError, match="policyqa build"):
        load_index(tmp_path / "nothing", embedder, SUMS)


def test_truncated_vectors_are_corrupt(tmp_path, embedder):
    index_dir = tmp_path / "index"
    build_index(DOCS, CLAUSES, embedder, index_dir, SUMS, {}, progress=False)
    vectors = index_dir / "vectors.npy"
    vectors.write_bytes(vectors.read_bytes()[:-100])
    assert index_status(index_dir, embedder.name, SUMS) == "corrupt"
    with pytest.raises(CorruptIndexError, match="vectors.npy"):
        load_index(index_dir, embedder, SUMS)


def test_tampered_clauses_and_bad_manifest_are_corrupt(tmp_path, embedder):
    index_dir = tmp_path / "index"
    build_index(DOCS, CLAUSES, embedder, index_dir, SUMS, {}, progress=False)
    clauses = index_dir / "clauses.json"
    clauses.write_text(clauses.read_text("utf-8").replace("省能源局", "省交通厅"), "utf-8")
    with pytest.raises(CorruptIndexError, match="clauses.json"):
        load_index(index_dir, embedder, SUMS)
    (index_dir / "manifest.json").write_text("{not json", "utf-8")
    assert index_status(index_dir, embedder.name, SUMS) == "corrupt"


def test_rebuild_replaces_whole_folder_and_failure_keeps_old(tmp_path, embedder):
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    (index_dir / ".gitkeep").touch()
    (index_dir / "leftover.bin").write_bytes(b"x")
    build_index(DOCS, CLAUSES, embedder, index_dir, SUMS, {}, progress=False)
    assert not (index_dir / "leftover.bin").exists()
    assert (index_dir / ".gitkeep").exists()
    before = (index_dir / "manifest.json").read_bytes()
    with pytest.raises(ValueError, match="unknown document"):
        orphan = Clause(id="x:1", doc_id="x", path=(), title="", text="孤立条款")
        build_index(DOCS, [*CLAUSES, orphan], embedder, index_dir, SUMS, {}, progress=False)
    with pytest.raises(ValueError, match="lucene, robertson"):
        build_index(DOCS, CLAUSES, embedder, index_dir, SUMS, {"bm25_method": "bm42"}, progress=False)
    assert (index_dir / "manifest.json").read_bytes() == before
    assert index_status(index_dir, embedder.name, SUMS) == "ok"
    assert sorted(p.name for p in tmp_path.iterdir()) == [lock_path(index_dir).name, "index"]


def test_duplicate_clause_ids_rejected(tmp_path, embedder):
    with pytest.raises(ValueError, match="duplicate clause id"):
        build_index(DOCS, [CLAUSES[0], CLAUSES[0]], embedder, tmp_path / "i", SUMS, {}, progress=False)
