"""Answers first, then the proof: extractive answers composed from clause data, with citations.

``Answerer.ask`` detects what the question asks (``rag.intent``), retrieves clauses, and composes a
short answer from the clause data model — 牵头单位 / 责任单位 lists, ``Target`` values, sentences,
document metadata — never from templates keyed to known questions. Every fact carries a marker
``[n]`` indexing ``Answer.citations``. When both a province and a city document answer, both are
given, labelled by region; a place or level named in the question filters to it.

``RefusalPolicy`` decides when no clause is relevant enough: the answer then says so and cites the
nearest clauses as possibly related. An optional ``Generator`` (``rag.generate``) may rephrase the
extractive answer from the cited clauses; if it fails, the extractive answer stands.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from rag.duties import canonical_department
from rag.generate import Generator
from rag.intent import CorpusVocab, Detection, Intent, detect, short_place
from rag.model import Answer, Clause, Document, Hit
from rag.retrievers.base import Filter
from rag.tokenize import Tokenizer, domain_terms

SearchFn = Callable[..., list[Hit]]
"""``search(text, k, where=Filter | None) -> list[Hit]``, best first (``HybridSearcher.search``)."""

REFUSAL_TEXT = "现有政策文件中没有找到相关条款"
LIMIT = 120  # characters of answer text before citation markers
_POLICY_WORDS = re.compile(r"税|补贴|补助|奖补|奖励|优惠|减免|支持|扶持|激励|基金|资金|金融|贴息|路权|电价")
_BASIS = re.compile(r"(?:根据|依据|按照|贯彻落实|落实)[^。；《]{0,20}《[^》]+》(?:[（(][^）)]*[）)])?")
_RECIPIENTS = re.compile(r"([^。：:\n]*?(?:政府|管委会|部门|机构|单位|院校|企业)[^。：:\n]*)[：:]")
_ASKED_UNIT = re.compile(r"(?:多少|几)\s*(万|亿|千|百)?([辆台家个元钱年场座项次人亩吨度])")
_ASKED_SHARE = re.compile(r"比例|占比|百分之|渗透率|多少成")
_ASKED_RATE = re.compile(r"每(?:公斤|千克|度|千瓦时|吨|辆|台|座|个)|一度|/(?:kg|kwh)", re.I)
_PURPOSE = re.compile(r"^为[^。]{4,}?制定本[^。]*")
_ROLE_ASK = re.compile(r"角色|身份|是牵头|还是|是否|吗|作用")
_NOTE_START = re.compile(r"[（(]\s*(?:牵头|责任)单位")
_LEVEL_ORDER = {"national": 0, "province": 1, "city": 2, "county": 3, "other": 4}


@dataclass(frozen=True)
class RefusalPolicy:
    """When to say "the corpus has no clause on it".

    Dense cosines of e5 sit between 0.86 and 0.94 for related and unrelated questions alike on
    this genre, so they do not decide; words do. A question's topic words are split into
    *informative* ones (found in the corpus, in at most ``max_share`` of the clauses), ubiquitous
    ones (新能源, 汽车) and absent ones (摇号). The question is refused when it has absent words
    but no informative one, or when no retrieved clause covers at least ``min_coverage`` of the
    informative words (IDF-weighted). Calibrated on ``eval/qa.jsonl``.

    Args:
        min_coverage: Least IDF-weighted share of informative words one clause must hold.
        max_share: Words in a larger share of clauses count as ubiquitous.
        depth: How many retrieved clauses are checked.

    Raises:
        ValueError: A share outside [0, 1] or a depth below 1.
    """

    min_coverage: float = 0.25
    max_share: float = 0.3
    depth: int = 10

    def __post_init__(self) -> None:
        for name in ("min_coverage", "max_share"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"RefusalPolicy.{name}={value!r}; allowed: a number in [0, 1]")
        if self.depth < 1:
            raise ValueError(f"RefusalPolicy.depth={self.depth!r}; allowed: an integer >= 1")

    def refuse(self, terms: Mapping[str, float], shares: Mapping[str, float], hits: Sequence[Hit],
               structured: bool = False) -> bool:
        """True when ``hits`` are too weak an answer.

        Args:
            terms: Topic words with weights (IDF).
            shares: Share of clauses holding each topic word (0 when absent from the corpus).
            hits: Retrieved clauses, best first.
            structured: The intent reads clause data (牵头单位, 指标…) rather than sentences;
                such questions are not refused for absent words alone.
        """
        if not hits:
            return True
        absent = [t for t in terms if not shares.get(t)]
        informative = {t: w for t, w in terms.items() if 0 < shares.get(t, 0.0) <= self.max_share}
        if not informative:
            return bool(absent) and not structured
        best = max(coverage(informative, h.clause.index_text) for h in hits[: self.depth])
        return best < self.min_coverage


class NoAnswer(Exception):
    """Raised by a composer when the clauses found cannot answer (the question is refused)."""


class Answerer:
    """Compose cited answers from the clauses of ``documents``.

    Args:
        documents: The corpus documents.
        clauses: All their clauses (the whole corpus, used for department look-ups).
        search: Ranks clauses: ``search(text, k, where=Filter | None) -> list[Hit]``.
        refusal: When to refuse; defaults to ``RefusalPolicy()``.
        generator: Optional phrasing model; ``None`` keeps answers purely extractive.

    Raises:
        ValueError: ``search`` is not callable or a clause names an unknown document.
    """

    def __init__(self, documents: list[Document], clauses: list[Clause], search: SearchFn,
                 refusal: RefusalPolicy | None = None, generator: Generator | None = None):
        if not callable(search):
            raise ValueError(f"search must be callable, got {type(search).__name__}")
        self.documents = {d.id: d for d in documents}
        missing = sorted({c.doc_id for c in clauses} - set(self.documents))
        if missing:
            raise ValueError(f"clauses name unknown documents {missing}; known: {sorted(self.documents)}")
        self.clauses = list(clauses)
        self._search = search
        self.refusal = refusal or RefusalPolicy()
        self.generator = generator
        self.tokenizer = Tokenizer(domain_terms(self.clauses))
        self.vocab = CorpusVocab.build(documents, self.clauses)
        self._texts = [c.index_text for c in self.clauses]
        self._shares: dict[str, float] = {}
        self._duties: dict[str, list[tuple[Clause, str]]] = {}
        for clause in self.clauses:
            for role, names in (("lead", clause.lead), ("support", clause.all_support)):
                for name in names:
                    self._duties.setdefault(canonical_department(name), []).append((clause, role))

    def ask(self, question: str, top_k: int = 5, where: Filter | None = None) -> Answer:
        """Answer ``question`` from the corpus.

        Args:
            question: The question, in simplified or traditional Chinese.
            top_k: How many clauses to consider (at least 1); more are fetched for grouping.
            where: Optional metadata filter; when given it replaces the one the question implies.

        Returns:
            An ``Answer`` whose markers ``[n]`` index ``citations``.

        Raises:
            ValueError: An empty question or ``top_k`` below 1.
        """
        if not isinstance(question, str) or not question.strip():
            raise ValueError("question must be a non-empty string")
        if isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 1:
            raise ValueError(f"top_k={top_k!r}; allowed: an integer >= 1")
        t0 = time.perf_counter()
        det = detect(question, self.vocab, self.tokenizer)
        det = replace(det, topic=self._expand(det.topic))
        shares = {t: self._share(t) for t in det.topic}
        # IDF weights; a word absent from the corpus weighs 0 so it cannot dilute coverage.
        det = replace(det, weights={t: math.log((1 + len(self.clauses)) / (0.5 + s * len(self.clauses)))
                                    if s else 0.0 for t, s in shares.items()})
        cites = Citations()
        hits: list[Hit] = []
        text = None
        try:
            if det.unknown:
                raise NoAnswer
            if det.intent is Intent.DEPT_LOOKUP:
                text = self._dept_lookup(det, cites)
            else:
                scope = where if where is not None and not where.is_empty else det.filter()
                hits = self._search(det.text, max(top_k, 10), where=scope)
                if not hits and scope is not None:
                    hits = self._search(det.text, max(top_k, 10), where=where)
                if det.intent is Intent.DOC_FACT:
                    text = self._doc_fact(det, hits, cites)
                elif not self._narrowed(det) and not self.refusal.refuse(
                        det.terms, shares, hits, structured=det.intent not in (Intent.OPEN, Intent.POLICY)) \
                        or det.intent is Intent.ALIGNMENT \
                        or (det.intent is Intent.REGION and any(p in self.vocab.column_places for p in det.places)):
                    text = self._compose(det, hits, cites)
        except NoAnswer:
            text = None
        if text is None:
            if not hits:
                hits = self._search(det.text, top_k, where=where)
            return Answer(question, f"{REFUSAL_TEXT}。以下条款可能相关，仅供参考。", False, det.intent.value,
                          tuple(hits[: min(3, top_k)]), (time.perf_counter() - t0) * 1000)
        if self.generator is not None and cites.hits:
            text = self.generator.phrase(question, text, tuple(cites.hits)) or text
        return Answer(question, text, True, det.intent.value, tuple(cites.hits),
                      (time.perf_counter() - t0) * 1000)

    def _share(self, token: str) -> float:
        """Share of clauses whose indexed text holds ``token`` (cached)."""
        share = self._shares.get(token)
        if share is None:
            if len(self._shares) > 100_000:  # unbounded questions must not grow memory forever
                self._shares.clear()
            hits = sum(token in text for text in self._texts)
            share = self._shares[token] = hits / max(len(self._texts), 1)
        return share

    def _expand(self, topic: tuple[str, ...]) -> tuple[str, ...]:
        """Topic words plus the corpus words inside absent compounds (汽车人才 → 汽车, 人才)."""
        out = list(topic)
        for tok in topic:
            if len(tok) >= 3 and not self._share(tok):
                head = next((tok[:n] for n in range(len(tok) - 1, 1, -1) if self._share(tok[:n])), "")
                tail = next((tok[n:] for n in range(1, len(tok) - 1) if self._share(tok[n:])), "")
                out += [w for w in (head, tail) if w]
        return tuple(dict.fromkeys(out))

    def _narrowed(self, det: Detection) -> bool:
        """True when the question asks about a narrower kind of a corpus thing, written as an
        absent compound whose head is in the corpus and whose modifier is not (个人所得税 when the
        corpus only speaks of 企业所得税)."""
        for tok in det.topic:
            if len(tok) < 4 or self._share(tok):
                continue
            for cut in range(2, len(tok) - 1):
                if self._share(tok[cut:]) and not self._share(tok[:cut]) and tok[:cut] not in self.vocab.text:
                    return True
        return False

    # ------------------------------------------------------------------ composing
    def _compose(self, det: Detection, hits: list[Hit], cites: Citations) -> str | None:
        composer = {
            Intent.LEAD: self._lead, Intent.SUPPORT: self._support, Intent.TARGET: self._target,
            Intent.POLICY: self._policy, Intent.REGION: self._region, Intent.ALIGNMENT: self._alignment,
        }.get(det.intent)
        return (composer(det, hits, cites) if composer else None) or self._open(det, hits, cites)

    def _doc(self, hit: Hit) -> Document:
        return self.documents[hit.clause.doc_id]

    def _per_doc(self, det: Detection, hits: list[Hit], keep: Callable[[Clause], bool]) -> list[Hit]:
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
            chosen = [h for _, h in best.values() if self._doc(h).level in det.levels]
        elif det.filter() is not None:
            chosen = [first]
        else:
            chosen = [h for c, h in best.values() if h is first or (c > 0 and c >= 0.75 * top_cov)]
        return sorted(chosen or [first], key=lambda h: (_LEVEL_ORDER.get(self._doc(h).level, 9), h.rank))

    def _labelled(self, parts: list[tuple[Hit, str]], cites: Citations) -> str:
        if len(parts) == 1:
            return f"{parts[0][1]}{cites.mark(parts[0][0])}。"
        return "；".join(f"{label_of(self._doc(h))}：{body}{cites.mark(h)}" for h, body in parts) + "。"

    def _lead(self, det: Detection, hits: list[Hit], cites: Citations) -> str | None:
        chosen = self._per_doc(det, hits, lambda c: bool(c.lead))
        parts = [(h, f"{'、'.join(h.clause.lead)}牵头") for h in chosen]
        if len(parts) == 1:
            h = parts[0][0]
            parts = [(h, f"{label_of(self._doc(h))}“{task_name(h.clause)}”由{parts[0][1]}")]
        return self._labelled(parts, cites) if parts else None

    def _support(self, det: Detection, hits: list[Hit], cites: Citations) -> str | None:
        if det.departments and _ROLE_ASK.search(det.text):  # 市财政局在…中是什么角色
            for h in hits:
                for dept in det.departments:
                    role = "牵头单位" if dept in map(canonical_department, h.clause.lead) else \
                        "责任单位" if dept in map(canonical_department, h.clause.all_support) else ""
                    if role:
                        others = "、".join(n for n in (h.clause.all_support if role == "牵头单位" else h.clause.lead)
                                          if canonical_department(n) != dept)
                        tail = f"（{'责任单位' if role == '牵头单位' else '牵头单位'}：{others}）" if others else ""
                        body = f"{dept}是“{task_name(h.clause)}”的{role}{tail}"
                        return f"{trim(body, det.terms, LIMIT)}{cites.mark(h)}。"
        chosen = self._per_doc(det, hits, lambda c: bool(c.lead or c.all_support))
        parts = []
        for h in chosen:
            c = h.clause
            units = [*c.support, *(f"{n}（下同）" for n in c.support_inherited if n not in c.support)]
            units = [u for u in units if canonical_department(u.removesuffix("（下同）")) not in det.departments]
            lead = f"{'、'.join(c.lead)}牵头，" if c.lead else ""
            body = f"{lead}责任单位：{'、'.join(units)}" if units else f"{lead}未列责任单位"
            parts.append((h, trim(body, det.terms, LIMIT // max(len(chosen), 1))))
        return self._labelled(parts, cites) if parts else None

    def _target(self, det: Detection, hits: list[Hit], cites: Citations) -> str | None:
        units, years = asked_units(det.text), [int(y) for y in re.findall(r"(20\d\d)年", det.text)]
        if "/每" in units:
            raise NoAnswer  # a rate (元每公斤) is not a target any clause states
        # the unit asked for (万元) says nothing about which target is meant
        topical = {t: w for t, w in det.terms.items() if not _UNIT_WORD.match(t)}
        scored: dict[str, tuple[float, Hit, str]] = {}
        best_cov = 0.0
        for hit in hits:
            for t in hit.clause.targets:
                if units and not any(t.unit.endswith(u[-1]) and u[:-1] in t.unit for u in units):
                    continue
                if years and t.year not in years and not any(str(y) in t.text for y in years):
                    continue
                sent_cov = coverage(det.terms, t.text)
                best_cov = max(best_cov, coverage(topical, _with_previous(hit.clause, t.text)))
                window = trim(t.text, det.terms, LIMIT // 2, must=t.raw)
                score = coverage(det.terms, window) + 0.3 * sent_cov + 0.6 * fitness(det.terms, hit) \
                    - (1.0 if hit.clause.kind == "lead_in" else 0.0)
                if hit.clause.doc_id not in scored or score > scored[hit.clause.doc_id][0]:
                    scored[hit.clause.doc_id] = (score, hit, t.text if len(t.text) <= LIMIT else window)
        informative = sum(w for t, w in det.terms.items() if not _UNIT_WORD.match(t)) > 0
        if (units or years) and (not scored or (units and informative and best_cov < 0.25)):
            raise NoAnswer  # the question asks for a unit or year no clause states
        if not scored:
            return None
        best = max(s for s, _, _ in scored.values())
        margin = 9.0 if det.cross_level else 0.0 if det.filter() else 0.35
        keep = sorted((v for v in scored.values() if v[0] >= best - margin),
                      key=lambda v: (_LEVEL_ORDER.get(self._doc(v[1]).level, 9), v[1].rank))
        room = LIMIT // len(keep)
        parts = []
        for _, h, text in keep:
            t = next(t for t in h.clause.targets if t.raw and t.raw in text) if any(
                t.raw and t.raw in text for t in h.clause.targets) else None
            phrase = trim(text, det.terms, room, must=t.raw if t else "")
            if t and t.year and str(t.year) not in phrase:
                phrase = f"到{t.year}年，{phrase}"
            parts.append((h, phrase))
        return self._labelled(parts, cites)

    def _policy(self, det: Detection, hits: list[Hit], cites: Citations) -> str | None:
        return self._sentences(det, best_sentences(det.terms, hits[:6], bonus=_POLICY_WORDS), cites)

    def _open(self, det: Detection, hits: list[Hit], cites: Citations) -> str | None:
        return self._sentences(det, best_sentences(det.terms, hits[:5]), cites)

    def _sentences(self, det: Detection, picked: list[tuple[Hit, str]], cites: Citations) -> str | None:
        if not picked:
            return None
        two = len(picked) > 1
        first = trim(picked[0][1], det.terms, LIMIT * 3 // 5 if two else LIMIT)
        out = f"{first}{cites.mark(picked[0][0])}"
        if two and LIMIT - len(first) >= 20:
            out += f"；{trim(picked[1][1], det.terms, LIMIT - len(first))}{cites.mark(picked[1][0])}"
        return out + "。"

    def _region(self, det: Detection, hits: list[Hit], cites: Citations) -> str | None:
        scope = det.filter()
        ranked = {h.clause.id: h for h in hits}
        for place in det.places:
            for clause in self.clauses:
                if clause.kind != "column" or short_place(clause.title) != place:
                    continue
                body = re.sub(rf"^{re.escape(clause.title)}\s*[：:]", "", clause.text)
                if scope is not None and not scope.allows(clause, self.documents[clause.doc_id]):
                    # The place's own document is searched; its line-item in a higher plan still
                    # wins unless the own document's sentences fit the question better.
                    own = max((coverage(det.terms, s) for h in hits[:5] for s in sentences(body_text(h.clause))),
                              default=0.0)
                    if coverage(det.terms, body) < own:
                        continue
                snippet = trim(body, det.terms, LIMIT - len(clause.title) - 1)
                return f"{clause.title}：{snippet}{cites.mark(ranked.get(clause.id) or Hit(clause, 0.0, 0))}。"
        return None

    def _alignment(self, det: Detection, hits: list[Hit], cites: Citations) -> str | None:
        lower = [r for r in det.regions if self.vocab.level_of_region.get(r) != "province"]
        lower_scope = Filter(regions=frozenset(lower)) if lower else \
            Filter(levels=frozenset(lv for lv in det.levels if lv != "province"))
        # Search each side without the place words, which would pull in clauses naming the place.
        query = det.text
        for word in (*det.places, *det.regions):
            query = query.replace(word, "")
        pair = []
        for scope in (lower_scope, Filter(levels=frozenset({"province"}))):
            found = [h for h in self._search(query, 10, where=scope) if h.clause.kind != "column"]
            if not found:
                return None
            pair.append(max(found, key=lambda h: fitness(det.terms, h)))
        local, upper = pair
        head = f"{label_of(self._doc(local))}“{task_name(local.clause)}”"
        if local.clause.lead:
            head += f"由{'、'.join(local.clause.lead)}牵头"
        tail = f"{cites.mark(local)}；对应{label_of(self._doc(upper))}“{task_name(upper.clause)}”{cites.mark(upper)}。"
        room = max(LIMIT - len(head) - len(re.sub(r"\[\d+\]", "", tail)), 30)
        raws = [t.raw for t in local.clause.targets if t.raw]
        pieces = [p.strip("，,；;。") for p in _PIECE_SPLIT.split(body_text(local.clause)) if p.strip("，,；;。")]
        scored = sorted(((coverage(det.terms, p) + 0.6 * novelty(p, upper.clause.text)
                          + (0.3 if any(r in p for r in raws) else 0.0), n, p) for n, p in enumerate(pieces)),
                        reverse=True)
        chosen, used = [], 0
        for _, n, p in scored:
            if used + len(p) + 1 <= room:
                chosen.append((n, p))
                used += len(p) + 1
        gist = "，".join(p for _, p in sorted(chosen)) or trim(pieces[0] if pieces else "", det.terms, room)
        return f"{head}：{gist}{tail}"

    def _doc_fact(self, det: Detection, hits: list[Hit], cites: Citations) -> str | None:
        docs = [d for d in self.documents.values() if d.region in det.regions]
        if not docs and det.places:
            raise NoAnswer  # a place with no document of its own (青岛市的实施方案)
        docs = docs or [d for d in self.documents.values() if d.level in det.levels]
        if not docs and hits:
            docs = [self._doc(hits[0])]
        if not docs:
            return None
        doc = docs[0]
        own = [c for c in self.clauses if c.doc_id == doc.id]
        notice = next((c for c in own if c.kind == "notice"), own[0] if own else None)
        if re.search(r"为什么|目的|出台背景|为何", det.text):
            for clause in own:
                m = _PURPOSE.search(body_text(clause))
                if m:
                    return f"{trim(m.group(0), det.terms, LIMIT)}{cites.mark(Hit(clause, 1.0, 0))}。"
        if re.search(r"依据|根据|哪[个份部项](?:文件|规划|政策|通知)|什么文件|落实|为了", det.text):
            for clause in own:
                m = _BASIS.search(clause.text)
                if m:
                    return f"{doc.short_name or doc.title}{m.group(0)}{cites.mark(Hit(clause, 1.0, 0))}。"
        if notice and re.search(r"印发给|发给|主送|哪些单位|哪些部门", det.text):
            m = _RECIPIENTS.search(notice.text)
            if m:
                return f"{doc.short_name or doc.title}印发给{m.group(1)}{cites.mark(Hit(notice, 1.0, 0))}。"
        date = re.sub(r"^(\d{4})-(\d{2})-(\d{2})$", lambda m: f"{m[1]}年{int(m[2])}月{int(m[3])}日", doc.date)
        facts = "，".join(x for x in (doc.number and f"文号{doc.number}", doc.issuer and f"由{doc.issuer}",
                                      date and f"于{date}印发") if x)
        text = f"《{doc.title}》{facts}"
        return f"{text}{cites.mark(Hit(notice, 1.0, 0))}。" if notice else f"{text}。"

    def _dept_lookup(self, det: Detection, cites: Citations) -> str | None:
        parts = []
        per_role = 3 if len(det.departments) == 1 else 2
        for dept in det.departments:
            rows = self._duties.get(dept, [])
            for role, word in (("lead", "牵头"), ("support", "参与")):
                tasks = list({c.id: c for c, r in rows if r == role}.values())
                if tasks:
                    shown = [f"{task_name(c)}{cites.mark(Hit(c, 1.0, 0))}" for c in tasks[:per_role]]
                    more = f"等{len(tasks)}项" if len(tasks) > per_role else ""
                    parts.append(f"{dept}{word}{len(tasks)}项：{'、'.join(shown)}{more}")
        if not parts:
            raise NoAnswer
        return "；".join(parts) + "。"


def asked_units(text: str) -> list[str]:
    """Units a question asks a number in: 多少辆 → 辆, 多少亿元 → 亿元, 多大比例 → %."""
    units = [f"{m[1] or ''}{'元' if m[2] == '钱' else m[2]}" for m in _ASKED_UNIT.finditer(text)]
    if _ASKED_SHARE.search(text):
        units.append("%")
    if _ASKED_RATE.search(text):
        units.append("/每")  # a rate (元每公斤) no target unit states
    return units


def fitness(topic: Sequence[str] | Mapping[str, float], hit: Hit) -> float:
    """How well a hit's clause fits the topic: its title path counts most, then its text, then
    its rank; a news lead-in (导语) yields to the official text."""
    c = hit.clause
    heading = " ".join((*c.path, c.title))
    return (coverage(topic, heading) + 0.5 * coverage(topic, c.index_text) - 0.03 * hit.rank
            - (0.3 if c.kind == "lead_in" else 0.0))


def _with_previous(clause: Clause, sentence: str) -> str:
    """``sentence`` with the sentence before it in ``clause`` (context for a target)."""
    parts = sentences(body_text(clause))
    at = next((i for i, p in enumerate(parts) if sentence.strip("。；") in p), None)
    return "".join(parts[max(at - 1, 0) : at + 1]) if at is not None else sentence


def novelty(sentence: str, other: str) -> float:
    """Share of ``sentence``'s character bigrams not found in ``other``."""
    grams = [sentence[i : i + 2] for i in range(len(sentence) - 1)]
    return sum(g not in other for g in grams) / len(grams) if grams else 0.0


