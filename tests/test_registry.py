"""The intent registry (rag.answer.registry): one route per intent, cue words of the genre only.

A cue alternative that occurs in exactly one question of all the QA sets was written for that
question; it must be a word of the genre (``GENRE``, documented in the registry) or go.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from eval.sets import SETS as EVAL_SETS
from rag.answer.kinds import ASKS
from rag.answer.registry import CUES, GENRE, ROUTES, Intent, Question, route

ROOT = Path(__file__).resolve().parents[1]
SETS = [s.questions for s in EVAL_SETS]  # every QA set the project keeps (eval/sets.py)


def alternatives(pattern: re.Pattern[str]) -> list[str]:
    """The top-level ``|`` alternatives of a pattern."""
    out, depth, cur = [], 0, ""
    for ch in pattern.pattern:
        depth += ch in "([" and 1 or 0
        depth -= ch in ")]" and 1 or 0
        if ch == "|" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return [*out, cur]


def questions() -> list[str]:
    return [json.loads(line)["question"] for path in SETS
            for line in (ROOT / path).read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_cue_serves_more_than_one_question_or_is_a_genre_word():
    asked = questions()
    counts = {}
    for name, pattern in [*CUES.items(), *((f"kind:{k}", p) for k, p in ASKS.items())]:
        for alt in alternatives(pattern):
            n = sum(bool(re.search(alt, q, pattern.flags)) for q in asked)
            counts[(name, alt)] = n
    single = [(name, alt) for (name, alt), n in counts.items() if n == 1 and alt not in GENRE]
    assert not single, f"cue alternatives serving exactly one question: {single}"


def test_routes_are_declared_once_and_end_in_open():
    assert ROUTES[-1].intent is Intent.OPEN and ROUTES[-1].when(Question(""))
    assert {r.intent for r in ROUTES} == set(Intent)
    assert all(r.retrieval in ("search", "place", "department", "alignment", "document") for r in ROUTES)


@pytest.mark.parametrize(("question", "intent"), [
    (Question("文号是多少"), Intent.DOC_FACT),
    (Question("这个政策解读是哪个部门发布的"), Intent.DOC_FACT),
    (Question("这个细则从哪天起施行"), Intent.DOC_FACT),
    (Question("牵头哪些任务", departments=True, task_words=True), Intent.DEPT_LOOKUP),
    (Question("还有哪些部门配合", departments=True, task_words=True), Intent.SUPPORT),
    (Question("由谁牵头"), Intent.LEAD),
    (Question("要建多少个"), Intent.TARGET),
    (Question("有什么补贴"), Intent.POLICY),
    (Question("重点发展什么", column_places=True), Intent.REGION),
    (Question("怎么落实", cross_level=True), Intent.ALIGNMENT),
    (Question("讲了些啥"), Intent.OPEN),
])
def test_route_order(question, intent):
    assert route(question).intent is intent


def test_a_sentence_in_traditional_script_states_its_kind_of_fact():
    from rag.answer.kinds import Kind, states

    assert states(Kind.AMOUNT, "對落實開放要求的場館，給予每個最高50萬元的運營補助")
    assert states(Kind.DURATION, "每週開放時間不少於35小時")
    assert not states(Kind.AMOUNT, "公共體育場館免費或低收費開放")


def test_a_subsidy_given_as_a_share_of_a_cost_is_an_amount():
    from rag.answer.kinds import Kind, states

    assert states(Kind.AMOUNT, "按照实际缴纳契税金额的50%给予补贴")
    assert states(Kind.AMOUNT, "按设备投资额的10%给予奖补")
    assert not states(Kind.AMOUNT, "2025年底前食堂覆盖率达到100%")


def test_how_often_is_a_kind_of_fact_of_its_own():
    from rag.answer.kinds import Kind, asked_kinds, states

    assert asked_kinds("一年得查几回？") == (Kind.FREQUENCY,)
    assert asked_kinds("工作进展多久报一次？") == (Kind.FREQUENCY,)
    assert asked_kinds("审批大概要多久？") == (Kind.DURATION,)
    assert states(Kind.FREQUENCY, "每年至少开展一次全覆盖检查") and states(Kind.FREQUENCY, "于每季度末月25日前报送")
    assert not states(Kind.FREQUENCY, "到2027年建成冷库30万吨")
