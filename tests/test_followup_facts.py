"""Facts a question reaches through the document around the sentence it quotes.

Two documents written for this test: a city plan whose 主要目标 opens with one deadline
(到2027年，…) and lists its figures below it without a year, plus a sentence listing several metrics
of which the question asks one; and a talent measure whose phone number closes its last article
(电话8826 1333, no colon) beside a second document with a phone of its own, and whose support
articles state their conditions before their amounts; and a 办法 on one line with a list of conditions
and an article whose second sentence states what its subsidy requires. A parking 办法 with a 咨询电话
joins the 办法 in a library of its own.
"""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

PLAN = "\n".join([
    "桐岙市推进冷链物流发展实施方案",
    "一、主要目标",
    "（一）总体目标",
    "到2027年，全市冷链物流网络基本完善，服务能力显著提升。",
    "1.设施规模扩大。全市冷库总库容达到120万吨；冷藏车保有量达到2800辆。",
    "2.主体实力增强。到2025年，培育冷链骨干企业8家。",
    "（二）数字化目标",
    "到2026年，数字经济核心产业增加值占地区生产总值比重达到9%，电子信息产业主营业务收入突破5000亿元。",
    "（三）企业目标",
    "到2027年，培育年营业收入10亿元以上的冷链龙头企业3个。",
    "二、支持政策",
    "1.培育龙头企业。对年营业收入首次突破5亿元、10亿元的冷链企业，分别给予50万元、100万元一次性奖励。",
    "三、保障措施",
    "1.加强组织领导。市冷链物流工作专班负责统筹推进，联系人：市商务局流通科，电话：0571-8765 4321。",
    "2.加大资金投入。市财政每年安排冷链物流发展资金。各项补助由企业向所在乡镇申报，乡镇于每年10月底前汇总报市商务局。",
])

MEASURES = "\n".join([
    "霁阳市支持青年人才来霁就业若干措施",
    "一、给予安家补贴。对新引进的全日制博士研究生，在本市工作满3年后一次性发放安家补贴15万元。",
    "七、发放生活补贴。对新引进的全日制博士研究生，按每人每年3.6万元给予生活补贴，分3年发放。生活补贴在入职满6个月后开始申领。",
    "二、鼓励企业吸纳就业。对本市中小微企业招用毕业2年内的高校毕业生，签订1年以上劳动合同并缴纳社会保险，"
    "在本市连续工作且入职满3个月的，按每人2000元给予企业一次性吸纳就业补贴，单个企业每年最高20万元。",
    "三、支持自主创业。对毕业5年内的高校毕业生在本市首次创办小微企业，正常经营满6个月的，给予一次性创业补贴1万元。",
    "四、申领和受理。生活补贴由个人通过“霁才通”平台在线申请，由用人单位所在地县（市、区）人力资源和社会保障局受理；"
    "安家补贴由市人才发展服务中心受理，受理之日起15个工作日内完成审核。",
    "五、支持参加保险。推广人才创业综合保险，保费由市财政补贴60%；单户创业担保贷款额度最高50万元。",
    "六、附则。本措施自2025年7月1日起施行，有效期至2027年6月30日。政策咨询：市人才发展服务中心，电话8826 1333。",
])

RULES = ("澄阳市夜间消费街区认定和扶持办法　第一条　为规范夜间消费街区的认定和扶持，制定本办法。"
         "　第二条　申报街区应当同时具备以下条件：（一）营业面积不少于3万平方米；（二）夜间营业商户不少于60家；"
         "（三）近三年未发生较大安全事故。"
         "　第三条　培育街区的营业面积不少于1万平方米，夜间营业商户不少于30家，其他条件参照第二条执行。"
         "　第四条　街区运营主体举办夜间主题活动的，按活动实际投入的30%给予补助，每年最高20万元。"
         "享受补助的活动应当在18时以后举办，单场参与人数不少于500人次。")

city = corpus_fixture("city", {"plan.txt": PLAN, "measures.txt": MEASURES, "rules.txt": RULES}, "city", "桐岙市")


def test_a_goal_listed_under_a_dated_heading_has_the_headings_year(city):
    by_text = {c.title: c for c in city._answerer.clauses}
    scale = next(c for t, c in by_text.items() if "设施规模扩大" in t)
    assert {(t.raw, t.year) for t in scale.targets} == {("120万吨", 2027), ("2800辆", 2027)}
    firms = next(c for t, c in by_text.items() if "主体实力增强" in t)
    assert [(t.raw, t.year) for t in firms.targets] == [("8家", 2025)]  # its own year wins


