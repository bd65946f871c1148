"""Roles × pages, actions, unit scope (never widened), masking of person-level columns."""

from __future__ import annotations

import re

import duckdb
import pytest

from analytics import access, db
from analytics.access import AccessDenied
from analytics.auth import User
from analytics.errors import NotFound
from tests.conftest import add_batch, audit_db

VIEWER = User("lanhdao", "Lãnh đạo", "viewer", None)
ANALYST = User("chuyenvien", None, "analyst", None)
ADMIN = User("quantri", None, "admin", None)
ANALYST_SNV = User("cv_snv", None, "analyst", "SNV")
VIEWER_XA1 = User("ld_xa1", None, "viewer", "XA1")

# Hand-written expectation for every page: (logged out, viewer, analyst, admin).
MATRIX = {
    "overview": (False, True, True, True),
    "reduction": (False, True, True, True),
    "secondment": (False, True, True, True),
    "training": (False, True, True, True),
    "workforce": (False, True, True, True),
    "reorganisation": (False, True, True, True),
    "unit": (False, True, True, True),
    "about_data": (False, True, True, True),
    "briefing": (False, True, True, True),
    "quality": (False, False, True, True),
    "import": (False, False, True, True),
    "tracker": (False, True, True, True),
    "submit": (False, False, True, True),
    "review": (False, False, True, True),
    "settings": (False, False, False, True),
    "users": (False, False, False, True),
    "audit": (False, False, False, True),
}
USERS = (None, VIEWER, ANALYST, ADMIN)


def test_matrix_covers_every_page() -> None:
    from ui.nav import PAGES as NAV

    assert set(MATRIX) == set(access.PAGES) == {p.page_id for p in NAV}


@pytest.mark.parametrize("page_id", sorted(MATRIX))
@pytest.mark.parametrize("who", range(4), ids=["logged_out", "viewer", "analyst", "admin"])
def test_role_page_matrix(page_id: str, who: int) -> None:
    assert access.can_view(USERS[who], page_id) is MATRIX[page_id][who]


def test_require_enforces_the_matrix_and_audits_each_denial(con: duckdb.DuckDBPyConnection) -> None:
    """What every page does first — the check that also holds when a page is reached by its URL."""
    expected_denials = []
    for page_id, row in MATRIX.items():
        for user, allowed in zip(USERS, row, strict=True):
            if allowed:
                access.require(con, user, page_id)
                continue
            with pytest.raises(AccessDenied) as err:
                access.require(con, user, page_id)
            assert err.value.code == ("login_required" if user is None else "access_denied")
            expected_denials.append((user.username if user else None, "denied", f"page:{page_id}"))
    assert len(expected_denials) == 17 + 7 + 3  # logged out: all 17; viewer: 7; analyst: 3; admin: none
    assert (
        audit_db(con).execute("SELECT username, event, target FROM audit_log ORDER BY event_id").fetchall()
        == expected_denials
    )


def test_scoped_accounts_have_the_pages_of_their_role_but_the_whole_city_ones() -> None:
    """A unit's account sends files through the reporting cycle: not the import, not the review."""
    assert access.visible_pages(ANALYST_SNV) == [
        p for p in access.visible_pages(ANALYST) if p not in ("import", "review")
    ]
    assert access.visible_pages(VIEWER_XA1) == access.visible_pages(VIEWER)


def test_logged_out_visitor_sees_no_page() -> None:
    assert access.visible_pages(None) == []


def test_person_level_pages_need_the_person_data_role() -> None:
    for page_id, page in access.PAGES.items():
        if page.person_level:
            assert access.ROLES.index(page.min_role) >= access.ROLES.index(access.PERSON_DATA_ROLE), page_id


def test_unknown_page_is_an_error_not_a_silent_yes() -> None:
    with pytest.raises(NotFound):
        access.can_view(ADMIN, "secret_page")


ACTION_MATRIX = {
    "download_aggregate": (False, True, True, True),
    "person_list": (False, False, True, True),
    "export_person": (False, False, True, True),
    "import_upload": (False, False, True, True),
    "manage_periods": (False, False, False, True),
    "undo_import": (False, False, False, True),
    "demo_data": (False, False, False, True),
    "change_setting": (False, False, False, True),
    "manage_users": (False, False, False, True),
    "view_audit": (False, False, False, True),
}


def test_action_matrix(con: duckdb.DuckDBPyConnection) -> None:
    assert set(ACTION_MATRIX) == set(access.ACTIONS)
    for action, expected in ACTION_MATRIX.items():
        assert tuple(access.can_do(u, action) for u in USERS) == expected, action
    with pytest.raises(AccessDenied):
        access.require_action(con, ANALYST, "undo_import")
    assert audit_db(con).execute("SELECT username, event, target FROM audit_log").fetchall() == [
        ("chuyenvien", "denied", "action:undo_import")
    ]


