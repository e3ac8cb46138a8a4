"""A 任务分工方案 whose items carry their units unbracketed, after the task (N. 任务。牵头单位：X；
责任单位：Y；完成时限：…): a lead question names X, never the 责任单位 line as if it answered."""

from __future__ import annotations

from corpus_util import corpus_fixture

PLAN = "\n".join([
    "# 澜川区2025年“高效办成一件事”重点事项任务分工方案",
    "## 一、重点事项",
    "1. 企业信息变更“一件事”。整合企业登记、税务、社会保险等变更事项，实现一表申请、一次办结。"
    "牵头单位：区市场监管局；责任单位：区税务局、区医保局；完成时限：2025年6月底前。",
    "2. 水电气网联合报装“一件事”。推行供水、供电、燃气、宽带联合报装，实现一次申请、并联办理。"
    "牵头单位：区发展改革局、区住房城乡建设局；责任单位：区供电公司、区水务集团；完成时限：2025年9月底前。",
])

district = corpus_fixture("district", {"plan.md": PLAN}, "county", "澜川区")


def test_a_lead_question_names_the_unit_after_the_lead_key(district):
    answer = district.ask("整合企业登记、税务、社会保险是哪个部门牵头？")
    assert "区市场监管局" in answer.answer and "区税务局" not in answer.answer, answer.answer


def test_every_lead_of_an_item_is_named(district):
    answer = district.ask("供水供电燃气宽带联合报装是哪个部门牵头？")
    assert "区发展改革局" in answer.answer and "区住房城乡建设局" in answer.answer, answer.answer
