"""A raise asked for some (能不能多拿, 有没有额外奖励, 能不能再加一点), shown by dev12 and dev5/dev9:

* it is answered by the sentence that raises the support (上浮10%, 提高至…), never by the base
  sentence, and refused when the plan raises nothing;
* asked for people the corpus never names (低保户) it is refused, whatever raise the plan
  writes for others;
* asked how much a support pays, with no raise asked, the standard comes before the raise;
  the clause's raise for whom the asker says they are (冷藏车…上浮20% for 我们的冷藏车) comes
  with the tier the asker's figure picks, shown by dev23 y020.
"""

from __future__ import annotations

from corpus_util import corpus_fixture

from rag.answer.kinds import Kind, asked_kinds, states

MEASURES = "\n".join([
    "澄原市支持养老服务发展若干措施",
    "一、落实养老机构运营补贴。对正常运营满1年的养老机构，按实际收住老年人数量给予运营补贴，失能老年人每人每月400元。"
    "护理型床位占比达到60%以上的养老机构，运营补贴标准上浮10%。",
    "二、支持社区嵌入式服务。对新建的社区养老服务站，给予一次性建设补助15万元，单个街道最多支持3个。",
    "三、扩大就业见习规模。对认定的市级就业见习基地，按见习人员每人每月2000元给予见习补贴；"
    "见习期满留用率达到50%以上的，见习补贴标准提高至每人每月2400元。",
    "四、支持冷链配送。对城市配送车辆按年度行驶里程给予运输补贴：年行驶里程3万公里（含）至6万公里的，每辆车补贴3000元；"
    "6万公里（含）以上的，每辆车补贴5000元。挂车按1辆计算，冷藏车在上述标准基础上上浮20%。",
])

library = corpus_fixture("library", {"measures.txt": MEASURES}, None, None)


def test_a_raise_is_asked_as_such():
    assert Kind.EXTRA in asked_kinds("护理型床位多的话运营补贴能多拿一些吗？")
    assert Kind.EXTRA in asked_kinds("建站补助有没有额外奖励？")
    assert Kind.EXTRA not in asked_kinds("一家企业一年最多拿多少？")  # the cap, not a raise
    assert Kind.EXTRA in asked_kinds("算群体案件吧？补贴能加多少？")  # how much is added
    assert Kind.EXTRA not in asked_kinds("一年要参加多少次培训？")
    assert states(Kind.EXTRA, "运营补贴标准上浮10%") and not states(Kind.EXTRA, "给予一次性建设补助15万元")


def test_a_raise_the_plan_writes_is_quoted(library):
    answer = library.ask("我们护理型床位占到70%，运营补贴能多拿一些吗？")
    assert answer.answerable and "上浮10%" in answer.answer, answer.answer


def test_a_raise_the_plan_does_not_write_is_refused(library):
    answer = library.ask("社区养老服务站的建设补助能不能在15万基础上再加一点？")
    assert not answer.answerable, answer.answer


def test_a_raise_for_people_the_plan_never_names_is_refused(library):
    answer = library.ask("家里老人是低保户，住养老院除了运营补贴还有额外补贴吗？")
    assert not answer.answerable, answer.answer


def test_the_standard_before_its_raise(library):
    answer = library.ask("见习基地补贴标准多少？")
    assert answer.answer.startswith("对认定的市级就业见习基地"), answer.answer


def test_how_much_is_added_is_the_raise(library):
    answer = library.ask("我们护理型床位占到70%，运营补贴能加多少？")
    assert answer.answerable and "上浮10%" in answer.answer, answer.answer


def test_the_tier_picked_comes_with_the_raise_for_the_asker(library):
    answer = library.ask("我们的冷藏车一年跑了8万公里，每辆车的运输补贴能拿多少？")
    assert answer.answerable and "5000元" in answer.answer and "上浮20%" in answer.answer, answer.answer
    answer = library.ask("我们的配送车一年跑了8万公里，每辆车的运输补贴能拿多少？")
    assert answer.answerable and "5000元" in answer.answer and "上浮20%" not in answer.answer, answer.answer
