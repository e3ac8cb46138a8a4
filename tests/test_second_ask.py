"""A question with two asks whose second has no subject of its own (…能同时拿吗？一年最多拿多少？).

The second ask is about what the first was answered from: the clause that answered it, when that
clause states the kind asked, answers before another clause holding more of the borrowed words.
One document written for this test: a 文旅 measure whose stacking article also states the yearly
cap of the whole measure, while the articles of the two supports state caps of their own, and
whose talent article states two supports paid at different times.
"""

from __future__ import annotations

from corpus_util import corpus_fixture

from rag.answer.kinds import Kind, asked_kinds, states

MEASURES = "\n".join([
    "汀州市促进文旅消费若干措施",
    "一、发放住宿消费券。对参与活动的星级酒店，按实际核销间夜每间夜补贴50元，单个酒店每年住宿消费券补贴最高30万元。",
    "二、奖励景区引客。对组织外地游客来汀的旅行社，按每人次20元给予奖励，单个旅行社每年景区引客奖励最高50万元。",
    "三、支持参加境外旅游展。对参加目录内境外旅游展的企业，按展位费的60%给予补助，每个展会最高4万元；"
    "参加目录外境外旅游展的，按展位费的40%给予补助，每个展会最高2万元。",
    "四、引进文旅人才。对新引进的文旅专业硕士，入职满6个月后开始申领生活补贴，每人每月1500元；"
    "在本市工作满3年后，一次性发放安家补贴8万元。",
    "六、奖励首次入选。对首次入选省级旅游休闲街区的，给予一次性奖励20万元；入选国家级的，给予一次性奖励50万元。"
    "同一街区只能享受一次。",
    "七、申报材料。申报单位应提交以下材料：1.补贴申请表；2.营业执照复印件；3.核销明细；4.发票复印件；5.银行开户信息；"
    "6.信用承诺书。",
    "八、申报时间和程序。申报单位将材料报送所在区文化和旅游局，区文化和旅游局于10月15日前完成初审并报市文化和旅游局。",
    "九、支持连锁经营。对新开设连锁门店10家以上的餐饮企业，经核查后每家企业奖励10万元；新开设30家以上的，每家企业奖励30万元。",
    "十、支持创建度假区。对新评为国家级旅游度假区的景区，给予一次性奖励300万元；对新评为省级旅游度假区的景区，给予一次性奖励100万元。"
    "度假区晋升级别的，按级差补足奖励。",
    "十一、导游培训补贴申报材料",
    "（一）个人申报：1.居民身份证；2.导游证；3.培训结业证明。",
    "（二）企业申报：1.营业执照；2.与导游签订的劳动合同；3.导游培训计划；4.导游花名册。",
    "十二、支持房车营地建设。对新建营位50个以上的房车营地，按投资额的10%给予补助，单个营地最高100万元。"
    "申报企业须具有独立法人资格，近两年无重大安全事故，营地已建成并投入运营。",
    "十三、建设旅游集散中心。在高铁站和长途汽车站建设旅游集散中心3个。"
    "（责任单位：省文化和旅游厅、省交通运输厅，其中省文化和旅游厅为牵头单位；各市人民政府负责落实）",
    "五、其他事项。同一事项同时符合本措施和市级其他政策的，从高不重复；但住宿消费券补贴和景区引客奖励可以同时享受。"
    "单个企业每年享受本措施资金合计不超过80万元。",
])

# a second document, so that the words of the first are as rare as in a real library
PLAN = "\n".join([
    "汀州市推进农产品冷链物流建设工作方案",
    "一、建设产地冷藏保鲜设施。到2026年，全市新增产地冷藏保鲜库容5万吨（市农业农村局牵头）。",
    "二、发展冷链运输。推广新能源冷藏车，到2026年冷藏车保有量达到600辆（市交通运输局牵头）。",
    "三、完善配送网络。在县城和中心镇建设冷链配送中心12个（市商务局牵头）。",
    "四、加强监管。建立冷链食品追溯平台，实现重点品种全程可追溯（市市场监管局牵头）。",
    "五、保障措施。市财政每年安排冷链物流发展资金2000万元，按项目投资的20%给予补助。",
])

tourism = corpus_fixture("tourism", {"measures.txt": MEASURES, "plan.txt": PLAN}, "city", "汀州市")


def test_a_cap_asked_as_each_year_how_much_is_an_amount_a_rate_per_person_is_not():
    assert asked_kinds("每年奖补一共封顶多少？") == (Kind.AMOUNT,)
    assert Kind.RATE in asked_kinds("每人每天的生活补助是多少钱？")


def test_the_second_ask_is_answered_from_the_clause_that_answered_the_first(tourism):
    answer = tourism.ask("住宿消费券和景区引客奖励能同时拿吗？一年最多拿多少？")
    assert "可以同时享受" in answer.answer and "80万元" in answer.answer, answer.answer


def test_a_second_ask_of_the_same_thing_elsewhere_in_the_clause_quotes_the_sentence_not_yet_quoted(tourism):
    answer = tourism.ask("参加目录内的境外旅游展补多少？目录外的呢？")
    assert "4万元" in answer.answer and "2万元" in answer.answer, answer.answer


