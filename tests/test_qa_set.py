"""The QA set is well-formed, covers what the issue asks, and its gold exists in the chunker's output.

The gold-id checks run the real chunker on the real corpus; a failure there names the ids the
chunker does not produce (a set typo or a chunker naming bug — read which before fixing).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from eval.metrics import fold
from eval.qaset import INTENTS, load_qa
from eval.runner import DEFAULT_SET

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def items():
    return load_qa(DEFAULT_SET)


@pytest.fixture(scope="module")
def chunked():
    chunk = pytest.importorskip("rag.ingest.chunk")
    from rag.ingest.corpus import load_manifest

    return chunk.chunk_corpus(load_manifest(ROOT / "corpus"))


def test_schema_and_size(items):
    assert len(items) >= 80
    assert len({i["id"] for i in items}) == len(items)
    assert len({i["question"] for i in items}) == len(items)
    assert sum(not i["answerable"] for i in items) >= 8


def test_coverage(items):
    answerable = [i for i in items if i["answerable"]]
    per_intent = Counter(i["intent"] for i in answerable)
    assert set(per_intent) == set(INTENTS)
    assert min(per_intent.values()) >= 6, per_intent
    assert set(Counter(i["user"] for i in items)) == {"enterprise", "official", "evaluator"}
    per_doc = Counter(d for i in answerable for d in i["docs"])
    assert per_doc["shandong-nev-2023"] >= 30 and per_doc["liaocheng-nev-2024"] >= 30
    assert sum(len(i["docs"]) == 2 for i in answerable) >= 10
    assert sum("paraphrase" in i.get("tags", []) for i in items) >= 25
    alignment = [i for i in answerable if i["intent"] == "alignment"]
    assert all(len(i["docs"]) == 2 for i in alignment)


def test_docs_field_matches_gold(items):
    for i in items:
        assert sorted(i["docs"]) == sorted({g.split(":", 1)[0] for g in i["gold_clause_ids"]}), i["id"]


def test_known_documents(items):
    from rag.ingest.corpus import load_manifest

    known = {f.document.id for f in load_manifest(ROOT / "corpus")}
    assert {d for i in items for d in i["docs"]} <= known


def test_gold_ids_exist_in_chunker_output(items, chunked):
    _, clauses = chunked
    ids = {c.id for c in clauses}
    missing = sorted({(i["id"], g) for i in items for g in i["gold_clause_ids"] if g not in ids})
    assert not missing, f"gold ids the chunker does not produce: {missing}"


def test_keywords_occur_in_a_gold_clause(items, chunked):
    _, clauses = chunked
    text = {c.id: fold(c.text) for c in clauses}
    bad = [(i["id"], kw) for i in items for kw in i["gold_keywords"]
           if not any(fold(kw) in text.get(g, "") for g in i["gold_clause_ids"])]
    assert not bad, f"keywords found in none of their gold clauses: {bad}"


def test_baseline_on_the_real_corpus(items, chunked):
    from eval.baseline import run_baseline
    from rag.ingest.corpus import load_manifest

    _, clauses = chunked
    raw = {f.document.id: f.read_text() for f in load_manifest(ROOT / "corpus")}
    res = run_baseline(raw, clauses, items)
    assert res["n"] == sum(i["answerable"] for i in items)
    assert res["unknown_gold"] == []
    assert 0.0 < res["hit@1"] <= res["hit@5"] <= 1.0
    assert 0.0 < res["mrr@10"] <= 1.0


# ---------------------------------------------------------------- the generality set
GENERALITY = ROOT / "eval" / "generality"


def test_generality_set_gold_exists_in_its_own_corpus():
    """``eval/generality``: three plans in other styles (若干措施, 第一章/第一条 办法, Markdown)
    with their own questions; every gold id is a clause of them, every keyword is in a gold clause."""
    from rag.ingest.chunk import chunk_corpus
    from rag.ingest.corpus import load_manifest

    items = load_qa(GENERALITY / "qa.jsonl")
    _, clauses = chunk_corpus(load_manifest(GENERALITY))
    # its units (also those a shared closing note or a 下同 gives it) are facts of the clause too
    text = {c.id: fold(c.text + "".join((*c.lead, *c.support, *c.support_inherited))) for c in clauses}
    assert len(items) >= 30 and sum(not i["answerable"] for i in items) >= 5
    assert not [g for i in items for g in i["gold_clause_ids"] if g not in text]
    bad = [(i["id"], kw) for i in items for kw in i["gold_keywords"]
           if not any(fold(kw) in text[g] for g in i["gold_clause_ids"])]
    assert not bad, f"keywords found in none of their gold clauses: {bad}"


# ---------------------------------------------------------------- the blind set
BLIND = ROOT / "eval" / "blind"


def test_blind_set_is_frozen():
    """``eval/blind`` was written before the code it measures changed; its files must stay as
    written (``FROZEN.sha256``), or its before → after figures mean nothing."""
    import hashlib

    listed = dict(line.split()[::-1] for line in (BLIND / "FROZEN.sha256").read_text().splitlines())
    on_disk = {f"./{p.relative_to(BLIND).as_posix()}" for p in BLIND.rglob("*") if p.is_file()} - {
        "./README.md", "./FROZEN.sha256", "./report.md"}
    assert on_disk == set(listed)
    changed = [f for f, digest in listed.items() if hashlib.sha256((BLIND / f).read_bytes()).hexdigest() != digest]
    assert not changed, f"frozen blind files changed: {changed}"


def test_blind_set_is_a_valid_user_set():
    """The blind questions are in the evaluators' format (gold by quoted phrase): 60+ questions,
    10+ unanswerable, every answerable one with a quote."""
    items = load_qa(BLIND / "qa" / "qa.jsonl")
    assert len(items) >= 60 and sum(not i["answerable"] for i in items) >= 10
    assert all(i["gold_quotes"] for i in items if i["answerable"])


@pytest.mark.parametrize("fence", ["json", "csv"])
def test_readme_examples_of_a_users_set_load_and_resolve(tmp_path, chunked, fence):
    """README's "Bring your own QA set" examples are a valid set on the shipped corpus."""
    from eval.qaset import resolve_quotes

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Bring your own QA set"):]
    block = section[section.index(f"```{fence}\n") + len(fence) + 4:]
    block = block[:block.index("```")]
    path = tmp_path / ("set.jsonl" if fence == "json" else "set.csv")
    path.write_text(block, encoding="utf-8")
    _, clauses = chunked
    resolved = resolve_quotes(load_qa(path), clauses)
    assert [item["answerable"] for item in resolved][-1] is False
    for item in resolved[:-1]:
        assert "liaocheng-nev-2024:四/九" in item["gold_clause_ids"]
        gold = next(c for c in clauses if c.id == "liaocheng-nev-2024:四/九")
        assert all(fold(k) in fold(gold.text) for k in item["gold_keywords"])


