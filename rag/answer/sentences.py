"""Evidence text: split clauses into sentences, score them against a question, trim them short.

Every composer of ``rag.answer.compose`` quotes clause text; this module decides *which* words. A
question's topic words come with IDF weights (``Detection.terms``), so ``coverage`` is the
weighted share of them a text holds — a rare word (溯源, 兼并重组) counts far more than a common
one (发展). ``trim`` cuts at commas to a character budget, keeping the richest run of pieces.

Two ways to pick evidence:

* ``best_sentences`` — the sentences covering the question's words best, for a question about one
  detail of a clause (做充电桩的企业有什么税收优惠);
* ``task_summary`` — a clause body from its start, framing pieces (根据…要求) dropped, for a
  question whose words are the clause's own heading (省里对加氢站建设是怎么安排的 → 有序完善加氢设施):
  policy texts state the main measure of a task first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher
from functools import lru_cache

from rag.ingest.duties import KEYED, ROLE_LINE
from rag.ingest.numbering import strip_label
from rag.ingest.script import to_simplified
from rag.model import Clause, Hit

Terms = Sequence[str] | Mapping[str, float]

_SENTENCE_END = re.compile(r"(?<=[。；！？!?;\n])")
_PIECE_END = re.compile(r"(?<=[，,、；;。：:])")
_CLAUSE_END = re.compile(r"(?<=[，,；;。：:])")
# A responsibility note in brackets (one level of nested brackets: 各县（市、区）人民政府), or one cut off at the end.
# units named unbracketed after a task, up to the end of their list (责任单位：市民政局（牵头）、市财政局；)
_KEYED_ROLES = re.compile(KEYED.pattern + ROLE_LINE.pattern + r"(?:[^；;。\n（）()]|[（(][^（）()]*[）)])*[；;。]?")
_NOTE = re.compile(r"[（(]\s*(?:牵头|责任|配合|主办|协办|主责)(?:单位|部门)?\s*[：:](?:[^（）()]|[（(][^（）()]*[）)])*(?:[）)]|$)")
# A piece that only says which plan the task follows (根据…有关要求，按照…部署，) states no measure.
_FRAMING = re.compile(r"^(?:根据|按照|依据|贯彻|落实)[^，,。；;]{0,40}(?:要求|部署|精神|规定|安排)[，,]?$")
# a piece going on with the step before it (逾期不改正的, 拒不整改的, 情节严重的)
# (…达到10个的，奖励10万元；在此基础上每增加5个，增加奖励5万元: the increment is of the tier before it)
_GOES_ON = re.compile(r"(?:逾期(?:不|未|仍)|拒不|情节严重的|在此基础上|超过部分|超出部分)")
# Concrete facts: a number with a unit, a quoted name, a Latin code (L4).
_CONCRETE = re.compile(r"\d|“[^”]{2,}”|[A-Za-z]\d")


def goes_on(piece: str) -> bool:
    """Whether ``piece`` goes on with the sentence before it (逾期不改正的, 在此基础上每增加5个): ``sentences``
    keeps the two as one."""
    return _GOES_ON.match(piece) is not None


def sentences(text: str) -> list[str]:
    """Sentences of ``text``, split after 。；！？ (the split keeps the end mark) — except before a
    piece that goes on with the one before it (责令限期改正；逾期不改正的，处500元以上5000元以下罚款: one
    rule, its second step only of those who did not take the first; 达到10个的，奖励10万元；在此基础上每增加5个…:
    an increment of the tier before it)."""
    out: list[str] = []
    for piece in (s.strip() for s in _SENTENCE_END.split(text)):
        if piece and out and out[-1][-1] in "；;" and goes_on(piece):
            out[-1] += piece
        elif piece:
            out.append(piece)
    return out


@lru_cache(maxsize=65536)
def folded(text: str) -> str:
    """``text`` as question words are compared with it: simplified script, lower case (a plan in
    traditional script, 5A级 for a question's 5a)."""
    return to_simplified(text).lower()


def _whole(word: str, words: str) -> bool:
    """Whether ``words`` (tokens joined by spaces) hold ``word`` as a token, or its first character
    stands alone right before a token beginning with its second: the tokenizer orphaned it (冷 库容量
    holds 冷库), unlike a seam between two words (整车 上 does not hold 车上)."""
    return f" {word} " in words or (len(word) == 2 and f" {word[0]} {word[1]}" in words)


def coverage(terms: Terms, text: str, words: str | None = None) -> float:
    """Weighted share of ``terms`` found in ``text``; a missing term longer than two characters
    counts half the share of its bigrams found. A sequence weighs every term 1.

    A figure (300头, 5亿) is found whole or not at all.
    The text is compared folded (``folded``). A term ``a|b|c`` is one concept written several ways (a colloquial word and its official
    words, ``rag.retrieval.synonyms``): it is found when any of them is. With ``words`` (the text's tokens
    joined and surrounded by spaces) a two-character term counts only as a whole token, or as an
    orphaned character and the next token (冷|库容量 holds 冷库), not as characters straddling two
    words (整车|上 is not 车上).
    """
    weights = terms if isinstance(terms, Mapping) else dict.fromkeys(terms, 1.0)
    total = sum(weights.values())
    if not total:
        return 0.0
    text = folded(text)
    found = 0.0
    for term, w in weights.items():
        if not w:
            continue
        alternatives = term.split("|")
        if any(_whole(tok, words) if words is not None and len(tok) <= 2 else (tok in text)
               for tok in alternatives):
            found += w
            continue
        partial = 0.0
        for tok in alternatives:
            if len(tok) > 2 and not any(ch.isdigit() for ch in tok):  # (300头 is not half of 100头)
                grams = [tok[i : i + 2] for i in range(len(tok) - 1)]
                partial = max(partial, 0.5 * sum(g in text for g in grams) / len(grams))
        found += w * partial
    return found / total


def trim(text: str, tokens: Terms, limit: int, must: str = "") -> str:
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


def body_text(clause: Clause) -> str:
    """Clause text without its own title line and its responsibility notes (牵头单位…); text after
    a note (a closing 本措施自…起施行 paragraph) stays.

    The title is taken off only where it stands as a heading of its own (1.建设算力枢纽。…); an
    article named by its first phrase (第十六条 县财政每年按照…) keeps its whole first sentence."""
    text = clause.text.lstrip("—-　 ")
    # (a title cut at a semicolon is the first part of a sentence, never a heading: （三）…分三期发放：…40%；)
    # (a 专栏 line's label, 崡北县：河道综合治理120公里…, says whose figures they are: it is no heading to drop)
    label = clause.kind == "column" and text[len(clause.title):len(clause.title) + 1] in ("：", ":")
    if clause.title and not label and text.startswith(clause.title) and text[len(clause.title):len(clause.title) + 1] in ("", *"。.：:？?\n"):
        text = text[len(clause.title):].lstrip("。.：:；;？?\n 　")  # (a 解读's question, 问：…？, is a heading too)
    text = _NOTE.sub("", text)
    # units named unbracketed after the task (…。责任单位：市民政局（牵头）、…；完成时限：…) are no
    # sentence of it; what follows them (完成时限：…) stays
    for m in reversed(list(_KEYED_ROLES.finditer(to_simplified(text)))):
        text = text[:m.start()] + text[m.end():]
    return text.strip()


def heading(clause: Clause) -> str:
    """The clause's title path and own title, the words a task is named by."""
    return " ".join((*clause.path, clause.title))


def fitness(terms: Terms, hit: Hit) -> float:
    """How well a hit's clause fits the question: its title path counts most, then its text, then
    its rank; a news lead-in (导语) yields to the official text."""
    c = hit.clause
    return (coverage(terms, heading(c)) + 0.5 * coverage(terms, c.index_text) - 0.03 * hit.rank
            - (0.3 if c.kind == "lead_in" else 0.0))


def novelty(sentence: str, other: str) -> float:
    """Share of ``sentence``'s character bigrams not found in ``other``."""
    grams = [sentence[i : i + 2] for i in range(len(sentence) - 1)]
    return sum(g not in other for g in grams) / len(grams) if grams else 0.0


def echo(question: str, text: str) -> int:
    """Length of the longest run of characters ``text`` shares with ``question``: a clause that
    repeats the question's own wording (数字化转型) is the one it is about."""
    match = SequenceMatcher(None, question, text, autojunk=False).find_longest_match(0, len(question), 0, len(text))
    return match.size


def concrete(text: str) -> bool:
    """True when ``text`` states a concrete fact: a number, a quoted name or a code like L4."""
    return bool(_CONCRETE.search(text))


def with_previous(clause: Clause, sentence: str) -> str:
    """``sentence`` with the sentence before it in ``clause`` (context for a target)."""
    parts = sentences(body_text(clause))
    at = next((i for i, p in enumerate(parts) if sentence.strip("。；") in p), None)
    return "".join(parts[max(at - 1, 0) : at + 1]) if at is not None else sentence


def lead_of(clause: Clause, part: str) -> str:
    """The parts of ``part``'s sentence before it in ``clause`` when that sentence is a schedule its
    opening introduces with a colon (a later tier, 500公里（含）至1000公里的，每标准箱250元；, is of
    按铁路运距给予基础补贴：…；), with the clause's title when the sentence opens the clause under it as
    a label; empty for a sentence's first part and for parts side by side (对A…；对B…)."""
    parts = sentences(body_text(clause))
    at = next((i for i, p in enumerate(parts) if part.strip("。；") in p), None)
    if not at:
        return ""
    first = at
    while first > 0 and parts[first - 1].rstrip().endswith(("；", ";")):
        first -= 1
    if first == at:
        return ""
    labelled = first == 0 and bool(clause.title) and clause.text.startswith(f"{clause.title}：")
    lead = (f"{clause.title}：" if labelled else "") + "".join(parts[first:at])
    # (only a schedule its opening introduces, 给予基础补贴：…；…: parts side by side, 对A…；对B…, are each their own)
    return lead if re.search(r"[：:]", lead) else ""


def best_sentences(terms: Terms, hits: Sequence[Hit], bonus: re.Pattern[str] | None = None,
                   n: int = 2) -> list[tuple[Hit, str]]:
    """The ``n`` best sentences of ``hits`` by topic-word coverage (plus a cue-word bonus).

    Args:
        terms: The question's topic words (weighted or not).
        hits: Retrieved clauses, best first.
        bonus: Cue words (补贴, 支持) that raise a sentence's score by a factor, so a cue never
            outranks the topic itself.
        n: How many sentences to return.

    Returns:
        ``(hit, sentence)`` pairs, best first.
    """
    scored = []
    for pos, hit in enumerate(hits):
        fit = fitness(terms, hit)
        for idx, sent in enumerate(sentences(body_text(hit.clause))):
            cov = coverage(terms, sent)
            score = (cov + 0.05) * (1.3 if bonus and bonus.search(sent) else 1.0) + 0.3 * fit \
                + (0.05 if idx == 0 else 0.0)
            scored.append((score, -pos, hit, sent))
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    return [(hit, sent) for _, _, hit, sent in scored[:n]]


def task_summary(clause: Clause, limit: int) -> str:
    """The clause body from its start, up to ``limit`` characters, cut at a comma.

    Framing pieces (根据…有关要求，) are dropped: they name the plan followed, not the measure.

    Args:
        clause: A task clause.
        limit: Character budget.

    Returns:
        The summary, ending with ``…`` when the body was cut.
    """
    pieces = [p for p in _CLAUSE_END.split(body_text(clause).strip()) if p.strip()]
    pieces = [p for p in pieces if not _FRAMING.match(p.strip())] or pieces
    out = ""
    for piece in pieces:
        if len(out) + len(piece) > limit:
            break
        out += piece
    if not out:
        return trim("".join(pieces), (), limit)
    cut = len(out) < sum(len(p) for p in pieces)
    return out.rstrip("，,、；;：:。") + ("…" if cut else "")


def task_name(clause: Clause) -> str:
    """A clause's task name without its numbering label (加快建设充电基础设施)."""
    return without_label(clause.title or (clause.path[-1] if clause.path else clause.labels))


def without_label(heading_text: str) -> str:
    """A heading without its numbering label and closing punctuation: （四）激活数据要素价值 →
    激活数据要素价值."""
    return strip_label(heading_text).rstrip("。.：:")