def body_text(clause: Clause) -> str:
    """Clause text without its own title line and its responsibility note (牵头单位…)."""
    text = clause.text.lstrip("—-　 ")
    if clause.title and text.startswith(clause.title):
        text = text[len(clause.title):].lstrip("。.：:；;\n 　")
    return _NOTE_START.split(text, maxsplit=1)[0]


def best_sentences(topic: Sequence[str] | Mapping[str, float], hits: Sequence[Hit], bonus: re.Pattern[str] | None = None,
                   n: int = 2) -> list[tuple[Hit, str]]:
    """The ``n`` best sentences of ``hits`` by topic-word coverage (plus a cue-word bonus)."""
    scored = []
    for pos, hit in enumerate(hits):
        fit = fitness(topic, hit)
        for idx, sent in enumerate(sentences(body_text(hit.clause))):
            cov = coverage(topic, sent)
            # a cue word (补贴, 支持) multiplies, so it never outranks the topic itself
            score = (cov + 0.05) * (1.3 if bonus and bonus.search(sent) else 1.0) + 0.3 * fit \
                + (0.05 if idx == 0 else 0.0)
            scored.append((score, -pos, hit, sent))
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    return [(hit, sent) for _, _, hit, sent in scored[:n]]


# ---------------------------------------------------------------------- text helpers
_SENTENCE_END = re.compile(r"(?<=[。；！？!?;\n])")
_UNIT_WORD = re.compile(r"^[万亿千百元钱辆台家个年场座项次人亩吨度%]+$")
_PIECE_SPLIT = re.compile(r"[，,；;。]")
_PIECE_END = re.compile(r"(?<=[，,、；;。：:])")
_NUMBER_LABEL = re.compile(r"^\s*(?:[（(][^）)]{1,4}[）)]|[一二三四五六七八九十百]+[、.．]|\d+[.．、]|第[一二三四五六七八九十百]+条)\s*")


