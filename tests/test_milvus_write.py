"""rag.retrieval.milvus_write on a real Milvus Lite ``*.db``: a rebuild goes into a new collection
behind the alias (readers never see it missing or half-filled), a sync writes only changed rows,
and a second ``PolicyQA.open`` on the same Milvus and corpus writes nothing.

Milvus Lite serves one ``.db`` to one process at a time, so "a second server process" is tested
as a second ``PolicyQA.open`` after the first one closed (a Milvus server would take both at once;
the code path is the same).
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
from serve_util import workspace

pytestmark = pytest.mark.slow
pytest.importorskip("milvus_lite")

from rag.model import Clause, Document  # noqa: E402
from rag.retrieval.base import Query  # noqa: E402
from rag.retrieval.milvus import MilvusIndex  # noqa: E402
from rag.retrieval.milvus_write import target  # noqa: E402

DOCS = [Document(id="d1", title="甲", level="city", region="济南市")]


def _clauses(n: int, word: str = "充电") -> list[Clause]:
    return [Clause(id=f"d1:{i}", doc_id="d1", path=(), title="", text=f"{word}设施第{i}条") for i in range(n)]


def _vectors(n: int, dim: int = 8, seed: int = 0) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_rebuild_switches_the_alias_to_a_complete_new_collection(tmp_path: Path):
    with MilvusIndex(str(tmp_path / "a.db"), "my_clauses", dim=8) as idx:
        idx.build(_clauses(5), DOCS, _vectors(5), version="v1")
        first = target(idx.client, "my_clauses")
        assert first and first.startswith("my_clauses_") and idx.count() == 5 and idx.version() == "v1"
        idx.build(_clauses(7), DOCS, _vectors(7, seed=1), version="v2")
        second = target(idx.client, "my_clauses")
        assert second != first and first not in idx.client.list_collections()  # the old one is dropped
        assert idx.count() == 7 and idx.version() == "v2"
        idx.drop()
        assert idx.count() == 0 and idx.client.list_collections() == []


def test_readers_never_see_a_missing_or_half_filled_collection(tmp_path: Path):
    uri = str(tmp_path / "b.db")
    with MilvusIndex(uri, dim=8) as writer, MilvusIndex(uri, dim=8) as reader:
        writer.build(_clauses(300), DOCS, _vectors(300), version="v1")
        seen: list[int | str] = []
        stop = threading.Event()

        def read() -> None:
            while not stop.is_set():
                try:
                    seen.append(reader.count())
                except Exception as exc:  # a missing collection would show up here
                    seen.append(f"error: {exc}")

        thread = threading.Thread(target=read)
        thread.start()
        try:
            writer.build(_clauses(900, "加氢"), DOCS, _vectors(900, seed=2), version="v2", batch_size=100)
        finally:
            stop.set()
            thread.join()
        assert 300 in seen and set(seen) <= {300, 900}, sorted(set(map(str, seen)))[:5]
        assert reader.count() == 900


def test_sync_upserts_changed_rows_and_deletes_removed_ones(tmp_path: Path):
    clauses, vectors = _clauses(6), _vectors(6)
    with MilvusIndex(str(tmp_path / "c.db"), dim=8) as idx:
        idx.build(clauses, DOCS, vectors, version="v1")
        behind = target(idx.client, idx.collection)
        changed = [*clauses[:3], Clause(id="d1:3", doc_id="d1", path=(), title="", text="换电模式推广"),
                   Clause(id="d1:new", doc_id="d1", path=(), title="", text="氢燃料电池汽车示范")]
        new_vectors = np.vstack([vectors[:4], _vectors(1, seed=9)])
        report = idx.sync(changed, DOCS, new_vectors, version="v2")
        assert report == {"upserted": 2, "deleted": 2}  # d1:3 (new text) and d1:new; d1:4, d1:5 gone
        assert target(idx.client, idx.collection) == behind  # in place: no new collection
        assert idx.count() == 5 and idx.version() == "v2"
        hits = idx.search(Query(text="换电模式", tokens=()), k=3, mode="bm25")
        assert hits[0][0] == "d1:3"
        assert idx.sync(changed, DOCS, new_vectors, version="v2") == {"upserted": 0, "deleted": 0}


def test_a_plain_collection_of_an_older_version_is_replaced_by_the_alias(tmp_path: Path):
    with MilvusIndex(str(tmp_path / "d.db"), dim=8) as idx:
        pm, client = idx._pm, idx.client
        schema = client.create_schema(auto_id=False, enable_dynamic_field=False)  # the old layout:
        schema.add_field("clause_id", pm.DataType.VARCHAR, is_primary=True, max_length=1024)  # no row hashes,
        schema.add_field("dense", pm.DataType.FLOAT_VECTOR, dim=8)  # under the plain name
        params = client.prepare_index_params()
        params.add_index(field_name="dense", index_type="AUTOINDEX", metric_type="COSINE")
        client.create_collection(idx.collection, schema=schema, index_params=params)
        assert idx.exists() and not idx.compatible()  # no row hashes: it must be rebuilt, not synced
        idx.build(_clauses(4), DOCS, _vectors(4), version="v1")
        assert target(idx.client, idx.collection) is not None and idx.count() == 4 and idx.compatible()


# ----------------------------------------------------------------- through the service


@pytest.fixture()
def library(tmp_path: Path):
    from rag.index.build import build
    from rag.index.embed import get_embedder

    corpus, index = workspace(tmp_path)
    build(corpus, index, get_embedder("e5"), progress=False)
    return corpus, index


def _open(corpus, index, uri, **kw):
    from rag.service import PolicyQA

    return PolicyQA.open(corpus, index, backend="milvus", milvus_uri=uri, milvus_collection="lib_clauses", **kw)


def _reworded(qa, doc_id: str, n: int) -> str:
    """The document's raw text with its last ``n`` numbered tasks extended by a few words."""
    raw = (qa.corpus_dir.parent / qa.document(doc_id).source_path).read_text(encoding="utf-8")
    for clause in sorted([c for c in qa.doc_clauses(doc_id) if c.kind == "item"][-n:], key=lambda c: -c.end):
        raw = raw[:clause.end - 1] + "，并定期评估实施效果" + raw[clause.end - 1:]
    return raw


