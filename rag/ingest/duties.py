"""Responsibility notes: 牵头单位 (lead) and 责任单位 (support), 下同, department name folding.

Plans attach a note to each task, e.g.
``（牵头单位：省发展改革委、省工业和信息化厅；责任单位：省商务厅，各相关市政府，下同）``.
``parse_duties`` reads every such note in a clause, and, where a clause has none, notes that name
the units before their role verbs: （省发展改革委牵头，省工业和信息化厅按职责分工负责）. 下同 ("same below") makes part of the note
reach the later clauses: the comma-delimited group right before 下同 (各相关市政府 above), or the
whole role list when there is no such group. The chunker carries it forward and shows it as
``support_inherited``.

Department names are written in full or abbreviated (省工信厅 / 省工业和信息化厅, 市发改委 /
市发展改革委, 住建 / 住房城乡建设). ``canonical_department`` folds them by general rule tables of
government abbreviations, ``department_aliases`` lists the spellings to search for, and
``department_stem`` drops the administrative level so a province office meets its city
counterpart (省发展改革委 ~ 市发展改革委).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rag.model import Clause

LEAD_ROLES = ("牵头单位", "牵头部门", "主责单位", "主责部门", "主办单位", "牵头")
SUPPORT_ROLES = (
    "责任单位", "责任部门", "配合单位", "配合部门", "参与单位", "参与部门", "协同单位", "协办单位",
    "协作单位", "支持单位",
)
_ROLE = re.compile("(" + "|".join(sorted(LEAD_ROLES + SUPPORT_ROLES, key=len, reverse=True)) + r")\s*[：:]")
# A note: an opening bracket, a role keyword, anything (one level of nested brackets allowed) up to
# the matching closing bracket, or to the end of the text when the note was cut off.
_NOTE = re.compile(
    r"[（(]\s*(?=(?:" + "|".join(LEAD_ROLES + SUPPORT_ROLES) + r")\s*[：:])"
    r"((?:[^（）()]|[（(][^（）()]*[）)])*)(?:[）)]|$)"
)
# The other common form of note names the units before their role verbs:
# （省发展改革委牵头，省工业和信息化厅、省数据和政务服务局按职责分工负责）,
# （各市政府负责，省发展改革委统筹协调）. Every comma-delimited part must be unit names followed
# by a role verb, and every name must end like a body of government, so an ordinary aside in
# brackets is never read as a note.
_LEAD_VERBS = ("牵头负责", "牵头", "统筹协调", "统筹推进", "统筹")
_SUPPORT_VERBS = ("按职责分工负责", "按职责分工落实", "按职责负责", "分工负责", "共同负责", "负责落实", "负责",
                  "配合", "参与", "协同", "协助", "落实")
_VERB_PART = re.compile(
    r"^(?P<names>.+?)(?:等)?(?P<verb>" + "|".join(sorted(_LEAD_VERBS + _SUPPORT_VERBS, key=len, reverse=True)) + r")$")
_UNIT_END = re.compile(r"(?:厅|局|委|办|政府|管委会|委员会|部|院|社|行|会|中心|公司|分局|支队|大队|单位|部门|机构|组)$")
_BRACKETED = re.compile(r"[（(]((?:[^（）()]|[（(][^（）()]*[）)])+)[）)]")
_CARRY = "下同"
_GENERIC_TAIL = frozenset({"单位", "部门", "机构", "单位等", "部门等"})
_BRACKETS = str.maketrans({"(": "（", ")": "）", "〔": "（", "〕": "）", "[": "（", "]": "）", "［": "（", "］": "）"})


@dataclass(frozen=True)
class Duties:
    """Departments named in a clause's responsibility notes.

    Attributes:
        lead: 牵头单位, in order of appearance.
        support: 责任单位 (and 配合单位 …), in order of appearance.
        carried: Units a 下同 note carries forward to later clauses.
    """

    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    carried: tuple[str, ...] = ()


def _split_top(text: str, seps: str) -> list[str]:
    """Split at ``seps`` outside brackets (各县（市、区）人民政府 stays whole)."""
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in "（(〔[":
            depth += 1
        elif ch in "）)〕]" and depth:
            depth -= 1
        if ch in seps and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return parts


def _clean_name(name: str) -> str:
    name = re.sub(r"\s+", "", name).translate(_BRACKETS)
    name = name.strip("，,、；;。：:")
    name = re.sub(r"[（(]?下同[）)]?$", "", name)
    return re.sub(r"等$", "", name) if len(name) > 3 else name


def _names(segment: str) -> list[str]:
    names: list[str] = []
    for part in _split_top(segment, "、，,；;"):
        name = _clean_name(part)
        if not name or name == _CARRY or name in ("（下同）", "以下同"):
            continue
        if name in _GENERIC_TAIL and names:
            names[-1] = f"{names[-1]}、{name}"  # 省政府有关部门、单位 is one unit
            continue
        names.append(name)
    return names


def parse_duties(text: str) -> Duties:
    """Read the responsibility notes of one clause.

    Args:
        text: Normalized clause text.

    Returns:
        ``Duties`` with lead, support and the units carried forward by 下同 (empty if none).
    """
    lead: list[str] = []
    support: list[str] = []
    carried: list[str] = []
    for note in _NOTE.finditer(text):
        body = note.group(1)
        roles = list(_ROLE.finditer(body))
        for i, role in enumerate(roles):
            segment = body[role.end(): roles[i + 1].start() if i + 1 < len(roles) else len(body)]
            names = _names(segment)
            (lead if role.group(1) in LEAD_ROLES else support).extend(names)
            if _CARRY in segment:
                carried.extend(_carried(segment) or names)
    if not lead and not support:
        for note in _BRACKETED.finditer(text):
            parsed = _verb_note(note.group(1))
            if parsed is not None:
                lead.extend(parsed.lead)
                support.extend(parsed.support)
                carried.extend(parsed.carried)
    return Duties(_unique(lead), _unique(support), _unique(carried))


def _verb_note(body: str) -> Duties | None:
    """A note of the form 甲牵头，乙、丙按职责分工负责(，下同); ``None`` when ``body`` is not one."""
    lead: list[str] = []
    support: list[str] = []
    carried: list[str] = []
    last: list[str] = []  # the names of the part before, which a 下同 part carries forward
    for part in (p.strip() for p in _split_top(body, "，,；;")):
        if not part:
            continue
        if part in (_CARRY, "以下同"):
            if not last:
                return None
            carried.extend(last)
            continue
        m = _VERB_PART.match(part)
        last = _names(m.group("names")) if m else []
        if not last or not all(_UNIT_END.search(n) and len(n) <= 25 for n in last):
            return None
        (lead if m.group("verb") in _LEAD_VERBS else support).extend(last)
    return Duties(tuple(lead), tuple(support), tuple(carried)) if lead or support else None


def _carried(segment: str) -> list[str]:
    """Names in the comma-delimited group right before 下同; empty when there is no such group."""
    head = segment.split(_CARRY, 1)[0]
    groups = [g for g in _split_top(head, "，,；;") if _clean_name(g)]
    return _names(groups[-1]) if len(groups) > 1 else []


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in names if n))


# ---------------------------------------------------------------- name folding
# (full form, abbreviation): the canonical name uses the left side. Ordered so that longer forms
# are folded before the shorter ones they contain. General government naming, not one file's list.
_FULL_FORMS: tuple[tuple[str, str], ...] = (
    ("发展和改革委员会", "发改委"),
    ("发展改革委员会", "发改委"),
    ("发展改革委", "发改委"),
    ("工业和信息化", "工信"),
    ("经济和信息化", "经信"),
    ("住房和城乡建设", "住建"),
    ("住房城乡建设", "住建"),
    ("人力资源和社会保障", "人社"),
    ("人力资源社会保障", "人社"),
    ("科学技术", "科技"),
    ("市场监督管理", "市场监管"),
    ("卫生健康委员会", "卫健委"),
    ("卫生健康委", "卫健委"),
    ("国有资产监督管理委员会", "国资委"),
    ("文化和旅游", "文旅"),
    ("生态环境", "环保"),
    ("交通运输", "交通"),
    ("农业农村", "农业"),
    ("机关事务管理局", "机关事务局"),
    ("城市管理局", "城管局"),
    ("城市管理综合执法局", "综合执法局"),
    ("地方金融监督管理局", "地方金融监管局"),
    ("应急管理", "应急"),
    ("自然资源和规划", "自然资源"),
    ("教育和体育", "教育体育"),
)
# Fold to these canonical spellings (the right side of each pair is only an abbreviation).
_CANON_REPLACE: tuple[tuple[str, str], ...] = (
    ("发展和改革委员会", "发展改革委"),
    ("发展改革委员会", "发展改革委"),
    ("发改委", "发展改革委"),
    ("住房和城乡建设", "住房城乡建设"),
    ("住建", "住房城乡建设"),
    ("人力资源和社会保障", "人力资源社会保障"),
    ("人社", "人力资源社会保障"),
    ("科学技术", "科技"),
    ("市场监督管理", "市场监管"),
    ("卫生健康委员会", "卫生健康委"),
    ("卫健委", "卫生健康委"),
    ("国有资产监督管理委员会", "国资委"),
    ("文旅", "文化和旅游"),
    ("地方金融监督管理局", "地方金融监管局"),
    ("城管局", "城市管理局"),
    ("机关事务局", "机关事务管理局"),
)
# Abbreviations that only stand for the full form right before an office suffix (工信厅, 交通局).
_SUFFIXED: tuple[tuple[str, str], ...] = (
    ("工信", "工业和信息化"),
    ("经信", "经济和信息化"),
    ("交通", "交通运输"),
    ("环保", "生态环境"),
    ("应急", "应急管理"),
)
_OFFICE_SUFFIX = "厅局委办"
# A one-character level prefix (省/市/县/区), not the 市 of 市场监管局 or 市属/市直/市政.
_LEVEL = re.compile(r"^(?:[省县区州盟旗]|市(?![场属直政级])|自治区|国家)")


def canonical_department(name: str) -> str:
    """The canonical spelling of a department name (省工信厅 → 省工业和信息化厅).

    Args:
        name: Department name as written.

    Returns:
        The name with brackets unified to （）, whitespace removed and abbreviations expanded;
        unknown names come back cleaned but otherwise unchanged.
    """
    canon = _clean_name(str(name))
    for short, full in _SUFFIXED:
        canon = re.sub(rf"{short}(?=[{_OFFICE_SUFFIX}])", full, canon)
    for old, new in _CANON_REPLACE:
        canon = canon.replace(old, new)
    return canon


def department_aliases(name: str) -> set[str]:
    """Spellings of the same department: canonical, abbreviated, and without the level prefix.

    Args:
        name: Department name as written, e.g. ``市发改委``.

    Returns:
        E.g. ``{"市发改委", "市发展改革委", "发改委", "发展改革委", …}``.
    """
    canon = canonical_department(name)
    forms = {_clean_name(name), canon}
    abbreviated = canon
    for full, short in _FULL_FORMS:
        if full in abbreviated and full != short:
            abbreviated = abbreviated.replace(full, short)
    forms.add(abbreviated)
    for form in list(forms):
        bare = _LEVEL.sub("", form)
        if bare and bare != form and len(bare) >= 2:
            forms.add(bare)
    # 各区县政府 is asked about as 区县政府, 各相关市政府 as 相关市政府 (not stripped further)
    forms |= {f[1:] for f in forms if f.startswith("各") and len(f) >= 4}
    return {f for f in forms if f}


def department_stem(name: str) -> str:
    """The level-free canonical name, so 省发展改革委 and 市发改委 compare equal.

    Args:
        name: Department name as written.

    Returns:
        The canonical name without its 省/市/县/区 prefix and with 厅/局 folded to 局.
    """
    bare = _LEVEL.sub("", canonical_department(name))
    return re.sub(r"厅$", "局", bare)


def extract_departments(clauses: Iterable[Clause]) -> list[str]:
    """Every department named in the clauses' notes, own and inherited, in first-seen order.

    Args:
        clauses: Chunked clauses.

    Returns:
        Names as parsed (not folded), without repeats.
    """
    names: dict[str, None] = {}
    for clause in clauses:
        for name in (*clause.lead, *clause.support, *clause.support_inherited):
            names.setdefault(name, None)
    return list(names)
