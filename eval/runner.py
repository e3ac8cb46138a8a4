"""Run the QA set against search and ask, and summarize quality the way users feel it.

``run_eval`` is service-agnostic: it takes two callables (``search_fn`` returns ranked clause ids,
``ask_fn`` returns an answer dict), so it is tested without building an index. ``main_eval`` adapts
any object with ``.search(query, top_k, mode)`` and ``.ask(question)`` (``rag.service.PolicyQA``)
and adds the fixed-window BM25 baseline (``eval.baseline``); ``policyqa eval`` is a thin wrapper
around it. ``eval.report.write_report`` renders the result as ``eval/report.md``.

Retrieval metrics (Hit@1, Hit@5, MRR@10, nDCG@10) are computed on answerable questions only;
answer accuracy on answerable questions (a refusal counts as wrong); refusal precision/recall on
all questions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from eval.metrics import (
    aggregate,
    answer_correct,
    hit_at_k,
    ndcg_at_k,
    reciprocal_rank,
    refusal_scores,
)
from eval.qaset import load_qa, resolve_quotes
from eval.report import write_report
from rag.retrieval.base import MODES

DEFAULT_SET = Path(__file__).with_name("qa.jsonl")

SearchFn = Callable[[str, int, str], list[str]]
AskFn = Callable[[str], dict]


def check_modes(modes: str | Sequence[str]) -> tuple[str, ...]:
    """Expand ``"all"`` and validate mode names.

    Raises:
        ValueError: An unknown mode, listing the valid ones.
    """
    if isinstance(modes, str):
        modes = (modes,)
    if "all" in modes:
        return MODES
    bad = [m for m in modes if m not in MODES]
    if bad or not modes:
        raise ValueError(f"modes {list(modes)!r} invalid; allowed: {', '.join(MODES)} or all")
    return tuple(dict.fromkeys(modes))


def _retrieval_row(ranked: list[str], gold: list[str], k: int) -> dict[str, float]:
    return {"hit@1": hit_at_k(ranked, gold, 1), "hit@5": hit_at_k(ranked, gold, 5),
            "mrr@10": reciprocal_rank(ranked, gold, k), "ndcg@10": ndcg_at_k(ranked, gold, k)}


def _score_item(item: dict, search_fn: SearchFn, ask_fn: AskFn, modes: Sequence[str], k: int,
                unit_texts: dict[str, str] | None) -> dict:
    """One item's rankings, metrics and answer outcome."""
    record: dict[str, Any] = {"id": item["id"], "question": item["question"], "intent": item["intent"],
                              "user": item["user"], "docs": item["docs"], "tags": item.get("tags", []),
                              "answerable": item["answerable"], "gold": item["gold_clause_ids"],
                              "retrieval": {}, "top": {}}
    if item["answerable"]:
        for mode in modes:
            ranked = list(search_fn(item["question"], k, mode))
            record["retrieval"][mode] = _retrieval_row(ranked, item["gold_clause_ids"], k)
            if unit_texts is not None:
                record["retrieval"][mode]["chars@5"] = float(sum(len(unit_texts.get(c, "")) for c in ranked[:5]))
                if mode == modes[0]:  # the floor of quoting the first hit well
                    record["top1_holds"] = bool(ranked) and answer_correct(unit_texts.get(ranked[0], ""),
                                                                            item["gold_keywords"])
            record["top"][mode] = ranked[:3]
    answer = ask_fn(item["question"])
    refused = not answer.get("answerable", False)
    cited = [c["clause_id"] for c in answer.get("citations", [])]
    record.update(answer=answer.get("answer", ""), refused=refused, cited=cited,
                  detected_intent=answer.get("intent", ""))
    if item["answerable"]:
        record["correct"] = (not refused) and answer_correct(record["answer"], item["gold_keywords"])
        record["citation_hit"] = any(c in item["gold_clause_ids"] for c in cited)
        record["missing"] = [kw for kw in item["gold_keywords"] if not answer_correct(record["answer"], [kw])]
    return record


