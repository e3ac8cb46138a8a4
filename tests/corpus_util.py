"""A corpus of documents written for a test, ingested as a user would (``policyqa ingest``) and opened."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def opened_corpus(root: Path, files: Mapping[str, str], level: str, region: str) -> Iterator[object]:
    """Write ``files`` (name → text) under ``root``, ingest them with ``level`` and ``region``, build
    the index and yield the opened ``PolicyQA``."""
    from rag.ingest.edit import add_files, apply_change
    from rag.service import PolicyQA

    corpus = root / "corpus"
    corpus.mkdir()
    paths = []
    for name, text in files.items():
        path = root / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    apply_change(corpus, lambda: add_files(paths, corpus, level=level, region=region))
    with PolicyQA.open(corpus, root / "index") as opened:
        yield opened
