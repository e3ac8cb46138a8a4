"""Hostile and odd input against the real server (``live_server``), beyond ``test_api.py``: every
request field's bounds and types, malformed bodies of every kind → 422 saying what is allowed,
unknown ids → 404, and control characters, emoji, traditional Chinese, English, SQL / HTML
injection → 200 without a crash. Also the UI's HTML fragments, fed a hostile clause and answer,
render the markup as text."""

from __future__ import annotations

import httpx
import pytest

from app.ui.html import answer_markdown, highlight, origin_html, sources_html
from rag.model import Clause, Document, Hit

JSON = {"content-type": "application/json"}
ODD_BUT_VALID = [
    "谁牵头\x07充电\x1b[31m设施建设？",  # control characters inside words
    "\u202e谁牵头充电设施建设\u200b",  # bidi override and zero-width space
    "🚗⚡ 充电桩 🔌 谁负责？",
    "誰負責充電基礎設施建設？",  # traditional characters
    "Which department leads EV charging infrastructure?",
    "' OR 1=1; DROP TABLE clauses; --",
    "\" UNION SELECT * FROM documents /*",
    "<img src=x onerror=alert(1)>充电桩</img>",
    "{{7*7}} ${jndi:ldap://x} %s%n",
    "../../../../etc/passwd",
    "问" * 1000,  # exactly at the limit
]


@pytest.fixture(scope="module")
def api(live_server: str):
    with httpx.Client(base_url=live_server, timeout=120.0) as client:
        yield client


@pytest.mark.parametrize("text", ODD_BUT_VALID)
def test_odd_but_valid_text_is_answered_and_searched(api, text):
    ask = api.post("/api/ask", json={"question": text})
    assert ask.status_code == 200, ask.text
    assert ask.json()["question"] == text.strip() and isinstance(ask.json()["answer"], str)
    search = api.post("/api/search", json={"query": text, "top_k": 50})
    assert search.status_code == 200, search.text
    assert len(search.json()["hits"]) <= 50
    chat = api.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": text}]})
    assert chat.status_code == 200, chat.text


@pytest.mark.parametrize(
    ("path", "payload", "allowed"),
    [
        ("/api/search", {"query": ""}, "non-blank"),
        ("/api/search", {"query": " \t\u3000"}, "non-blank"),  # ideographic space too
        ("/api/search", {"query": "问" * 1001}, "1000"),
        ("/api/search", {"query": "\x00\x01\u200b\ufeff"}, "non-blank"),  # nothing a reader can see
        ("/api/ask", {"question": "\u200b\u200d\u2060"}, "non-blank"),
        ("/api/search", {"query": "充电", "top_k": -1}, "1 to 50"),
        ("/api/search", {"query": "充电", "top_k": 10**30}, "1 to 50"),
        ("/api/search", {"query": "充电", "top_k": 2.5}, "1 to 50"),
        ("/api/search", {"query": "充电", "top_k": "5"}, "1 to 50"),  # strict: no string coercion
        ("/api/ask", {"question": "充电", "top_k": True}, "1 to 50"),
        ("/api/ask", {"question": "充电", "top_k": None}, "1 to 50"),
        ("/api/search", {"query": ["充电"]}, "string"),
        ("/api/search", {"query": {"$ne": ""}}, "string"),
        ("/api/search", {"query": "充电", "doc_ids": [""]}, "document ids"),
        ("/api/search", {"query": "充电", "doc_ids": ["x"] * 101}, "document ids"),
        ("/api/search", {"query": "充电", "doc_ids": [1]}, "document ids"),
        ("/api/search", {"query": "充电", "level": ["city"]}, "province"),
        ("/api/search", {"query": "充电", "mode": None}, "hybrid"),
        ("/api/ask", {"question": "充电", "doc_ids": ["<script>"]}, "allowed"),
        ("/api/ask", {"question": "充电", "mode": "bm25"}, "allowed fields"),  # search-only field
        ("/v1/chat/completions", {"messages": [{"role": "user", "content": "问" * 1001}]}, "1000"),
        ("/v1/chat/completions", {"messages": [{"role": "user", "content": "\x00\u200b"}]}, "non-blank"),
        ("/v1/chat/completions", {"messages": "hi"}, "messages"),
        ("/v1/chat/completions", {"messages": [{"role": "user", "content": [1, 2]}]}, "messages"),
        ("/v1/chat/completions", {"messages": [{"role": "user", "content": "hi"}], "stream": "maybe"}, "true or false"),
    ],
)
def test_every_field_is_validated_with_what_is_allowed(api, path, payload, allowed):
    r = api.post(path, json=payload)
    assert r.status_code == 422, r.text
    assert allowed in r.json()["detail"], r.json()["detail"]


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ('{"question": "充电"', "application/json"),  # truncated
        ('{"question": "充电",}', "application/json"),  # trailing comma
        ("{'question': '充电'}", "application/json"),  # single quotes
        (b'{"question": "\xff\xfe\xfa"}', "application/json"),  # not UTF-8
        (b"[" * 100_000, "application/json"),  # deeper than any decoder nests
        (b"", "application/json"),
        (b"null", "application/json"),
        ('"充电"', "application/json"),
        ('{"question": "充电", "top_k": NaN}', "application/json"),
        ('{"question": "充电"}', "text/plain"),
        (b"question=%E5%85%85%E7%94%B5", "application/x-www-form-urlencoded"),
    ],
)
@pytest.mark.parametrize("path", ["/api/ask", "/api/search", "/v1/chat/completions"])
def test_malformed_bodies_are_422_never_500(api, path, body, content_type):
    data = body.encode("utf-8") if isinstance(body, str) else body
    r = api.post(path, content=data, headers={"content-type": content_type})
    assert r.status_code == 422, r.text
    assert isinstance(r.json()["detail"], str) and r.json()["detail"]


