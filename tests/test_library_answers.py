"""Answers over a library of many regions: the shipped plans plus three generated city plans.

A question that names no place is answered per region, the most relevant regions first and at
most three of them, with a line saying how many more regions' documents hold related clauses; a
``regions`` filter (API ``region``) narrows the answer to the region asked for.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rag.retrieval.base import Filter

REPO = Path(__file__).resolve().parents[1]
CITIES = (("潍坊市", "潍政字〔2024〕7号", "市发展改革委"), ("临沂市", "临政发〔2024〕12号", "市能源局"),
          ("德州市", "德政字〔2024〕31号", "市住房城乡建设局"))


def city_plan(city: str, number: str, lead: str) -> str:
    """A city implementation plan in the shape governments publish, naming ``lead`` for charging."""
    return "\n".join([
        f"{city}人民政府关于印发{city}新能源汽车产业发展实施方案的通知", number,
        "各县（市、区）人民政府，市政府各部门：", f"现将《{city}新能源汽车产业发展实施方案》印发给你们，请认真贯彻执行。",
        f"{city}人民政府", "2024年3月1日", "", f"{city}新能源汽车产业发展实施方案", "",
        "一、主要目标", f"到2026年，{city}新能源汽车产量达到5万辆，建成公共充电桩8000个。",
        "二、重点任务",
        f"（一）加快充电基础设施建设。在高速公路服务区、公共停车场和居民小区建设公共充电桩，"
        f"推动充电设施互联互通。（{lead}牵头，市自然资源和规划局、市交通运输局按职责分工负责）",
        "（二）推广新能源公交车。更新城市公交车辆，新增和更新公交车全部使用新能源汽车。"
        "（市交通运输局牵头，市财政局按职责分工负责）",
        "三、保障措施", "（一）加强组织领导。建立工作专班，统筹推进各项任务落实。（市工业和信息化局牵头）",
    ])


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    from rag.ingest.edit import add_files, apply_change
    from rag.service import PolicyQA

    root = tmp_path_factory.mktemp("mixed")
    corpus = root / "corpus"
    shutil.copytree(REPO / "corpus", corpus)
    for city, number, lead in CITIES:
        path = root / f"{city}.txt"
        path.write_text(city_plan(city, number, lead), encoding="utf-8")
        apply_change(corpus, lambda p=path, c=city: add_files([p], corpus, level="city", region=c))
    with PolicyQA.open(corpus, root / "index") as opened:
        yield opened


def test_a_question_naming_no_place_is_answered_per_region_and_capped(library):
    answer = library.ask("哪个部门牵头充电基础设施建设")
    text = answer.answer
    named = [r for r in ("山东省", "聊城市", "潍坊市", "临沂市", "德州市") if f"{r}：" in text]
    assert len(named) == 3, text
    assert "另有2个地区的文件也有相关条款" in text, text
    assert all(r in text.split("另有")[1] for r in {"山东省", "聊城市", "潍坊市", "临沂市", "德州市"} - set(named))
    regions = {library.document(h.clause.doc_id).region for h in answer.citations}
    assert set(named) <= regions


def test_a_region_filter_narrows_the_answer(library):
    answer = library.ask("哪个部门牵头充电基础设施建设", where=Filter(regions=frozenset({"临沂市"})))
    assert "市能源局牵头" in answer.answer, answer.answer
    assert "另有" not in answer.answer
    assert {library.document(h.clause.doc_id).region for h in answer.citations} == {"临沂市"}


def test_a_question_naming_a_place_needs_no_filter(library):
    answer = library.ask("德州市充电基础设施建设由哪个部门牵头")
    assert "市住房城乡建设局牵头" in answer.answer and "另有" not in answer.answer, answer.answer


@pytest.fixture(scope="module")
def tourism(tmp_path_factory):
    """The shipped plans plus a province tourism plan whose task names 菏泽 and 威海 in a sentence,
    while the province's vehicle plan has a 专栏 line-item for each of them."""
    from rag.ingest.edit import add_files, apply_change
    from rag.service import PolicyQA

    root = tmp_path_factory.mktemp("tourism")
    corpus = root / "corpus"
    shutil.copytree(REPO / "corpus", corpus)
    path = root / "tourism.txt"
    path.write_text("\n".join([
        "山东省文化旅游融合发展行动方案", "一、重点任务",
        "（一）发展房车露营旅游。菏泽依托黄河故道建设房车露营地3处；威海依托海岸线打造滨海露营线路。"
        "（省文化和旅游厅牵头）",
        "（二）培育节庆品牌。办好国际牡丹文化旅游节和海洋文化节，延长节庆消费链条。（省文化和旅游厅牵头）",
    ]), encoding="utf-8")
    apply_change(corpus, lambda: add_files([path], corpus, level="province", region="山东省"))
    with PolicyQA.open(corpus, root / "index") as opened:
        yield opened


def test_a_place_s_line_item_on_another_subject_is_not_the_answer(tourism):
    answer = tourism.ask("菏泽在房车露营方面打算建什么？")
    assert "房车露营地" in answer.answer and "电驱动" not in answer.answer, answer.answer
    on_subject = tourism.ask("菏泽在全省新能源汽车产业里分到的是啥活？")
    assert "三合一电驱动系统" in on_subject.answer, on_subject.answer
