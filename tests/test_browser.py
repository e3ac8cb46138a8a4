"""The Gradio UI in a real browser (Debian chromium driven by playwright) against ``live_server``:
ask a question, see the answer with citations, open a citation in its document, save a screenshot."""

from __future__ import annotations

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


def test_example_chip_and_search_tab(page):
    page.locator("#pqa-examples button", has_text="省公安厅参与哪些任务").click()
    page.locator("#pqa-chat").get_by_text("省公安厅参与哪些任务").last.wait_for()

    page.get_by_role("tab", name="检索测试").click()
    page.locator("#pqa-s-query textarea").fill("充电基础设施")
    page.locator("#pqa-s-go").click()
    table = page.locator("#pqa-s-table")
    table.get_by_text("BM25").first.wait_for()
    assert "向量" in table.inner_text()
