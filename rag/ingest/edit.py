"""Changing a corpus that is already in use: a folder file by file, remove, replace, mark.

Each operation writes the corpus once (``rag.ingest.stage.commit``: texts first, then one atomic
replace of ``documents.toml``) and returns a ``Change`` that can still be taken back: ``undo``
restores the manifest and removes the texts it added, ``finish`` deletes the texts no entry
lists any more (a replaced or removed document's file is kept until then, so an undo is always
possible). ``apply_change`` runs one operation under the corpus lock and then a follow-up — the
index rebuild — undoing the corpus change when the follow-up fails: the corpus and the served
index then stay as they were.

``ingest_folder`` differs from ``rag.ingest.add.ingest_files`` (all or nothing, for an explicit
list of files): every supported file under the folder is tried on its own and reported as
added, skipped as a duplicate (the same text, by sha256, is already in the corpus or earlier in
the folder) or refused with the reason; one bad file does not stop the others.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from tqdm.auto import tqdm

from rag.ingest.corpus import MANIFEST
from rag.ingest.corpus_write import corpus_lock
from rag.ingest.safety import DEFAULT_MAX_BYTES
from rag.ingest.stage import CorpusState, DuplicateError, Staged, commit, stage_file
from rag.model import STATUSES, Document

T = TypeVar("T")
# Kept from the old entry by ``replace`` unless given anew: what an official set by hand.
_KEPT_ON_REPLACE = ("short_name", "level", "region", "status", "superseded_by")
# Taken from the new text where it states them, else kept from the old entry.
_FALLBACK_ON_REPLACE = ("title", "number", "issuer", "date", "expires")


@dataclass
class Change:
    """One corpus change that has been written and can still be undone.

    Attributes:
        corpus_dir: The corpus folder.
        before: ``documents.toml`` bytes before the change (``None``: there was none).
        written: Texts the change wrote (removed again by ``undo``).
        obsolete: Texts no longer listed once the change stands (deleted by ``finish``).
        added: Documents added; ``replaced``, ``removed``, ``marked``: ids changed in place;
            ``repealed``: ids marked repealed because a new text names them (…同时废止).
    """

    corpus_dir: Path
    before: bytes | None
    written: list[Path] = field(default_factory=list)
    obsolete: list[Path] = field(default_factory=list)
    added: list[Document] = field(default_factory=list)
    replaced: list[Document] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    marked: list[str] = field(default_factory=list)
    repealed: list[str] = field(default_factory=list)

    def undo(self) -> None:
        """Put the manifest back as it was, then remove the texts the change wrote."""
        from rag.ingest.corpus_write import atomic_write

        manifest = self.corpus_dir / MANIFEST
        if self.before is None:
            manifest.unlink(missing_ok=True)
        else:
            atomic_write(manifest, self.before)
        for path in self.written:
            path.unlink(missing_ok=True)

    def finish(self) -> None:
        """Delete the texts the manifest no longer lists (the change stands)."""
        listed = _listed_files(self.corpus_dir)
        for path in self.obsolete:
            if path.name not in listed and path.parent.resolve() == self.corpus_dir.resolve():
                path.unlink(missing_ok=True)


@dataclass(frozen=True)
class FileReport:
    """What happened to one file of ``ingest_folder``: ``added`` (``detail`` is the document id),
    ``duplicate`` or ``refused`` (``detail`` says why)."""

    path: Path
    outcome: str
    detail: str
    clauses: int = 0


def _entries(corpus_dir: Path) -> list[dict]:
    manifest = Path(corpus_dir) / MANIFEST
    return tomllib.loads(manifest.read_text(encoding="utf-8")).get("documents", []) if manifest.is_file() else []


def _listed_files(corpus_dir: Path) -> set[str]:
    return {str(e.get("file", "")) for e in _entries(corpus_dir)}


def _entry(corpus_dir: Path, doc_id: str) -> dict:
    entries = _entries(corpus_dir)
    for e in entries:
        if e.get("id") == doc_id:
            return e
    known = ", ".join(str(e.get("id")) for e in entries[:20])
    raise KeyError(f"unknown document id {doc_id!r}; known: {known}")


def _commit(corpus_dir: Path, staged: list[Staged], **kwargs) -> Change:
    before = commit(corpus_dir, staged, **kwargs)
    change = Change(Path(corpus_dir), before, written=[s.target for s in staged])
    change.added = [s.document for s in staged if not s.replaces]
    change.replaced = [s.document for s in staged if s.replaces]
    change.repealed = list(dict.fromkeys(i for s in staged for i in s.repeals))
    return change


def _reason(exc: Exception, path: Path) -> str:
    """The error message without the leading file name the loaders put first."""
    message = str(exc)
    return message[len(path.name) + 2:] if message.startswith(f"{path.name}: ") else message


def supported_files(folder: Path) -> list[Path]:
    """Files under ``folder`` (recursively) with a suffix the loaders read, in path order;
    hidden files and Office lock files (``~$…``) are left out."""
    from rag.ingest.loaders import SUPPORTED_SUFFIXES

    return sorted(p for p in Path(folder).rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts)
                  and not p.name.startswith("~$"))


def ingest_folder(folder: Path, corpus_dir: Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
                  overrides: dict | None = None, progress: bool = True) -> tuple[Change | None, list[FileReport]]:
    """Add every supported file under ``folder``, each on its own.

    Args:
        folder: The folder to walk (recursively).
        corpus_dir: The corpus folder.
        max_bytes: Largest file accepted.
        overrides: Metadata for every file (``level``, ``region`` …; no ``id``).
        progress: Show a tqdm bar.

    Returns:
        ``(change, reports)``: the written change (``None`` when nothing was added) and one
        report per file, in path order.

    Raises:
        ValueError: ``folder`` is not a folder, or ``overrides`` holds an ``id``.
    """
    folder, corpus_dir = Path(folder), Path(corpus_dir)
    if not folder.is_dir():
        raise ValueError(f"not a folder: {folder}")
    if (overrides or {}).get("id"):
        raise ValueError("--id cannot be given for a folder: ids come from the file names")
    state = CorpusState.read(corpus_dir)
    staged: list[Staged] = []
    reports: list[FileReport] = []
    for path in tqdm(supported_files(folder), desc="ingesting", unit="file", disable=not progress):
        name = path.relative_to(folder)
        try:
            s = stage_file(path, corpus_dir, state, max_bytes=max_bytes, overrides=overrides, unique_id=True)
        except DuplicateError as exc:
            reports.append(FileReport(name, "duplicate", str(exc).split(": ", 1)[-1]))
        except (ValueError, OSError) as exc:
            reports.append(FileReport(name, "refused", _reason(exc, path)))
        except Exception as exc:  # a parser failing in a way it does not announce: still one file
            reports.append(FileReport(name, "refused", f"could not be read ({type(exc).__name__}: {exc})"))
        else:
            staged.append(s)
            reports.append(FileReport(name, "added", s.document.id, s.clauses))
    return (_commit(corpus_dir, staged) if staged else None), reports


def add_files(paths: list[Path], corpus_dir: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, **overrides) -> Change:
    """``rag.ingest.add.ingest_files`` (all or nothing) as a ``Change`` that can be undone."""
    from rag.ingest.add import ingest_files

    manifest = Path(corpus_dir) / MANIFEST
    before = manifest.read_bytes() if manifest.is_file() else None
    added = ingest_files(paths, corpus_dir, max_bytes=max_bytes, **overrides)
    root = Path(corpus_dir).resolve().parent
    return Change(Path(corpus_dir), before, written=[root / d.source_path for d in added], added=added)


def remove_document(corpus_dir: Path, doc_id: str) -> Change:
    """Drop a document's entry (its text goes at ``Change.finish``).

    Raises:
        KeyError: Unknown id.
        ValueError: It is the only document (an empty library cannot be served).
    """
    corpus_dir = Path(corpus_dir)
    entry = _entry(corpus_dir, doc_id)
    if len(_entries(corpus_dir)) == 1:
        raise ValueError(f"{doc_id!r} is the only document of the corpus; add another before removing it")
    change = _commit(corpus_dir, [], removed=(doc_id,))
    change.removed = [doc_id]
    change.obsolete = [corpus_dir / str(entry["file"])]
    return change


def replace_document(corpus_dir: Path, doc_id: str, path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
                     overrides: dict | None = None) -> Change:
    """Give a document a new text under the same id.

    Title, 文号, issuer, date and 有效期 come from the new text where it states them, else from the
    old entry; short name, level, region and standing stay as they were unless ``overrides``
    says otherwise.

    Raises:
        KeyError: Unknown id.
        DuplicateError: The new text is already in the corpus as another document.
        ValueError: The file is refused, or it is the text the document already has.
    """
    corpus_dir, path = Path(corpus_dir), Path(path)
    old = _entry(corpus_dir, doc_id)
    if (overrides or {}).get("id") not in (None, "", doc_id):
        raise ValueError("replace keeps the document id; --id cannot change it")
    kept = {k: str(old[k]) for k in _KEPT_ON_REPLACE if old.get(k)}
    given = {k: v for k, v in (overrides or {}).items() if v and k != "id"}
    fallback = {k: str(old[k]) for k in _FALLBACK_ON_REPLACE if old.get(k)}
    state = CorpusState.read(corpus_dir)
    staged = stage_file(path, corpus_dir, state, max_bytes=max_bytes, overrides={**kept, **given},
                        fallback=fallback, replaces=doc_id)
    change = _commit(corpus_dir, [staged])
    change.obsolete = [corpus_dir / str(old["file"])]
    return change


def mark_document(corpus_dir: Path, doc_id: str, *, status: str | None = None,
                  superseded_by: str | None = None, expires: str | None = None) -> Change:
    """Set a document's standing in the manifest; ``None`` leaves a field, ``""`` clears it.

    Raises:
        KeyError: Unknown id (of the document or of ``superseded_by``).
        ValueError: A bad status or date, or a document superseding itself.
    """
    from rag.ingest.stage import _validate

    corpus_dir = Path(corpus_dir)
    entry = _entry(corpus_dir, doc_id)
    if status is not None and status not in STATUSES:
        raise ValueError(f"status {status!r} is not allowed; allowed: {', '.join(STATUSES)}")
    if superseded_by:
        if superseded_by == doc_id:
            raise ValueError(f"{doc_id!r} cannot supersede itself")
        _entry(corpus_dir, superseded_by)
    _validate({"id": doc_id, "level": entry.get("level", "other"), "expires": expires or ""})
    if status is None and superseded_by is None and expires is None:
        raise ValueError("nothing to change: give a status, superseded_by or expires")
    updates: dict[str, str | None] = {}  # a None value deletes the field (its default)
    if status is not None:
        updates["status"] = None if status == "current" else status
        if status == "current" and superseded_by is None:
            updates["superseded_by"] = None  # back in force: no longer superseded either
    if superseded_by is not None:
        updates["superseded_by"] = superseded_by or None
    if expires is not None:
        updates["expires"] = expires or None
    change = _commit(corpus_dir, [], updates={doc_id: updates})
    change.marked = [doc_id]
    return change


def apply_change(corpus_dir: Path, change: Callable[[], Change | None],
                 then: Callable[[], T] | None = None) -> tuple[Change | None, T | None]:
    """Make a corpus change and its follow-up as one step, under the corpus lock.

    Args:
        corpus_dir: The corpus folder (its lock serializes writers across processes).
        change: Writes the change (e.g. ``lambda: remove_document(corpus, "x")``); may return
            ``None`` when there was nothing to write.
        then: Runs after the change, e.g. rebuilding and opening the index; when it raises, the
            change is undone and the error propagates.

    Returns:
        ``(change, what then returned)``.
    """
    with corpus_lock(corpus_dir):
        made = change()
        result = None
        if made is not None and then is not None:
            try:
                result = then()
            except BaseException:
                made.undo()
                raise
        if made is not None:
            made.finish()
        return made, result
