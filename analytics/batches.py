"""Import batches: open one, replace older rows (kept for undo), close it, list, undo.

Every data row carries the batch that loaded it. A row that a newer upload replaces moves to
``<table>__replaced`` with the replacing batch, so ``undo_batch`` restores the database exactly:
it deletes the batch's rows and moves the rows it replaced back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import duckdb
import pandas as pd

from analytics import audit, summaries
from analytics.db import DATA_TABLES, scalar, transaction
from analytics.errors import NotFound, OversightError


def open_batch(
    cur: duckdb.DuckDBPyConnection,
    *,
    kind: str,
    user: str,
    as_of: date | None = None,
    note: str | None = None,
    files: Sequence[tuple[str, str, int]] = (),
) -> int:
    """Insert a batch row (inside the caller's transaction) and its files (name, sha256, size)."""
    row = cur.execute(
        "INSERT INTO import_batch (kind, created_by, as_of, note) VALUES ($k, $u, $a, $n) RETURNING batch_id",
        {"k": kind, "u": user, "a": as_of, "n": note},
    ).fetchone()
    assert row is not None
    batch_id = int(row[0])
    for name, sha, size in files:
        cur.execute("INSERT INTO import_file VALUES ($b, $n, $s, $z)", {"b": batch_id, "n": name, "s": sha, "z": size})
    return batch_id


# The keys of the two big tables, which carry no primary key (schema.sql, migration 30): a load's
# rows are checked here instead. A batch's rows are all the table holds of their keys, as a batch
# replaces every row of the units and dates it loads (``replace_rows``), so its own rows are enough.
UNIQUE_KEYS = {"person": ("as_of", "unit_code", "person_id"), "payroll": ("month", "unit_code", "person_id")}


def unique_keys(cur: duckdb.DuckDBPyConnection, batch_id: int, tables: Sequence[str]) -> None:
    """Raise ``duckdb.ConstraintException``, as the primary key did, when a key of ``UNIQUE_KEYS``
    comes twice among the rows of ``batch_id`` (a hash aggregate: ~10 ms per 100.000 rows)."""
    for table in tables:
        key = UNIQUE_KEYS.get(table)
        if key is None:
            continue
        cols = ", ".join(f'"{c}"' for c in key)
        twice = cur.execute(
            f"SELECT {cols} FROM {table} WHERE batch_id = $b GROUP BY ALL HAVING count(*) > 1 LIMIT 1",  # noqa: S608 allow-listed
            {"b": batch_id},
        ).fetchall()
        if twice:
            shown = ", ".join(f"{c}: {v}" for c, v in zip(key, twice[0], strict=True))
            raise duckdb.ConstraintException(f'Duplicate key "{shown}" in table "{table}" (batch {batch_id})')


def close_batch(cur: duckdb.DuckDBPyConnection, batch_id: int, rows_by_table: Mapping[str, int]) -> None:
    """End a load (inside its transaction): check the keys of its rows (``unique_keys``), record its
    row counts and refresh the summary tables of the units it touched."""
    unique_keys(cur, batch_id, [t for t, n in rows_by_table.items() if n])
    summaries.refresh(cur, summaries.batch_touched(cur, batch_id))
    cur.execute(
        "UPDATE import_batch SET rows_by_table = $r WHERE batch_id = $b",
        {"r": json.dumps(dict(rows_by_table)), "b": batch_id},
    )


def _check_table(table: str) -> str:
    if table not in DATA_TABLES:
        raise ValueError(f"not a data table: {table}")
    return table


def replace_rows(cur: duckdb.DuckDBPyConnection, table: str, keys: pd.DataFrame, batch_id: int) -> int:
    """Archive and delete the rows of ``table`` that match ``keys`` on all of its columns.

    ``keys`` holds the identifying columns of the rows about to be loaded (e.g. unit_code, as_of for
    a roster snapshot). Column names must be columns of the table; they are checked against the
    catalogue. Returns the number of rows replaced.
    """
    t = _check_table(table)
    columns = {
        r[0]
        for r in cur.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = $t", {"t": t}
        ).fetchall()
    }
    cols = list(keys.columns)
    if not cols or not set(cols) <= columns:
        raise ValueError(f"bad key columns for {t}: {cols}")
    cur.register("_replace_keys", keys.drop_duplicates())
    try:
        on = " AND ".join(f'x."{c}" IS NOT DISTINCT FROM k."{c}"' for c in cols)
        match = f"SELECT x.* FROM {t} x SEMI JOIN _replace_keys k ON {on}"  # noqa: S608 catalogue-checked
        # Whether any row matches, counted (from the key columns alone): copying the matches reads
        # every column of every row first (0,11-0,16 s over the country's 4 million roster rows,
        # against 0,01 s), and a new roster date or payroll month, the usual load, replaces nothing.
        if not cur.execute(f"SELECT count(*) FROM ({match})").fetchall()[0][0]:  # noqa: S608
            return 0
        cur.execute(f"INSERT INTO {t}__replaced SELECT *, $b FROM ({match})", {"b": batch_id})  # noqa: S608
        n = cur.execute(f"DELETE FROM {t} x WHERE EXISTS (SELECT 1 FROM _replace_keys k WHERE {on})").fetchone()  # noqa: S608
    finally:
        cur.unregister("_replace_keys")
    return int(n[0]) if n else 0


