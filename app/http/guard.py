"""The admin token and the upload guard: who may write, and how much they may send.

``check_token`` accepts only ``Authorization: Bearer <token>`` (compared in constant time);
``require_admin`` is its FastAPI dependency. ``UploadGuard`` is ASGI middleware in front of the
requests that carry files (``POST /api/documents``, ``PUT /api/documents/{id}``): it checks the
token and the body size before FastAPI parses the multipart body, which it would otherwise spool
to disk for anyone.
"""

from __future__ import annotations

import hmac
import json
from typing import Annotated

from fastapi import Header, HTTPException, Request

MAX_BODY = 64 * 1024 * 1024  # the whole multipart request; each file is also held to max_bytes


def check_token(authorization: str | None, expected: str | None) -> None:
    """Accept only ``Bearer <expected>``, compared in constant time.

    Raises:
        HTTPException: 401 without a bearer token, 403 with a wrong one.
    """
    scheme, _, given = (authorization or "").partition(" ")
    if not expected or scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(status_code=401, detail="send the admin token as 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode("utf-8"), expected.encode("utf-8")):
        raise HTTPException(status_code=403, detail="the admin token is wrong")


def require_admin(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """FastAPI dependency form of ``check_token`` (also documents the header in OpenAPI)."""
    check_token(authorization, getattr(request.app.state, "admin_token", None))


class _TooLarge(Exception):
    """A declared Content-Length above the limit."""


def _guarded(scope) -> bool:
    """``POST /api/documents`` and ``PUT /api/documents/{id}``: the requests that carry files."""
    path = scope["path"].rstrip("/")
    return (scope["method"] == "POST" and path == "/api/documents") or (
        scope["method"] == "PUT" and path.startswith("/api/documents/"))


class UploadGuard:
    """ASGI middleware in front of the uploads (``_guarded``): checks the token and the body size
    *before* FastAPI reads the multipart body, which it would otherwise spool to disk for anyone.

    Args:
        app: The wrapped ASGI app.
        token: The admin token.
        max_body: Largest request body accepted, in bytes (413 above it).
    """

    def __init__(self, app, token: str, max_body: int = MAX_BODY):
        self.app, self.token, self.max_body = app, token, max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not _guarded(scope):
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        try:
            check_token(headers.get("authorization"), self.token)
            if int(headers.get("content-length") or 0) > self.max_body:
                raise _TooLarge
        except HTTPException as exc:
            return await _reply(send, exc.status_code, exc.detail, exc.headers or {})
        except (_TooLarge, ValueError):
            return await _reply(send, 413, f"request body over the limit of {self.max_body:,} bytes", {})
        seen, started, refused = 0, False, False

        async def counted_receive():
            nonlocal seen, refused
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body and not refused:  # a chunked body that never declared its length
                refused = True
                if not started:
                    await _reply(send, 413, f"request body over the limit of {self.max_body:,} bytes", {})
                return {"type": "http.disconnect"}  # the app stops reading; what it answers is dropped
            return message

        async def tracked_send(message):
            nonlocal started
            if refused:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        await self.app(scope, counted_receive, tracked_send)


async def _reply(send, status: int, detail: str, headers: dict) -> None:
    body = json.dumps({"detail": detail}).encode("utf-8")
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


