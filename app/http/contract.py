"""The published API contract: ``/api/v1`` paths, the 422 body, CORS.

Routes are declared at their short path (``/api/search``); ``/api/v1/search`` is the versioned,
documented name of the same route. ``ApiVersion`` maps a ``/api/v1/...`` request onto the
declared route before routing, so both names answer identically and every route added anywhere
under ``/api`` (admin routes included) gets its ``/api/v1`` name without being declared twice.
The OpenAPI document lists only the ``/api/v1`` names: the short ones are the aliases kept for
clients written before the prefix.

FastAPI documents every 422 as ``{"detail": [array]}``; this app's handler
(``app.http.validation``) sends ``{"detail": "one line", "errors": [...]}``, so ``openapi``
documents that shape (``ValidationErrorBody``) instead, for every route that takes input.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi

from app.http.models import ValidationErrorBody

if TYPE_CHECKING:
    from fastapi import FastAPI

PREFIX = "/api/v1"
DECLARED = "/api"
_REF = "#/components/schemas/"


class ApiVersion:
    """ASGI middleware: a request for ``/api/v1/...`` is served by the route declared at ``/api/...``.

    Args:
        app: The wrapped ASGI app.
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "")
        if scope["type"] == "http" and (path == PREFIX or path.startswith(PREFIX + "/")):
            # In place, not a copy: the request log reads the matched route from this scope.
            scope["path"] = DECLARED + path[len(PREFIX):]
            scope["raw_path"] = scope["path"].encode("utf-8")
        await self.app(scope, receive, send)


def documented_path(path: str) -> str:
    """The published name of a declared path: ``/api/search`` → ``/api/v1/search``."""
    return PREFIX + path[len(DECLARED):] if path.startswith(DECLARED + "/") else path


def openapi(app: FastAPI) -> dict:
    """The OpenAPI document with ``/api/v1`` paths and the real 422 body (built once, cached)."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, description=app.description,
                             routes=app.routes, tags=app.openapi_tags)
        schema["paths"] = {documented_path(p): ops for p, ops in schema["paths"].items()}
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        body = ValidationErrorBody.model_json_schema(ref_template=_REF + "{model}")
        components.update(body.pop("$defs", {}))
        components["ValidationErrorBody"] = body
        for operations in schema["paths"].values():
            for operation in operations.values():
                response = operation.get("responses", {}).get("422")
                if response is not None:
                    response["content"] = {"application/json": {
                        "schema": {"$ref": _REF + "ValidationErrorBody"}}}
        for unused in ("HTTPValidationError", "ValidationError"):
            components.pop(unused, None)
        app.openapi_schema = schema
    return app.openapi_schema


def install(app: FastAPI, cors_origins: list[str]) -> None:
    """Publish the contract above and allow browsers from ``cors_origins`` (none: no CORS headers).

    ``ApiVersion`` is added by the caller, outside the metrics middleware, which must see the
    declared path to label a request with its route.
    """
    app.openapi = lambda: openapi(app)  # type: ignore[method-assign]
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Content-Type", "Authorization"], max_age=600)