def list_batches(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per batch, newest first: batch_id, kind, status, created_at/by, as_of, files, rows."""
    return (
        con.cursor()
        .execute("""
        SELECT b.batch_id, b.kind, b.status, b.created_at, b.created_by, b.as_of, b.note,
               b.rows_by_table, b.undone_at, b.undone_by,
               coalesce(string_agg(f.file_name, ', ' ORDER BY f.file_name), '') AS files
        FROM import_batch b LEFT JOIN import_file f USING (batch_id)
        GROUP BY ALL ORDER BY b.batch_id DESC
    """)
        .df()
    )


def undo_batch(con: duckdb.DuckDBPyConnection, batch_id: int, *, user: str) -> dict[str, int]:
    """Remove a batch's rows and restore the rows it replaced, in one transaction.

    Refused (``batch_undo_blocked``) while a later loaded batch replaced rows of this one: undo
    that one first. Returns rows removed per table. Audited in the same transaction by ``user``
    (``undo``, or ``demo_remove`` for the demo batch).
    """
    with transaction(con) as cur:
        row = cur.execute("SELECT status, kind FROM import_batch WHERE batch_id = $b", {"b": batch_id}).fetchone()
        if row is None:
            raise NotFound("batch_not_found", batch_id=batch_id)
        if row[0] == "undone":
            raise OversightError("batch_already_undone", batch_id=batch_id)
        for t in DATA_TABLES:
            later = cur.execute(
                f"SELECT min(replaced_by_batch) FROM {t}__replaced WHERE batch_id = $b",  # noqa: S608 allow-listed
                {"b": batch_id},
            ).fetchone()
            if later and later[0] is not None:
                raise OversightError("batch_undo_blocked", batch_id=batch_id, later_batch=int(later[0]))
        touched = summaries.batch_touched(cur, batch_id)
        removed: dict[str, int] = {}
        for t in DATA_TABLES:
            n = cur.execute(f"DELETE FROM {t} WHERE batch_id = $b", {"b": batch_id}).fetchone()  # noqa: S608
            removed[t] = int(n[0]) if n else 0
            cur.execute(
                f"INSERT INTO {t} SELECT * EXCLUDE (replaced_by_batch) FROM {t}__replaced "  # noqa: S608
                "WHERE replaced_by_batch = $b",
                {"b": batch_id},
            )
            cur.execute(f"DELETE FROM {t}__replaced WHERE replaced_by_batch = $b", {"b": batch_id})  # noqa: S608
        summaries.refresh(cur, touched)
        cur.execute(
            "UPDATE import_batch SET status = 'undone', undone_at = current_localtimestamp(), "
            "undone_by = $u WHERE batch_id = $b",
            {"u": user, "b": batch_id},
        )
        # Last, so SQLite's write lock is held only from here to the commit; then any row a crash lost.
        audit.record_in_transaction(
            cur, username=user, event=audit.batch_event(row[1], undone=True), target=batch_id, detail={"rows": removed}
        )
        audit.reconcile_batches(cur)
    return removed


def demo_batches(con: duckdb.DuckDBPyConnection) -> list[int]:
    rows = (
        con.cursor()
        .execute("SELECT batch_id FROM import_batch WHERE kind = 'demo' AND status = 'loaded' ORDER BY batch_id")
        .fetchall()
    )
    return [int(r[0]) for r in rows]


def remove_demo(con: duckdb.DuckDBPyConnection, *, user: str) -> dict[str, int]:
    """Undo every loaded demo batch, newest first. Returns rows removed per table."""
    total: dict[str, int] = {}
    for b in reversed(demo_batches(con)):
        for t, n in undo_batch(con, b, user=user).items():
            total[t] = total.get(t, 0) + n
    return total


def batch_rows(con: duckdb.DuckDBPyConnection, batch_id: int) -> dict[str, Any]:
    """Rows per data table currently attributed to a batch."""
    cur = con.cursor()
    return {
        t: scalar(cur, f"SELECT count(*) FROM {t} WHERE batch_id = $b", {"b": batch_id})  # noqa: S608
        for t in DATA_TABLES
    }
