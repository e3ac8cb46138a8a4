"""rag.index.build / rag.index.update: a rebuild embeds only new or changed clauses.

Runs on a copy of the real corpus and its built index. Embeddings are counted twice: by the
manifest's ``build`` record and by wrapping the real e5 embedder (every call still goes to it).
The incremental result is checked against references: reused vectors are the previous index's,
new ones what e5 gives for those texts, and BM25 scores equal those of a BM25 built from fresh
tokens.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from serve_util import workspace

from eval.synth_files import render_document, synth_document
from rag.index.build import build
from rag.index.cache import cache_path
from rag.index.records import index_texts
from rag.index.store import load_index
from rag.ingest.corpus import corpus_checksums, load_manifest
from rag.ingest.edit import add_files, apply_change, remove_document, replace_document


class Counting:
    """The real embedder, counting the passages it is asked to embed."""

    def __init__(self, inner):
        self.inner, self.name, self.dim, self.passages = inner, inner.name, inner.dim, 0

    def embed_queries(self, texts):
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts):
        self.passages += len(texts)
        return self.inner.embed_passages(texts)


@pytest.fixture(scope="module")
def e5():
    from rag.index.embed import get_embedder

    return get_embedder("e5")


@pytest.fixture(scope="module")
def built(tmp_path_factory, e5) -> tuple[Path, Path]:
    """The real corpus with its index and cache (seeded from the repository's built index when
    there is one, so nothing is embedded twice)."""
    root = tmp_path_factory.mktemp("built")
    corpus, index = workspace(root)
    build(corpus, index, e5, progress=False)
    return corpus, index


@pytest.fixture()
def library(built, tmp_path) -> tuple[Path, Path]:
    """A private copy of ``built``: corpus, index and cache."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(built[0], corpus)
    shutil.copytree(built[1], index)
    shutil.copy(cache_path(built[1]), cache_path(index))
    return corpus, index


def _plan(folder: Path, n: int, clauses: int = 40) -> Path:
    """A rendered synthetic plan of about ``clauses`` clauses."""
    doc, generated = synth_document(n, clauses)
    path = folder / f"plan-{n}.txt"
    path.write_text(render_document(doc, generated), encoding="utf-8")
    return path


def _load(corpus: Path, index: Path, e5):
    return load_index(index, e5, corpus_checksums(load_manifest(corpus)))


def test_a_rebuild_without_changes_embeds_and_chunks_nothing(library, e5):
    corpus, index = library
    counting = Counting(e5)
    record = build(corpus, index, counting, progress=False)["build"]
    assert counting.passages == 0
    assert record["embedded"] == 0 and record["reused"] == record["clauses"] > 0
    assert record["tokenized"] == 0 and record["documents_chunked"] == 0
    assert record["added"] == record["removed"] == record["changed"] == []


def test_adding_one_40_clause_document_embeds_only_its_clauses(library, e5, tmp_path):
    corpus, index = library
    before = _load(corpus, index, e5)
    change, _ = apply_change(corpus, lambda: add_files([_plan(tmp_path, 1)], corpus))
    (doc,) = change.added
    counting = Counting(e5)
    manifest = build(corpus, index, counting, progress=False)
    record = manifest["build"]
    after = _load(corpus, index, e5)
    new_rows = [i for i, c in enumerate(after.clauses) if c.doc_id == doc.id]
    assert 35 <= len(new_rows) <= 45
    assert counting.passages == record["embedded"] == len(new_rows)
    assert record["reused"] == len(before.clauses)
    assert record["added"] == [doc.id] and record["documents_chunked"] == 1
    assert manifest["history"][-1]["at"] <= record["at"]  # the build before is kept on record
    # Reused vectors are the previous index's; new ones are what e5 gives for those texts.
    old_rows = {c.id: i for i, c in enumerate(before.clauses)}
    for i, clause in enumerate(after.clauses):
        if clause.id in old_rows:
            assert np.array_equal(after.vectors[i], before.vectors[old_rows[clause.id]])
    fold = after.tokenizer().fold
    texts = index_texts(after.documents, after.clauses, True)
    sample = new_rows[::8]
    assert np.allclose(after.vectors[sample], e5.embed_passages([fold(texts[i]) for i in sample]), atol=1e-5)
    # Tokens came from the cache where the dictionary allowed: BM25 equals one built afresh.
    same_dictionary = set(before.domain_words) == set(after.domain_words)
    assert record["tokenized"] == (len(new_rows) if same_dictionary else len(after.clauses))
    from rag.retrieval.bm25 import BM25Retriever

    fresh = BM25Retriever([c.id for c in after.clauses], after.tokenizer().tokenize_many(texts))
    for question in ("充电基础设施建设", "省公安厅", "动力电池回收", "新能源汽车下乡"):
        tokens = after.tokenizer().tokenize(question)
        assert np.allclose(after.bm25.scores(tokens), fresh.scores(tokens), atol=1e-4)


