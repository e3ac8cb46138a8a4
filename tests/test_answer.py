"""The answer layer (rag.answer.answerer) end to end with the real chunker, tokenizer, bundled e5 model and
hybrid retriever: every intent on two small plans written in tests/test_intent.py (so no rule can
lean on the shipped files), then the expected facts of the real corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_intent import write_mini_corpus  # the two inline plans (tests/ is on sys.path)

from rag.answer.answerer import Answerer
from rag.answer.base import LIMIT
from rag.answer.questions import MAX_PARTS, split_question
from rag.answer.refusal import REFUSAL_TEXT, RefusalPolicy
from rag.answer.sentences import coverage, sentences, trim
from rag.index.embed import get_embedder
from rag.index.manifest import index_status
from rag.index.store import build_index, load_index
from rag.ingest.chunk import chunk_corpus
from rag.ingest.corpus import corpus_checksums, load_manifest
from rag.views.align import align, vectors_by_id

REPO = Path(__file__).resolve().parents[1]
MARKER = re.compile(r"\[(\d+)\]")


def open_answerer(corpus_dir: Path, index_dir: Path, fallback_dir: Path | None = None,
                  generator=None) -> Answerer:
    """An ``Answerer`` over ``corpus_dir``, reusing ``index_dir`` when fresh, else building one in
    ``fallback_dir`` (never touching a shared index)."""
    files = load_manifest(corpus_dir)
    emb = get_embedder("e5")
    sums = corpus_checksums(files)
    if index_status(index_dir, emb.name, sums) != "ok":
        index_dir = fallback_dir or index_dir
        if index_status(index_dir, emb.name, sums) != "ok":
            documents, clauses = chunk_corpus(files)
            build_index(documents, clauses, emb, index_dir, sums, params={}, progress=False)
    loaded = load_index(index_dir, emb, sums)
    searcher = loaded.searcher(emb)
    computed = []

    def alignment():  # lazily, once, from the index's own vectors — as rag.service does
        if not computed:
            vectors = vectors_by_id(searcher.dense.ids, searcher.dense.vectors)
            computed.append(align(loaded.documents, loaded.clauses, vectors, tokenizer=searcher.tokenizer))
        return computed[0]

    return Answerer(loaded.documents, loaded.clauses, searcher.search, generator=generator,
                    alignment=alignment, tokenizer=searcher.tokenizer)


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> Answerer:
    work = tmp_path_factory.mktemp("mini_answer")
    return open_answerer(write_mini_corpus(work / "corpus"), work / "index")


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> Answerer:
    return open_answerer(REPO / "corpus", REPO / "index", tmp_path_factory.mktemp("real_index"))


def ids(answer) -> list[str]:
    return [h.clause.id for h in answer.citations]


def check_shape(answer) -> None:
    """Markers index the citations, and the answer stays short."""
    assert answer.answerable
    markers = {int(n) for n in MARKER.findall(answer.answer)}
    assert markers and markers <= set(range(1, len(answer.citations) + 1))
    assert len(MARKER.sub("", answer.answer)) <= LIMIT + 10
    assert answer.took_ms > 0


# ---------------------------------------------------------------- inline plans, every intent
def test_lead_names_both_levels_with_labels(mini):
    a = mini.ask("哪个部门牵头建设教育专网")
    check_shape(a)
    assert a.intent == "lead"
    assert "省教育厅" in a.answer and "省通信管理局" in a.answer and "市教育局" in a.answer
    assert "江南省：" in a.answer and "江城市：" in a.answer
    assert a.answer.index("江南省") < a.answer.index("江城市")  # province first
    assert ids(a) == ["jn-edu:二/一", "jc-edu:一/一"]


def test_a_named_place_filters_to_its_document(mini):
    a = mini.ask("江城的教育专网建设由谁牵头")
    check_shape(a)
    assert "市教育局" in a.answer and "省教育厅" not in a.answer
    assert ids(a) == ["jc-edu:一/一"]


def test_support_marks_units_inherited_by_xiatong(mini):
    a = mini.ask("省里培训数字教师这项工作有哪些责任单位")
    check_shape(a)
    assert a.intent == "support"
    assert "省人力资源社会保障厅" in a.answer and "各市政府（下同）" in a.answer
    assert ids(a) == ["jn-edu:二/二"]


def test_target_quotes_value_unit_and_year(mini):
    a = mini.ask("到2027年全省智慧校园覆盖率要达到多少")
    check_shape(a)
    assert a.intent == "target" and "90%" in a.answer and "2027" in a.answer
    assert ids(a)[0] == "jn-edu:一"


def test_policy_picks_the_support_sentence(mini):
    a = mini.ask("建设智慧校园的学校有什么补助")
    check_shape(a)
    assert a.intent == "policy" and "200万元" in a.answer
    assert "jn-edu:二/三" in ids(a)


def test_region_answers_from_the_column_line_item(mini):
    a = mini.ask("江城重点发展什么")
    check_shape(a)
    assert a.intent == "region" and "教育机器人" in a.answer
    assert ids(a) == ["jn-edu:二/专栏1/江城"]


def test_doc_facts_come_from_the_manifest_and_the_basis_sentence(mini):
    a = mini.ask("江城市智慧教育实施方案的文号是什么")
    check_shape(a)
    assert a.intent == "doc_fact" and "江城政发〔2024〕9号" in a.answer and "2024年6月18日" in a.answer
    basis = mini.ask("江城的方案是根据哪个文件制定的")
    check_shape(basis)
    assert "《江南省智慧教育行动方案》" in basis.answer and ids(basis) == ["jc-edu:前言"]


def test_department_lookup_reads_metadata_of_the_whole_corpus(mini):
    a = mini.ask("市教育局负责哪些任务")
    check_shape(a)
    assert a.intent == "dept_lookup"
    assert "市教育局牵头2项" in a.answer
    assert "推进校园网络升级" in a.answer and "开展教师数字素养培训" in a.answer
    assert set(ids(a)) == {"jc-edu:一/一", "jc-edu:二/二"}
    inherited = mini.ask("各市政府参与哪些任务")
    assert "参与3项" in inherited.answer  # own note + two clauses reached by 下同


def test_alignment_gives_city_and_province_clause_side_by_side(mini):
    a = mini.ask("江城如何落实省里教育专网的要求")
    check_shape(a)
    assert a.intent == "alignment"
    assert ids(a) == ["jc-edu:一/一", "jn-edu:二/一"]
    assert "江城市" in a.answer and "对应江南省" in a.answer and "100%" in a.answer


def test_open_question_about_a_whole_task_quotes_its_opening_measure(mini):
    a = mini.ask("江城在开展教师数字素养培训上怎么安排")
    check_shape(a)
    assert a.intent == "open" and "每年培训教师3000名" in a.answer
    assert ids(a) == ["jc-edu:二/二"]


def test_alignment_without_a_provider_falls_back_to_retrieval(mini):
    plain = Answerer(list(mini.documents.values()), mini.clauses, mini._search)
    a = plain.ask("江城如何落实省里教育专网的要求")
    check_shape(a)
    assert ids(a) == ["jc-edu:一/一", "jn-edu:二/一"]


def test_open_question_quotes_best_sentences(mini):
    a = mini.ask("学校网络要怎么建设")
    check_shape(a)
    assert a.intent == "open" and "网络" in a.answer


@pytest.mark.parametrize(
    "question",
    [
        "北京市的智慧校园目标是多少",  # a place the corpus does not hold
        "省卫健委负责哪些任务",  # a department the corpus does not hold
        "到2030年智慧校园覆盖率要达到多少",  # a year no target names
        "教育专网建设的召集人是哪位领导",  # a person, not a department
        "教师职称评审需要准备哪些材料",  # a procedure plans do not hold
    ],
)
def test_refusals_cite_the_nearest_clauses(mini, question):
    a = mini.ask(question)
    assert not a.answerable and a.answer.startswith(REFUSAL_TEXT)
    assert a.citations and not MARKER.search(a.answer)


def test_explicit_filter_wins_over_the_question(mini):
    from rag.retrieval.base import Filter

    a = mini.ask("哪个部门牵头建设教育专网", where=Filter(doc_ids=frozenset({"jc-edu"})))
    assert "市教育局" in a.answer and "省教育厅" not in a.answer


def test_bad_input_is_rejected(mini):
    with pytest.raises(ValueError, match="non-empty"):
        mini.ask("  ")
    with pytest.raises(ValueError, match="top_k"):
        mini.ask("哪个部门牵头", top_k=0)
    with pytest.raises(ValueError, match="min_coverage"):
        RefusalPolicy(min_coverage=2.0)
    with pytest.raises(ValueError, match="callable"):
        Answerer([], [], search="not a function")


def test_text_helpers():
    assert sentences("一是甲。二是乙；三是丙！") == ["一是甲。", "二是乙；", "三是丙！"]
    assert coverage(["充电", "加氢"], "加快建设充电设施") == 0.5
    assert coverage({"充电": 3.0, "加氢": 1.0}, "加快建设充电设施") == 0.75
    long = "，".join(f"第{i}项内容较长的一段话" for i in range(20)) + "，充电基础设施建设"
    cut = trim(long, ["充电"], 40)
    assert len(cut) <= 41 and "充电" in cut and cut.endswith("…") is False or "充电" in cut


# ---------------------------------------------------------------- the real corpus
def test_real_lead_for_charging_infrastructure(real):
    a = real.ask("哪个部门牵头充电基础设施建设")
    check_shape(a)
    for name in ("省能源局", "省工业和信息化厅", "市发展改革委"):
        assert name in a.answer
    assert {"shandong-nev-2023:二/六/1", "liaocheng-nev-2024:四/九"} <= set(ids(a))


def test_real_department_lookup_from_metadata(real):
    a = real.ask("省公安厅参与哪些任务")
    check_shape(a)
    assert "强化政策供给" in a.answer and "激发消费市场活力" in a.answer
    assert {"shandong-nev-2023:三/三", "shandong-nev-2023:二/四/3"} <= set(ids(a))


def test_real_alignment(real):
    a = real.ask("聊城如何落实省里充电基础设施的要求")
    check_shape(a)
    assert ids(a) == ["liaocheng-nev-2024:四/九", "shandong-nev-2023:二/六/1"]
    assert "2.5万台" in a.answer


def test_real_target_region_and_doc_fact(real):
    assert "2.5万台" in real.ask("聊城到2025年底要建成多少充电桩").answer
    assert "车规级芯片" in real.ask("济南有没有做汽车芯片的规划").answer
    assert "鲁政字〔2023〕236号" in real.ask("聊城这个方案是根据哪个文件制定的").answer


@pytest.mark.parametrize("question", ["北京的充电桩政策是什么", "山东2030年新能源汽车产量目标是多少",
                                      "新能源汽车企业员工的个人所得税有什么优惠"])
def test_real_refusals(real, question):
    assert not real.ask(question).answerable


@pytest.mark.parametrize("question", ["在山东买新能源车上牌需要摇号吗", "买一辆新能源车政府直接补贴多少钱"])
def test_real_refusals_are_not_fooled_by_word_seams(real, question):
    # 车上 occurs only across a word boundary (整车|上); it must not count as found
    assert not real.ask(question).answerable


def test_real_paraphrases_reach_the_official_words(real):
    a = real.ask("聊城电动大巴卖到国外，目标是多少辆")  # 新能源客车出口
    check_shape(a)
    assert "1300辆" in a.answer
    assert "45%" in real.ask("到2025年新车里电动车要占多大比例").answer  # 新能源汽车…渗透率


def test_real_alignment_with_different_wording_per_level(real):
    a = real.ask("聊城的数字化转型怎么呼应省里的数智化转型要求")
    check_shape(a)
    assert ids(a) == ["liaocheng-nev-2024:六/十三", "shandong-nev-2023:二/九/2"]
    assert a.answer.index("聊城市") < a.answer.index("山东省") and "标杆企业" in a.answer


def test_real_where_question_quotes_the_sentence_naming_places(real):
    a = real.ask("全省轻量化铝材集群放在哪几个市")
    assert "聊城" in a.answer and "滨州" in a.answer


# ---------------------------------------------------------------- colloquial words, inline plan
NEV_CITY = """江北市新能源汽车推广方案