def test_second_open_serves_without_rebuilding_and_changes_are_synced(library, tmp_path: Path):
    from rag.ingest.edit import apply_change, remove_document, replace_document

    corpus, index = library
    uri = str(tmp_path / "lib.db")
    with _open(corpus, index, uri) as qa:
        assert qa.milvus_sync["mode"] == "rebuild" and qa.milvus_sync["analyzer_current"]
        behind = target(qa._owned[0].client, "lib_clauses")
        total = len(qa.clauses)
    with _open(corpus, index, uri) as qa:  # a second server on the same Milvus and corpus
        assert qa.milvus_sync["mode"] == "none" and qa.milvus_sync["upserted"] == 0
        assert target(qa._owned[0].client, "lib_clauses") == behind
        assert qa.search("充电基础设施建设由哪些部门牵头", top_k=3).hits
    # A new version of one plan: three tasks reworded -> three rows upserted, nothing else.
    doc_id = "liaocheng-nev-2024"
    new_version = tmp_path / "v2.txt"
    new_version.write_text(_reworded(qa, doc_id, 3), encoding="utf-8")
    apply_change(corpus, lambda: replace_document(corpus, doc_id, new_version))
    with _open(corpus, index, uri) as qa:
        assert qa.milvus_sync["mode"] == "sync"
        assert qa.milvus_sync["upserted"] == 3 and qa.milvus_sync["deleted"] == 0
        assert target(qa._owned[0].client, "lib_clauses") == behind
    apply_change(corpus, lambda: remove_document(corpus, doc_id))
    with _open(corpus, index, uri) as qa:
        removed = total - len(qa.clauses)
        assert qa.milvus_sync == {**qa.milvus_sync, "mode": "sync", "upserted": 0, "deleted": removed}
        assert qa._owned[0].count() == len(qa.clauses)
        hits = qa.search("聊城市充电基础设施", top_k=5).hits
        assert hits and all(h.clause.doc_id != doc_id for h in hits)
    with _open(corpus, index, uri, milvus_full=True) as qa:  # policyqa build --full
        assert qa.milvus_sync["mode"] == "rebuild" and target(qa._owned[0].client, "lib_clauses") != behind


def test_rows_a_newer_index_wrote_are_skipped_by_an_older_reader(library, tmp_path: Path):
    corpus, index = library
    uri = str(tmp_path / "skip.db")
    with _open(corpus, index, uri) as qa:
        milvus = qa._owned[0]
        stranger = Clause(id="other-doc:一", doc_id="other-doc", path=(), title="", text="充电基础设施建设牵头单位")
        vector = qa._searcher.embedder.embed_passages([stranger.index_text])
        milvus.build([stranger], [Document(id="other-doc", title="新文件")], vector, drop_existing=False)
        hits = qa.search("充电基础设施建设牵头单位", top_k=5).hits
        assert hits and all(h.clause.id != stranger.id for h in hits)

