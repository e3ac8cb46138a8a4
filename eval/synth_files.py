"""The synthetic corpus as files a user would have: one plain-text plan per document plus
``documents.toml``, chunked back by the real pipeline.

``eval.synth`` generates clauses with their metadata; here each document is rendered the way a
government publishes it — the 印发通知 with 文号 and date, the title, the preamble, numbered
headings 一、 › （一） › 1. with the 牵头单位 notes inside the items, 专栏 line-items — so that
``policyqa ingest`` / ``build`` run on it exactly as on real plans. Used by the incremental bench
(``eval.bench_incremental``) and by the tests of the incremental index.
"""

from __future__ import annotations

import random
from pathlib import Path

import tomli_w

from eval.synth import _document, _fill_document
from rag.model import Clause, Document


def render_document(doc: Document, clauses: list[Clause]) -> str:
    """The raw text of one synthetic plan: notice, title, preamble, headings and items.

    Args:
        doc: The document (title, 文号, issuer, date).
        clauses: Its clauses from ``eval.synth`` (notice and preamble first).

    Returns:
        Text that ``rag.ingest.chunk.chunk_document`` cuts into about as many clauses.
    """
    year, month, day = (int(x) for x in doc.date.split("-"))
    lines = [f"{doc.issuer}关于印发{doc.title}的通知", doc.number,
             "各有关单位：", f"现将《{doc.title}》印发给你们，请认真贯彻执行。",
             doc.issuer, f"{year}年{month}月{day}日", "", doc.title, ""]
    seen: set[str] = set()
    for clause in clauses:
        if clause.kind == "notice":
            continue
        if clause.kind == "preamble":
            lines += [clause.text, ""]
            continue
        for heading in clause.path:
            if heading not in seen:
                seen.add(heading)
                lines += [heading, ""]
        lines += [clause.text, ""]
    return "\n".join(lines)


def synth_document(n: int, n_clauses: int = 40, seed: int = 0) -> tuple[Document, list[Clause]]:
    """One synthetic plan of about ``n_clauses`` clauses (document number ``n``)."""
    rng = random.Random(seed * 100_003 + n)
    doc = _document(rng, n)
    return doc, _fill_document(rng, doc, n_clauses)


def write_document(folder: Path, doc: Document, clauses: list[Clause]) -> tuple[Path, dict]:
    """Write one rendered plan into ``folder``; returns its path and its manifest entry."""
    name = f"{doc.id}.txt"
    path = Path(folder) / name
    path.write_text(render_document(doc, clauses), encoding="utf-8")
    entry = {"id": doc.id, "title": doc.title, "short_name": doc.short_name, "number": doc.number,
             "issuer": doc.issuer, "date": doc.date, "level": doc.level, "region": doc.region, "file": name}
    return path, entry


def write_synth_corpus(folder: Path, n_clauses: int, seed: int = 0, per_document: tuple[int, int] = (30, 150)) -> list[Document]:
    """A corpus folder of synthetic plans holding about ``n_clauses`` clauses in all.

    Args:
        folder: Created; receives one ``.txt`` per document and ``documents.toml``.
        n_clauses: Clauses to generate (the chunker finds about as many in the rendered text).
        seed: Random seed; the same seed writes the same files.
        per_document: Range of clauses per document.

    Returns:
        The documents written, in manifest order.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    documents, entries, total = [], [], 0
    while total < n_clauses:
        budget = min(rng.randint(*per_document), n_clauses - total)
        doc, clauses = synth_document(len(documents) + 1, max(budget, 1), seed)
        _, entry = write_document(folder, doc, clauses)
        documents.append(doc)
        entries.append(entry)
        total += len(clauses)
    (folder / "documents.toml").write_text(tomli_w.dumps({"documents": entries}), encoding="utf-8")
    return documents


__all__ = ["render_document", "synth_document", "write_document", "write_synth_corpus"]
