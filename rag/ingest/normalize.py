"""Raw policy text → clean text, with a map from every clean character back to the raw file.

Government documents arrive as PDF extractions or web copies. The normalizer:

* folds full-width digits and letters (２０２５ → 2025, ２．５ → 2.5, ３０％ → 30%);
* restores Chinese punctuation that extraction made half-width in Chinese context
  (``.``→。 ``,``→， ``:``→： ``;``→； ``()``→（） ``«»``→《》) while keeping decimals
  (2.5), numbering (``1.`` at a line start), thousands separators and URLs;
* drops page marks (—１—), trailer lines (…印发, 原文地址, 抄送), site chrome (``rag.ingest.chrome``)
  and repeated letterheads,
  collapses spaced-out titles (聊 城 市 人 民 政 府) and an orphan closing fragment (``厅)``)
  a page break left behind;
* takes out Markdown markup (``rag.ingest.markup``: headings, quotes, emphasis, tables);
* joins lines broken mid-sentence or mid-word, keeping paragraph breaks as ``\\n``.

Every rule looks only at the text it is given, so a slice of the raw file normalizes on its own:
the chunker relies on this (``normalize_text(raw[c.start:c.end]) == c.text``). One exception: the
rows of a text table (cells two spaces apart, as a PDF extraction leaves a 责任分工 table) under a
header naming a responsibility column are written as the genre writes a task and its note
(``6. 任务（牵头单位：…；配合单位：…；完成时限：…）``, ``rag.ingest.tables``), which needs the header;
``Normalized.table_rows`` says which paragraphs they are.

Which lines join into one paragraph is decided in ``rag.ingest.linejoin``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.ingest.chrome import is_chrome
from rag.ingest.linejoin import DOC_NUMBER, Line, is_ascii_word, join_lines
from rag.ingest.markup import is_markdown_row, strip_markup
from rag.ingest.numbering import CN_NUM
from rag.ingest.tables import (
    is_responsibility_header,
    is_value_header,
    table_lines,
    text_cells,
    value_row,
)
from rag.ingest.targets import UNIT_NOTE

# ---------------------------------------------------------------- character classes
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F))
ZH_PUNCT = frozenset("，。、；：！？“”‘’《》（）〔〕【】〈〉「」『』—…·％")
_WS = frozenset(" \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff")


def is_cjk(ch: str) -> bool:
    """True for a CJK ideograph (or 〇)."""
    if ch == "〇":
        return True
    o = ord(ch)
    return any(a <= o <= b for a, b in _CJK_RANGES)


def _zh(ch: str) -> bool:
    return bool(ch) and (is_cjk(ch) or ch in ZH_PUNCT)


def _fold(ch: str) -> str:
    """Width-fold one character: full-width digits, letters, %, / and spaces become ASCII; box-drawing
    characters become spaces."""
    o = ord(ch)
    if 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A:
        return chr(o - 0xFEE0)
    if ch in "％／＋＝＜＞":
        return chr(o - 0xFEE0)
    if ch == "．":
        return "."  # becomes 。 again below unless it sits between digits
    if ch in _WS or 0x2500 <= o <= 0x257F:
        return " "  # (a box's frame, ┌──┐ │ └──┘, is layout too)
    return {"«": "《", "»": "》", "‹": "〈", "›": "〉"}.get(ch, ch)


# ---------------------------------------------------------------- lines dropped or folded
# A label whose following space is kept: 第一章 总则, 专栏1 整车发展重点.
_SPACED_LABEL = re.compile(rf"^(?:第(?:{CN_NUM}|\d+)[编章节条編節條]|(?:专栏|專欄)\s*\d+)")
_PAGE_MARK = re.compile(r"^(?:[-—–－‐]+\s*\d{1,4}\s*[-—–－‐]+|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")
_TRAILER = re.compile(
    r"^(?:(?:原文地址|原文链接|来源|责任编辑|抄送|附：原文链接)[：:]|<?https?://\S+>?$)"
    r"|\d{4}年\d{1,2}月\d{1,2}日\s*印发$"
)
_SPACED_OUT = re.compile(r"^(?:[\u4e00-\u9fff]\s+){2,}[\u4e00-\u9fff]$")


# ---------------------------------------------------------------- the result
@dataclass(frozen=True)
class Normalized:
    """Clean text plus, for every character, the offset of the raw character it came from.

    Attributes:
        text: The normalized text; paragraphs are separated by ``\\n``.
        offsets: ``offsets[i]`` is the raw offset of ``text[i]``.
        table_rows: Spans of the paragraphs written from a text table's rows (they read with the
            table's header, so unlike other text they do not normalize the same from their slice).
    """

    text: str
    offsets: tuple[int, ...]
    table_rows: tuple[tuple[int, int], ...] = ()

    def raw_offset(self, i: int) -> int:
        """Map a normalized offset back to the raw string.

        Args:
            i: Offset into ``text``; ``len(text)`` maps to just past the last used raw character.

        Returns:
            The raw offset.

        Raises:
            ValueError: ``i`` is outside ``0..len(text)``.
        """
        if not 0 <= i <= len(self.text):
            raise ValueError(f"offset {i} outside 0..{len(self.text)}")
        if i < len(self.text):
            return self.offsets[i]
        return self.offsets[-1] + 1 if self.offsets else 0

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``(start, end)`` covering normalized ``text[start:end]`` (``end`` exclusive)."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside 0..{len(self.text)} or empty")
        return self.offsets[start], self.offsets[end - 1] + 1

    def paragraphs(self) -> list[tuple[int, int]]:
        """``(start, end)`` normalized spans of the non-empty paragraphs, in order."""
        spans, pos = [], 0
        for part in self.text.split("\n"):
            if part:
                spans.append((pos, pos + len(part)))
            pos += len(part) + 1
        return spans


# ---------------------------------------------------------------- per-line cleaning
def _fold_line(raw: str, base: int, indices: list[int] | None = None) -> Line:
    """Width folding, trimming and space removal between Chinese characters.

    ``indices`` gives each character's index in the raw line when markup was taken out of it.
    """
    chars = [_fold(c) for c in raw]
    offs = [base + i for i in indices] if indices is not None else list(range(base, base + len(raw)))
    # Drop zero-width and BOM characters entirely.
    keep = [i for i, c in enumerate(raw) if c not in "\ufeff\u200b"]
    chars, offs = [chars[i] for i in keep], [offs[i] for i in keep]
    while chars and chars[0] == " ":
        chars.pop(0), offs.pop(0)
    while chars and chars[-1] == " ":
        chars.pop(), offs.pop()
    spaced_out = bool(_SPACED_OUT.match("".join(chars)))
    label = _SPACED_LABEL.match("".join(chars))
    out_c: list[str] = []
    out_o: list[int] = []
    for i, c in enumerate(chars):
        if c == " ":
            if out_c and out_c[-1] == " ":
                continue
            nxt = next((x for x in chars[i + 1:] if x != " "), "")
            prev = out_c[-1] if out_c else ""
            keep_label_gap = label is not None and len(out_c) == label.end()
            if not keep_label_gap and (_zh(prev) or _zh(nxt)):
                continue  # spaces around Chinese text are layout, not content
        out_c.append(c)
        out_o.append(offs[i])
    return Line(out_c, out_o, spaced_out)


def _inline_label(c: list[str], i: int) -> bool:
    """Whether the 1–2 digits before ``c[i]`` (a ``.`` before Chinese text) stand alone, not
    ending a longer number: a label (设施1.推进…, 。2.推动…), never a decimal (2.5亿)."""
    j = i
    while j > 0 and c[j - 1].isdigit():
        j -= 1
    return 1 <= i - j <= 2 and (j == 0 or not (c[j - 1].isascii() and c[j - 1].isalnum()) and c[j - 1] not in ".,")


def _restore_punct(line: Line, stack: list[bool], line_start_numbering: bool) -> None:
    """Half-width punctuation in Chinese context → Chinese punctuation, in place.

    ``stack`` carries open ``(`` brackets across lines (True when converted to （).
    """
    c = line.chars
    n = len(c)
    for i, ch in enumerate(c):
        prev = c[i - 1] if i else ""
        nxt = c[i + 1] if i + 1 < n else ""
        if ch == "(":
            conv = _zh(nxt) or _zh(prev)
            stack.append(conv)
            if conv:
                c[i] = "（"
        elif ch == ")":
            opened = stack.pop() if stack else None
            if opened or _zh(prev) or (opened is None and _zh(nxt)):
                c[i] = "）"
        elif ch == "（":
            stack.append(True)
        elif ch == "）":
            if stack:
                stack.pop()
        elif ch == ".":
            if is_ascii_word(prev) and is_ascii_word(nxt):
                continue  # 2.5, www.gov.cn
            if line_start_numbering and i <= 2 and prev.isdigit() and c[:i] and "".join(c[:i]).isdigit():
                continue  # 1. at a line start is numbering
            if prev.isdigit() and _zh(nxt) and _inline_label(c, i):
                continue  # …。2.推动老港区功能调整: a label standing inline in flattened text
            if _zh(prev) or _zh(nxt) or prev in "%)" or not nxt:
                c[i] = "。"
        elif ch in ",:;!?":
            if prev.isdigit() and nxt.isdigit() and ch in ",:":
                continue  # 1,000 or 10:30
            if _zh(prev) or _zh(nxt) or (ch in ",;" and prev in "%)"):
                c[i] = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}[ch]


def _row_line(cells: list[str], header: list[str], start: int, end: int, unit: str | None = None) -> Line:
    """A text table's row written as the genre writes a task and its note (``rag.ingest.tables``):
    ``6. 任务（牵头单位：…；配合单位：…；完成时限：…）``, or under a header of ``values`` as a
    labelled line (``崡北县：河道综合治理120公里，…。``; ``unit``: the table's). Its characters map onto the row's raw span
    in proportion, so a citation of the row covers the row."""
    text = value_row(header, cells, unit) if unit is not None else table_lines([header, cells])[0]
    width = max(end - start, 1)
    offsets = [start + min(width - 1, k * width // len(text)) for k in range(len(text))]
    offsets[-1] = start + width - 1  # (the row's last character closes its span)
    line = _fold_line(text, 0, offsets)
    line.table_row = True
    return line


def _cells(raw_line: str, plain: str) -> list[str]:
    """The cells of a table row: between the bars of a Markdown row (``| 1 | 任务 | 市体育局 |``,
    empty cells kept, so that columns stay in place), else between the gaps of a text table."""
    if is_markdown_row(raw_line):
        inner = raw_line.strip()
        inner = inner[1:] if inner.startswith("|") else inner
        inner = inner[:-1] if inner.endswith("|") else inner
        return [(strip_markup(c.strip()) or ("",))[0].strip() for c in inner.split("|")]
    return text_cells(plain)


def _next_cells(parts: list[str], at: int, count: int = 2) -> list[list[str]]:
    """The cells of the ``count`` non-blank raw lines after line ``at`` (a text table's first rows)."""
    found: list[list[str]] = []
    for part in parts[at + 1:]:
        plain = strip_markup(part.rstrip("\r"))
        if plain is not None and plain[0].strip():
            found.append(text_cells(plain[0]))
            if len(found) == count:
                break
    return found


def _clean_lines(raw: str) -> list[Line]:
    """Split ``raw`` into cleaned, non-empty lines; drop page marks, trailers, repeated letterheads;
    write a text table's rows as tasks (``_row_line``)."""
    lines: list[Line] = []
    stack: list[bool] = []
    seen_spaced: set[str] = set()
    seen: set[str] = set()
    header: list[str] | None = None  # the header of the text table being read
    values = False  # whether that header is one of values (a 专栏 of figures, a table of standards)
    unit = ""  # the unit a title line gives all of that table's figures (建设任务（单位：万亩）)
    pos = 0
    blank = False
    parts = raw.split("\n")
    for at, part in enumerate(parts):
        body = part[:-1] if part.endswith("\r") else part
        plain = strip_markup(body)
        start = pos
        line = _fold_line(plain[0], pos, plain[1]) if plain is not None else None
        pos += len(part) + 1
        if line is None:
            continue
        text = line.text
        if header is not None and values:
            cells = text_cells(plain[0])
            if len(cells) == len(header) and not is_markdown_row(body):
                row = _row_line(cells, header, start, start + len(body), unit=unit)
                row.after_blank, blank = blank, False
                lines.append(row)
                continue
            header, values = None, False
        if header is not None:
            cells = _cells(body, plain[0])
            if not text or _PAGE_MARK.match(text) or text in seen or DOC_NUMBER.fullmatch(text):
                continue  # a page break inside the table: its mark, a running header (a 文号)
            if len(cells) >= 2 and not is_responsibility_header(cells):
                row = _row_line(cells, header, start, start + len(body))
                _restore_punct(row, [], line_start_numbering=True)
                row.after_blank, blank = blank, False
                lines.append(row)
                continue
            header = None
        if not text:
            blank = True
            continue
        seen.add(text)
        cells = _cells(body, plain[0])
        if is_responsibility_header(cells):
            header = cells  # 序号  工作任务  牵头单位  配合单位  完成时限: the rows below are tasks
            continue
        if not is_markdown_row(body) and is_value_header(text_cells(plain[0]), _next_cells(parts, at)):
            header, values = text_cells(plain[0]), True  # 县（区）  河道综合治理（公里）  …: labelled lines below
            unit = m.group(1) if lines and (m := UNIT_NOTE.search(lines[-1].text)) else ""  # (建设任务（单位：万亩）)
            continue
        line.after_blank, blank = blank, False
        if _PAGE_MARK.match(text):
            continue
        if line.spaced_out:
            if text in seen_spaced:
                continue  # letterhead repeated by the extraction
            seen_spaced.add(text)
        _restore_punct(line, stack, line_start_numbering=True)
        text = line.text
        if _TRAILER.search(text) or is_chrome(text):
            continue
        lines.append(line)
    return lines


# ---------------------------------------------------------------- the whole text
def normalize(raw: str) -> Normalized:
    """Normalize raw document text and keep the offset map back to ``raw``.

    Args:
        raw: Raw text as read from the file (any line endings).

    Returns:
        ``Normalized`` text with one paragraph per line and ``raw_offset`` for citations.
    """
    if not isinstance(raw, str):
        raise ValueError(f"normalize expects str, got {type(raw).__name__}")
    lines = _clean_lines(raw)
    rows = [line.text for line in lines if line.table_row]
    chars, offsets = join_lines(lines)
    text = "".join(chars)
    spans, pos, todo = [], 0, list(reversed(rows))
    for part in text.split("\n"):  # a row is a paragraph of its own (``join_lines``)
        if todo and part == todo[-1]:
            spans.append((pos, pos + len(part)))
            todo.pop()
        pos += len(part) + 1
    return Normalized(text, tuple(offsets), tuple(spans))


def normalize_text(raw: str) -> str:
    """``normalize(raw).text``; the form clause texts are compared in."""
    return normalize(raw).text


def normalize_query(text: str) -> str:
    """Normalize a question or search text: width folding, Chinese punctuation, one space.

    Lines are never dropped or joined as in documents; line breaks become spaces.

    Args:
        text: Question text as typed.

    Returns:
        The cleaned single-line text.
    """
    if not isinstance(text, str):
        raise ValueError(f"normalize_query expects str, got {type(text).__name__}")
    line = _fold_line(" ".join(text.splitlines()), 0)
    _restore_punct(line, [], line_start_numbering=False)
    return line.text
