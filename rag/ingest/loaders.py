"""Files → raw text: .txt / .md as they are, .docx (python-docx), .pdf (pypdf), .html (BeautifulSoup).

The result is raw text for ``rag.ingest.normalize``; nothing here cleans Chinese typography. Every
failure — an unsupported suffix, an empty, binary, encrypted or unreadable file — is one
``ValueError`` whose message names the file and the problem.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from rag.ingest.formats import LIBREOFFICE_SUFFIXES, OFD_SUFFIXES, converted_to_docx, ofd_text
from rag.ingest.numbering import cn_numeral, numbering_of
from rag.ingest.ocr import pdf_page_texts
from rag.ingest.safety import DEFAULT_MAX_BYTES, check_file
from rag.ingest.tables import table_lines

TEXT_SUFFIXES = (".txt", ".md")
SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm", *LIBREOFFICE_SUFFIXES, *OFD_SUFFIXES)
_ENCODINGS = ("utf-8-sig", "gb18030")


def decode_text(data: bytes, name: str = "file") -> str:
    """Decode a plain-text file: UTF-8 (with or without BOM), else GB18030.

    Args:
        data: File bytes.
        name: Name used in error messages.

    Returns:
        The decoded text.

    Raises:
        ValueError: The bytes hold NUL characters (binary) or decode in neither encoding.
    """
    if b"\x00" in data:
        raise ValueError(f"{name}: looks like a binary file (NUL bytes), not text")
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError(f"{name}: not valid UTF-8 or GB18030 text")


def _docx_text(path: Path) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    lines: list[str] = []
    headings: list[tuple[int, int]] = []  # (line, level) of headings Word numbers nothing of
    labels = _WordNumbering(document)
    # Walk the body in order so tables (专栏 boxes, 附件 task tables) stay where they were; every
    # paragraph and table row is its own block, separated by a blank line.
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(element, document)
            text = paragraph.text
            if not text.strip():
                continue
            label = labels.label(paragraph)
            level = _heading_level(paragraph)
            if label and not numbering_of(text.lstrip()):
                text = f"{label}{text.lstrip()}"
            elif level is not None and not numbering_of(text.lstrip()):
                headings.append((len(lines), level))
            lines.append(text)
        elif tag == "tbl":
            lines.extend(table_lines([[c.text for c in row.cells] for row in Table(element, document).rows]))
    for at, label in _heading_labels(headings).items():
        lines[at] = f"{label}{lines[at].lstrip()}"
    return "\n\n".join(line for line in lines if line.strip())


_HEADING_STYLE = re.compile(r"^(?:Heading|标题)\s*(\d)$")


def _heading_level(paragraph) -> int | None:
    """The outline level of a paragraph in a Word heading style (Heading 2, 标题 2), else None."""
    m = _HEADING_STYLE.match(paragraph.style.name or "") if paragraph.style is not None else None
    return int(m.group(1)) if m else None


def _heading_labels(headings: list[tuple[int, int]]) -> dict[int, str]:
    """Labels for headings a .docx sets apart by style alone (支持对象和条件 in Heading 2, no number):
    the top level used is numbered 一、二、…, the next （一）（二）…, the next 1．2．…, as a typed
    outline would be, so that the chunker sees the sections the reader sees. A single heading
    above all the others (the document's title in Heading 1) is no section and stays as it is."""
    if headings and sum(1 for _, lv in headings if lv == headings[0][1]) == 1 \
            and all(lv > headings[0][1] for _, lv in headings[1:]):
        headings = headings[1:]
    levels = sorted({lv for _, lv in headings})[:3]
    counts = dict.fromkeys(levels, 0)
    out: dict[int, str] = {}
    for at, lv in headings:
        if lv not in counts:
            continue
        counts[lv] += 1
        for deeper in levels[levels.index(lv) + 1:]:
            counts[deeper] = 0
        n = counts[lv]
        out[at] = (f"{cn_numeral(n)}、", f"（{cn_numeral(n)}）", f"{n}．")[levels.index(lv)]
    return out


class _WordNumbering:
    """The numbers Word draws before numbered paragraphs (a ``List Number`` style, or a list the
    author numbered), which are not in the paragraph's text: each list counts on its own, a level
    restarting when one above it goes on, and the label is written as the level's ``lvlText``
    says (``%1.`` → 1., ``（%1）`` → （1）, a Chinese count → 一、). Bullets get no label."""

    def __init__(self, document) -> None:
        from docx.oxml.ns import qn

        self._qn = qn
        self._counts: dict[tuple[str, int], int] = {}
        self._formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in numbering.findall(qn("w:abstractNum"))}
        for num in numbering.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            definition = abstract.get(ref.get(qn("w:val"))) if ref is not None else None
            if definition is None:
                continue
            for lvl in definition.findall(qn("w:lvl")):
                fmt, text, start = lvl.find(qn("w:numFmt")), lvl.find(qn("w:lvlText")), lvl.find(qn("w:start"))
                self._formats[(num.get(qn("w:numId")), int(lvl.get(qn("w:ilvl")) or 0))] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    text.get(qn("w:val")) if text is not None else "%1.",
                    int(start.get(qn("w:val"))) if start is not None else 1)

    def _num_pr(self, paragraph) -> tuple[str, int] | None:
        qn = self._qn
        found = paragraph._p.pPr.find(qn("w:numPr")) if paragraph._p.pPr is not None else None
        style = paragraph.style
        while found is None and style is not None:
            ppr = style.element.find(qn("w:pPr"))
            found = ppr.find(qn("w:numPr")) if ppr is not None else None
            style = style.base_style
        if found is None or found.find(qn("w:numId")) is None:
            return None
        ilvl = found.find(qn("w:ilvl"))
        return found.find(qn("w:numId")).get(qn("w:val")), int(ilvl.get(qn("w:val"))) if ilvl is not None else 0

    def label(self, paragraph) -> str:
        """The number Word shows before ``paragraph``, or "" (none, a bullet, a format not known)."""
        key = self._num_pr(paragraph)
        if key is None or key not in self._formats:
            return ""
        fmt, text, start = self._formats[key]
        if fmt not in ("decimal", "decimalFullWidth", "chineseCounting", "chineseCountingThousand", "ideographTraditional",
                       "decimalEnclosedParen", "decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
            return ""
        num_id, ilvl = key
        self._counts[key] = self._counts.get(key, start - 1) + 1
        for deeper in [k for k in self._counts if k[0] == num_id and k[1] > ilvl]:
            del self._counts[deeper]
        n = self._counts[key]
        shown = cn_numeral(n) if fmt.startswith("chinese") else "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10] \
            if fmt == "ideographTraditional" else chr(0x245F + n) if "Circle" in fmt and n <= 20 else str(n)
        label = re.sub(r"%\d", shown, text, count=1)
        label = re.sub(r"%\d", "", label)
        return label if label.strip() else ""


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValueError(f"{path.name}: the PDF is encrypted")
        return "\n".join(pdf_page_texts(path, reader))  # scanned pages OCR'd (rag.ingest.ocr)
    except PdfReadError as exc:
        raise ValueError(f"{path.name}: unreadable PDF ({exc})") from exc


# Elements that start a new block of text; everything else (span, a, font, b …) flows inline.
_BLOCKS = frozenset("""
    address article aside blockquote center dd div dl dt fieldset figcaption figure footer form h1 h2 h3
    h4 h5 h6 header hr li main ol p pre section table td th tr ul
    """.split())


def _html_rows(table) -> list[list[str]]:
    """A table's cell texts row by row, spanned cells repeated where they span (rowspan/colspan)."""
    rows: list[list[str]] = []
    pending: dict[int, tuple[str, int]] = {}  # column -> (text, rows still covered)
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        row: list[str] = []
        cells = iter(tr.find_all(["td", "th"], recursive=False))
        col = 0
        while True:
            if col in pending:
                text, left = pending[col]
                row.append(text)
                pending[col] = (text, left - 1)
                if left <= 1:
                    del pending[col]
                col += 1
                continue
            cell = next(cells, None)
            if cell is None:
                break
            text = cell.get_text(" ", strip=True)
            span = int(cell.get("colspan") or 1) if str(cell.get("colspan") or 1).isdigit() else 1
            down = int(cell.get("rowspan") or 1) if str(cell.get("rowspan") or 1).isdigit() else 1
            for _ in range(max(span, 1)):
                if down > 1:
                    pending[col] = (text, down - 1)
                row.append(text)
                col += 1
        rows.append(row)
    return rows


def _html_text(path: Path) -> str:
    """Visible text of a page, one line per block element (a paragraph, heading, list item or
    table row) with blank lines between blocks, so that short lines of a page (a title under a
    metadata list) are not joined as if a PDF had wrapped them."""
    from bs4 import BeautifulSoup, Comment, Doctype, NavigableString

    soup = BeautifulSoup(decode_text(path.read_bytes(), path.name), "html.parser")
    for tag in soup(["script", "style", "noscript", "head", "nav", "footer", "iframe", "svg"]):
        tag.decompose()
    for node in soup.find_all(string=lambda s: isinstance(s, Comment | Doctype)):
        node.extract()
    for text in soup.find_all(string=True):
        if not text.find_parent("pre"):
            text.replace_with(re.sub(r"\s+", " ", str(text)))
    # innermost tables first: a layout table holding others is read block by block
    for table in reversed(soup.find_all("table")):
        if table.find("table") is None:
            table.replace_with(NavigableString("\n\n" + "\n\n".join(table_lines(_html_rows(table))) + "\n\n"))
    for br in soup.find_all("br"):
        br.replace_with(NavigableString("\n"))
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before(NavigableString("\n\n"))
        tag.insert_after(NavigableString("\n\n"))
    lines = [line.strip() for line in soup.get_text("").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def load_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read a document file as raw text, refusing hostile files before a parser opens them.

    Args:
        path: A file with one of ``SUPPORTED_SUFFIXES`` (.doc / .wps / .ofd and scanned PDF pages
            through ``rag.ingest.formats`` and ``rag.ingest.ocr``).
        max_bytes: Largest file size accepted, in bytes (``rag.ingest.safety.check_file`` also refuses
            .docx zip bombs and binary files posing as text).

    Returns:
        The text, with line breaks between paragraphs.

    Raises:
        ValueError: Unsupported suffix, missing, empty, too large, binary, encrypted or unreadable
            file, a zip bomb, or no text.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        allowed = ", ".join(SUPPORTED_SUFFIXES)
        raise ValueError(f"{path.name}: unsupported file type {suffix or '(none)'!r}; allowed: {allowed}")
    if not path.is_file():
        raise ValueError(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise ValueError(f"{path.name}: the file is empty")
    check_file(path, max_bytes)
    try:
        if suffix in TEXT_SUFFIXES:
            text = decode_text(path.read_bytes(), path.name)
        elif suffix == ".docx":
            text = _docx_text(path)
        elif suffix == ".pdf":
            text = _pdf_text(path)
        elif suffix in LIBREOFFICE_SUFFIXES:  # .doc / .wps → .docx by LibreOffice (rag.ingest.formats)
            with converted_to_docx(path) as converted:
                text = _docx_text(converted)
        elif suffix in OFD_SUFFIXES:
            text = ofd_text(path)
        else:
            text = _html_text(path)
    except ValueError:
        raise
    except Exception as exc:  # a corrupt .docx/.pdf raises library-specific errors
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""  # one line, always
        raise ValueError(f"{path.name}: cannot read {suffix} file ({type(exc).__name__}: {first})") from exc
    if not text.strip():
        raise ValueError(f"{path.name}: no text could be extracted")
    _check_garbled(text, path.name)
    return text


def _check_garbled(text: str, name: str) -> None:
    """Refuse text full of control characters: a binary read as GB18030, or a corrupt PDF whose
    damaged font tables make pypdf emit junk instead of failing."""
    controls = sum(1 for ch in text if ch not in "\n\r\t\f\v" and unicodedata.category(ch) == "Cc")
    if "\x00" in text or controls > max(2, len(text) // 200):
        raise ValueError(f"{name}: the extracted text is garbled ({controls} control characters); "
                         "the file looks binary or corrupt")
