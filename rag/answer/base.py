"""What every composer of ``rag.answer`` shares: the answer budget, citations, quoting, and which
documents answer a question.

A library holds plans of many regions. A question that names no place is answered by the
documents whose clauses fit it about as well as the best, one part per document labelled by its
region (province first), from at most ``MAX_REGIONS`` regions — the best-fitting ones; a last line
counts the others (另有N个地区的文件也有相关条款：…) so the user can narrow by region. A question
naming a place, or filtered by region, level or document, is answered from its documents only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from rag.answer.extract import LIST_HEADING, opens_list, opens_whole_list
from rag.answer.intent import Detection, Intent
from rag.answer.kinds import STATES, Kind
from rag.answer.sentences import fitness, folded, trim, without_label
from rag.answer.vocab import CorpusVocab, short_place, tagged
from rag.ingest.departments import department_index
from rag.model import Clause, Document, Hit, level_rank

# a document named by its subject and a word for a document: 这套软件政策, 物流这个文件, 污水治理方案
_NAMED_BY_TOPIC = re.compile(r"([\u4e00-\u9fff]{2})(?:这个|这套|这份|这篇|那个|那套|那份)?"
                             r"(?:政策|文件|措施|办法|方案|计划|意见|指南|细则|通知|新政)")
# what kind of document a title is (实施方案, 工作方案, 若干措施): words of every title, naming none
_DOC_KIND = re.compile(r"(?:实施|行动|工作|若干|管理|任务|分工|指导|专项|具体|三年)*"
                       r"(?:方案|计划|措施|办法|意见|通知|细则|指南|规划|政策)")
LIMIT = 120  # characters of answer text before citation markers
MAX_REGIONS = 3  # regions an answer over many documents shows; the rest are counted


def stated(sentence: str, kinds) -> str:
    """The words of ``sentence`` that state the first asked kind it states (kept when trimming)."""
    for kind in kinds:
        m = STATES[kind].search(sentence)
        if m:
            return m.group(0)
    return ""



def quoted(name: str) -> str:
    """``name`` in quotation marks, unless it already stands in them (no ““…””)."""
    return name if name.startswith("“") and name.endswith("”") else f"“{name}”"



def _listed(sents: list[str]) -> str:
    """A sentence opening a list and its items as one text: 条件：（一）…；（二）…；"""
    items = [s.strip().rstrip("。；;") for s in sents]
    lead = items[0] if items[0].endswith(("：", ":")) else f"{items[0]}；"
    return lead + "".join(f"{s}；" for s in items[1:])


def level_key(level: str) -> int:
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



def label_of(doc: Document) -> str:
    """How an answer names a document's level: its region (山东省, 聊城市) or short name."""
    return doc.region or doc.short_name or doc.title



def more(elsewhere: Sequence[str]) -> str:
    """The line counting the regions an answer leaves out (empty when none)."""
    if not elsewhere:
        return ""
    shown = "、".join(elsewhere[:8]) + ("等" if len(elsewhere) > 8 else "")
    return f"另有{len(elsewhere)}个地区的文件也有相关条款：{shown}。"


# a name a document writes in quotation marks (“昶智通”企业服务平台, “菀味鲜选”): three characters or more,
# so that a quoted word of the genre (“两高”) names nothing
_QUOTED = re.compile(r"“([\u4e00-\u9fffA-Za-z0-9]{3,12})”")


def specific_word(terms: Mapping[str, float]) -> str | None:
    """The question's most specific word: its topic term of the highest weight (``None``: none weighs)."""
    return max((t for t, w in terms.items() if w > 0), key=terms.get, default=None)


