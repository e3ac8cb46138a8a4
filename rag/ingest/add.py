"""Add documents to the corpus: load, check they chunk, store the text, append to the manifest.

``ingest_files`` is all-or-nothing: every file is loaded, normalized and chunked first; a file
that yields no text or no clause, a repeated id or a repeated text stops the whole batch with one
``ValueError`` and nothing in the corpus changes. Then the texts are written (a .txt/.md in UTF-8
is copied byte for byte, anything else is stored as the extracted UTF-8 text) under a file name
derived from the document id — never from the given path — and the manifest is rewritten through
a temporary file and ``os.replace``, so a crash never leaves it half-written. A text file that a
killed ingest wrote but never listed is taken over by the next ingest of the same document.
Files are untrusted: ``rag.ingest.loaders`` runs ``rag.ingest.safety``'s checks (size limit ``max_bytes``, zip
bombs, binaries) before any parser opens them, and refuses encrypted or corrupt PDFs.

Metadata (title, 文号, issuer, date, level, region) is read from the text by
``rag.ingest.metadata.detect_metadata``; options given by the user win.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import tomllib
from pathlib import Path

import tomli_w

from rag.ingest.chunk import chunk_document
from rag.ingest.corpus import MANIFEST
from rag.ingest.loaders import TEXT_SUFFIXES, load_text
from rag.ingest.metadata import detect_metadata
from rag.ingest.normalize import normalize
from rag.ingest.safety import DEFAULT_MAX_BYTES
from rag.model import LEVELS, Document

OVERRIDES = ("id", "title", "short_name", "number", "issuer", "date", "level", "region")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
def _slug(stem: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:48].strip("-")


def _existing(corpus_dir: Path) -> tuple[set[str], dict[str, str], set[str]]:
    """Ids in the manifest, ``{sha256 of text: id}`` of their files and the file names listed."""
    manifest = corpus_dir / MANIFEST
    if not manifest.exists():
        return set(), {}, set()
    entries = tomllib.loads(manifest.read_text(encoding="utf-8")).get("documents", [])
    hashes = {}
    for e in entries:
        f = corpus_dir / str(e.get("file", ""))
        if e.get("file") and f.is_file():
            hashes[hashlib.sha256(f.read_bytes()).hexdigest()] = e.get("id", "")
    return {e.get("id", "") for e in entries}, hashes, {str(e.get("file", "")) for e in entries}


def _validate(meta: dict) -> None:
    if not _ID.match(meta["id"]):
        raise ValueError(f"document id {meta['id']!r} is not allowed; use lower-case letters, digits and '-' (max 64)")
    if meta["level"] not in LEVELS:
        raise ValueError(f"level {meta['level']!r} is not allowed; allowed: {', '.join(LEVELS)}")
    if meta["date"] and not _DATE.match(meta["date"]):
        raise ValueError(f"date {meta['date']!r} is not allowed; use YYYY-MM-DD")


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def ingest_files(paths: list[Path], corpus_dir: Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 **overrides: str | None) -> list[Document]:
    """Add documents to the corpus folder and its manifest.

    Args:
        paths: Files to add (.txt, .md, .docx, .pdf, .html); untrusted files are welcome — see
            ``rag.ingest.safety`` for what is refused before any parser opens them.
        corpus_dir: The corpus folder holding ``documents.toml``.
        max_bytes: Largest file accepted, in bytes.
        **overrides: Metadata that wins over detection: ``id`` (one file only), ``title``,
            ``short_name``, ``number``, ``issuer``, ``date`` (YYYY-MM-DD), ``level``, ``region``.

    Returns:
        The added documents, with ``source_path`` relative to the corpus folder's parent.

    Raises:
        ValueError: Unknown override, a file too large, binary, encrypted, corrupt or a zip bomb,
            no text or no clause, an id or a text already in the corpus, or a bad id / level /
            date. Nothing is written then.
    """
    unknown = sorted(set(overrides) - set(OVERRIDES))
    if unknown:
        raise ValueError(f"unknown metadata {', '.join(unknown)}; allowed: {', '.join(OVERRIDES)}")
    paths = [Path(p) for p in paths]
    if not paths:
        raise ValueError("no files given to ingest")
    if overrides.get("id") and len(paths) > 1:
        raise ValueError("--id can only be given with a single file")
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise ValueError(f"corpus folder not found: {corpus_dir}")
    ids, hashes, listed = _existing(corpus_dir)
    staged: list[tuple[Document, Path, bytes]] = []
    for path in paths:
        text = load_text(path, max_bytes)
        raw_bytes = path.read_bytes()
        keep_bytes = path.suffix.lower() in TEXT_SUFFIXES and _is_utf8(raw_bytes)
        data = raw_bytes if keep_bytes else text.encode("utf-8")
        stored = data.decode("utf-8")
        meta = {"level": "other", **detect_metadata(stored)}
        meta["id"] = _slug(path.stem) or f"doc-{hashlib.sha256(data).hexdigest()[:8]}"
        meta["title"] = meta["title"] or path.stem
        meta.update({k: v for k, v in overrides.items() if v})
        _validate(meta)
        if meta["id"] in ids:
            raise ValueError(f"{path.name}: document id {meta['id']!r} is already in the corpus; pass another --id")
        digest = hashlib.sha256(data).hexdigest()
        if digest in hashes:
            raise ValueError(f"{path.name}: the same text is already in the corpus as {hashes[digest]!r}")
        name = f"{meta['id']}{'.md' if path.suffix.lower() == '.md' else '.txt'}"
        target = (corpus_dir / name).resolve()
        # The name comes from the validated id, never from the upload; the check below is the
        # belt to that brace. An unlisted file with the very same bytes is what an ingest killed
        # between writing the text and the manifest leaves behind: taking it over is safe.
        leftover = target.is_file() and target.name not in listed and target.read_bytes() == data
        if target.parent != corpus_dir.resolve() or (target.exists() and not leftover):
            raise ValueError(f"{path.name}: cannot store as {name!r} in {corpus_dir}")
        doc = Document(
            id=meta["id"], title=meta["title"], number=meta["number"], issuer=meta["issuer"],
            date=meta["date"], level=meta["level"], region=meta["region"],
            source_path=_relative(target, corpus_dir), short_name=meta.get("short_name") or "",
        )
        if not normalize(stored).text.strip():
            raise ValueError(f"{path.name}: no text left after normalization")
        if not chunk_document(doc, stored):
            raise ValueError(f"{path.name}: no clause could be found in the text")
        ids.add(doc.id)
        hashes[digest] = doc.id
        staged.append((doc, target, data))
    _commit(corpus_dir, staged)
    return [doc for doc, _, _ in staged]


def withdraw(corpus_dir: Path, added: list[Document], manifest_before: bytes | None) -> None:
    """Undo an ``ingest_files`` call: restore the manifest as it was, then remove the added texts.

    The manifest goes first, so an interruption never leaves it listing a missing file (an
    unlisted leftover text is harmless: a later ingest of the same bytes takes it over).

    Args:
        corpus_dir: The corpus folder.
        added: What ``ingest_files`` returned.
        manifest_before: The bytes of ``documents.toml`` before the ingest (``None``: it did not exist).
    """
    corpus_dir = Path(corpus_dir)
    manifest = corpus_dir / MANIFEST
    if manifest_before is None:
        manifest.unlink(missing_ok=True)
    else:
        _atomic_write(manifest, manifest_before)
    root = corpus_dir.resolve().parent
    for doc in added:
        target = (root / doc.source_path).resolve()
        if target.parent == corpus_dir.resolve():
            target.unlink(missing_ok=True)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _relative(target: Path, corpus_dir: Path) -> str:
    root = corpus_dir.resolve().parent
    return target.relative_to(root).as_posix()


def _commit(corpus_dir: Path, staged: list[tuple[Document, Path, bytes]]) -> None:
    """Write the texts, then the manifest; undo the texts if the manifest cannot be written."""
    manifest = corpus_dir / MANIFEST
    old = manifest.read_text(encoding="utf-8") if manifest.exists() else ""
    entries = []
    for doc, target, _ in staged:
        entry = {"id": doc.id, "title": doc.title}
        if doc.short_name:
            entry["short_name"] = doc.short_name
        entry.update({"number": doc.number, "issuer": doc.issuer, "date": doc.date,
                      "level": doc.level, "region": doc.region, "file": target.name})
        entries.append(entry)
    addition = tomli_w.dumps({"documents": entries})
    new = (old.rstrip("\n") + "\n\n" if old.strip() else "") + addition
    written: list[Path] = []
    try:
        for _, target, data in staged:
            _atomic_write(target, data)
            written.append(target)
        _atomic_write(manifest, new.encode("utf-8"))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
