"""``policyqa serve``: the JSON API, the Gradio UI at ``/ui`` (extra ``ui``) and OpenAPI at ``/docs``.

One worker (the default) serves all three from one process. With ``--workers N`` above 1, uvicorn
starts N processes from the factory ``app.server:api_app``; each opens the index itself (the parent
builds it first, once) and serves the API only: Gradio keeps a session's queue and state in one
process, so a UI behind several workers would lose events (run one single-worker process for
the UI). Metrics are then summed over the workers through ``PROMETHEUS_MULTIPROC_DIR``.
"""

from __future__ import annotations

import gc
import importlib.util
import logging
import os
import tempfile
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.responses import RedirectResponse

from app.http.api import create_app
from app.http.deps import open_service
from app.http.observe import configure_logging
from app.settings import Settings, get_settings

if TYPE_CHECKING:
    from rag.service import PolicyQA

UI_PATH = "/ui"
log = logging.getLogger("policyqa.server")


def ui_installed() -> bool:
    """Whether Gradio (``pip install 'policyqa[ui]'``) is importable."""
    return importlib.util.find_spec("gradio") is not None


def build_app(settings: Settings | None = None, qa: PolicyQA | None = None, ui: bool = True) -> FastAPI:
    """The API, with the UI mounted at ``/ui`` when wanted and installed.

    Args:
        settings: Settings to serve with; ``None`` reads ``POLICYQA_*`` from the environment.
        qa: An already open service; ``None`` opens one from the settings in the lifespan.
        ui: Mount the Gradio UI (``/`` then redirects there; else to ``/docs``).

    Returns:
        The combined ASGI app.
    """
    app = create_app(settings, qa)
    mounted = ui and ui_installed()

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse(url=f"{UI_PATH}/" if mounted else "/docs")

    if not mounted:
        if ui:
            log.info("the UI is not installed (pip install 'policyqa[ui]'); serving the API only")
        return app
    import gradio as gr

    from app.ui.admin import admin_tab
    from app.ui.chat import build_ui, theme
    from app.ui.html import CSS, HEAD
    from app.ui.views import VIEW_CSS, VIEW_TABS

    blocks = build_ui(lambda: app.state.qa, extra_tabs=(*VIEW_TABS, ("文件管理", admin_tab(app))))
    # Gradio runs one event per listener at a time unless told otherwise: questions from several
    # users would wait in line behind each other (the library is safe for concurrent reads).
    blocks.queue(default_concurrency_limit=(settings or get_settings()).ui_concurrency)
    return gr.mount_gradio_app(app, blocks, path=UI_PATH, ssr_mode=False, footer_links=["api"],
                               theme=theme(), css=CSS + VIEW_CSS, head=HEAD)


def api_app() -> FastAPI:
    """uvicorn factory of a worker when ``workers > 1``: the API alone, settings from the environment."""
    settings = get_settings()
    configure_logging(settings.log_level)
    return build_app(settings, ui=False)


def serve(host: str | None = None, port: int | None = None, settings: Settings | None = None,
          workers: int | None = None) -> None:
    """Run the app with uvicorn until interrupted.

    Args:
        host: Interface to bind; defaults to ``settings.host``.
        port: Port to listen on; defaults to ``settings.port``.
        settings: Settings to use; ``None`` reads the environment (several workers always read
            the environment: each is a fresh process).
        workers: uvicorn worker processes; defaults to ``settings.workers``.
    """
    import uvicorn

    settings = settings or get_settings()
    workers = workers or settings.workers
    configure_logging(settings.log_level)
    run = {"host": host or settings.host, "port": port or settings.port,
           "log_level": settings.log_level, "access_log": False}  # the request log replaces it
    # Open (and if needed build) the index before binding, so a missing corpus or a corrupt index
    # ends the command with one clear error line instead of a failed-lifespan traceback.
    qa = open_service(settings)
    if workers == 1:
        uvicorn.run(build_app(settings, qa), **run)
        return
    qa.close()  # built and checked; each worker opens its own copy
    del qa
    gc.collect()
    if ui_installed():
        log.warning("serving with %d workers: the UI is not mounted (Gradio needs one process); "
                    "the API answers on every worker", workers)
    with tempfile.TemporaryDirectory(prefix="policyqa-metrics-") as metrics_dir:
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir  # inherited by the workers
        uvicorn.run("app.server:api_app", factory=True, workers=workers, **run)
