"""Faithfulness of answers: every unit an answer names as 牵头 or 责任 stands in the cited clause's
own notes in that role.

An answer sentence ends with its citation marker ``[n]``; a unit named before ``牵头`` in it must
be a 牵头单位 of clause ``n`` (its ``lead``), a unit listed after ``责任单位：`` one of its 责任单位
(own or carried by 下同). A department lookup (``市财政局牵头2项：甲[1]；乙[2]``) names its unit once
for a list of cited tasks: the unit must lead (or take part in) every one of them. Names are
compared folded (``rag.ingest.departments.canonical_department``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.ingest.departments import canonical_department
from rag.ingest.duties import join_shared_heads
from rag.model import Answer, Clause

_MARKED = re.compile(r"(.*?)\[(\d+)\]", re.S)
_LEADS = re.compile(r"(?:^|[：“”，。；由\s])([^：“”，。；()（）\[\]]+?)牵头(?!\d+项)")
_SUPPORT = re.compile(r"责任单位：([^。；\[]+)")
# a lookup's list ends at its 。 (one outside brackets): what follows answers another question
_LOOKUP = re.compile(r"([^：；。]+?)(牵头|参与)\d+项：(.*?)(?=；[^；]*?(?:牵头|参与)\d+项：|。(?![^（(]*[)）])|$)", re.S)


def _names(group: str) -> list[str]:
    # (各区、县人民政府 is one unit, as the notes read it)
    names = [n.removesuffix("（下同）").strip() for n in join_shared_heads(re.split(r"、(?![^（(]*[)）])", group.removeprefix("由")))]
    return [n for n in names if n and n != "未列责任单位"]


def _quoted(segment: str, clause: Clause) -> bool:
    """A segment that quotes the clause's own words (a sentence it cites) asserts nothing more."""
    pieces = [p for p in re.split(r"[…；。]|^[^：]{1,12}：", segment) if len(p) >= 6]
    return bool(pieces) and all(p.strip("，、 ") in clause.text for p in pieces)


def _holds(names: Sequence[str], unit: str) -> bool:
    unit = canonical_department(unit)
    return any(canonical_department(n) == unit for n in names)


def unsupported(answer: Answer) -> list[str]:
    """What ``answer`` asserts about responsibility that its cited clauses do not state.

    Returns:
        One line per unsupported claim (empty when the answer is faithful).
    """
    if not answer.answerable:
        return []
    clauses: dict[int, Clause] = {n: hit.clause for n, hit in enumerate(answer.citations, 1)}
    problems: list[str] = []
    text = answer.answer
    for m in _LOOKUP.finditer(text):
        unit, role, tasks = m.group(1).split("：")[-1].strip(), m.group(2), m.group(3)
        for n in map(int, re.findall(r"\[(\d+)\]", tasks)):
            clause = clauses.get(n)
            names = (clause.lead if role == "牵头" else clause.all_support) if clause else ()
            if clause is None or not _holds(names, unit):
                problems.append(f"{unit} {role} [{n}]: not in {clause.id if clause else '?'}'s notes")
    rest = _LOOKUP.sub("", text)
    for m in _MARKED.finditer(rest):
        segment, clause = m.group(1), clauses.get(int(m.group(2)))
        if clause is None or _quoted(segment, clause):
            continue
        for lead in _LEADS.finditer(segment):
            for unit in _names(lead.group(1)):
                if not _holds(clause.lead, unit):
                    problems.append(f"{unit} 牵头 [{m.group(2)}]: {clause.id} leads {list(clause.lead)}")
        for group in _SUPPORT.finditer(segment):
            for unit in _names(group.group(1)):
                if not _holds(clause.all_support, unit):
                    problems.append(f"{unit} 责任单位 [{m.group(2)}]: {clause.id} lists {list(clause.all_support)}")
    return problems
