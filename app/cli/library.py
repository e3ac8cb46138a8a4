"""``policyqa ingest | remove | replace | mark``: keeping the library, on the command line.

Each command changes the corpus in one atomic write (``rag.ingest.edit``). With ``--build`` the
index is brought up to date right away — incrementally: only new or changed clauses are
embedded, and a Milvus collection is synced — and when that fails the corpus change is undone,
so corpus and index stay as they were. Without it the index follows on the next
``policyqa build`` or start-up. Registered on the same typer app as the other commands.
"""

from __future__ import annotations

from pathlib import Path

import typer

from app.cli.main import (
    Level,
    Status,
    _corpus_dir,
    cli,
    cli_errors,
    echo_json,
    open_service,
    settings_for,
)

CORPUS_HELP = "Corpus folder with documents.toml (default: POLICYQA_CORPUS_DIR, else ./corpus)."
BUILD_HELP = ("Also update the index (POLICYQA_INDEX_DIR) now; if that fails the corpus change is undone. "
              "Without it the index is updated by the next `policyqa build` or start-up.")


def _apply(corpus_dir: Path, change, build: bool):
    """Run a corpus change, then (``build``) the index update; returns ``(change, opened service)``."""
    from rag.ingest.edit import apply_change

    then = None
    if build:
        index_dir = Path(settings_for().index_dir)

        def then():
            return open_service(dirs=(corpus_dir, index_dir))

    return apply_change(corpus_dir, change, then)


def _report_index(qa, as_json: bool) -> dict:
    """What the index update did (``{}`` when there was none); printed unless ``as_json``."""
    if qa is None:
        return {}
    try:
        record = {k: qa.build_record.get(k) for k in ("embedded", "reused", "tokenized", "at")}
        info = {"index_version": qa.index_version, "clauses": len(qa.clauses), "build": record,
                **({"milvus": qa.milvus_sync} if qa.milvus_sync else {})}
    finally:
        qa.close()
    if not as_json:
        typer.echo(f"index {info['index_version']}: {info['clauses']} clauses; embedded {record['embedded']}, "
                   f"reused {record['reused']}" + (f"; milvus {qa.milvus_sync}" if qa.milvus_sync else ""))
    return info


def _overrides(**given) -> dict:
    return {k: str(v) for k, v in given.items() if v is not None}


@cli.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Files to add, or one folder (walked recursively; every "
                                       "supported format: .txt .md .docx .pdf .html …)."),
    title: str = typer.Option(None, "--title", help="Title (标题); detected when omitted."),
    number: str = typer.Option(None, "--number", help="文号, e.g. 鲁政字〔2023〕236号."),
    issuer: str = typer.Option(None, "--issuer", help="发文机关, e.g. 山东省人民政府."),
    date: str = typer.Option(None, "--date", help="Issue date YYYY-MM-DD."),
    level: Level = typer.Option(None, "--level", help="Level of government; detected when omitted."),
    region: str = typer.Option(None, "--region", help="Region, e.g. 山东省."),
    doc_id: str = typer.Option(None, "--id", help="Document id (one file only); from the file name when omitted."),
    status: Status = typer.Option(None, "--status", help="Standing (repealed = 废止)."),
    superseded_by: str = typer.Option(None, "--superseded-by", help="Id of the document that replaces it."),
    expires: str = typer.Option(None, "--expires", help="Last day in force YYYY-MM-DD (有效期至); read from "
                                "the text (有效期至… / 自…起施行，有效期N年) when omitted."),
    corpus_dir: Path = typer.Option(None, "--corpus-dir", help=CORPUS_HELP),
    build: bool = typer.Option(False, "--build/--no-build", help=BUILD_HELP),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Add documents. Files: all or nothing. A folder: file by file, reported as added, duplicate or refused."""
    from rag.ingest.edit import add_files, ingest_folder

    with cli_errors():
        corpus = _corpus_dir(corpus_dir)
        meta = _overrides(title=title, number=number, issuer=issuer, date=date, level=level, region=region,
                          status=status, superseded_by=superseded_by, expires=expires)
        folders = [p for p in paths if p.is_dir()]
        if folders and len(paths) > 1:
            raise ValueError("give one folder, or files (not both)")
        if folders:
            reports: list = []

            def change():
                made, found = ingest_folder(folders[0], corpus, overrides=meta, progress=not as_json)
                reports.extend(found)
                return made

            _, qa = _apply(corpus, change, build)
            _folder_report(reports, qa, as_json)
            return
        change, qa = _apply(corpus, lambda: add_files(paths, corpus, id=doc_id, **meta), build)
        added = change.added
        index = _report_index(qa, as_json)
        if as_json:
            echo_json({"added": [{"id": d.id, "title": d.title, "source_path": d.source_path} for d in added],
                       **({"index": index} if index else {})})
            return
        for d in added:
            typer.echo(f"added {d.id} → {d.source_path}")
            typer.echo(describe_metadata(d))


_FIELD_NAMES = {"title": "标题", "number": "文号", "issuer": "发文机关", "date": "日期", "region": "地区"}


def describe_metadata(doc) -> str:
    """What ingest read from a document's text, and what it could not (with the option to give it)."""
    read = [f"{name} {getattr(doc, field)}" for field, name in _FIELD_NAMES.items() if getattr(doc, field)]
    read.append(f"层级 {doc.level}")
    missing = [f"{name} (--{field})" for field, name in _FIELD_NAMES.items() if not getattr(doc, field)]
    if doc.level == "other":
        missing.append("层级 (--level)")
    if doc.title == Path(doc.source_path).stem:  # no title in the text: the file name stood in
        missing.insert(0, "标题 (--title; the file name stands in)")
    return "  read: " + "；".join(read) + ("\n  not found: " + "，".join(missing) if missing else "")


