"""Province ↔ city alignment (rag.views.align), its gold-list evaluation (eval.alignment_eval) and
``policyqa align``.

A 省 plan and a 市 plan that cites its 文号 are written here and run through the real chunker,
the bundled e5 model and jieba; the shipped corpus is checked against eval/alignment_gold.jsonl.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.alignment_eval import calibrate, evaluate_alignment, load_gold, score_pairs
from rag.ingest.chunk import chunk_corpus, chunk_document
from rag.ingest.corpus import corpus_checksums, load_manifest
from rag.model import Document
from rag.retrieval.tokenize import Tokenizer, domain_terms
from rag.views.align import (
    DEFAULT_THRESHOLD,
    align,
    find_links,
    score_candidates,
    select_pairs,
    vectors_by_id,
)
from rag.views.align_signals import clause_vectors

REPO = Path(__file__).resolve().parents[1]

PROVINCE_TEXT = """河东省人民政府
东政字〔2024〕12号
河东省人民政府关于印发河东省储能产业发展行动计划的通知
各市人民政府，省政府各部门：
现将《河东省储能产业发展行动计划》印发给你们，请认真贯彻实施。
河东省人民政府
2024年3月1日
河东省储能产业发展行动计划
为加快储能产业发展，制定本行动计划。
一、重点任务
（一）完善充电网络
1.加快建设充电基础设施。推动公共充电桩向乡镇延伸，到2025年全省建成公共充电桩5万台。（牵头单位：省能源局、省工信厅；责任单位：省交通运输厅）
2.培育储能龙头企业。支持企业扩大储能电池产能，到2025年培育储能龙头企业10家。（牵头单位：省工业和信息化厅）
（二）强化创新支撑
1.加强储能人才培养。支持高校开设储能专业，建设一批实训基地。（牵头单位：省教育厅、省人力资源社会保障厅）
2.开展固态电池技术攻关。组建储能创新联合体，开展固态电池关键技术攻关。（牵头单位：省科技厅）
"""
CITY_TEXT = """临水市储能产业发展实施方案
为落实《河东省储能产业发展行动计划》（东政字〔2024〕12号），结合我市实际，制定本方案。
一、完善充电网络
（一）加快建设充电基础设施。在乡镇和交通场站布局公共充电桩，到2025年底前全市建成充电桩3000台。（牵头单位：市能源局；责任单位：市交通运输局）
二、壮大储能企业
（二）培育储能骨干企业。支持本地企业扩大储能电池产能，力争到2025年培育储能骨干企业2家。（牵头单位：市工信局）
（三）开展固态电池技术攻关。支持企业与高校组建创新联合体，攻关固态电池关键技术。（牵头单位：市科技局）
"""
# A city plan of another place that cites nothing: it must not be aligned.
OTHER_TEXT = """北岭市充电设施建设方案
一、主要任务
（一）加快建设充电基础设施。在商业中心建设公共充电桩。（牵头单位：市能源局）
"""
PROVINCE = Document("hedong-2024", "河东省储能产业发展行动计划", "东政字〔2024〕12号", level="province", region="河东省")
CITY = Document("linshui-2024", "临水市储能产业发展实施方案", "临政字〔2024〕5号", level="city", region="临水市")
OTHER = Document("beiling-2024", "北岭市充电设施建设方案", "北政字〔2024〕1号", level="city", region="北岭市")
EXPECTED = {
    ("linshui-2024:一/一", "hedong-2024:一/一/1"),
    ("linshui-2024:二/二", "hedong-2024:一/一/2"),
    ("linshui-2024:二/三", "hedong-2024:一/二/2"),
}


@pytest.fixture(scope="module")
def embedder():
    from rag.index.embed import get_embedder

    return get_embedder("e5")


@pytest.fixture(scope="module")
def small():
    docs = [PROVINCE, CITY, OTHER]
    clauses = (chunk_document(PROVINCE, PROVINCE_TEXT) + chunk_document(CITY, CITY_TEXT)
               + chunk_document(OTHER, OTHER_TEXT))
    return docs, clauses, Tokenizer(domain_terms(clauses))


@pytest.fixture(scope="module")
def corpus(embedder):
    """The shipped corpus, a tokenizer, and e5 vectors: from a fresh built index, else embedded once."""
    from rag.index.manifest import IndexStateError
    from rag.index.store import load_index

    files = load_manifest(REPO / "corpus")
    docs, clauses = chunk_corpus(files)
    try:
        loaded = load_index(REPO / "index", embedder, corpus_checksums(files))
        vectors = vectors_by_id([c.id for c in loaded.clauses], loaded.vectors)
    except IndexStateError:
        vectors = clause_vectors([c for c in clauses if c.kind == "item"], embedder)
    return docs, clauses, vectors, Tokenizer(domain_terms(clauses))


# ---------------------------------------------------------------- document links
def test_links_follow_the_cited_number_and_level(small):
    docs, clauses, _ = small
    links = find_links(docs, clauses)
    assert [(x.lower_doc_id, x.higher_doc_id, x.evidence_clause_id, x.cited) for x in links] == [
        ("linshui-2024", "hedong-2024", "linshui-2024:前言", "东政字〔2024〕12号")]
    # A province plan quoting a city 文号 does not make the city plan the higher one.
    upside = chunk_document(PROVINCE, PROVINCE_TEXT.replace("制定本行动计划。", "参照临政字〔2024〕5号，制定本行动计划。"))
    plain = chunk_document(CITY, CITY_TEXT.replace("《河东省储能产业发展行动计划》（东政字〔2024〕12号）", "省里的计划"))
    assert find_links([PROVINCE, CITY], upside + plain) == []


def test_a_quoted_title_is_enough():
    city = chunk_document(CITY, CITY_TEXT.replace("（东政字〔2024〕12号）", ""))
    links = find_links([PROVINCE, CITY], chunk_document(PROVINCE, PROVINCE_TEXT) + city)
    assert [(x.higher_doc_id, x.cited) for x in links] == [("hedong-2024", "河东省储能产业发展行动计划")]
    nothing = chunk_document(CITY, "临水市方案\n一、任务\n（一）建设充电桩。（牵头单位：市能源局）\n")
    assert find_links([PROVINCE, CITY], chunk_document(PROVINCE, PROVINCE_TEXT) + nothing) == []


# ---------------------------------------------------------------- alignment of the small pair
def test_small_pair_alignment_with_e5(small, embedder):
    docs, clauses, tokenizer = small
    result = align(docs, clauses, embedder=embedder, tokenizer=tokenizer)
    assert {(p.city_clause_id, p.province_clause_id) for p in result.pairs} == EXPECTED
    assert result.gaps == ["hedong-2024:一/二/1"]  # 人才培养 has no city counterpart
    assert result.by_province["hedong-2024:一/一/1"] == ["linshui-2024:一/一"]
    assert result.by_province["hedong-2024:一/二/1"] == []
    assert not any(p.city_clause_id.startswith("beiling") for p in result.pairs)
    charging = result.for_clause("linshui-2024:一/一")
    assert [p.province_clause_id for p in charging] == ["hedong-2024:一/一/1"]
    assert any(r.startswith("对应牵头部门：能源局") for r in charging[0].reasons)
    assert any("充电基础设施" in r for r in charging[0].reasons)
    assert result.for_clause("hedong-2024:一/一/2")[0].city_clause_id == "linshui-2024:二/二"
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert data["gaps"] == ["hedong-2024:一/二/1"] and len(data["pairs"]) == 3


def test_without_vectors_the_lexical_signals_still_align(small):
    docs, clauses, tokenizer = small
    result = align(docs, clauses, None, tokenizer=tokenizer)
    assert {(p.city_clause_id, p.province_clause_id) for p in result.pairs} == EXPECTED
    assert all("dense" not in p.features for p in result.pairs)


def test_nothing_to_align_without_a_citation(small):
    docs, clauses, tokenizer = small
    only_other = [c for c in clauses if c.doc_id != "linshui-2024"]
    result = align(docs, only_other, None, tokenizer=tokenizer)
    assert result.pairs == () and result.links == () and result.gaps == []


def test_bad_parameters_are_refused(small):
    docs, clauses, tokenizer = small
    with pytest.raises(ValueError, match="threshold"):
        align(docs, clauses, None, tokenizer=tokenizer, threshold=1.5)
    with pytest.raises(ValueError, match="max_per_clause"):
        select_pairs([], max_per_clause=0)
    with pytest.raises(ValueError, match="allowed keys"):
        align(docs, clauses, None, tokenizer=tokenizer, weights={"colour": 1.0})
    with pytest.raises(ValueError, match="pair up"):
        vectors_by_id(["a"], __import__("numpy").zeros((2, 3)))


# ---------------------------------------------------------------- the shipped corpus
def test_gold_precision_and_recall(corpus):
    docs, clauses, vectors, tokenizer = corpus
    result = align(docs, clauses, vectors, tokenizer=tokenizer)
    metrics = evaluate_alignment(result)
    assert metrics["precision"] >= 0.8 and metrics["recall"] >= 0.8, metrics
    assert metrics["required"] >= 15
    pairs = {(p.city_clause_id, p.province_clause_id) for p in result.pairs}
    assert ("liaocheng-nev-2024:四/九", "shandong-nev-2023:二/六/1") in pairs  # charging
    assert ("liaocheng-nev-2024:八/十七", "shandong-nev-2023:二/四/1") in pairs  # 下乡
    assert "shandong-nev-2023:二/一/1" in result.gaps  # 乘用车: nothing in the city plan
    assert [x.cited for x in result.links] == ["鲁政字〔2023〕236号"]


def test_default_threshold_lies_in_the_calibrated_range(corpus):
    docs, clauses, vectors, tokenizer = corpus
    _, tasks, candidates = score_candidates(docs, clauses, vectors, tokenizer=tokenizer)
    assert len(tasks) == len({c.id for c in clauses if c.doc_id == "shandong-nev-2023" and c.kind == "item"})
    cal = calibrate(candidates)
    assert cal["good"] is not None
    low, high = cal["good"]
    assert low <= DEFAULT_THRESHOLD <= high


def test_gold_list_refers_to_real_clauses(corpus):
    _, clauses, _, _ = corpus
    ids = {c.id for c in clauses}
    gold = load_gold()
    assert gold.pair_count >= 15
    named = set(gold.required) | set(gold.gaps) | {p for ps in gold.acceptable.values() for p in ps}
    assert named <= ids, named - ids
    assert not gold.gaps & {p for ps in gold.required.values() for p in ps}


def test_score_pairs_counts_acceptable_and_gaps(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"city": "c:1", "province": ["p:1"], "also": ["p:2"]}\n'
                    '{"city": "c:2", "province": ["p:3", "p:4"]}\n{"gaps": ["p:5"]}\n', encoding="utf-8")
    gold = load_gold(path)
    m = score_pairs([("c:1", "p:1"), ("c:1", "p:2"), ("c:2", "p:3"), ("c:2", "p:5"), ("c:9", "p:1")], gold,
                    gaps=["p:4", "p:5", "p:6"])
    assert (m["predicted"], m["correct"], m["found"]) == (4, 3, 2)
    assert m["precision"] == 0.75 and m["recall"] == 2 / 3
    assert m["gap_precision"] == 0.5 and m["gap_recall"] == 1.0
    path.write_text('{"city": "c:1"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="needs 'city'"):
        load_gold(path)


# ---------------------------------------------------------------- CLI
def test_cli_align(tmp_path, write_corpus, policyqa_cli):
    corpus = write_corpus(tmp_path / "corpus", [
        ("province.txt", PROVINCE_TEXT, {"id": "hedong-2024", "title": "河东省储能产业发展行动计划",
                                         "number": "东政字〔2024〕12号", "level": "province"}),
        ("city.txt", CITY_TEXT, {"id": "linshui-2024", "title": "临水市储能产业发展实施方案",
                                 "number": "临政字〔2024〕5号", "level": "city"}),
    ])
    run = policyqa_cli({"POLICYQA_CORPUS_DIR": str(corpus), "POLICYQA_INDEX_DIR": str(tmp_path / "index")})
    res = run("align", "--json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert {(p["city_clause_id"], p["province_clause_id"]) for p in data["pairs"]} == EXPECTED
    assert data["gaps"] == ["hedong-2024:一/二/1"]
    assert data["pairs"][0]["province_breadcrumb"].endswith("1.加快建设充电基础设施")
    text = run("align")
    assert text.exit_code == 0 and "↳ hedong-2024:一/一/1" in text.stdout and "一/二/1" in text.stdout


def test_run_alignment_eval_gives_a_report_section(corpus):
    from eval.alignment_eval import run_alignment_eval

    docs, clauses, vectors, tokenizer = corpus
    result = run_alignment_eval(docs, clauses, vectors, tokenizer=tokenizer)
    assert result["precision"] >= 0.8 and result["recall"] >= 0.8
    assert "| threshold | relative | precision | recall |" in result["markdown"]


def test_the_eval_report_carries_the_alignment_section(corpus):
    from types import SimpleNamespace

    from eval.runner import _alignment_eval

    docs, clauses, vectors, tokenizer = corpus
    service = SimpleNamespace(documents=docs, clauses=clauses, tokenizer=tokenizer, clause_vectors=lambda: vectors)
    result = _alignment_eval(service)
    assert result["precision"] >= 0.8 and result["recall"] >= 0.8
    assert result["markdown"].startswith("## Province ↔ city alignment")
    # a corpus without the gold list's clauses (another city's plans) gets no such section
    assert _alignment_eval(SimpleNamespace(documents=docs, clauses=clauses[:3], tokenizer=tokenizer,
                                           clause_vectors=lambda: vectors)) is None
