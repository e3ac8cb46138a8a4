"""Settings: ``POLICYQA_*`` environment variables, validation, caching and injection into the app."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pydantic import ValidationError

from app.http.api import create_app
from app.settings import Settings, get_settings


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in [n for n in os.environ if n.startswith("POLICYQA_")]:
        monkeypatch.delenv(name)


def test_defaults():
    s = Settings()
    assert (s.corpus_dir, s.index_dir, s.embedder, s.backend) == (Path("corpus"), Path("index"), "e5", "local")
    assert (s.host, s.port, s.rate_limit, s.admin_token, s.llm_url) == ("127.0.0.1", 8000, 0, None, None)


def test_environment_with_prefix(monkeypatch):
    monkeypatch.setenv("POLICYQA_INDEX_DIR", "/tmp/idx")
    monkeypatch.setenv("POLICYQA_PORT", "9123")
    monkeypatch.setenv("POLICYQA_BACKEND", "milvus")
    monkeypatch.setenv("POLICYQA_RATE_LIMIT", "30")
    monkeypatch.setenv("INDEX_DIR", "/ignored")  # only prefixed variables count
    s = Settings()
    assert (s.index_dir, s.port, s.backend, s.rate_limit) == (Path("/tmp/idx"), 9123, "milvus", 30)


@pytest.mark.parametrize(("name", "value"), [("POLICYQA_BACKEND", "sqlite"), ("POLICYQA_PORT", "70000"),
                                             ("POLICYQA_PORT", "http"), ("POLICYQA_RATE_LIMIT", "-1")])
def test_bad_values_are_rejected_naming_the_field(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as err:
        Settings()
    assert name.removeprefix("POLICYQA_").lower() in str(err.value)


def test_get_settings_is_read_once(monkeypatch):
    get_settings.cache_clear()
    try:
        first = get_settings()
        monkeypatch.setenv("POLICYQA_PORT", "9999")
        assert get_settings() is first and first.port != 9999
    finally:
        get_settings.cache_clear()


def test_create_app_injects_settings_as_a_dependency_override():
    s = Settings(port=8123, rate_limit=5)
    app = create_app(s)
    assert app.dependency_overrides[get_settings]() is s


@pytest.mark.parametrize("value", ["https://a.example, https://b.example", '["https://a.example", "https://b.example"]'])
def test_cors_origins_from_a_comma_list_or_json(monkeypatch, value):
    monkeypatch.setenv("POLICYQA_CORS_ORIGINS", value)
    assert Settings().cors_origins == ["https://a.example", "https://b.example"]
    assert Settings().workers == 1 and Settings().ui_concurrency == 8


def test_cors_headers_only_for_the_configured_origins():
    from fastapi.testclient import TestClient

    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    open_to = TestClient(create_app(Settings(cors_origins=["https://a.example"], rate_limit=0), qa=object()))
    allowed = open_to.options("/api/v1/ask", headers={"Origin": "https://a.example", **preflight})
    assert allowed.status_code == 200 and allowed.headers["access-control-allow-origin"] == "https://a.example"
    refused = open_to.options("/api/v1/ask", headers={"Origin": "https://evil.example", **preflight})
    assert refused.status_code == 400 and "access-control-allow-origin" not in refused.headers
    closed = TestClient(create_app(Settings(rate_limit=0), qa=object()))
    assert "access-control-allow-origin" not in closed.get("/openapi.json", headers={"Origin": "https://a.example"}).headers
