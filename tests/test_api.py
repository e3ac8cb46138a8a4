"""The HTTP API against a real uvicorn process (``live_server``): every endpoint, its JSON shape,
422 for bad input with a message saying what is allowed, 404 for unknown ids, and the
OpenAI-compatible chat, plain and streaming."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import httpx
import pytest

from app.http.deps import RateLimiter

REPO = Path(__file__).resolve().parents[1]
MANIFEST_IDS = [d["id"] for d in tomllib.loads((REPO / "corpus" / "documents.toml").read_text("utf-8"))["documents"]]
HIT_KEYS = {"rank", "clause_id", "doc_id", "doc_title", "doc_number", "path", "breadcrumb", "text", "score",
            "scores", "lead", "support", "support_inherited"}


@pytest.fixture(scope="module")
def api(live_server: str):
    with httpx.Client(base_url=live_server, timeout=120.0) as client:
        yield client


@pytest.fixture(scope="module")
def documents(api: httpx.Client) -> list[dict]:
    r = api.get("/api/v1/documents")
    assert r.status_code == 200
    return r.json()["documents"]


def test_healthz_reports_documents_and_clauses(api, documents):
    body = api.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["documents"] == 2 == len(MANIFEST_IDS)
    assert body["clauses"] == sum(d["clauses"] for d in documents) > 0
    assert isinstance(body["index_version"], str) and body["index_version"]


def test_root_redirects_to_ui_and_docs_are_served(api):
    r = api.get("/", follow_redirects=False)
    assert r.status_code in (302, 307) and r.headers["location"].startswith("/ui")
    assert api.get("/ui/").status_code == 200
    assert api.get("/docs").status_code == 200
    paths = api.get("/openapi.json").json()["paths"]
    for path in ("/healthz", "/api/v1/search", "/api/v1/ask", "/api/v1/documents/{doc_id}", "/v1/chat/completions"):
        assert path in paths


def test_documents_list_and_detail(api, documents):
    assert [d["doc_id"] for d in documents] == MANIFEST_IDS
    for doc in documents:
        detail = api.get(f"/api/v1/documents/{doc['doc_id']}").json()
        assert detail["title"] == doc["title"] and detail["level"] == doc["level"]
        assert len(detail["text"]) > 1000
        assert len(detail["clauses"]) == doc["clauses"]
        assert {c["doc_id"] for c in detail["clauses"]} == {doc["doc_id"]}


def test_clause_by_id_round_trips_ids_with_colon_and_slash(api, documents):
    clauses = api.get(f"/api/v1/documents/{documents[0]['doc_id']}").json()["clauses"]
    nested = next(c for c in clauses if "/" in c["clause_id"])
    r = api.get(f"/api/v1/clauses/{nested['clause_id']}")
    assert r.status_code == 200
    assert r.json() == nested


def test_search_shape_and_filters(api):
    body = api.post("/api/v1/search", json={"query": "充电基础设施建设", "top_k": 3}).json()
    assert body["query"] == "充电基础设施建设" and isinstance(body["took_ms"], float)
    hits = body["hits"]
    assert 1 <= len(hits) <= 3
    assert [h["rank"] for h in hits] == list(range(1, len(hits) + 1))
    assert HIT_KEYS <= set(hits[0])
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)

    only_city = api.post("/api/v1/search", json={"query": "充电基础设施建设", "level": "city"}).json()["hits"]
    assert only_city and {h["doc_level"] for h in only_city} == {"city"}
    one_doc = api.post("/api/v1/search", json={"query": "充电", "doc_ids": [MANIFEST_IDS[0]], "mode": "bm25"}).json()
    assert one_doc["hits"] and {h["doc_id"] for h in one_doc["hits"]} == {MANIFEST_IDS[0]}


def test_ask_shape_and_citations_resolve(api):
    body = api.post("/api/v1/ask", json={"question": "哪个部门牵头充电基础设施建设"}).json()
    assert {"question", "answer", "answerable", "intent", "citations", "took_ms"} <= set(body)
    assert body["answerable"] is True and body["answer"]
    assert body["citations"] and HIT_KEYS <= set(body["citations"][0])
    for cite in body["citations"]:
        assert api.get(f"/api/v1/clauses/{cite['clause_id']}").status_code == 200
    assert {c["doc_level"] for c in body["citations"]} == {"province", "city"}  # both plans answer


def test_a_region_narrows_search_and_answer(api):
    asked = {"question": "哪个部门牵头充电基础设施建设", "region": "聊城市"}
    body = api.post("/api/v1/ask", json=asked).json()
    assert body["answerable"] and "市发展改革委牵头" in body["answer"] and "省能源局" not in body["answer"], body
    assert {c["doc_id"] for c in body["citations"]} == {"liaocheng-nev-2024"}
    hits = api.post("/api/v1/search", json={"query": "充电基础设施", "region": "山东省"}).json()["hits"]
    assert hits and {h["doc_id"] for h in hits} == {"shandong-nev-2023"}


def test_ask_handles_odd_but_valid_input(api):
    for question in ("<script>alert(1)</script>", "'; DROP TABLE clauses; --", "誰負責充電樁？", "EV charging 🚗", "a\x00b"):
        r = api.post("/api/v1/ask", json={"question": question})
        assert r.status_code == 200, (question, r.text)
        assert r.json()["question"].strip()


def test_departments_and_their_clauses(api):
    departments = api.get("/api/v1/departments").json()["departments"]
    assert departments and all(d["name"] and d["clauses"] > 0 for d in departments)
    top = departments[0]
    body = api.get(f"/api/v1/departments/{top['name']}/clauses").json()
    assert body["clauses"] and {c["role"] for c in body["clauses"]} <= {"lead", "support", "support_inherited"}
    assert len({c["clause_id"] for c in body["clauses"]}) == top["clauses"]


@pytest.mark.parametrize(
    ("path", "payload", "allowed"),
    [
        ("/api/v1/ask", {"question": ""}, "non-blank"),
        ("/api/v1/ask", {"question": "   \n "}, "non-blank"),
        ("/api/v1/ask", {"question": "问" * 1001}, "1000"),
        ("/api/v1/ask", {"question": "充电", "top_k": 0}, "1 to 50"),
        ("/api/v1/ask", {"question": "充电", "top_k": 51}, "1 to 50"),
        ("/api/v1/ask", {"question": "充电", "top_k": "five"}, "1 to 50"),
        ("/api/v1/ask", {"question": 123}, "string"),
        ("/api/v1/ask", {}, "question"),
        ("/api/v1/ask", {"question": "充电", "level": "town"}, "province"),
        ("/api/v1/ask", {"question": "充电", "colour": "red"}, "allowed fields"),
        ("/api/v1/search", {"query": "充电", "top_k": 51}, "1 to 50"),
        ("/api/v1/search", {"query": "充电", "mode": "magic"}, "hybrid"),
        ("/api/v1/search", {"query": "充电", "doc_ids": ["no-such-doc"]}, MANIFEST_IDS[0]),
        ("/api/v1/ask", {"question": "充电", "region": "火星市"}, "聊城市"),
        ("/api/v1/search", {"query": "充电", "doc_ids": "shandong"}, "list"),
        ("/api/v1/search", [1, 2], "object"),
        ("/v1/chat/completions", {"messages": []}, "messages"),
        ("/v1/chat/completions", {"messages": [{"role": "system", "content": "hi"}]}, "user message"),
    ],
)
def test_bad_input_is_422_saying_what_is_allowed(api, path, payload, allowed):
    r = api.post(path, json=payload)
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert isinstance(detail, str) and allowed in detail, detail


def test_malformed_json_is_422(api):
    r = api.post("/api/v1/ask", content='{"question": "充电'.encode(), headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert "JSON" in r.json()["detail"]


@pytest.mark.parametrize(
    "path",
    ["/api/v1/documents/no-such-doc", "/api/v1/clauses/no-such-doc:一/二", "/api/v1/clauses/nothing", "/api/v1/departments/不存在的部门/clauses"],
)
def test_unknown_ids_are_404(api, path):
    r = api.get(path)
    assert r.status_code == 404
    assert isinstance(r.json()["detail"], str)


def test_chat_completions_plain_and_streaming_agree(api):
    request = {"model": "policyqa", "messages": [
        {"role": "system", "content": "你是政策助手"},
        {"role": "user", "content": "你好"},
        {"role": "assistant", "content": "你好，请提问。"},
        {"role": "user", "content": [{"type": "text", "text": "哪个部门牵头充电基础设施建设"}]},
    ], "temperature": 0.2}
    plain = api.post("/v1/chat/completions", json=request).json()
    assert plain["object"] == "chat.completion"
    choice = plain["choices"][0]
    assert choice["message"]["role"] == "assistant" and choice["finish_reason"] == "stop"
    content = choice["message"]["content"]
    assert "参考" in content and "[1]" in content and plain["citations"]

    with api.stream("POST", "/v1/chat/completions", json={**request, "stream": True}) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        lines = [line for line in r.iter_lines() if line]
    assert all(line.startswith("data: ") for line in lines)
    assert lines[-1] == "data: [DONE]"
    chunks = [json.loads(line[len("data: "):]) for line in lines[:-1]]
    assert {c["object"] for c in chunks} == {"chat.completion.chunk"}
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"
    streamed = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    assert streamed == content


def test_rate_limiter_window_per_client():
    limiter = RateLimiter()
    assert [limiter.allow("a", 2) for _ in range(3)] == [True, True, False]
    assert limiter.allow("b", 2)
    assert 1 <= limiter.retry_after("a", 2) <= 60


@pytest.mark.parametrize(("old", "documented"), [
    ("/api/documents", "/api/v1/documents"),
    ("/api/departments?limit=3", "/api/v1/departments?limit=3"),
    (f"/api/documents/{MANIFEST_IDS[1]}", f"/api/v1/documents/{MANIFEST_IDS[1]}"),
    ("/api/targets?year=2025", "/api/v1/targets?year=2025"),
])
def test_old_api_paths_are_aliases_left_out_of_the_schema(api, old, documented):
    assert api.get(old).json() == api.get(documented).json()
    paths = api.get("/openapi.json").json()["paths"]
    assert not [p for p in paths if p.startswith("/api/") and not p.startswith("/api/v1/")], sorted(paths)


def test_lists_come_in_pages_with_a_total(api):
    everything = api.get("/api/v1/departments", params={"limit": 1000}).json()
    assert everything["total"] == len(everything["departments"]) > 3
    pages = [api.get("/api/v1/departments", params={"limit": 2, "offset": n}).json() for n in range(0, 6, 2)]
    assert [d["name"] for p in pages for d in p["departments"]] == [d["name"] for d in everything["departments"][:6]]
    assert {p["total"] for p in pages} == {everything["total"]} and pages[1]["offset"] == 2
    past_end = api.get("/api/v1/targets", params={"offset": 10_000}).json()
    assert past_end["targets"] == [] and past_end["total"] > 0
    detail = api.get(f"/api/v1/documents/{MANIFEST_IDS[0]}", params={"limit": 5, "offset": 5}).json()
    whole = api.get(f"/api/v1/documents/{MANIFEST_IDS[0]}").json()
    assert detail["clauses"] == whole["clauses"][5:10] and detail["clauses_total"] == len(whole["clauses"])
    for bad in ({"limit": 0}, {"limit": 1001}, {"offset": -1}, {"limit": "ten"}):
        r = api.get("/api/v1/documents", params=bad)
        assert r.status_code == 422 and ("limit" in r.json()["detail"] or "offset" in r.json()["detail"])
