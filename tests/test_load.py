"""Load: 16 concurrent clients share 1,000 mixed ask / search requests against the real server.

Every request must succeed, and every response must equal — apart from its timing field — the
answer a single client gets for the same request: concurrency may not change an answer, its
citations or a score. The single-client answers are computed in this process, one at a time, on
the very index the server loaded (same version), so the server meets every distinct request cold
under load — its question cache cannot hide a race. Loopback only; bounded in count and time.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from app.http.schemas import answer_to_dict, search_result_to_dict
from rag.service import PolicyQA

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[1]
CLIENTS = 16
REQUESTS = 1000
MODES = ("hybrid", "bm25", "dense")


def _requests() -> list[tuple[str, dict]]:
    lines = (REPO / "eval" / "qa.jsonl").read_text(encoding="utf-8").splitlines()
    questions = [json.loads(line)["question"] for line in lines if line.strip()]
    pool = []
    for n, q in enumerate(questions):
        pool.append(("/api/ask", {"question": q, "top_k": 5}))
        pool.append(("/api/search", {"query": q, "top_k": 1 + n % 10, "mode": MODES[n % len(MODES)]}))
    return pool


def _comparable(body: dict) -> dict:
    """The response without its wall-time field, which differs between any two calls."""
    return {k: v for k, v in body.items() if k != "took_ms"}


def _single_client(pool: list[tuple[str, dict]], live_server: str, work: Path) -> dict:
    """``{(path, payload): response without took_ms}`` for one client asking one at a time."""
    shutil.copytree(REPO / "index", work / "index", ignore=shutil.ignore_patterns(".gitkeep"))
    qa = PolicyQA.open(REPO / "corpus", work / "index", rebuild="if-needed")
    docs = {d.id: d for d in qa.documents}
    served = httpx.get(f"{live_server}/healthz", timeout=60).json()["index_version"]
    reference = {}
    if qa.index_version != served:  # the server rebuilt its copy: ask it, one request at a time
        print(f"\nserver index {served} != repository index {qa.index_version}: reference over HTTP")
        with httpx.Client(base_url=live_server, timeout=120.0) as single:
            for path, payload in pool:
                r = single.post(path, json=payload)
                assert r.status_code == 200, r.text
                reference[(path, json.dumps(payload, ensure_ascii=False))] = _comparable(r.json())
        return reference
    for path, payload in pool:
        if path == "/api/ask":
            body = answer_to_dict(qa.ask(payload["question"], top_k=payload["top_k"]), docs)
        else:
            body = search_result_to_dict(qa.search(payload["query"], top_k=payload["top_k"],
                                                   mode=payload["mode"]), docs)
        reference[(path, json.dumps(payload, ensure_ascii=False))] = json.loads(json.dumps(_comparable(body)))
    return reference


def test_16_clients_1000_requests_no_errors_same_answers(live_server: str, tmp_path: Path):
    pool = _requests()
    reference = _single_client(pool, live_server, tmp_path)

    plan = [pool[i % len(pool)] for i in range(REQUESTS)]
    local = threading.local()
    clients: list[httpx.Client] = []
    lock = threading.Lock()
    outcomes: Counter[str] = Counter()
    mismatches: list[str] = []

    def client() -> httpx.Client:
        if not hasattr(local, "client"):  # one connection pool per simulated user
            local.client = httpx.Client(base_url=live_server, timeout=120.0)
            with lock:
                clients.append(local.client)
        return local.client

    def send(item: tuple[str, dict]) -> None:
        path, payload = item
        key = (path, json.dumps(payload, ensure_ascii=False))
        try:
            r = client().post(path, json=payload)
        except httpx.HTTPError as exc:
            with lock:
                outcomes[f"error {type(exc).__name__}"] += 1
            return
        with lock:
            outcomes[str(r.status_code)] += 1
            if r.status_code == 200 and _comparable(r.json()) != reference[key]:
                mismatches.append(f"{path} {payload}")

    started = time.perf_counter()
    try:
        with ThreadPoolExecutor(max_workers=CLIENTS) as workers:
            list(workers.map(send, plan))
    finally:
        for c in clients:
            c.close()
    elapsed = time.perf_counter() - started
    errors = sum(n for status, n in outcomes.items() if status != "200")
    print(f"\nload: {REQUESTS} requests ({len(pool)} distinct) from {CLIENTS} clients in {elapsed:.1f} s = "
          f"{REQUESTS / elapsed:.1f} requests/s; outcomes {dict(outcomes)}; errors {errors}; "
          f"answers differing from the single-client answers {len(mismatches)}")
    assert sum(outcomes.values()) == REQUESTS
    assert errors == 0, dict(outcomes)
    assert not mismatches, mismatches[:10]
