"""Submissions: a unit's file for a reporting period, kept out of the data tables until published.

``submit`` checks the file exactly as an import would (``ingest.pipeline.prepare``) plus two rules of
its own — only the kind asked for, only rows of the sending unit and the units under it — and stores
the file with its verdict in ``submission``: ``with_errors`` (the unit sees every problem) or
``submitted``. Nothing reaches the data tables, so no page, KPI or briefing can show it: a viewer
never sees unpublished figures, by construction (``docs/reporting.md``).

``diff`` checks the stored file again against today's database and compares its rows with the rows
publishing would replace: added, removed, changed, unchanged, and the totals of each number column
before and after. ``publish`` runs the normal all-or-nothing import of the file and marks the
submission published in the same transaction; ``return_`` sends it back with a reason. Each step is
audited (``submission``, ``submission_published``, ``submission_returned``). With
``Policy.reporting_review_required`` off a good file is published as it arrives. The row comparison
behind ``diff`` is ``analytics.submission_diff``.

Who: sending needs ``import_upload`` and a unit inside the account's scope (an agency or commune
account is an analyst account scoped to its unit); reviewing needs an analyst of the whole city.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import duckdb

from analytics import submission_diff
from analytics.access import AccessDenied, effective_scope, require_action, role_at_least
from analytics.audit import record_in_transaction
from analytics.db import transaction
from analytics.errors import ImportRejected, NotFound, OversightError
from analytics.ingest.kinds import KINDS
from analytics.ingest.messages import table_name
from analytics.ingest.pipeline import Plan, load, prepare
from analytics.ingest.problems import Problem
from analytics.policy import load_policy
from analytics.reporting import REPORTED_KINDS, period_dues

if TYPE_CHECKING:
    from analytics.auth import User

# The column that says whose row it is, per kind a period may ask for.
OWNER_COLUMN = {k: ("sending_unit_code" if k == "secondment" else "unit_code") for k in REPORTED_KINDS}
MAX_STORED_PROBLEMS = 500
MAX_REASON_CHARS = 1000


class SubmissionError(OversightError):
    """A submission step was refused (codes submission_*)."""

    code = "submission_invalid"


@dataclass
class Submitted:
    submission_id: int
    status: str
    problems: list[Problem] = field(default_factory=list)
    batch_id: int | None = None


def can_review(user: User | None) -> bool:
    """Reviewing is the Sở Nội vụ's: an analyst (or admin) whose account is not limited to a unit."""
    return role_at_least(user, "analyst") and user is not None and user.scope_unit_code is None


def _require_reviewer(con: duckdb.DuckDBPyConnection, user: User) -> None:
    require_action(con, user, "import_upload")
    if not can_review(user):
        raise AccessDenied("access_denied", target="action:review_submission")


def _own_rules(con: duckdb.DuckDBPyConnection, plan: Plan, unit_code: str, data_kind: str) -> list[Problem]:
    """Only the kind asked for, and only rows of the unit and the units under it."""
    out: list[Problem] = []
    for table in plan.rows_by_table():
        if table != data_kind:
            out.append(
                Problem(
                    "submission_other_kind",
                    "error",
                    plan.files[0].name,
                    params={"found": table_name(table), "asked": table_name(data_kind)},
                )
            )
    paths = plan.staging.paths(data_kind)
    if paths:
        column = OWNER_COLUMN[data_kind]
        sql = (
            f'SELECT _file, _sheet, _row, "{column}" FROM read_parquet($files) '  # noqa: S608 - from OWNER_COLUMN
            f'WHERE "{column}" NOT IN (SELECT unit_code FROM unit_closure WHERE ancestor_code = $u) '
            "ORDER BY _ord LIMIT 200"
        )
        for f, sheet, row, other in con.cursor().execute(sql, {"files": paths, "u": unit_code}).fetchall():
            out.append(
                Problem(
                    "submission_other_unit",
                    "error",
                    f,
                    sheet,
                    int(row),
                    column,
                    other,
                    {"unit": unit_code, "other": other},
                )
            )
    return out


def _check(con: duckdb.DuckDBPyConnection, content: bytes, file_name: str, unit_code: str, data_kind: str) -> Plan:
    # A unit may send the very file it sent last period ("nothing changed"): a warning, not an error.
    plan = prepare(con, files=[(file_name, content)], allow_duplicate=True)
    try:
        plan.problems += _own_rules(con, plan, unit_code, data_kind)
    except BaseException:
        plan.close()
        raise
    return plan


