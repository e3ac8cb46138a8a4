"""Data of the officials' views as the API, the UI and the CLI show it: one shape for all three.

The library (``PolicyQA.department_matrix / targets / alignment``) does the work; this module only
joins in what a reader needs next to an id (breadcrumb, document, lead departments), applies the
free-text filters of the tables and writes the CSV / XLSX exports.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from app.http.schemas import clause_to_dict
from rag.views.export import to_csv, to_xlsx
from rag.views.tables import DEPARTMENT_COLUMNS, TARGET_COLUMNS, filter_departments

if TYPE_CHECKING:
    from rag.service import PolicyQA

EXPORT_FORMATS = ("csv", "xlsx")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ROLE_NAMES = {"lead": "牵头", "support": "参与", "support_inherited": "参与（下同）"}
TABLES = {"departments": DEPARTMENT_COLUMNS, "targets": TARGET_COLUMNS}
_EXPORT_DIR: Path | None = None


# ---------------------------------------------------------------- departments
def department_records(qa: PolicyQA, text: str | None = None) -> list[dict]:
    """Matrix rows (``DepartmentRow.as_record`` plus ``clauses``, the distinct clause count).

    Args:
        qa: The open service.
        text: Name or alias to search for (``省工信厅``, ``发改委``); empty keeps every row.

    Returns:
        Records ordered as ``qa.departments()`` (most clauses first).
    """
    rows = filter_departments(qa.department_matrix(), text)
    order = {name: n for n, (name, _) in enumerate(qa.departments())}
    records = []
    for row in rows:
        rec = row.as_record()
        rec["clauses"] = len({*row.lead, *row.support, *row.support_inherited})
        records.append(rec)
    records.sort(key=lambda r: order.get(r["name"], len(order)))
    return records


def department_clause_records(qa: PolicyQA, name: str) -> list[dict]:
    """The clauses a department leads or supports: ``clause_to_dict`` plus ``role``, ``role_name``, ``doc_label``.

    Raises:
        KeyError: No department of that name or alias.
    """
    docs = {d.id: d for d in qa.documents}
    out = []
    for clause, role in qa.department_clauses(name):
        doc = docs.get(clause.doc_id)
        out.append({"role": role, "role_name": ROLE_NAMES.get(role, role),
                    "doc_label": doc.label if doc else clause.doc_id, **clause_to_dict(clause)})
    return out


# ---------------------------------------------------------------- targets
def matches(record: dict, text: str | None) -> bool:
    """Whether any text field (lists included) of ``record`` contains ``text``; blank matches all."""
    query = (text or "").strip()
    if not query:
        return True
    for value in record.values():
        values = value if isinstance(value, (list, tuple)) else [value]
        if any(isinstance(v, str) and query in v for v in values):
            return True
    return False


def target_records(qa: PolicyQA, doc_id: str | None = None, year: int | None = None,
                   text: str | None = None) -> list[dict]:
    """Target rows (``TargetRow.as_record``) filtered by document, deadline year and free text.

    Raises:
        ValueError: Unknown ``doc_id`` or implausible ``year``.
    """
    return [r for r in (row.as_record() for row in qa.targets(doc_id=doc_id, year=year)) if matches(r, text)]


def target_years(qa: PolicyQA) -> list[int]:
    """Deadline years that occur in the targets table, ascending."""
    return sorted({r.year for r in qa.targets() if r.year is not None})


# ---------------------------------------------------------------- alignment
def _clause_brief(qa: PolicyQA, clause_id: str) -> dict:
    clause = qa.clause(clause_id)
    return {"clause_id": clause.id, "doc_id": clause.doc_id, "breadcrumb": clause.breadcrumb,
            "text": clause.text, "lead": list(clause.lead)}


def alignment_data(qa: PolicyQA) -> dict:
    """The alignment as JSON: ``Alignment.to_dict`` plus breadcrumbs and a per-task view.

    Returns:
        ``threshold``, ``relative``, ``links`` (with document labels), ``pairs`` (with
        ``city_breadcrumb`` / ``province_breadcrumb``), ``by_province`` and ``gaps`` (clause ids),
        and ``tasks``: every provincial task with its breadcrumb, text, lead departments and the
        city clauses carrying it out (``clause_id``, ``breadcrumb``, ``text``, ``score``, ``reasons``).
    """
    alignment = qa.alignment()
    data = alignment.to_dict()
    docs = {d.id: d for d in qa.documents}
    for link in data["links"]:
        for side in ("lower", "higher"):
            doc = docs.get(link[f"{side}_doc_id"])
            link[f"{side}_label"] = doc.label if doc else link[f"{side}_doc_id"]
    pairs_by_task: dict[str, list[dict]] = {}
    for pair in data["pairs"]:
        pair["city_breadcrumb"] = qa.clause(pair["city_clause_id"]).breadcrumb
        pair["province_breadcrumb"] = qa.clause(pair["province_clause_id"]).breadcrumb
        city = _clause_brief(qa, pair["city_clause_id"])
        pairs_by_task.setdefault(pair["province_clause_id"], []).append(
            {**city, "score": pair["score"], "reasons": pair["reasons"]})
    gaps = set(data["gaps"])
    data["tasks"] = [
        {**_clause_brief(qa, task), "gap": task in gaps,
         "cities": sorted(pairs_by_task.get(task, []), key=lambda c: -c["score"])}
        for task in alignment.province_tasks
    ]
    return data


# ---------------------------------------------------------------- export
def export_filename(table: str, fmt: str, *parts: object) -> str:
    """ASCII file name such as ``targets-2025.xlsx`` (safe in a Content-Disposition header)."""
    suffix = "".join(f"-{p}" for p in parts if p not in (None, ""))
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_.") else "_" for ch in f"{table}{suffix}")
    return f"{safe}.{fmt}"


def export_bytes(table: str, records: Iterable[dict], fmt: str) -> bytes:
    """A table as CSV (UTF-8 with BOM) or XLSX bytes, written by ``rag.views.export.to_csv / to_xlsx``.

    Args:
        table: ``departments`` or ``targets`` (selects the header columns and sheet name).
        records: Rows as dicts.
        fmt: ``csv`` or ``xlsx``.

    Raises:
        ValueError: Unknown table or format.
    """
    if table not in TABLES:
        raise ValueError(f"table {table!r} is not one of {', '.join(TABLES)}")
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(EXPORT_FORMATS)}")
    records = list(records)
    with tempfile.TemporaryDirectory(prefix="policyqa-export-") as tmp:
        path = Path(tmp) / f"{table}.{fmt}"
        if fmt == "csv":
            to_csv(records, path, columns=TABLES[table])
        else:
            to_xlsx(records, path, sheet=table, columns=TABLES[table])
        return path.read_bytes()


def export_file(table: str, records: Iterable[dict], fmt: str, filename: str) -> Path:
    """Write an export under a per-process temp folder and return its path (for UI downloads).

    Files are keyed by content, so a repeated export reuses its file instead of piling up copies.
    """
    global _EXPORT_DIR
    data = export_bytes(table, records, fmt)
    if _EXPORT_DIR is None:
        _EXPORT_DIR = Path(tempfile.mkdtemp(prefix="policyqa-downloads-"))
    folder = _EXPORT_DIR / hashlib.sha256(data).hexdigest()[:16]
    folder.mkdir(exist_ok=True)
    path = folder / filename
    if not path.exists():
        path.write_bytes(data)
    return path
