"""``policyqa`` options that take a fixed set list the library's own values and refuse others
(typer's usage error, exit code 2) before anything is opened."""

from __future__ import annotations

import json

import pytest
from serve_util import workspace

from rag.model import LEVELS
from rag.retrieval.hybrid import MODES
from rag.service import BACKENDS


@pytest.fixture()
def invoke(policyqa_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")  # a wide help table: the choices stay on one line
    monkeypatch.setenv("TERMINAL_WIDTH", "250")
    corpus_dir, index_dir = workspace(tmp_path)
    return policyqa_cli({"POLICYQA_CORPUS_DIR": str(corpus_dir), "POLICYQA_INDEX_DIR": str(index_dir)})


@pytest.mark.parametrize(("command", "option", "values"), [
    ("search", "--mode", MODES),
    ("eval", "--mode", (*MODES, "all")),
    ("eval", "--backend", (*BACKENDS, "all")),
    ("bench", "--backend", BACKENDS),
    ("ingest", "--level", LEVELS),
])
def test_fixed_choices_come_from_the_library(invoke, command, option, values):
    shown = invoke(command, "--help").output
    assert "|".join(values) in shown.replace(" ", "").replace("\n", ""), shown
    args = [command, "x.txt" if command == "ingest" else "充电"] if command in ("search", "ingest") else [command]
    bad = invoke(*args, option, "nonsense")
    assert bad.exit_code == 2, bad.output
    assert "nonsense" in bad.output and values[0] in bad.output


def test_a_listed_mode_runs(invoke):
    done = invoke("search", "充电基础设施", "--mode", "bm25", "--top-k", "2", "--json")
    assert done.exit_code == 0, done.output
    hits = json.loads(done.output)["hits"]
    assert len(hits) == 2 and set(hits[0]["scores"]) <= {"bm25", "fused"}


def test_serve_takes_a_worker_count(invoke):
    shown = invoke("serve", "--help").output
    assert "--workers" in shown
    assert invoke("serve", "--workers", "0").exit_code == 2