def test_a_second_ask_naming_another_support_is_answered_for_that_support(tourism):
    answer = tourism.ask("硕士的生活补贴什么时候能开始申领？安家补贴又是什么时候发？")
    assert "满6个月" in answer.answer and "满3年" in answer.answer, answer.answer


def test_how_many_times_one_may_claim_is_a_frequency_and_a_short_last_sentence_an_answer(tourism):
    assert states(Kind.FREQUENCY, "同一企业只能享受一次。") and states(Kind.FREQUENCY, "限申报1次")
    assert not states(Kind.FREQUENCY, "给予一次性奖励8万元。")
    answer = tourism.ask("首次入选省级旅游休闲街区能奖多少？能拿几次？")
    assert "20万元" in answer.answer and "只能享受一次" in answer.answer, answer.answer


def test_to_whom_the_materials_go_is_the_document_s_own_application_procedure(tourism):
    assert Kind.CHANNEL in asked_kinds("补贴材料交给谁？")
    answer = tourism.ask("住宿消费券补贴材料交给谁？")
    assert "区文化和旅游局" in answer.answer, answer.answer


def test_the_figure_a_question_states_picks_its_tier_and_is_found_whole(tourism):
    answer = tourism.ask("我们餐饮企业新开了30家连锁门店，能奖多少？")
    assert "30万元" in answer.answer and "10万元" not in answer.answer, answer.answer


def test_a_level_asked_is_answered_by_its_own_rung_and_moving_up_by_the_rule_for_it(tourism):
    answer = tourism.ask("评上省级旅游度假区能奖多少？以后升成国家级怎么算？")
    assert "100万元" in answer.answer and "级差" in answer.answer, answer.answer


def test_a_sentence_naming_only_other_levels_than_the_one_asked_ranks_below_the_asked_level():
    from rag.answer.extract import extract
    from rag.model import Clause, Hit

    text = ("六、支持创新平台。对新获批的国家级重点实验室，给予一次性奖励500万元；"
            "对新获批的省级创新平台，给予一次性奖励100万元。")
    hit = Hit(Clause("d:六", "d", (), "六、支持创新平台", text), 1.0, 1)
    best = extract({"省级": 1.0, "重点实验室": 1.0}, (Kind.AMOUNT,), [hit])[0]
    assert "100万元" in best.sentence, best.sentence


def test_a_list_of_materials_is_quoted_whole_short_items_included(tourism):
    answer = tourism.ask("申报住宿消费券补贴要准备啥材料？")
    assert "营业执照复印件" in answer.answer and "信用承诺书" in answer.answer, answer.answer


def test_a_list_of_its_own_inside_a_list_is_quoted_with_its_items(tourism):
    answer = tourism.ask("企业申报导游培训补贴要准备啥材料？")
    assert "劳动合同" in answer.answer and "导游花名册" in answer.answer, answer.answer


def test_what_one_must_meet_is_the_sentence_saying_what_one_must_be_not_a_grant_s_threshold(tourism):
    answer = tourism.ask("申请房车营地建设补助企业得满足啥条件？")
    assert "独立法人资格" in answer.answer, answer.answer


def test_a_second_ask_naming_only_a_level_asks_what_that_level_s_units_do_in_the_task(tourism):
    answer = tourism.ask("旅游集散中心建设谁牵头？市里要不要管？")
    assert "省文化和旅游厅" in answer.answer and "各市人民政府" in answer.answer, answer.answer


def test_a_support_had_before_a_higher_one_is_asked_as_a_stacking_rule():
    assert asked_kinds("前面已经拿过1亿那档了还能拿吗？") == (Kind.STACKING,)
    assert asked_kinds("之前已经拿过省级奖励的怎么算？") == (Kind.STACKING,)
    assert states(Kind.STACKING, "度假区晋升级别的，按级差补足奖励。")


def test_an_upgrade_asked_after_an_award_quotes_the_level_asked_and_the_rule_for_what_was_had(tourism):
    answer = tourism.ask("我们景区评上省级旅游度假区能奖多少？之前已经拿过市级奖励的怎么算？")
    assert "100万元" in answer.answer and "级差" in answer.answer, answer.answer
    assert "300万元" not in answer.answer.split("。")[0], answer.answer  # the 国家级 award is not the one asked first


TRAD = "\n".join([
    "汀州市普惠托育機構獎補辦法",
    "第一條　為支持普惠托育服務發展，制定本辦法。",
    "第二條　示範等級獎勵。新評為市級示範托育機構的，一次性獎勵10萬元；新評為省級示範托育機構的，一次性獎勵20萬元。"
    "已獲市級獎勵後又評為省級的，按差額補足。",
    "第三條　運營補助。按機構上一年度實際收托嬰幼兒月平均人數計算，每人每月補助300元。",
])

childcare = corpus_fixture("childcare", {"measures.txt": MEASURES, "trad.txt": TRAD}, "city", "汀州市")


def test_a_level_asked_picks_its_tier_in_traditional_script(childcare):
    answer = childcare.ask("評上省級示範托育機構獎多少？之前已經拿過市級獎勵的怎麼算？")
    assert "20萬元" in answer.answer and "差額" in answer.answer, answer.answer
    assert "10萬元" not in answer.answer, answer.answer
