"""The reporting cycle (issue 15 part 2, ``docs/reporting.md``): periods, due dates, the tracker.

An admin opens a **reporting period** (a month, quarter or half-year) and gives each data kind asked
for in it a due date. Every unit that must report (``REPORTING_UNIT_TYPES``: the city's agencies and
the communes) then has, per kind, a status at a date: ``sent`` (a good file by the due date),
``late`` (after it), ``with_errors`` (only files validation refused), ``returned`` (an analyst sent
its file back), ``missing`` (nothing good and past the due date) or ``not_due`` (nothing yet, not
due). The files themselves are ``analytics.submissions``.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date
from typing import Any

import duckdb
import pandas as pd

from analytics import codes, sql_files
from analytics.audit import record_in_transaction
from analytics.db import transaction
from analytics.errors import NotFound, OversightError
from analytics.ingest.kinds import KINDS
from analytics.scope import check_choice, check_scope

PERIOD_KINDS = codes.PERIOD_KINDS
# The data kinds a period may ask for: everything a unit reports about itself (the unit list is
# the Sở Nội vụ's own).
REPORTED_KINDS = tuple(k for k in KINDS if k != "unit")
# Who must report: the city's agencies and other bodies, and the communes and wards (~15 + 103).
REPORTING_UNIT_TYPES = ("so_nganh", "co_quan_khac", "ubnd_xa")
STATUSES = ("missing", "with_errors", "returned", "late", "not_due", "sent")
_MONTHS = {"month": 1, "quarter": 3, "half_year": 6}
_PREFIX = {"month": "T", "quarter": "Q", "half_year": "H"}


class ReportingError(OversightError):
    """A period or due date was refused (codes period_*)."""

    code = "period_invalid"


def period_bounds(kind: str, year: int, number: int) -> tuple[str, date, date]:
    """(period_id, first day, last day) of the ``number``-th month, quarter or half-year of ``year``:
    ('2026-T09', 1/9, 30/9), ('2026-Q3', 1/7, 30/9), ('2026-H2', 1/7, 31/12)."""
    check_choice("period_kind", kind, PERIOD_KINDS)
    months = _MONTHS[kind]
    if not 1 <= number <= 12 // months or not 2000 <= year <= 2100:
        raise ReportingError("period_number_invalid", kind=kind, number=number, year=year, max=12 // months)
    first_month = (number - 1) * months + 1
    last_month = first_month + months - 1
    end = date(year, last_month, calendar.monthrange(year, last_month)[1])
    label = f"{number:02d}" if kind == "month" else str(number)
    return f"{year}-{_PREFIX[kind]}{label}", date(year, first_month, 1), end


def save_period(
    con: duckdb.DuckDBPyConnection, *, kind: str, year: int, number: int, due: Mapping[str, date], user: str
) -> str:
    """Open (or change the due dates of) a period; ``due`` {data kind: due date}, at least one, each on
    or after the period's first day. Audited (period_change). Returns the period id."""
    period_id, start, end = period_bounds(kind, year, number)
    if not due:
        raise ReportingError("period_no_kind", period=period_id)
    for data_kind, when in due.items():
        check_choice("data_kind", data_kind, REPORTED_KINDS)
        if not isinstance(when, date) or when < start:
            raise ReportingError(
                "period_due_before_start", period=period_id, kind=data_kind, due=str(when), start=start.isoformat()
            )
    with transaction(con) as cur:
        cur.execute(
            "INSERT INTO reporting_period (period_id, period_kind, start_date, end_date, created_by) "
            "VALUES ($p, $k, $s, $e, $u) ON CONFLICT DO NOTHING",
            {"p": period_id, "k": kind, "s": start, "e": end, "u": user},
        )
        cur.execute("DELETE FROM period_due WHERE period_id = $p", {"p": period_id})
        cur.executemany("INSERT INTO period_due VALUES (?, ?, ?)", [(period_id, k, d) for k, d in due.items()])
        record_in_transaction(
            cur,
            username=user,
            event="period_change",
            target=period_id,
            detail={"due": {k: d.isoformat() for k, d in due.items()}},
        )
    return period_id


