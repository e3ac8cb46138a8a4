"""Evaluation side of policyqa: the QA set (``qa.jsonl``), metric functions, the runner that writes
``report.md``, the fixed-window BM25 baseline, the synthetic corpus for the scale sweep and the
bench."""
