"""Officials' overviews: the department responsibility matrix and the targets (指标) table.

``department_matrix`` folds every department named in a 牵头单位 / 责任单位 note (own or carried
forward by 下同) to its canonical spelling (省工信厅 = 省工业和信息化厅, 市发改委 = 市发展改革委) and
lists, per department, the clauses it leads, supports or inherits support of, per document.
``targets_table`` lists every quantitative target with its deadline, document, clause and the
clause's lead departments. Both tables export to CSV (UTF-8 with BOM, so Excel shows the Chinese)
and XLSX (openpyxl) through ``to_csv`` / ``to_xlsx`` (``rag.views.export``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rag.ingest.departments import (
    DUTY_ROLES,
    canonical_department,
    department_aliases,
    department_index,
)
from rag.model import LEVELS, Clause, Document, level_rank

# News lead-ins (导语) restate the plan's numbers in a reporter's words; they are not the official
# text, so their "targets" would only duplicate the real ones.
_NOT_OFFICIAL = frozenset({"lead_in"})
DEPARTMENT_COLUMNS = (
    "name", "aliases", "level", "documents", "lead_count", "support_count", "inherited_count",
    "lead_clauses", "support_clauses", "inherited_clauses",
)
TARGET_COLUMNS = (
    "value", "unit", "year", "raw", "sentence", "doc_id", "doc_number", "doc_label", "clause_id",
    "breadcrumb", "lead",
)


@dataclass(frozen=True)
class DepartmentRow:
    """One department of the matrix.

    Attributes:
        name: Canonical name (``canonical_department``).
        aliases: Spellings seen in the notes, sorted.
        level: Level of the document(s) naming it (``province``, ``city`` …; several joined by ``,``).
        doc_ids: Documents naming it, in corpus order.
        lead: Clause ids it leads (牵头单位).
        support: Clause ids whose own note names it as 责任单位.
        support_inherited: Clause ids where it is 责任单位 by a 下同 note.
        by_document: ``{doc_id: {role: clause ids}}`` for the roles it has in that document.
    """

    name: str
    aliases: tuple[str, ...]
    level: str
    doc_ids: tuple[str, ...]
    lead: tuple[str, ...]
    support: tuple[str, ...]
    support_inherited: tuple[str, ...]
    by_document: dict[str, dict[str, tuple[str, ...]]]

    @property
    def lead_count(self) -> int:
        return len(self.lead)

    @property
    def support_count(self) -> int:
        return len(self.support)

    @property
    def inherited_count(self) -> int:
        return len(self.support_inherited)

    def as_record(self) -> dict[str, object]:
        """A flat row for CSV / XLSX / JSON (lists joined with 、 are left to the exporters)."""
        return {
            "name": self.name, "aliases": list(self.aliases), "level": self.level,
            "documents": list(self.doc_ids), "lead_count": self.lead_count,
            "support_count": self.support_count, "inherited_count": self.inherited_count,
            "lead_clauses": list(self.lead), "support_clauses": list(self.support),
            "inherited_clauses": list(self.support_inherited),
        }


@dataclass(frozen=True)
class TargetRow:
    """One quantitative target of the targets table.

    Attributes:
        value: Numeric value (``2.5`` for 2.5万台).
        unit: Unit as written (``万台``).
        year: Deadline year, or ``None`` when the sentence names none.
        raw: The matched words (``2.5万台``).
        sentence: The sentence the target is stated in.
        doc_id: Owning document id.
        doc_number: The document's 文号 (may be empty).
        doc_label: The document's citation label (short name and 文号).
        clause_id: Clause id.
        breadcrumb: Clause hierarchy path and title.
        lead: 牵头单位 of the clause.
    """

    value: float
    unit: str
    year: int | None
    raw: str
    sentence: str
    doc_id: str
    doc_number: str
    doc_label: str
    clause_id: str
    breadcrumb: str
    lead: tuple[str, ...]

    def as_record(self) -> dict[str, object]:
        """A flat row for CSV / XLSX / JSON."""
        return {
            "value": self.value, "unit": self.unit, "year": self.year, "raw": self.raw,
            "sentence": self.sentence, "doc_id": self.doc_id, "doc_number": self.doc_number,
            "doc_label": self.doc_label, "clause_id": self.clause_id, "breadcrumb": self.breadcrumb,
            "lead": list(self.lead),
        }


def _level_key(level: str) -> int:
    rank = level_rank(level)
    return len(LEVELS) if rank is None else rank


def department_matrix(documents: Sequence[Document], clauses: Iterable[Clause],
                      index: Mapping[str, list[tuple[Clause, str]]] | None = None) -> list[DepartmentRow]:
    """Every department named in the clauses' notes, aliases folded, with its clauses per role.

    Args:
        documents: The corpus documents (for levels and order).
        clauses: The chunked clauses.
        index: Their ``department_index`` when already built (the service's); else built here.

    Returns:
        Rows ordered by level (province before city …), then by the number of clauses the
        department leads and supports, most first, then by name.
    """
    docs = {d.id: d for d in documents}
    order = {d.id: n for n, d in enumerate(documents)}
    seen: dict[str, dict] = {}
    for name, rows in (index if index is not None else department_index(clauses)).items():
        if not name:
            continue
        entry = seen.setdefault(name, {"aliases": set(), "roles": {r: [] for r in DUTY_ROLES}, "docs": {}})
        for clause, role in rows:
            entry["aliases"].update(w for w in getattr(clause, role) if canonical_department(w) == name)
            if clause.id not in entry["roles"][role]:
                entry["roles"][role].append(clause.id)
            ids = entry["docs"].setdefault(clause.doc_id, {}).setdefault(role, [])
            if clause.id not in ids:
                ids.append(clause.id)
    rows: list[DepartmentRow] = []
    for name, entry in seen.items():
        doc_ids = tuple(sorted(entry["docs"], key=lambda d: order.get(d, len(order))))
        levels = sorted({docs[d].level if d in docs else "other" for d in doc_ids}, key=_level_key)
        rows.append(DepartmentRow(
            name=name,
            aliases=tuple(sorted(entry["aliases"])),
            level=",".join(levels),
            doc_ids=doc_ids,
            lead=tuple(entry["roles"]["lead"]),
            support=tuple(entry["roles"]["support"]),
            support_inherited=tuple(entry["roles"]["support_inherited"]),
            by_document={d: {r: tuple(ids) for r, ids in entry["docs"][d].items()} for d in doc_ids},
        ))
    rows.sort(key=lambda r: (_level_key(r.level.split(",")[0]), -r.lead_count,
                             -(r.support_count + r.inherited_count), r.name))
    return rows


def filter_departments(rows: Iterable[DepartmentRow], text: str | None) -> list[DepartmentRow]:
    """Rows whose name or any alias matches ``text`` (any spelling, or a part of a name).

    ``省工信厅`` finds 省工业和信息化厅, ``发改委`` finds every 发展改革委, ``公安`` finds 省公安厅
    and 市公安局.

    Args:
        rows: Matrix rows.
        text: Search text; empty or ``None`` keeps every row.

    Returns:
        The matching rows in their given order.
    """
    rows = list(rows)
    query = (text or "").strip()
    if not query:
        return rows
    # Keep the query's level: 省工信厅 must not find a 市 or 县 office through the bare 工信厅.
    wanted = {a for a in department_aliases(query) | {query, canonical_department(query)} if a[:1] == query[:1]}
    out = []
    for row in rows:
        spellings = {row.name, *row.aliases}
        for alias in list(spellings):
            spellings |= department_aliases(alias)
        if any(w and w in s for w in wanted for s in spellings):
            out.append(row)
    return out


def targets_table(documents: Sequence[Document], clauses: Iterable[Clause], doc_id: str | None = None,
                  year: int | None = None) -> list[TargetRow]:
    """Every quantitative target (指标) in the official text, optionally filtered.

    Args:
        documents: The corpus documents.
        clauses: The chunked clauses.
        doc_id: Only targets of this document.
        year: Only targets with this deadline year.

    Returns:
        Rows in corpus reading order.

    Raises:
        ValueError: ``doc_id`` is not a known document, or ``year`` is not a plausible year.
    """
    docs = {d.id: d for d in documents}
    if doc_id is not None and doc_id not in docs:
        raise ValueError(f"unknown document id {doc_id!r}; known: {', '.join(docs) or '(none)'}")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200):
        raise ValueError(f"year must be a four-digit year such as 2025, got {year!r}")
    rows: list[TargetRow] = []
    for clause in clauses:
        if clause.kind in _NOT_OFFICIAL or (doc_id is not None and clause.doc_id != doc_id):
            continue
        doc = docs.get(clause.doc_id)
        for t in clause.targets:
            if year is not None and t.year != year:
                continue
            rows.append(TargetRow(
                value=t.value, unit=t.unit, year=t.year, raw=t.raw, sentence=t.text,
                doc_id=clause.doc_id, doc_number=doc.number if doc else "",
                doc_label=doc.label if doc else clause.doc_id, clause_id=clause.id,
                breadcrumb=clause.breadcrumb, lead=clause.lead,
            ))
    return rows
