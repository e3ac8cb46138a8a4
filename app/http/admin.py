"""Protected writes: upload (``POST /api/documents``), replace (``PUT /api/documents/{id}``) and
remove (``DELETE /api/documents/{id}``) documents, each followed by an index swap.

The router is mounted only when ``POLICYQA_ADMIN_TOKEN`` is set; every call must carry it as
``Authorization: Bearer <token>`` (401 without one, 403 with a wrong one; compared in constant
time). Files go through ``rag.ingest`` — which refuses oversized, binary, encrypted, corrupt
and zip-bomb files and never takes a file name from the client. ``apply_to_served`` (shared with
the Gradio admin tab) makes the corpus change, rebuilds the index incrementally and opens the new
``PolicyQA``, which replaces the old one on ``app.state`` in one assignment: requests already
running keep the instance they started with (it is closed ``CLOSE_GRACE_S`` later), and nobody
ever sees a half-built index. When the rebuild fails, the corpus change is undone and the old
index keeps being served (503 with the reason).

``app.http.guard.UploadGuard`` checks the token and the body size before FastAPI parses a
multipart body (POST, PUT), so an anonymous client cannot make the server spool a large upload
to disk.
"""

from __future__ import annotations

import re
import tempfile
import threading
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Annotated

from fastapi import (
    APIRouter,
    Depends,
    FastAPI,
    File,
    Form,
    HTTPException,
    Request,
    UploadFile,
)

from app.http.deps import open_service
from app.http.guard import UploadGuard, require_admin
from app.http.models import RemoveResult, ReplaceResult, UploadResult, errors
from app.http.schemas import document_to_dict
from app.settings import Settings, get_settings
from rag.ingest.safety import DEFAULT_MAX_BYTES

MAX_FILES = 20
_CHUNK = 1 << 20
CLOSE_GRACE_S = 30.0  # a replaced service is closed this long after the swap
# Writes are serialized: two uploads racing on documents.toml would lose one of them.
_WRITE_LOCK = threading.Lock()


def install(app: FastAPI, token: str) -> None:
    """Add the write routes and their guard to ``app`` (only call when a token is set)."""
    app.state.admin_token = token
    app.include_router(router)
    app.add_middleware(UploadGuard, token=token)


def _close_later(old, grace_s: float = CLOSE_GRACE_S) -> None:
    """Close a replaced service once requests that started on it have had time to finish."""
    close = getattr(old, "close", None)
    if close is not None:
        timer = threading.Timer(grace_s, close)
        timer.daemon = True
        timer.start()


def safe_upload_name(name: str | None) -> str:
    """A local file name for an upload: the client's base name with unsafe characters replaced.

    Directories (``../``, ``C:\\``), control and odd unicode characters never reach the disk;
    the suffix is kept (ASCII only) because it selects the loader. The stored corpus file is named
    after the document id anyway (``rag.ingest.add``), so this only guards the temporary copy.

    Args:
        name: The file name the client sent.

    Returns:
        E.g. ``"plan.pdf"``; ``"upload"`` when nothing usable is left.
    """
    base = re.split(r"[\\/]", unicodedata.normalize("NFKC", name or ""))[-1]
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = re.sub(r"[^\w\-]+", "-", stem).strip("-.")[:64] or "upload"
    suffix = re.sub(r"[^a-z0-9]", "", suffix.lower())[:10]
    return f"{stem}.{suffix}" if suffix else stem


