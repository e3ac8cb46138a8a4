"""The other formats governments publish: .doc / .wps through LibreOffice, .ofd through ofdkit.

**.doc and .wps.** Word 97–2003 files and WPS Office's .wps (Kingsoft WPS writes .wps in the same
binary layout as .doc; LibreOffice's type detection lists ``doc wps`` for its MS Word 97 filter,
and reads Microsoft Works .wps through libwps) are converted by headless LibreOffice to .docx,
which ``rag.ingest.loaders`` then reads like any .docx — so tables and 专栏 boxes come out the
same way. LibreOffice is a system program (Debian: ``libreoffice-writer-nogui``); when it is
missing the file is refused with the package name. Each conversion runs with its own throw-away
profile (two conversions sharing a profile hand off to one another and fail) and a timeout that
kills the whole process group (``soffice`` starts ``soffice.bin`` beneath it). Encrypted files are
recognised first from the OLE2 container (olefile): LibreOffice headless would only say "source
file could not be loaded".

**.ofd** (GB/T 33190, the national fixed-layout format: a zip of XML) is read by ``ofdkit``:
standard library only, limits on parts and entries, DTDs refused, text in reading order including
templates and composite objects, and it copes with the non-conforming paths, encodings and
namespace prefixes real producers write. ``easyofd`` was looked at and not taken: it imports
PyMuPDF (AGPL) for rendering, inserts the working directory into ``sys.path`` at import and
unpacks every upload into the working directory — unfit for untrusted files on a server. An OFD
whose zip entries are encrypted is refused by ``rag.ingest.safety``; one encrypted the GM/T
0099 way (an ``Encryptions`` entry, the page contents replaced by ciphertext) is refused here.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LIBREOFFICE_SUFFIXES = (".doc", ".wps")
LIBREOFFICE_PACKAGE = "libreoffice-writer-nogui"
CONVERT_TIMEOUT_S = 120
OFD_SUFFIXES = (".ofd",)
_WORD_ENCRYPTED = 0x0100  # FIB flag fEncrypted (also set for XOR obfuscation), [MS-DOC] 2.5.2
_OFD_ENCRYPTIONS = re.compile(rb"<(?:[\w.-]+:)?Encryptions[\s>/]")


def find_soffice() -> str | None:
    """The LibreOffice executable on ``PATH`` (``soffice`` or ``libreoffice``), or ``None``."""
    return shutil.which("soffice") or shutil.which("libreoffice")


@contextmanager
def converted_to_docx(path: Path, timeout: float = CONVERT_TIMEOUT_S) -> Iterator[Path]:
    """Convert a .doc / .wps file to .docx with headless LibreOffice, for the .docx reader.

    Args:
        path: The .doc or .wps file (untrusted; its name is never passed to LibreOffice).
        timeout: Seconds the conversion may take before LibreOffice is killed.

    Yields:
        The converted .docx, inside a temporary folder removed when the ``with`` block ends.

    Raises:
        ValueError: The file is encrypted, LibreOffice is not installed, times out or cannot
            open the file (corrupt, or not a Word / WPS document).
    """
    path = Path(path)
    if is_encrypted_office_file(path):
        raise ValueError(f"{path.name}: the document is encrypted (password-protected); save it "
                         "without a password and try again")
    soffice = find_soffice()
    if soffice is None:
        raise ValueError(f"{path.name}: reading {path.suffix.lower()} files needs LibreOffice, which is not "
                         f"installed; install the Debian package {LIBREOFFICE_PACKAGE} "
                         f"(apt-get install {LIBREOFFICE_PACKAGE}) or save the file as .docx")
    with tempfile.TemporaryDirectory(prefix="policyqa-soffice-") as tmp:
        work = Path(tmp)
        source = work / f"document{path.suffix.lower()}"  # a plain name: no option-like or odd names
        shutil.copyfile(path, source)
        out = work / "out"
        command = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                   "--norestore", "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML",
                   "--outdir", str(out), str(source)]
        _run(command, timeout, path.name)
        converted = out / "document.docx"
        if not converted.is_file() or converted.stat().st_size == 0:
            raise ValueError(f"{path.name}: LibreOffice could not open the file (corrupt, or not a "
                             "Word / WPS document)")
        yield converted


def _run(command: list[str], timeout: float, name: str) -> None:
    """Run LibreOffice in its own process group so a timeout kills soffice.bin too."""
    env = {**os.environ, "SAL_USE_VCLPLUGIN": "svp"}  # no display needed, even on a desktop
    with subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL, env=env, start_new_session=True) as proc:
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise ValueError(f"{name}: LibreOffice did not finish converting the file within "
                             f"{timeout:g} s") from None


def is_encrypted_office_file(path: Path) -> bool:
    """Whether a .doc / .wps is a password-protected OLE2 document.

    Word 97–2003 (and WPS) set ``fEncrypted`` in the WordDocument stream's header; an encrypted
    .docx saved under a .doc name is an OLE2 file with an ``EncryptedPackage`` stream. Files that
    are not OLE2 (RTF or HTML saved as .doc) are never encrypted this way.

    Args:
        path: The file.

    Returns:
        ``True`` for an encrypted document.

    Raises:
        ValueError: An OLE2 file whose directory cannot be read (corrupt).
    """
    import olefile

    if not olefile.isOleFile(str(path)):
        return False
    try:
        with olefile.OleFileIO(str(path)) as ole:
            if ole.exists("EncryptedPackage"):
                return True
            if ole.exists("WordDocument"):
                header = ole.openstream("WordDocument").read(12)
                return len(header) == 12 and bool(int.from_bytes(header[10:12], "little") & _WORD_ENCRYPTED)
    except (OSError, ValueError, IndexError, TypeError) as exc:  # olefile's errors on a damaged file
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ValueError(f"{Path(path).name}: corrupt {Path(path).suffix.lower()} file (OLE2 container: "
                         f"{first})") from None
    return False


def ofd_text(path: Path) -> str:
    """The text layer of an .ofd file, page by page in reading order.

    Args:
        path: The .ofd file (``rag.ingest.safety`` has already checked the zip).

    Returns:
        The pages' texts joined with line breaks.

    Raises:
        ValueError: The file is encrypted, is not an OFD package, or a page cannot be read.
        ImportError: ``ofdkit`` is not installed (the message has the install line).
    """
    path = Path(path)
    try:
        import ofdkit
    except ImportError as exc:
        raise ImportError("reading .ofd files needs ofdkit: pip install ofdkit") from exc
    if _ofd_encrypted(path):
        raise ValueError(f"{path.name}: the OFD is encrypted (GM/T 0099 Encryptions); decrypt it first")
    try:
        with ofdkit.open(path) as document:
            if not document.pages:
                raise ValueError(f"{path.name}: the OFD has no pages")
            return "\n".join(page.text() for page in document.pages)
    except ofdkit.OFDError as exc:
        raise ValueError(f"{path.name}: cannot read .ofd file ({exc})") from exc


def _ofd_encrypted(path: Path) -> bool:
    """GM/T 0099 encryption: an Encryptions entry named from OFD.xml or lying in the package."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = {n.rsplit("/", 1)[-1].lower() for n in archive.namelist()}
            if "encryptions.xml" in names:
                return True
            entry = next((n for n in archive.namelist() if n.lstrip("/").lower() == "ofd.xml"), None)
            if entry is None or archive.getinfo(entry).file_size > 1024 * 1024:
                return False  # ofdkit reports the missing / oversized OFD.xml
            return bool(_OFD_ENCRYPTIONS.search(archive.read(entry)))
    except (zipfile.BadZipFile, RuntimeError, OSError):
        return False  # not a readable zip: ofdkit says why
