"""Corpus → index, incrementally: what ``policyqa build`` and every start-up that finds the index stale run.

Documents whose file did not change keep their clauses from the previous index
(``rag.index.update.chunk_reusing``), and only texts the cache beside the index
(``rag.index.cache``) has never met are embedded or tokenized; ``rag.index.store.build_index``
writes and swaps the result. ``full=True`` does everything again, as a first build does.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from rag.index.cache import IndexCache, cache_path
from rag.index.store import build_index
from rag.index.update import chunk_reusing, seed_cache
from rag.ingest.corpus import corpus_checksums, load_manifest


def build(corpus_dir: Path, index_dir: Path, embedder, progress: bool = True, full: bool = False) -> dict:
    """Chunk the corpus and (re)build the persisted index atomically; returns its manifest.

    Incremental unless ``full``: documents whose file did not change keep their clauses from the
    previous index, and only texts the cache beside the index (``rag.index.cache``) has never met
    are embedded or tokenized. ``full`` chunks, tokenizes and embeds everything again.

    Args:
        corpus_dir: The corpus folder.
        index_dir: The index folder (replaced as a whole).
        embedder: An ``Embedder``.
        progress: Show a progress bar while embedding.
        full: Ignore everything computed before.

    Returns:
        The manifest written; ``manifest["build"]`` says what was embedded and reused.

    Raises:
        FileNotFoundError, ValueError: The corpus manifest is missing or wrong.
    """
    from rag.ingest.chunk import chunk_corpus
    from rag.retrieval.tokenize import Tokenizer, domain_terms

    files = load_manifest(Path(corpus_dir))
    index_dir = Path(index_dir)
    if full:
        documents, clauses = chunk_corpus(files)
        notes = {"full": True, "documents": len(documents)}
    else:
        documents, clauses, info = chunk_reusing(files, index_dir)
        notes = {"documents": len(documents), "documents_chunked": len(info["chunked"]),
                 "documents_reused": info["reused"],
                 **{k: info[k][:100] for k in ("added", "removed", "changed")}}
    tokenizer = Tokenizer(domain_terms(clauses))
    path = cache_path(index_dir)
    try:
        cache = IndexCache(path)
    except sqlite3.DatabaseError:  # not a cache file any more: start a new one (the index seeds it)
        path.unlink(missing_ok=True)
        cache = IndexCache(path)
    with cache:
        if not full:
            notes["seeded"] = seed_cache(cache, index_dir, embedder.name, embedder.dim, tokenizer.fold)
        return build_index(documents, clauses, embedder, index_dir, corpus_checksums(files), params={},
                           progress=progress, tokenizer=tokenizer, cache=None if full else cache, notes=notes)
