"""eval.bench_incremental on a tiny library: the steps run and the counts are the ones the
incremental build promises (the timings themselves are never asserted)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_bench_incremental_counts(tmp_path):
    from eval.bench_incremental import bench_incremental

    result = bench_incremental("e5", n_clauses=40, milvus=True, work_dir=tmp_path)
    assert result["full_build"]["embedded"] == result["clauses"] >= 30
    add, replace, remove = result["add"], result["replace"], result["remove"]
    assert add["embedded"] == add["document_clauses"] and add["reused"] == result["clauses"]
    assert 0 < replace["embedded"] < add["document_clauses"]  # the unchanged half is reused
    assert remove["embedded"] == 0 and remove["clauses"] == result["clauses"]
    assert all(step["seconds"] > 0 and step["share_of_full_build"] > 0 for step in (add, replace, remove))
    milvus = result["milvus"]
    assert milvus["rebuild"]["mode"] == "rebuild"
    assert milvus["add"] == {**milvus["add"], "mode": "sync", "upserted": add["document_clauses"], "deleted": 0}
    assert milvus["replace"]["mode"] == "sync" and milvus["replace"]["upserted"] >= replace["embedded"]
    replaced_clauses = replace["clauses"] - result["clauses"]  # the plan's second version
    assert milvus["remove"]["deleted"] == replaced_clauses and milvus["remove"]["upserted"] == 0
