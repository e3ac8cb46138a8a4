"""Add documents to the corpus: load, check they chunk, store the text, append to the manifest.

``ingest_files`` is all-or-nothing: every file is loaded, normalized and chunked first; a file
that yields no text or no clause, a repeated id or a repeated text stops the whole batch with one
``ValueError`` and nothing in the corpus changes. Then the texts are written (a .txt/.md in UTF-8
is copied byte for byte, anything else is stored as the extracted UTF-8 text) under a file name
derived from the document id — never from the given path — and the manifest is rewritten through
a temporary file and ``os.replace``, so a crash never leaves it half-written (``rag.ingest.stage``
holds the checks and the write; ``rag.ingest.lifecycle`` what a text says about its 有效期 and what
it repeals, written to the manifest with it). A text file that a
killed ingest wrote but never listed is taken over by the next ingest of the same document.
Files are untrusted: ``rag.ingest.loaders`` runs ``rag.ingest.safety``'s checks (size limit ``max_bytes``, zip
bombs, binaries) before any parser opens them, and refuses encrypted or corrupt PDFs.

``detect_metadata`` reads title, 文号, issuer and date from the front of the text and guesses the
administrative level and region from the issuer.
"""

from __future__ import annotations

import re
from pathlib import Path

from rag.ingest.corpus import MANIFEST
from rag.ingest.corpus_write import atomic_write
from rag.ingest.normalize import DATE_LINE, DOC_NUMBER, is_title_like, normalize
from rag.ingest.safety import DEFAULT_MAX_BYTES
from rag.ingest.stage import OVERRIDES, CorpusState, DuplicateError, Staged, commit, stage_file
from rag.model import Document

# Re-exported: callers import the staging parts from here too.
__all__ = ["OVERRIDES", "CorpusState", "DuplicateError", "Staged", "commit", "detect_metadata", "ingest_files",
           "level_and_region", "stage_file", "withdraw"]
_NOTICE = re.compile(r"^(.*?)关于(?:印发|转发)《?(.+?)》?的通知$")
_DOC_TYPE = re.compile(r"(?:方案|计划|意见|办法|规定|细则|通知|决定|规划|纲要|措施|条例|公告|通告|要点|指南|指引|政策)$")
_ISSUER = re.compile(r"(?:人民政府|办公厅|办公室|委员会|政府|厅|局|部|委)$")
_ADMIN_UNIT = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:特别行政区|自治区|自治州|自治县|省|市|地区|盟|州|县|区|旗)")
_MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}


