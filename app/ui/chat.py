"""The Gradio UI (zh-CN), mounted at ``/ui``: 问答 chat with cited clauses and a 检索测试 tab.

The UI holds no retrieval logic: it calls the shared ``PolicyQA`` (opened by the API's lifespan)
and renders its data model with ``app.ui.html``. More tabs (部门职责, 指标, 省市对照) plug in
through ``build_ui(extra_tabs=...)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import gradio as gr

from app.http.observe import record_answer
from app.http.validation import MAX_QUESTION
from app.ui.html import (
    LEVEL_NAMES,
    SCROLL_JS,
    answer_markdown,
    citation_label,
    origin_html,
    sources_html,
)
from rag.retrieval.base import Filter

if TYPE_CHECKING:
    import pandas as pd

    from rag.service import PolicyQA

# Example questions for the three kinds of users (企业 / 机关 / 评估).
EXAMPLES: dict[str, tuple[str, ...]] = {
    "企业": ("做充电桩的企业有什么税收优惠",),
    "机关": ("哪个部门牵头充电基础设施建设", "省公安厅参与哪些任务"),
    "评估": ("聊城市2025年充电基础设施建设目标是多少",),
}

# Column titles of the per-retriever scores a hit carries (rag.retrieval.hybrid).
SCORE_NAMES = {"bm25": "BM25", "dense": "向量", "fused": "融合"}

QAProvider = Callable[[], "PolicyQA"]
TabBuilder = Callable[[QAProvider], None]


def _theme() -> gr.themes.Base:
    # System CJK fonts: the default theme would fetch Google Fonts, which an offline browser cannot.
    fonts = ["PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "sans-serif"]
    return gr.themes.Soft(font=fonts, font_mono=["ui-monospace", "monospace"])


@lru_cache(maxsize=4)
def _tokenizer(qa: PolicyQA):
    from rag.retrieval.tokenize import Tokenizer, domain_terms

    return Tokenizer(domain_terms(qa.clauses))


def question_terms(qa: PolicyQA, question: str) -> list[str]:
    """Question words worth highlighting in clause text (multi-character tokens)."""
    return [t for t in dict.fromkeys(_tokenizer(qa).tokenize(question)) if len(t) >= 2]


def _filter(qa: PolicyQA, doc_ids: Sequence[str] | None, level: str | None, region: str | None) -> Filter | None:
    known = {d.id for d in qa.documents}
    return Filter.of([i for i in (doc_ids or ()) if i in known], level, region)


def build_ui(get_qa: QAProvider, extra_tabs: Sequence[tuple[str, TabBuilder]] = ()) -> gr.Blocks:
    """Build the Blocks app.

    Args:
        get_qa: Returns the open ``PolicyQA`` (it is opened at server startup, after the UI is built).
        extra_tabs: ``(tab title, builder)`` pairs; each builder lays out its tab's components.

    Returns:
        The Gradio ``Blocks``; mount it with ``gr.mount_gradio_app``.
    """
    with gr.Blocks(title="政策问答", analytics_enabled=False) as demo:
        gr.Markdown("## 政策问答 · 新能源汽车产业政策\n答案只来自政策原文，每句都标注出处；点击引用可在原文中查看上下文。")
        terms_state = gr.State([])
        asked_state = gr.State([])  # the user's questions so far, for follow-ups
        with gr.Tabs():
            with gr.Tab("问答", id="ask"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=5):
                        chat = gr.Chatbot(label="对话", height=430, elem_id="pqa-chat", buttons=["copy"],
                                          feedback_options=None, placeholder="在下方输入问题，或点击示例问题。")
                        with gr.Row():
                            question = gr.Textbox(label="问题", placeholder="例如：哪个部门牵头充电基础设施建设",
                                                  max_lines=3, scale=6, elem_id="pqa-question")
                            send = gr.Button("提问", variant="primary", scale=1, elem_id="pqa-send")
                        with gr.Row():
                            doc_filter = gr.Dropdown(label="文件", multiselect=True, choices=[], scale=3,
                                                     info="不选即全部文件", elem_id="pqa-docs")
                            level_filter = gr.Radio(label="层级", choices=[("全部", "")], value="", scale=2,
                                                    elem_id="pqa-level")
                            region_filter = gr.Dropdown(label="地区", choices=[("全部", "")], value="", scale=2,
                                                        info="不选即全部地区", elem_id="pqa-region")
                        gr.Markdown("**示例问题**（企业 / 机关 / 评估）")
                        chips: list[tuple[gr.Button, str]] = []
                        with gr.Row(elem_classes="pqa-chips", elem_id="pqa-examples"):
                            for kind, questions in EXAMPLES.items():
                                for q in questions:
                                    button = gr.Button(f"{kind}｜{q}", size="sm", variant="secondary",
                                                       scale=0, min_width=0, elem_classes="pqa-chip")
                                    chips.append((button, q))
                        clear = gr.Button("清空对话", size="sm", variant="stop")
                    with gr.Column(scale=4):
                        gr.Markdown("**引用条款**（点击卡片查看原文）")
                        sources = gr.HTML('<div class="pqa-empty">提问后这里显示被引用的条款。</div>',
                                          elem_id="pqa-sources")
                        pick = gr.Radio(label="查看原文", choices=[], elem_id="pqa-cite-pick")
                        origin = gr.HTML("", elem_id="pqa-origin")
            with gr.Tab("检索测试", id="search"):
                with gr.Row():
                    s_query = gr.Textbox(label="检索词", scale=5, elem_id="pqa-s-query")
                    s_mode = gr.Radio(label="方式", choices=[("混合", "hybrid"), ("BM25", "bm25"), ("向量", "dense")],
                                      value="hybrid", scale=2)
                    s_k = gr.Slider(1, 50, value=10, step=1, label="返回条数", scale=2)
                    s_go = gr.Button("检索", variant="primary", scale=1, elem_id="pqa-s-go")
                s_info = gr.Markdown("")
                s_table = gr.Dataframe(label="排序结果", interactive=False, wrap=True, elem_id="pqa-s-table")
            for title, builder in extra_tabs:
                with gr.Tab(title):
                    builder(get_qa)

        def load_filters():
            qa = get_qa()
            docs = [(f"{d.short_name or d.title}（{LEVEL_NAMES.get(d.level, d.level)}）", d.id) for d in qa.documents]
            levels = list(dict.fromkeys(d.level for d in qa.documents))
            regions = list(dict.fromkeys(d.region for d in qa.documents if d.region))
            return (gr.update(choices=docs),
                    gr.update(choices=[("全部", "")] + [(LEVEL_NAMES.get(lv, lv), lv) for lv in levels]),
                    gr.update(choices=[("全部", "")] + [(r, r) for r in regions]))

        def respond(message: str, history: list, doc_ids: list[str], level: str, region: str, asked: list[str]):
            message = (message or "").strip()
            if not message:
                raise gr.Error("请输入问题。")
            if len(message) > MAX_QUESTION:
                raise gr.Error(f"问题最长 {MAX_QUESTION} 字，当前 {len(message)} 字。")
            qa = get_qa()
            try:
                # the earlier questions of this conversation: a follow-up (那责任单位有哪些？) reads them
                answer = qa.ask(message, top_k=5, where=_filter(qa, doc_ids, level, region), history=asked or [])
            except ValueError as exc:
                raise gr.Error(str(exc)) from exc
            record_answer(answer, "ui")
            docs = {d.id: d for d in qa.documents}
            labels = [citation_label(n, h, docs) for n, h in enumerate(answer.citations, 1)]
            terms = question_terms(qa, message)
            history = [*(history or []), {"role": "user", "content": answer_markdown(message, [])},
                       {"role": "assistant", "content": answer_markdown(answer.answer, labels)}]
            choices = [(label, h.clause.id) for label, h in zip(labels, answer.citations, strict=True)]
            return (history, sources_html(answer.citations, docs, terms),
                    gr.update(choices=choices, value=None), "", "", terms, [*(asked or []), message][-10:])

        def show_origin(clause_id: str | None, terms: list[str]):
            if not clause_id:
                return ""
            qa = get_qa()
            try:
                clause = qa.clause(clause_id)
            except KeyError:
                return '<div class="pqa-empty">找不到该条款。</div>'
            return origin_html(qa.document(clause.doc_id), qa.document_text(clause.doc_id), clause, terms)

        def run_search(query: str, mode: str, k: float) -> tuple[str, pd.DataFrame]:
            import pandas as pd

            query = (query or "").strip()
            if not query or len(query) > MAX_QUESTION:
                raise gr.Error(f"检索词须为 1 至 {MAX_QUESTION} 字。")
            qa = get_qa()
            try:
                result = qa.search(query, top_k=int(k), mode=mode)
            except ValueError as exc:
                raise gr.Error(str(exc)) from exc
            docs = {d.id: d for d in qa.documents}
            keys = list(dict.fromkeys(key for h in result.hits for key in h.scores))
            rows = []
            for h in result.hits:
                doc = docs.get(h.clause.doc_id)
                row = {"排名": h.rank, "得分": round(h.score, 4)}
                row |= {SCORE_NAMES.get(k, k): round(h.scores[k], 4) if k in h.scores else None for k in keys}
                row |= {"文件": (doc.short_name or doc.title) if doc else h.clause.doc_id, "条款": h.clause.id,
                        "路径": h.clause.breadcrumb, "正文": h.clause.text[:120]}
                rows.append(row)
            return f"共 {len(rows)} 条 · 耗时 {result.took_ms:.0f} ms", pd.DataFrame(rows)

        demo.load(load_filters, outputs=[doc_filter, level_filter, region_filter])
        ask_outputs = [chat, sources, pick, origin, question, terms_state, asked_state]
        ask_inputs = [question, chat, doc_filter, level_filter, region_filter, asked_state]
        send.click(respond, ask_inputs, ask_outputs)
        question.submit(respond, ask_inputs, ask_outputs)
        for button, text in chips:
            button.click(lambda t=text: t, outputs=question).then(respond, ask_inputs, ask_outputs)
        pick.change(show_origin, [pick, terms_state], origin).then(None, js=SCROLL_JS)
        clear.click(lambda: ([], '<div class="pqa-empty">提问后这里显示被引用的条款。</div>',
                             gr.update(choices=[], value=None), "", [], []),
                    outputs=[chat, sources, pick, origin, terms_state, asked_state])
        s_go.click(run_search, [s_query, s_mode, s_k], [s_info, s_table])
        s_query.submit(run_search, [s_query, s_mode, s_k], [s_info, s_table])
    return demo


def theme() -> gr.themes.Base:
    """The UI theme (passed to ``gr.mount_gradio_app``, which owns app-level styling in Gradio 6)."""
    return _theme()
