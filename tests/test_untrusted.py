"""Untrusted files: oversized, encrypted / corrupt PDFs, .docx zip bombs and binaries are refused
with one clear ``ValueError`` and the corpus stays byte-for-byte the same; stored names never
escape ``corpus/``. Every hostile file is generated here."""

from __future__ import annotations

import os
import random
import re
import zipfile
from pathlib import Path

import pytest
from test_ingest import NOTICE, snapshot
from test_loaders import PLAN, write_docx, write_pdf

from rag.ingest.add import ingest_files
from rag.ingest.loaders import load_text
from rag.ingest.safety import DEFAULT_MAX_BYTES, check_size, check_zip

GOOD_TEXT = "\n".join(NOTICE)


def _encrypted_pdf(folder: Path) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(write_pdf(folder / "plain.pdf", PLAN)))
    writer.encrypt(user_password="open-sesame", owner_password="owner")
    out = folder / "locked.pdf"
    with out.open("wb") as fh:
        writer.write(fh)
    return out


def _corrupt_pdfs(folder: Path) -> list[Path]:
    data = write_pdf(folder / "whole.pdf", PLAN).read_bytes()
    middle = len(data) // 2
    variants = {
        "truncated.pdf": data[:middle],
        "header-only.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 8,
        "scrambled.pdf": data[:300] + b"\xff" * 200 + data[500:],  # pypdf reads junk glyphs from it
    }
    for name, blob in variants.items():
        (folder / name).write_bytes(blob)
    return [folder / name for name in variants]


def _zip_bomb_docx(folder: Path, zeros: int = 64 * 1024 * 1024) -> Path:
    """A real .docx plus one member that inflates from ~64 KB to ``zeros`` bytes."""
    path = write_docx(folder / "bomb.docx", NOTICE)
    chunk = bytes(1 << 20)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("word/media/zeros.bin", "w", force_zip64=True) as member:
            for _ in range(zeros // len(chunk)):
                member.write(chunk)
    return path


def _binaries(folder: Path) -> list[Path]:
    rng = random.Random(8)
    noise = bytes(rng.randrange(1, 256) for _ in range(20_000))  # no NUL byte, not even GB18030
    ascii_noise = bytes(rng.randrange(1, 128) for _ in range(20_000))  # decodes, but as control junk
    files = {
        "program.txt": b"\x7fELF\x02\x01\x01\x00" + bytes(rng.randrange(256) for _ in range(4000)),
        "image.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
        "noise.txt": noise,
        "page.html": b"<html><body>" + noise + b"</body></html>",
        "dump.txt": ascii_noise,
        "page2.htm": b"<html><body>" + ascii_noise + b"</body></html>",
    }
    for name, blob in files.items():
        (folder / name).write_bytes(blob)
    return [folder / name for name in files]


def test_size_limit_is_a_parameter_with_a_20_mb_default(tmp_path: Path):
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024
    small = tmp_path / "plan.txt"
    small.write_text(GOOD_TEXT, encoding="utf-8")
    assert load_text(small)  # under both limits
    with pytest.raises(ValueError, match=r"over the limit of 100 bytes"):
        load_text(small, max_bytes=100)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:  # sparse: 21 MB on paper, nothing read before the refusal
        fh.truncate(DEFAULT_MAX_BYTES + 1024 * 1024)
    with pytest.raises(ValueError, match=r"huge\.txt: file is 22,020,096 bytes, over the limit"):
        load_text(huge)
    with pytest.raises(ValueError, match="max_bytes must be >= 1"):
        check_size(small, 0)


def test_encrypted_pdf_is_refused(tmp_path: Path):
    with pytest.raises(ValueError, match=r"locked\.pdf: the PDF is encrypted"):
        load_text(_encrypted_pdf(tmp_path))


def test_corrupt_pdfs_are_refused(tmp_path: Path):
    for path in _corrupt_pdfs(tmp_path):
        with pytest.raises(ValueError, match=rf"^{re.escape(path.name)}: (unreadable PDF|cannot read|the extracted text is garbled|no text)"):
            load_text(path)


def test_docx_zip_bomb_is_refused_before_python_docx_opens_it(tmp_path: Path):
    bomb = _zip_bomb_docx(tmp_path)
    assert bomb.stat().st_size < 1024 * 1024  # tiny on disk …
    with pytest.raises(ValueError, match=r"bomb\.docx: compression ratio \d+:1 is over the limit.*zip bomb"):
        load_text(bomb)
    normal = write_docx(tmp_path / "normal.docx", NOTICE)
    check_zip(normal)  # an ordinary .docx passes
    with pytest.raises(ValueError, match="unpacks to .* over the limit of 1,000"):
        check_zip(normal, max_uncompressed=1000)


def test_binary_files_are_refused_with_one_clear_error(tmp_path: Path):
    for path in _binaries(tmp_path):
        with pytest.raises(ValueError, match=rf"^{re.escape(path.name)}: .*(binary|garbled|not valid UTF-8 or GB18030)"):
            load_text(path)


def test_every_hostile_file_leaves_the_corpus_unchanged(corpus_dir: Path, tmp_path: Path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    hostile = [_encrypted_pdf(tmp_path), *_corrupt_pdfs(tmp_path), _zip_bomb_docx(tmp_path, 8 << 20),
               *_binaries(tmp_path)]
    before = snapshot(corpus_dir)
    for path in hostile:
        with pytest.raises(ValueError, match=re.escape(path.name)):
            ingest_files([good, path], corpus_dir)  # all or nothing: the good file is not added
        assert snapshot(corpus_dir) == before
    with pytest.raises(ValueError, match="over the limit"):
        ingest_files([good], corpus_dir, max_bytes=64)
    assert snapshot(corpus_dir) == before


@pytest.mark.parametrize(
    "name",
    ["../../escape.txt", "\u202etxt.exe.txt", "文件.txt", "ｆｕｌｌｗｉｄｔｈ.txt", ".hidden.txt", "CON.txt",
     "a\tb\nc.txt", "x" * 200 + ".txt"],
)
def test_stored_names_never_escape_the_corpus(corpus_dir: Path, tmp_path: Path, name: str):
    source = tmp_path / "deep" / "er" / name  # "../../" climbs out of deep/er
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(GOOD_TEXT, encoding="utf-8")
    existing = set(tmp_path.rglob("*"))
    (doc,) = ingest_files([source], corpus_dir)
    stored = corpus_dir.parent / doc.source_path
    assert stored.resolve().parent == corpus_dir.resolve()
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}\.txt", stored.name), stored.name
    assert set(tmp_path.rglob("*")) - existing <= set(corpus_dir.iterdir())


@pytest.mark.parametrize("doc_id", ["../up", "/etc/passwd", "a/b", "文件", "ｆｕｌｌ", "a\u202eb", "", "-x", "A" * 65])
def test_ids_that_could_name_a_path_are_refused(corpus_dir: Path, tmp_path: Path, doc_id: str):
    source = tmp_path / "plan.txt"
    source.write_text(GOOD_TEXT, encoding="utf-8")
    before = snapshot(corpus_dir)
    if doc_id:
        with pytest.raises(ValueError, match="not allowed"):
            ingest_files([source], corpus_dir, id=doc_id)
    else:  # an empty override means "derive it from the file name"
        (doc,) = ingest_files([source], corpus_dir, id=doc_id)
        assert doc.id == "plan"
        return
    assert snapshot(corpus_dir) == before
    assert not [p for p in tmp_path.rglob("*") if p.name.startswith(("up", "passwd"))]
    assert os.path.exists("/etc/passwd")  # untouched, of course
