"""app.ui.admin, the 文件管理 tab: its helpers, and the tab in a real browser (Debian chromium via
playwright) against a ``policyqa serve`` of its own with an admin token — a wrong token changes
nothing, an upload adds a document and a removal takes it out, each swapping the served index."""

from __future__ import annotations

from pathlib import Path

import pytest
from serve_util import running_server, workspace
from test_ingest import NOTICE

from app.ui.admin import NO_TOKEN, standing, token_problem
from rag.model import Document

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
TOKEN = "ui-admin-token"


def test_standing_in_words():
    assert standing(Document(id="a", title="t")) == "现行"
    assert standing(Document(id="a", title="t", expires="2999-12-31")) == "现行（有效期至 2999-12-31）"
    assert standing(Document(id="a", title="t", expires="2001-01-01")) == "已到期（2001-01-01）"
    assert standing(Document(id="a", title="t", status="repealed", superseded_by="b")) == "已废止（由 b 取代）"
    assert standing(Document(id="a", title="t", superseded_by="b")) == "已被 b 取代"


def test_token_problem():
    assert token_problem("x", None) == NO_TOKEN
    assert token_problem(None, TOKEN) == token_problem("wrong", TOKEN) == "管理令牌不正确。"
    assert token_problem(f" {TOKEN} ", TOKEN) is None


@pytest.fixture(scope="module")
def admin_page(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium (`make browser` installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    root = tmp_path_factory.mktemp("ui_admin")
    corpus_dir, index_dir = workspace(root)
    upload = root / "城市充电方案.txt"
    upload.write_text("\n".join(NOTICE), encoding="utf-8")
    with running_server(corpus_dir, index_dir, root / "server.log", admin_token=TOKEN) as url:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM),
                                        args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"])
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
            page.set_default_timeout(120_000)
            page.goto(f"{url}/ui/")
            page.get_by_role("tab", name="文件管理").click()
            yield page, corpus_dir, upload
            browser.close()


@pytest.mark.slow
def test_admin_tab_lists_uploads_and_removes(admin_page):
    page, corpus_dir, upload = admin_page
    table = page.locator("#pqa-admin-table")
    table.get_by_text("shandong-nev-2023").wait_for()
    assert "liaocheng-nev-2024" in table.inner_text() and "现行" in table.inner_text()
    message = page.locator("#pqa-admin-message")

    page.locator("#pqa-admin-files input[type=file]").set_input_files(str(upload))
    page.locator("#pqa-admin-token input").fill("wrong")
    page.locator("#pqa-admin-upload").click()
    message.get_by_text("管理令牌不正确").wait_for()
    assert "城市充电方案" not in (corpus_dir / "documents.toml").read_text(encoding="utf-8")

    page.locator("#pqa-admin-token input").fill(TOKEN)
    page.locator("#pqa-admin-upload").click()
    message.get_by_text("已添加").wait_for()
    added = [line for line in (corpus_dir / "documents.toml").read_text(encoding="utf-8").splitlines()
             if line.startswith("id = ")][-1].split('"')[1]
    table.get_by_text(added).wait_for()
    assert "新嵌入" in message.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui_admin.png"), full_page=True)

    page.locator("#pqa-admin-pick input").click()
    page.get_by_role("option", name=added).first.click()
    page.locator("#pqa-admin-remove").click()
    message.get_by_text(f"已删除 {added}").wait_for()
    assert added not in (corpus_dir / "documents.toml").read_text(encoding="utf-8")
    page.wait_for_function(f"() => !document.querySelector('#pqa-admin-table').innerText.includes('{added}')")
