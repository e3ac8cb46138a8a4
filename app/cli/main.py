"""The ``policyqa`` command line (typer): one clear error line and a non-zero exit on failure."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path

import typer

from rag.model import LEVELS, STATUSES
from rag.retrieval.base import MODES
from rag.service import BACKENDS


def _choices(name: str, values: Iterable[str]) -> type[StrEnum]:
    """An enum of the library's own values, so typer lists them and refuses others (exit 2)."""
    return StrEnum(name, {value: value for value in values})


SearchMode = _choices("SearchMode", MODES)
EvalMode = _choices("EvalMode", (*MODES, "all"))
Backend = _choices("Backend", BACKENDS)
Backends = _choices("Backends", (*BACKENDS, "all"))
Level = _choices("Level", LEVELS)
Status = _choices("Status", STATUSES)

cli = typer.Typer(add_completion=False, no_args_is_help=True, help="Offline Q&A over Chinese policy documents.")


@contextmanager
def cli_errors() -> Iterator[None]:
    """Turn expected failures into one line on stderr and exit code 1 (no traceback)."""
    try:
        yield
    except (ValueError, KeyError, FileNotFoundError, ImportError, ConnectionError, OSError) as exc:
        msg = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        typer.echo(f"error: {msg}", err=True)
        raise typer.Exit(1) from None


def echo_json(data: object) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def settings_for(backend: str | None = None):
    """The settings (env ``POLICYQA_*``) with ``backend`` swapped in, its default Milvus URI
    re-derived; ``None`` keeps the configured backend.

    Raises:
        ValueError: ``backend`` is not one of ``BACKENDS``.
    """
    from app.settings import Settings, get_settings

    s = get_settings()
    if backend is None or backend == s.backend:
        return s
    if backend not in BACKENDS:
        raise ValueError(f"backend {backend!r} is not one of {', '.join(BACKENDS)}")
    return Settings.model_validate({**s.model_dump(), "backend": backend})


def _corpus_dir(given: Path | None) -> Path:
    """The ``--corpus-dir`` option when given, else the settings' corpus folder."""
    from app.settings import get_settings

    return Path(given) if given is not None else Path(get_settings().corpus_dir)


def open_service(rebuild: str = "if-needed", backend: str | None = None,
                 dirs: tuple[Path, Path] | None = None, full_milvus: bool = False):
    """Open ``PolicyQA`` from the settings (env ``POLICYQA_*``), building the index if needed;
    ``dirs`` (corpus, index) replaces the configured folders; ``full_milvus`` writes a new
    Milvus collection even when a sync would do."""
    from rag.service import PolicyQA

    s = settings_for(backend)
    corpus_dir, index_dir = dirs or (Path(s.corpus_dir), Path(s.index_dir))
    return PolicyQA.open(corpus_dir, index_dir, embedder=s.embedder,
                         backend=s.backend, milvus_uri=s.milvus_uri, milvus_token=s.milvus_token,
                         milvus_collection=s.milvus_collection, llm_url=s.llm_url, rebuild=rebuild,
                         progress=True, milvus_full=full_milvus)


@cli.command()
def build(if_needed: bool = typer.Option(False, "--if-needed", help="Only build when missing or stale."),
          full: bool = typer.Option(False, "--full", help="Chunk, tokenize and embed everything again (no "
                                    "cache) and write a new Milvus collection.")) -> None:
    """Build the index under the index dir (atomic swap): only new or changed clauses are embedded."""
    with cli_errors():
        if full:
            from rag.index.build import build as build_index
            from rag.index.embed import get_embedder

            s = settings_for()
            build_index(Path(s.corpus_dir), Path(s.index_dir), get_embedder(s.embedder), full=True)
        qa = open_service(rebuild="if-needed" if if_needed or full else "always", full_milvus=full)
        record = qa.build_record
        typer.echo(f"index {qa.index_version}: {len(qa.documents)} documents, {len(qa.clauses)} clauses; "
                   f"embedded {record.get('embedded')}, reused {record.get('reused')}"
                   + (f"; milvus {qa.milvus_sync}" if qa.milvus_sync else ""))
        qa.close()


