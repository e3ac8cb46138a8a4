"""Every QA set the project keeps, scored side by side: how far the answers carry beyond the set
they were tuned on.

The sets differ in how much the people who built the rules saw of them before scoring. The
in-sample set was tuned on; the holdout and generality sets were written later and then used to
find general faults; the five development sets were scored once before looking, then used to find
classes of error; the blind set is frozen (``eval/blind/FROZEN.sha256``) and never tuned on, so
its line is the one that predicts a new user's documents. Each set with documents of its own is
ingested as a user would ingest them (``eval.scratch``), or read from its own corpus folder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from eval.report import pct


@dataclass(frozen=True)
class EvalSet:
    """One QA set: its questions, its documents and what the builders saw of it.

    Attributes:
        name: Short name in the table.
        questions: The JSONL (or CSV) file.
        seen: What the people tuning the rules saw of it before it was scored.
        corpus: A corpus folder with ``documents.toml`` (its index goes under ``eval/_scratch``).
        report: Where its own full report goes.
        docs: Raw documents ingested into a scratch corpus; neither: the shipped corpus.
    """

    name: str
    questions: str
    seen: str
    report: str
    corpus: str | None = None
    docs: str | None = None


SETS = (
    EvalSet("blind", "eval/blind/qa/qa.jsonl", "frozen before any change; never tuned on", "eval/blind/report.md",
            docs="eval/blind/qa/docs"),
    EvalSet("blind2", "eval/blind2/qa.jsonl", "frozen before any change of the dev14 session, the blind set's successor; "
            "scored at its start (68.4 %, refusal recall 46.7 %) and never read or tuned on", "eval/blind2/report.md",
            docs="eval/blind2/docs"),
    EvalSet("dev26", "eval/dev26/qa.jsonl", "written last; scored unseen (44.2 % session-start code, refusal recall "
            "50.0 %), then its misses studied", "eval/dev26/report.md", docs="eval/dev26/docs"),
    EvalSet("dev25", "eval/dev25/qa.jsonl", "scored unseen (50.9 % session-start code, refusal recall "
            "59.1 %), then its misses studied", "eval/dev25/report.md", docs="eval/dev25/docs"),
    EvalSet("dev24", "eval/dev24/qa.jsonl", "scored unseen (38.0 % session-start code, refusal recall "
            "66.7 %), then its misses studied", "eval/dev24/report.md", docs="eval/dev24/docs"),
    EvalSet("dev23", "eval/dev23/qa.jsonl", "scored unseen (54.0 % session-start code, refusal recall "
            "55.0 %), then its misses studied", "eval/dev23/report.md", docs="eval/dev23/docs"),
    EvalSet("dev22", "eval/dev22/qa.jsonl", "scored unseen (66.0 % session-start code, refusal recall "
            "72.5 %), then its misses studied", "eval/dev22/report.md", docs="eval/dev22/docs"),
    EvalSet("dev21", "eval/dev21/qa.jsonl", "scored unseen (67.3 % session-start code, refusal recall "
            "68.4 %), then its misses studied", "eval/dev21/report.md", docs="eval/dev21/docs"),
    EvalSet("dev20", "eval/dev20/qa.jsonl", "scored unseen (65.4 % session-start code, refusal recall "
            "50.0 %), then its misses studied", "eval/dev20/report.md", docs="eval/dev20/docs"),
    EvalSet("dev19", "eval/dev19/qa.jsonl", "scored unseen (53.8 % session-start code, refusal recall "
            "63.2 %), then its misses studied", "eval/dev19/report.md", docs="eval/dev19/docs"),
    EvalSet("dev18", "eval/dev18/qa.jsonl", "scored unseen (65.4 % session-start code, refusal recall "
            "63.2 %), then its misses studied", "eval/dev18/report.md", docs="eval/dev18/docs"),
    EvalSet("dev17", "eval/dev17/qa.jsonl", "scored unseen (75.9 % session-start code, refusal recall "
            "69.4 %), then its misses studied", "eval/dev17/report.md", docs="eval/dev17/docs"),
    EvalSet("dev16", "eval/dev16/qa.jsonl", "scored unseen (75.0 % session-start code, refusal recall "
            "53.3 %), then its misses studied", "eval/dev16/report.md", docs="eval/dev16/docs"),
    EvalSet("dev15", "eval/dev15/qa.jsonl", "scored unseen (66.7 % session-start code, refusal recall "
            "50.0 %), then its misses studied", "eval/dev15/report.md", docs="eval/dev15/docs"),
    EvalSet("dev14", "eval/dev14/qa.jsonl", "scored unseen (78.0 % at its session's start, refusal recall "
            "40.0 %), then its misses studied", "eval/dev14/report.md", docs="eval/dev14/docs"),
    EvalSet("dev13", "eval/dev13/qa.jsonl", "scored unseen (68.8 % session-start code, refusal recall "
            "25.0 %), then its misses studied", "eval/dev13/report.md", docs="eval/dev13/docs"),
    EvalSet("dev12", "eval/dev12/qa.jsonl", "scored unseen (68.0 % session-start code, refusal recall "
            "53.3 %), then its misses studied", "eval/dev12/report.md", docs="eval/dev12/docs"),
    EvalSet("dev11", "eval/dev11/qa.jsonl", "scored unseen (60.0 % session-start code), then its misses studied",
            "eval/dev11/report.md", docs="eval/dev11/docs"),
    EvalSet("dev10", "eval/dev10/qa.jsonl", "scored unseen (69.1 % session-start code), then its misses studied",
            "eval/dev10/report.md", docs="eval/dev10/docs"),
    EvalSet("dev9", "eval/dev9/qa.jsonl", "scored unseen (69.1 % session-start code, 70.9 % after the "
            "dev8 fixes of 319e0e6), then its misses studied", "eval/dev9/report.md", docs="eval/dev9/docs"),
    EvalSet("dev8", "eval/dev8/qa.jsonl", "scored once unseen (63.6 % session-start code, 65.5 % at 225c4b7), "
            "then its misses studied", "eval/dev8/report.md", docs="eval/dev8/docs"),
    EvalSet("dev7", "eval/dev7/qa.jsonl", "scored once unseen (72.7 %), then its misses studied",
            "eval/dev7/report.md", docs="eval/dev7/docs"),
    EvalSet("dev6", "eval/dev6/qa.jsonl", "scored once unseen (54.0 %), then its misses studied",
            "eval/dev6/report.md", docs="eval/dev6/docs"),
    EvalSet("dev5", "eval/dev5/qa.jsonl", "scored once unseen (58.3 %), then its misses studied",
            "eval/dev5/report.md", docs="eval/dev5/docs"),
    EvalSet("dev4", "eval/dev4/qa.jsonl", "scored once unseen (51.1 %), then its misses studied",
            "eval/dev4/report.md", docs="eval/dev4/docs"),
    EvalSet("dev3", "eval/dev3/qa.jsonl", "scored once unseen (62.5 %), then its misses studied",
            "eval/dev3/report.md", docs="eval/dev3/docs"),
    EvalSet("dev2", "eval/dev2/qa.jsonl", "scored once unseen, then its misses studied", "eval/dev2/report.md",
            docs="eval/dev2/docs"),
    EvalSet("dev", "eval/dev/qa.jsonl", "scored once unseen, then its misses studied", "eval/dev/report.md",
            docs="eval/dev/docs"),
    EvalSet("generality", "eval/generality/qa.jsonl", "written after tuning, then used to find faults",
            "eval/generality/report.md", corpus="eval/generality"),
    EvalSet("holdout", "eval/qa_holdout.jsonl", "written after tuning, same corpus", "eval/holdout_report.md"),
    EvalSet("in-sample", "eval/qa.jsonl", "the rules were tuned on it", "eval/report.md"),
)


def score_sets(open_for: Callable[[EvalSet], object], evaluate: Callable[[object, EvalSet], dict],
               sets: tuple[EvalSet, ...] = SETS) -> list[tuple[EvalSet, dict]]:
    """Score every set: ``open_for(set)`` opens a service over its documents (closed after),
    ``evaluate(service, set)`` returns ``eval.runner.main_eval``'s result."""
    scored = []
    for one in sets:
        service = open_for(one)
        try:
            scored.append((one, evaluate(service, one)))
        finally:
            service.close()
    return scored


