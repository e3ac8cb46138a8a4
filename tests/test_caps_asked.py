"""A cap asked (封顶多少, 有没有封顶, 最多能拿多少) is answered by the sentence stating the cap.

* A share of a cost (按研发费用的3%给予补助) says how much is paid but no most, and a threshold
  (研发费用不低于50万元) no support at all: 一年封顶多少 is the 合计最高不超过300万元 of its own article.
* A cap the earlier ask's answer quoted already (单个企业每年最高100万元) is not followed by the
  next measure's cap: 有没有封顶 adds nothing after it.
* A raise for those the question says the asker is (在乡镇建 → 在乡镇建设的公共充电站，补贴标准上浮20%)
  is part of what the asker gets.

A one-line 办法, a county charging measure and a software measure — written for this test.
"""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

RULES = ("琤川市企业研发费用后补助办法　第一条　为激励企业加大研发投入，制定本办法。"
         "　第二条　后补助按企业上一年度研发费用分类计算：中小微企业按研发费用的5%给予补助；大型企业按研发费用的3%给予补助。"
         "　第三条　申请后补助的企业应当同时具备以下条件：（一）在本市注册登记满1年；（二）上一年度享受加计扣除的研发费用不低于50万元。"
         "　第四条　单个企业每年获得的后补助合计最高不超过300万元。")

CHARGING = "\n".join([
    "琤川县公共充电设施建设补贴办法",
    "一、建设补贴。对建成投运的公共充电设施，直流充电设施按照每千瓦200元给予一次性建设补贴，单个充电站补贴最高不超过50万元。"
    "在乡镇建设的公共充电站，补贴标准上浮20%。",
    "二、换电站补贴。对新建投运的换电站，按照设备投资额的20%给予补贴，单站最高不超过80万元。",
])

SOFTWARE = "\n".join([
    "琤川市促进软件产业发展若干措施",
    "一、办公用房补贴。对新引进的软件企业在本市租赁自用办公用房的，按实际租金的50%给予补贴，单个企业每年最高100万元。",
    "二、人才奖励。对软件企业年薪50万元以上的核心技术人才，按其个人贡献给予奖励，每人每年最高10万元。",
])

TESTING = "\n".join([
    "琤川市支持检验检测服务业发展若干措施",
    "一、支持仪器购置。对检测机构当年新购置的检测仪器（不含租赁和二手设备），单台价值在50万元以上且年度累计购置额在500万元以上的，"
    "按实际购置额的15%给予补助；其中购置国产仪器的部分，补助比例提高至20%。单个机构每年最高补助400万元。",
    "二、支持仪器共享。检测机构将原值50万元以上的仪器纳入共享平台的，按年度共享服务收入的5%给予奖励，单个机构每年最高20万元。",
])

lib = corpus_fixture("lib", {"rules.txt": RULES, "charging.txt": CHARGING, "software.txt": SOFTWARE,
                             "testing.txt": TESTING, "filler.txt": FILLER}, None, None)


def test_a_cap_asked_is_not_answered_by_a_share_or_a_threshold(lib):
    for question in ("研发费用后补助一家企业一年封顶多少？", "研发后补助最多能拿多少？"):
        answer = lib.ask(question)
        assert answer.answerable and "300万元" in answer.answer, answer.answer
        assert "5%" not in answer.answer and "不低于50万元" not in answer.answer, answer.answer


def test_a_cap_quoted_already_is_not_followed_by_another_measure_s(lib):
    answer = lib.ask("新搬来租写字楼办公，房租能补多少？有没有封顶？")
    assert "单个企业每年最高100万元" in answer.answer, answer.answer
    assert "10万元" not in answer.answer.replace("100万元", ""), answer.answer


def test_a_raise_for_what_the_asker_says_they_are_is_part_of_the_answer(lib):
    answer = lib.ask("我们公司准备在乡镇建一个公共直流快充站，建设补贴怎么算？单站最多能拿多少？")
    assert "每千瓦200元" in answer.answer and "上浮20%" in answer.answer, answer.answer
    assert "80万元" not in answer.answer, answer.answer
    # (in the county seat the raise is not the asker's)
    assert "上浮20%" not in lib.ask("在县城建公共直流充电站，建设补贴怎么算？").answer


def test_a_raise_of_the_clause_for_the_asker_is_added_however_far_down_it_ranks(lib):
    # (国产的花了600万: the raise for 国产仪器, below the clause's other sentences on 仪器 and 购置)
    answer = lib.ask("今年买了一批检测仪器，每台都在50万以上，进口的花了1000万，国产的花了600万，仪器补贴一共能拿多少？")
    assert "15%" in answer.answer and "提高至20%" in answer.answer, answer.answer
