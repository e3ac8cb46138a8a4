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
    # Walk the body in order so tables (专栏 boxes, 附件 task tables) stay where they were; every
    # paragraph and table row is its own block, separated by a blank line.
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(element, document).text)
        elif tag == "tbl":
            lines.extend(table_lines([[c.text for c in row.cells] for row in Table(element, document).rows]))
    return "\n\n".join(line for line in lines if line.strip())


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
