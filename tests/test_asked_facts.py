"""A question asking a kind of fact the document does not state is refused, whatever its words share.

One county 若干措施, written for this test, states a subsidy's share and cap, names an e-commerce
platform, asks for traceability without naming a platform, leaves a loss subsidy's standard "另行制定"
and tells enterprises to hand in papers at their township — the shapes of which the questions ask.
"""

from __future__ import annotations

import pytest
from corpus_util import FILLER, corpus_fixture

MEASURES = "\n".join([
    "云溪县支持特色农业发展若干措施",
    "一、支持冷链设施建设。对新建冷库容量500吨以上的，按设备投资额的20%给予补助，最高不超过100万元。（县农业农村局牵头）",
    "二、推进农产品质量追溯。督促生产经营主体落实进货查验和记录制度，推动重点品种全部纳入追溯管理，实现来源可查、去向可追。",
    "三、保障农村供水。对规模化供水工程因执行政府定价形成的政策性亏损，由县财政给予适当补助，具体补助办法另行制定。",
    "四、支持电商销售。企业通过县农村电商公共服务平台销售本地农产品，年销售额超过100万元的，给予5万元奖励。",
    "五、申报程序。申报企业向所在乡镇（街道）提交申请材料，经县农业农村局审核后报县人民政府审定。",
    "六、本措施自2025年3月1日起施行，有效期3年。2020年3月1日起施行的《云溪县农业扶持办法》同时废止。",
    "七、培育农产品区域公用品牌。每年评选10个优质农产品品牌，统一标识、统一宣传。（牵头单位：县农业农村局；"
    "责任单位：县市场监督管理局（以下简称县市场监管局，下同）、县商务局）",
    "八、同一企业同一项目同时符合本措施和县内其他政策规定的，按照就高不重复原则给予支持。",
])


RULE = ("云溪县农村公路管理办法　第一条　为加强农村公路管理，制定本办法。　第二条　县交通运输局是本县农村公路的主管部门，"
        "负责县道的养护许可；各乡镇人民政府按照职责分工负责乡道、村道的日常养护和巡查。县公安局负责农村公路交通安全管理。"
        "　第三条　未经批准擅自挖掘农村公路的，由县交通运输局责令限期改正，处5000元以上2万元以下罚款。"
        "　第四条　县交通运输局负责编制《云溪县农村公路网规划（2025—2035年）》，报县人民政府批准后实施。")


county = corpus_fixture("county", {"measures.txt": MEASURES, "rule.txt": RULE}, "county", "云溪县")


@pytest.mark.parametrize("question", [
    "云溪县的质量追溯用的是哪个平台？",  # 追溯管理 is required, no platform is named
    "规模化供水工程政策性亏损补助的具体标准是多少？",  # 具体补助办法另行制定
    "奖补资金是在哪个网上申报系统申请的？网址是什么？",  # papers go to the township
    "冷库补助申报有咨询电话吗？打哪个号码问？",  # no telephone, and the second ask is the same kind
])
def test_a_kind_of_fact_the_document_does_not_state_is_refused(county, question):
    answer = county.ask(question)
    assert not answer.answerable, answer.answer


@pytest.mark.parametrize(("question", "stated"), [
    ("卖本地农产品用哪个平台？", "县农村电商公共服务平台"),
    ("冷库补助的具体标准是多少？", "100万元"),
])
def test_the_same_kinds_are_answered_where_the_document_states_them(county, question, stated):
    answer = county.ask(question)
    assert answer.answerable and stated in answer.answer, answer.answer


def test_an_article_naming_several_units_answers_with_the_one_for_what_was_asked(county):
    answer = county.ask("村道的日常养护归哪个部门管？")
    assert "各乡镇人民政府" in answer.answer and "县公安局" not in answer.answer, answer.answer


def test_a_penalty_question_gives_the_amount_and_who_imposes_it(county):
    answer = county.ask("没审批就把农村公路挖了，会罚多少？哪个部门来罚？")
    assert "5000元以上2万元以下" in answer.answer and "县交通运输局" in answer.answer, answer.answer


