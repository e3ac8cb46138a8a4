"""``app.server``: the UI mounted with a queue that serves several questions at once, and the API
alone where Gradio cannot follow (several workers). Serving itself, one and two workers, is tested
against real ``policyqa serve`` processes in ``test_observe.py``."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.server import UI_PATH, api_app, build_app
from app.settings import Settings, get_settings
from rag.service import PolicyQA


@pytest.fixture(scope="module")
def qa(tmp_path_factory):
    from serve_util import workspace

    corpus_dir, index_dir = workspace(tmp_path_factory.mktemp("server"))
    with PolicyQA.open(corpus_dir, index_dir) as opened:
        yield opened


def _ui_blocks(app):
    return next(r for r in app.routes if getattr(r, "path", "") == UI_PATH).app.get_blocks()


def test_ui_questions_are_not_served_one_at_a_time(qa):
    blocks = _ui_blocks(build_app(Settings(ui_concurrency=5), qa))
    queue = blocks._queue
    for fn in blocks.fns.values():  # what the queue does for each event when the app starts
        queue.create_event_queue_for_fn(fn)
    assert {q.concurrency_limit for q in queue.event_queue_per_concurrency_id.values()} == {5}


def test_api_alone_redirects_to_the_docs(qa):
    app = build_app(Settings(), qa, ui=False)
    assert not [r for r in app.routes if getattr(r, "path", "") == UI_PATH]
    with TestClient(app) as client:
        assert client.get("/", follow_redirects=False).headers["location"] == "/docs"
        assert client.get("/readyz").json() == {"status": "ready", "checks": {"index": None}}


def test_worker_factory_reads_the_environment_and_leaves_the_ui_out(qa, monkeypatch):
    monkeypatch.setenv("POLICYQA_CORPUS_DIR", str(qa.corpus_dir))
    get_settings.cache_clear()
    try:
        app = api_app()
    finally:
        get_settings.cache_clear()
    assert not [r for r in app.routes if getattr(r, "path", "") == UI_PATH]
    assert "/api/v1/ask" in app.openapi()["paths"]
