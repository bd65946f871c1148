"""Who may see what: roles, the page registry, unit scope, and the list of person-level columns.

Roles, lowest first (``ROLES``): **viewer** (leaders: every aggregate page and the briefing, no
person-level data), **analyst** (+ import, data quality, person-level lists and exports within their
scope), **admin** (+ settings, users, audit log, undo of imports). A higher role can do everything a
lower one can.

How the UI uses it (nothing here imports Streamlit):

* Navigation: list only the pages with ``can_view(user, page_id)``; a logged-out visitor
  (``user=None``) can view nothing but the login. Pages marked ``whole_city`` (import, review) are
  for accounts not limited to a unit: a unit's account sends its files through the reporting cycle
  (``analytics.submissions``), where they wait for review.
* Every page script starts with ``access.require(con, user, PAGE_ID)`` — the check that also holds
  when someone types the page's URL. It raises ``AccessDenied`` (codes ``login_required``,
  ``access_denied``) and audits a ``denied`` row.
* Actions inside pages (a person list, a person-level export, undoing an import):
  ``can_do(user, action)`` to show the control, ``require_action(con, user, action)`` before doing it.
* Unit scope: ``scope = effective_scope(con, user, requested_scope)`` turns the unit the user picked
  (None = whole city) into the unit every query must be filtered on. A scoped account gets its own
  unit when it asks for the whole city, may narrow to any unit under its own, and can never widen
  (``AccessDenied('scope_denied')``, audited). Pass the result as ``scope=`` to every analytics
  function (they filter on the server through ``analytics/sql/_scope_units.sql``, the same set as
  ``unit_closure`` rows with ``ancestor_code = $scope``) — pages, downloads and exports alike; never
  pass the widget's value directly. ``ui.data.run`` does this for every page: it resolves the
  scope itself and puts the resolved scope in its cache key, so cached results cannot leak across
  scopes.
* Person-level data is kept from lower roles by gating, not by masking cells: the pages whose main
  content is person-level (``Page.person_level``) and the actions ``person_list`` and
  ``export_person`` need ``PERSON_DATA_ROLE``, and pages compute person-level frames only for
  accounts that pass ``can_do``. ``SENSITIVE_COLUMNS`` (``analytics.roles``) is the one list of what is
  personal: the audit guard refuses those keys in audit details.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn

import duckdb

from analytics.audit import record
from analytics.errors import NotFound, OversightError

# Defined in analytics.roles (below audit and auth, so no import cycle); still importable from here.
from analytics.roles import PERSON_DATA_ROLE, ROLES, SENSITIVE_COLUMNS, User  # noqa: F401 re-exported

_RANK = {role: i for i, role in enumerate(ROLES)}


@dataclass(frozen=True)
class Page:
    min_role: str
    person_level: bool  # the page's main content is person-level data
    # Only for accounts of the whole city (the Sở Nội vụ): a unit's account sends its files through
    # the reporting cycle ("submit"), where they wait for review, never straight into the data.
    whole_city: bool = False


PAGES: dict[str, Page] = {
    "overview": Page("viewer", False),
    "reduction": Page("viewer", False),
    "secondment": Page("viewer", False),
    "training": Page("viewer", False),
    "reorganisation": Page("viewer", False),
    "workforce": Page("viewer", False),
    "unit": Page("viewer", False),
    "about_data": Page("viewer", False),
    "briefing": Page("viewer", False),
    "quality": Page("analyst", True),  # problems name the rows (people) they are about
    "import": Page("analyst", True, whole_city=True),  # upload previews and rejected rows show cell values
    "tracker": Page("viewer", False),  # who has sent what for a reporting period (no cell values)
    "submit": Page("analyst", True),  # a unit sends its file; its problems show cell values
    "review": Page("analyst", True, whole_city=True),  # differences of a file against the unit's rows
    "settings": Page("admin", False),
    "users": Page("admin", False),
    "audit": Page("admin", False),
}

# Things done inside pages, with the minimum role.
ACTIONS: dict[str, str] = {
    "download_aggregate": "viewer",  # a KPI table or chart of an aggregate page
    "person_list": "analyst",  # the list of people behind a number (secondees ending soon, …)
    "export_person": "analyst",  # a spreadsheet with one row per person
    "import_upload": "analyst",
    "manage_periods": "admin",  # open a reporting period, set its due dates
    "undo_import": "admin",
    "demo_data": "admin",  # build or remove the demo city
    "change_setting": "admin",
    "manage_users": "admin",
    "view_audit": "admin",
}


class AccessDenied(OversightError):
    """Not allowed: login_required, access_denied (page or action) or scope_denied."""

    code = "access_denied"


def _rank(role: str | None) -> int:
    if role is None:
        return -1
    if role not in _RANK:
        raise AccessDenied("role_unknown", role=role)
    return _RANK[role]


def role_at_least(user: User | None, role: str) -> bool:
    """True when the user is logged in with ``role`` or a higher one."""
    return user is not None and _rank(user.role) >= _rank(role)


def _page(page_id: str) -> Page:
    if page_id not in PAGES:
        raise NotFound("page_unknown", page_id=page_id)
    return PAGES[page_id]


def can_view(user: User | None, page_id: str) -> bool:
    """May this user open the page? (None = logged out: no page.)"""
    page = _page(page_id)
    if page.person_level and not can_see_person_data(user):
        return False
    if page.whole_city and user is not None and user.scope_unit_code is not None:
        return False
    return role_at_least(user, page.min_role)


def visible_pages(user: User | None) -> list[str]:
    """The page ids to put in the navigation, in registry order."""
    return [p for p in PAGES if can_view(user, p)]


def can_do(user: User | None, action: str) -> bool:
    """May this user do the action? (Unknown action: NotFound.)"""
    if action not in ACTIONS:
        raise NotFound("action_unknown", action=action)
    return role_at_least(user, ACTIONS[action])


def can_see_person_data(user: User | None) -> bool:
    return role_at_least(user, PERSON_DATA_ROLE)


def require(con: duckdb.DuckDBPyConnection, user: User | None, page_id: str) -> None:
    """Raise AccessDenied (and audit a 'denied' row) unless the user may view the page."""
    if can_view(user, page_id):
        return
    _deny(con, user, target=f"page:{page_id}")


def require_action(con: duckdb.DuckDBPyConnection, user: User | None, action: str) -> None:
    """Raise AccessDenied (and audit a 'denied' row) unless the user may do the action."""
    if can_do(user, action):
        return
    _deny(con, user, target=f"action:{action}")


def _deny(
    con: duckdb.DuckDBPyConnection, user: User | None, *, target: str, code: str | None = None, **params: str | None
) -> NoReturn:
    code = code or ("login_required" if user is None else "access_denied")
    record(
        con,
        username=user.username if user else None,
        event="denied",
        target=target,
        detail={"reason": code, "role": user.role if user else None, **params},
    )
    raise AccessDenied(code, target=target, **params)


def effective_scope(
    con: duckdb.DuckDBPyConnection,
    user: User | None,
    requested_scope: str | None = None,
) -> str | None:
    """The unit the user's queries must be filtered on (None = whole city).

    A whole-city account gets what it asked for. A scoped account asking for the whole city gets
    its own unit; asking for a unit inside its own (``unit_closure``) gets that unit; anything else
    raises AccessDenied('scope_denied') and is audited. An unknown unit raises NotFound.
    """
    if user is None:
        _deny(con, user, target="scope")
    cur = con.cursor()
    if requested_scope is not None:
        exists = cur.execute("SELECT count(*) FROM unit WHERE unit_code = $u", {"u": requested_scope}).fetchone()
        if not exists or not exists[0]:
            raise NotFound("unit_not_found", unit=requested_scope)
    own = user.scope_unit_code
    if own is None:
        return requested_scope
    if requested_scope is None or requested_scope == own:
        return own
    inside = cur.execute(
        "SELECT count(*) FROM unit_closure WHERE unit_code = $r AND ancestor_code = $own",
        {"r": requested_scope, "own": own},
    ).fetchone()
    if inside and inside[0]:
        return requested_scope
    _deny(con, user, target=f"scope:{requested_scope}", code="scope_denied", requested=requested_scope, allowed=own)
