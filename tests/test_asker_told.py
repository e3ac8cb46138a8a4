"""What the asker tells beside the ask names nothing the answer is about: 第一笔贷款 counts one loan (the clause
saying 同一笔贷款 is not about it), 利息一共付了16万 tells what was paid (no total is asked), 县里 says who
pays, as 一头 counts; and a support asked as people ask it (担保费市里能报销多少, 政府能帮着出多少, 能领多少) asks an amount.

A city's first-loan measures, with a per-firm cap over its measures, and a county's beef-cattle 问答 whose
rewards never name 出栏 — written for this test.
"""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

LOANS = "\n".join([
    "瑍川市支持小微企业首贷若干措施",
    "一、首贷贴息。对小微企业获得的首笔流动资金贷款，市财政按企业实际支付利息的50%给予贴息，单户最高10万元。",
    "二、首贷担保费补助。对通过政府性融资担保机构获得首贷的小微企业，市财政按实际缴纳担保费的50%给予补助，单户最高5万元。",
    "三、避免重复支持。同一笔贷款同时符合本措施和本市其他贴息、担保费补助政策的，按就高原则享受，不重复支持。"
    "单户企业每年享受本措施第一条至第二条资金合计不超过12万元。",
])

CATTLE = "\n".join([
    "瑍川县肉牛产业发展政策问答",
    "问：全县肉牛产业的目标是什么？",
    "答：到2027年底，全县肉牛存栏达到8万头、年出栏5万头。",
    "问：县里对牛舍建设有什么补助？",
    "答：新建标准化牛舍的，按每平方米100元给予补助，单个养殖场最高30万元。",
    "问：防疫补助怎么申请？",
    "答：规模养殖场实行“先打后补”，县里按规定受理补助申请。",
])

lib = corpus_fixture("lib", {"loans.txt": LOANS, "cattle.txt": CATTLE, "filler.txt": FILLER}, None, None)


def test_a_support_asked_as_people_ask_it_asks_an_amount():
    from rag.answer.kinds import Kind, asked_kinds

    for question in ("担保费市里能报销多少？", "利息政府能帮着出多少？", "每个人能领多少培训补贴？"):
        assert Kind.AMOUNT in asked_kinds(question), question
    # (what the asker must pay is no support)
    assert Kind.AMOUNT not in asked_kinds("我们自己要出多少？")


def test_one_of_a_thing_counted_names_no_clause_holding_the_count(lib):
    # (第一笔: one loan, not the 同一笔贷款 of the cap over every measure)
    answer = lib.ask("我们第一笔贷款是找政府的担保公司担的保，担保费市里能报销多少？")
    assert answer.answerable and "担保费的50%" in answer.answer, answer.answer


def test_a_total_told_is_no_total_asked():
    from rag.answer.extract import TOTAL_ASKED

    assert TOTAL_ASKED.search("利息一共付了16万，市里能帮着出多少？") is None
    assert TOTAL_ASKED.search("各项补助一共最多能拿多少？") is not None


def test_a_level_said_and_a_count_of_one_weigh_nothing(lib):
    # (县里 is who pays, 一头 how many: neither is a word the answering sentence must hold)
    det = lib._answerer._understand("听说肉牛每出栏一头县里奖500元，这个出栏奖励怎么领？")[0]
    assert det.weights["县里"] == 0 and det.weights["一头"] == 0 and det.weights["出栏"] > 0, det.weights
    # (a period is what a cap or a term is written with: 一年 keeps its weight)
    from rag.answer.answerer import _positional

    assert not _positional("一年") and not _positional("两年") and _positional("第一") and _positional("一笔")


DEVICES = "\n".join([
    "瑧川市支持医疗器械产业发展若干措施",
    "（三）对在本市临床试验机构开展第三类医疗器械临床试验的，按临床试验实际费用的30%给予补助，每个产品最高300万元；"
    "开展第二类医疗器械临床试验的，按实际费用的20%给予补助，每个产品最高100万元。",
    "（五）医疗器械生产企业首次纳入规模以上工业企业统计的，给予一次性奖励20万元。",
])

devices = corpus_fixture("devices", {"devices.txt": DEVICES, "filler.txt": FILLER}, "city", "瑧川市")


def test_a_class_or_grade_asked_is_no_numeral_counting_one(devices):
    from rag.answer.answerer import _positional

    # (二类, 一级 name what is asked; 第一笔, 一头 only count what the asker tells)
    assert not _positional("二类") and not _positional("一级")
    assert _positional("第一笔") and _positional("一头")
    answer = devices.ask("医疗器械企业在本市医院做二类产品的临床试验，花了400万元，能补多少？")
    assert answer.answerable and "20%" in answer.answer and "100万元" in answer.answer, answer.answer


VOUCHERS = "\n".join([
    "瑧川市算力券申领指南",
    "一、额度。2025年度算力券总额度为1亿元，按申报先后和评审结果发放，额度用完即止。",
    "二、补贴比例。中小企业按合同实付金额的30%发放算力券，单个主体年度上限50万元。",
])

vouchers = corpus_fixture("vouchers", {"vouchers.txt": VOUCHERS, "filler.txt": FILLER}, "city", "瑧川市")


def test_a_figure_asked_is_not_answered_with_the_one_the_asker_gave(vouchers):
    # (总额度1个亿 is what the asker knows; how much the first batch gets the guide never says)
    assert not vouchers.ask("今年算力券总额度1个亿，第一批发多少额度？").answerable
    answer = vouchers.ask("今年算力券总额度是多少？")
    assert answer.answerable and "1亿元" in answer.answer, answer.answer
    # (a figure checked, not asked, is answered by it)
    answer = vouchers.ask("算力券单个主体一年上限是不是50万？")
    assert answer.answerable and "50万元" in answer.answer, answer.answer
