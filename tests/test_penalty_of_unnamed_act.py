"""A penalty is for the acts a rule names (dev4 g067): asked for an act the corpus never names
(在人行道上私设广告牌), the penalty of another act (未设置围挡) is no answer; asked for an act it
names, in people's words (挖路没拉围挡), it is."""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

RULES = "\n".join([
    "澄原市城市道路挖掘管理细则",
    "第一条 为加强城市道路挖掘管理，制定本细则。",
    "第二条 本细则适用于本市城市规划区内城市道路（含车行道、人行道）的占用、挖掘及其监督管理活动。",
    "第三条 挖掘城市道路的，应当缴纳城市道路挖掘修复费，沥青混凝土车行道每平方米420元。",
    "第四条 占用、挖掘城市道路的单位应当在施工现场设置围挡和警示灯，施工结束后及时清理现场。",
    "第五条 审批部门应当在受理申请之日起5个工作日内作出决定。",
    "第六条 违反本细则第四条规定，未按照要求设置围挡、警示灯等安全设施的，由城市管理综合行政执法部门责令改正，处500元以上2000元以下罚款。",
    "第七条 本细则自2025年1月1日起施行。",
])

library = corpus_fixture("library", {"rules.txt": RULES, "other.txt": FILLER}, None, None)


def test_a_penalty_for_an_act_no_rule_names_is_refused(library):
    assert not library.ask("在人行道上私设广告牌，会被罚多少钱？").answerable


def test_a_penalty_for_a_named_act_is_answered(library):
    answer = library.ask("挖路施工没拉围挡、没挂警示灯，会怎么罚？")
    assert answer.answerable and "2000元以下罚款" in answer.answer, answer.answer


SIGNS = "\n".join([
    "澄原市户外招牌设置管理办法",
    "第九条 设置楼顶招牌的，应当向区城市管理部门申请设置许可。区城市管理部门应当自受理之日起5个工作日内作出决定，"
    "楼顶招牌自受理之日起10个工作日内作出决定。",
    "第十五条 违反本办法规定，未经许可擅自设置户外招牌设施的，由区城市管理部门责令限期改正；逾期不改正的，处500元以上5000元以下罚款。",
])

signs = corpus_fixture("signs", {"signs.txt": SIGNS, "other.txt": FILLER}, None, None)


def test_a_penalty_in_two_steps_is_quoted_whole(signs):
    # (责令限期改正；逾期不改正的，处…罚款: one rule, its second step only of those who did not take the first)
    answer = signs.ask("没批就先把招牌挂上了，城管会怎么罚？")
    assert answer.answerable and "5000元以下罚款" in answer.answer and "责令限期改正" in answer.answer, answer.answer


def test_how_long_an_approval_takes_is_when_the_licensing_rule_decides(signs):
    # (…自受理之日起10个工作日内作出决定: how a licensing rule writes the approving step)
    answer = signs.ask("楼顶上装公司名字的大字招牌，城管审批要几天？")
    assert answer.answerable and "10个工作日" in answer.answer, answer.answer
