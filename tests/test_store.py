"""Many processes, one store: readers beside a writer, serialised writes, busy messages, backup/restore/check."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from analytics import audit, auth, db, store
from analytics.backup import check_file
from analytics.config import Settings
from oversight.__main__ import main
from tests.conftest import add_batch, audit_db

ROOT = Path(__file__).resolve().parent.parent

# Holds the write lock as an import would, until its stdin closes.
HOLDER = """
import sys
from analytics import store
store.set_operation("import")
with store.open_store(sys.argv[1]).writer():
    print("held", flush=True)
    sys.stdin.read()
"""


def cli(
    db_path: Path, *args: str, stdin: str = "", env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``python -m analytics ARGS --db PATH`` in its own process."""
    return subprocess.run(  # noqa: S603 fixed argv
        [sys.executable, "-m", "analytics", *args, "--db", str(db_path)],
        cwd=ROOT,
        input=stdin,
        text=True,
        capture_output=True,
        timeout=timeout,
        env={**os.environ, "OVERSIGHT_DB": str(db_path), **(env or {})},
    )


@contextmanager
def lock_held(db_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the write lock (as an import) until the block ends."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)],
        cwd=ROOT,
        text=True,  # noqa: S603
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        yield proc
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=30)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "store.duckdb"
    con = db.connect(p)
    add_batch(con)
    con.close()
    return p


def test_writes_publish_a_version_that_a_reader_sees_on_its_next_call(path: Path) -> None:
    s = store.open_store(path)
    before = s.reader()
    assert before.execute("SELECT count(*) FROM app_user").fetchone() == (0,)
    assert (
        cli(
            path, "users", "add", "lan", "--role", "viewer", "--password-stdin", stdin="mat-khau-dai-du-12\n"
        ).returncode
        == 0
    )
    after = s.reader()
    assert after is not before
    assert after.execute("SELECT username FROM app_user").fetchall() == [("lan",)]
    assert before.execute("SELECT count(*) FROM app_user").fetchone() == (0,)  # a version never changes
    versions = sorted(p.name for p in s.versions.glob("*.duckdb"))
    assert len(versions) <= Settings().keep_versions
    assert s.current()["file"] == versions[-1]  # type: ignore[index]


def test_the_current_record_is_read_again_whenever_the_file_is_replaced(path: Path) -> None:
    """current() reuses the record it read last only while CURRENT is unchanged, and never one
    read from a file younger than a second: a replacement within the same clock tick, of the same
    size, even on a reused inode, is still seen."""
    s = store.open_store(path)
    s.reader()
    current = s.versions / store.CURRENT
    record = s.current()
    assert record is not None
    for n in range(5):  # replaced as _publish_locked does: a new file renamed into place, same size
        part = s.versions / ".part"
        part.write_text(json.dumps(record | {"version": 90 + n}), encoding="utf-8")
        os.replace(part, current)
        assert s.current()["version"] == 90 + n  # type: ignore[index]
    old = time.time() - 5  # a settled file: its record is kept …
    os.utime(current, (old, old))
    assert s.current()["version"] == 94  # type: ignore[index]
    assert s._current is not None
    part.write_text(json.dumps(record | {"version": 95}), encoding="utf-8")
    os.replace(part, current)  # … until the file is replaced
    assert s.current()["version"] == 95  # type: ignore[index]
    s.current()["version"] = 0  # type: ignore[index]  # callers get a copy
    assert s.current()["version"] == 95  # type: ignore[index]


