"""The audit log: events, the guard against personal data, reading and exporting it."""

from __future__ import annotations

import io
import json
import re
import sqlite3
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from argon2 import PasswordHasher

from analytics import audit, auth, db, events, safe_export, users
from analytics.audit import AuditError
from analytics.auth import AuthError
from oversight.__main__ import main
from tests.conftest import audit_db

T = datetime(2026, 1, 5, 9, 0, 0)


def test_events_in_schema_match_the_code() -> None:
    # DuckDB's audit_log is legacy (copied into the events file once, never written again): it
    # keeps the events of its time, the first 15.
    for path, expected in (
        (db.SCHEMA_PATH, audit.EVENTS[:15]),
        (db.MIGRATIONS_DIR / "0003_users_audit.sql", audit.EVENTS[:15]),
        (events.SCHEMA_PATH, audit.EVENTS),
    ):
        sql = path.read_text(encoding="utf-8")
        m = re.search(r"list_contains\(\[([^\]]*)\], event\)|event IN \(([^)]*)\)", sql)
        assert m is not None, path
        assert tuple(re.findall(r"'([^']*)'", m.group(1) or m.group(2))) == expected


def test_record_appends_rows_with_increasing_ids(con: duckdb.DuckDBPyConnection) -> None:
    first = audit.record(
        con,
        username="lan",
        event="import",
        target=7,
        detail={"files": [{"sha256": "ab" * 32, "size_bytes": 1200}], "rows": {"person": 120}},
    )
    second = audit.record(con, username="lan", event="undo", target=7, at=T)
    assert second == first + 1
    rows = (
        audit_db(con)
        .execute("SELECT username, event, target, CAST(detail AS VARCHAR), logged_at FROM audit_log ORDER BY event_id")
        .fetchall()
    )
    assert rows[0][:3] == ("lan", "import", "7")
    assert json.loads(rows[0][3]) == {"files": [{"sha256": "ab" * 32, "size_bytes": 1200}], "rows": {"person": 120}}
    assert rows[1][3] is None and rows[1][4] == T


def test_module_offers_no_way_to_change_or_delete_rows() -> None:
    public = {n for n in dir(audit) if not n.startswith("_") and callable(getattr(audit, n))}
    assert not {n for n in public if re.search(r"update|delete|remove|purge|edit|clear", n)}
    source = Path(audit.__file__).read_text(encoding="utf-8")
    assert not re.search(r"\b(UPDATE|DELETE)\b", source)


PERSONAL_DETAILS = [
    ("a name", {"full_name": "Nguyễn Văn A"}),
    ("a birth date", {"birth_date": "1980-01-01"}),
    ("a name deep in a list", {"rows": [{"person_id": "P1"}]}),
    ("ethnicity in capitals", {"Ethnicity": "khmer"}),
    ("a salary", {"changes": {"total_vnd": 5_475_600}}),
    ("a password", {"new_password": "x"}),
    ("a password hash", {"password_hash": "$argon2id$…"}),
    ("raw cell values", {"values": ["Nguyễn Văn A"]}),
]


@pytest.mark.parametrize(("what", "detail"), PERSONAL_DETAILS, ids=[c[0] for c in PERSONAL_DETAILS])
def test_personal_keys_are_refused(con: duckdb.DuckDBPyConnection, what: str, detail: dict) -> None:
    with pytest.raises(AuditError) as err:
        audit.record(con, username="lan", event="export", detail=detail)
    assert err.value.code == "audit_personal_key"
    assert audit_db(con).execute("SELECT count(*) FROM audit_log").fetchone() == (0,)


BAD_ROWS = [
    ("unknown event", {"event": "coffee"}, "audit_event_unknown"),
    ("detail not an object", {"detail": ["a"]}, "audit_detail_not_object"),
    ("detail too large", {"detail": {"note": "x" * 5000}}, "audit_detail_too_large"),
    ("detail not JSON", {"detail": {"obj": object()}}, "audit_detail_not_json"),
    ("target too long", {"target": "t" * 201}, "audit_target_too_long"),
]


@pytest.mark.parametrize(("what", "change", "code"), BAD_ROWS, ids=[c[0] for c in BAD_ROWS])
def test_bad_rows_are_refused(con: duckdb.DuckDBPyConnection, what: str, change: dict, code: str) -> None:
    kwargs = {"username": "lan", "event": "export"} | change
    with pytest.raises(AuditError) as err:
        audit.record(con, **kwargs)
    assert err.value.code == code