def test_a_quote_of_a_documents_own_data_names_the_document():
    from types import SimpleNamespace

    from eval.qaset import normalize_item, resolve_quotes

    clauses = [SimpleNamespace(id="p:一", doc_id="p", text="一、总体要求。坚持养老服务提质增效。"),
               SimpleNamespace(id="p:二", doc_id="p", text="二、重点任务。建设社区食堂。")]
    documents = [SimpleNamespace(id="p", title="关于做好养老服务工作的通知", number="桥政办发〔2024〕31号",
                                 issuer="桥头区人民政府办公室", date="2024-06-14")]
    item = normalize_item({"question": "文号是多少？", "gold_quotes": ["桥政办发〔2024〕31号"],
                           "gold_keywords": ["31号"]}, 1)
    assert resolve_quotes([item], clauses, documents)[0]["gold_clause_ids"] == ["p:一"]
    with pytest.raises(ValueError, match="no clause"):
        resolve_quotes([item], clauses)  # without the documents, nothing holds it


def test_a_quote_copied_across_a_tables_cells_names_the_row_holding_every_cell():
    from types import SimpleNamespace

    from eval.qaset import normalize_item, resolve_quotes

    clauses = [SimpleNamespace(id="p:四/6", doc_id="p", text="6. 黑臭水体排查整治（牵头单位：县生态环境局；完成时限：2027年底前）"),
               SimpleNamespace(id="p:三", doc_id="p", text="（三）整治黑臭水体。由县生态环境局组织验收。")]
    for quote in ("黑臭水体排查整治  县生态环境局", "| 黑臭水体排查整治 | 县生态环境局 |"):
        item = normalize_item({"question": "谁牵头？", "gold_quotes": [quote], "gold_keywords": ["县生态环境局"]}, 1)
        assert resolve_quotes([item], clauses)[0]["gold_clause_ids"] == ["p:四/6"]
    # one cell copied with its bars names the row holding it
    item = normalize_item({"question": "谁牵头？", "gold_quotes": ["| 县生态环境局； |"], "gold_keywords": ["县生态环境局"]}, 1)
    assert resolve_quotes([item], clauses)[0]["gold_clause_ids"] == ["p:四/6"]
    item = normalize_item({"question": "谁牵头？", "gold_quotes": ["整治黑臭水体  县水利局"], "gold_keywords": ["县水利局"]}, 1)
    with pytest.raises(ValueError, match="no clause"):
        resolve_quotes([item], clauses)  # no one clause holds every cell
