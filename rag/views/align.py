"""Province ↔ city alignment: which higher-level clause(s) each lower-level clause carries out.

A lower-level plan declares what it implements: 根据《…行动计划的通知》（鲁政字〔2023〕236号）.
``find_links`` detects that generally — a document's clauses quote another document's 文号 or
full title, and the quoted one is of a higher level (national › province › city › county).

For each linked pair of documents every numbered task of the lower one (the "city" side) is scored
against every task of the higher one (the "province" side) by semantic similarity, topic words of
texts and headings, corresponding lead departments and target units (``rag.views.align_signals``).
A pair is kept when its score reaches ``threshold`` and at least ``relative`` × the best score of
its city clause (a city task usually carries out one or two provincial ones). The defaults are
calibrated on ``eval/alignment_gold.jsonl`` (``eval.alignment_eval``). Provincial tasks that no
city clause carries out are the ``gaps``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from rag.model import Clause, Document, level_rank
from rag.views.align_signals import PairScorer, check_weights, clause_vectors

# Calibrated in-sample on eval/alignment_gold.jsonl: near the middle of the threshold range where
# precision and recall both reach 0.8 (0.16–0.27 with the index's vectors, 0.17–0.29 with vectors
# embedded without the document prefix, 0.17–0.23 with no vectors at all).
DEFAULT_THRESHOLD = 0.22
DEFAULT_RELATIVE = 0.6
_FOLD = str.maketrans({"〔": "(", "〕": ")", "［": "(", "］": ")", "[": "(", "]": ")", "【": "(", "】": ")", "（": "(", "）": ")"})


@dataclass(frozen=True)
class DocumentLink:
    """A lower-level document that says it implements a higher-level one.

    Attributes:
        lower_doc_id: The implementing document (e.g. the city plan).
        higher_doc_id: The implemented document (e.g. the provincial plan).
        evidence_clause_id: The clause quoting the higher document.
        cited: What was quoted: the 文号 or the title.
    """

    lower_doc_id: str
    higher_doc_id: str
    evidence_clause_id: str
    cited: str


@dataclass(frozen=True)
class AlignedPair:
    """A city (lower-level) clause and a provincial (higher-level) clause it carries out.

    Attributes:
        city_clause_id: Clause of the implementing document.
        province_clause_id: Clause of the implemented document.
        score: Weighted score in ``[0, 1]``.
        reasons: Human-readable evidence, e.g. ``对应部门：发展改革委``.
        features: The signal values the score was made of.
    """

    city_clause_id: str
    province_clause_id: str
    score: float
    reasons: tuple[str, ...] = ()
    features: dict[str, float] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict:
        return {"city_clause_id": self.city_clause_id, "province_clause_id": self.province_clause_id,
                "score": round(self.score, 4), "reasons": list(self.reasons),
                "features": {k: round(v, 4) for k, v in self.features.items()}}


@dataclass(frozen=True)
class Alignment:
    """The result of ``align``.

    Attributes:
        pairs: Kept pairs, by city clause in reading order, best first within one.
        links: The document links the pairs come from.
        province_tasks: Every candidate clause of the higher-level documents, in reading order.
        threshold: Absolute score threshold used.
        relative: Fraction of a city clause's best score a pair had to reach.
    """

    pairs: tuple[AlignedPair, ...]
    links: tuple[DocumentLink, ...]
    province_tasks: tuple[str, ...]
    threshold: float
    relative: float

    @property
    def by_province(self) -> dict[str, list[str]]:
        """Provincial task → the city clauses that carry it out (empty list for a gap)."""
        out: dict[str, list[str]] = {p: [] for p in self.province_tasks}
        for pair in sorted(self.pairs, key=lambda p: -p.score):
            out.setdefault(pair.province_clause_id, []).append(pair.city_clause_id)
        return out

    @property
    def by_city(self) -> dict[str, list[str]]:
        """City clause → the provincial clauses it carries out, best first."""
        out: dict[str, list[str]] = {}
        for pair in self.pairs:
            out.setdefault(pair.city_clause_id, []).append(pair.province_clause_id)
        return out

    @property
    def gaps(self) -> list[str]:
        """Provincial tasks no city clause carries out."""
        covered = {p.province_clause_id for p in self.pairs}
        return [p for p in self.province_tasks if p not in covered]

    def for_clause(self, clause_id: str) -> list[AlignedPair]:
        """Pairs a clause takes part in, on either side, best first."""
        return sorted((p for p in self.pairs if clause_id in (p.city_clause_id, p.province_clause_id)),
                      key=lambda p: -p.score)

    def to_dict(self) -> dict:
        """JSON-ready form: links, pairs, by_province, gaps and the thresholds."""
        return {
            "threshold": self.threshold, "relative": self.relative,
            "links": [vars(link) for link in self.links],
            "pairs": [p.to_dict() for p in self.pairs],
            "by_province": self.by_province, "gaps": self.gaps,
        }


# ---------------------------------------------------------------- document links
def _fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).translate(_FOLD))


def _is_higher(cited: Document, citing: Document) -> bool:
    """The cited document is of a higher level; an unknown level lets the citation decide."""
    a, b = level_rank(cited.level), level_rank(citing.level)
    return a is None or b is None or a < b


def find_links(documents: Sequence[Document], clauses: Iterable[Clause]) -> list[DocumentLink]:
    """Documents whose clauses quote a higher-level document's 文号 or full title.

    Args:
        documents: The corpus documents.
        clauses: Their clauses (any kind: the citation is usually in the preamble or notice).

    Returns:
        One link per (lower, higher) document pair, in corpus order.
    """
    texts: dict[str, list[tuple[str, str]]] = {}
    for clause in clauses:
        texts.setdefault(clause.doc_id, []).append((clause.id, _fold(clause.text)))
    links: list[DocumentLink] = []
    for lower in documents:
        for higher in documents:
            if higher.id == lower.id or not _is_higher(higher, lower):
                continue
            # A short title (通知) could match anything; a full plan title is specific.
            quotes = [q for q in (higher.number, higher.title if len(higher.title) >= 8 else "") if q]
            hit = next(((cid, q) for q in quotes for cid, text in texts.get(lower.id, ()) if _fold(q) in text), None)
            if hit:
                links.append(DocumentLink(lower.id, higher.id, hit[0], hit[1]))
    return links


# ---------------------------------------------------------------- scoring
def score_candidates(documents: Sequence[Document], clauses: Sequence[Clause],
                     vectors: Mapping[str, np.ndarray] | None = None, *, embedder=None, tokenizer=None,
                     kinds: Sequence[str] = ("item",), weights: Mapping[str, float] | None = None,
                     ) -> tuple[list[DocumentLink], list[str], list[AlignedPair]]:
    """Score every (city task, provincial task) pair of every linked document pair.

    Args:
        documents: The corpus documents.
        clauses: All their clauses (IDF and citation detection look at every kind).
        vectors: ``{clause_id: unit vector}`` from the persisted index; missing ones are embedded
            with ``embedder``.
        embedder: Used for clauses without a vector; with neither, the dense signal is left out
            and the other weights are rescaled to the same total.
        tokenizer: A ``rag.retrieval.tokenize.Tokenizer`` (pass the index's one to skip loading jieba's
            dictionary again); built from the clauses' domain terms when ``None``.
        kinds: Clause kinds aligned on both sides (numbered tasks by default).
        weights: Signal weights; keys from ``WEIGHTS``.

    Returns:
        ``(links, province_tasks, candidates)`` — every candidate pair, unfiltered.

    Raises:
        ValueError: Unknown weight names or negative weights.
    """
    weights = check_weights(weights)
    clauses = list(clauses)
    links = find_links(documents, clauses)
    by_doc: dict[str, list[Clause]] = {}
    for c in clauses:
        if c.kind in kinds:
            by_doc.setdefault(c.doc_id, []).append(c)
    tasks = list(dict.fromkeys(c.id for link in links for c in by_doc.get(link.higher_doc_id, ())))
    if not links:
        return links, tasks, []
    involved = list({c.id: c for link in links for d in (link.lower_doc_id, link.higher_doc_id)
                     for c in by_doc.get(d, ())}.values())
    vecs = dict(vectors or {})
    missing = [c for c in involved if c.id not in vecs]
    if missing and embedder is not None:
        vecs.update(clause_vectors(missing, embedder))
    dense = vecs if all(c.id in vecs for c in involved) else None
    if tokenizer is None:
        from rag.retrieval.tokenize import Tokenizer, domain_terms

        tokenizer = Tokenizer(domain_terms(clauses))
    scorer = PairScorer(clauses, tokenizer, weights)
    candidates: list[AlignedPair] = []
    for link in links:
        lows, highs = by_doc.get(link.lower_doc_id, []), by_doc.get(link.higher_doc_id, [])
        if lows and highs:
            candidates.extend(AlignedPair(low.id, high.id, score, tuple(reasons), feats)
                              for low, high, score, feats, reasons in scorer.score_block(lows, highs, dense))
    return links, tasks, candidates


def select_pairs(candidates: Iterable[AlignedPair], threshold: float = DEFAULT_THRESHOLD,
                 relative: float = DEFAULT_RELATIVE, max_per_clause: int = 8) -> list[AlignedPair]:
    """Keep the candidates that reach ``threshold`` and ``relative`` × their city clause's best.

    Args:
        candidates: Scored pairs from ``score_candidates``.
        threshold: Absolute score a pair must reach, in ``[0, 1]``.
        relative: Fraction of the city clause's best score a pair must reach, in ``[0, 1]``.
        max_per_clause: At most this many provincial clauses per city clause.

    Returns:
        Kept pairs grouped by city clause (first-seen order), best first within one.

    Raises:
        ValueError: A parameter is out of range.
    """
    for name, value in (("threshold", threshold), ("relative", relative)):
        if not 0.0 <= value <= 1.0:
            raise ValueError(f"{name} must be within [0, 1], got {value!r}")
    if max_per_clause < 1:
        raise ValueError(f"max_per_clause must be at least 1, got {max_per_clause!r}")
    groups: dict[str, list[AlignedPair]] = {}
    for pair in candidates:
        groups.setdefault(pair.city_clause_id, []).append(pair)
    kept: list[AlignedPair] = []
    for pairs in groups.values():
        pairs.sort(key=lambda p: -p.score)
        best = pairs[0].score
        kept.extend([p for p in pairs if p.score >= threshold and p.score >= relative * best][:max_per_clause])
    return kept


def align(documents: Sequence[Document], clauses: Sequence[Clause],
          vectors: Mapping[str, np.ndarray] | None = None, *, embedder=None, tokenizer=None,
          threshold: float = DEFAULT_THRESHOLD, relative: float = DEFAULT_RELATIVE,
          kinds: Sequence[str] = ("item",), weights: Mapping[str, float] | None = None,
          max_per_clause: int = 8) -> Alignment:
    """Align every lower-level document with the higher-level ones it says it implements.

    Args:
        documents: The corpus documents.
        clauses: All their clauses.
        vectors: ``{clause_id: unit vector}`` (e.g. from the persisted index).
        embedder: Embeds clauses missing from ``vectors``.
        tokenizer: A ``rag.retrieval.tokenize.Tokenizer``; built when ``None``.
        threshold: Absolute score a pair must reach.
        relative: Fraction of its city clause's best score a pair must reach.
        kinds: Clause kinds aligned on both sides.
        weights: Signal weights (``WEIGHTS`` by default).
        max_per_clause: At most this many provincial clauses per city clause.

    Returns:
        The ``Alignment``; empty when no document cites a higher-level one.

    Raises:
        ValueError: A parameter is out of range.
    """
    links, tasks, candidates = score_candidates(documents, clauses, vectors, embedder=embedder,
                                                tokenizer=tokenizer, kinds=kinds, weights=weights)
    pairs = select_pairs(candidates, threshold, relative, max_per_clause)
    return Alignment(tuple(pairs), tuple(links), tuple(tasks), threshold, relative)


def vectors_by_id(ids: Sequence[str], matrix: np.ndarray) -> dict[str, np.ndarray]:
    """``{clause_id: row}`` from an index's id list and vector matrix (rows in the same order).

    Raises:
        ValueError: The lengths differ.
    """
    if len(ids) != len(matrix):
        raise ValueError(f"{len(ids)} ids but {len(matrix)} vectors; they must pair up row by row")
    return {cid: matrix[i] for i, cid in enumerate(ids)}
