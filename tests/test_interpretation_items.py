"""A 政策解读 in 问/答 form: its questions name the measure by its short name (《若干措施》), the
user by its subject (这个文旅措施).

One document written for this test, beside a second so that words are as rare as in a library:
the eligibility item never writes 文旅, while another item repeats it in its answer.
"""

from __future__ import annotations

from corpus_util import corpus_fixture

QA = "\n".join([
    "《汀州市促进文旅消费若干措施》政策解读",
    "近日，汀州市人民政府办公室印发《汀州市促进文旅消费若干措施》（以下简称《若干措施》）。现解读如下。",
    "问：哪些企业可以享受《若干措施》？",
    "答：在本市依法注册登记、具有独立法人资格、近两年未发生重大安全生产事故的企业，且未被列入严重失信主体名单。",
    "问：对旅行社引客有什么奖励？",
    "答：对组织外地游客来汀的旅行社，按每人次20元给予奖励，单个旅行社每年最高50万元。",
    "问：对文旅融合项目有没有支持？",
    "答：对年接待游客10万人次以上、新建文旅融合项目的文旅企业，按项目投资额的10%给予补助，单个项目最高200万元。",
])

PLAN = "\n".join([
    "汀州市推进农产品冷链物流建设工作方案",
    "一、建设产地冷藏保鲜设施。到2026年，全市新增产地冷藏保鲜库容5万吨（市农业农村局牵头）。",
    "二、发展冷链运输。推广新能源冷藏车，到2026年冷藏车保有量达到600辆（市交通运输局牵头）。",
    "三、完善配送网络。在县城和中心镇建设冷链配送中心12个（市商务局牵头）。",
    "四、保障措施。市财政每年安排冷链物流发展资金2000万元，按项目投资的20%给予补助。",
])

reading = corpus_fixture("reading", {"qa.txt": QA, "plan.txt": PLAN}, "city", "汀州市")


def test_who_may_use_this_measure_is_answered_by_the_item_asking_who_may_use_the_measure(reading):
    answer = reading.ask("什么样的企业才能享受这个文旅措施？")
    assert answer.answerable and "独立法人资格" in answer.answer, answer.answer


def test_a_question_asking_no_kind_quotes_the_rest_of_the_best_sentence_s_own_clause_first():
    from rag.answer.extract import Evidence, pick
    from rag.model import Clause, Hit

    item = Hit(Clause("d:段8", "d", (), "问：出口信用保险有补贴吗？", "答：…"), 1.0, 1)
    other = Hit(Clause("d:段13", "d", (), "问：同一个项目能不能重复享受？", "答：…"), 0.9, 2)
    best = Evidence(item, "对企业投保出口信用保险的，按保费的50%给予补助。", 1.5, 0.9, frozenset())
    near = Evidence(other, "但展会补助和出口信用保险保费补助可以同时享受。", 1.3, 0.8, frozenset())
    rest = Evidence(item, "对小微企业实行统保政策，保费由市级财政全额承担。", 1.1, 0.6, frozenset())
    assert pick([best, near, rest], ()) == [best, rest]
    assert pick([best, near], ()) == [best, near]  # (no more of its own clause: the runner-up)
