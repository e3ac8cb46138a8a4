"""Helpers for tests that need their own ``policyqa`` process (not the shared ``live_server``).

``workspace`` copies the real corpus and the built index (when there is one) into a temporary
folder, so a test may ingest, rebuild, corrupt or kill without touching the repository;
``running_server`` starts ``policyqa serve`` on it with extra ``POLICYQA_*`` settings through
``serving``, which also starts the shared ``live_server`` of ``tests/conftest.py``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from app.cli.main import main; main()"]
START_TIMEOUT = 900.0  # a stale index is rebuilt at startup on a shared 2-core machine


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def workspace(root: Path) -> tuple[Path, Path]:
    """Copy ``corpus/`` and ``index/`` under ``root``; returns ``(corpus_dir, index_dir)``."""
    corpus_dir, index_dir = root / "corpus", root / "index"
    shutil.copytree(REPO / "corpus", corpus_dir)
    built = REPO / "index"
    if (built / "manifest.json").is_file():
        shutil.copytree(built, index_dir, ignore=shutil.ignore_patterns(".gitkeep"))
    return corpus_dir, index_dir


def cli_env(corpus_dir: Path, index_dir: Path, **settings: str) -> dict[str, str]:
    """The environment of a ``policyqa`` command on this corpus and index, plus ``POLICYQA_<KEY>``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYQA_")}
    env.update({"POLICYQA_CORPUS_DIR": str(corpus_dir), "POLICYQA_INDEX_DIR": str(index_dir),
                "GRADIO_ANALYTICS_ENABLED": "False"})
    env.update({f"POLICYQA_{k.upper()}": v for k, v in settings.items()})
    return env


@contextmanager
def running_server(corpus_dir: Path, index_dir: Path, log_path: Path, **settings: str) -> Iterator[str]:
    """Run ``policyqa serve`` until the block ends; yields its base URL."""
    with serving(cli_env(corpus_dir, index_dir, **settings), log_path) as url:
        yield url


@contextmanager
def serving(env: dict[str, str], log_path: Path) -> Iterator[str]:
    """Run ``policyqa serve`` with exactly this environment on a free port until the block ends.

    Yields the base URL once ``/healthz`` answers; output goes to ``log_path``.

    Raises:
        RuntimeError: The server exited, or did not answer within ``START_TIMEOUT``.
    """
    port = free_port()
    with log_path.open("w") as log:
        proc = subprocess.Popen([*CLI, "serve", "--host", "127.0.0.1", "--port", str(port)], cwd=REPO,
                                env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + START_TIMEOUT
        try:
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"policyqa serve exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
                try:
                    if httpx.get(f"{url}/healthz", timeout=2.0).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"policyqa serve did not answer within {START_TIMEOUT:.0f} s")
                time.sleep(0.5)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
