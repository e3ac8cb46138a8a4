"""rag.ingest.corpus_write: documents.toml edited in one atomic write, comments kept."""

from __future__ import annotations

import tomllib

import pytest

from rag.ingest.corpus_write import edited_manifest, entry_of
from rag.model import Document

MANIFEST = """# Corpus manifest: one [[documents]] table per raw file.
# Kept by hand; `policyqa ingest` appends.

[[documents]]
id = "a"
title = "甲"
file = "a.txt"

# b came later
[[documents]]
id = "b"
title = "乙"
level = "city"
file = "b.txt"
"""


def _ids(text: str) -> list[str]:
    return [e["id"] for e in tomllib.loads(text)["documents"]]


def test_update_merges_fields_keeps_comments_and_puts_file_last():
    text = edited_manifest(MANIFEST, updates={"a": {"status": "repealed", "superseded_by": "b"}})
    assert text.startswith("# Corpus manifest")
    assert "# b came later" in text
    entry = tomllib.loads(text)["documents"][0]
    assert entry == {"id": "a", "title": "甲", "status": "repealed", "superseded_by": "b", "file": "a.txt"}
    assert list(entry)[-1] == "file"
    back = edited_manifest(text, updates={"a": {"status": None, "superseded_by": None}})
    assert tomllib.loads(back)["documents"][0] == {"id": "a", "title": "甲", "file": "a.txt"}


def test_remove_and_append():
    added = entry_of(Document(id="c", title="丙", level="county", region="丙县", expires="2027-12-31"), "c.txt")
    text = edited_manifest(MANIFEST, added=[added], removed=["a"])
    assert _ids(text) == ["b", "c"]
    assert text.startswith("# Corpus manifest")
    assert tomllib.loads(text)["documents"][1]["expires"] == "2027-12-31"
    assert "status" not in tomllib.loads(text)["documents"][1]  # defaults are not written


def test_unknown_ids_are_refused():
    with pytest.raises(KeyError, match="'zzz'"):
        edited_manifest(MANIFEST, removed=["zzz"])
    with pytest.raises(KeyError):
        edited_manifest(MANIFEST, updates={"zzz": {"status": "repealed"}})


def test_an_empty_or_comment_only_manifest_takes_new_entries():
    entry = entry_of(Document(id="a", title="甲"), "a.txt")
    assert _ids(edited_manifest("", added=[entry])) == ["a"]
    text = edited_manifest("# only a comment\n", added=[entry])
    assert text.startswith("# only a comment\n") and _ids(text) == ["a"]


def test_another_toml_shape_is_rewritten_whole():
    inline = 'documents = [{id = "a", title = "甲", file = "a.txt"}, {id = "b", title = "乙", file = "b.txt"}]\n'
    text = edited_manifest(inline, removed=["a"], updates={"b": {"level": "city"}})
    assert tomllib.loads(text)["documents"] == [{"id": "b", "title": "乙", "level": "city", "file": "b.txt"}]
