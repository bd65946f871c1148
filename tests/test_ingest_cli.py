"""``python -m analytics import | batches | template``: exit codes, duplicates, snapshots, undo."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics import db
from oversight.__main__ import main
from tests.ingest_helpers import checksum, corpus_module, tiny_db

mc = corpus_module()


@pytest.fixture
def dbpath(tmp_path: Path) -> Path:
    path = tmp_path / "cli.duckdb"
    tiny_db(path).close()
    return path


def _roster(tmp_path: Path, name: str, people: list[tuple[str, str]]) -> Path:
    rows = [["SNV", pid, full, "01/01/1980", "Nam", "Công chức", "2,34"] for pid, full in people]
    path = tmp_path / name
    path.write_bytes(mc._roster(rows))
    return path


def _people(dbpath: Path) -> list[tuple[str, str]]:
    con = db.connect(dbpath)
    try:
        return [tuple(r) for r in con.execute("SELECT person_id, full_name FROM person ORDER BY 1").fetchall()]
    finally:
        con.close()


def _sums(dbpath: Path) -> dict[str, tuple[int, int]]:
    con = db.connect(dbpath)
    try:
        return checksum(con)
    finally:
        con.close()


def test_import_loads_and_prints_batch(tmp_path: Path, dbpath: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = _roster(tmp_path, "a.xlsx", [("P1", "An"), ("P2", "Bình")])
    assert main(["import", str(f), "--db", str(dbpath), "--as-of", "31/12/2024", "--user", "tester"]) == 0
    out = capsys.readouterr().out
    assert "Đã nhập person: 2 dòng" in out and "Lô số 2" in out
    assert _people(dbpath) == [("P1", "An"), ("P2", "Bình")]


def test_same_file_twice_is_refused(tmp_path: Path, dbpath: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = _roster(tmp_path, "a.xlsx", [("P1", "An")])
    assert main(["import", str(f), "--db", str(dbpath), "--as-of", "2024-12-31"]) == 0
    before = _sums(dbpath)
    assert main(["import", str(f), "--db", str(dbpath), "--as-of", "2024-12-31"]) == 2
    assert "tệp đã được nhập ở lô số 2" in capsys.readouterr().out
    assert _sums(dbpath) == before
    assert main(["import", str(f), "--db", str(dbpath), "--as-of", "2024-12-31", "--allow-duplicate"]) == 0


def test_rejected_upload_prints_every_problem_and_stores_nothing(
    tmp_path: Path, dbpath: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _roster(tmp_path, "good.xlsx", [("P1", "An")])
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(
        mc._roster(
            [
                ["SNV", "B1", "An", "31/02/1980", "Nam", "CC", "2,34"],
                ["SXX", "B2", "Bình", "hôm qua", "Nữ", "CC", "9,99"],
            ]
        )
    )
    before = _sums(dbpath)
    assert main(["import", str(good), str(bad), "--db", str(dbpath), "--as-of", "31/12/2024"]) == 2
    out = capsys.readouterr().out
    for words in (
        "bad.xlsx | Sheet1 | dòng 2 | cột D: Ngày sinh",
        '"31/02/1980"',
        '"hôm qua"',
        "dòng 3 | cột A: Mã đơn vị",
        "không tìm thấy đơn vị",
        "9,99",
        "TỪ CHỐI: 4 lỗi",
    ):
        assert words in out, out
    assert _sums(dbpath) == before  # the good file of the same call is not stored either


def test_newer_snapshot_replaces_and_undo_restores(
    tmp_path: Path, dbpath: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    v1 = _roster(tmp_path, "v1.xlsx", [("P1", "An"), ("P2", "Bình")])
    v2 = _roster(tmp_path, "v2.xlsx", [("P1", "An Nguyễn"), ("P3", "Cường")])
    assert main(["import", str(v1), "--db", str(dbpath), "--as-of", "31/12/2024"]) == 0
    after_v1 = _sums(dbpath)
    assert main(["import", str(v2), "--db", str(dbpath), "--as-of", "31/12/2024"]) == 0
    assert "thay thế 2 dòng cũ" in capsys.readouterr().out
    assert _people(dbpath) == [("P1", "An Nguyễn"), ("P3", "Cường")]
    assert main(["batches", "list", "--db", str(dbpath)]) == 0
    listing = capsys.readouterr().out
    assert "v1.xlsx" in listing and "v2.xlsx" in listing
    assert main(["batches", "undo", "3", "--db", str(dbpath)]) == 0
    assert _people(dbpath) == [("P1", "An"), ("P2", "Bình")]
    sums = _sums(dbpath)
    for table in ("person", "person__replaced", "quota", "unit"):
        assert sums[table] == after_v1[table]


def test_dry_run_stores_nothing(tmp_path: Path, dbpath: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = _roster(tmp_path, "a.xlsx", [("P1", "An")])
    before = _sums(dbpath)
    assert main(["import", str(f), "--db", str(dbpath), "--as-of", "31/12/2024", "--dry-run"]) == 0
    assert "không ghi" in capsys.readouterr().out
    assert _sums(dbpath) == before


def test_internal_error_exits_1(tmp_path: Path) -> None:
    f = _roster(tmp_path, "a.xlsx", [("P1", "An")])
    assert main(["import", str(f), "--db", str(tmp_path)]) == 1  # a folder is not a database


def test_template_command_writes_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mau.xlsx"
    assert main(["template", "person", "--out", str(out)]) == 0
    assert out.read_bytes()[:2] == b"PK"


def test_person_on_another_units_roster_is_warned(
    tmp_path: Path, dbpath: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["import", str(_roster(tmp_path, "a.xlsx", [("P1", "An")])), "--db", str(dbpath), "--as-of", "31/12/2024"])
        == 0
    )
    other = tmp_path / "b.xlsx"
    other.write_bytes(mc._roster([["SYT", "P1", "An", "01/01/1980", "Nam", "CC", "2,34"]]))
    capsys.readouterr()
    assert main(["import", str(other), "--db", str(dbpath), "--as-of", "31/12/2024"]) == 0
    assert "mã cán bộ đã có ở đơn vị SNV cùng ngày số liệu (lô 2)" in capsys.readouterr().out


def test_blank_unit_cells_take_the_unit_above(tmp_path: Path, dbpath: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "ff.xlsx"
    f.write_bytes(
        mc._roster(
            [
                ["SNV", "F1", "An", "01/01/1980", "Nam", "CC", "2,34"],
                [None, "F2", "Bình", "01/01/1981", "Nữ", "CC", "2,34"],
                ["SYT", "F3", "Chi", "01/01/1982", "Nữ", "VC", "2,34"],
                [None, "F4", "Dũng", "01/01/1983", "Nam", "VC", "2,34"],
            ]
        )
    )
    assert main(["import", str(f), "--db", str(dbpath), "--as-of", "31/12/2024"]) == 0
    assert "ô đơn vị để trống ở 2 dòng" in capsys.readouterr().out
    con = db.connect(dbpath)
    try:
        got = con.execute("SELECT person_id, unit_code FROM person ORDER BY 1").fetchall()
    finally:
        con.close()
    assert got == [("F1", "SNV"), ("F2", "SNV"), ("F3", "SYT"), ("F4", "SYT")]


def test_progress_goes_to_stderr_when_asked(tmp_path: Path, dbpath: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = _roster(tmp_path, "a.xlsx", [("P1", "An")]), _roster(tmp_path, "b.xlsx", [("P2", "Bình")])
    assert main(["import", str(a), str(b), "--db", str(dbpath), "--as-of", "31/12/2024"]) == 0
    assert capsys.readouterr().err == ""  # not a terminal, not asked: quiet
    c = _roster(tmp_path, "c.xlsx", [("P3", "Chi")])
    assert main(["import", str(c), "--db", str(dbpath), "--as-of", "31/12/2024", "--progress"]) == 0
    err = capsys.readouterr().err
    for words in (
        "[  0%] đọc c.xlsx",
        "kiểm tra c.xlsx — Sheet1",
        "lưu tạm c.xlsx — Sheet1",
        "ghi person",
        "[100%] xong",
    ):
        assert words in err, err
    assert err.endswith("\n")
