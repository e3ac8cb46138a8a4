"""When to say "the corpus has no clause on it": the coverage policy of the answer layer.

Dense cosines of e5 sit between 0.86 and 0.94 for related and unrelated questions alike on this
genre, so they do not decide; words do. The words are the question's whole words (precise-mode
jieba, ``CorpusVocab.words``), never search-mode fragments: 上牌 must not count as found because
its fragment 车上 happens to occur in some clause.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from rag.answer.sentences import coverage
from rag.model import Clause, Hit

REFUSAL_TEXT = "现有政策文件中没有找到相关条款"


@dataclass(frozen=True)
class RefusalPolicy:
    """When retrieved clauses are too weak an answer.

    A question's topic words are split into *informative* ones (found in the corpus, in at most
    ``max_share`` of the clauses), ubiquitous ones (新能源, 汽车) and absent ones (摇号). The
    question is refused when it has absent words but no informative one, or when no retrieved
    clause that holds one of its ``anchors`` most specific (highest-IDF) informative words covers
    at least ``min_coverage`` of the informative words (IDF-weighted). Calibrated on
    ``eval/qa.jsonl``; the anchors on documents and questions written apart from it.

    Args:
        min_coverage: Least IDF-weighted share of informative words one clause must hold.
        max_share: Words in a larger share of clauses count as ubiquitous.
        depth: How many retrieved clauses are checked.
        anchors: How many of the most specific words one of which the answering clause must hold
            (0: no such requirement).
        anchor_held: Coverage at which an anchor counts as held; below 1 so that a compound the
            clause spells with most of its bigrams (汽车品牌 ~ 汽车…品牌) still counts.

    Raises:
        ValueError: A share outside [0, 1], a depth below 1 or negative anchors.
    """

    min_coverage: float = 0.25
    max_share: float = 0.3
    depth: int = 10
    anchors: int = 2
    anchor_held: float = 0.3

    def __post_init__(self) -> None:
        for name in ("min_coverage", "max_share", "anchor_held"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"RefusalPolicy.{name}={value!r}; allowed: a number in [0, 1]")
        if self.depth < 1:
            raise ValueError(f"RefusalPolicy.depth={self.depth!r}; allowed: an integer >= 1")
        if self.anchors < 0:
            raise ValueError(f"RefusalPolicy.anchors={self.anchors!r}; allowed: an integer >= 0")

    def refuse(self, terms: Mapping[str, float], shares: Mapping[str, float], hits: Sequence[Hit],
               structured: bool = False, words_of: Callable[[Clause], str] | None = None,
               asking: Collection[str] = ()) -> bool:
        """True when ``hits`` are too weak an answer.

        Args:
            terms: Topic words with weights (IDF).
            shares: Share of clauses holding each topic word (0 when absent from the corpus).
            hits: Retrieved clauses, best first.
            structured: The intent reads clause data (牵头单位, 指标…) rather than sentences;
                such questions are not refused for absent words alone.
            words_of: A clause's tokens joined and surrounded by spaces, so that a two-character
                word found only across a word boundary (整车|上 for 车上) does not count.
            asking: Topic words that are part of how the question asks (满足什么条件): never an
                anchor — the answering clause may say it without them (本措施适用于…企业).

        Returns:
            Whether to refuse.
        """
        if not hits:
            return True
        absent = [t for t in terms if not shares.get(t)]
        informative = {t: w for t, w in terms.items() if 0 < shares.get(t, 0.0) <= self.max_share}
        if not informative:
            return bool(absent) and not structured
        checked = hits[: self.depth]
        if self.anchors:
            # The clause that answers must hold one of the question's most specific words: a
            # question about 博士安家补贴 is not answered by a clause that only shares 数字经济.
            # (unless every word is one it asks with: 评上县级节水型企业拿了5万，今年又评上市级的，还能… tells
            # what was had before inside the ask, and those words are its subject)
            anchors = sorted([t for t in informative if t not in asking] or informative, key=informative.get,
                             reverse=True)[: self.anchors]
            checked = [h for h in checked if any(
                coverage({a: 1.0}, h.clause.index_text, words_of(h.clause) if words_of else None) >= self.anchor_held
                for a in anchors)]
            if not checked:
                return True
        best = max(coverage(informative, h.clause.index_text, words_of(h.clause) if words_of else None)
                   for h in checked)
        return best < self.min_coverage
