"""Whether a support exists for a subject no granting sentence holds most of is refused, however the question
is read: 参与制定团体标准的，有奖励吗 (a support question) as 家庭养老床位有没有补贴 is, and 有没有青少年体育培训机构的补贴
with many words between 有没有 and 补贴.

A city's software measures and a 家政 问答, written for this test.
"""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

MEASURES = "\n".join([
    "瑧川市支持软件产业发展若干措施",
    "一、标准制定奖励。对主导制定国际标准的企业，每项奖励50万元；主导制定国家标准的，每项奖励30万元。",
    "二、人才培训补贴。对软件企业组织员工参加职业技能培训的，按每人1000元给予补贴。",
])

QA = "\n".join([
    "瑧川市家政服务业政策问答",
    "问：家政服务人员参加培训有什么补贴？",
    "答：家政服务人员参加母婴护理、养老护理等职业技能培训并取得证书的，每人补贴1200元。",
])

lib = corpus_fixture("lib", {"measures.txt": MEASURES, "qa.txt": QA, "filler.txt": FILLER}, "city", "瑧川市")


def test_a_support_for_a_subject_no_granting_sentence_holds_is_refused(lib):
    assert not lib.ask("参与制定团体标准或者地方标准的，有奖励吗？奖多少？").answerable
    assert not lib.ask("有没有青少年体育培训机构的补贴？").answerable
    answer = lib.ask("主导制定国家标准的，有奖励吗？奖多少？")
    assert answer.answerable and "30万元" in answer.answer, answer.answer
    answer = lib.ask("有没有家政服务人员参加技能培训的补贴？")
    assert answer.answerable and "1200元" in answer.answer, answer.answer


LOANS = "\n".join([
    "瑧川市支持小微企业首贷若干措施",
    "一、首贷贴息。对小微企业获得的首笔流动资金贷款，按实际支付利息的50%给予贴息，单户最高10万元。",
    "二、节水改造补助。企业对主要用水车间加装远传计量水表的，按每套1500元给予补助。",
])

loans = corpus_fixture("loans", {"loans.txt": LOANS, "filler.txt": FILLER}, "city", "瑧川市")


def test_a_rule_extended_to_a_case_no_document_names_is_refused(loans):
    # (也能贴息吗: the asker's own case, 个体户 running a 面馆, is one the measures never speak of)
    assert not loans.ask("我是开面馆的个体户，头一回从银行贷款也能贴息吗？").answerable
    assert not loans.ask("厂里宿舍楼和食堂也装了远传水表，也按每套1500元补吗？").answerable
    answer = loans.ask("我们小微企业第一次拿到流动资金贷款，也能贴息吗？")
    assert answer.answerable and "50%" in answer.answer, answer.answer


GRANTS = "\n".join([
    "瑧川市推动氢能产业发展行动方案",
    "一、推动工业替代。支持化工企业以绿氢替代灰氢生产合成氨，对年消纳绿氢2000吨及以上的替代项目，按项目投资的8%给予补助，单个项目最高1500万元。",
    "二、建设加氢站。对新建日加氢能力500公斤以上的加氢站，按设备投资的30%给予补助，单站最高300万元。",
])

grants = corpus_fixture("grants", {"grants.txt": GRANTS, "filler.txt": FILLER}, "city", "瑧川市")


def test_a_support_likened_to_a_granted_one_is_asked_of_the_askers_own_subject(grants):
    # (类似合成氨替代那样: the plan's subject, named as a likeness; the asker's own, 甲醇, is granted nothing)
    assert not grants.ask("我们想做绿氢制甲醇的项目，有没有类似合成氨替代那样按投资比例给的补助？").answerable
    answer = grants.ask("我们做绿氢替代灰氢生产合成氨的项目，有没有像加氢站那样按投资比例给的补助？")
    assert answer.answerable and "8%" in answer.answer, answer.answer


CLINICS = "\n".join([
    "瑧川市促进中医药发展政策问答",
    "问：建中医馆有什么补助？",
    "答：对新建成并通过验收的乡镇卫生院中医馆，每个给予20万元建设补助。",
    "问：名老中医工作室有奖励吗？",
    "答：对新认定的市级名老中医药专家传承工作室给予10万元补助。",
])

