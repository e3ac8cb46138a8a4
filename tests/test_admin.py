"""Protected writes and rate limits against a real ``policyqa serve`` of its own.

The server runs on a temporary copy of the corpus and index with ``POLICYQA_ADMIN_TOKEN`` and a
small ``POLICYQA_RATE_LIMIT``: reads need no token, ``POST /api/documents`` needs the bearer token
(401 / 403), a hostile upload changes nothing, a good one is ingested and the rebuilt index is
swapped in while readers keep being served, and ask / search answer 429 with ``Retry-After`` past
the limit. The rate-limit test runs last in this module: it spends the client's budget.
"""

from __future__ import annotations

import threading
from pathlib import Path

import httpx
import pytest
from serve_util import running_server, workspace
from test_ingest import NOTICE
from test_loaders import write_docx

from app.http.api import create_app
from app.settings import Settings

TOKEN = "s3cret-Token_with-~chars"
RATE_LIMIT = 8
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def admin_server(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("admin_server")
    corpus_dir, index_dir = workspace(root)
    with running_server(corpus_dir, index_dir, root / "server.log",
                        admin_token=TOKEN, rate_limit=str(RATE_LIMIT)) as url:
        with httpx.Client(base_url=url, timeout=600.0) as client:
            yield client, corpus_dir


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _routes(app) -> set[tuple[str, str]]:
    return {(method.upper(), path) for path, ops in app.openapi()["paths"].items() for method in ops}


def test_upload_route_exists_only_with_a_token(tmp_path: Path):
    plain = create_app(Settings(corpus_dir=tmp_path, index_dir=tmp_path, admin_token=None), qa=object())
    guarded = create_app(Settings(corpus_dir=tmp_path, index_dir=tmp_path, admin_token="t"), qa=object())
    assert ("POST", "/api/v1/documents") not in _routes(plain)
    assert ("POST", "/api/v1/documents") in _routes(guarded)
    assert ("GET", "/api/v1/documents") in _routes(plain) & _routes(guarded)


def test_shared_server_without_token_has_no_upload(live_server: str):
    r = httpx.post(f"{live_server}/api/documents", files={"files": ("a.txt", b"x")}, timeout=60)
    assert r.status_code == 405  # only GET /api/documents exists


def test_reads_need_no_token(admin_server):
    client, _ = admin_server
    assert client.get("/healthz").status_code == 200
    assert client.get("/api/documents").status_code == 200


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"Authorization": "Basic " + TOKEN}, 401), ({"Authorization": "Bearer"}, 401),
     ({"Authorization": "Bearer wrong"}, 403), ({"Authorization": f"Bearer {TOKEN}x"}, 403),
     ({"Authorization": f"Bearer {TOKEN[:-1]}"}, 403)],
)
def test_upload_without_the_right_token_is_refused(admin_server, headers, status):
    client, corpus_dir = admin_server
    before = _snapshot(corpus_dir)
    r = client.post("/api/documents", headers=headers,
                    files={"files": ("plan.txt", "\n".join(NOTICE).encode("utf-8"), "text/plain")})
    assert r.status_code == status, r.text
    if status == 401:
        assert r.headers["www-authenticate"] == "Bearer"
    assert _snapshot(corpus_dir) == before


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [("tool.txt", b"MZ\x90\x00\x03\x00" * 100, "binary"),
     ("../../escape.exe", b"hello", "unsupported file type"),
     ("empty.pdf", b"", "empty")],
)
def test_hostile_upload_changes_nothing(admin_server, name, data, message):
    client, corpus_dir = admin_server
    before, docs = _snapshot(corpus_dir), client.get("/api/documents").json()
    r = client.post("/api/documents", headers=AUTH, files={"files": (name, data)})
    assert r.status_code == 422 and message in r.json()["detail"], r.text
    assert "/tmp" not in r.json()["detail"]  # server paths stay private
    assert _snapshot(corpus_dir) == before and client.get("/api/documents").json() == docs
    assert not list(corpus_dir.parent.glob("*escape*"))


