"""HTML of the officials' tabs (app.ui.views): corpus text is escaped, gaps and scores are shown,
filters keep the right tasks, and the three tabs plug into ``build_ui``. The tabs in a real browser
are covered by tests/test_browser.py."""

from __future__ import annotations

from app.ui.views import VIEW_TABS, alignment_html, department_detail_html

EVIL = '<img src=x onerror="alert(1)">'


def _data(**overrides) -> dict:
    data = {
        "threshold": 0.22,
        "links": [{"lower_label": "临水市方案", "higher_label": "河东省计划", "cited": "东政字〔2024〕12号"}],
        "tasks": [
            {"clause_id": "p:1", "breadcrumb": "1.加快建设充电基础设施", "text": f"建设充电站{EVIL}",
             "lead": ["省能源局"], "gap": False,
             "cities": [{"clause_id": "c:9", "breadcrumb": "（九）充电设施", "text": "建成充电桩2.5万台",
                         "score": 0.3512, "reasons": ["语义相近（余弦 0.9）", f"共同主题词：{EVIL}"]}]},
            {"clause_id": "p:2", "breadcrumb": "2.发展储能", "text": "推动储能示范", "lead": [], "gap": True,
             "cities": []},
        ],
    }
    return {**data, **overrides}


def test_alignment_html_escapes_and_shows_scores_and_gaps():
    out = alignment_html(_data())
    assert "<img" not in out and "&lt;img" in out
    assert "0.35" in out and "（九）充电设施" in out and "牵头 省能源局" in out
    assert "缺口（1）" in out and "2.发展储能" in out and "临水市方案 落实 河东省计划" in out


def test_alignment_html_filters():
    only_gaps = alignment_html(_data(), gaps_only=True)
    assert 'data-clause="p:2"' in only_gaps and 'data-clause="p:1"' not in only_gaps
    by_city_text = alignment_html(_data(), text="2.5万台")  # matches through the city clause
    assert 'data-clause="p:1"' in by_city_text and 'data-clause="p:2"' not in by_city_text
    assert "没有符合条件的任务" in alignment_html(_data(), text="不会出现的词")
    assert "无法对照" in alignment_html(_data(links=[]))


def test_department_detail_html_groups_roles_and_escapes():
    records = [
        {"role": "lead", "clause_id": "p:1", "doc_label": "河东省计划", "breadcrumb": "1.充电", "text": EVIL},
        {"role": "support_inherited", "clause_id": "p:2", "doc_label": "河东省计划", "breadcrumb": "2.储能",
         "text": "推动储能"},
    ]
    out = department_detail_html("省能源局", records)
    assert "<img" not in out and "&lt;img" in out
    assert "2 条" in out and "牵头 1" in out and "参与（下同） 1" in out
    assert "pqa-lead" in out and "pqa-inherited" in out
    assert "没有条款" in department_detail_html("<b>x</b>", []) and "<b>" not in department_detail_html("<b>x</b>", [])


def test_tabs_plug_into_build_ui():
    from app.ui.chat import build_ui

    assert [title for title, _ in VIEW_TABS] == ["部门职责", "指标", "省市对照"]
    demo = build_ui(lambda: None, extra_tabs=VIEW_TABS)
    ids = {getattr(block, "elem_id", None) for block in demo.blocks.values()}
    assert {"pqa-d-table", "pqa-t-table", "pqa-a-view", "pqa-d-csv", "pqa-t-xlsx"} <= ids
