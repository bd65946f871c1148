"""The reporting-cycle pages (AppTest): an admin opens a period, a unit's account sends a file with an
error then the fixed one and sees only itself, a viewer follows the tracker and the reminder text,
an analyst reviews and publishes; unit accounts never reach the import or the review."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics import db, reporting
from tests.conftest import add_accounts, audit_db, insert, sign_in
from ui.nav import ROOT

PERIOD = "2025-Q3"  # in the past: units that sent nothing are missing, whatever today is
HEAD = "Mã đơn vị,Năm,Loại cán bộ,Biên chế được giao\n"
BAD = HEAD + "SNV,2025,Công chức,390\nSTP,2025,Công chức,1\n"
GOOD = HEAD + "SNV,2025,Công chức,390\nSNV,2026,Công chức,380\n"


@pytest.fixture
def city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "city.duckdb"
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
    insert(con, "quota", [{"unit_code": "SNV", "year": 2025, "category": "cong_chuc", "quota_assigned": 400}])
    add_accounts(con)
    con.close()
    monkeypatch.setenv("OVERSIGHT_DB", str(path))
    return path


def _open(who: str, file: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    sign_in(at, who)
    at.switch_page(file)
    return at.run()


def _period(path: Path) -> None:
    con = db.connect(path)
    try:
        reporting.save_period(
            con, kind="quarter", year=2025, number=3, due={"quota": date(2025, 10, 10)}, user="quantri"
        )
    finally:
        con.close()


def _send(at: AppTest, name: str, text: str) -> AppTest:
    at.file_uploader(key="sub_file").set_value((name, text.encode(), "text/csv"))
    at.run()
    at.button(key="sub_send").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_admin_opens_a_period_on_the_tracker(city: Path) -> None:
    at = _open("admin", "pages/tracker.py")
    assert "Chưa có kỳ báo cáo" in at.info[0].value
    at.selectbox(key="rep_period_kind").set_value("quarter")
    at.number_input(key="rep_period_year").set_value(2025)
    at.number_input(key="rep_period_number").set_value(3)
    at.date_input(key="rep_due_quota").set_value(date(2025, 10, 10))
    next(b for b in at.button if b.label == "Lưu kỳ báo cáo").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Đã lưu kỳ báo cáo Quý 3/2025" in at.success[0].value
    assert [str(m.value) for m in at.metric] == ["0", "0", "0", "0", "3", "0"]  # sent … missing, not due
    assert "Kính gửi: Sở Nội vụ" in at.code[0].value and "chưa nhận được báo cáo" in at.code[0].value


def test_one_period_through_the_pages(city: Path) -> None:
    _period(city)
    unit = _open("scoped", "pages/submit.py")
    assert not unit.exception, [e.message for e in unit.exception]
    assert unit.selectbox(key="sub_unit").options == ["Sở Nội vụ"]  # its own unit, nothing else
    assert "Chưa gửi" in unit.info[0].value
    _send(unit, "snv.csv", BAD)
    assert "có lỗi" in unit.error[0].value
    problems = unit.dataframe[-1].value
    first = problems.iloc[0]  # errors first, then warnings ("thay thế 1 dòng …")
    assert (first["Mức"], first["Dòng"]) == ("Lỗi", "3") and "thuộc đơn vị STP" in first["Nội dung"]
    _send(unit, "snv-sua.csv", GOOD)
    assert "chờ Sở Nội vụ duyệt" in unit.success[0].value

    viewer = _open("viewer", "pages/tracker.py")
    assert not viewer.exception
    table = viewer.dataframe[0].value.set_index("Đơn vị")
    assert table.at["Sở Nội vụ", "Tình trạng"] == "◷ Gửi trễ hạn" and table.at["Sở Nội vụ", "Duyệt"] == "Chờ duyệt"
    assert table.at["Sở Nội vụ", "Người gửi"] == "chuyenvien.snv"
    assert table.at["Xã Thới Lai", "Tình trạng"] == "■ Chưa gửi"
    missing = viewer.dataframe[1].value
    assert set(missing["Đơn vị"]) == {"Sở Tư pháp", "Xã Thới Lai"}
    assert viewer.code[0].value.startswith("Kính gửi: Sở Tư pháp")
    letters = viewer.get("download_button")[-1]
    assert letters.proto.label == "Tải nội dung nhắc của cả 2 đơn vị (.txt)"

    analyst = _open("analyst", "pages/review.py")
    assert not analyst.exception, [e.message for e in analyst.exception]
    assert [str(m.value) for m in analyst.metric] == ["1", "0", "1", "0"]  # added, removed, changed, unchanged
    totals = analyst.dataframe[1].value.set_index("Chỉ tiêu")
    assert list(totals.loc["Biên chế được giao", ["Trước", "Sau", "Thay đổi"]]) == ["400", "770", "370"]
    analyst.button(key="rev_publish").click().run()
    assert not analyst.exception and "Đã công bố báo cáo" in analyst.success[0].value
    from ui import data

    con = data.connection()
    assert con.execute("SELECT quota_assigned FROM quota WHERE unit_code = 'SNV' AND year = 2025").fetchone() == (390,)
    events = [
        r[0]
        for r in audit_db(con)
        .execute(
            "SELECT event FROM audit_log WHERE event LIKE 'submission%' OR event = 'period_change' ORDER BY event_id"
        )
        .fetchall()
    ]
    assert events == ["period_change", "submission", "submission", "submission_published"]
    after = _open("viewer", "pages/tracker.py").dataframe[0].value.set_index("Đơn vị")
    assert after.at["Sở Nội vụ", "Duyệt"] == "Đã duyệt, công bố"
    log = _open("admin", "pages/audit_log.py").dataframe[0].value
    steps = log[log["Sự kiện"].str.startswith("submission") | (log["Sự kiện"] == "period_change")]
    assert list(steps["Sự kiện"])[::-1] == events and set(steps["Người dùng"]) == {
        "quantri",
        "chuyenvien.snv",
        "chuyenvien",
    }


def test_a_returned_report_shows_its_reason_to_the_unit(city: Path) -> None:
    _period(city)
    _send(_open("scoped", "pages/submit.py"), "snv.csv", GOOD)
    analyst = _open("analyst", "pages/review.py")
    analyst.text_area(key="rev_reason").input("Thiếu số liệu viên chức")
    next(b for b in analyst.button if b.label == "Trả lại").click().run()
    assert not analyst.exception and "Đã trả lại" in analyst.success[0].value
    unit = _open("scoped", "pages/submit.py")
    assert "Bị trả lại" in unit.info[0].value
    assert "Thiếu số liệu viên chức" in unit.warning[0].value


@pytest.mark.parametrize("file", ["pages/review.py", "pages/import_data.py"])
def test_unit_accounts_never_reach_import_or_review(city: Path, file: str) -> None:
    at = _open("scoped", file)
    assert any("không có quyền" in e.value for e in at.error) and not at.title


def test_the_tracker_in_english(city: Path) -> None:
    _period(city)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    sign_in(at, "viewer")
    at.query_params["lang"] = "en"
    at.switch_page("pages/tracker.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == "Reports from agencies and communes"
    table = at.dataframe[0].value.set_index("Unit")
    assert table.at["Xã Thới Lai", "Status"] == "■ Missing" and table.at["Xã Thới Lai", "Due"] == "10/10/2025"
    assert at.code[0].value.startswith("To: ")


def test_with_review_off_a_good_file_goes_straight_in(city: Path) -> None:
    from analytics.policy import save_setting

    _period(city)
    con = db.connect(city)
    try:
        save_setting(con, "reporting_review_required", False, user="quantri")
    finally:
        con.close()
    unit = _send(_open("scoped", "pages/submit.py"), "snv.csv", GOOD)
    assert "Đã gửi và đưa vào hệ thống" in unit.success[0].value
    review = _open("analyst", "pages/review.py")
    assert (
        "Chế độ duyệt đang tắt" in review.caption[0].value and "Không có báo cáo nào chờ duyệt" in review.info[0].value
    )
