"""The optional phrasing client (rag.answer.generate) against a small real HTTP server started here — a
stand-in for the external OpenAI-compatible LLM service, not for our code — including failing
endpoints, after which the Answerer keeps its extractive answer."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from test_answer import open_answerer
from test_intent import write_mini_corpus

from rag.answer.generate import OpenAIChatGenerator, build_messages
from rag.model import Clause, Hit

PHRASED = "根据方案，教育专网由省教育厅、省通信管理局牵头[1]，江城市由市教育局牵头[2]。"


class FakeLLM(BaseHTTPRequestHandler):
    """Answers ``POST /{mode}/v1/chat/completions`` with canned JSON per mode."""

    requests: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeLLM.requests.append({"path": self.path, "body": body})
        mode = self.path.split("/")[1]
        if mode == "fail":
            self.send_response(500)
            self.end_headers()
            return
        if mode == "slow":
            time.sleep(1.5)
        content = {"ok": PHRASED, "slow": PHRASED, "drop": "教育专网由省教育厅牵头。",
                   "extra": PHRASED + "另见[7]。"}.get(mode)
        payload = b"not json" if mode == "junk" else json.dumps(
            {"choices": [{"message": {"role": "assistant", "content": content}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def llm_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeLLM)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def hit(n: int, text: str) -> Hit:
    return Hit(Clause(id=f"d:{n}", doc_id="d", path=("一、任务",), title=f"（{n}）任务", text=text), 1.0, n)


CITED = [hit(1, "（1）建设教育专网。（牵头单位：省教育厅）"), hit(2, "（2）推进校园网络升级。（牵头单位：市教育局）")]


def test_phrase_keeps_markers_and_sends_only_cited_clauses(llm_url):
    FakeLLM.requests.clear()
    gen = OpenAIChatGenerator(f"{llm_url}/ok", model="m1", timeout=5)
    assert gen.phrase("谁牵头？", "省教育厅牵头[1]；市教育局牵头[2]。", CITED) == PHRASED
    sent = FakeLLM.requests[-1]
    assert sent["path"] == "/ok/v1/chat/completions" and sent["body"]["model"] == "m1"
    user = sent["body"]["messages"][-1]["content"]
    assert "建设教育专网" in user and "推进校园网络升级" in user and "[2]" in user


@pytest.mark.parametrize("mode", ["fail", "slow", "junk", "drop", "extra"])
def test_phrase_returns_none_on_any_failure(llm_url, mode):
    gen = OpenAIChatGenerator(f"{llm_url}/{mode}", timeout=0.5)
    assert gen.phrase("谁牵头？", "省教育厅牵头[1]；市教育局牵头[2]。", CITED) is None


def test_unreachable_endpoint_returns_none():
    gen = OpenAIChatGenerator("http://127.0.0.1:9", timeout=0.5)
    assert gen.phrase("谁牵头？", "省教育厅牵头[1]。", CITED[:1]) is None


def test_url_forms_and_validation():
    assert OpenAIChatGenerator("http://h:1").endpoint == "http://h:1/v1/chat/completions"
    assert OpenAIChatGenerator("http://h:1/v1/").endpoint == "http://h:1/v1/chat/completions"
    assert OpenAIChatGenerator("http://h:1/v1/chat/completions").endpoint == "http://h:1/v1/chat/completions"
    with pytest.raises(ValueError, match="http"):
        OpenAIChatGenerator("ftp://h")
    with pytest.raises(ValueError, match="timeout"):
        OpenAIChatGenerator("http://h", timeout=0)


def test_messages_number_clauses_in_citation_order():
    messages = build_messages("谁牵头？", "甲[1]乙[2]", CITED)
    user = messages[1]["content"]
    assert user.index("[1] 一、任务") < user.index("[2] 一、任务")
    assert "[1]" in messages[0]["content"]  # the instruction to keep markers


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    work = tmp_path_factory.mktemp("gen_corpus")
    return write_mini_corpus(work / "corpus"), work / "index"


def test_answerer_uses_the_phrasing_and_falls_back_when_the_endpoint_fails(llm_url, corpus):
    question = "哪个部门牵头建设教育专网"
    phrased = open_answerer(*corpus, generator=OpenAIChatGenerator(f"{llm_url}/ok", timeout=5)).ask(question)
    assert phrased.answer == PHRASED and len(phrased.citations) == 2
    failing = open_answerer(*corpus, generator=OpenAIChatGenerator(f"{llm_url}/fail", timeout=5)).ask(question)
    extractive = open_answerer(*corpus).ask(question)
    assert failing.answer == extractive.answer != PHRASED
    assert "省教育厅" in failing.answer