一、重点任务

（一）扩大出口规模。支持整车企业开拓海外市场，到2026年新能源客车出口达到500辆。（牵头单位：市商务局；责任单位：市财政局）

（二）建设充电基础设施。到2026年建成公共充电基础设施3000台。（牵头单位：市能源局）

（三）开展自动驾驶测试。建设自动驾驶测试道路20公里。（牵头单位：市交通运输局）
"""

NEV_MANIFEST = """
[[documents]]
id = "jb-nev"
title = "江北市新能源汽车推广方案"
short_name = "江北市方案"
number = "江北政发〔2025〕3号"
issuer = "江北市人民政府"
date = "2025-02-01"
level = "city"
region = "江北市"
file = "nev.txt"
"""


def one_plan_answerer(tmp_path_factory, text: str) -> Answerer:
    """An ``Answerer`` over a corpus of one city plan written in the test (manifest ``NEV_MANIFEST``)."""
    work = tmp_path_factory.mktemp("one_plan")
    corpus = work / "corpus"
    corpus.mkdir()
    (corpus / "nev.txt").write_text(text, encoding="utf-8")
    (corpus / "documents.toml").write_text(NEV_MANIFEST, encoding="utf-8")
    return open_answerer(corpus, work / "index")


@pytest.fixture(scope="module")
def nev(tmp_path_factory) -> Answerer:
    return one_plan_answerer(tmp_path_factory, NEV_CITY)


@pytest.mark.parametrize(("question", "fact", "clause"), [
    ("谁牵头帮车企把车卖到国外", "市商务局", "jb-nev:一/一"),  # 卖到国外 → 出口
    ("电动大巴外销的目标是多少辆", "500辆", "jb-nev:一/一"),  # 电动大巴 → 新能源客车, 外销 → 出口
    ("充电桩要建多少台", "3000台", "jb-nev:一/二"),  # 充电桩 → 充电基础设施
    ("无人驾驶测试归哪个部门牵头", "市交通运输局", "jb-nev:一/三"),  # 无人驾驶 → 自动驾驶
])
def test_colloquial_words_reach_the_clause_that_uses_the_official_ones(nev, question, fact, clause):
    a = nev.ask(question)
    check_shape(a)
    assert fact in a.answer and ids(a)[0] == clause


def test_a_concept_the_plan_lacks_is_still_refused(nev):
    assert not nev.ask("在江北买电动车上牌需要摇号吗").answerable


QUALITY_CITY = """江北市质量提升方案

