"""The corpus folder: raw documents as received plus ``documents.toml``, the manifest.

The manifest lists each document's id, title, 文号, issuer, date, level and region, its standing
(``status = "repealed"``, ``superseded_by = "<id>"``, ``expires = "YYYY-MM-DD"``; see
``rag.ingest.lifecycle``) and the raw file it came from. Raw files are never edited; cleaning is
the normalizer's job.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from rag.model import LEVELS, STATUSES, Document

MANIFEST = "documents.toml"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class CorpusFile:
    """A manifest entry together with its raw file on disk."""

    document: Document
    path: Path

    def read_text(self) -> str:
        """The raw file as text (UTF-8; a BOM is kept so offsets stay byte-for-byte faithful)."""
        return self.path.read_text(encoding="utf-8")

    def sha256(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


def load_manifest(corpus_dir: Path, repo_root: Path | None = None) -> list[CorpusFile]:
    """Read ``corpus_dir/documents.toml`` and return its entries in manifest order.

    Args:
        corpus_dir: Folder holding the raw files and the manifest.
        repo_root: Root that ``Document.source_path`` is made relative to; defaults to the
            corpus folder's parent.

    Returns:
        One ``CorpusFile`` per ``[[documents]]`` table.

    Raises:
        FileNotFoundError: The manifest or a file it names is missing.
        ValueError: An entry lacks ``id``/``title``/``file``, repeats an id, or has an unknown
            level or status, or an ``expires`` that is not ``YYYY-MM-DD``.
    """
    corpus_dir = Path(corpus_dir)
    root = Path(repo_root) if repo_root else corpus_dir.resolve().parent
    manifest = corpus_dir / MANIFEST
    if not manifest.exists():
        raise FileNotFoundError(f"corpus manifest not found: {manifest}")
    data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    files: list[CorpusFile] = []
    seen: set[str] = set()
    for n, entry in enumerate(data.get("documents", []), 1):
        missing = [k for k in ("id", "title", "file") if not entry.get(k)]
        if missing:
            raise ValueError(f"{manifest}: document #{n} lacks {', '.join(missing)}")
        if entry["id"] in seen:
            raise ValueError(f"{manifest}: duplicate document id {entry['id']!r}")
        level = entry.get("level", "other")
        if level not in LEVELS:
            raise ValueError(f"{manifest}: document {entry['id']!r} has level {level!r}; allowed: {', '.join(LEVELS)}")
        status, expires = entry.get("status", "current"), str(entry.get("expires", ""))
        if status not in STATUSES:
            raise ValueError(f"{manifest}: document {entry['id']!r} has status {status!r}; allowed: {', '.join(STATUSES)}")
        if expires and not _DAY.match(expires):
            raise ValueError(f"{manifest}: document {entry['id']!r} has expires {expires!r}; use YYYY-MM-DD")
        seen.add(entry["id"])
        path = corpus_dir / entry["file"]
        if not path.exists():
            raise FileNotFoundError(f"{manifest}: file of {entry['id']!r} not found: {path}")
        try:
            source_path = path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            source_path = path.as_posix()
        doc = Document(
            id=entry["id"],
            title=entry["title"],
            number=entry.get("number", ""),
            issuer=entry.get("issuer", ""),
            date=str(entry.get("date", "")),
            level=level,
            region=entry.get("region", ""),
            source_path=source_path,
            short_name=entry.get("short_name", ""),
            status=status,
            superseded_by=str(entry.get("superseded_by", "")),
            expires=expires,
            published=str(entry.get("published", "")),
        )
        files.append(CorpusFile(doc, path))
    return files


def corpus_checksums(files: list[CorpusFile]) -> dict[str, str]:
    """``{source_path: sha256}`` of every raw file plus the manifest, for index manifests."""
    sums = {f.document.source_path: f.sha256() for f in files}
    if files:
        manifest = files[0].path.parent / MANIFEST
        sums[MANIFEST] = hashlib.sha256(manifest.read_bytes()).hexdigest()
    return sums
