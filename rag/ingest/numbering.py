"""The numbering grammar of Chinese government documents, in one place.

Headings and items are labelled 第一编 / 第一章 / 第一节 / 第一条, 一、, （一）, 1., （1）, ①. Every
stage that needs a label reads it here: the line joiner (does a line open with a label?), the
outline (which level, which value?), the inline splitter (a label standing after 。 in a flattened
text), and the answer layer (a heading without its label).

Values make the sequence checkable: ``label_value("paren_cn", "十二") == 12``. A label followed by a
digit (``12.100个示范村建设``, ``7.5G基站建设``, ``3.2025年底前…``) reads as a decimal on its own; it
is a label only where the document's sequence expects that number next (``expected``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

CN_NUM = "[一二三四五六七八九十百零〇两兩]+"
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2, "兩": 2}

# (kind, pattern at a line start); the first group, when present, is the label's value.
KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("part", rf"^第({CN_NUM}|\d+)[编編]"),
        ("chapter", rf"^第({CN_NUM}|\d+)章"),
        ("section", rf"^第({CN_NUM}|\d+)[节節]"),
        ("article", rf"^第({CN_NUM}|\d+)[条條]"),
        ("cn", rf"^({CN_NUM})、"),
        ("paren_cn", rf"^[（(]({CN_NUM})[）)]"),
        ("arabic", r"^(\d{1,2})[.．、]"),
        ("paren_arabic", r"^[（(](\d{1,2})[）)]"),
        ("circled", r"^([①-⑳])"),
    )
)
ARTICLE_KINDS = frozenset({"part", "chapter", "section", "article"})
# A label at a line start, for the line joiner (a decimal 2.5 opens no paragraph).
NUMBERING = re.compile(
    rf"^(?:第(?:{CN_NUM}|\d+)[编章节条編節條]|{CN_NUM}、|[（(]{CN_NUM}[）)]|\d{{1,2}}[.．、](?!\d)"
    r"|[（(]\d{1,2}[）)]|[①-⑳])"
)
# Any label at the start of a heading, with the space after it (to show a heading without it).
LABEL = re.compile(rf"^\s*(?:第(?:{CN_NUM}|\d+)[编章节条編節條]|[（(][^）)]{{1,4}}[）)]|{CN_NUM}[、.．]|\d+[.．、]|[①-⑳])\s*")


def cn_value(text: str) -> int:
    """A Chinese or Arabic numeral's value: 十二 → 12, 二十八 → 28, 一百零五 → 105, 二〇二四 → 2024.

    Raises:
        ValueError: ``text`` is not a numeral.
    """
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch not in "十百" for ch in text):
        raise ValueError(f"not a numeral: {text!r}")
    if "十" not in text and "百" not in text:  # digit by digit, as in a year: 二〇二四
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    total, digit = 0, 0
    for ch in text:
        if ch in "十百":
            total += (digit or 1) * (10 if ch == "十" else 100)
            digit = 0
        else:
            digit = _CN_DIGITS[ch]
    return total + digit


def cn_numeral(n: int) -> str:
    """``cn_value``'s inverse below a hundred, as a label is written: 1 → 一, 12 → 十二, 20 → 二十."""
    digits = "零一二三四五六七八九"
    tens, units = divmod(n, 10)
    return ((digits[tens] if tens > 1 else "") + "十" if tens else "") + (digits[units] if units or not tens else "")


def numbering_of(text: str, expected: Mapping[str, int] | None = None) -> tuple[str, str, str] | None:
    """``(kind, label, marker)`` of a numbered heading at the start of ``text``.

    ``label`` is the numbering without its punctuation for ids (``六`` of ``（六）``, ``第一条`` for
    article kinds, ``3`` for ``③``); ``marker`` is the label as written.

    Args:
        text: A paragraph.
        expected: The value each kind would take next in this document (``{"arabic": 12}``);
            an Arabic label followed by a digit (``12.100个…``) is accepted only when it is the
            expected next value, and never as the first of its sequence.

    Returns:
        The label, or ``None`` when ``text`` does not open with one.
    """
    for kind, pattern in KINDS:
        m = pattern.match(text)
        if not m:
            continue
        marker = m.group(0)
        if kind == "arabic" and text[m.end():m.end() + 1].isdigit():
            want = (expected or {}).get(kind, 0)
            if want < 2 or int(m.group(1)) != want:
                return None
        if kind in ARTICLE_KINDS:
            label = marker
        elif kind == "circled":
            label = str(ord(marker) - 0x245F)
        else:
            label = m.group(1)
        return kind, label, marker
    return None


def value_of(kind: str, label: str) -> int:
    """The numeric value of ``numbering_of``'s label: 第十二条 → 12, 六 → 6, 3 → 3."""
    if kind in ARTICLE_KINDS:
        return cn_value(label[1:-1])
    return cn_value(label)


def strip_label(heading: str) -> str:
    """A heading without its numbering label: （四）激活数据要素价值 → 激活数据要素价值."""
    return LABEL.sub("", heading, count=1)
