"""First start: the demo database is built once, however many sessions open at the same moment, and
a failed build leaves nothing half-made behind."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from ui.bootstrap import build_once


def _slow_build(calls: list[Path], seconds: float = 0.3) -> Callable[[Path], dict[str, int]]:
    def build(path: Path) -> dict[str, int]:
        calls.append(path)
        path.write_bytes(b"half")
        time.sleep(seconds)
        path.write_bytes(b"whole")
        return {"unit": 3}

    return build


def test_sessions_opening_together_build_once_and_all_see_the_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "demo.duckdb"
    calls: list[Path] = []
    results: list[dict[str, int] | None] = []
    seen: list[bytes] = []

    def session() -> None:
        results.append(build_once(target, _slow_build(calls)))
        seen.append(target.read_bytes())

    threads = [threading.Thread(target=session) for _ in range(4)]
    for th in threads:
        th.start()
        time.sleep(0.02)
    for th in threads:
        th.join()
    assert len(calls) == 1 and calls[0].name == "demo.duckdb.building"
    assert sorted(results, key=str) == [None, None, None, {"unit": 3}]
    assert seen == [b"whole"] * 4  # nobody read the half-built file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.duckdb"]


def test_a_failed_build_leaves_no_file_and_the_next_start_builds_again(tmp_path: Path) -> None:
    target = tmp_path / "demo.duckdb"

    def broken(path: Path) -> dict[str, int]:
        path.write_bytes(b"half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        build_once(target, broken)
    assert list(tmp_path.iterdir()) == []
    calls: list[Path] = []
    assert build_once(target, _slow_build(calls, 0)) == {"unit": 3}
    assert target.read_bytes() == b"whole"


def test_an_existing_database_is_never_rebuilt(tmp_path: Path) -> None:
    target = tmp_path / "demo.duckdb"
    target.write_bytes(b"real data")
    calls: list[Path] = []
    assert build_once(target, _slow_build(calls)) is None
    assert calls == [] and target.read_bytes() == b"real data"
