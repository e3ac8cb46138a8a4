"""``policyqa bench``: speed and memory as users feel them (never asserted in tests).

Measures, on this machine: cold index build; p50/p95 of search and ask for new and repeated
questions in process, and for new questions over HTTP against a real ``policyqa serve`` process; HTTP throughput at 1, 4 and 16 concurrent clients;
peak RSS; a scale sweep on the synthetic corpus (``eval.bench_scale``) showing how BM25 and dense
search grow with the number of clauses; a backend comparison (``bench_backends``): the same
warm latencies on the local backend and on Milvus (Lite, in process), with the time to write the
index into a fresh Milvus collection; and the incremental build (``eval.bench_incremental``):
adding, replacing and removing one plan in a synthetic library against a full build.
"""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import numpy as np

from rag.retrieval.base import MODES


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    """p50 / p95 / mean of a list of milliseconds, rounded to 0.01 ms."""
    if not samples_ms:
        return {"p50": 0.0, "p95": 0.0, "mean": 0.0, "n": 0}
    arr = np.asarray(samples_ms)
    return {"p50": round(float(np.percentile(arr, 50)), 2), "p95": round(float(np.percentile(arr, 95)), 2),
            "mean": round(float(arr.mean()), 2), "n": len(samples_ms)}


def timed(fn, items, repeat: int = 1) -> list[float]:
    """Milliseconds of ``fn(item)`` for every item, ``repeat`` passes over ``items``."""
    out = []
    for _ in range(repeat):
        for item in items:
            t0 = time.perf_counter()
            fn(item)
            out.append((time.perf_counter() - t0) * 1000)
    return out


def timed_new(fn, items, forget) -> list[float]:
    """Milliseconds of ``fn(item)`` as for a question never asked: ``forget()`` runs before each
    call, outside the timer (it empties the prepared-question cache)."""
    out = []
    for item in items:
        forget()
        t0 = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def bench_build(corpus_dir: Path, embedder_spec: str) -> dict:
    """Cold build of the whole index into a temporary folder (chunk + tokenize + embed + write)."""
    from rag.index.build import build
    from rag.index.embed import get_embedder

    emb = get_embedder(embedder_spec)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        manifest = build(corpus_dir, Path(tmp) / "index", emb, progress=False)
        secs = time.perf_counter() - t0
    return {"seconds": round(secs, 2), "clauses": manifest.get("clause_count")}


def bench_in_process(qa, questions: list[str], repeat: int = 3) -> dict:
    """Search/ask latency through the library facade, as a new question and as a repeated one.

    ``new``: the prepared-question cache is emptied before every call, so each call folds,
    tokenizes and embeds the question (what a user asking something new waits for).
    ``repeated``: the same questions again with the cache warm (retrieval and answer composition
    only; one untimed pass asks each question first). A warm-up runs first and is discarded.
    """
    for q in questions[:5]:
        qa.search(q)
        qa.ask(q)
    forget = getattr(qa, "clear_query_cache", lambda: None)
    out: dict = {"new": {}, "repeated": {}}
    for mode in MODES:
        def run(q, mode=mode):
            return qa.search(q, mode=mode)

        out["new"][f"search_{mode}"] = percentiles(timed_new(run, questions, forget))
        timed(run, questions)  # untimed: every question asked once, so the next passes repeat it
        out["repeated"][f"search_{mode}"] = percentiles(timed(run, questions, repeat))
    out["new"]["ask"] = percentiles(timed_new(qa.ask, questions, forget))
    timed(qa.ask, questions)
    out["repeated"]["ask"] = percentiles(timed(qa.ask, questions, repeat))
    return out


def bench_backends(corpus_dir: Path, index_dir: Path, embedder_spec: str, questions: list[str],
                   repeat: int = 3) -> dict:
    """Warm search/ask latency on the local backend and on Milvus Lite, and the Milvus build.

    Milvus gets a fresh temporary Milvus Lite database, so the build is always measured; it
    writes the already embedded clauses of the local index (no embedding). Every question is
    embedded before timing (the query cache), so both backends are timed on retrieval and
    answer composition alone.

    Args:
        corpus_dir: The corpus folder.
        index_dir: The local index (built first when missing or stale).
        embedder_spec: Embedder spec, e.g. ``e5``.
        questions: Questions to time.
        repeat: Timed passes over the questions.

    Returns:
        ``{"repeat", "clauses", "build_s": {"milvus"}, "open_s": {"local", "milvus"},
        "local": {...}, "milvus": {...}}``, each backend as ``bench_in_process``.
    """
    from rag.index.embed import get_embedder
    from rag.index.store import load_index
    from rag.ingest.corpus import corpus_checksums, load_manifest
    from rag.retrieval.milvus_write import open_milvus_index
    from rag.service import PolicyQA

    def opened(**kwargs) -> tuple[PolicyQA, float]:
        t0 = time.perf_counter()
        qa = PolicyQA.open(corpus_dir, index_dir, embedder=embedder_spec, **kwargs)
        secs = round(time.perf_counter() - t0, 2)
        for q in questions:  # embed every question once: the figures compare retrieval, not e5
            qa.search(q)
        return qa, secs

    out: dict = {"repeat": repeat, "build_s": {}, "open_s": {}}
    local, out["open_s"]["local"] = opened()
    try:
        out["clauses"] = len(local.clauses)
        out["local"] = bench_in_process(local, questions, repeat)
    finally:
        local.close()
    with tempfile.TemporaryDirectory() as tmp:
        uri = str(Path(tmp) / "bench.db")
        emb = get_embedder(embedder_spec)
        loaded = load_index(index_dir, emb, corpus_checksums(load_manifest(corpus_dir)))
        searcher = loaded.searcher(emb)
        t0 = time.perf_counter()
        open_milvus_index(loaded, searcher, uri).close()  # connect, create, insert, flush
        out["build_s"]["milvus"] = round(time.perf_counter() - t0, 2)
        milvus, out["open_s"]["milvus"] = opened(backend="milvus", milvus_uri=uri)
        try:
            out["milvus"] = bench_in_process(milvus, questions, repeat)
        finally:
            milvus.close()
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, env: dict[str, str], timeout: float = 180.0, probe: str = "/healthz") -> subprocess.Popen:
    """Start ``policyqa serve`` on loopback and wait until ``probe`` (/healthz, or /readyz) answers 200."""
    exe = Path(sys.executable).with_name("policyqa")
    proc = subprocess.Popen([str(exe), "serve", "--host", "127.0.0.1", "--port", str(port)],
                            env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}{probe}", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"server did not answer {probe} in time")


