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
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and not p.name.endswith(".lock")}


def _routes(app) -> set[tuple[str, str]]:
    return {(method.upper(), path) for path, ops in app.openapi()["paths"].items() for method in ops}


def test_upload_route_exists_only_with_a_token(tmp_path: Path):
    plain = create_app(Settings(corpus_dir=tmp_path, index_dir=tmp_path, admin_token=None), qa=object())
    guarded = create_app(Settings(corpus_dir=tmp_path, index_dir=tmp_path, admin_token="t"), qa=object())
    writes = {("POST", "/api/v1/documents"), ("PUT", "/api/v1/documents/{doc_id}"), ("DELETE", "/api/v1/documents/{doc_id}")}
    assert not writes & _routes(plain)
    assert writes <= _routes(guarded)
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


@pytest.mark.parametrize(("headers", "status"), [({}, 401), ({"Authorization": "Bearer wrong"}, 403)])
def test_replace_and_remove_need_the_token(admin_server, headers, status):
    client, corpus_dir = admin_server
    before = _snapshot(corpus_dir)
    assert client.delete("/api/documents/liaocheng-nev-2024", headers=headers).status_code == status
    r = client.put("/api/documents/liaocheng-nev-2024", headers=headers,
                   files={"file": ("plan.txt", "\n".join(NOTICE).encode("utf-8"))})
    assert r.status_code == status
    assert _snapshot(corpus_dir) == before


def _reworded(client: httpx.Client, corpus_dir: Path, doc_id: str, n: int) -> str:
    """The document's raw text with its last ``n`` numbered tasks extended by a few words."""
    doc = client.get(f"/api/documents/{doc_id}").json()
    raw = (corpus_dir.parent / doc["source_path"]).read_text(encoding="utf-8")
    items = [c for c in doc["clauses"] if c["kind"] == "item"][-n:]
    for clause in sorted(items, key=lambda c: -c["end"]):
        raw = raw[:clause["end"] - 1] + "，并定期评估实施效果" + raw[clause["end"] - 1:]
    return raw


def test_put_replaces_a_document_embedding_only_its_changed_clauses(admin_server):
    client, corpus_dir = admin_server
    old_version = client.get("/healthz").json()["index_version"]
    text = _reworded(client, corpus_dir, "liaocheng-nev-2024", 3)
    r = client.put("/api/documents/liaocheng-nev-2024", headers=AUTH,
                   files={"file": ("../v2.txt", text.encode("utf-8"))}, data={"expires": "2027-12-31"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["replaced"]["doc_id"] == "liaocheng-nev-2024" and body["replaced"]["expires"] == "2027-12-31"
    assert body["embedded"] == 3 and body["index_version"] != old_version
    shown = client.get("/api/documents/liaocheng-nev-2024").json()
    assert "定期评估实施效果" in shown["text"] and shown["short_name"] == "聊城市实施方案"
    assert client.get("/healthz").json()["index_version"] == body["index_version"]
    before = _snapshot(corpus_dir)
    same = client.put("/api/documents/liaocheng-nev-2024", headers=AUTH, files={"file": ("v2.txt", text.encode("utf-8"))})
    assert same.status_code == 422 and "already has" in same.json()["detail"]
    hostile = client.put("/api/documents/liaocheng-nev-2024", headers=AUTH, files={"file": ("x.pdf", b"%PDF-1.4 junk")})
    assert hostile.status_code == 422 and "/tmp" not in hostile.json()["detail"]
    missing = client.put("/api/documents/nope", headers=AUTH, files={"file": ("x.txt", b"abc")})
    assert missing.status_code == 404 and "nope" in missing.json()["detail"]
    assert _snapshot(corpus_dir) == before


def test_delete_removes_a_document_without_embedding(admin_server, tmp_path: Path):
    client, corpus_dir = admin_server
    r = client.post("/api/documents", headers=AUTH, data={"id": "to-remove", "level": "city"},
                    files={"files": ("t.txt", "\n".join([*NOTICE, "（三）补充条款。加强宣传引导。"]).encode("utf-8"))})
    assert r.status_code == 201, r.text
    r = client.delete("/api/documents/to-remove", headers=AUTH)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["removed"] == "to-remove" and body["embedded"] == 0
    assert "to-remove" not in {d["doc_id"] for d in client.get("/api/documents").json()["documents"]}
    assert not (corpus_dir / "to-remove.txt").exists()
    assert client.get("/api/documents/to-remove").status_code == 404
    assert client.delete("/api/documents/to-remove", headers=AUTH).status_code == 404


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

    from app.http.guard import UploadGuard

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
    replace = client.put("/api/documents/x", content=big, headers={"content-type": "multipart/form-data; boundary=b"})
    assert replace.status_code == 401  # a replacement carries a file too
    declared = client.put("/api/documents/x", content=big, headers={**AUTH, "content-type": "multipart/form-data; boundary=b"})
    assert declared.status_code == 413


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


def test_failed_rebuild_undoes_a_removal(tmp_path: Path):
    from fastapi.testclient import TestClient

    from rag.service import PolicyQA

    corpus_dir, index_dir = workspace(tmp_path)
    before = _snapshot(corpus_dir)
    served = PolicyQA.open(corpus_dir, index_dir)
    settings = Settings(corpus_dir=corpus_dir, index_dir=index_dir, admin_token=TOKEN,
                        backend="milvus", milvus_uri="http://127.0.0.1:1")
    with TestClient(create_app(settings, qa=served)) as client:
        r = client.delete("/api/documents/liaocheng-nev-2024", headers=AUTH)
        assert r.status_code == 503 and "nothing changed" in r.json()["detail"], r.text
        assert _snapshot(corpus_dir) == before
        assert "liaocheng-nev-2024" in {d["doc_id"] for d in client.get("/api/documents").json()["documents"]}


def test_replaced_service_is_closed_after_the_grace_period():
    from app.http.admin import _close_later

    closed = threading.Event()

    class Service:
        def close(self) -> None:
            closed.set()

    _close_later(Service(), grace_s=0.05)
    assert closed.wait(5)
    _close_later(object())  # nothing to close: no error
