"""Writing ``documents.toml``: add, update and remove entries in one atomic replace.

Every change to the corpus manifest is one ``os.replace`` of a fully written temporary file, so
a crash leaves either the old or the new manifest, never half of one. Entries are edited as text
blocks (one per ``[[documents]]`` table), so the comments at the top of the file and around the
untouched entries survive; a manifest in another TOML shape is rewritten whole. ``corpus_lock``
serializes writers across processes (the CLI and a server on the same corpus).
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import tomli_w

from rag.index.swap import folder_lock
from rag.ingest.corpus import MANIFEST
from rag.model import Document

_TABLE = re.compile(r"^\[\[documents\]\]\s*$", re.M)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file, fsync and ``os.replace``."""
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


@contextmanager
def corpus_lock(corpus_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the corpus folder while a change reads and writes it."""
    with folder_lock(Path(corpus_dir) / MANIFEST):
        yield


def entry_of(doc: Document, file_name: str) -> dict:
    """The manifest entry of ``doc`` stored as ``file_name`` (standing fields only when set)."""
    entry = {"id": doc.id, "title": doc.title}
    if doc.short_name:
        entry["short_name"] = doc.short_name
    entry.update({"number": doc.number, "issuer": doc.issuer, "date": doc.date, "level": doc.level,
                  "region": doc.region})
    if doc.status != "current":
        entry["status"] = doc.status
    if doc.superseded_by:
        entry["superseded_by"] = doc.superseded_by
    if doc.expires:
        entry["expires"] = doc.expires
    if doc.published:
        entry["published"] = doc.published
    entry["file"] = file_name
    return entry


def table(entry: dict) -> str:
    """One ``[[documents]]`` table. (``tomli_w.dumps({"documents": [...]})`` would write short
    entries as an inline array, which cannot follow tables of the same name.)"""
    return "[[documents]]\n" + tomli_w.dumps(entry)


def _split_trailing(chunk: str) -> tuple[str, str]:
    """A block's table lines and the comment / blank lines after them (kept when it is rewritten)."""
    lines = chunk.splitlines(keepends=True)
    last = max((i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")), default=0)
    return "".join(lines[: last + 1]), "".join(lines[last + 1:])


def _blocks(text: str) -> tuple[str, list[tuple[dict, str]]] | None:
    """``(header, [(entry, block text)])``, or ``None`` when the file is not plain ``[[documents]]`` tables."""
    starts = [m.start() for m in _TABLE.finditer(text)]
    header = text[: starts[0]] if starts else text
    blocks = []
    ends = [*starts[1:], len(text)] if starts else []
    for start, end in zip(starts, ends, strict=True):
        chunk = text[start:end]
        try:
            entries = tomllib.loads(chunk).get("documents", [])
        except tomllib.TOMLDecodeError:
            return None
        if len(entries) != 1:
            return None
        blocks.append((entries[0], chunk))
    try:
        whole = tomllib.loads(text).get("documents", [])
    except tomllib.TOMLDecodeError:
        return None
    return (header, blocks) if len(whole) == len(blocks) else None


def edited_manifest(text: str, added: Sequence[dict] = (), updates: Mapping[str, dict] | None = None,
                    removed: Sequence[str] = ()) -> str:
    """The manifest text with entries updated (fields merged; a ``None`` value deletes the field),
    removed and appended.

    Args:
        text: The current ``documents.toml`` (may be empty).
        added: New entries, appended in order.
        updates: ``{doc_id: {field: value | None}}`` for existing entries.
        removed: Ids whose entries are dropped.

    Returns:
        The new manifest text.

    Raises:
        KeyError: An id in ``updates`` or ``removed`` is not in the manifest.
    """
    updates = dict(updates or {})
    parsed = _blocks(text)
    entries = tomllib.loads(text).get("documents", []) if text.strip() else []
    known = {e.get("id") for e in entries}
    missing = [i for i in (*updates, *removed) if i not in known]
    if missing:
        raise KeyError(f"unknown document id {missing[0]!r}")

    def merged(entry: dict) -> dict:
        new = dict(entry)
        for key, value in updates.get(entry.get("id"), {}).items():
            if value is None or value == "":
                new.pop(key, None)
            else:
                new[key] = value
        if "file" in new:  # keep the file name last, as every writer does
            new["file"] = new.pop("file")
        return new

    if parsed is None:  # not plain tables: rewrite the whole file (comments are lost)
        kept = [merged(e) for e in entries if e.get("id") not in removed]
        return "\n".join(table(e) for e in [*kept, *added])
    header, blocks = parsed
    out = [header]
    for entry, chunk in blocks:
        if entry.get("id") in removed:
            continue
        if entry.get("id") in updates:
            trailing = _split_trailing(chunk)[1] or "\n"
            chunk = table(merged(entry)) + trailing
        out.append(chunk)
    body = "".join(out)
    if added:
        body = (body.rstrip("\n") + "\n\n" if body.strip() else "") + "\n".join(table(e) for e in added)
    return body


def write_manifest(corpus_dir: Path, added: Sequence[dict] = (), updates: Mapping[str, dict] | None = None,
                   removed: Sequence[str] = ()) -> bytes | None:
    """Apply ``edited_manifest`` to ``corpus_dir/documents.toml`` atomically.

    Returns:
        The manifest bytes before the change (``None`` when there was none), for an undo.
    """
    path = Path(corpus_dir) / MANIFEST
    before = path.read_bytes() if path.is_file() else None
    text = before.decode("utf-8") if before is not None else ""
    atomic_write(path, edited_manifest(text, added, updates, removed).encode("utf-8"))
    return before
