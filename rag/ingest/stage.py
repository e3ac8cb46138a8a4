"""Staging and committing corpus changes: check a file without writing, then write a batch at once.

``stage_file`` loads one file, reads its metadata and standing (有效期, 废止), names its stored
text after the validated document id and checks that it chunks — without writing anything.
``commit`` then writes the staged texts and rewrites ``documents.toml`` once, atomically
(``rag.ingest.corpus_write``): added entries, replaced entries, documents the new texts repeal.
``rag.ingest.add.ingest_files`` (all or nothing) and ``rag.ingest.edit`` (a folder file by file,
remove, replace, mark) are built from these two.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from rag.ingest.chunk import chunk_document
from rag.ingest.corpus import MANIFEST
from rag.ingest.corpus_write import atomic_write, entry_of, write_manifest
from rag.ingest.lifecycle import read_standing, repealed_ids
from rag.ingest.loaders import TEXT_SUFFIXES, load_text
from rag.ingest.metadata import detect_metadata
from rag.ingest.normalize import normalize
from rag.ingest.safety import DEFAULT_MAX_BYTES
from rag.model import LEVELS, STATUSES, Document

OVERRIDES = ("id", "title", "short_name", "number", "issuer", "date", "level", "region", "status",
             "superseded_by", "expires")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _slug(stem: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:48].strip("-")


class DuplicateError(ValueError):
    """The text is already in the corpus (same sha256 of the stored bytes)."""


@dataclass
class CorpusState:
    """What the corpus holds, for the checks of ``stage_file``; updated as files are staged.

    Attributes:
        ids: Document ids in the manifest.
        hashes: ``{sha256 of the stored text: document id}``.
        listed: File names the manifest lists.
        documents: The listed documents (id, title, 文号), to match what a new text repeals.
    """

    ids: set[str]
    hashes: dict[str, str]
    listed: set[str]
    documents: list[Document]

    @classmethod
    def read(cls, corpus_dir: Path) -> CorpusState:
        """The state of ``corpus_dir`` (empty when it has no manifest yet)."""
        manifest = Path(corpus_dir) / MANIFEST
        entries = tomllib.loads(manifest.read_text(encoding="utf-8")).get("documents", []) if manifest.exists() else []
        hashes = {}
        for e in entries:
            f = Path(corpus_dir) / str(e.get("file", ""))
            if e.get("file") and f.is_file():
                hashes[hashlib.sha256(f.read_bytes()).hexdigest()] = e.get("id", "")
        documents = [Document(id=str(e.get("id", "")), title=str(e.get("title", "")), number=str(e.get("number", "")))
                     for e in entries]
        return cls({d.id for d in documents}, hashes, {str(e.get("file", "")) for e in entries}, documents)


@dataclass(frozen=True)
class Staged:
    """A file checked and ready to be written: its document, where its text goes, the bytes,
    the ids of corpus documents its text repeals (废止), and the id it replaces (``replace``)."""

    document: Document
    target: Path
    data: bytes
    repeals: tuple[str, ...] = ()
    replaces: str | None = None
    clauses: int = 0


def _validate(meta: dict) -> None:
    if not _ID.match(meta["id"]):
        raise ValueError(f"document id {meta['id']!r} is not allowed; use lower-case letters, digits and '-' (max 64)")
    if meta["level"] not in LEVELS:
        raise ValueError(f"level {meta['level']!r} is not allowed; allowed: {', '.join(LEVELS)}")
    for key in ("date", "expires", "published"):
        if meta.get(key) and not _DATE.match(meta[key]):
            raise ValueError(f"{key} {meta[key]!r} is not allowed; use YYYY-MM-DD")
    if meta.get("status", "current") not in STATUSES:
        raise ValueError(f"status {meta['status']!r} is not allowed; allowed: {', '.join(STATUSES)}")
    if meta.get("superseded_by") and not _ID.match(meta["superseded_by"]):
        raise ValueError(f"superseded_by {meta['superseded_by']!r} is not a document id")


def stage_file(path: Path, corpus_dir: Path, state: CorpusState, *, max_bytes: int = DEFAULT_MAX_BYTES,
               overrides: dict | None = None, fallback: dict | None = None, replaces: str | None = None,
               unique_id: bool = False) -> Staged:
    """Load, check and name one file without writing anything; ``state`` learns about it.

    Args:
        path: The file (untrusted; ``rag.ingest.safety`` checks it before any parser opens it).
        corpus_dir: The corpus folder.
        state: ``CorpusState.read(corpus_dir)``, shared by the files of one batch.
        max_bytes: Largest file accepted.
        overrides: Metadata that wins over detection (see ``OVERRIDES``; empty values ignored).
        fallback: Metadata used where detection finds nothing (``replace`` keeps the old entry's).
        replaces: Id of the document whose text this file replaces (keeps that id).
        unique_id: Give an id already taken a ``-2``, ``-3`` … suffix instead of refusing.

    Raises:
        DuplicateError: The same text is already in the corpus (or in this batch).
        ValueError: A file that is refused (too large, binary, encrypted, corrupt, no text, no
            clause), an id already taken, a bad id / level / date / status.
    """
    text = load_text(path, max_bytes)
    raw_bytes = path.read_bytes()
    keep_bytes = path.suffix.lower() in TEXT_SUFFIXES and _is_utf8(raw_bytes)
    data = raw_bytes if keep_bytes else text.encode("utf-8")
    stored = data.decode("utf-8")

    detected = {k: v for k, v in detect_metadata(stored).items() if v and v != "other"}
    meta = {"level": "other", **{k: v for k, v in (fallback or {}).items() if v}, **detected}
    meta["id"] = replaces or _slug(path.stem) or f"doc-{hashlib.sha256(data).hexdigest()[:8]}"
    meta["title"] = meta.get("title") or path.stem
    meta.update({k: v for k, v in (overrides or {}).items() if v})
    standing = read_standing(stored, issued=meta.get("date", ""))
    meta["expires"] = (overrides or {}).get("expires") or standing.expires or meta.get("expires", "")
    _validate(meta)
    if replaces is None and meta["id"] in state.ids:
        if not unique_id:
            raise ValueError(f"{path.name}: document id {meta['id']!r} is already in the corpus; pass another --id")
        base, n = meta["id"][:60], 2
        while f"{base}-{n}" in state.ids:
            n += 1
        meta["id"] = f"{base}-{n}"
    digest = hashlib.sha256(data).hexdigest()
    if digest in state.hashes and state.hashes[digest] == replaces:
        raise ValueError(f"{path.name}: this is the text {replaces!r} already has; nothing to replace")
    if digest in state.hashes:
        raise DuplicateError(f"{path.name}: the same text is already in the corpus as {state.hashes[digest]!r}")
    suffix = ".md" if path.suffix.lower() == ".md" else ".txt"
    # A replacement never overwrites the file it replaces: that one goes only once the new
    # manifest is written, so a failure in between leaves the old document whole.
    name = f"{meta['id']}-{digest[:8]}{suffix}" if replaces else f"{meta['id']}{suffix}"
    target = (corpus_dir / name).resolve()
    # The name comes from the validated id, never from the upload; the check below is the
    # belt to that brace. An unlisted file with the very same bytes is what an ingest killed
    # between writing the text and the manifest leaves behind: taking it over is safe.
    leftover = target.is_file() and target.name not in state.listed and target.read_bytes() == data
    if target.parent != corpus_dir.resolve() or (target.exists() and not leftover):
        raise ValueError(f"{path.name}: cannot store as {name!r} in {corpus_dir}")
    doc = Document(
        id=meta["id"], title=meta["title"], number=meta.get("number", ""), issuer=meta.get("issuer", ""),
        date=meta.get("date", ""), level=meta["level"], region=meta.get("region", ""),
        source_path=_relative(target, corpus_dir), short_name=meta.get("short_name") or "",
        status=meta.get("status") or "current", superseded_by=meta.get("superseded_by") or "",
        expires=meta["expires"], published=meta.get("published", ""),
    )
    if not normalize(stored).text.strip():
        raise ValueError(f"{path.name}: no text left after normalization")
    clauses = chunk_document(doc, stored)
    if not clauses:
        raise ValueError(f"{path.name}: no clause could be found in the text")
    state.ids.add(doc.id)
    state.hashes[digest] = doc.id
    repeals = tuple(repealed_ids(standing, state.documents, own_id=doc.id))
    return Staged(doc, target, data, repeals, replaces, len(clauses))


def commit(corpus_dir: Path, staged: list[Staged], updates: dict[str, dict] | None = None,
           removed: tuple[str, ...] = ()) -> bytes | None:
    """Write the staged texts, then the manifest in one atomic replace; undo the texts if the
    manifest cannot be written. Documents a staged text repeals are marked in the same write.

    Args:
        corpus_dir: The corpus folder.
        staged: From ``stage_file``; a replacement updates its entry in place.
        updates: Further ``{doc_id: {field: value | None}}`` entry changes.
        removed: Ids whose entries are dropped.

    Returns:
        The manifest bytes before the change (``None``: there was none), for ``withdraw``.
    """
    updates = dict(updates or {})
    added = []
    for s in staged:
        entry = entry_of(s.document, s.target.name)
        if s.replaces:
            updates[s.replaces] = {**{k: None for k in ("short_name", "status", "superseded_by", "expires")}, **entry}
        else:
            added.append(entry)
        for old in s.repeals:
            updates.setdefault(old, {}).update({"status": "repealed", "superseded_by": s.document.id})
    written: list[Path] = []
    try:
        for s in staged:
            atomic_write(s.target, s.data)
            written.append(s.target)
        return write_manifest(corpus_dir, added, updates, removed)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _relative(target: Path, corpus_dir: Path) -> str:
    root = corpus_dir.resolve().parent
    return target.relative_to(root).as_posix()
