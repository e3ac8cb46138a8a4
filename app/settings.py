"""Runtime configuration of the server and CLI, read once from ``POLICYQA_*`` environment variables.

Only ``app/`` reads settings; the library (``rag/``) receives the values as explicit arguments.
FastAPI endpoints get them with ``Depends(get_settings)``; tests swap them with
``app.dependency_overrides[get_settings]``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from rag.service import BACKENDS


class Settings(BaseSettings):
    """Everything the serving layer needs to open the library and listen.

    Attributes:
        corpus_dir: Folder with the raw documents and ``documents.toml``.
        index_dir: Folder holding the built index.
        embedder: Embedder name passed to the library (``e5`` is bundled).
        backend: Vector store, ``local`` (faiss + BM25 on disk) or ``milvus``.
        milvus_uri: Milvus URI, used with ``backend="milvus"``: ``http://host:19530`` for a
            server or cluster, or a local ``*.db`` path for Milvus Lite (embedded). Defaults to
            ``<index_dir>.milvus.db`` (Milvus Lite) beside the index folder when the backend is
            milvus — not inside it: every build replaces that folder as a whole.
        milvus_token: Auth token of a Milvus server (``user:password`` or an API key).
        milvus_collection: The Milvus name searches use: an alias that a rebuild moves to a
            new, complete collection. ASCII letters, digits and ``_``.
        host: Interface the server binds to.
        port: TCP port the server listens on.
        llm_url: Optional OpenAI-compatible endpoint the answer layer may use.
        admin_token: Bearer token that unlocks write endpoints; ``None`` disables them.
        rate_limit: Requests per minute per client on ask / search / chat; 0 turns limiting off.
        cors_origins: Origins whose browser pages may call the API (``https://a.example,https://b``
            or a JSON list); empty sends no CORS headers.
        workers: uvicorn worker processes of ``policyqa serve``; above 1 the UI is not mounted
            (Gradio keeps each session's queue and state in one process).
        ui_concurrency: UI events (questions, searches) served at once per process.
        log_level: Level of the JSON application log (one line per request at ``info``).
    """

    model_config = SettingsConfigDict(env_prefix="POLICYQA_", extra="ignore")

    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("index")
    embedder: str = "e5"
    backend: Literal[BACKENDS] = "local"  # type: ignore[valid-type]
    milvus_uri: str | None = None
    milvus_token: str | None = None
    milvus_collection: str = Field(default="policyqa_clauses", pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,200}$")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    llm_url: str | None = None
    admin_token: str | None = None
    rate_limit: int = Field(default=0, ge=0)
    cors_origins: Annotated[list[str], NoDecode] = []
    workers: int = Field(default=1, ge=1, le=64)
    ui_concurrency: int = Field(default=8, ge=1, le=256)
    log_level: Literal["debug", "info", "warning", "error"] = "info"

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _origins(cls, value: object) -> object:
        # A comma-separated list is what people write in an env file; a JSON list works too.
        if isinstance(value, str):
            text = value.strip()
            return json.loads(text) if text.startswith("[") else [o.strip() for o in text.split(",") if o.strip()]
        return value

    @model_validator(mode="after")
    def _default_milvus_uri(self) -> Settings:
        # Milvus Lite beside the local index it is built from: zero setup for a single machine.
        # Beside, not inside: a build swaps the index folder, which would take the collection along.
        if self.backend == "milvus" and not self.milvus_uri:
            index_dir = Path(self.index_dir)
            self.milvus_uri = str(index_dir.with_name(index_dir.name + ".milvus.db"))
        return self


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read from the environment on first use.

    Returns:
        The cached ``Settings`` instance.

    Raises:
        pydantic.ValidationError: A ``POLICYQA_*`` variable holds a value that is not allowed.
    """
    return Settings()