def test_when_a_document_takes_effect_is_its_own_in_force_sentence(county):
    answer = county.ask("云溪县这个若干措施从哪天起执行？管几年？")
    assert "2025年3月1日" in answer.answer and "有效期3年" in answer.answer, answer.answer
    assert "2020年" not in answer.answer  # the repealed one's day is not this document's


def test_what_a_document_mainly_sets_out_is_its_main_headings():
    from rag.answer.doc_facts import main_points
    from rag.model import Clause

    def clause(n, path, title):
        return Clause(id=f"d:{n}", doc_id="d", path=path, title=title, text=title)

    own = [clause("一", (), "一、总体要求"),
           clause("二/一/1", ("二、重点任务", "（一）完善设施网络"), "1.建设骨干基地"),
           clause("二/一/2", ("二、重点任务", "（一）完善设施网络"), "2.布局集散中心"),
           clause("二/二/3", ("二、重点任务", "（二）培育市场主体"), "3.培育龙头企业"),
           clause("附件/1", ("附件：任务清单",), "1.编制规划"), clause("附件/2", ("附件：任务清单",), "2.新建充电桩"),
           clause("附件/3", ("附件：任务清单",), "3.改造试点"), clause("附件/4", ("附件：任务清单",), "4.全覆盖")]
    assert [name for name, _ in main_points(own)] == ["完善设施网络", "培育市场主体"]


def test_where_to_apply_is_answered_by_the_body_that_handles_it(county):
    answer = county.ask("冷库补助去哪里办？")
    assert answer.answerable and "乡镇（街道）" in answer.answer, answer.answer


def test_a_fee_stated_a_few_words_after_its_name_is_a_fee():
    from rag.answer.kinds import Kind, states

    assert states(Kind.FEE, "收费标准为：主干道每平方米每日3元")
    assert not states(Kind.PLATFORM, "向所在乡镇（街道）提交申请材料")
    assert states(Kind.CHANNEL, "由项目所在地县级发展改革部门办理备案")


def test_a_measure_without_a_unit_is_answered_by_who_takes_the_document_s_applications(county):
    answer = county.ask("卖本地农产品的电商奖励，去哪个部门申请？")
    assert "县农业农村局" in answer.answer, answer.answer


def test_a_penalty_question_is_not_answered_by_a_fee():
    from rag.answer.kinds import Kind, asked_kinds, states

    assert asked_kinds("私设广告牌会被罚多少钱？")[0] is Kind.PENALTY
    assert states(Kind.PENALTY, "处1000元以上5000元以下罚款")
    assert not states(Kind.PENALTY, "挖掘修复费标准为：沥青混凝土车行道每平方米420元")
    assert asked_kinds("窗口在哪个地址？") == (Kind.ADDRESS,)  # (where it is: no telephone number answers it)


def test_how_much_is_subsidised_of_a_loan_s_interest_asks_an_amount():
    from rag.answer.kinds import Kind, asked_kinds

    assert asked_kinds("技改贷款的利息县里能贴多少？")[0] is Kind.AMOUNT
    assert Kind.COUNT in asked_kinds("几层以上的住宅能加装电梯？")


def test_how_much_of_a_rent_is_paid_asks_an_amount_not_the_rent():
    from rag.answer.kinds import Kind, asked_kinds

    # (按实际租金的30%给予补贴 answers it, though it states no rent)
    assert asked_kinds("租用标准厂房搞生产，租金能补多少？") == (Kind.AMOUNT,)
    assert asked_kinds("房租补贴多少？") == (Kind.AMOUNT,)
    assert Kind.FEE in asked_kinds("场地租金是多少钱一平？")  # the rent itself
    # (what the asker paid, 租金加搭台子花了60万, before a support asked: no rent asked)
    assert Kind.FEE not in asked_kinds("办新品发布会，场地租金加搭台子花了60万，能补多少？")
    # (the rent the asker pays, stated by its figure, 房租每平米每月30块, before a support asked)
    assert asked_kinds("租了1500平米的实验室，房租每平米每月30块，头两年一年能补多少？") == (Kind.AMOUNT,)
    assert Kind.FEE in asked_kinds("产业园的房租每平米每月多少钱？")


