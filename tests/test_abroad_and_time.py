"""How people name where and when: a place abroad (在欧洲租的海外仓) is where a measure applies, 境外,
not a jurisdiction the library lacks; a time glued to a word (今年年底) is no narrower kind of
the thing asked. Both were refused before.

A district plan written for this test and a second document so that its words are as rare as in a
real library.
"""

from __future__ import annotations

import pytest
from corpus_util import corpus_fixture

MEASURES = "\n".join([
    "渚川市支持跨境电商发展若干措施",
    "一、支持建设海外仓。对本市企业在境外自建或租赁、面积3000平方米以上的海外仓，按首年租金的20%给予补助，单个海外仓最高200万元。",
    "二、支持参加展会。对企业参加境内专业展会的展位费给予50%补助，单个企业每年最高10万元。",
    "三、支持人才培训。对跨境电商培训基地按每培训1人给予1000元补助。",
])
PLAN = "\n".join([
    "渚川市夜间经济发展实施方案",
    "一、主要目标。到2025年底，全市建成夜间消费集聚区5个，夜间消费额占全天消费额的比重达到35%。",
    "二、延长营业时间。鼓励商场、超市延时经营至22时。",
    "三、丰富夜间文旅。每年举办夜间文化活动100场以上。",
])

city = corpus_fixture("city", {"measures.txt": MEASURES, "plan.txt": PLAN}, "city", "渚川市")


@pytest.mark.parametrize(("question", "stated"), [
    ("在欧洲租了个海外仓，能补多少？", "200万元"),
    ("今年年底夜间消费额占全天消费的比重要达到多少？", "35%"),
])
def test_a_place_abroad_or_a_time_is_answered(city, question, stated):
    answer = city.ask(question)
    assert answer.answerable and stated in answer.answer, answer.answer


def test_a_city_the_library_lacks_is_still_refused(city):
    assert not city.ask("在济南租的仓库能补多少？").answerable