def _summary(records: Iterable[dict], modes: Sequence[str]) -> dict:
    """Retrieval means per mode plus answer metrics over a group of item records."""
    records = list(records)
    answerable = [r for r in records if r["answerable"]]
    out: dict[str, Any] = {"n": len(records), "n_answerable": len(answerable),
                           "modes": {m: aggregate(r["retrieval"][m] for r in answerable) for m in modes}}
    answer_rows = [{"accuracy": float(r["correct"]), "citation_hit": float(r["citation_hit"]),
                    **({"top1_floor": float(r["top1_holds"])} if "top1_holds" in r else {})}
                   for r in answerable]
    out["answer"] = aggregate(answer_rows)
    precision, recall = refusal_scores((r["refused"], not r["answerable"]) for r in records)
    out["answer"]["refusal_precision"] = precision
    out["answer"]["refusal_recall"] = recall
    named = [r for r in records if r["intent"]]
    out["answer"]["intent_agreement"] = (
        sum(r["detected_intent"] == r["intent"] for r in named) / len(named) if named else 0.0)
    return out


def _group(records: list[dict], key: Callable[[dict], Iterable[str]], modes: Sequence[str]) -> dict:
    groups: dict[str, list[dict]] = {}
    for r in records:
        for name in key(r):
            groups.setdefault(name, []).append(r)
    return {name: _summary(rs, modes) for name, rs in sorted(groups.items())}


def run_eval(qa_items: Sequence[dict], search_fn: SearchFn, ask_fn: AskFn,
             modes: Sequence[str] = MODES, k: int = 10,
             unit_texts: dict[str, str] | None = None) -> dict:
    """Score every QA item against search (per mode) and ask.

    Args:
        qa_items: Records as returned by ``load_qa``.
        search_fn: ``search_fn(question, top_k, mode) -> [clause_id, …]`` best first.
        ask_fn: ``ask_fn(question) -> {"answer", "answerable", "intent", "citations": [{"clause_id"}]}``.
        modes: Retrieval modes to score, a subset of ``MODES``.
        k: Ranking depth requested from ``search_fn`` (MRR and nDCG are cut at ``k``).
        unit_texts: Optional ``{clause_id: text}``; adds ``chars@5``, the characters a reader
            gets in the top 5 (to compare with the baseline's 500-character windows), and
            ``top1_floor``, the share of answerable questions whose first-ranked clause (first
            mode) holds every gold keyword — what quoting the first hit well would score.

    Returns:
        ``{"overall", "per_intent", "per_document", "per_user", "per_tag", "misses",
        "answer_misses", "items", "modes", "k"}``; every summary holds ``modes`` →
        ``{hit@1, hit@5, mrr@10, ndcg@10}`` and ``answer`` → ``{accuracy, citation_hit,
        refusal_precision, refusal_recall, intent_agreement}``.

    Raises:
        ValueError: An unknown mode or ``k`` < 10 (MRR@10/nDCG@10 need ten ranks).
    """
    modes = check_modes(modes)
    if k < 10:
        raise ValueError(f"k must be at least 10 for MRR@10 and nDCG@10, got {k}")
    records = [_score_item(item, search_fn, ask_fn, modes, k, unit_texts) for item in qa_items]
    primary = modes[0]
    misses = [{"id": r["id"], "question": r["question"], "intent": r["intent"], "mode": primary,
               "gold": r["gold"], "got": r["top"][primary]}
              for r in records if r["answerable"] and r["retrieval"][primary]["hit@5"] == 0.0]
    answer_misses = []
    for r in records:
        if r["answerable"] and not r["correct"]:
            why = "refused" if r["refused"] else f"missing {', '.join(r['missing'])}"
        elif not r["answerable"] and not r["refused"]:
            why = "answered an unanswerable question"
        else:
            continue
        answer_misses.append({"id": r["id"], "question": r["question"], "intent": r["intent"],
                              "why": why, "answer": r["answer"], "cited": r["cited"][:3]})
    return {
        "k": k,
        "modes": list(modes),
        "overall": _summary(records, modes),
        "per_intent": _group(records, lambda r: [r["intent"] or "(not given)"], modes),
        "per_document": _group(records, lambda r: r["docs"] or ["(none: unanswerable)"], modes),
        "per_user": _group(records, lambda r: [r["user"]], modes),
        "per_tag": _group(records, lambda r: r["tags"], modes),
        "misses": misses,
        "answer_misses": answer_misses,
        "items": records,
    }


