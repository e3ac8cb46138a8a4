"""Fuzz the API from its own OpenAPI schema with schemathesis: no request may get a 5xx.

The real app (``create_app``) runs in process over the real corpus and a copy of the built index,
with an admin token set so the upload endpoint is fuzzed too (without the token it must answer
401). Every operation gets schema-valid (positive) and schema-breaking (negative) cases; the
test counts the requests sent and prints the tally by status.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode

from app.http.api import create_app
from app.settings import Settings
from rag.service import PolicyQA

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[1]
MIN_REQUESTS = 1000
EXAMPLES = {GenerationMode.POSITIVE: 80, GenerationMode.NEGATIVE: 60}  # per operation


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("fuzz")
    corpus_dir, index_dir = root / "corpus", root / "index"
    shutil.copytree(REPO / "corpus", corpus_dir)  # an upload that got through could not touch the repo
    if (REPO / "index" / "manifest.json").is_file():
        shutil.copytree(REPO / "index", index_dir, ignore=shutil.ignore_patterns(".gitkeep"))
    qa = PolicyQA.open(corpus_dir, index_dir, rebuild="if-needed")
    return create_app(Settings(corpus_dir=corpus_dir, index_dir=index_dir, admin_token="fuzz-token",
                               rate_limit=0), qa)


def _fuzzer(strategy, examples: int, label: str, statuses: Counter, per_operation: Counter, failures: list):
    """A hypothesis test sending ``examples`` generated cases of one operation to the app."""

    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=strategy)
    def run(case) -> None:
        response = case.call()
        statuses[response.status_code] += 1
        per_operation[label] += 1
        try:
            case.validate_response(response, checks=[not_a_server_error])
        except Exception as exc:  # noqa: BLE001 — collect them all, report at the end
            failures.append(f"{case.method} {case.formatted_path} → {response.status_code}: {exc}"[:500])

    return run


def test_no_generated_request_gets_a_server_error(app):
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    labels = {op.label for op in operations}
    assert {"POST /api/v1/ask", "POST /api/v1/search", "POST /v1/chat/completions", "POST /api/v1/documents",
            "GET /api/v1/clauses/{clause_id}", "GET /api/v1/documents/{doc_id}", "GET /readyz"} <= labels, labels
    statuses: Counter[int] = Counter()
    per_operation: Counter[str] = Counter()
    failures: list[str] = []

    for operation in operations:
        for mode, examples in EXAMPLES.items():
            run = _fuzzer(operation.as_strategy(generation_mode=mode), examples, operation.label,
                          statuses, per_operation, failures)
            try:
                run()
            except Unsatisfiable:  # nothing to break in an operation without inputs (GET /healthz)
                assert mode is GenerationMode.NEGATIVE

    total = sum(statuses.values())
    print(f"\nschemathesis: {total} requests over {len(operations)} operations; "
          f"statuses {dict(sorted(statuses.items()))}; server errors: {len(failures)}")
    for label, n in sorted(per_operation.items()):
        print(f"  {n:5d}  {label}")
    assert not failures, "\n".join(failures[:20])
    assert not [s for s in statuses if s >= 500]
    assert total >= MIN_REQUESTS