def test_a_year_question_finds_a_goal_whose_year_is_its_headings(city):
    answer = city.ask("到2027年冷库总库容要达到多少万吨？")
    assert answer.answerable and "120万吨" in answer.answer, answer.answer


def test_a_figure_of_another_metric_in_the_same_sentence_is_no_answer(city):
    # the sentence states the 增加值 as a share and another metric in 亿元
    answer = city.ask("到2026年数字经济核心产业增加值要达到多少亿元？")
    assert "5000亿元" not in answer.answer or not answer.answerable, answer.answer


def test_a_phone_written_after_its_word_without_a_colon_is_a_contact(city):
    answer = city.ask("人才政策有咨询电话吗？")
    assert answer.answerable and "8826 1333" in answer.answer, answer.answer


def test_a_follow_up_on_a_whole_document_fact_stays_in_the_document_of_the_first_ask(city):
    answer = city.ask("博士的安家补贴找哪个部门办？有咨询电话吗？")
    assert "市人才发展服务中心" in answer.answer and "8826 1333" in answer.answer, answer.answer
    assert "8765 4321" not in answer.answer, answer.answer  # the other document's phone


def test_a_support_answer_trimmed_to_its_room_keeps_the_amount_given(city):
    answer = city.ask("小微企业招高校毕业生能拿什么补贴？")
    assert "2000元" in answer.answer, answer.answer  # not the conditions before it alone


def test_a_follow_up_asking_requirements_is_answered_by_the_same_articles_condition(city):
    answer = city.ask("街区办夜间主题活动能补多少？有什么要求？")
    assert "30%" in answer.answer and "500人次" in answer.answer, answer.answer


def test_a_question_on_requirements_quotes_the_list_of_conditions(city):
    answer = city.ask("申报夜间消费街区，对面积和商户数量有啥要求？")
    assert "3万平方米" in answer.answer and "60家" in answer.answer, answer.answer


def test_a_subsidy_written_before_its_share_is_an_amount(city):
    answer = city.ask("人才创业综合保险的保费政府补多少？")
    assert answer.answerable and "60%" in answer.answer, answer.answer


def test_a_telephone_asked_as_lianxi_dianhua_is_the_one_the_document_writes_after_dianhua(city):
    answer = city.ask("冷链物流方案的联系电话是多少？")
    assert answer.answerable and "8765 4321" in answer.answer, answer.answer


def test_a_time_after_an_event_answers_when(city):
    answer = city.ask("博士的生活补贴啥时候能开始申领？")
    assert "入职满6个月后" in answer.answer, answer.answer


def test_where_to_apply_is_the_sentence_naming_a_long_unit_that_accepts_it(city):
    answer = city.ask("生活补贴在哪儿申请、谁受理？")
    assert "霁才通" in answer.answer and "人力资源和社会保障局" in answer.answer, answer.answer


def test_what_a_reward_gives_is_the_rewards_sentence_not_a_goal_with_the_same_figure(city):
    answer = city.ask("冷链企业营收头一回过10亿能奖多少？")
    assert "100万元" in answer.answer, answer.answer


def test_a_contact_asked_of_a_document_stating_none_is_refused_not_taken_from_another(city):
    answer = city.ask("申报夜间消费街区，有问题打哪个电话？联系人是谁？")
    assert not answer.answerable, answer.answer


TEA = "\n".join([
    "棠川县茶产业提质增效工作方案",
    "一、提升加工水平。支持茶企建设自动化生产线，对新购置加工设备投资额50万元以上的，按设备投资额的20%给予补助，单个企业最高60万元。",
    "二、发展茶旅融合。串联茶园、茶厂、茶村打造精品线路，对新评为省级茶旅融合示范点的，奖励10万元。",
    "三、发展茶园助餐。对茶园新建职工助餐点的，给予一次性补贴5万元。助餐点从业人员须取得健康证明，并定期公示菜品。",
])
FOOD = "\n".join([
    "棠川县预制菜产业发展实施方案",
    "一、建设原料基地。支持原料基地配套建设初加工设施，对设备投资额200万元以上的项目，按设备投资额的15%给予补助，单个项目最高100万元。",
    "二、培育龙头企业。对年营业收入首次突破5亿元的预制菜企业，给予50万元一次性奖励。",
    "三、同一企业同一年度内，原料基地补助与龙头企业奖励不得重复申报，可选择其中一项。",
])
county = corpus_fixture("county", {"tea.txt": TEA, "food.txt": FOOD}, "county", "棠川县")


