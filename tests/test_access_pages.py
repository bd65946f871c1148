"""Access control as users meet it: a role × page matrix over every page, unit scope, person-level
lists, and the audit rows that logins, uploads, downloads and settings changes leave."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics import access, db
from tests.conftest import ACCOUNTS, audit_db, sign_in
from ui.nav import PAGES, ROOT

DENIED = "không có quyền"


@pytest.fixture(scope="module")
def demo_copy(demo_db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("access") / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    return path


def _run(path: Path, monkeypatch: pytest.MonkeyPatch, who: str, file: str, **params: str) -> AppTest:
    monkeypatch.setenv("OVERSIGHT_DB", str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    sign_in(at, who)
    for key, value in {"as_of": "2026-09-30", **params}.items():
        at.query_params[key] = value
    at.switch_page(file)
    return at.run()


def _denied(at: AppTest) -> bool:
    return any(DENIED in e.value for e in at.error)


MATRIX = [(who, spec) for who in ("viewer", "analyst", "admin") for spec in PAGES if spec.chrome]


@pytest.mark.parametrize(("who", "spec"), MATRIX, ids=[f"{w}-{s.page_id}" for w, s in MATRIX])
def test_role_page_matrix(who: str, spec, demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Typed URL or not: a page either shows its content or refuses, as access.PAGES says."""
    at = _run(demo_copy, monkeypatch, who, spec.file)
    assert not at.exception, [e.message for e in at.exception]
    user = access_user(who)
    if access.can_view(user, spec.page_id):
        assert not _denied(at) and at.title
    else:
        assert _denied(at) and not at.title and not at.dataframe and not at.get("plotly_chart")


def access_user(who: str):
    from analytics.auth import User

    username, role, scope = ACCOUNTS[who]
    return User(username=username, display_name=None, role=role, scope_unit_code=scope)


def test_viewer_is_told_only_counts_of_people_behind_a_number(demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    viewer = _run(demo_copy, monkeypatch, "viewer", "pages/secondment.py")
    analyst = _run(demo_copy, monkeypatch, "analyst", "pages/secondment.py")
    ids = {df.value.columns.tolist().__contains__("Mã cán bộ") for df in viewer.dataframe}
    assert ids == {False}, "no table with staff IDs for a viewer"
    assert any("Mã cán bộ" in df.value.columns for df in analyst.dataframe)


def test_scoped_analyst_sees_only_the_own_unit(demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    con = db.connect(demo_copy)
    inside = {r[0] for r in con.execute("SELECT unit_code FROM unit_closure WHERE ancestor_code = 'SNV'").fetchall()}
    names_inside = {
        r[0]
        for r in con.execute(
            "SELECT coalesce(short_name, name) FROM unit WHERE unit_code IN (SELECT unlist($u))", {"u": list(inside)}
        ).fetchall()
    }
    con.close()
    # a unit outside the account's scope typed into the URL is ignored: the page stays on its own unit
    runs = [
        ("pages/reduction.py", {}),
        ("pages/workforce.py", {}),
        ("pages/overview.py", {}),
        ("pages/reduction.py", {"unit": "SYT"}),
        ("pages/secondment.py", {"unit": "CT"}),
    ]
    for file, params in runs:
        at = _run(demo_copy, monkeypatch, "scoped", file, **params)
        assert not at.exception and not _denied(at)
        tables = [df.value for df in at.dataframe if "Đơn vị" in df.value.columns]
        assert tables or file.endswith("overview.py")
        for table in tables:
            assert set(table["Đơn vị"]) <= names_inside, (file, set(table["Đơn vị"]) - names_inside)


def test_scope_is_enforced_in_the_data_layer(demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Downloads and exports use data.run too: a scoped account cannot widen it, whatever a page passes."""
    import streamlit as st

    from analytics.errors import OversightError
    from analytics.reduction import reduction_by_unit
    from ui import data

    monkeypatch.setenv("OVERSIGHT_DB", str(demo_copy))
    st.session_state["user"] = access_user("scoped")
    try:
        rows = data.run(reduction_by_unit, category="cong_chuc", scope=None)
        assert set(rows["unit_code"].dropna()) <= {
            r[0]
            for r in data.connection()
            .execute("SELECT unit_code FROM unit_closure WHERE ancestor_code = 'SNV'")
            .fetchall()
        }
        with pytest.raises(OversightError) as err:
            data.run(reduction_by_unit, category="cong_chuc", scope="CT")
        assert err.value.code == "scope_denied"
        assert (
            audit_db(data.connection())
            .execute("SELECT count(*) FROM audit_log WHERE event = 'denied' AND username = 'chuyenvien.snv'")
            .fetchone()[0]
            >= 1
        )
    finally:
        st.session_state.clear()


def test_settings_change_leaves_an_audit_row(demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _run(demo_copy, monkeypatch, "admin", "pages/settings.py")
    at.number_input(key="set_young_age_threshold").set_value(35)
    at.button[0].click().run()  # the form's "save"
    assert not at.exception
    from ui import data

    rows = (
        audit_db(data.connection())
        .execute("SELECT username, target FROM audit_log WHERE event = 'setting_change' ORDER BY event_id DESC")
        .fetchall()
    )
    assert ("quantri", "young_age_threshold") in rows


def test_scoped_download_file_holds_only_the_own_unit(demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The spreadsheet a scoped analyst downloads, read back from its bytes, has only their units."""
    import io

    import streamlit as st
    from openpyxl import load_workbook

    from analytics.reduction import reduction_by_unit
    from analytics.safe_export import to_xlsx_bytes
    from ui import data
    from ui.tables import labelled
    from ui.views import reduction as view

    monkeypatch.setenv("OVERSIGHT_DB", str(demo_copy))
    st.session_state["user"] = access_user("scoped")
    try:
        rows = view.named(data.run(reduction_by_unit, category="vien_chuc", scope=None), "vi")
        payload = to_xlsx_bytes(labelled(rows, view.UNIT_SPEC, "vi"), sheet_name="tinh-gian")
        inside = {
            r[0]
            for r in data.connection()
            .execute(
                "SELECT coalesce(u.short_name, u.name) FROM unit u JOIN unit_closure c USING (unit_code) "
                "WHERE c.ancestor_code = 'SNV'"
            )
            .fetchall()
        }
    finally:
        st.session_state.clear()
    sheet = load_workbook(io.BytesIO(payload)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names and set(names) - {"Bộ phận còn lại (cơ quan, đơn vị cũ)"} <= inside
