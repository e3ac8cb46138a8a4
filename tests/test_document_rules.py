"""What a document says once for all its measures, and lists chunked item by item, answer as a whole.

Two documents written for this test: a county 专项资金申报指南 whose categories each state a
standard and a condition list (申报条件： then （一）…；（二）…。, chunked one clause per item),
with an eligibility and a stacking rule written once in 其他事项; and a task-division plan whose
units stand unbracketed after each task (责任单位：X（牵头）、Y；完成时限：…). Further libraries, each
written for its tests: a city plan, a rule opening a list, measures whose application window stands
under 其他事项 or in a 附则 (申报每年集中开展两次), and a brand measure whose 附则 holds its 政策咨询电话
beside a 问答 with a telephone of its own.
"""

from __future__ import annotations

import re

import pytest
from corpus_util import FILLER, corpus_fixture, opened_corpus

GUIDE = "\n".join([
    "岫山县工业专项资金申报指南",
    "一、技术改造项目",
    "支持标准：对完成竣工验收的技术改造项目，按设备购置额的8%给予补助，单个项目最高不超过400万元。",
    "申报条件：",
    "（一）项目设备购置额不低于800万元，其中小微企业不低于200万元；",
    "（二）纳税信用等级为B级及以上；",
    "（三）项目已按规定完成备案，并已竣工投产。",
    "二、企业技术中心",
    "支持标准：对新认定的省级企业技术中心，一次性奖励50万元。企业须于2025年1月1日至申报截止日期间取得认定文件。"
    "奖励资金分两年拨付：第一年拨付60%，次年拨付剩余40%。",
    "三、引进研发人才",
    "（一）对企业新引进的全职博士给予入职补贴20万元。",
    "（二）入职补贴分三期发放：到岗后发放40%；服务满2年后发放30%；服务满4年后发放剩余30%。",
    "四、申报程序",
    "企业于2025年7月1日至7月31日登录“岫山县惠企政策服务平台”在线填报申报材料。",
    "五、其他事项",
    "（一）享受本指南支持的企业须在县内依法注册登记、具有独立法人资格，且近三年未发生重大安全生产事故。",
    "（二）同一企业同一年度符合多个支持类别的，按照就高不重复原则予以支持。",
    "六、申报材料",
    "（一）专项资金申请表；",
    "（二）营业执照复印件；",
    "（三）上年度财务审计报告。",
])

DIVISION = "\n".join([
    "岫山县2025年养老服务重点工作任务分工方案",
    "一、完善居家养老服务",
    "1.新建社区养老服务中心12个，实现街道全覆盖。责任单位：县民政局（牵头）、县住房城乡建设局；完成时限：2025年11月底前",
    "2.推动综合医院设置老年医学科，设置比例达到90%以上。责任单位：县卫生健康局（牵头）、县民政局；完成时限：长期坚持",
    "3.建设家庭养老床位1500张，每张床位一次性建设补贴3000元。责任单位：县民政局（牵头）、县卫生健康局；完成时限：2025年12月底前",
])


county = corpus_fixture("county", {"guide.txt": GUIDE, "division.txt": DIVISION}, "county", "岫山县")


def test_a_condition_list_chunked_item_by_item_is_quoted_whole(county):
    answer = county.ask("技术改造项目申报要满足哪些条件？")
    assert answer.answerable
    assert all(w in answer.answer for w in ("不低于800万元", "B级及以上", "完成备案")), answer.answer
    assert len(re.findall(r"\[\d\]", answer.answer)) >= 3 and len(answer.citations) >= 3  # each item cited


def test_a_sentence_opening_a_list_is_never_quoted_without_its_items(county):
    answer = county.ask("做技术改造项目的企业得具备什么？")
    assert "B级及以上" in answer.answer and "完成备案" in answer.answer, answer.answer


def test_a_document_s_eligibility_rule_answers_for_each_of_its_measures(county):
    answer = county.ask("企业技术中心奖励要啥条件？")  # 啥 is 什么
    assert answer.answerable and "50万元" in answer.answer and "独立法人资格" in answer.answer, answer.answer
    assert "近三年" in answer.answer and "…" not in answer.answer  # room for the measure and the rule, whole


