"""Traditional → simplified folding (OpenCC ``t2s``) shared by the parser, the tokenizer and eval.

A plan reposted in traditional script (縣民政局牽頭) is parsed on its simplified folding and
quoted as written; one converter per process, because building it reads OpenCC's dictionaries.
Folding is character for character, so offsets into the folded text are offsets into the original.
"""

from __future__ import annotations

from functools import cache

import opencc


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` with traditional characters folded to simplified ones, of the same length (a
    phrase rule that would change the length is replaced by character-wise folding)."""
    folded = _converter().convert(text)
    if len(folded) != len(text):
        folded = "".join(ch if len(s := _converter().convert(ch)) != 1 else s for ch in text)
    return folded
