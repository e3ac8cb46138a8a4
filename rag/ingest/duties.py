"""Who is responsible for a clause: 牵头 (lead) and 责任 / 配合 (support) units, 下同, as written.

Plans state responsibility in several forms, all read here:

* a note with role words — ``（牵头单位：省发展改革委、省工业和信息化厅；责任单位：省商务厅，各相关市政府，
  下同）``, ``（主办：县卫生健康局；协办：县医保局）``, a task table row's ``（牵头单位：…；配合单位：…；
  完成时限：…）`` (a key that names no role, such as 完成时限, ends the unit list);
* a note naming units before their role verbs — ``（省发展改革委牵头，省工业和信息化厅按职责分工负责）``,
  ``（各市政府负责，省发展改革委统筹协调）``;
* where a clause has no note, its sentences — ``由县民政局负责``, ``县民政局会同县财政局…负责``,
  ``市应急管理局牵头，市消防救援支队配合``, ``市大数据局负责…``, ``乡镇人民政府配合做好…`` (only unit
  names ending like a body of government, never 各牵头单位 or 有关部门, count; 县应急管理局应当… is
  a duty of its subject too).

Every unit keeps the role word the document gives it (``Duties.roles``: 协办, 配合单位, 会同 …) and is
mapped to lead or support for the views. 下同 ("same below") makes part of a note reach the later
clauses: the comma-delimited group right before 下同 (各相关市政府 above), or the whole role list when
there is no such group; the chunker carries it forward as ``support_inherited``.

A text in traditional script (縣民政局牽頭) is parsed on its simplified folding and its units are
returned as written. Name folding (省工信厅 = 省工业和信息化厅) lives in ``rag.ingest.departments``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rag.ingest.departments import clean_name
from rag.ingest.numbering import strip_label
from rag.ingest.script import to_simplified

LEAD_ROLES = ("牵头单位", "牵头部门", "主责单位", "主责部门", "主办单位", "牵头", "主办")
SUPPORT_ROLES = (
    "责任单位", "责任部门", "配合单位", "配合部门", "参与单位", "参与部门", "协同单位", "协办单位",
    "协作单位", "支持单位", "协办", "配合", "参与",
)
# a role key and its colon (牵头单位：, 责任单位：), the role word captured
ROLE_LINE = re.compile("(" + "|".join(sorted(LEAD_ROLES + SUPPORT_ROLES, key=len, reverse=True)) + r")\s*[：:]")
# A note: an opening bracket, a role keyword, anything (one level of nested brackets allowed) up to
# the matching closing bracket, or to the end of the text when the note was cut off.
_NOTE = re.compile(
    r"[（(]\s*(?=(?:" + "|".join(LEAD_ROLES + SUPPORT_ROLES) + r")\s*[：:])"
    r"((?:[^（）()]|[（(][^（）()]*[）)])*)(?:[）)]|$)"
)
# The same keys standing unbracketed at the end of a task or on a line of their own (…。责任单位：
# 市民政局（牵头）、市财政局；完成时限：2025年11月底前): a key opening the text or following a
# sentence end.
KEYED = re.compile(r"(?:^|(?<=[。；;！？\s]))(?=" + ROLE_LINE.pattern + ")")
# a unit marked as the lead inside a list of 责任单位: 市民政局（牵头）
_MARKED_LEAD = re.compile(r"[（(](?:牵头|牵头单位|牵头部门|主责|主办)[）)]$")
# Another key inside a note (完成时限：…, 备注：…) ends the units of the role before it.
_OTHER_KEY = re.compile(r"[；;，,]\s*[\u4e00-\u9fff]{2,6}[：:]")
# A document's own statement that the first unit of a 责任单位 list leads the task.
FIRST_LEADS = re.compile(r"(?:排在|排名|列|位列)?(?:第一位|第一个|首位|首个)(?:的|单位|部门)*为牵头(?:单位|部门)")
# The other common form of note names the units before their role verbs. Every comma-delimited
# part must be unit names followed by a role verb, and every name must end like a body of
# government, so an ordinary aside in brackets is never read as a note.
_LEAD_VERBS = ("共同牵头", "联合牵头", "牵头负责", "牵头", "统筹协调", "统筹推进", "统筹")
_SUPPORT_VERBS = ("按职责分工负责", "按职责分工落实", "按职责负责", "分工负责", "共同负责", "负责落实", "负责",
                  "配合", "参与", "协同", "协助", "落实")
_VERB_PART = re.compile(
    r"^(?P<names>.+?)(?:等)?(?P<verb>" + "|".join(sorted(_LEAD_VERBS + _SUPPORT_VERBS, key=len, reverse=True)) + r")$")
_UNIT_SUFFIX = (r"(?:办事处|管委会|委员会|人民政府|政府|公司|中心|分局|支队|大队|单位|部门|机构|厅|局|委|办|部|院|社|行|会|组|联|"
                r"协|处|办公室|研究室|参事室|站|所|队)")  # (a room, 小蚕共育室 or 实验室, is no body: 办公室 is)
_UNIT_END = re.compile(_UNIT_SUFFIX + "$")
# what a bracketed note may hold: text and brackets of its own one level deep
# (（牵头单位：市住房和城乡建设局；配合单位：市发展改革委（市能源局））)
IN_NOTE = r"(?:[^（）()]|[（(][^（）()]*[）)])"
_BRACKETED = re.compile(rf"[（(]({IN_NOTE}+)[）)]")
_CARRY = "下同"
_SHORT_FORM = re.compile(r"[（(](?:以下)?简称[^（）()]*[）)]")
# A remark after the units naming others that take part in this task and every later one, not
# listed again: （此项及以下各项任务均需各县（市、区）人民政府落实，不再列出）
# (IN_NOTE: one level of brackets inside, 各县（市、区）人民政府)
_BELOW_TOO = re.compile(rf"[（(]({IN_NOTE}*?以下{IN_NOTE}*?不再(?:一一)?(?:列出|重复列出|单独列出){IN_NOTE}*?)[）)]")
_BELOW_UNITS = re.compile(r"(?:均需|均由|需由|均要|均|需|由)((?:[^，。；（）()]|[（(][^（）()]*[）)])+?)(?:负责)?(?:落实|实施|推进|参与|配合)")
_GENERIC_TAIL = frozenset({"单位", "部门", "机构", "单位等", "部门等"})
# Sentences: a unit name (a bracketed part such as （市、区） allowed) ending like a body of government.
# (由, 的, 对 … and 会同 never stand inside a name: 规划由市发展改革局 is no unit.)
# (所在乡镇人民政府 is one: 所在 names the township a task is in.)
_NAME = rf"(?:(?!会同)(?:所在|[^\s，。；、：:（）()《》“”由的将把被对向从在])|[（(][^（）()]{{1,8}}[）)]){{1,28}}?{_UNIT_SUFFIX}"
_UNITS = rf"{_NAME}(?:(?:、|以及|和|及){_NAME})*"
# 和 / 及 between two names (县生态环境局和所在乡镇人民政府), not inside one (住房和城乡建设局)
_AND = re.compile(r"(?<=[局委办厅府院会队部社行组处室站所])(?:以及|和|及)(?=[\u4e00-\u9fff])")
# a rule's article: 由X受理 / 审批 / 责令…处…罚款 names who handles it as plainly as 由X负责
_BY = re.compile(rf"由(?P<lead>{_UNITS})(?:牵头)?(?:会同(?P<with>{_UNITS}))?(?:共同)?"
                 rf"(?:负责|组织实施|组织|牵头|统筹|协调|审核|拨付|受理|审批|审查|办理|核发|认定|查处|责令|处以|予以)"
                 rf"(?:会同(?P<support>{_UNITS}))?")
_WITH = re.compile(rf"^(?P<lead>{_UNITS})会同(?P<support>{_UNITS})")
# 领导小组办公室设在市商务局，负责统筹协调: the unit hosting the office that runs the work leads it
_OFFICE_IN = re.compile(rf"(?:领导小组|联席会议|工作专班|专班|指挥部|委员会)办公室设在(?P<lead>{_UNITS})")
_LEADS = re.compile(rf"^(?P<lead>{_UNITS})(?:按照?(?:各自)?职责(?:分工)?)?(?:牵头负责|负责(?!人)|牵头|应当|要|将|统筹|组织)"
                    rf"|^(?P<head>{_UNITS})是[^，。；]{{0,30}}?(?:主管部门|牵头部门|责任主体|责任单位)")
# a modal verb (应当, 要, 将) makes no task of a party a rule regulates: 县（区）教育局应当建立档案 is a
# body's task, 第三方机构应当…提出申请 and 供水单位应当… are duties of those it regulates
_MODAL = frozenset({"应当", "要", "将"})
_PARTY_END = re.compile(r"(?:机构|单位)$")
_SUPPORTS = re.compile(rf"^(?P<support>{_UNITS})(?:按职责分工负责|配合|协助|参与|共同负责)")
_GENERIC = re.compile(r"^(?:各|有关|相关|其他|各级|上述|本)*(?:有关|相关|牵头|配合|责任|成员|主管|其他|行政)?(?:单位|部门|机构|方面|主管部门)$")
_CLAUSE_END = re.compile(r"[。；;，,！？]")
# a question (a 问答's 问 line, 谁来审核？) names no one's duty, whatever unit-like words it holds
_ASKED = re.compile(r"[^。；;！!？?]*[？?]")
_TRAILING_VERB = re.compile(r"(?:按职责分工|按职责)?(?:负责落实|负责|配合|参与|落实)$")
# a note's own word on which of its units leads: （责任单位：A、B、C，其中A为牵头单位）
_NAMED_LEAD = re.compile(rf"[，,；;]?\s*其中(?P<lead>{_UNITS})(?:为|是|作为)牵头(?:单位|部门)")


@dataclass(frozen=True)
class Duties:
    """Departments named as responsible in one clause.

    Attributes:
        lead: 牵头单位, in order of appearance, as written.
        support: 责任单位 (and 配合单位 …), in order of appearance, as written.
        carried: Units a 下同 note carries forward to later clauses.
        roles: ``(role word as the document writes it, unit)`` for every unit of ``lead`` and
            ``support`` (``("协办", "县医保局")``, ``("会同", "县财政局")``); detail of the other
            fields, so left out of equality.
    """

    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    carried: tuple[str, ...] = ()
    roles: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    carried_leads: bool = field(default=False, compare=False)  # 牵头单位：市商务局，下同: they lead below too


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


def join_shared_heads(parts: list[str]) -> list[str]:
    """The pieces of a 、 list with a bare level joined to the unit after it: 各区 and 县人民政府 are
    one unit, 各区、县人民政府, whose levels share the head (the notes' reading and the checks' of
    an answer's list, ``eval.faithful``)."""
    out: list[str] = []
    for part in parts:
        if out and _SHARED_HEAD.fullmatch(out[-1].strip()) and _UNIT_END.search(clean_name(part)):
            out[-1] = f"{out[-1].strip()}、{part.strip()}"
        else:
            out.append(part)
    return out


def _names(segment: str) -> list[str]:
    names: list[str] = []
    parts = [p for chunk in _split_top(segment, "，,；;") for p in join_shared_heads(_split_top(chunk, "、"))]
    for part in parts:
        name = clean_name(part)
        verb = _TRAILING_VERB.search(name)  # 各市人民政府负责落实: the unit, not its verb
        if verb and _UNIT_END.search(name[:verb.start()]):
            name = name[:verb.start()]
        if not name or name == _CARRY or name in ("（下同）", "以下同") or FIRST_LEADS.search(name):
            continue  # (列第一位的为牵头单位 is how the list is read, no unit)
        if name in _GENERIC_TAIL and names:
            names[-1] = f"{names[-1]}、{name}"  # 省政府有关部门、单位 is one unit
            continue
        names.append(name)
    return names


# a level written before another that shares its head (各区、县人民政府, 市、县两级政府)
_SHARED_HEAD = re.compile(r"(?:各|全)?[省市县区乡镇]")


class _Reader:
    """Collects units with their roles, keeping each as the original text writes it."""

    def __init__(self, original: str, folded: str):
        self.original, self.folded = original, folded
        self.lead: list[str] = []
        self.support: list[str] = []
        self.carried: list[str] = []
        self.carried_leads = False
        self.roles: list[tuple[str, str]] = []

    def written(self, name: str) -> str:
        at = self.folded.find(name)
        return self.original[at:at + len(name)] if at >= 0 else name

    def add(self, names: Iterable[str], role: str, lead: bool) -> None:
        for name in names:
            shown = self.written(name)
            (self.lead if lead else self.support).append(shown)
            self.roles.append((self.written(role) if role in self.folded else role, shown))

    def duties(self) -> Duties:
        return Duties(_unique(self.lead), _unique(self.support), _unique(self.written(n) for n in self.carried),
                      tuple(dict.fromkeys(self.roles)), self.carried_leads)


def parse_duties(text: str) -> Duties:
    """Read who is responsible for one clause (see the module docstring for the forms).

    Args:
        text: Normalized clause text, in any script.

    Returns:
        ``Duties`` with lead, support, the units carried forward by 下同 and the role words.
    """
    folded = to_simplified(text)
    reader = _Reader(text, folded)
    for note in _NOTE.finditer(folded):
        _keyed(note.group(1), reader)
    if not reader.lead and not reader.support:
        keyed = KEYED.search(folded)
        if keyed:
            _keyed(folded[keyed.start():], reader)
    if not reader.lead and not reader.support:
        for note in _BRACKETED.finditer(folded):
            _verb_note(note.group(1), reader)
    if not reader.lead and not reader.support:
        _sentences(folded, reader)
    return reader.duties()


def _keyed(body: str, reader: _Reader) -> None:
    """Units under role keys (牵头单位：…；责任单位：…), a unit marked （牵头） among them a lead, and
    so are those the note names as such (责任单位：A、B、C，其中A为牵头单位)."""
    roles = list(ROLE_LINE.finditer(body))
    for i, role in enumerate(roles):
        segment = body[role.end(): roles[i + 1].start() if i + 1 < len(roles) else len(body)]
        below = _BELOW_TOO.search(segment)
        also = _BELOW_UNITS.search(below.group(1)) if below else None
        if below:
            segment = segment[:below.start()] + segment[below.end():]
        # （以下简称市发展改革委，下同） names the unit's short form; its 下同 carries no duty
        segment = _SHORT_FORM.sub("", segment).split("。", 1)[0]
        named = _NAMED_LEAD.search(segment)
        if named:
            leads = _names(named.group("lead"))
            segment = segment[:named.start()] + segment[named.end():]
            reader.add(leads, "牵头单位", True)
        other = _OTHER_KEY.search(segment)
        segment = segment[:other.start()] if other else segment
        names = [n for n in _names(segment) if not (named and n in leads)]
        marked = [n for n in names if _MARKED_LEAD.search(n)]
        reader.add([_MARKED_LEAD.sub("", n) for n in marked], "牵头", True)
        reader.add([n for n in names if n not in marked], role.group(1), role.group(1) in LEAD_ROLES)
        if also is not None:  # (after the listed units: the first of those may be the lead)
            added = _names(also.group(1))
            reader.add(added, role.group(1), False)
            reader.carried.extend(added)
        if _CARRY in segment and not FIRST_LEADS.search(segment.split(_CARRY, 1)[0]):
            # (…，列第一位的为牵头单位，下同 carries the way of reading, not the units)
            reader.carried.extend(_carried(segment) or names)
            reader.carried_leads = role.group(1) in LEAD_ROLES


def _verb_note(body: str, reader: _Reader) -> None:
    """A note of the form 甲牵头，乙、丙按职责分工负责(，下同); nothing when ``body`` is not one."""
    parts: list[tuple[list[str], str]] = []
    carried: list[str] = []
    last: list[str] = []  # the names of the part before, which a 下同 part carries forward
    for part in (p.strip() for p in _split_top(body, "，,；;")):
        if not part:
            continue
        if part in (_CARRY, "以下同"):
            if not last:
                return
            carried.extend(last)
            continue
        m = _VERB_PART.match(part)
        if m and m.group("names").startswith("由"):
            return  # 由A和B共同牵头 is a sentence (``_sentences``), its names joined by 和
        last = _names(m.group("names")) if m else []
        if not last or not all(_UNIT_END.search(n) and len(n) <= 25 for n in last):
            return
        parts.append((last, m.group("verb")))
    for names, verb in parts:
        reader.add(names, verb, verb in _LEAD_VERBS)
    reader.carried.extend(carried)


def _units(group: str | None) -> list[str]:
    names = [part for n in _names(group or "") for part in _AND.split(n)]
    return [n for n in names if not _GENERIC.match(n)]


def _sentences(folded: str, reader: _Reader) -> None:
    """Responsibilities stated in sentences: 由X负责, X会同Y, X牵头，Y配合, X负责…, Y配合…"""
    body = _ASKED.sub("", strip_label(folded))  # (問：我獻過血，以後自己住院要用血，能免多少？ assigns nothing)
    for m in _BY.finditer(body):
        reader.add(_units(m.group("lead")), "负责", True)
        reader.add(_units(m.group("with")) + _units(m.group("support")), "会同", False)
    for m in _OFFICE_IN.finditer(body):
        reader.add(_units(m.group("lead")), "办公室设在", True)
    starts = [0, *(m.end() for m in _CLAUSE_END.finditer(body))]
    for at in starts:
        piece = body[at:].lstrip()
        m = _WITH.match(piece)
        if m:
            reader.add(_units(m.group("lead")), "负责", True)
            reader.add(_units(m.group("support")), "会同", False)
            continue
        m = _LEADS.match(piece)
        if m:
            group = "lead" if m.group("lead") else "head"  # X负责… / X是…主管部门
            verb = piece[m.end(group):m.end()] if group == "lead" else "主管"
            if verb in _MODAL and _PARTY_END.search(m.group(group)):
                continue  # (第三方机构应当…提出申请: a rule's duty of those it regulates, not a body's task)
            reader.add(_units(m.group(group)), verb, True)
            continue
        m = _SUPPORTS.match(piece)
        if m:
            reader.add(_units(m.group("support")), piece[m.end("support"):m.end()], False)


def _carried(segment: str) -> list[str]:
    """Names in the comma-delimited group right before 下同; empty when there is no such group."""
    head = segment.split(_CARRY, 1)[0]
    groups = [g for g in _split_top(head, "，,；;") if clean_name(g)]
    return _names(groups[-1]) if len(groups) > 1 else []


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in names if n))
