"""A checked upload (``Plan``, what ``pipeline.prepare`` returns) and its load: one batch, one
transaction, audited by whoever imports (``load``). Split from ``pipeline``, which re-exports it.

Audit (issue 16): ``load`` writes the ``import`` row inside its own transaction, after the rows,
and an ``import_rejected`` row when the plan has errors or the transaction rolled back;
``audit_rejected`` is also what ``prepare`` writes when its checks refuse the files.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb
import pandas as pd

from analytics import audit
from analytics.batches import close_batch, open_batch, replace_rows
from analytics.db import DATA_TABLES, transaction
from analytics.errors import ImportRejected, OversightError
from analytics.ingest import mappings, staging
from analytics.ingest.problems import Problem, has_errors, problems_frame
from analytics.ingest.sources import Progress
from analytics.ingest.staging import StagedTables, Staging

PREVIEW_COLUMNS = (
    "file",
    "sheet",
    "kind",
    "header_rows",
    "columns",
    "data_rows",
    "rows",
    "skipped_total",
    "skipped_section",
    "skipped_hidden",
    "skipped_footer",
    "ignored_columns",
)
_LOAD_LOCK = threading.Lock()
Also = Callable[[duckdb.DuckDBPyConnection, int], None]  # (cursor in load's transaction, batch id)


@dataclass
class FileInfo:
    name: str
    sha256: str
    size_bytes: int


@dataclass
class Plan:
    """The outcome of ``prepare``: load it only when ``ok``. Its typed rows are on disk until
    ``close()`` (or garbage collection, or exit); usable as a context manager."""

    files: list[FileInfo]
    sheets: list[dict[str, Any]]  # file, sheet, kind, header_rows, data_rows, skipped counts
    staging: Staging
    problems: list[Problem]
    as_of: date | None = None
    replaced: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step, for the benchmark
    layouts: list[mappings.SheetLayout] = field(default_factory=list)  # headers per sheet, for mapping by hand

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)

    @property
    def tables(self) -> StagedTables:
        """table -> typed rows with _file, _sheet, _row, read from the staged parts on access."""
        return StagedTables(self.staging)

    def problems_frame(self) -> pd.DataFrame:
        return problems_frame(self.problems)

    def preview(self) -> pd.DataFrame:
        """One row per sheet: what was recognised and what was skipped, and why (no rows, same
        columns, when nothing was recognised)."""
        return pd.DataFrame(self.sheets, columns=list(PREVIEW_COLUMNS))

    def rows_by_table(self) -> dict[str, int]:
        counts = self.staging.rows_by_table()
        return {t: counts[t] for t in DATA_TABLES if counts.get(t)}

    def close(self) -> None:
        """Remove the staged rows (the plan cannot be loaded afterwards)."""
        self.staging.close()

    def __enter__(self) -> Plan:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass
class LoadResult:
    batch_id: int
    rows_by_table: dict[str, int]
    replaced: dict[str, int]


def audit_rejected(con: duckdb.DuckDBPyConnection, plan: Plan, user: str, *, stage: str, **detail: Any) -> None:
    """An ``import_rejected`` row: the files' names and sha256, where it stopped, counts or a code."""
    audit.record(
        con,
        username=user,
        event="import_rejected",
        detail={"files": [{"name": f.name, "sha256": f.sha256} for f in plan.files], "stage": stage, **detail},
    )


def load(
    con: duckdb.DuckDBPyConnection,
    plan: Plan,
    *,
    user: str,
    kind: str = "upload",
    note: str | None = None,
    progress: Progress | None = None,
    also: Also | None = None,
) -> LoadResult:
    """Store a plan as one batch, all or nothing; older snapshots of the same keys are replaced.

    ``also(cur, batch_id)`` runs inside the same transaction, after the rows: what must commit with
    them or not at all (publishing a submission marks it published there); its exception rolls all
    back.

    ``progress(step, fraction)``: ``load:<table>`` per staged part (a sheet), ``commit``, ``done``. DuckDB runs the
    load on one thread: a second one gains nothing (100.000 roster rows: 0,36 s with one, 0,38 s
    with two) and loses a lot when another process holds the other core (0.22 s vs 0.65 s, measured
    with the primary keys person had before migration 30). The setting is restored afterwards.

    Audited by ``user``: ``import`` in the load's own transaction; ``import_rejected`` when the plan
    has errors or the transaction rolled back (any exception: it is recorded, then re-raised). A
    failure after the transaction's body (its COMMIT, SQLite's, or the publish) is checked on the
    writer first: a batch that did commit is not rejected (``_committed``).
    """
    if not plan.ok:
        errors = [p for p in plan.problems if p.severity == "error"]
        audit_rejected(con, plan, user, stage="load", errors=len(errors))
        raise ImportRejected(errors)
    if plan.staging.closed:
        raise OversightError("import_plan_closed")
    reached: list[int] = []  # the batch, once the transaction's body has run: only the commits are left
    try:
        return _load(con, plan, user, kind, note, progress, reached, also)
    except Exception as exc:
        if reached and _committed(con, reached[0]):
            raise
        reason: dict[str, Any] = {"error": exc.code if isinstance(exc, OversightError) else type(exc).__name__}
        if isinstance(exc, ImportRejected):
            reason["problems"] = sorted({p.code for p in exc.problems})
        audit_rejected(con, plan, user, stage="load", **reason)
        raise


