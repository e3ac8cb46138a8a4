"""Composers of responsibility answers: who leads a task (牵头单位), who else takes part
(责任单位, with 下同 carried), and every task a department leads or takes part in.

Units come only from the notes of the clauses cited; a task whose best clause names no unit is
answered with its sentence that names one, or refused — never with another task's note.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rag.answer.base import (
    LIMIT,
    Citations,
    ComposerBase,
    NoAnswer,
    label_of,
    more,
    quoted,
    specific_word,
)
from rag.answer.extract import DEADLINE_KEY, PROCEDURE_HEAD, extract
from rag.answer.intent import Detection
from rag.answer.registry import CUES
from rag.answer.sentences import (
    coverage,
    fitness,
    folded,
    sentences,
    task_name,
    task_summary,
    trim,
)
from rag.ingest.departments import canonical_department, department_aliases
from rag.ingest.duties import IN_NOTE, KEYED, ROLE_LINE
from rag.ingest.numbering import strip_label
from rag.model import Clause, Hit

_DUTY = 60  # characters of one task in a department's list
_LIST_BUDGET = 3 * LIMIT  # characters of a department's list of three tasks or more
_DETAIL_LEAST = 16  # characters of what a task asks, at least, in a long list
_DETAIL_MOST = 36  # … and at most
# a bracketed note naming who does it: （牵头单位：…） or （甲牵头，乙按职责分工负责）
# (a note may hold a bracketed name or short form of its own: 市场监督管理局（以下简称市市场监管局，下同）)
_ROLE_NOTE = re.compile(rf"[（(]{IN_NOTE}*(?:牵头|负责|责任|配合|协办|主办|参与|完成时限){IN_NOTE}*[）)]")
_ROLE_WORDS = re.compile(r"由|牵头|负责|会同|配合|按职责分工|各自|职责|[\W\d_]")
_DEADLINE = re.compile(rf"{DEADLINE_KEY.pattern}\s*([^；;）)，,]+)")

_SAME_TASK = 0.6  # a clause fitting the question this much worse than the best is another task
_ON_TASK = 0.4  # a sentence holding this share of the question's words is about its task


def duty_name(clause: Clause, unit: str) -> str:
    """What ``unit`` does in ``clause``: its task name; for an article without a heading of its
    own (第十七条 对因自然灾害等原因造成供水工程损毁的, a title cut from its first sentence), the
    sentence naming the unit, as the article states the duty there."""
    name = task_name(clause)
    body = strip_label(clause.text)
    if not name or not body.startswith(name) or body[len(name):len(name) + 1] not in ("，", ","):
        return name
    spellings = department_aliases(unit) | {unit}
    said = [s for s in sentences(body) if not ROLE_LINE.match(folded(s))]  # not 责任单位：市民政局（牵头）、…
    if not said:
        return name
    chosen = next((s for s in said if any(a in s for a in spellings)), said[0])
    must = next((a for a in sorted(spellings, key=len, reverse=True) if a in chosen), "")
    return trim(chosen, [unit], _DUTY, must=must)


def detail(clause: Clause, room: int = _DUTY, unit: str = "") -> str:
    """What a task asks (its body, cut to ``room`` characters; none below 12) and its time limit
    (完成时限：…), as ``（…）``. When a sentence of the body names ``unit`` (县农业农村局负责将…纳入
    项目库, in a 保障措施 whose first sentence is another body's), that sentence is what it asks."""
    simple = folded(clause.text)
    text = clause.text
    if len(simple) == len(text):  # notes in either script: cut where the simplified text has them
        for note in reversed(list(_ROLE_NOTE.finditer(simple))):
            text = text[:note.start()] + text[note.end():]
        keyed = KEYED.search(folded(text), 1)
        if keyed:  # …。责任单位：市民政局（牵头）、…；完成时限：… — the units are named apart
            text = text[:keyed.start()]
    summary = task_summary(replace(clause, text=text), room) if room >= 12 else ""  # "" for a bare title
    spellings = sorted(department_aliases(unit) | {unit}, key=len, reverse=True) if unit else []
    own = next((s for s in sentences(strip_label(text)) if any(a in s for a in spellings) and _says_what(s, spellings)),
               "") if room >= 12 else ""
    if own and not (summary and any(a in summary for a in spellings)):
        summary = trim(own, [unit], room, must=next(a for a in spellings if a in own))
    parts = [summary] if summary and strip_label(summary).rstrip("。…") != task_name(clause) else []
    deadline = _DEADLINE.search(simple)
    if deadline:
        parts.append(f"完成时限：{deadline.group(1)}")
    return f"（{'；'.join(parts)}）" if parts else ""


def _says_what(sentence: str, spellings: list[str]) -> bool:
    """Whether a sentence naming a unit says what it does (县农业农村局负责将…纳入项目库), not only
    that it is responsible (由市教育局负责。, a note, a units line)."""
    if sentence.lstrip()[:1] in "（(" or ROLE_LINE.match(folded(sentence)):
        return False
    rest = folded(sentence)
    for a in spellings:
        rest = rest.replace(folded(a), "")
    return len(_ROLE_WORDS.sub("", rest)) >= 6


class DutyComposer(ComposerBase):
    """The 牵头 / 责任 / department-lookup composers (``Route.composer`` names them)."""

    def lead(self, det: Detection, hits: list[Hit], cites: Citations) -> str | None:
        # A task whose note names no 牵头单位 (省交通运输厅、省水利厅按职责分工负责) is answered with
        # the units it does name, said to be responsible, not replaced by another task's lead.
        chosen, elsewhere = self.per_doc(det, hits, lambda c: bool(c.lead or c.support))
        other = self._about_the_task(det, hits, chosen, cites)
        if other is not None:
            return other
        if len(chosen) == 1 and not elsewhere:
            stated = self._stated_duty(det, chosen[0])
            if stated:
                return self.quote(det, [(chosen[0], stated)], cites)
        parts = [(h, f"{'、'.join(h.clause.lead)}牵头" if h.clause.lead
                  else f"{'、'.join(h.clause.support)}负责（未列牵头单位）") for h in chosen]
        if len(parts) == 1 and not elsewhere:
            h = parts[0][0]
            parts = [(h, f"{label_of(self.doc(h))}{quoted(task_name(h.clause))}由{parts[0][1]}")]
        return self.labelled(parts, cites, elsewhere) if parts else None


    def _stated_duty(self, det: Detection, hit: Hit) -> str | None:
        """An article without a responsibility note, whose units its sentences name (市城市管理局…
        负责主干道…；各区城市管理局…负责次干道、支路…; 本措施由县工业和信息化局负责解释): the sentence
        part naming a unit that holds most of the question's words, as the article states it —
        not "…由X牵头", a role the article does not use; ``None`` for a task with a note."""
        c = hit.clause
        text = folded(c.text)
        if _ROLE_NOTE.search(text) or ROLE_LINE.search(text) or not (c.lead or c.all_support):
            return None  # a note (（责任单位：…）, or unbracketed 牵头单位：…；责任单位：…) names the units, not a sentence
        return self._naming_piece(det, c)


    def _naming_piece(self, det: Detection, c: Clause) -> str | None:
        """The sentence part of ``c`` naming a unit that holds most of the question's words."""
        if not self.unit_names:
            return None
        pieces = [p for s in sentences(strip_label(c.text)) for p in re.split(r"(?<=；)", s)
                  if p.strip("；。 ") and self.unit_names.search(p)]
        return max(pieces, key=lambda p: coverage(det.terms, p), default=None)


    def _about_the_task(self, det: Detection, hits: list[Hit], chosen: list[Hit], cites: Citations) -> str | None:
        """When the clause that fits the question best has no responsibility note, and every
        clause with one fits it far worse, the note of another task must not answer: quote the
        best clause's sentence that names a unit (县卫生健康局每年…开展水质卫生监测), or refuse
        when no sentence on the task names one (放宽配送车辆通行时段 in a paragraph without a note).

        Returns:
            ``None`` when the chosen notes answer; else the quoted sentence.

        Raises:
            NoAnswer: The task asked about names no unit.
        """
        if not chosen or not hits:
            return None
        best = max(hits[:5], key=lambda h: fitness(det.terms, h))
        if best.clause.lead or best.clause.all_support:
            return None
        if max(fitness(det.terms, h) for h in chosen) >= _SAME_TASK * fitness(det.terms, best):
            return None
        naming = [e for e in extract(det.terms, (), hits[:5]) if e.topical >= _ON_TASK
                  and e.hit.clause.doc_id == best.clause.doc_id and self.unit_names and self.unit_names.search(e.sentence)]
        if not naming:
            # a measure without a unit of its own: the document's 申报程序 says who takes its
            # applications (人才生活补贴由县人力资源和社会保障局受理)
            procedure = next((h for h in hits if h.clause.doc_id == best.clause.doc_id
                              and PROCEDURE_HEAD.search(folded(h.clause.title))), None)
            piece = self._naming_piece(det, procedure.clause) if procedure else None
            if piece is None:
                raise NoAnswer
            return self.quote(det, [(procedure, piece)], cites)
        return self.quote(det, [(naming[0].hit, naming[0].sentence)], cites)


    def support(self, det: Detection, hits: list[Hit], cites: Citations) -> str | None:
        if det.departments and CUES["role"].search(det.text):  # 市财政局在…中是什么角色
            for h in hits:
                for dept in det.departments:
                    role = "牵头单位" if dept in map(canonical_department, h.clause.lead) else \
                        "责任单位" if dept in map(canonical_department, h.clause.all_support) else ""
                    if role:
                        others = "、".join(n for n in (h.clause.all_support if role == "牵头单位" else h.clause.lead)
                                          if canonical_department(n) != dept)
                        tail = f"（{'责任单位' if role == '牵头单位' else '牵头单位'}：{others}）" if others else ""
                        body = f"{dept}是{quoted(task_name(h.clause))}的{role}{tail}"
                        return f"{trim(body, det.terms, LIMIT)}{cites.mark(h)}。"
        def names_asked(c: Clause) -> bool:  # 工信局牵头，还有哪些部门配合: a task of 工信局
            return any(d in map(canonical_department, (*c.lead, *c.all_support)) for d in det.departments)

        named = det.departments and any(names_asked(h.clause) for h in hits)
        chosen, elsewhere = self.per_doc(det, hits, names_asked if named else lambda c: bool(c.lead or c.all_support))
        if not named:
            other = self._about_the_task(det, hits, chosen, cites)
            if other is not None:
                return other
        parts = []
        for h in chosen:
            c = h.clause
            units = [*c.support, *(f"{n}（下同）" for n in c.support_inherited if n not in c.support)]
            units = [u for u in units if canonical_department(u.removesuffix("（下同）")) not in det.departments]
            lead = f"{'、'.join(c.lead)}牵头，" if c.lead else ""
            body = f"{lead}责任单位：{'、'.join(units)}" if units else f"{lead}未列责任单位"
            parts.append((h, trim(body, det.terms, LIMIT // max(len(chosen), 1))))
        return self.labelled(parts, cites, elsewhere) if parts else None


    def dept_lookup(self, det: Detection, hits: list[Hit], cites: Citations) -> str | None:
        """Every task each named department leads or takes part in, each cited, in the documents
        the question's clauses were retrieved from (all documents when the question names no
        subject beside the department).

        The same name in plans of different places (市财政局 of two cities) is different bodies,
        so the tasks are grouped by document, each group labelled by its region or title.
        """
        parts: list[str] = []
        more_regions: list[str] = []
        subject = {t: w for t, w in det.terms.items() if w > 0 and not any(t in d or d in t for d in det.departments)}
        in_view = {h.clause.doc_id for h in hits[:5]} if subject else set()
        # (农村改厕工作中，市交通运输局负责哪些任务: the documents of those holding its most specific
        # word, 改厕, not another plan the department's name brought up)
        word = specific_word(subject)
        in_view = {d for d in in_view if self.doc_holds(d, word)} or in_view
        # a document the question names by its title's own words (新材料行动方案里) is the only one
        named = self.named_documents(det)
        in_view = named or in_view
        scope = det.filter()
        for dept in det.departments:
            rows = self.duties.get(dept, [])
            # a place or level the question names narrows to its documents
            rows = [(c, r) for c, r in rows if scope is None or scope.allows(c, self.documents[c.doc_id])] or rows
            rows = [(c, r) for c, r in rows if c.doc_id in in_view] or ([] if subject or named else rows)
            if not rows:
                continue  # no task of this department in the documents asked about
            groups: dict[str, list[tuple[Clause, str]]] = {}
            for c, r in rows:
                groups.setdefault(c.doc_id, []).append((c, r))
            # the same title in every city's plan: the regions whose documents the question's
            # clauses come from first, at most MAX_REGIONS of them
            seen = {h.clause.doc_id: h.rank for h in reversed(hits)}
            shown, elsewhere = self.capped([(-seen.get(d, len(hits) + i), Hit(g[0][0], 0.0, i))
                                            for i, (d, g) in enumerate(groups.items())])
            more_regions.extend(r for r in elsewhere if r not in more_regions)
            groups = {h.clause.doc_id: groups[h.clause.doc_id] for h in shown}
            # what each task asks (its first measure) and by when, not only its name, within the
            # answer's budget: a department's tasks are told by their substance (强化资金保障 →
            # 每年安排不少于800万元专项资金)
            names = {c.id: duty_name(c, dept) for group in groups.values() for c, _ in group}
            budget = LIMIT if len(names) <= 2 else _LIST_BUDGET
            room = min(max((budget - sum(len(n) + 12 for n in names.values())) // len(names), _DETAIL_LEAST),
                       _DETAIL_MOST if len(names) > 2 else budget)
            for doc_id, group in groups.items():
                prefix = f"{label_of(self.documents[doc_id])}：" if len(groups) > 1 else ""
                for roles, word in ((("lead",), "牵头"), (("support", "support_inherited"), "参与")):
                    tasks = list({c.id: c for c, r in group if r in roles}.values())
                    if tasks:
                        shown = [f"{names[c.id]}{detail(c, room, dept)}{cites.mark(Hit(c, 1.0, 0))}" for c in tasks]
                        parts.append(f"{prefix}{dept}{word}{len(tasks)}项：{'；'.join(shown)}")
                        prefix = ""
        if not parts:
            raise NoAnswer
        return "；".join(parts) + "。" + more(more_regions)