def _cn_number(text: str) -> int:
    """二〇二四 → 2024, 十二 → 12, 二十八 → 28."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return int("".join(str(_CN_DIGITS[c]) for c in text))


def _iso_date(line: str) -> str:
    m = re.match(r"^(.+?)年(.+?)月(.+?)日$", line)
    if not m:
        return ""
    try:
        y, mo, d = (_cn_number(g) for g in m.groups())
    except (KeyError, ValueError):
        return ""
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else ""


def level_and_region(issuer: str) -> tuple[str, str]:
    """Guess the administrative level and region from an issuing body's name.

    Args:
        issuer: E.g. ``山东省人民政府``, ``聊城市人民政府``, ``国务院办公厅``.

    Returns:
        ``(level, region)``: 省 → province, 市 → city, 县/区 → county, 国务院/国家/部委 →
        national (region 全国); ``("other", "")`` when nothing matches.
    """
    if not issuer:
        return "other", ""
    if issuer.startswith(("国务院", "国家", "中共中央", "中华人民共和国")) or re.fullmatch(r"[^省市县区]{2,12}部", issuer):
        return "national", "全国"
    units: list[str] = []
    pos = 0
    while m := _ADMIN_UNIT.match(issuer, pos):
        units.append(m.group(0))
        pos = m.end()
    if not units:
        return "other", ""
    last = units[-1]
    if last.endswith(("省", "自治区", "特别行政区")) or last in _MUNICIPALITIES:
        return "province", last
    if last.endswith(("市", "自治州", "地区", "盟", "州")):
        return "city", last
    return "county", last


def detect_metadata(text: str) -> dict:
    """Read title, 文号, issuer and date from a document's text.

    Args:
        text: Raw or normalized document text.

    Returns:
        ``{"title", "number", "issuer", "date", "level", "region"}``; unknown values are ``""``
        (level ``"other"``).
    """
    paras = [p for p in normalize(text).text.split("\n") if p]
    head = paras[:40]
    title = issuer = number = date = ""
    for p in head:
        m = _NOTICE.match(p)
        if m and is_title_like(p, 80):
            issuer, title = m.group(1), m.group(2)
            break
    if not title:
        title = next((p for p in head if is_title_like(p, 60) and _DOC_TYPE.search(p)), "")
    if not title:
        title = next((p for p in head if is_title_like(p, 60) and not DATE_LINE.match(p)), "")
    number = next((p for p in head if DOC_NUMBER.fullmatch(p)), "")
    if not number:
        m = DOC_NUMBER.search("\n".join(head[:10]))
        number = m.group(0) if m else ""
    for i, p in enumerate(head):
        if DATE_LINE.match(p):
            date = _iso_date(p)
            if not issuer and i and is_title_like(head[i - 1], 30) and _ISSUER.search(head[i - 1]):
                issuer = head[i - 1]
            break
    if not issuer:
        issuer = next((p for p in head[:3] if is_title_like(p, 30) and _ISSUER.search(p)), "")
    level, region = level_and_region(issuer)
    return {"title": title, "number": number, "issuer": issuer, "date": date, "level": level, "region": region}


def ingest_files(paths: list[Path], corpus_dir: Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 **overrides: str | None) -> list[Document]:
    """Add documents to the corpus folder and its manifest, all or nothing.

    Args:
        paths: Files to add (see ``rag.ingest.loaders.SUPPORTED_SUFFIXES``); untrusted files are
            welcome — see ``rag.ingest.safety`` for what is refused before any parser opens them.
        corpus_dir: The corpus folder holding ``documents.toml``.
        max_bytes: Largest file accepted, in bytes.
        **overrides: Metadata that wins over detection: ``id`` (one file only), ``title``,
            ``short_name``, ``number``, ``issuer``, ``date`` (YYYY-MM-DD), ``level``, ``region``,
            ``status``, ``superseded_by``, ``expires`` (YYYY-MM-DD).

    Returns:
        The added documents, with ``source_path`` relative to the corpus folder's parent. A
        document an added text repeals (…同时废止) is marked ``repealed`` in the same write.

    Raises:
        ValueError: Unknown override, a file too large, binary, encrypted, corrupt or a zip bomb,
            no text or no clause, an id or a text already in the corpus, or a bad id / level /
            date. Nothing is written then.
    """
    unknown = sorted(set(overrides) - set(OVERRIDES))
    if unknown:
        raise ValueError(f"unknown metadata {', '.join(unknown)}; allowed: {', '.join(OVERRIDES)}")
    paths = [Path(p) for p in paths]
    if not paths:
        raise ValueError("no files given to ingest")
    if overrides.get("id") and len(paths) > 1:
        raise ValueError("--id can only be given with a single file")
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise ValueError(f"corpus folder not found: {corpus_dir}")
    state = CorpusState.read(corpus_dir)
    staged = [stage_file(p, corpus_dir, state, max_bytes=max_bytes, overrides=overrides) for p in paths]
    commit(corpus_dir, staged)
    return [s.document for s in staged]


def withdraw(corpus_dir: Path, added: list[Document], manifest_before: bytes | None) -> None:
    """Undo an ``ingest_files`` (or ``commit``) call: restore the manifest as it was, then remove
    the added texts.

    The manifest goes first, so an interruption never leaves it listing a missing file (an
    unlisted leftover text is harmless: a later ingest of the same bytes takes it over).

    Args:
        corpus_dir: The corpus folder.
        added: The documents whose texts were written.
        manifest_before: The bytes of ``documents.toml`` before the change (``None``: it did not exist).
    """
    corpus_dir = Path(corpus_dir)
    manifest = corpus_dir / MANIFEST
    if manifest_before is None:
        manifest.unlink(missing_ok=True)
    else:
        atomic_write(manifest, manifest_before)
    root = corpus_dir.resolve().parent
    for doc in added:
        target = (root / doc.source_path).resolve()
        if target.parent == corpus_dir.resolve():
            target.unlink(missing_ok=True)


