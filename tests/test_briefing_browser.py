"""Real browser (Debian's Chromium via Playwright): the briefing at 1920×1080 with ?mode=briefing shows
slide 1 without sidebar or header, → goes to slide 2 (and the URL keeps it), ←, Space and number keys,
?auto=3 moves on by itself, the dark theme draws. Screenshots: screenshots/briefing_*.png."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from analytics import briefing, db
from tests import browser
from tests.conftest import ACCOUNTS, TEST_PASSWORD
from ui.briefing import slides as sl
from ui.labels import t

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not browser.available(), reason="needs Debian chromium and the playwright package"),
]
AS_OF = "2026-09-30"


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with browser.browser() as b:
        yield b


@pytest.fixture(scope="module")
def titles(demo_db_path: Path) -> list[str]:
    from datetime import date

    con = db.connect(demo_db_path)
    try:
        return [s.title for s in sl.build(briefing.deck(con, as_of=date.fromisoformat(AS_OF)), "vi")]
    finally:
        con.close()


@pytest.fixture(scope="module")
def app_url(demo_db_path: Path, tmp_path_factory: pytest.TempPathFactory, chromium: Any) -> Iterator[str]:
    copy = tmp_path_factory.mktemp("brief_browser") / "demo.duckdb"
    copy.write_bytes(demo_db_path.read_bytes())
    with browser.streamlit_server(copy) as url:
        page = chromium.new_page()  # warm-up: the first run teaches Streamlit its pages
        page.goto(url)
        browser.wait_until_idle(page)
        page.close()
        yield url


def _open(chromium: Any, url: str, query: str, size: tuple[int, int] = (1920, 1080)) -> Any:
    """A tab of ``size`` (1920×1080) on the briefing, signed in as the leader (viewer) account."""
    page = chromium.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(f"{url}/?mode=briefing&as_of={AS_OF}&{query}")
    page.wait_for_selector("input[type=password]", timeout=60_000)
    page.locator("input[type=text]").first.fill(ACCOUNTS["viewer"][0])
    page.locator("input[type=password]").first.fill(TEST_PASSWORD)
    page.get_by_role("button", name=t("auth.login")).click()
    page.wait_for_selector(".brief-topic", timeout=60_000)
    browser.wait_until_idle(page)
    return page


def _title(page: Any) -> str:
    return str(page.locator("h1").first.inner_text()).strip()


def _shot(page: Any, name: str) -> None:
    browser.SCREENSHOTS.mkdir(exist_ok=True)
    page.wait_for_timeout(600)
    page.screenshot(path=str(browser.SCREENSHOTS / f"briefing_{name}.png"))


def _wait_title(page: Any, expected: str, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while _title(page) != expected and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    assert _title(page) == expected


def test_slide_one_full_screen_then_arrow_and_number_keys(app_url: str, chromium: Any, titles: list[str]) -> None:
    page = _open(chromium, app_url, "slide=1")
    try:
        assert _title(page) == titles[0]
        for chrome in ("stSidebar", "stHeader", "stToolbar"):
            loc = page.locator(f'[data-testid="{chrome}"]')
            assert loc.count() == 0 or not loc.first.is_visible(), chrome
        assert page.locator('[data-testid="stException"]').count() == 0
        total, drawn = browser.plotly_state(page)
        assert total == 1 and drawn == 1
        assert page.get_by_text("Số liệu đến ngày 30/09/2026").count() == 1
        _shot(page, "1_1920x1080")
        page.keyboard.press("ArrowRight")
        _wait_title(page, titles[1])
        assert "slide=2" in page.url
        _shot(page, "2_1920x1080")
        page.keyboard.press("4")
        _wait_title(page, titles[3])
        _shot(page, "4_1920x1080")
        page.keyboard.press("ArrowLeft")
        _wait_title(page, titles[2])
        _shot(page, "3_1920x1080")
        page.keyboard.press("Space")  # a presenter's clicker: Space / PageDown go on too
        _wait_title(page, titles[3])
        page.keyboard.press("5")
        _wait_title(page, titles[4])
        _shot(page, "5_1920x1080")
        page.keyboard.press("6")
        _wait_title(page, titles[5])
        _shot(page, "6_1920x1080")
    finally:
        page.close()


def test_auto_advance_moves_on_by_itself(app_url: str, chromium: Any, titles: list[str]) -> None:
    page = _open(chromium, app_url, "slide=2&auto=3")
    try:
        # Logging in takes a few seconds on a busy machine: the deck may already have moved on.
        start = titles.index(_title(page))
        assert start >= 1  # it started at slide 2 and only goes forward
        following = (start + 1) % len(titles)
        _wait_title(page, titles[following], timeout_s=20)  # nobody touched a key
        deadline = time.monotonic() + 5
        while f"slide={following + 1}" not in page.url and time.monotonic() < deadline:
            page.wait_for_timeout(200)
        assert f"slide={following + 1}" in page.url
    finally:
        page.close()


def test_dark_theme_draws(app_url: str, chromium: Any, titles: list[str]) -> None:
    page = _open(chromium, app_url, "slide=4&theme=dark")
    try:
        assert _title(page) == titles[3]
        assert page.locator('[data-testid="stException"]').count() == 0
        _shot(page, "4_dark_1920x1080")
    finally:
        page.close()


def test_4k_screen_with_scale_2(app_url: str, chromium: Any, titles: list[str]) -> None:
    page = _open(chromium, app_url, "slide=3&scale=2")
    try:
        page.set_viewport_size({"width": 3840, "height": 2160})
        page.wait_for_timeout(1500)
        assert _title(page) == titles[2]
        title_px = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")
        assert title_px > 80  # 2.4vw of 3840 px: the title grows with the screen
        _shot(page, "3_3840x2160")
    finally:
        page.close()


def _chart_height(page: Any, expected: int, timeout_s: float = 30) -> int:
    """The slide figure's height once it is ``expected`` px (±2), or what it is at the timeout (0:
    no figure; while the page draws the slide again for a new window size, it has none a moment)."""
    deadline = time.monotonic() + timeout_s
    while True:
        height = int(page.evaluate("() => document.querySelector('.js-plotly-plot')?.clientHeight ?? 0"))
        if abs(height - expected) <= 2 or time.monotonic() > deadline:
            return height
        page.wait_for_timeout(300)


def test_the_slide_fits_a_projector_of_1366x768_and_grows_with_the_window(
    app_url: str, chromium: Any, titles: list[str]
) -> None:
    # 750 px of figure at 1920×1080 left the lower part of the slide and its footer below the edge
    # of a 1366×768 projector: the figure is now drawn at min(1366/1920, 768/1080) = 0,71 of its size.
    page = _open(chromium, app_url, "slide=5", size=(1366, 768))
    try:
        assert _title(page) == titles[4]
        assert _chart_height(page, 532) == 532
        browser.wait_until_idle(page)
        bottom = page.evaluate("() => document.querySelector('.brief-foot').getBoundingClientRect().bottom")
        assert bottom <= 768
        assert page.evaluate("() => document.documentElement.scrollHeight") <= 768
        _shot(page, "5_1366x768")
        page.set_viewport_size({"width": 3840, "height": 2160})  # the window grows: so does the figure
        assert _chart_height(page, 1500) == 1500
        assert _title(page) == titles[4]  # on the same slide
    finally:
        page.close()


# The briefing's buttons on screen (not the hidden ones that only carry a key: Space, PageDown, PageUp).
_NAV_BUTTONS = """[...document.querySelectorAll('.st-key-brief_nav button')]
    .filter(b => !b.closest('.stElementContainer')
                 || getComputedStyle(b.closest('.stElementContainer')).opacity !== '0')"""


def test_the_buttons_keep_their_words_on_a_1024x768_projector(app_url: str, chromium: Any, titles: list[str]) -> None:
    """Columns of fixed shares cut "Trước" / "Tiếp" to "T" and the menu to "Tải về, chốt …" at
    1024 pixels: every button of the row shows its whole label, in one row, inside the window."""
    page = _open(chromium, app_url, "slide=2", size=(1024, 768))
    try:
        assert _title(page) == titles[1]
        cut = page.evaluate(
            "() => "
            + _NAV_BUTTONS
            + """
                .filter(b => {
                    const r = b.getBoundingClientRect(), p = b.querySelector('p');
                    return r.right > window.innerWidth || r.bottom > window.innerHeight
                        || (p && p.scrollWidth > p.clientWidth + 1);
                })
                .map(b => b.innerText)"""
        )
        assert cut == []
        words = page.locator(".st-key-brief_nav button").all_inner_texts()
        assert any(t("brief.prev") in w for w in words) and any(t("brief.next") in w for w in words)
        middles = page.evaluate(
            "() => "
            + _NAV_BUTTONS
            + """
                .map(b => { const r = b.getBoundingClientRect(); return (r.top + r.bottom) / 2; })"""
        )
        assert max(middles) - min(middles) < 8, middles  # one row
        _shot(page, "2_1024x768")
    finally:
        page.close()


def test_pdf_and_png_download_from_the_page(app_url: str, chromium: Any, titles: list[str]) -> None:
    import io
    import re
    import unicodedata

    from PIL import Image
    from pypdf import PdfReader

    page = _open(chromium, app_url, "slide=3")
    try:
        page.get_by_text(t("brief.menu")).click()
        page.wait_for_timeout(800)
        _shot(page, "menu_1920x1080")
        got = {}
        for key in ("brief.download_png", "brief.download_pdf"):
            with page.expect_download(timeout=180_000) as download:
                page.get_by_text(t(key)).click()
            got[key] = Path(download.value.path()).read_bytes()
            page.wait_for_timeout(300)
    finally:
        page.close()
    assert Image.open(io.BytesIO(got["brief.download_png"])).size == (1920, 1080)
    pages = PdfReader(io.BytesIO(got["brief.download_pdf"])).pages
    assert len(pages) == len(titles)

    def norm(s: str) -> str:
        return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s).replace("\u00a0", " ")).strip()

    assert norm(titles[2]) in norm(pages[2].extract_text())
