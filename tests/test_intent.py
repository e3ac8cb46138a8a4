"""Intent, place, level and department detection (rag.answer.intent) on a small corpus written here
(a province plan and a city plan about 智慧教育, nothing from the shipped files) and on the real
corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.answer.intent import detect
from rag.answer.registry import Intent
from rag.answer.vocab import CorpusVocab, short_place
from rag.ingest.chunk import chunk_corpus
from rag.ingest.corpus import load_manifest
from rag.retrieval.tokenize import Tokenizer, domain_terms

REPO = Path(__file__).resolve().parents[1]

PROVINCE = """江南省智慧教育行动方案

为加快教育数字化转型，根据《国家教育数字化战略行动》部署，制定本方案。

一、主要目标

到2027年，全省中小学智慧校园覆盖率达到90%以上，建成省级智慧教育示范区20个。

二、重点任务

（一）建设教育专网。推进千兆光纤进校园，实现学校网络全覆盖。（牵头单位：省教育厅、省通信管理局；责任单位：省财政厅，各市政府，下同）

（二）培训数字教师。每年培训骨干教师1万名以上，提升教师数字素养。（牵头单位：省教育厅；责任单位：省人力资源社会保障厅）

（三）强化经费保障。对建设智慧校园的学校，按照不超过30%的比例给予补助，单校最高补助200万元。（牵头单位：省财政厅）

专栏1 区域布局重点

江城：建设人工智能教育实验区，发展教育机器人和智能教具。

湖州：发展在线教育平台和数字教材。
"""

CITY = """江城市智慧教育实施方案

为落实《江南省智慧教育行动方案》要求，结合我市实际，制定本方案。

一、建设教育专网

(一)推进校园网络升级。到2026年底，全市学校千兆网络覆盖率达到100%。(牵头单位:市教育局;责任单位:市工业和信息化局、市财政局)

二、加强队伍建设

(二)开展教师数字素养培训。每年培训教师3000名。(牵头单位:市教育局、市人力资源社会保障局)
"""

MANIFEST = """
[[documents]]
id = "jn-edu"
title = "江南省智慧教育行动方案"
short_name = "江南省方案"
number = "江政发〔2024〕5号"
issuer = "江南省人民政府"
date = "2024-03-01"
level = "province"
region = "江南省"
file = "province.txt"

[[documents]]
id = "jc-edu"
title = "江城市智慧教育实施方案"
short_name = "江城市方案"
number = "江城政发〔2024〕9号"
issuer = "江城市人民政府"
date = "2024-06-18"
level = "city"
region = "江城市"
file = "city.txt"
"""


def write_mini_corpus(folder: Path) -> Path:
    """Write the two small plans and their manifest into ``folder``; returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "province.txt").write_text(PROVINCE, encoding="utf-8")
    (folder / "city.txt").write_text(CITY, encoding="utf-8")
    (folder / "documents.toml").write_text(MANIFEST, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    docs, clauses = chunk_corpus(load_manifest(write_mini_corpus(tmp_path_factory.mktemp("mini") / "corpus")))
    return CorpusVocab.build(docs, clauses), Tokenizer(domain_terms(clauses))


@pytest.fixture(scope="module")
def real():
    docs, clauses = chunk_corpus(load_manifest(REPO / "corpus"))
    return CorpusVocab.build(docs, clauses), Tokenizer(domain_terms(clauses))


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("哪个部门牵头建设教育专网", Intent.LEAD),
        ("教育专网建设有哪些责任单位", Intent.SUPPORT),
        ("智慧校园覆盖率要达到多少", Intent.TARGET),
        ("建设智慧校园的学校有什么补助", Intent.POLICY),
        ("江城重点发展什么", Intent.REGION),
        ("江城市智慧教育实施方案的文号是什么", Intent.DOC_FACT),
        ("江城的方案是根据哪个文件制定的", Intent.DOC_FACT),
        ("市教育局负责哪些任务", Intent.DEPT_LOOKUP),
        ("江城如何落实省里教育专网的要求", Intent.ALIGNMENT),
        ("智慧校园建设的总体思路是什么", Intent.OPEN),
        ("我们牵头建设了智慧校园，有什么补助", Intent.POLICY),  # the asker's own role asks no lead
        ("企业牵头建设了智慧校园，有什么补助", Intent.POLICY),  # nor a supported party's told role
        ("哪家企业牵头建设智慧校园", Intent.LEAD),
        ("各牵头单位的智慧校园方案要在什么时候前报送", Intent.OPEN),  # every lead unit is who, not what, is asked
    ],
)
def test_intents_on_inline_plans(mini, question, intent):
    vocab, tok = mini
    assert detect(question, vocab, tok).intent is intent


def test_places_levels_and_filters_come_from_the_corpus(mini):
    vocab, tok = mini
    assert vocab.region_of_place["江城"] == ("江城市",)  # as written (a traditional plan too)
    assert {"江城", "湖州"} <= vocab.column_places
    city = detect("江城的教育专网谁牵头", vocab, tok)
    assert city.regions == ("江城市",) and city.filter().regions == frozenset({"江城市"})
    province = detect("省里的教育专网谁牵头", vocab, tok)
    assert province.levels == ("province",) and province.filter().levels == frozenset({"province"})
    both = detect("教育专网省里和江城分别由谁牵头", vocab, tok)
    assert both.cross_level and both.filter() is None