一、重点任务

（一）建设检验平台。争创国家新能源汽车质量监督检验中心，打造一站式检测认证服务平台。（牵头单位：市市场监管局）

（二）落实税收优惠。高新技术企业按照15%的税率缴纳企业所得税。（牵头单位：市税务局）
"""


@pytest.fixture(scope="module")
def quality(tmp_path_factory) -> Answerer:
    return one_plan_answerer(tmp_path_factory, QUALITY_CITY)


DIGITAL_CITY = """江北市数字经济行动方案

一、重点任务

（一）推进传统基础设施数字化改造。推动交通、水利设施智能化升级，建设智慧高速。（市交通运输局、市水利局按职责分工负责）

（二）落实企业所得税优惠。高新技术企业按照15%的税率缴纳企业所得税。（市财政局牵头，市税务局按职责分工负责）

（三）落实研发费用加计扣除税收优惠。对企业研发费用按规定加计扣除。（市工业和信息化局牵头，市科技局、市税务局按职责分工负责）

（四）引进高层次人才。对企业新引进的全日制博士，给予每人每月5000元生活补贴，补贴期限最长3年。（牵头单位：市委人才办）
"""


@pytest.fixture(scope="module")
def digital(tmp_path_factory) -> Answerer:
    return one_plan_answerer(tmp_path_factory, DIGITAL_CITY)


def test_a_task_without_lead_is_answered_with_the_units_it_names(digital):
    a = digital.ask("智慧高速这些传统基础设施数字化改造由哪些部门负责")
    check_shape(a)
    assert "市交通运输局" in a.answer and "市水利局" in a.answer and ids(a)[0] == "jb-nev:一/一"


def test_support_question_naming_the_lead_picks_that_leads_task(digital):
    a = digital.ask("工信局牵头的税收优惠，还有哪些部门配合")
    check_shape(a)
    assert ids(a)[0] == "jb-nev:一/三" and "市科技局" in a.answer


def test_each_question_of_a_message_is_answered_with_one_numbering(digital):
    a = digital.ask("企业所得税优惠由哪个部门牵头？高新技术企业的税率是多少？")
    check_shape(a)
    assert "市财政局" in a.answer and "15%" in a.answer
    assert ids(a)[0] == "jb-nev:一/二"


def test_a_rate_is_quoted_from_the_sentence_that_states_it(digital):
    a = digital.ask("企业新招了一个博士，每个月给多少生活补贴")
    check_shape(a)
    assert "5000元" in a.answer and ids(a)[0] == "jb-nev:一/四"
    assert not digital.ask("充电电价每度多少钱").answerable  # a rate no clause states


DATA_CITY = """江北市数据要素方案

