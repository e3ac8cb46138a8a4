"""The HTTP API (FastAPI): search, ask, documents, clauses, departments and an OpenAI-compatible chat.

Only adapts ``rag.service.PolicyQA`` to JSON: requests are validated here (a 422 whose message
says what is allowed, never a 500), the library does the work, ``app.http.schemas`` shapes the output.
"""

from __future__ import annotations

import json
import time
import unicodedata
import uuid
from collections.abc import Iterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.http.deps import RateLimiter, get_qa, make_filter, open_service, rate_limit
from app.http.schemas import (
    answer_to_dict,
    clause_to_dict,
    document_to_dict,
    search_result_to_dict,
)
from app.http.views import router as views_router
from app.settings import Settings, get_settings
from rag.model import LEVELS, Answer

if TYPE_CHECKING:
    from rag.service import PolicyQA

SEARCH_MODES = ("hybrid", "bm25", "dense")
# The open rag.service.PolicyQA; typed Any because FastAPI resolves endpoint annotations at
# import time and the service module is heavy to import.
QA = Annotated[Any, Depends(get_qa)]
MAX_QUESTION = 1000

_INVISIBLE = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})  # control, format (zero-width, BOM), spaces


def _has_visible(text: str) -> bool:
    """False for text made only of control, zero-width or space characters: blank to a reader."""
    return any(unicodedata.category(ch) not in _INVISIBLE for ch in text)


def _visible(text: str) -> str:
    """Refuse text that ``_has_visible`` finds blank."""
    if not _has_visible(text):
        raise ValueError("holds no visible character")
    return text


Question = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_QUESTION),
                     AfterValidator(_visible)]
TopK = Annotated[int, Field(ge=1, le=50, strict=True)]
DocIds = Annotated[list[Annotated[str, StringConstraints(min_length=1, max_length=200)]], Field(max_length=100)]

# What each request field accepts, appended to validation messages so a client can fix its call.
ALLOWED = {
    "query": f"a non-blank string of at most {MAX_QUESTION} characters",
    "question": f"a non-blank string of at most {MAX_QUESTION} characters",
    "top_k": "an integer from 1 to 50",
    "doc_ids": "a list of document ids (see GET /api/documents)",
    "level": "one of " + ", ".join(LEVELS),
    "mode": "one of " + ", ".join(SEARCH_MODES),
    "messages": "a non-empty list of {role, content} objects ending with a user message",
    "stream": "true or false",
}


class SearchRequest(BaseModel):
    """Body of ``POST /api/search``."""

    model_config = ConfigDict(extra="forbid")
    query: Question
    top_k: TopK = 5
    doc_ids: DocIds | None = None
    level: Literal[LEVELS] | None = None  # type: ignore[valid-type]
    mode: Literal[SEARCH_MODES] = "hybrid"  # type: ignore[valid-type]


class AskRequest(BaseModel):
    """Body of ``POST /api/ask``."""

    model_config = ConfigDict(extra="forbid")
    question: Question
    top_k: TopK = 5
    doc_ids: DocIds | None = None
    level: Literal[LEVELS] | None = None  # type: ignore[valid-type]


class ChatMessage(BaseModel):
    """One OpenAI chat message; ``content`` may be a string or a list of ``{"type":"text"}`` parts."""

    model_config = ConfigDict(extra="allow")
    role: Annotated[str, StringConstraints(min_length=1, max_length=20)]
    content: str | list[dict] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return "".join(str(p.get("text", "")) for p in self.content if p.get("type", "text") == "text")
        return self.content or ""


class ChatRequest(BaseModel):
    """Body of ``POST /v1/chat/completions``; unknown OpenAI options (temperature …) are ignored."""

    model_config = ConfigDict(extra="allow")
    model: str = "policyqa"
    messages: Annotated[list[ChatMessage], Field(min_length=1, max_length=200)]
    stream: bool = False


