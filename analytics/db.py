"""The only place that opens DuckDB: creates the schema, upgrades old files, seeds reference data.

Migrations: ``analytics/migrations/NNNN_name.sql`` takes a database from version NNNN-1 to NNNN.
A new database gets ``schema.sql`` at the latest version directly; an older file gets each missing
migration (one transaction each), then ``schema.sql`` again, which only adds new tables and
refreshes views (every statement in it is IF NOT EXISTS / OR REPLACE).
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from analytics import reference
from analytics.config import Settings
from analytics.errors import DatabaseError

SCHEMA_PATH = Path(__file__).with_name("schema.sql")
MIGRATIONS_DIR = Path(__file__).with_name("migrations")

# Tables that hold imported data (each has batch_id), in load order.
DATA_TABLES = (
    "unit",
    "quota",
    "person",
    "payroll",
    "reduction_case",
    "secondment",
    "secondment_review",
    "training",
    "reorg_decision",
    "job_position",
    "inspection",
)
REFERENCE_TABLES = ("base_salary", "pay_scale", "retirement_age")


def migrations() -> list[tuple[int, Path]]:
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        m = re.match(r"(\d{4})_", path.name)
        if m:
            found.append((int(m.group(1)), path))
    return found


@cache
def latest_version() -> int:
    """The schema version of this program (its files do not change while it runs)."""
    return max([1, *(v for v, _ in migrations())])


def config(settings: Settings) -> dict[str, str | bool | int | float | list[str]]:
    return {
        # DuckDB would otherwise try to download extensions; this product must work offline.
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "memory_limit": settings.duckdb_memory_limit,
        "threads": settings.duckdb_threads,
    }


def connect(path: str | Path | None = None, *, settings: Settings | None = None) -> duckdb.DuckDBPyConnection:
    """Open (creating or upgrading) the database at ``path`` and return the process's connection."""
    settings = settings or Settings.from_env(path)
    db_path = Path(path) if path is not None else settings.db_path
    if str(db_path) != ":memory:":
        db_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(db_path), config=config(settings))
    except duckdb.IOException as exc:
        # Typically another process (the dashboard, an import) holds the file's write lock.
        raise DatabaseError("db_locked", path=str(db_path), detail=str(exc).splitlines()[0]) from exc
    except duckdb.Error as exc:
        raise DatabaseError("db_unreadable", path=str(db_path), detail=str(exc).splitlines()[0]) from exc
    try:
        ensure_schema(con)
    except BaseException:
        con.close()
        raise
    return con


def schema_version(con: duckdb.DuckDBPyConnection) -> int | None:
    cur = con.cursor()
    exists = cur.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_version' AND schema_name = 'main'"
    ).fetchone()
    if not exists or not exists[0]:
        return None
    row = cur.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else None