@pytest.mark.parametrize(
    "path",
    ["/api/documents/%00", "/api/documents/..%2F..%2Fetc%2Fpasswd", "/api/documents/<script>",
     "/api/clauses/%F0%9F%98%80", "/api/clauses/shandong-nev-2023:%E4%B8%80/../../x", "/api/clauses/' OR 1=1 --",
     "/api/departments/%3Cimg%20src%3Dx%3E/clauses", "/api/departments/" + "部" * 500 + "/clauses"],
)
def test_hostile_ids_are_404_with_the_id_quoted(api, path):
    r = api.get(path)
    assert r.status_code == 404, r.text
    assert isinstance(r.json()["detail"], str)


def test_server_still_healthy_after_the_abuse(api):
    assert api.get("/healthz").json()["status"] == "ok"


# ----------------------------------------------------------------- UI escaping
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
DOC = Document(id="evil", title=f"标题{HOSTILE}", number='鲁政字"><b>1号', issuer="<i>发文</i>", date="2024-01-01",
               short_name=f"简称{HOSTILE}")
CLAUSE = Clause(id='evil:一" onmouseover="alert(1)', doc_id="evil", path=(f"一、{HOSTILE}",),
                title="1.<b>加粗</b>", text=f"推进充电桩建设{HOSTILE}。（牵头单位：<u>省能源局</u>）",
                lead=("<u>省能源局</u>",), support=("<script>x</script>局",), support_inherited=("<s>各市</s>",))


def _no_live_markup(fragment: str) -> None:
    for tag in ("<script", "<img", "<b>加粗", "<i>发文", "<u>省能源局", "<s>各市", '"><b>1号'):
        assert tag not in fragment, (tag, fragment)
    assert 'onmouseover="' not in fragment  # a quote in an id cannot open a new attribute


def test_ui_fragments_escape_a_hostile_clause_and_answer():
    sources = sources_html([Hit(CLAUSE, 0.9, 1)], {DOC.id: DOC}, ["充电桩", "<script>"])
    _no_live_markup(sources)
    assert "&lt;script&gt;" in sources and "<mark>充电桩</mark>" in sources
    assert 'data-clause="evil:一&quot; onmouseover=&quot;alert(1)"' in sources  # attribute stays closed

    origin = origin_html(DOC, f"前文{HOSTILE}\n{CLAUSE.text}\n后文<script>", CLAUSE, ["牵头"])
    _no_live_markup(origin)
    assert 'class="pqa-focus"' in origin and "&lt;img src=x onerror=alert(1)&gt;" in origin

    answer = answer_markdown(f"由省能源局牵头[1]{HOSTILE}", [f"[1] {DOC.short_name} › {CLAUSE.breadcrumb}"])
    _no_live_markup(answer)
    assert "&lt;script&gt;" in answer and "\\[1\\]" in answer  # markdown links cannot be forged

    assert highlight("<b>充电</b>", ["充电", "lt"]) == "&lt;b&gt;<mark>充电</mark>&lt;/b&gt;"  # never inside an entity
