"""``/v1/chat/completions`` and ``/v1/models`` driven by the official ``openai`` Python client against
the real server: a plain answer, a streamed one, and a follow-up read with the turn before it."""

from __future__ import annotations

import pytest

openai = pytest.importorskip("openai")


@pytest.fixture(scope="module")
def client(live_server: str):
    return openai.OpenAI(base_url=f"{live_server}/v1", api_key="not-needed", timeout=120, max_retries=0)


def test_models_lists_the_assistant(client):
    assert [m.id for m in client.models.list()] == ["policyqa"]


def test_plain_completion(client):
    reply = client.chat.completions.create(
        model="policyqa", messages=[{"role": "user", "content": "哪个部门牵头充电基础设施建设"}])
    text = reply.choices[0].message.content
    assert reply.choices[0].finish_reason == "stop" and "省能源局" in text and "参考" in text


def test_streamed_completion_equals_the_plain_one(client):
    question = [{"role": "user", "content": "省公安厅参与哪些任务"}]
    plain = client.chat.completions.create(model="policyqa", messages=question).choices[0].message.content
    chunks = client.chat.completions.create(model="policyqa", messages=question, stream=True)
    streamed = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert streamed == plain and "省公安厅" in streamed


def test_a_follow_up_is_read_with_the_turn_before(client):
    first = "聊城市充电桩建设由哪个部门牵头？"
    answer = client.chat.completions.create(model="policyqa", messages=[{"role": "user", "content": first}])
    said = answer.choices[0].message.content
    assert "市发展改革委" in said
    follow = client.chat.completions.create(model="policyqa", messages=[
        {"role": "user", "content": first}, {"role": "assistant", "content": said},
        {"role": "user", "content": "那责任单位有哪些？"}]).choices[0].message.content
    # the responsibility units of the same task (聊城 四/九), not of a task of another plan
    assert "市交通运输局" in follow and "市城管局" in follow and "省" not in follow.split("参考")[0]