def list_periods(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per period, newest first: period_id, period_kind, start_date, end_date, kinds (due),
    first_due, last_due."""
    return (
        con.cursor()
        .execute("""
        SELECT p.period_id, p.period_kind, p.start_date, p.end_date, count(d.data_kind)::BIGINT AS kinds,
               min(d.due_date) AS first_due, max(d.due_date) AS last_due
        FROM reporting_period p LEFT JOIN period_due d USING (period_id)
        GROUP BY ALL ORDER BY p.end_date DESC, p.period_id DESC
    """)
        .df()
    )


def period_dues(con: duckdb.DuckDBPyConnection, *, period_id: str) -> pd.DataFrame:
    """The kinds asked for in a period: data_kind, due_date (NotFound for an unknown period)."""
    cur = con.cursor()
    if not cur.execute("SELECT count(*) FROM reporting_period WHERE period_id = $p", {"p": period_id}).fetchall()[0][0]:
        raise NotFound("period_not_found", period=period_id)
    return cur.execute(
        "SELECT data_kind, due_date FROM period_due WHERE period_id = $p ORDER BY due_date, data_kind", {"p": period_id}
    ).df()


def current_period(con: duckdb.DuckDBPyConnection, *, today: date) -> str | None:
    """The period to show by default: the latest one that has started by ``today`` (else the first)."""
    periods = list_periods(con)
    if periods.empty:
        return None
    started = periods[periods["start_date"].dt.date <= today] if len(periods) else periods
    return str((started if len(started) else periods.iloc[::-1])["period_id"].iloc[0])


def submissions_by_unit(
    con: duckdb.DuckDBPyConnection, *, period_id: str, today: date, scope: str | None = None
) -> pd.DataFrame:
    """One row per unit that must report (in scope) and kind due in the period: unit_code, name,
    unit_type, data_kind, due_date, submissions (files sent), status (STATUSES), review (submitted |
    published | None: the last good file's state), last_good_at, last_good_by, latest_id,
    latest_status, latest_errors, latest_reason; worst first."""
    check_scope(con, scope)
    period_dues(con, period_id=period_id)
    return sql_files.query(
        con,
        "submissions_by_unit",
        {"period_id": period_id, "today": today, "scope": scope, "unit_types": list(REPORTING_UNIT_TYPES)},
    )


def list_submissions(
    con: duckdb.DuckDBPyConnection, *, period_id: str | None = None, status: str | None = None, scope: str | None = None
) -> pd.DataFrame:
    """The files sent by units in scope, newest first (see analytics/sql/list_submissions.sql)."""
    check_scope(con, scope)
    return sql_files.query(con, "list_submissions", {"period_id": period_id, "status": status, "scope": scope})


def tracker_summary(df: pd.DataFrame) -> dict[str, int]:
    """Counts of a ``submissions_by_unit`` frame: units, and (unit, kind) pairs per status."""
    out = {s: int((df["status"] == s).sum()) for s in STATUSES}
    out["units"] = int(df["unit_code"].nunique())
    out["pairs"] = len(df)
    out["awaiting_review"] = int((df["review"] == "submitted").sum())
    return out


def units_missing(df: pd.DataFrame) -> pd.DataFrame:
    """The (unit, kind) pairs still to chase: missing, with errors or returned; for the reminder letter."""
    return df[df["status"].isin(("missing", "with_errors", "returned"))].reset_index(drop=True)


def briefing_figures(con: duckdb.DuckDBPyConnection, *, scope: str | None, as_of: date) -> dict[str, Any]:
    """The briefing slide's numbers for the period current at ``as_of``: each unit by its worst status
    over the kinds due ({"period", "units", "complete" (every kind sent, late or not), "missing",
    "rows": units not complete, worst first, with the kinds they owe, "counts": tracker_summary}).
    Empty ({}) when there is no period."""
    period = current_period(con, today=as_of)
    if period is None:
        return {}
    df = submissions_by_unit(con, period_id=period, today=as_of, scope=scope)
    if df.empty:
        return {}
    rank = {s: i for i, s in enumerate(STATUSES)}
    df = df.assign(_rank=df["status"].map(rank))
    owed = df[~df["status"].isin(("sent", "late"))]
    worst = df.sort_values(["_rank", "name"]).groupby("unit_code", sort=False).first()
    rows = [
        {
            "unit_code": code,
            "name": r["name"],
            "status": r["status"],
            "kinds": sorted(owed.loc[owed["unit_code"] == code, "data_kind"]),
        }
        for code, r in worst.iterrows()
        if r["status"] not in ("sent", "late")
    ]
    return {
        "period": period,
        "units": len(worst),
        "complete": int(worst["status"].isin(("sent", "late")).sum()),
        "missing": int((worst["status"] == "missing").sum()),
        "rows": rows,
        "counts": tracker_summary(df),
    }