def answer_to_dict(answer: Any) -> dict:
    """``rag.model.Answer`` (citations are ``Hit`` objects) → the dict ``run_eval`` expects."""
    return {"answer": answer.answer, "answerable": bool(answer.answerable), "intent": answer.intent,
            "citations": [{"clause_id": hit.clause.id} for hit in answer.citations]}


def main_eval(service: Any, set_path: Path | str = DEFAULT_SET, modes: str | Sequence[str] = MODES,
              report_path: Path | str | None = None, corpus_dir: Path | str | None = None,
              baseline: bool = True) -> dict:
    """Evaluate a service end to end, optionally with the baseline, and write the report.

    Args:
        service: Any object with ``.search(query, top_k, mode)`` returning an object whose
            ``.hits`` carry ``.clause.id``, and ``.ask(question)`` returning ``rag.model.Answer``.
        set_path: The QA set (``eval/qa.jsonl`` by default).
        modes: Modes to score, or ``"all"``.
        report_path: Where to write the Markdown report; ``None`` writes nothing.
        corpus_dir: Corpus folder for the baseline; defaults to ``service.corpus_dir``.
        baseline: Whether to score the fixed-window BM25 baseline.

    Returns:
        The ``run_eval`` result plus ``baseline`` (``None`` when skipped) and ``set``.

    Raises:
        ValueError: A bad QA set or mode.
    """
    items = load_qa(set_path)
    if any(item["gold_quotes"] for item in items):
        items = resolve_quotes(items, getattr(service, "clauses", ()), getattr(service, "documents", ()))

    def search_fn(question: str, top_k: int, mode: str) -> list[str]:
        return [hit.clause.id for hit in service.search(question, top_k=top_k, mode=mode).hits]

    clauses = getattr(service, "clauses", None)
    unit_texts = {c.id: c.text for c in clauses} if clauses else None
    results = run_eval(items, search_fn, lambda q: answer_to_dict(service.ask(q)), modes,
                       unit_texts=unit_texts)
    results["set"] = str(set_path)
    results["baseline"] = None
    corpus_dir = corpus_dir or getattr(service, "corpus_dir", None)
    if baseline and corpus_dir is not None:
        from eval.baseline import run_baseline_on_corpus

        results["baseline"] = run_baseline_on_corpus(Path(corpus_dir), items, clauses=clauses)
    results["alignment"] = _alignment_eval(service)
    if report_path is not None:
        write_report(results, report_path)
    return results


def _alignment_eval(service: Any) -> dict | None:
    """``eval.alignment_eval`` on the service's corpus when it holds the gold list's clauses
    (the shipped corpus), with the index's own vectors and tokenizer; else ``None``."""
    from eval.alignment_eval import GOLD_PATH, load_gold, run_alignment_eval

    clauses = getattr(service, "clauses", None)
    if not clauses or not hasattr(service, "clause_vectors") or not GOLD_PATH.is_file():
        return None
    gold = load_gold(GOLD_PATH)
    if not set(gold.required) <= {c.id for c in clauses}:
        return None
    return run_alignment_eval(service.documents, clauses, service.clause_vectors(), tokenizer=service.tokenizer)
