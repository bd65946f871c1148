"""The app shell: login before anything, the first admin, language switch, unreadable database."""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher
from streamlit.testing.v1 import AppTest

from analytics import db, users
from tests.conftest import TEST_PASSWORD, add_accounts, audit_db, sign_in

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def fast_hasher(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(users, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def empty_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "empty.duckdb"
    db.connect(path).close()
    monkeypatch.setenv("OVERSIGHT_DB", str(path))
    return path


def _app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def _audit(path: Path) -> list[tuple]:
    import streamlit as st

    st.cache_resource.clear()
    con = db.connect(path)
    try:
        return audit_db(con).execute("SELECT event, username FROM audit_log ORDER BY event_id").fetchall()
    finally:
        con.close()


def test_first_start_asks_for_an_admin_and_shows_nothing_else(empty_db: Path) -> None:
    at = _app().run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Tạo tài khoản quản trị đầu tiên"]
    assert not at.metric and not at.dataframe
    at.text_input(key="admin_username").input("quantri")
    at.text_input(key="admin_password").input("mot-mat-khau-dai")
    at.text_input(key="admin_password_again").input("mot-mat-khau-dai")
    at.button[0].click().run()  # the form's submit button
    assert not at.exception
    assert at.title[0].value != "Tạo tài khoản quản trị đầu tiên"
    assert ("login_ok", "quantri") in _audit(empty_db)


def test_logged_out_visitor_sees_only_the_login(empty_db: Path) -> None:
    con = db.connect(empty_db)
    add_accounts(con, with_scoped=False)
    con.close()
    at = _app().run()
    assert [t.value for t in at.title] == ["Đăng nhập"]
    assert not at.metric and not at.dataframe and not at.get("plotly_chart")
    at.text_input(key="login_username").input("lanhdao")
    at.text_input(key="login_password").input("sai-mat-khau-roi")
    at.button[0].click().run()
    assert any("không đúng" in e.value for e in at.error)
    at.text_input(key="login_password").input(TEST_PASSWORD)
    at.button[0].click().run()
    assert at.title[0].value != "Đăng nhập"
    events = _audit(empty_db)
    assert ("login_failed", "lanhdao") in events and ("login_ok", "lanhdao") in events


def test_language_switch_changes_titles_and_keeps_it_in_the_url(empty_db: Path) -> None:
    at = _app().run()
    vi_title = at.title[0].value
    at.radio(key="lang_switch").set_value("en").run()
    assert not at.exception
    assert at.title[0].value != vi_title and at.title[0].value == "Create the first administrator"
    assert at.query_params["lang"] in (["en"], "en")


def test_data_page_on_an_empty_database(empty_db: Path) -> None:
    con = db.connect(empty_db)
    add_accounts(con, with_scoped=False)
    con.close()
    at = _app()
    sign_in(at, "viewer")
    at.switch_page("pages/about_data.py")
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Dữ liệu hiện có"]
    assert any("chưa có dữ liệu" in i.value for i in at.info)
    assert not at.warning  # no demo banner without demo data


def test_unreadable_database_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "broken.duckdb"
    path.write_bytes(b"not a database" * 200)
    monkeypatch.setenv("OVERSIGHT_DB", str(path))
    at = _app().run()
    assert not at.exception
    assert any("Không mở được cơ sở dữ liệu" in e.value for e in at.error)


def test_single_sign_on_uses_the_local_account_role(empty_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """OIDC with the identity provider mocked: the provider says who it is, the local account says
    what they may see; someone without a local account is refused."""
    from ui import auth as ui_auth

    con = db.connect(empty_db)
    add_accounts(con, with_scoped=False)
    con.close()
    monkeypatch.setattr(ui_auth, "identity_provider_configured", lambda: True)
    monkeypatch.setattr(ui_auth, "identity", lambda: "lanhdao")
    at = _app().run()
    assert not at.exception
    assert at.title[0].value not in ("Đăng nhập", "Tạo tài khoản quản trị đầu tiên")
    assert at.session_state["user"].role == "viewer"

    monkeypatch.setattr(ui_auth, "identity", lambda: "nguoi.la@cantho.gov.vn")
    at = _app().run()
    assert at.title[0].value == "Đăng nhập"
    assert any("không đúng" in e.value for e in at.error)
