"""Evidence text helpers (rag.answer.sentences): coverage with concepts and whole words, trimming,
task summaries, sentence choice."""

from __future__ import annotations

import re

from rag.answer.sentences import (
    best_sentences,
    body_text,
    concrete,
    coverage,
    echo,
    task_name,
    task_summary,
    trim,
)
from rag.model import Clause, Hit

TASK = Clause(
    id="d:一/二", doc_id="d", path=("一、重点任务",), title="（二）推动汽车下乡",
    text="（二）推动汽车下乡。根据全市下乡方案有关要求，进一步挖掘消费潜力。每年10月举办“消费促进月”活动。"
         "（牵头单位：市商务局）",
)


def test_a_concept_is_found_by_any_of_its_spellings():
    assert coverage({"电动车|新能源汽车": 2.0, "出口": 2.0}, "推动新能源汽车出口") == 1.0
    assert coverage({"电动车|新能源汽车": 1.0}, "燃油车") == 0.0


def test_whole_words_keep_a_seam_from_counting():
    text = "整车上，扩大优势"
    assert coverage(["车上"], text) == 1.0  # as characters it is there…
    assert coverage(["车上"], text, words=" 整车 上 扩大 优势 ") == 0.0  # …but not as a word
    assert coverage(["扩大"], text, words=" 整车 上 扩大 优势 ") == 1.0


def test_zero_weight_terms_do_not_count():
    assert coverage({"摇号": 0.0, "出口": 1.0}, "出口") == 1.0


def test_task_summary_starts_with_the_measure_and_drops_framing():
    summary = task_summary(TASK, 60)
    assert summary.startswith("进一步挖掘消费潜力") and "消费促进月" in summary
    assert "根据" not in summary and "牵头单位" not in summary
    short = task_summary(TASK, 12)
    assert len(short) <= 13 and short.endswith("…")


def test_body_text_and_task_name():
    assert body_text(TASK).startswith("根据全市") and "牵头单位" not in body_text(TASK)
    assert task_name(TASK) == "推动汽车下乡"


def test_best_sentences_prefers_rare_words_and_cues():
    hit = Hit(TASK, 1.0, 1)
    (picked_hit, sentence), = best_sentences({"促进月": 3.0, "消费": 0.5}, [hit], n=1)
    assert picked_hit is hit and "消费促进月" in sentence
    cue = re.compile("潜力")
    assert "潜力" in best_sentences({"消费": 1.0}, [hit], bonus=cue, n=1)[0][1]


def test_trim_keeps_the_richest_window():
    long = "，".join(f"第{i}项一般内容" for i in range(20)) + "，建设充电基础设施"
    cut = trim(long, ["充电"], 30)
    assert "充电" in cut and len(cut) <= 31


def test_echo_and_concrete():
    assert echo("聊城的数字化转型怎么做", "实施制造业数字化转型行动") == len("数字化转型")
    assert concrete("力争建成10个") and concrete("举办“消费促进月”活动") and concrete("满足L4需求")
    assert not concrete("加强全过程安全管理")


def test_a_sentence_holding_the_first_item_of_a_list_opens_it():
    from rag.answer.extract import extract, opens_list, pick

    text = ("十、申请条件。购房人应同时符合以下条件：（一）具有本县户籍；（二）所购住房为首套住房；"
            "（三）此前未享受过购房补贴。同一套住房只能申请一次补贴。")
    clause = Clause("s:十", "s", (), "十、申请条件", text)
    assert opens_list("购房人应同时符合以下条件：（一）具有本县户籍；") and opens_list("应当符合下列条件：")
    assert not opens_list("依托云栖山发展康养旅游，到2027年建成300家。")
    evidence = extract({"条件": 1.0, "户籍": 1.0}, (), [Hit(clause, 1.0, 1)])
    chosen = [e.sentence for e in pick(evidence, ())]
    assert chosen[0].startswith("购房人应同时符合以下条件：（一）")
    assert chosen[1:] == ["（二）所购住房为首套住房；", "（三）此前未享受过购房补贴。"]  # not the sentence after the list


def test_units_named_after_a_task_are_not_its_sentences():
    from rag.answer.sentences import body_text
    from rag.model import Clause

    c = Clause(id="d:1", doc_id="d", path=(), title="2.新增老年助餐点80个",
               text="2.新增老年助餐点80个，每餐补贴3元。责任单位：市民政局（牵头）、市财政局；完成时限：2025年10月底前")
    assert body_text(c) == "2.新增老年助餐点80个，每餐补贴3元。完成时限：2025年10月底前"


def test_a_column_line_keeps_its_label_and_a_rule_in_two_steps_is_one_sentence():
    from rag.answer.sentences import sentences

    # (崡北县：…: the label says whose figures they are; quoted without it, they were anyone's)
    row = Clause(id="d:二/专栏1/崡北县", doc_id="d", path=("二、主要目标", "专栏1 各县（区）任务"), title="崡北县",
                 text="崡北县：河道综合治理120公里，岸线整治75公里。", kind="column")
    assert body_text(row) == "崡北县：河道综合治理120公里，岸线整治75公里。"
    assert sentences("责令限期改正；逾期不改正的，处500元以上5000元以下罚款。另行公布。") == [
        "责令限期改正；逾期不改正的，处500元以上5000元以下罚款。", "另行公布。"]
