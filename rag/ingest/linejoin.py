"""Which kind of line each cleaned line is, and which lines join into one paragraph.

Joining is decided per pair of lines A (the paragraph so far) and B (the next line): a numbered
heading, 专栏 title, date, 文号, bullet or ``标签：`` item in B starts a paragraph; so does any line
after a standalone one (date, 文号, letterhead). Inside an open bracket lines always join. After a
sentence end the break is kept unless the text is *hard-wrapped* (most breaks fall mid-sentence,
as in a PDF extraction), where a sentence end at the right margin is only a coincidence. Short
title lines (no sentence punctuation) join each other — a title broken over two lines — but not
a following sentence.

``rag.ingest.normalize`` cleans each line (width folding, punctuation) and hands the lines here; the
line patterns (numbering, dates, 文号) are shared with the chunker through ``rag.ingest.normalize``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.ingest.numbering import NUMBERING

_TERMINAL = frozenset("。！？；：…")
_CLOSERS = frozenset("”’》）〕】」』")
_OPEN = "（(〔【"
_CLOSE = "）)〕】"
_SENTENCE_PUNCT = re.compile(r"[。，；：！？,;:!?]")

# ---------------------------------------------------------------- line classes
_DATE_CN = "[〇零一二三四五六七八九十]"
DATE_LINE = re.compile(rf"^(?:\d{{4}}年\d{{1,2}}月\d{{1,2}}日|{_DATE_CN}{{4}}年{_DATE_CN}{{1,2}}月{_DATE_CN}{{1,3}}日)$")
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}[号號]")
_DOC_NUMBER_LINE = re.compile(rf"^{DOC_NUMBER.pattern}$")
_REMARK_LINE = re.compile(r"^（此件[^（）：]{0,12}）$")
_SOURCE_MARKER = re.compile(r"^(?:以下(?:为|是)?(?:原文|全文)|(?:原文|全文)如下)[：:]?$")
_COLUMN_TITLE = re.compile(r"^专栏\s*\d*(?:\s|[：:]|$)")
_BULLET = re.compile(r"^(?:——|—|●|■|◆|▲|•|\*|-\s|·)")
_LABEL_ITEM = re.compile(r"^[^，。；：,;:（）()]{1,15}[：:]\S")


class Line:
    """One cleaned line: its characters, each one's raw offset, whether it was spaced out
    (聊 城 市 人 民 政 府, a letterhead), whether a blank line stood before it and whether it was
    written from a text table's row (a paragraph of its own)."""

    __slots__ = ("after_blank", "chars", "offs", "spaced_out", "table_row")

    def __init__(self, chars: list[str], offs: list[int], spaced_out: bool = False, after_blank: bool = False,
                 table_row: bool = False):
        self.chars, self.offs, self.spaced_out, self.after_blank = chars, offs, spaced_out, after_blank
        self.table_row = table_row

    @property
    def text(self) -> str:
        return "".join(self.chars)


def is_numbered(line: str) -> bool:
    """True when ``line`` opens with a numbering label (一、, （一）, 1., 第一条, ① …)."""
    return bool(NUMBERING.match(line))


def is_title_like(line: str, max_len: int = 50) -> bool:
    """Short line without sentence punctuation: a title, heading, signature or label."""
    return 0 < len(line) <= max_len and not _SENTENCE_PUNCT.search(line)


def is_ascii_word(ch: str) -> bool:
    """True for an ASCII letter or digit (a character of an English word or a number)."""
    return bool(ch) and ch.isascii() and ch.isalnum()


def _standalone(line: str) -> bool:
    return bool(
        DATE_LINE.match(line) or _DOC_NUMBER_LINE.match(line) or _REMARK_LINE.match(line)
        or _SOURCE_MARKER.match(line) or _COLUMN_TITLE.match(line)
    )


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


def _bracket_depth_change(text: str, depth: int) -> int:
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth > 0:
            depth -= 1
    return depth


