"""OCR of scanned PDF pages: reading order, offline models, what happens without the ``ocr`` extra.

The end-to-end ingestion of a scanned plan is in ``test_formats``; here the OCR module's parts.
"""

from __future__ import annotations

import difflib
import socket
import sys
from pathlib import Path

import pytest
from format_files import page_image, scanned_pdf
from test_loaders import write_pdf

from rag.ingest import ocr
from rag.ingest.loaders import load_text

PAGE = [
    "某市充电基础设施建设实施方案",
    "一、重点任务",
    "（一）加快公共充电设施建设。到2025年，全市建成公共充电桩2000台。（牵头单位：市发展改革委；责任单位：市住房城乡建设局）",
]


def test_reading_order_groups_pieces_by_line_despite_skew():
    # Two lines, each found as two pieces; the scan is skewed so the right pieces sit lower.
    boxes = [
        ((400, 112, 700, 140), "到2025年建成。"),
        ((100, 100, 380, 128), "（一）加快建设"),
        ((100, 150, 380, 178), "（牵头单位："),
        ((385, 161, 700, 189), "市发展改革委）"),
        ((900, 105, 1000, 133), "附表"),  # a cell far to the right: an ideographic space before it
    ]
    assert ocr.reading_order(boxes) == ["（一）加快建设到2025年建成。　附表", "（牵头单位：市发展改革委）"]
    assert ocr.reading_order([]) == []


def test_doc_number_brackets_misread_by_ocr_are_put_back():
    """PP-OCR reads 〔〕 as 【】 or 〔】 (seen on rendered 文号); the engine's output is given here."""

    def engine(image):
        pieces = [("鲁政字【2023】236号", 0), ("某政办字〔2024】12号", 1), ("见附件【1】。", 2), ("（鲁政发[2022]5", 3), ("号）", 4)]
        return [[[[0, 40 * i], [500, 40 * i], [500, 40 * i + 30], [0, 40 * i + 30]], t, 0.99] for t, i in pieces], None

    assert ocr.ocr_lines(None, engine) == ["鲁政字〔2023〕236号", "某政办字〔2024〕12号", "见附件【1】。", "（鲁政发〔2022〕5", "号）"]


@pytest.mark.slow
def test_ocr_reads_a_rendered_page_offline(monkeypatch: pytest.MonkeyPatch):
    """The engine loads its models from the wheel: with every socket connect refused, it still reads."""

    def no_network(*args, **kwargs):
        raise AssertionError("OCR tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket.socket, "connect_ex", no_network)
    ocr.ocr_engine.cache_clear()  # load the models inside the guard
    try:
        lines = ocr.ocr_lines(page_image(PAGE))
    finally:
        ocr.ocr_engine.cache_clear()
    got, want = "".join(lines), "".join(PAGE)
    assert lines[0] == PAGE[0] and lines[1] == PAGE[1]
    assert difflib.SequenceMatcher(None, got, want).ratio() > 0.97, got
    assert "（牵头单位：市发展改革委；责任单位：市住房城乡建设局）" in got


@pytest.fixture()
def without_ocr_extra(monkeypatch: pytest.MonkeyPatch):
    """As if ``policyqa[ocr]`` were not installed: importing rapidocr fails."""
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    ocr.ocr_engine.cache_clear()
    yield
    ocr.ocr_engine.cache_clear()


def test_a_scan_without_the_ocr_extra_names_the_install_line(tmp_path: Path, without_ocr_extra):
    path = scanned_pdf(tmp_path / "scan.pdf", PAGE)
    with pytest.raises(ValueError, match=r"scan\.pdf: .*1 page\(s\) are scanned images.*pip install 'policyqa\[ocr\]'"):
        load_text(path)
    with pytest.raises(ImportError, match=r"pip install 'policyqa\[ocr\]'"):
        ocr.ocr_engine()


def test_a_blank_page_needs_no_ocr(tmp_path: Path, without_ocr_extra):
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(write_pdf(tmp_path / "text.pdf", PAGE)))
    writer.add_blank_page()
    writer.write(tmp_path / "with-blank.pdf")
    assert "一、重点任务" in load_text(tmp_path / "with-blank.pdf")


def test_too_many_pages_to_ocr_are_refused(tmp_path: Path):
    from pypdf import PdfReader, PdfWriter

    path = scanned_pdf(tmp_path / "scan.pdf", PAGE)
    writer = PdfWriter()
    for _ in range(3):
        writer.append(str(path))
    writer.write(tmp_path / "three.pdf")
    with pytest.raises(ValueError, match="3 pages have no text layer .* over the limit of 2 pages"):
        ocr.pdf_page_texts(tmp_path / "three.pdf", PdfReader(tmp_path / "three.pdf"), max_ocr_pages=2)
