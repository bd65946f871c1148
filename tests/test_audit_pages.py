"""Every page action that writes, and the audit row it leaves, with the signed-in user as actor
(issue 16). Import and undo from the page: tests/test_import_page.py; the same operations from
the command line: tests/test_audit_cli.py. The rows come from the core operations, so a page
cannot forget one.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from analytics import events
from tests.conftest import TEST_PASSWORD, add_accounts, sign_in
from tests.ingest_helpers import tiny_db
from ui.nav import ROOT

BAD = "Mã đơn vị,Năm,Đối tượng,Biên chế được giao\nKHONG_CO,2021,Công chức,20\n"


@pytest.fixture
def small_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "small.duckdb"
    con = tiny_db(path)
    add_accounts(con)
    con.close()
    monkeypatch.setenv("OVERSIGHT_DB", str(path))
    return path


def _rows(path: Path) -> list[tuple[Any, str, Any, Any]]:  # detail: parsed JSON
    """(username, event, target, detail) of every audit row, oldest first, from the events file."""
    import sqlite3

    con = sqlite3.connect(events.path_for(path))
    try:
        rows = con.execute("SELECT username, event, target, detail FROM audit_log ORDER BY event_id").fetchall()
    finally:
        con.close()
    return [(u, e, t, json.loads(d) if d else None) for u, e, t, d in rows]


def _new(path: Path, before: int) -> list[tuple[Any, str, Any]]:
    return [r[:3] for r in _rows(path)[before:]]


def _app(who: str | None = "admin", page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    if who is not None:
        sign_in(at, who)
        at.session_state["user_last_seen"] = datetime.now()
    if page is not None:
        at.switch_page(page)
    return at.run()


def test_login_logout_and_session_expiry(small_db: Path) -> None:
    before = len(_rows(small_db))  # the accounts' creation
    at = _app(None)
    at.text_input(key="login_username").input("chuyenvien")
    at.text_input(key="login_password").input(TEST_PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert _new(small_db, before) == [("chuyenvien", "login_ok", None)]
    at.button(key="logout").click().run()
    assert _new(small_db, before + 1) == [("chuyenvien", "logout", None)]

    at = _app("viewer")
    at.session_state["user_last_seen"] = datetime.now() - timedelta(hours=2)
    at.run()
    assert any("hết" in i.value.lower() or "expired" in i.value.lower() for i in at.info)
    [(who, event, target, detail)] = _rows(small_db)[before + 2 :]
    assert (who, event, target) == ("lanhdao", "session_expired", None) and "last_seen" in detail


def test_settings_and_base_salary_are_audited_by_the_signed_in_admin(small_db: Path) -> None:
    at = _app("admin", "pages/settings.py")
    at.number_input(key="set_young_age_threshold").set_value(33)
    at.button[0].click().run()
    assert not at.exception
    rows = _rows(small_db)
    assert rows[-1][:3] == ("quantri", "setting_change", "young_age_threshold")
    assert rows[-1][3]["new"] == 33 and rows[-1][3]["old"] is None  # the default was never stored
    before = len(rows)
    salary = next(n for n in at.number_input if not str(n.key or "").startswith("set_"))  # the form's amount
    salary.set_value(2_600_000)
    at.button[1].click().run()
    assert not at.exception
    [(who, event, target)] = _new(small_db, before)
    assert who == "quantri" and event == "setting_change" and target.startswith("base_salary:")


def test_user_management_from_the_page_is_audited(small_db: Path) -> None:
    at = _app("admin", "pages/users.py")
    before = len(_rows(small_db))
    next(w for w in at.text_input if w.label == "Tên đăng nhập").input("moi")
    next(w for w in at.text_input if w.label == "Mật khẩu ban đầu").input("mat-khau-ban-dau-dai")
    next(b for b in at.button if b.label == "Thêm").click().run()  # the add form's submit button
    assert not at.exception
    at.selectbox(key="users_pick").set_value("lanhdao").run()
    at.selectbox(key="users_role").set_value("analyst")
    at.button(key="users_save_role").click().run()
    at.selectbox(key="users_pick").set_value("lanhdao").run()
    at.text_input(key="users_password").input("mat-khau-moi-du-dai").run()
    at.button(key="users_reset").click().run()
    at.button(key="users_toggle").click().run()  # disable
    assert not at.exception
    assert _new(small_db, before) == [("quantri", "user_change", t) for t in ("moi", "lanhdao", "lanhdao", "lanhdao")]
    assert [r[3]["action"] for r in _rows(small_db)[before:]] == ["create", "set_role", "set_password", "disable"]


def test_an_upload_refused_on_the_page_is_audited(small_db: Path) -> None:
    before = len(_rows(small_db))
    at = _app("analyst", "pages/import_data.py")
    at.file_uploader(key="imp_files").set_value(("bien-che.csv", BAD.encode(), "text/csv"))
    at.run()
    at.button(key="imp_check").click().run()
    assert not at.exception and at.error
    [(who, event, target, detail)] = _rows(small_db)[before:]
    assert (who, event, target) == ("chuyenvien", "import_rejected", None)
    assert detail["stage"] == "check" and detail["files"][0]["name"] == "bien-che.csv"
    assert "KHONG_CO" not in json.dumps(detail)


def test_first_start_builds_the_demo_and_records_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "new.duckdb"
    monkeypatch.setenv("OVERSIGHT_DB", str(path))
    at = _app(None)
    assert not at.exception
    [(who, event, target, detail)] = _rows(path)
    assert (event, target) == ("demo_build", "1") and who == "demo" and detail["recovered"] is True
    assert not list(tmp_path.glob("*.building*"))  # the side file's audit file is gone with it


def test_the_first_admin_created_on_the_start_screen_is_audited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from analytics import db

    path = tmp_path / "empty.duckdb"
    db.connect(path).close()
    monkeypatch.setenv("OVERSIGHT_DB", str(path))
    at = _app(None)
    at.text_input(key="admin_username").input("quantri")
    at.text_input(key="admin_password").input("mot-mat-khau-dai")
    at.text_input(key="admin_password_again").input("mot-mat-khau-dai")
    at.button[0].click().run()
    assert not at.exception
    assert _new(path, 0) == [("first_start", "user_change", "quantri"), ("quantri", "login_ok", None)]
