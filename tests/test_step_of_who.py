"""Who does a step of a procedure (由谁组织验收, 哪个部门审核) is answered by a clause naming that step:
the lead of building a thing says nothing of who accepts it once built.

A county commerce plan with lead notes and a measure whose review is stated, written for this test.
"""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

PLAN = "\n".join([
    "琤溪县县域商业体系建设实施方案",
    "一、重点任务",
    "（一）建设乡镇商贸中心。以中心镇为重点，到2027年建成乡镇商贸中心12个。（牵头单位：县商务局；责任单位：各乡镇人民政府）",
    "（二）发展农村电商。到2027年建成村级电商服务站150个。（牵头单位：县商务局；责任单位：县供销社）",
    "二、支持政策",
    "对改造提升的农贸市场，每个补助30万元。补助资金由县商务局会同县财政局审核后拨付。",
])

county = corpus_fixture("county", {"plan.txt": PLAN, "filler.txt": FILLER}, None, None)


def test_who_accepts_a_thing_is_not_the_lead_of_building_it(county):
    answer = county.ask("乡镇商贸中心建成后由哪个部门组织验收？")
    assert not answer.answerable, answer.answer


def test_who_leads_or_does_a_stated_step_is_answered(county):
    answer = county.ask("乡镇商贸中心建设由哪个部门牵头？")
    assert answer.answerable and "县商务局" in answer.answer, answer.answer
    answer = county.ask("农贸市场改造补助由哪个部门审核？")
    assert answer.answerable and "县商务局" in answer.answer, answer.answer


def test_where_an_application_is_submitted_is_not_the_lead_of_a_task(county):
    # (向哪个部门提交: the step of applying, which the lead of building a thing does not name)
    answer = county.ask("想申请乡镇商贸中心建设资金，材料向哪个部门提交？")
    assert not answer.answerable, answer.answer