def test_how_a_support_is_reckoned_and_percentage_points_ask_an_amount_and_a_share():
    from rag.answer.compose import asked_units
    from rag.answer.kinds import Kind, asked_kinds

    assert asked_kinds("改市政燃气管道，市里补贴怎么算？") == (Kind.AMOUNT,)  # (按总投资的20%给予补助)
    assert asked_kinds("大企业研发费用按几个点补？") == (Kind.SHARE,)  # 3%, not a count of 个
    assert asked_units("大企业研发费用按几个点补？") == ["%"]
    assert asked_kinds("今年要建几个点位？") == (Kind.COUNT,)  # (点位: places, counted)


def test_where_to_hand_in_asked_with_a_bare_report_verb_is_a_channel():
    from rag.answer.kinds import Kind, asked_kinds

    # (在哪报 asks where to apply, not which city or county)
    assert asked_kinds("研发后补助什么时候报、在哪报？") == (Kind.WHEN, Kind.CHANNEL)


def test_a_note_holding_a_short_form_still_names_the_lead(county):
    answer = county.ask("农产品区域公用品牌由哪个部门牵头？")
    assert "县农业农村局牵头" in answer.answer, answer.answer


def test_a_cited_plan_title_with_its_years_in_brackets_is_known(county):
    answer = county.ask("编制《云溪县农村公路网规划（2025—2035年）》由哪个部门负责？")
    assert answer.answerable and "县交通运输局" in answer.answer, answer.answer


def test_whether_two_supports_add_up_is_the_document_s_stacking_rule(county):
    answer = county.ask("冷库补助能和县里别的政策叠加吗？")
    assert "就高不重复" in answer.answer, answer.answer
    # (能一起报吗: whether both may be applied for, as 能一起拿吗 asks whether both are paid)
    answer = county.ask("冷库补助和县里别的政策能一起报吗？")
    assert "就高不重复" in answer.answer, answer.answer


def test_materials_asked_for_are_not_a_product_named_material():
    from rag.answer.kinds import Kind, asked_kinds, states

    assert Kind.FORM in asked_kinds("申请补贴要交哪些材料？")
    assert Kind.FORM not in asked_kinds("新材料产业到2027年产值要达到多少？")
    assert not states(Kind.FORM, "完善正负极材料配套体系")
    assert states(Kind.FORM, "建设单位应当提交下列材料：（一）申请表")
    assert Kind.CONDITION in asked_kinds("什么样的住宅能加装电梯？")


def test_a_count_asked_in_a_unit_is_stated_only_in_that_unit():
    from rag.answer.extract import extract
    from rag.answer.kinds import Kind
    from rag.model import Clause, Hit

    clause = Clause(id="d:一", doc_id="d", path=(), title="", text=(
        "实施主体应当在取得使用登记证之日起6个月内提出补贴申请。本办法适用于四层及以上的既有住宅。"))
    by_floor = extract({"住宅": 1.0}, (Kind.COUNT,), [Hit(clause, 1.0, 1)], count_units=["层"])
    assert [e.sentence for e in by_floor if Kind.COUNT in e.kinds] == ["本办法适用于四层及以上的既有住宅。"]


def test_whether_there_is_a_support_needs_a_sentence_granting_one(county):
    granted = county.ask("冷库建设有没有补助？")
    assert granted.answerable and "100万元" in granted.answer, granted.answer
    # 追溯管理 is on its subject, but grants nothing
    assert not county.ask("农产品质量追溯有没有补贴？").answerable


def test_a_condition_is_who_qualifies_not_any_obligation():
    from rag.answer.kinds import Kind, states

    assert states(Kind.CONDITION, "享受本措施奖补的企业须在县内依法登记注册、具有独立法人资格")
    assert not states(Kind.CONDITION, "自获得补助之日起5年内将注册地迁出本县，须全额退回补助资金")


def test_a_duty_stated_in_a_sentence_is_quoted_not_recast_as_a_lead(county):
    answer = county.ask("云溪县农村公路网规划由哪个部门编制？")
    assert "县交通运输局负责编制" in answer.answer and "牵头" not in answer.answer, answer.answer



