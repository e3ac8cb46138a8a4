"""The index manifest: what a built index holds, and whether it may be served.

``manifest.json`` records the format version, the digest of the chunking and tokenizing code, the embedder name and dim, the corpus checksums,
the build and retrieval parameters, the clause and document counts, the creation time and the
sha256 of every other file of the index. ``read_manifest`` / ``check_fresh`` / ``check_files``
tell a stale index (another corpus, embedder, format or chunker: ``StaleIndexError``, rebuild it) from a
corrupt one (a file whose bytes do not match: ``CorruptIndexError``, refuse it);
``index_status`` sums that up without loading any array.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from rag.index.swap import recover_interrupted_swap

if TYPE_CHECKING:
    from rag.index.embed import Embedder

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
# The code that decides what the index holds (clause texts and metadata, BM25 tokens): the whole
# ingest stage and the tokenizer. Its source digest is recorded, so that an index built by older
# chunking or tokenizing code is rebuilt rather than served next to a newer answer layer that reads
# the clauses differently.
_RAG = Path(__file__).resolve().parent.parent
_PIPELINE_SOURCES = (_RAG / "ingest", _RAG / "retrieval" / "tokenize.py")


@cache
def pipeline_digest() -> str:
    """Short sha256 over the source of the code that turns raw text into indexed clauses (read
    once per process: the code does not change under a running server)."""
    digest = hashlib.sha256()
    for source in _PIPELINE_SOURCES:
        for path in sorted(source.rglob("*.py")) if source.is_dir() else [source]:
            digest.update(path.relative_to(_RAG).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class IndexStateError(ValueError):
    """The index on disk cannot be served as it is.

    A ``ValueError`` so that every command line and server entry point reports it as the one-line
    error it is (``policyqa serve`` exits 1 instead of serving a wrong index).
    """


class StaleIndexError(IndexStateError):
    """The index was built from another corpus, embedder or format: rebuild it."""


class MissingIndexError(StaleIndexError):
    """There is no index yet: build it."""


class CorruptIndexError(IndexStateError):
    """A file of the index does not match its manifest (tampered, truncated): refuse it."""


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def make_manifest(folder: Path, embedder: Embedder, corpus_checksums: dict, params: dict, retrieval: dict,
                  clause_count: int, document_count: int) -> dict:
    """The manifest of the index files written so far in ``folder`` (every file is checksummed).

    Args:
        folder: The folder holding every other index file.
        embedder: The embedder the vectors came from (its ``name`` and ``dim`` are recorded).
        corpus_checksums: ``{file: sha256}`` of the corpus.
        params: The effective build parameters.
        retrieval: ``{"bm25": params, "dense": params}`` of the built retrievers.
        clause_count: Number of clauses.
        document_count: Number of documents.
    """
    files = {p.relative_to(folder).as_posix(): file_sha256(p) for p in sorted(folder.rglob("*")) if p.is_file()}
    return {
        "format_version": FORMAT_VERSION,
        "pipeline": pipeline_digest(),
        "embedder": {"name": embedder.name, "dim": int(embedder.dim)},
        "corpus_checksums": dict(corpus_checksums),
        "params": params,
        "retrieval": retrieval,
        "clause_count": clause_count,
        "document_count": document_count,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "files": files,
    }


def read_manifest(index_dir: Path) -> dict:
    """The manifest of ``index_dir``.

    Raises:
        MissingIndexError: No index there.
        CorruptIndexError: The manifest is unreadable or incomplete.
    """
    path = Path(index_dir) / MANIFEST
    if not path.is_file():
        recover_interrupted_swap(Path(index_dir))  # a build killed mid-swap: put the old one back
    if not path.is_file():
        raise MissingIndexError(f"no index in {index_dir}: run `policyqa build`")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorruptIndexError(f"index file {path} is unreadable ({exc}); run `policyqa build`") from None
    required = ("format_version", "embedder", "corpus_checksums", "clause_count", "files")
    if not isinstance(manifest, dict) or any(k not in manifest for k in required):
        raise CorruptIndexError(f"index file {path} lacks required fields; run `policyqa build`")
    return manifest


def check_fresh(manifest: dict, index_dir: Path, embedder_name: str, checksums: dict | None) -> None:
    """Refuse an index of another format, embedder or corpus.

    Raises:
        StaleIndexError: Naming what differs (the caller rebuilds).
    """
    if manifest["format_version"] != FORMAT_VERSION:
        raise StaleIndexError(f"index in {index_dir} has format {manifest['format_version']}, this version reads {FORMAT_VERSION}")
    if manifest.get("pipeline") != pipeline_digest():
        raise StaleIndexError(f"index in {index_dir} was built by other chunking or tokenizing code; rebuilding")
    built_with = manifest["embedder"].get("name")
    if built_with != embedder_name:
        raise StaleIndexError(f"index in {index_dir} was built with embedder {built_with!r}, not {embedder_name!r}")
    if checksums is not None and manifest["corpus_checksums"] != dict(checksums):
        changed = sorted(k for k in {*checksums, *manifest["corpus_checksums"]}
                         if checksums.get(k) != manifest["corpus_checksums"].get(k))
        raise StaleIndexError(f"corpus changed since the index in {index_dir} was built: {', '.join(changed)}")


def check_files(manifest: dict, index_dir: Path) -> None:
    """Refuse an index whose files are missing or differ from their manifest checksums.

    Raises:
        CorruptIndexError: Naming the file (the caller refuses to serve it).
    """
    for name, digest in manifest["files"].items():
        path = index_dir / name
        if not path.is_file():
            raise CorruptIndexError(f"index file {path} is missing; refusing the index, run `policyqa build`")
        if file_sha256(path) != digest:
            raise CorruptIndexError(f"index file {path} does not match its checksum (tampered or truncated); refusing the index, run `policyqa build`")


def index_status(index_dir: Path, embedder_name: str, checksums: dict | None) -> str:
    """``ok``, ``missing``, ``stale`` (rebuild) or ``corrupt`` (refuse) — without loading arrays.

    Args:
        index_dir: The index folder.
        embedder_name: Name of the embedder that will search it.
        checksums: Current corpus checksums, or ``None`` to skip that check.
    """
    index_dir = Path(index_dir)
    try:
        manifest = read_manifest(index_dir)
        check_fresh(manifest, index_dir, embedder_name, checksums)
        check_files(manifest, index_dir)
    except MissingIndexError:
        return "missing"
    except StaleIndexError:
        return "stale"
    except CorruptIndexError:
        return "corrupt"
    return "ok"
