"""Per-intent composition of a short answer from clause data, with citation markers.

``Composer`` turns retrieved clauses into one or two sentences for each intent of ``rag.answer.intent``:
牵头单位 / 责任单位 lists for lead and support questions, ``Target`` values for numeric ones, the
best sentences (or the task's opening measure) for policy and open questions, a 专栏 line-item for
region questions, and 牵头 / 参与 task lists read from the metadata of the whole corpus for a
department. Every fact carries a marker ``[n]`` indexing ``Citations.hits``; when both a province
and a city document answer, both are given, labelled by region, province first. Document facts
live in ``rag.answer.doc_facts``, province ↔ city answers in ``rag.answer.align_answer``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from rag.answer.extract import extract, lacks, pick
from rag.answer.intent import Detection
from rag.answer.kinds import STATES, Kind
from rag.answer.registry import CUES
from rag.answer.sentences import (
    body_text,
    coverage,
    fitness,
    folded,
    heading,
    sentences,
    task_name,
    task_summary,
    trim,
    with_previous,
    without_label,
)
from rag.answer.vocab import CorpusVocab, short_place
from rag.ingest.departments import canonical_department
from rag.model import Clause, Document, Hit, level_rank

LIMIT = 120  # characters of answer text before citation markers
_ASKED_UNIT = re.compile(r"(?:多少|几)\s*(万|亿|千|百)?([辆台家个元钱年场座项次人亩吨度])")
_ASKED_SHARE = re.compile(r"比例|占比|百分之|渗透率|多少成")
_ASKED_RATE = re.compile(r"每(?:公斤|千克|度|千瓦时|吨|辆|台|座|个)|一度|/(?:kg|kwh)", re.I)
_STATED_RATE = re.compile(r"每[^，。；\d]{1,6}\d+(?:\.\d+)?万?元")
UNIT_WORD = re.compile(r"^[万亿千百元钱辆台家个年场座项次人亩吨度%]+$")
# An open question whose words are mostly a task's own heading asks about the task as a whole.
_WHOLE_TASK = 0.5


_SAME_TASK = 0.6  # a clause fitting the question this much worse than the best is another task
_ON_TASK = 0.4  # a sentence holding this share of the question's words is about its task
_NUMBER_KINDS = frozenset({Kind.COUNT, Kind.SHARE, Kind.AMOUNT})


def _stated(sentence: str, kinds) -> str:
    """The words of ``sentence`` that state the first asked kind it states (kept when trimming)."""
    for kind in kinds:
        m = STATES[kind].search(sentence)
        if m:
            return m.group(0)
    return ""


def quoted(name: str) -> str:
    """``name`` in quotation marks, unless it already stands in them (no ““…””)."""
    return name if name.startswith("“") and name.endswith("”") else f"“{name}”"


def _level_key(level: str) -> int:
    rank = level_rank(level)
    return 9 if rank is None else rank


class NoAnswer(Exception):
    """Raised by a composer when the clauses found cannot answer (the question is refused)."""


class Citations:
    """Hits in the order their markers ``[n]`` first appear in the answer, and the sentences
    quoted so far (a later question of the same message does not quote them again)."""

    def __init__(self) -> None:
        self.hits: list[Hit] = []
        self.quoted: set[str] = set()
        self._number: dict[str, int] = {}

    def mark(self, hit: Hit) -> str:
        """The marker for ``hit``'s clause, adding it on first use."""
        n = self._number.get(hit.clause.id)
        if n is None:
            self.hits.append(hit)
            n = self._number[hit.clause.id] = len(self.hits)
        return f"[{n}]"


def asked_units(text: str) -> list[str]:
    """Units a question asks a number in: 多少辆 → 辆, 多少亿元 → 亿元, 多大比例 → %."""
    units = [f"{m[1] or ''}{'元' if m[2] == '钱' else m[2]}" for m in _ASKED_UNIT.finditer(text)]
    if _ASKED_SHARE.search(text):
        units.append("%")
    if _ASKED_RATE.search(text):
        units.append("/每")  # a rate (元每公斤) no target unit states
    return units


def label_of(doc: Document) -> str:
    """How an answer names a document's level: its region (山东省, 聊城市) or short name."""
    return doc.region or doc.short_name or doc.title


