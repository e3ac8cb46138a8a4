"""eval.metrics against hand-computed values, plus run_eval/report on a tiny fake retriever."""

from __future__ import annotations

import math

import pytest

from eval.metrics import (
    aggregate,
    answer_correct,
    fold,
    hit_at_k,
    ndcg_at_k,
    reciprocal_rank,
    refusal_scores,
)
from eval.qaset import validate_item
from eval.report import render_report
from eval.runner import check_modes, run_eval


def test_hit_at_k():
    ranked = ["a", "b", "c", "d"]
    assert hit_at_k(ranked, {"c"}, 3) == 1.0
    assert hit_at_k(ranked, {"c"}, 2) == 0.0
    assert hit_at_k(ranked, {"z"}, 10) == 0.0
    assert hit_at_k(ranked, {"d"}, 100) == 1.0  # k beyond the list reads to its end
    assert hit_at_k([], {"a"}, 5) == 0.0
    assert hit_at_k(ranked, set(), 5) == 0.0  # empty gold: nothing to find


def test_reciprocal_rank():
    assert reciprocal_rank(["a", "b", "c"], {"b", "c"}) == 0.5
    assert reciprocal_rank(["a", "b", "c"], {"a"}) == 1.0
    assert reciprocal_rank(["x"] * 10 + ["a"], {"a"}, k=10) == 0.0  # rank 11 is past the cut
    assert reciprocal_rank(["x", "a"], {"a"}, k=50) == 0.5
    assert reciprocal_rank(["a"], []) == 0.0


def test_ndcg_at_k_hand_computed():
    # gold {a, c}; ranking a x c: DCG = 1 + 1/log2(4) = 1.5; ideal = 1 + 1/log2(3)
    expected = 1.5 / (1 + 1 / math.log2(3))
    assert ndcg_at_k(["a", "x", "c"], {"a", "c"}) == pytest.approx(expected)
    assert ndcg_at_k(["a", "c"], {"a", "c"}) == pytest.approx(1.0)
    # one gold at rank 2: 1/log2(3) over ideal 1
    assert ndcg_at_k(["x", "a"], {"a"}) == pytest.approx(1 / math.log2(3))
    # more gold than k: ideal counts only k positions, so a perfect top-2 scores 1
    assert ndcg_at_k(["a", "b"], {"a", "b", "c"}, k=2) == pytest.approx(1.0)
    assert ndcg_at_k(["x", "y"], {"a"}) == 0.0
    assert ndcg_at_k(["a"], set()) == 0.0


def test_duplicates_count_once():
    assert ndcg_at_k(["a", "a", "a"], {"a", "b"}) == pytest.approx(1 / (1 + 1 / math.log2(3)))
    assert reciprocal_rank(["x", "x", "a"], {"a"}) == pytest.approx(1 / 3)


@pytest.mark.parametrize("k", [0, -1, 1.5, True])
def test_bad_k(k):
    with pytest.raises(ValueError, match="k must be a positive integer"):
        hit_at_k(["a"], {"a"}, k)


def test_fold_and_answer_correct():
    assert fold("建成 ２．５万台\n") == "建成2.5万台"
    assert fold("2024-12-28") == "2024年12月28日"
    assert answer_correct("聊城力争建成充电基础设施２．５万台[1]。", ["2.5万台"])
    assert answer_correct("牵头单位：市工业和信\n息化局", ["市工业和信息化局"])
    assert answer_correct("印发于2024-12-28。", ["2024年12月28日"])
    assert answer_correct("达到 L4 级", ["l4"])
    assert not answer_correct("省能源局牵头", ["省能源局", "市发展改革委"])
    assert not answer_correct("", ["15%"])


@pytest.mark.parametrize("keywords", [[], [""], [" "]])
def test_answer_correct_needs_keywords(keywords):
    with pytest.raises(ValueError, match="gold_keywords"):
        answer_correct("anything", keywords)


def test_refusal_scores():
    # refused: q1 (unanswerable), q2 (answerable) ; unanswerable: q1, q3
    pairs = [(True, True), (True, False), (False, True), (False, False)]
    assert refusal_scores(pairs) == (0.5, 0.5)
    assert refusal_scores([(True, True), (False, False)]) == (1.0, 1.0)
    assert refusal_scores([(False, True)]) == (0.0, 0.0)  # nothing refused: precision 0 by convention
    assert refusal_scores([]) == (0.0, 0.0)


def test_aggregate():
    rows = [{"hit@1": 1.0, "mrr@10": 0.5}, {"hit@1": 0.0, "mrr@10": 1.0}, {"hit@1": 1.0}]
    assert aggregate(rows) == {"hit@1": pytest.approx(2 / 3), "mrr@10": pytest.approx(0.75)}
    assert aggregate([]) == {}


ITEMS = [
    {"id": "q1", "question": "谁牵头充电桩", "user": "official", "intent": "lead", "answerable": True,
     "gold_clause_ids": ["d:1"], "gold_keywords": ["省能源局"], "docs": ["d"], "tags": ["paraphrase"]},
    {"id": "q2", "question": "目标多少", "user": "evaluator", "intent": "target", "answerable": True,
     "gold_clause_ids": ["d:2"], "gold_keywords": ["2.5万台"], "docs": ["d"]},
    {"id": "q3", "question": "北京补贴", "user": "enterprise", "intent": "policy", "answerable": False,
     "gold_clause_ids": [], "gold_keywords": [], "docs": []},
]


def _search(question, top_k, mode):
    rankings = {"谁牵头充电桩": ["d:1", "d:2"], "目标多少": ["d:3", "d:4", "d:2"]}
    ranked = rankings.get(question, [])
    return list(reversed(ranked)) if mode == "bm25" else ranked