def test_a_document_s_stacking_rule_answers_whether_two_supports_add_up(county):
    answer = county.ask("技术改造补助和企业技术中心奖励能同时享受吗？")
    assert answer.answerable and "就高不重复" in answer.answer, answer.answer


def test_how_a_support_is_paid_is_quoted_with_every_part_of_its_sentence(county):
    answer = county.ask("博士入职补贴是怎么发的？")
    assert all(w in answer.answer for w in ("40%", "服务满2年", "服务满4年")), answer.answer


def test_whether_two_supports_can_be_taken_together_as_enterprises_ask_it(county):
    answer = county.ask("技改补助和技术中心奖励能一起拿吗？")
    assert answer.answerable and "就高不重复" in answer.answer, answer.answer


def test_unbracketed_units_answer_lead_lookup_and_time_limit(county):
    lead = county.ask("老年医学科设置谁牵头？有没有完成期限？")
    assert "县卫生健康局" in lead.answer and "长期坚持" in lead.answer, lead.answer
    lookup = county.ask("县民政局牵头哪几项工作？")
    assert "社区养老服务中心" in lookup.answer and "家庭养老床位" in lookup.answer, lookup.answer
    assert "责任单位：" not in lookup.answer  # tasks are named by what they do, not by their units line


PLAN = "\n".join([
    "泖川市新材料产业三年行动方案", "一、主要目标",
    "到2025年底，全市新材料产业规模达到900亿元，规模以上新材料企业达到210家。", "二、重点任务",
    "（一）提升审批服务效能。对新材料重大项目推行并联审批，审批时间压缩至40个工作日以内，到2025年园区新材料产值占全市比重达到60%以上。（牵头单位：市政务服务管理局；责任单位：市生态环境局）",
    "（二）培育企业梯队。每年筹集人才公寓200套，每年新增规模以上新材料企业不少于15家。（牵头单位：市工业和信息化局）",
    "（三）扩大产能。到2025年，全市新材料产能达到95万吨，港口新材料吞吐量达到1.5亿吨。（牵头单位：市发展改革委）",
    "三、保障措施",
    "（一）加大资金支持。统筹市级产业发展专项资金，每年安排不少于3亿元支持新材料产业重大项目。（责任单位：市财政局、市工业和信息化局）",
    "（二）强化金融服务。设立规模20亿元的市新材料产业投资基金，引导社会资本参与。（责任单位：市委金融办、市国资委）",
])


city = corpus_fixture("city", {"plan.txt": PLAN}, "city", "泖川市")


def test_a_place_glued_to_the_next_word_is_no_narrower_kind(city):
    # jieba reads 泖川规上新 as one unknown word: the place in it makes it no narrower kind of 上新
    answer = city.ask("到2025年底，泖川规上新材料企业要达到多少家？")
    assert answer.answerable and "210家" in answer.answer, answer.answer


@pytest.mark.parametrize(("question", "facts"), [
    ("新材料产业专项资金每年安排多少？由哪些部门负责？", ("3亿元", "市财政局")),  # 每年…多少 in 亿元
    ("新材料产业基金规模多大？哪些单位负责？", ("20亿元", "市委金融办", "市国资委")),  # a size in 元
])
def test_a_safeguard_s_amount_and_its_units(city, question, facts):
    answer = city.ask(question)
    assert all(f in answer.answer for f in facts), answer.answer


def test_a_department_without_a_task_in_the_document_named_is_refused(county):
    # 县卫生健康局 leads tasks of the division plan only; the question names the guide by its title
    assert not county.ask("专项资金申报指南里县卫生健康局负责哪些工作？").answerable
    assert "老年医学科" in county.ask("养老服务分工方案里县卫生健康局牵头哪些工作？").answer


