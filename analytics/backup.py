"""Backup and restore of a store (``analytics.store``), and the check that a file is one of our databases.

A backup is the newest published version, copied: versions never change, so no lock is needed and
nobody waits. A restore is a write: it takes the store's lock, replaces the working file and
publishes it as a new generation; readers switch on their next call. The events file beside the
database (audit rows, login state, ``analytics.events``) goes with both, by SQLite's backup API.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import duckdb

from analytics import db, events
from analytics.config import Settings
from analytics.errors import DatabaseError
from analytics.store import Store, fsync_file


def backup(store: Store, out: Path) -> dict[str, Any]:
    """Copy the newest version to ``out`` (consistent: versions never change), checked by opening it,
    and the events file to ``out``'s events file (``events.path_for``)."""
    info = store.fresh()
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.name + ".part")
    shutil.copyfile(store.versions / info["file"], part)
    fsync_file(part)
    try:
        checked = check_file(part)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    os.replace(part, out)
    # The audit rows and login state (analytics.events) beside it, by SQLite's online backup.
    with store.open_reader() as con:
        audit_rows = events.of(con).backup(events.path_for(out))
    return {"version": info["version"], "bytes": out.stat().st_size, **checked, "audit_rows": audit_rows}


def restore(store: Store, source: Path) -> dict[str, Any]:
    """Make ``source`` (a backup) the working file and publish it; readers switch on their next call.

    The file replaced is kept beside it as ``<name>.before-restore``. The backup's events file
    (audit rows, login state), when there is one, replaces the live one by SQLite's backup API
    (other processes keep their connections); a backup made before events files existed leaves
    the live audit log as it is.
    """
    checked = check_file(source)
    source_events = Path(events.path_for(source))
    with store.locked():
        part = store.path.with_name(store.path.name + ".restoring")
        shutil.copyfile(source, part)
        fsync_file(part)
        if store.path.exists():
            shutil.copyfile(store.path, store.path.with_name(store.path.name + ".before-restore"))
        store.path.with_name(store.path.name + ".wal").unlink(missing_ok=True)
        os.replace(part, store.path)
        with store.writer():
            pass  # upgrades an older backup to the current schema, checkpoints
        info = store.publish_new_generation()
        if source_events.exists():
            live = events.open_events(events.path_for(store.path))
            live.backup(f"{live.path}.before-restore")
            checked["audit_rows"] = live.restore(source_events)
    return {"version": info["version"], **checked}


def check_file(path: Path) -> dict[str, Any]:
    """Open a database file read-only and count its rows: raises DatabaseError if it is not one."""
    try:
        con = duckdb.connect(str(path), read_only=True, config=db.config(Settings()))
    except duckdb.Error as exc:
        raise DatabaseError("db_unreadable", path=str(path), detail=str(exc).splitlines()[0]) from exc
    try:
        version = db.schema_version(con)
        if version is None:
            raise DatabaseError("db_not_ours", path=str(path))
        if version > db.latest_version():
            raise DatabaseError("db_too_new", version=version, supported=db.latest_version())
        rows = sum(db.table_counts(con).values())
    finally:
        con.close()
    return {"schema_version": version, "rows": rows}