def test_upload_ingests_rebuilds_and_swaps_while_reads_go_on(admin_server, tmp_path: Path):
    client, corpus_dir = admin_server
    old_version = client.get("/healthz").json()["index_version"]
    docx = write_docx(tmp_path / "上传 plan.docx", NOTICE)
    result: dict = {}

    def upload() -> None:
        with docx.open("rb") as fh:
            result["response"] = client.post(
                "/api/documents", headers=AUTH,
                files={"files": ("../../上传 plan.docx", fh, "application/octet-stream")},
                data={"id": "uploaded-plan", "level": "city", "region": "某市", "date": "2024-03-05"})

    writer = threading.Thread(target=upload)
    writer.start()
    seen = []
    while writer.is_alive():  # readers are served from the old index until the swap
        with httpx.Client(base_url=str(client.base_url), timeout=60) as reader:
            r = reader.get("/healthz")
        assert r.status_code == 200
        seen.append(r.json()["index_version"])
        writer.join(timeout=0.5)
    r = result["response"]
    assert r.status_code == 201, r.text
    body = r.json()
    assert [d["doc_id"] for d in body["added"]] == ["uploaded-plan"]
    assert body["added"][0]["level"] == "city" and body["added"][0]["source_path"] == "corpus/uploaded-plan.txt"
    assert set(seen) <= {old_version, body["index_version"]} and body["index_version"] != old_version
    assert client.get("/healthz").json()["index_version"] == body["index_version"]
    assert "uploaded-plan" in {d["doc_id"] for d in client.get("/api/documents").json()["documents"]}
    assert (corpus_dir / "uploaded-plan.txt").is_file()
    assert not [p for p in corpus_dir.iterdir() if "上传" in p.name or p.suffix == ".docx"]
    hits = client.post("/api/search", json={"query": "充电桩", "doc_ids": ["uploaded-plan"]}).json()["hits"]
    assert hits and {h["doc_id"] for h in hits} == {"uploaded-plan"}


def test_rate_limit_answers_429_with_retry_after(admin_server):
    client, _ = admin_server
    statuses = []
    for n in range(RATE_LIMIT + 2):
        path, body = ("/api/search", {"query": "充电"}) if n % 2 else ("/api/ask", {"question": "谁牵头充电设施建设"})
        r = client.post(path, json=body)
        statuses.append(r.status_code)
        if r.status_code == 429:
            break
    assert statuses[-1] == 429 and set(statuses[:-1]) == {200} and len(statuses) <= RATE_LIMIT + 1, statuses
    assert int(r.headers["retry-after"]) > 0 and "rate limit" in r.json()["detail"]
    assert client.post("/api/search", json={"query": "充电"}).status_code == 429
    assert client.get("/api/documents").status_code == 200  # only ask / search are limited


def test_upload_guard_refuses_before_reading_the_body(tmp_path: Path):
    from fastapi.testclient import TestClient

    from app.http.admin import UploadGuard

    inner = create_app(Settings(corpus_dir=tmp_path, index_dir=tmp_path, admin_token=TOKEN), qa=object())
    client = TestClient(UploadGuard(inner, token=TOKEN, max_body=1000), raise_server_exceptions=False)
    big = b"x" * 5000
    anonymous = client.post("/api/documents", content=big, headers={"content-type": "multipart/form-data; boundary=b"})
    assert anonymous.status_code == 401
    declared = client.post("/api/documents", content=big, headers={**AUTH, "content-type": "multipart/form-data; boundary=b"})
    assert declared.status_code == 413 and "1,000 bytes" in declared.json()["detail"]

    def chunks():  # no Content-Length: the guard counts what arrives
        for _ in range(5):
            yield b"y" * 1000

    chunked = client.post("/api/documents", content=chunks(), headers={**AUTH, "content-type": "multipart/form-data; boundary=b"})
    assert chunked.status_code == 413


def test_failed_rebuild_withdraws_the_upload_and_keeps_serving(tmp_path: Path):
    """Milvus unreachable at swap time: 503 with the reason, the corpus as before, old index served."""
    from fastapi.testclient import TestClient

    from rag.service import PolicyQA

    corpus_dir, index_dir = workspace(tmp_path)
    before = _snapshot(corpus_dir)
    served = PolicyQA.open(corpus_dir, index_dir)
    settings = Settings(corpus_dir=corpus_dir, index_dir=index_dir, admin_token=TOKEN,
                        backend="milvus", milvus_uri="http://127.0.0.1:1")
    docx = write_docx(tmp_path / "plan.docx", NOTICE)
    with TestClient(create_app(settings, qa=served)) as client:
        version = client.get("/healthz").json()["index_version"]
        with docx.open("rb") as fh:
            r = client.post("/api/documents", headers=AUTH, files={"files": ("plan.docx", fh)},
                            data={"id": "withdrawn-plan"})
        assert r.status_code == 503, r.text
        assert "withdrawn" in r.json()["detail"] and "127.0.0.1:1" in r.json()["detail"]
        assert _snapshot(corpus_dir) == before
        assert client.get("/healthz").json()["index_version"] == version
        assert client.post("/api/ask", json={"question": "谁牵头充电基础设施建设"}).json()["answerable"]


def test_replaced_service_is_closed_after_the_grace_period():
    from app.http.admin import _close_later

    closed = threading.Event()

    class Service:
        def close(self) -> None:
            closed.set()

    _close_later(Service(), grace_s=0.05)
    assert closed.wait(5)
    _close_later(object())  # nothing to close: no error
