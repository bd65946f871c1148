"""Many processes, one store: one writer at a time, any number of readers (``docs/store.md``).

DuckDB lets one process open a file for writing, or many open it read-only, never both. So the
configured file (``oversight.duckdb``, the *working file*) is opened only by a writer, only while it
writes, under a lock; everyone else reads an immutable copy of it:

    oversight.duckdb             working file: opened read-write by one writer at a time, briefly
    oversight.duckdb.lock        flock'ed by that writer; holds who writes (pid, operation, since)
    oversight.duckdb.versions/
        00000012.duckdb          published versions: complete, checkpointed, never changed again
        CURRENT                  JSON: newest version number and file, the working file it copies

A write (``Store.writer``) takes the lock, opens the working file, runs, checkpoints, closes it and
publishes a new version: a copy renamed into place, then CURRENT replaced (both atomic renames).
Readers (``Store.reader``: dashboard, ``info``, ``kpis``, …) open the newest version read-only and
move to a newer one on their next call, without waiting for a writer. Old versions are deleted
after ``keep_versions`` newer ones; a process that still has one open keeps reading it (POSIX).

Writes need no new call sites: ``db.transaction(con)`` on a reader connection runs the
transaction on the writer instead (``db.route_writes``), so user management, ``policy``, the
importer and undo work unchanged on the dashboard's read-only connection. Audit rows and login
bookkeeping never come here: they go to the SQLite events file beside the database
(``analytics.events``), so that a login does not copy the database.

Backup and restore (``analytics.backup``) work on a ``Store``: a backup copies the newest version, a
restore replaces the working file under the lock and publishes it as a new generation.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from analytics import db, events, sql_files
from analytics.config import Settings
from analytics.errors import DatabaseError

CURRENT = "CURRENT"
_SUFFIX = ".duckdb"


class Busy(DatabaseError):
    """Another process writes and did not finish within the wait: try again (CLI exit code 2)."""

    code = "db_busy"


@dataclass(frozen=True)
class Holder:
    """Who holds the write lock, as it wrote itself into the lock file."""

    pid: int | None
    operation: str
    since: str


# Called once when a write has to wait for another writer: (holder, seconds it will wait at most).
# The command line prints a Vietnamese line; the dashboard leaves it None and simply waits.
WaitNotice = Callable[[Holder, float], None]
wait_notice: WaitNotice | None = None
_operation = threading.local()


def set_operation(name: str) -> None:
    """Name what this thread writes for (``import``, ``undo``, …): shown to whoever has to wait."""
    _operation.name = name


def _operation_name() -> str:
    return str(getattr(_operation, "name", "write"))


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _up_to_date(current: dict[str, Any], signature: list[int]) -> bool:
    """Whether the published version is the working file as it is (its ``_signature``), at this
    program's schema."""
    return bool(current["source"] == signature and current.get("schema") == db.latest_version())


def _signature(path: Path) -> list[int]:
    """What identifies the working file's content on disk (file and WAL): changes with every write."""
    out: list[int] = []
    for p in (path, path.with_name(path.name + ".wal")):
        try:
            s = p.stat()
        except FileNotFoundError:
            out += [0, 0, 0]
        else:
            out += [s.st_ino, s.st_size, s.st_mtime_ns]
    return out


