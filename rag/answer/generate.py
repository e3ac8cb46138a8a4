"""Optional phrasing of an extractive answer by an OpenAI-compatible chat model.

The answer layer always composes an extractive answer first. When an LLM endpoint is configured
(``POLICYQA_LLM_URL``, read by the app and passed in here), ``OpenAIChatGenerator.phrase`` asks the
model to restate that answer fluently **from the cited clauses only**, keeping the ``[n]`` markers.
Any failure — network error, timeout, HTTP error, malformed JSON, an answer that drops or invents
markers — returns ``None``, and the caller keeps the extractive answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import httpx

from rag.model import Hit

_MARKER = re.compile(r"\[(\d+)\]")

SYSTEM_PROMPT = (
    "你是政策文件问答助手。只能依据用户给出的编号条款作答，不得补充条款以外的事实。"
    "请把“参考答案”改写成通顺、简短（不超过两句话）的中文回答，保留其中全部的引用标记如[1]、[2]，"
    "标记放在它所支持的事实后面，不要新增其他编号。"
)


@runtime_checkable
class Generator(Protocol):
    """Anything that rephrases an extractive answer from its citations."""

    def phrase(self, question: str, answer: str, citations: Sequence[Hit]) -> str | None:
        """The rephrased answer with the same ``[n]`` markers, or ``None`` to keep ``answer``."""
        ...


def build_messages(question: str, answer: str, citations: Sequence[Hit]) -> list[dict[str, str]]:
    """Chat messages holding only the question, the extractive answer and the cited clauses.

    Args:
        question: The user's question.
        answer: The extractive answer with ``[n]`` markers.
        citations: The cited hits; clause ``n`` is ``citations[n-1]``.

    Returns:
        OpenAI-style ``[{"role", "content"}]`` messages.
    """
    clauses = "\n".join(
        f"[{n}] {h.clause.breadcrumb}\n{h.clause.text}" for n, h in enumerate(citations, 1)
    )
    user = f"问题：{question}\n\n条款：\n{clauses}\n\n参考答案：{answer}\n\n请输出改写后的回答。"
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


class OpenAIChatGenerator:
    """Client of an OpenAI-compatible ``/v1/chat/completions`` endpoint.

    Args:
        url: Base URL (``http://host:8080`` or ``http://host:8080/v1``) or the full
            ``…/chat/completions`` URL.
        model: Model name sent in the request.
        timeout: Seconds before the request is abandoned.

    Raises:
        ValueError: ``url`` is not http(s) or ``timeout`` is not positive.
    """

    def __init__(self, url: str, model: str = "default", timeout: float = 10):
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise ValueError(f"LLM url {url!r} must start with http:// or https://")
        if not timeout or timeout <= 0:
            raise ValueError(f"timeout={timeout!r}; allowed: a positive number of seconds")
        base = url.rstrip("/")
        if not base.endswith("/chat/completions"):
            base = base + ("/chat/completions" if base.endswith("/v1") else "/v1/chat/completions")
        self.endpoint = base
        self.model = model
        self.timeout = float(timeout)

    def phrase(self, question: str, answer: str, citations: Sequence[Hit]) -> str | None:
        """Ask the model to rephrase ``answer`` from ``citations``.

        Args:
            question: The user's question.
            answer: The extractive answer with ``[n]`` markers.
            citations: The cited hits, in marker order.

        Returns:
            The model's answer when it keeps every marker of ``answer`` and adds none beyond
            ``len(citations)``; otherwise, or on any failure, ``None``.
        """
        payload = {"model": self.model, "temperature": 0,
                   "messages": build_messages(question, answer, citations)}
        try:
            resp = httpx.post(self.endpoint, json=payload, timeout=self.timeout)
            resp.raise_for_status()
            text = resp.json()["choices"][0]["message"]["content"]
        except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError):
            return None
        if not isinstance(text, str) or not text.strip():
            return None
        text = text.strip()
        wanted = set(_MARKER.findall(answer))
        got = set(_MARKER.findall(text))
        if not wanted <= got or any(not 1 <= int(n) <= len(citations) for n in got):
            return None
        return text
