"""``check``: is the store healthy? Database opens, schema current, audit log (events file) sound,
last import recent, disk free.

Each check is a row (``name``, ``ok``, ``code``, ``params``); the command line and a monitoring
probe read the same rows. Codes, not prose: the command line words them.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from analytics import db, events
from analytics.errors import DatabaseError
from analytics.store import Store


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    code: str
    params: dict[str, Any] = field(default_factory=dict)


def checks(store: Store, *, now: datetime | None = None) -> list[Check]:
    """Every health check of ``store``; a database that does not open stops the checks after it."""
    settings = store.settings
    now = now or datetime.now()
    out: list[Check] = []
    if not store.path.is_file():
        return [Check("database", False, "db_missing", {"path": str(store.path)})]
    try:
        with store.open_reader() as con:
            info = store.current() or {}
            out.append(Check("database", True, "db_opens", {"path": str(store.path), "version": info.get("version")}))
            version = db.schema_version(con)
            latest = db.latest_version()
            out.append(
                Check(
                    "schema",
                    version == latest,
                    "schema_current" if version == latest else "schema_old",
                    {"version": version, "latest": latest},
                )
            )
            row = (
                con.cursor()
                .execute("SELECT max(created_at) FROM import_batch WHERE status = 'loaded' AND kind <> 'demo'")
                .fetchone()
            )
            out.append(_events_check(con))
    except DatabaseError as exc:
        return [Check("database", False, exc.code, {k: str(v) for k, v in exc.params.items()})]
    last = row[0] if row else None
    limit = settings.check_max_import_age_days
    if last is None:
        out.append(Check("last_import", False, "import_none", {"max_days": limit}))
    else:
        days = (now - last).total_seconds() / 86400
        out.append(
            Check(
                "last_import",
                days <= limit,
                "import_recent" if days <= limit else "import_old",
                {"days": round(days, 1), "max_days": limit, "at": last.isoformat(timespec="seconds")},
            )
        )
    free_mb = shutil.disk_usage(store.path.parent).free // (1024 * 1024)
    # A write needs room for one more published version besides the ones kept.
    need_mb = max(settings.check_min_free_mb, 2 * store.path.stat().st_size // (1024 * 1024))
    out.append(
        Check(
            "disk",
            free_mb >= need_mb,
            "disk_ok" if free_mb >= need_mb else "disk_low",
            {"free_mb": int(free_mb), "min_mb": int(need_mb)},
        )
    )
    return out


def _events_check(con: Any) -> Check:
    """The events file (audit rows, login state) opens and passes SQLite's quick_check."""
    try:
        ev = events.of(con)
        with ev.reading() as sq:
            result = sq.execute("PRAGMA quick_check").fetchone()
            rows = sq.execute("SELECT count(*) FROM audit_log").fetchone()
    except sqlite3.Error as exc:
        return Check("events", False, "events_bad", {"detail": str(exc)})
    ok = bool(result) and result[0] == "ok"
    return Check(
        "events",
        ok,
        "events_ok" if ok else "events_bad",
        {"path": ev.path, "rows": int(rows[0]) if rows else 0, "detail": result[0] if result else ""},
    )