# (a library of some size, in which a figure such as 20万 is as rare as a subject's own word)
MORE = "\n".join(["瑧川市支持农业发展若干措施", *(f"{n}、支持{thing}。对{thing}给予补助。" for n, thing in
                                             zip("一二三四五六七八九十", ("高标准农田", "设施蔬菜", "粮食烘干", "冷链仓储", "农机购置",
                                                                    "秸秆还田", "畜禽粪污", "果园改造", "茶园管护", "渔港建设"), strict=True))])

clinics = corpus_fixture("clinics", {"clinics.txt": CLINICS, "filler.txt": FILLER, "more.txt": MORE}, "city", "瑧川市")


def test_a_figure_the_asker_states_is_no_subject_of_a_second_ask(clinics):
    # (也能给20万元吗 after a first ask refused for its subject: 20万 is what the asker hopes for, the
    # subject is still the first ask's 诊所, which the plan grants nothing)
    assert not clinics.ask("个人开办中医诊所有没有开办补贴？也能给20万元吗？").answerable
    answer = clinics.ask("乡镇卫生院建中医馆有没有补助？给多少钱？")
    assert answer.answerable and "20万元" in answer.answer, answer.answer


ROOMS = "\n".join([
    "瑧川县城市书房建设和运营补助实施细则",
    "一、建设补助。对新建城市书房，面积不少于150平方米、藏书不少于1万册的，一次性补助10万元。",
    "二、运营补助。城市书房年度考核合格的，每家每年补助3万元。",
    "三、不予支持的情形。个人自用书房、未对外开放的城市书房，不享受本细则规定的补助。",
    "四、鼓励提档升级。鼓励农家乐、乡村旅游点参照城市书房标准设置阅读空间，实现提档升级。",
])

rooms = corpus_fixture("rooms", {"rooms.txt": ROOMS, "filler.txt": FILLER, "more.txt": MORE}, "county", "瑧川县")


def test_whether_one_may_apply_for_a_support_is_asked_of_the_askers_own_subject(rooms):
    # (能不能申请这个补助: a support asked for the asker's 农家书屋, which no granting sentence speaks of)
    assert not rooms.ask("村里的农家书屋想提档升级，能不能申请这个补助？").answerable
    answer = rooms.ask("我们新建了一家城市书房，能不能申请建设补助？")
    assert answer.answerable and "10万元" in answer.answer, answer.answer
    # (a rule leaving some out, found first, answers it: they may not)
    answer = rooms.ask("我在自己家里设的阅读空间，藏书有两千册，没有对外开放，能不能申请这个补助？")
    assert answer.answerable and "不享受" in answer.answer, answer.answer


def test_a_bonus_or_an_interest_subsidy_asked_whether_it_exists_is_a_support_ask(lib):
    from rag.answer.kinds import Kind, asked_kinds

    # (能拿奖金吗, 还有没有贴息: whether a support exists, asked by the money it pays)
    assert Kind.SUPPORT in asked_kinds("设计师本人能拿奖金吗？")
    assert Kind.SUPPORT in asked_kinds("省里对小微企业第一次贷款还有没有贴息？")
    assert not lib.ask("我们的标准起草专家，个人能拿奖金吗？").answerable


PARKS = "\n".join([
    "瑧川县口袋公园建设实施方案",
    "一、建设口袋公园。在县城利用街角边角地建设口袋公园，每处补助20万元。",
    "二、组织验收。口袋公园竣工后，由县住房城乡建设局会同县城市管理局组织验收，验收合格后按规定拨付补助资金。",
    "三、吸纳就业补贴。对本县中小微企业招用毕业2年内的高校毕业生，签订1年以上劳动合同的，按每人2000元给予企业一次性吸纳就业补贴。",
])

# (企业 in many clauses, 公司 in one: the asker's 公司 weighs far more than the question's own 企业)
FIRMS = "\n".join(["瑧川县国有资产监督管理办法", "一、县城市建设投资有限公司等国有公司每年向县国资办报送经营情况。",
                   *(f"{n}、企业{thing}应当依法规范。" for n, thing in
                     zip("二三四五六七八九十", ("财务管理", "用工管理", "安全生产", "信息披露", "合同管理", "资产处置",
                                             "投资决策", "风险防控", "审计监督"), strict=True))])

parks = corpus_fixture("parks", {"parks.txt": PARKS, "firms.txt": FIRMS, "filler.txt": FILLER, "more.txt": MORE},
                       "county", "瑧川县")


