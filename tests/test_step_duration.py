"""How long one step takes: 审核要多少个工作日 is answered by the duration that step takes (自受理之日起
15个工作日内完成审核), not by the 公示5个工作日 after it; and a question naming a document's own
platform (在昶岚通上报上去以后) is answered from that document only.

A robot-industry measure with a platform and no review time, a county commerce plan whose
review is followed by a five-day 公示, and a housing measure whose 申请程序 states the review's
time limit — written for this test.
"""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

ROBOT = "\n".join([
    "昶岚市支持人形机器人产业发展若干措施",
    "一、支持整机研发。对人形机器人整机企业研发投入按10%给予补助，最高500万元。",
    "二、申报方式。项目申报通过“昶岚通”企业服务平台进行，每年3月、9月集中受理两次。",
])

COMMERCE = "\n".join([
    "蓁川县县域商业体系建设实施方案",
    "一、支持乡镇商贸中心。对改造乡镇商贸中心的，按投资额的30%给予补助，最高50万元。",
    "二、规范申报兑现。补助资金每年5月集中申报，县商务局会同县财政局审核后，在县政府门户网站公示5个工作日。",
])

HOUSING = "\n".join([
    "石川县支持居民购房若干措施",
    "一、购房补贴。对在县城购买首套新建商品住房的，按房款的1%给予购房补贴，最高2万元。",
    "二、申请程序。购房人向县政务服务中心提出申请。县住房和城乡建设局在受理之日起15个工作日内完成审核，"
    "审核结果在县政府门户网站公示5个工作日。公示无异议的，由县财政局在30日内拨付补贴资金。",
])

# a 办法 on one line whose review clause never names the registered thing, nor 审核
RULES = ("璟川市数据知识产权登记暂行办法　第一条　为规范数据知识产权登记工作，制定本办法。"
         "　第二条　本市登记注册的企业、高等院校和科研机构可以申请数据知识产权登记。"
         "　第三条　申请人应当提交登记申请书、数据来源说明和数据样例。"
         "　第四条　登记机构自受理申请之日起10个工作日内完成形式审查。材料不齐全的，一次性告知申请人补正，"
         "申请人应当在15日内补正。"
         "　第五条　形式审查通过的，登记机构在登记平台上公示，公示期为10个工作日。"
         "　第六条　登记证书有效期为3年，期满前3个月内可以申请续展。"
         "　第七条　登记事项发生变化的，持有人应当自变化之日起30日内申请变更登记。"
         "　第八条　公示期间有异议的，登记机构应当自收到异议之日起20个工作日内组织核查并作出答复。")

# a 办法 whose first review is done by offices below the city's, named by their level and field
INCUBATOR = ("瑧川市科技企业孵化器认定办法　第一条　为规范孵化器认定工作，制定本办法。"
             "　第二条　市科技局负责孵化器的认定和管理。"
             "　第三条　申请人向所在区（县）科技主管部门提出申请，区（县）科技主管部门应当自收到申请材料之日起10个工作日内完成初审，"
             "对符合条件的报送市科技局。")
# another document timing a first review, and speaking of what happens 以后
FARM = "\n".join([
    "瑧川县家庭农场奖补申报指南",
    "一、申报程序。材料报送以后，乡（镇）农业综合服务中心自收到材料之日起5个工作日内完成初审。",
    "二、奖补标准。对新认定的示范家庭农场，每家奖励3万元。",
])

lib = corpus_fixture("lib", {"robot.txt": ROBOT, "commerce.txt": COMMERCE, "housing.txt": HOUSING, "rules.txt": RULES,
                             "incubator.txt": INCUBATOR, "farm.txt": FARM, "filler.txt": FILLER}, None, None)


def test_the_step_asked_is_the_one_whose_duration_is_quoted():
    from rag.answer.compose import _asked_step, _times_step

    review = _asked_step("审核要多少个工作日？")
    assert _times_step("市商务局自收到申请之日起10个工作日内完成审核", review)
    assert not _times_step("县商务局会同县财政局审核后，在县政府门户网站公示5个工作日", review)
    assert not _times_step("审核通过的名单在网站公示5个工作日", review)
    # (受理 says when the ten days start; 审查 is the step they time)
    assert _times_step("登记机构自受理申请之日起10个工作日内完成形式审查", review)
    assert not _times_step("登记机构自受理申请之日起10个工作日内完成形式审查", _asked_step("受理要几天？"))
    assert _asked_step("审完公示几天？").pattern == "公示"
    # (the 手续 handed in later, 补办, not approving)
    make_up = _asked_step("审批手续多长时间内要补上？")
    assert make_up is not None and _times_step("并在抢修开工后24小时内按照规定补办批准手续", make_up)
    assert not _times_step("审批部门自受理之日起5个工作日内作出决定", make_up)
    # (办理 only says that the step after it, 注销, is done)
    cancel = _asked_step("交了旧车以后多久能注销好？")
    assert _times_step("公安交管部门在回收企业提交信息后3个工作日内办理旧车注销登记", cancel)
    assert not _times_step("公安交管部门在回收企业提交信息后3个工作日内办理旧车注销登记", review)
    assert _asked_step("公示结束后多少个工作日内钱能拨到企业账户？") is None  # (after the step)


