"""What an incremental build takes over from the index it replaces.

A rebuild after one plan was added, removed or replaced should cost what that plan costs, not
what the library costs. Three things make that so:

* ``chunk_reusing`` — a document whose raw file (sha256), id, title and source path are those
  of the previous index keeps its clauses from ``clauses.json``; only new or changed files go
  through the chunker (7 s per 10,000 clauses saved). Only an index of the same pipeline digest
  is reused: other chunking code may cut the same text differently.
* ``cached_vectors`` / ``cached_tokens`` — vectors and BM25 tokens by content from
  ``rag.index.cache.IndexCache``: only texts never met before are embedded, and tokens are
  computed again only when the tokenizer's dictionary changed.
* ``seed_cache`` — an index built before the cache existed (or whose cache file was deleted)
  hands its vectors to the cache once, so upgrading does not re-embed a whole library.

``changes`` names the documents added, removed and changed since the previous index, for the
manifest's record of what was embedded when.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

import jieba
import numpy as np
from tqdm.auto import tqdm

from rag.index.cache import IndexCache, text_key
from rag.index.embed import Embedder
from rag.index.manifest import MANIFEST, CorruptIndexError, check_files, pipeline_digest
from rag.index.records import clause_from_record, index_texts
from rag.ingest.corpus import CorpusFile
from rag.model import Clause, Document
from rag.retrieval.tokenize import Tokenizer


@cache
def _tokenizer_source() -> bytes:
    import rag.retrieval.tokenize as module

    return Path(module.__file__).read_bytes()


def tokenizer_digest(tokenizer: Tokenizer) -> str:
    """A digest of everything that decides a text's BM25 tokens: the tokenizer's code, jieba's
    version, the (folded) domain words and the stopwords. Word order does not matter to jieba, so
    it does not matter here; a word added twice does (it counts twice in jieba's total)."""
    digest = hashlib.sha256(_tokenizer_source())
    digest.update(jieba.__version__.encode())
    digest.update("\n".join(sorted(tokenizer.domain_words)).encode())
    digest.update(b"\0" + "\n".join(sorted(tokenizer.stopwords)).encode())
    return digest.hexdigest()[:32]


def cached_vectors(embedder: Embedder, texts: list[str], batch: int, progress: bool,
           index_cache: IndexCache | None = None) -> tuple[np.ndarray, int]:
    """Vectors of ``texts``: from the cache where it holds them, else embedded (and cached per
    batch, so a killed build keeps what it embedded). Returns ``(vectors, number embedded)``."""
    out = np.zeros((len(texts), embedder.dim), np.float32)
    keys = [text_key(t) for t in texts]
    cached = index_cache.get_vectors(embedder.name, embedder.dim, keys) if index_cache is not None else {}
    todo: dict[bytes, list[int]] = {}
    for row, key in enumerate(keys):
        if key in cached:
            out[row] = cached[key]
        else:
            todo.setdefault(key, []).append(row)  # equal texts are embedded once
    pending = list(todo)
    with tqdm(total=len(pending), desc="embedding clauses", unit="clause", disable=not progress or not pending) as bar:
        for start in range(0, len(pending), batch):
            chunk = pending[start : start + batch]
            vectors = embedder.embed_passages([texts[todo[k][0]] for k in chunk])
            for key, vector in zip(chunk, vectors, strict=True):
                out[todo[key]] = vector
            if index_cache is not None:
                index_cache.put_vectors(embedder.name, dict(zip(chunk, vectors, strict=True)))
            bar.update(len(chunk))
    return out, len(pending)


def cached_tokens(tokenizer: Tokenizer, texts: list[str], index_cache: IndexCache | None) -> tuple[list[list[str]], int]:
    """BM25 tokens of ``texts``, from the cache where it holds them for this very dictionary.
    Returns ``(token lists, number tokenized)``."""
    if index_cache is None:
        return tokenizer.tokenize_many(texts), len(texts)
    digest = tokenizer_digest(tokenizer)
    keys = [text_key(t) for t in texts]
    found = index_cache.get_tokens(digest, keys)
    fresh = {k: tokenizer.tokenize(t) for k, t in zip(keys, texts, strict=True) if k not in found}
    if fresh:
        index_cache.put_tokens(digest, fresh)
    else:
        index_cache.touch_tokens(digest)
    index_cache.prune_tokens()
    found.update(fresh)
    return [found[k] for k in keys], len(fresh)


def extended_graph(index_dir: Path, vectors: np.ndarray):
    """The previous index's HNSW graph with the new rows added, when its rows are an unchanged
    prefix of ``vectors`` (a plan was added at the end of the manifest); else ``None``.

    HNSW inserts vectors one after another, so extending the graph of the first rows by the last
    ones is what building it over all rows does — at 100,000 clauses 0.1 s instead of 24 s. A
    replaced or removed plan shifts the rows after it; the graph is then built afresh.
    """
    import faiss

    path = Path(index_dir) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        files = manifest["files"]
        if "dense.faiss" not in files or int(manifest["embedder"]["dim"]) != vectors.shape[1]:
            return None
        check_files({"files": {k: files[k] for k in ("vectors.npy", "dense.faiss")}}, Path(index_dir))
        previous = np.load(Path(index_dir) / "vectors.npy", mmap_mode="r", allow_pickle=False)
        n = previous.shape[0]
        if n > len(vectors) or previous.shape[1] != vectors.shape[1] or not np.array_equal(previous, vectors[:n]):
            return None
        graph = faiss.read_index(str(Path(index_dir) / "dense.faiss"))
    except (OSError, ValueError, KeyError, TypeError, RuntimeError, CorruptIndexError):
        return None
    if not isinstance(graph, faiss.IndexHNSW) or graph.ntotal != n:
        return None
    if len(vectors) > n:
        graph.add(np.ascontiguousarray(vectors[n:], dtype=np.float32))
    return graph


def _previous(index_dir: Path) -> dict | None:
    """The previous index's manifest when its clause records can be trusted, else ``None``."""
    path = Path(index_dir) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        check_files({"files": {k: v for k, v in manifest["files"].items()
                               if k in ("documents.json", "clauses.json")}}, Path(index_dir))
    except (OSError, ValueError, KeyError, TypeError, CorruptIndexError):
        return None
    return manifest if isinstance(manifest, dict) else None


def _records(index_dir: Path) -> tuple[list[dict], list[dict]]:
    documents = json.loads((Path(index_dir) / "documents.json").read_text(encoding="utf-8"))
    clauses = json.loads((Path(index_dir) / "clauses.json").read_text(encoding="utf-8"))
    return documents, clauses


def chunk_reusing(files: list[CorpusFile], index_dir: Path) -> tuple[list[Document], list[Clause], dict]:
    """Chunk the corpus, taking unchanged documents' clauses from the previous index.

    Args:
        files: The corpus (``rag.ingest.corpus.load_manifest``).
        index_dir: The index folder about to be replaced (may be missing).

    Returns:
        ``(documents, clauses, info)`` as ``rag.ingest.chunk.chunk_corpus`` returns them, plus
        ``info = {"chunked": [ids], "reused": n, "added": [ids], "removed": [ids], "changed": [ids]}``.
    """
    from rag.ingest.chunk import chunk_document

    prev = _previous(index_dir)
    old_docs: dict[str, dict] = {}
    old_clauses: dict[str, list[dict]] = {}
    old_sums: dict[str, str] = {}
    if prev is not None:
        try:
            doc_records, clause_records = _records(index_dir)
        except (OSError, ValueError):
            doc_records, clause_records = [], []
        old_docs = {d["id"]: d for d in doc_records if isinstance(d, dict) and "id" in d}
        old_sums = dict(prev.get("corpus_checksums", {}))
        for record in clause_records:
            old_clauses.setdefault(record.get("doc_id"), []).append(record)
    same_code = prev is not None and prev.get("pipeline") == pipeline_digest()
    documents: list[Document] = []
    clauses: list[Clause] = []
    info: dict = {"chunked": [], "reused": 0, "added": [], "removed": [], "changed": []}
    for f in files:
        doc = f.document
        documents.append(doc)
        old = old_docs.get(doc.id)
        digest = f.sha256()
        unchanged = (old is not None and old.get("title") == doc.title and old.get("source_path") == doc.source_path
                     and old_sums.get(doc.source_path) == digest)
        if old is None:
            info["added"].append(doc.id)
        elif not unchanged or any(old.get(k) != v for k, v in _fields(doc).items()):
            info["changed"].append(doc.id)
        if same_code and unchanged and doc.id in old_clauses:
            clauses.extend(clause_from_record(r) for r in old_clauses[doc.id])
            info["reused"] += 1
        else:
            clauses.extend(chunk_document(doc, f.read_text()))
            info["chunked"].append(doc.id)
    info["removed"] = sorted(set(old_docs) - {d.id for d in documents})
    return documents, clauses, info


def _fields(doc: Document) -> dict:
    from dataclasses import asdict

    return asdict(doc)


def _field_names(cls) -> set[str]:
    from dataclasses import fields

    return {f.name for f in fields(cls)}


def seed_cache(index_cache: IndexCache, index_dir: Path, embedder_name: str, dim: int, fold) -> int:
    """Hand the vectors of an index built without this cache file to the cache, once.

    Best effort: an index of another embedder, a corrupt one or one this code cannot read seeds
    nothing. The keys are computed as ``rag.index.store.build_index`` computes them (the folded
    index text, with the document context the old build used).

    Args:
        index_cache: The open cache.
        index_dir: The previous index.
        embedder_name: The embedder of the coming build (only its vectors are useful).
        dim: Its dimension.
        fold: ``Tokenizer.fold`` (texts are embedded folded).

    Returns:
        Vectors added to the cache.
    """

    path = Path(index_dir) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if manifest.get("build", {}).get("cache_id") == index_cache.id:
            return 0  # built with this very cache: everything it embedded is in it already
        if manifest["embedder"]["name"] != embedder_name or int(manifest["embedder"]["dim"]) != dim:
            return 0
        check_files(manifest, Path(index_dir))
        doc_records, clause_records = _records(index_dir)
        # Another version may have written more fields; only the indexed text matters here.
        doc_fields, clause_fields = _field_names(Document), _field_names(Clause)
        documents = [Document(**{k: v for k, v in d.items() if k in doc_fields}) for d in doc_records]
        clauses = [clause_from_record({k: v for k, v in r.items() if k in clause_fields}) for r in clause_records]
        vectors = np.load(Path(index_dir) / "vectors.npy", allow_pickle=False)
        doc_context = bool(manifest.get("params", {}).get("doc_context", False))
    except (OSError, ValueError, KeyError, TypeError, CorruptIndexError):
        return 0
    if vectors.shape != (len(clauses), dim):
        return 0
    keys = [text_key(fold(t)) for t in index_texts(documents, clauses, doc_context)]
    index_cache.put_vectors(embedder_name, dict(zip(keys, vectors, strict=True)))
    return len(keys)
