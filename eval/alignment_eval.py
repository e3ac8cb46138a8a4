"""Precision and recall of the province ↔ city alignment against ``alignment_gold.jsonl``.

The gold list was written by reading both plans: one line per city task with the provincial
task(s) it carries out (``province``, required for recall) and the ones it also plausibly touches
(``also``: a predicted pair to one of them is not counted as an error, nor required), plus one
``gaps`` line naming the provincial tasks without any city counterpart.

* precision — predicted pairs whose city clause is in the gold list and whose provincial clause
  is in its ``province`` or ``also`` list, over all predicted pairs of gold city clauses;
* recall — required gold pairs predicted, over all required gold pairs;
* gap precision / recall — of ``Alignment.gaps`` against the gold ``gaps`` line, counted only
  over provincial tasks the gold list decides on (a required pair, or a gap).

``calibrate`` sweeps the threshold over scored candidates (``rag.views.align.score_candidates``) and
reports the range where both precision and recall reach the target.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from eval.jsonl import read_jsonl
from eval.report import pct

GOLD_PATH = Path(__file__).with_name("alignment_gold.jsonl")


@dataclass(frozen=True)
class AlignmentGold:
    """The gold list: required and acceptable provincial clauses per city clause, and the gaps."""

    required: dict[str, frozenset[str]]
    acceptable: dict[str, frozenset[str]]
    gaps: frozenset[str]

    @property
    def pair_count(self) -> int:
        return sum(len(v) for v in self.required.values())


def load_gold(path: Path | str = GOLD_PATH) -> AlignmentGold:
    """Read the gold list.

    Args:
        path: A JSONL file of ``{"city", "province", "also", "note"}`` lines and one ``{"gaps"}`` line.

    Returns:
        The parsed gold list.

    Raises:
        ValueError: A line is not JSON or lacks ``city`` / ``province``.
    """
    required: dict[str, frozenset[str]] = {}
    acceptable: dict[str, frozenset[str]] = {}
    gaps: set[str] = set()
    for n, rec in read_jsonl(path):
        if "gaps" in rec:
            gaps.update(rec["gaps"])
            continue
        if not isinstance(rec.get("city"), str) or not isinstance(rec.get("province"), list):
            raise ValueError(f"{path}:{n}: a pair line needs 'city' (str) and 'province' (list)")
        required[rec["city"]] = frozenset(rec["province"])
        acceptable[rec["city"]] = frozenset(rec["province"]) | frozenset(rec.get("also", ()))
    return AlignmentGold(required, acceptable, frozenset(gaps))


def score_pairs(pairs: Iterable[tuple[str, str]], gold: AlignmentGold,
                gaps: Sequence[str] | None = None) -> dict[str, float | int | None]:
    """Precision / recall of predicted ``(city_clause_id, province_clause_id)`` pairs.

    Args:
        pairs: Predicted pairs.
        gold: The gold list.
        gaps: Predicted gaps (``Alignment.gaps``); gap metrics are ``None`` without them.

    Returns:
        ``precision``, ``recall``, ``f1``, ``predicted``, ``correct``, ``required``, ``found``,
        ``gap_precision``, ``gap_recall``.
    """
    judged = [(c, p) for c, p in set(pairs) if c in gold.required]
    correct = sum(1 for c, p in judged if p in gold.acceptable[c])
    found = sum(1 for c, p in judged if p in gold.required[c])
    precision = correct / len(judged) if judged else 0.0
    recall = found / gold.pair_count if gold.pair_count else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    out: dict[str, float | int | None] = {
        "precision": precision, "recall": recall, "f1": f1, "predicted": len(judged),
        "correct": correct, "required": gold.pair_count, "found": found,
        "gap_precision": None, "gap_recall": None,
    }
    if gaps is not None:
        decided = gold.gaps | {p for ps in gold.required.values() for p in ps}
        predicted = {g for g in gaps if g in decided}
        hit = len(predicted & gold.gaps)
        out["gap_precision"] = hit / len(predicted) if predicted else 0.0
        out["gap_recall"] = hit / len(gold.gaps) if gold.gaps else 0.0
    return out


def evaluate_alignment(alignment, gold: AlignmentGold | None = None) -> dict[str, float | int | None]:
    """Score an ``rag.views.align.Alignment`` against the gold list (``load_gold()`` by default)."""
    gold = gold or load_gold()
    pairs = [(p.city_clause_id, p.province_clause_id) for p in alignment.pairs]
    result = score_pairs(pairs, gold, alignment.gaps)
    result["threshold"] = alignment.threshold
    result["relative"] = alignment.relative
    return result


def calibrate(candidates, gold: AlignmentGold | None = None, relative: float | None = None,
              target: float = 0.8, steps: int = 101) -> dict:
    """Sweep the threshold over scored candidates and pick the middle of the good range.

    Args:
        candidates: ``AlignedPair``s from ``rag.views.align.score_candidates``.
        gold: The gold list (``load_gold()`` by default).
        relative: The relative rule used with every threshold (``rag.views.align.DEFAULT_RELATIVE``).
        target: Precision and recall both at least this make a threshold good.
        steps: Thresholds tried, evenly from 0 to 1.

    Returns:
        ``{"sweep": [{threshold, precision, recall, f1}], "good": (low, high) or None,
        "chosen": threshold}`` — the middle of the good range, else the best-F1 threshold.
    """
    from rag.views.align import DEFAULT_RELATIVE, select_pairs

    gold = gold or load_gold()
    rel = DEFAULT_RELATIVE if relative is None else relative
    candidates = list(candidates)
    sweep = []
    for i in range(steps):
        th = i / (steps - 1)
        kept = select_pairs(candidates, th, rel)
        m = score_pairs([(p.city_clause_id, p.province_clause_id) for p in kept], gold)
        sweep.append({"threshold": th, "precision": m["precision"], "recall": m["recall"], "f1": m["f1"]})
    good = [s["threshold"] for s in sweep if s["precision"] >= target and s["recall"] >= target]
    best = max(sweep, key=lambda s: s["f1"])["threshold"]
    chosen = round((good[0] + good[-1]) / 2, 3) if good else best
    return {"sweep": sweep, "good": (good[0], good[-1]) if good else None, "chosen": chosen, "relative": rel}


def report_section(result: dict, calibration: dict | None = None) -> str:
    """Markdown lines for the eval report: the metrics at the chosen threshold."""
    lines = ["## Province ↔ city alignment", "",
             f"Gold list: `eval/{GOLD_PATH.name}`, {result['required']} required pairs.", "",
             "| threshold | relative | precision | recall | F1 | gap precision | gap recall |",
             "|---|---|---|---|---|---|---|"]

    lines.append(f"| {result['threshold']:.3f} | {result['relative']:.2f} | {pct(result['precision'])} | "
                 f"{pct(result['recall'])} | {pct(result['f1'])} | {pct(result['gap_precision'])} | "
                 f"{pct(result['gap_recall'])} |")
    if calibration and calibration.get("good"):
        lo, hi = calibration["good"]
        lines += ["", f"Precision and recall are both ≥ 0.8 for thresholds {lo:.2f}–{hi:.2f} "
                      f"(calibrated in-sample on the same gold list)."]
    return "\n".join(lines) + "\n"


def run_alignment_eval(documents, clauses, vectors=None, *, embedder=None, tokenizer=None,
                       gold_path: Path | str = GOLD_PATH) -> dict:
    """Align the corpus with the default settings and score it; what the report runner calls.

    Args:
        documents: The corpus documents.
        clauses: All their clauses.
        vectors: ``{clause_id: unit vector}`` from the index (``rag.views.align.vectors_by_id``).
        embedder: Embeds clauses missing from ``vectors``.
        tokenizer: The index's ``rag.retrieval.tokenize.Tokenizer``; built when ``None``.
        gold_path: The gold list.

    Returns:
        The ``evaluate_alignment`` metrics plus ``calibration`` (good range and the threshold in
        its middle) and ``markdown`` (a report section).
    """
    from rag.views.align import (
        DEFAULT_RELATIVE,
        DEFAULT_THRESHOLD,
        Alignment,
        score_candidates,
        select_pairs,
    )

    gold = load_gold(gold_path)
    links, tasks, candidates = score_candidates(documents, clauses, vectors, embedder=embedder,
                                                tokenizer=tokenizer)
    kept = select_pairs(candidates, DEFAULT_THRESHOLD, DEFAULT_RELATIVE)
    alignment = Alignment(tuple(kept), tuple(links), tuple(tasks), DEFAULT_THRESHOLD, DEFAULT_RELATIVE)
    result = evaluate_alignment(alignment, gold)
    cal = calibrate(candidates, gold)
    result["calibration"] = {"good": cal["good"], "chosen": cal["chosen"], "relative": cal["relative"]}
    result["markdown"] = report_section(result, cal)
    return result
