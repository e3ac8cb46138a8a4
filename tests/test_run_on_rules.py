"""A 办法 delivered as one line: its materials article lists seven items in one sentence; it says
when to apply in the article on who applies (应当于每年3月1日至3月31日…提出申请); it gives a term both
to itself (本办法…有效期5年) and to a list it keeps (白名单有效期2年); it orders 整改 without a time
limit, and pays a subsidy per child per year.

The materials run on in one sentence are quoted whole, asked as people ask (要准备哪些东西); the
yearly window answers when to apply; a term asked of the list it names is the list's, one asked of
the 办法 its own; how long 整改 may take and an amount per lesson are refused.

One 办法 written for this test.
"""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

RULES = ("琯川市社区托育机构白名单管理办法　第一条　为规范社区托育服务，制定本办法。"
         "　第二条　本办法所称白名单，是指经评审纳入社区托育服务推荐名录的托育机构名单。"
         "　第三条　申请时应当提交下列材料：（一）托育机构白名单申请表；（二）营业执照或者事业单位法人证书复印件；"
         "（三）场所产权证明或者租赁合同；（四）保育人员名单及健康证明；（五）消防安全检查合格证明；"
         "（六）收费项目和标准说明；（七）托育责任保险保单复印件。"
         "　第四条　托育机构应当于每年3月1日至3月31日，向所在县（区）卫生健康局提出申请。"
         "　第五条　县（区）卫生健康局自收到申请之日起10个工作日内完成评审。评审结果公示5个工作日，公示无异议的，于每年5月统一发布托育机构白名单。白名单有效期2年，期满需重新申请。"
         "　第六条　县（区）卫生健康局每年开展一次服务质量评估，评估不合格的，责令整改；连续两年评估不合格的，移出白名单。"
         "财政按照每名入托幼儿每年1200元的标准给予托育补助。"
         "　第七条　本办法自2025年3月1日起施行，有效期5年。")

rules = corpus_fixture("rules", {"rules.txt": RULES, "filler.txt": FILLER}, None, None)


def test_a_materials_list_run_on_in_one_sentence_is_quoted_whole(rules):
    answer = rules.ask("托育机构申请进白名单，要准备哪些东西？")
    assert answer.answerable and "营业执照" in answer.answer and "托育责任保险保单" in answer.answer, answer.answer


def test_a_term_asked_of_what_the_document_keeps_is_that_thing_s_term(rules):
    answer = rules.ask("托育机构白名单管几年？")
    assert answer.answerable and "2年" in answer.answer and "5年" not in answer.answer, answer.answer


def test_a_term_asked_of_the_document_is_its_own(rules):
    answer = rules.ask("这个办法有效期几年？")
    assert answer.answerable and "5年" in answer.answer, answer.answer


def test_a_yearly_window_in_the_article_on_who_applies_is_when_to_apply(rules):
    answer = rules.ask("托育机构想进白名单，每年啥时候报？去哪报？")
    assert answer.answerable and "3月1日至3月31日" in answer.answer, answer.answer


def test_a_yearly_date_range_before_applying_is_an_application_window():
    from rag.answer.extract import APPLY_WINDOW

    assert APPLY_WINDOW.search("第三方机构应当于每年6月1日至6月30日，向注册地所在县（区）教育局提出申请")
    assert not APPLY_WINDOW.search("评审结果公示5个工作日，公示无异议的，于每年8月统一发布白名单")


def test_a_step_the_rule_gives_no_time_is_not_timed_by_another(rules):
    # (责令整改 is timed nowhere: 连续两年 is when a list is left, not how long 整改 takes)
    answer = rules.ask("评估不合格被责令整改，整改期限是多长？")
    assert not answer.answerable, answer.answer


def test_an_amount_per_lesson_is_not_an_amount_per_child(rules):
    answer = rules.ask("托育机构上一节课，财政每节课补多少钱？")
    assert not answer.answerable, answer.answer
