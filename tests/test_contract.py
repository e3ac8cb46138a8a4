"""The OpenAPI document is the contract: for EVERY operation it lists, real requests to a real
``policyqa serve`` (good input and bad input) get a status the document declares for that
operation and a body and headers that validate against the schema of that status.

Each operation gets the hand-written cases of ``CASES`` (real ids from the running server, and
inputs that must fail) plus cases schemathesis generates from the document itself, schema-valid
and schema-breaking. Every response is checked by schemathesis' conformance checks. An operation
added later (an admin route, say) is covered by the generated cases at once; it must then also
show one validated success, so a case that succeeds belongs in ``CASES`` next to it.
"""

from __future__ import annotations

from collections import defaultdict

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.generation import GenerationMode
from serve_util import running_server, workspace

pytestmark = pytest.mark.slow
TOKEN = "contract-token"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]
GENERATED = {GenerationMode.POSITIVE: 6, GenerationMode.NEGATIVE: 6}  # per operation
AUTH = {"Authorization": f"Bearer {TOKEN}"}
DOC = "liaocheng-nev-2024"


def cases(ids: dict) -> dict[str, list[dict]]:
    """Hand-written requests per operation label: ``Case`` arguments, or ``httpx`` ones to send."""
    ask = {"question": "哪个部门牵头充电基础设施建设"}
    chat = {"messages": [{"role": "user", "content": "省公安厅参与哪些任务"}]}
    # Sent with httpx: schemathesis names an uploaded file after its field ("files"), and the
    # loader, rightly, refuses a file without a suffix.
    plan = "关于加快充电设施建设的通知\n一、总体要求\n（一）到2027年建成充电桩100个。（牵头单位：市能源局）\n"
    upload = {"files": [("files", ("plan.txt", plan.encode(), "text/plain"))]}
    replace = {"files": [("file", ("plan2.txt", plan.replace("100个", "300个").encode(), "text/plain"))]}
    return {
        "GET /healthz": [{}],
        "GET /readyz": [{}],
        "GET /metrics": [{}],
        "POST /api/v1/search": [{"body": {"query": "充电基础设施", "top_k": 3, "mode": "bm25"}},
                                {"body": {"query": "充电", "doc_ids": ["no-such-doc"]}},
                                {"body": {"query": ""}}],
        "POST /api/v1/ask": [{"body": ask}, {"body": {"question": "北京的充电桩政策是什么"}},
                             {"body": {**ask, "level": "town"}}],
        "GET /api/v1/documents": [{"query": {"limit": 1, "offset": 1}}, {"query": {"limit": 0}}],
        "GET /api/v1/documents/{doc_id}": [{"path_parameters": {"doc_id": DOC}, "query": {"limit": 3}},
                                           {"path_parameters": {"doc_id": "no-such-doc"}}],
        "GET /api/v1/clauses/{clause_id}": [{"path_parameters": {"clause_id": ids["clause"]}},
                                            {"path_parameters": {"clause_id": "nothing"}}],
        "GET /api/v1/departments": [{"query": {"q": "公安", "limit": 5}}, {"query": {"offset": -1}}],
        "GET /api/v1/departments.{fmt}": [{"path_parameters": {"fmt": "csv"}}, {"path_parameters": {"fmt": "xlsx"}},
                                          {"path_parameters": {"fmt": "json"}}],
        "GET /api/v1/departments/{name}/clauses": [{"path_parameters": {"name": ids["department"]}},
                                                   {"path_parameters": {"name": "不存在的部门"}}],
        "GET /api/v1/targets": [{"query": {"year": "2025", "doc_id": DOC}}, {"query": {"year": "20x5"}},
                                {"query": {"doc_id": "no-such-doc"}}],
        "GET /api/v1/targets.{fmt}": [{"path_parameters": {"fmt": "csv"}, "query": {"year": "2025"}},
                                      {"path_parameters": {"fmt": "pdf"}}],
        "GET /api/v1/alignment": [{}],
        "POST /v1/chat/completions": [{"body": chat}, {"body": {**chat, "stream": True}},
                                      {"body": {"messages": []}}],
        "GET /v1/models": [{}],
        "POST /api/v1/documents": [{"httpx": {"headers": AUTH, **upload}},
                                   {"httpx": {"headers": AUTH, "files": {"title": (None, "x")}}},
                                   {"httpx": {"headers": {"Authorization": "Bearer wrong"}, **upload}},
                                   {"httpx": upload}],
        # the document the upload case added (plan.txt → id plan): replaced, then removed
        "PUT /api/v1/documents/{doc_id}": [
            {"path_parameters": {"doc_id": "plan"},
             "httpx": {"headers": AUTH, "files": [("file", ("plan.txt", plan.replace("100个", "200个").encode(), "text/plain"))]}},
            {"path_parameters": {"doc_id": "no-such-doc"}, "httpx": {"headers": AUTH, **replace}},
            {"path_parameters": {"doc_id": "plan"}, "httpx": replace}],
        "DELETE /api/v1/documents/{doc_id}": [
            {"path_parameters": {"doc_id": "plan"}, "httpx": {"headers": AUTH}},
            {"path_parameters": {"doc_id": "no-such-doc"}, "httpx": {"headers": AUTH}},
            {"path_parameters": {"doc_id": "plan"}}],
    }


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("contract")
    corpus_dir, index_dir = workspace(root)  # the upload case adds a document to this copy
    with running_server(corpus_dir, index_dir, root / "server.log", admin_token=TOKEN, rate_limit="0") as url:
        yield url


