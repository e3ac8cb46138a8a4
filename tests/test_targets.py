"""Quantitative targets: value, unit, deadline year, sentence; no years, dates, 文号, numbering."""

from __future__ import annotations

import pytest

from rag.ingest.normalize import normalize_text
from rag.ingest.targets import extract_targets


def _triples(text: str) -> list[tuple[float, str, int | None, str]]:
    return [(t.value, t.unit, t.year, t.raw) for t in extract_targets(text)]


def test_targets_with_deadlines():
    text = "到2025年，全省新能源汽车产量力争达到100万辆左右，排名跻身全国前五位。"
    assert _triples(text) == [(100.0, "万辆", 2025, "100万辆左右")]
    assert extract_targets(text)[0].text == text
    pdf = normalize_text("力争到２０２５年年底前,建成充电基础设施２．５万台.")
    assert _triples(pdf) == [(2.5, "万台", 2025, "2.5万台")]
    assert _triples("力争到2025年年底前，新能源客车产量达到4000辆。") == [(4000.0, "辆", 2025, "4000辆")]


def test_targets_without_deadline():
    text = "按照15%的优惠税率缴纳企业所得税；单户企业最高支持500万元。每年推动30家以上企业合作。"
    assert _triples(text) == [(15.0, "%", None, "15%"), (500.0, "万元", None, "500万元"), (30.0, "家", None, "30家以上")]


def test_deadline_carries_to_later_sentences_of_the_paragraph():
    text = "到2025年，保有量达到240万辆左右。公共充电基础设施达到18万台。\n每年举办60场以上活动。"
    assert [t.year for t in extract_targets(text)] == [2025, 2025, None]


@pytest.mark.parametrize(
    "text",
    [
        "2023年12月26日，省政府印发通知。",
        "根据《通知》（鲁政字〔2023〕236号）要求。",
        "1.快速做大乘用车规模。",
        "开发满足L3、L4自动驾驶需求的解决方案，探索V2G应用。",
        "聚焦汽车电子等6个关键领域。",
        "第3条规定了补贴办法。",
    ],
)
def test_no_false_targets(text: str):
    assert extract_targets(text) == ()


def test_count_words_with_a_verb_are_targets():
    assert _triples("力争到2025年年底前，新增市级以上创新平台5个左右。") == [(5.0, "个", 2025, "5个左右")]


def test_people_and_places_built_or_trained_are_targets():
    assert [t.raw for t in extract_targets("组建30人的县级茶叶科技特派员队伍，每年培训茶农2000人。")] == ["30人", "2000人"]
    assert [t.raw for t in extract_targets("三年新建改建产地冷藏保鲜设施300个以上。")] == ["300个以上"]


def test_bad_input():
    with pytest.raises(ValueError):
        extract_targets(None)  # type: ignore[arg-type]


def test_targets_in_traditional_script_are_read_and_kept_as_written():
    found = extract_targets("4.發展鄉村旅遊。到2027年，青溪區培育鄉村旅遊重點村12個，對評為甲級旅遊民宿的給予30萬元獎勵。")
    assert [(t.value, t.unit, t.year, t.raw) for t in found] == [(12.0, "個", 2027, "12個"), (30.0, "萬元", 2027, "30萬元")]
    assert found[0].text == "到2027年，青溪區培育鄉村旅遊重點村12個，對評為甲級旅遊民宿的給予30萬元獎勵。"


def test_trains_run_are_counted_in_lie():
    found = extract_targets("常态化开行冷链班列，到2027年冷链班列年开行量达到120列。")
    assert [(t.value, t.unit, t.year) for t in found] == [(120.0, "列", 2027)]


def test_a_bare_number_beside_a_target_takes_no_unit_of_it():
    # (85 of 85万标准箱, a unit the reader does not know, is not 85% because 15% follows)
    found = extract_targets("到2026年，港口集装箱吞吐量达到85万标准箱，铁水联运量年均增长15%以上。")
    assert [(t.raw, t.unit) for t in found] == [("15%以上", "%")]
