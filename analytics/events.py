"""The small, frequent writes: audit rows and login state in SQLite beside the database (docs/store.md).

A DuckDB write publishes a copy of the whole database (``analytics.store``): fine for imports,
undo, settings and users, far too much for a login. So what ordinary page use writes — audit rows,
failed-login counters and locks — goes to one SQLite file in WAL mode beside the database,
``oversight.duckdb.events.sqlite``: any number of processes write it at once (SQLite serialises the
short write transactions; ``busy_timeout`` makes a writer wait instead of failing) and nothing is
copied. Readers never block writers in WAL mode.

The file is found from the DuckDB connection: the working file ``X.duckdb``, each published
version ``X.duckdb.versions/N.duckdb`` and a backup ``B.duckdb`` all map to ``<X or B>.duckdb
.events.sqlite``; an in-memory database maps to one in-memory SQLite database per process.

On the first use of a file, the audit rows and login state that older versions kept in DuckDB are
copied in (once: a ``meta`` row records it; copying again would insert nothing, the ids are kept).

A change that must commit with a DuckDB transaction (``audit.record_in_transaction``,
``auth.set_password``) uses ``in_transaction(cur)``: one SQLite transaction, committed right after
the DuckDB one commits and rolled back when it rolls back (``db.enlist``). A crash between the two
commits loses the SQLite part only (an audit row), never the reverse.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb

from analytics import db

SCHEMA_PATH = Path(__file__).with_name("events_schema.sql")
SUFFIX = ".events.sqlite"
MEMORY = "file:oversight-events-memory?mode=memory&cache=shared"
_MIGRATED = "copied_from_duckdb"
_TS = "%Y-%m-%d %H:%M:%S.%f"


def busy_timeout_ms() -> int:
    """How long a SQLite writer waits for another one (``OVERSIGHT_EVENTS_BUSY_MS``, default 10 s)."""
    raw = os.environ.get("OVERSIGHT_EVENTS_BUSY_MS")
    return int(raw) if raw not in (None, "") else 10_000


def to_text(value: datetime | None) -> str | None:
    """A timestamp as stored: local time, ISO text with microseconds (sorts as text)."""
    return None if value is None else value.strftime(_TS)


def _from_text(raw: bytes) -> datetime:
    return datetime.fromisoformat(raw.decode())


# Columns declared TIMESTAMP come back as datetime on our connections (detect_types).
sqlite3.register_converter("TIMESTAMP", _from_text)


def path_for(database: str | Path | None) -> str:
    """The events file of a DuckDB file (working file, published version or backup)."""
    if database is None or str(database) in ("", ":memory:"):
        return MEMORY
    p = Path(database)
    if p.parent.name.endswith(".versions"):  # a published version: the working file's events
        p = p.parent.with_name(p.parent.name.removesuffix(".versions"))
    return str(p.with_name(p.name + SUFFIX))


def database_path(con: duckdb.DuckDBPyConnection) -> str | None:
    """The file behind a DuckDB connection or cursor (None in memory)."""
    row = (
        con.cursor().execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    )
    return row[0] if row else None


class Events:
    """One events file: a connection per process, used by one thread at a time."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._con: sqlite3.Connection | None = None
        self._depth = 0
        self.migrated = False

    def _connection(self) -> sqlite3.Connection:
        if self._con is None:
            memory = self.path == MEMORY
            if not memory:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            con = sqlite3.connect(
                self.path,
                timeout=busy_timeout_ms() / 1000,
                isolation_level=None,
                detect_types=sqlite3.PARSE_DECLTYPES,
                check_same_thread=False,
                uri=memory,
            )
            con.execute(f"PRAGMA busy_timeout = {busy_timeout_ms():d}")
            if not memory:
                con.execute("PRAGMA journal_mode = WAL")
                # NORMAL in WAL: a commit survives a crash of the process; a power cut may lose the
                # last commits but never corrupts the file (FULL would fsync on every login).
                con.execute("PRAGMA synchronous = NORMAL")
            con.executescript(SCHEMA_PATH.read_text(encoding="utf-8"))
            _upgrade(con)
            self._con = con
        return self._con

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The connection, for queries (no transaction: WAL readers see the last commit)."""
        with self._lock:
            yield self._connection()

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE … COMMIT); nested calls join the outer one."""
        with self._lock:
            con = self._connection()
            if self._depth:
                self._depth += 1
                try:
                    yield con
                finally:
                    self._depth -= 1
                return
            con.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            else:
                con.execute("COMMIT")
            finally:
                self._depth = 0

    def migrate_from(self, source: duckdb.DuckDBPyConnection) -> None:
        """Copy the audit rows and login state DuckDB held before this file existed (once)."""
        if self.migrated:
            return
        with self.writing() as con:
            if con.execute("SELECT 1 FROM meta WHERE key = ?", (_MIGRATED,)).fetchone() is None:
                cur = source.cursor()
                try:
                    rows = cur.execute(
                        "SELECT event_id, logged_at, username, event, target, "
                        "CAST(detail AS VARCHAR) FROM audit_log ORDER BY event_id"
                    ).fetchall()
                    states = cur.execute(
                        "SELECT username, failed_attempts, locked_until FROM app_user "
                        "WHERE failed_attempts > 0 OR locked_until IS NOT NULL"
                    ).fetchall()
                except duckdb.CatalogException:
                    rows, states = [], []
                con.executemany(
                    "INSERT OR IGNORE INTO audit_log VALUES (?, ?, ?, ?, ?, ?)",
                    [(r[0], to_text(r[1]), *r[2:]) for r in rows],
                )
                con.executemany(
                    "INSERT OR IGNORE INTO login_state VALUES (?, ?, ?)", [(u, n, to_text(t)) for u, n, t in states]
                )
                con.execute(
                    "INSERT INTO meta VALUES (?, ?)", (_MIGRATED, f"{len(rows)} audit rows, {len(states)} login states")
                )
        self.migrated = True

    def backup(self, out: str | Path) -> int:
        """A consistent copy to ``out`` with SQLite's online backup (writers may go on); its rows."""
        part = Path(f"{out}.part")
        part.unlink(missing_ok=True)
        dest = sqlite3.connect(part)
        try:
            with self.reading() as con:
                con.backup(dest)
            rows = int(dest.execute("SELECT count(*) FROM audit_log").fetchone()[0])
        finally:
            dest.close()
        os.replace(part, out)
        return rows

    def restore(self, source: str | Path) -> int:
        """Replace this file's content by ``source`` (a backup) while others may use it; its rows."""
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            rows = int(src.execute("SELECT count(*) FROM audit_log").fetchone()[0])
            with self.writing():
                pass  # schema in place, nobody of ours mid-write
            with self._lock:
                src.backup(self._connection())
        finally:
            src.close()
        return rows

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None


