"""Import page (AppTest): a good upload loads after confirmation, a bad one lists every bad row and
stores nothing, and a loaded batch can be undone."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics import db
from tests.conftest import add_accounts, audit_db, sign_in
from ui.nav import ROOT

GOOD = "Mã đơn vị,Năm,Đối tượng,Biên chế được giao\nSNV,2021,Công chức,50\nSNV,2024,Công chức,48\nXA001,2021,Công chức,20\n"
BAD = (
    "Mã đơn vị,Năm,Đối tượng,Biên chế được giao\nSNV,2021,Công chức,-5\nXYZ,2021,Công chức,20\nSNV,2024,Công chức,abc\n"
)


@pytest.fixture
def units_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "units.duckdb"
    con = db.connect(path)
    con.execute("INSERT INTO import_batch (kind, created_by) VALUES ('cli', 'setup')")
    con.execute(
        "INSERT INTO unit (unit_code, name, unit_type, level, batch_id) VALUES "
        "('SNV', 'Sở Nội vụ', 'so_nganh', 'city', 1), ('XA001', 'Phường Ninh Kiều', 'ubnd_xa', 'commune', 1)"
    )
    add_accounts(con)
    con.close()
    monkeypatch.setenv("OVERSIGHT_DB", str(path))
    return path


def _import_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    sign_in(at, "admin")
    at.switch_page("pages/import_data.py")
    return at.run()


def _quota_rows(path: Path) -> int:
    import streamlit as st

    st.cache_resource.clear()  # the app's connection holds the file; reopen through the app's own
    from ui import data

    return int(data.connection().execute("SELECT count(*) FROM quota").fetchall()[0][0])


def test_good_upload_loads_after_confirmation_and_can_be_undone(units_db: Path) -> None:
    at = _import_page()
    at.file_uploader(key="imp_files").set_value(("bien-che.csv", GOOD.encode(), "text/csv"))
    at.run()
    at.button(key="imp_check").click().run()
    assert not at.exception
    assert any("Sẵn sàng nạp" in s.value for s in at.success)
    at.button(key="imp_load").click().run()
    assert any("Đã nạp lô số 2" in s.value for s in at.success)
    assert _quota_rows(units_db) == 3
    from ui import data

    rows = (
        audit_db(data.connection())
        .execute("SELECT target, username, detail FROM audit_log WHERE event = 'import' ORDER BY event_id")
        .fetchall()
    )
    # Batch 2 by the signed-in admin; batch 1, inserted by the fixture without one, recovered from its row.
    assert [r[:2] for r in rows] == [("2", "quantri"), ("1", "setup")]
    assert '"sha256"' in rows[0][2] and "Công chức" not in rows[0][2]  # hashes and counts, no cell values
    assert '"recovered": true' in rows[1][2]

    at = _import_page()
    at.selectbox(key="imp_undo_batch").set_value(2)
    at.checkbox(key="imp_undo_confirm").check().run()
    at.button(key="imp_undo").click().run()
    assert not at.exception
    assert _quota_rows(units_db) == 0
    assert audit_db(data.connection()).execute("SELECT count(*) FROM audit_log WHERE event = 'undo'").fetchone() == (1,)


def test_bad_upload_lists_every_bad_row_and_stores_nothing(units_db: Path) -> None:
    at = _import_page()
    at.file_uploader(key="imp_files").set_value(("bien-che-loi.csv", BAD.encode(), "text/csv"))
    at.run()
    at.button(key="imp_check").click().run()
    assert not at.exception
    assert any("3 lỗi" in e.value and "chưa nạp gì" in e.value for e in at.error)
    problems = next(df.value for df in at.dataframe if "Nội dung" in df.value.columns)
    assert list(problems["Dòng"]) == ["2", "3", "4"]
    assert {"không được âm", "không tìm thấy đơn vị", "không phải số"} <= set(problems["Nội dung"])
    assert not [b for b in at.button if b.key == "imp_load"]
    assert _quota_rows(units_db) == 0


UNKNOWN = (
    "Số TT,Tên CB,Sinh ngày,Phái,Nơi làm,Diện\n"
    "1,Lê Văn An,01/02/1980,Nam,XA001,Công chức\n2,Trần Thị Bình,15/07/1990,Nữ,XA001,Công chức\n"
)
LATER = (
    "Số TT,Tên CB,Sinh ngày,Phái,Nơi làm,Diện\n"
    "1,Lê Văn An,01/02/1980,Nam,XA001,Công chức\n2,Phạm Văn Cường,03/03/1985,Nam,XA001,Công chức\n"
)
CHOICES = {1: "full_name", 2: "birth_date", 3: "gender", 4: "unit_code", 5: "category"}


def _upload(at: AppTest, name: str, text: str) -> AppTest:
    from datetime import date

    at.file_uploader(key="imp_files").set_value((name, text.encode(), "text/csv"))
    at.date_input(key="imp_as_of").set_value(date(2024, 12, 31))
    at.run()
    return at.button(key="imp_check").click().run()


def test_columns_mapped_by_hand_load_and_the_layout_is_remembered(units_db: Path) -> None:
    at = _upload(_import_page(), "ds-xa.csv", UNKNOWN)
    assert not at.exception
    assert any("chưa nạp gì" in e.value for e in at.error)  # not recognised: nothing to load yet
    at.selectbox(key="imp_map_kind_0").set_value("person").run()
    assert sorted(s.label for s in at.selectbox if (s.key or "").startswith("imp_map_0_person_")) == [
        "A: Số TT",
        "B: Tên CB",
        "C: Sinh ngày",
        "D: Phái",
        "E: Nơi làm",
        "F: Diện",
    ]
    for col, field in CHOICES.items():
        at.selectbox(key=f"imp_map_0_person_{col}").set_value(field)
    at.run()
    at.button(key="imp_recheck").click().run()
    assert not at.exception
    assert any("Sẵn sàng nạp" in s.value for s in at.success), [e.value for e in at.error]
    assert at.checkbox(key="imp_remember").value is True
    at.button(key="imp_load").click().run()
    assert any("Đã ghi nhớ cách ghép cột của ds-xa.csv" in i.value for i in at.info)
    from ui import data

    con = data.connection()
    assert con.execute("SELECT count(*) FROM person").fetchone() == (2,)
    assert con.execute("SELECT kind, created_by FROM column_mapping").fetchall() == [("person", "quantri")]
    assert audit_db(con).execute(
        "SELECT count(*) FROM audit_log WHERE event = 'setting_change' AND target LIKE 'column_mapping:%'"
    ).fetchone() == (1,)

    # Next quarter, the same layout: recognised by itself, nothing to map.
    at = _upload(_import_page(), "ds-xa-quy1.csv", LATER)
    assert any("Sẵn sàng nạp" in s.value for s in at.success), [e.value for e in at.error]
    assert not [s for s in at.selectbox if (s.key or "").startswith("imp_map_kind_")]
    saved = next(df.value for df in at.dataframe if "Tiêu đề → cột" in df.value.columns)
    assert "Tên CB → Họ và tên (full_name)" in saved["Tiêu đề → cột"].iloc[0]

    at.button(key="imp_forget").click().run()
    assert not at.exception
    # A reader connection is one published version: the newest one shows the mapping forgotten.
    assert data.connection().execute("SELECT count(*) FROM column_mapping").fetchone() == (0,)
    assert audit_db(data.connection()).execute(
        "SELECT username, CAST(detail AS VARCHAR) FROM audit_log WHERE event = 'setting_change' "
        "AND target LIKE 'column_mapping:%' ORDER BY event_id DESC LIMIT 1"
    ).fetchone() == ("quantri", '{"removed": true}')


@pytest.mark.parametrize(
    ("step", "vi", "en"),
    [
        ("read:a.xlsx", "Đang đọc a.xlsx…", "Reading a.xlsx…"),
        ("check:a.xlsx:DS", "Đang kiểm tra a.xlsx — DS…", "Checking a.xlsx — DS…"),
        ("stage:a.xlsx:DS", "Đang kiểm tra a.xlsx — DS…", "Checking a.xlsx — DS…"),
        ("load:person", "Đang nạp Danh sách cán bộ, công chức, viên chức…", "Loading Staff roster…"),
        ("commit", "Đang lưu vào cơ sở dữ liệu…", "Saving to the database…"),
    ],
)
def test_progress_bar_says_what_is_being_done(step: str, vi: str, en: str) -> None:
    from ui.views.importing import progress_text

    assert (progress_text(step, "vi"), progress_text(step, "en")) == (vi, en)
