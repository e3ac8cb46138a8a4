"""Writers of the formats governments publish, for the tests: every file is made here from text.

``scanned_pdf``: policy text drawn on an A4 page at 150 dpi with a CJK font (Pillow), wrapped in
an image-only PDF — no text layer, as a scanner writes it. ``word97`` converts a .docx to Word 97
(.doc) with LibreOffice itself; ``encrypted_word97`` saves one with a password through a
LibreOffice Basic macro in a private profile (the command line cannot set a password).
``write_ofd``: a minimal valid OFD package (OFD.xml → Document.xml → page Content.xml with
TextObject / TextCode, a template page carrying the letterhead).
"""

from __future__ import annotations

import random
import subprocess
import zipfile
from pathlib import Path

from rag.ingest.formats import find_soffice

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")  # Debian fonts-wqy-microhei (make browser)
PAGE_PX = (1240, 1754)  # A4 at 150 dpi
MARGIN_PX = 120
FONT_PX = 26  # 12.5 pt at 150 dpi: body text of a 公文 is 三号 (16 pt), so this is the harder case


def wrap(paragraphs: list[str], width: int) -> list[str]:
    """Break paragraphs into lines of at most ``width`` characters, as a typeset page does."""
    lines = []
    for para in paragraphs:
        lines.extend(para[i:i + width] for i in range(0, len(para), width))
    return lines


def page_image(paragraphs: list[str]):
    """A white A4 page (grey-scale PIL image) with the paragraphs typeset in black."""
    from PIL import Image, ImageDraw, ImageFont

    assert FONT.is_file(), f"CJK font missing: {FONT} (make browser installs fonts-wqy-microhei)"
    font = ImageFont.truetype(str(FONT), FONT_PX)
    image = Image.new("L", PAGE_PX, 255)
    draw = ImageDraw.Draw(image)
    y = MARGIN_PX
    for line in wrap(paragraphs, (PAGE_PX[0] - 2 * MARGIN_PX) // FONT_PX):
        draw.text((MARGIN_PX, y), line, font=font, fill=0)
        y += int(FONT_PX * 1.7)
    return image


def scanned_pdf(path: Path, paragraphs: list[str]) -> Path:
    """An image-only PDF of one page (JPEG inside, like a scanner's)."""
    page_image(paragraphs).save(path, "PDF", resolution=150)
    return path


def docx_with_table(path: Path, before: list[str], table: list[tuple[str, str]], after: list[str]) -> Path:
    """A .docx with a two-column table between paragraphs (a Word 97 file cannot end in a table:
    LibreOffice drops a table that closes the document when it saves .doc)."""
    import docx

    document = docx.Document()
    for line in before:
        document.add_paragraph(line)
    grid = document.add_table(rows=len(table), cols=2)
    for row, (a, b) in zip(grid.rows, table, strict=True):
        row.cells[0].text, row.cells[1].text = a, b
    for line in after:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def libreoffice(args: list[str], profile: Path, timeout: float = 120) -> None:
    """Run headless LibreOffice with a private profile; fail the test on error or timeout."""
    soffice = find_soffice()
    assert soffice, "LibreOffice is not installed (make formats installs libreoffice-writer-nogui)"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", *args],
                   check=True, timeout=timeout, capture_output=True)


def word97(docx: Path, out: Path, profile: Path) -> Path:
    """Convert ``docx`` to a Word 97 binary file named ``out`` (any suffix) with LibreOffice."""
    folder = out.parent / f".convert-{out.stem}"
    libreoffice(["--convert-to", "doc:MS Word 97", "--outdir", str(folder), str(docx)], profile)
    (folder / f"{docx.stem}.doc").rename(out)
    folder.rmdir()
    return out


