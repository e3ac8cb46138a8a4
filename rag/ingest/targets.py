"""Quantitative targets (指标) in clause text: value, unit, deadline year and the sentence.

``到2025年，全省新能源汽车产量力争达到100万辆左右`` gives ``Target(100.0, "万辆", 2025, …,
raw="100万辆左右")``. A number only counts with a unit of measure after it (辆, 万台, %, 万元,
家, 个 …), so years (2025年), dates (12月26日), 文号 (〔2023〕236号), list numbering (1.) and
codes (L3, V2G) are never targets. The deadline is the year in 到/至/力争到…年 or
…年(年)底前 in the same sentence, else in an earlier sentence of the same paragraph.
"""

from __future__ import annotations

import re

from rag.ingest.script import to_simplified
from rag.model import Target

# Longer units first so 万千瓦时 wins over 万千瓦 and 万辆 over 辆.
_UNITS = sorted(
    """
    万千瓦时 亿千瓦时 千瓦时 万千瓦 千瓦 兆瓦 吉瓦 万辆 辆 万台 台 万套 套 万个 个 家 户 万户
    亿元 亿 万元 元 万吨 吨 座 场 项 条 公里 千米 万公里 万人 人 名 所 款 倍 万平方米 平方米 万亩 亩
    处 批 次 万次 根 列 艘 栋 架 株 个百分点 百分点 % ‰ GW MW GWh kW
    """.split(),
    key=len,
    reverse=True,
)
_QUALIFIER = "及以上|左右|以上|以下|以内|多|余"
_TARGET = re.compile(
    r"(?<![A-Za-z0-9.〔\[第])(\d+(?:\.\d+)?)\s*(?:余|多)?\s*("
    + "|".join(re.escape(u) for u in _UNITS)
    + r")(?![A-Za-z])(?:" + _QUALIFIER + r")?"
)
_DEADLINE = re.compile(
    r"(?:到|至|力争到|力争在|力争|截至|截止到?)\s*(\d{4})\s*年|(\d{4})\s*年\s*(?:年底|年末|底|末)?\s*(?:前|以前|之前)"
)
_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")


def _deadline(sentence: str) -> int | None:
    m = _DEADLINE.search(sentence)
    if not m:
        return None
    return int(m.group(1) or m.group(2))


def deadline_years(text: str) -> set[int]:
    """Every deadline year ``text`` states (到2027年, 2026年底前)."""
    return {int(m.group(1) or m.group(2)) for m in _DEADLINE.finditer(to_simplified(text))}


# a number written without its unit, the unit being the table's or the box's (琮川市：公共建筑170，合计420
# under 专栏 …（单位：万平方米）): not a year, a date, a share or a number with a unit of its own
_BARE = re.compile(r"(?<![A-Za-z0-9.〔\[第])(\d+(?:\.\d+)?)(?![\d.]|\s*(?:年|月|日|号|[A-Za-z%‰]|"
                   + "|".join(re.escape(u) for u in _UNITS) + "))")
UNIT_NOTE = re.compile(r"单位\s*[：:]\s*(" + "|".join(re.escape(u) for u in _UNITS) + r")\s*[）)]")
# a note giving each column of a box its unit (（单位：利用林地面积 万亩；示范基地 个）, （单位：万辆、个）)
_COLUMNS_NOTE = re.compile(r"单位\s*[：:]\s*([^（）()]{1,60})[）)]")
_UNIT_AT_END = re.compile("(" + "|".join(re.escape(u) for u in _UNITS) + r")\s*$")


def column_units(note: str) -> tuple[str, ...]:
    """The units of a box's columns, in order, that a unit note gives (（单位：利用林地面积 万亩；
    示范基地 个） → 万亩, 个); empty unless every piece of the note ends with a unit."""
    m = _COLUMNS_NOTE.search(to_simplified(note))
    if m is None:
        return ()
    pieces = [p.strip() for p in re.split(r"[；;，,、/]", m.group(1)) if p.strip()]
    units = [u.group(1) if (u := _UNIT_AT_END.search(p)) else None for p in pieces]
    return tuple(units) if units and None not in units else ()  # type: ignore[arg-type]


def extract_targets(text: str, unit: str | tuple[str, ...] | None = None) -> tuple[Target, ...]:
    """Every quantitative target stated in ``text``.

    Args:
        text: Normalized clause text (ASCII digits; run ``rag.ingest.normalize`` first).
        unit: The unit a number written bare is in, when its box or table names one
            (``UNIT_NOTE``: （单位：万平方米）), or the units of the box's columns in order
            (``column_units``: 岢东县：30；14 under （单位：利用林地面积 万亩；示范基地 个）: a line's
            bare numbers take them one by one when it writes one number per column); ``None``: a
            bare number is no target.

    Returns:
        Targets in reading order; ``year`` is ``None`` when no deadline is stated.
    """
    if not isinstance(text, str):
        raise ValueError(f"extract_targets expects str, got {type(text).__name__}")
    # read in simplified script (12個 is 12个), kept as written: folding keeps every character's place
    simple = to_simplified(text)
    written = text if len(simple) == len(text) else simple
    columns = unit if isinstance(unit, tuple) else ()
    if isinstance(unit, tuple):
        unit = unit[0] if len(unit) == 1 else None
    targets: list[Target] = []
    start = 0
    for paragraph in simple.split("\n"):
        if len(columns) > 1:
            bare = list(_BARE.finditer(paragraph))
            if len(bare) == len(columns):  # one number per column, in the note's order
                targets += [Target(float(b.group(1)), u, _deadline(paragraph), written[start:start + len(paragraph)],
                                   written[start + b.start():start + b.end()]) for b, u in zip(bare, columns, strict=True)]
            start += len(paragraph) + 1
            continue
        year: int | None = None
        for m in _SENTENCE.finditer(paragraph):
            sentence = m.group(0).strip()
            at = start + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            as_written = written[at:at + len(sentence)]
            year = _deadline(sentence) or year
            for t in _TARGET.finditer(sentence):
                if t.group(2) in ("个", "名", "人", "次", "条", "项") and not _has_measure_context(sentence, t):
                    continue
                targets.append(Target(float(t.group(1)), as_written[t.start(2):t.end(2)], year, as_written,
                                      as_written[t.start():t.end()]))
            if unit:
                targets += [Target(float(b.group(1)), unit, year, as_written, as_written[b.start():b.end()])
                            for b in _BARE.finditer(sentence)]
        start += len(paragraph) + 1
    return tuple(targets)


def _has_measure_context(sentence: str, match: re.Match) -> bool:
    """Count words (个, 项 …) are targets only next to a verb of reaching or building.

    ``聚焦…等6个关键领域`` lists fields; ``新增市级以上创新平台5个左右`` sets a target.
    """
    before = sentence[max(0, match.start() - 24): match.start()]
    return bool(re.search(r"达到|达|新增|培育|建成|建设|打造|举办|突破|超过|不少于|力争|实现|累计|形成|引进|创建|认定|"
                          r"组建|新建|改造|培训|带动|吸纳|储备", before))
