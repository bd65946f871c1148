"""The Import page in a real browser (issue 11): a sheet two kinds could claim is asked about, naming
both kinds and their columns, with the mapping box open; an unknown unit type lists the labels one
may write, never internal codes. Screenshots at 1920×1080 and 1366×768 go to ``screenshots/``."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from tests import browser
from tests.conftest import TEST_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not browser.available(), reason="needs Debian chromium and the playwright package"),
]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


AMBIGUOUS = _xlsx(
    {
        "Hai loai": [
            [
                "Họ và tên",
                "Đơn vị",
                "Tên khóa học",
                "Ngày bắt đầu",
                "Hình thức tinh giản",
                "Thời điểm tinh giản",
                "Số quyết định",
                "Lĩnh vực",
                "Số học viên",
                "Kinh phí",
            ],
            [
                "Nguyễn Văn A",
                "Sở Nội vụ",
                "Bồi dưỡng QLNN",
                "01/09/2025",
                "Thôi việc",
                "01/10/2025",
                "12/QĐ-UBND",
                "Kinh tế",
                "1",
                "10.000.000",
            ],
        ]
    }
)
UNIT_TYPES = _xlsx(
    {
        "Danh mục đơn vị": [
            ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị"],
            ["TEST1", "Sở Thử nghiệm", "Cơ quan chuyên môn"],
            ["TEST2", "Hội Thử nghiệm", "Hội đoàn thể"],
        ]
    }
)


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    with browser.browser() as b:
        yield b


@pytest.fixture(scope="module")
def app_url(demo_db_path: Path, tmp_path_factory: pytest.TempPathFactory, chromium) -> Iterator[str]:
    copy = tmp_path_factory.mktemp("import_browser") / "demo.duckdb"
    copy.write_bytes(demo_db_path.read_bytes())
    with browser.streamlit_server(copy) as url:
        page = chromium.new_page()
        page.goto(url)
        browser.wait_until_idle(page)
        page.close()
        yield url


@pytest.mark.parametrize("size", browser.VIEWPORTS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_import_page_asks_and_lists_labels(size: tuple[int, int], app_url: str, chromium) -> None:
    width, height = size
    page = chromium.new_page(viewport={"width": width, "height": height})
    try:
        browser.open_signed_in(page, f"{app_url}/nhap-du-lieu", "quantri", TEST_PASSWORD)
        page.locator('input[type="file"]').set_input_files(
            [
                {"name": "hai_loai.xlsx", "mimeType": XLSX, "buffer": AMBIGUOUS},
                {"name": "don_vi.xlsx", "mimeType": XLSX, "buffer": UNIT_TYPES},
            ]
        )
        browser.wait_until_idle(page)
        page.get_by_role("button", name="Kiểm tra").first.click()
        browser.wait_until_idle(page)
        # The problem tables are canvas grids: their text is in the page's accessible cells.
        page.get_by_text("không chắc trang tính là").first.wait_for(state="attached", timeout=60_000)
        body = page.content()
        assert page.locator('[data-testid="stException"]').count() == 0
        assert "tinh giản biên chế" in body and "đào tạo, bồi dưỡng" in body
        assert "Ghép cột thủ công" in body  # the mapping box is offered for that sheet
        assert "Hội đoàn thể" in body and "Sở, ngành" in body and "UBND xã, phường" in body
        import re

        for internal in ("so_nganh", "ubnd_xa", "huyen_cu", "dvsnc", "reduction_case"):
            found = [body[max(0, m.start() - 200) : m.end() + 50] for m in re.finditer(internal, body)]
            assert not found, found[:2]
        browser.SCREENSHOTS.mkdir(exist_ok=True)
        browser.full_screenshot(page, browser.SCREENSHOTS / f"import_ambiguous_{width}x{height}_full.png")
    finally:
        page.close()


def test_the_template_is_built_when_its_button_is_clicked_and_downloads(app_url: str, chromium) -> None:
    """The template is built when its button is clicked (the page hands Streamlit a function, not the
    bytes): the click gives the workbook of the kind picked."""
    page = chromium.new_page(viewport={"width": 1366, "height": 768})
    try:
        browser.open_signed_in(page, f"{app_url}/nhap-du-lieu", "quantri", TEST_PASSWORD)
        page.get_by_text("Tải mẫu biểu").first.click()
        browser.wait_until_idle(page)
        with page.expect_download(timeout=60_000) as download:
            page.get_by_text("Tải mẫu Excel").click()
        path = download.value.path()
        assert download.value.suggested_filename.startswith("mau-") and path is not None
        workbook = openpyxl.load_workbook(io.BytesIO(Path(path).read_bytes()))  # the saved file has no extension
        assert len(workbook.sheetnames) >= 1 and workbook.active is not None and workbook.active.max_column > 1
    finally:
        page.close()
