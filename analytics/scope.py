"""Unit scope: which units a KPI looks at.

Every KPI takes ``scope`` (a unit code; None = the whole database). A row is in scope when its
unit rolls up to the scope unit in ``unit_closure`` (through the tree and through mergers). The SQL
side is one fragment, ``analytics/sql/_scope_units.sql``, included by every query; this module
checks the code exists and lists the breakdown levels.
"""

from __future__ import annotations

from datetime import date

import duckdb

from analytics import db
from analytics.errors import NotFound, OversightError

LEVELS = ("child",)  # breakdown levels of the *_by_unit functions


def check_scope(con: duckdb.DuckDBPyConnection, scope: str | None) -> None:
    """Raise ``NotFound('unit_not_found')`` when ``scope`` is not a unit code."""
    if scope is None:
        return
    row = db.thread_cursor(con).execute("SELECT count(*) FROM unit WHERE unit_code = $u", {"u": scope}).fetchone()
    if not row or not row[0]:
        raise NotFound("unit_not_found", unit=scope)


def check_level(level: str) -> None:
    if level not in LEVELS:
        raise OversightError("invalid_argument", name="level", value=level, allowed=list(LEVELS))


def check_choice(name: str, value: object, allowed: tuple[str, ...]) -> None:
    """Refuse an argument outside its allow-list (codes are never spliced into SQL)."""
    if value not in allowed:
        raise OversightError("invalid_argument", name=name, value=value, allowed=list(allowed))


def today() -> date:
    """The default as-of date of KPIs that need one."""
    return date.today()
