"""The QA sets the report puts side by side (``eval.sets``): each names files that exist, and the
table shows one row per set, least seen first, with its own report linked."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_the_checks_every_written_set_gets_pass_on_dev7_to_dev15_and_catch_a_bad_quote():
    import importlib.util

    from eval.check_set import problems

    for n in (7, 8, 9, 10, 11, 12, 13, 14):
        path = ROOT / f"eval/dev{n}/check_dev{n}.py"
        spec = importlib.util.spec_from_file_location(f"check_dev{n}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        from eval.check_set import check
        assert check(path.parent, module.ABSENT) == 0
    raw = {"d": "到2026年全市达到100万辆。".encode()}
    item = {"id": "x", "question": "q", "user": "official", "intent": "target", "answerable": True,
            "gold_quotes": ["全市达到200万辆。"], "gold_keywords": ["100万辆"], "docs": ["d"], "note": ""}
    assert problems(item, raw, {}) == ["quote not in the raw file: 全市达到200万辆。",
                                       "keyword not within 300 characters of a quote: 100万辆"]


def test_the_blind_successor_s_own_checker_passes_on_its_frozen_files():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(ROOT / "eval/blind2/check_blind2.py")], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0 and "0 failures" in done.stdout, done.stdout[-500:]


@pytest.mark.parametrize("name", ["dev15", "dev16", "dev17", "dev18", "dev19", "dev20", "dev21", "dev22", "dev23", "dev24", "dev25", "dev26"])
def test_a_docx_set_s_own_checker_passes_on_its_frozen_files(name):
    import subprocess
    import sys

    # (its .docx is read by python-docx, so the checker runs whole rather than through check_set alone)
    done = subprocess.run([sys.executable, str(ROOT / f"eval/{name}/check_{name}.py")], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0 and f"{name} layout: 0 failures" in done.stdout, done.stdout[-500:]
