"""Answers to 聊城如何落实省里X的要求: the provincial task on X and the city clause carrying it out.

The province ↔ city ``Alignment`` (``rag.views.align``) says which city clauses carry out which
provincial task, from structure and semantics over the whole documents. A question is answered by
(1) finding the provincial task(s) on X by retrieval within the higher level, (2) taking the city
clauses aligned to it, the one fitting the question best first, and (3) quoting the city clause's
most concrete pieces (targets, named activities) before naming the provincial task — city first,
since the question asks what the city does. Without an alignment (or for a provincial task no city
clause carries out) both sides fall back to retrieval within each level.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.answer.base import LIMIT, Citations, label_of, quoted
from rag.answer.compose import Composer
from rag.answer.intent import Detection
from rag.answer.sentences import (
    body_text,
    concrete,
    coverage,
    echo,
    fitness,
    heading,
    novelty,
    task_name,
    trim,
)
from rag.model import Hit
from rag.retrieval.base import Filter

_PIECE_SPLIT = re.compile(r"[，,；;。]")
_FRAMING = re.compile(r"^(?:根据|按照|依据|贯彻|落实)")
_ASKS_WHO = re.compile(r"谁|哪个部门|哪些部门|哪个单位|牵头|负责")
_ALIGNED_BONUS = 0.5  # weight of the alignment score when choosing among aligned city clauses
_ECHO_BONUS = 0.2  # weight of the question's own wording (3–8 characters) found in a city clause

SearchFn = Callable[..., list[Hit]]


def alignment_answer(composer: Composer, det: Detection, query: str, search: SearchFn,
                     alignment, cites: Citations) -> str | None:
    """City clause and provincial task for a cross-level "how is X carried out" question.

    Args:
        composer: The corpus' composer.
        det: The detected question (cross-level).
        query: The (expanded) question text to search with.
        search: ``search(text, k, where=Filter)``.
        alignment: A ``rag.views.align.Alignment`` or ``None``.
        cites: Where markers are registered.

    Returns:
        The answer text, or ``None`` when either level has no clause on X.
    """
    lower = [r for r in det.regions if composer.vocab.level_of_region.get(r) != "province"]
    lower_scope = Filter(regions=frozenset(lower)) if lower else \
        Filter(levels=frozenset(lv for lv in det.levels if lv != "province"))
    # Search each side without the place words, which would pull in clauses naming the place.
    for word in (*det.places, *det.regions):
        query = query.replace(word, "")
    sides = []
    for scope in (Filter(levels=frozenset({"province"})), lower_scope):
        found = [h for h in search(query, 10, where=scope) if h.clause.kind != "column"]
        if not found:
            return None
        sides.append(found)
    uppers, locals_ = sides
    upper = max(uppers, key=lambda h: fitness(det.terms, h))
    local = _city_side(composer, det, upper, locals_, lower_scope, alignment)
    head = f"{label_of(composer.doc(local))}{quoted(task_name(local.clause))}"
    if local.clause.lead and _ASKS_WHO.search(det.text):
        head += f"由{'、'.join(local.clause.lead)}牵头"
    upper_name = task_name(upper.clause)
    same = "同名任务" if upper_name == task_name(local.clause) else quoted(upper_name)
    tail = f"{cites.mark(local)}；对应{label_of(composer.doc(upper))}{same}{cites.mark(upper)}。"
    room = max(LIMIT - len(head) - len(re.sub(r"\[\d+\]", "", tail)) - 1, 30)
    return f"{head}：{_gist(det, local, upper, room)}{tail}"


def _city_side(composer: Composer, det: Detection, upper: Hit, found: list[Hit], scope: Filter,
               alignment) -> Hit:
    """The city clause carrying out ``upper`` that fits the question best; the best retrieved
    city clause when the alignment names none.

    Words of the question already in the provincial task's heading name the province's side
    (…呼应省里的数智化转型要求); the rest, when any, name the city's side (聊城的数字化转型) and
    choose among the city clauses."""
    upper_heading = heading(upper.clause)
    city_terms = {t: w for t, w in det.terms.items() if w and t not in upper_heading} or det.terms
    if alignment is not None:
        aligned = {p.city_clause_id: p.score for p in alignment.for_clause(upper.clause.id)
                   if p.province_clause_id == upper.clause.id}
        ranked = {h.clause.id: h for h in found}
        by_id = {c.id: c for c in composer.clauses if c.id in aligned}
        candidates = [ranked.get(cid) or Hit(by_id[cid], 0.0, len(found) + 1) for cid in aligned if cid in by_id]
        candidates = [h for h in candidates if scope.allows(h.clause, composer.doc(h))]
        if candidates:
            return max(candidates, key=lambda h: fitness(city_terms, h) + _ALIGNED_BONUS * aligned[h.clause.id]
                       + _ECHO_BONUS * min(max(echo(det.text, body_text(h.clause)) - 2, 0), 6) / 6)
    return max(found, key=lambda h: fitness(city_terms, h))


def _gist(det: Detection, local: Hit, upper: Hit, room: int) -> str:
    """The city clause's pieces that best say what it does: on the question's words, concrete
    (a target, a number, a named activity), new against the provincial text; in reading order."""
    raws = [t.raw for t in local.clause.targets if t.raw]
    pieces = [p.strip("，,；;。") for p in _PIECE_SPLIT.split(body_text(local.clause)) if p.strip("，,；;。")]
    scored = sorted(((coverage(det.terms, p) + 0.3 * concrete(p) + 0.3 * any(r in p for r in raws)
                      + 0.2 * novelty(p, upper.clause.text) - (0.5 if _FRAMING.match(p) else 0.0), n, p)
                     for n, p in enumerate(pieces)), reverse=True)
    chosen, used = [], 0
    for _, n, p in scored:
        if used + len(p) + 1 <= room:
            chosen.append((n, p))
            used += len(p) + 1
    return "，".join(p for _, p in sorted(chosen)) or trim(pieces[0] if pieces else "", det.terms, room)
