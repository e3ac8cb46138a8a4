"""What the API accepts: request bodies, paging parameters, and the 422 that says what is allowed.

Every refusal of input is a 422 ``{"detail": "<field>: <problem> (allowed: …)", "errors": [...]}``
(``app.http.models.ValidationErrorBody``), never a 500 and never FastAPI's bare array.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Literal

from fastapi import Query, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from starlette.exceptions import HTTPException as StarletteHTTPException

from rag.model import LEVELS
from rag.retrieval.base import MODES

MAX_QUESTION = 1000
MAX_PAGE = 1000
_INVISIBLE = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})  # control, format (zero-width, BOM), spaces


def has_visible(text: str) -> bool:
    """False for text made only of control, zero-width or space characters: blank to a reader."""
    return any(unicodedata.category(ch) not in _INVISIBLE for ch in text)


def _visible(text: str) -> str:
    """Refuse text that ``has_visible`` finds blank."""
    if not has_visible(text):
        raise ValueError("holds no visible character")
    return text


Question = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_QUESTION),
                     AfterValidator(_visible)]
TopK = Annotated[int, Field(ge=1, le=50, strict=True)]
Region = Annotated[str, StringConstraints(min_length=1, max_length=100)]
DocIds = Annotated[list[Annotated[str, StringConstraints(min_length=1, max_length=200)]], Field(max_length=100)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Items per page (1 to {MAX_PAGE}).")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]

# What each request field accepts, appended to validation messages so a client can fix its call.
ALLOWED = {
    "query": f"a non-blank string of at most {MAX_QUESTION} characters",
    "question": f"a non-blank string of at most {MAX_QUESTION} characters",
    "top_k": "an integer from 1 to 50",
    "doc_ids": "a list of document ids (see GET /api/v1/documents)",
    "level": "one of " + ", ".join(LEVELS),
    "region": "a region of the documents, e.g. 聊城市 (see GET /api/v1/documents)",
    "mode": "one of " + ", ".join(MODES),
    "messages": "a non-empty list of {role, content} objects ending with a user message",
    "stream": "true or false",
    "limit": f"an integer from 1 to {MAX_PAGE}",
    "offset": "an integer of 0 or more",
}


class _Scoped(BaseModel):
    """What ``search`` and ``ask`` share: how many clauses, and which documents."""

    model_config = ConfigDict(extra="forbid")
    top_k: TopK = 5
    doc_ids: DocIds | None = None
    level: Literal[LEVELS] | None = None  # type: ignore[valid-type]
    region: Region | None = None


class SearchRequest(_Scoped):
    """Body of ``POST /api/v1/search``."""

    query: Question
    mode: Literal[MODES] = "hybrid"  # type: ignore[valid-type]


class AskRequest(_Scoped):
    """Body of ``POST /api/v1/ask``."""

    question: Question


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


ALLOWED_FIELDS = sorted(set(SearchRequest.model_fields) | set(AskRequest.model_fields))


def error_message(exc: RequestValidationError) -> str:
    """One line naming each bad field, the problem and what the field allows."""
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


async def validation_handler(_: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [
        {"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
        for e in exc.errors()
    ]
    return JSONResponse(status_code=422, content={"detail": error_message(exc), "errors": errors})


async def http_error_handler(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    """Errors raised by endpoints: every 422 gets the one 422 shape (``errors`` empty: the
    library's message names the field), and the 400 FastAPI sends when the JSON decoder itself
    fails (bytes that are not UTF-8, nesting deeper than it allows) becomes a 422 too."""
    if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
        return JSONResponse(status_code=422, content={
            "detail": "request body is not valid JSON; send a UTF-8 JSON object", "errors": []})
    if exc.status_code == 422:
        return JSONResponse(status_code=422, content={"detail": str(exc.detail), "errors": []},
                            headers=exc.headers)
    return await http_exception_handler(request, exc)


def page(items: list, limit: int, offset: int) -> tuple[list, dict]:
    """Cut one page out of ``items``.

    Returns:
        The page and ``{"total", "limit", "offset"}`` to send beside it.
    """
    return items[offset:offset + limit], {"total": len(items), "limit": limit, "offset": offset}