def test_a_version_published_before_an_upgrade_is_upgraded_and_published_again(path: Path) -> None:
    """After an upgrade of the program, the version the old one published lacks the new schema's
    tables: the next read upgrades the working file and publishes it, with no write in between."""
    s = store.open_store(path)
    s.reader()
    latest = db.latest_version()
    # as the previous program left them: its last migration not applied, its record without "schema"
    # (a migration that only rebuilds tables runs again on them as well)
    newest_table = re.search(r"CREATE TABLE IF NOT EXISTS (\w+)", db.migrations()[-1][1].read_text(encoding="utf-8"))
    con = db.connect(path)
    if newest_table is not None:
        con.execute(f"DROP TABLE {newest_table.group(1)}")
    con.execute("UPDATE schema_version SET version = $v - 1 WHERE version = $v", {"v": latest})
    con.execute("CHECKPOINT")
    con.close()
    store.forget_all()
    s = store.open_store(path)
    with s.locked():
        s._publish_locked(new_generation=True)
    record = json.loads((s.versions / store.CURRENT).read_text(encoding="utf-8"))
    (s.versions / store.CURRENT).write_text(json.dumps({k: v for k, v in record.items() if k != "schema"}))
    old = s.versions / record["file"]
    with duckdb.connect(str(old), read_only=True) as published:
        assert db.schema_version(published) == latest - 1
    store.forget_all()
    s = store.open_store(path)
    con = s.reader()
    assert db.schema_version(con) == latest
    if newest_table is not None:
        assert con.execute(f"SELECT count(*) FROM {newest_table.group(1)}").fetchone() is not None
    assert s.current()["schema"] == latest  # type: ignore[index]
    assert s.current()["version"] == record["version"] + 1  # type: ignore[index]
    assert s.reader() is con  # published once: the next reads keep it


def test_a_write_on_a_reader_runs_on_the_writer(path: Path) -> None:
    s = store.open_store(path)
    con = s.reader()
    auth.create_user(con, username="mai", password="mat-khau-dai-du-12", role="admin", by="test")
    fresh = s.reader()
    assert fresh.execute("SELECT count(*) FROM app_user").fetchone() == (1,)
    with pytest.raises(Exception, match="read-only"):
        con.execute("INSERT INTO app_user (username) VALUES ('x')")  # only through the writer