def _save(upload: UploadFile, target: Path, max_bytes: int) -> None:
    """Copy an upload to disk, stopping as soon as it exceeds ``max_bytes``."""
    size = 0
    with target.open("wb") as out:
        while chunk := upload.file.read(_CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise HTTPException(status_code=413, detail=f"{upload.filename!r} is over the limit of {max_bytes:,} bytes")
            out.write(chunk)


router = APIRouter(tags=["admin"], dependencies=[Depends(require_admin)])


class ChangeFailed(Exception):
    """The index could not be rebuilt after a corpus change; the change was undone."""


def apply_to_served(app: FastAPI, settings: Settings, change) -> tuple:
    """Change the corpus, rebuild the index and serve it — or change nothing.

    Args:
        app: The app whose ``state.qa`` is served.
        settings: Where the corpus and index live.
        change: Writes the corpus change and returns a ``rag.ingest.edit.Change`` (see there).

    Returns:
        ``(change, the new PolicyQA)``, already swapped in.

    Raises:
        ValueError, KeyError: The change was refused (nothing was written).
        ChangeFailed: The rebuild failed; the change was undone and the old index is served.
    """
    from rag.ingest.edit import apply_change

    def rebuild():
        try:  # built beside the served index; readers keep the old instance until this returns
            return open_service(settings)
        except Exception as exc:  # the served service is untouched; the change is taken back
            raise ChangeFailed(str(exc)) from exc

    with _WRITE_LOCK:
        made, fresh = apply_change(Path(settings.corpus_dir), change, rebuild)
        old, app.state.qa = app.state.qa, fresh
        _close_later(old)
    return made, fresh


def _served(request: Request, settings: Settings, change, what: str, hide: str = "") -> tuple:
    """``apply_to_served`` with its failures as HTTP errors (``hide``: a temp path kept out of messages)."""
    try:
        return apply_to_served(request.app, settings, change)
    except ChangeFailed as exc:
        raise HTTPException(status_code=503, detail=f"the index could not be rebuilt, so the {what} "
                            f"was withdrawn and nothing changed: {exc}") from exc
    except KeyError as exc:
        raise HTTPException(status_code=404, detail=str(exc.args[0] if exc.args else exc)) from exc
    except ValueError as exc:  # names the file and what is wrong with it; nothing changed
        detail = str(exc).replace(hide, "<upload>") if hide else str(exc)
        raise HTTPException(status_code=422, detail=detail) from exc


def _saved(uploads: list[UploadFile], tmp: str, max_bytes: int) -> list[Path]:
    paths = []
    for n, upload in enumerate(uploads):
        folder = Path(tmp) / str(n)  # one folder per upload: equal names cannot collide
        folder.mkdir()
        path = folder / safe_upload_name(upload.filename)
        _save(upload, path, max_bytes)
        paths.append(path)
    return paths


def _summary(fresh) -> dict:
    return {"index_version": fresh.index_version, "documents": len(fresh.documents), "clauses": len(fresh.clauses),
            "embedded": fresh.build_record.get("embedded"), "reused": fresh.build_record.get("reused")}


Text = Annotated[str | None, Form(max_length=300)]


@dataclass
class Metadata:
    """The document fields an upload or a replacement may set (form fields; none given: read from the text)."""

    title: Text = None
    short_name: Annotated[str | None, Form(max_length=100)] = None
    number: Annotated[str | None, Form(max_length=100)] = None
    issuer: Annotated[str | None, Form(max_length=100)] = None
    date: Annotated[str | None, Form(max_length=10)] = None
    level: Annotated[str | None, Form(max_length=20)] = None
    region: Annotated[str | None, Form(max_length=100)] = None
    status: Annotated[str | None, Form(max_length=20)] = None
    superseded_by: Annotated[str | None, Form(max_length=64)] = None
    expires: Annotated[str | None, Form(max_length=10)] = None

    def given(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v}


@router.post("/api/documents", status_code=201, response_model=UploadResult,
             responses=errors(401, 403, 413, 422, 503))
def upload_documents(
    request: Request,
    settings: Annotated[Settings, Depends(get_settings)],
    files: Annotated[list[UploadFile], File(description="Documents: .txt .md .docx .doc .wps .pdf .ofd .html")],
    meta: Annotated[Metadata, Depends()],
    doc_id: Annotated[str | None, Form(alias="id", max_length=64)] = None,
) -> dict:
    """Add documents (all or nothing), rebuild the index and serve it; needs the admin token."""
    from rag.ingest.edit import add_files

    if not files or len(files) > MAX_FILES:
        raise HTTPException(status_code=422, detail=f"files: send 1 to {MAX_FILES} files")
    max_bytes = getattr(request.app.state, "max_upload_bytes", DEFAULT_MAX_BYTES)
    overrides = {**meta.given(), **({"id": doc_id} if doc_id else {})}
    with tempfile.TemporaryDirectory(prefix="policyqa-upload-") as tmp:
        paths = _saved(files, tmp, max_bytes)
        change, fresh = _served(request, settings, lambda: add_files(
            paths, Path(settings.corpus_dir), max_bytes=max_bytes, **overrides),
            "upload", tmp)
    return {"added": [document_to_dict(d) for d in change.added], **_summary(fresh)}


@router.put("/api/documents/{doc_id}", response_model=ReplaceResult, responses=errors(401, 403, 404, 413, 422, 503))
def replace_document(
    doc_id: str,
    request: Request,
    settings: Annotated[Settings, Depends(get_settings)],
    file: Annotated[UploadFile, File(description="The document's new text: .txt .md .docx .pdf .html")],
    meta: Annotated[Metadata, Depends()],
) -> dict:
    """Give a document a new text under the same id, rebuild the index and serve it; needs the admin token."""
    from rag.ingest.edit import replace_document as replace

    max_bytes = getattr(request.app.state, "max_upload_bytes", DEFAULT_MAX_BYTES)
    with tempfile.TemporaryDirectory(prefix="policyqa-upload-") as tmp:
        (path,) = _saved([file], tmp, max_bytes)
        change, fresh = _served(request, settings, lambda: replace(
            Path(settings.corpus_dir), doc_id, path, max_bytes=max_bytes,
            overrides=meta.given()), "replacement", tmp)
    return {"replaced": document_to_dict(change.replaced[0]), **_summary(fresh)}


@router.delete("/api/documents/{doc_id}", response_model=RemoveResult, responses=errors(401, 403, 404, 503))
def remove_document(doc_id: str, request: Request, settings: Annotated[Settings, Depends(get_settings)]) -> dict:
    """Remove a document, rebuild the index and serve it; needs the admin token."""
    from rag.ingest.edit import remove_document as remove

    _, fresh = _served(request, settings, lambda: remove(Path(settings.corpus_dir), doc_id), "removal")
    return {"removed": doc_id, **_summary(fresh)}
