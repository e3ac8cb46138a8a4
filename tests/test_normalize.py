"""Normalizer: width folding, Chinese punctuation, page marks, line joining, offset map."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.ingest.normalize import _fold, normalize, normalize_query, normalize_text

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"


@pytest.fixture(scope="module")
def liaocheng_raw() -> str:
    return (CORPUS / "liaocheng_nev_implementation_2024.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def shandong_raw() -> str:
    return (CORPUS / "shandong_nev_action_plan_2023.txt").read_text(encoding="utf-8")


def test_width_folding_keeps_decimals_and_percent():
    assert normalize_text("建成充电基础设施２．５万台，配套率达到３０％。") == "建成充电基础设施2.5万台，配套率达到30%。"
    assert normalize_text("到２０２５年年底前") == "到2025年年底前"
    assert normalize_text("ＳＵＶ和ＭＰＶ") == "SUV和MPV"


def test_half_width_punctuation_in_chinese_context_is_restored():
    raw = "(一)扩大规模.实行定制化生产,进一步扩大产销规模.(牵头单位:市工业和信息化局;责任单位:市科技局)"
    assert normalize_text(raw) == (
        "（一）扩大规模。实行定制化生产，进一步扩大产销规模。（牵头单位：市工业和信息化局；责任单位：市科技局）"
    )
    assert normalize_text("现将«实施方案»印发给你们") == "现将《实施方案》印发给你们"


def test_ascii_context_punctuation_is_kept():
    assert normalize_text("1.快速做大乘用车规模。") == "1.快速做大乘用车规模。"
    assert normalize_text("访问www.gov.cn查询，共1,000家") == "访问www.gov.cn查询，共1,000家"


def test_page_marks_trailers_and_repeated_letterhead_are_dropped():
    raw = "聊 城 市 人 民 政 府\n\n聊政字〔２０２４〕１８号\n\n聊 城 市 人 民 政 府\n\n关于印发方案的通知\n—１—\n- 2 -\n" \
          "原文地址：<http://example.com/a.html>\n　某市人民政府办公室 ２０２４年１２月３０日印发　\n"
    assert normalize_text(raw) == "聊城市人民政府\n聊政字〔2024〕18号\n关于印发方案的通知"


def test_hard_wrapped_text_is_joined_into_paragraphs():
    # A PDF extraction: every line ends at the margin, mid-word, even right after a sentence end.
    raw = (
        "一、总体要求\n\n"
        "(一)扩大新能源商用车领先优势.发挥新能源汽车技术领\n\n"
        "先、品牌领先、市场领先优势,支持企业并行发展超级混动和纯电\n\n"
        "新能源汽车市场渗透率.实行定制化生产,进一步扩大产销规模.\n\n"
        "力争到２０２５年年底前,新能源客车产量达到４０００辆.(牵头单\n\n"
        "位:市工业和信息化局;责任单位:市发展改革委、市科技局,各县\n\n"
        "〔市、区〕人民政府、市属开发区管委会)\n\n"
        "(二)推动新能源环卫车规模化量产.加快产品结构优化,加大纯\n\n"
        "电动、氢燃料、无人驾驶环卫车的技术储备和产品研发.\n"
    )
    paragraphs = normalize_text(raw).split("\n")
    assert paragraphs[0] == "一、总体要求"
    assert paragraphs[1].startswith("（一）扩大新能源商用车领先优势。发挥新能源汽车技术领先、品牌领先")
    assert "扩大产销规模。力争到2025年年底前" in paragraphs[1]
    assert paragraphs[1].endswith("（牵头单位：市工业和信息化局；责任单位：市发展改革委、市科技局，各县〔市、区〕人民政府、市属开发区管委会）")
    assert paragraphs[2].startswith("（二）推动新能源环卫车规模化量产")
    assert len(paragraphs) == 3


def test_wrapped_title_joins_but_headline_does_not_swallow_a_sentence():
    raw = (
        "关于印发某市加快推动产业\n\n高质量发展实施方案的通知\n\n"
        "各县(市、区)人民政府,市属开发区管委会,市政府有关部门、直属\n\n机构:\n\n"
        "现将«某市加快推动新能源汽车产业高质量发展实施方案»全文\n\n印发给你们,请认真贯彻执行.\n\n"
        "这是正文的第一行文字,它在页边处被折断到下一行继续写下\n\n去,直到句子结束.\n"
    )
    paragraphs = normalize_text(raw).split("\n")
    assert paragraphs[0] == "关于印发某市加快推动产业高质量发展实施方案的通知"
    assert paragraphs[1] == "各县（市、区）人民政府，市属开发区管委会，市政府有关部门、直属机构："
    assert paragraphs[2] == "现将《某市加快推动新能源汽车产业高质量发展实施方案》全文印发给你们，请认真贯彻执行。"


def test_paragraphs_of_an_unwrapped_document_stay_apart():
    raw = "山东力争2025年产业规模达5000亿\n\n12月26日，省政府印发计划。\n\n第二段正文。\n\n第三段正文。\n"
    assert normalize_text(raw).split("\n") == ["山东力争2025年产业规模达5000亿", "12月26日，省政府印发计划。", "第二段正文。", "第三段正文。"]


def test_note_split_across_page_break_and_orphan_fragment():
    raw = (
        "1.加快建设充电基础设施。鼓励光储充一体化。（牵头单位：省能源局，责任单位：省发展改革委、\n\n"
        "—２—\n\n省交通运输厅、省农业农村厅)\n\n"
        "2.实施配套部件精准招商。每年推动30家以上企业。（牵头单位：省商务厅）\n\n厅)\n\n"
        "3.提升核心部件配套能力。\n"
    )
    assert normalize_text(raw).split("\n") == [
        "1.加快建设充电基础设施。鼓励光储充一体化。（牵头单位：省能源局，责任单位：省发展改革委、省交通运输厅、省农业农村厅）",
        "2.实施配套部件精准招商。每年推动30家以上企业。（牵头单位：省商务厅）",
        "3.提升核心部件配套能力。",
    ]


def test_offsets_point_at_the_raw_characters(liaocheng_raw: str):
    norm = normalize(liaocheng_raw)
    assert len(norm.offsets) == len(norm.text)
    zh = {"，": ",", "。": ".", "：": ":", "；": ";", "（": "(", "）": ")", "《": "«", "》": "»"}
    for i, ch in enumerate(norm.text):
        if ch == "\n":
            continue
        raw_ch = liaocheng_raw[norm.raw_offset(i)]
        assert ch in (raw_ch, _fold(raw_ch)) or zh.get(ch) == raw_ch or zh.get(ch) == _fold(raw_ch), (i, ch, raw_ch)
    assert norm.raw_offset(len(norm.text)) <= len(liaocheng_raw)
    with pytest.raises(ValueError):
        norm.raw_offset(len(norm.text) + 1)


def test_real_pdf_extraction_is_clean(liaocheng_raw: str):
    text = normalize_text(liaocheng_raw)
    assert not any("０" <= ch <= "９" for ch in text)
    assert "—1—" not in text and "«" not in text and "聊 城" not in text
    assert text.count("聊城市人民政府\n") == 2  # letterhead once, signature once
    assert "建成充电基础设施2.5万台。" in text
    assert "印发" in text and "2024年12月30日印发" not in text


def test_real_province_text_keeps_structure(shandong_raw: str):
    paragraphs = normalize_text(shandong_raw).split("\n")
    assert "以下为原文" in paragraphs
    assert "专栏1 整车发展重点" in paragraphs
    assert "厅）" not in paragraphs
    assert any(p.endswith("省发展改革委、省交通运输厅、省农业农村厅）") for p in paragraphs)
    assert not any(p.startswith("原文地址") for p in paragraphs)


def test_markdown_markup_is_taken_out():
    raw = ("# 某省数字经济行动方案\n\n---\n\n## 一、总体要求\n\n1. **夯实底座。** 建设算力网络。\n\n"
           "> 唐山：发展工业互联网；\n\n| 指标 | 2026年 |\n|:---|---:|\n| 5G基站 | 25万个 |\n\n- 12 -\n")
    norm = normalize(raw)
    assert norm.text.split("\n") == ["某省数字经济行动方案", "一、总体要求", "1.夯实底座。建设算力网络。",
                                      "唐山：发展工业互联网；", "指标，2026年。", "5G基站，25万个。"]
    for s, e in norm.paragraphs():  # every paragraph still maps back onto its raw characters
        a, b = norm.raw_span(s, e)
        assert normalize_text(raw[a:b]) == norm.text[s:e]


def test_plain_text_passes_markup_stripping_unchanged():
    raw = "一、重点任务\n（一）推广A-B型电池，占比达到30%。\n"
    assert normalize_text(raw) == "一、重点任务\n（一）推广A-B型电池，占比达到30%。"


def test_normalize_query_folds_width_and_space():
    assert normalize_query("  ２０２５年 充电桩  建设目标?\n谁 牵头") == "2025年充电桩建设目标？谁牵头"
    assert normalize_query("ＥＶ charging") == "EV charging"
    with pytest.raises(ValueError):
        normalize_query(None)  # type: ignore[arg-type]


def test_normalize_rejects_non_text():
    with pytest.raises(ValueError, match="expects str"):
        normalize(b"bytes")  # type: ignore[arg-type]


def test_labelled_values_stay_one_a_line_and_a_blank_line_ends_them():
    """A metadata list (发文单位：… 文号：…) keeps one value a line, and the body after a blank line
    is no continuation of its last value, in a slice as in the whole text."""
    raw = "> 发文单位：岫山区科学技术局\n> 文号：岫科发〔2025〕19号\n\n为落实有关措施，现将有关事项通知如下。\n"
    assert normalize_text(raw).split("\n") == ["发文单位：岫山区科学技术局", "文号：岫科发〔2025〕19号", "为落实有关措施，现将有关事项通知如下。"]