def test_a_review_time_is_not_read_off_the_publicity_after_it(lib):
    answer = lib.ask("乡镇商贸中心补助报上去以后，审核要多少个工作日？")
    assert not answer.answerable, answer.answer
    assert "5个工作日" in lib.ask("乡镇商贸中心补助审核后公示几天？").answer
    answer = lib.ask("购房补贴材料交上去多长时间能审完？")
    assert answer.answerable and "15个工作日" in answer.answer, answer.answer


def test_a_platform_named_keeps_the_answer_in_its_document(lib):
    answer = lib.ask("在昶岚通上把项目报上去以后，多久能审完？")
    assert "公示5个工作日" not in answer.answer and "15个工作日" not in answer.answer, answer.answer


def test_a_review_time_is_the_document_s_clause_timing_that_step(lib):
    # (the question's words, 数据知识产权登记, are not in the clause that times the review, 形式审查)
    answer = lib.ask("数据知识产权登记交上去以后审核要几天？")
    assert answer.answerable and "10个工作日内完成形式审查" in answer.answer, answer.answer


def test_a_later_step_asked_in_everyday_words_gets_its_own_time_limit(lib):
    # (补上 is the 办法's 补正, 改 its 变更登记: each ask of one message its own step's days)
    answer = lib.ask("数据知识产权登记交上去以后审核要几天？材料不全让补的话，要多少天内补上？")
    assert "10个工作日内完成形式审查" in answer.answer and "15日内补正" in answer.answer, answer.answer
    answer = lib.ask("数据知识产权登记的有效期多久？登记的信息变了，要在多长时间内去改？")
    assert "30日内申请变更登记" in answer.answer, answer.answer
    # (补 closing the ask, as 改 does: 给多长时间补 is the 补正's time, not how long a support is paid)
    answer = lib.ask("数据知识产权登记材料缺了被打回来补，给多长时间补？")
    assert "15日内补正" in answer.answer, answer.answer


def test_a_step_done_by_an_office_the_document_names_by_level_and_field_is_answered(lib):
    # (区科技局 is the 办法's 区（县）科技主管部门; 以后 says when the step is asked, not about what)
    answer = lib.ask("材料交到区科技局以后，区里初审要几天？")
    assert answer.answerable and "10个工作日内完成初审" in answer.answer, answer.answer
    assert "5个工作日" not in answer.answer, answer.answer


def test_an_objection_s_answer_time_is_asked_of_the_step_the_question_names(lib):
    # (挂出来 is 公示; 多久能给结果 after 要是有人提异议 is the objection's time, 有人 naming no subject)
    answer = lib.ask("数据知识产权登记要挂出来几天？要是有人提异议，多久能给结果？")
    assert "公示期为10个工作日" in answer.answer and "20个工作日内组织核查" in answer.answer, answer.answer
    answer = lib.ask("数据知识产权登记公示期间有人不服提意见的话，多久给答复？")
    assert "20个工作日内组织核查" in answer.answer, answer.answer


def test_how_long_until_paid_asked_as_people_ask_it_is_the_payment_s_time(lib):
    # (打到卡上 is 到账: the 公示5个工作日 before it times no payment)
    assert not lib.ask("乡镇商贸中心补助公示完了，多久能打到卡上？").answerable
    answer = lib.ask("购房补贴公示完了，多久能打到卡上？")
    assert answer.answerable and "30日内" in answer.answer, answer.answer


SAVING = "\n".join([
    "岙川县工业节能改造奖补资金申报指南",
    "一、支持内容。对企业实施电机、空压机节能改造的，按设备投资额的15%给予补助，单个企业最高30万元。",
    "二、审核拨付。县工业和信息化局会同县财政局审核后，拟支持名单在县政府门户网站公示7天，无异议的，由县财政局按程序拨付资金。",
])

LIGHTS = "\n".join([
    "岙川县路灯节能改造合同能源管理奖励办法",
    "一、奖励标准。对采用合同能源管理方式改造路灯的节能服务公司，按每盏灯200元给予奖励。",
    "二、资金兑现。县城市管理局审核通过后10个工作日内，将奖励资金拨付至企业账户。",
])

paying = corpus_fixture("paying", {"saving.txt": SAVING, "lights.txt": LIGHTS, "filler.txt": FILLER}, "county", "岙川县")


def test_a_span_before_paying_times_the_paying_only_when_it_says_so(paying):
    # (公示7天，无异议的，…拨付资金: the seven days are the notice's; nothing says how long the paying takes)
    assert not paying.ask("节能改造补助公示完7天没人提异议，钱多久能到账？").answerable
    # (10个工作日内，将奖励资金拨付: a span ending in 内 times the paying in the phrase after it)
    answer = paying.ask("路灯节能改造奖励审核通过后，多久能到账？")
    assert answer.answerable and "10个工作日" in answer.answer, answer.answer