def test_roles_in_schema_match_the_code() -> None:
    for path in (db.SCHEMA_PATH, db.MIGRATIONS_DIR / "0003_users_audit.sql"):
        sql = path.read_text(encoding="utf-8")
        m = re.search(r"list_contains\(\[([^\]]*)\], role\)", sql)
        assert m is not None, path
        assert tuple(re.findall(r"'([^']*)'", m.group(1))) == access.ROLES


# --- unit scope -----------------------------------------------------------------------------------


@pytest.fixture
def units(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """CT (city) ⊃ SNV ⊃ SNV_P1; CT ⊃ SYT; CT ⊃ XA1 (commune); SNV_CU (old agency) merged into SNV."""
    b = add_batch(con)
    rows = [
        ("CT", "Thành phố Cần Thơ", "thanh_pho", "city", None, None),
        ("SNV", "Sở Nội vụ", "so_nganh", "city", "CT", None),
        ("SNV_P1", "Phòng Tổ chức biên chế", "phong", "city", "SNV", None),
        ("SYT", "Sở Y tế", "so_nganh", "city", "CT", None),
        ("XA1", "Xã Một", "ubnd_xa", "commune", "CT", None),
        ("SNV_CU", "Sở Nội vụ Hậu Giang (cũ)", "so_nganh", "city", None, "SNV"),
    ]
    con.executemany(
        "INSERT INTO unit (unit_code, name, unit_type, level, parent_code, merged_into, batch_id) "
        f"VALUES (?, ?, ?, ?, ?, ?, {b})",
        rows,
    )
    return con


SCOPE_CASES = [
    # (user, requested, expected scope or error code)
    ("whole city, whole city", ANALYST, None, None),
    ("whole city picks an agency", ANALYST, "SNV", "SNV"),
    ("agency asks for the whole city", ANALYST_SNV, None, "SNV"),
    ("agency asks for itself", ANALYST_SNV, "SNV", "SNV"),
    ("agency narrows to its division", ANALYST_SNV, "SNV_P1", "SNV_P1"),
    ("agency narrows to a unit merged into it", ANALYST_SNV, "SNV_CU", "SNV_CU"),
    ("agency asks for the city", ANALYST_SNV, "CT", "scope_denied"),
    ("agency asks for another agency", ANALYST_SNV, "SYT", "scope_denied"),
    ("agency asks for a commune", ANALYST_SNV, "XA1", "scope_denied"),
    ("commune asks for the whole city", VIEWER_XA1, None, "XA1"),
    ("commune asks for an agency", VIEWER_XA1, "SNV", "scope_denied"),
]


@pytest.mark.parametrize(("what", "user", "requested", "expected"), SCOPE_CASES, ids=[c[0] for c in SCOPE_CASES])
def test_effective_scope(
    units: duckdb.DuckDBPyConnection, what: str, user: User, requested: str | None, expected: str | None
) -> None:
    if expected != "scope_denied":
        assert access.effective_scope(units, user, requested) == expected
        assert audit_db(units).execute("SELECT count(*) FROM audit_log").fetchone() == (0,)
        return
    with pytest.raises(AccessDenied) as err:
        access.effective_scope(units, user, requested)
    assert err.value.code == "scope_denied"
    assert err.value.params == {"target": f"scope:{requested}", "requested": requested, "allowed": user.scope_unit_code}
    assert audit_db(units).execute("SELECT username, event, target FROM audit_log").fetchall() == [
        (user.username, "denied", f"scope:{requested}")
    ]


def test_unknown_unit_in_scope_is_not_found(units: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(NotFound):
        access.effective_scope(units, ANALYST, "KHONG_CO")


def test_logged_out_has_no_scope(units: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(AccessDenied) as err:
        access.effective_scope(units, None, None)
    assert err.value.code == "login_required"


def test_sensitive_columns_exist_in_the_schema(con: duckdb.DuckDBPyConnection) -> None:
    columns = {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns").fetchall()}
    assert set(access.SENSITIVE_COLUMNS) <= columns
    assert {"full_name", "birth_date", "ethnicity", "discipline", "total_vnd"} <= set(access.SENSITIVE_COLUMNS)


def test_person_level_data_is_gated_to_the_role_that_may_see_it() -> None:
    """What the module docstring promises instead of masking: every person-level page and action
    needs the role SENSITIVE_COLUMNS names, so no lower role ever receives a person-level frame."""
    roles = set(access.SENSITIVE_COLUMNS.values())
    assert roles == {access.PERSON_DATA_ROLE}
    person_pages = [p for p, page in access.PAGES.items() if page.person_level]
    person_actions = ["person_list", "export_person"]
    assert person_pages and all(not access.can_view(u, p) for u in (None, VIEWER, VIEWER_XA1) for p in person_pages)
    assert all(not access.can_do(u, a) for u in (None, VIEWER, VIEWER_XA1) for a in person_actions)
    assert all(access.can_view(ANALYST, p) for p in person_pages)
    assert all(access.can_do(ANALYST, a) for a in person_actions)
