"""The signals ``rag.views.align`` scores a (city task, provincial task) pair by, with their reasons.

* ``dense`` — cosine of the clauses' embedded index texts, as a z-score among all candidate pairs
  of the two documents (so the scale does not depend on the embedder), ``z / 4`` clipped to [0, 1];
* ``text`` — TF-IDF cosine of the jieba tokens of the texts, responsibility notes removed (they
  name the same offices at both levels and would drown the topic);
* ``heading`` — the same for the title plus the enclosing section heading (保障措施 ↔ 保障措施);
* ``departments`` — Jaccard overlap of the 牵头单位 at the corresponding level (市发展改革委 ~
  省发展改革委 through ``department_stem``);
* ``targets`` — Jaccard overlap of the kinds of target unit (万台 ~ 台).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from rag.ingest.departments import department_stem
from rag.ingest.duties import LEAD_ROLES, SUPPORT_ROLES
from rag.ingest.numbering import strip_label
from rag.model import Clause

WEIGHTS: dict[str, float] = {"dense": 0.3, "text": 0.25, "heading": 0.3, "departments": 0.1, "targets": 0.05}
_Z_SPAN = 4.0  # a dense z-score of 4 (far above the typical pair) counts as full similarity
_MIN_STD = 1e-3
_NOTE = re.compile(
    r"[（(][^（）()]*(?:" + "|".join(LEAD_ROLES + SUPPORT_ROLES)
    + r")[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*[）)]"
)
_UNIT_SCALE = re.compile(r"^(?:万|亿|千|百)")


def check_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    """The weights to use (``WEIGHTS`` when ``None``).

    Raises:
        ValueError: An unknown signal name or a negative weight.
    """
    out = dict(WEIGHTS if weights is None else weights)
    bad = [k for k, v in out.items() if k not in WEIGHTS or v < 0]
    if bad:
        raise ValueError(f"bad alignment weights {bad}; allowed keys: {', '.join(WEIGHTS)} (non-negative)")
    return out


def without_dense(weights: Mapping[str, float]) -> dict[str, float]:
    """Weights with ``dense`` dropped and the others rescaled to the same total."""
    total = sum(weights.values())
    rest = sum(v for k, v in weights.items() if k != "dense") or 1.0
    return {k: (0.0 if k == "dense" else v * total / rest) for k, v in weights.items()}


def clause_vectors(clauses: Iterable[Clause], embedder) -> dict[str, np.ndarray]:
    """Embed the clauses' index texts (title path + text) as passages.

    Args:
        clauses: Clauses to embed.
        embedder: An ``rag.index.embed.Embedder``.

    Returns:
        ``{clause_id: unit vector}``.
    """
    clauses = list(clauses)
    matrix = embedder.embed_passages([c.index_text for c in clauses])
    return {c.id: matrix[i] for i, c in enumerate(clauses)}


def _heading_text(clause: Clause) -> str:
    section = strip_label(clause.path[-1]) if clause.path else ""
    return f"{strip_label(clause.title)} {section}"


class _TfIdf:
    """Sublinear TF-IDF unit vectors over jieba tokens, IDF from every clause given."""

    def __init__(self, tokenizer, corpus: Sequence[str]):
        self.tokenize = tokenizer.tokenize
        df = Counter(t for text in corpus for t in set(self.tokenize(text)))
        n = len(corpus)
        self.idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self.default_idf = math.log(n + 1) + 1

    def vector(self, text: str) -> dict[str, float]:
        counts = Counter(self.tokenize(text))
        vec = {t: (1 + math.log(c)) * self.idf.get(t, self.default_idf) for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> tuple[float, list[str]]:
    """Cosine and the shared tokens, strongest first."""
    if len(a) > len(b):
        a, b = b, a
    shared = sorted(((v * b[t], t) for t, v in a.items() if t in b), reverse=True)
    return sum(s for s, _ in shared), [t for _, t in shared]


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _shown(tokens: list[str], limit: int) -> str:
    # Drop a token contained in a stronger longer one: 充电基础设施 says what 充电 would.
    head = tokens[: limit * 2]
    return "、".join([t for t in head if len(t) >= 2 and not any(t != o and t in o for o in head)][:limit])


class PairScorer:
    """Scores clause pairs; built once per alignment over all clauses (for the IDF).

    Args:
        clauses: Every clause of the corpus (IDF statistics).
        tokenizer: A ``rag.retrieval.tokenize.Tokenizer``.
        weights: Signal weights (checked with ``check_weights``).
    """

    def __init__(self, clauses: Sequence[Clause], tokenizer, weights: Mapping[str, float]):
        self.weights = dict(weights)
        self._tfidf = _TfIdf(tokenizer, [_NOTE.sub("", c.text) for c in clauses])
        self._text: dict[str, dict[str, float]] = {}
        self._head: dict[str, dict[str, float]] = {}

    def _vectors(self, clause: Clause) -> tuple[dict[str, float], dict[str, float]]:
        if clause.id not in self._text:
            self._text[clause.id] = self._tfidf.vector(_NOTE.sub("", clause.text))
            self._head[clause.id] = self._tfidf.vector(_heading_text(clause))
        return self._text[clause.id], self._head[clause.id]

    def score_block(self, lows: Sequence[Clause], highs: Sequence[Clause],
                    vectors: Mapping[str, np.ndarray] | None) -> list[tuple[Clause, Clause, float, dict, list[str]]]:
        """Score every ``lows × highs`` pair.

        Args:
            lows: Tasks of the implementing (lower-level) document.
            highs: Tasks of the implemented (higher-level) document.
            vectors: Unit vectors of every clause of both lists, or ``None`` to leave dense out.

        Returns:
            ``(low, high, score, features, reasons)`` for each pair.
        """
        weights = self.weights if vectors is not None else without_dense(self.weights)
        if vectors is not None:
            cos = np.stack([vectors[c.id] for c in lows]) @ np.stack([vectors[c.id] for c in highs]).T
            z = (cos - cos.mean()) / max(float(cos.std()), _MIN_STD)
        out = []
        for i, low in enumerate(lows):
            for j, high in enumerate(highs):
                feats, reasons = self._signals(low, high)
                if vectors is not None:
                    feats["dense"] = float(np.clip(z[i, j] / _Z_SPAN, 0.0, 1.0))
                    if feats["dense"] >= 0.25:
                        reasons.insert(0, f"语义相近（余弦 {float(cos[i, j]):.3f}）")
                score = sum(weights.get(k, 0.0) * v for k, v in feats.items())
                out.append((low, high, float(score), feats, reasons))
        return out

    def _signals(self, low: Clause, high: Clause) -> tuple[dict[str, float], list[str]]:
        (low_text, low_head), (high_text, high_head) = self._vectors(low), self._vectors(high)
        reasons: list[str] = []
        heading, head_shared = _cosine(low_head, high_head)
        if heading >= 0.15 and head_shared:
            reasons.append(f"标题相近：{_shown(head_shared, 3)}")
        text, shared = _cosine(low_text, high_text)
        if text >= 0.1 and shared:
            reasons.append(f"共同主题词：{_shown(shared, 5)}")
        low_stems = {department_stem(n) for n in low.lead} - {""}
        high_stems = {department_stem(n) for n in high.lead} - {""}
        departments = _jaccard(low_stems, high_stems)
        if departments:
            reasons.append(f"对应牵头部门：{'、'.join(sorted(low_stems & high_stems))}")
        low_units = {_UNIT_SCALE.sub("", t.unit) or t.unit for t in low.targets}
        high_units = {_UNIT_SCALE.sub("", t.unit) or t.unit for t in high.targets}
        targets = _jaccard(low_units, high_units)
        if targets:
            reasons.append(f"同类指标：{'、'.join(sorted(low_units & high_units))}")
        return {"text": text, "heading": heading, "departments": departments, "targets": targets}, reasons
