"""The audit log: who did what, when — append-only from the app.

Write a row with ``record(con, username=…, event=…, target=…, detail=…)``; inside a transaction of
your own, use ``record_in_transaction(cur, …)`` with that transaction's cursor so the audit row
commits or rolls back together with the change it describes. Read with ``audit_events``.

**Where.** The rows live in SQLite beside the database (``analytics.events``), not in DuckDB: a
DuckDB write publishes a copy of the whole database, an audit row must not. ``con`` is still the
DuckDB connection (or cursor); it says which database the rows belong to.

**Append-only.** This module deliberately offers no function to update or delete audit rows, and no
other module may write to ``audit_log`` except through ``record``. (DuckDB has no triggers or grants,
so a person with the database file can still edit it; the guarantee is the app's, and the file's
permissions are the operator's.)

**No personal data.** ``detail`` is a small JSON object of codes, counts and fingerprints — e.g.
``{"sha256": "…", "rows": {"person": 120}}`` for an import, ``{"rows": 35, "format": "xlsx"}`` for
an export. ``record`` refuses keys that name personal fields (``full_name``, ``birth_date``, the
sensitive columns of ``analytics.access``, anything containing ``password``) at any depth, and
refuses details larger than ``MAX_DETAIL_CHARS``, so nobody logs cell values by accident.

Events (``EVENTS``) and who records them:

===================  =========================================================================
login_ok             ``auth.authenticate`` — a successful login
login_failed         ``auth.authenticate`` — wrong password or unknown user (username NULL then)
login_locked         ``auth.authenticate`` — attempt while the account is locked
logout               ``auth.end_session`` — the user logs out
session_expired      ``auth.end_session`` — the UI ends a session ``auth.session_expired`` found idle
denied               ``access.require`` / ``access.effective_scope`` — page, action or scope refused
import               ``ingest.plan.load`` — target = batch id, detail = files' sha256, rows per table
import_rejected      ``ingest.pipeline.prepare`` (with ``user=``: files refused by the checks) and
                     ``load`` (its transaction rolled back) — detail = sha256 and number of
                     problems or the error code (never their values)
undo                 ``batches.undo_batch`` — target = batch id, detail = rows removed per table
export, download     the UI / CLI — target = page or file name, detail = ``safe_export.describe``
setting_change       ``policy.save_setting`` / ``save_base_salary``, ``ingest.mappings.remember`` /
                     ``forget`` — target = setting key, detail = ``{"old": 40, "new": 35}``
user_change          ``auth`` user management — target = the account changed
demo_build           ``demo.build_demo`` — target = batch id
demo_remove          ``batches.undo_batch`` of a demo batch (``remove_demo``) — target = batch id
submission           ``submissions.submit`` — target = submission id, detail = unit, kind, period, status, counts
submission_published, submission_returned   ``submissions.publish`` / ``submissions.return_`` — target = submission id
period_change        ``reporting.save_period`` — target = period id, detail = due dates
===================  =========================================================================

Every row of a change to the DuckDB data is written inside the operation's own
``db.transaction`` (``record_in_transaction``), whoever calls it — page, command line or test —
so it commits with the change, under the store's write lock, before the new version is published.
A crash between DuckDB's commit and SQLite's would lose the row; for batches (import, undo, demo)
the batch row itself says who did what and when, and ``reconcile_batches`` — run by every import,
undo and demo build, and once after the first start — writes any such missing row from it
(detail ``{"recovered": true}``). See docs/store.md.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import duckdb
import pandas as pd

from analytics import events, sql_files
from analytics.errors import OversightError
from analytics.roles import SENSITIVE_COLUMNS

EVENTS = (
    "login_ok",
    "login_failed",
    "login_locked",
    "logout",
    "session_expired",
    "denied",
    "import",
    "import_rejected",
    "undo",
    "export",
    "download",
    "setting_change",
    "user_change",
    "demo_build",
    "demo_remove",
    "submission",
    "submission_published",
    "submission_returned",
    "period_change",
)

# Keys that never belong in an audit detail, besides analytics.roles.SENSITIVE_COLUMNS: they hold
# or identify a person's data, or a secret.
_EXTRA_FORBIDDEN_KEYS = frozenset(
    {
        "person_id",
        "person_name",
        "name_of_person",
        "cccd",
        "cmnd",
        "id_number",
        "national_id",
        "phone",
        "email",
        "address",
        "value",
        "values",
        "cell",
        "cells",
        "row_values",
        "password_hash",
    }
)
MAX_DETAIL_CHARS = 4000
MAX_TARGET_CHARS = 200


class AuditError(OversightError):
    """An audit row was refused: unknown event, personal key in detail, detail too large."""

    code = "audit_invalid"


def _forbidden_keys() -> frozenset[str]:
    return frozenset(SENSITIVE_COLUMNS) | _EXTRA_FORBIDDEN_KEYS


def check_detail(detail: Mapping[str, Any] | None) -> str | None:
    """The detail as JSON text, or AuditError if it is not a small object free of personal keys."""
    if detail is None:
        return None
    if not isinstance(detail, Mapping):
        raise AuditError("audit_detail_not_object", kind=type(detail).__name__)
    forbidden = _forbidden_keys()

    def walk(node: Any, path: str) -> None:
        if isinstance(node, Mapping):
            for key, value in node.items():
                if not isinstance(key, str):
                    raise AuditError("audit_detail_key_not_text", path=path)
                k = key.strip().lower()
                if k in forbidden or "password" in k:
                    raise AuditError("audit_personal_key", key=key, path=path)
                walk(value, f"{path}.{key}" if path else key)
        elif isinstance(node, list | tuple):
            for i, value in enumerate(node):
                walk(value, f"{path}[{i}]")

    walk(detail, "")
    text = json.dumps(detail, ensure_ascii=False, default=_json_default, sort_keys=True)
    if len(text) > MAX_DETAIL_CHARS:
        raise AuditError("audit_detail_too_large", chars=len(text), limit=MAX_DETAIL_CHARS)
    return text


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    raise AuditError("audit_detail_not_json", kind=type(value).__name__)


def _params(
    username: str | None, event: str, target: str | int | None, detail: Mapping[str, Any] | None, at: datetime | None
) -> dict[str, Any]:
    if event not in EVENTS:
        raise AuditError("audit_event_unknown", event=event)
    target_text = None if target is None else str(target)
    if target_text is not None and len(target_text) > MAX_TARGET_CHARS:
        raise AuditError("audit_target_too_long", chars=len(target_text), limit=MAX_TARGET_CHARS)
    return {
        "u": username,
        "e": event,
        "t": target_text,
        "d": check_detail(detail),
        "at": events.to_text(at or datetime.now()),
    }


_INSERT = (
    "INSERT INTO audit_log (logged_at, username, event, target, detail) VALUES ($at, $u, $e, $t, $d) RETURNING event_id"
)


def record(
    con: duckdb.DuckDBPyConnection,
    *,
    username: str | None,
    event: str,
    target: str | int | None = None,
    detail: Mapping[str, Any] | None = None,
    at: datetime | None = None,
) -> int:
    """Append one audit row (its own transaction, committed at once); returns its event_id."""
    params = _params(username, event, target, detail, at)  # refused before anything is opened
    with events.of(con).writing() as ev:
        row = ev.execute(_INSERT, params).fetchone()
    assert row is not None
    return int(row[0])


def record_in_transaction(
    cur: duckdb.DuckDBPyConnection,
    *,
    username: str | None,
    event: str,
    target: str | int | None = None,
    detail: Mapping[str, Any] | None = None,
    at: datetime | None = None,
) -> int:
    """Like ``record`` but committed with the caller's open ``db.transaction`` whose cursor is ``cur``."""
    params = _params(username, event, target, detail, at)
    with events.in_transaction(cur) as ev:
        row = ev.execute(_INSERT, params).fetchone()
    assert row is not None
    return int(row[0])


