"""A scratch corpus built from a folder of raw documents, the way a user would ingest them.

``policyqa eval --docs DIR`` evaluates a QA set on documents the project never chunked by hand:
each file of ``DIR`` goes through ``rag.ingest.add.ingest_files`` on its own, with no metadata
given (title, 文号, issuer, date, level and region are read from the text), into a corpus folder
under ``eval/_scratch/``. A file the ingest refuses is reported and left out, as it would be for
a user. The folder is keyed by the files' contents and the ingest code, so it is rebuilt when
either changes and reused otherwise.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from rag.index.manifest import pipeline_digest
from rag.ingest.add import ingest_files
from rag.ingest.corpus import MANIFEST
from rag.ingest.loaders import SUPPORTED_SUFFIXES

SCRATCH = Path("eval/_scratch")


def scratch_corpus(docs_dir: Path, scratch: Path = SCRATCH) -> tuple[Path, Path, list[str]]:
    """Ingest every supported file of ``docs_dir`` into a scratch corpus.

    Args:
        docs_dir: Folder of raw documents (txt, md, docx, pdf, html …).
        scratch: Parent folder of scratch corpora.

    Returns:
        ``(corpus_dir, index_dir, report)``: the corpus folder, an index folder beside it, and one
        line per file (added or refused and why).

    Raises:
        FileNotFoundError: ``docs_dir`` is not a folder.
        ValueError: No file of ``docs_dir`` could be ingested.
    """
    docs_dir = Path(docs_dir)
    if not docs_dir.is_dir():
        raise FileNotFoundError(f"documents folder not found: {docs_dir}")
    files = sorted(p for p in docs_dir.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
    digest = hashlib.sha256(pipeline_digest().encode())
    for f in files:
        digest.update(f.name.encode())
        digest.update(f.read_bytes())
    label = "-".join(part for part in docs_dir.resolve().parts[-3:] if part.isascii()).replace("_", "-")
    root = Path(scratch) / f"docs-{label}-{digest.hexdigest()[:12]}"
    for stale in Path(scratch).glob(f"docs-{label}-*"):  # older contents of the same folder
        if stale != root:
            shutil.rmtree(stale, ignore_errors=True)
    corpus, index = root / "corpus", root / "index"
    report_file = root / "ingest.txt"
    if (corpus / MANIFEST).is_file() and report_file.is_file():
        return corpus, index, report_file.read_text(encoding="utf-8").splitlines()
    shutil.rmtree(root, ignore_errors=True)
    corpus.mkdir(parents=True)
    report = []
    for f in files:
        try:
            (doc,) = ingest_files([f], corpus)
            report.append(f"added {f.name} → {doc.id}: {doc.title} [{doc.number or '无文号'}] "
                          f"{doc.issuer or '?'} {doc.date or '?'} {doc.level}/{doc.region or '?'}")
        except ValueError as exc:
            report.append(f"refused {f.name}: {exc}")
    if not (corpus / MANIFEST).is_file():
        raise ValueError(f"no file of {docs_dir} could be ingested: {'; '.join(report)}")
    report_file.write_text("\n".join(report) + "\n", encoding="utf-8")
    return corpus, index, report