def test_a_level_written_before_an_alias_must_match(mini):
    vocab, tok = mini
    det = detect("县教育局负责哪些任务", vocab, tok)  # the corpus has 市教育局 and 省教育厅, no 县 one
    assert det.departments == () and "县教育局" in det.unknown
    assert detect("市教育局负责哪些任务", vocab, tok).departments == ("市教育局",)


def test_departments_found_by_name_alias_and_core(mini):
    vocab, tok = mini
    assert detect("省人社厅参与哪些任务", vocab, tok).departments == ("省人力资源社会保障厅",)
    assert set(detect("教育部门分别负责什么", vocab, tok).departments) == {"省教育厅", "市教育局"}


def test_unknown_place_department_person_and_document_are_flagged(mini):
    vocab, tok = mini
    assert "北京" in detect("北京市的智慧校园目标是多少", vocab, tok).unknown
    assert "省卫健委" in detect("省卫健委负责哪些任务", vocab, tok).unknown
    assert "市消防救援支队" in detect("智慧校园改造中，市消防救援支队要做哪些审查", vocab, tok).unknown
    assert detect("教育专网建设的召集人是哪位领导", vocab, tok).unknown
    assert detect("《教育信息化条例》有什么规定", vocab, tok).unknown
    assert not detect("湖州发展什么", vocab, tok).unknown
    # jieba tags 东西 ("things") as a place; a word of direction characters names none
    assert not detect("智慧校园要买的东西有补助吗", vocab, tok).unknown
    # nor does a verb with its complement of direction, which jieba tags as a place (上门来)
    assert not detect("智慧校园设备坏了，多久能上门来修", vocab, tok).unknown
    # 县 that begins the level word 县级 ends no county's name (评上 is no place), while one after a name does
    assert not detect("去年评上县级智慧校园示范校，市里还补多少", vocab, tok).unknown
    assert "苓湾县" in detect("苓湾县的智慧校园补多少", vocab, tok).unknown
    # a kind of land named by a common word, which jieba tags as a place (丘陵地区, 山区), is no place the corpus lacks
    assert not detect("丘陵地区的智慧校园要建几所", vocab, tok).unknown
    assert not detect("山区学校的智慧校园补多少", vocab, tok).unknown
    # a town whose rare first character jieba knows no word of (峂|口镇) is a place the corpus lacks too
    assert "峂口镇" in detect("峂口镇的智慧校园要建几所", vocab, tok).unknown


def test_traditional_and_full_width_questions_are_folded(mini):
    vocab, tok = mini
    det = detect("哪個部門牽頭建設教育專網？", vocab, tok)
    assert det.intent is Intent.LEAD and "专网" in det.text


def test_short_place():
    assert short_place("聊城市") == "聊城" and short_place("山东省") == "山东" and short_place("市") == "市"


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("哪个部门牵头充电基础设施建设", Intent.LEAD),
        ("省公安厅参与哪些任务", Intent.DEPT_LOOKUP),
        ("聊城如何落实省里充电基础设施的要求", Intent.ALIGNMENT),
        ("聊城到2025年底要建成多少充电桩", Intent.TARGET),
        ("济南重点发展什么", Intent.REGION),
        ("聊城的实施方案是哪天印发的", Intent.DOC_FACT),
    ],
)
def test_intents_on_real_corpus(real, question, intent):
    vocab, tok = real
    assert detect(question, vocab, tok).intent is intent


def test_real_corpus_aliases(real):
    vocab, tok = real
    assert detect("省工信厅牵头哪些任务", vocab, tok).departments == ("省工业和信息化厅",)
    assert detect("省里哪些部门要配合发改委", vocab, tok).departments == ("省发展改革委",)


def test_words_keep_absent_runs_and_drop_seams(real):
    vocab, _ = real
    words = vocab.words("到2025年新车里电动车要占多大比例")
    assert "年新" not in words  # 2025年|新车: characters the corpus holds across two words
    assert "摇号" in vocab.words("上牌需要摇号吗")  # a concept the corpus lacks stays one word
    # an item of the corpus' enumerations (微卡、轻卡、皮卡) is one word, not a seam of 轻|卡
    assert "轻卡" in vocab.words("聊城的轻卡以后怎么搞")
    # a rare word of the corpus that jieba's dictionary lacks but its new-word model reads in the
    # question (电+堆 → 电堆, 冷+链 → 冷链) is what the question is about, not a seam
    assert "电堆" in vocab.words("燃料电池电堆有什么支持")
    # three or more characters outside the dictionary are a phrase, held by the corpus or not
    assert "光储充" in vocab.text and "光储充" in vocab.words("光储充一体化这件事谁牵头")


def test_which_ones_is_not_how_many():
    from rag.answer.kinds import Kind, asked_kinds

    assert Kind.COUNT not in asked_kinds("这件事是哪几个部门牵头？")
    assert Kind.COUNT in asked_kinds("到2025年建几个充电站？")
    # 几个工作日, 几个月 ask how long
    assert asked_kinds("乡镇初审要几个工作日？") == (Kind.DURATION,)
    assert asked_kinds("补贴要几个月才能到账？")[0] is Kind.DURATION
    # 每斤多少 asks a rate, as 每公斤多少 does
    assert Kind.RATE in asked_kinds("蜂蜜收购保护价是每斤多少？")
    # 能占多少 asks a share (…不得超过总时长的30%)
    assert asked_kinds("校外机构的课后服务能占多少时间？")[0] is Kind.SHARE
