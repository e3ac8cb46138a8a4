"""A 任务分工方案 whose items carry their units unbracketed, after the task (N. 任务。牵头单位：X；
责任单位：Y；完成时限：…): a lead question names X, never the 责任单位 line as if it answered."""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

PLAN = "\n".join([
    "# 澜川区2025年“高效办成一件事”重点事项任务分工方案",
    "## 一、重点事项",
    "1. 企业信息变更“一件事”。整合企业登记、税务、社会保险等变更事项，实现一表申请、一次办结。"
    "牵头单位：区市场监管局；责任单位：区税务局、区医保局；完成时限：2025年6月底前。",
    "2. 水电气网联合报装“一件事”。推行供水、供电、燃气、宽带联合报装，实现一次申请、并联办理。"
    "牵头单位：区发展改革局、区住房城乡建设局；责任单位：区供电公司、区水务集团；完成时限：2025年9月底前。",
    *(f"{n}. {name}集成办理。将{name}涉及的事项集成办理，实现一次申请、一网通办。牵头单位：{lead}；"
      f"责任单位：区政务服务中心；完成时限：2025年{month}月底前。"
      for n, (name, lead, month) in enumerate([
          ("新生儿出生", "区卫生健康局", 5), ("残疾人服务", "区残联", 6), ("职工退休", "区人力资源社会保障局", 7),
          ("义务教育入学", "区教育局", 7), ("开办餐饮店", "区市场监管局", 8), ("企业注销", "区市场监管局", 8),
          ("不动产登记", "区自然资源局", 9), ("公积金提取", "区公积金管理部", 9), ("医保报销", "区医保局", 10),
          ("社保卡申领", "区人力资源社会保障局", 10), ("二手房转移", "区自然资源局", 11), ("员工录用", "区人力资源社会保障局", 11),
          ("建筑许可", "区住房城乡建设局", 12), ("高龄津贴", "区民政局", 12), ("户口迁移", "区公安分局", 12),
          ("农民工工资", "区人力资源社会保障局", 10), ("个体户开业", "区市场监管局", 9), ("船舶登记", "区交通运输局", 11),
          ("林木采伐", "区林业局", 8), ("电动自行车登记", "区公安分局", 7),
      ], start=3)),
])

district = corpus_fixture("district", {"plan.md": PLAN}, "county", "澜川区")


def test_a_lead_question_names_the_unit_after_the_lead_key(district):
    answer = district.ask("整合企业登记、税务、社会保险是哪个部门牵头？")
    assert "区市场监管局" in answer.answer and "区税务局" not in answer.answer, answer.answer


def test_every_lead_of_an_item_is_named(district):
    answer = district.ask("供水供电燃气宽带联合报装是哪个部门牵头？")
    assert "区发展改革局" in answer.answer and "区住房城乡建设局" in answer.answer, answer.answer


def test_a_follow_up_about_a_task_the_plan_does_not_have_is_refused_with_it(district):
    # the deadline asked next is that task's, not the deadline of whichever task retrieval finds
    answer = district.ask("军人退役一件事哪个部门挑头？什么时候完成？")
    assert not answer.answerable, answer.answer


def test_a_follow_up_with_a_subject_of_its_own_is_still_answered(district):
    answer = district.ask("军人退役一件事哪个部门挑头？企业信息变更一件事什么时候完成？")
    assert answer.answerable and "2025年6月底前" in answer.answer, answer.answer


# a task table whose task names hold a year of their own, their deadlines in a bracketed note
TABLE = "\n".join([
    "瑅川县口袋公园建设重点任务分工表",
    "1. 编制口袋公园建设导则（牵头单位：县住房城乡建设局；完成时限：2025年6月底）",
    "2. 2025年度建成口袋公园12个（牵头单位：县城市管理局；配合单位：县财政局；完成时限：2025年12月底）",
    "3. 2026年度建成口袋公园15个（牵头单位：县城市管理局；完成时限：2026年11月底）",
])

parks = corpus_fixture("parks", {"table.txt": TABLE, "filler.txt": FILLER}, "county", "瑅川县")


def test_when_a_task_is_due_is_its_deadline_not_the_year_its_name_holds(parks):
    answer = parks.ask("2025年度那12个口袋公园什么时候要建完？")
    assert answer.answerable and "2025年12月底" in answer.answer, answer.answer