def test_an_amount_is_not_taken_from_a_document_that_never_speaks_of_the_subject(county):
    answer = county.ask("茶厂买加工设备能补多少？")
    assert "60万元" in answer.answer and "100万元" not in answer.answer, answer.answer


def test_a_requirement_written_with_xu_answers_what_a_support_requires(county):
    answer = county.ask("茶园开个职工助餐点有什么补贴？要什么条件？")
    assert "5万元" in answer.answer and "健康证明" in answer.answer, answer.answer


def test_registering_again_is_no_rule_on_claiming_two_supports():
    from rag.answer.kinds import Kind, states

    assert states(Kind.STACKING, "不得同时申报") and states(Kind.STACKING, "就高不重复")
    assert not states(Kind.STACKING, "已在平台完成注册的单位无需重复注册，可直接登录填报")


def test_an_e_mail_address_or_a_contact_s_name_is_not_answered_by_a_telephone_number(city):
    from rag.answer.kinds import Kind, asked_kinds, states

    assert asked_kinds("申报材料能不能发邮箱？") == (Kind.EMAIL, Kind.FORM)
    assert asked_kinds("外贸科具体联系人叫什么？") == (Kind.PERSON,)
    assert states(Kind.PERSON, "联系人：张明，电话：0837-1234567") and not states(Kind.PERSON, "电话8826 1333")
    for question in ("人才政策的咨询邮箱是多少？", "人才政策具体联系人叫什么？"):
        answer = city.ask(question)  # the measure gives a telephone only; the plan's 联系人 is another's
        assert not answer.answerable, answer.answer
    assert city.ask("人才政策有咨询电话吗？").answerable


def test_an_office_s_address_is_not_answered_by_its_telephone_number(city):
    from rag.answer.kinds import Kind, asked_kinds, states

    assert asked_kinds("人才发展服务中心办公地址在哪？") == (Kind.ADDRESS,)
    assert Kind.ADDRESS not in asked_kinds("申报材料能不能发邮箱？邮箱地址是多少？")
    assert Kind.ADDRESS not in asked_kinds("工作专班办公室设在哪个部门？")  # which body, not where
    assert states(Kind.ADDRESS, "报送至市家政服务行业服务中心（临溪区凤栖路128号商务大厦3楼305室）")
    assert not states(Kind.ADDRESS, "政策咨询：市人才发展服务中心，电话8826 1333")
    # the measure names the centre and its telephone, never where it sits
    answer = city.ask("人才发展服务中心的办公地址在哪？")
    assert not answer.answerable, answer.answer
    assert city.ask("人才发展服务中心的咨询电话是多少？").answerable


def test_an_ask_of_where_to_go_or_whom_to_see_left_unstated_refuses_the_whole_message(city):
    # the measure names the unit accepting 安家补贴 but neither where it sits nor a person
    assert city.ask("安家补贴由哪个单位受理？").answerable
    for question in ("安家补贴由哪个单位受理？办公地址在哪？", "安家补贴找哪个单位办？具体经办人叫什么名字？",
                     "人才政策的咨询电话是多少、在哪里办公？"):  # (one ask of both: the telephone is no address)
        answer = city.ask(question)
        assert not answer.answerable, answer.answer
    # a person the first ask's answer quoted already (联系人：市商务局流通科) is stated
    answer = city.ask("冷链物流工作专班归哪个部门？联系人是谁？")
    assert answer.answerable and "流通科" in answer.answer, answer.answer


PARK = "\n".join([
    "澄阳市公共停车设施建设补助办法",
    "第一条 对社会资本新建的公共停车场，按每个泊位3000元给予一次性补助。",
    "第二条 政策咨询电话：0571-8603127（工作日8:30—17:30）。",
])
rules = corpus_fixture("rules", {"rules.txt": RULES, "park.txt": PARK, "filler.txt": FILLER,
                                 "filler2.txt": FILLER.replace("澄原市", "澄川市")}, "city", "澄阳市")


def test_a_word_glued_of_two_ask_words_names_no_subject_of_its_own(rules):
    # (咨询电话是多少？ after an ask on 夜间消费街区 is about that 办法, not about whichever
    # document writes 咨询电话)
    answerer = rules._answerer
    assert not answerer._own_subject(answerer._detect("咨询电话是多少？"))
    assert answerer._own_subject(answerer._detect("公共停车场每个泊位补多少？"))
