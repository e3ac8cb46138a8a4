"""rag.ingest.edit: a folder file by file, remove, replace, mark — each one write, undone on failure."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from test_ingest import NOTICE

from rag.ingest.edit import (
    add_files,
    apply_change,
    ingest_folder,
    mark_document,
    remove_document,
    replace_document,
    supported_files,
)
from rag.ingest.stage import DuplicateError


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and not p.name.endswith(".lock")}


def _entries(corpus: Path) -> dict[str, dict]:
    return {e["id"]: e for e in tomllib.loads((corpus / "documents.toml").read_text(encoding="utf-8"))["documents"]}


def _plan(title: str, task: str) -> str:
    return "\n".join([f"济南市人民政府关于印发{title}的通知", "济政字〔2024〕9号", title, "一、重点任务",
                      f"（一）{task}。加快推进相关工作。（牵头单位：市发展改革委）",
                      "（二）强化要素保障。落实用地、资金支持。（牵头单位：市财政局）"])


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """A folder as a user has it: plans in subfolders, a copy, a broken PDF, an empty file, a lock file."""
    root = tmp_path / "incoming"
    (root / "2024" / "city").mkdir(parents=True)
    (root / "plan.txt").write_text(_plan("济南市充电设施建设方案", "建设公共充电设施"), encoding="utf-8")
    (root / "2024" / "city" / "plan.txt").write_text(_plan("济南市换电站建设方案", "建设换电站"), encoding="utf-8")
    (root / "2024" / "copy.md").write_text(_plan("济南市换电站建设方案", "建设换电站"), encoding="utf-8")
    (root / "2024" / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage")
    (root / "2024" / "empty.txt").write_bytes(b"")
    (root / "2024" / "~$plan.docx").write_bytes(b"lock")
    (root / "2024" / "notes.xyz").write_text("not a supported format", encoding="utf-8")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "secret.txt").write_text(_plan("不应读取", "不应读取"), encoding="utf-8")
    return root


def test_supported_files_walks_the_folder(folder: Path):
    names = [p.relative_to(folder).as_posix() for p in supported_files(folder)]
    assert names == ["2024/broken.pdf", "2024/city/plan.txt", "2024/copy.md", "2024/empty.txt", "plan.txt"]


def test_a_folder_is_ingested_file_by_file_with_a_report(folder: Path, corpus_dir: Path):
    change, reports = ingest_folder(folder, corpus_dir, overrides={"level": "city"}, progress=False)
    got = {r.path.as_posix(): (r.outcome, r.detail) for r in reports}
    assert got["2024/city/plan.txt"] == ("added", "plan")
    assert got["plan.txt"] == ("added", "plan-2")  # the same file name twice: the id gets a suffix
    assert got["2024/copy.md"][0] == "duplicate" and "'plan'" in got["2024/copy.md"][1]
    assert got["2024/broken.pdf"][0] == "refused" and "PDF" in got["2024/broken.pdf"][1]
    assert got["2024/empty.txt"] == ("refused", "the file is empty")
    assert [r.clauses for r in reports if r.outcome == "added"] == [3, 3]
    entries = _entries(corpus_dir)
    assert {"plan", "plan-2"} <= set(entries) and entries["plan"]["level"] == "city"
    assert [d.id for d in change.added] == ["plan", "plan-2"]
    # the same folder again: everything is a duplicate or refused, nothing is written
    before = _snapshot(corpus_dir)
    again, reports = ingest_folder(folder, corpus_dir, progress=False)
    assert again is None and {r.outcome for r in reports} == {"duplicate", "refused"}
    assert _snapshot(corpus_dir) == before


def test_a_folder_of_duplicates_of_the_corpus(corpus_dir: Path, tmp_path: Path):
    folder = tmp_path / "again"
    folder.mkdir()
    (folder / "same.txt").write_bytes((corpus_dir / "shandong_nev_action_plan_2023.txt").read_bytes())
    change, reports = ingest_folder(folder, corpus_dir, progress=False)
    assert change is None and reports[0].outcome == "duplicate" and "shandong-nev-2023" in reports[0].detail


def test_remove_and_its_undo(corpus_dir: Path):
    before = _snapshot(corpus_dir)
    change = remove_document(corpus_dir, "liaocheng-nev-2024")
    assert "liaocheng-nev-2024" not in _entries(corpus_dir)
    assert (corpus_dir / "liaocheng_nev_implementation_2024.txt").exists()  # kept until finish()
    change.undo()
    assert _snapshot(corpus_dir) == before
    change = remove_document(corpus_dir, "liaocheng-nev-2024")
    change.finish()
    assert not (corpus_dir / "liaocheng_nev_implementation_2024.txt").exists()
    with pytest.raises(ValueError, match="only document"):
        remove_document(corpus_dir, "shandong-nev-2023")
    with pytest.raises(KeyError, match="unknown document id 'nope'"):
        remove_document(corpus_dir, "nope")


def test_replace_keeps_id_and_hand_set_fields(corpus_dir: Path, tmp_path: Path):
    before = _entries(corpus_dir)["liaocheng-nev-2024"]
    new = tmp_path / "new.txt"
    new.write_text("\n".join(NOTICE), encoding="utf-8")
    change = replace_document(corpus_dir, "liaocheng-nev-2024", new, overrides={"expires": "2030-12-31"})
    change.finish()
    after = _entries(corpus_dir)["liaocheng-nev-2024"]
    assert after["short_name"] == before["short_name"] and after["region"] == before["region"]
    assert after["expires"] == "2030-12-31"
    assert after["file"] != before["file"] and (corpus_dir / after["file"]).read_text(encoding="utf-8") == new.read_text(encoding="utf-8")
    assert not (corpus_dir / before["file"]).exists()
    assert list(_entries(corpus_dir)) == ["shandong-nev-2023", "liaocheng-nev-2024"]  # in place
    with pytest.raises(ValueError, match="already has"):
        replace_document(corpus_dir, "liaocheng-nev-2024", new)
    other = tmp_path / "other.txt"
    other.write_bytes((corpus_dir / "shandong_nev_action_plan_2023.txt").read_bytes())
    with pytest.raises(DuplicateError, match="shandong-nev-2023"):
        replace_document(corpus_dir, "liaocheng-nev-2024", other)


def test_mark_sets_and_clears_the_standing(corpus_dir: Path):
    mark_document(corpus_dir, "liaocheng-nev-2024", status="repealed", superseded_by="shandong-nev-2023")
    entry = _entries(corpus_dir)["liaocheng-nev-2024"]
    assert (entry["status"], entry["superseded_by"]) == ("repealed", "shandong-nev-2023")
    mark_document(corpus_dir, "liaocheng-nev-2024", status="current", expires="2026-06-30")
    entry = _entries(corpus_dir)["liaocheng-nev-2024"]
    assert "status" not in entry and "superseded_by" not in entry and entry["expires"] == "2026-06-30"
    mark_document(corpus_dir, "liaocheng-nev-2024", expires="")
    assert "expires" not in _entries(corpus_dir)["liaocheng-nev-2024"]
    for bad, match in (({"status": "old"}, "status"), ({"expires": "2026/06/30"}, "expires"),
                       ({"superseded_by": "liaocheng-nev-2024"}, "itself"), ({}, "nothing to change")):
        with pytest.raises(ValueError, match=match):
            mark_document(corpus_dir, "liaocheng-nev-2024", **bad)
    with pytest.raises(KeyError):
        mark_document(corpus_dir, "liaocheng-nev-2024", superseded_by="nope")


def test_a_failed_follow_up_leaves_the_corpus_as_it_was(corpus_dir: Path, tmp_path: Path):
    before = _snapshot(corpus_dir)
    new = tmp_path / "new.txt"
    new.write_text("\n".join(NOTICE), encoding="utf-8")

    def broken_rebuild():
        raise RuntimeError("the index could not be built")

    for change in (lambda: add_files([new], corpus_dir), lambda: remove_document(corpus_dir, "liaocheng-nev-2024"),
                   lambda: replace_document(corpus_dir, "liaocheng-nev-2024", new),
                   lambda: mark_document(corpus_dir, "shandong-nev-2023", status="repealed")):
        with pytest.raises(RuntimeError, match="could not be built"):
            apply_change(corpus_dir, change, broken_rebuild)
        assert _snapshot(corpus_dir) == before
    made, result = apply_change(corpus_dir, lambda: remove_document(corpus_dir, "liaocheng-nev-2024"), lambda: "ok")
    assert result == "ok" and made.removed == ["liaocheng-nev-2024"]
