"""The officials' views over HTTP against a real uvicorn process (``live_server``): the department
matrix with alias search, the targets table with its filters, CSV / XLSX exports that hold exactly
the JSON rows, the province ↔ city alignment, and 422 / 404 with messages saying what is allowed."""

from __future__ import annotations

import csv
import io

import httpx
import pytest
from openpyxl import load_workbook

from rag.views.tables import DEPARTMENT_COLUMNS, TARGET_COLUMNS

ROLES = {"lead", "support", "support_inherited"}


@pytest.fixture(scope="module")
def api(live_server: str):
    with httpx.Client(base_url=live_server, timeout=120.0) as client:
        yield client


@pytest.fixture(scope="module")
def departments(api) -> list[dict]:
    r = api.get("/api/v1/departments")
    assert r.status_code == 200
    return r.json()["departments"]


@pytest.fixture(scope="module")
def doc_ids(api) -> list[str]:
    return [d["doc_id"] for d in api.get("/api/v1/documents").json()["documents"]]


def _csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM so Excel reads the Chinese"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _xlsx_rows(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content), read_only=True).active.iter_rows(values_only=True))


# ---------------------------------------------------------------- departments
def test_department_matrix_rows_are_consistent(departments):
    assert departments
    counts = [d["clauses"] for d in departments]
    assert counts == sorted(counts, reverse=True)
    for d in departments:
        assert set(DEPARTMENT_COLUMNS) <= set(d)
        ids = {*d["lead_clauses"], *d["support_clauses"], *d["inherited_clauses"]}
        assert d["clauses"] == len(ids) > 0
        assert (d["lead_count"], d["support_count"], d["inherited_count"]) == (
            len(d["lead_clauses"]), len(d["support_clauses"]), len(d["inherited_clauses"]))
        assert d["level"] and d["documents"]
    names = {d["name"] for d in departments}
    assert {"省工业和信息化厅", "市发展改革委"} <= names
    assert not {"省工信厅", "市发改委"} & names  # abbreviations are folded into the full names


def test_department_search_by_any_spelling(api):
    def found(q: str) -> set[str]:
        r = api.get("/api/v1/departments", params={"q": q})
        assert r.status_code == 200
        return {d["name"] for d in r.json()["departments"]}

    assert found("省工信厅") == {"省工业和信息化厅"}
    assert {"省发展改革委", "市发展改革委"} <= found("发改委")
    assert found("不存在的部门名称") == set()


