"""Runtime configuration of the server and CLI, read once from ``POLICYQA_*`` environment variables.

Only ``app/`` reads settings; the library (``rag/``) receives the values as explicit arguments.
FastAPI endpoints get them with ``Depends(get_settings)``; tests swap them with
``app.dependency_overrides[get_settings]``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


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
        rate_limit: Requests per minute per client on ask / search; 0 turns limiting off.
    """

    model_config = SettingsConfigDict(env_prefix="POLICYQA_", extra="ignore")

    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("index")
    embedder: str = "e5"
    backend: Literal["local", "milvus"] = "local"
    milvus_uri: str | None = None
    milvus_token: str | None = None
    milvus_collection: str = Field(default="policyqa_clauses", pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,200}$")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    llm_url: str | None = None
    admin_token: str | None = None
    rate_limit: int = Field(default=0, ge=0)

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
