"""The HTTP API (FastAPI): search, ask, documents, clauses, departments and an OpenAI-compatible chat.

Only adapts ``rag.service.PolicyQA`` to JSON: requests are validated by ``app.http.validation``
(a 422 whose message says what is allowed, never a 500), the library does the work,
``app.http.schemas`` shapes the output and ``app.http.models`` declares it. Routes are declared
at ``/api/...`` and published as ``/api/v1/...`` (``app.http.contract``); ``/healthz``,
``/readyz`` and ``/metrics`` stay at the root, where probes and scrapers look for them.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.http import contract, observe
from app.http.chat import router as chat_router
from app.http.deps import RateLimiter, ask_or_422, get_qa, make_filter, open_service, rate_limit
from app.http.models import (
    AskResponse,
    ClauseOut,
    DocumentDetail,
    DocumentList,
    Health,
    Readiness,
    SearchResponse,
    errors,
)
from app.http.schemas import (
    answer_to_dict,
    clause_to_dict,
    document_to_dict,
    search_result_to_dict,
)
from app.http.validation import (
    AskRequest,
    Limit,
    Offset,
    SearchRequest,
    http_error_handler,
    page,
    validation_handler,
)
from app.http.views import router as views_router
from app.settings import Settings, get_settings

if TYPE_CHECKING:
    from rag.service import PolicyQA

# The open rag.service.PolicyQA; typed Any because FastAPI resolves endpoint annotations at
# import time and the service module is heavy to import.
QA = Annotated[Any, Depends(get_qa)]


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
        description="Offline, cited Q&A over Chinese policy documents (政策问答). "
                    "Paths under /api/v1; the same paths without v1 remain as aliases.",
        lifespan=lifespan,
    )
    current = settings or get_settings()
    app.state.qa = qa
    app.state.limiter = RateLimiter()
    app.state.admin_token = current.admin_token
    if app.state.admin_token:  # POST /api/v1/documents exists only when a token protects it
        from app.http.admin import install as install_admin

        install_admin(app, app.state.admin_token)
    if settings is not None:
        app.dependency_overrides[get_settings] = lambda: settings
    app.add_exception_handler(RequestValidationError, validation_handler)
    app.add_exception_handler(StarletteHTTPException, http_error_handler)
    _routes(app)
    app.include_router(views_router)  # departments, targets, alignment and their exports
    app.include_router(chat_router)
    # Middleware, innermost first: CORS, metrics (sees declared paths, labels by route),
    # the /api/v1 mapping, and outermost the request log (times all, sees the path as sent).
    contract.install(app, current.cors_origins)
    observe.install_metrics(app)
    app.add_middleware(contract.ApiVersion)
    app.add_middleware(observe.RequestLog)
    return app


def _routes(app: FastAPI) -> None:
    limited = [Depends(rate_limit)]

    @app.get("/healthz", tags=["meta"], response_model=Health, responses=errors(503))
    def healthz(qa: QA) -> dict:
        """Liveness plus what is loaded."""
        return {"status": "ok", "documents": len(qa.documents), "clauses": len(qa.clauses),
                "index_version": qa.index_version}

    @app.get("/readyz", tags=["meta"], response_model=Readiness, responses={503: {"model": Readiness}})
    def readyz(request: Request) -> JSONResponse:
        """Ready to answer: the index is loaded and, with the Milvus backend, Milvus answers (else 503)."""
        qa = getattr(request.app.state, "qa", None)
        checks = qa.readiness() if qa is not None else {"index": "the index is still loading"}
        ready = all(problem is None for problem in checks.values())
        return JSONResponse(status_code=200 if ready else 503,
                            content={"status": "ready" if ready else "not ready", "checks": checks})

    @app.post("/api/search", tags=["retrieval"], dependencies=limited, response_model=SearchResponse,
              responses=errors(429, 503))
    def search(body: SearchRequest, qa: QA) -> dict:
        """Ranked clauses for a query, with bm25 / dense / fused scores."""
        where = make_filter(qa, body.doc_ids, body.level, body.region)
        try:
            result = qa.search(body.query, top_k=body.top_k, mode=body.mode, where=where)
        except ValueError as exc:
            raise HTTPException(status_code=422, detail=str(exc)) from exc
        return search_result_to_dict(result, {d.id: d for d in qa.documents})

    @app.post("/api/ask", tags=["answers"], dependencies=limited, response_model=AskResponse,
              responses=errors(429, 503))
    def ask(body: AskRequest, qa: QA, request: Request) -> dict:
        """A short cited answer built from clause data (牵头单位, 责任单位, 指标 …)."""
        answer = ask_or_422(qa, body.question, body.top_k, make_filter(qa, body.doc_ids, body.level, body.region))
        observe.record_answer(answer, "api", request)
        return answer_to_dict(answer, {d.id: d for d in qa.documents})

    @app.get("/api/documents", tags=["corpus"], response_model=DocumentList, responses=errors(503))
    def documents(qa: QA, limit: Limit = 100, offset: Offset = 0) -> dict:
        """Documents in the index with their clause counts, in corpus order, one page at a time."""
        rows, info = page(qa.documents, limit, offset)
        return {"documents": [{**document_to_dict(d), "clauses": len(qa.doc_clauses(d.id))} for d in rows],
                **info}

    @app.get("/api/documents/{doc_id}", tags=["corpus"], response_model=DocumentDetail,
             responses=errors(404, 503))
    def document(doc_id: str, qa: QA, limit: Limit = 1000, offset: Offset = 0) -> dict:
        """One document: metadata, normalized full text and a page of its clauses in order."""
        try:
            doc = qa.document(doc_id)
        except KeyError:
            known = ", ".join(d.id for d in qa.documents)
            raise HTTPException(status_code=404, detail=f"unknown document id {doc_id!r}; known: {known}") from None
        rows, info = page(qa.doc_clauses(doc_id), limit, offset)
        return {**document_to_dict(doc), "text": qa.document_text(doc_id),
                "clauses": [clause_to_dict(c) for c in rows], "clauses_total": info["total"],
                "limit": limit, "offset": offset}

    @app.get("/api/clauses/{clause_id:path}", tags=["corpus"], response_model=ClauseOut,
             responses=errors(404, 503))
    def clause(clause_id: str, qa: QA) -> dict:
        """One clause by id, e.g. ``shandong-nev-2023:二/六/1``."""
        try:
            return clause_to_dict(qa.clause(clause_id))
        except KeyError:
            raise HTTPException(
                status_code=404,
                detail=f"unknown clause id {clause_id!r}; ids look like '<doc_id>:<labels>' "
                       "(see GET /api/v1/documents/{doc_id})",
            ) from None
