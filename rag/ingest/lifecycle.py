"""A document's standing read from its own words: when it lapses (有效期) and what it repeals (废止).

Plans close with sentences such as 本办法自2024年7月1日起施行，有效期5年 (in force until
2029-06-30), 本方案自印发之日起实施，有效期至2027年12月31日, or 《…办法》（鲁政办发〔2019〕12号）
同时废止. ``read_standing`` finds them; ``repealed_ids`` matches the documents named as repealed
against the corpus by 文号 or title. Only sentences about the document itself count (本办法,
本方案 … or a closing line that starts with 有效期), so a clause that says how long one subsidy
runs does not make the whole plan lapse. What is found is written to ``documents.toml`` by
``rag.ingest.add`` and can be overridden there or by the ``policyqa`` options.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from rag.ingest.linejoin import DOC_NUMBER
from rag.ingest.normalize import normalize_text
from rag.model import Document

_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_NUM = r"[0-9〇零一二三四五六七八九十]"
_DATE = rf"({_NUM}{{4}})年({_NUM}{{1,3}})月({_NUM}{{1,3}})日"
_SELF = re.compile(r"本(?:办法|方案|通知|意见|规定|细则|措施|若干措施|计划|行动计划|政策|规划|决定|文件|实施细则|实施方案|指南)")
_UNTIL = re.compile(rf"有效期(?:至|截至|截止至|截止到|到){_DATE}")
_YEARS = re.compile(rf"有效期(?:为)?({_NUM}{{1,3}})年")
_FROM = re.compile(rf"自{_DATE}起(?:施行|实施|执行|生效)")
_FROM_ISSUE = re.compile(r"自(?:印发|发布|公布|下发)之日起(?:施行|实施|执行|生效)")
_REPEAL = re.compile(r"(?:同时|即行|予以|一并|自行|相应)废止|停止执行")
_TITLE = re.compile(r"《([^《》]{4,80})》")
_SENTENCE = re.compile(r"[^。；;\n]+")
_BRACKETS = str.maketrans("［］【】[]〔〕()（）", "〔〕〔〕〔〕〔〕（）（）")


@dataclass(frozen=True)
class Standing:
    """What a text says about its own validity.

    Attributes:
        expires: Last day in force, ``YYYY-MM-DD``; empty when the text names none.
        repeals: Titles (without 《》) and 文号 of documents the text repeals, in order.
    """

    expires: str = ""
    repeals: tuple[str, ...] = ()


def _number(text: str) -> int:
    """2024 / 二〇二四 → 2024, 十二 → 12, 三十一 → 31, 5 / 五 → 5."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_DIGITS.get(tens, 1) if tens else 1) * 10 + (_DIGITS.get(ones, 0) if ones else 0)
    return int("".join(str(_DIGITS[c]) for c in text))


def _day(groups: tuple[str, str, str]) -> date | None:
    try:
        return date(*(_number(g) for g in groups))
    except (KeyError, ValueError):
        return None


def _years_later(start: date, years: int) -> date:
    """The last day of a term of ``years`` years beginning on ``start`` (2024-07-01, 5 → 2029-06-30)."""
    try:
        end = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        end = start.replace(year=start.year + years, day=28) + timedelta(days=1)
    return end - timedelta(days=1)


def read_standing(text: str, issued: str = "") -> Standing:
    """The expiry date and the repealed documents a document's text states.

    Args:
        text: Raw or normalized document text.
        issued: The document's issue date ``YYYY-MM-DD`` (for 自印发之日起…有效期N年); may be empty.

    Returns:
        A ``Standing``; the last statement about the document's own term wins (closing articles
        come last).
    """
    expires, repeals = "", []
    for sentence in _SENTENCE.findall(normalize_text(text)):
        about_self = bool(_SELF.search(sentence)) or sentence.lstrip().startswith("有效期")
        if about_self and (until := _UNTIL.search(sentence)):
            day = _day(until.groups())
            expires = day.isoformat() if day else expires
        elif about_self and (years := _YEARS.search(sentence)):
            start = _FROM.search(sentence)
            begin = _day(start.groups()) if start else None
            if begin is None and _FROM_ISSUE.search(sentence) and issued:
                begin = date.fromisoformat(issued)
            n = _number(years.group(1)) if years.group(1) else 0
            if begin is not None and 0 < n <= 100:
                expires = _years_later(begin, n).isoformat()
        if _REPEAL.search(sentence):
            repeals += _TITLE.findall(sentence)
            repeals += [m.group(0) for m in DOC_NUMBER.finditer(sentence)]
    return Standing(expires, tuple(dict.fromkeys(repeals)))


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", text.translate(_BRACKETS))


def repealed_ids(standing: Standing, documents: Iterable[Document], own_id: str = "") -> list[str]:
    """Ids of the corpus documents that ``standing.repeals`` names, by 文号 or by title.

    A title matches when equal, or when one holds the other and the shorter has at least six
    characters (关于印发《X》的通知 names X).

    Args:
        standing: From ``read_standing``.
        documents: The corpus documents.
        own_id: The repealing document's own id (never matched).

    Returns:
        Matching ids in corpus order.
    """
    names = [_fold(n) for n in standing.repeals]
    found = []
    for doc in documents:
        if doc.id == own_id:
            continue
        number, title = _fold(doc.number), _fold(doc.title)
        for name in names:
            if (number and name == number) or name == title or (
                    min(len(name), len(title)) >= 6 and (name in title or title in name)):
                found.append(doc.id)
                break
    return found