def test_which_supports_a_subject_gets_is_asked_whether_any_exists(parks):
    # (有什么补助: the supports of the asker's own subject, 绿道, which no granting sentence speaks of)
    assert not parks.ask("县城修绿道有什么补助？").answerable
    answer = parks.ask("建口袋公园有什么补助？")
    assert answer.answerable and "20万元" in answer.answer, answer.answer
    # (公司 is how the asker says 企业, which the question also says: one subject, not another)
    answer = parks.ask("我们小公司招了应届毕业生，企业能拿什么补贴？")
    assert answer.answerable and "2000元" in answer.answer, answer.answer


def test_whether_the_government_pays_asked_as_a_choice_is_a_support_ask(parks):
    from rag.answer.kinds import Kind, asked_kinds

    # (给不给补, 补不补, 这笔钱政府管不管: whether a support exists, asked as a choice)
    assert Kind.SUPPORT in asked_kinds("手机摔坏了，这些财物损失政府给不给补？")
    assert Kind.SUPPORT in asked_kinds("参加展会的展位费补不补？")
    assert Kind.SUPPORT in asked_kinds("建棚的钱政府管不管？")
    assert Kind.SUPPORT not in asked_kinds("这事市里管不管？")  # (who is in charge, not who pays)
    assert not parks.ask("县城修绿道的钱政府管不管？").answerable
    answer = parks.ask("建口袋公园的钱政府管不管？")
    assert answer.answerable and "20万元" in answer.answer, answer.answer


def test_whether_one_is_paid_asked_colloquially_is_a_support_ask(parks):
    from rag.answer.kinds import Kind, asked_kinds

    # (建设补助给不给, 有没有钱补, 能不能补, 也能补吗: whether a support exists, in the words people say it)
    assert Kind.SUPPORT in asked_kinds("我们在县城外设的分园，建设补助给不给？")
    assert Kind.SUPPORT in asked_kinds("老房子要修缮，有没有钱补？")
    assert Kind.SUPPORT in asked_kinds("买空调、冰箱能不能补？")
    assert Kind.SUPPORT in asked_kinds("租的仓库也能补吗？")
    assert Kind.SUPPORT not in asked_kinds("能不能补多少？") and Kind.SUPPORT not in asked_kinds("一处能补多少？")
    assert not parks.ask("县城修绿道有没有钱补？").answerable
    assert not parks.ask("县城修绿道能不能补？").answerable
    answer = parks.ask("建口袋公园能不能补？")
    assert answer.answerable and "20万元" in answer.answer, answer.answer


FUND = "\n".join([
    "瑧川市动漫游戏产业发展专项资金申报指南",
    "一、支持对象。在本市登记注册、主要从事原创动画制作、网络游戏研发运营的企业。",
    "二、原创动画奖励。原创动画在电视台首播的，按每分钟1000元给予奖励，单部作品最高100万元。",
    "三、网络游戏奖励。取得网络游戏出版批准文号并上线运营的，每款游戏奖励20万元。",
])

fund = corpus_fixture("fund", {"fund.txt": FUND, "filler.txt": FILLER, "more.txt": MORE}, "city", "瑧川市")


def test_what_the_asker_says_they_are_not_is_no_subject_of_theirs(fund):
    # (不是做动画: the fund's subject, which the asker disowns; their own, 网络漫画, is granted nothing)
    assert not fund.ask("我们是做网络漫画连载的，不是做动画，这个专项资金可以申请吗？").answerable
    answer = fund.ask("我们是做原创动画的，不是做游戏，这个专项资金可以申请吗？")
    assert answer.answerable and "动画" in answer.answer, answer.answer


DAMAGE = "\n".join([
    "瑧川县野生动物致害补偿办法",
    "第一条 农作物受到野猪毁损的，按照每亩1100元给予补偿。",
    "第二条 家畜家禽被咬死的，羊每只补偿600元，鸡鸭每只补偿30元。",
    "第三条 在禁牧区放牧造成损失的，不予补偿。",
])

damage = corpus_fixture("damage", {"damage.txt": DAMAGE, "filler.txt": FILLER, "more.txt": MORE}, "county", "瑧川县")


