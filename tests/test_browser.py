"""Real browser (Debian's Chromium via Playwright): every page at 1920×1080 and 1366×768 draws its
charts with no exception box; screenshots go to ``screenshots/`` (see README) for people to look at."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import browser
from tests.conftest import TEST_PASSWORD
from ui.nav import PAGES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not browser.available(), reason="needs Debian chromium and the playwright package"),
]


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    with browser.browser() as b:
        yield b


@pytest.fixture(scope="module")
def served_db(demo_db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    # The server gets its own copy: it holds the file open while other tests read the original.
    copy = tmp_path_factory.mktemp("browser") / "demo.duckdb"
    copy.write_bytes(demo_db_path.read_bytes())
    return copy


@pytest.fixture(scope="module")
def app_url(served_db: Path, chromium) -> Iterator[str]:
    with browser.streamlit_server(served_db) as url:
        # Streamlit learns the page list from the first script run after it starts; a deep link
        # opened before that shows "Page not found" once. Open the main page first, as a warm-up.
        page = chromium.new_page()
        page.goto(url)
        browser.wait_until_idle(page)
        page.close()
        yield url


CHROME_PAGES = [p for p in PAGES if p.chrome]  # the full-screen briefing has its own browser test


@pytest.mark.parametrize("size", browser.VIEWPORTS, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("spec", CHROME_PAGES, ids=[p.page_id for p in CHROME_PAGES])
def test_page_draws_without_errors(spec, size: tuple[int, int], app_url: str, chromium) -> None:
    width, height = size
    page = chromium.new_page(viewport={"width": width, "height": height})
    try:
        path = "" if spec.default else spec.url_path
        browser.open_signed_in(page, f"{app_url}/{path}?as_of=2026-09-30", "quantri", TEST_PASSWORD)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.get_by_text("Page not found").count() == 0
        total, drawn = browser.plotly_state(page)
        assert drawn == total, f"{total - drawn} of {total} charts did not draw"
        browser.SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(browser.SCREENSHOTS / f"{spec.url_path}_{width}x{height}.png"))
        browser.full_screenshot(page, browser.SCREENSHOTS / f"{spec.url_path}_{width}x{height}_full.png")
    finally:
        page.close()


@pytest.mark.parametrize("size", browser.VIEWPORTS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reorganisation_page_of_the_old_city_mid_2024(size: tuple[int, int], app_url: str, chromium) -> None:
    """The report's state (old Cần Thơ, 30/6/2024), where the page opens without a unit or date in
    its URL: says so, cards, 4 charts drawn, the decision trail."""
    width, height = size
    page = chromium.new_page(viewport={"width": width, "height": height})
    try:
        browser.open_signed_in(page, f"{app_url}/sap-xep-to-chuc", "quantri", TEST_PASSWORD)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.get_by_text("phạm vi và ngày của báo cáo").count() == 1
        assert page.get_by_text("14/19").count() >= 1
        page.locator(".js-plotly-plot").nth(3).wait_for(timeout=60_000)  # the cards come before the charts
        browser.wait_until_idle(page)
        total, drawn = browser.plotly_state(page)
        assert total == 4 and drawn == total
        browser.SCREENSHOTS.mkdir(exist_ok=True)
        browser.full_screenshot(page, browser.SCREENSHOTS / f"sap-xep-to-chuc_can-tho-2024_{width}x{height}_full.png")
    finally:
        page.close()


def test_a_chart_table_downloads_on_one_click_and_leaves_its_audit_row(app_url: str, served_db: Path, chromium) -> None:
    """The Excel file under a chart's "Số liệu" tab arrives on the first click, without a rerun of
    the page (a rerun that ended before the browser asked for the file used to make the click give
    nothing), and the download is in the audit log with its file name and row count."""
    import io
    import json
    import sqlite3

    import openpyxl

    from analytics import events

    page = chromium.new_page(viewport={"width": 1366, "height": 768})
    try:
        browser.open_signed_in(page, f"{app_url}/tinh-gian?as_of=2026-09-30", "quantri", TEST_PASSWORD)
        page.get_by_role("tab", name="Số liệu").first.click()
        with page.expect_download(timeout=60_000) as download:
            page.get_by_text("Tải Excel").first.click()
        name = download.value.suggested_filename
        path = download.value.path()
        assert name.endswith(".xlsx") and path is not None
        sheet = openpyxl.load_workbook(io.BytesIO(Path(path).read_bytes())).active
        assert sheet is not None and sheet.max_row > 1
    finally:
        page.close()
    with sqlite3.connect(events.path_for(served_db)) as ev:
        rows = ev.execute("SELECT username, detail FROM audit_log WHERE event = 'download' AND target = ?", (name,))
        found = rows.fetchall()
    assert [(user, json.loads(detail)["rows"]) for user, detail in found] == [("quantri", sheet.max_row - 1)]
