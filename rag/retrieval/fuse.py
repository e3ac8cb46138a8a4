"""Fusion of ranked lists: reciprocal rank fusion and weighted min-max scores, as pure functions.

Each source (``bm25``, ``dense`` …) gives ``(id, score)`` pairs, best first. ``rrf`` adds
``weight / (rrf_k + rank)`` per source and ignores score scales; ``weighted`` min-max normalizes
each list to [0, 1] and adds ``weight * normalized``. An id missing from a list gets nothing from
that source. The raw per-source scores travel with every fused id so callers can still reason
about raw relevance (refusal thresholds).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from enum import StrEnum
from typing import TypeVar

Id = TypeVar("Id", bound=Hashable)


class FusionMode(StrEnum):
    """How ranked lists are combined (a ``str`` enum: ``FusionMode.RRF == "rrf"``)."""

    RRF = "rrf"
    WEIGHTED = "weighted"

    @classmethod
    def from_str(cls, value: str | FusionMode) -> FusionMode:
        """Parse a mode name (case-insensitive).

        Args:
            value: ``rrf`` or ``weighted`` (or a ``FusionMode``).

        Returns:
            The mode.

        Raises:
            ValueError: Unknown mode; the message lists the valid ones.
        """
        if isinstance(value, FusionMode):
            return value
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            valid = ", ".join(m.value for m in cls)
            raise ValueError(f"unknown fusion mode {value!r}; valid modes: {valid}") from None


def _normalized(pairs: list[tuple[Id, float]]) -> dict[Id, float]:
    """Min-max to [0, 1]; a list whose scores are all equal maps to 1.0 (all equally best)."""
    if not pairs:
        return {}
    values = [s for _, s in pairs]
    lo, hi = min(values), max(values)
    if hi - lo <= 1e-12:
        return {i: 1.0 for i, _ in pairs}
    return {i: (s - lo) / (hi - lo) for i, s in pairs}


def fuse(
    lists: Mapping[str, list[tuple[Id, float]]],
    mode: FusionMode | str = FusionMode.RRF,
    weights: Mapping[str, float] | None = None,
    k: int = 10,
    rrf_k: int = 60,
) -> list[tuple[Id, float, dict[str, float]]]:
    """Fuse ranked lists into one.

    Args:
        lists: ``{source: [(id, score), …]}``, each best first.
        mode: ``rrf`` or ``weighted``.
        weights: ``{source: weight}``; missing sources weigh 1.0.
        k: How many fused results to return.
        rrf_k: The RRF damping constant (60 in the original paper).

    Returns:
        ``(id, fused_score, {source: raw_score})`` best first; ties keep first-seen order.

    Raises:
        ValueError: Bad mode, ``k < 1``, ``rrf_k < 0``, or a negative or unknown-source weight.
    """
    mode = FusionMode.from_str(mode)
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    if rrf_k < 0:
        raise ValueError(f"rrf_k must be >= 0, got {rrf_k}")
    weights = dict(weights or {})
    unknown = set(weights) - set(lists)
    if unknown:
        raise ValueError(f"weights name unknown sources {sorted(unknown)}; sources: {sorted(lists)}")
    bad = {s: w for s, w in weights.items() if not w >= 0}
    if bad:
        raise ValueError(f"weights must be >= 0, got {bad}")

    fused: dict[Id, float] = {}
    raw: dict[Id, dict[str, float]] = {}
    for source, pairs in lists.items():
        weight = float(weights.get(source, 1.0))
        unique: dict[Id, float] = {}
        for i, score in pairs:  # a repeated id counts once, at its best (first) rank
            unique.setdefault(i, float(score))
        if mode is FusionMode.RRF:
            contrib = {i: weight / (rrf_k + rank) for rank, i in enumerate(unique, 1)}
        else:
            contrib = {i: weight * v for i, v in _normalized(list(unique.items())).items()}
        for i, score in unique.items():
            raw.setdefault(i, {})[source] = score
            fused[i] = fused.get(i, 0.0) + contrib[i]
    first_seen = {i: n for n, i in enumerate(fused)}
    ranked = sorted(fused, key=lambda i: (-fused[i], first_seen[i]))[:k]
    return [(i, fused[i], raw[i]) for i in ranked]
