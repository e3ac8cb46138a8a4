"""How common a question's word is in the corpus: the share of clauses holding it.

Shares weigh a question's topic words (IDF) and tell words the corpus never holds. A word is
found by substring, as ``rag.answer.sentences.coverage`` finds it, so that weights and coverage
agree. In a small corpus every clause is checked; in a large one only the clauses the index says
may hold the word (those holding its rarest token, ``term_rows``), so no question scans the whole
library.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rag.answer.sentences import folded
from rag.model import Clause
from rag.retrieval.tokenize import STOPWORDS

COUNTED = 5000  # clauses checked for a word at most; beyond, the index's count stands
_CACHED = 100_000  # words remembered; unbounded questions must not grow memory forever


class TermShares:
    """``shares(term)``: the share of ``clauses`` holding ``term`` (cached); for ``a|b`` the larger.

    Args:
        clauses: The corpus clauses.
        term_rows: ``term -> rows`` of the clauses that may hold it, from the index (``None``:
            the index cannot say); needed above ``COUNTED`` clauses, where without it every
            word counts as absent.
    """

    def __init__(self, clauses: Sequence[Clause], term_rows: Callable[[str], Sequence[int] | None] | None = None):
        self.clauses = clauses
        self._term_rows = term_rows
        self._shares: dict[str, float] = {}

    def __call__(self, term: str) -> float:
        if "|" in term:
            return max(self(t) for t in term.split("|"))
        share = self._shares.get(term)
        if share is None:
            if len(self._shares) > _CACHED:
                self._shares.clear()
            rows: Sequence[int] | None = range(len(self.clauses))
            if len(self.clauses) > COUNTED:
                found = self._term_rows(term) if self._term_rows is not None else None
                rows = () if found is None else found
            if len(rows) > COUNTED:  # a common word: its weight is low; the token's count will do
                share = len(rows) / max(len(self.clauses), 1)
            else:
                share = sum(term in folded(self.clauses[r].index_text) for r in rows) / max(len(self.clauses), 1)
            self._shares[term] = share
        return share

    def split_absent(self, topic: tuple[str, ...]) -> tuple[str, ...]:
        """Topic words plus the corpus words inside absent compounds (汽车人才 → 汽车, 人才)."""
        out = list(topic)
        for tok in topic:
            if len(tok) >= 3 and not self(tok):
                head = next((tok[:n] for n in range(len(tok) - 1, 1, -1) if self(tok[:n])), "")
                tail = next((tok[n:] for n in range(1, len(tok) - 1) if self(tok[n:])), "")
                out += [w for w in (head, tail) if w and w not in STOPWORDS]  # (多少 of 多少钱 asks, it names nothing)
        return tuple(dict.fromkeys(out))