def submit(
    con: duckdb.DuckDBPyConnection,
    *,
    period_id: str,
    unit_code: str,
    data_kind: str,
    file_name: str,
    content: bytes,
    user: User,
    at: datetime | None = None,
) -> Submitted:
    """Check a unit's file and keep it as a submission (never in the data tables until published).

    Refused outright (nothing stored): a unit outside the account's scope (audited by access), a
    period that does not ask for ``data_kind``. Otherwise always stored — with its problems when it
    has errors, so the unit and the tracker see "sent with errors" (its problems kept, not its bytes:
    it can never be published, and a refused file may be huge). A newer good file supersedes one
    still waiting for review. ``at``: when it arrived (default now; tests, files that came by mail).
    """
    require_action(con, user, "import_upload")
    effective_scope(con, user, unit_code)
    dues = period_dues(con, period_id=period_id)
    if data_kind not in set(dues["data_kind"]):
        raise SubmissionError("submission_kind_not_due", period=period_id, kind=data_kind)
    with _check(con, content, file_name, unit_code, data_kind) as plan:
        errors = [p for p in plan.problems if p.severity == "error"]
        status = "with_errors" if errors else "submitted"
        rows = sum(plan.rows_by_table().values())
        stored = [p.as_row() for p in sorted(plan.problems, key=lambda p: p.severity != "error")[:MAX_STORED_PROBLEMS]]
        sha = hashlib.sha256(content).hexdigest()
        with transaction(con) as cur:
            if status == "submitted":
                cur.execute(
                    "UPDATE submission SET status = 'superseded' WHERE period_id = $p AND unit_code = $u "
                    "AND data_kind = $k AND status = 'submitted'",
                    {"p": period_id, "u": unit_code, "k": data_kind},
                )
            row = cur.execute(
                "INSERT INTO submission (period_id, unit_code, data_kind, status, submitted_by, submitted_at, file_name, "
                "sha256, size_bytes, content, rows_total, errors, warnings, problems) VALUES ($p, $u, $k, $s, $by, "
                "coalesce($at, current_localtimestamp()), $f, $sha, $size, $c, $rows, $e, $w, $problems) "
                "RETURNING submission_id",
                {
                    "p": period_id,
                    "u": unit_code,
                    "k": data_kind,
                    "s": status,
                    "by": user.username,
                    "at": at,
                    "f": file_name,
                    "sha": sha,
                    "size": len(content),
                    "c": content if status == "submitted" else b"",
                    "rows": rows,
                    "e": len(errors),
                    "w": len(plan.problems) - len(errors),
                    "problems": json.dumps(stored, ensure_ascii=False, default=str),
                },
            ).fetchall()
            submission_id = int(row[0][0])
            record_in_transaction(
                cur,
                username=user.username,
                event="submission",
                target=submission_id,
                detail={
                    "period": period_id,
                    "unit": unit_code,
                    "kind": data_kind,
                    "status": status,
                    "rows": rows,
                    "errors": len(errors),
                    "sha256": sha,
                },
            )
        result = Submitted(submission_id, status, list(plan.problems))
    if status == "submitted" and not load_policy(con).reporting_review_required:
        # From what is in hand: ``con`` may be a published version older than the row just written.
        sent: dict[str, Any] = {
            "submission_id": submission_id,
            "content": content,
            "file_name": file_name,
            "unit_code": unit_code,
            "data_kind": data_kind,
            "period_id": period_id,
        }
        result.batch_id = _publish(con, sent, user, automatic=True)
        result.status = "published"
    return result


def _row(con: duckdb.DuckDBPyConnection, submission_id: int) -> dict[str, Any]:
    cur = con.cursor().execute("SELECT * FROM submission WHERE submission_id = $i", {"i": int(submission_id)})
    names = [d[0] for d in cur.description or []]
    found = cur.fetchall()
    if not found:
        raise NotFound("submission_not_found", submission_id=submission_id)
    return dict(zip(names, found[0], strict=True))


def submission(con: duckdb.DuckDBPyConnection, *, submission_id: int, user: User) -> dict[str, Any]:
    """One submission without its file, with its problems as a list; only for accounts whose scope
    holds its unit (AccessDenied otherwise, audited)."""
    row = _row(con, submission_id)
    effective_scope(con, user, row["unit_code"])
    row.pop("content")
    row["problems"] = json.loads(row["problems"] or "[]")
    return row


def _waiting(con: duckdb.DuckDBPyConnection, submission_id: int) -> dict[str, Any]:
    row = _row(con, submission_id)
    if row["status"] != "submitted":
        raise SubmissionError("submission_not_waiting", submission_id=submission_id, status=row["status"])
    return row


def diff(con: duckdb.DuckDBPyConnection, *, submission_id: int, user: User) -> dict[str, Any]:
    """What publishing would change, from the file checked again against today's database:
    {"problems": [...], "added", "removed", "changed", "unchanged", "rows_before", "rows_after",
    "totals": DataFrame(column, before, after, change), "changes": DataFrame(key, column, before,
    after) of up to 200 changed values}. "Removed" are rows publishing would replace and the file no
    longer has (rows of other snapshots stay)."""
    _require_reviewer(con, user)
    row = _waiting(con, submission_id)
    kind = KINDS[row["data_kind"]]
    with _check(con, row["content"], row["file_name"], row["unit_code"], row["data_kind"]) as plan:
        out: dict[str, Any] = {"problems": [p.as_row() for p in plan.problems]}
        out.update(submission_diff.compare(con, plan, kind.table))
    return out