def test_a_level_the_document_does_not_support_is_refused(county):
    # the guide rewards a 省级企业技术中心 only: a 市级 one is a sibling it does not cover
    assert not county.ask("评上市级企业技术中心能拿多少奖励？").answerable
    assert "50万元" in county.ask("评上省级企业技术中心能拿多少奖励？").answer


def test_a_follow_up_ending_in_ne_asks_the_same_of_other_subjects(county):
    answer = county.ask("博士入职补贴和技术中心奖励呢？", history=["技术改造补助和企业技术中心奖励能同时享受吗？"])
    assert answer.answerable and "就高不重复" in answer.answer, answer.answer


def test_when_to_apply_is_the_document_s_application_window(county):
    answer = county.ask("专项资金什么时候开始报、截止到哪天？")
    assert "7月31日" in answer.answer, answer.answer


@pytest.mark.parametrize(("question", "unit"), [
    ("新材料项目审批提速这块谁挑头？", "市政务服务管理局"),  # 挑头 is 牵头 as people say it
    ("产业投资基金谁来设？", "市委金融办、市国资委负责"),  # a 责任单位-only note: the units, said to be responsible
])
def test_who_leads_as_people_ask_it(city, question, unit):
    answer = city.ask(question)
    assert unit in answer.answer and "（责任单位" not in answer.answer, answer.answer


def test_a_count_a_year_is_a_target_not_a_rate(city):
    assert "200套" in city.ask("每年筹集人才公寓多少套？").answer


@pytest.mark.parametrize("question", ["新材料产业到2025年产值目标多少亿？", "到2025年新材料产业规模要做到多大？"])
def test_a_size_asked_in_yi_is_an_amount_in_yuan(city, question):
    answer = city.ask(question)
    assert "900亿元" in answer.answer and "60%" not in answer.answer, answer.answer


def test_a_document_is_named_by_title_words_no_other_title_holds(county):
    from rag.answer.intent import detect

    answerer = county._answerer

    def named(question):
        det = detect(question, answerer.vocab, answerer.tokenizer)
        return {answerer.documents[d].title for d in answerer.composer.named_documents(det)}

    assert named("养老服务分工方案里老年医学科设置谁牵头？") == {"岫山县2025年养老服务重点工作任务分工方案"}
    assert named("岫山县的技术改造补助谁负责？") == set()  # 岫山县 is in both titles
    # the kind of a document (任务分工方案, 具体实施方案) is a word of every title, naming none
    assert named("各单位的具体任务分工方案要什么时候报？") == set()


def test_a_list_under_a_heading_of_its_own_is_quoted_whole(county):
    answer = county.ask("申请专项资金要交哪些材料？")
    assert all(w in answer.answer for w in ("申请表", "营业执照", "审计报告")), answer.answer


@pytest.mark.parametrize("question", ["企业技术中心奖励什么时候拨付？", "技术中心奖励50万是一次性给到位吗？"])
def test_when_and_how_a_reward_is_paid_is_its_payment_schedule(county, question):
    # 一次性奖励 names the reward; 分两年拨付 says how it is paid
    assert "分两年拨付" in county.ask(question).answer


RULE = "\n".join([
    "岫山县充电设施运营管理办法",
    "第一条　为规范充电设施运营，制定本办法。",
    "第二条　从事公共充电设施运营的企业应当具备下列条件：",
    "（一）依法登记注册，具有独立法人资格；",
    "（二）具有与经营规模相适应的专业运维人员；",
    "（三）充电设施接入县级监测服务平台。",
    "第三条　县发展和改革局负责充电设施运营的监督管理。",
])


rule = corpus_fixture("rule", {"rule.txt": RULE}, "county", "岫山县")


@pytest.mark.parametrize("question", ["开公共充电站的运营企业得有啥资质？", "公共充电设施运营企业有哪些条件？"])
def test_an_article_opening_a_list_is_answered_with_its_items(rule, question):
    answer = rule.ask(question)
    assert "独立法人资格" in answer.answer and "专业运维人员" in answer.answer, answer.answer


