"""Summary tables (issue 14): person and payroll rows aggregated per unit and date, kept equal to
the raw rows inside the transaction that changes them.

``person_summary`` (people per roster date, unit, category, status), ``person_in_post`` (people in
post per roster date, unit, category, gender and minority, with the leaders, the pool, the birth
dates and the salary coefficients' count and sum among them) and ``payroll_summary`` (rows and
basic salary fund per month and unit) let the pages' queries find each unit's latest roster and
payroll month, count people in post with their composition and sum salary funds without scanning
millions of raw rows; ``person_twice`` (the roster rows of people in post that several units list
on the same date) lets the check person_two_units look at a few rows instead of grouping every
person row, and ``payroll_coef_diff`` (payroll rows whose coefficient differs from the roster's)
spares the check payroll_coef_mismatch joining a month of payroll rows to the roster;
``payroll_after_leaving`` (the payroll rows of people paid after they left under a reduction
programme) spares the check reduction_still_paid picking a month of payroll rows out of the whole
table; ``person_posted`` (the roster rows of the people a secondment names) spares
secondment_postings looking a few thousand people up among every person row; ``person_coef_off``
(the person rows in post whose coefficient is not the pay scale's) spares the check
coef_not_in_pay_scale joining every person row to the scale.

Of the units themselves: ``unit_rollup`` (every unit with each unit it rolls up to) spares every
query walking the unit tree down from its scope, and the "by unit" and "by agency" breakdowns
walking the whole tree; ``unit_group_key`` (each unit's sector and former province, its own or the
nearest one up the tree) spares the reduction page's groups walking up, and ``unit_agency`` (each
unit's nearest agency up the tree) the secondment postings' sending agency, and ``commune_unit``
(the communes not merged away, each with the postings it received) the secondment page's communes
and their counts, and ``agency_unit`` with
``agency_rollup`` (today's city agencies, and each with the units that roll up to it) the agency
breakdowns' agencies and their units, without picking them out of every unit and every pair. Of the
quota:
``quota_rollup`` (the quota summed per unit it rolls up to, category and year, and over the whole
database) gives a scope's quota per year from one row. Of the rosters and the units:
``roster_latest`` (each unit's latest roster date, unless its successor has a newer one) is the
roster of any date on or after the last roster date, today's usually, without finding each unit's
latest date in every query; ``roster_date`` (per roster date, the units with rows that day and how
many of them have it as their roster date) tells the dates whose rows the roster takes by their date
alone, without joining each row to its unit's date. Of the quota and the units: ``quota_subtotal`` (the quota rows equal to
the sum of their child units' rows) is the rows of the check quota_total_row, found once per
change instead of summing every quota row per parent on each call. Of the rosters alone:
``person_birth`` (people in post per roster date, birth date and gender, over every unit) is the
age pyramid of the whole database on the dates read whole, without grouping their person rows. Of
every data table: ``unknown_unit_ref`` (the rows
naming a unit the unit table does not hold, per table and code) is what a query with no scope
leaves out, and the quality check unknown_unit's rows.

Every load ends in ``batches.close_batch`` and every undo in ``batches.undo_batch``: both call
``refresh`` for the units the batch touched, so a summary never lags its rows, and a rollback rolls
it back with them.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from analytics import sql_files

# (in this order: payroll_coef_diff's refresh reads person_summary and payroll_summary)
SUMMARY_TABLES = (
    "person_summary",
    "person_in_post",
    "payroll_summary",
    "person_twice",
    "payroll_coef_diff",
    "payroll_after_leaving",
    "person_posted",
    "person_coef_off",
)
# Summary tables that also follow another data table, in any unit: a batch that changes that table
# refreshes them whole (other secondments, other people; other cases, other payroll rows).
WHOLE_ON = {"person_posted": "secondment", "payroll_after_leaving": "reduction_case"}
# Summary tables refreshed whole when a batch changes one of the tables named, and only then (a
# unit's ancestors change with the units, not with its people or payroll rows; the quota's sums per
# ancestor with the quota and the units), after SUMMARY_TABLES and in this order: agency_rollup reads
# unit_rollup and agency_unit, quota_rollup unit_rollup, unknown_unit_ref and roster_latest read
# person_summary (the former payroll_summary too), roster_date person_summary and roster_latest.
WHOLE_ONLY = {
    "unit_rollup": ("unit",),
    "unit_group_key": ("unit",),
    "unit_agency": ("unit",),
    "commune_unit": ("unit", "secondment"),
    "agency_unit": ("unit",),
    "agency_rollup": ("unit",),
    "quota_rollup": ("quota", "unit"),
    "unknown_unit_ref": ("unit", "quota", "person", "payroll", "reduction_case", "secondment", "training"),
    "roster_latest": ("unit", "person"),
    "roster_date": ("unit", "person"),
    "quota_subtotal": ("quota", "unit"),
    "person_birth": ("person",),
}
# Data tables whose changes a batch's units tell (summary_batch_units), not a look for its rows.
BY_UNITS = frozenset({"person", "payroll"})


@dataclass(frozen=True)
class Touched:
    """What a batch changed that the summary tables follow: the units whose person or payroll rows
    it added or replaced, and which of the tables of WHOLE_ON and WHOLE_ONLY it added or replaced rows
    of."""

    units: tuple[str, ...]
    tables: frozenset[str]


def batch_touched(cur: duckdb.DuckDBPyConnection, batch_id: int) -> Touched:
    """What the batch changed (ask before an undo removes its rows)."""
    units = cur.execute(sql_files.load("summary_batch_units"), {"batch_id": batch_id}).fetchall()
    tables = set()
    for table in sorted({*WHOLE_ON.values(), *(t for sources in WHOLE_ONLY.values() for t in sources)} - BY_UNITS):
        found = cur.execute(
            f"SELECT EXISTS (SELECT 1 FROM {table} WHERE batch_id = $b) "  # noqa: S608 allow-listed
            f"OR EXISTS (SELECT 1 FROM {table}__replaced WHERE replaced_by_batch = $b)",
            {"b": batch_id},
        ).fetchone()
        if found and found[0]:
            tables.add(table)
    return Touched(tuple(str(r[0]) for r in units), frozenset(tables))


def refresh(cur: duckdb.DuckDBPyConnection, touched: Touched | None) -> None:
    """Recompute the summary rows of what ``touched`` names (every row when None) on the caller's
    transaction."""
    if touched is None:
        _refresh(cur, (*SUMMARY_TABLES, *WHOLE_ONLY), None)
        return
    whole = tuple(t for t in SUMMARY_TABLES if WHOLE_ON.get(t) in touched.tables)
    if whole:
        _refresh(cur, whole, None)
    if touched.units:
        _refresh(cur, tuple(t for t in SUMMARY_TABLES if t not in whole), list(touched.units))
    changed = touched.tables | (BY_UNITS if touched.units else frozenset())
    _refresh(cur, tuple(t for t, sources in WHOLE_ONLY.items() if changed.intersection(sources)), None)


def _refresh(cur: duckdb.DuckDBPyConnection, tables: tuple[str, ...], units: list[str] | None) -> None:
    params = {"all": units is None, "units": units or []}
    queries = {
        "person_summary": sql_files.load("refresh_person_summary"),
        "person_in_post": sql_files.load("refresh_person_in_post"),
        "payroll_summary": sql_files.load("refresh_payroll_summary"),
        "person_twice": sql_files.load("refresh_person_twice"),
        "payroll_coef_diff": sql_files.load("refresh_payroll_coef_diff"),
        "payroll_after_leaving": sql_files.load("refresh_payroll_after_leaving"),
        "person_posted": sql_files.load("refresh_person_posted"),
        "person_coef_off": sql_files.load("refresh_person_coef_off"),
        "unit_rollup": sql_files.load("refresh_unit_rollup"),
        "unit_group_key": sql_files.load("refresh_unit_group_key"),
        "unit_agency": sql_files.load("refresh_unit_agency"),
        "commune_unit": sql_files.load("refresh_commune_unit"),
        "agency_unit": sql_files.load("refresh_agency_unit"),
        "agency_rollup": sql_files.load("refresh_agency_rollup"),
        "quota_rollup": sql_files.load("refresh_quota_rollup"),
        "unknown_unit_ref": sql_files.load("refresh_unknown_unit_ref"),
        "roster_latest": sql_files.load("refresh_roster_latest"),
        "roster_date": sql_files.load("refresh_roster_date"),
        "quota_subtotal": sql_files.load("refresh_quota_subtotal"),
        "person_birth": sql_files.load("refresh_person_birth"),
    }
    for table in tables:
        if table in WHOLE_ONLY:
            cur.execute(f"DELETE FROM {table}")  # noqa: S608 allow-listed; whole, always
        else:
            cur.execute(
                f"DELETE FROM {table} WHERE $all OR unit_code IN (SELECT unnest(CAST($units AS VARCHAR[])))",  # noqa: S608 allow-listed
                params,
            )
        cur.execute(queries[table], {} if table in WHOLE_ONLY else params)
    if "person_twice" in tables:
        # person_twice rows are per person, not per unit: refresh_person_twice adds the other units'
        # rows of a pair the units now share, and a pair the units no longer share may keep a single row.
        cur.execute(sql_files.load("prune_person_twice"))