def _upgrade(con: sqlite3.Connection) -> None:
    """Rebuild audit_log when its CHECK lists fewer events than the schema (a file made before the
    reporting-cycle events): SQLite cannot alter a CHECK. Rows and ids are kept; one transaction,
    re-checked inside it, so two processes opening the file at once rebuild it once."""

    def table_sql() -> str:
        row = con.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").fetchone()
        return str(row[0]) if row else ""

    if "'period_change'" in table_sql():
        return
    con.execute("BEGIN IMMEDIATE")
    try:
        if "'period_change'" not in table_sql():
            con.execute("ALTER TABLE audit_log RENAME TO audit_log_old")
            con.execute("DROP INDEX IF EXISTS audit_log_logged_at")
            for statement in re.findall(
                r"CREATE (?:TABLE|INDEX) IF NOT EXISTS audit_log\w*[^;]*", SCHEMA_PATH.read_text(encoding="utf-8")
            ):
                con.execute(statement)
            con.execute("INSERT INTO audit_log SELECT * FROM audit_log_old")
            con.execute("DROP TABLE audit_log_old")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


_FILES: dict[str, Events] = {}
_FILES_LOCK = threading.Lock()


def open_events(path: str) -> Events:
    with _FILES_LOCK:
        ev = _FILES.get(path)
        if ev is None:
            ev = _FILES[path] = Events(path)
        return ev


def of(con: duckdb.DuckDBPyConnection) -> Events:
    """The events file of a DuckDB connection or cursor, its old DuckDB rows copied in."""
    ev = open_events(path_for(database_path(con)))
    ev.migrate_from(con)
    return ev


@contextmanager
def in_transaction(cur: duckdb.DuckDBPyConnection) -> Iterator[sqlite3.Connection]:
    """The SQLite transaction that commits with the DuckDB transaction of ``cur`` (``db.transaction``).

    Outside a ``db.transaction`` it is a transaction of its own, committed at once.
    """
    ev = of(cur)
    con = db.enlist(cur, f"events:{ev.path}", ev.writing)
    if con is not None:
        yield con
        return
    with ev.writing() as own:
        yield own


def forget_all() -> None:
    """Close every events connection (tests; after a file was replaced behind our back)."""
    with _FILES_LOCK:
        for ev in _FILES.values():
            ev.close()
        _FILES.clear()
