"""The formats governments publish, end to end: a scanned PDF (OCR), .doc and .wps (LibreOffice),
.ofd (ofdkit). Each file is generated here from text, ingested into a copy of the corpus with
``ingest_files``, and its clauses and duties (牵头单位 / 责任单位) checked; a corrupt or encrypted
file of each kind is refused with one ``ValueError`` and the corpus stays as it was.

About .wps: WPS Office writes .wps in Word 97's binary layout, and LibreOffice's type detection
lists ``doc wps`` for its MS Word 97 filter; the .wps here is a Word 97 file saved by LibreOffice
under that name. That is the path a WPS Office file takes; a file from WPS Office itself could
not be made on this machine, and Microsoft Works .wps (a different format, libwps) is not tested.
"""

from __future__ import annotations

import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from format_files import (
    docx_with_table,
    encrypted_word97,
    page_image,
    scanned_pdf,
    word97,
    write_ofd,
)
from test_ingest import snapshot
from test_loaders import write_docx, write_pdf

from rag.ingest.add import ingest_files
from rag.ingest.chunk import chunk_document
from rag.ingest.corpus import load_manifest
from rag.ingest.formats import converted_to_docx
from rag.ingest.loaders import SUPPORTED_SUFFIXES, load_text

SCAN_PLAN = [
    "某市新能源汽车充电基础设施建设实施方案",
    "某政办字〔2024〕12号",
    "一、重点任务",
    "（一）加快公共充电设施建设。到2025年，全市建成公共充电桩2000台，实现乡镇全覆盖。"
    "（牵头单位：市发展改革委；责任单位：市住房城乡建设局、市交通运输局）",
    "（二）推进居住社区充电设施建设。新建住宅小区停车位全部预留充电安装条件。"
    "（牵头单位：市住房城乡建设局；责任单位：各县区人民政府）",
    "二、保障措施",
    "（一）加大资金支持。对新建公共充电桩按每千瓦200元给予建设补贴。（牵头单位：市财政局；责任单位：市发展改革委）",
]
SCAN_DUTIES = {
    "一/一": (("市发展改革委",), ("市住房城乡建设局", "市交通运输局")),
    "一/二": (("市住房城乡建设局",), ("各县区人民政府",)),
    "二/一": (("市财政局",), ("市发展改革委",)),
}
WORD_PLAN = [
    "某县人民政府关于印发某县加氢站建设工作方案的通知",
    "某政发〔2024〕3号",
    "某县加氢站建设工作方案",
    "一、工作任务",
    "（一）建设加氢站。到2026年建成加氢站2座。（牵头单位：县发展改革局；责任单位：县应急管理局、县市场监管局）",
    "（二）推广燃料电池汽车。（牵头单位：县工业和信息化局）",
]
OFD_PLAN = [
    "某区充电设施运营管理办法",
    "第一章 总则",
    "第一条 为规范充电设施运营管理，制定本办法。",
    "第二章 职责分工",
    "第二条 区商务局负责统筹充电设施运营监管。（牵头单位：区商务局；责任单位：区市场监管局、区城管局）",
    "第三条 加强充电设施安全检查，每季度至少检查1次。（牵头单位：区应急管理局；责任单位：区消防救援大队）",
]


def duties(corpus_dir: Path, doc_id: str) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """``{clause labels: (lead, support)}`` of one ingested document, read back from the corpus."""
    (file,) = [f for f in load_manifest(corpus_dir) if f.document.id == doc_id]
    clauses = chunk_document(file.document, file.read_text())
    return {c.id.split(":", 1)[1]: (c.lead, c.support) for c in clauses}


def refused(paths: list[Path], corpus_dir: Path, message: str) -> None:
    """Each file is refused by ``ingest_files`` with one line naming it, and nothing changes."""
    before = snapshot(corpus_dir)
    for path in paths:
        with pytest.raises(ValueError, match=message) as err:
            ingest_files([path], corpus_dir)
        assert path.name in str(err.value) and "\n" not in str(err.value), str(err.value)
        assert snapshot(corpus_dir) == before


def test_the_new_suffixes_are_supported():
    assert {".doc", ".wps", ".ofd"} <= set(SUPPORTED_SUFFIXES)


# ----------------------------------------------------------------------- scanned PDF (OCR)
@pytest.mark.slow
def test_scanned_pdf_is_read_by_ocr(corpus_dir: Path, tmp_path: Path):
    from pypdf import PdfReader

    path = scanned_pdf(tmp_path / "scan-plan.pdf", SCAN_PLAN)
    assert not "".join(p.extract_text() or "" for p in PdfReader(path).pages).strip()  # image only
    (doc,) = ingest_files([path], corpus_dir, level="city", region="某市")
    assert (doc.title, doc.number) == ("某市新能源汽车充电基础设施建设实施方案", "某政办字〔2024〕12号")
    got = duties(corpus_dir, doc.id)
    for labels, expected in SCAN_DUTIES.items():
        assert got[labels] == expected, (labels, got)
    (file,) = [f for f in load_manifest(corpus_dir) if f.document.id == doc.id]
    (first,) = [c for c in chunk_document(file.document, file.read_text()) if c.id.endswith(":一/一")]
    assert [(t.value, t.unit, t.year) for t in first.targets] == [(2000.0, "台", 2025)]