def _ask(question):
    answers = {"谁牵头充电桩": {"answer": "省能源局牵头[1]", "answerable": True, "intent": "lead",
                              "citations": [{"clause_id": "d:1"}]},
               "目标多少": {"answer": "", "answerable": False, "intent": "target", "citations": []},
               "北京补贴": {"answer": "", "answerable": False, "intent": "policy", "citations": []}}
    return answers[question]


def test_run_eval_on_a_tiny_set():
    res = run_eval(ITEMS, _search, _ask, modes=("hybrid", "bm25"))
    hybrid, bm25 = res["overall"]["modes"]["hybrid"], res["overall"]["modes"]["bm25"]
    assert hybrid["hit@1"] == 0.5 and hybrid["hit@5"] == 1.0
    assert hybrid["mrr@10"] == pytest.approx((1 + 1 / 3) / 2)
    assert bm25["hit@1"] == 0.5 and bm25["mrr@10"] == pytest.approx((0.5 + 1) / 2)
    answer = res["overall"]["answer"]
    assert answer["accuracy"] == 0.5 and answer["citation_hit"] == 0.5
    assert (answer["refusal_precision"], answer["refusal_recall"]) == (0.5, 1.0)
    assert answer["intent_agreement"] == 1.0
    assert res["per_intent"]["lead"]["modes"]["hybrid"]["hit@1"] == 1.0
    assert res["per_document"]["d"]["n_answerable"] == 2
    assert res["per_tag"]["paraphrase"]["n"] == 1
    assert res["misses"] == []  # both gold clauses are in the hybrid top 5
    assert [m["why"] for m in res["answer_misses"]] == ["refused"]
    report = render_report(res)
    assert "| hybrid | 50.0 | 100.0 | 66.7 |" in report
    assert "## Per intent" in report and "q2" in report


def test_modes_and_item_validation():
    assert check_modes("all") == ("hybrid", "bm25", "dense")
    with pytest.raises(ValueError, match="allowed: hybrid, bm25, dense"):
        check_modes(["sparse"])
    validate_item({**ITEMS[0], "intent": "penalty"})  # an evaluator's own label is kept
    with pytest.raises(ValueError, match="field 'intent' must be a str"):
        validate_item({**ITEMS[0], "intent": 3})
    with pytest.raises(ValueError, match="unanswerable item"):
        validate_item({**ITEMS[2], "gold_keywords": ["x"]})
    with pytest.raises(ValueError, match="1-3 gold_keywords"):
        validate_item({**ITEMS[0], "gold_keywords": []})
    with pytest.raises(ValueError, match="k must be at least 10"):
        run_eval(ITEMS, _search, _ask, k=5)


def test_fixed_windows_and_overlap_mapping():
    from eval.baseline import WindowBM25, fixed_windows, gold_windows

    raw = "甲" * 1200
    spans = [(w.start, w.end) for w in fixed_windows("d", raw)]
    assert spans == [(0, 500), (500, 1000), (1000, 1200)]
    spans = [(w.start, w.end) for w in fixed_windows("d", raw, 500, 50)]
    assert spans == [(0, 500), (450, 950), (900, 1200)]
    assert fixed_windows("d", "") == []
    with pytest.raises(ValueError, match="overlap"):
        fixed_windows("d", raw, 500, 500)
    windows = fixed_windows("d", raw)
    # a clause spanning 490-510 touches the first two windows; end is exclusive
    assert gold_windows(windows, [("d", 490, 510)]) == {"d#w0", "d#w1"}
    assert gold_windows(windows, [("d", 400, 500)]) == {"d#w0"}
    assert gold_windows(windows, [("other", 0, 10)]) == set()
    # rank-bm25's Okapi idf is 0 for a term in half the windows, so use several windows
    parts = ["充电基础设施由省能源局牵头。", "加氢站由省发展改革委牵头。", "品牌建设由省市场监管局牵头。",
             "人才引进由省教育厅负责。", "出口由省商务厅牵头。"]
    text = "".join(p.ljust(100, "。") for p in parts)
    top = WindowBM25(fixed_windows("d", text, 100)).search("加氢站谁牵头", 2)
    assert top[0].id == "d#w1"


def test_main_eval_adapts_any_service(tmp_path):
    import json
    from types import SimpleNamespace

    from eval.runner import main_eval
    from rag.model import Answer, Clause, Hit

    by_id = {cid: Clause(id=cid, doc_id="d", path=(), title="", text=cid * 10) for cid in ("d:1", "d:2")}

    class Service:  # what main_eval relies on, returning the real data model
        clauses = list(by_id.values())

        def search(self, query, top_k, mode):
            return SimpleNamespace(hits=[Hit(by_id["d:2"], 1.0, 1), Hit(by_id["d:1"], 0.5, 2)])

        def ask(self, question):
            return Answer(question, "省能源局牵头[1]", True, "lead", (Hit(by_id["d:1"], 1.0, 1),))

    qa = tmp_path / "set.jsonl"
    qa.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in ITEMS[:1]) + "\n", encoding="utf-8")
    report = tmp_path / "out" / "report.md"
    res = main_eval(Service(), qa, "all", report, baseline=False)
    assert res["modes"] == ["hybrid", "bm25", "dense"]
    assert res["overall"]["modes"]["dense"]["mrr@10"] == 0.5
    assert res["overall"]["modes"]["dense"]["chars@5"] == 60.0  # two clauses of 30 characters
    assert res["overall"]["answer"]["accuracy"] == 1.0 and res["baseline"] is None
    assert report.read_text(encoding="utf-8").startswith("# QA evaluation report")
    assert json.loads(json.dumps(res, ensure_ascii=False))["overall"] == res["overall"]  # --json