class Citations:
    """Hits in the order their markers ``[n]`` first appear in the answer."""

    def __init__(self) -> None:
        self.hits: list[Hit] = []
        self._number: dict[str, int] = {}

    def mark(self, hit: Hit) -> str:
        """The marker for ``hit``'s clause, adding it on first use."""
        n = self._number.get(hit.clause.id)
        if n is None:
            self.hits.append(hit)
            n = self._number[hit.clause.id] = len(self.hits)
        return f"[{n}]"


def sentences(text: str) -> list[str]:
    """Sentences of ``text``, split after 。；！？ (the split keeps the end mark)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def coverage(terms: Sequence[str] | Mapping[str, float], text: str) -> float:
    """Weighted share of ``terms`` found in ``text``; a missing term longer than two characters
    counts half the share of its bigrams found. A sequence weighs every term 1."""
    weights = terms if isinstance(terms, Mapping) else dict.fromkeys(terms, 1.0)
    total = sum(weights.values())
    if not total:
        return 0.0
    found = 0.0
    for tok, w in weights.items():
        if tok in text:
            found += w
        elif len(tok) > 2:
            grams = [tok[i : i + 2] for i in range(len(tok) - 1)]
            found += w * 0.5 * sum(g in text for g in grams) / len(grams)
    return found / total


def trim(text: str, tokens: Sequence[str] | Mapping[str, float], limit: int, must: str = "") -> str:
    """``text`` cut at commas to at most ``limit`` characters, keeping the run of pieces richest
    in ``tokens`` (and containing ``must`` when given); a cut is marked with ``…``."""
    text = text.strip().rstrip("。；;")
    if len(text) <= limit:
        return text
    pieces = [p for p in _PIECE_END.split(text) if p]
    best, best_score = "", -1.0
    for i in range(len(pieces)):
        window = ""
        for piece in pieces[i:]:
            if len(window) + len(piece) > limit:
                break
            window += piece
            if must and must not in window:
                continue
            # prefer the richest window, then the earliest, then the longest
            score = coverage(tokens, window) - 0.01 * i + 0.0001 * len(window)
            if score > best_score:
                best, best_score = window, score
    if not best:
        at = max(text.find(must), 0) if must else 0
        best = text[max(0, at - limit // 2):][:limit]
    return best.rstrip("，,、；;：:") + ("" if text.endswith(best) else "…")


def task_name(clause: Clause) -> str:
    """A clause's task name without its numbering label (加快建设充电基础设施)."""
    name = clause.title or (clause.path[-1] if clause.path else clause.labels)
    return _NUMBER_LABEL.sub("", name).rstrip("。.：:")


def label_of(doc: Document) -> str:
    """How an answer names a document's level: its region (山东省, 聊城市) or short name."""
    return doc.region or doc.short_name or doc.title
