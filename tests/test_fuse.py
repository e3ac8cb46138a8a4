"""Fusion: RRF and weighted min-max, as pure functions over ranked lists."""

from __future__ import annotations

import pytest

from rag.retrieval.fuse import FusionMode, fuse


def test_mode_from_str_and_error_lists_valid_modes():
    assert FusionMode.from_str("RRF") is FusionMode.RRF
    assert FusionMode.from_str(" weighted ") is FusionMode.WEIGHTED
    assert FusionMode.RRF == "rrf"
    with pytest.raises(ValueError, match="rrf, weighted"):
        FusionMode.from_str("max")


def test_rrf_sums_reciprocal_ranks_and_keeps_raw_scores():
    lists = {"bm25": [("a", 9.0), ("b", 5.0)], "dense": [("b", 0.8), ("c", 0.7)]}
    out = fuse(lists, "rrf", k=10, rrf_k=60)
    assert [i for i, _, _ in out] == ["b", "a", "c"]
    fused = {i: s for i, s, _ in out}
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert fused["a"] == pytest.approx(1 / 61)
    assert fused["c"] == pytest.approx(1 / 62)
    raw = {i: r for i, _, r in out}
    assert raw["b"] == {"bm25": 5.0, "dense": 0.8}
    assert raw["a"] == {"bm25": 9.0}


def test_weighted_min_max_normalizes_each_list():
    lists = {"bm25": [("a", 10.0), ("b", 6.0), ("c", 2.0)], "dense": [("c", 0.9), ("a", 0.5)]}
    out = fuse(lists, FusionMode.WEIGHTED, weights={"bm25": 1.0, "dense": 2.0}, k=3)
    fused = {i: s for i, s, _ in out}
    assert fused["a"] == pytest.approx(1.0 + 2.0 * 0.0)
    assert fused["b"] == pytest.approx(0.5)
    assert fused["c"] == pytest.approx(0.0 + 2.0 * 1.0)
    assert [i for i, _, _ in out] == ["c", "a", "b"]


def test_weighted_flat_list_counts_as_all_best():
    out = fuse({"bm25": [("a", 3.0), ("b", 3.0)]}, "weighted", k=5)
    assert [(i, s) for i, s, _ in out] == [("a", 1.0), ("b", 1.0)]


def test_k_truncates_and_duplicates_count_once():
    lists = {"x": [("a", 3.0), ("a", 1.0), ("b", 2.0), ("c", 1.0)]}
    out = fuse(lists, "rrf", k=2, rrf_k=0)
    assert [(i, s) for i, s, _ in out] == [("a", 1.0), ("b", 0.5)]
    assert out[0][2] == {"x": 3.0}


def test_empty_lists_fuse_to_nothing():
    assert fuse({"bm25": [], "dense": []}, "rrf", k=3) == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"k": 0}, "k must be"),
        ({"rrf_k": -1}, "rrf_k"),
        ({"weights": {"sparse": 1.0}}, "unknown sources"),
        ({"weights": {"bm25": -1.0}}, ">= 0"),
        ({"mode": "sum"}, "valid modes"),
    ],
)
def test_bad_arguments_raise(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fuse({"bm25": [("a", 1.0)]}, **{"mode": "rrf", "k": 3, **kwargs})
