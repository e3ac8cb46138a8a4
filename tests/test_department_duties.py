"""A department's tasks are told by what they ask, not by their names alone.

One plan written for this test: 县农业农村局 leads three tasks, takes part in a fourth, and is
named in a 保障措施 whose first sentence is another body's; a 联席会议 office is hosted by
县发展改革局. A second plan, on 快递进村, gives 县交通运输局 a task the first never names.
"""

from __future__ import annotations

from corpus_util import FILLER, corpus_fixture

PLAN = "\n".join([
    "岫山县农村人居环境整治工作方案",
    "一、重点任务",
    "（一）推进厕所改造。新建农村卫生厕所3000座，同步建设粪污收集设施。（牵头单位：县农业农村局；配合单位：县卫生健康局）",
    "（二）治理农村生活垃圾。建设乡镇垃圾转运站8座，推行垃圾分类。（牵头单位：县农业农村局；配合单位：县城市管理局）",
    "（三）提升村容村貌。开展村庄清洁行动，清理房前屋后杂物。（牵头单位：县农业农村局；配合单位：各乡镇人民政府）",
    "（四）治理农村黑臭水体。完成12条黑臭水体整治。（牵头单位：县生态环境局；配合单位：县农业农村局、县水利局）",
    "二、保障措施",
    "（一）加强组织领导。建立全县人居环境整治联席会议制度，联席会议办公室设在县发展改革局，负责统筹协调和督促检查。",
    "（二）强化资金保障。县财政每年安排不少于800万元专项资金。县农业农村局负责将整治项目纳入乡村振兴项目库，优先安排衔接资金。",
])


county = corpus_fixture("county", {"plan.txt": PLAN}, "county", "岫山县")


def test_a_long_list_of_tasks_says_what_each_asks(county):
    answer = county.ask("县农业农村局负责哪些工作？").answer
    for measure in ("新建农村卫生厕所3000座", "建设乡镇垃圾转运站8座", "开展村庄清洁行动", "完成12条黑臭水体整治"):
        assert measure in answer, answer


def test_a_measure_naming_the_department_is_told_by_its_own_sentence(county):
    answer = county.ask("县农业农村局负责哪些工作？").answer
    assert "强化资金保障" in answer and "纳入乡村振兴项目库" in answer, answer  # not 县财政每年安排…
    assert "县财政每年安排" not in answer, answer


def test_the_department_hosting_a_coordinating_office_has_that_task(county):
    office = next(c for c in county.clauses if "联席会议办公室" in c.text)
    assert office.lead == ("县发展改革局",)
    answer = county.ask("县发展改革局负责哪些工作？").answer
    assert "加强组织领导" in answer and "联席会议" in answer, answer


def test_a_lead_question_on_a_task_the_plan_never_names_is_refused(county):
    assert not county.ask("邮轮上的黑臭水体整治由哪个部门牵头？").answerable  # the plan has no 邮轮
    assert "县农业农村局" in county.ask("厕所改造这活儿由哪个部门牵头？").answer  # 这活儿 is the task named
    assert "县农业农村局" in county.ask("村里垃圾转运站建设归哪个部门牵头？").answer


def test_a_support_for_a_thing_the_plan_never_names_is_refused(county):
    assert not county.ask("邮轮上的厕所改造有没有资金支持？").answerable


def test_a_support_for_an_activity_the_plan_never_names_is_refused(county):
    # 防疫 is a verbal noun the plan never holds
    assert not county.ask("村里的动物防疫员有没有劳务补贴？").answerable
    assert county.ask("厕所改造有没有资金支持？").answerable


DELIVERY = "\n".join([
    "岫山县推进快递进村工作方案",
    "一、建设村级寄递服务站。到2026年底，行政村寄递服务站覆盖率达到95%。（牵头单位：县商务局；配合单位：县邮政管理局）",
    "二、开通交邮融合线路。利用农村客运班线代运快件，开通交邮融合线路10条。（牵头单位：县交通运输局；配合单位：县邮政管理局）",
])
library = corpus_fixture("library", {"plan.txt": PLAN, "delivery.txt": DELIVERY}, "county", "岫山县")


def test_a_department_asked_about_within_a_subject_is_looked_up_in_the_plans_on_it(library):
    # 县交通运输局 has a task in the 快递 plan only: asked within 厕所改造 it has none
    answer = library.ask("农村厕所改造工作中，县交通运输局负责哪些任务？")
    assert not answer.answerable, answer.answer
    answer = library.ask("快递进村工作中，县交通运输局负责哪些任务？")
    assert answer.answerable and "交邮融合线路" in answer.answer, answer.answer


def test_which_few_things_a_department_takes_part_in_is_a_lookup_of_its_tasks(county):
    # (干哪几样: which items, as 哪几项 asks; not who supports the task the words name)
    answer = county.ask("人居环境整治这块，县水利局要配合干哪几样？")
    assert answer.answerable and "县水利局参与1项" in answer.answer and "黑臭水体" in answer.answer, answer.answer


ROADS = "\n".join([
    "岫州市农村公路提质增效实施方案",
    "一、重点任务",
    "（一）推进路面提质改造。优先改造通客车线路，同步完善排水和路肩。（市交通运输局牵头，各县（区）人民政府配合）",
    "（二）完善安全防护设施。对临水临崖路段完善波形护栏和警示标志。（市交通运输局、市应急管理局牵头）",
    "（三）治理超限超载。在桥梁两端设置限高限宽设施，严查货车违法超限超载行为。（市公安局、市交通运输局牵头）",
])

roads = corpus_fixture("roads", {"roads.txt": ROADS, "filler.txt": FILLER}, "city", "岫州市")


def test_words_only_the_first_clause_found_holds_name_its_task(roads):
    # (拉货, 大车 are never written; 超载, 超限 stand in one clause only, the one found first)
    answer = roads.ask("农村路上拉货的大车超载超限，这事由谁牵头来管？")
    assert answer.answerable and "市公安局" in answer.answer, answer.answer
    # (邮轮码头: nothing of it in the plan)
    assert not roads.ask("邮轮码头建设由哪个部门牵头？").answerable


RIVERS = "\n".join([
    "岫州市河湖治理行动方案",
    "一、重点任务",
    "（一）建设滨水空间。每条示范河湖建设1处亲水平台。（牵头单位：市住房城乡建设局；责任单位：市水利局、市文化广电旅游局）",
    "（二）弘扬河湖文化。每个县（区）建成1处河湖文化展示点。（市水利局牵头，市文化广电旅游局、市教育局配合）",
    "（三）开展火情处置。建立河湖沿岸火点核查机制。（牵头单位：市应急管理局；配合单位：市消防救援支队）",
])

rivers = corpus_fixture("rivers", {"rivers.txt": RIVERS, "filler.txt": FILLER}, "city", "岫州市")


def test_a_department_asked_by_the_short_name_people_use_is_the_one_it_spells_out(rivers):
    # (市文旅局: 文化广电旅游局 spelled out, its first and office characters kept; 市里的消防队 of 市消防救援支队)
    answer = rivers.ask("市文旅局在河湖治理里要干哪些活？").answer
    assert "亲水平台" in answer and "河湖文化展示点" in answer, answer
    answer = rivers.ask("市里的消防队要配合哪些工作？").answer
    assert "火点" in answer, answer
