"""Normalized text → the paragraphs the chunker reads: lines recovered, inline labels, site chrome.

``rag.ingest.normalize`` keeps a document's own line structure. Three kinds of text need more:

* **Flattened text.** A page scraped into one line (``…请认真遵照执行。 海晏市人民政府 2024年6月3日
  （此件公开发布） …管理办法 第一章 总则 第一条 为…``) keeps its old line breaks only as spaces,
  which normalization removes between Chinese characters. In a long paragraph with many such
  removed spaces (read from the offset map back to the raw text) every one is a line break again —
  except the one after a chapter or article label (第一章 总则).
* **Labels standing inline.** ``…。第二条 本办法所称…`` or ``…（牵头单位：…）2.加强…``: a label after a
  sentence end, a responsibility note or a recovered line break starts a paragraph when it is the
  next number of its kind in the document (or a first one, 1 / 一 / 第一条). The sequence check
  keeps ``依照本办法第十二条规定`` and ``其中：①…；②…`` inside their sentence.
* **Site chrome.** Navigation, print / close links, view counts, the metadata list of a government
  site (索引号 / 发文字号 / 成文日期 …, read by ``rag.ingest.metadata`` before this) and the page
  footer are not document text: such paragraphs are dropped, and after the numbered body has begun
  a page-tail marker (分享到, 相关链接, 返回顶部, 主办单位 …) ends the document.

Paragraphs are spans of the normalized text, so offsets into the raw file stay exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.ingest.chrome import PAGE_TAIL, is_chrome
from rag.ingest.normalize import Normalized, normalize
from rag.ingest.numbering import ARTICLE_KINDS, numbering_of, value_of
from rag.ingest.script import to_simplified


@dataclass
class Para:
    """One paragraph of the normalized text: its span and text."""

    start: int
    end: int
    text: str


_CANDIDATE = re.compile(r"第(?:[一二三四五六七八九十百零〇两]+|\d+)[编章节条編節條]|[一二三四五六七八九十]+、"
                        r"|[（(](?:[一二三四五六七八九十]+|\d{1,2})[）)]|\d{1,2}[.．、]|[①-⑳]")
_SENTENCE_END = "。；！？"
# Words around 第十二条 that make it a reference (依照本办法第十二条规定), not a heading; so does an
# opening bracket (不超过300万元（第1条除外）: an article is never headed inside one).
_REFERENCE_BEFORE = re.compile(r"(?:本办法|本条例|本规定|本细则|本意见|本措施|本法|依照|按照|根据|依据|违反|适用|参照|和|及|或|、|至|自|[（(])$")
_REFERENCE_AFTER = re.compile(r"^(?:规定|的规定|之|第[一二三四五六七八九十]+款|款|项|所|中|至|和|、|除外|以外)")
_FLAT_LENGTH, _FLAT_GAPS = 300, 5
_NUMERAL = frozenset("0123456789一二三四五六七八九十百零〇两")
_HEADING_LEN = 40
_ANY_PUNCT = re.compile(r"[。；！？，,;!?：:]")
_ENDS_WITH_LABEL = re.compile(r"第(?:[一二三四五六七八九十百零〇两]+|\d+)[编章节条編節條]$")


def document_paras(raw: str) -> tuple[Normalized, list[Para]]:
    """Normalize ``raw`` and return its paragraphs as the chunker reads them (module docstring).

    Args:
        raw: The raw document text.

    Returns:
        The normalized text and its paragraphs, in order.
    """
    norm = normalize(raw)
    paras = [Para(s, e, norm.text[s:e]) for s, e in norm.paragraphs()]
    paras = [piece for p in paras for piece in _unflatten(p, norm, raw)]
    paras = _inline_labels(paras, norm, raw)
    return norm, _without_chrome(paras)


def _gaps(p: Para, norm: Normalized, raw: str) -> list[int]:
    """Positions in ``p.text`` where the raw text had spaces (not a line break) that
    normalization removed."""
    out = []
    for i in range(1, len(p.text)):
        a, b = norm.offsets[p.start + i - 1], norm.offsets[p.start + i]
        between = raw[a + 1:b]
        if between and "\n" not in between and not between.strip() and p.text[i - 1] != " ":
            out.append(i)
    return out


def _slice(p: Para, a: int, b: int) -> Para | None:
    text = p.text[a:b]
    lead = len(text) - len(text.lstrip(" "))
    text = text.strip(" ")
    return Para(p.start + a + lead, p.start + a + lead + len(text), text) if text else None


def _unflatten(p: Para, norm: Normalized, raw: str) -> list[Para]:
    """A flattened paragraph split at its removed spaces (see the module docstring)."""
    if len(p.text) < _FLAT_LENGTH:
        return [p]
    gaps = _gaps(p, norm, raw)
    if len(gaps) < _FLAT_GAPS:
        return [p]
    cuts = [0]
    for g in gaps:
        if _ENDS_WITH_LABEL.search(p.text, cuts[-1], g):
            continue  # 第一章 总则, 总则第一条 为…: the space after a chapter or article label is no line break
        cuts.append(g)
    pieces = [_slice(p, a, b) for a, b in zip(cuts, [*cuts[1:], len(p.text)], strict=True)]
    return [x for x in pieces if x]


def _inline_labels(paras: list[Para], norm: Normalized, raw: str) -> list[Para]:
    """Paragraphs split where a label stands inline (see the module docstring)."""
    last: dict[str, int] = {}
    out: list[Para] = []
    for p in paras:
        head = numbering_of(p.text, {k: v + 1 for k, v in last.items()})
        if head:
            last[head[0]] = value_of(head[0], head[1])
        gaps = set(_gaps(p, norm, raw)) if len(p.text) > 40 else set()
        cuts = [0]
        for m in _CANDIDATE.finditer(p.text, 1):
            pos = m.start()
            found = numbering_of(p.text[pos:], {k: v + 1 for k, v in last.items()})
            if not found or pos <= cuts[-1] or p.text[pos - 1] in _NUMERAL:  # the 1. of 31., the 一、 of 十一、 is no label
                continue
            kind, label, marker = found
            value = value_of(kind, label)
            if _starts_here(p.text, pos, kind, value, marker, last, pos in gaps):
                cuts.append(pos)
                last[kind] = value
        pieces = [_slice(p, a, b) for a, b in zip(cuts, [*cuts[1:], len(p.text)], strict=True)]
        out += [x for x in pieces if x]
    return out


def _starts_here(text: str, pos: int, kind: str, value: int, marker: str, last: dict[str, int],
                 gap: bool) -> bool:
    """Whether the label ``marker`` (``kind``, ``value``) at ``text[pos]`` starts a paragraph."""
    prev = text[pos - 1]
    if kind in ARTICLE_KINDS:
        after = text[pos + len(marker):]
        # either script: 依照本辦法第十二條規定 is a reference too
        return (value == last.get(kind, 0) + 1 and not _REFERENCE_BEFORE.search(to_simplified(text[max(0, pos - 8):pos]))
                and not _REFERENCE_AFTER.match(to_simplified(after[:8])))
    if value not in (1, last.get(kind, 0) + 1):
        return False
    if prev in _SENTENCE_END or gap:
        return True
    if value == 1 and numbering_of(text) and pos <= _HEADING_LEN and not _ANY_PUNCT.search(text[:pos]):
        return True  # （一）完善港口基础设施1.推进…: a first item right after a heading's title
    # after a responsibility note that closes a sentence: …。（牵头单位：…）2.加强…
    if prev in "）)":
        opened = text.rfind("（", 0, pos)
        return opened > 0 and text[opened - 1] in "。；" and value > 1
    return False


def _without_chrome(paras: list[Para]) -> list[Para]:
    """Paragraphs without site chrome; nothing after a page-tail marker once the body began."""
    out: list[Para] = []
    body = False
    for p in paras:
        if body and PAGE_TAIL.match(p.text):
            break
        if is_chrome(p.text) or PAGE_TAIL.match(p.text):  # the normalizer drops whole chrome lines
            continue
        body = body or numbering_of(p.text) is not None
        out.append(p)
    return out