def _publish(con: duckdb.DuckDBPyConnection, row: dict[str, Any], user: User, *, automatic: bool = False) -> int:
    submission_id = int(row["submission_id"])

    def mark(cur: duckdb.DuckDBPyConnection, batch_id: int) -> None:
        done = cur.execute(
            "UPDATE submission SET status = 'published', batch_id = $b, reviewed_by = $u, "
            "reviewed_at = current_localtimestamp() WHERE submission_id = $i AND status = 'submitted' RETURNING 1",
            {"b": batch_id, "u": user.username, "i": int(submission_id)},
        ).fetchall()
        if not done:  # someone else published or returned it meanwhile: roll the import back too
            raise SubmissionError("submission_not_waiting", submission_id=submission_id, status="changed")
        record_in_transaction(
            cur,
            username=user.username,
            event="submission_published",
            target=int(submission_id),
            detail={
                "batch_id": batch_id,
                "unit": row["unit_code"],
                "kind": row["data_kind"],
                "period": row["period_id"],
                "automatic": automatic,
            },
        )

    with _check(con, row["content"], row["file_name"], row["unit_code"], row["data_kind"]) as plan:
        if not plan.ok:
            raise ImportRejected([p for p in plan.problems if p.severity == "error"])
        return load(
            con,
            plan,
            user=user.username,
            note=f"submission {submission_id} ({row['unit_code']}, {row['period_id']})",
            also=mark,
        ).batch_id


def publish(con: duckdb.DuckDBPyConnection, *, submission_id: int, user: User) -> int:
    """Import the submission's file (all or nothing) and mark it published in the same transaction;
    returns the batch id. Refused when it is not waiting for review or no longer passes the checks
    (ImportRejected with every problem: nothing changes)."""
    _require_reviewer(con, user)
    return _publish(con, _waiting(con, submission_id), user)


def return_(con: duckdb.DuckDBPyConnection, *, submission_id: int, user: User, reason: str) -> None:
    """Send a submission back to its unit with a reason (required, at most 1000 characters)."""
    _require_reviewer(con, user)
    reason = (reason or "").strip()
    if not reason or len(reason) > MAX_REASON_CHARS:
        raise SubmissionError("submission_reason_invalid", length=len(reason), max=MAX_REASON_CHARS)
    row = _waiting(con, submission_id)
    with transaction(con) as cur:
        done = cur.execute(
            "UPDATE submission SET status = 'returned', review_reason = $r, reviewed_by = $u, "
            "reviewed_at = current_localtimestamp() WHERE submission_id = $i AND status = 'submitted' RETURNING 1",
            {"r": reason, "u": user.username, "i": int(submission_id)},
        ).fetchall()
        if not done:
            raise SubmissionError("submission_not_waiting", submission_id=submission_id, status="changed")
        record_in_transaction(
            cur,
            username=user.username,
            event="submission_returned",
            target=int(submission_id),
            detail={
                "unit": row["unit_code"],
                "kind": row["data_kind"],
                "period": row["period_id"],
                "reason_chars": len(reason),
            },
        )


def prefilled_rows(con: duckdb.DuckDBPyConnection, *, data_kind: str, unit_code: str, user: User) -> list[list[object]]:
    """The unit's current rows of ``data_kind`` in template column order (the latest snapshot for
    rosters, payrolls and quotas' years: every row the unit has), for a pre-filled template."""
    effective_scope(con, user, unit_code)
    if data_kind not in OWNER_COLUMN:
        raise SubmissionError("submission_kind_not_reported", kind=data_kind)
    kind = KINDS[data_kind]
    column = OWNER_COLUMN[data_kind]
    latest = {"person": "as_of", "payroll": "month"}.get(data_kind)
    where = f'"{column}" IN (SELECT unit_code FROM unit_closure WHERE ancestor_code = $u)'  # noqa: S608 - identifiers from the kind spec
    if latest:
        where += f' AND "{latest}" = (SELECT max("{latest}") FROM {data_kind} WHERE {where})'  # noqa: S608 - identifiers from the kind spec
    cols = ", ".join(f'"{c.name}"' for c in kind.columns)
    sql = f"SELECT {cols} FROM {data_kind} WHERE {where} ORDER BY ALL"  # noqa: S608 - identifiers from the kind spec
    return [list(_cell(v) for v in r) for r in con.cursor().execute(sql, {"u": unit_code}).fetchall()]


def _cell(v: Any) -> Any:
    """A value as the template's reader takes it back: dates as dd/mm/yyyy, booleans có/không."""
    if isinstance(v, bool):
        return "có" if v else "không"
    if isinstance(v, date):
        return v.strftime("%d/%m/%Y")
    return v
