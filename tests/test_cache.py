"""rag.index.cache: vectors and tokens by content, in one sqlite file beside the index."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from rag.index.cache import IndexCache, cache_path, text_key


def test_cache_sits_beside_the_index_folder(tmp_path: Path):
    assert cache_path(tmp_path / "index") == tmp_path / "index.cache.sqlite"


def test_vectors_round_trip_per_embedder_and_dim(tmp_path: Path):
    keys = [text_key("一、总体要求"), text_key("二、重点任务")]
    vectors = np.arange(8, dtype=np.float32).reshape(2, 4)
    with IndexCache(tmp_path / "c.sqlite") as cache:
        cache.put_vectors("e5", dict(zip(keys, vectors, strict=True)))
        got = cache.get_vectors("e5", 4, [*keys, text_key("unknown")])
        assert set(got) == set(keys)
        assert np.array_equal(got[keys[1]], vectors[1])
        assert cache.get_vectors("other-model", 4, keys) == {}  # keyed by the embedder's name
        assert cache.get_vectors("e5", 8, keys) == {}  # a vector of another dim is no hit
        assert cache.vector_count("e5") == 2
        first_id = cache.id
    with IndexCache(tmp_path / "c.sqlite") as again:  # persisted, same identity
        assert again.id == first_id and again.vector_count() == 2


def test_tokens_round_trip_and_old_dictionaries_are_pruned(tmp_path: Path):
    k1, k2 = text_key("充电基础设施"), text_key("空")
    with IndexCache(tmp_path / "c.sqlite") as cache:
        cache.put_tokens("dict-a", {k1: ["充电", "基础设施", "充电基础设施"], k2: []})
        assert cache.get_tokens("dict-a", [k1, k2]) == {k1: ["充电", "基础设施", "充电基础设施"], k2: []}
        assert cache.get_tokens("dict-b", [k1]) == {}
        cache.put_tokens("dict-b", {k1: ["x"]})
        cache.put_tokens("dict-c", {k1: ["y"]})
        assert cache.prune_tokens(keep=2) == 2  # dict-a's two lists: the least recently used
        assert cache.get_tokens("dict-a", [k1]) == {}
        assert cache.get_tokens("dict-c", [k1]) == {k1: ["y"]}


def test_many_keys_are_looked_up_in_batches(tmp_path: Path):
    keys = [text_key(str(i)) for i in range(2_100)]
    with IndexCache(tmp_path / "c.sqlite") as cache:
        cache.put_vectors("e5", {k: np.full(3, i, np.float32) for i, k in enumerate(keys)})
        got = cache.get_vectors("e5", 3, keys)
        assert len(got) == 2_100 and got[keys[2_099]][0] == 2_099


def test_a_file_that_is_no_database_is_refused(tmp_path: Path):
    bad = tmp_path / "c.sqlite"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(sqlite3.DatabaseError):
        IndexCache(bad)
