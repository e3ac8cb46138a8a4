"""Opening and closing Milvus: the optional pymilvus import, the URI check, shared Lite servers.

A local ``*.db`` path runs Milvus Lite inside this process; ``http://host:19530`` (or another
server scheme) talks to a Milvus server or cluster. Milvus Lite serves each ``.db`` path from
threads started in this process and several ``MilvusIndex`` objects may share one path, so the
Lite server is counted per path and stopped only when the last of them releases it.
"""

from __future__ import annotations

import threading
from pathlib import Path

INSTALL = "pip install 'policyqa[milvus]'"
SERVER_SCHEMES = ("http://", "https://", "tcp://", "unix:")

_LITE_USERS: dict[str, int] = {}
_LITE_LOCK = threading.Lock()


class MilvusConnectionError(ConnectionError):
    """Milvus at the given URI could not be reached or opened."""


def pymilvus_module():
    """The ``pymilvus`` module.

    Raises:
        ImportError: pymilvus / milvus-lite are not installed (with the install line).
    """
    try:
        import pymilvus
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise ImportError(f"Milvus support needs pymilvus and milvus-lite: {INSTALL}") from exc
    return pymilvus


def lite_path(uri: str) -> str | None:
    """The resolved Milvus Lite database path of ``uri`` (its folder created), or ``None`` for a
    server URI.

    Raises:
        ValueError: A local path that does not end in ``.db``.
    """
    if uri.startswith(SERVER_SCHEMES):
        return None
    if not uri.endswith(".db"):
        raise ValueError(f"uri {uri!r}: a local Milvus Lite path must end in .db "
                         "(or give http://host:19530)")
    Path(uri).parent.mkdir(parents=True, exist_ok=True)
    return str(Path(uri).resolve())


def connect(pm, uri: str, lite: str | None, token: str | None, timeout: float):
    """An open ``MilvusClient`` that has answered one call; counts a user of the Lite server.

    Args:
        pm: The ``pymilvus`` module.
        uri: The URI as given (for messages and server connections).
        lite: ``lite_path(uri)``; when set, the client opens that database.
        token: Auth token for a server.
        timeout: Seconds allowed for connecting and the probe.

    Raises:
        MilvusConnectionError: The URI cannot be reached or opened.
    """
    if lite:
        with _LITE_LOCK:
            _LITE_USERS[lite] = _LITE_USERS.get(lite, 0) + 1
    try:
        client = pm.MilvusClient(uri=lite or uri, token=token or "", timeout=timeout)
        client.list_collections(timeout=timeout)  # proves the server answers
        return client
    except Exception as exc:
        release_lite(lite)
        raise MilvusConnectionError(f"cannot reach Milvus at {uri!r}: {exc}") from exc


def release_lite(lite: str | None) -> None:
    """Drop one user of the Lite server at ``lite``; stop it when none is left (no-op for ``None``)."""
    if not lite:
        return
    with _LITE_LOCK:
        left = _LITE_USERS.get(lite, 1) - 1
        if left > 0:
            _LITE_USERS[lite] = left
            return
        _LITE_USERS.pop(lite, None)
    from milvus_lite.server_manager import server_manager_instance

    server_manager_instance.release_server(lite)