def summary(one: EvalSet, result: dict) -> dict:
    """What the side-by-side table shows of one set's result (JSON-ready)."""
    return {"set": one.name, "seen": one.seen, "report": one.report, "overall": result["overall"]}


def render_sets(rows: list[dict]) -> list[str]:
    """The Markdown section: one row per set (``summary``), hybrid retrieval and answers."""
    out = ["## Every set side by side", "",
           "Hybrid retrieval on answerable questions; answers on all (percent). Rows run from the set "
           "the builders saw least to the one they tuned on: the blind set predicts a new user's "
           "documents, the in-sample set is an upper bound. Top-1 floor: answerable questions whose "
           "first-ranked clause holds every gold keyword.", "",
           "| set | seen | questions (unanswerable) | Hit@1 | Hit@5 | MRR@10 | answer accuracy | top-1 floor "
           "| refusal precision | refusal recall |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        overall = row["overall"]
        hybrid, answer = overall["modes"]["hybrid"], overall["answer"]
        n, na = overall["n"], overall["n_answerable"]
        link = Path(row["report"]).relative_to("eval").as_posix()
        out.append(f"| [{row['set']}]({link}) | {row['seen']} | {n} ({n - na}) | "
                   + " | ".join(pct(hybrid.get(k)) for k in ("hit@1", "hit@5", "mrr@10")) + " | "
                   + " | ".join(pct(answer.get(k)) for k in ("accuracy", "top1_floor", "refusal_precision",
                                                             "refusal_recall")) + " |")
    return [*out, ""]
