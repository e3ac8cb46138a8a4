"""Department names as plans write them, folded: 省工信厅 = 省工业和信息化厅, 市发改委 = 市发展改革委.

Department names are written in full or abbreviated (省工信厅 / 省工业和信息化厅, 市发改委 /
市发展改革委, 住建 / 住房城乡建设). ``canonical_department`` folds them by general rule tables of
government abbreviations (the one copy of them), ``department_aliases`` lists the spellings to
search for, and ``department_stem`` drops the administrative level so a province office meets its
city counterpart (省发展改革委 ~ 市发展改革委). Names in traditional script are folded to simplified.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rag.ingest.script import to_simplified
from rag.model import Clause

_BRACKETS = str.maketrans({"(": "（", ")": "）", "〔": "（", "〕": "）", "[": "（", "]": "）", "［": "（", "］": "）"})


def clean_name(name: str) -> str:
    """A unit name without whitespace, trailing punctuation, 下同 or 等; brackets as （）."""
    name = re.sub(r"\s+", "", name).translate(_BRACKETS)
    name = name.strip("，,、；;。：:")
    name = re.sub(r"[（(]?下同[）)]?$", "", name)
    return re.sub(r"等$", "", name) if len(name) > 3 else name


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
    ("卫生健康局", "卫健局"),
    ("医疗保障局", "医保局"),
    ("退役军人事务局", "退役军人局"),
    ("发展和改革局", "发改局"),
    ("发展改革局", "发改局"),
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
    ("卫健局", "卫生健康局"),
    ("医保局", "医疗保障局"),
    ("退役军人局", "退役军人事务局"),
    ("发展和改革局", "发展改革局"),
    ("发改局", "发展改革局"),
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


_SECOND_NAME = re.compile(r"（[^（）、，]{2,14}(?:局|委|办|厅|办公室|委员会)）$")


@lru_cache(maxsize=65536)  # a library names a few thousand units, each hundreds of times
def canonical_department(name: str) -> str:
    """The canonical spelling of a department name (省工信厅 → 省工业和信息化厅).

    Args:
        name: Department name as written.

    Returns:
        The name with brackets unified to （）, whitespace removed and abbreviations expanded;
        unknown names come back cleaned but otherwise unchanged.
    """
    canon = clean_name(to_simplified(str(name)))
    # one body under two names (市发展改革委（市能源局）) is the first
    canon = _SECOND_NAME.sub("", canon) or canon
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
        E.g. ``{"市发改委", "市发展改革委", "发改委", "发展改革委", …}`` (a new set each call).
    """
    return set(_aliases(name))


@lru_cache(maxsize=65536)
def _aliases(name: str) -> frozenset[str]:
    canon = canonical_department(name)
    written = clean_name(to_simplified(name))
    forms = {written, canon}
    second = _SECOND_NAME.search(written)
    if second:  # its second name (市能源局) is asked about too
        forms.add(second.group(0)[1:-1])
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
    return frozenset(f for f in forms if f)


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


DUTY_ROLES = ("lead", "support", "support_inherited")
"""The ``Clause`` fields naming units, in the order a department's clauses are listed."""


def department_index(clauses: Iterable[Clause]) -> dict[str, list[tuple[Clause, str]]]:
    """Each department (canonical name) with the clauses naming it and the field that does.

    The one department index of a corpus: the service's department views and the answer layer's
    department look-ups (``X牵头哪些任务``) read it; it is built once per corpus.

    Args:
        clauses: Chunked clauses.

    Returns:
        ``{canonical name: [(clause, role), …]}``, ``role`` one of ``DUTY_ROLES``, clauses in the
        order given.
    """
    index: dict[str, list[tuple[Clause, str]]] = {}
    for clause in clauses:
        for role in DUTY_ROLES:
            for name in getattr(clause, role):
                index.setdefault(canonical_department(name), []).append((clause, role))
    return index
