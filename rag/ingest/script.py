"""Traditional → simplified folding (OpenCC ``t2s``) shared by the parser, the tokenizer and eval.

A plan reposted in traditional script (縣民政局牽頭) is parsed on its simplified folding and
quoted as written; one converter per process, because building it reads OpenCC's dictionaries.
Folding is character for character, so offsets into the folded text are offsets into the original.
"""

from __future__ import annotations

from functools import cache

import opencc

_BMP = 0xFFFF


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` with traditional characters folded to simplified ones, of the same length (a
    phrase rule that would change the length is replaced by character-wise folding)."""
    folded = _converter().convert(text)
    if len(folded) != len(text):
        folded = "".join(ch if len(s := _converter().convert(ch)) != 1 else s for ch in text)
    if folded.isascii() or ord(max(folded)) <= _BMP:
        return folded
    # a rare character whose simplified form lies outside the basic plane (璕 → 𬍤, 嵽 → 𫶇) keeps its
    # own: every pattern and dictionary reads place and unit names in the basic plane (璕溪县人民政府)
    return "".join(f if ord(f) <= _BMP or ord(t) > _BMP else t for t, f in zip(text, folded, strict=True))