@pytest.mark.slow
def test_a_pdf_with_text_and_scanned_pages_keeps_both_in_order(tmp_path: Path):
    from pypdf import PdfWriter

    text_page = write_pdf(tmp_path / "text.pdf", SCAN_PLAN[:2] + ["（一）文字页条款。（牵头单位：市文字局）"])
    scan = scanned_pdf(tmp_path / "scan.pdf", ["二、扫描页", "（一）扫描页条款。（牵头单位：市扫描局）"])
    writer = PdfWriter()
    writer.append(str(text_page))
    writer.append(str(scan))
    writer.write(tmp_path / "mixed.pdf")
    text = load_text(tmp_path / "mixed.pdf")
    assert text.index("市文字局") < text.index("二、扫描页") < text.index("市扫描局")


@pytest.mark.slow
def test_corrupt_or_encrypted_scanned_pdfs_are_refused(corpus_dir: Path, tmp_path: Path):
    from pypdf import PdfWriter

    good = scanned_pdf(tmp_path / "good.pdf", SCAN_PLAN)
    writer = PdfWriter(clone_from=str(good))
    writer.encrypt(user_password="secret", owner_password="owner")
    writer.write(tmp_path / "locked-scan.pdf")
    refused([tmp_path / "locked-scan.pdf"], corpus_dir, "the PDF is encrypted")
    data = good.read_bytes()
    start = data.index(b"stream\n") + len(b"stream\n")
    end = data.index(b"endstream", start)
    damaged = tmp_path / "damaged-scan.pdf"  # the scan's JPEG data zeroed: the page reads as nothing
    damaged.write_bytes(data[:start] + bytes(end - start) + data[end:])
    refused([damaged], corpus_dir, "no text could be extracted")
    truncated = tmp_path / "truncated-scan.pdf"
    truncated.write_bytes(data[: len(data) // 2])
    refused([truncated], corpus_dir, "unreadable PDF")


# ----------------------------------------------------------------------- .doc / .wps (LibreOffice)
@pytest.mark.slow
def test_doc_and_wps_are_read_through_libreoffice(corpus_dir: Path, tmp_path: Path):
    profile = tmp_path / "lo-profile"
    docx = docx_with_table(tmp_path / "plan.docx", WORD_PLAN[:5], [("专栏1 县城", "建设加氢站1座。"),
                           ("工业园区", "建设加氢站1座。")], WORD_PLAN[5:])
    doc = word97(docx, tmp_path / "county-plan.doc", profile)
    assert doc.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a real OLE2 Word 97 file
    (added,) = ingest_files([doc], corpus_dir)
    assert (added.id, added.number, added.level, added.region) == ("county-plan", "某政发〔2024〕3号", "county", "某县")
    got = duties(corpus_dir, "county-plan")
    assert got["一/一"] == (("县发展改革局",), ("县应急管理局", "县市场监管局"))
    assert got["一/二"] == (("县工业和信息化局",), ())
    stored = (corpus_dir / "county-plan.txt").read_text(encoding="utf-8")
    assert "专栏1 县城：建设加氢站1座。\n\n工业园区：建设加氢站1座。" in stored  # table rows as blocks, via the .docx reader
    wps_source = write_docx(tmp_path / "wps.docx", [line.replace("加氢站", "换电站") for line in WORD_PLAN])
    wps = word97(wps_source, tmp_path / "swap-plan.wps", profile)
    (added,) = ingest_files([wps], corpus_dir)
    assert duties(corpus_dir, added.id)["一/一"] == (("县发展改革局",), ("县应急管理局", "县市场监管局"))
    assert "换电站" in (corpus_dir / "swap-plan.txt").read_text(encoding="utf-8")


@pytest.mark.slow
def test_corrupt_or_encrypted_doc_and_wps_are_refused(corpus_dir: Path, tmp_path: Path):
    profile = tmp_path / "lo-profile"
    docx = write_docx(tmp_path / "plan.docx", WORD_PLAN)
    good = word97(docx, tmp_path / "good.doc", profile)
    locked = encrypted_word97(docx, tmp_path / "locked.doc", profile)
    shutil.copyfile(locked, tmp_path / "locked.wps")
    refused([locked, tmp_path / "locked.wps"], corpus_dir, "encrypted")
    data = good.read_bytes()
    for suffix in (".doc", ".wps"):
        (tmp_path / f"truncated{suffix}").write_bytes(data[: len(data) // 2])
        (tmp_path / f"random{suffix}").write_bytes(bytes(range(256)) * 40)
    refused([tmp_path / "truncated.doc", tmp_path / "truncated.wps"], corpus_dir, "corrupt")
    refused([tmp_path / "random.doc", tmp_path / "random.wps"], corpus_dir, "binary")
    # The OLE2 container intact but the WordDocument stream overwritten: only LibreOffice can tell.
    import olefile

    hollow = tmp_path / "hollow.doc"
    shutil.copyfile(good, hollow)
    with olefile.OleFileIO(str(hollow), write_mode=True) as ole:
        size = ole.get_size("WordDocument")
        ole.write_stream("WordDocument", bytes(size))
    refused([hollow], corpus_dir, "LibreOffice could not open the file")


def test_without_libreoffice_doc_is_refused_naming_the_package(corpus_dir: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "plan.doc"
    path.write_text("{\\rtf1 一、总则}", encoding="utf-8")  # Word also saves RTF under .doc
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    refused([path], corpus_dir, "needs LibreOffice.*apt-get install libreoffice-writer-nogui")


@pytest.mark.slow
def test_a_libreoffice_timeout_kills_the_conversion(tmp_path: Path):
    import psutil

    path = write_docx(tmp_path / "plan.docx", WORD_PLAN)
    doc = word97(path, tmp_path / "plan.doc", tmp_path / "lo-profile")
    with pytest.raises(ValueError, match=r"plan\.doc: LibreOffice did not finish .* within 0\.05 s"):
        with converted_to_docx(doc, timeout=0.05):
            pass

    def leftovers() -> list:
        return [p for p in psutil.process_iter(["cmdline", "status"]) if p.info["status"] != psutil.STATUS_ZOMBIE
                and any("policyqa-soffice-" in part for part in (p.info["cmdline"] or []))]

    for _ in range(50):  # SIGKILL is delivered at once; give the kernel a moment to reap soffice.bin
        if not leftovers():
            break
        time.sleep(0.1)
    assert not leftovers(), leftovers()


# ----------------------------------------------------------------------- .ofd
def test_ofd_is_read_in_reading_order(corpus_dir: Path, tmp_path: Path):
    path = write_ofd(tmp_path / "district-rules.ofd", OFD_PLAN, letterhead="某区人民政府办公室", per_char_line=4)
    text = load_text(path)
    assert text.startswith("某区人民政府办公室")  # the template page's letterhead, above the body
    assert "第二条 区商务局负责统筹充电设施运营监管。" in text.replace("\n", "")
    (doc,) = ingest_files([path], corpus_dir, level="county", region="某区")
    got = duties(corpus_dir, doc.id)
    assert got["第二章/第二条"] == (("区商务局",), ("区市场监管局", "区城管局"))
    assert got["第二章/第三条"] == (("区应急管理局",), ("区消防救援大队",))


def test_corrupt_or_encrypted_ofd_is_refused(corpus_dir: Path, tmp_path: Path):
    good = write_ofd(tmp_path / "good.ofd", OFD_PLAN)
    data = good.read_bytes()
    (tmp_path / "truncated.ofd").write_bytes(data[: len(data) // 2])
    refused([tmp_path / "truncated.ofd"], corpus_dir, "not a zip archive")
    with zipfile.ZipFile(tmp_path / "no-root.ofd", "w") as archive:
        archive.writestr("Doc_0/Document.xml", "<Document/>")
    refused([tmp_path / "no-root.ofd"], corpus_dir, "OFD.xml is missing")
    broken = tmp_path / "broken-page.ofd"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            dst.writestr(info.filename, body[: len(body) // 2] if info.filename.endswith("Page_0/Content.xml") else body)
    refused([broken], corpus_dir, r"cannot read \.ofd file")
    # A password-protected zip, made by Info-ZIP's zip as a user would.
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(good) as archive:
        archive.extractall(unpacked)
    subprocess.run(["zip", "-q", "-r", "-e", "-P", "secret", str(tmp_path / "zip-locked.ofd"), "."],
                   cwd=unpacked, check=True, timeout=60)
    refused([tmp_path / "zip-locked.ofd"], corpus_dir, "encrypted")
    # GM/T 0099 encryption: Encryptions.xml named from OFD.xml, the page replaced by ciphertext.
    sealed = tmp_path / "gm-locked.ofd"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(sealed, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "OFD.xml":
                body = body.replace(b"</ofd:OFD>", b"<ofd:Encryptions>Encryptions.xml</ofd:Encryptions></ofd:OFD>")
            dst.writestr(info.filename, body)
        dst.writestr("Encryptions.xml", '<ofd:Encryptions xmlns:ofd="http://www.ofdspec.org/2016"/>')
    refused([sealed], corpus_dir, "encrypted")


def test_an_ofd_zip_bomb_is_refused_unopened(corpus_dir: Path, tmp_path: Path):
    bomb = tmp_path / "bomb.ofd"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OFD.xml", b"<ofd:OFD/>")
        archive.writestr("Doc_0/Res/padding.bin", bytes(64 << 20))
    refused([bomb], corpus_dir, "zip bomb")


# ----------------------------------------------------------------------- the page image itself
def test_the_generated_scan_has_the_text_drawn(tmp_path: Path):
    """Guards the OCR tests: the page image is not blank and the font is the CJK one."""
    image = page_image(SCAN_PLAN)
    dark = sum(1 for px in image.getdata() if px < 128)
    assert 0.01 < dark / (image.width * image.height) < 0.2