_SAVE_WITH_PASSWORD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub SaveWithPassword(src As String, dst As String)
  Dim inArgs(0) As New com.sun.star.beans.PropertyValue
  inArgs(0).Name = &quot;Hidden&quot; : inArgs(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), &quot;_blank&quot;, 0, inArgs())
  Dim outArgs(1) As New com.sun.star.beans.PropertyValue
  outArgs(0).Name = &quot;FilterName&quot; : outArgs(0).Value = &quot;MS Word 97&quot;
  outArgs(1).Name = &quot;Password&quot; : outArgs(1).Value = &quot;secret&quot;
  doc.storeToURL(ConvertToURL(dst), outArgs())
  doc.close(True)
  StarDesktop.terminate()
End Sub
</script:module>
"""


def encrypted_word97(docx: Path, out: Path, profile: Path) -> Path:
    """A password-protected Word 97 file saved by LibreOffice (``profile`` must be initialised:
    LibreOffice rewrites the Basic library of a new profile on first start)."""
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    assert module.is_file(), "run a conversion with this profile first"
    module.write_text(_SAVE_WITH_PASSWORD, encoding="utf-8")
    libreoffice([f'macro:///Standard.Module1.SaveWithPassword("{docx}","{out}")'], profile)
    assert out.is_file(), "LibreOffice did not save the encrypted copy"
    return out


_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def _text_object(oid: int, x: float, y: float, text: str, size: float = 4.2) -> str:
    delta = f' DeltaX="g {len(text) - 1} {size}"' if len(text) > 1 else ""
    return (f'<ofd:TextObject ID="{oid}" Boundary="{x} {y} {len(text) * size + 1} {size * 1.5}" Font="2" '
            f'Size="{size}"><ofd:TextCode X="0" Y="{size}"{delta}>{text}</ofd:TextCode></ofd:TextObject>')


def write_ofd(path: Path, paragraphs: list[str], letterhead: str = "", width: int = 36,
              per_char_line: int | None = None, seed: int = 7) -> Path:
    """A minimal valid OFD file with the paragraphs laid out on one A4 page.

    Args:
        path: Where to write the .ofd.
        paragraphs: Text, wrapped at ``width`` characters a line, one TextObject a line.
        letterhead: Text drawn by a template page (版头), if any.
        width: Characters per line.
        per_char_line: Index of one line written as one TextObject per character, in shuffled
            order, as some converters do (reading order must come from positions, not XML order).
        seed: Seed of that shuffle.
    """
    objects, oid = [], 10
    for n, line in enumerate(wrap(paragraphs, width)):
        y = 40 + n * 7.5
        if n == per_char_line:
            chars = [_text_object(oid + i, 25 + i * 4.2, y, ch) for i, ch in enumerate(line)]
            random.Random(seed).shuffle(chars)
            objects.extend(chars)
            oid += len(line)
        else:
            objects.append(_text_object(oid, 25, y, line))
            oid += 1
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    content = f'{head}<ofd:Page {_NS}><ofd:Template TemplateID="5"/><ofd:Content><ofd:Layer ID="3">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>'
    template = (f'{head}<ofd:Page {_NS}><ofd:Content><ofd:Layer ID="6">'
                f'{_text_object(7, 60, 18, letterhead, 7.0) if letterhead else ""}</ofd:Layer></ofd:Content></ofd:Page>')
    ofd = (f'{head}<ofd:OFD {_NS} Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>'
           f'{path.stem}</ofd:DocID><ofd:Creator>policyqa tests</ofd:Creator></ofd:DocInfo>'
           '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
    document = (f'{head}<ofd:Document {_NS}><ofd:CommonData><ofd:MaxUnitID>{oid + 1}</ofd:MaxUnitID>'
                '<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
                '<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>'
                '<ofd:TemplatePage ID="5" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>'
                '<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>')
    resources = (f'{head}<ofd:Res {_NS} BaseLoc="Res"><ofd:Fonts><ofd:Font ID="2" FontName="宋体" '
                 'FamilyName="宋体"/></ofd:Fonts></ofd:Res>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OFD.xml", ofd)
        archive.writestr("Doc_0/Document.xml", document)
        archive.writestr("Doc_0/PublicRes.xml", resources)
        archive.writestr("Doc_0/Tpls/Tpl_0/Content.xml", template)
        archive.writestr("Doc_0/Pages/Page_0/Content.xml", content)
    return path
