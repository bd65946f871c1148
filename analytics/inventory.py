"""What the database holds: counts, freshness, demo marker. Used by the CLI ``info`` and the landing page."""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd

from analytics import db

# Where each data table keeps its "as of" date (identifiers from this allow-list only).
_AS_OF_COLUMN = {
    "quota": "as_of",
    "person": "as_of",
    "payroll": "month",
    "reduction_case": "decision_date",
    "secondment": "start_date",
    "training": "start_date",
}


def database_summary(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Schema version, row count per table, latest as-of date per data table, demo flag, batches."""
    cur = con.cursor()
    counts = db.table_counts(con)
    as_of: dict[str, str | None] = {}
    for table, column in _AS_OF_COLUMN.items():
        row = cur.execute(f"SELECT max({column}) FROM {table}").fetchone()  # noqa: S608 allow-listed
        as_of[table] = row[0].isoformat() if row and row[0] is not None else None
    has_demo = cur.execute("SELECT count(*) > 0 FROM import_batch WHERE kind = 'demo' AND status = 'loaded'").fetchone()
    batches = cur.execute("SELECT count(*) FROM import_batch WHERE status = 'loaded'").fetchone()
    return {
        "schema_version": db.schema_version(con),
        "tables": counts,
        "as_of": as_of,
        "has_demo": bool(has_demo and has_demo[0]),
        "loaded_batches": int(batches[0]) if batches else 0,
        "data_rows": sum(counts.get(t, 0) for t in db.DATA_TABLES),
    }


def data_version(con: duckdb.DuckDBPyConnection) -> str:
    """Changes whenever data or settings change: batches loaded or undone, settings saved, files
    sent or reviewed, reporting periods changed.

    The UI keys its result cache on it, so a new import or a changed target redraws at once.
    """
    row = (
        con.cursor()
        .execute("""
        SELECT (SELECT coalesce(max(batch_id), 0) FROM import_batch),
               (SELECT count(*) FROM import_batch WHERE status = 'undone'),
               (SELECT coalesce(max(change_id), 0) FROM setting_history),
               (SELECT concat(coalesce(max(submission_id), 0), '-', count(reviewed_at)) FROM submission),
               (SELECT coalesce(hash(string_agg(concat(period_id, data_kind, due_date), ',' ORDER BY period_id, data_kind)), 0)
                FROM period_due)
    """)
        .fetchone()
    )
    return ":".join(str(v) for v in (row or ()))


def snapshot_dates(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Roster as-of dates present in the database, newest first (ISO strings)."""
    rows = con.cursor().execute("SELECT DISTINCT as_of FROM person ORDER BY as_of DESC").fetchall()
    return [r[0].isoformat() for r in rows]


def freshness_by_table(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per data table: rows, latest data date, last loaded (batch time) and by whom."""
    cur = con.cursor()
    out = []
    for table, column in _AS_OF_COLUMN.items():
        # rows counted per batch first, then joined to the few batches: joining every row to its
        # batch took 0,2-0,4 s on 23 million payroll rows
        per_batch = f"SELECT batch_id, count(*) AS n, max({column}) AS latest FROM {table} GROUP BY batch_id"  # noqa: S608 allow-listed
        totals = "coalesce(sum(t.n), 0)::BIGINT, max(t.latest), max(b.created_at), arg_max(b.created_by, b.created_at)"
        sql = f"SELECT {totals} FROM ({per_batch}) t LEFT JOIN import_batch b USING (batch_id)"  # noqa: S608 allow-listed
        row = cur.execute(sql).fetchone()
        n, latest, loaded_at, loaded_by = row if row else (0, None, None, None)
        out.append({"table": table, "rows": n, "latest": latest, "loaded_at": loaded_at, "loaded_by": loaded_by})
    return pd.DataFrame(out)
