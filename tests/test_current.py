"""rag.retrieval.current and its use in rag.service: documents in force rank first, and an answer
citing a repealed or expired one says so.

The service tests build a small real corpus in which a new plan repeals the old one in its own
words (…同时废止) and a third plan's 有效期 has run out.
"""

from __future__ import annotations

import pytest

from rag.model import Clause, Document, Hit
from rag.retrieval.current import CurrentFirst, outdated_note

OLD = Document(id="old", title="甲市旧方案", status="repealed", superseded_by="new")
NEW = Document(id="new", title="甲市新方案", short_name="新方案")
LAPSED = Document(id="lapsed", title="甲市过期方案", expires="2021-12-31")


def _hit(doc_id: str, n: int, score: float | None = None) -> Hit:
    return Hit(Clause(id=f"{doc_id}:{n}", doc_id=doc_id, path=(), title="", text="x"),
               score=1.0 / n if score is None else score, rank=n)


def test_in_force():
    assert NEW.in_force("2025-01-01")
    assert not OLD.in_force("2025-01-01")
    assert not Document(id="s", title="t", superseded_by="new").in_force("2025-01-01")
    assert LAPSED.in_force("2021-12-31") and not LAPSED.in_force("2022-01-01")


def test_hits_of_documents_not_in_force_yield_to_current_ones_of_comparable_relevance():
    hits = [_hit("old", 1, 1.0), _hit("new", 2, 0.9), _hit("lapsed", 3, 0.5), _hit("new", 4, 0.1)]
    search = CurrentFirst(lambda *a, **k: list(hits), [OLD, NEW, LAPSED], today=lambda: "2025-06-01")
    got = search("q", 4)
    # demoted, never dropped: a far better old clause still outranks a weak current one
    assert [h.clause.id for h in got] == ["new:2", "old:1", "lapsed:3", "new:4"]
    assert [h.rank for h in got] == [1, 2, 3, 4]
    assert search.outdated() == {"old", "lapsed"}
    # Nothing outdated among the hits: the very same list comes back.
    only_new = [_hit("new", 1)]
    assert CurrentFirst(lambda *a, **k: only_new, [OLD, NEW])("q") is only_new


def test_a_plan_drops_behind_the_day_after_its_term_ends():
    today = ["2021-12-31"]
    search = CurrentFirst(lambda *a, **k: [_hit("lapsed", 1, 1.0), _hit("new", 2, 0.8)], [NEW, LAPSED],
                          today=lambda: today[0])
    assert search("q")[0].clause.doc_id == "lapsed"
    today[0] = "2022-01-01"
    assert search("q")[0].clause.doc_id == "new"


def test_outdated_note_names_the_documents():
    docs = {d.id: d for d in (OLD, NEW, LAPSED)}
    note = outdated_note([_hit("new", 1), _hit("old", 2), _hit("lapsed", 3)], docs, "2025-06-01")
    assert note == "注：所引《甲市旧方案》已废止（已由《新方案》取代）；《甲市过期方案》已于2021-12-31到期，请以现行文件为准。"
    assert outdated_note([_hit("new", 1)], docs, "2025-06-01") == ""


# ----------------------------------------------------------------- through the service

OLD_TEXT = """甲市人民政府关于印发甲市充电设施旧方案的通知
甲政发〔2019〕3号
甲市充电设施旧方案
一、重点任务
（一）建设公共充电基础设施。在城区新建公共充电桩。（牵头单位：市发展改革委）
（二）推广氢燃料电池船舶。开展内河氢燃料电池船舶示范应用。（牵头单位：市交通运输局）
"""
NEW_TEXT = """甲市人民政府关于印发甲市充电设施新方案的通知
甲政发〔2024〕8号
甲市充电设施新方案
一、重点任务
（一）建设公共充电基础设施。在城区和乡镇新建公共充电桩。（牵头单位：市能源局）
（二）完善充电服务。提升充电设施运营服务水平。（牵头单位：市能源局）
二、附则
本方案自印发之日起施行。《甲市充电设施旧方案》（甲政发〔2019〕3号）同时废止。
"""
LAPSED_TEXT = """甲市人民政府关于印发甲市换电试点方案的通知
甲政发〔2020〕5号
甲市换电试点方案
一、重点任务
（一）开展换电模式试点。在出租车领域推广换电模式。（牵头单位：市交通运输局）
二、附则
本方案自2020年1月1日起施行，有效期2年。
"""


@pytest.fixture(scope="module")
def qa(tmp_path_factory):
    from rag.ingest.edit import add_files, apply_change
    from rag.service import PolicyQA

    root = tmp_path_factory.mktemp("current")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "documents.toml").write_text("# a small library\n", encoding="utf-8")
    for name, text in (("old.txt", OLD_TEXT), ("lapsed.txt", LAPSED_TEXT), ("new.txt", NEW_TEXT)):
        path = root / name
        path.write_text(text, encoding="utf-8")
        apply_change(corpus, lambda p=path: add_files([p], corpus, level="city", region="甲市"))
    with PolicyQA.open(corpus, root / "index") as opened:
        yield opened


def test_ingest_read_the_standing_from_the_texts(qa):
    old, lapsed, new = (qa.document(i) for i in ("old", "lapsed", "new"))
    assert (old.status, old.superseded_by) == ("repealed", "new")  # 《…旧方案》…同时废止
    assert lapsed.expires == "2021-12-31"  # 自2020年1月1日起施行，有效期2年
    assert new.in_force("2025-01-01") and not old.in_force("2025-01-01") and not lapsed.in_force("2025-01-01")
    text = (qa.corpus_dir / "documents.toml").read_text(encoding="utf-8")
    assert text.startswith("# a small library\n")  # the manifest's comments survive the edits


def test_search_ranks_documents_in_force_first(qa):
    hits = qa.search("公共充电基础设施建设", top_k=5).hits
    docs = [h.clause.doc_id for h in hits]
    assert "old" in docs and docs.index("new") < docs.index("old")
    assert all(d == "new" for d in docs[: docs.index("old")])
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))


def test_an_answer_citing_a_repealed_plan_says_so(qa):
    answer = qa.ask("氢燃料电池船舶由哪个部门牵头")
    assert any(h.clause.doc_id == "old" for h in answer.citations), answer
    assert answer.answer.endswith("注：所引《甲市充电设施旧方案》已废止（已由《甲市充电设施新方案》取代），请以现行文件为准。")


def test_an_answer_from_plans_in_force_has_no_note(qa):
    answer = qa.ask("完善充电服务由哪个部门牵头")
    assert answer.citations and all(h.clause.doc_id == "new" for h in answer.citations[:1])
    if all(qa.document(h.clause.doc_id).in_force("2025-01-01") for h in answer.citations):
        assert "注：" not in answer.answer


def test_the_api_shows_the_standing(qa):
    from app.http.schemas import document_to_dict

    shown = document_to_dict(qa.document("old"))
    assert shown["status"] == "repealed" and shown["superseded_by"] == "new" and shown["in_force"] is False


