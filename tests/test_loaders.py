"""Loaders: txt / md / docx / pdf / html via libraries; one clear ValueError for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.ingest.loaders import load_text

PLAN = ["某市人民政府关于印发充电设施建设方案的通知", "一、重点任务", "（一）加快建设充电桩。到2025年建成2.5万台。（牵头单位：市发展改革委）"]


def write_docx(path: Path, lines: list[str], table: list[tuple[str, str]] | None = None) -> Path:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    if table:
        grid = document.add_table(rows=len(table), cols=2)
        for row, (a, b) in zip(grid.rows, table, strict=True):
            row.cells[0].text, row.cells[1].text = a, b
    document.save(str(path))
    return path


def write_pdf(path: Path, lines: list[str]) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 11)
    y = 800
    for line in lines:
        c.drawString(40, y, line)
        y -= 18
    c.showPage()
    c.save()
    return path


def test_txt_md_and_gb18030(tmp_path: Path):
    (tmp_path / "a.txt").write_text("\ufeff一、总则\n正文。", encoding="utf-8")
    assert load_text(tmp_path / "a.txt") == "一、总则\n正文。"
    (tmp_path / "b.md").write_text("# 标题\n正文。", encoding="utf-8")
    assert load_text(tmp_path / "b.md").startswith("# 标题")
    (tmp_path / "c.txt").write_bytes("一、总则\n正文。".encode("gb18030"))
    assert load_text(tmp_path / "c.txt") == "一、总则\n正文。"


def test_docx_keeps_paragraphs_and_table_rows(tmp_path: Path):
    path = write_docx(tmp_path / "plan.docx", PLAN, table=[("济南", "发展纯电动乘用车。"), ("青岛", "发展氢燃料电池。")])
    text = load_text(path)
    assert [line for line in text.splitlines() if line][:3] == PLAN  # one block per paragraph
    assert "济南：发展纯电动乘用车。" in text and "青岛：发展氢燃料电池。" in text


def test_pdf_text(tmp_path: Path):
    text = load_text(write_pdf(tmp_path / "plan.pdf", PLAN))
    assert "一、重点任务" in text and "2.5万台" in text and "牵头单位：市发展改革委" in text


def test_html_drops_scripts(tmp_path: Path):
    (tmp_path / "p.html").write_text(
        "<html><head><title>t</title><script>var x=1;</script></head><body><h1>一、总则</h1><p>正文。</p></body></html>",
        encoding="utf-8",
    )
    text = load_text(tmp_path / "p.html")
    assert "一、总则" in text and "正文。" in text and "var x" not in text


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.xlsx", b"PK", "unsupported file type"),
        ("empty.txt", b"", "empty"),
        ("bin.txt", b"\x00\x01\x02abc", "binary"),
        ("bad.pdf", b"%PDF-1.4 this is not a pdf", "unreadable PDF"),
        ("bad.docx", b"not a zip", r"cannot read \.docx"),
        ("blank.txt", b"   \n\n", "no text"),
    ],
)
def test_bad_files_raise_one_clear_error(tmp_path: Path, name: str, data: bytes, message: str):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ValueError, match=message) as err:
        load_text(path)
    assert name in str(err.value)


def test_missing_file(tmp_path: Path):
    with pytest.raises(ValueError, match="no such file"):
        load_text(tmp_path / "missing.txt")
