"""The bench's incremental part: what adding, replacing and removing one plan costs in a library.

A synthetic library of ``n_clauses`` clauses is written as plain-text plans with their
``documents.toml`` (``eval.synth_files``) and built once from scratch — chunk, tokenize, embed
every clause, write. Then one plan of about 40 clauses is added, replaced by a version whose
second half is new, and removed; each step is timed as a user meets it: the corpus change
(``rag.ingest.edit``) plus the incremental index build (``rag.index.build.build``) that leaves a
complete, swapped-in index. The re-embedded clause counts come from the manifest. Optionally
the same steps are synced into a Milvus Lite collection. Part of ``policyqa bench``; never
asserted in tests.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path


def _timed(fn) -> tuple[object, float]:
    t0 = time.perf_counter()
    out = fn()
    return out, round(time.perf_counter() - t0, 2)


def _step(seconds: float, manifest: dict, full_s: float) -> dict:
    record = manifest["build"]
    return {"seconds": seconds, "share_of_full_build": round(seconds / full_s, 4),
            "embedded": record["embedded"], "reused": record["reused"], "tokenized": record["tokenized"],
            "clauses": record["clauses"]}


def bench_incremental(embedder_spec: str = "e5", n_clauses: int = 10_000, seed: int = 11,
                      milvus: bool = True, work_dir: Path | None = None) -> dict:
    """Full build vs add / replace / remove of one ~40-clause plan, on a synthetic library.

    Args:
        embedder_spec: Embedder spec, e.g. ``e5``.
        n_clauses: Clauses in the library before the plan is added.
        seed: Seed of the synthetic library.
        milvus: Also time the Milvus Lite rebuild and the sync of each step.
        work_dir: Where to write the library (a temporary folder by default).

    Returns:
        ``{"clauses", "documents", "full_build": {...}, "add" | "replace" | "remove": {"seconds",
        "share_of_full_build", "embedded", "reused", "tokenized", "clauses"}, "milvus": {...}}``.
    """
    from eval.synth_files import render_document, synth_document, write_synth_corpus
    from rag.index.build import build
    from rag.index.embed import get_embedder
    from rag.ingest.edit import add_files, apply_change, remove_document, replace_document

    emb = get_embedder(embedder_spec)
    with tempfile.TemporaryDirectory(dir=work_dir) as tmp:
        root = Path(tmp)
        corpus, index = root / "corpus", root / "index"
        documents = write_synth_corpus(corpus, n_clauses, seed=seed)
        manifest, full_s = _timed(lambda: build(corpus, index, emb, progress=False))
        out: dict = {"clauses": manifest["clause_count"], "documents": len(documents), "cores": os.cpu_count(),
                     "load_average_1m": round(os.getloadavg()[0], 2),
                     "full_build": {"seconds": full_s, "embedded": manifest["build"]["embedded"],
                                    "per_clause_ms": round(full_s * 1000 / manifest["clause_count"], 1)}}
        sync = _milvus_sync(corpus, index, emb, root / "bench.milvus.db") if milvus else None
        if sync is not None:
            out["milvus"] = {"rebuild": sync()}

        doc, clauses = synth_document(90_001, 40, seed)
        plan = root / "plan.txt"
        plan.write_text(render_document(doc, clauses), encoding="utf-8")

        def add():
            change, _ = apply_change(corpus, lambda: add_files([plan], corpus))
            return change.added[0].id, build(corpus, index, emb, progress=False)

        before = manifest["clause_count"]
        (doc_id, manifest), seconds = _timed(add)
        out["add"] = {**_step(seconds, manifest, full_s), "document_clauses": manifest["clause_count"] - before}
        if sync is not None:
            out["milvus"]["add"] = sync()

        _, newer = synth_document(90_002, 40, seed)
        version2 = root / "plan-v2.txt"
        version2.write_text(render_document(doc, clauses[:20] + newer[2:22]), encoding="utf-8")

        def replace():
            apply_change(corpus, lambda: replace_document(corpus, doc_id, version2))
            return build(corpus, index, emb, progress=False)

        manifest, seconds = _timed(replace)
        out["replace"] = _step(seconds, manifest, full_s)
        if sync is not None:
            out["milvus"]["replace"] = sync()

        def remove():
            apply_change(corpus, lambda: remove_document(corpus, doc_id))
            return build(corpus, index, emb, progress=False)

        manifest, seconds = _timed(remove)
        out["remove"] = _step(seconds, manifest, full_s)
        if sync is not None:
            out["milvus"]["remove"] = sync()
        return out


def _milvus_sync(corpus: Path, index: Path, emb, uri: Path):
    """A function that brings a Milvus Lite collection up to the current index and returns what
    it wrote and how long it took (``None`` when Milvus Lite is not installed)."""
    try:
        import milvus_lite  # noqa: F401
    except ImportError:
        return None
    from rag.index.store import load_index
    from rag.ingest.corpus import corpus_checksums, load_manifest
    from rag.retrieval.milvus_write import open_milvus_index

    def sync() -> dict:
        loaded = load_index(index, emb, corpus_checksums(load_manifest(corpus)))
        milvus, seconds = _timed(lambda: open_milvus_index(loaded, loaded.searcher(emb), str(uri)))
        report = dict(milvus.sync_report)
        milvus.close()
        return {**report, "seconds_with_connect": seconds}

    return sync