def test_every_operation_answers_as_its_schema_says(server):
    schema = schemathesis.openapi.from_url(f"{server}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    doc = httpx.get(f"{server}/api/v1/documents/{DOC}", timeout=60).json()
    ids = {"clause": next(c["clause_id"] for c in doc["clauses"] if "/" in c["clause_id"]),
           "department": httpx.get(f"{server}/api/v1/departments", timeout=60).json()["departments"][0]["name"]}
    written = cases(ids)
    labels = {op.label for op in operations}
    assert set(written) <= labels, f"cases for operations the schema no longer lists: {set(written) - labels}"
    statuses: dict[str, set[int]] = defaultdict(set)
    failures: list[str] = []

    def check(case, send: dict | None = None) -> None:
        if send is None:
            response = case.call(base_url=server, timeout=120)
        else:
            with httpx.Client(timeout=300) as client:
                request = client.build_request(case.method, server + case.formatted_path, **send)
                request.read()  # the conformance checks read the request body back
                response = client.send(request)
        try:
            case.validate_response(response, checks=CHECKS)
        except Exception as exc:  # noqa: BLE001 — collect them all, report at the end
            failures.append(f"{case.operation.label} {case.path_parameters or ''} {case.query or ''} "
                            f"→ {response.status_code}: {exc}"[:700])
        else:
            statuses[case.operation.label].add(response.status_code)

    # writes last, in the order add → replace → remove (they act on the document the upload adds)
    order = {"POST /api/v1/documents": 1, "PUT /api/v1/documents/{doc_id}": 2, "DELETE /api/v1/documents/{doc_id}": 3}
    for op in sorted(operations, key=lambda o: order.get(o.label, 0)):
        for kwargs in written.get(op.label, []):
            send = kwargs.pop("httpx", None)
            check(op.Case(**kwargs), send)
        for mode, examples in GENERATED.items():
            @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                      suppress_health_check=list(HealthCheck))
            @given(case=op.as_strategy(generation_mode=mode))
            def generated(case) -> None:
                check(case)

            try:
                generated()
            except Unsatisfiable:  # nothing to break in an operation without inputs
                assert mode is GenerationMode.NEGATIVE

    assert not failures, "\n".join(failures[:20])
    no_success = sorted(label for label in labels if not any(200 <= s < 300 for s in statuses[label]))
    no_error = sorted(label for label in labels if label in written and len(written[label]) > 1
                      and not any(400 <= s < 500 for s in statuses[label]))
    assert not no_success, (f"no validated 2xx for {no_success}: add a succeeding request to CASES; "
                            f"statuses {[sorted(statuses[label]) for label in no_success]}")
    assert not no_error, f"no validated 4xx for {no_error}"
    print(f"\ncontract: {len(operations)} operations; statuses "
          + "; ".join(f"{label} {sorted(s)}" for label, s in sorted(statuses.items())))


def test_a_429_body_and_retry_after_match_the_schema(tmp_path):
    corpus_dir, index_dir = workspace(tmp_path)
    with running_server(corpus_dir, index_dir, tmp_path / "server.log", rate_limit="2") as url:
        schema = schemathesis.openapi.from_url(f"{url}/openapi.json")
        op = schema["/api/v1/search"]["POST"]
        responses = []
        for _ in range(3):
            case = op.Case(body={"query": "充电"})
            responses.append((case, case.call(base_url=url, timeout=60)))
        case, limited = responses[-1]
        assert [r.status_code for _, r in responses] == [200, 200, 429]
        retry = {k.lower(): v for k, v in limited.headers.items()}["retry-after"]
        assert 1 <= int(retry[0] if isinstance(retry, list) else retry) <= 60
        case.validate_response(limited, checks=CHECKS)