def test_a_count_in_ten_thousands_of_a_unit_is_no_amount_of_money(city):
    # 多少万吨 asks a count in 万吨; read as money (多少万) it was refused for want of an amount
    assert "95万吨" in city.ask("到2025年，新材料产能要达到多少万吨？").answer


def test_an_amount_asked_in_yi_without_its_unit_takes_any_unit_in_yi(city):
    assert "1.5亿吨" in city.ask("到2025年，港口新材料吞吐量要达到多少亿？").answer


def test_a_condition_asked_of_the_whole_document_is_its_rule_for_every_measure(tmp_path):
    """满足什么条件 asked of a document's measures as a whole: its 本措施适用于… rule answers,
    though it holds none of the words the question asks with (满足, 条件)."""
    measures = "\n".join([
        "岫山市支持软件产业发展若干政策措施",
        "一、对年软件业务收入首次突破1亿元的企业，一次性奖励50万元。",
        "二、对新认定的首版次软件产品，按首年销售合同金额的20%给予奖励，单个产品最高200万元。",
        "三、适用与兑现",
        "本措施适用于在本市注册登记、具有独立法人资格、依法纳税的软件企业。",
        "同一企业同一事项符合多项条款的，按照就高原则支持，不重复享受。",
    ])
    with opened_corpus(tmp_path, {"measures.txt": measures, "guide.txt": GUIDE, "division.txt": DIVISION},
                       "city", "岫山市") as opened:
        answer = opened.ask("申请这些软件扶持政策，企业本身要满足啥条件？")
        assert answer.answerable and "独立法人资格" in answer.answer, answer.answer


def test_a_labelled_value_is_counted_with_its_label_and_a_notice_formula_is_never_quoted():
    from rag.answer.extract import candidate_sentences
    from rag.model import Clause, Hit

    def hit(cid, title, text, path=("二、申报时间",)):
        return Hit(Clause(id=f"g:{cid}", doc_id="g", path=path, title=title, text=text), 1.0, 1)

    window = candidate_sentences(hit("二/1", "1.网上申报时间", "1.网上申报时间：2025年8月1日至8月29日，逾期系统自动关闭。"))
    assert window[0] == ("2025年8月1日至8月29日，逾期系统自动关闭。", "1.网上申报时间 2025年8月1日至8月29日，逾期系统自动关闭。")
    preamble = candidate_sentences(hit("前言", "前言", "为落实有关措施，做好申报工作，现将有关事项通知如下。专项资金实行网上申报、分级审核的管理方式。", ()))
    assert [s for s, _ in preamble] == ["专项资金实行网上申报、分级审核的管理方式。"]


WINDOW = "\n".join([
    "潞川市促进冷链物流发展若干措施",
    "一、支持冷库建设。对新建库容5000吨以上冷库的，按设备投资额的20%给予补助，最高200万元。",
    "二、支持冷藏车购置。对购置新能源冷藏车的，每辆补助2万元，每家企业每年最高40万元。",
    "三、其他事项。同一项目符合本措施多项条款的，按照就高原则不重复享受。申报时间为每年4月1日至4月30日，"
    "企业通过“潞川惠企通”平台提交申请，逾期不予受理。",
])

window = corpus_fixture("window", {"window.txt": WINDOW, "filler.txt": FILLER}, "city", "潞川市")


def test_an_application_window_written_under_other_matters_answers_when_to_apply(window):
    # (其他事项 is no 申报程序 heading; its sentence 申报时间为… is still the window of every measure)
    answer = window.ask("冷库补助啥时候报、在哪儿报？")
    assert answer.answerable and "4月1日至4月30日" in answer.answer and "潞川惠企通" in answer.answer, answer.answer


WINDOW_TWICE = "\n".join([
    "沭川市促进茶叶品牌建设若干措施",
    "一、支持品牌认证。对新获得绿色食品认证的茶叶产品，每个产品奖励3万元。",
    "二、支持展会推广。对参加市外茶叶博览会的企业，按展位费的50%给予补助，每家企业每年最高5万元。",
    "三、附则。本措施所需资金由市、县两级财政按6∶4比例分担。申报每年集中开展两次，分别在4月和10月，"
    "申报主体通过“沭茶通”平台在线提交。",
])