def test_removing_a_document_embeds_nothing(library, e5):
    corpus, index = library
    before = _load(corpus, index, e5)
    gone = "liaocheng-nev-2024"
    source = corpus.parent / before.documents[1].source_path
    apply_change(corpus, lambda: remove_document(corpus, gone))
    assert not source.exists()  # its text goes with it
    counting = Counting(e5)
    record = build(corpus, index, counting, progress=False)["build"]
    after = _load(corpus, index, e5)
    assert counting.passages == record["embedded"] == 0
    assert record["removed"] == [gone] and record["tokenized"] in (0, len(after.clauses))
    assert [c.id for c in after.clauses] == [c.id for c in before.clauses if c.doc_id != gone]


def test_replacing_a_document_embeds_only_its_changed_clauses(library, e5, tmp_path):
    corpus, index = library
    before = _load(corpus, index, e5)
    doc = before.documents[1]
    raw = (corpus.parent / doc.source_path).read_text(encoding="utf-8")
    edited = [c for c in before.clauses if c.doc_id == doc.id and c.kind == "item"][-3:]
    for clause in sorted(edited, key=lambda c: -c.end):  # a new version: three tasks reworded
        raw = raw[:clause.end - 1] + "，并定期评估实施效果" + raw[clause.end - 1:]
    new_version = tmp_path / "new.txt"
    new_version.write_text(raw, encoding="utf-8")
    apply_change(corpus, lambda: replace_document(corpus, doc.id, new_version))
    counting = Counting(e5)
    record = build(corpus, index, counting, progress=False)["build"]
    after = _load(corpus, index, e5)
    fold = after.tokenizer().fold
    old_texts = {fold(t) for t in index_texts(before.documents, before.clauses, True)}
    unseen = {fold(t) for t in index_texts(after.documents, after.clauses, True)} - old_texts
    assert record["changed"] == [doc.id] and record["documents_chunked"] == 1
    assert counting.passages == record["embedded"] == len(unseen) == 3
    assert len(after.clauses) == len(before.clauses)


def test_an_index_built_without_the_cache_seeds_it(library, e5):
    from rag.index.manifest import file_sha256

    corpus, index = library
    cache_path(index).unlink()  # e.g. an index built before the cache existed
    # ... by another version, whose clause records hold a field this one does not know
    records = json.loads((index / "clauses.json").read_text(encoding="utf-8"))
    (index / "clauses.json").write_text(json.dumps([{**r, "roles": []} for r in records]), encoding="utf-8")
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"]["clauses.json"] = file_sha256(index / "clauses.json")
    manifest["pipeline"] = "another-version"
    (index / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    counting = Counting(e5)
    record = build(corpus, index, counting, progress=False)["build"]
    assert counting.passages == 0
    assert record["seeded"] == record["clauses"] and record["embedded"] == 0


def test_a_corrupt_cache_file_is_replaced(library, e5):
    corpus, index = library
    cache_path(index).write_bytes(b"garbage" * 1000)
    record = build(corpus, index, Counting(e5), progress=False)["build"]
    assert record["embedded"] == 0  # the index itself seeded the new cache


def test_full_build_embeds_everything(write_corpus, e5, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", [("a.txt", "一、总体要求\n\n坚持创新驱动。\n\n二、重点任务\n\n"
                                                 "建设充电基础设施。", {"id": "a", "title": "甲方案"})])
    build(corpus, tmp_path / "index", e5, progress=False)
    counting = Counting(e5)
    record = build(corpus, tmp_path / "index", counting, progress=False, full=True)["build"]
    assert counting.passages == record["embedded"] == record["clauses"] > 0
    assert record["full"] is True


def test_the_manifest_keeps_a_bounded_history(library, e5):
    corpus, index = library
    for _ in range(3):
        build(corpus, index, e5, progress=False)
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["history"]) >= 3
    assert all({"at", "embedded", "reused"} <= set(r) for r in manifest["history"])


def test_adding_rows_extends_the_previous_hnsw_graph(library, e5, tmp_path):
    from rag.index.cache import IndexCache
    from rag.index.store import build_index
    from rag.ingest.chunk import chunk_corpus

    corpus, index = library
    documents, clauses = chunk_corpus(load_manifest(corpus))
    target, params = tmp_path / "hnsw", {"hnsw_threshold": 20}  # HNSW from 21 rows on
    with IndexCache(cache_path(index)) as cache:  # holds every clause's vector: nothing is embedded
        first = build_index(documents, clauses[:60], e5, target, {}, params, progress=False, cache=cache)
        assert first["build"]["dense"] == "hnsw" and first["build"]["embedded"] == 0
        grown = build_index(documents, clauses, e5, target, {}, params, progress=False, cache=cache)
        assert grown["build"]["dense"] == "hnsw, previous graph extended"
        loaded = load_index(target, e5)
        assert loaded.dense.kind == "hnsw" and loaded.dense.index.ntotal == len(clauses)
        for question in ("充电基础设施建设", "省公安厅负责什么", "氢燃料电池汽车示范"):
            query = e5.embed_queries([question])[0]
            exact = np.argsort(-(loaded.vectors @ query))[:5]
            assert [i for i, _ in loaded.dense.top(query, 5)] == list(exact)
        shrunk = build_index(documents, clauses[:30] + clauses[40:], e5, target, {}, params, progress=False, cache=cache)
        assert shrunk["build"]["dense"] == "hnsw"  # rows shifted: the graph is built afresh
