"""The reporting-cycle pages in a real browser (Debian's Chromium) at 1920×1080 and 1366×768: a unit's
account sends a file through the upload box and sees its status, a viewer's tracker and reminder text,
an analyst's review with the publish button on screen; no exception box; screenshots in screenshots/."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from analytics import db, reporting, submissions
from analytics.auth import User
from tests import browser
from tests.conftest import TEST_PASSWORD, add_accounts, insert

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not browser.available(), reason="needs Debian chromium and the playwright package"),
]
HEAD = "Mã đơn vị,Năm,Loại cán bộ,Biên chế được giao\n"


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    with browser.browser() as b:
        yield b


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory, chromium) -> Iterator[str]:
    """A city of two agencies and a commune in period 2025-Q3: STP sent a file with an error and then a
    good one (waiting for review), SNV and the commune nothing yet."""
    path = tmp_path_factory.mktemp("reporting") / "city.duckdb"
    con = db.connect(path)
    insert(
        con,
        "unit",
        [
            {
                "unit_code": "CT",
                "name": "Thành phố Cần Thơ",
                "unit_type": "thanh_pho",
                "level": "city",
                "parent_code": None,
            },
            {"unit_code": "SNV", "name": "Sở Nội vụ", "unit_type": "so_nganh", "level": "city", "parent_code": "CT"},
            {"unit_code": "STP", "name": "Sở Tư pháp", "unit_type": "so_nganh", "level": "city", "parent_code": "CT"},
            {
                "unit_code": "XA1",
                "name": "Xã Thới Lai",
                "unit_type": "ubnd_xa",
                "level": "commune",
                "parent_code": "CT",
            },
        ],
    )
    insert(con, "quota", [{"unit_code": "STP", "year": 2025, "category": "cong_chuc", "quota_assigned": 100}])
    add_accounts(con)
    reporting.save_period(con, kind="quarter", year=2025, number=3, due={"quota": date(2025, 10, 10)}, user="quantri")
    stp = User("quantri", None, "admin", None)
    for text, at in (
        (HEAD + "STP,2025,Công chức,abc\n", datetime(2025, 10, 8)),
        (HEAD + "STP,2025,Công chức,95\nSTP,2026,Công chức,90\n", datetime(2025, 10, 9)),
    ):
        submissions.submit(
            con,
            period_id="2025-Q3",
            unit_code="STP",
            data_kind="quota",
            file_name="stp.csv",
            content=text.encode(),
            user=stp,
            at=at,
        )
    con.close()
    with browser.streamlit_server(path) as url:
        page = chromium.new_page()
        page.goto(url)
        browser.wait_until_idle(page)
        page.close()
        yield url


def _shot(page, name: str, size: tuple[int, int]) -> None:
    browser.SCREENSHOTS.mkdir(exist_ok=True)
    browser.full_screenshot(page, browser.SCREENSHOTS / f"chu-ky-bao-cao_{name}_{size[0]}x{size[1]}_full.png")


@pytest.mark.parametrize("size", browser.VIEWPORTS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_tracker_review_and_sending(size: tuple[int, int], app_url: str, chromium, tmp_path: Path) -> None:
    page = chromium.new_page(viewport={"width": size[0], "height": size[1]})
    try:
        browser.open_signed_in(page, f"{app_url}/theo-doi-bao-cao", "lanhdao", TEST_PASSWORD)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.get_by_text("Quý 3/2025").count() >= 1
        assert page.locator('[data-testid="stDataFrame"]').count() == 2  # every unit; units to chase
        # the first unit to chase (Sở Nội vụ until it sends, in the first viewport's run)
        assert page.locator('[data-testid="stCode"]').first.inner_text().startswith("Kính gửi: ")
        _shot(page, "theo-doi-bao-cao", size)
    finally:
        page.close()

    page = chromium.new_page(viewport={"width": size[0], "height": size[1]})
    try:
        browser.open_signed_in(page, f"{app_url}/duyet-bao-cao", "chuyenvien", TEST_PASSWORD)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.get_by_text("Dòng thay đổi").count() == 1 and page.get_by_text("Dòng thêm mới").count() == 1
        publish = page.get_by_role("button", name="Công bố")
        publish.scroll_into_view_if_needed()
        assert publish.is_visible() and publish.is_enabled()
        _shot(page, "duyet-bao-cao", size)
    finally:
        page.close()

    page = chromium.new_page(viewport={"width": size[0], "height": size[1]})
    try:
        browser.open_signed_in(page, f"{app_url}/nop-bao-cao", "chuyenvien.snv", TEST_PASSWORD)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.get_by_text("Tình trạng: ").count() == 1  # "■ Chưa gửi" until the first viewport's run sends
        upload = tmp_path / "snv.csv"
        upload.write_text(HEAD + "SNV,2025,Công chức,40\n", encoding="utf-8")
        page.locator('input[type="file"]').set_input_files(str(upload))
        browser.wait_until_idle(page)
        page.get_by_role("button", name="Gửi báo cáo").click()
        page.get_by_text("chờ Sở Nội vụ duyệt").first.wait_for(timeout=60_000)
        browser.wait_until_idle(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        _shot(page, "nop-bao-cao", size)
    finally:
        page.close()
