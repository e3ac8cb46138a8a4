"""Plain-text markup a document may carry → plain lines: Markdown headings, quotes, list bullets,
emphasis, rules and tables.

Plans arrive as Markdown (a portal's export, a colleague's notes) as often as plain text. The
chunker reads numbering and 专栏 labels at the start of a line and the answer layer quotes
sentences, so ``## 一、总体要求``, ``> 唐山：…`` and ``1. **标题。** 正文`` must read as
``一、总体要求``, ``唐山：…`` and ``1. 标题。正文``. A table row becomes its cells joined by ``，``, closed by ``。``.

Like every normalizer rule, ``strip_markup`` looks at one line alone, and only at ASCII markers
that official Chinese text does not open a line with (``#``, ``>``, ``|``, ``**``), so a plain
text passes through unchanged.
"""

from __future__ import annotations

import re

# A horizontal rule (---, ***) or a table's alignment row (|:---:|---|).
_RULE_LINE = re.compile(r"^\s*(?:(?:[-*_]\s*){3,}|\|?(?:\s*:?-{2,}:?\s*\|)+\s*(?::?-{2,}:?\s*)?\|?)\s*$")
# Heading hashes and quote marks (any mix, ### or > >), or a list bullet before text.
_LEAD = re.compile(r"^\s*(?:(?:#{1,6}|>)\s*)+|^\s*[-*+]\s+(?=[^\d\s])")  # not "- 12 -", a page mark
_EMPHASIS = re.compile(r"\*\*|__")
# A table row: cells between bars. The opening bar is optional, so that a clause cut from the
# raw file at its first cell still reads as the row it is (slices normalize on their own).
_TABLE_ROW = re.compile(r"^\s*\|?(?:[^|]*\|){2,}\s*$")


def strip_markup(line: str) -> tuple[str, list[int]] | None:
    """One raw line without its markup, and for each kept character its index in ``line``.

    Args:
        line: One line of raw text (no line break).

    Returns:
        ``(text, indices)``, or ``None`` when the whole line is markup (a rule, a table's
        alignment row). Table cell separators become ``，`` and a row's closing bar ``。``.
    """
    if "|" not in line and "#" not in line and ">" not in line and "*" not in line and "_" not in line and "-" not in line:
        return line, list(range(len(line)))  # the common case: nothing to strip
    if _RULE_LINE.match(line) and line.strip():
        return None
    drop = [False] * len(line)
    lead = _LEAD.match(line)
    if lead:
        drop[: lead.end()] = [True] * lead.end()
    for m in _EMPHASIS.finditer(line):
        drop[m.start(): m.end()] = [True] * (m.end() - m.start())
    chars = list(line)
    if _TABLE_ROW.match(line):
        bars = [i for i, ch in enumerate(line) if ch == "|"]
        if not line[: bars[0]].strip():
            drop[bars[0]] = True
            bars = bars[1:]
        for i in bars[:-1]:
            chars[i] = "，"
        chars[bars[-1]] = "。"  # a row is one record: its own sentence, never joined to the next
    kept = [i for i in range(len(line)) if not drop[i]]
    return "".join(chars[i] for i in kept), kept


def is_markdown_row(line: str) -> bool:
    """Whether ``line`` is a Markdown table row (cells between bars)."""
    return "|" in line and _TABLE_ROW.match(line) is not None
