"""eval.bench_library on a small library: it builds with the pooled stand-in embedder, a fresh
process opens it and asks every kind of new question, and a real server becomes ready (the
timings themselves are never asserted)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_library_questions_are_distinct_and_of_every_kind(tmp_path):
    from eval.bench_library import ensure_library
    from eval.library_questions import KINDS, library_questions
    from rag.index.embed import get_embedder
    from rag.index.store import load_index

    built = ensure_library(600, tmp_path)
    assert built["built"] and built["embedded"] > 0 and built["reused"] == 0
    loaded = load_index(built["index"], get_embedder("e5"))
    asked = library_questions(loaded.documents, loaded.clauses, 25, seed=3)
    assert len({q for _, q in asked}) == 25
    assert [k for k, _ in asked[:len(KINDS)]] == list(KINDS)
    assert asked == library_questions(loaded.documents, loaded.clauses, 25, seed=3)  # deterministic


def test_bench_library_reports_ready_latency_and_memory(tmp_path):
    from eval.bench_library import WARM_UP, bench_library

    result = bench_library(600, n_questions=10, root=tmp_path, out=None)
    measured = result["in_process"]
    assert measured["clauses"] >= 500 and measured["documents"] >= 3
    assert measured["ask_new"]["n"] == 10 and len(measured["warm_up_ms"]) == WARM_UP
    assert measured["ready_s"] > 0 and measured["peak_rss_mb"] > 0
    kinds = measured["ask_new_by_kind"]
    assert set(kinds) == {"lead", "amount", "department", "open", "unanswerable"}
    # questions about subjects no synthetic plan holds are refused more often than the others
    assert kinds["unanswerable"]["refused"] >= 1 > kinds["department"]["refused"]
    assert result["serve"]["ready_s"] > 0 and result["serve"]["peak_rss_mb"] > 0
    again = bench_library(600, n_questions=5, root=tmp_path, out=None, serve=False)
    assert not again["library"]["built"]  # the current index is reused
