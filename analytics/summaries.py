"""Summary tables (issue 14): person and payroll rows aggregated per unit and date, kept equal to
the raw rows inside the transaction that changes them.

``person_summary`` (people per roster date, unit, category, status), ``person_in_post`` (people in
post per roster date, unit, category, gender and minority, with the leaders, the pool and the birth
dates among them) and ``payroll_summary`` (rows and basic salary fund per month and unit) let the
pages' queries find each unit's latest roster and payroll month, count people in post with their
composition and sum salary funds without scanning millions of raw rows;
``person_twice`` (the roster rows of people in post that several units list on the same date) lets
the check person_two_units look at a few rows instead of grouping every person row, and
``payroll_coef_diff`` (payroll rows whose coefficient differs from the roster's) spares the check
payroll_coef_mismatch joining a month of payroll rows to the roster; ``payroll_person_last`` (each
person's last payroll month in each unit) spares the check reduction_still_paid picking a month of
payroll rows out of the whole table; ``person_posted`` (the roster rows of the people a secondment
names) spares secondment_postings looking a few thousand people up among every person row.
Every load ends in ``batches.close_batch`` and every undo in ``batches.undo_batch``: both call
``refresh`` for the units the batch touched, so a summary never lags its rows, and a rollback rolls
it back with them.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from analytics import sql_files

# (in this order: payroll_coef_diff's refresh reads the first two)
SUMMARY_TABLES = (
    "person_summary",
    "person_in_post",
    "payroll_summary",
    "person_twice",
    "payroll_coef_diff",
    "payroll_person_last",
    "person_posted",
)


@dataclass(frozen=True)
class Touched:
    """What a batch changed that the summary tables follow: the units whose person or payroll rows
    it added or replaced, and whether it added or replaced secondments (whose people person_posted
    holds, in any unit)."""

    units: tuple[str, ...]
    secondments: bool


def batch_touched(cur: duckdb.DuckDBPyConnection, batch_id: int) -> Touched:
    """What the batch changed (ask before an undo removes its rows)."""
    units = cur.execute(sql_files.load("summary_batch_units"), {"batch_id": batch_id}).fetchall()
    posts = cur.execute(
        "SELECT EXISTS (SELECT 1 FROM secondment WHERE batch_id = $b) "
        "OR EXISTS (SELECT 1 FROM secondment__replaced WHERE replaced_by_batch = $b)",
        {"b": batch_id},
    ).fetchone()
    return Touched(tuple(str(r[0]) for r in units), bool(posts and posts[0]))


def refresh(cur: duckdb.DuckDBPyConnection, touched: Touched | None) -> None:
    """Recompute the summary rows of what ``touched`` names (every row when None) on the caller's
    transaction."""
    if touched is None:
        _refresh(cur, SUMMARY_TABLES, None)
        return
    if touched.secondments:  # other secondments, other people: person_posted of every unit
        _refresh(cur, ("person_posted",), None)
    if touched.units:
        per_unit = tuple(t for t in SUMMARY_TABLES if not (touched.secondments and t == "person_posted"))
        _refresh(cur, per_unit, list(touched.units))


def _refresh(cur: duckdb.DuckDBPyConnection, tables: tuple[str, ...], units: list[str] | None) -> None:
    params = {"all": units is None, "units": units or []}
    queries = {
        "person_summary": sql_files.load("refresh_person_summary"),
        "person_in_post": sql_files.load("refresh_person_in_post"),
        "payroll_summary": sql_files.load("refresh_payroll_summary"),
        "person_twice": sql_files.load("refresh_person_twice"),
        "payroll_coef_diff": sql_files.load("refresh_payroll_coef_diff"),
        "payroll_person_last": sql_files.load("refresh_payroll_person_last"),
        "person_posted": sql_files.load("refresh_person_posted"),
    }
    for table in tables:
        cur.execute(
            f"DELETE FROM {table} WHERE $all OR unit_code IN (SELECT unnest(CAST($units AS VARCHAR[])))",  # noqa: S608 allow-listed
            params,
        )
        cur.execute(queries[table], params)
    if "person_twice" in tables:
        # person_twice rows are per person, not per unit: refresh_person_twice adds the other units'
        # rows of a pair the units now share, and a pair the units no longer share may keep a single row.
        cur.execute(sql_files.load("prune_person_twice"))