def test_every_so_many_days_is_a_frequency_and_minutes_a_duration():
    from rag.answer.kinds import Kind, asked_kinds, states

    # (电梯多长时间得保养一次 is answered by 每15日至少…1次; 多久得到现场 by 30分钟内到达)
    assert states(Kind.FREQUENCY, "维保单位应当每15日至少对电梯进行1次清洁、润滑、调整和检查")
    assert states(Kind.FREQUENCY, "每两年开展一次复核") and not states(Kind.FREQUENCY, "每15日补贴1万元")
    assert states(Kind.DURATION, "维保单位接到报警后，应当在30分钟内到达现场")
    assert Kind.DURATION in asked_kinds("救援人员几分钟能到？")


def test_a_few_kuai_asked_is_an_amount_not_a_support_named_so():
    from rag.answer.kinds import Kind, asked_kinds

    # (一台给几块钱奖励 asks how much the 奖励 is, not for a reward called 几块钱)
    assert Kind.AMOUNT in asked_kinds("上门收旧家电，一台给几块钱奖励？")
    assert Kind.AMOUNT in asked_kinds("回收一吨能补多少块钱？")


def test_the_office_within_a_department_is_asked_as_where_to_go(county):
    from rag.answer.kinds import Kind, asked_kinds

    # (哪个科室 as 哪个办公室: the plan names the 局, never its 科室, so the ask is refused)
    assert Kind.ADDRESS in asked_kinds("工信局哪个科室负责？") and Kind.ADDRESS in asked_kinds("找市科技局哪个处？")
    assert Kind.ADDRESS not in asked_kinds("违规的怎么处理？")
    assert Kind.ADDRESS in asked_kinds("市商务局是哪个科室负责、在哪里办公？")
    answer = county.ask("冷库补助具体是县农业农村局哪个科室在管？")
    assert not answer.answerable, answer.answer


def test_a_size_asked_is_a_count_in_its_unit_and_an_article_number_counts_nothing():
    from rag.answer.kinds import Kind, asked_kinds, states

    # (场地至少得多大: 不少于3000平方米, not 第十四条 of the article that only mentions 面积)
    assert Kind.COUNT in asked_kinds("想申请市级孵化器，场地至少得多大？")
    assert Kind.COUNT not in asked_kinds("到2027年电动车要占多大比例？")
    assert states(Kind.COUNT, "孵化场地可自主支配面积不少于3000平方米")
    assert states(Kind.COUNT, "每座有效容积不少于50立方米")
    assert not states(Kind.COUNT, "第十四条 市级孵化器的名称、场地位置或者面积发生变更的，应当自变更之日起30日内报告")


def test_a_share_word_in_the_name_of_a_support_asks_no_share():
    from rag.answer.kinds import Kind, asked_kinds

    # (超比例奖励和一次性岗位补贴能不能一起拿 asks whether two supports add up, not a percentage)
    assert Kind.SHARE not in asked_kinds("超比例奖励和一次性岗位补贴能不能一起拿？")
    assert Kind.SHARE in asked_kinds("岗位补贴按什么比例补？") and Kind.SHARE in asked_kinds("补贴比例是多少？")


def test_a_platform_handling_the_applications_is_where_to_apply_under_any_procedure_head():
    from rag.answer.extract import PROCEDURE_HEAD
    from rag.answer.kinds import Kind, states

    # (十一、申报和兑现。…奖补申报通过“菀企通”平台办理: the document's channel for every measure)
    assert states(Kind.CHANNEL, "奖补申报通过“菀企通”平台办理，每年3月1日至3月31日集中受理")
    assert states(Kind.CHANNEL, "项目申报通过“昶智通”企业服务平台进行")
    assert not states(Kind.CHANNEL, "建设全市再生资源监管平台")
    assert PROCEDURE_HEAD.search("十一、申报和兑现") and PROCEDURE_HEAD.search("申报程序")
    assert not PROCEDURE_HEAD.search("加大资金投入")