def ensure_schema(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the database to the latest schema version; returns that version."""
    target = latest_version()
    current = schema_version(con)
    cur = con.cursor()
    if current is not None and current > target:
        raise DatabaseError("db_too_new", version=current, supported=target)
    if current == target:
        return target
    cur.execute("BEGIN TRANSACTION")
    try:
        cur.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
            "applied_at TIMESTAMP NOT NULL DEFAULT current_localtimestamp())"
        )
        if current is None:
            cur.execute(SCHEMA_PATH.read_text(encoding="utf-8"))
            _seed_reference(cur)
            cur.execute("INSERT INTO schema_version (version) VALUES ($v)", {"v": target})
        else:
            for version, path in migrations():
                if version > current:
                    cur.execute(path.read_text(encoding="utf-8"))
                    cur.execute("INSERT INTO schema_version (version) VALUES ($v)", {"v": version})
            cur.execute(SCHEMA_PATH.read_text(encoding="utf-8"))
        cur.execute("COMMIT")
    except duckdb.Error as exc:
        cur.execute("ROLLBACK")
        raise DatabaseError(
            "db_upgrade_failed", version=current, target=target, detail=str(exc).splitlines()[0]
        ) from exc
    return target


def _seed_reference(cur: duckdb.DuckDBPyConnection) -> None:
    cur.executemany("INSERT INTO base_salary VALUES (?, ?)", list(reference.BASE_SALARY_DEFAULTS))
    cur.executemany("INSERT INTO pay_scale VALUES (?, ?, ?, ?)", reference.pay_scale_rows())
    cur.executemany("INSERT INTO retirement_age VALUES (?, ?, ?)", reference.retirement_age_rows())


# --- one cursor per thread and connection, for reads ---------------------------------------------------
# A DuckDB connection must not run two queries at once, so every read takes a cursor of its own; but a
# query on a new cursor costs about half a millisecond more than on one that has run queries before
# (a page's data is some forty queries). So each thread keeps one cursor per connection, forgotten
# with the connection (a cursor does not keep its connection's object alive).
_THREAD_CURSORS: weakref.WeakKeyDictionary[duckdb.DuckDBPyConnection, dict[int, duckdb.DuckDBPyConnection]] = (
    weakref.WeakKeyDictionary()
)
_THREAD_CURSORS_LOCK = threading.Lock()


def thread_cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """This thread's cursor on ``con``, for a read fetched whole before the next one (never inside a
    transaction of ``con``'s: it is a connection of its own, as ``con.cursor()``)."""
    with _THREAD_CURSORS_LOCK:
        per_thread = _THREAD_CURSORS.setdefault(con, {})
    me = threading.get_ident()  # (an ended thread's number, reused by a new one, gets its cursor: fine)
    cur = per_thread.get(me)
    if cur is None:
        cur = per_thread[me] = con.cursor()
    return cur


# Read-only connections whose writes go to a writer (``analytics.store``): id -> (connection, writer).
# The connection is kept in the value so that its id cannot be reused while it is registered.
Writer = Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]]
_ROUTES: dict[int, tuple[duckdb.DuckDBPyConnection, Writer]] = {}
_ROUTES_LOCK = threading.Lock()


def route_writes(con: duckdb.DuckDBPyConnection, writer: Writer) -> None:
    """Make ``transaction(con)`` run on ``writer()`` instead: ``con`` is a read-only published version."""
    with _ROUTES_LOCK:
        _ROUTES[id(con)] = (con, writer)


def unroute_writes(con: duckdb.DuckDBPyConnection) -> None:
    with _ROUTES_LOCK:
        _ROUTES.pop(id(con), None)


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor inside BEGIN … COMMIT; any exception rolls everything back and propagates.

    On a reader of ``analytics.store`` the transaction runs on the writer (the working file, under
    the write lock), which publishes a new version when it ends.
    """
    route = _ROUTES.get(id(con))
    if route is not None and route[0] is con:
        with route[1]() as writer, transaction(writer) as cur:
            yield cur
        return
    cur = con.cursor()
    with ExitStack() as enlisted:  # closed after COMMIT, or with the exception after ROLLBACK
        _OPEN[id(cur)] = (cur, enlisted, {})
        try:
            cur.execute("BEGIN TRANSACTION")
            try:
                yield cur
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            cur.execute("COMMIT")
        finally:
            _OPEN.pop(id(cur), None)


# Open transactions by cursor id: (cursor, what joined it, joined values by key).
_OPEN: dict[int, tuple[duckdb.DuckDBPyConnection, ExitStack, dict[str, Any]]] = {}


def enlist(cur: duckdb.DuckDBPyConnection, key: str, join: Callable[[], AbstractContextManager[Any]]) -> Any:
    """Join another store's transaction to the open ``transaction`` of ``cur``; None when none is open.

    ``join()`` is entered once per key and transaction and left after DuckDB's COMMIT (or with the
    error after its ROLLBACK, or when COMMIT itself fails), so both commit or neither does — short
    of a crash between the two commits. Returns what ``join()`` gave.
    """
    open_tx = _OPEN.get(id(cur))
    if open_tx is None or open_tx[0] is not cur:
        return None
    _, stack, joined = open_tx
    if key not in joined:
        joined[key] = stack.enter_context(join())
    return joined[key]


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of every base table (names come from the catalogue, not from users)."""
    cur = con.cursor()
    names = [
        r[0]
        for r in cur.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name"
        ).fetchall()
    ]
    return {n: scalar(cur, f'SELECT count(*) FROM "{n}"') for n in names}  # noqa: S608 catalogue names


def scalar(cur: duckdb.DuckDBPyConnection, sql: str, params: dict[str, object] | None = None) -> Any:
    """The first column of the first row (None when there is no row)."""
    row = cur.execute(sql, params or {}).fetchone()
    return row[0] if row else None