@cli.command()
def search(
    query: str,
    top_k: int = typer.Option(5, "--top-k", "-k", min=1, max=50),
    doc: list[str] = typer.Option(None, "--doc", help="Restrict to these document ids."),
    level: Level = typer.Option(None, "--level", help="Restrict to documents of this level."),
    region: str = typer.Option(None, "--region", help="Restrict to documents of this region, e.g. 聊城市."),
    mode: SearchMode = typer.Option("hybrid", help="Which retrievers rank."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Rank clauses for a query."""
    from app.http.schemas import hit_to_dict
    from rag.retrieval.base import Filter

    with cli_errors():
        qa = open_service()
        where = Filter.of(doc, level and str(level), region)
        res = qa.search(query, top_k=top_k, mode=str(mode), where=where)
        docs = {d.id: d for d in qa.documents}
        if as_json:
            echo_json({"query": res.query, "hits": [hit_to_dict(h, docs) for h in res.hits],
                       "took_ms": round(res.took_ms, 2)})
            return
        for h in res.hits:
            typer.echo(f"{h.rank:>2}. {h.score:.4f}  {h.clause.id}  {h.clause.breadcrumb}")


@cli.command()
def ask(
    question: str,
    top_k: int = typer.Option(5, "--top-k", "-k", min=1, max=50),
    doc: list[str] = typer.Option(None, "--doc", help="Answer from these document ids only."),
    level: Level = typer.Option(None, "--level", help="Answer from documents of this level only."),
    region: str = typer.Option(None, "--region", help="Answer from documents of this region only, e.g. 聊城市."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Answer a question with cited clauses."""
    from app.http.schemas import answer_to_dict
    from rag.retrieval.base import Filter

    with cli_errors():
        qa = open_service()
        ans = qa.ask(question, top_k=top_k, where=Filter.of(doc, level and str(level), region))
        if as_json:
            echo_json(answer_to_dict(ans, {d.id: d for d in qa.documents}))
            return
        typer.echo(ans.answer)
        for n, h in enumerate(ans.citations, 1):
            typer.echo(f"  [{n}] {qa.document(h.clause.doc_id).label} · {h.clause.breadcrumb}")


@cli.command()
def serve(
    host: str = typer.Option(None, "--host", help="Interface to bind (default POLICYQA_HOST or 127.0.0.1)."),
    port: int = typer.Option(None, "--port", min=1, max=65535, help="Port (default POLICYQA_PORT or 8000)."),
    workers: int = typer.Option(None, "--workers", min=1, max=64, help="uvicorn worker processes "
                                "(default POLICYQA_WORKERS or 1); above 1 the API only, without the UI."),
) -> None:
    """Serve the JSON API, the UI at /ui and the API docs at /docs."""
    from app.server import serve as run_server

    with cli_errors():
        run_server(host=host, port=port, workers=workers)


@cli.command()
def clauses(
    doc: str = typer.Option(None, "--doc", help="Only the clauses of this document id."),
    as_json: bool = typer.Option(False, "--json", help='Print {"clauses": [...]} as JSON.'),
    corpus_dir: Path = typer.Option(None, "--corpus-dir", help="Corpus folder with documents.toml "
                                     "(default: POLICYQA_CORPUS_DIR, else ./corpus)."),
) -> None:
    """List the clauses the chunker finds (id, path, 牵头单位 / 责任单位, targets, offsets)."""
    from app.http.schemas import clause_to_dict
    from rag.ingest.chunk import chunk_corpus
    from rag.ingest.corpus import load_manifest

    with cli_errors():
        files = load_manifest(_corpus_dir(corpus_dir))
        if doc is not None:
            known = [f.document.id for f in files]
            if doc not in known:
                raise ValueError(f"unknown document id {doc!r}; known: {', '.join(known)}")
            files = [f for f in files if f.document.id == doc]
        _, found = chunk_corpus(files)
        try:
            if as_json:
                echo_json({"clauses": [clause_to_dict(c) for c in found]})
                return
            for c in found:
                duty = f"  牵头：{'、'.join(c.lead)}" if c.lead else ""
                typer.echo(f"{c.id}\t{c.breadcrumb}{duty}")
        except BrokenPipeError:  # `policyqa clauses --json | head` closed the pipe early
            import os
            import sys

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


@cli.command("eval")
def evaluate(
    qa_set: Path = typer.Option(Path("eval/qa.jsonl"), "--set", help="QA set: JSON lines or CSV, gold "
                                "clauses by id or by a quoted phrase (README: Bring your own QA set)."),
    docs: Path = typer.Option(None, "--docs", help="Evaluate on these raw documents instead of the corpus: "
                              "each file is ingested as a user would (scratch corpus under eval/_scratch/)."),
    mode: EvalMode = typer.Option("all", help="Retrieval mode to score, or all of them."),
    report: Path = typer.Option(None, "--report", help="Write the markdown report here."),
    backend: Backends = typer.Option(None, "--backend", help="Backend to score, or all (compared in the "
                                     "report's Backends section); default POLICYQA_BACKEND."),
    bench_json: Path = typer.Option(Path("eval/bench.json"), "--bench", help="With --backend all: "
                                    "`policyqa bench` output whose latencies go beside (if it exists)."),
    sets: bool = typer.Option(False, "--sets", help="Also score every set the project keeps (eval.sets: blind, "
                              "dev, generality, holdout …), each report beside its questions, and put them "
                              "side by side in the report."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Measure Hit@k, MRR, nDCG, answer accuracy and refusals on a QA set."""
    from eval.report import write_report
    from eval.runner import check_modes, main_eval

    with cli_errors():
        modes = check_modes(str(mode))
        names = BACKENDS if backend == "all" else (settings_for(backend and str(backend)).backend,)
        scratch = None
        if docs is not None:
            from eval.scratch import scratch_corpus

            scratch = scratch_corpus(docs)
            for line in scratch[2]:
                typer.echo(line, err=True)
        results: dict[str, dict] = {}
        for name in names:
            qa = open_service(backend=name, dirs=scratch[:2] if scratch else None)
            try:
                results[name] = main_eval(qa, qa_set, modes, None, baseline=not results)
            finally:
                qa.close()
        result = results[names[0]]
        if len(results) > 1:
            from eval.report_backends import compare_backends

            bench_data = json.loads(bench_json.read_text(encoding="utf-8")) if bench_json.is_file() else None
            result["backends"] = compare_backends(results, bench_data)
        if sets:
            result["sets"] = _score_sets(qa_set, result)
        if report:
            write_report(result, report)
        if as_json:
            echo_json({k: v for k, v in result.items() if k != "items"})
            return
        for label, res in results.items():
            overall = res["overall"]
            rows = {**overall["modes"], **({"baseline": res["baseline"]} if res.get("baseline") else {})}
            typer.echo(f"[{label}]")
            for name, row in rows.items():
                typer.echo(f"{name:>9}: " + "  ".join(f"{k}={row[k]:.3f}" for k in ("hit@1", "hit@5", "mrr@10")))
            typer.echo("  answers: " + "  ".join(f"{k}={v:.3f}" for k, v in overall["answer"].items()
                                                if isinstance(v, float)))
            if res.get("alignment"):
                typer.echo("alignment: " + "  ".join(f"{k}={res['alignment'][k]:.3f}" for k in ("precision", "recall")))
        if report:
            typer.echo(f"report written to {report}")


def _score_sets(main_set: Path, main_result: dict) -> list[dict]:
    """Every set of ``eval.sets`` scored in hybrid mode (the one just scored is reused), each
    report written beside its questions."""
    from eval.report import write_report
    from eval.runner import main_eval
    from eval.scratch import scratch_corpus
    from eval.sets import SETS, score_sets, summary

    def open_for(one):
        if one.docs:
            return open_service(dirs=scratch_corpus(Path(one.docs))[:2])
        if one.corpus:
            return open_service(dirs=(Path(one.corpus), Path("eval/_scratch") / f"{Path(one.corpus).name}_index"))
        return open_service()

    def evaluate(service, one):
        result = main_eval(service, one.questions, ("hybrid",), None, baseline=False)
        write_report(result, one.report)
        typer.echo(f"{one.name}: report written to {one.report}", err=True)
        return result

    others = tuple(one for one in SETS if Path(one.questions) != main_set)
    scored = dict((one.name, r) for one, r in score_sets(open_for, evaluate, others))
    return [summary(one, scored.get(one.name, main_result)) for one in SETS]


@cli.command()
def bench(
    out: Path = typer.Option(None, "--out", help="Also write the JSON result here."),
    http: bool = typer.Option(True, help="Include the HTTP latency/throughput part."),
    scale: bool = typer.Option(True, help="Include the synthetic scale sweep."),
    sizes: str = typer.Option("1000,10000,100000", help="Scale sweep sizes, comma-separated."),
    backend: Backend = typer.Option(None, "--backend", help="What the in-process and HTTP parts "
                                    "measure; default POLICYQA_BACKEND."),
    backends: bool = typer.Option(True, "--backends/--no-backends",
                                  help="Include local vs Milvus Lite latency and the Milvus build."),
    incremental_size: int = typer.Option(10_000, "--incremental-size", min=0,
                                         help="Clauses of the synthetic library on which adding, replacing and "
                                         "removing one plan is timed against a full build (0 skips it)."),
    library_size: int = typer.Option(100_000, "--library-size", min=0,
                                     help="Clauses of the served synthetic library whose ready time, latency on "
                                     "new questions and memory are measured (0 skips it)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Measure build time, warm latency (in process and HTTP), throughput, memory and scale."""
    from eval.bench import run_bench
    from eval.qaset import load_qa
    from eval.runner import DEFAULT_SET

    with cli_errors():
        s = settings_for(backend and str(backend))
        qa = open_service(backend=s.backend)
        questions = [item["question"] for item in load_qa(DEFAULT_SET)]
        size_list = tuple(int(x) for x in sizes.split(",") if x.strip())
        out_dir = out.parent if out else Path("eval")
        env = {"POLICYQA_BACKEND": s.backend, **({"POLICYQA_MILVUS_URI": s.milvus_uri} if s.milvus_uri else {})}
        try:
            result = run_bench(qa, Path(s.corpus_dir), s.embedder, questions, out_dir, http=http,
                               scale=scale, sizes=size_list, server_env=env,
                               backends_index=Path(s.index_dir) if backends else None,
                               incremental_size=incremental_size, library_size=library_size)
        finally:
            qa.close()
        if out:
            out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
        echo_json(result) if as_json else typer.echo(json.dumps(result, ensure_ascii=False, indent=1))


# The officials' views (departments, targets, align) and the library commands (ingest, remove,
# replace, mark) register themselves on ``cli`` here, so they keep their place in ``policyqa --help``.
from app.cli import library, views  # noqa: E402, F401


def main() -> None:
    """Console-script entry point."""
    cli()