def test_schema_refuses_unknown_events_too(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        audit_db(con).execute(
            "INSERT INTO audit_log (logged_at, event) VALUES ('2026-01-01 08:00:00.000000', 'coffee')"
        )


def test_record_in_transaction_rolls_back_with_the_change(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(RuntimeError):
        with db.transaction(con) as cur:
            audit.record_in_transaction(cur, username="lan", event="setting_change", target="young_age_threshold")
            raise RuntimeError("the change failed")
    assert audit_db(con).execute("SELECT count(*) FROM audit_log").fetchone() == (0,)


def test_audit_events_filters(con: duckdb.DuckDBPyConnection) -> None:
    audit.record(con, username="lan", event="login_ok", at=datetime(2026, 1, 1, 8))
    audit.record(con, username="minh", event="login_ok", at=datetime(2026, 1, 2, 8))
    audit.record(con, username="lan", event="export", target="secondment", at=datetime(2026, 1, 3, 8))
    audit.record(con, username="lan", event="logout", at=datetime(2026, 1, 3, 9))
    everything = audit.audit_events(con)
    assert list(everything.columns) == ["event_id", "logged_at", "username", "event", "target", "detail"]
    assert list(everything["event_id"]) == [4, 3, 2, 1]  # newest first
    assert list(audit.audit_events(con, since=date(2026, 1, 2))["event_id"]) == [4, 3, 2]
    assert list(audit.audit_events(con, since=date(2026, 1, 2), until=date(2026, 1, 3))["event_id"]) == [2]
    assert list(audit.audit_events(con, username="lan")["event_id"]) == [4, 3, 1]
    assert list(audit.audit_events(con, event="login_ok")["event_id"]) == [2, 1]
    assert list(audit.audit_events(con, username="lan", event="export")["target"]) == ["secondment"]
    assert list(audit.audit_events(con, limit=2)["event_id"]) == [4, 3]
    with pytest.raises(AuditError):
        audit.audit_events(con, event="coffee")


def test_no_password_or_personal_value_reaches_the_audit_log(
    con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(users, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    secret, wrong, typed_in_name_field = "bi-mat-cua-lan-1", "doan-sai-mat-khau", "bi-mat-go-nham-o-ten"
    auth.create_user(con, username="lan", password=secret, role="analyst", display_name="Trần Thị Lan", by="test")
    with pytest.raises(AuthError):
        auth.authenticate(con, username="lan", password=wrong, now=T)
    with pytest.raises(AuthError):
        auth.authenticate(con, username=typed_in_name_field, password=secret, now=T)
    auth.authenticate(con, username="lan", password=secret, now=T)
    auth.set_password(con, username="lan", password="bi-mat-moi-cua-lan", by="test")
    people = pd.DataFrame({"full_name": ["=Nguyễn Văn A"], "birth_date": [date(1980, 1, 1)]})
    payload = safe_export.to_xlsx_bytes(people, sheet_name="Danh sách", headers=None)
    audit.record(
        con,
        username="lan",
        event="export",
        target="secondment",
        detail=safe_export.describe(payload, people, fmt="xlsx"),
    )
    dump = repr(audit_db(con).execute("SELECT * FROM audit_log").fetchall())
    for value in (secret, wrong, typed_in_name_field, "bi-mat-moi-cua-lan", "Nguyễn", "1980", "Trần Thị Lan", "argon2"):
        assert value not in dump, value
    assert [e for (e,) in audit_db(con).execute("SELECT event FROM audit_log ORDER BY event_id")] == [
        "user_change",
        "login_failed",
        "login_failed",
        "login_ok",
        "user_change",
        "export",
    ]


def test_cli_audit_prints_and_exports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cli.duckdb"
    con = db.connect(path)
    audit.record(con, username="lan", event="login_ok", at=datetime(2026, 1, 1, 8))
    audit.record(con, username="=cmd|' /C calc'!A0", event="login_ok", at=datetime(2026, 1, 2, 8))
    con.close()
    assert main(["audit", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "login_ok" in out and "lan" in out
    csv_path = tmp_path / "nhat_ky.csv"
    assert main(["audit", "--db", str(path), "--since", "2026-01-02", "--csv", str(csv_path)]) == 0
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert list(back.columns) == ["Mã sự kiện", "Thời điểm", "Tài khoản", "Sự kiện", "Đối tượng", "Chi tiết"]
    assert list(back["Tài khoản"]) == ["'=cmd|' /C calc'!A0"]  # one row since 2/1, neutralised
    con = db.connect(path)
    try:
        user, event, target, detail = (
            audit_db(con)
            .execute(
                "SELECT username, event, target, CAST(detail AS VARCHAR) FROM audit_log ORDER BY event_id DESC LIMIT 1"
            )
            .fetchone()
        )
    finally:
        con.close()
    assert (event, target) == ("export", "audit_log") and user.startswith("os:")
    assert json.loads(detail)["rows"] == 1


def test_an_events_file_of_an_older_version_takes_the_new_events(tmp_path: Path) -> None:
    """SQLite cannot alter a CHECK: a file made before the reporting-cycle events gets audit_log
    rebuilt on open, its rows and ids kept."""
    path = tmp_path / "old.events.sqlite"
    old = events.SCHEMA_PATH.read_text(encoding="utf-8").replace(
        ", 'submission',\n                  'submission_published', 'submission_returned', 'period_change'", ""
    )
    assert "'period_change'" not in old
    c = sqlite3.connect(path)
    c.executescript(old)
    c.execute("INSERT INTO audit_log (logged_at, username, event) VALUES ('2026-01-01 00:00:00', 'a', 'login_ok')")
    c.commit()
    c.close()
    ev = events.open_events(str(path))
    with ev.writing() as con:
        con.execute(
            "INSERT INTO audit_log (logged_at, username, event) VALUES ('2026-01-02 00:00:00', 'b', 'submission')"
        )
    with ev.reading() as con:
        assert con.execute("SELECT event_id, event FROM audit_log ORDER BY 1").fetchall() == [
            (1, "login_ok"),
            (2, "submission"),
        ]
        assert con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'audit_log_logged_at'").fetchone() == (1,)
