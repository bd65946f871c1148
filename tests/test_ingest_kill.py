"""Kill -9 at random points (issue 12): of an import, of ``batches undo`` and of the demo build.

After each kill every table equals its state before or after the command (never a half), ``info``
works, the temporary folders of the killed process are removed at the next start, and a clean
run of the same command succeeds. The kill points are seeded and spread over the command's own
measured duration, so they land in reading, checking, staging and loading alike.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pytest

from analytics import db
from analytics.db import DATA_TABLES
from analytics.ingest.leftovers import remove_stale
from oversight.__main__ import main

IMPORT_KILLS = 20
UNDO_KILLS = 5
DEMO_KILLS = 3
SEED = int(os.environ.get("KILL_SEED", "12"))
UNITS = ["SNV", "SYT", "STP", "XA001", "XA002"]


def _roster(rows: int) -> bytes:
    lines = ["Mã đơn vị,Mã cán bộ,Họ và tên,Ngày sinh,Giới tính,Loại cán bộ"]
    lines += [f"{UNITS[i % 5]},K{i:06d},Người {i},01/01/1980,{'Nam' if i % 2 else 'Nữ'},Công chức" for i in range(rows)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def state(path: Path, tables: tuple[str, ...] | None = None) -> dict[str, tuple[int, int]]:
    """(rows, xor of row hashes) per table, timestamps left out (a re-run stamps other times)."""
    con = db.connect(path)
    try:
        cur = con.cursor()
        names = tables or tuple(
            r[0]
            for r in cur.execute(
                "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND table_name NOT IN "
                "('audit_log', 'app_user')"
            ).fetchall()
        )
        out = {}
        for n in names:
            cols = [
                r[0]
                for r in cur.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = $t "
                    "AND data_type NOT LIKE 'TIMESTAMP%' ORDER BY ordinal_position",
                    {"t": n},
                ).fetchall()
            ]
            row = cur.execute(
                f"SELECT count(*), coalesce(bit_xor(hash({', '.join(chr(34) + c + chr(34) for c in cols)})), 0) "
                f'FROM "{n}"'
            ).fetchall()[0]
            out[n] = (int(row[0]), int(row[1]))
        return out
    finally:
        con.close()


def _copy(src: Path, dst: Path) -> None:
    for suffix in ("", ".wal"):
        Path(str(dst) + suffix).unlink(missing_ok=True)
    shutil.copy(src, dst)


def _env(tmp: Path) -> dict[str, str]:
    return {**os.environ, "TMPDIR": str(tmp)}


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    started = time.monotonic()
    subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=120)
    return time.monotonic() - started


def _kill_at(cmd: list[str], env: dict[str, str], after: float) -> int:
    """Start ``cmd``, SIGKILL it (and only it: its reader child ends with its pipe) after ``after`` s."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=after)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    return proc.pid


