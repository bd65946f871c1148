"""Summary tables (issue 14): person and payroll rows aggregated per unit and date, kept equal to
the raw rows inside the transaction that changes them.

``person_summary`` (people per roster date, unit, category, status) and ``payroll_summary`` (rows
and basic salary fund per month and unit) let the pages' queries find each unit's latest roster and
payroll month, count people in post and sum salary funds without scanning millions of raw rows;
``person_twice`` (the roster rows of people in post that several units list on the same date) lets
the check person_two_units look at a few rows instead of grouping every person row, and
``payroll_coef_diff`` (payroll rows whose coefficient differs from the roster's) spares the check
payroll_coef_mismatch joining a month of payroll rows to the roster; ``payroll_person_last`` (each
person's last payroll month in each unit) spares the check reduction_still_paid picking a month of
payroll rows out of the whole table.
Every load ends in ``batches.close_batch`` and every undo in ``batches.undo_batch``: both call
``refresh`` for the units the batch touched, so a summary never lags its rows, and a rollback rolls
it back with them.
"""

from __future__ import annotations

import duckdb

from analytics import sql_files

# (in this order: payroll_coef_diff's refresh reads the first two)
SUMMARY_TABLES = ("person_summary", "payroll_summary", "person_twice", "payroll_coef_diff", "payroll_person_last")


def batch_units(cur: duckdb.DuckDBPyConnection, batch_id: int) -> list[str]:
    """Units whose person or payroll rows the batch added or replaced (ask before an undo removes them)."""
    return [str(r[0]) for r in cur.execute(sql_files.load("summary_batch_units"), {"batch_id": batch_id}).fetchall()]


def refresh(cur: duckdb.DuckDBPyConnection, units: list[str] | None) -> None:
    """Recompute the summary rows of ``units`` (all rows when None) on the caller's transaction."""
    if units is not None and not units:
        return
    params = {"all": units is None, "units": units or []}
    queries = {
        "person_summary": sql_files.load("refresh_person_summary"),
        "payroll_summary": sql_files.load("refresh_payroll_summary"),
        "person_twice": sql_files.load("refresh_person_twice"),
        "payroll_coef_diff": sql_files.load("refresh_payroll_coef_diff"),
        "payroll_person_last": sql_files.load("refresh_payroll_person_last"),
    }
    for table in SUMMARY_TABLES:
        cur.execute(
            f"DELETE FROM {table} WHERE $all OR unit_code IN (SELECT unnest(CAST($units AS VARCHAR[])))",  # noqa: S608 allow-listed
            params,
        )
        cur.execute(queries[table], params)
    # person_twice rows are per person, not per unit: refresh_person_twice adds the other units' rows
    # of a pair the units now share, and a pair the units no longer share may keep a single row.
    cur.execute(sql_files.load("prune_person_twice"))