def _committed(con: duckdb.DuckDBPyConnection, batch_id: int) -> bool:
    """Whether a batch whose load failed after its transaction's body is in the database, asked on the
    writer — which publishes it if the publish was what failed — and then given its audit row if
    SQLite's commit was what failed (``audit.reconcile_batches``)."""
    with transaction(con) as cur:
        found = cur.execute("SELECT count(*) FROM import_batch WHERE batch_id = $b", {"b": batch_id}).fetchone()
        if found and found[0]:
            audit.reconcile_batches(cur)
            return True
    return False


def _load(
    con: duckdb.DuckDBPyConnection,
    plan: Plan,
    user: str,
    kind: str,
    note: str | None,
    progress: Progress | None,
    reached: list[int],
    also: Also | None,
) -> LoadResult:
    report = progress or (lambda step, fraction: None)
    counts = plan.staging.rows_by_table()
    tables = [t for t in DATA_TABLES if counts.get(t)]
    rows: dict[str, int] = {}
    replaced: dict[str, int] = {}
    with _LOAD_LOCK:  # one load at a time per process: the thread setting is the database's, not the cursor's
        threads = con.cursor().execute("SELECT current_setting('threads')").fetchall()[0][0]
        try:
            con.cursor().execute("SET threads = 1")
            batch_id = _store(con, plan, kind, user, note, tables, counts, rows, replaced, report, reached, also)
        except (duckdb.ConstraintException, duckdb.ConversionException) as exc:  # the rest is fit per cell
            raise ImportRejected([Problem("db_constraint", params={"detail": str(exc).splitlines()[0][:200]})]) from exc
        finally:
            con.cursor().execute(f"SET threads = {int(threads)}")
    report("done", 1.0)
    return LoadResult(batch_id, rows, replaced)


def _store(
    con: duckdb.DuckDBPyConnection,
    plan: Plan,
    kind: str,
    user: str,
    note: str | None,
    tables: list[str],
    counts: dict[str, int],
    rows: dict[str, int],
    replaced: dict[str, int],
    report: Progress,
    reached: list[int],
    also: Also | None,
) -> int:
    """The one transaction of ``load``: batch, replaced rows, inserts part by part; returns the batch."""
    total = sum(counts[t] for t in tables) or 1
    done = 0
    with transaction(con) as cur:
        batch_id = open_batch(
            cur,
            kind=kind,
            user=user,
            as_of=plan.as_of,
            note=note,
            files=[(f.name, f.sha256, f.size_bytes) for f in plan.files],
        )
        for table in tables:
            replaced[table] = replace_rows(cur, table, staging.replace_keys(con, plan.staging, table), batch_id)
            rows[table] = 0
            for part in plan.staging.parts_of(table):  # part by part: the bar moves on a big table too
                report(f"load:{table}", 0.95 * done / total)
                rows[table] += staging.insert(cur, part, batch_id)
                done += part.rows
        mappings.mark_used(cur, {i for layout in plan.layouts for i in layout.applied})
        close_batch(cur, batch_id, rows)
        if also is not None:
            also(cur, batch_id)
        # Last, so SQLite's write lock is held only from here to the commit; then any row a crash lost.
        audit.record_in_transaction(
            cur,
            username=user,
            event="import",
            target=batch_id,
            detail={
                "files": [{"name": f.name, "sha256": f.sha256} for f in plan.files],
                "rows": dict(rows),
                "replaced": dict(replaced),
                "kind": kind,
            },
        )
        audit.reconcile_batches(cur)
        report("commit", 0.95)
        reached.append(batch_id)
    return batch_id