class ComposerBase:
    """The corpus a composer reads and the steps every intent's composer shares.

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
        self.duties = department_index(clauses)  # lead, support, support_inherited
        self._title_words: dict[str, set[str]] | None = None  # built on the first question naming a document
        self._rules: dict[tuple[str, tuple], list[Clause]] = {}  # a document's rules for every measure: by kinds asked, its procedure, the clauses timing a step
        self._texts: dict[str, str] = {}  # each document's folded text, on first use
        self._quoted: dict[str, set[str]] | None = None  # names written in quotation marks → their documents

    def doc_holds(self, doc_id: str, word: str) -> bool:
        """Whether any clause of ``doc_id`` holds ``word`` (any spelling of a ``a|b`` topic term)."""
        text = self._texts.get(doc_id)
        if text is None:
            text = self._texts[doc_id] = folded("\n".join(c.text for c in self.by_doc.get(doc_id, ())))
        return any(w in text for w in word.split("|"))

    def named_in(self, text: str) -> set[str]:
        """The documents that name, in quotation marks, a name ``text`` uses (在昶智通上报: the measure
        whose platform is “昶智通”): a platform, a brand or a campaign belongs to the document
        that names it."""
        if self._quoted is None:
            self._quoted = {}
            for clause in self.clauses:
                for name in _QUOTED.findall(folded(clause.text)):
                    self._quoted.setdefault(name, set()).add(clause.doc_id)
        return {d for name, docs in self._quoted.items() if name in text for d in docs}

    def on_the_subject(self, terms: Mapping[str, float], hits: list[Hit]) -> list[Hit]:
        """``hits`` without those of documents that never hold the question's most specific word
        when another's document does (茶厂买加工设备: the tea plan, not the 预制菜 one)."""
        anchor = specific_word(terms)
        if anchor is None or len({h.clause.doc_id for h in hits}) < 2:
            return hits
        kept = [h for h in hits if self.doc_holds(h.clause.doc_id, anchor)]
        return kept or hits


    def sentence_list(self, clause: Clause) -> tuple[str, Clause | None, list[Clause]] | None:
        """The one-sentence list ``clause`` belongs to, as (its lead, the clause opening it, its
        items): a paragraph opening it (申报条件：) and the items finishing its sentence
        (（一）…；…（五）…。), or a heading naming it (六、申报材料) over items ending in semicolons;
        ``None`` when ``clause`` is in no such list."""
        order = self.by_doc.get(clause.doc_id, [])
        at = next((n for n, c in enumerate(order) if c.id == clause.id), None)
        if at is None:
            return None
        named = folded(without_label(clause.path[-1])) if clause.path else ""
        if clause.kind == "item" and LIST_HEADING.fullmatch(named):  # 六、申报材料, not a long article title
            items = [c for c in order if c.kind == "item" and c.path == clause.path]
            if len(items) >= 2 and all(c.text.rstrip().endswith(("；", ";")) for c in items[:-1]):
                return f"{without_label(clause.path[-1])}：", None, items
        start = at
        while start > 0 and order[start].kind == "item" and not opens_whole_list(order[start].text):
            start -= 1
        opener = order[start]
        if not opens_whole_list(opener.text):
            return None
        items = []
        for c in order[start + 1:]:
            if c.kind != "item" or c.path[:len(opener.path)] != opener.path:
                break
            items.append(c)
            if not c.text.rstrip().endswith(("；", ";")):
                break
        if len(items) < 2 or at > start + len(items):
            return None
        text = opener.text.rstrip()
        return re.split(r"(?<=[。！？])", text)[-1] or text, opener, items


    def quote_list(self, det: Detection, found: tuple[str, Clause | None, list[Clause]], hits: list[Hit],
                   cites: Citations) -> str:
        """A one-sentence list quoted whole, each item with its own marker, within half as much
        again as an answer's budget: 申报条件：（一）…[1]；（二）…[2]。"""
        lead, opener, items = found
        ranked = {h.clause.id: h for h in hits}
        out = f"{lead}{cites.mark(ranked.get(opener.id) or Hit(opener, 0.0, 0))}" if opener and len(lead) > 8 else lead
        room = LIMIT + LIMIT // 2 - len(out)
        shown = []
        for c in items:
            item = re.split(r"(?<=[。；;])", c.text.strip())[0].rstrip("。；;")  # the list's part, not what follows it
            if shown and len(item) > room:
                shown.append("…")
                break
            shown.append(f"{trim(item, det.terms, room)}{cites.mark(ranked.get(c.id) or Hit(c, 0.0, 0))}")
            room -= len(item)
        return f"{out}{'；'.join(shown)}。".replace("；…", "…")


    def named_documents(self, det: Detection) -> set[str]:
        """The document a question names by words of its title no other title holds (新材料 of
        泖川市新材料产业三年行动方案; a two-character word only before a word for a document: 这套软件
        政策, 物流这个文件), when it names exactly one; else none."""
        if self._title_words is None:  # every 2–8 character piece of every title → its documents
            pieces: dict[str, set[str]] = {}
            for d in self.documents.values():
                title = folded(f"{d.title} {d.short_name}")
                for size in range(2, 9):
                    for at in range(len(title) - size + 1):
                        pieces.setdefault(title[at:at + size], set()).add(d.id)
            self._title_words = pieces  # assigned whole: a concurrent question never sees it half built
        text = det.text
        for dept in det.departments:
            text = text.replace(dept, "，")  # a department's name names no document
        named: set[str] = set()
        plain = _DOC_KIND.sub("，", text)
        # (a piece taking only the first character of the question's next word, 改造奖 of 改造|奖励, or only
        # the last of the word before, names nothing the asker wrote)
        firsts, lasts, pos = set(), set(), 0
        for word, _ in tagged(plain):
            if len(word) >= 2:
                firsts.add(pos)
                lasts.add(pos + len(word) - 1)
            pos += len(word)
        for m in re.finditer(r"[\u4e00-\u9fff]{3,}", plain):
            run = m.group()
            for size in range(3, min(len(run), 8) + 1):
                for at in range(len(run) - size + 1):
                    if m.start() + at + size - 1 in firsts or m.start() + at in lasts:
                        continue
                    holders = self._title_words.get(run[at:at + size], ())
                    if len(holders) == 1:
                        named |= holders
        for m in _NAMED_BY_TOPIC.finditer(text):
            holders = self._title_words.get(m.group(1), ())
            if len(holders) == 1 and not _DOC_KIND.fullmatch(m.group(0)):
                named |= holders
        return named if len(named) == 1 else set()


    def doc(self, hit: Hit) -> Document:
        return self.documents[hit.clause.doc_id]


    def per_doc(self, det: Detection, hits: list[Hit], keep: Callable[[Clause], bool]) -> tuple[list[Hit], list[str]]:
        """The best kept hit of each document that answers about as well as the best overall
        (of each named level, for a cross-level question), in level order, of at most
        ``MAX_REGIONS`` regions; and the regions left out (see ``capped``)."""
        best: dict[str, tuple[float, Hit]] = {}
        for hit in hits:
            if keep(hit.clause):
                fit = fitness(det.terms, hit)
                if hit.clause.doc_id not in best or fit > best[hit.clause.doc_id][0]:
                    best[hit.clause.doc_id] = (fit, hit)
        if not best:
            return [], []
        top_cov = max(c for c, _ in best.values())
        first = max(best.values(), key=lambda ch: ch[0])[1]
        if det.cross_level:
            chosen = [h for _, h in best.values() if self.doc(h).level in det.levels]
        elif det.filter() is not None:
            chosen = [first]
        else:
            chosen = [h for c, h in best.values() if h is first or (c > 0 and c >= 0.75 * top_cov)]
        fits = {h.clause.doc_id: c for c, h in best.values()}
        kept, elsewhere = self.capped([(fits[h.clause.doc_id], h) for h in chosen or [first]])
        return sorted(kept, key=lambda h: (level_key(self.doc(h).level), h.rank)), elsewhere

    def capped(self, scored: list[tuple[float, Hit]]) -> tuple[list[Hit], list[str]]:
        """The hits of the ``MAX_REGIONS`` regions whose documents fit best (a library of every
        city's plan answers a question naming no place with the few most relevant), and the
        labels of the other regions, best first, for the line that counts them."""
        order = sorted(scored, key=lambda fh: (-fh[0], fh[1].rank))
        regions = list(dict.fromkeys(label_of(self.doc(h)) for _, h in order))
        kept = set(regions[:MAX_REGIONS])
        return [h for _, h in scored if label_of(self.doc(h)) in kept], regions[MAX_REGIONS:]


    def labelled(self, parts: list[tuple[Hit, str]], cites: Citations, elsewhere: Sequence[str] = ()) -> str:
        """One part as is; several parts each prefixed by their document's region, then how many
        more regions hold related clauses (``elsewhere``, from ``capped``)."""
        if len(parts) == 1 and not elsewhere:
            return f"{parts[0][1]}{cites.mark(parts[0][0])}。"
        return "；".join(f"{label_of(self.doc(h))}：{body}{cites.mark(h)}" for h, body in parts) + "。" + more(elsewhere)

    def quote(self, det: Detection, picked: list[tuple[Hit, str]], cites: Citations, budget: int = LIMIT) -> str | None:
        """One or two picked sentences trimmed to the budget (keeping the piece that states the
        kind of fact asked), each with its marker; a sentence opening a list (应同时符合以下条件：)
        is quoted with the items picked after it, in a budget half as long again; ``budget`` is the
        answer's characters otherwise."""
        if not picked:
            return None
        runs: list[tuple[Hit, list[str]]] = []
        for hit, sent in picked:
            if runs and runs[-1][0].clause.id == hit.clause.id and opens_list(runs[-1][1][0]):
                runs[-1][1].append(sent)  # an item of the list the run opened
            else:
                runs.append((hit, [sent]))
        runs = runs[:2]
        for _, sents in runs:
            cites.quoted.update(sents)
        if len(runs) == 1 and len(runs[0][1]) > 1:  # a list and its items
            body = trim(_listed(runs[0][1]), det.terms, LIMIT + LIMIT // 2)
            return f"{body.rstrip('；')}{cites.mark(runs[0][0])}。"
        texts = [_listed(sents) if len(sents) > 1 else sents[0].strip().rstrip("。；;") for _, sents in runs]
        budget = max(budget, LIMIT + (LIMIT // 2 if any(len(sents) > 1 for _, sents in runs) else 0))
        room = budget if len(texts) == 1 else max(budget - min(len(texts[1]), budget // 2), budget // 2)
        # what a support question asks without naming a kind (能拿什么补贴) is the amount given
        kinds = det.kinds or ((Kind.AMOUNT,) if det.intent is Intent.POLICY else ())
        first = trim(texts[0], det.terms, room, must=stated(texts[0], kinds))
        out = f"{first}{cites.mark(runs[0][0])}"
        if len(texts) > 1 and budget - len(first) >= 12:
            second = trim(texts[1], det.terms, budget - len(first), must=stated(texts[1], kinds))
            out += f"；{second.rstrip('；')}{cites.mark(runs[1][0])}"
        return out + "。"

