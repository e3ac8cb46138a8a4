"""Shared pytest fixtures.

``live_server``: one real ``policyqa serve`` process (uvicorn) per test session on a free port,
serving the real corpus from a temporary copy of the index (built at startup when missing or
stale), so API and browser tests talk HTTP to exactly what ``make run`` serves.

``corpus_dir``: a fresh copy of the real corpus to ingest into. ``write_corpus`` and
``policyqa_cli``: a small corpus written by a test, and ``policyqa`` run in process on it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
import tomli_w
from serve_util import serving  # same folder; pytest puts it on sys.path

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a running ``policyqa serve`` over the real corpus; stopped after the session."""
    work = tmp_path_factory.mktemp("live_server")
    index_dir = work / "index"
    built = REPO / "index"
    if any(p.name != ".gitkeep" for p in built.glob("*")):
        shutil.copytree(built, index_dir)  # a copy: the server may rebuild it if stale
    env = {
        **os.environ,
        "POLICYQA_CORPUS_DIR": str(REPO / "corpus"),
        "POLICYQA_INDEX_DIR": str(index_dir),
        "POLICYQA_RATE_LIMIT": "0",
        "GRADIO_ANALYTICS_ENABLED": "False",
    }
    env.pop("POLICYQA_ADMIN_TOKEN", None)
    with serving(env, work / "server.log") as url:
        yield url


@pytest.fixture()
def corpus_dir(tmp_path: Path) -> Path:
    """A fresh copy of the real corpus (``corpus/``), safe to ingest into."""
    target = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus", target)
    return target


def _write_corpus(folder: Path, documents: Sequence[tuple[str, str, dict[str, str]]]) -> Path:
    """Write ``(file name, text, manifest fields)`` documents and their ``documents.toml``."""
    folder.mkdir()
    for name, text, _ in documents:
        (folder / name).write_text(text, encoding="utf-8")
    manifest = {"documents": [{**fields, "file": name} for name, _, fields in documents]}
    (folder / "documents.toml").write_text(tomli_w.dumps(manifest), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def write_corpus() -> Callable[[Path, Sequence[tuple[str, str, dict[str, str]]]], Path]:
    """``write_corpus(folder, [(file name, text, {"id", "title", …}), …])`` creates ``folder``
    with the texts and a ``documents.toml`` listing them; returns ``folder``."""
    return _write_corpus


@pytest.fixture()
def policyqa_cli(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable]:
    """``policyqa_cli(env)`` sets the ``POLICYQA_*`` variables in ``env`` and returns
    ``invoke(*args)``, which runs ``policyqa`` in process (typer's ``CliRunner``) with them."""
    from typer.testing import CliRunner

    from app.cli.main import cli
    from app.settings import get_settings

    def on(env: dict[str, str]) -> Callable:
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        get_settings.cache_clear()
        return lambda *args: CliRunner().invoke(cli, list(args))

    yield on
    get_settings.cache_clear()
