"""Reorganisation, job positions and inspections (issue 15; seed 002 §II.2.b, d; DOMAIN.md §3).

Conventions (where the report is silent):
  * a unit's group comes from its type and level (analytics/sql/_reorg_units.sql): so_nganh,
    co_quan_khac, chi_cuc (a city-level division named "Chi cục …"), cqcm_huyen (a district's
    division), dvsnc; the report's 139 = 19 + 4 + 13 + 103 are the first four groups;
  * "reorganised" = units with at least one decision dated in the window, whatever it did; "cut" =
    merged or dissolved; "created" = newly created (schools = sector giao_duc, health = y_te, the rest
    other); "restructured internally" = units with a kien_toan decision, with the sub-units removed;
  * job positions: the denominator is what the returns list as eligible (a unit listed as not eligible
    — being dissolved, not yet operating — is data, never a constant); approved = eligible with a
    decision dated on or before ``as_of``; the latest approval of each unit counts;
  * inspections: distinct units inspected per calendar year (a unit inspected twice counts once).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import pandas as pd

from analytics import sql_files, units
from analytics.scope import check_scope

UNIT_GROUPS = ("so_nganh", "co_quan_khac", "chi_cuc", "cqcm_huyen", "dvsnc")
# The groups of "cơ quan, tổ chức hành chính" whose job positions and grade structure the city approves.
ADMIN_GROUPS = UNIT_GROUPS[:4]


def _by_group(raw: pd.DataFrame) -> pd.DataFrame:
    df = raw.set_index("unit_group").reindex(list(UNIT_GROUPS)).fillna(0).astype("int64")
    return df.rename_axis("unit_group").reset_index()


def reorganisation_by_group(
    con: duckdb.DuckDBPyConnection, *, start: date, end: date, as_of: date, scope: str | None = None
) -> pd.DataFrame:
    """One row per unit group (UNIT_GROUPS order): units (existing at as_of), reorganised, cut,
    created, created_schools, created_health, created_other, restructured, removed_divisions,
    removed_faculties, removed_branches, removed_other, removed_total (internal sub-units), decisions,
    reorganised_pct (% of units). Decisions dated start..end."""
    check_scope(con, scope)
    df = _by_group(
        sql_files.query(con, "reorganisation_by_group", {"scope": scope, "start": start, "end": end, "as_of": as_of})
    )
    df["created_other"] = df["created"] - df["created_schools"] - df["created_health"]
    df["removed_total"] = df[["removed_divisions", "removed_faculties", "removed_branches", "removed_other"]].sum(
        axis=1
    )
    df["reorganised_pct"] = df["reorganised"] / df["units"].where(df["units"] != 0) * 100
    return df


def reorganisation_by_year(
    con: duckdb.DuckDBPyConnection, *, start: date, end: date, scope: str | None = None
) -> pd.DataFrame:
    """One row per year of decision and action: year, action, units (distinct), decisions."""
    check_scope(con, scope)
    return sql_files.query(con, "reorganisation_by_year", {"scope": scope, "start": start, "end": end, "as_of": end})


def reorganisation_by_agency(
    con: duckdb.DuckDBPyConnection, *, start: date, end: date, as_of: date, scope: str | None = None
) -> pd.DataFrame:
    """One row per agency with any decision, approval or inspection: agency_code, name, unit_type,
    reorganised, cut, created, restructured, removed_sub_units, decisions (dated start..end),
    eligible, approved (job positions at as_of), approved_pct, inspected (units), findings
    (inspections dated start..end)."""
    check_scope(con, scope)
    df = sql_files.query(con, "reorganisation_by_agency", {"scope": scope, "start": start, "end": end, "as_of": as_of})
    df["approved_pct"] = df["approved"] / df["eligible"].where(df["eligible"] != 0) * 100
    return df


def reorg_decision_trail(
    con: duckdb.DuckDBPyConnection, *, start: date, end: date, scope: str | None = None, agency: str | None = None
) -> pd.DataFrame:
    """One row per decision dated start..end (of units of ``agency`` when given), newest first:
    decision_date, decision_no, effective_date, unit_code, unit_name, unit_group, agency_code,
    agency_name, action, successor_code, successor_name, removed_divisions, removed_faculties,
    removed_branches, removed_other, note."""
    check_scope(con, scope)
    return sql_files.query(
        con, "reorg_decision_trail", {"scope": scope, "start": start, "end": end, "as_of": end, "agency": agency}
    )


def job_positions_by_group(con: duckdb.DuckDBPyConnection, *, as_of: date, scope: str | None = None) -> pd.DataFrame:
    """One row per unit group: listed (units in the returns), not_eligible, eligible, approved,
    approved_pct (% of eligible), positions_leadership, positions_professional, positions_shared,
    positions_support (latest approval of each unit dated on or before as_of)."""
    check_scope(con, scope)
    df = _by_group(sql_files.query(con, "job_positions_by_group", {"scope": scope, "as_of": as_of}))
    df["approved_pct"] = df["approved"] / df["eligible"].where(df["eligible"] != 0) * 100
    return df


def inspections_by_year(con: duckdb.DuckDBPyConnection, *, scope: str | None = None) -> pd.DataFrame:
    """One row per calendar year: year, inspections, units_inspected (distinct), scheduled,
    unannounced, findings."""
    check_scope(con, scope)
    return sql_files.query(con, "inspections_by_year", {"scope": scope})


def reorg_dates(con: duckdb.DuckDBPyConnection, *, scope: str | None = None) -> tuple[date | None, date | None]:
    """First and last date of the reorganisation, job-position and inspection data in scope."""
    check_scope(con, scope)
    row = sql_files.records(con, "reorg_dates", {"scope": scope})[0]
    return row["first_date"], row["last_date"]


def unit_merged_from(con: duckdb.DuckDBPyConnection, *, unit: str) -> pd.DataFrame:
    """The units merged into ``unit``, recursively: depth (1 = straight into it), unit_code, name,
    unit_type, into_code, into_name, valid_to, decision_no, decision_date (the merger decision, when
    imported)."""
    check_scope(con, unit)
    return sql_files.query(con, "unit_merged_from", {"unit": unit})


def briefing_figures(
    con: duckdb.DuckDBPyConnection,
    *,
    scope: str | None,
    as_of: date,
    whole_city: bool,
    report_scope: str,
    report_as_of: date,
) -> dict[str, Any]:
    """The briefing slide's figures: {"scope", "scope_name", "as_of", "start", "inspection_year",
    "params" (the title's numbers), "rows": [{"measure", "done", "of"}]} ("rows" empty without data).

    The whole city's deck shows the report's scope and date (settings ``reorg_report_*``, as the page
    opens): after 1/7/2025 the new city's agencies would join the old ones' denominator. A unit's deck
    shows that unit at the deck's date. Never a date after the deck's. Decisions from the first on
    record to that date."""
    if (
        whole_city
        and report_scope
        and con.cursor().execute("SELECT count(*) FROM unit WHERE unit_code = $u", {"u": report_scope}).fetchall()[0][0]
    ):
        scope, as_of = report_scope, min(as_of, report_as_of)
    first, _ = reorg_dates(con, scope=scope)
    out: dict[str, Any] = {
        "scope": scope,
        "scope_name": units.unit_name(con, unit_code=scope) if scope else None,
        "as_of": as_of.isoformat(),
        "rows": [],
    }
    if first is None or first > as_of:
        return out
    g = reorganisation_by_group(con, start=first, end=as_of, as_of=as_of, scope=scope).set_index("unit_group")
    j = job_positions_by_group(con, as_of=as_of, scope=scope).set_index("unit_group")
    insp = inspections_by_year(con, scope=scope)
    admin = list(ADMIN_GROUPS)
    rows = [
        ("agencies_reorganised", g.at["so_nganh", "reorganised"], g.at["so_nganh", "units"]),
        ("sub_departments_reorganised", g.at["chi_cuc", "reorganised"], g.at["chi_cuc", "units"]),
        ("services_cut", g.at["dvsnc", "cut"], None),
        ("services_created", g.at["dvsnc", "created"], None),
        ("services_restructured", g.at["dvsnc", "restructured"], None),
        ("sub_units_removed", g.at["dvsnc", "removed_total"], None),
        ("jobs_admin", j.loc[admin, "approved"].sum(), j.loc[admin, "eligible"].sum()),
        ("jobs_services", j.at["dvsnc", "approved"], j.at["dvsnc", "eligible"]),
        ("units_inspected", insp.loc[insp["year"] == as_of.year, "units_inspected"].sum(), None),
    ]
    # A total of 0 is a group with no unit at the date (the chi cục of a province whose agencies took
    # them in by 2025): "3 / 0" would read as three of none. The count stands alone, as a cut does.
    out["rows"] = [{"measure": m, "done": done, "of": of if of else None} for m, done, of in rows]
    out.update(
        start=first.isoformat(),
        inspection_year=as_of.year,
        params={
            "reorganised": g.at["so_nganh", "reorganised"],
            "units": g.at["so_nganh", "units"],
            "cut": g.at["dvsnc", "cut"],
            "created": g.at["dvsnc", "created"],
        },
    )
    return out
