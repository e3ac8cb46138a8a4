"""The 文件管理 tab of the Gradio UI (zh-CN): list the library's documents, upload, remove.

Writes need the admin token (``POLICYQA_ADMIN_TOKEN``), typed into the tab and compared in
constant time on every action; without a configured token the tab only lists. Each action goes
through ``app.http.admin.apply_to_served`` — the very path of the admin API: the corpus change,
an incremental index rebuild and the swap of the served library, or, when the rebuild fails,
nothing at all.
"""

from __future__ import annotations

import hmac
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import gradio as gr

from app.ui.html import LEVEL_NAMES
from rag.retrieval.current import today_iso

if TYPE_CHECKING:
    import pandas as pd
    from fastapi import FastAPI

    from rag.service import PolicyQA

QAProvider = Callable[[], "PolicyQA"]
COLUMNS = ("文件编号", "标题", "级别", "地区", "状态", "条款数")
NO_TOKEN = "管理功能未开启：请在启动服务前设置环境变量 POLICYQA_ADMIN_TOKEN。"


def standing(doc) -> str:
    """现行 / 已废止 / 已被…取代 / 已到期 / 有效期至… in words."""
    if doc.status == "repealed":
        return "已废止" + (f"（由 {doc.superseded_by} 取代）" if doc.superseded_by else "")
    if doc.superseded_by:
        return f"已被 {doc.superseded_by} 取代"
    if doc.expires and doc.expires < today_iso():
        return f"已到期（{doc.expires}）"
    return f"现行（有效期至 {doc.expires}）" if doc.expires else "现行"


def document_rows(qa: PolicyQA) -> list[list]:
    """One row per document: id, title, level, region, standing, clause count."""
    counts = Counter(c.doc_id for c in qa.clauses)
    return [[d.id, d.title, LEVEL_NAMES.get(d.level, d.level), d.region, standing(d), counts[d.id]]
            for d in qa.documents]


def token_problem(given: str | None, expected: str | None) -> str | None:
    """Why a write is refused (no token configured, none or a wrong one given), or ``None``."""
    if not expected:
        return NO_TOKEN
    if not given or not hmac.compare_digest(given.strip().encode("utf-8"), expected.encode("utf-8")):
        return "管理令牌不正确。"
    return None


def admin_tab(app: FastAPI) -> Callable[[QAProvider], None]:
    """The tab builder for ``build_ui(extra_tabs=...)``, bound to the app whose library it changes."""

    def settings():
        from app.settings import get_settings

        return app.dependency_overrides.get(get_settings, get_settings)()

    def builder(get_qa: QAProvider) -> None:
        import pandas as pd

        gr.Markdown("上传、查看和删除政策文件。每次改动后只为新增或改动的条款重建索引；重建失败时不做任何改动。")
        token = gr.Textbox(label="管理令牌", type="password", max_lines=1, elem_id="pqa-admin-token",
                           placeholder="POLICYQA_ADMIN_TOKEN")
        with gr.Row(equal_height=False):
            with gr.Column(scale=3):
                files = gr.File(label="上传文件（可多选）", file_count="multiple", elem_id="pqa-admin-files")
                upload = gr.Button("上传并更新索引", variant="primary", elem_id="pqa-admin-upload")
            with gr.Column(scale=2):
                pick = gr.Dropdown(label="删除文件", choices=[], elem_id="pqa-admin-pick")
                remove = gr.Button("删除并更新索引", variant="stop", elem_id="pqa-admin-remove")
        message = gr.Markdown("", elem_id="pqa-admin-message")
        table = gr.Dataframe(label="文件列表", interactive=False, wrap=True, max_height=560,
                             elem_id="pqa-admin-table")

        def listing(note: str = "") -> tuple[str, pd.DataFrame, dict]:
            qa = get_qa()
            rows = document_rows(qa)
            return (note, pd.DataFrame(rows, columns=list(COLUMNS)),
                    gr.update(choices=[(f"{r[0]} · {r[1]}", r[0]) for r in rows], value=None))

        def act(given: str | None, change, done: Callable) -> tuple:
            from app.http.admin import ChangeFailed, apply_to_served

            problem = token_problem(given, getattr(app.state, "admin_token", None))
            if problem:
                return listing(f"未执行：{problem}")
            try:
                made, fresh = apply_to_served(app, settings(), change)
            except ChangeFailed as exc:
                return listing(f"未执行：索引重建失败，改动已撤销：{exc}")
            except (ValueError, KeyError, OSError) as exc:
                return listing(f"未执行：{exc.args[0] if isinstance(exc, KeyError) and exc.args else exc}")
            record = fresh.build_record
            return listing(f"完成：{done(made)}；索引：新嵌入 {record.get('embedded')} 条，复用 {record.get('reused')} 条。")

        def on_upload(given: str | None, paths: list[str] | None):
            from rag.ingest.edit import add_files

            if not paths:
                return listing("未执行：请先选择文件。")
            corpus = Path(settings().corpus_dir)
            files_ = [Path(p) for p in paths]
            return act(given, lambda: add_files(files_, corpus),
                       lambda made: "已添加 " + "、".join(d.id for d in made.added))

        def on_remove(given: str | None, doc_id: str | None):
            from rag.ingest.edit import remove_document

            if not doc_id:
                return listing("未执行：请先选择要删除的文件。")
            corpus = Path(settings().corpus_dir)
            return act(given, lambda: remove_document(corpus, doc_id), lambda made: f"已删除 {doc_id}")

        outputs = [message, table, pick]
        gr.on(triggers=None, fn=listing, inputs=None, outputs=outputs)  # on page load
        upload.click(on_upload, [token, files], outputs)
        remove.click(on_remove, [token, pick], outputs)

    return builder
