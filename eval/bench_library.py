"""The bench's library part: a served library of ``n`` synthetic clauses — how long until it is
ready, how fast it answers new questions, how much memory it holds.

The library is written as plain-text plans with their ``documents.toml`` (``eval.synth_files``)
and built by the real build path (``rag.service.build``: chunk, tokenize, BM25, faiss, write).
Embedding every clause with e5 would take hours on two cores, so the build gets ``PoolEmbedder``:
it carries the real embedder's name and dimension and gives each clause text a real e5 passage
embedding drawn from a small pool (keyed by the text's digest) plus a little noise, as the scale
sweep does. The build stores them in the index's embedding cache, so a rebuild after a code
change embeds nothing again. Corpus, cache and index stay under ``eval/_scratch/`` (git-ignored)
and are reused while the corpus and the index code are unchanged.

Then a fresh process (no warm page of Python objects from the build) times
``PolicyQA.open(…, rebuild="never")`` — index loaded and answer layer built, what "ready" means
for a server — asks new questions (``eval.library_questions``; the prepared-question cache is
emptied before each) and reports p50 / p95 per kind and overall, and its peak RSS. A real
``policyqa serve`` is timed until ``/readyz`` answers 200. Never asserted in tests.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from eval.bench import free_port, percentiles, start_server

SCRATCH = Path("eval/_scratch")
OUT = Path("eval/bench_library.json")
WARM_UP = 5  # questions asked first and reported apart (the first pays one-off lazy set-up)


class PoolEmbedder:
    """Stands in for ``real`` at build time: each passage gets a pooled real vector.

    Args:
        real: The embedder whose name and dimension the index records (queries are its own).
        pool: Real passage embeddings ``(m, dim)`` of ``real``.
        noise: Standard deviation of the noise added to each drawn vector.
    """

    def __init__(self, real, pool: np.ndarray, noise: float = 0.02):
        if pool.ndim != 2 or pool.shape[1] != real.dim or not len(pool):
            raise ValueError(f"pool must be (m >= 1, {real.dim}), got {pool.shape}")
        self.name, self.dim, self._real, self._pool, self._noise = real.name, real.dim, real, pool, noise

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._real.embed_queries(texts)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        out = np.empty((len(texts), self.dim), np.float32)
        for row, text in enumerate(texts):
            seed = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "little")
            rng = np.random.default_rng(seed)
            out[row] = self._pool[rng.integers(len(self._pool))] + rng.normal(0, self._noise, self.dim)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def passage_pool(emb, size: int, root: Path, seed: int = 7) -> np.ndarray:
    """Real passage embeddings of ``size`` distinct synthetic clauses (computed once, kept in ``root``)."""
    from eval.synth import synth_corpus

    path = root / f"pool-{hashlib.sha256(emb.name.encode()).hexdigest()[:8]}-{size}-{seed}.npy"
    if path.is_file():
        return np.load(path)
    _, clauses = synth_corpus(size, seed)
    pool = np.asarray(emb.embed_passages([c.index_text for c in clauses]), np.float32)
    root.mkdir(parents=True, exist_ok=True)
    np.save(path, pool)
    return pool


def ensure_library(n_clauses: int, root: Path = SCRATCH, seed: int = 11, embedder_spec: str = "e5",
                   pool_size: int = 256) -> dict:
    """Write the synthetic library and build its index, unless a current one is there.

    Returns:
        ``{"corpus", "index", "built": bool, "build_s", "embedded", "reused"}`` (``build_s`` is
        ``None`` when the index was reused as it stood).
    """
    from eval.synth_files import write_synth_corpus
    from rag.index.build import build
    from rag.index.embed import get_embedder
    from rag.index.manifest import index_status, read_manifest
    from rag.ingest.corpus import corpus_checksums, load_manifest

    home = Path(root) / f"library-{n_clauses}-s{seed}"
    corpus, index = home / "corpus", home / "index"
    if not (corpus / "documents.toml").is_file():
        write_synth_corpus(corpus, n_clauses, seed=seed)
    emb = get_embedder(embedder_spec)
    out: dict = {"corpus": str(corpus), "index": str(index), "built": False, "build_s": None}
    if index_status(index, emb.name, corpus_checksums(load_manifest(corpus))) != "ok":
        stand_in = PoolEmbedder(emb, passage_pool(emb, pool_size, Path(root)))
        t0 = time.perf_counter()
        build(corpus, index, stand_in, progress=False)
        out.update(built=True, build_s=round(time.perf_counter() - t0, 1))
    record = read_manifest(index).get("build", {})
    return {**out, "embedded": record.get("embedded"), "reused": record.get("reused")}


def measure(corpus: Path, index: Path, n_questions: int, seed: int, embedder_spec: str = "e5") -> dict:
    """Open the library and time new questions; run in a fresh process (``main``)."""
    from eval.library_questions import library_questions
    from rag.service import PolicyQA

    t0 = time.perf_counter()
    qa = PolicyQA.open(corpus, index, embedder=embedder_spec, rebuild="never")
    ready_s = time.perf_counter() - t0
    rss_ready = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    asked = library_questions(qa.documents, qa.clauses, n_questions + WARM_UP, seed)
    samples: dict[str, list[float]] = {}
    refused: dict[str, int] = {}
    first: list[float] = []
    for i, (kind, question) in enumerate(asked):
        qa.clear_query_cache()  # a new question: folded, tokenized and embedded again
        t = time.perf_counter()
        answer = qa.ask(question)
        ms = (time.perf_counter() - t) * 1000
        if i < WARM_UP:
            first.append(round(ms, 1))
            continue
        samples.setdefault(kind, []).append(ms)
        refused[kind] = refused.get(kind, 0) + (not answer.answerable)
    every = [ms for kind in samples for ms in samples[kind]]
    return {"clauses": len(qa.clauses), "documents": len(qa.documents),
            "ready_s": round(ready_s, 2), "rss_ready_mb": round(rss_ready, 1),
            "ask_new": percentiles(every), "warm_up_ms": first,
            "ask_new_by_kind": {k: {**percentiles(v), "refused": refused[k]} for k, v in samples.items()},
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def time_serve(corpus: Path, index: Path, timeout: float = 600.0) -> dict:
    """Seconds from starting ``policyqa serve`` until ``/readyz`` is 200, and its peak RSS then."""
    env = {"POLICYQA_CORPUS_DIR": str(corpus), "POLICYQA_INDEX_DIR": str(index)}
    t0 = time.perf_counter()
    proc = start_server(free_port(), env, timeout=timeout, probe="/readyz")
    try:
        ready = time.perf_counter() - t0
        status = Path(f"/proc/{proc.pid}/status").read_text()
        peak = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM"))
        return {"ready_s": round(ready, 2), "peak_rss_mb": round(peak / 1024, 1)}
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def bench_library(n_clauses: int = 100_000, n_questions: int = 120, root: Path = SCRATCH, seed: int = 11,
                  embedder_spec: str = "e5", serve: bool = True, pool_size: int = 256,
                  out: Path | None = OUT) -> dict:
    """Build (or reuse) the library, then measure it in a fresh process and a real server.

    Args:
        n_clauses: Clauses of the synthetic library (the chunker finds about as many).
        n_questions: New questions timed (after ``WARM_UP`` untimed ones).
        root: Where the library, its index and the embedding pool are kept.
        seed: Seed of the library and of the questions.
        embedder_spec: Embedder spec, e.g. ``e5``.
        serve: Also time ``policyqa serve`` until ready.
        pool_size: Real passage embeddings the stand-in embedder draws from.
        out: Where the JSON goes (``None``: nowhere).

    Returns:
        ``{"library": {...build}, "in_process": {...measure}, "serve": {...}, "machine": {...}}``.
    """
    library = ensure_library(n_clauses, Path(root), seed, embedder_spec, pool_size)
    cmd = [sys.executable, "-m", "eval.bench_library", library["corpus"], library["index"],
           str(n_questions), str(seed), embedder_spec]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"library measurement failed: {done.stderr[-2000:]}")
    result = {"machine": {"cores": os.cpu_count(), "load_average_1m": round(os.getloadavg()[0], 2)},
              "library": library, "in_process": json.loads(done.stdout.strip().splitlines()[-1])}
    if serve:
        result["serve"] = time_serve(Path(library["corpus"]), Path(library["index"]))
    if out is not None:
        Path(out).write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return result


def main(argv: list[str]) -> None:
    """``python -m eval.bench_library CORPUS INDEX N_QUESTIONS SEED EMBEDDER``: one JSON line."""
    corpus, index, n_questions, seed, embedder_spec = argv
    print(json.dumps(measure(Path(corpus), Path(index), int(n_questions), int(seed), embedder_spec)))


if __name__ == "__main__":
    main(sys.argv[1:])
