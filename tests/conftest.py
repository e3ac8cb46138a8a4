"""Shared pytest fixtures.

``live_server``: one real ``policyqa serve`` process (uvicorn) per test session on a free port,
serving the real corpus from a temporary copy of the index (built at startup when missing or
stale), so API and browser tests talk HTTP to exactly what ``make run`` serves.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[1]
# Building the index embeds every clause on a shared 2-core machine; allow for it.
SERVER_START_TIMEOUT = 900.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a running ``policyqa serve`` over the real corpus; stopped after the session."""
    work = tmp_path_factory.mktemp("live_server")
    index_dir = work / "index"
    built = REPO / "index"
    if any(p.name != ".gitkeep" for p in built.glob("*")):
        shutil.copytree(built, index_dir)  # a copy: the server may rebuild it if stale
    port = _free_port()
    env = {
        **os.environ,
        "POLICYQA_CORPUS_DIR": str(REPO / "corpus"),
        "POLICYQA_INDEX_DIR": str(index_dir),
        "POLICYQA_RATE_LIMIT": "0",
        "GRADIO_ANALYTICS_ENABLED": "False",
    }
    env.pop("POLICYQA_ADMIN_TOKEN", None)
    log = (work / "server.log").open("w")
    cmd = [sys.executable, "-c", "from app.cli import main; main()", "serve", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    try:
        while True:
            if proc.poll() is not None:
                log.flush()
                tail = (work / "server.log").read_text(encoding="utf-8", errors="replace")[-3000:]
                pytest.fail(f"policyqa serve exited with code {proc.returncode}:\n{tail}")
            try:
                if httpx.get(f"{url}/healthz", timeout=2.0).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"policyqa serve did not answer /healthz within {SERVER_START_TIMEOUT:.0f} s")
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
