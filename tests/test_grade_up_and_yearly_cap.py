"""Asks shown by dev12 and dev11, each on text written for this test:

* a support had before and a grade gone up since (拿过6万…今年升成金宿了，还能再拿多少) asks what
  the 差额 rule pays, quoted with the tiers;
* a first payment deducted later (完成Ⅱ期临床试验的给予300万元，在取得注册证书时从奖励中扣除)
  states what a support had before counts for;
* a cap a year (一年…封顶多少) is the yearly cap (每年…最高不超过), not one item's amount.
"""

from __future__ import annotations

import re

from corpus_util import FILLER, corpus_fixture

from rag.answer.kinds import Kind, asked_kinds, states

MEASURES = "\n".join([
    "蓼原县乡村民宿扶持办法",
    "第一条 对首次评定为金宿、银宿、铜宿的民宿，分别给予一次性奖励10万元、6万元、3万元；已获得较低等级奖励后晋升等级的，按差额补足奖励。",
    "第二条 对在本县完成转化并取得注册证书的新药，每个品种给予800万元奖励；完成Ⅱ期临床试验的给予200万元，在取得注册证书时从奖励中扣除。"
    "单个企业每年新药奖励最高不超过1500万元。",
    "第三条 单个企业每年享受本办法的奖补资金合计最高不超过1000万元，新药奖励不计入该上限。",
])

library = corpus_fixture("library", {"measures.txt": MEASURES}, None, None)


def test_a_grade_gone_up_since_a_support_asks_the_difference():
    assert Kind.STACKING in asked_kinds("前年评了银宿，拿过6万奖励，今年升成金宿了，还能再拿多少？")
    assert Kind.STACKING in asked_kinds("我们从三级评到了四级，还能拿多少奖励？")
    assert Kind.STACKING not in asked_kinds("评上金宿能拿多少？")
    assert Kind.STACKING in asked_kinds("以后要是再评上国家级小巨人，还能拿多少？")  # (评上…还能: gone up since)
    assert states(Kind.STACKING, "完成Ⅱ期临床试验的给予200万元，在取得注册证书时从奖励中扣除")


def test_the_difference_rule_answers_a_grade_gone_up(library):
    answer = library.ask("我家民宿前年评了银宿，拿过6万奖励，今年升成金宿了，还能再拿多少？")
    assert "差额" in answer.answer, answer.answer


NIGHT = ("泠川市夜间消费集聚区扶持资金管理办法　第一条　为规范夜间消费集聚区扶持资金管理，制定本办法。"
         "　第二条　对新认定的市级夜间消费集聚区，一次性奖励50万元。"
         "　第三条　已认定的集聚区此后获评国家级夜间消费集聚区的，再给予一次性奖励200万元；获评省级夜间消费集聚区的，"
         "再给予一次性奖励80万元。同一集聚区先后获评省级、国家级的，按就高原则补足差额，不重复奖励。"
         "　第四条　本办法自2025年9月1日起施行。")

night = corpus_fixture("night", {"night.txt": NIGHT, "filler.txt": FILLER}, "city", "泠川市")


def test_an_answer_a_later_ask_quotes_whole_is_not_said_twice(night):
    answer = night.ask("集聚区后来又评上国家级的还能再拿钱吗？省级国家级都评上能拿两份吗？")
    said = [s for s in re.split(r"\[\d+\][。；]?", answer.answer) if s]
    assert len(said) == len(set(said)) and all(not any(a in b for b in said if b != a) for a in said), answer.answer


def test_a_yearly_cap_asked_is_the_yearly_cap(library):
    answer = library.ask("一年新药奖励封顶多少？")
    assert "1500万元" in answer.answer, answer.answer


GREEN = "\n".join([
    "岫溪县绿色工厂创建奖励办法",
    "第一条 对新获评县级绿色工厂的企业，奖励5万元；获评市级绿色工厂的，奖励15万元；获评省级绿色工厂的，奖励30万元。"
    "已获较低等级奖励、又晋升较高等级的，按差额补足。",
    "第二条 奖励资金由县财政局会同县工业和信息化局于每年11月底前拨付。",
])

green = corpus_fixture("green", {"green.txt": GREEN, "filler.txt": FILLER}, "county", "岫溪县")


def test_a_grade_gone_up_is_answered_with_the_rung_risen_to(green):
    # (the question's own 5万 and 县级 name the rung had; the rung risen to is 市级)
    answer = green.ask("去年评上县级绿色工厂拿了5万，今年又评上市级的，还能再拿多少？")
    assert "15万元" in answer.answer and "差额" in answer.answer, answer.answer


CRAFTS = "\n".join([
    "岫溪县支持非遗工坊发展若干措施",
    "一、支持工坊建设。对新认定的县级非遗工坊，给予一次性奖励10万元。",
    "二、支持展销推广。非遗工坊参加县外展销活动的，按展位费的50%给予补助，每家每年最高5万元。",
    "三、支持人才培养。非遗工坊开展传承人带徒培训的，按每人每期2000元给予补助，每家每年最高8万元。",
    "四、其他事项。同一事项符合本措施和县内其他政策的，按照就高原则给予支持，不重复享受；"
    "同一工坊每年享受本措施的奖补资金累计不超过20万元。",
])

crafts = corpus_fixture("crafts", {"crafts.txt": CRAFTS, "filler.txt": FILLER}, "county", "岫溪县")


def test_what_the_whole_document_pays_in_a_year_is_its_own_total(crafts):
    # (这套政策里最多: not one measure's 每家每年最高, and not refused for 一年, 最多, words its total never writes)
    answer = crafts.ask("一家非遗工坊一年从这套政策里最多能拿多少钱？")
    assert answer.answerable and "20万元" in answer.answer, answer.answer


BRANDS = "\n".join([
    "岫溪縣《促進老字號傳承發展若干措施》政策問答",
    "問：老字號開網店有獎勵嗎？",
    "答：老字號企業在電商平臺開設旗艦店，上一年度網絡零售額達到500萬元的，獎勵5萬元。",
    "問：門店裝修能補多少？",
    "答：老字號企業門店裝修的，按裝修投入的30%給予補助，最高20萬元。",
    "問：同一家企業每年最多能享受多少？",
    "答：同一企業每年享受《若干措施》各項資金合計不超過50萬元。",
])

brands = corpus_fixture("brands", {"brands.txt": BRANDS, "filler.txt": FILLER}, "county", "岫溪县")


def test_the_whole_document_s_total_in_a_policy_faq_in_traditional_script(brands):
    # (從這個政策裡: the whole document; a 问答 names the measures it explains by their short title, 《若干措施》,
    # and writes 合計不超過)
    answer = brands.ask("一家老字號企業一年從這個政策裡最多能拿多少錢？")
    assert answer.answerable and "50萬元" in answer.answer, answer.answer
