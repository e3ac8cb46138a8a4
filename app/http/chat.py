"""``POST /v1/chat/completions``: the OpenAI chat protocol over ``PolicyQA.ask``, plain or streamed (SSE).

The path stays ``/v1/chat/completions`` (not under ``/api/v1``) because OpenAI clients append it to
their base URL.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import StreamingResponse

from app.http.deps import ask_or_422, get_qa, rate_limit
from app.http.models import ChatCompletion, ModelList, errors
from app.http.observe import record_answer
from app.http.schemas import answer_to_dict
from app.http.validation import MAX_QUESTION, ChatRequest, has_visible

if TYPE_CHECKING:
    from rag.model import Answer
    from rag.service import PolicyQA

QA = Annotated[Any, Depends(get_qa)]
router = APIRouter()
MAX_HISTORY = 10  # earlier user turns read with a follow-up (the last one decides)


def _citation_lines(answer: Answer, qa: PolicyQA) -> list[str]:
    docs = {d.id: d for d in qa.documents}
    lines = []
    for n, hit in enumerate(answer.citations, 1):
        doc = docs.get(hit.clause.doc_id)
        label = doc.label if doc else hit.clause.doc_id
        lines.append(f"[{n}] {label} · {hit.clause.breadcrumb}" if hit.clause.breadcrumb else f"[{n}] {label}")
    return lines


def answer_text(answer: Answer, qa: PolicyQA) -> str:
    """The answer followed by its 参考 list, as chat clients show it."""
    lines = _citation_lines(answer, qa)
    return answer.answer + ("\n\n参考：\n" + "\n".join(lines) if lines else "")


MODEL = "policyqa"
_STARTED = int(time.time())


@router.get("/v1/models", tags=["openai"], response_model=ModelList)
def models() -> dict:
    """OpenAI-compatible model list: the one model this server answers as (clients list it first)."""
    return {"object": "list", "data": [{"id": MODEL, "object": "model", "created": _STARTED, "owned_by": "policyqa"}]}


# One server-sent event: ``data`` holds a ``chat.completion.chunk`` as JSON, the last one ``[DONE]``.
SSE = {"text/event-stream": {"schema": {
    "type": "object", "required": ["data"],
    "properties": {"event": {"type": "string"},
                   "data": {"type": "string", "description": "A chat.completion.chunk as JSON; the last: [DONE]"}}}}}


@router.post("/v1/chat/completions", tags=["openai"], dependencies=[Depends(rate_limit)],
             response_model=ChatCompletion,
             responses={200: {"content": SSE}, **errors(429, 503)})
def chat_completions(body: ChatRequest, qa: QA, request: Request):
    """OpenAI-compatible chat: answers the last user message, read with the earlier ones (a
    follow-up such as 那责任单位有哪些？ is about the question before); ``stream`` sends SSE chunks."""
    users = [m for m in body.messages if m.role == "user"]
    question = users[-1].text().strip() if users else ""
    if question and not has_visible(question):
        question = ""
    if not question or len(question) > MAX_QUESTION:
        raise HTTPException(
            status_code=422,
            detail=f"messages: the last user message must hold 1..{MAX_QUESTION} non-blank characters",
        )
    history = [m.text().strip() for m in users[:-1] if has_visible(m.text())][-MAX_HISTORY:]
    answer = ask_or_422(qa, question, 5, history=history)
    record_answer(answer, "chat", request)
    content = answer_text(answer, qa)
    docs = {d.id: d for d in qa.documents}
    base = {"id": f"chatcmpl-{uuid.uuid4().hex[:24]}", "created": int(time.time()), "model": body.model}
    if not body.stream:
        return {
            **base,
            "object": "chat.completion",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": len(question), "completion_tokens": len(content),
                      "total_tokens": len(question) + len(content)},
            "citations": answer_to_dict(answer, docs)["citations"],
        }
    return StreamingResponse(_sse(base, content), media_type="text/event-stream")


def _sse(base: dict, content: str) -> Iterator[str]:
    """OpenAI streaming chunks: the role, the content line by line, the stop, then ``[DONE]``."""

    def chunk(delta: dict, finish: str | None = None) -> str:
        payload = {**base, "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    for line in content.splitlines(keepends=True):
        yield chunk({"content": line})
    yield chunk({}, "stop")
    yield "data: [DONE]\n\n"
