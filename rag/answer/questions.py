"""One message, several questions: 哪个部门牵头？到2026年建多少个？ is answered as two."""

from __future__ import annotations

import re

from rag.answer.kinds import ASKERS_OWN_TIME

_QUESTION_END = re.compile(r"(?<=[？?])")
_CLAUSE_SEP = re.compile(r"(?<=[，,；;])")
# (in either script: 幾個戰友合夥創業，總額上限是多少 is asked as its simplified spelling is)
_INTERROGATIVE = re.compile(r"谁|誰|哪|多少|几|幾|什么|什麼|甚麼|吗|嗎|么|麼|是否|有没有|有沒有|能不能|要不要|怎么|怎麼|如何|何时|何時|多久|多长|多長")
MAX_PARTS = 4
_ALNUM = re.compile(r"[A-Za-z0-9]+")
# 冷库容量和冷藏车数量分别要做到多少: two subjects asked the same thing, each its own question
_EACH = re.compile(r"^(?P<pre>.*[的，,])?(?P<a>[^的，,和与及]{2,12})(?:和|与|及|、)(?P<b>[^的，,？?和与及]{2,12}?)分别(?P<rest>.+)$")


# the spoken question words and the written ones the cues are written in: 要啥条件 is 要什么条件
_SPOKEN = str.maketrans({"啥": "什么", "咋": "怎么"})
_SPOKEN_YI = re.compile(r"(\d+(?:\.\d+)?|[一两二三四五六七八九十]+)个亿")


def written(question: str) -> str:
    """``question`` with its spoken question words written out (啥 → 什么, 咋 → 怎么) and its
    spoken amounts as plans write them (5个亿 → 5亿)."""
    return _SPOKEN_YI.sub(r"\1亿", question.translate(_SPOKEN))


def _cjk(text: str) -> int:
    """How much a part says: its CJK characters, and two for each run of letters or digits
    (4A级的呢 names a subject of its own, 4A)."""
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text) + 2 * len(_ALNUM.findall(text))


# a clause opening with a few of something (几个战友合伙创业，…) says who asks, not how many
_FEW = re.compile(r"^(?:我们|我們|我|咱们|咱們|有)?[几幾](?:个|個|家|位|名|户|戶|人)")


def _asks(text: str) -> bool:
    text = ASKERS_OWN_TIME.sub("", text.strip())  # (前几天被野猪拱了: when, not how many days)
    few = _FEW.match(text)
    return _INTERROGATIVE.search(text[few.end():] if few else text) is not None


def split_question(question: str) -> list[str]:
    """The questions of one message: 哪个部门牵头？到2026年建多少个？ → two, and so is
    从哪天开始施行，有效期到什么时候？ (two asks joined by a comma, each with its own question
    word), and so is 冷库容量和冷藏车数量分别要做到多少 (two subjects, each asked); a part with
    fewer than four CJK characters stays with the one before it, and there are at most
    ``MAX_PARTS``.

    Args:
        question: The message as asked.

    Returns:
        One or more non-empty questions, in order.
    """
    pieces: list[str] = []
    question = written(question)
    for part in _QUESTION_END.split(question.strip()):
        each = _EACH.match(part)
        if each:
            pre = each.group("pre") or ""
            pieces += [f"{pre}{each.group(s)}{each.group('rest')}" for s in ("a", "b")]
            continue
        clauses = [c for c in _CLAUSE_SEP.split(part) if c.strip()]
        # split at a comma only where the words on both sides ask something of their own
        if len(clauses) > 1 and all(_asks(c) and _cjk(c) >= 4 for c in clauses[-2:]):
            head = "".join(clauses[:-1]).strip()
            pieces += [head, clauses[-1]]
        else:
            pieces.append(part)
    parts: list[str] = []
    for part in pieces:
        if not part.strip():
            continue
        # a short tail stays with its question; past MAX_PARTS the rest is one question, so a
        # message of many question marks costs at most MAX_PARTS searches
        if parts and (_cjk(part) < 4 or len(parts) == MAX_PARTS):
            parts[-1] += part
        else:
            parts.append(part.strip())
    return parts or [question]
