"""The report's Backends section: comparison data and its Markdown, on small inline results."""

from __future__ import annotations

import pytest

from eval.report import render_report
from eval.report_backends import compare_backends, render_backends


def _result(hit5: float, accuracy: float) -> dict:
    row = {"hit@1": 0.5, "hit@5": hit5, "mrr@10": 0.6, "ndcg@10": 0.7}
    answer = {"accuracy": accuracy, "citation_hit": 0.9, "refusal_precision": 1.0, "refusal_recall": 1.0,
              "intent_agreement": 0.8}
    overall = {"n": 2, "n_answerable": 2, "modes": {"hybrid": row, "bm25": row}, "answer": answer}
    return {"modes": ["hybrid", "bm25"], "overall": overall, "per_intent": {}, "per_document": {},
            "per_user": {}, "per_tag": {}, "misses": [], "answer_misses": []}


BENCH = {"backends": {"repeat": 3, "build_s": {"milvus": 4.2}, "open_s": {"local": 1.0, "milvus": 2.5},
                      "local": {"new": {"search_hybrid": {"p50": 14.0, "p95": 20.0}},
                                "repeated": {"search_hybrid": {"p50": 3.0, "p95": 5.0},
                                             "ask": {"p50": 9.0, "p95": 12.0}}},
                      "milvus": {"repeated": {"search_hybrid": {"p50": 8.0, "p95": 11.0}}}}}


def test_compare_backends_gaps_and_latency():
    section = compare_backends({"local": _result(0.97, 0.85), "milvus": _result(0.95, 0.9)}, BENCH)
    assert section["backends"] == ["local", "milvus"]
    assert section["hit5_gap"] == {"hybrid": pytest.approx(0.02), "bm25": pytest.approx(0.02)}
    assert section["quality"]["hybrid"]["milvus"]["hit@5"] == 0.95
    assert section["latency"]["build_s"] == {"milvus": 4.2}
    assert compare_backends({"local": _result(1, 1), "milvus": _result(1, 1)})["latency"] is None


def test_compare_backends_refuses_bad_input():
    with pytest.raises(ValueError, match="two or more"):
        compare_backends({"local": _result(1, 1)})
    other = _result(1, 1) | {"modes": ["dense"]}
    with pytest.raises(ValueError, match="different modes"):
        compare_backends({"local": _result(1, 1), "milvus": other})


def test_render_backends_tables_and_report_inclusion():
    section = compare_backends({"local": _result(0.97, 0.85), "milvus": _result(0.95, 0.9)}, BENCH)
    text = "\n".join(render_backends(section))
    assert "| hybrid | milvus | 50.0 | 95.0 | 60.0 | -2.0 |" in text
    assert "| milvus | — | — | 8.0 / 11.0 | — | — | — | 4.20 | 2.50 |" in text
    assert "| local | 14.0 / 20.0 | — | 3.0 / 5.0 | — | — | 9.0 / 12.0 | — | 1.00 |" in text
    no_bench = "\n".join(render_backends(compare_backends({"a": _result(1, 1), "b": _result(1, 1)})))
    assert "policyqa bench" in no_bench
    assert "## Backends" not in render_report(_result(0.97, 0.85))
    assert "## Backends" in render_report(_result(0.97, 0.85) | {"backends": section})
