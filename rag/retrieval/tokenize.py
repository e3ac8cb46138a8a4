"""Chinese tokens for BM25: jieba with a corpus-derived domain dictionary, stopwords, folding.

Both questions and clauses go through the same ``Tokenizer`` so their tokens meet:

1. ``fold`` — NFKC (full-width ２０２５ → 2025), OpenCC ``t2s`` (traditional → simplified:
   誰負責充電樁 → 谁负责充电桩), lower-case.
2. jieba search mode (``cut_for_search``) on a private ``jieba.Tokenizer`` whose dictionary also
   holds the domain words (省工业和信息化厅, 充电基础设施, 专精特新) with a high frequency, so
   they come out whole; every in-dictionary sub-word of a long token is emitted too, so a
   question that says 基础设施 still meets a clause that says 充电基础设施.
3. Punctuation, whitespace and stopwords (function words, question words) are dropped.

``domain_terms`` derives the domain words from the clauses themselves (responsibility units and
headline terms); nothing here is keyed to a particular document.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

import jieba
import opencc

from rag.ingest.numbering import strip_label
from rag.ingest.script import to_simplified
from rag.model import Clause

# Function words and question words that carry no topic. Questions are phrased with them
# (哪个部门牵头…?), clauses are not, so keeping them only adds noise to BM25.
STOPWORDS: frozenset[str] = frozenset(
    """
    的 地 得 了 着 过 和 与 及 以及 并 并且 或 或者 等 等等 之 其 其中 及其 是 为 在 对 于 由 从 向 把 被 将
    以 而 也 都 就 还 又 到 这 那 这个 那个 这些 那些 此 该 各 有 有没有 没有 是否 是不是 会 能 可以 要 需要
    哪 哪个 哪些 哪里 哪儿 哪家 哪位 什么 啥 谁 多少 几 几个 怎么 怎样 怎么样 如何 为什么 吗 呢 吧 啊 呀
    么 嘛 请问 请 一下 关于 我 我们 你 你们 您 他 她 它 他们 咱们 的话 一个 一些 个
    """.split()
)

# Verbs that open a policy headline (加快建设充电基础设施); what follows them is the topic noun
# phrase. A general list of the genre's action verbs, not words of one document.
_HEADLINE_VERBS = tuple(
    sorted(
        """
        加快 加大 加强 建设 推动 推进 推广 提升 提高 实施 完善 培育 打造 支持 促进 优化 强化 构建
        拓展 发展 开展 深化 扩大 鼓励 壮大 做强 做优 做大 突破 聚焦 健全 落实 引导 引进 组织 建立
        创新 统筹 保障 稳定 巩固 着力 大力 积极 全面 持续 进一步 深入 切实 不断 有序 规范 布局 开拓
        """.split(),
        key=len,
        reverse=True,
    )
)
# Generic heads that follow the topic in a headline (…基础设施建设, …能力提升).
_HEADLINE_TAILS = ("建设", "发展", "水平", "能力", "行动", "工作", "提升")

_QUOTED = re.compile(r"[“\"「『《«]([^”\"」』》»]{2,16})[”\"」』》»]")
_HEADLINE_SPLIT = re.compile(r"[，,。.;；:：、\s和与及并“”\"「」《》«»()（）]+")
_ALL_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
# An inner item of an enumeration (微面、中大面、微卡、轻卡、皮卡等): 2–4 CJK characters after a
# 、 and before the next 、, 等 or a punctuation mark. Such items are the genre's nouns (product
# kinds, materials, services) and jieba cuts many of them into single characters (轻|卡).
_ENUM_ITEM = re.compile(r"(?<=、)([\u4e00-\u9fff]{2,4}?)(?=、|等|[，。；：）])")
_JIEBA_WORD = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9]+$")
# Word characters: CJK, Latin letters, digits. Anything else is punctuation or symbol.
_WORDISH = re.compile(r"[\u4e00-\u9fff\w]")
# High enough that a domain word wins jieba's DAG route against any split of it.
DOMAIN_FREQ = 1_000_000

jieba.setLogLevel(logging.WARNING)


class Tokenizer:
    """jieba search-mode tokenizer with domain words, stopwords and t2s folding.

    Args:
        domain_words: Words jieba must keep whole (department names, headline terms).
        stopwords: Tokens to drop; defaults to ``STOPWORDS``.

    Raises:
        ValueError: A domain word is empty or contains whitespace (jieba cannot hold it).
    """

    def __init__(self, domain_words: Iterable[str] = (), stopwords: Iterable[str] | None = None):
        self._cc = opencc.OpenCC("t2s")
        self.stopwords = frozenset(STOPWORDS if stopwords is None else stopwords)
        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()
        words: list[str] = []
        for word in dict.fromkeys(domain_words):
            folded = self.fold(word)
            if not folded or any(ch.isspace() for ch in folded):
                raise ValueError(f"domain word {word!r} is empty or contains whitespace")
            self._jieba.add_word(folded, freq=DOMAIN_FREQ)
            words.append(folded)
        self.domain_words: tuple[str, ...] = tuple(words)

    def fold(self, text: str) -> str:
        """NFKC, traditional→simplified (OpenCC t2s) and lower-case.

        Args:
            text: Any text.

        Returns:
            The folded text (same meaning, canonical characters).
        """
        return self._cc.convert(unicodedata.normalize("NFKC", text)).lower()

    def tokenize(self, text: str) -> list[str]:
        """Search-mode tokens of ``text`` without punctuation and stopwords, in text order.

        Args:
            text: A question or a clause text.

        Returns:
            Tokens; a long token is followed by its in-dictionary sub-words.
        """
        out: list[str] = []
        freq = self._jieba.FREQ
        for token in self._jieba.cut_for_search(self.fold(text)):
            token = token.strip()
            if not token or not _WORDISH.search(token) or token in self.stopwords:
                continue
            n = len(token)
            if n > 3:
                # cut_for_search only adds 2- and 3-character sub-words; longer ones
                # (基础设施 inside 充电基础设施) matter just as much for recall.
                out.extend(
                    token[i : i + size]
                    for size in range(4, n)
                    for i in range(n - size + 1)
                    if freq.get(token[i : i + size])
                )
            out.append(token)
        return out

    def tokenize_many(self, texts: Sequence[str]) -> list[list[str]]:
        """``tokenize`` for each text."""
        return [self.tokenize(t) for t in texts]


def headline_terms(title: str) -> list[str]:
    """Topic noun phrases of a headline, e.g. 加快建设充电基础设施 → ``["充电基础设施"]``.

    The numbering label is dropped, the headline is split at punctuation and conjunctions,
    leading action verbs and trailing generic heads are stripped; a 3–10 character CJK
    remainder is kept.

    Args:
        title: A clause title or heading.

    Returns:
        Zero or more terms.
    """
    return list(_headline_terms(title))


@lru_cache(maxsize=65536)  # a library repeats its headings (每个城市的 加快建设充电基础设施)
def _headline_terms(title: str) -> tuple[str, ...]:
    terms: list[str] = []
    for part in _HEADLINE_SPLIT.split(strip_label(title)):
        changed = True
        while changed:
            changed = False
            for verb in _HEADLINE_VERBS:
                if part.startswith(verb) and len(part) > len(verb) + 1:
                    part, changed = part[len(verb) :], True
                    break
            for tail in _HEADLINE_TAILS:
                if part.endswith(tail) and len(part) > len(tail) + 2:
                    part, changed = part[: -len(tail)], True
                    break
        if 3 <= len(part) <= 10 and _ALL_CJK.match(part):
            terms.append(part)
    return tuple(terms)


def domain_terms(clauses: Iterable[Clause]) -> list[str]:
    """Domain words of a corpus: 牵头单位/责任单位 names plus headline and quoted terms.

    Args:
        clauses: All clauses of the corpus.

    Returns:
        Unique terms in first-seen order.
    """
    terms: dict[str, None] = {}
    for clause in clauses:
        for name in (*clause.lead, *clause.support, *clause.support_inherited):
            name = name.strip()
            # jieba cuts at punctuation before its dictionary applies, so 各县（市、区）人民政府
            # can never come out whole; only plain names are worth adding.
            if len(name) >= 2 and _JIEBA_WORD.match(name):
                terms.setdefault(name, None)
        for heading in (*clause.path, clause.title):
            for term in headline_terms(heading):
                terms.setdefault(term, None)
        for source in (*clause.path, clause.title, clause.text):
            for match in _QUOTED.finditer(source):
                term = match.group(1)
                if _ALL_CJK.match(term) and len(term) <= 10:
                    terms.setdefault(term, None)
    # compared with text folded to simplified script (a plan in traditional script too)
    return list(dict.fromkeys(to_simplified(term) for term in terms))


def enumeration_terms(clauses: Iterable[Clause], known: Mapping[str, int]) -> list[str]:
    """Inner items of the clauses' enumerations that jieba does not know as words (轻卡 in
    微卡、轻卡、皮卡), so that a question naming one reads it as one word.

    They serve reading questions (``rag.answer.vocab``), not BM25: on the QA set, adding them to the
    BM25 dictionary lengthened the 专栏 line-items they fill and cost hybrid Hit@5.

    Args:
        clauses: All clauses of the corpus.
        known: The word frequencies of a plain jieba dictionary (before any domain word is added).

    Returns:
        Unique terms in first-seen order.
    """
    terms: dict[str, None] = {}
    for clause in clauses:
        for match in _ENUM_ITEM.finditer(clause.text):
            # Only unknown ones: raising a word jieba already holds would re-route its cuts elsewhere.
            if not known.get(match.group(1)):
                terms.setdefault(to_simplified(match.group(1)), None)
    return list(terms)