def bench_http(base: str, questions: list[str], requests_per_level: int = 200) -> dict:
    """Latency over HTTP, and throughput at 1, 4 and 16 concurrent clients (search only, and
    search and ask alternating).

    Latency: a new question per request (five warm-up questions are not timed). Throughput: the
    server has met every question in the latency pass, so these are repeated questions (the
    query cache holds them; what a popular question costs).
    """
    with httpx.Client(base_url=base, timeout=30) as client:
        def search(q):
            client.post("/api/search", json={"query": q, "top_k": 5}).raise_for_status()

        def ask(q):
            client.post("/api/ask", json={"question": q, "top_k": 5}).raise_for_status()

        warm, fresh = questions[:5], questions[5:] or questions
        for q in warm:
            search(q)
            ask(q)
        # each timed question reaches the server for the first time (its cache does not hold it)
        out = {"search": percentiles(timed(search, fresh)), "ask": percentiles(timed(ask, fresh))}

    for kind in ("mixed", "search"):
        out[f"throughput_{kind}"] = {str(c): _throughput(base, questions, c, requests_per_level, kind)
                                     for c in (1, 4, 16)}
    return out


def _throughput(base: str, questions: list[str], clients: int, n: int, kind: str) -> dict:
    """``n`` requests from ``clients`` threads: ``search`` only, or ``mixed`` (search and ask alternating)."""
    import threading

    jobs = [(questions[i % len(questions)], "search" if kind == "search" or i % 2 else "ask") for i in range(n)]
    errors = 0
    local = threading.local()  # one HTTP client per worker thread

    def run(job) -> None:
        nonlocal errors
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=base, timeout=60)
        q, what = job
        path, body = ("/api/search", {"query": q}) if what == "search" else ("/api/ask", {"question": q})
        if local.client.post(path, json=body).status_code != 200:
            errors += 1

    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(run, jobs))
    secs = time.perf_counter() - t0
    return {"requests": n, "seconds": round(secs, 2), "rps": round(n / secs, 1), "errors": errors}


def run_bench(qa, corpus_dir: Path, embedder_spec: str, questions: list[str], out_dir: Path,
              http: bool = True, scale: bool = True, sizes=(1_000, 10_000, 100_000),
              backends_index: Path | None = None, server_env: dict[str, str] | None = None,
              incremental_size: int = 0, library_size: int = 0) -> dict:
    """Run every part of the bench and return one JSON-able dict.

    Args:
        qa: The opened service the in-process part measures (either backend); closed before
            the HTTP part.
        corpus_dir: The corpus folder.
        embedder_spec: Embedder spec, e.g. ``e5``.
        questions: Questions to time.
        out_dir: Where the scale plot goes.
        http: Include the HTTP part (a ``policyqa serve`` subprocess).
        scale: Include the synthetic scale sweep.
        sizes: Scale sweep sizes.
        backends_index: The local index folder; when given, adds ``backends``
            (``bench_backends``: local vs Milvus Lite).
        server_env: Extra environment for the served process (e.g. ``POLICYQA_BACKEND``).
        incremental_size: Clauses of the synthetic library of ``eval.bench_incremental``
            (0 skips it; its full build embeds every clause, about ten minutes per 10,000 here).
        library_size: Clauses of the served synthetic library of ``eval.bench_library``: ready
            time, latency of new questions and memory at that size (0 skips it).
    """
    result: dict = {"machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]}}
    result["build"] = bench_build(corpus_dir, embedder_spec)
    result["in_process"] = bench_in_process(qa, questions)
    if http and hasattr(qa, "close"):
        qa.close()  # Milvus Lite serves a .db to one process; the HTTP part starts another
    if http:
        port = free_port()
        proc = start_server(port, dict(server_env or {}))
        try:
            result["http"] = bench_http(f"http://127.0.0.1:{port}", questions)
            import psutil

            result["server_rss_mb"] = round(psutil.Process(proc.pid).memory_info().rss / 2**20, 1)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    if backends_index is not None:
        result["backends"] = bench_backends(corpus_dir, backends_index, embedder_spec, questions)
    if incremental_size:
        from eval.bench_incremental import bench_incremental

        result["incremental"] = bench_incremental(embedder_spec, incremental_size)
    if library_size:
        from eval.bench_library import bench_library

        result["library"] = bench_library(library_size, out=None)
    result["bench_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    if scale:
        from eval.bench_scale import bench_scale, plot_scale

        rows = bench_scale(sizes)
        result["scale"] = rows
        plot_scale(rows, out_dir / "scale.png")
    return result

