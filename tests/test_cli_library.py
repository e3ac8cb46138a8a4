"""app.cli.library: ``policyqa ingest DIR | remove | replace | mark``, run in process on a copy of the
real corpus and index (``--build`` updates the index incrementally, or undoes the corpus change)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from serve_util import workspace
from test_ingest import NOTICE


@pytest.fixture()
def library(tmp_path: Path, policyqa_cli):
    corpus, index = workspace(tmp_path / "lib")
    run = policyqa_cli({"POLICYQA_CORPUS_DIR": str(corpus), "POLICYQA_INDEX_DIR": str(index),
                        "POLICYQA_BACKEND": "local"})
    return corpus, index, run


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and not p.name.endswith(".lock")}


def _entries(corpus: Path) -> dict[str, dict]:
    return {e["id"]: e for e in tomllib.loads((corpus / "documents.toml").read_text(encoding="utf-8"))["documents"]}


def test_ingest_a_folder_reports_each_file(library, tmp_path: Path):
    corpus, _, run = library
    folder = tmp_path / "incoming"
    (folder / "sub").mkdir(parents=True)
    (folder / "new-plan.txt").write_text("\n".join(NOTICE), encoding="utf-8")
    (folder / "sub" / "same.txt").write_bytes((corpus / "shandong_nev_action_plan_2023.txt").read_bytes())
    (folder / "sub" / "bad.docx").write_bytes(b"PK\x03\x04 not really a docx")
    done = run("ingest", str(folder), "--level", "city", "--json")
    assert done.exit_code == 0, done.output
    report = json.loads(done.output[done.output.index("{"):])
    outcomes = {f["path"]: f["outcome"] for f in report["files"]}
    assert outcomes == {"new-plan.txt": "added", "sub/bad.docx": "refused", "sub/same.txt": "duplicate"}
    assert (report["added"], report["duplicate"], report["refused"]) == (1, 1, 1)
    assert _entries(corpus)["new-plan"]["level"] == "city"
    text = run("ingest", str(folder))
    assert text.exit_code == 1  # nothing added and a file refused
    assert "duplicate  new-plan.txt: the same text is already in the corpus as 'new-plan'" in text.output
    assert "3 files: 0 added, 2 duplicate, 1 refused" in text.output


def test_a_folder_of_refused_files_exits_1(library, tmp_path: Path):
    _, _, run = library
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    done = run("ingest", str(folder))
    assert done.exit_code == 1 and "refused    empty.txt: the file is empty" in done.output


def test_remove_replace_and_mark_with_build(library, tmp_path: Path):
    corpus, index, run = library
    new = tmp_path / "v2.txt"
    new.write_text("\n".join(NOTICE), encoding="utf-8")
    done = run("replace", "liaocheng-nev-2024", str(new), "--build", "--json")
    assert done.exit_code == 0, done.output
    result = json.loads(done.output[done.output.index("{"):])
    assert result["replaced"] == "liaocheng-nev-2024"
    assert 0 < result["index"]["build"]["embedded"] <= 10  # the new text's few clauses only
    done = run("mark", "liaocheng-nev-2024", "--status", "repealed", "--superseded-by", "shandong-nev-2023", "--build")
    assert done.exit_code == 0 and "embedded 0" in done.output, done.output
    assert _entries(corpus)["liaocheng-nev-2024"]["status"] == "repealed"
    done = run("remove", "liaocheng-nev-2024", "--build", "--json")
    assert done.exit_code == 0, done.output
    result = json.loads(done.output[done.output.index("{"):])
    assert result["removed"] == "liaocheng-nev-2024" and result["index"]["build"]["embedded"] == 0
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["document_count"] == 1 and manifest["build"]["removed"] == ["liaocheng-nev-2024"]


def test_without_build_only_the_corpus_changes(library):
    corpus, index, run = library
    manifest = (index / "manifest.json").read_bytes()
    assert run("remove", "liaocheng-nev-2024").exit_code == 0
    assert "liaocheng-nev-2024" not in _entries(corpus)
    assert (index / "manifest.json").read_bytes() == manifest


def test_a_failed_index_update_undoes_the_change(library, monkeypatch: pytest.MonkeyPatch):
    corpus, _, run = library
    monkeypatch.setenv("POLICYQA_BACKEND", "milvus")
    monkeypatch.setenv("POLICYQA_MILVUS_URI", "http://127.0.0.1:1")
    from app.settings import get_settings

    get_settings.cache_clear()
    before = _snapshot(corpus)
    done = run("remove", "liaocheng-nev-2024", "--build")
    assert done.exit_code == 1 and "error: cannot reach Milvus at 'http://127.0.0.1:1'" in done.output
    assert _snapshot(corpus) == before


def test_errors_are_one_line(library):
    _, _, run = library
    for args, message in ((("remove", "nope"), "unknown document id 'nope'"),
                          (("mark", "shandong-nev-2023"), "nothing to change")):
        done = run(*args)
        assert done.exit_code == 1 and done.output.strip() == f"error: {done.output.strip()[7:]}"
        assert message in done.output
    bad = run("mark", "shandong-nev-2023", "--status", "old")  # a fixed set: typer lists the choices
    assert bad.exit_code == 2 and "'old' is not one of 'current', 'repealed'" in bad.output, bad.output
