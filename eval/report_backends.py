"""The "Backends" section of ``eval/report.md``: the local and the Milvus backend side by side.

``compare_backends`` reduces one ``main_eval`` result per backend (same QA set, same modes) and,
when given, the ``backends`` part of ``policyqa bench`` (``eval.bench.bench_backends``) to a small
JSON-able dict; ``render_backends`` turns that dict into Markdown. ``eval.report.render_report``
includes the section whenever a result carries ``results["backends"]`` (``policyqa eval
--backend all``).
"""

from __future__ import annotations

from collections.abc import Mapping

from eval.report import pct

QUALITY = ("hit@1", "hit@5", "mrr@10")
ANSWERS = ("accuracy", "citation_hit", "refusal_recall")
LATENCY = ("search_hybrid", "search_bm25", "search_dense", "ask")


def compare_backends(results: Mapping[str, dict], bench: Mapping | None = None) -> dict:
    """Quality per mode × backend, answer metrics per backend, and the bench's latencies.

    Args:
        results: ``{backend: main_eval result}`` for two or more backends, scored on the same
            modes (``local`` first reads best: it is the reference for the gaps).
        bench: The JSON of ``policyqa bench`` (its ``backends`` part is used) or ``None``.

    Returns:
        ``{"backends", "modes", "quality": {mode: {backend: {hit@1, hit@5, mrr@10}}},
        "answers": {backend: {...}}, "hit5_gap": {mode: max |ΔHit@5| to the first backend},
        "latency": bench["backends"] or None}``.

    Raises:
        ValueError: Fewer than two backends, or results scored on different modes.
    """
    names = list(results)
    if len(names) < 2:
        raise ValueError(f"compare_backends needs two or more backends, got {names}")
    modes = list(results[names[0]]["modes"])
    other = {n: list(r["modes"]) for n, r in results.items() if list(r["modes"]) != modes}
    if other:
        raise ValueError(f"backends were scored on different modes: {names[0]} {modes}, {other}")
    quality = {m: {n: {q: float(results[n]["overall"]["modes"][m][q]) for q in QUALITY} for n in names}
               for m in modes}
    answers = {n: {a: float(results[n]["overall"]["answer"][a]) for a in ANSWERS} for n in names}
    gap = {m: round(max(abs(quality[m][n]["hit@5"] - quality[m][names[0]]["hit@5"]) for n in names), 4)
           for m in modes}
    latency = dict(bench["backends"]) if bench and bench.get("backends") else None
    return {"backends": names, "modes": modes, "quality": quality, "answers": answers,
            "hit5_gap": gap, "latency": latency}


def _ms(row: Mapping | None) -> str:
    return "—" if not row else f"{row['p50']:.1f} / {row['p95']:.1f}"


def render_backends(section: Mapping) -> list[str]:
    """Markdown lines of the "Backends" section for a ``compare_backends`` result.

    Args:
        section: What ``compare_backends`` returned (e.g. ``results["backends"]``).

    Returns:
        Lines ending with a blank one.
    """
    names, ref = section["backends"], section["backends"][0]
    out = ["## Backends", "",
           f"The same QA set through each retrieval backend (`policyqa eval --backend all`). Milvus "
           f"runs as Milvus Lite in process; a Milvus server or cluster answers the same calls. "
           f"Δ Hit@5 is against `{ref}`.", "",
           "| mode | backend | Hit@1 | Hit@5 | MRR@10 | Δ Hit@5 |", "|---|---|---|---|---|---|"]
    for mode, by_backend in section["quality"].items():
        for n in names:
            row = by_backend[n]
            delta = 100 * (row["hit@5"] - by_backend[ref]["hit@5"])
            out.append(f"| {mode} | {n} | " + " | ".join(pct(row[q]) for q in QUALITY)
                       + f" | {'—' if n == ref else f'{delta:+.1f}'} |")
    out += ["", "| backend | answer accuracy | citation hit | refusal recall |", "|---|---|---|---|"]
    out += [f"| {n} | " + " | ".join(pct(section["answers"][n][a]) for a in ANSWERS) + " |" for n in names]
    lat = section.get("latency")
    if lat:
        out += ["", "Latency in process, p50 / p95 ms over the QA questions (`policyqa bench`). "
                "*new*: the prepared-question cache is emptied before each call, so the e5 query "
                "embedding is included; the other columns are repeated questions "
                f"({lat.get('repeat', '?')} passes, cache warm: retrieval and answer composition only). "
                "Build: writing the already embedded clauses into a fresh collection (the local "
                "index's cold build, which embeds them, is under `build` in `eval/bench.json`); "
                "open: `PolicyQA.open` on a current index (load, connect, check the collection's "
                "version).", "",
                "| backend | hybrid, new | ask, new | search hybrid | search bm25 | search dense | ask "
                "| build (s) | open (s) |",
                "|---|---|---|---|---|---|---|---|---|"]
        for n in names:
            row = lat.get(n) or {}
            new, repeated = row.get("new", {}), row.get("repeated", row)
            secs = [lat.get(part, {}).get(n) for part in ("build_s", "open_s")]
            out.append(f"| {n} | {_ms(new.get('search_hybrid'))} | {_ms(new.get('ask'))} | "
                       + " | ".join(_ms(repeated.get(x)) for x in LATENCY) + " | "
                       + " | ".join("—" if v is None else f"{v:.2f}" for v in secs) + " |")
    else:
        out += ["", "No latency figures: run `policyqa bench --out eval/bench.json` first."]
    return [*out, ""]