def test_small_writes_go_to_the_events_file_without_publishing_or_waiting(path: Path) -> None:
    """Audit rows and login bookkeeping: no new version, and no wait while an import holds the lock."""
    s = store.open_store(path)
    auth.create_user(s.reader(), username="mai", password="mat-khau-dai-du-12", role="admin", by="test")
    version = s.current()["version"]  # type: ignore[index]
    with lock_held(path):
        started = time.monotonic()
        audit.record(s.reader(), username="mai", event="logout")
        with pytest.raises(auth.AuthError):
            auth.authenticate(s.reader(), username="mai", password="sai-mat-khau-roi")
        assert auth.list_users(s.reader())["failed_attempts"].tolist() == [1]
        assert auth.authenticate(s.reader(), username="mai", password="mat-khau-dai-du-12").username == "mai"
        assert time.monotonic() - started < 5  # the import's lock was never waited for
    assert s.current()["version"] == version  # type: ignore[index]  # nothing published
    assert Path(f"{path}.events.sqlite").exists()
    assert [e for (e,) in audit_db(s.reader()).execute("SELECT event FROM audit_log ORDER BY event_id")] == [
        "user_change",
        "logout",
        "login_failed",
        "login_ok",
    ]
    assert audit_db(s.reader()).execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_audit_rows_and_login_state_kept_in_duckdb_are_copied_once(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = db.connect(path)  # as an older version left it: audit rows and a lock in DuckDB
    con.execute(
        "INSERT INTO audit_log (event_id, logged_at, username, event, detail) VALUES "
        "(7, TIMESTAMP '2026-01-01 08:00:00', 'lan', 'login_ok', '{\"method\": \"password\"}'), "
        "(9, TIMESTAMP '2026-01-02 08:00:00', 'lan', 'logout', NULL)"
    )
    con.execute(
        "INSERT INTO app_user (username, password_hash, role, created_by, failed_attempts, locked_until) "
        "VALUES ('lan', '$argon2id$x', 'viewer', 'test', 0, TIMESTAMP '2099-01-01 00:00:00')"
    )
    con.close()
    reader = store.open_store(path).reader()
    rows = audit.audit_events(reader)
    assert rows["event_id"].tolist() == [9, 7]
    assert rows["logged_at"].tolist() == [pd.Timestamp("2026-01-02 08:00"), pd.Timestamp("2026-01-01 08:00")]
    assert rows["detail"].tolist()[1] == '{"method": "password"}'
    assert auth.list_users(reader)["locked_until"].tolist() == [pd.Timestamp("2099-01-01")]
    assert audit.record(reader, username="lan", event="logout") == 10
    store.forget_all()  # another process, or a restart: nothing copied twice
    again = store.open_store(path).reader()
    assert audit.audit_events(again)["event_id"].tolist() == [10, 9, 7]


def test_readers_work_while_another_process_writes_and_a_busy_writer_says_so(path: Path) -> None:
    with lock_held(path):
        started = time.monotonic()
        info = cli(path, "info", "--json")
        assert info.returncode == 0, info.stderr
        assert json.loads(info.stdout)["schema_version"] == db.latest_version()
        assert cli(path, "kpis", "--json").returncode == 0
        assert cli(path, "audit").returncode == 0
        assert time.monotonic() - started < 60  # nobody waited for the writer

        busy = cli(
            path,
            "users",
            "add",
            "anh.le",
            "--role",
            "viewer",
            "--password-stdin",
            stdin="mat-khau-dai-du-12\n",
            env={"OVERSIGHT_WRITE_WAIT_S": "1"},
        )
        assert busy.returncode == 2
        assert "đang có một lần nhập dữ liệu khác" in busy.stderr.lower()
        assert "chờ tối đa 1 giây" in busy.stderr
        assert "Traceback" not in busy.stderr and "{'" not in busy.stderr

        # With time to wait, the same write waits and then goes through.
        waiting = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "analytics",
                "users",
                "add",
                "anh.le",
                "--role",
                "viewer",
                "--password-stdin",
                "--db",
                str(path),
            ],
            cwd=ROOT,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert waiting.stdin is not None
        waiting.stdin.write("mat-khau-dai-du-12\n")
        waiting.stdin.close()
        # Its notice, once it waits (a fixed sleep here was too short on a loaded machine, where
        # starting Python and hashing the password took longer).
        assert waiting.stderr is not None
        notice = waiting.stderr.readline()
        assert "chờ tối đa" in notice
        assert waiting.poll() is None  # still waiting for the lock
    assert waiting.wait(timeout=60) == 0
    assert waiting.stdout is not None
    assert "Đã tạo tài khoản anh.le" in waiting.stdout.read()


