"""Tables of a .docx or .html file → text lines the chunker reads like the rest of a plan.

Government 通知 often carry their tasks in an 附件 table — 序号 | 重点任务 | 牵头单位 | 配合单位 |
完成时限. Flattened cell by cell, such a table loses which unit leads which task (an empty 配合单位
cell even shifts the columns). A table whose header names a responsibility column is written one
row per line in the genre's own words instead, the way plans write a task and its note:

    3. 落实清洁取暖设备购置补贴…（牵头单位：市财政局；配合单位：市发展改革委；完成时限：2025年11月15日前）

so that the row is one clause, its 序号 its label, and its units are read by ``rag.ingest.duties``
like any note. Other tables keep one line per row: two cells as ``标签：内容`` (a 专栏 box); more, in a table of data
(a header of short names over rows with figures), joined by ``，`` and closed by ``。`` as a Markdown
table's row reads; else (a page's navigation bar, its metadata block: 发文机关：X | 发文字号：Y) joined by
an ideographic space.

A PDF extraction or a plain-text copy keeps such a table as lines whose cells stand apart by two
or more spaces (``序号  工作任务  牵头单位  配合单位  完成时限``); ``text_cells`` reads them, and
``rag.ingest.normalize`` writes the rows under a responsibility header the same way. Under a header of
values instead (县（区）  河道综合治理（公里）  岸线整治（公里）, a 专栏 of each county's targets; 安葬方式  基本要求
奖补标准, a table of standards) each row is written as the genre writes such a line, its first cell
the label and every other cell named by its column (``value_row``):

    崡北县：河道综合治理120公里，岸线整治75公里。
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# A header cell naming the units responsible for a row (牵头单位, 配合部门, 责任单位, 协办单位 …).
_ROLE_HEADER = re.compile(r"^(?:牵头|主办|主责|责任|配合|协办|参与|协同|协助|支持)(?:单位|部门|处室)?(?:（[^）]*）)?$")
_NUMBER_HEADER = re.compile(r"^(?:序号|编号|序|No\.?|#)$", re.I)
_ROW_NUMBER = re.compile(r"^\d{1,3}$")
_CELL_GAP = re.compile(r"[ \t\u00a0\u3000]{2,}|\t|\u3000")  # between two cells of a text table


_HEADED_UNIT = re.compile(r"(.+?)（([^（）\d每]{1,4})）")  # 河道综合治理（公里）: a column and its unit
_FIGURE = re.compile(r"\d+(?:\.\d+)?")


def _clean(cell: str) -> str:
    return re.sub(r"\s+", " ", cell).strip()


def _header(rows: Sequence[Sequence[str]]) -> int | None:
    """Index of the header row (one of the first three) when it names a responsibility column."""
    for i, row in enumerate(rows[:3]):
        cells = [re.sub(r"\s+", "", c) for c in row]
        if any(_ROLE_HEADER.match(c) for c in cells) and len([c for c in cells if c]) >= 2:
            return i
    return None


def text_cells(line: str) -> list[str]:
    """The cells of one line of a text table: the pieces between gaps of two or more spaces, a tab
    or an ideographic space (a single space inside a cell is the cell's own)."""
    return [c.strip() for c in _CELL_GAP.split(line.strip()) if c.strip()]


def is_responsibility_header(cells: Sequence[str]) -> bool:
    """Whether ``cells`` are the header of a responsibility table: three or more, one of them a
    role column (牵头单位, 配合部门 …)."""
    return len(cells) >= 3 and _header([cells]) == 0


def is_value_header(cells: Sequence[str], below: Sequence[Sequence[str]]) -> bool:
    """Whether ``cells`` head a table of values: three or more short cells, none a figure, no role
    column, and the rows ``below`` (the next two) as many cells each, with a figure among them."""
    return (len(cells) >= 3 and not is_responsibility_header(cells) and len(below) >= 2
            and all(len(c) <= 20 and not _FIGURE.fullmatch(c) for c in cells)
            and all(len(row) == len(cells) for row in below) and any(re.search(r"\d", c) for row in below for c in row))


def value_row(header: Sequence[str], cells: Sequence[str], unit: str = "") -> str:
    """One row of a table of values as a line: its first cell the label, every other cell named by
    its column — a bare figure with the column's unit (河道综合治理（公里） 120 → 河道综合治理120公里)
    or the table's (``unit``: 建设任务（单位：万亩） above it → 新建11万亩), any other cell after its column
    and a colon (基本要求：…)."""
    parts = []
    for name, cell in zip(header[1:], cells[1:], strict=False):
        headed = _HEADED_UNIT.fullmatch(name)
        if not cell:
            continue
        if _FIGURE.fullmatch(cell):
            parts.append(f"{headed.group(1)}{cell}{headed.group(2)}" if headed else f"{name}{cell}{unit}")
        else:
            parts.append(f"{name}：{cell}")
    return f"{cells[0]}：{'，'.join(parts)}。"


def _row_sentence(cells: Sequence[str]) -> str:
    """A row of a table of data as a Markdown table's row reads (``rag.ingest.markup``): its
    cells joined by ``，``, closed by ``。`` — one sentence, whose cells stay apart (1，原创动画电视播出，…，
    单部作品最高200万元。), not glued into the next row."""
    text = "，".join(c.rstrip("，,；;。") for c in cells)
    return text + "。"


def table_lines(rows: Sequence[Sequence[str]]) -> list[str]:
    """The lines a table reads as (see the module docstring).

    Args:
        rows: Cell texts row by row, one entry per column position (empty cells as ``""``).

    Returns:
        One line per non-empty row (the header row of a responsibility table is dropped).
    """
    rows = [[_clean(c) for c in row] for row in rows]
    rows = [row for row in rows if any(row)]
    at = _header(rows)
    if at is None:
        lines = []
        # (a table of data: a header of short names over rows with figures, 序号 | 支持事项 | 资助标准 |
        # 上限 — not a page's navigation bar or its metadata block)
        data = bool(rows) and is_value_header(rows[0], rows[1:3])
        for row in rows:
            cells = [c for i, c in enumerate(row) if c and (i == 0 or c != row[i - 1])]  # merged cells repeat
            if cells:
                label_item = len(cells) == 2 and len(cells[0]) <= 15 and not any(ch in cells[0] for ch in "：:")
                labelled = any(ch in c for c in cells for ch in "：:")  # (发文机关：X | 发文字号：Y: one pair a cell)
                lines.append("：".join(cells) if label_item else _row_sentence(cells) if data and not labelled else "　".join(cells))
        return lines
    header = [re.sub(r"\s+", "", c) for c in rows[at]]
    numbers = [i for i, h in enumerate(header) if _NUMBER_HEADER.match(h)]
    roles = [i for i, h in enumerate(header) if _ROLE_HEADER.match(h)]
    texts = [i for i, h in enumerate(header) if i not in numbers and i not in roles]
    task = texts[0] if texts else None
    lines = [" ".join(c for c in rows[i] if c) for i in range(at)]  # a title row above the header
    for row in rows[at + 1:]:
        cells = row + [""] * (len(header) - len(row))
        if [re.sub(r"\s+", "", c) for c in cells] == header:
            continue  # the header repeated on a new page
        label = next((cells[i] for i in numbers if _ROW_NUMBER.match(cells[i])), "")
        body = cells[task] if task is not None else ""
        notes = [f"{header[i]}：{cells[i]}" for i in (*roles, *texts[1:]) if cells[i] and header[i]]
        line = f"{label}. {body}" if label else body
        if notes:
            line += f"（{'；'.join(notes)}）"
        if line.strip():
            lines.append(line)
    return lines