def batch_event(kind: str, undone: bool = False) -> str:
    """The event that records loading (or undoing) a batch of ``kind``."""
    if kind == "demo":
        return "demo_remove" if undone else "demo_build"
    return "undo" if undone else "import"


_BATCH_EVENTS = ("import", "undo", "demo_build", "demo_remove")


def reconcile_batches(cur: duckdb.DuckDBPyConnection) -> int:
    """Write the audit row of every batch load or undo that lacks one; returns how many were written.

    The batch row (who, when) is in the published data; its audit row is missing only if the
    process died between DuckDB's commit and SQLite's (or the batch was built in a side file, as on
    the first start). Inside a ``db.transaction`` it joins it; the check and the inserts are one
    SQLite write transaction, so two processes never write the same row twice.
    """
    batches = cur.execute(
        "SELECT batch_id, kind, created_at, created_by, undone_at, undone_by, "
        "CAST(rows_by_table AS VARCHAR) FROM import_batch ORDER BY batch_id"
    ).fetchall()
    if not batches:
        return 0
    written = 0
    with events.in_transaction(cur) as ev:
        have = set(
            ev.execute("SELECT event, target FROM audit_log WHERE event IN (?, ?, ?, ?)", _BATCH_EVENTS).fetchall()
        )
        for batch_id, kind, created_at, created_by, undone_at, undone_by, rows in batches:
            wanted = [(batch_event(kind), created_at, created_by)]
            if undone_at is not None:
                wanted.append((batch_event(kind, undone=True), undone_at, undone_by))
            for event, at, who in wanted:
                if (event, str(batch_id)) not in have:
                    detail = {"recovered": True, "rows": json.loads(rows) if rows else None}
                    ev.execute(_INSERT, _params(who, event, batch_id, detail, at))
                    written += 1
    return written


COLUMNS = ["event_id", "logged_at", "username", "event", "target", "detail"]


def audit_events(
    con: duckdb.DuckDBPyConnection,
    *,
    since: datetime | date | None = None,
    until: datetime | date | None = None,
    username: str | None = None,
    event: str | None = None,
    limit: int = 1000,
) -> pd.DataFrame:
    """Audit rows, newest first: event_id, logged_at, username, event, target, detail (JSON text).

    ``since`` is inclusive, ``until`` exclusive; a date means its midnight.
    """
    if event is not None and event not in EVENTS:
        raise AuditError("audit_event_unknown", event=event)
    if limit < 1:
        raise AuditError("audit_limit_invalid", limit=limit)
    params = {
        "since": events.to_text(_as_datetime(since)),
        "until": events.to_text(_as_datetime(until)),
        "username": username,
        "event": event,
        "limit": int(limit),
    }
    with events.of(con).reading() as ev:
        rows = ev.execute(sql_files.load("audit_events"), params).fetchall()
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.astype({"event_id": "int64", "logged_at": "datetime64[us]"})


def _as_datetime(value: datetime | date | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime(value.year, value.month, value.day)
