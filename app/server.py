"""One process serves everything: the JSON API, the Gradio UI at ``/ui`` and OpenAPI at ``/docs``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import gradio as gr
from fastapi import FastAPI
from fastapi.responses import RedirectResponse

from app.http.api import create_app
from app.http.deps import open_service
from app.settings import Settings, get_settings
from app.ui.admin import admin_tab
from app.ui.chat import build_ui, theme
from app.ui.html import CSS, HEAD
from app.ui.views import VIEW_CSS, VIEW_TABS

if TYPE_CHECKING:
    from rag.service import PolicyQA

UI_PATH = "/ui"


def build_app(settings: Settings | None = None, qa: PolicyQA | None = None) -> FastAPI:
    """The API with the UI mounted at ``/ui`` and ``/`` redirecting there.

    Args:
        settings: Settings to serve with; ``None`` reads ``POLICYQA_*`` from the environment.
        qa: An already open service; ``None`` opens one from the settings in the lifespan.

    Returns:
        The combined ASGI app.
    """
    app = create_app(settings, qa)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse(url=f"{UI_PATH}/")

    blocks = build_ui(lambda: app.state.qa, extra_tabs=(*VIEW_TABS, ("文件管理", admin_tab(app))))
    return gr.mount_gradio_app(app, blocks, path=UI_PATH, ssr_mode=False, footer_links=["api"],
                               theme=theme(), css=CSS + VIEW_CSS, head=HEAD)


def serve(host: str | None = None, port: int | None = None, settings: Settings | None = None) -> None:
    """Run the combined app with uvicorn until interrupted.

    Args:
        host: Interface to bind; defaults to ``settings.host``.
        port: Port to listen on; defaults to ``settings.port``.
        settings: Settings to use; ``None`` reads the environment.
    """
    import uvicorn

    settings = settings or get_settings()
    # Open (and if needed build) the index before binding, so a missing corpus or a corrupt index
    # ends the command with one clear error line instead of a failed-lifespan traceback.
    qa = open_service(settings)
    app = build_app(settings, qa)
    uvicorn.run(app, host=host or settings.host, port=port or settings.port, log_level="info")
