"""Words about money that say nothing of who is responsible or which fee: 公众责任险 is an insurance
(not a 责任单位 question), 总花费90万 is what the asker spent (not a fee the plans never name), and a
摊主 is what a plan calls an 经营户.

Measures written for this test.
"""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

CAMP = "\n".join([
    "瑧川市促进露营旅游和农贸市场发展若干措施",
    "一、节庆活动补助。举办露营主题节庆活动，单场参与人数不少于500人的，按照活动实际支出的30%给予主办单位补助，单场最高不超过20万元。",
    "二、保险补助。营地为游客购买公众责任保险的，按照实际缴纳保费的50%给予补助，每个营地每年最高不超过1万元。（牵头单位：市文化和旅游局；责任单位：市财政局）",
    "三、过渡补贴。农贸市场改造期间整体停业的，对在册经营户按照每户每月800元给予过渡补贴，最长不超过3个月。",
])

camp = corpus_fixture("camp", {"camp.txt": CAMP, "filler.txt": FILLER}, "city", "瑧川市")


def test_a_liability_insurance_is_no_question_of_who_takes_part(camp):
    # (责任险: the insurance bought, not 责任单位)
    answer = camp.ask("给来露营的游客买了公众责任险，一年保费3万块，能补多少？")
    assert answer.answerable and "50%" in answer.answer and "牵头" not in answer.answer, answer.answer


def test_what_the_asker_spent_is_no_fee_the_plans_never_name(camp):
    # (总花费90万: spending, not a fee named 花费)
    answer = camp.ask("我们想办一场露营音乐节，预计800人参加，总花费90万左右，能补多少？")
    assert answer.answerable and "30%" in answer.answer, answer.answer


def test_a_stallholder_is_what_a_plan_calls_an_operator(camp):
    # (摊主 → 经营户)
    answer = camp.ask("市场要整体关门改造两个月，我们这些摊主有补贴吗？")
    assert answer.answerable and "800元" in answer.answer, answer.answer


CHAIN = "\n".join([
    "瑧川市便民早餐网点扶持办法",
    "一、连锁品牌奖励。早餐连锁企业一个年度内新开直营早餐网点达到10个的，给予一次性奖励10万元；在此基础上每增加5个，增加奖励5万元，同一企业每年最高不超过30万元。",
    "二、租金减免。利用国有企业房产开设早餐门店的，第一年免收租金，第二年租金减半收取。",
])

chain = corpus_fixture("chain", {"chain.txt": CHAIN, "filler.txt": FILLER}, "city", "瑧川市")


def test_a_tier_is_quoted_with_the_increment_that_goes_on_from_it(chain):
    # (在此基础上每增加5个: of the tier before it, which alone would answer 22家 with 10万元)
    answer = chain.ask("我们是早餐连锁企业，今年新开了22家直营店，奖励能拿多少？")
    assert answer.answerable and "10万元" in answer.answer and "每增加5个" in answer.answer, answer.answer


MARKET = "\n".join([
    "瑧川市农贸市场提升改造实施方案",
    "一、改造补助。对纳入改造计划并通过验收的农贸市场，按照改造实际投资额（不含土地和摊位租金）给予补助：建筑面积3000平方米以上的，补助30%，最高不超过300万元；建筑面积1000平方米以上不足3000平方米的，补助30%，最高不超过150万元。",
    "二、星级奖励。首次被评为四星级农贸市场的，给予市场开办者40万元一次性奖励。",
    "三、规划引导。新建农贸市场应当符合城市商业网点规划，由区人民政府统筹选址。",
])

market = corpus_fixture("market", {"market.txt": MARKET, "filler.txt": FILLER}, "city", "瑧川市")


def test_a_tier_of_a_schedule_is_quoted_with_what_its_opening_says_it_is_of(market):
    # (补助30% of 改造实际投资额（不含土地…）, which the schedule's opening names before its colon)
    answer = market.ask("我们市场建筑面积2500平方米，这次改造实际投了600万，能补多少？")
    assert answer.answerable and "150万元" in answer.answer and "不含土地" in answer.answer, answer.answer


def test_an_approximate_figure_is_no_subject_of_the_askers(market):
    # (800平方米左右: 左右 says about how much, not what; the schedule's lowest tier answers: 1000平方米以上)
    answer = market.ask("我们是个800平方米左右的小农贸市场，也列进了改造计划，能拿改造补助吗？")
    assert answer.answerable and "1000平方米" in answer.answer, answer.answer


def test_a_grant_of_what_the_asker_says_they_are_not_grants_them_nothing(market):
    # (新建…不是改造老的: the 改造 grant is of what the asker disowns; 一平米按多少算 after it, a unit
    # of measure and no subject of its own, is about the same 新建 market)
    assert not market.ask("我们打算新建农贸市场，不是改造老的，有没有相应的奖补标准？一平米按多少算？").answerable
    answer = market.ask("我们的农贸市场要改造，有没有相应的奖补标准？")
    assert answer.answerable and "30%" in answer.answer, answer.answer


BIKES = "\n".join([
    "瑧川市公共自行车服务问答",
    "问：违规停车有什么后果？",
    "答：一个自然年内累计3次以上在站点外还车的，暂停借车资格30天。",
    "问：对服务不满意怎么办？",
    "答：可以拨打服务热线12345反映，运营单位在3个工作日内答复。",
])

bikes = corpus_fixture("bikes", {"bikes.txt": BIKES, "filler.txt": FILLER}, "city", "瑧川市")


def test_a_remedy_no_document_gives_is_not_answered_with_a_step_it_does(bikes):
    # (能不能申诉, 找谁申诉: no document writes 申诉; its 服务热线 is another step)
    assert not bikes.ask("被暂停借车资格30天，觉得冤枉，能不能申诉提前恢复？").answerable
    assert not bikes.ask("我对暂停的结果不服，找谁申诉？").answerable
    answer = bikes.ask("在站点外还车会暂停借车资格吗？")
    assert answer.answerable and "30天" in answer.answer, answer.answer
    answer = bikes.ask("对服务不满意可以打什么电话？")
    assert answer.answerable and "12345" in answer.answer, answer.answer
