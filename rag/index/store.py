"""The persisted index: build it atomically, describe it in a manifest, refuse it when wrong.

Layout of ``index_dir``::

    manifest.json    format version, embedder name + dim, corpus checksums, build params,
                     clause count, creation time, sha256 of every other file
    documents.json   the Document records
    clauses.json     the Clause records (loading needs no re-chunking)
    tokenizer.json   the domain words the BM25 tokens were cut with
    vectors.npy      float32 (clause_count, dim), L2-normalized
    bm25/            bm25s's saved sparse score matrix
    dense.faiss      the HNSW graph, only when the corpus is above the HNSW threshold

With an ``IndexCache`` (``rag.index.cache``, a sqlite file beside the folder) a build embeds and
tokenizes only texts it has not met before; ``manifest.json`` records under ``build`` how many
clauses were embedded and how many reused, when, and which documents changed, and keeps the
records of earlier builds under ``history``.

A build writes into a fresh temporary folder beside ``index_dir`` and swaps it in with
``os.replace`` (``rag.index.swap``); until that rename the old index stays complete and servable. A
crash leaves at worst a stray temporary folder, which the next build deletes, or — killed between
the two renames — a set-aside old index, which the next reader puts back. On load, a different corpus or embedder raises
``StaleIndexError`` (the caller rebuilds); a file whose bytes or shape do not match the manifest
raises ``CorruptIndexError`` naming the file (the caller refuses to serve it); both checks live
in ``rag.index.manifest``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import faiss
import numpy as np

from rag.index.cache import IndexCache
from rag.index.embed import Embedder
from rag.index.manifest import (
    MANIFEST,
    CorruptIndexError,
    StaleIndexError,
    check_files,
    check_fresh,
    make_manifest,
    read_manifest,
)
from rag.index.records import clause_from_record, clause_to_record, index_texts
from rag.index.swap import clean_leftovers, folder_lock, swap_in
from rag.index.update import cached_tokens, cached_vectors, extended_graph
from rag.model import Clause, Document
from rag.retrieval.base import RowFilter
from rag.retrieval.bm25 import BM25Retriever
from rag.retrieval.dense import DenseRetriever
from rag.retrieval.hybrid import HybridSearcher
from rag.retrieval.tokenize import Tokenizer, domain_terms

HISTORY = 50  # build records kept in the manifest
DEFAULT_PARAMS = {"bm25_k1": 1.5, "bm25_b": 0.75, "bm25_method": "lucene", "hnsw_threshold": 20_000,
                  "embed_batch": 32, "doc_context": True}


@dataclasses.dataclass(frozen=True)
class LoadedIndex:
    """Everything ``load_index`` read, ready to search."""

    documents: list[Document]
    clauses: list[Clause]
    vectors: np.ndarray
    bm25: BM25Retriever
    dense: DenseRetriever
    domain_words: tuple[str, ...]
    manifest: dict

    @property
    def version(self) -> str:
        """Short content hash of the index files: changes whenever the built index does."""
        files = json.dumps(self.manifest.get("files", {}), sort_keys=True)
        return hashlib.sha256(files.encode()).hexdigest()[:12]

    def tokenizer(self) -> Tokenizer:
        """A tokenizer identical to the one the BM25 side was built with."""
        return Tokenizer(self.domain_words)

    def searcher(self, embedder: Embedder, tokenizer: Tokenizer | None = None, **options) -> HybridSearcher:
        """A ``HybridSearcher`` over this index; ``options`` go to its constructor."""
        return HybridSearcher(self.clauses, self.documents, tokenizer or self.tokenizer(), embedder,
                              self.bm25, self.dense, **options)


def _write_json(path: Path, data: object) -> None:
    with path.open("w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
        f.flush()
        os.fsync(f.fileno())


def build_index(
    documents: Sequence[Document],
    clauses: Sequence[Clause],
    embedder: Embedder,
    index_dir: Path,
    corpus_checksums: dict,
    params: dict,
    progress: bool = True,
    tokenizer: Tokenizer | None = None,
    cache: IndexCache | None = None,
    notes: dict | None = None,
) -> dict:
    """Tokenize and embed the clauses and write the index, atomically.

    Args:
        documents: The corpus documents.
        clauses: Their clauses (row order of the index).
        embedder: Embeds the clause index texts.
        index_dir: Target folder (replaced as a whole).
        corpus_checksums: ``{file: sha256}`` of the corpus (``rag.ingest.corpus.corpus_checksums``).
        params: Build parameters; ``bm25_k1``, ``bm25_b``, ``bm25_method``, ``hnsw_threshold``,
            ``embed_batch`` are used here, anything else is only recorded.
        progress: Show a tqdm bar while embedding.
        tokenizer: Tokenizer to use; default ``Tokenizer(domain_terms(clauses))``.
        cache: Vectors and tokens of texts met before (``rag.index.cache``); only the others are
            embedded and tokenized, and they are added to it. ``None`` computes everything.
        notes: More facts for the manifest's ``build`` record (e.g. which documents changed).

    Returns:
        The manifest written; ``manifest["build"]`` holds ``embedded`` / ``reused`` (vectors) and
        ``tokenized`` / ``tokens_reused`` counts, the time and the ``notes``.

    Raises:
        ValueError: Duplicate clause ids, a clause of an unknown document, or bad parameters.
    """
    ids = [c.id for c in clauses]
    if len(set(ids)) != len(ids):
        dup = next(i for i in ids if ids.count(i) > 1)
        raise ValueError(f"duplicate clause id {dup!r}")
    known = {d.id for d in documents}
    orphan = next((c for c in clauses if c.doc_id not in known), None)
    if orphan is not None:
        raise ValueError(f"clause {orphan.id!r} names unknown document {orphan.doc_id!r}")
    effective = {**DEFAULT_PARAMS, **params}
    batch = int(effective["embed_batch"])
    if batch < 1:
        raise ValueError(f"embed_batch must be >= 1, got {batch}")
    if tokenizer is None:
        tokenizer = Tokenizer(domain_terms(clauses))
    texts = index_texts(documents, clauses, bool(effective["doc_context"]))
    token_lists, tokenized = cached_tokens(tokenizer, texts, cache)
    bm25 = BM25Retriever(ids, token_lists, k1=effective["bm25_k1"],
                         b=effective["bm25_b"], method=effective["bm25_method"])
    vectors, embedded = cached_vectors(embedder, [tokenizer.fold(t) for t in texts], batch, progress, cache)
    threshold = int(effective["hnsw_threshold"])
    graph = extended_graph(Path(index_dir), vectors) if len(ids) > threshold and cache is not None else None
    dense = DenseRetriever(ids, vectors, hnsw_threshold=threshold, index=graph)
    record = {"at": datetime.now(UTC).isoformat(timespec="seconds"), "embedder": embedder.name,
              "dense": dense.kind if graph is None else f"{dense.kind}, previous graph extended",
              "clauses": len(clauses), "embedded": embedded, "reused": len(clauses) - embedded,
              "tokenized": tokenized, "tokens_reused": len(clauses) - tokenized,
              **({"cache_id": cache.id} if cache is not None else {}), **(notes or {})}

    index_dir = Path(index_dir)
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    with folder_lock(index_dir):
        clean_leftovers(index_dir)  # folders of builds killed earlier; none is live while we lock
        return _write_and_swap(index_dir, documents, clauses, tokenizer, vectors, bm25, dense,
                               embedder, corpus_checksums, effective, record)


def _history(index_dir: Path) -> list[dict]:
    """The build records of the index about to be replaced, oldest first (empty when unreadable)."""
    try:
        previous = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    records = [*previous.get("history", []), *([previous["build"]] if previous.get("build") else [])]
    return [r for r in records if isinstance(r, dict)][-HISTORY:]


def _write_and_swap(index_dir, documents, clauses, tokenizer, vectors, bm25, dense, embedder,
                    corpus_checksums, effective, record) -> dict:
    """Write every file into a fresh folder beside ``index_dir``, the manifest last, and swap."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{index_dir.name}.build-", dir=index_dir.parent))
    try:
        tmp.chmod(0o755)  # mkdtemp makes it owner-only; the swapped-in index must stay readable
        _write_json(tmp / "documents.json", [dataclasses.asdict(d) for d in documents])
        _write_json(tmp / "clauses.json", [clause_to_record(c) for c in clauses])
        _write_json(tmp / "tokenizer.json", {"domain_words": list(tokenizer.domain_words)})
        with (tmp / "vectors.npy").open("wb") as f:
            np.save(f, vectors, allow_pickle=False)
            f.flush()
            os.fsync(f.fileno())
        bm25.save(tmp / "bm25")
        if dense.kind == "hnsw":
            faiss.write_index(dense.index, str(tmp / "dense.faiss"))
        manifest = make_manifest(tmp, embedder, corpus_checksums, effective,
                                 {"bm25": bm25.params, "dense": dense.params}, len(clauses),
                                 len(documents))
        manifest["build"], manifest["history"] = record, _history(index_dir)
        _write_json(tmp / MANIFEST, manifest)  # last: a folder without it is no index
        swap_in(tmp, index_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return manifest


def load_index(index_dir: Path, embedder: Embedder, expected_checksums: dict | None = None) -> LoadedIndex:
    """Load and verify an index written by ``build_index``.

    Args:
        index_dir: The index folder.
        embedder: The embedder queries will use (its name and dim must match the build).
        expected_checksums: Current corpus checksums; ``None`` skips the corpus check.

    Returns:
        The loaded index.

    Raises:
        MissingIndexError: No index.
        StaleIndexError: Built from another corpus, embedder or format.
        CorruptIndexError: A file is missing, altered or of the wrong shape.
    """
    index_dir = Path(index_dir)
    manifest = read_manifest(index_dir)
    check_fresh(manifest, index_dir, embedder.name, expected_checksums)
    if int(manifest["embedder"].get("dim", -1)) != embedder.dim:
        raise StaleIndexError(f"index in {index_dir} has dim {manifest['embedder'].get('dim')}, embedder has {embedder.dim}")
    check_files(manifest, index_dir)
    n, dim = int(manifest["clause_count"]), embedder.dim
    try:
        documents = [Document(**d) for d in json.loads((index_dir / "documents.json").read_text("utf-8"))]
        clauses = [clause_from_record(r) for r in json.loads((index_dir / "clauses.json").read_text("utf-8"))]
        domain_words = tuple(json.loads((index_dir / "tokenizer.json").read_text("utf-8"))["domain_words"])
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise CorruptIndexError(f"index records in {index_dir} are unreadable ({exc}); run `policyqa build`") from None
    if len(clauses) != n:
        raise CorruptIndexError(f"index file {index_dir / 'clauses.json'} holds {len(clauses)} clauses, manifest says {n}")
    vectors_path = index_dir / "vectors.npy"
    try:
        vectors = np.load(vectors_path, allow_pickle=False)
    except (OSError, ValueError) as exc:
        raise CorruptIndexError(f"index file {vectors_path} is unreadable ({exc}); run `policyqa build`") from None
    if vectors.dtype != np.float32 or vectors.shape != (n, dim):
        raise CorruptIndexError(f"index file {vectors_path} has {vectors.dtype} {vectors.shape}, expected float32 ({n}, {dim})")
    ids = [c.id for c in clauses]
    rows = RowFilter(clauses, documents)
    params = manifest.get("params", DEFAULT_PARAMS)
    bm25_params = {"k1": params["bm25_k1"], "b": params["bm25_b"], "method": params["bm25_method"]}
    try:
        bm25 = BM25Retriever.load(index_dir / "bm25", ids, bm25_params, rows=rows)
    except (OSError, ValueError, KeyError) as exc:
        raise CorruptIndexError(f"index folder {index_dir / 'bm25'} is unreadable ({exc}); run `policyqa build`") from None
    graph_path = index_dir / "dense.faiss"
    try:
        graph = faiss.read_index(str(graph_path)) if graph_path.is_file() else None
        dense = DenseRetriever(ids, vectors, hnsw_threshold=int(params["hnsw_threshold"]), rows=rows, index=graph)
    except (RuntimeError, ValueError) as exc:
        raise CorruptIndexError(f"index file {graph_path} does not fit the vectors ({exc}); run `policyqa build`") from None
    return LoadedIndex(documents, clauses, vectors, bm25, dense, domain_words, manifest)
