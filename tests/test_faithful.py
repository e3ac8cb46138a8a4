"""Every answer of every QA set is faithful: a unit named as 牵头 (or 责任单位) stands in that role
in the cited clause's own notes (eval.faithful); the checker itself catches an unfaithful one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.faithful import unsupported
from eval.scratch import scratch_corpus
from eval.sets import SETS
from rag.model import Answer, Clause, Hit
from rag.service import PolicyQA

ROOT = Path(__file__).resolve().parents[1]
CHARGING = Clause("p:二/六/1", "p", ("二、重点任务",), "1.加快建设充电基础设施",
                  "1.加快建设充电基础设施。到2025年建成充电桩1万台。（牵头单位：省能源局；责任单位：省住房城乡建设厅，各市政府，下同）",
                  lead=("省能源局",), support=("省住房城乡建设厅", "各市政府"))
EDUCATION = Clause("p:二/七", "p", (), "（七）培训数字教师", "（七）培训数字教师。（牵头单位：省教育厅）", lead=("省教育厅",))


def answer(text: str, *clauses: Clause) -> Answer:
    return Answer("q", text, True, "lead", tuple(Hit(c, 1.0, n) for n, c in enumerate(clauses, 1)))


def test_the_checker_accepts_what_the_notes_state_and_catches_what_they_do_not():
    assert not unsupported(answer("山东省“加快建设充电基础设施”由省能源局牵头[1]。", CHARGING))
    assert not unsupported(answer("省能源局牵头，责任单位：省住房城乡建设厅、各市政府[1]。", CHARGING))
    assert not unsupported(answer("省能源局牵头1项：加快建设充电基础设施[1]；省教育厅牵头1项：培训数字教师[2]。",
                                  CHARGING, EDUCATION))
    assert not unsupported(answer("到2025年建成充电桩1万台[1]。", CHARGING))  # a quote asserts no role
    assert unsupported(answer("山东省“加快建设充电基础设施”由省公安厅牵头[1]。", CHARGING))
    assert unsupported(answer("省能源局牵头，责任单位：省公安厅[1]。", CHARGING))
    assert unsupported(answer("省能源局牵头2项：加快建设充电基础设施[1]、培训数字教师[2]。", CHARGING, EDUCATION))
    assert unsupported(answer("省教育厅牵头[1]。", CHARGING))
    # a lookup's list ends at its 。; the sentence after it answers another question of the message
    assert not unsupported(answer("省能源局牵头1项：加快建设充电基础设施（完成时限：2025年底）[1]。培训数字教师[2]。",
                                  CHARGING, EDUCATION))
    # (各区、县人民政府 is one unit, as the note reads it, not 各区 and 县人民政府)
    pipes = Clause("p:二/三", "p", (), "3.推进管道改造", "3.推进管道改造。（市住房城乡建设局牵头，市水务局配合，各区、县人民政府负责落实）",
                   lead=("市住房城乡建设局",), support=("市水务局", "各区、县人民政府"))
    assert not unsupported(answer("市住房城乡建设局牵头，责任单位：市水务局、各区、县人民政府[1]。", pipes))
    assert unsupported(answer("市住房城乡建设局牵头，责任单位：市水务局、各区、县财政局[1]。", pipes))


def corpora() -> dict[str, tuple[str | None, str | None, list[str]]]:
    """Every QA set of ``eval.sets.SETS``, grouped by the documents they ask about."""
    grouped: dict[str, tuple[str | None, str | None, list[str]]] = {}
    for one in SETS:
        key = one.docs or one.corpus or "corpus"
        grouped.setdefault(key, (one.corpus, one.docs, []))[2].append(one.questions)
    return grouped


@pytest.mark.slow
@pytest.mark.parametrize("key", list(corpora()))
def test_every_answer_of_every_set_is_faithful(tmp_path_factory, key):
    corpus, docs, files = corpora()[key]
    name = key.replace("/", "_")
    if docs is not None:  # raw documents, ingested as a user would
        corpus, index, _ = scratch_corpus(ROOT / docs, tmp_path_factory.mktemp(name))
    else:
        corpus, index = ROOT / (corpus or "corpus"), tmp_path_factory.mktemp(name) / "index"
    with PolicyQA.open(corpus, index) as qa:
        problems = []
        for path in files:
            for line in (ROOT / path).read_text(encoding="utf-8").splitlines():
                if line.strip():
                    question = json.loads(line)["question"]
                    problems += [f"{question}: {p}" for p in unsupported(qa.ask(question))]
    assert not problems, "\n".join(problems)
