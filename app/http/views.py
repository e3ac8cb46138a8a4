"""HTTP endpoints of the officials' views: department matrix, targets table, province ↔ city alignment.

``router`` is included by ``app.http.api.create_app``. JSON endpoints and their CSV / XLSX exports share
one filter set, so a download always holds exactly the rows the JSON (and the UI table) show; the
JSON lists come a page at a time (``limit`` / ``offset``, with ``total``), downloads whole.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import Response

from app.http.deps import get_qa
from app.http.models import AlignmentOut, DepartmentClauses, DepartmentList, TargetList, errors
from app.http.validation import Limit, Offset, page
from app.ui.view_data import (
    EXPORT_FORMATS,
    MEDIA_TYPES,
    alignment_data,
    department_clause_records,
    department_records,
    export_bytes,
    export_filename,
    target_records,
)

QA = Annotated[Any, Depends(get_qa)]
Format = Literal[EXPORT_FORMATS]  # type: ignore[valid-type]
SearchText = Annotated[str | None, Query(max_length=200, description="Text to search for (name, alias or any words).")]
DocId = Annotated[str | None, Query(max_length=200, description="Only this document id (see GET /api/v1/documents).")]
# Typed as text so a wrong value gets our own message naming what is allowed.
Year = Annotated[str | None, Query(max_length=10, description="Only targets with this deadline year, e.g. 2025.")]

router = APIRouter(responses=errors(503))
FILE = {"content": {fmt: {"schema": {"type": "string", "format": "binary"}}
                    for fmt in ("text/csv", MEDIA_TYPES["xlsx"])},
        "description": "The table as a CSV (UTF-8 with BOM) or XLSX download"}


def _year(value: str | None) -> int | None:
    if value is None or not value.strip():
        return None
    text = value.strip()
    if not text.isdigit() or len(text) != 4:
        raise HTTPException(status_code=422, detail=f"year: {value!r} is not a year; allowed: a four-digit year such as 2025")
    return int(text)


def _targets(qa, doc_id: str | None, year: str | None, q: str | None) -> list[dict]:
    try:
        return target_records(qa, doc_id=doc_id or None, year=_year(year), text=q)
    except ValueError as exc:  # unknown document or implausible year: the message lists what is allowed
        raise HTTPException(status_code=422, detail=str(exc)) from exc


def _file(table: str, records: list[dict], fmt: str, *name_parts: object) -> Response:
    filename = export_filename(table, fmt, *name_parts)
    return Response(export_bytes(table, records, fmt), media_type=MEDIA_TYPES[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.get("/api/departments", tags=["departments"], response_model=DepartmentList)
def departments(qa: QA, q: SearchText = None, limit: Limit = 100, offset: Offset = 0) -> dict:
    """Departments parsed from 牵头单位 / 责任单位 notes, aliases folded, most clauses first.

    Each entry has ``name``, ``clauses`` (distinct clauses naming it), ``aliases``, ``level``,
    ``documents``, ``lead_count`` / ``support_count`` / ``inherited_count`` and the clause ids per
    role. ``q`` keeps the departments matching a name or alias (``省工信厅``, ``发改委``).
    """
    rows, info = page(department_records(qa, q), limit, offset)
    return {"departments": rows, **info}


@router.get("/api/departments.{fmt}", tags=["departments"], response_class=Response, responses={200: FILE})
def departments_export(fmt: Format, qa: QA, q: SearchText = None) -> Response:
    """The department matrix as a CSV (UTF-8 with BOM) or XLSX download; ``q`` as for the JSON."""
    return _file("departments", department_records(qa, q), fmt)


@router.get("/api/departments/{name}/clauses", tags=["departments"], response_model=DepartmentClauses,
            responses=errors(404))
def department_clauses(name: str, qa: QA) -> dict:
    """Clauses naming a department (any alias), each with its role: lead, support or support_inherited (下同)."""
    try:
        rows = department_clause_records(qa, name)
    except KeyError:
        raise HTTPException(
            status_code=404, detail=f"unknown department {name!r}; see GET /api/v1/departments for the names"
        ) from None
    return {"department": name, "clauses": rows}


@router.get("/api/targets", tags=["targets"], response_model=TargetList)
def targets(qa: QA, doc_id: DocId = None, year: Year = None, q: SearchText = None,
            limit: Limit = 100, offset: Offset = 0) -> dict:
    """Quantitative targets (指标): value, unit, deadline year, sentence, document, clause, lead department."""
    rows, info = page(_targets(qa, doc_id, year, q), limit, offset)
    return {"targets": rows, **info}


@router.get("/api/targets.{fmt}", tags=["targets"], response_class=Response, responses={200: FILE})
def targets_export(fmt: Format, qa: QA, doc_id: DocId = None, year: Year = None, q: SearchText = None) -> Response:
    """The targets table as a CSV (UTF-8 with BOM) or XLSX download, with the same filters as the JSON."""
    return _file("targets", _targets(qa, doc_id, year, q), fmt, doc_id, year)


@router.get("/api/alignment", tags=["alignment"], response_model=AlignmentOut)
def alignment(qa: QA) -> dict:
    """Province ↔ city alignment: scored pairs with reasons, each provincial task's city clauses, and the gaps."""
    return alignment_data(qa)
