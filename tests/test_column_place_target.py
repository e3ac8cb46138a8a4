"""A place with 专栏 lines but no plan of its own asks its own figure (dev13 f007, f051): its line in a
专栏 dated by its title (专栏1 各市2026年…目标) answers 2026年…目标是多少; a place only in another
专栏, with no figure of the kind asked, gets no answer, not the province's total. A goal asked
without a place is the whole plan's, not a 专栏 city's line, and a second goal asked after a first
one's year (到2026年…？…要建成多少座？) is of that year."""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

PLAN = "\n".join([
    "澄原省分布式光伏高质量发展行动方案",
    "一、主要目标",
    "到2026年，全省分布式光伏累计装机容量达到1800万千瓦，其中户用光伏650万千瓦；建成光储充一体化示范站200座。",
    "到2028年，全省分布式光伏累计装机容量达到3000万千瓦；建成光储充一体化示范站500座。",
    "二、重点任务",
    "（一）推进整县开发",
    "支持各市整县推进屋顶分布式光伏开发。（省能源局牵头，各市人民政府负责落实）",
    "专栏1  各市2026年分布式光伏累计装机目标",
    "鹭川市：380万千瓦，其中工商业分布式光伏210万千瓦；",
    "桐岭市：230万千瓦，其中户用光伏110万千瓦，建成光储充一体化示范站不少于25座；",
    "专栏2  零碳园区重点布局",
    "雁山市：雁山光伏装备产业园创建省级零碳园区，2028年底前建成组件回收中心1个。",
])

library = corpus_fixture("library", {"plan.txt": PLAN, "other.txt": FILLER}, "province", "澄原省")


def test_the_place_line_of_a_dated_column_answers(library):
    answer = library.ask("鹭川市2026年的分布式光伏装机目标是多少？")
    assert answer.answerable and "380万千瓦" in answer.answer and "1800万千瓦" not in answer.answer, answer.answer


def test_a_place_without_the_figure_is_refused_not_given_the_province_total(library):
    answer = library.ask("雁山市2026年分布式光伏累计装机目标是多少万千瓦？")
    assert not answer.answerable, answer.answer


def test_a_second_goal_is_of_the_first_ones_year_and_of_the_whole_plan(library):
    # (dev13 f002: neither the 2028 figure nor a 专栏 city's line answers the plan's 2026 goal)
    answer = library.ask("到2026年户用光伏要装到多少？光储充一体化示范站要建成多少座？")
    assert "650万千瓦" in answer.answer and "200座" in answer.answer, answer.answer
    assert "500座" not in answer.answer and "25座" not in answer.answer, answer.answer


CITY = "\n".join([
    "澄州市冷链物流高质量发展实施方案",
    "一、主要目标",
    "到2027年，全市冷库总库容达到120万吨，冷藏车保有量达到2800辆。",
    "二、重点任务",
    "（一）建设冷链设施",
    "专栏  2027年冷链物流重点项目",
    "澄东区：建设国家骨干冷链物流基地一期，新增冷库库容15万吨。",
    "澄西区：建设城市冷链配送中心，新增冷库库容4万吨，配置新能源冷藏车200辆。",
])

city = corpus_fixture("city", {"city.txt": CITY, "other.txt": FILLER}, "city", "澄州市")


def test_a_goal_of_the_plans_own_place_is_not_a_district_line(city):
    # (dev4 g004: 嵘州 is the plan's own city; its districts' 专栏 lines are not its goal)
    answer = city.ask("到2027年，澄州的冷库容量和冷藏车数量分别要做到多少？")
    assert "120万吨" in answer.answer and "2800辆" in answer.answer, answer.answer