class Composer:
    """Composes answers for one corpus.

    Args:
        documents: Documents by id.
        clauses: Every clause of the corpus (department and 专栏 look-ups read all of them).
        vocab: The corpus vocabulary of ``rag.answer.intent``.
    """

    def __init__(self, documents: Mapping[str, Document], clauses: list[Clause], vocab: CorpusVocab):
        self.documents = documents
        self.clauses = clauses
        self.vocab = vocab
        names = sorted({*vocab.region_of_place, *vocab.column_places}, key=len, reverse=True)
        self.place_names = re.compile("|".join(map(re.escape, names))) if names else None
        self.by_doc: dict[str, list[Clause]] = {}  # each document's clauses in reading order
        self.columns: dict[str, list[Clause]] = {}  # 专栏 line-items by the place they name
        for clause in clauses:
            self.by_doc.setdefault(clause.doc_id, []).append(clause)
            if clause.kind == "column":
                self.columns.setdefault(short_place(folded(clause.title)), []).append(clause)
        units = sorted((a for a in vocab.departments if len(a) >= 3), key=len, reverse=True)
        self.unit_names = re.compile("|".join(map(re.escape, units))) if units else None
        self.duties: dict[str, list[tuple[Clause, str]]] = {}
        for clause in clauses:
            for role, names in (("lead", clause.lead), ("support", clause.all_support)):
                for name in names:
                    self.duties.setdefault(canonical_department(name), []).append((clause, role))

    def doc(self, hit: Hit) -> Document:
        return self.documents[hit.clause.doc_id]

    def per_doc(self, det: Detection, hits: list[Hit], keep: Callable[[Clause], bool]) -> list[Hit]:
        """The best kept hit of each document that answers about as well as the best overall
        (of each named level, for a cross-level question), in level order."""
        best: dict[str, tuple[float, Hit]] = {}
        for hit in hits:
            if keep(hit.clause):
                fit = fitness(det.terms, hit)
                if hit.clause.doc_id not in best or fit > best[hit.clause.doc_id][0]:
                    best[hit.clause.doc_id] = (fit, hit)
        if not best:
            return []
        top_cov = max(c for c, _ in best.values())
        first = max(best.values(), key=lambda ch: ch[0])[1]
        if det.cross_level:
            chosen = [h for _, h in best.values() if self.doc(h).level in det.levels]
        elif det.filter() is not None:
            chosen = [first]
        else:
            chosen = [h for c, h in best.values() if h is first or (c > 0 and c >= 0.75 * top_cov)]
        return sorted(chosen or [first], key=lambda h: (_level_key(self.doc(h).level), h.rank))

    def labelled(self, parts: list[tuple[Hit, str]], cites: Citations) -> str:
        """One part as is; several parts each prefixed by their document's region."""
        if len(parts) == 1:
            return f"{parts[0][1]}{cites.mark(parts[0][0])}。"
        return "；".join(f"{label_of(self.doc(h))}：{body}{cites.mark(h)}" for h, body in parts) + "。"

    # ------------------------------------------------------------------ intents
    def lead(self, det: Detection, hits: list[Hit], cites: Citations) -> str | None:
        # A task whose note names no 牵头单位 (省交通运输厅、省水利厅按职责分工负责) is answered with
        # the units it does name, said to be responsible, not replaced by another task's lead.
        chosen = self.per_doc(det, hits, lambda c: bool(c.lead or c.support))
        other = self._about_the_task(det, hits, chosen, cites)
        if other is not None:
            return other
        parts = [(h, f"{'、'.join(h.clause.lead)}牵头" if h.clause.lead
                  else f"{'、'.join(h.clause.support)}负责（未列牵头单位）") for h in chosen]
        if len(parts) == 1:
            h = parts[0][0]
            parts = [(h, f"{label_of(self.doc(h))}{quoted(task_name(h.clause))}由{parts[0][1]}")]
        return self.labelled(parts, cites) if parts else None

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
            raise NoAnswer
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
        chosen = self.per_doc(det, hits, names_asked if named else lambda c: bool(c.lead or c.all_support))
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
        return self.labelled(parts, cites) if parts else None

    def target(self, det: Detection, hits: list[Hit], cites: Citations) -> str | None:
        if det.kinds and det.kinds[0] not in _NUMBER_KINDS:
            return None  # 报修电话是多少, 租金多少钱, 分几年发: not a target; the backbone answers or refuses
        units, years = asked_units(det.text), [int(y) for y in re.findall(r"(20\d\d)年", det.text)]
        # the unit asked for (万元) says nothing about which target is meant
        topical = {t: w for t, w in det.terms.items() if not UNIT_WORD.match(t)}
        if "/每" in units:
            # A rate (每人每月多少, 每千瓦多少) is no target; where a clause on the question's topic
            # states one (每人每月5000元) the open answer quotes its sentence, else there is none.
            if any(_STATED_RATE.search(h.clause.text) and coverage(topical, h.clause.index_text) >= 0.25
                   for h in hits[:5]):
                return None
            raise NoAnswer
        scored: dict[str, tuple[float, Hit, str]] = {}
        best_cov = 0.0
        for hit in hits:
            for t in hit.clause.targets:
                if units and not any(t.unit.endswith(u[-1]) and u[:-1] in t.unit for u in units):
                    continue
                if years and t.year not in years and not any(str(y) in t.text for y in years):
                    continue
                sent_cov = coverage(det.terms, t.text)
                best_cov = max(best_cov, coverage(topical, with_previous(hit.clause, t.text)))
                window = trim(t.text, det.terms, LIMIT // 2, must=t.raw)
                # the clause's own title (核心部件实现突破性进展) names what its targets measure
                score = coverage(det.terms, f"{hit.clause.title} {window}") + 0.3 * sent_cov \
                    + 0.6 * fitness(det.terms, hit) - (1.0 if hit.clause.kind == "lead_in" else 0.0)
                if hit.clause.doc_id not in scored or score > scored[hit.clause.doc_id][0]:
                    scored[hit.clause.doc_id] = (score, hit, t.text if len(t.text) <= LIMIT else window)
        informative = sum(topical.values()) > 0
        if (units or years) and (not scored or (units and informative and best_cov < 0.25)):
            raise NoAnswer  # the question asks for a unit or year no clause states
        if not scored:
            return None
        best = max(s for s, _, _ in scored.values())
        margin = 9.0 if det.cross_level else 0.0 if det.filter() else 0.35
        keep = sorted((v for v in scored.values() if v[0] >= best - margin),
                      key=lambda v: (_level_key(self.doc(v[1]).level), v[1].rank))
        room = LIMIT // len(keep)
        parts = []
        for _, h, text in keep:
            cites.quoted.update(s for s in sentences(h.clause.text) if text.strip("。；") in s)
            t = next((t for t in h.clause.targets if t.raw and t.raw in text), None)
            phrase = trim(text, det.terms, room, must=t.raw if t else "")
            if t and t.year and str(t.year) not in phrase:
                phrase = f"到{t.year}年，{phrase}"
            parts.append((h, phrase))
        return self.labelled(parts, cites)

    def policy(self, det: Detection, hits: list[Hit], cites: Citations) -> str | None:
        return self.backbone(det, hits, cites, bonus=CUES["policy"])

    def open(self, det: Detection, hits: list[Hit], cites: Citations) -> str | None:
        top = hits[:5]
        if not top:
            return None
        best = max(top, key=lambda h: fitness(det.terms, h))
        topical = {t: w for t, w in det.terms.items() if w > 0}
        section = self.section(topical, best, hits, cites)
        if section:
            return section
        if (not det.kinds and best.clause.kind in ("item", "paragraph")
                and coverage(topical, heading(best.clause)) >= _WHOLE_TASK):
            summary = task_summary(best.clause, LIMIT)
            if summary:
                return f"{summary}{cites.mark(best)}。"
        return self.backbone(det, hits, cites, bonus=self.place_names if Kind.PLACE in det.kinds else None)

    def backbone(self, det: Detection, hits: list[Hit], cites: Citations,
                 bonus: re.Pattern[str] | None = None) -> str | None:
        """The sentences of the retrieved clauses that state what was asked (``rag.answer.extract``).

        Raises:
            NoAnswer: The question asks a kind of fact (an amount, a rent, a telephone number …)
                that no clause on its subject states.
        """
        evidence = [e for e in extract(det.terms, det.kinds, hits, bonus=bonus) if e.sentence not in cites.quoted]
        if lacks(evidence, det.kinds, det.terms):
            raise NoAnswer
        picked = pick(evidence, det.kinds)
        return self.quote(det, [(e.hit, e.sentence) for e in picked], cites)

    def section(self, topical: Mapping[str, float], best: Hit, hits: list[Hit], cites: Citations) -> str | None:
        """A question about a whole heading (激活数据要素方面安排了哪些工作) lists its tasks.

        The heading is the best hit's nearest ancestor whose words cover the question (as
        ``_WHOLE_TASK`` does for one task) better than the hit's own title; it must hold two or
        more tasks, each named with its marker.
        """
        c = best.clause
        own = coverage(topical, c.title)
        for depth in range(len(c.path) - 1, -1, -1):
            if coverage(topical, c.path[depth]) < max(_WHOLE_TASK, own + 1e-9):
                continue
            members = [m for m in self.by_doc.get(c.doc_id, []) if m.kind == "item"
                       and m.path[: depth + 1] == c.path[: depth + 1]]
            if len(members) < 2:
                return None
            ranked = {h.clause.id: h for h in hits}
            names, size = [], len(c.path[depth]) + 1
            for m in members:
                if names and size + len(task_name(m)) > LIMIT:
                    break  # before marking it: every citation has its marker in the answer
                names.append(f"{task_name(m)}{cites.mark(ranked.get(m.id) or Hit(m, 0.0, 0))}")
                size += len(task_name(m)) + 1
            return f"{without_label(c.path[depth])}：{'；'.join(names)}。"
        return None

    def quote(self, det: Detection, picked: list[tuple[Hit, str]], cites: Citations) -> str | None:
        """One or two picked sentences trimmed to the budget (keeping the piece that states the
        kind of fact asked), each with its marker."""
        if not picked:
            return None
        if picked[0][1].rstrip().endswith(("：", ":")) and len(picked) > 1:  # a list and its items
            items = [s.strip().rstrip("。；;") for _, s in picked]
            body = trim(items[0] + "".join(f"{s}；" for s in items[1:]), det.terms, LIMIT + LIMIT // 2)
            cites.quoted.update(s for _, s in picked)
            return f"{body.rstrip('；')}{cites.mark(picked[0][0])}。"
        texts = [sent.strip().rstrip("。；;") for _, sent in picked[:2]]
        room = LIMIT if len(texts) == 1 else max(LIMIT - min(len(texts[1]), LIMIT // 2), LIMIT // 2)
        first = trim(texts[0], det.terms, room, must=_stated(texts[0], det.kinds))
        cites.quoted.add(picked[0][1])
        out = f"{first}{cites.mark(picked[0][0])}"
        if len(texts) > 1 and LIMIT - len(first) >= 12:
            out += f"；{trim(texts[1], det.terms, LIMIT - len(first), must=_stated(texts[1], det.kinds))}{cites.mark(picked[1][0])}"
            cites.quoted.add(picked[1][1])
        return out + "。"

    def region(self, det: Detection, hits: list[Hit], cites: Citations) -> str | None:
        """The 专栏 line-item of the place the question names, among the retrieved clauses; of a
        place with items in several plans (柳溪县 in a food plan and a sports plan), the one
        fitting the question's words best. The answer names the place: 威海：发展新能源房车….
        """
        scope = det.filter()
        ranked = {h.clause.id: h for h in hits}
        items = [c for place in det.places for c in self.columns.get(place, ()) if c.id in ranked]
        best: tuple[float, Clause] | None = None
        for clause in items:
            body = re.sub(rf"^{re.escape(clause.title)}\s*[：:]", "", clause.text)
            fit = coverage(det.terms, body) - 0.01 * ranked[clause.id].rank
            if scope is not None and not scope.allows(clause, self.documents[clause.doc_id]):
                # The place's own document is searched; its line-item in a higher plan still
                # wins unless the own document's sentences fit the question better.
                own = max((coverage(det.terms, s) for h in hits[:5] for s in sentences(body_text(h.clause))),
                          default=0.0)
                if coverage(det.terms, body) < own:
                    continue
            if best is None or fit > best[0]:
                best = (fit, clause)
        if best is None:
            return None
        clause = best[1]
        body = re.sub(rf"^{re.escape(clause.title)}\s*[：:]", "", clause.text)
        snippet = trim(body, det.terms, LIMIT - len(clause.title) - 1)
        return f"{clause.title}：{snippet}{cites.mark(ranked[clause.id])}。"

    def dept_lookup(self, det: Detection, hits: list[Hit], cites: Citations) -> str | None:
        """Every task each named department leads or takes part in, each cited, in the documents
        the question's clauses were retrieved from (all documents when the question names no
        subject beside the department).

        The same name in plans of different places (市财政局 of two cities) is different bodies,
        so the tasks are grouped by document, each group labelled by its region or title.
        """
        parts = []
        topical = any(w > 0 and not any(t in d or d in t for d in det.departments) for t, w in det.terms.items())
        in_view = {h.clause.doc_id for h in hits[:5]} if topical else set()
        scope = det.filter()
        for dept in det.departments:
            rows = self.duties.get(dept, [])
            # a place or level the question names narrows to its documents
            rows = [(c, r) for c, r in rows if scope is None or scope.allows(c, self.documents[c.doc_id])] or rows
            rows = [(c, r) for c, r in rows if c.doc_id in in_view] or rows
            groups: dict[str, list[tuple[Clause, str]]] = {}
            for c, r in rows:
                groups.setdefault(c.doc_id, []).append((c, r))
            for doc_id, group in groups.items():
                prefix = f"{label_of(self.documents[doc_id])}：" if len(groups) > 1 else ""
                for role, word in (("lead", "牵头"), ("support", "参与")):
                    tasks = list({c.id: c for c, r in group if r == role}.values())
                    if tasks:
                        shown = [f"{task_name(c)}{cites.mark(Hit(c, 1.0, 0))}" for c in tasks]
                        parts.append(f"{prefix}{dept}{word}{len(tasks)}项：{'；'.join(shown)}")
                        prefix = ""
        if not parts:
            raise NoAnswer
        return "；".join(parts) + "。"
