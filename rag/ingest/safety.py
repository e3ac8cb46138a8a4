"""Checks on untrusted files before any parser opens them: size, zip bombs, binary content.

An uploaded document may be huge, a .docx or .ofd whose zip expands to gigabytes, or a binary
renamed to .txt or .doc. ``check_file`` refuses such a file with one ``ValueError`` naming the file
and the limit it broke, reading at most the file's zip directory — never inflating anything — so
a hostile file costs no memory. Encrypted and corrupt PDFs are caught by ``rag.ingest.loaders``
(pypdf knows), encrypted .doc / .wps and GM/T 0099-encrypted .ofd by ``rag.ingest.formats``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# A real .docx unpacks to a few times its size (XML compresses ~5–10×); a run of zeros to ~1000×.
MAX_ZIP_RATIO = 100
MAX_ZIP_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ZIP_MEMBERS = 10_000
ZIP_SUFFIXES = (".docx", ".ofd")  # an .ofd is a zip of XML, like a .docx
TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
# .doc / .wps: an OLE2 compound file, or RTF / HTML / text that Word and WPS also save as .doc.
OLE_SUFFIXES = (".doc", ".wps")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_ENCRYPTED = 0x1  # general purpose flag bit 0: the member is encrypted
_CONTROL_BYTES = [c for c in range(0x20) if chr(c) not in "\t\n\v\f\r\x1a"] + [0x7F]


def check_size(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    """Refuse a file above ``max_bytes``.

    Args:
        path: The file.
        max_bytes: Largest size allowed, in bytes (must be >= 1).

    Returns:
        The file's size.

    Raises:
        ValueError: ``max_bytes`` is not positive, or the file is larger.
    """
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be >= 1, got {max_bytes}")
    size = Path(path).stat().st_size
    if size > max_bytes:
        raise ValueError(f"{Path(path).name}: file is {size:,} bytes, over the limit of {max_bytes:,} bytes")
    return size


def check_zip(path: Path, max_uncompressed: int = MAX_ZIP_UNCOMPRESSED, max_ratio: int = MAX_ZIP_RATIO) -> None:
    """Refuse a zip container (.docx, .ofd) that is not a zip, is encrypted or would inflate like a bomb.

    Only the central directory is read: the declared sizes of the members. A zip that lies about
    them fails CRC/size checks inside ``zipfile`` later, which the loader reports as unreadable.

    Args:
        path: The .docx (or other zip) file.
        max_uncompressed: Largest total uncompressed size allowed, in bytes.
        max_ratio: Largest total uncompressed / compressed size ratio allowed.

    Raises:
        ValueError: Not a zip, encrypted members, too many members, or over either limit.
    """
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ValueError(f"{path.name}: cannot read {path.suffix or 'zip'} file (not a zip archive: {exc})") from None
    if any(m.flag_bits & _ZIP_ENCRYPTED for m in members):
        raise ValueError(f"{path.name}: the {path.suffix or 'zip'} file is encrypted (password-protected zip)")
    if len(members) > MAX_ZIP_MEMBERS:
        raise ValueError(f"{path.name}: zip holds {len(members):,} members, over the limit of {MAX_ZIP_MEMBERS:,}")
    unpacked = sum(m.file_size for m in members)
    packed = max(1, sum(m.compress_size for m in members))
    if unpacked > max_uncompressed:
        raise ValueError(f"{path.name}: unpacks to {unpacked:,} bytes, over the limit of {max_uncompressed:,} "
                         "(zip bomb?)")
    if unpacked / packed > max_ratio and unpacked > 1024 * 1024:
        raise ValueError(f"{path.name}: compression ratio {unpacked / packed:.0f}:1 is over the limit of "
                         f"{max_ratio}:1 (zip bomb?)")


def check_not_binary(path: Path, probe: int = 64 * 1024) -> None:
    """Refuse a text-type file whose first bytes are not text (a binary renamed to .txt).

    Bytes below 0x20 other than tab / line breaks never occur inside a UTF-8 or GB18030 character,
    so counting them on the raw bytes is exact for both encodings.

    Args:
        path: A .txt / .md / .html file.
        probe: How many leading bytes to look at.

    Raises:
        ValueError: NUL bytes, or more than 0.5 % control bytes.
    """
    with Path(path).open("rb") as f:
        head = f.read(probe)
    if b"\x00" in head:
        raise ValueError(f"{Path(path).name}: looks like a binary file (NUL bytes), not text")
    controls = sum(head.count(bytes([c])) for c in _CONTROL_BYTES)
    if controls > max(2, len(head) // 200):
        raise ValueError(f"{Path(path).name}: looks like a binary file ({controls} control bytes in the "
                         f"first {len(head):,}), not text")


def check_legacy_office(path: Path) -> None:
    """Refuse a .doc / .wps that is none of the things Word and WPS save under that name.

    An OLE2 compound file (Word 97–2003, WPS, Works) is fixed-size and inflates nothing; a zip
    (a .docx renamed) gets the zip checks; anything else must be text (RTF, HTML, plain text),
    so a binary renamed to .doc is refused before LibreOffice spends time on it.

    Args:
        path: The .doc / .wps file.

    Raises:
        ValueError: A zip that fails ``check_zip``, or binary content that is not OLE2.
    """
    with Path(path).open("rb") as f:
        head = f.read(8)
    if head == _OLE_MAGIC:
        return
    if head.startswith(b"PK\x03\x04"):
        check_zip(path)
    else:
        check_not_binary(path)


def check_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """All checks that apply to ``path``'s type, cheapest first.

    Args:
        path: A document file about to be loaded.
        max_bytes: Largest file size allowed, in bytes.

    Raises:
        ValueError: The first check the file fails, naming the file and the limit.
    """
    path = Path(path)
    check_size(path, max_bytes)
    suffix = path.suffix.lower()
    if suffix in ZIP_SUFFIXES:
        check_zip(path)
    elif suffix in TEXT_SUFFIXES:
        check_not_binary(path)
    elif suffix in OLE_SUFFIXES:
        check_legacy_office(path)
