"""The Gradio UI in a real browser (Debian chromium driven by playwright) against ``live_server``:
ask a question, see the answer with citations, open a citation in its document, save a screenshot;
then the officials' tabs 部门职责, 指标 and 省市对照 — search, select, filter, download, screenshot each."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
QUESTION = "哪个部门牵头充电基础设施建设"


@pytest.fixture(scope="module")
def page(live_server: str):
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium (`make browser` installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
        page.set_default_timeout(120_000)
        page.goto(f"{live_server}/")  # the redirect to /ui is part of what is tested
        yield page
        browser.close()


def test_ask_shows_cited_answer_and_opens_a_citation_in_its_document(page):
    assert "/ui" in page.url
    page.locator("#pqa-question textarea").fill(QUESTION)
    page.locator("#pqa-send").click()

    cards = page.locator("#pqa-sources .pqa-cite")
    cards.first.wait_for()
    answer = page.locator("#pqa-chat .message.bot").last.inner_text()
    assert "省能源局" in answer and "市发展改革委" in answer, answer
    assert "[1]" in answer and "参考" in answer
    assert cards.count() >= 2
    first_card = cards.first.inner_text()
    assert "[1]" in first_card and "牵头" in first_card

    cards.nth(1).click()
    focus = page.locator("#pqa-origin .pqa-doc .pqa-focus")
    focus.wait_for()
    # The whole document is shown, the cited clause is marked inside it and scrolled into view.
    doc_text = page.locator("#pqa-origin .pqa-doc").inner_text()
    assert len(doc_text) > 5 * len(focus.inner_text())
    page.wait_for_function(
        """() => { const box = document.querySelector('#pqa-origin .pqa-doc');
                   const el = box && box.querySelector('.pqa-focus');
                   if (!el) return false;
                   const b = box.getBoundingClientRect(), r = el.getBoundingClientRect();
                   return r.top < b.bottom && r.bottom > b.top; }"""
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui.png"), full_page=True)


def test_a_follow_up_in_the_chat_is_read_with_the_question_before(page):
    page.get_by_role("tab", name="问答").click()
    page.locator("button", has_text="清空对话").first.click()
    bots = page.locator("#pqa-chat .message.bot")
    for question, count in (("聊城市充电桩建设由哪个部门牵头？", 1), ("那责任单位有哪些？", 2)):
        page.locator("#pqa-question textarea").fill(question)
        page.locator("#pqa-send").click()
        page.wait_for_function(f"() => document.querySelectorAll('#pqa-chat .message.bot').length >= {count}")
        page.wait_for_function("() => !document.querySelector('#pqa-chat .pending')")
    first, follow = bots.nth(0).inner_text(), bots.nth(1).inner_text()
    assert "市发展改革委" in first, first
    # the responsibility units of the same 聊城 task, not a task of the province plan
    assert "市交通运输局" in follow and "市城管局" in follow, follow
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui_follow_up.png"), full_page=True)


def _choose_region(page, name: str) -> None:
    page.locator("#pqa-region input").click()
    page.get_by_role("option", name=name, exact=True).click()


def test_a_region_chosen_narrows_the_answer(page):
    page.get_by_role("tab", name="问答").click()
    page.locator("button", has_text="清空对话").first.click()
    _choose_region(page, "聊城市")
    page.locator("#pqa-question textarea").fill(QUESTION)
    page.locator("#pqa-send").click()
    page.wait_for_function("() => document.querySelectorAll('#pqa-chat .message.bot').length >= 1")
    page.wait_for_function("() => !document.querySelector('#pqa-chat .pending')")
    answer = page.locator("#pqa-chat .message.bot").last.inner_text()
    assert "市发展改革委" in answer and "省能源局" not in answer, answer
    _choose_region(page, "全部")


def test_example_chip_and_search_tab(page):
    page.locator("#pqa-examples button", has_text="省公安厅参与哪些任务").click()
    page.locator("#pqa-chat").get_by_text("省公安厅参与哪些任务").last.wait_for()

    page.get_by_role("tab", name="检索测试").click()
    page.locator("#pqa-s-query textarea").fill("充电基础设施")
    page.locator("#pqa-s-go").click()
    table = page.locator("#pqa-s-table")
    table.get_by_text("BM25").first.wait_for()
    assert "向量" in table.inner_text()


# ---------------------------------------------------------------- officials' views
def _open_tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()


def _cell(table, text: str):
    """A shown cell of a Gradio 6 table (a virtual grid of role=gridcell elements, plus hidden copies)."""
    return table.locator("[role=gridcell]:visible", has_text=text).first


def _download(page, selector: str):
    with page.expect_download() as info:
        page.locator(selector).click()
    return info.value


def test_departments_tab_search_select_and_export(page):
    _open_tab(page, "部门职责")
    table = page.locator("#pqa-d-table")
    _cell(table, "省工业和信息化厅").wait_for()
    assert "牵头" in table.inner_text() and "下同" in table.inner_text()

    page.locator("#pqa-d-query textarea, #pqa-d-query input").first.fill("省工信厅")
    page.locator("#pqa-d-go").click()
    page.locator("#pqa-d-info").get_by_text("共 1 个部门").wait_for()
    _cell(table, "省工业和信息化厅").click()
    detail = page.locator("#pqa-d-detail")
    detail.locator(".pqa-task").first.wait_for()
    assert "省工业和信息化厅" in detail.inner_text() and "牵头" in detail.inner_text()
    assert detail.locator(".pqa-task").count() >= 10

    download = _download(page, "#pqa-d-csv")
    assert download.suggested_filename.endswith(".csv")
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_bytes().decode("utf-8-sig"))))
    assert [row[0] for row in rows] == ["name", "省工业和信息化厅"]  # the searched rows, not the whole matrix
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "tab_departments.png"), full_page=True)


def test_targets_tab_lists_and_filters_targets(page):
    _open_tab(page, "指标")
    table = page.locator("#pqa-t-table")
    _cell(table, "5000亿元").wait_for()  # the provincial plan's headline target, near the top

    # Only the city plan's targets: the provincial ones go, the city's 2.5万台 charging piles show.
    page.locator("#pqa-t-doc input").click()
    page.get_by_role("option", name="聊城市实施方案", exact=False).click()
    _cell(table, "2.5万台").wait_for()
    assert "5000亿元" not in table.inner_text()

    page.locator("#pqa-t-query textarea, #pqa-t-query input").first.fill("充电")
    page.locator("#pqa-t-go").click()
    page.wait_for_function("() => !document.querySelector('#pqa-t-table').innerText.includes('4000辆')")
    assert "2.5万台" in table.inner_text() and "市发展改革委" in table.inner_text()
    assert "共 1 项指标" in page.locator("#pqa-t-info").inner_text()

    download = _download(page, "#pqa-t-xlsx")
    assert download.suggested_filename.endswith(".xlsx")
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(Path(download.path()).read_bytes()), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    assert any("2.5万台" in row for row in rows[1:])
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "tab_targets.png"), full_page=True)


def test_alignment_tab_shows_city_clauses_and_gaps(page):
    _open_tab(page, "省市对照")
    view = page.locator("#pqa-a-view")
    view.get_by_text("加快建设充电基础设施").first.wait_for()
    text = view.inner_text()
    assert "缺口" in text and "落实" in text
    charging = view.locator(".pqa-task", has_text="加快建设充电基础设施").first
    assert charging.locator(".pqa-city .pqa-score").count() >= 1

    page.locator("#pqa-a-gaps input").check()
    page.wait_for_function("() => document.querySelectorAll('#pqa-a-view .pqa-task:not(.pqa-gap)').length === 0")
    assert view.locator(".pqa-task.pqa-gap").count() >= 1
    page.locator("#pqa-a-gaps input").uncheck()
    view.locator(".pqa-task:not(.pqa-gap)").first.wait_for()

    page.locator("#pqa-a-query textarea, #pqa-a-query input").first.fill("充电")
    page.locator("#pqa-a-go").click()
    page.wait_for_function("() => document.querySelectorAll('#pqa-a-view .pqa-task').length < 10")
    assert all("充电" in t for t in view.locator(".pqa-task").all_inner_texts())
    charging = view.locator(".pqa-task", has_text="加快建设充电基础设施").first
    assert charging.locator(".pqa-reasons").count() >= 1 and "充电基础设施" in charging.locator(".pqa-city").first.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "tab_alignment.png"), full_page=True)
