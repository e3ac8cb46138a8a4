"""Tables of rows → CSV (UTF-8 with BOM, so Excel shows the Chinese) and XLSX (openpyxl).

Rows are ``rag.views.tables`` rows (anything with ``as_record()``) or plain dicts; list values (aliases,
clause ids, lead departments) are joined with 、 in one cell.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

_JOIN = "、"


def _records(rows: Iterable[object]) -> list[dict[str, object]]:
    records = []
    for row in rows:
        if isinstance(row, dict):
            records.append(row)
        elif hasattr(row, "as_record"):
            records.append(row.as_record())
        else:
            raise ValueError(f"cannot export {type(row).__name__}; expected DepartmentRow, TargetRow or dict")
    return records


def _cell(value: object) -> object:
    if isinstance(value, (list, tuple, set)):
        return _JOIN.join(str(v) for v in value)
    return "" if value is None else value


def _table(rows: Iterable[object], columns: Sequence[str] | None) -> tuple[list[str], list[list[object]]]:
    records = _records(rows)
    header: list[str] = list(columns or ())
    for rec in records:
        header.extend(k for k in rec if k not in header)
    return header, [[_cell(rec.get(k)) for k in header] for rec in records]


def to_csv(rows: Iterable[object], path: Path | str, columns: Sequence[str] | None = None) -> Path:
    """Write a table as CSV, UTF-8 with BOM (Excel then reads the Chinese correctly).

    Lists (aliases, clause ids, lead departments) are joined with 、 in one cell.

    Args:
        rows: ``DepartmentRow``s, ``TargetRow``s or plain dicts.
        path: Output file.
        columns: Leading columns, so an empty table still gets its header
            (``DEPARTMENT_COLUMNS`` / ``TARGET_COLUMNS``); other keys follow.

    Returns:
        The written path.

    Raises:
        ValueError: A row is of an unsupported type.
    """
    header, body = _table(rows, columns)
    path = Path(path)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(body)
    return path


def to_xlsx(rows: Iterable[object], path: Path | str, sheet: str = "table",
            columns: Sequence[str] | None = None) -> Path:
    """Write a table as an Excel workbook with one sheet (openpyxl).

    Args:
        rows: ``DepartmentRow``s, ``TargetRow``s or plain dicts.
        path: Output ``.xlsx`` file.
        sheet: Sheet title (at most 31 characters, as Excel allows).
        columns: Leading columns, as for ``to_csv``.

    Returns:
        The written path.

    Raises:
        ValueError: A row is of an unsupported type or the sheet title is invalid.
    """
    from openpyxl import Workbook

    if not sheet or len(sheet) > 31 or any(ch in sheet for ch in "[]:*?/\\"):
        raise ValueError(f"sheet title {sheet!r} must be 1-31 characters without []:*?/\\")
    header, body = _table(rows, columns)
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(header)
    for line in body:
        ws.append(line)
    ws.freeze_panes = "A2"
    path = Path(path)
    wb.save(path)
    return path
