"""The officials' tabs of the Gradio UI (zh-CN): 部门职责, 指标 and 省市对照.

Each builder lays out one tab and wires its events; ``VIEW_TABS`` is what ``app.server`` passes to
``build_ui(extra_tabs=...)``. Data comes from ``app.ui.view_data`` (the same rows as the JSON API and
its CSV / XLSX exports); every text from the corpus is escaped before it is placed in markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import gradio as gr

from app.ui.html import LEVEL_NAMES
from app.ui.view_data import (
    ROLE_NAMES,
    alignment_data,
    department_clause_records,
    department_records,
    export_file,
    export_filename,
    target_records,
    target_years,
)

if TYPE_CHECKING:
    import pandas as pd

    from rag.service import PolicyQA

QAProvider = Callable[[], "PolicyQA"]
MAX_SEARCH = 200
ROLE_CLASSES = {"lead": "pqa-lead", "support": "pqa-support", "support_inherited": "pqa-inherited"}

VIEW_CSS = """
.pqa-task {border:1px solid var(--border-color-primary); border-radius:8px; padding:8px 10px; margin:0 0 10px 0;}
.pqa-task.pqa-gap {border-left:4px solid #f59e0b;}
.pqa-city {margin:6px 0 0 14px; padding:4px 0 4px 10px; border-left:2px solid var(--border-color-primary);}
.pqa-score {display:inline-block; min-width:3.2em; font-weight:700; color:var(--color-accent);}
.pqa-reasons {color:var(--body-text-color-subdued); font-size:0.85em;}
.pqa-gaptag {display:inline-block; border-radius:10px; padding:0 8px; font-size:0.8em; background:#fef3c7; color:#92400e;}
.pqa-gaps li {margin:2px 0;}
.pqa-list {max-height:70vh; overflow:auto; padding-right:4px;}
#pqa-a-view .pqa-dochead {margin-top:8px;}
"""


def _text(value: str | None, limit: int) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise gr.Error(f"搜索词最长 {limit} 字，当前 {len(value)} 字。")
    return value


def _md(text: str) -> str:
    """Escape HTML, then the Markdown characters that would restyle user text in a ``gr.Markdown``."""
    return re.sub(r"([\\`*_~\[\]#|<>])", r"\\\1", html.escape(text))


def _names(values: list[str]) -> str:
    return "、".join(values)


def _level_names(level: str) -> str:
    return "、".join(LEVEL_NAMES.get(lv, lv) for lv in level.split(",") if lv)


def _downloads(table: str, records: list[dict], *name_parts: object) -> tuple[str, str]:
    return tuple(str(export_file(table, records, fmt, export_filename(table, fmt, *name_parts)))
                 for fmt in ("csv", "xlsx"))


# ---------------------------------------------------------------- 部门职责
def _department_frame(records: list[dict]) -> pd.DataFrame:
    import pandas as pd

    rows = [{"部门": r["name"], "层级": _level_names(r["level"]), "牵头": r["lead_count"],
             "参与": r["support_count"], "下同": r["inherited_count"], "条款数": r["clauses"],
             "别名": _names([a for a in r["aliases"] if a != r["name"]])} for r in records]
    return pd.DataFrame(rows, columns=["部门", "层级", "牵头", "参与", "下同", "条款数", "别名"])


def department_detail_html(name: str, records: list[dict]) -> str:
    """The clauses of one department, grouped by role (牵头 / 参与 / 参与（下同）); safe HTML."""
    if not records:
        return f'<div class="pqa-empty">{html.escape(name)} 没有条款。</div>'
    counts = "　".join(f"{label} {sum(r['role'] == role for r in records)}" for role, label in ROLE_NAMES.items())
    parts = []
    for rec in records:
        role = rec["role"]
        parts.append(
            f'<div class="pqa-task" data-clause="{html.escape(rec["clause_id"], quote=True)}">'
            f'<span class="pqa-badge {ROLE_CLASSES.get(role, "")}">{html.escape(ROLE_NAMES.get(role, role))}</span>'
            f'<b>{html.escape(rec["doc_label"])}</b>'
            f'<div class="pqa-path">{html.escape(rec["breadcrumb"])}</div>'
            f'<div class="pqa-text">{html.escape(rec["text"])}</div></div>'
        )
    return (f'<div class="pqa-dochead">{html.escape(name)}：{len(records)} 条（{counts}）</div>'
            f'<div class="pqa-list">{"".join(parts)}</div>')


def departments_tab(get_qa: QAProvider) -> None:
    """部门职责: searchable department table; selecting one lists its clauses; CSV / XLSX export."""
    with gr.Row():
        query = gr.Textbox(label="搜索部门", placeholder="部门全称或简称，如：省工信厅、发改委、公安", scale=5,
                           max_lines=1, elem_id="pqa-d-query")
        go = gr.Button("搜索", variant="primary", scale=1, elem_id="pqa-d-go")
        csv_btn = gr.DownloadButton("下载 CSV", scale=1, elem_id="pqa-d-csv")
        xlsx_btn = gr.DownloadButton("下载 XLSX", scale=1, elem_id="pqa-d-xlsx")
    info = gr.Markdown("", elem_id="pqa-d-info")
    with gr.Row(equal_height=False):
        with gr.Column(scale=5):
            table = gr.Dataframe(label="部门职责（点击一行查看条款）", interactive=False, wrap=True,
                                 max_height=560, elem_id="pqa-d-table")
        with gr.Column(scale=4):
            pick = gr.Dropdown(label="查看部门", choices=[], elem_id="pqa-d-pick")
            detail = gr.HTML('<div class="pqa-empty">在左侧表格中点击一个部门。</div>', elem_id="pqa-d-detail")

    def refresh(text: str | None = ""):
        text = _text(text, MAX_SEARCH)
        records = department_records(get_qa(), text)
        names = [r["name"] for r in records]
        summary = f"共 {len(records)} 个部门" + (f"（搜索：{_md(text)}）" if text else "")
        csv_path, xlsx_path = _downloads("departments", records)
        return (summary, _department_frame(records), gr.update(choices=names, value=None),
                gr.update(value=csv_path), gr.update(value=xlsx_path))

    def on_select(evt: gr.SelectData):
        row = evt.row_value or []
        return gr.update(value=row[0]) if row else gr.update()

    def show(name: str | None) -> str:
        if not name:
            return '<div class="pqa-empty">在左侧表格中点击一个部门。</div>'
        try:
            return department_detail_html(name, department_clause_records(get_qa(), name))
        except KeyError:
            return f'<div class="pqa-empty">没有名为 {html.escape(name)} 的部门。</div>'

    outputs = [info, table, pick, csv_btn, xlsx_btn]
    gr.on(triggers=None, fn=refresh, inputs=None, outputs=outputs)  # on page load
    go.click(refresh, query, outputs)
    query.submit(refresh, query, outputs)
    table.select(on_select, None, pick)
    pick.change(show, pick, detail)


# ---------------------------------------------------------------- 指标
def _target_frame(records: list[dict]) -> pd.DataFrame:
    import pandas as pd

    rows = [{"指标": r["raw"], "数值": r["value"], "单位": r["unit"], "年份": r["year"] or "",
             "文件": r["doc_label"], "条款": r["breadcrumb"], "牵头单位": _names(r["lead"]),
             "原句": r["sentence"]} for r in records]
    return pd.DataFrame(rows, columns=["指标", "数值", "单位", "年份", "文件", "条款", "牵头单位", "原句"])


def targets_tab(get_qa: QAProvider) -> None:
    """指标: every quantitative target, filterable by document, deadline year and text; export."""
    with gr.Row():
        doc = gr.Dropdown(label="文件", choices=[("全部文件", "")], value="", scale=3, elem_id="pqa-t-doc")
        year = gr.Dropdown(label="年份", choices=[("全部年份", "")], value="", scale=2, elem_id="pqa-t-year")
        query = gr.Textbox(label="搜索", placeholder="如：充电、万台、市发展改革委", scale=4, max_lines=1,
                           elem_id="pqa-t-query")
        go = gr.Button("筛选", variant="primary", scale=1, elem_id="pqa-t-go")
    with gr.Row():
        info = gr.Markdown("", elem_id="pqa-t-info")
        csv_btn = gr.DownloadButton("下载 CSV", scale=0, min_width=120, elem_id="pqa-t-csv")
        xlsx_btn = gr.DownloadButton("下载 XLSX", scale=0, min_width=120, elem_id="pqa-t-xlsx")
    table = gr.Dataframe(label="指标", interactive=False, wrap=True, max_height=620, elem_id="pqa-t-table",
                         column_widths=["9%", "7%", "6%", "6%", "16%", "20%", "12%", "24%"])

    def refresh(doc_id: str | None, year_text: str | None, text: str | None):
        qa = get_qa()
        text = _text(text, MAX_SEARCH)
        year_value = int(year_text) if year_text else None
        try:
            records = target_records(qa, doc_id=doc_id or None, year=year_value, text=text)
        except ValueError as exc:
            raise gr.Error(str(exc)) from exc
        csv_path, xlsx_path = _downloads("targets", records, doc_id, year_value)
        return (f"共 {len(records)} 项指标", _target_frame(records),
                gr.update(value=csv_path), gr.update(value=xlsx_path))

    def load():
        qa = get_qa()
        docs = [("全部文件", "")] + [(d.label, d.id) for d in qa.documents]
        years = [("全部年份", "")] + [(f"{y} 年", str(y)) for y in target_years(qa)]
        return (gr.update(choices=docs, value=""), gr.update(choices=years, value=""),
                *refresh("", "", ""))

    outputs = [info, table, csv_btn, xlsx_btn]
    inputs = [doc, year, query]
    gr.on(triggers=None, fn=load, inputs=None, outputs=[doc, year, *outputs])
    gr.on(triggers=[go.click, query.submit, doc.input, year.input], fn=refresh, inputs=inputs, outputs=outputs)


# ---------------------------------------------------------------- 省市对照
def alignment_html(data: dict, text: str = "", gaps_only: bool = False) -> str:
    """Provincial tasks with the city clauses carrying them out, and the 缺口 list; safe HTML.

    Args:
        data: ``app.ui.view_data.alignment_data``.
        text: Keep the tasks whose own or city clauses' breadcrumb or text contains it.
        gaps_only: Show only the tasks without a city counterpart.
    """
    if not data["links"]:
        return '<div class="pqa-empty">没有文件引用上级文件的文号或标题，无法对照。</div>'
    links = "".join(
        f'<div class="pqa-path">{html.escape(link["lower_label"])} 落实 {html.escape(link["higher_label"])}'
        f'（依据：引用 {html.escape(link["cited"])}）</div>' for link in data["links"])

    def hit(task: dict) -> bool:
        blobs = [task["breadcrumb"], task["text"], *(c["breadcrumb"] + c["text"] for c in task["cities"])]
        return not text or any(text in b for b in blobs)

    tasks = [t for t in data["tasks"] if hit(t) and (t["gap"] or not gaps_only)]
    gaps = [t for t in data["tasks"] if t["gap"]]
    gap_list = "".join(f'<li>{html.escape(t["breadcrumb"])}</li>' for t in gaps) or "<li>无</li>"
    cards = []
    for task in tasks:
        leads = "".join(f'<span class="pqa-badge pqa-lead">牵头 {html.escape(n)}</span>' for n in task["lead"])
        if task["cities"]:
            body = "".join(
                f'<div class="pqa-city"><span class="pqa-score">{c["score"]:.2f}</span>'
                f'<b>{html.escape(c["breadcrumb"])}</b>'
                f'<div class="pqa-reasons">{html.escape("；".join(c["reasons"]))}</div>'
                f'<div class="pqa-text">{html.escape(c["text"])}</div></div>' for c in task["cities"])
        else:
            body = '<div class="pqa-city"><span class="pqa-gaptag">缺口</span> 市级文件中没有找到对应条款</div>'
        cards.append(
            f'<div class="pqa-task{" pqa-gap" if task["gap"] else ""}" data-clause="{html.escape(task["clause_id"], quote=True)}">'
            f'<div class="pqa-head"><b>{html.escape(task["breadcrumb"])}</b></div>'
            f'<div class="pqa-badges">{leads}</div>'
            f'<div class="pqa-text">{html.escape(task["text"])}</div>{body}</div>'
        )
    covered = len(data["tasks"]) - len(gaps)
    summary = (f'<div class="pqa-dochead">省级任务 {len(data["tasks"])} 项：已有市级对应 {covered} 项，'
               f'缺口 {len(gaps)} 项（阈值 {data["threshold"]:.2f}）</div>')
    listing = "".join(cards) or '<div class="pqa-empty">没有符合条件的任务。</div>'
    return (f'{summary}{links}<details class="pqa-gaps" open><summary><b>缺口（{len(gaps)}）</b>：'
            f'没有市级对应条款的省级任务</summary><ul>{gap_list}</ul></details>'
            f'<div class="pqa-dochead">逐项对照（{len(tasks)}）</div><div class="pqa-list">{listing}</div>')


def alignment_tab(get_qa: QAProvider) -> None:
    """省市对照: for each provincial task the city clauses carrying it out (score, reasons), and gaps."""
    with gr.Row():
        query = gr.Textbox(label="搜索任务", placeholder="如：充电、零部件、出口", scale=5, max_lines=1,
                           elem_id="pqa-a-query")
        gaps_only = gr.Checkbox(label="只看缺口", value=False, scale=1, elem_id="pqa-a-gaps")
        go = gr.Button("筛选", variant="primary", scale=1, elem_id="pqa-a-go")
    view = gr.HTML('<div class="pqa-empty">加载中…</div>', elem_id="pqa-a-view")

    def refresh(text: str | None = "", only_gaps: bool = False) -> str:
        return alignment_html(alignment_data(get_qa()), _text(text, MAX_SEARCH), bool(only_gaps))

    gr.on(triggers=None, fn=refresh, inputs=None, outputs=view)
    gr.on(triggers=[go.click, query.submit, gaps_only.input], fn=refresh, inputs=[query, gaps_only], outputs=view)


VIEW_TABS: tuple[tuple[str, Callable[[QAProvider], None]], ...] = (
    ("部门职责", departments_tab),
    ("指标", targets_tab),
    ("省市对照", alignment_tab),
)
