"""Add documents to the corpus: load, check they chunk, store the text, append to the manifest.

``ingest_files`` is all-or-nothing: every file is loaded, normalized and chunked first; a file
that yields no text or no clause, a repeated id or a repeated text stops the whole batch with one
``ValueError`` and nothing in the corpus changes. Then the texts are written (a .txt/.md in UTF-8
is copied byte for byte, anything else is stored as the extracted UTF-8 text) under a file name
derived from the document id — never from the given path — and the manifest is rewritten through
a temporary file and ``os.replace``, so a crash never leaves it half-written (``rag.ingest.stage``
holds the checks and the write; ``rag.ingest.lifecycle`` what a text says about its 有效期 and what
it repeals, written to the manifest with it). A text file that a
killed ingest wrote but never listed is taken over by the next ingest of the same document.
Files are untrusted: ``rag.ingest.loaders`` runs ``rag.ingest.safety``'s checks (size limit ``max_bytes``, zip
bombs, binaries) before any parser opens them, and refuses encrypted or corrupt PDFs.

Metadata (title, 文号, issuer, date, level, region) is read from the text by
``rag.ingest.metadata.detect_metadata``; options given by the user win.
"""

from __future__ import annotations

from pathlib import Path

from rag.ingest.corpus import MANIFEST
from rag.ingest.corpus_write import atomic_write
from rag.ingest.safety import DEFAULT_MAX_BYTES
from rag.ingest.stage import OVERRIDES, CorpusState, commit, stage_file
from rag.model import Document


def ingest_files(paths: list[Path], corpus_dir: Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 **overrides: str | None) -> list[Document]:
    """Add documents to the corpus folder and its manifest, all or nothing.

    Args:
        paths: Files to add (see ``rag.ingest.loaders.SUPPORTED_SUFFIXES``); untrusted files are
            welcome — see ``rag.ingest.safety`` for what is refused before any parser opens them.
        corpus_dir: The corpus folder holding ``documents.toml``.
        max_bytes: Largest file accepted, in bytes.
        **overrides: Metadata that wins over detection: ``id`` (one file only), ``title``,
            ``short_name``, ``number``, ``issuer``, ``date`` (YYYY-MM-DD), ``level``, ``region``,
            ``status``, ``superseded_by``, ``expires`` (YYYY-MM-DD).

    Returns:
        The added documents, with ``source_path`` relative to the corpus folder's parent. A
        document an added text repeals (…同时废止) is marked ``repealed`` in the same write.

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
    state = CorpusState.read(corpus_dir)
    staged = [stage_file(p, corpus_dir, state, max_bytes=max_bytes, overrides=overrides) for p in paths]
    commit(corpus_dir, staged)
    return [s.document for s in staged]


def withdraw(corpus_dir: Path, added: list[Document], manifest_before: bytes | None) -> None:
    """Undo an ``ingest_files`` (or ``commit``) call: restore the manifest as it was, then remove
    the added texts.

    The manifest goes first, so an interruption never leaves it listing a missing file (an
    unlisted leftover text is harmless: a later ingest of the same bytes takes it over).

    Args:
        corpus_dir: The corpus folder.
        added: The documents whose texts were written.
        manifest_before: The bytes of ``documents.toml`` before the change (``None``: it did not exist).
    """
    corpus_dir = Path(corpus_dir)
    manifest = corpus_dir / MANIFEST
    if manifest_before is None:
        manifest.unlink(missing_ok=True)
    else:
        atomic_write(manifest, manifest_before)
    root = corpus_dir.resolve().parent
    for doc in added:
        target = (root / doc.source_path).resolve()
        if target.parent == corpus_dir.resolve():
            target.unlink(missing_ok=True)


