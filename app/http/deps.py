"""FastAPI dependencies shared by the API and the UI: the opened library, filters, rate limits.

The ``PolicyQA`` facade is opened once in the app's lifespan and kept on ``app.state``; endpoints
reach it through ``get_qa``. Everything configurable comes from ``Depends(get_settings)``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, HTTPException, Request
from limits import RateLimitItemPerMinute
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from app.settings import Settings, get_settings
from rag.retrieval.base import Filter

if TYPE_CHECKING:
    from rag.model import Answer
    from rag.service import PolicyQA


def open_service(settings: Settings) -> PolicyQA:
    """Open the library with the configured corpus, index and backends.

    Args:
        settings: Where the corpus and index live and which embedder / backend to use.

    Returns:
        A ready ``PolicyQA``; the index is built first when missing or stale.
    """
    from rag.service import PolicyQA  # imported here so `policyqa --help` stays fast

    return PolicyQA.open(
        corpus_dir=settings.corpus_dir,
        index_dir=settings.index_dir,
        embedder=settings.embedder,
        backend=settings.backend,
        milvus_uri=settings.milvus_uri,
        milvus_token=settings.milvus_token,
        milvus_collection=settings.milvus_collection,
        llm_url=settings.llm_url,
        rebuild="if-needed",
    )


def get_qa(request: Request) -> PolicyQA:
    """The ``PolicyQA`` opened at startup.

    Raises:
        HTTPException: 503 while the service is not open yet.
    """
    qa = getattr(request.app.state, "qa", None)
    if qa is None:
        raise HTTPException(status_code=503, detail="the index is still loading; retry shortly")
    return qa


def make_filter(qa: PolicyQA, doc_ids: list[str] | None, level: str | None,
                region: str | None = None) -> Filter | None:
    """Build the retrieval filter from request fields, rejecting unknown document ids and regions.

    Args:
        qa: The open service (knows which documents exist).
        doc_ids: Documents to search in, or ``None`` / empty for all.
        level: Document level (``province``, ``city`` …), or ``None`` for all.
        region: Region of the documents (``聊城市``), or ``None`` for all.

    Returns:
        A ``Filter``, or ``None`` when nothing filters.

    Raises:
        HTTPException: 422 naming the unknown ids or region and the known ones.
    """
    known = [d.id for d in qa.documents]
    unknown = sorted(set(doc_ids or ()).difference(known))
    if unknown:
        raise HTTPException(
            status_code=422,
            detail=f"doc_ids: unknown document id(s) {', '.join(map(repr, unknown))}; allowed: {', '.join(known)}",
        )
    regions = list(dict.fromkeys(d.region for d in qa.documents if d.region))
    if region and region not in regions:
        raise HTTPException(status_code=422,
                            detail=f"region: unknown region {region!r}; allowed: {', '.join(regions)}")
    return Filter.of(doc_ids, level, region)


class RateLimiter:
    """Requests per minute per client in a moving one-minute window, counted by ``limits``.

    The counts live in this process's memory: with ``--workers N`` each worker counts its own
    share (a client may get up to N times the limit); ``limits`` also offers Redis or Memcached
    storage should several workers or replicas have to share one count.
    """

    def __init__(self) -> None:
        self._window = MovingWindowRateLimiter(MemoryStorage())

    def allow(self, client: str, per_minute: int) -> bool:
        """Record a request from ``client`` and say whether it is within ``per_minute``."""
        return self._window.hit(RateLimitItemPerMinute(per_minute), client)

    def retry_after(self, client: str, per_minute: int) -> int:
        """Whole seconds until ``client`` may send its next request (at least 1)."""
        stats = self._window.get_window_stats(RateLimitItemPerMinute(per_minute), client)
        return max(1, math.ceil(stats.reset_time - time.time()))


def rate_limit(request: Request, settings: Annotated[Settings, Depends(get_settings)]) -> None:
    """Reject a client that exceeded ``settings.rate_limit`` requests per minute.

    Raises:
        HTTPException: 429 with a ``Retry-After`` header.
    """
    if settings.rate_limit <= 0:
        return
    limiter = getattr(request.app.state, "limiter", None)
    if limiter is None:  # an app built without create_app(): share one limiter from now on
        limiter = request.app.state.limiter = RateLimiter()
    client = request.client.host if request.client else "unknown"
    if not limiter.allow(client, settings.rate_limit):
        raise HTTPException(
            status_code=429,
            detail=f"rate limit of {settings.rate_limit} requests per minute exceeded; retry later",
            headers={"Retry-After": str(limiter.retry_after(client, settings.rate_limit))},
        )


def ask_or_422(qa: PolicyQA, question: str, top_k: int, where: Filter | None = None,
               history: Sequence[str] = ()) -> Answer:
    """``qa.ask`` (``history``: the conversation's earlier questions), with the library's refusal
    of a bad value turned into a 422.

    Raises:
        HTTPException: 422 with the library's message (it names the value and what is allowed).
    """
    try:
        return qa.ask(question, top_k=top_k, where=where, history=history)
    except ValueError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
