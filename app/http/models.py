"""Response models of the HTTP API: the exact JSON every endpoint sends, as OpenAPI documents it.

``app.http.schemas`` builds the dicts from the data model; FastAPI validates them against these
models on the way out. Every model forbids extra keys, so a field added to a dict but not here
fails loudly (a 500 the fuzz and contract tests catch) instead of reaching clients undocumented.
``errors`` declares the error bodies (``ErrorBody``, and ``ValidationErrorBody`` for 422).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from rag.views.tables import TargetRow


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---------------------------------------------------------------- errors
class ErrorBody(Strict):
    """Every 4xx / 5xx except 422: one message saying what went wrong and what is allowed."""

    detail: str


class FieldError(Strict):
    loc: list[str] = Field(description="Where: body / query / path, then the field.")
    msg: str
    type: str


class ValidationErrorBody(Strict):
    """422: ``detail`` is one readable line naming each bad field and what it allows; ``errors``
    lists them one by one (empty when the body is not JSON at all)."""

    detail: str
    errors: list[FieldError]


_DESCRIPTIONS = {
    401: "No admin token (send 'Authorization: Bearer <token>')",
    403: "Wrong admin token",
    404: "Unknown id or name",
    413: "Upload over the size limit",
    422: "Invalid input; the message says what is allowed",
    429: "Rate limit exceeded",
    503: "Not ready: the index is still loading, or a rebuild failed",
}


def errors(*codes: int) -> dict[int | str, dict]:
    """The ``responses=`` entry of a route for these error statuses.

    Args:
        codes: HTTP statuses the route can answer besides its success (422 is added by
            ``app.http.contract`` wherever a route takes input).

    Returns:
        ``{status: {"model": ..., "description": ...}}``; 429 also documents ``Retry-After``.
    """
    out: dict[int | str, dict] = {}
    for code in codes:
        out[code] = {"model": ValidationErrorBody if code == 422 else ErrorBody,
                     "description": _DESCRIPTIONS.get(code, "Error")}
        if code == 429:
            out[code]["headers"] = {"Retry-After": {
                "description": "Seconds until the client may ask again", "schema": {"type": "integer"}}}
    return out


# ---------------------------------------------------------------- meta
class Health(Strict):
    status: Literal["ok"]
    documents: int
    clauses: int
    index_version: str


class Readiness(Strict):
    status: Literal["ready", "not ready"]
    checks: dict[str, str | None] = Field(
        description="Each check (``index``; ``milvus`` with that backend): null when fine, else what is wrong.")


# ---------------------------------------------------------------- corpus
class TargetOut(Strict):
    value: float
    unit: str
    year: int | None
    text: str
    raw: str


class RoleOut(Strict):
    """A unit with the role word the document gives it (牵头单位, 配合, 协办, 会同 …)."""

    role: str
    unit: str


class ClauseOut(Strict):
    """One clause (条款) with its hierarchy path, 牵头单位 / 责任单位 (and the roles as the document
    writes them) and targets."""

    clause_id: str
    doc_id: str
    kind: str
    path: list[str]
    title: str
    breadcrumb: str
    text: str
    lead: list[str]
    support: list[str]
    support_inherited: list[str]
    roles: list[RoleOut]
    targets: list[TargetOut]
    source_path: str
    start: int
    end: int


class DocumentOut(Strict):
    doc_id: str
    title: str
    short_name: str
    number: str
    issuer: str
    date: str
    level: str
    region: str
    source_path: str
    status: str = Field(description="current or repealed")
    superseded_by: str = Field(description="id of the document that replaces it, or empty")
    expires: str = Field(description="YYYY-MM-DD its 有效期 ends, or empty")
    published: str = Field(description="YYYY-MM-DD a site published it (发布日期), or empty")
    in_force: bool = Field(description="current, not superseded and not expired today")


class DocumentSummary(DocumentOut):
    clauses: int = Field(description="Number of clauses of the document.")


class Page(Strict):
    total: int = Field(description="Items matching, before limit / offset.")
    limit: int
    offset: int


class DocumentList(Page):
    documents: list[DocumentSummary]


class DocumentDetail(DocumentOut):
    text: str = Field(description="The normalized full text clause offsets point into.")
    clauses: list[ClauseOut]
    clauses_total: int = Field(description="Clauses of the document, before limit / offset.")
    limit: int
    offset: int


# ---------------------------------------------------------------- retrieval and answers
class HitOut(Strict):
    rank: int
    clause_id: str
    doc_id: str
    doc_title: str
    doc_number: str
    doc_level: str
    path: list[str]
    title: str
    breadcrumb: str
    text: str
    score: float
    scores: dict[str, float] = Field(description="Side scores: bm25, dense, fused (as the mode has them).")
    lead: list[str]
    support: list[str]
    support_inherited: list[str]


class SearchResponse(Strict):
    query: str
    hits: list[HitOut]
    took_ms: float


class AskResponse(Strict):
    question: str
    answer: str
    answerable: bool = Field(description="False when the corpus holds no answer (a refusal).")
    intent: str
    citations: list[HitOut]
    took_ms: float


class ChatMessageOut(Strict):
    role: Literal["assistant"]
    content: str


class ChatChoice(Strict):
    index: int
    message: ChatMessageOut
    finish_reason: Literal["stop"]


class Usage(Strict):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class ChatCompletion(Strict):
    """OpenAI ``chat.completion`` plus ``citations``; with ``stream`` the body is SSE instead."""

    id: str
    object: Literal["chat.completion"]
    created: int
    model: str
    choices: list[ChatChoice]
    usage: Usage
    citations: list[HitOut]


class ModelOut(Strict):
    """One model of ``GET /v1/models`` (OpenAI ``model`` object)."""

    id: str
    object: Literal["model"]
    created: int
    owned_by: str


class ModelList(Strict):
    """``GET /v1/models``: the model this server answers as."""

    object: Literal["list"]
    data: list[ModelOut]


# ---------------------------------------------------------------- officials' views
class DepartmentOut(Strict):
    name: str
    aliases: list[str]
    level: str
    documents: list[str]
    lead_count: int
    support_count: int
    inherited_count: int
    lead_clauses: list[str]
    support_clauses: list[str]
    inherited_clauses: list[str]
    clauses: int = Field(description="Distinct clauses naming the department.")


class DepartmentList(Page):
    departments: list[DepartmentOut]


class DepartmentClause(ClauseOut):
    role: Literal["lead", "support", "support_inherited"]
    role_name: str
    doc_label: str


class DepartmentClauses(Strict):
    department: str
    clauses: list[DepartmentClause]


class TargetList(Page):
    targets: list[TargetRow]  # the view's own dataclass: one field list for the table and the API


class AlignLink(Strict):
    lower_doc_id: str
    higher_doc_id: str
    evidence_clause_id: str
    cited: str
    lower_label: str
    higher_label: str


class AlignPair(Strict):
    city_clause_id: str
    province_clause_id: str
    score: float
    reasons: list[str]
    features: dict[str, float]
    city_breadcrumb: str
    province_breadcrumb: str


class AlignCity(Strict):
    clause_id: str
    doc_id: str
    breadcrumb: str
    text: str
    lead: list[str]
    score: float
    reasons: list[str]


class AlignTask(Strict):
    clause_id: str
    doc_id: str
    breadcrumb: str
    text: str
    lead: list[str]
    gap: bool
    cities: list[AlignCity]


class AlignmentOut(Strict):
    threshold: float
    relative: float
    links: list[AlignLink]
    pairs: list[AlignPair]
    by_province: dict[str, list[str]]
    gaps: list[str]
    tasks: list[AlignTask]


# ---------------------------------------------------------------- admin
class UploadResult(Strict):
    added: list[DocumentOut]
    index_version: str
    documents: int
    clauses: int
    embedded: int | None = None
    reused: int | None = None


class ReplaceResult(Strict):
    replaced: DocumentOut
    index_version: str
    documents: int
    clauses: int
    embedded: int | None = None
    reused: int | None = None


class RemoveResult(Strict):
    removed: str
    index_version: str
    documents: int
    clauses: int
    embedded: int | None = None
    reused: int | None = None
