"""What operators see: one JSON log line per request and Prometheus metrics at ``/metrics``.

The log line (logger ``policyqa.request``) holds the method, the path asked for, the route that
served it, the status, the latency in ms, the worker's pid and, for questions, the intent and
whether the answer was a refusal. It never holds headers, bodies or query strings, so neither the
admin token nor a question's text reaches the log. Logging is stdlib ``logging`` with a JSON
formatter: one more dependency (structlog) would buy nothing a 15-line formatter does not.

Metrics come from ``prometheus-fastapi-instrumentator`` (``http_requests_total``,
``http_request_duration_seconds`` … by route template and status) plus two counters of our own:
``policyqa_answers_total{channel,intent,answerable}`` and ``policyqa_refusals_total{channel}``.
With several uvicorn workers, ``PROMETHEUS_MULTIPROC_DIR`` (set by ``app.server``) makes every
worker write its samples there and ``/metrics`` sums them.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from typing import TYPE_CHECKING

from fastapi.responses import PlainTextResponse
from prometheus_client import Counter
from prometheus_fastapi_instrumentator import Instrumentator

if TYPE_CHECKING:
    from fastapi import FastAPI, Request

    from rag.model import Answer

REQUEST_LOGGER = "policyqa.request"
ANSWERS = Counter("policyqa_answers", "Answers given, by channel (api, chat, ui), intent and refusal",
                  ["channel", "intent", "answerable"])
REFUSALS = Counter("policyqa_refusals", "Questions the corpus could not answer (refusals), by channel",
                   ["channel"])


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message and the record's ``fields``."""

    def format(self, record: logging.LogRecord) -> str:
        line = {"ts": round(record.created, 3), "level": record.levelname.lower(), "logger": record.name,
                "msg": record.getMessage(), **getattr(record, "fields", {})}
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def configure_logging(level: str = "INFO") -> None:
    """Send the ``policyqa`` loggers to stderr as JSON lines (idempotent).

    Args:
        level: Threshold of the ``policyqa`` loggers, e.g. ``INFO`` or ``WARNING``.
    """
    logger = logging.getLogger("policyqa")
    logger.setLevel(level.upper())
    if not any(getattr(h, "policyqa_json", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        handler.policyqa_json = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.propagate = False


def record_answer(answer: Answer, channel: str, request: Request | None = None) -> None:
    """Count an answer and note its intent and refusal for the request's log line.

    Args:
        answer: The answer the library gave.
        channel: ``api`` (POST /api/v1/ask), ``chat`` (/v1/chat/completions) or ``ui``.
        request: The HTTP request to annotate, if any.
    """
    ANSWERS.labels(channel, answer.intent, str(answer.answerable).lower()).inc()
    if not answer.answerable:
        REFUSALS.labels(channel).inc()
    if request is not None:
        request.state.intent, request.state.refused = answer.intent, not answer.answerable


class RequestLog:
    """ASGI middleware writing one JSON line per HTTP request once its response is sent.

    Args:
        app: The wrapped ASGI app.
    """

    def __init__(self, app):
        self.app = app
        self.log = logging.getLogger(REQUEST_LOGGER)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        start, path, status = time.perf_counter(), scope["path"], 500
        scope.setdefault("state", {})  # shared with request.state: endpoints note intent there

        async def sending(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            state, route = scope["state"], scope.get("route")
            fields = {"event": "request", "method": scope["method"], "path": path,
                      "route": getattr(route, "path", None), "status": status,
                      "latency_ms": round((time.perf_counter() - start) * 1000, 2), "pid": os.getpid()}
            if "intent" in state:
                fields.update(intent=state["intent"], refused=state["refused"])
            self.log.info("%s %s %s", scope["method"], path, status, extra={"fields": fields})


def install_metrics(app: FastAPI) -> None:
    """Add the Prometheus middleware and ``GET /metrics`` (``RequestLog`` is added by the caller,
    outermost, so it times everything and sees the path as the client sent it)."""
    Instrumentator(excluded_handlers=["/metrics"]).instrument(app).expose(
        app, endpoint="/metrics", include_in_schema=True, tags=["meta"], response_class=PlainTextResponse,
        summary="Prometheus metrics (text exposition format)")