一、激活数据要素价值

（一）推进公共数据开放共享。完善公共数据资源目录，推动高价值数据集开放。（牵头单位：市数据局）

（二）培育数据交易市场。支持数据交易机构建设，到2026年数据交易额突破10亿元。（牵头单位：市发展改革委）

二、加强组织保障

（三）健全工作机制。建立工作专班，定期调度进展。（牵头单位：市政府办公室）

（四）强化资金保障。统筹专项资金支持项目建设。（牵头单位：市财政局）

（五）加强人才支撑。引进高层次人才团队。（牵头单位：市人力资源社会保障局）

三、营造良好环境

（六）加强宣传引导。总结推广典型经验。（牵头单位：市委宣传部）

（七）开展监测评估。每年开展实施情况评估。（牵头单位：市统计局）
"""


def test_a_question_about_a_whole_heading_lists_its_tasks(tmp_path_factory):
    a = one_plan_answerer(tmp_path_factory, DATA_CITY).ask("在激活数据要素价值方面安排了哪些工作")
    check_shape(a)
    assert a.answer.startswith("激活数据要素价值：推进公共数据开放共享[")
    assert "培育数据交易市场" in a.answer and "健全工作机制" not in a.answer
    assert set(ids(a)) == {"jb-nev:一/一", "jb-nev:一/二"}


def test_split_question():
    assert split_question("哪个部门牵头？到2026年建多少个？") == ["哪个部门牵头？", "到2026年建多少个？"]
    assert split_question("谁牵头？是吗？") == ["谁牵头？是吗？"]  # a short tail stays with its question
    assert split_question("谁牵头") == ["谁牵头"]
    many = split_question("哪个部门牵头？" * 10)
    assert len(many) == MAX_PARTS and "".join(many) == "哪个部门牵头？" * 10
    # two subjects asked the same thing (分别) are two questions
    assert split_question("到2027年，全市的冷库容量和冷藏车数量分别要做到多少？") == [
        "到2027年，全市的冷库容量要做到多少？", "到2027年，全市的冷藏车数量要做到多少？"]
    # a short follow-up naming its own subject in letters or digits is a question of its own
    assert split_question("评上5A级企业能奖多少？4A级的呢？") == ["评上5A级企业能奖多少？", "4A级的呢？"]


def test_an_abbreviation_is_not_read_as_a_narrower_kind(quality):
    # 质检 abbreviates 质量监督检验: the question is about the clause, not a narrower 中心
    a = quality.ask("争创国家级质检中心、建一站式检测认证平台归哪个部门牵头")
    check_shape(a)
    assert "市市场监管局" in a.answer
    # 个人 is in no clause and abbreviates nothing there: 个人所得税 is a kind the plan lacks
    assert not quality.ask("员工的个人所得税有什么优惠").answerable


OTHER_CITY = """湖州市智慧教育实施方案

