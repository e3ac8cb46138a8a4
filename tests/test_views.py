"""Department matrix, targets table and their CSV / XLSX export (rag.views.tables), plus the CLI commands.

Two small plans written here (a 省 plan and a 市 plan, with both spellings of a department and a
下同 note) run through the real chunker; the shipped corpus is checked for known facts.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from rag.ingest.chunk import chunk_corpus, chunk_document
from rag.ingest.corpus import load_manifest
from rag.model import Document
from rag.views.export import to_csv, to_xlsx
from rag.views.tables import (
    DEPARTMENT_COLUMNS,
    TARGET_COLUMNS,
    department_matrix,
    filter_departments,
    targets_table,
)

REPO = Path(__file__).resolve().parents[1]

PROVINCE_TEXT = """河东省储能产业发展行动计划
为加快储能产业发展，制定本行动计划。
一、重点任务
1.加快建设充电基础设施。推动公共充电桩向乡镇延伸，到2025年全省建成公共充电桩5万台。（牵头单位：省能源局、省工信厅；责任单位：省交通运输厅，下同）
2.培育储能龙头企业。支持企业扩大储能电池产能，到2025年培育储能龙头企业10家。（牵头单位：省工业和信息化厅）
3.加强储能人才培养。支持高校开设储能专业。（牵头单位：省教育厅；责任单位：省工业和信息化厅）
"""
CITY_TEXT = """临水市储能产业发展实施方案
为落实省行动计划，制定本方案。
一、完善充电网络
（一）加快建设充电基础设施。力争到2026年底前全市建成充电桩3000台。（牵头单位：市发改委；责任单位：市交通运输局）
（二）培育储能骨干企业。力争到2025年培育储能骨干企业2家。（牵头单位：市发展改革委、市工信局）
"""
PROVINCE = Document("hedong-2024", "河东省储能产业发展行动计划", "东政字〔2024〕12号", level="province", region="河东省")
CITY = Document("linshui-2024", "临水市储能产业发展实施方案", "临政字〔2024〕5号", level="city", region="临水市")


@pytest.fixture(scope="module")
def small():
    clauses = chunk_document(PROVINCE, PROVINCE_TEXT) + chunk_document(CITY, CITY_TEXT)
    return [PROVINCE, CITY], clauses


@pytest.fixture(scope="module")
def corpus():
    return chunk_corpus(load_manifest(REPO / "corpus"))


def _row(rows, name):
    found = [r for r in rows if r.name == name]
    assert len(found) == 1, f"{name}: {[r.name for r in rows]}"
    return found[0]


# ---------------------------------------------------------------- matrix
def test_matrix_folds_aliases_into_one_row(small):
    rows = department_matrix(*small)
    names = [r.name for r in rows]
    assert "省工信厅" not in names and names.count("省工业和信息化厅") == 1
    row = _row(rows, "省工业和信息化厅")
    assert set(row.aliases) == {"省工信厅", "省工业和信息化厅"}
    assert row.lead == ("hedong-2024:一/1", "hedong-2024:一/2")
    assert row.support == ("hedong-2024:一/3",)
    assert row.level == "province" and row.doc_ids == ("hedong-2024",)
    city = _row(rows, "市发展改革委")
    assert set(city.aliases) == {"市发改委", "市发展改革委"}
    assert city.lead == ("linshui-2024:一/一", "linshui-2024:一/二") and city.level == "city"
    assert _row(rows, "市工业和信息化局").lead == ("linshui-2024:一/二",)


def test_matrix_keeps_inherited_support_apart(small):
    row = _row(department_matrix(*small), "省交通运输厅")
    assert row.support == ("hedong-2024:一/1",)
    assert row.support_inherited == ("hedong-2024:一/2", "hedong-2024:一/3")
    assert row.by_document == {"hedong-2024": {"support": ("hedong-2024:一/1",),
                                               "support_inherited": ("hedong-2024:一/2", "hedong-2024:一/3")}}
    assert (row.lead_count, row.support_count, row.inherited_count) == (0, 1, 2)


def test_matrix_orders_province_first(small):
    levels = [r.level for r in department_matrix(*small)]
    assert levels == sorted(levels, key=lambda lv: lv != "province")


def test_filter_by_any_spelling_keeps_the_level(small):
    rows = department_matrix(*small)
    assert [r.name for r in filter_departments(rows, "省工信厅")] == ["省工业和信息化厅"]
    assert [r.name for r in filter_departments(rows, "市工信局")] == ["市工业和信息化局"]
    assert {r.name for r in filter_departments(rows, "工信")} == {"省工业和信息化厅", "市工业和信息化局"}
    assert [r.name for r in filter_departments(rows, "发改委")] == ["市发展改革委"]
    assert filter_departments(rows, "") == rows and filter_departments(rows, None) == rows
    assert filter_departments(rows, "海关") == []


def test_matrix_on_the_real_corpus(corpus):
    rows = department_matrix(*corpus)
    police = _row(rows, "省公安厅")
    assert "shandong-nev-2023:三/三" in police.lead
    assert "shandong-nev-2023:二/四/3" in police.support
    assert [r.name for r in filter_departments(rows, "省工信厅")] == ["省工业和信息化厅"]
    ndrc = _row(rows, "市发展改革委")
    assert "liaocheng-nev-2024:四/九" in ndrc.lead and ndrc.level == "city"
    assert len({r.name for r in rows}) == len(rows)


# ---------------------------------------------------------------- targets
def test_targets_table_rows_and_filters(small):
    docs, clauses = small
    rows = targets_table(docs, clauses)
    by_raw = {r.raw: r for r in rows}
    assert set(by_raw) == {"5万台", "10家", "3000台", "2家"}
    r = by_raw["3000台"]
    assert (r.value, r.unit, r.year, r.doc_number, r.clause_id) == (3000.0, "台", 2026, "临政字〔2024〕5号", "linshui-2024:一/一")
    assert r.lead == ("市发改委",) and "加快建设充电基础设施" in r.breadcrumb and "3000台" in r.sentence
    assert [r.raw for r in targets_table(docs, clauses, doc_id="linshui-2024")] == ["3000台", "2家"]
    assert [r.raw for r in targets_table(docs, clauses, year=2026)] == ["3000台"]
    with pytest.raises(ValueError, match="unknown document id 'nope'"):
        targets_table(docs, clauses, doc_id="nope")
    with pytest.raises(ValueError, match="year"):
        targets_table(docs, clauses, year=25)


def test_targets_on_the_real_corpus(corpus):
    rows = targets_table(*corpus)
    charging = [r for r in rows if r.raw == "2.5万台"]
    assert len(charging) == 1
    c = charging[0]
    assert (c.clause_id, c.year, c.lead, c.doc_number) == ("liaocheng-nev-2024:四/九", 2025, ("市发展改革委",), "聊政字〔2024〕18号")
    output = [r for r in rows if r.raw == "100万辆左右"]
    assert output and output[0].doc_id == "shandong-nev-2023" and output[0].year == 2025
    assert all(r.year == 2025 for r in targets_table(*corpus, year=2025))
    assert not any(r.clause_id.endswith(":导语") for r in rows)  # the news lead-in is not official text


# ---------------------------------------------------------------- export
def test_csv_round_trip_with_bom(small, tmp_path):
    rows = department_matrix(*small)
    path = to_csv(rows, tmp_path / "departments.csv", columns=DEPARTMENT_COLUMNS)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as f:
        back = list(csv.DictReader(f))
    assert list(back[0]) == list(DEPARTMENT_COLUMNS)
    first = next(b for b in back if b["name"] == "省工业和信息化厅")
    assert set(first["aliases"].split("、")) == {"省工信厅", "省工业和信息化厅"}
    assert first["lead_count"] == "2" and first["lead_clauses"] == "hedong-2024:一/1、hedong-2024:一/2"
    assert len(back) == len(rows)


def test_xlsx_round_trip(small, tmp_path):
    rows = targets_table(*small)
    path = to_xlsx(rows, tmp_path / "targets.xlsx", sheet="targets", columns=TARGET_COLUMNS)
    ws = load_workbook(path)["targets"]
    values = list(ws.iter_rows(values_only=True))
    assert list(values[0]) == list(TARGET_COLUMNS)
    records = [dict(zip(values[0], line, strict=True)) for line in values[1:]]
    assert [r["raw"] for r in records] == [r.raw for r in rows]
    assert records[2]["value"] == 3000 and records[2]["year"] == 2026 and records[2]["lead"] == "市发改委"


def test_export_of_an_empty_table_keeps_the_header(tmp_path):
    path = to_csv([], tmp_path / "empty.csv", columns=TARGET_COLUMNS)
    assert path.read_text(encoding="utf-8-sig").strip() == ",".join(TARGET_COLUMNS)
    with pytest.raises(ValueError, match="sheet title"):
        to_xlsx([], tmp_path / "bad.xlsx", sheet="a/b")
    with pytest.raises(ValueError, match="cannot export"):
        to_csv([object()], tmp_path / "bad.csv")


# ---------------------------------------------------------------- CLI
@pytest.fixture(scope="module")
def cli_env(tmp_path_factory, write_corpus):
    """A two-document corpus on disk and a fresh index dir for ``policyqa``."""
    root = tmp_path_factory.mktemp("views_cli")
    corpus = write_corpus(root / "corpus", [
        ("province.txt", PROVINCE_TEXT, {"id": "hedong-2024", "title": "河东省储能产业发展行动计划",
                                         "number": "东政字〔2024〕12号", "level": "province", "region": "河东省"}),
        ("city.txt", CITY_TEXT, {"id": "linshui-2024", "title": "临水市储能产业发展实施方案",
                                 "number": "临政字〔2024〕5号", "level": "city", "region": "临水市"}),
    ])
    return {"POLICYQA_CORPUS_DIR": str(corpus), "POLICYQA_INDEX_DIR": str(root / "index")}


@pytest.fixture
def run_cli(cli_env, policyqa_cli):
    return policyqa_cli(cli_env)


def test_cli_departments(run_cli, tmp_path):
    res = run_cli("departments", "--name", "省工信厅", "--json", "--csv", str(tmp_path / "d.csv"),
                  "--xlsx", str(tmp_path / "d.xlsx"))
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert [d["name"] for d in data["departments"]] == ["省工业和信息化厅"]
    assert data["departments"][0]["by_document"]["hedong-2024"]["lead"] == ["hedong-2024:一/1", "hedong-2024:一/2"]
    assert (tmp_path / "d.csv").exists() and load_workbook(tmp_path / "d.xlsx")["departments"].max_row == 2
    text = run_cli("departments", "--name", "省工信厅")
    assert "牵头\thedong-2024:一/1" in text.stdout
    missing = run_cli("departments", "--name", "海关")
    assert missing.exit_code == 1 and "no department matches" in missing.output


def test_cli_targets(run_cli, tmp_path):
    res = run_cli("targets", "--doc", "linshui-2024", "--year", "2026", "--json", "--csv", str(tmp_path / "t.csv"))
    assert res.exit_code == 0, res.output
    assert [t["raw"] for t in json.loads(res.stdout)["targets"]] == ["3000台"]
    with (tmp_path / "t.csv").open(encoding="utf-8-sig", newline="") as f:
        assert [r["raw"] for r in csv.DictReader(f)] == ["3000台"]
    bad = run_cli("targets", "--doc", "nope")
    assert bad.exit_code == 1 and "unknown document id" in bad.output