def test_the_bi_of_pingbi_compares_nothing():
    from rag.answer.kinds import Kind, asked_kinds, states

    assert asked_kinds("名优茶评比拿了金奖，能奖多少？") == (Kind.AMOUNT,)
    assert not states(Kind.CHANGE, "在省级名优茶评比中获得金奖的，奖励3万元")
    assert Kind.CHANGE in asked_kinds("比以前多了多少？")


def test_a_measure_in_millimetres_states_how_much():
    from rag.answer.kinds import Kind, asked_kinds, states

    # (下多大的雨 asks a figure; 降雨量达到30毫米 states one, as 米 and 公里 do)
    assert Kind.COUNT in asked_kinds("下多大的雨就得把群众转移出去？")
    assert states(Kind.COUNT, "遇1小时降雨量达到30毫米时，应当立即组织群众转移")


AWARDS = "\n".join([
    "云溪县支持工业设计发展若干措施",
    "一、奖励获奖作品。获得中国优秀工业设计奖金奖的产品，每件奖励50万元，获得优秀奖的每件奖励10万元；获得德国红点奖的产品，"
    "每件奖励10万元。同一产品获多个奖项的按最高一项奖励，单个企业每年奖励最高80万元。",
    "二、设计中心奖励。对新认定的国家级工业设计中心，给予一次性奖励100万元。",
])

awards = corpus_fixture("awards", {"awards.txt": AWARDS, "filler.txt": FILLER}, "county", "云溪县")


def test_two_awards_asked_both_are_answered_by_the_rule_for_several(awards):
    # (两个都能拿吗: whether two supports stack, which 按最高一项奖励 answers — not their two amounts again)
    answer = awards.ask("同一个产品拿了德国红点奖，又拿了中国优秀工业设计奖金奖，两个都能拿吗？")
    assert "最高一项" in answer.answer, answer.answer


def test_both_taken_asked_without_a_modal_is_a_stacking_ask(awards):
    # (能两个都拿吗, shown by dev24 z007: the same ask as 两个都能拿吗)
    from rag.answer.kinds import Kind, asked_kinds

    assert Kind.STACKING in asked_kinds("市里的配套能两个都拿吗？")
    answer = awards.ask("同一个产品拿了德国红点奖，又拿了中国优秀工业设计奖金奖，奖金能两个都拿吗？")
    assert "最高一项" in answer.answer, answer.answer


HEATING = "\n".join([
    "云溪县清洁取暖改造补贴问答",
    "问：哪些家庭能申请改造补贴？",
    "答：一是户籍在本县；二是住房为自有住房；三是此前没有享受过政府煤改电、煤改气补贴。每户只能选择一种改造方式，只补贴一次。",
    "问：煤改电设备补多少钱？",
    "答：按设备购置价格的50%给予补贴，每户最高4000元。",
])

heating = corpus_fixture("heating", {"heating.txt": HEATING, "filler.txt": FILLER}, "county", "云溪县")


def test_one_of_them_once_is_a_stacking_rule_stated(heating):
    # (只能选择一种, 只能选择其中一项: one of them, not both — what 还能再申请吗 after one had asks; 两项能都报吗
    # asks it too; 只奖励一次 is how often one support is paid)
    from rag.answer.kinds import Kind, asked_kinds, states

    assert states(Kind.STACKING, "每户只能选择一种改造方式，只补贴一次。")
    assert states(Kind.STACKING, "第（三）项与第（四）项针对同一名人员的，只能选择其中一项申报。")
    assert not states(Kind.STACKING, "同一企业只奖励一次。")
    assert Kind.STACKING in asked_kinds("同一个人两项能都报吗？")
    answer = heating.ask("我家前几年已经拿过煤改气的补贴，这次还能再申请煤改电补贴吗？")
    assert "只补贴一次" in answer.answer, answer.answer


def test_whether_it_is_paid_at_once_is_asked_with_or_without_xing():
    from rag.answer.kinds import Kind, asked_kinds

    # (一次给齐吗, 一次给全吗: how it is paid, as 一次性给到位吗 asks)
    assert Kind.PAYMENT in asked_kinds("补助是一次给齐吗？")
    assert Kind.PAYMENT in asked_kinds("床位建设补贴是一次给全吗？")
    assert Kind.PAYMENT in asked_kinds("是一次性给到位吗？")
