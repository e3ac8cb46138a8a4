"""A 政策解读 written as numbered questions and answers (一、问：…？ 答：…), beside a measures
document: the answer is the 答, never the 问; the question heading says what its answer is about;
a document named by its subject and a word for a document (这套软件政策) is the one asked about.
"""

from __future__ import annotations

from corpus_util import corpus_fixture

FAQ = "\n".join([
    "岫山市住房公积金租房提取新政解读",
    "一、问：租住保障性租赁住房的，提取额度怎么算？",
    "答：租住公共租赁住房的，可按租赁合同约定的实际租金全额提取，不受每月最高提取额度限制。",
    "二、问：提取申请提交后多久能到账？",
    "答：线上申请经系统自动校验通过的，资金实时到账；需要人工审核的，审核通过后3个工作日内划入职工本人银行账户。",
    "三、问：多子女家庭有没有额外照顾？",
    "答：有。养育两个及以上未成年子女的缴存职工家庭租房提取的，在每月最高提取额度基础上上浮30%。",
    "五、问：如果通过虚假租房合同提取会怎么处理？",
    "答：对以伪造租赁合同等方式骗取住房公积金的，中心将责令退回已提取的资金，5年内不予受理其提取申请。",
    "六、问：新政从什么时候开始实施？遇到问题怎么咨询？",
    "答：新政自2025年6月1日起施行，有效期2年。缴存职工可拨打12329住房公积金服务热线咨询。",
])
MEASURES = "\n".join([
    "岫山市支持软件产业发展若干政策措施",
    "一、对年软件业务收入首次突破1亿元的企业，一次性奖励50万元；首次突破5亿元的，一次性奖励150万元。",
    "二、对新认定的首版次软件产品，按首年销售合同金额的20%给予奖励，单个产品最高200万元。",
    "三、对首次评为国家5A级软件服务企业的，给予一次性奖励100万元；首次评为4A级软件服务企业的，给予一次性奖励30万元。",
    "四、获得奖励的企业自资金拨付之日起3年内将注册地迁出本市的，应全额退回所获资金。",
    "五、本措施自2025年7月1日起施行，有效期至2027年12月31日。",
])


city = corpus_fixture("city", {"faq.txt": FAQ, "measures.txt": MEASURES}, "city", "岫山市")


def test_a_numbered_question_is_its_items_title_and_never_quoted(city):
    titles = [c.title for c in city.clauses if c.doc_id.startswith("faq")]
    assert titles[0] == "一、问：租住保障性租赁住房的，提取额度怎么算"  # not 一、 cut at its comma
    for q in ("租保障房的提取额度怎么算？", "提取申请交上去多久能到账？", "用假合同提取会怎么处理？"):
        answer = city.ask(q).answer
        assert "问：" not in answer and "？" not in answer, answer


def test_the_answer_under_the_question_asked_is_quoted(city):
    answer = city.ask("提取申请交上去多久能到账？").answer
    assert "3个工作日" in answer or "实时到账" in answer, answer


def test_a_service_hotline_is_a_contact_and_a_day_asked_by_its_number(city):
    from rag.answer.kinds import Kind, asked_kinds, states

    assert states(Kind.CONTACT, "缴存职工可拨打12329住房公积金服务热线咨询")
    assert states(Kind.CONTACT, "可拨打12345政务服务便民热线反映")
    assert not states(Kind.CONTACT, "建设充电桩12345个")
    assert Kind.WHEN in asked_kinds("从几号开始执行？")
    answer = city.ask("租房提取新政从几号开始执行？有啥咨询热线？").answer
    assert "2025年6月1日" in answer and "12329" in answer, answer


def test_a_document_named_by_its_subject_and_a_word_for_a_document(city):
    answer = city.ask("这套软件政策哪天开始执行？").answer
    assert "2025年7月1日" in answer and "2025年6月1日" not in answer, answer
    answer = city.ask("软件政策有咨询热线吗？")  # the 解读's hotline is no contact of the software measures
    assert not answer.answerable and "12329" not in answer.answer, answer.answer


def test_a_grade_the_plan_does_not_reward_is_refused(city):
    assert "30万元" in city.ask("评上4A级软件服务企业能奖多少？").answer
    assert not city.ask("评上3A级软件服务企业能奖多少？").answerable  # only 5A and 4A are rewarded


def test_an_amount_the_question_states_picks_the_tier_and_a_move_away_is_a_move_out(city):
    from rag.answer.questions import written

    assert written("营收头一回过5个亿") == "营收头一回过5亿"
    assert "150万元" in city.ask("我们软件企业业务收入头一回过5个亿，能奖多少？").answer
    assert "3年内" in city.ask("拿了软件奖励，几年内不能把公司迁走？").answer


def test_a_childs_colloquial_name_and_a_raised_limit(city):
    answer = city.ask("家里有两个娃，租房提取额度能多给点吗？")
    assert answer.answerable and "上浮30%" in answer.answer, answer.answer