def _folder_report(reports: list, qa, as_json: bool) -> None:
    counts = {k: sum(r.outcome == k for r in reports) for k in ("added", "duplicate", "refused")}
    if not as_json:
        for r in reports:
            what = f" → {r.detail} ({r.clauses} clauses)" if r.outcome == "added" else f": {r.detail}"
            typer.echo(f"{r.outcome:<9}  {r.path.as_posix()}{what}")
        typer.echo(f"{len(reports)} files: {counts['added']} added, {counts['duplicate']} duplicate, "
                   f"{counts['refused']} refused")
    index = _report_index(qa, as_json)
    if as_json:
        echo_json({"files": [{"path": r.path.as_posix(), "outcome": r.outcome, "detail": r.detail,
                              **({"clauses": r.clauses} if r.outcome == "added" else {})} for r in reports],
                   **counts, **({"index": index} if index else {})})
    if reports and not counts["added"] and counts["refused"]:
        raise typer.Exit(1)


@cli.command()
def remove(
    doc_id: str = typer.Argument(..., help="Id of the document to remove."),
    corpus_dir: Path = typer.Option(None, "--corpus-dir", help=CORPUS_HELP),
    build: bool = typer.Option(False, "--build/--no-build", help=BUILD_HELP),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Remove a document from the corpus (its text file goes too)."""
    from rag.ingest.edit import remove_document

    with cli_errors():
        corpus = _corpus_dir(corpus_dir)
        _, qa = _apply(corpus, lambda: remove_document(corpus, doc_id), build)
        index = _report_index(qa, as_json)
        echo_json({"removed": doc_id, **({"index": index} if index else {})}) if as_json else typer.echo(f"removed {doc_id}")


@cli.command()
def replace(
    doc_id: str = typer.Argument(..., help="Id of the document to replace."),
    file: Path = typer.Argument(..., help="Its new text (any supported format)."),
    title: str = typer.Option(None, "--title", help="Title; from the new text, else kept."),
    number: str = typer.Option(None, "--number", help="文号; from the new text, else kept."),
    issuer: str = typer.Option(None, "--issuer", help="发文机关; from the new text, else kept."),
    date: str = typer.Option(None, "--date", help="Issue date YYYY-MM-DD; from the new text, else kept."),
    level: Level = typer.Option(None, "--level", help="Level; kept unless given."),
    region: str = typer.Option(None, "--region", help="Region; kept unless given."),
    status: Status = typer.Option(None, "--status", help="Standing; kept unless given."),
    superseded_by: str = typer.Option(None, "--superseded-by", help="Replacing document id; kept unless given."),
    expires: str = typer.Option(None, "--expires", help="Last day in force YYYY-MM-DD; from the new text, else kept."),
    corpus_dir: Path = typer.Option(None, "--corpus-dir", help=CORPUS_HELP),
    build: bool = typer.Option(False, "--build/--no-build", help=BUILD_HELP),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Give a document a new text under the same id (a new version of the same plan)."""
    from rag.ingest.edit import replace_document

    with cli_errors():
        corpus = _corpus_dir(corpus_dir)
        meta = _overrides(title=title, number=number, issuer=issuer, date=date, level=level, region=region,
                          status=status, superseded_by=superseded_by, expires=expires)
        change, qa = _apply(corpus, lambda: replace_document(corpus, doc_id, file, overrides=meta), build)
        index = _report_index(qa, as_json)
        doc = change.replaced[0]
        if as_json:
            echo_json({"replaced": doc_id, "source_path": doc.source_path, **({"index": index} if index else {})})
        else:
            typer.echo(f"replaced {doc_id}: {doc.title} → {doc.source_path}")


@cli.command()
def mark(
    doc_id: str = typer.Argument(..., help="Id of the document."),
    status: Status = typer.Option(None, "--status", help="Standing (repealed = 废止)."),
    superseded_by: str = typer.Option(None, "--superseded-by", help="Id of the document replacing it ('' clears)."),
    expires: str = typer.Option(None, "--expires", help="Last day in force YYYY-MM-DD ('' clears)."),
    corpus_dir: Path = typer.Option(None, "--corpus-dir", help=CORPUS_HELP),
    build: bool = typer.Option(False, "--build/--no-build", help=BUILD_HELP),
) -> None:
    """Set a document's standing: repealed, superseded by another, or in force until a date."""
    from rag.ingest.edit import mark_document

    with cli_errors():
        corpus = _corpus_dir(corpus_dir)
        _, qa = _apply(corpus, lambda: mark_document(corpus, doc_id, status=status, superseded_by=superseded_by,
                                                     expires=expires), build)
        _report_index(qa, False)
        typer.echo(f"marked {doc_id}")
