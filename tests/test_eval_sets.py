"""The QA sets the report puts side by side (``eval.sets``): each names files that exist, and the
table shows one row per set, least seen first, with its own report linked."""

from __future__ import annotations

from pathlib import Path

from eval.jsonl import read_jsonl
from eval.sets import SETS, render_sets, summary

ROOT = Path(__file__).resolve().parents[1]


def test_every_set_names_its_questions_and_documents():
    assert [s.name for s in SETS][0] == "blind" and SETS[-1].name == "in-sample"
    for one in SETS:
        questions = [record for _, record in read_jsonl(ROOT / one.questions)]
        assert len(questions) >= 30, one.name
        assert any(q.get("answerable") is False for q in questions), one.name
        where = ROOT / (one.docs or one.corpus or "corpus")
        assert where.is_dir() and any(where.iterdir()), one.name


def test_the_table_has_one_row_per_set_with_its_figures():
    overall = {"n": 10, "n_answerable": 8,
               "modes": {"hybrid": {"hit@1": 0.875, "hit@5": 1.0, "mrr@10": 0.9}},
               "answer": {"accuracy": 0.9, "top1_floor": 0.75, "refusal_precision": 1.0, "refusal_recall": 0.5}}
    lines = render_sets([summary(one, {"overall": overall}) for one in SETS])
    rows = [line for line in lines if line.startswith("| [")]
    assert len(rows) == len(SETS)
    assert rows[0].startswith("| [blind](blind/report.md) | frozen before any change")
    assert "| 10 (2) | 87.5 | 100.0 | 90.0 | 90.0 | 75.0 | 100.0 | 50.0 |" in rows[0]
