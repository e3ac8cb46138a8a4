"""Raw policy text → clean text, with a map from every clean character back to the raw file.

Government documents arrive as PDF extractions or web copies. The normalizer:

* folds full-width digits and letters (２０２５ → 2025, ２．５ → 2.5, ３０％ → 30%);
* restores Chinese punctuation that extraction made half-width in Chinese context
  (``.``→。 ``,``→， ``:``→： ``;``→； ``()``→（） ``«»``→《》) while keeping decimals
  (2.5), numbering (``1.`` at a line start), thousands separators and URLs;
* drops page marks (—１—), trailer lines (…印发, 原文地址, 抄送) and repeated letterheads,
  collapses spaced-out titles (聊 城 市 人 民 政 府) and an orphan closing fragment (``厅)``)
  a page break left behind;
* joins lines broken mid-sentence or mid-word, keeping paragraph breaks as ``\\n``.

Every rule looks only at the text it is given, so a slice of the raw file normalizes on its own:
the chunker relies on this (``normalize_text(raw[c.start:c.end]) == c.text``).

Line joining is decided per pair of lines A (the paragraph so far) and B (the next line):
a numbered heading, 专栏 title, date, 文号, bullet or ``标签：`` item in B starts a paragraph;
so does any line after a standalone one (date, 文号, letterhead). Inside an open bracket lines
always join. After a sentence end the break is kept unless the text is *hard-wrapped* (most
breaks fall mid-sentence, as in a PDF extraction), where a sentence end at the right margin is
only a coincidence. Short title lines (no sentence punctuation) join each other — a title broken
over two lines — but not a following sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# ---------------------------------------------------------------- character classes
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F))
ZH_PUNCT = frozenset("，。、；：！？“”‘’《》（）〔〕【】〈〉「」『』—…·％")
_TERMINAL = frozenset("。！？；：…")
_CLOSERS = frozenset("”’》）〕】」』")
_OPEN = "（(〔【"
_CLOSE = "）)〕】"
_SENTENCE_PUNCT = re.compile(r"[。，；：！？,;:!?]")
_WS = frozenset(" \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff")


def is_cjk(ch: str) -> bool:
    """True for a CJK ideograph (or 〇)."""
    if ch == "〇":
        return True
    o = ord(ch)
    return any(a <= o <= b for a, b in _CJK_RANGES)


def _zh(ch: str) -> bool:
    return bool(ch) and (is_cjk(ch) or ch in ZH_PUNCT)


def _fold(ch: str) -> str:
    """Width-fold one character: full-width digits, letters, %, / and spaces become ASCII."""
    o = ord(ch)
    if 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A:
        return chr(o - 0xFEE0)
    if ch in "％／＋＝＜＞":
        return chr(o - 0xFEE0)
    if ch == "．":
        return "."  # becomes 。 again below unless it sits between digits
    if ch in _WS:
        return " "
    return {"«": "《", "»": "》", "‹": "〈", "›": "〉"}.get(ch, ch)


# ---------------------------------------------------------------- line classes
CN_NUM = "[一二三四五六七八九十百零〇两]+"
NUMBERING = re.compile(
    rf"^(?:第(?:{CN_NUM}|\d+)[编章节条]|{CN_NUM}、|[（(]{CN_NUM}[）)]|\d{{1,2}}[.．、](?!\d)"
    r"|[（(]\d{1,2}[）)]|[①-⑳])"
)
# A label whose following space is kept: 第一章 总则, 专栏1 整车发展重点.
_SPACED_LABEL = re.compile(rf"^(?:第(?:{CN_NUM}|\d+)[编章节条]|专栏\s*\d+)")
_DATE_CN = "[〇零一二三四五六七八九十]"
DATE_LINE = re.compile(rf"^(?:\d{{4}}年\d{{1,2}}月\d{{1,2}}日|{_DATE_CN}{{4}}年{_DATE_CN}{{1,2}}月{_DATE_CN}{{1,3}}日)$")
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号")
_DOC_NUMBER_LINE = re.compile(rf"^{DOC_NUMBER.pattern}$")
_REMARK_LINE = re.compile(r"^（此件[^（）：]{0,12}）$")
_SOURCE_MARKER = re.compile(r"^(?:以下(?:为|是)?(?:原文|全文)|(?:原文|全文)如下)[：:]?$")
_COLUMN_TITLE = re.compile(r"^专栏\s*\d*(?:\s|[：:]|$)")
_BULLET = re.compile(r"^(?:——|—|●|■|◆|▲|•|\*|-\s|·)")
_LABEL_ITEM = re.compile(r"^[^，。；：,;:（）()]{1,15}[：:]\S")
_PAGE_MARK = re.compile(r"^(?:[-—–－‐]+\s*\d{1,4}\s*[-—–－‐]+|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")
_TRAILER = re.compile(
    r"^(?:(?:原文地址|原文链接|来源|责任编辑|抄送|附：原文链接)[：:]|<?https?://\S+>?$)"
    r"|\d{4}年\d{1,2}月\d{1,2}日\s*印发$"
)
_SPACED_OUT = re.compile(r"^(?:[\u4e00-\u9fff]\s+){2,}[\u4e00-\u9fff]$")


def is_numbered(line: str) -> bool:
    """True when ``line`` opens with a numbering label (一、, （一）, 1., 第一条, ① …)."""
    return bool(NUMBERING.match(line))


def is_title_like(line: str, max_len: int = 50) -> bool:
    """Short line without sentence punctuation: a title, heading, signature or label."""
    return 0 < len(line) <= max_len and not _SENTENCE_PUNCT.search(line)


def _standalone(line: str) -> bool:
    return bool(
        DATE_LINE.match(line) or _DOC_NUMBER_LINE.match(line) or _REMARK_LINE.match(line)
        or _SOURCE_MARKER.match(line) or _COLUMN_TITLE.match(line)
    )


# ---------------------------------------------------------------- the result
@dataclass(frozen=True)
class Normalized:
    """Clean text plus, for every character, the offset of the raw character it came from.

    Attributes:
        text: The normalized text; paragraphs are separated by ``\\n``.
        offsets: ``offsets[i]`` is the raw offset of ``text[i]``.
    """

    text: str
    offsets: tuple[int, ...]

    def raw_offset(self, i: int) -> int:
        """Map a normalized offset back to the raw string.

        Args:
            i: Offset into ``text``; ``len(text)`` maps to just past the last used raw character.

        Returns:
            The raw offset.

        Raises:
            ValueError: ``i`` is outside ``0..len(text)``.
        """
        if not 0 <= i <= len(self.text):
            raise ValueError(f"offset {i} outside 0..{len(self.text)}")
        if i < len(self.text):
            return self.offsets[i]
        return self.offsets[-1] + 1 if self.offsets else 0

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``(start, end)`` covering normalized ``text[start:end]`` (``end`` exclusive)."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside 0..{len(self.text)} or empty")
        return self.offsets[start], self.offsets[end - 1] + 1

    def paragraphs(self) -> list[tuple[int, int]]:
        """``(start, end)`` normalized spans of the non-empty paragraphs, in order."""
        spans, pos = [], 0
        for part in self.text.split("\n"):
            if part:
                spans.append((pos, pos + len(part)))
            pos += len(part) + 1
        return spans


# ---------------------------------------------------------------- per-line cleaning
class _Line:
    __slots__ = ("chars", "offs", "spaced_out")

    def __init__(self, chars: list[str], offs: list[int], spaced_out: bool = False):
        self.chars, self.offs, self.spaced_out = chars, offs, spaced_out

    @property
    def text(self) -> str:
        return "".join(self.chars)


def _fold_line(raw: str, base: int) -> _Line:
    """Width folding, trimming and space removal between Chinese characters."""
    chars = [_fold(c) for c in raw]
    offs = list(range(base, base + len(raw)))
    # Drop zero-width and BOM characters entirely.
    keep = [i for i, c in enumerate(raw) if c not in "\ufeff\u200b"]
    chars, offs = [chars[i] for i in keep], [offs[i] for i in keep]
    while chars and chars[0] == " ":
        chars.pop(0), offs.pop(0)
    while chars and chars[-1] == " ":
        chars.pop(), offs.pop()
    spaced_out = bool(_SPACED_OUT.match("".join(chars)))
    label = _SPACED_LABEL.match("".join(chars))
    out_c: list[str] = []
    out_o: list[int] = []
    for i, c in enumerate(chars):
        if c == " ":
            if out_c and out_c[-1] == " ":
                continue
            nxt = next((x for x in chars[i + 1:] if x != " "), "")
            prev = out_c[-1] if out_c else ""
            keep_label_gap = label is not None and len(out_c) == label.end()
            if not keep_label_gap and (_zh(prev) or _zh(nxt)):
                continue  # spaces around Chinese text are layout, not content
        out_c.append(c)
        out_o.append(offs[i])
    return _Line(out_c, out_o, spaced_out)


def _ascii_word(ch: str) -> bool:
    return bool(ch) and ch.isascii() and ch.isalnum()


def _restore_punct(line: _Line, stack: list[bool], line_start_numbering: bool) -> None:
    """Half-width punctuation in Chinese context → Chinese punctuation, in place.

    ``stack`` carries open ``(`` brackets across lines (True when converted to （).
    """
    c = line.chars
    n = len(c)
    for i, ch in enumerate(c):
        prev = c[i - 1] if i else ""
        nxt = c[i + 1] if i + 1 < n else ""
        if ch == "(":
            conv = _zh(nxt) or _zh(prev)
            stack.append(conv)
            if conv:
                c[i] = "（"
        elif ch == ")":
            opened = stack.pop() if stack else None
            if opened or _zh(prev) or (opened is None and _zh(nxt)):
                c[i] = "）"
        elif ch == "（":
            stack.append(True)
        elif ch == "）":
            if stack:
                stack.pop()
        elif ch == ".":
            if _ascii_word(prev) and _ascii_word(nxt):
                continue  # 2.5, www.gov.cn
            if line_start_numbering and i <= 2 and prev.isdigit() and c[:i] and "".join(c[:i]).isdigit():
                continue  # 1. at a line start is numbering
            if _zh(prev) or _zh(nxt) or prev in "%)" or not nxt:
                c[i] = "。"
        elif ch in ",:;!?":
            if prev.isdigit() and nxt.isdigit() and ch in ",:":
                continue  # 1,000 or 10:30
            if _zh(prev) or _zh(nxt) or (ch in ",;" and prev in "%)"):
                c[i] = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}[ch]


def _bracket_depth_change(text: str, depth: int) -> int:
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth > 0:
            depth -= 1
    return depth


def _clean_lines(raw: str) -> list[_Line]:
    """Split ``raw`` into cleaned, non-empty lines; drop page marks, trailers, repeated letterheads."""
    lines: list[_Line] = []
    stack: list[bool] = []
    seen_spaced: set[str] = set()
    pos = 0
    for part in raw.split("\n"):
        body = part[:-1] if part.endswith("\r") else part
        line = _fold_line(body, pos)
        pos += len(part) + 1
        text = line.text
        if not text or _PAGE_MARK.match(text):
            continue
        if line.spaced_out:
            if text in seen_spaced:
                continue  # letterhead repeated by the extraction
            seen_spaced.add(text)
        _restore_punct(line, stack, line_start_numbering=True)
        text = line.text
        if _TRAILER.search(text):
            continue
        lines.append(line)
    return lines


# ---------------------------------------------------------------- joining lines
def _line_kind(text: str, spaced_out: bool) -> str:
    if is_numbered(text):
        return "numbered"
    if spaced_out or _standalone(text):
        return "standalone"
    if _BULLET.match(text):
        return "bullet"
    return "plain"


def _ends_terminal(text: str) -> bool:
    t = text.rstrip("”’")
    return bool(t) and t[-1] in _TERMINAL


def _is_orphan_closer(text: str, depth: int) -> bool:
    """A short line that only closes a bracket nobody opened (``厅)`` after a page break)."""
    return (
        depth == 0 and len(text) <= 15 and text[-1] in _CLOSE
        and not any(ch in _OPEN for ch in text) and is_title_like(text.rstrip("".join(_CLOSE)) or "x")
    )


def _hard_wrapped(lines: list[_Line], kinds: list[str]) -> tuple[bool, int]:
    """Whether most line breaks fall mid-sentence (a PDF extraction), and the line width.

    Counts breaks after a line that ends mid-sentence (M) against breaks after a sentence end
    followed by an ordinary line (S); the text is hard-wrapped when M outnumbers S.
    """
    mid = ends = 0
    depth = 0
    for i in range(len(lines) - 1):
        a, b = lines[i].text, lines[i + 1].text
        depth = _bracket_depth_change(a, depth)
        if depth or kinds[i + 1] != "plain" or kinds[i] == "standalone" or is_title_like(a):
            continue
        if _ends_terminal(a) or a[-1] in _CLOSERS:
            if not is_title_like(b):
                ends += 1
        else:
            mid += 1
    # Wrapped lines run to the right margin, so the longest line ending mid-sentence measures it.
    width = max(
        (len(x.text) for x, k in zip(lines, kinds, strict=True)
         if k != "standalone" and not _ends_terminal(x.text) and x.text[-1] not in _CLOSERS),
        default=0,
    )
    return mid >= 1 and mid > ends, width


def normalize(raw: str) -> Normalized:
    """Normalize raw document text and keep the offset map back to ``raw``.

    Args:
        raw: Raw text as read from the file (any line endings).

    Returns:
        ``Normalized`` text with one paragraph per line and ``raw_offset`` for citations.
    """
    if not isinstance(raw, str):
        raise ValueError(f"normalize expects str, got {type(raw).__name__}")
    lines = _clean_lines(raw)
    kinds = [_line_kind(x.text, x.spaced_out) for x in lines]
    hard, width = _hard_wrapped(lines, kinds)
    out_c: list[str] = []
    out_o: list[int] = []
    para = ""          # the paragraph so far
    para_kind = ""     # kind of its first line
    para_short = True  # every line of it ends before the margin (a title, not wrapped text)
    last_short = True  # its last line ends before the margin
    depth = 0
    for line, kind in zip(lines, kinds, strict=True):
        text = line.text
        if out_c and kind == "plain" and _is_orphan_closer(text, depth):
            continue
        short = not hard or len(text) < 0.75 * width
        if not out_c:
            join = None
        elif depth > 0 and kind != "numbered":
            join = True
        else:
            depth = 0
            join = _join(para, para_kind, para_short, last_short, text, kind, short, hard)
        if join is None or not join:
            if out_c:
                out_c.append("\n")
                out_o.append(out_o[-1] + 1)
            para, para_kind, para_short, last_short = text, kind, short, short
        else:
            if _ascii_word(out_c[-1]) and _ascii_word(text[0]):
                out_c.append(" ")
                out_o.append(out_o[-1] + 1)
            para += text
            para_short = para_short and short
        last_short = short
        out_c.extend(line.chars)
        out_o.extend(line.offs)
        depth = _bracket_depth_change(text, depth)
    return Normalized("".join(out_c), tuple(out_o))


def _join(
    para: str, para_kind: str, para_short: bool, last_short: bool,
    text: str, kind: str, short: bool, hard: bool,
) -> bool:
    """Whether line ``text`` continues paragraph ``para`` (see the module docstring).

    ``short`` / ``last_short`` say whether the new line / the paragraph's last line end before
    the right margin; in text that is not hard-wrapped every line counts as short.
    """
    if kind in ("numbered", "standalone", "bullet") or para_kind == "standalone":
        return False
    if _LABEL_ITEM.match(text) and (_ends_terminal(para) or _COLUMN_TITLE.match(para)):
        return False
    title_para = para_short and is_title_like(para)
    title_line = short and is_title_like(text)
    if para_kind == "numbered" and title_para:
        return False  # a title-only heading is complete on its line
    if _ends_terminal(para) or para[-1] in _CLOSERS:
        # In wrapped text a sentence end at the margin is a coincidence; before it, a paragraph end.
        return hard and not last_short and not title_line
    if title_para:
        return title_line  # a title broken over lines, not a headline before a sentence
    return True


def normalize_text(raw: str) -> str:
    """``normalize(raw).text``; the form clause texts are compared in."""
    return normalize(raw).text


def normalize_query(text: str) -> str:
    """Normalize a question or search text: width folding, Chinese punctuation, one space.

    Lines are never dropped or joined as in documents; line breaks become spaces.

    Args:
        text: Question text as typed.

    Returns:
        The cleaned single-line text.
    """
    if not isinstance(text, str):
        raise ValueError(f"normalize_query expects str, got {type(text).__name__}")
    line = _fold_line(" ".join(text.splitlines()), 0)
    _restore_punct(line, [], line_start_numbering=False)
    return line.text