def test_a_compensation_or_an_allowance_is_a_support(damage):
    from rag.answer.kinds import Kind, asked_kinds

    # (补偿, 津贴: what a rule pays, as 补贴 is — asked whether it exists and how much)
    assert Kind.AMOUNT in asked_kinds("家里能拿到多少补偿？")
    assert Kind.SUPPORT in asked_kinds("生孩子能拿到生育津贴吗？")
    assert Kind.SUPPORT in asked_kinds("这种损失政府有没有补偿？")
    # (果园的桃树: a subject no sentence paying a compensation holds)
    assert not damage.ask("野猪把果园里的桃树啃坏了，这种损失政府有没有补偿？").answerable
    answer = damage.ask("羊被咬死了，一只能拿到多少补偿？")
    assert answer.answerable and "600元" in answer.answer, answer.answer


def test_whether_the_money_is_paid_back_is_a_support_ask(parks):
    from rag.answer.kinds import Kind, asked_kinds

    # (产检的钱能报吗, 租场地的钱政府能给报一部分吗: whether someone pays it back; 能报吗 alone asks whether one may apply)
    assert Kind.SUPPORT in asked_kinds("怀孕做产检的钱能报吗？")
    assert Kind.SUPPORT in asked_kinds("修车的钱可以找林业局报吗？")
    assert Kind.SUPPORT not in asked_kinds("我是种菜大户，不是合作社，能报吗？")
    assert not parks.ask("县城修绿道的钱能报吗？").answerable
    answer = parks.ask("建口袋公园的钱能报吗？")
    assert answer.answerable and "20万元" in answer.answer, answer.answer


DUTIES = "\n".join([
    "瑧川县野生动物致害补偿办法",
    "第一条 农作物受到野生动物毁损的，按照每亩1100元给予补偿。",
    "第二条 家畜家禽被野生动物咬死的，羊每只补偿600元，鸡鸭每只补偿30元。",
    "第三条 县林业局负责野猪种群调控和致害补偿的受理、现场勘查、损失认定；县财政局负责补偿资金保障。",
    "第四条 野猪出没的路段应当设置警示标志，提醒过往车辆减速慢行。",
])

duties = corpus_fixture("duties", {"duties.txt": DUTIES, "filler.txt": FILLER, "more.txt": MORE}, "county", "瑧川县")


def test_whether_a_department_pays_is_a_support_ask_not_its_tasks(duties):
    from rag.answer.kinds import Kind

    # (找林业局报: the asker names where to claim; the ask, whether the money is paid back, is read across
    # the department's name, and the department's tasks are not what is asked)
    answer = duties.ask("晚上开车撞上一头野猪，车辆维修的钱可以找林业局报吗？")
    assert answer.intent not in ("support", "dept_lookup") and "牵头" not in answer.answer, answer.answer
    assert Kind.SUPPORT in duties._answerer._detect("车辆维修的钱可以找林业局报吗？").kinds
    # (who does the 勘查 is still a department's task)
    answer = duties.ask("现场勘查归哪个部门管？")
    assert answer.answerable and "县林业局" in answer.answer, answer.answer


def test_whether_a_policy_reaches_the_askers_case_asked_colloquially_is_a_support_ask(parks):
    from rag.answer.kinds import Kind, asked_kinds

    # (这个政策我们能用吗, 有份吗, 算不算在支持范围里, 覆盖…吗, 有没有说法, 沾上光, 兜不兜底, 认不认 …:
    # whether a support reaches the asker's case, in the words people say it)
    for question in ("我们是做渣土运输的，这个政策我们能用吗？", "我种果桑卖桑葚，能不能走这个政策？", "拆迁队伍有份吗？",
                     "房车营位算不算在支持范围里？", "公共电单车也在政策里吗？", "奖励覆盖做装备的企业吗？",
                     "咱们这儿有没有说法？", "冷库这块有优惠没？", "贷款贴息能沾上光吗？", "政府兜不兜底？",
                     "游客按天用这种优惠享受得了吗？", "市里认不认这个？", "这个奖补也算数吗？", "是不是只有公共自行车才有？",
                     "像我们这种也行吗？", "消毒药品能顺带补点吗？", "外卖配送这块可以一并享受吗？", "水电费有没有照顾？",
                     "政府给补贴保费吗？"):
        assert Kind.SUPPORT in asked_kinds(question), question
    assert Kind.SUPPORT not in asked_kinds("补办借车卡要多少钱？")
    assert not parks.ask("县城修绿道，这个政策我们能用吗？").answerable
    assert not parks.ask("县城修绿道有份吗？").answerable
    answer = parks.ask("建口袋公园，这个政策我们能用吗？")
    assert answer.answerable and "20万元" in answer.answer, answer.answer
