"""A question asking an amount and, in a tail too short to be asked apart, who leads
(…每个联合体能给多少钱？谁来抓？) is answered with both; an amount given per thing (每个联合体给予
不超过500万元) states a rate; when a support reaches the account (于每年9月底前拨付到企业对公账户)
states how it is paid.

One provincial 工作要点 and one city 问答, written for this test.
"""

from __future__ import annotations

from corpus_util import corpus_fixture

from rag.answer.kinds import Kind, states

POINTS = "\n".join([
    "汀澜省2025年种业振兴工作要点",
    "一、重点任务",
    "1.实施种业核心技术联合攻关。组织科研单位与企业组建攻关联合体，每个联合体给予不超过500万元支持。"
    "（省科技厅、省农业农村厅牵头，省教育厅按职责分工负责）",
    "2.建设制种基地。新建高标准制种田5万亩。（省农业农村厅牵头，省财政厅按职责分工负责）",
    "3.培育种业企业。支持种业企业兼并重组，培育育繁推一体化企业10家。（省农业农村厅牵头，省市场监管局按职责分工负责）",
])

FAQ = "\n".join([
    "汀澜市家政服务业扶持政策问答",
    "问：员工制家政企业能享受哪些补贴？",
    "答：员工制家政企业为服务人员缴纳社会保险费的，按单位缴费部分的50%给予社保补贴，单个企业每年最高60万元。",
    "问：补贴资金什么时候发放？",
    "答：市商务局会同市财政局在申报截止后30个工作日内完成审核。公示无异议的，补贴资金于每年9月底前拨付到企业对公账户。",
])

seeds = corpus_fixture("seeds", {"points.txt": POINTS, "faq.txt": FAQ}, "province", "汀澜省")


def test_an_amount_per_thing_and_a_payment_date_state_their_kinds():
    assert states(Kind.RATE, "每个联合体给予不超过500万元支持")
    assert states(Kind.PAYMENT, "公示无异议的，补贴资金于每年9月底前拨付到企业对公账户。")
    assert states(Kind.AMOUNT, "新增3000个以上的，补助比例为10%")  # 能补多少 of a support in percent
    # when: a date or a month, not 每年 of a yearly cap
    assert states(Kind.WHEN, "申报时间为每年5月10日至6月10日。")
    assert not states(Kind.WHEN, "按实际保费的50%给予补贴，每人每年最高200元。")
    # which materials: a list of them, not the mention that they are handed in
    assert states(Kind.FORM, "申报单位应提交以下材料：1.申请表；2.营业执照复印件。")
    assert not states(Kind.FORM, "符合条件的企业于每年3月1日至4月30日向所在乡镇提交申报材料。")


def test_an_amount_with_a_short_lead_tail_answers_both(seeds):
    answer = seeds.ask("种业联合攻关每个联合体能给多少钱？谁来抓？")
    assert "500万元" in answer.answer, answer.answer
    assert "省科技厅" in answer.answer and "省农业农村厅" in answer.answer, answer.answer


def test_when_the_money_arrives_is_answered_by_the_date_it_is_paid(seeds):
    answer = seeds.ask("补贴钱啥时候到账？")
    assert answer.answerable and "9月底前" in answer.answer, answer.answer


ELIGIBLE = "\n".join([
    "汀澜市促进家政服务业发展政策问答",
    "问：《措施》的支持对象有哪些？",
    "答：支持对象包括在本市依法登记注册、正常经营1年以上的家政服务企业，员工制家政企业，家政服务人员，以及开展家政职业培训的院校和培训机构。",
    "问：家政服务人员参加培训有什么补贴？",
    "答：取得职业技能等级证书的，初级工补贴1200元，中级工补贴1800元。每人每年只能享受一次培训补贴。",
    "问：企业类补贴怎么申报？",
    "答：企业类补贴每年集中申报一次，申报时间为每年5月10日至6月10日。",
    "问：补贴什么时候到账？",
    "答：公示无异议的，补贴资金于每年9月底前拨付到企业对公账户。",
    "问：社保补贴和培训补贴能一起拿吗？",
    "答：社保补贴和培训补贴属于不同支持事项，符合条件的可以同时申请。但同一事项已享受同类补贴的，按照就高不重复原则执行。",
    "问：员工制家政企业能享受哪些补贴？",
    "答：员工制家政企业为服务人员缴纳社会保险费的，按单位缴费部分的50%给予社保补贴，补贴期限最长3年。",
    "问：什么是员工制家政企业？",
    "答：员工制家政企业与服务人员签订劳动合同并缴纳社会保险费。员工制家政服务人员占企业服务人员总数的比例应达到50%以上。",
    "问：补贴由哪个单位审核？",
    "答：由市商务局牵头审核，市财政局负责拨付资金。",
])

housekeeping = corpus_fixture("housekeeping", {"faq.txt": ELIGIBLE, "points.txt": POINTS}, "city", "汀澜市")


def test_which_units_and_people_can_enjoy_a_measure_asks_who_is_eligible(housekeeping):
    answer = housekeeping.ask("家政这个政策哪些单位和个人能享受？")
    assert "家政服务人员" in answer.answer and "培训机构" in answer.answer, answer.answer
    assert "牵头" not in answer.answer, answer.answer


def test_when_to_apply_is_the_application_window_not_the_payment_date(housekeeping):
    answer = housekeeping.ask("家政企业补贴啥时候报？")
    assert "5月10日" in answer.answer and "9月底前" not in answer.answer, answer.answer


def test_a_stacking_answer_keeps_the_exception_the_next_sentence_makes(housekeeping):
    answer = housekeeping.ask("社保补贴和培训补贴能一起拿吗？")
    assert "同时申请" in answer.answer and "就高不重复" in answer.answer, answer.answer


def test_a_second_ask_is_not_answered_with_the_sentence_the_first_quoted(housekeeping):
    answer = housekeeping.ask("社保补贴能补几年？员工制企业员工制人员占比要多少？")
    assert "3年" in answer.answer and "50%以上" in answer.answer, answer.answer
