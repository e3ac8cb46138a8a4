"""The corpus' own names, for reading questions: regions, levels, places, departments, words.

``CorpusVocab`` is built once per ``Answerer`` from the documents and clauses; ``rag.answer.intent.detect``
reads it for every question (is this place, department or word in the corpus at all?).
``pos_tagger`` and ``_is_place`` tell place names by jieba's part-of-speech tags.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

import jieba
import jieba.posseg

from rag.answer.corpus_text import CorpusText
from rag.answer.sentences import folded
from rag.ingest.departments import canonical_department, department_aliases
from rag.model import Clause, Document
from rag.retrieval.tokenize import DOMAIN_FREQ, STOPWORDS, domain_terms, enumeration_terms

_CORPUS_WORD = 3  # a two-character run the corpus holds this often is one of its words
_PLACE_SUFFIX = re.compile(r"(?:省|市|县|区|自治州|州|乡|镇|街道)$")


def short_place(name: str) -> str:
    """A place name without its administrative suffix: 聊城市 → 聊城, 山东省 → 山东."""
    stripped = _PLACE_SUFFIX.sub("", name)
    return stripped if len(stripped) >= 2 else name


@dataclass
class CorpusVocab:
    """The corpus' own names: document regions and levels, departments, and its whole text.

    Built once per ``Answerer``; ``detect`` reads it for every question.
    """

    documents: Sequence[Document]
    departments: dict[str, set[str]] = field(default_factory=dict)  # alias -> canonical names
    region_of_place: dict[str, tuple[str, ...]] = field(default_factory=dict)  # 聊城 -> (聊城市,) as written
    level_of_region: dict[str, str] = field(default_factory=dict)
    column_places: set[str] = field(default_factory=set)  # 专栏 line-item labels that are places
    # all clause texts, titles and document metadata, for "is it in the corpus"
    text: CorpusText = field(default_factory=lambda: CorpusText(""))
    titles: str = ""  # document titles and short names
    segmenter: jieba.Tokenizer | None = None  # precise-mode jieba with the corpus' domain words
    # the kinds the corpus names its things as (羊肚菌 → 食用菌 of 黑木耳、羊肚菌、灵芝等食用菌)
    kind_of: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def words(self, text: str) -> list[str]:
        """Content words of ``text``: precise-mode jieba without new-word guessing (HMM), so
        a question yields dictionary words (车企, 国外) rather than fragments (车企在).

        Consecutive single characters outside the dictionary form one word: three or more of
        them always (明厨亮灶, a phrase of the corpus, or 云栖山开, none); two when the corpus does
        not hold them (摇+号 → 摇号, a concept the corpus lacks) or uses them as a word of its own,
        often (算+力 → 算力), or that jieba's new-word model reads as one word of the question
        (冷+链 → 冷链); any other rare pair the corpus holds is a seam between two words
        (2025年|新车 → 年新) and is dropped."""
        seg = self.segmenter or pos_tagger().tokenizer
        words: list[str] = []
        run = ""  # consecutive single characters outside the dictionary (摇+号) form one word
        guessed: set[str] | None = None  # the question's words by jieba's new-word model, read when needed
        for w in [*seg.lcut(text, HMM=False), ""]:
            if len(w) == 1 and "\u4e00" <= w <= "\u9fff" and w not in STOPWORDS:
                run += w
                continue
            if len(run) == 2 and run in self.text and self.text.count(run) < _CORPUS_WORD and guessed is None:
                guessed = set(seg.lcut(text, HMM=True))
            if len(run) >= 3 or (len(run) == 2 and (run not in self.text or self.text.count(run) >= _CORPUS_WORD
                                                    or run in (guessed or ()))):
                words.append(run)
            run = ""
            if len(w) >= 2 and w not in STOPWORDS and any("\u4e00" <= ch <= "\u9fff" or ch.isalnum() for ch in w):
                words.append(w)
        return words

    @classmethod
    def build(cls, documents: Sequence[Document], clauses: Iterable[Clause],
              domain_words: Sequence[str] | None = None) -> CorpusVocab:
        """Collect the vocabulary of ``documents`` and ``clauses``; ``domain_words`` are the
        corpus' domain words when already computed (the index tokenizer's), else derived here."""
        clauses = list(clauses)
        vocab = cls(documents=list(documents))
        vocab.segmenter = jieba.Tokenizer()
        vocab.segmenter.initialize()
        # enumeration items are judged against the plain dictionary, before domain words join it
        domain = domain_terms(clauses) if domain_words is None else domain_words
        for term in dict.fromkeys([*enumeration_terms(clauses, vocab.segmenter.FREQ), *domain]):
            vocab.segmenter.add_word(term, freq=DOMAIN_FREQ)
        parts: list[str] = []
        for doc in documents:
            parts += [doc.title, doc.short_name, doc.number, doc.issuer, doc.region]
            if doc.region:
                # keyed as questions are written (simplified): 临河 names 臨河市 too
                region = folded(doc.region)
                for key in (short_place(region), region):
                    vocab.region_of_place[key] = (*vocab.region_of_place.get(key, ()), doc.region)
                vocab.level_of_region[doc.region] = doc.level
        for clause in clauses:
            parts += [clause.title, clause.text, *clause.path]
            for name in (*clause.lead, *clause.support, *clause.support_inherited):
                canon = canonical_department(name)
                for alias in {name, canon, *department_aliases(canon)}:
                    vocab.departments.setdefault(alias, set()).add(canon)
            if clause.kind == "column" and clause.title and _is_place(folded(clause.title)):
                vocab.column_places.add(short_place(folded(clause.title)))
        # folded as questions are (simplified script, lower case), so a traditional-script plan holds its words
        vocab.text = CorpusText(folded("\n".join(p for p in parts if p)))
        vocab.kind_of = kinds_named(clauses, vocab.segmenter, vocab.text)
        vocab.titles = folded("\n".join(f"{d.title}\n{d.short_name}" for d in documents))
        return vocab

    def holds(self, name: str) -> bool:
        """True when ``name`` (or its short form) occurs anywhere in the corpus."""
        return name in self.text or short_place(name) in self.text


def spelled_out(*words: str) -> str:
    """A pattern matching any of ``words`` written out: its characters in order within one phrase,
    at most three characters apart (质检 ← 质量监督检验, 技改 ← 技术改造, 文旅局 ← 文化广电旅游局)."""
    return "|".join(r"[^，。；：、\s]{0,3}".join(map(re.escape, w)) for w in words)


@cache
def pos_tagger() -> jieba.posseg.POSTokenizer:
    """A part-of-speech tagger on a private jieba dictionary: libraries such as Milvus Lite add
    their own words to the global one, and place tags must not depend on what else is loaded."""
    return jieba.posseg.POSTokenizer(jieba.Tokenizer())


@lru_cache(maxsize=1024)
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """``text`` as (word, part-of-speech tag) pairs, tagged once however many checks read it."""
    return tuple((w.word, w.flag) for w in pos_tagger().lcut(text))


def word_freq(word: str) -> int:
    """The frequency of ``word`` in jieba's own dictionary (``pos_tagger``'s private copy, which
    nothing loaded beside the library adds to): how everyday a word is."""
    tokenizer = pos_tagger().tokenizer
    tokenizer.check_initialized()
    return tokenizer.FREQ.get(word, 0)


def _is_place(word: str) -> bool:
    """True when jieba tags ``word`` as a place (``ns``) or it ends in 省/市/县/区/州."""
    return any(p.flag.startswith("ns") for p in pos_tagger().lcut(word)) or bool(_PLACE_SUFFIX.search(word))


# a list of things closed by the kind they are (推广黑木耳、羊肚菌、灵芝等食用菌标准化种植)
_KIND_LIST = re.compile(r"((?:[\u4e00-\u9fff]{1,10}、)+[\u4e00-\u9fff]{2,6})等([\u4e00-\u9fff]{2,10})")


def kinds_named(clauses: Iterable[Clause], segmenter: jieba.Tokenizer,
                text: CorpusText | None = None) -> dict[str, tuple[str, ...]]:
    """Each thing a clause lists before 等 and the kind it closes the list with (黑木耳、羊肚菌、灵芝等
    食用菌: 羊肚菌 → 食用菌): a question on 羊肚菌 asks about what the plan grants 食用菌. The first
    item is the last word of its segment (推广林下黑木耳 → 黑木耳); the kind, the first word after 等.
    With ``text`` (the corpus' folded text), only things the corpus names nowhere but in such lists
    count: 学校 of 商场、学校、医院等公共场所 has tasks of its own (学校电梯专项排查)."""
    out: dict[str, set[str]] = {}
    listed: dict[str, int] = {}
    for clause in clauses:
        for m in _KIND_LIST.finditer(folded(clause.text)):
            segments = m.group(1).split("、")
            first = segmenter.lcut(segments[0], HMM=False)
            items = [first[-1] if first else "", *segments[1:]]
            kind = next(iter(segmenter.lcut(m.group(2), HMM=False)), "")
            if len(kind) < 2 or kind in items:
                continue
            for item in items:
                if 2 <= len(item) <= 6:
                    out.setdefault(item, set()).add(kind)
                    listed[item] = listed.get(item, 0) + 1
    return {item: tuple(sorted(kinds)) for item, kinds in out.items()
            if text is None or text.count(item) <= listed[item]}
