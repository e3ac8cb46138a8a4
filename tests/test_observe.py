"""Operating the service, against real ``policyqa serve`` processes: one JSON log line per request
(never the admin token), Prometheus ``/metrics`` with request, answer and refusal counters,
``/readyz`` (index, and a Milvus server that goes away), and ``--workers 2``."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from serve_util import REPO, running_server, workspace

TOKEN = "s3cret-admin-token-never-logged"
ANSWERABLE = "哪个部门牵头充电基础设施建设"
REFUSED = "北京的充电桩政策是什么"  # eval/qa.jsonl q103: the corpus has no Beijing document


def log_lines(path: Path) -> list[dict]:
    """The request lines of a server log (other output, uvicorn's own lines, is skipped)."""
    out = []
    for line in path.read_text("utf-8", errors="replace").splitlines():
        if line.startswith("{"):
            record = json.loads(line)
            if record.get("event") == "request":
                out.append(record)
    return out


def samples(url: str, metric: str) -> list[tuple[dict, float]]:
    text = httpx.get(f"{url}/metrics", timeout=30).text
    return [(s.labels, s.value) for family in text_string_to_metric_families(text)
            for s in family.samples if s.name == metric]


@pytest.fixture(scope="module")
def traffic(tmp_path_factory):
    """A server with an admin token, after a fixed set of requests; yields (url, log path)."""
    root = tmp_path_factory.mktemp("observe")
    corpus_dir, index_dir = workspace(root)
    log = root / "server.log"
    with running_server(corpus_dir, index_dir, log, admin_token=TOKEN, rate_limit="0") as url:
        with httpx.Client(base_url=url, timeout=120) as api:
            assert api.post("/api/v1/ask", json={"question": ANSWERABLE}).json()["answerable"] is True
            assert api.post("/api/ask", json={"question": REFUSED}).json()["answerable"] is False
            assert api.post("/api/v1/search", json={"query": "充电", "top_k": 2}).status_code == 200
            assert api.post("/api/v1/ask", json={"question": ""}).status_code == 422
            assert api.get("/api/v1/documents/no-such-doc").status_code == 404
            # the right token with no file: refused after the token check, so the token was read
            assert api.post("/api/v1/documents", headers={"Authorization": f"Bearer {TOKEN}"},
                            files={"title": (None, "x")}).status_code == 422
            assert api.post("/api/v1/documents", headers={"Authorization": f"Bearer {TOKEN}x"},
                            files={"files": ("a.txt", b"x")}).status_code == 403
        time.sleep(0.5)  # the log line is written once the response is sent
        yield url, log


def test_every_request_is_one_json_line_with_route_status_latency_and_intent(traffic):
    _, log = traffic
    lines = log_lines(log)
    by_path = {(r["method"], r["path"], r["status"]): r for r in lines}
    asked = by_path[("POST", "/api/v1/ask", 200)]
    assert asked["route"] == "/api/ask" and asked["intent"] and asked["refused"] is False
    refused = by_path[("POST", "/api/ask", 200)]
    assert refused["refused"] is True and refused["intent"]
    assert ("POST", "/api/v1/search", 200) in by_path and "intent" not in by_path[("POST", "/api/v1/search", 200)]
    assert by_path[("POST", "/api/v1/ask", 422)]["route"] == "/api/ask"
    assert by_path[("GET", "/api/v1/documents/no-such-doc", 404)]["route"] == "/api/documents/{doc_id}"
    assert {("POST", "/api/v1/documents", 422), ("POST", "/api/v1/documents", 403)} <= set(by_path)
    for record in lines:
        assert record["level"] == "info" and record["logger"] == "policyqa.request"
        assert isinstance(record["latency_ms"], float) and record["latency_ms"] >= 0
        assert record["pid"] > 0 and isinstance(record["ts"], float)


def test_the_admin_token_never_reaches_the_log(traffic):
    _, log = traffic
    text = log.read_text("utf-8", errors="replace")
    assert TOKEN not in text and "Bearer" not in text and "authorization" not in text.lower()


def test_metrics_count_requests_answers_and_refusals(traffic):
    url, _ = traffic
    requests = {(s["handler"], s["method"], s["status"]): v for s, v in samples(url, "http_requests_total")}
    assert requests[("/api/ask", "POST", "2xx")] >= 2 and requests[("/api/ask", "POST", "4xx")] >= 1
    assert requests[("/api/documents/{doc_id}", "GET", "4xx")] >= 1
    assert [v for s, v in samples(url, "http_request_duration_seconds_count") if s["handler"] == "/api/search"]
    answers = samples(url, "policyqa_answers_total")
    assert {(s["channel"], s["answerable"]) for s, _ in answers} >= {("api", "true"), ("api", "false")}
    assert all(s["intent"] for s, _ in answers)
    refusals = dict((s["channel"], v) for s, v in samples(url, "policyqa_refusals_total"))
    assert refusals["api"] >= 1


def test_readyz_says_the_index_is_loaded(traffic):
    url, _ = traffic
    r = httpx.get(f"{url}/readyz", timeout=30)
    assert r.status_code == 200 and r.json() == {"status": "ready", "checks": {"index": None}}


@pytest.mark.slow
def test_two_workers_both_answer_and_their_metrics_add_up(tmp_path):
    corpus_dir, index_dir = workspace(tmp_path)
    log = tmp_path / "server.log"
    with running_server(corpus_dir, index_dir, log, workers="2", rate_limit="0") as url:
        assert httpx.get(f"{url}/readyz", timeout=30).json()["status"] == "ready"
        assert httpx.get(f"{url}/", follow_redirects=False, timeout=30).headers["location"] == "/docs"
        sent, pids = 0, set()
        while sent < 200 and len(pids) < 2:  # a new connection each time: the kernel picks a worker
            for _ in range(10):
                assert httpx.get(f"{url}/api/v1/documents", params={"limit": 1}, timeout=30).status_code == 200
                sent += 1
            time.sleep(0.2)
            pids = {r["pid"] for r in log_lines(log) if r["path"] == "/api/v1/documents"}
        assert len(pids) == 2, f"only worker {pids} answered {sent} requests"
        assert httpx.post(f"{url}/api/v1/ask", json={"question": ANSWERABLE}, timeout=60).status_code == 200
        served = {(s["handler"], s["status"]): v for s, v in samples(url, "http_requests_total")}
        assert served[("/api/documents", "2xx")] == sent  # one scrape, both workers' counts summed


LITE_HOST = """
import sys, time, psutil
from rag.service import PolicyQA
qa = PolicyQA.open(sys.argv[1], sys.argv[2], backend="milvus", milvus_uri=sys.argv[3], rebuild="if-needed")
ports = {c.laddr.port for c in psutil.Process().net_connections(kind="tcp") if c.status == psutil.CONN_LISTEN}
print("PORT", min(ports), flush=True)
time.sleep(3600)
"""


@pytest.mark.slow
def test_readyz_fails_when_the_milvus_server_goes_away(tmp_path):
    """A Milvus Lite server held by another process stands in for a Milvus server on the network."""
    pytest.importorskip("milvus_lite")
    corpus_dir, index_dir = workspace(tmp_path)
    errors = (tmp_path / "host.err").open("w")
    host = subprocess.Popen([sys.executable, "-c", LITE_HOST, str(corpus_dir), str(index_dir), str(tmp_path / "m.db")],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=errors, text=True)
    try:
        line = host.stdout.readline()
        assert line.startswith("PORT "), (tmp_path / "host.err").read_text()[-3000:]
        port = int(line.split()[1])
        with running_server(corpus_dir, index_dir, tmp_path / "server.log", backend="milvus",
                            milvus_uri=f"http://127.0.0.1:{port}") as url:
            ready = httpx.get(f"{url}/readyz", timeout=30)
            assert ready.status_code == 200 and ready.json()["checks"] == {"index": None, "milvus": None}
            os.kill(host.pid, signal.SIGKILL)
            host.wait(timeout=30)
            gone = httpx.get(f"{url}/readyz", timeout=60)
            assert gone.status_code == 503 and gone.json()["status"] == "not ready"
            assert gone.json()["checks"]["index"] is None and gone.json()["checks"]["milvus"]
            assert httpx.get(f"{url}/healthz", timeout=30).status_code == 200  # alive, not ready
    finally:
        if host.poll() is None:
            host.kill()
            host.wait()
        errors.close()