def test_concurrent_writers_lose_nothing(path: Path) -> None:
    """Two processes and two threads append audit rows at once: every row arrives."""
    script = (
        "import sys\nfrom analytics import audit, store\ncon = store.open_store(sys.argv[1]).reader()\n"
        "for i in range(10):\n    audit.record(store.open_store(sys.argv[1]).reader(), username='p', event='logout')\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", script, str(path)], cwd=ROOT) for _ in range(2)]  # noqa: S603
    s = store.open_store(path)

    def local() -> None:
        for _ in range(10):
            audit.record(s.reader(), username="t", event="logout")

    threads = [threading.Thread(target=local) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(p.wait(timeout=120) == 0 for p in procs)
    assert audit_db(s.reader()).execute("SELECT count(*) FROM audit_log WHERE event = 'logout'").fetchone() == (40,)


def test_backup_and_restore_while_a_reader_is_open(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    s = store.open_store(path)
    reader = s.reader()
    backup = tmp_path / "sao-luu" / "ban-sao, 1.5.duckdb"  # a comma and dots the message must leave alone
    audit.record(reader, username="truoc", event="logout")
    assert main(["backup", "--out", str(backup), "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "đã mở thử: tốt" in out and "Nhật ký (1 dòng)" in out
    # numbers through ui.format (1,2 MB), the rest as written (once every ',' became '.')
    assert f"→ {backup} (" in out and re.search(r"\(\d+,\d MB, [\d.]+ dòng, lược đồ \d+\)", out), out
    assert check_file(backup)["schema_version"] == db.latest_version()
    assert Path(f"{backup}.events.sqlite").exists()
    audit.record(reader, username="sau", event="logout")

    auth.create_user(reader, username="sau", password="mat-khau-dai-du-12", role="viewer", by="test")
    assert s.reader().execute("SELECT count(*) FROM app_user").fetchone() == (1,)
    generation = s.current()["generation"]  # type: ignore[index]

    assert main(["restore", str(backup), "--db", str(path)]) == 0
    assert "Đã khôi phục" in capsys.readouterr().out
    assert s.reader().execute("SELECT count(*) FROM app_user").fetchone() == (0,)  # the backup's content
    assert s.current()["generation"] == generation + 1  # type: ignore[index]
    assert path.with_name(path.name + ".before-restore").exists()
    assert reader.execute("SELECT count(*) FROM import_batch").fetchone() == (1,)  # old reader still reads
    # The backup's audit log too (the live connection sees it: restored in place, not renamed over).
    assert audit.audit_events(reader)["username"].tolist() == ["truoc"]
    assert Path(f"{path}.events.sqlite.before-restore").exists()


def test_restore_refuses_what_is_not_a_database(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database" * 100)
    assert main(["restore", str(junk), "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert "không mở được cơ sở dữ liệu" in err and "Traceback" not in err
    assert check_file(path)["rows"] > 0  # untouched


def test_restore_drill_from_a_lost_database(path: Path, tmp_path: Path) -> None:
    """The drill: back up, lose the working file and its versions, restore, check is healthy again."""
    backup = tmp_path / "drill.duckdb"
    audit.record(store.open_store(path).reader(), username="lan", event="login_ok")
    assert cli(path, "backup", "--out", str(backup)).returncode == 0
    rows = check_file(backup)["rows"]
    store.forget_all()
    path.unlink()
    for p in [*path.with_name(path.name + ".versions").iterdir(), *tmp_path.glob("*.events.sqlite*")]:
        if p.name != "drill.duckdb.events.sqlite":
            p.unlink()
    restored = cli(path, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert check_file(path)["rows"] == rows
    assert audit.audit_events(store.open_store(path).reader())["event"].tolist() == ["login_ok"]
    healthy = cli(path, "check", "--json")
    assert healthy.returncode == 0, healthy.stdout
    assert json.loads(healthy.stdout)["healthy"] is True


def test_check_names_what_is_wrong(path: Path, tmp_path: Path) -> None:
    ok = cli(path, "check")
    assert ok.returncode == 0, ok.stdout
    assert "TỐT  schema" in ok.stdout and "lần nhập gần nhất" in ok.stdout
    assert "TỐT  events" in ok.stdout and "tệp nguyên vẹn" in ok.stdout

    old = cli(path, "check", "--json", env={"OVERSIGHT_CHECK_MAX_IMPORT_AGE_DAYS": "-1"})
    assert old.returncode == 1
    failing = {c["name"]: c["code"] for c in json.loads(old.stdout)["checks"] if not c["ok"]}
    assert failing == {"last_import": "import_old"}

    disk = cli(path, "check", env={"OVERSIGHT_CHECK_MIN_FREE_MB": str(10**12)})
    assert disk.returncode == 1 and "LỖI  disk" in disk.stdout

    Path(f"{path}.events.sqlite").write_bytes(b"not a database" * 1000)
    broken = cli(path, "check")
    assert broken.returncode == 1 and "LỖI  events" in broken.stdout, broken.stdout
    assert "Traceback" not in broken.stderr

    missing = cli(tmp_path / "khong-co.duckdb", "check")
    assert missing.returncode == 1 and "không có tệp cơ sở dữ liệu" in missing.stdout
    assert not (tmp_path / "khong-co.duckdb").exists()  # check creates nothing