def _error_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ())]
        if loc and loc[0] in ("body", "query", "path", "header"):  # where it was, not which field:
            loc = loc[1:]  # only the first item — the search field itself is named "query"
        if err.get("type") == "json_invalid":
            parts.append("request body is not valid JSON; send a JSON object")
            continue
        field = loc[0] if loc else ""
        where = ".".join(loc) or "body"
        hint = f" (allowed: {ALLOWED[field]})" if field in ALLOWED else ""
        if err.get("type") == "extra_forbidden":
            hint = f" (allowed fields: {', '.join(ALLOWED_FIELDS)})"
        parts.append(f"{where}: {err.get('msg', 'invalid')}{hint}")
    return "; ".join(parts) or "invalid request"


ALLOWED_FIELDS = sorted(set(SearchRequest.model_fields) | set(AskRequest.model_fields))


async def _validation_handler(_: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [
        {"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
        for e in exc.errors()
    ]
    return JSONResponse(status_code=422, content={"detail": _error_message(exc), "errors": errors})


async def _unparsable_body_handler(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    """FastAPI answers 400 when the JSON decoder itself fails (bytes that are not UTF-8, nesting
    deeper than the decoder allows); that is malformed JSON too, so say so with a 422."""
    if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
        return JSONResponse(status_code=422, content={
            "detail": "request body is not valid JSON; send a UTF-8 JSON object", "errors": []})
    return await http_exception_handler(request, exc)


def _citation_lines(answer: Answer, qa: PolicyQA) -> list[str]:
    docs = {d.id: d for d in qa.documents}
    lines = []
    for n, hit in enumerate(answer.citations, 1):
        doc = docs.get(hit.clause.doc_id)
        label = doc.label if doc else hit.clause.doc_id
        lines.append(f"[{n}] {label} · {hit.clause.breadcrumb}" if hit.clause.breadcrumb else f"[{n}] {label}")
    return lines


def answer_text(answer: Answer, qa: PolicyQA) -> str:
    """The answer followed by its 参考 list, as chat clients show it."""
    lines = _citation_lines(answer, qa)
    return answer.answer + ("\n\n参考：\n" + "\n".join(lines) if lines else "")


def _ask(qa: PolicyQA, question: str, top_k: int, where=None) -> Answer:
    try:
        return qa.ask(question, top_k=top_k, where=where)
    except ValueError as exc:  # the library names the bad value and what is allowed
        raise HTTPException(status_code=422, detail=str(exc)) from exc


def create_app(settings: Settings | None = None, qa: PolicyQA | None = None) -> FastAPI:
    """Build the JSON API.

    Args:
        settings: Settings to use instead of the environment (installed as a dependency override).
        qa: An already open service; when ``None`` one is opened from the settings at startup.

    Returns:
        The FastAPI application (OpenAPI at ``/docs``).
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        opened = None
        if getattr(app.state, "qa", None) is None:
            current = app.dependency_overrides.get(get_settings, get_settings)()
            app.state.qa = opened = await run_in_threadpool(open_service, current)
        try:
            yield
        finally:
            # A service passed in by the caller stays the caller's to close; ours may have been
            # replaced since (admin reload), so close the one being served now.
            if opened is not None:
                app.state.qa.close()

    app = FastAPI(
        title="policyqa",
        version="0.1.0",
        description="Offline, cited Q&A over Chinese policy documents (政策问答).",
        lifespan=lifespan,
    )
    app.state.qa = qa
    app.state.limiter = RateLimiter()
    app.state.admin_token = (settings or get_settings()).admin_token
    if app.state.admin_token:  # POST /api/documents exists only when a token protects it
        from app.http.admin import install as install_admin

        install_admin(app, app.state.admin_token)
    if settings is not None:
        app.dependency_overrides[get_settings] = lambda: settings
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(StarletteHTTPException, _unparsable_body_handler)
    limited = [Depends(rate_limit)]

    @app.get("/healthz", tags=["meta"])
    def healthz(qa: QA) -> dict:
        """Liveness plus what is loaded."""
        return {"status": "ok", "documents": len(qa.documents), "clauses": len(qa.clauses), "index_version": qa.index_version}

    @app.post("/api/search", tags=["retrieval"], dependencies=limited)
    def search(body: SearchRequest, qa: QA) -> dict:
        """Ranked clauses for a query, with bm25 / dense / fused scores."""
        where = make_filter(qa, body.doc_ids, body.level)
        try:
            result = qa.search(body.query, top_k=body.top_k, mode=body.mode, where=where)
        except ValueError as exc:
            raise HTTPException(status_code=422, detail=str(exc)) from exc
        return search_result_to_dict(result, {d.id: d for d in qa.documents})

    @app.post("/api/ask", tags=["answers"], dependencies=limited)
    def ask(body: AskRequest, qa: QA) -> dict:
        """A short cited answer built from clause data (牵头单位, 责任单位, 指标 …)."""
        answer = _ask(qa, body.question, body.top_k, make_filter(qa, body.doc_ids, body.level))
        return answer_to_dict(answer, {d.id: d for d in qa.documents})

    @app.get("/api/documents", tags=["corpus"])
    def documents(qa: QA) -> dict:
        """Every document in the index with its clause count."""
        return {"documents": [{**document_to_dict(d), "clauses": len(qa.doc_clauses(d.id))} for d in qa.documents]}

    @app.get("/api/documents/{doc_id}", tags=["corpus"])
    def document(doc_id: str, qa: QA) -> dict:
        """One document: metadata, normalized full text and its clauses in order."""
        try:
            doc = qa.document(doc_id)
        except KeyError:
            known = ", ".join(d.id for d in qa.documents)
            raise HTTPException(status_code=404, detail=f"unknown document id {doc_id!r}; known: {known}") from None
        return {
            **document_to_dict(doc),
            "text": qa.document_text(doc_id),
            "clauses": [clause_to_dict(c) for c in qa.doc_clauses(doc_id)],
        }

    @app.get("/api/clauses/{clause_id:path}", tags=["corpus"])
    def clause(clause_id: str, qa: QA) -> dict:
        """One clause by id, e.g. ``shandong-nev-2023:二/六/1``."""
        try:
            return clause_to_dict(qa.clause(clause_id))
        except KeyError:
            raise HTTPException(
                status_code=404,
                detail=f"unknown clause id {clause_id!r}; ids look like '<doc_id>:<labels>' (see GET /api/documents/{{doc_id}})",
            ) from None

    app.include_router(views_router)  # departments, targets, alignment and their exports

    @app.post("/v1/chat/completions", tags=["openai"], dependencies=limited)
    def chat_completions(body: ChatRequest, qa: QA):
        """OpenAI-compatible chat: answers the last user message; ``stream`` sends SSE chunks."""
        users = [m for m in body.messages if m.role == "user"]
        question = users[-1].text().strip() if users else ""
        if question and not _has_visible(question):
            question = ""
        if not question or len(question) > MAX_QUESTION:
            raise HTTPException(
                status_code=422,
                detail=f"messages: the last user message must hold 1..{MAX_QUESTION} non-blank characters",
            )
        answer = _ask(qa, question, 5)
        content = answer_text(answer, qa)
        docs = {d.id: d for d in qa.documents}
        base = {"id": f"chatcmpl-{uuid.uuid4().hex[:24]}", "created": int(time.time()), "model": body.model}
        if not body.stream:
            return {
                **base,
                "object": "chat.completion",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": len(question), "completion_tokens": len(content), "total_tokens": len(question) + len(content)},
                "citations": answer_to_dict(answer, docs)["citations"],
            }
        return StreamingResponse(_sse(base, content), media_type="text/event-stream")

    return app


def _sse(base: dict, content: str) -> Iterator[str]:
    """OpenAI streaming chunks: the role, the content line by line, the stop, then ``[DONE]``."""

    def chunk(delta: dict, finish: str | None = None) -> str:
        payload = {**base, "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    for line in content.splitlines(keepends=True):
        yield chunk({"content": line})
    yield chunk({}, "stop")
    yield "data: [DONE]\n\n"