def test_department_clauses_by_alias_with_roles(api, departments):
    by_alias = api.get("/api/v1/departments/省工信厅/clauses").json()
    by_name = api.get("/api/v1/departments/省工业和信息化厅/clauses").json()
    assert by_alias["clauses"] == by_name["clauses"]
    row = next(d for d in departments if d["name"] == "省工业和信息化厅")
    assert {c["clause_id"] for c in by_name["clauses"] if c["role"] == "lead"} == set(row["lead_clauses"])
    for c in by_name["clauses"]:
        assert c["role"] in ROLES and c["role_name"] and c["breadcrumb"] and c["text"] and c["doc_label"]
    r = api.get("/api/v1/departments/不存在的部门/clauses")
    assert r.status_code == 404 and "GET /api/v1/departments" in r.json()["detail"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_department_export_matches_json(api, departments, fmt):
    r = api.get(f"/api/v1/departments.{fmt}")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv" if fmt == "csv" else "application/vnd.openxmlformats")
    assert r.headers["content-disposition"] == f'attachment; filename="departments.{fmt}"'
    rows = _csv_rows(r.content) if fmt == "csv" else _xlsx_rows(r.content)
    assert tuple(rows[0][: len(DEPARTMENT_COLUMNS)]) == DEPARTMENT_COLUMNS
    assert [row[0] for row in rows[1:]] == [d["name"] for d in departments]

    filtered = api.get(f"/api/v1/departments.{fmt}", params={"q": "省工信厅"})
    rows = _csv_rows(filtered.content) if fmt == "csv" else _xlsx_rows(filtered.content)
    assert [row[0] for row in rows[1:]] == ["省工业和信息化厅"]


# ---------------------------------------------------------------- targets
def test_targets_table_and_filters(api, doc_ids):
    everything = api.get("/api/v1/targets").json()["targets"]
    assert everything and all(set(TARGET_COLUMNS) <= set(t) for t in everything)
    assert {t["doc_id"] for t in everything} <= set(doc_ids)
    for doc_id in doc_ids:
        rows = api.get("/api/v1/targets", params={"doc_id": doc_id}).json()["targets"]
        assert rows == [t for t in everything if t["doc_id"] == doc_id]
    years = {t["year"] for t in everything if t["year"]}
    assert years
    for year in years:
        rows = api.get("/api/v1/targets", params={"year": year}).json()["targets"]
        assert rows == [t for t in everything if t["year"] == year]
    charging = api.get("/api/v1/targets", params={"q": "充电"}).json()["targets"]
    assert charging and all("充电" in t["sentence"] or "充电" in t["breadcrumb"] for t in charging)
    row = next(t for t in charging if t["raw"] == "2.5万台")
    assert row["unit"] == "万台" and row["value"] == 2.5 and row["year"] == 2025
    assert "市发展改革委" in row["lead"] and row["clause_id"].startswith(row["doc_id"] + ":")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"doc_id": "no-such-doc"}, "known:"),
        ({"year": "abcd"}, "four-digit year"),
        ({"year": "1800"}, "four-digit year"),
        ({"year": "202"}, "four-digit year"),
    ],
)
def test_bad_target_filters_are_422(api, params, message):
    for path in ("/api/v1/targets", "/api/v1/targets.csv"):
        r = api.get(path, params=params)
        assert r.status_code == 422
        assert message in r.json()["detail"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_target_export_holds_the_filtered_rows(api, doc_ids, fmt):
    params = {"doc_id": doc_ids[-1], "year": 2025}
    rows_json = api.get("/api/v1/targets", params=params).json()["targets"]
    r = api.get(f"/api/v1/targets.{fmt}", params=params)
    assert r.status_code == 200
    assert r.headers["content-disposition"] == f'attachment; filename="targets-{doc_ids[-1]}-2025.{fmt}"'
    rows = _csv_rows(r.content) if fmt == "csv" else _xlsx_rows(r.content)
    assert tuple(rows[0][: len(TARGET_COLUMNS)]) == TARGET_COLUMNS
    raw = TARGET_COLUMNS.index("raw")
    assert [row[raw] for row in rows[1:]] == [t["raw"] for t in rows_json]


def test_unknown_export_format_is_422(api):
    r = api.get("/api/v1/targets.json")
    assert r.status_code == 422 and "csv" in r.json()["detail"] and "xlsx" in r.json()["detail"]


# ---------------------------------------------------------------- alignment
def test_alignment_pairs_tasks_and_gaps(api):
    r = api.get("/api/v1/alignment")
    assert r.status_code == 200
    data = r.json()
    assert data["links"] and data["links"][0]["cited"]
    assert data["pairs"]
    for pair in data["pairs"]:
        assert 0.0 <= pair["score"] <= 1.0 and pair["score"] >= data["threshold"]
        assert pair["reasons"] and pair["city_breadcrumb"] and pair["province_breadcrumb"]
    tasks = {t["clause_id"]: t for t in data["tasks"]}
    assert list(tasks) == list(data["by_province"])
    assert data["gaps"] == [t for t, cities in data["by_province"].items() if not cities]
    for task_id, task in tasks.items():
        assert task["gap"] == (task_id in data["gaps"])
        assert [c["clause_id"] for c in task["cities"]] == data["by_province"][task_id]
    charging = next(t for t in data["tasks"] if "加快建设充电基础设施" in t["breadcrumb"])
    assert any("充电基础设施" in c["breadcrumb"] for c in charging["cities"])


def test_openapi_lists_the_view_endpoints(api):
    paths = api.get("/openapi.json").json()["paths"]
    for path in ("/api/v1/departments", "/api/v1/departments.{fmt}", "/api/v1/departments/{name}/clauses",
                 "/api/v1/targets", "/api/v1/targets.{fmt}", "/api/v1/alignment"):
        assert path in paths