def _is_orphan_closer(text: str, depth: int) -> bool:
    """A short line that only closes a bracket nobody opened (``厅)`` after a page break)."""
    return (
        depth == 0 and len(text) <= 15 and text[-1] in _CLOSE
        and not any(ch in _OPEN for ch in text) and is_title_like(text.rstrip("".join(_CLOSE)) or "x")
    )


def _hard_wrapped(lines: Sequence[Line], kinds: list[str]) -> tuple[bool, int]:
    """Whether most line breaks fall mid-sentence (a PDF extraction), and the line width.

    Counts breaks after a line that ends mid-sentence (M) against breaks after a sentence end
    followed by an ordinary line (S); the text is hard-wrapped when M outnumbers S, most of
    those breaks fall at about one width, and lines do not run far past that width.
    """
    mid = ends = 0
    depth = 0
    mid_lengths: list[int] = []
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
            mid_lengths.append(len(a))
    # Wrapped lines run to the right margin, so the longest line ending mid-sentence measures it.
    width = max(
        (len(x.text) for x, k in zip(lines, kinds, strict=True)
         if k != "standalone" and not _ends_terminal(x.text) and x.text[-1] not in _CLOSERS),
        default=0,
    )
    # Lines running far past that "margin" (paragraphs of a web page beside its short metadata
    # lines) show there is no margin at all.
    overlong = sum(len(x.text) > 1.5 * width for x, k in zip(lines, kinds, strict=True) if k != "standalone")
    if overlong >= 3 and overlong > 0.1 * len(lines):
        return False, width
    # At a margin the breaks fall at about one width; short lines of different lengths that end
    # mid-sentence (a page's 字号 / 成文日期 lines) are no margin.
    at_margin = sum(n >= 0.8 * width for n in mid_lengths)
    return mid >= 1 and mid > ends and at_margin >= 0.5 * len(mid_lengths), width


def join_lines(lines: Sequence[Line]) -> tuple[list[str], list[int]]:
    """Join cleaned lines into paragraphs separated by ``\\n`` (see the module docstring).

    Args:
        lines: Non-empty cleaned lines in file order.

    Returns:
        The characters of the joined text and, for each, its raw offset (a ``\\n`` or a space
        put between two joined English words takes the offset after the previous character).
    """
    kinds = [_line_kind(x.text, x.spaced_out) for x in lines]
    hard, width = _hard_wrapped(lines, kinds)
    out_c: list[str] = []
    out_o: list[int] = []
    para = ""          # the paragraph so far
    para_kind = ""     # kind of its first line
    para_short = True  # every line of it ends before the margin (a title, not wrapped text)
    last_short = True  # its last line ends before the margin
    depth = 0
    row = False  # the paragraph so far is a table's row
    for line, kind in zip(lines, kinds, strict=True):
        text = line.text
        if out_c and kind == "plain" and _is_orphan_closer(text, depth) and not line.table_row:
            continue
        short = not hard or len(text) < 0.75 * width
        if not out_c:
            join = None
        elif line.table_row or row:
            join, depth = False, 0  # a table's row is a paragraph of its own
        elif line.after_blank and not depth and (not (hard or _mid_word(para, text)) or _LABEL_ITEM.match(para)):
            join = False  # a blank line ends a paragraph, unless it falls inside a sentence (never a 标签：值 line's)
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
            if is_ascii_word(out_c[-1]) and is_ascii_word(text[0]):
                out_c.append(" ")
                out_o.append(out_o[-1] + 1)
            para += text
            para_short = para_short and short
        last_short = short
        row = line.table_row
        out_c.extend(line.chars)
        out_o.extend(line.offs)
        depth = _bracket_depth_change(text, depth)
    return out_c, out_o


def _mid_word(para: str, text: str) -> bool:
    """A break between two Chinese characters of one running sentence (充电运 / 营、汽车文旅…)."""
    return (_is_cjk(para[-1]) and _is_cjk(text[0]) and not is_title_like(text) and not is_title_like(para))


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


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
    if _LABEL_ITEM.match(text) and (_ends_terminal(para) or _COLUMN_TITLE.match(para) or _LABEL_ITEM.match(para)):
        return False  # (发文单位：… then 文号：…: a list of labelled values, one a line)
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