def _info_works(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", "--db", str(path)]) == 0
    assert "person" in capsys.readouterr().out


def _owned_by(pid: int, places: list[Path]) -> list[Path]:
    return [
        p
        for place in places
        if place.is_dir()
        for p in place.iterdir()
        if p.name.startswith("oversight-") and f"-{pid}-" in p.name
    ]


def test_import_killed_anywhere_leaves_before_or_after_and_nothing_behind(
    tiny_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "roster.csv"
    data.write_bytes(_roster(20_000))
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    work = tmp_path / "k.duckdb"
    cmd = [
        sys.executable,
        "-m",
        "analytics",
        "import",
        str(data),
        "--db",
        str(work),
        "--as-of",
        "31/12/2024",
        "--user",
        "kill",
    ]
    _copy(tiny_file, work)
    before = state(work)
    duration = _timed(cmd, _env(tmp))
    after = state(work)
    assert after["person"][0] == 20_000 and after != before
    rnd = random.Random(SEED)
    pids, seen = [], set()
    for _ in range(IMPORT_KILLS):
        _copy(tiny_file, work)
        pids.append(_kill_at(cmd, _env(tmp), rnd.uniform(0.05, duration)))
        now = state(work)
        assert now in (before, after), "a killed import left a partial state"
        seen.add("after" if now == after else "before")
        _info_works(work, capsys)
    # The next start removes what the killed imports left (here: a clean re-import).
    _copy(tiny_file, work)
    env = _env(tmp)
    assert subprocess.run(cmd, env=env, capture_output=True, timeout=120).returncode == 0
    assert state(work) == after
    places = [tmp, Path("/dev/shm")]
    assert [p for pid in pids for p in _owned_by(pid, places)] == []
    assert list(tmp.iterdir()) == []
    print(f"\nimport kills: {IMPORT_KILLS} over {duration:.1f} s, states seen: {sorted(seen)}")


def test_stale_folders_are_removed_only_when_their_owner_is_dead(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    stale = tmp_path / f"oversight-import-{dead_pid}-abc"
    stale.mkdir()
    (stale / "00001-person.parquet").write_bytes(b"x")
    live = tmp_path / f"oversight-read-{os.getppid()}-abc"
    live.mkdir()
    other = tmp_path / "someone-else-123-abc"
    other.mkdir()
    assert remove_stale([tmp_path]) == [stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, other.name])
    assert tempfile.gettempdir()  # the default places are the system's temporary folder and /dev/shm


def _loaded_db(tiny_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "u.duckdb"
    _copy(tiny_file, path)
    data = tmp_path / "r.csv"
    data.write_bytes(_roster(20_000))
    assert main(["import", str(data), "--db", str(path), "--as-of", "31/12/2024", "--user", "kill"]) == 0
    return path


def test_undo_killed_anywhere_leaves_before_or_after(
    tiny_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loaded = _loaded_db(tiny_file, tmp_path)
    capsys.readouterr()
    work = tmp_path / "w.duckdb"
    cmd = [sys.executable, "-m", "analytics", "batches", "undo", "2", "--db", str(work)]
    _copy(loaded, work)
    before = state(work)
    duration = _timed(cmd, os.environ.copy())
    after = state(work)
    assert after["person"][0] == 0 and before["person"][0] == 20_000
    rnd = random.Random(SEED + 1)
    for _ in range(UNDO_KILLS):
        _copy(loaded, work)
        _kill_at(cmd, os.environ.copy(), rnd.uniform(0.05, duration))
        assert state(work) in (before, after)
        _info_works(work, capsys)
    _copy(loaded, work)
    assert main(["batches", "undo", "2", "--db", str(work)]) == 0
    assert state(work) == after


@pytest.mark.slow
def test_demo_build_killed_anywhere_leaves_no_demo_or_the_whole_demo(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tables = (*DATA_TABLES, *(f"{t}__replaced" for t in DATA_TABLES))
    after = state(demo_db_path, tables)
    empty = tmp_path / "empty.duckdb"
    db.connect(empty).close()
    before = state(empty, tables)
    rnd = random.Random(SEED + 2)
    work = tmp_path / "d.duckdb"
    for _ in range(DEMO_KILLS):
        for suffix in ("", ".wal"):
            Path(str(work) + suffix).unlink(missing_ok=True)
        _kill_at(
            [sys.executable, "-m", "analytics", "demo", "--db", str(work)], os.environ.copy(), rnd.uniform(0.5, 6.0)
        )
        assert state(work, tables) in (before, after)
        _info_works(work, capsys)
    con: duckdb.DuckDBPyConnection = db.connect(work)
    con.close()
    if state(work, tables) == before:
        assert main(["demo", "--db", str(work)]) == 0  # a clean build after the kills succeeds
    else:  # the last build finished before its kill: the whole demo, which is not loaded twice
        assert main(["demo", "--db", str(work)]) == 1
    assert state(work, tables) == after