def test_a_document_is_not_named_by_a_piece_straddling_the_question_s_words(paying):
    # (改造奖 of 改造|奖励 stands only in the other title, 节能改造奖补资金申报指南: it names no document)
    answer = paying.ask("路灯改造奖励审核通过后几天能拨付到账？")
    assert answer.answerable and "10个工作日" in answer.answer, answer.answer


ADOPTION = ("珣川县文物建筑认养管理办法　第一条　为鼓励社会力量参与文物建筑保护，制定本办法。"
            "　第二条　认养申请由县文物主管部门受理，县文物主管部门自收到申请之日起10个工作日内完成初审。"
            "　第三条　初审通过的名单公示5日。公示无异议的，县文物主管部门应当在30日内与认养人签订认养协议，明确认养范围、期限、修缮要求和开放时间。"
            "　第四条　认养人应当委托具有相应资质的单位编制修缮方案，按规定报文物主管部门审批后方可施工。"
            "　第五条　申请材料包括：（一）认养申请书；（二）近一年财务审计报告。")

FUND = "\n".join([
    "珣川县既有住宅加装电梯工作方案",
    "一、简化资金使用。使用住房公积金支付加装电梯费用的，经业主签字同意后，县住房公积金管理中心自受理之日起7个工作日内完成审核。",
    "二、给予补助。对完成加装的电梯，每台补助10万元。",
])

approving = corpus_fixture("approving", {"adoption.txt": ADOPTION, "fund.txt": FUND, "filler.txt": FILLER}, "county", "珣川县")


def test_how_long_until_approved_asked_as_people_ask_it_is_the_approval_s_time(approving):
    # (批下来 is approving: the 审批 of the design is written without a time limit; the 初审 of the
    # application is another step, and the 近一年 of an 审计报告 times no review at all)
    assert not approving.ask("认养人的修缮方案报文物主管部门审批，多少个工作日能批下来？").answerable
    # (批下来多久能到账 asks the paying: approving is when its time starts)
    from rag.answer.compose import _asked_step
    assert _asked_step("补助批下来多久能到账？") is None
    # (a document approving by 完成审核 times it)
    answer = approving.ask("用公积金加装电梯，业主签完字以后几天能批下来？")
    assert answer.answerable and "7个工作日" in answer.answer, answer.answer


LOANS = "\n".join([
    "珣川市小微企业首贷贴息实施细则",
    "一、贴息标准。对小微企业获得的首笔流动资金贷款，按实际支付利息的50%给予贴息，贴息期限不超过12个月。",
    "二、申报兑付。首贷贴息每年分两次集中受理：每年1月受理上一年度7月至12月实际支付的利息，每年7月受理当年1月至6月实际支付的利息。"
    "企业通过“珣融通”平台提交申请，区县初审、市财政局复核后拨付资金。",
])

BRANDS = "\n".join([
    "珣川市老字号传承发展政策问答",
    "问：门店装修能补多少？",
    "答：老字号企业门店装修的，按装修投入的30%给予补助，最高20万元。",
    "问：补助怎么兑现？",
    "答：审核结果公示5个工作日，公示无异议的按程序拨付资金。",
    "问：展示馆运营奖励多久发放？",
    "答：展示馆运营奖励经审核通过后，在20个工作日内将资金拨付至企业账户。",
])

dated = corpus_fixture("dated", {"loans.txt": LOANS, "brands.txt": BRANDS, "filler.txt": FILLER}, "city", "珣川市")


def test_a_day_of_the_calendar_times_no_paying(dated):
    # (当年1月至6月实际支付的利息: months of the year, not a span the paying takes; 12个月 is the 贴息's term)
    assert not dated.ask("7月份在平台上报了贴息，多久能打到公司账上？").answerable
    # (把钱打过来 is being paid: the 公示5个工作日 before it times no payment)
    assert not dated.ask("老字号门店装修补助公示完了以后，多久能把钱打过来？").answerable
    answer = dated.ask("展示馆运营奖励审核通过后多久能把钱打过来？")
    assert answer.answerable and "20个工作日" in answer.answer, answer.answer


def test_how_many_days_a_subsidy_takes_asks_a_time_not_an_amount():
    from rag.answer.kinds import ASKS, Kind

    # (补助多少天能拨下来: 多少 before a unit of time counts no money, so no amount sentence answers it)
    for question in ("河道治理项目验收合格以后，市级补助多少天能拨下来？", "奖励多少个工作日到账？"):
        assert not ASKS[Kind.AMOUNT].search(question), question
        assert ASKS[Kind.DURATION].search(question), question
    assert ASKS[Kind.AMOUNT].search("河道治理市级补助多少？")