为落实《江南省智慧教育行动方案》要求，制定本方案。

一、重点任务

(一)建设数字教材平台。到2026年建成市级数字教材平台1个。(牵头单位:市教育局;责任单位:市财政局)

(二)推进在线教育。(牵头单位:市财政局)
"""


@pytest.fixture(scope="module")
def two_cities(tmp_path_factory) -> Answerer:
    work = tmp_path_factory.mktemp("two_cities")
    corpus = write_mini_corpus(work / "corpus")
    (corpus / "other.txt").write_text(OTHER_CITY, encoding="utf-8")
    with (corpus / "documents.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[[documents]]\nid = "hz-edu"\ntitle = "湖州市智慧教育实施方案"\nlevel = "city"\n'
                 'region = "湖州市"\nfile = "other.txt"\n')
    return open_answerer(corpus, work / "index")


def test_department_lookup_keeps_same_named_bodies_of_two_cities_apart(two_cities):
    a = two_cities.ask("市财政局参与哪些任务")
    check_shape(a)
    assert a.intent == "dept_lookup"
    assert "江城市：" in a.answer and "湖州市：" in a.answer
    jc, hz = a.answer.split("湖州市：")
    assert "推进校园网络升级" in jc and "建设数字教材平台" in hz and "推进在线教育" in hz
    assert "市财政局牵头1项" in hz and "市财政局牵头" not in jc
    narrowed = two_cities.ask("湖州市教育局负责哪些任务")
    assert narrowed.intent == "dept_lookup"
    assert {h.clause.doc_id for h in narrowed.citations} == {"hz-edu"}
    assert "江城市" not in narrowed.answer


def test_a_department_s_duty_in_an_article_is_the_sentence_naming_it():
    from rag.answer.duty_compose import duty_name
    from rag.model import Clause

    article = Clause("w:第四章/第十七条", "w", ("第四章 保障",), "第十七条 对因自然灾害等原因造成供水工程损毁的",
                     "第十七条 对因自然灾害等原因造成供水工程损毁的，县水利局应当及时组织抢修，所需资金由县财政局会同"
                     "县应急管理局统筹安排。供水单位应当每年组织一次演练。",
                     lead=("县水利局", "县财政局"), support=("县应急管理局",))
    assert duty_name(article, "县应急管理局") == ("对因自然灾害等原因造成供水工程损毁的，县水利局应当及时组织抢修，"
                                               "所需资金由县财政局会同县应急管理局统筹安排")
    titled = Clause("p:二/1", "p", ("二、重点任务",), "1.加快建设充电基础设施",
                    "1.加快建设充电基础设施。到2025年建成充电桩1万台。（牵头单位：省能源局）", lead=("省能源局",))
    assert duty_name(titled, "省能源局") == "加快建设充电基础设施"


def test_a_follow_up_s_own_words_outweigh_those_it_borrows(real):
    first, _, _ = real._understand("聊城到2025年底要建成多少充电桩？")
    det, _, _ = real._understand("乡村又是多少？", context=first)
    assert det.topic[0] == "乡村" and set(first.topic) <= set(det.topic)
    for term in first.topic:  # borrowed from the question before: half the weight it had there
        assert det.weights[term] == pytest.approx(0.5 * first.weights[term])
    assert det.weights["乡村"] > max(det.weights[t] for t in first.topic)


def test_a_department_s_one_or_two_tasks_say_what_they_ask_and_by_when():
    from rag.answer.duty_compose import detail
    from rag.model import Clause

    trad = Clause("f:二/三/7", "f", (), "7.豐富群眾文化活動",
                  "7.豐富群眾文化活動。每年開展演出不少於1200場，舉辦山水音樂節。（市委宣傳部牽頭，市文聯按職責分工負責）",
                  lead=("市委宣傳部",), support=("市文聯",))
    assert detail(trad) == "（每年開展演出不少於1200場，舉辦山水音樂節）"
    row = Clause("q:附件/9", "q", ("附件",), "9.开展养老机构食品安全专项检查",
                 "9.开展养老机构食品安全专项检查（牵头单位：区市场监管局；配合单位：区民政局；完成时限：2024年9月底前）",
                 lead=("区市场监管局",), support=("区民政局",))
    assert detail(row) == "（完成时限：2024年9月底前）"
