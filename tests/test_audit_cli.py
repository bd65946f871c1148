"""Every command of ``python -m analytics`` and the audit rows it leaves (issue 16).

The rows are written by the core operations (import, undo, demo, users, settings), not by the
command line, so these are the same rows a page leaves; here the actor is the ``--user`` given or
the OS account. Commands that only read leave no row. A refused import is audited.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from analytics import events
from analytics.__main__ import main
from tests.ingest_helpers import corpus_module, tiny_db

mc = corpus_module()
GOOD = [["SNV", "P1", "Nguyễn Văn A", "01/01/1980", "Nam", "Công chức", "2,34"]]
BAD = [["KHONG_CO", "P2", "Trần Thị B", "31/02/1980", "Nữ", "Công chức", "2,34"]]


def _rows(db: Path, after: int = 0) -> list[tuple[int, Any, str, Any, Any]]:  # detail: parsed JSON
    """Audit rows of ``db`` after event ``after``, read straight from the events file (none yet: [])."""
    if not Path(events.path_for(db)).exists():
        return []
    con = sqlite3.connect(events.path_for(db))
    try:
        rows = con.execute(
            "SELECT event_id, username, event, target, detail FROM audit_log WHERE event_id > ? ORDER BY event_id",
            (after,),
        ).fetchall()
    finally:
        con.close()
    return [(i, u, e, t, json.loads(d) if d else None) for i, u, e, t, d in rows]


def _commands(capsys: pytest.CaptureFixture[str]) -> set[str]:
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    block = text.split("positional arguments:")[1].split("options:")[0]
    return set(re.findall(r"^    (\w+)\s", block, flags=re.MULTILINE))


class Runner:
    def __init__(self, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db, self.capsys, self.last = db, capsys, 0
        self.seen: set[str] = set()

    def __call__(
        self, *argv: str, code: int = 0, stdin: str | None = None, monkeypatch: pytest.MonkeyPatch | None = None
    ) -> list[tuple]:
        """Run a command, check its exit code, return the audit rows it added."""
        self.seen.add(argv[0])
        if stdin is not None:
            assert monkeypatch is not None
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        args = [*argv, "--db", str(self.db)] if argv[0] not in ("template", "brief") else list(argv)
        assert main(args) == code, self.capsys.readouterr()
        self.capsys.readouterr()
        new = _rows(self.db, self.last)
        if new:
            self.last = new[-1][0]
        return [(u, e, t) for _, u, e, t, _ in new]


def test_every_command_leaves_its_audit_row_and_readers_leave_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "cli.duckdb"
    tiny_db(db).close()
    run = Runner(db, capsys)
    os_user = f"os:{__import__('getpass').getuser()}"
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    good.write_bytes(mc._roster(GOOD))
    bad.write_bytes(mc._roster(BAD))

    assert run("info") == []
    assert run("template", "quota", "--out", str(tmp_path / "mau.xlsx")) == []
    # The tiny database's units came in batch 1 without an audit row: the import writes it, recovered.
    assert run("import", str(good), "--as-of", "01/01/2026", "--user", "lan") == [
        ("lan", "import", "2"),
        ("test", "demo_build", "1"),
    ]
    assert _rows(db)[-2][4]["rows"] == {"person": 1} and _rows(db)[-1][4]["recovered"] is True
    # Refused by the checks (a unit that does not exist, 31/02): audited with the files' hashes only.
    assert run("import", str(bad), "--as-of", "01/01/2026", "--user", "lan", code=2) == [
        ("lan", "import_rejected", None)
    ]
    detail = _rows(db)[-1][4]
    assert detail["stage"] == "check" and detail["errors"] >= 2 and detail["files"][0]["name"] == "bad.xlsx"
    assert "KHONG_CO" not in json.dumps(detail) and "Trần" not in json.dumps(detail)
    assert run("import", str(bad), "--as-of", "01/01/2026", "--dry-run", "--user", "lan", code=2) == [
        ("lan", "import_rejected", None)
    ]
    # The good file again: refused as already loaded.
    assert run("import", str(good), "--as-of", "01/01/2026", "--dry-run", "--user", "lan", code=2) == [
        ("lan", "import_rejected", None)
    ]
    assert run("batches", "list") == []
    assert run("batches", "undo", "2", "--user", "lan") == [("lan", "undo", "2")]
    assert run("kpis") == []
    assert run("check", code=1) == []  # 1: no real import left after the undo; it writes nothing either way
    assert run(
        "users",
        "add",
        "moi",
        "--role",
        "viewer",
        "--password-stdin",
        stdin="mat-khau-du-dai\n",
        monkeypatch=monkeypatch,
    ) == [(os_user, "user_change", "moi")]
    assert run("users", "list") == []
    assert run("users", "disable", "moi") == [(os_user, "user_change", "moi")]
    assert run("users", "enable", "moi") == [(os_user, "user_change", "moi")]
    assert run("users", "reset", "moi", "--password-stdin", stdin="mat-khau-moi-dai\n", monkeypatch=monkeypatch) == [
        (os_user, "user_change", "moi")
    ]
    assert run("audit") == []
    assert run("audit", "--csv", str(tmp_path / "nhat-ky.csv")) == [(os_user, "export", "audit_log")]
    deck = tmp_path / "deck.pdf"
    assert run("brief", "--db", str(db), "--out", str(deck)) == [(os_user, "export", deck.name)]
    # Backup and restore are not audited: the restore replaces the audit log by the backup's own.
    assert run("backup", "--out", str(tmp_path / "sao-luu.duckdb")) == []
    before = _rows(db)
    assert run("restore", str(tmp_path / "sao-luu.duckdb")) == []
    assert _rows(db) == before

    demo = tmp_path / "demo.duckdb"
    run.db, run.last = demo, 0
    assert run("demo") == [(os_user, "demo_build", "1")]
    assert run("demo", "--remove") == [(os_user, "demo_remove", "1")]
    assert run.seen == _commands(capsys)


def test_a_load_that_rolls_back_is_audited_as_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from analytics import db as dbmod
    from analytics.ingest import pipeline
    from analytics.ingest import plan as plan_module

    path = tmp_path / "t.duckdb"
    con = tiny_db(path)
    try:
        plan = pipeline.prepare(con, files=[("good.xlsx", mc._roster(GOOD))], as_of=date(2026, 1, 1), user="lan")
        assert plan.ok and _rows(path) == []

        def broken(*args: object, **kwargs: object) -> None:
            raise OSError("disk full")

        monkeypatch.setattr(plan_module, "close_batch", broken)  # inside the transaction: it rolls back
        with pytest.raises(OSError):
            pipeline.load(con, plan, user="lan")
        assert con.execute("SELECT count(*) FROM import_batch").fetchone() == (1,)  # the units' batch only
        assert dbmod.table_counts(con)["person"] == 0
        [(_, user, event, target, detail)] = _rows(path)
        assert (user, event, target) == ("lan", "import_rejected", None)
        assert detail["stage"] == "load" and detail["error"] == "OSError"
    finally:
        con.close()


def test_a_load_whose_publish_fails_after_commit_is_not_called_rejected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batch committed: its import row stands, no import_rejected row, and the version is published
    when the load checks on the writer whether it committed."""
    from analytics import store
    from analytics.ingest import pipeline

    path = tmp_path / "t.duckdb"
    tiny_db(path).close()
    s = store.open_store(path)
    reader = s.reader()
    plan = pipeline.prepare(reader, files=[("good.xlsx", mc._roster(GOOD))], as_of=date(2026, 1, 1), user="lan")
    real = store.Store._publish_locked
    failures = [OSError("disk full")]

    def publish_once_failing(self: store.Store, **kwargs: object) -> dict:
        if failures:
            raise failures.pop()
        return real(self, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store.Store, "_publish_locked", publish_once_failing)
    with pytest.raises(OSError, match="disk full"):
        pipeline.load(reader, plan, user="lan")
    assert not failures  # it did fail once
    assert [(u, e, t) for _, u, e, t, _ in _rows(path)] == [("lan", "import", "2"), ("test", "demo_build", "1")]
    assert s.reader().execute("SELECT count(*) FROM person").fetchone() == (1,)  # published after all


def test_a_missing_or_unreadable_file_is_refused_by_the_importer_and_audited(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "cli.duckdb"
    tiny_db(db).close()
    good = tmp_path / "good.xlsx"
    good.write_bytes(mc._roster(GOOD))
    folder = tmp_path / "a-folder.xlsx"
    folder.mkdir()
    before = len(_rows(db))
    args = [
        "import",
        str(tmp_path / "khong-co.xlsx"),
        str(folder),
        str(good),
        "--as-of",
        "01/01/2026",
        "--user",
        "lan",
        "--db",
        str(db),
    ]
    assert main(args) == 2
    out = capsys.readouterr().out
    assert "LỖI: khong-co.xlsx: không tìm thấy tệp" in out
    assert "LỖI: a-folder.xlsx: không đọc được tệp (IsADirectoryError)" in out
    assert "TỪ CHỐI: 2 lỗi" in out  # the good file was checked too, and nothing stored
    [(_, user, event, _, detail)] = _rows(db)[before:]
    assert (user, event, detail["stage"], detail["errors"]) == ("lan", "import_rejected", "check", 2)
    assert [f["name"] for f in detail["files"]] == ["khong-co.xlsx", "a-folder.xlsx", "good.xlsx"]