class Store:
    """The working file at ``path`` and its published versions; one object per path and process."""

    def __init__(self, path: Path, settings: Settings) -> None:
        self.path = path
        self.settings = settings
        self.versions = path.with_name(path.name + ".versions")
        self.lock_path = path.with_name(path.name + ".lock")
        self._thread_lock = threading.RLock()  # Streamlit sessions are threads of one process
        self._local = threading.local()  # the writer connection of the thread holding the lock
        self._open_lock = threading.Lock()
        self._readers: OrderedDict[str, duckdb.DuckDBPyConnection] = OrderedDict()
        self._current: tuple[tuple[int, int, int], dict[str, Any]] | None = None  # see current()

    # --- the lock -------------------------------------------------------------------------------

    def holder(self) -> Holder | None:
        """Who writes now (None when nobody does, or the lock file says nothing yet)."""
        try:
            text = self.lock_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        try:
            info = json.loads(text)
        except ValueError:
            return None
        return Holder(info.get("pid"), str(info.get("operation", "write")), str(info.get("since", "")))

    @contextmanager
    def _file_lock(self, wait_s: float) -> Iterator[None]:
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            deadline = time.monotonic() + wait_s
            noticed = False
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    holder = self.holder() or Holder(None, "write", "")
                    if time.monotonic() >= deadline:
                        raise Busy(
                            seconds=int(wait_s), operation=holder.operation, pid=holder.pid or 0, path=str(self.path)
                        ) from None
                    if not noticed and wait_notice is not None and wait_s > 0:
                        wait_notice(holder, wait_s)
                    noticed = True
                    time.sleep(0.05)
            info = {
                "pid": os.getpid(),
                "operation": _operation_name(),
                "since": datetime.now().isoformat(timespec="seconds"),
            }
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(info).encode(), 0)
            try:
                yield
            finally:
                os.ftruncate(fd, 0)
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    @contextmanager
    def locked(self, wait_s: float | None = None) -> Iterator[None]:
        """Hold the write lock (thread and process) without opening the working file."""
        wait = self.settings.write_wait_s if wait_s is None else wait_s
        if getattr(self._local, "depth", 0):
            self._local.depth += 1
            try:
                yield
            finally:
                self._local.depth -= 1
            return
        if not self._thread_lock.acquire(timeout=max(wait, 0.001)):
            holder = self.holder() or Holder(None, "write", "")
            raise Busy(seconds=int(wait), operation=holder.operation, pid=holder.pid or 0, path=str(self.path))
        try:
            with self._file_lock(wait):
                self._local.depth = 1
                try:
                    yield
                finally:
                    self._local.depth = 0
        finally:
            self._thread_lock.release()

    # --- writing --------------------------------------------------------------------------------

    @contextmanager
    def writer(self, wait_s: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """The working file open read-write, under the lock; published when the outermost one ends.

        Re-entrant in one thread: a write inside a write gets the same connection.
        """
        con = getattr(self._local, "con", None)
        if con is not None:
            yield con
            return
        with self.locked(wait_s):
            con = db.connect(self.path, settings=self.settings)
            self._local.con = con
            try:
                current = self.current()
                if current is None or current["source"] != _signature(self.path):
                    # New, or written without the store: publish it first, so that readers have
                    # something to read while this write runs.
                    con.execute("CHECKPOINT")
                    self._publish_locked()
                yield con
            finally:
                self._local.con = None
                try:
                    con.execute("CHECKPOINT")  # everything in the file itself, nothing in the WAL
                finally:
                    con.close()
                    # Also after a failure: an earlier transaction of this writer may have committed.
                    self._publish_locked()

    def _publish_locked(self, *, new_generation: bool = False) -> dict[str, Any]:
        current = self.current()
        signature = _signature(self.path)
        if current is not None and _up_to_date(current, signature) and not new_generation:
            return current
        number = (current["version"] if current else 0) + 1
        generation = (current.get("generation", 1) if current else 1) + (1 if new_generation and current else 0)
        self.versions.mkdir(parents=True, exist_ok=True)
        name = f"{number:08d}{_SUFFIX}"
        part = self.versions / f".{name}.part"
        shutil.copyfile(self.path, part)
        fsync_file(part)
        os.replace(part, self.versions / name)
        info = {
            "version": number,
            "file": name,
            "generation": generation,
            "source": signature,
            "schema": db.latest_version(),  # every publish follows a db.connect of the working file
            "published_at": datetime.now().isoformat(timespec="milliseconds"),
        }
        tmp = self.versions / f".{CURRENT}.part"
        tmp.write_text(json.dumps(info), encoding="utf-8")
        fsync_file(tmp)
        os.replace(tmp, self.versions / CURRENT)
        self._prune(number)
        return info

    def _prune(self, newest: int) -> None:
        keep = max(self.settings.keep_versions, 1)
        for p in self.versions.glob(f"*{_SUFFIX}"):
            stem = p.name.removesuffix(_SUFFIX)
            if stem.isdigit() and int(stem) <= newest - keep:
                p.unlink(missing_ok=True)  # readers that have it open keep reading it

    # --- reading --------------------------------------------------------------------------------

    def current(self) -> dict[str, Any] | None:
        """The newest published version's record (CURRENT), or None before the first publish.

        A page asks about 20 times a run, and reading and parsing the file each time was 4 % of a
        run's CPU, so the record read last is reused while the file's (inode, size, mtime) are
        unchanged. CURRENT is only ever replaced by a rename (``_publish_locked``); a new file could
        reuse a freed inode and, within one clock tick, show the same size and mtime, so only a
        record whose file was already a second old when read is reused (a newer file then has a
        newer mtime).
        """
        path = self.versions / CURRENT
        try:
            s = path.stat()
            identity = (s.st_ino, s.st_size, s.st_mtime_ns)
            if self._current is not None and self._current[0] == identity:
                return dict(self._current[1])
            info = json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return None
        if not isinstance(info, dict):
            return None
        if time.time_ns() - s.st_mtime_ns > 1_000_000_000:
            self._current = (identity, info)
        return dict(info)

    def fresh(self) -> dict[str, Any]:
        """CURRENT, first publishing the working file when it changed outside a writer (or is new).

        Never waits for a running writer: while one runs, the version before it is fresh enough.
        """
        current = self.current()
        if current is not None and _up_to_date(current, _signature(self.path)):
            return current
        try:
            with self.locked(wait_s=0 if current is not None else None):
                # Opening it creates a new file with the schema, upgrades an old one (this program's
                # queries need its tables: a version published before an upgrade is published again),
                # and brings the WAL of someone who wrote without the store (an old tool, a test) into
                # the file.
                with self.writer():
                    pass
                return self._publish_locked()
        except Busy:
            if current is None:
                raise
            return current

    def _open(self, name: str) -> duckdb.DuckDBPyConnection:
        con = duckdb.connect(str(self.versions / name), read_only=True, config=db.config(self.settings))
        db.route_writes(con, self.writer)
        sql_files.remember_results(con)  # a version never changes: its query results can be kept
        return con

    def reader(self) -> duckdb.DuckDBPyConnection:
        """This process's read-only connection to the newest version (shared; do not close it)."""
        return self.snapshot()[0]

    def snapshot(self) -> tuple[duckdb.DuckDBPyConnection, dict[str, Any]]:
        """``reader()`` with the CURRENT record of the very version it reads (``file``, ``generation``).

        A version never changes, so anything computed from one connection may be kept under its
        record's ``file`` and ``generation`` (the dashboard keys its data version on them).
        """
        for _ in range(5):
            record = self.fresh()
            name = record["file"]
            con = self._readers.get(name)
            if con is not None:
                return con, record
            with self._open_lock:
                con = self._readers.get(name)
                if con is not None:
                    return con, record
                try:
                    con = self._open(name)
                except duckdb.IOException:
                    continue  # pruned between reading CURRENT and opening it: read CURRENT again
                self._readers[name] = con
                # Older connections are only forgotten, never closed: a session may be using one.
                while len(self._readers) > 2:
                    _, old = self._readers.popitem(last=False)
                    db.unroute_writes(old)
                return con, record
        raise DatabaseError("db_unreadable", path=str(self.path), detail="no published version could be opened")

    @contextmanager
    def open_reader(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection of one's own (the command line), closed at the end."""
        for _ in range(5):
            try:
                con = self._open(self.fresh()["file"])
            except duckdb.IOException:
                continue
            break
        else:
            raise DatabaseError("db_unreadable", path=str(self.path), detail="no published version could be opened")
        try:
            yield con
        finally:
            db.unroute_writes(con)
            con.close()

    def forget_readers(self) -> None:
        for con in self._readers.values():
            db.unroute_writes(con)
        self._readers.clear()

    def publish_new_generation(self) -> dict[str, Any]:
        """Publish the working file as a new generation (a restore); the caller holds the lock."""
        return self._publish_locked(new_generation=True)


_STORES: dict[Path, Store] = {}
_STORES_LOCK = threading.Lock()


def open_store(path: str | Path | None = None, *, settings: Settings | None = None) -> Store:
    """The process's ``Store`` for ``path`` (default: the configured database)."""
    settings = settings or Settings.from_env(path)
    key = Path(path if path is not None else settings.db_path).absolute()
    with _STORES_LOCK:
        store = _STORES.get(key)
        if store is None:
            store = _STORES[key] = Store(key, settings)
        return store


def forget_all() -> None:
    """Drop every cached reader (tests; after files were replaced behind the store's back)."""
    with _STORES_LOCK:
        for store in _STORES.values():
            store.forget_readers()
        _STORES.clear()
    events.forget_all()


def reading(settings: Settings) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
    """``with reading(settings) as con``: a read-only connection to the newest version; writes on
    it (``db.transaction``) go to the writer. What the command line opens."""
    return open_store(settings.db_path, settings=settings).open_reader()


def writing(settings: Settings) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
    """``with writing(settings) as con``: the working file under the lock, published at the end."""
    return open_store(settings.db_path, settings=settings).writer()