window_twice = corpus_fixture("window_twice", {"window.txt": WINDOW_TWICE, "filler.txt": FILLER}, "city", "沭川市")


def test_an_application_window_naming_the_application_first_answers_when_to_apply(window_twice):
    # (申报每年集中开展两次 under 附则: the application named before 每年, no 申报时间 heading)
    answer = window_twice.ask("展会补助一年什么时候能报？在哪儿报？")
    assert answer.answerable and "4月和10月" in answer.answer and "沭茶通" in answer.answer, answer.answer


HONEY = "\n".join([
    "沭川县蜂产业扶持政策问答",
    "一、问：新建标准化蜂场有什么奖励？答：存栏200群以上的，一次性奖补5万元。",
    "二、问：蜂场申报的政策看不懂，有疑问打哪个电话咨询？答：可以咨询县农业农村局畜牧股，电话：0592-6641378。",
    "三、问：蜂蜜产品检测费用能补吗？答：按检测费用的50%给予补助。",
    "四、问：政策咨询电话工作时间是几点？答：工作日上午9:00至12:00，电话：0592-6641379。",
])
BRAND = "\n".join([
    "沭川市支持地理标志品牌建设若干措施",
    "一、支持地理标志认定。对新获批准保护的地理标志产品，给予一次性奖励30万元。",
    "二、支持地理标志品牌推广。对地理标志产品参加市外展会的，按展位费的50%给予补助。",
    *(f"{n}、支持{what}。对{what}的企业，按实际投入的{rate}%给予补助，每家企业每年最高{cap}万元。"
      for n, (what, rate, cap) in zip("三四五六七八九十", [
          ("地理标志专用标志使用", 20, 5), ("地理标志产品质量检测", 50, 3), ("地理标志产品广告投放", 20, 20),
          ("地理标志产品电商销售", 10, 10), ("地理标志产品保险", 40, 5), ("地理标志标准制定", 30, 30),
          ("地理标志示范基地建设", 25, 15), ("地理标志人才培训", 50, 2)], strict=False)),
    "十一、附则。本措施所需资金由市、县两级财政按7∶3比例分担。申报每年集中开展两次，分别在3月和9月。"
    "同一企业每年享受本措施的奖补累计不超过50万元。对弄虚作假骗取奖补资金的，全额追回已拨付资金。"
    "政策咨询电话：0593-8627314（工作日9:00—12:00）。本措施自2025年6月1日起施行，有效期3年。",
])

contacts = corpus_fixture("contacts", {"honey.txt": HONEY, "brand.txt": BRAND, "guide.txt": GUIDE, "window.txt": WINDOW,
                                       "twice.txt": WINDOW_TWICE, "filler.txt": FILLER}, None, None)


def test_a_document_s_inquiry_line_answers_for_each_of_its_measures(contacts):
    # (政策咨询电话 in 附则 names no measure; another document's 咨询电话 is not the line for this one)
    answer = contacts.ask("地理标志这些政策看不懂，打哪个电话问？")
    assert answer.answerable and "0593-8627314" in answer.answer and "0592" not in answer.answer, answer.answer


def test_an_inquiry_line_is_the_document_s_own_and_another_s_telephone_is_not():
    from rag.answer.extract import Evidence, for_every_measure
    from rag.answer.kinds import Kind
    from rag.model import Clause, Hit

    def said(sentence):
        clause = Clause(id="d:十一", doc_id="d", path=(), title="十一、附则", text=sentence)
        return Evidence(Hit(clause, 1.0, 1), sentence, 1.0, 0.0, frozenset({Kind.CONTACT}))

    assert for_every_measure(Kind.CONTACT, said("政策咨询电话：0593-8627314（工作日9:00—12:00）。"))
    assert not for_every_measure(Kind.CONTACT, said("答：可以找县农业农村局畜牧股，电话：0592-6641378。"))
