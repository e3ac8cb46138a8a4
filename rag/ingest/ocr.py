"""Scanned PDF pages → text, offline: render the page (pypdfium2), read it (RapidOCR).

Many government plans are published as scans: a PDF whose pages are images with no text layer.
``pdf_page_texts`` keeps pypdf's text for every page that has one and sends only the pages that
give nothing to OCR; the recognised lines, put in reading order, become that page's text and go
through the same normalizer as any PDF text (which joins the wrapped lines).

Both libraries are the optional extra ``policyqa[ocr]`` and are imported only when a page needs
them. ``rapidocr-onnxruntime`` ships its PP-OCRv4 ONNX models inside the wheel, so nothing is
downloaded at run time (its successor ``rapidocr`` fetches models on first use and would fail
offline). ``pypdfium2`` renders the page: PDFium (Chromium's renderer) in a wheel with no other
dependencies, under Apache-2.0 / BSD — PyMuPDF would do as well but is AGPL and larger.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path

INSTALL = "pip install 'policyqa[ocr]'  (rapidocr-onnxruntime, pypdfium2)"
# 200 dpi reads 4 mm (12 pt) characters well; RapidOCR shrinks anything above 2000 px anyway,
# and the cap keeps a page with a huge media box from allocating gigabytes of bitmap.
RENDER_DPI = 200
MAX_RENDER_SIDE = 2000
# OCR takes about 2 s a page on 2 cores; a 20 MB file of a thousand tiny image pages would
# otherwise hold an ingest (or an admin upload) for half an hour.
MAX_OCR_PAGES = 300
# PP-OCR reads the 六角括号 of a 文号 (鲁政字〔2023〕236号) as 【】, [] or one of each (〔2024】);
# on rendered pages it did so in most 文号. Only a four-digit year before …号 is touched, where
# 〔〕 is the only correct form; the chunker and ``detect_metadata`` know 文号 by it.
_DOC_NUMBER_BRACKETS = re.compile(r"[〔【\[［(（]((?:19|20)\d{2})[〕】\]］)）](?=\d{1,4}\n?号)")


def pdf_page_texts(path: Path, reader: object, max_ocr_pages: int = MAX_OCR_PAGES) -> list[str]:
    """The text of each page of an open PDF, OCR'd where the page has no text layer.

    Args:
        path: The PDF file (rendered again by PDFium for the pages that need OCR).
        reader: The ``pypdf.PdfReader`` already opened (and decrypted) on ``path``.
        max_ocr_pages: Most pages without a text layer that are OCR'd.

    Returns:
        One string per page. A page without text that holds no image either (a blank page) stays
        ``""`` when the OCR extra is missing.

    Raises:
        ValueError: More pages than ``max_ocr_pages`` need OCR, or PDFium cannot open the file.
        ImportError: A page with an image and no text needs OCR and the ``ocr`` extra is missing
            (the message has the install line).
    """
    pages = list(reader.pages)
    texts = [page.extract_text() or "" for page in pages]
    blank = [i for i, text in enumerate(texts) if not text.strip()]
    if not blank:
        return texts
    try:
        engine = ocr_engine()
        import pypdfium2  # noqa: F401 - fail here, before any work, when the renderer is missing
    except ImportError:
        scanned = sum(1 for i in blank if _has_images(pages[i]))
        if scanned:
            raise ImportError(f"{scanned} page(s) are scanned images with no text layer; reading "
                              f"them needs OCR: {INSTALL}") from None
        return texts  # only blank pages: nothing to read on them
    if len(blank) > max_ocr_pages:
        raise ValueError(f"{Path(path).name}: {len(blank)} pages have no text layer and would need OCR, "
                         f"over the limit of {max_ocr_pages} pages")
    for i, image in zip(blank, _render(path, blank), strict=True):
        texts[i] = "\n".join(ocr_lines(image, engine))
    return texts


@functools.lru_cache(maxsize=1)
def ocr_engine():
    """The RapidOCR engine (detector, direction classifier, recogniser), loaded once (~0.3 s).

    Returns:
        A ``rapidocr_onnxruntime.RapidOCR``; its ONNX sessions are safe to call from several threads.

    Raises:
        ImportError: ``rapidocr-onnxruntime`` is not installed (the message has the install line).
    """
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:
        raise ImportError(f"OCR of scanned pages needs rapidocr-onnxruntime: {INSTALL}") from exc
    return RapidOCR()


def ocr_lines(image, engine=None) -> list[str]:
    """Read the text lines of a page image, top to bottom and left to right.

    Args:
        image: A page as a numpy array (grey, or BGR as OpenCV orders it) or a PIL image.
        engine: A RapidOCR engine; ``ocr_engine()`` when ``None``.

    Returns:
        One string per visual line; pieces of one line found apart (a wide gap, a table row)
        are joined with an ideographic space; a 文号's brackets read as 【】 are put back as 〔〕.
        Empty when nothing is recognised.
    """
    engine = engine or ocr_engine()
    result, _ = engine(image)
    boxes = [(_box_bounds(points), text) for points, text, _score in (result or []) if text.strip()]
    page = "\n".join(reading_order(boxes))  # a 文号 may wrap before its 号
    return _DOC_NUMBER_BRACKETS.sub(r"〔\1〕", page).split("\n") if page else []


def reading_order(boxes: Sequence[tuple[tuple[float, float, float, float], str]]) -> list[str]:
    """Group recognised pieces into lines and lines into reading order.

    Two pieces are on one line when their vertical extents overlap by more than half the
    smaller height — robust to the slight skew of a scan, where a y-sort alone would interleave
    the pieces of neighbouring lines.

    Args:
        boxes: ``((left, top, right, bottom), text)`` per recognised piece, in pixels.

    Returns:
        The lines' texts from top to bottom.
    """
    rows: list[list[tuple[tuple[float, float, float, float], str]]] = []
    for box, text in sorted(boxes, key=lambda b: (b[0][1] + b[0][3]) / 2):
        row = rows[-1] if rows else None
        if row is not None:
            top = min(b[1] for b, _ in row)
            bottom = max(b[3] for b, _ in row)
            overlap = min(bottom, box[3]) - max(top, box[1])
            if overlap > 0.5 * min(bottom - top, box[3] - box[1]):
                row.append((box, text))
                continue
        rows.append([(box, text)])
    lines = []
    for row in rows:
        row.sort(key=lambda b: b[0][0])
        height = max(b[3] - b[1] for b, _ in row)
        line = row[0][1]
        for (prev, _), (box, text) in zip(row, row[1:], strict=False):
            # A gap wider than ~1.5 characters is a column or cell break, not a detector split.
            line += ("　" if box[0] - prev[2] > 1.5 * height else "") + text
        lines.append(line.strip())
    return lines


def _box_bounds(points) -> tuple[float, float, float, float]:
    xs = [float(p[0]) for p in points]
    ys = [float(p[1]) for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _has_images(page) -> bool:
    """Whether a pypdf page draws any image (listing them decodes nothing)."""
    try:
        return len(page.images) > 0
    except Exception:  # a damaged resource dictionary: assume a scan rather than drop the page
        return True


def _render(path: Path, indexes: list[int]):
    """Yield the given pages as grey numpy arrays, at most ``MAX_RENDER_SIDE`` pixels a side."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise ValueError(f"{Path(path).name}: PDFium cannot open the PDF to OCR it ({exc})") from exc
    try:
        for i in indexes:
            page = pdf[i]
            try:
                width, height = page.get_size()  # points
                scale = min(RENDER_DPI / 72, MAX_RENDER_SIDE / max(width, height, 1.0))
                bitmap = page.render(scale=scale, grayscale=True)
                yield bitmap.to_numpy().copy()
            finally:
                page.close()
    finally:
        pdf.close()
