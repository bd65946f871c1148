"""Opening, creating and upgrading database files."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from analytics import db
from analytics.errors import DatabaseError

FIXTURES = Path(__file__).parent / "fixtures"


def _columns(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(
        "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
        "WHERE table_schema = 'main' ORDER BY table_name, column_name"
    ).fetchall()


def test_new_file_gets_schema_reference_data_and_no_data(tmp_path: Path) -> None:
    con = db.connect(tmp_path / "new.duckdb")
    counts = db.table_counts(con)
    assert db.schema_version(con) == db.latest_version()
    assert counts["base_salary"] == 3 and counts["pay_scale"] == 71 and counts["retirement_age"] == 25
    assert all(counts[t] == 0 for t in db.DATA_TABLES)
    assert counts["import_batch"] == 0


def test_reopening_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "again.duckdb"
    db.connect(path).close()
    con = db.connect(path)
    assert db.table_counts(con)["base_salary"] == 3  # seeds are not inserted twice
    assert con.execute("SELECT count(*) FROM schema_version").fetchone() == (1,)


def _v1_database_with_rows(path: Path) -> dict[str, int]:
    """A file made by schema version 1 (frozen copy in tests/fixtures), one row in each data table."""
    con = duckdb.connect(str(path))
    con.execute((FIXTURES / "schema_v1.sql").read_text(encoding="utf-8"))
    con.execute(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL DEFAULT current_localtimestamp())"
    )
    con.execute("INSERT INTO schema_version (version) VALUES (1)")
    con.execute("INSERT INTO import_batch (kind, created_by) VALUES ('cli', 'old')")
    con.execute(
        "INSERT INTO unit (unit_code, name, unit_type, level, batch_id) VALUES ('SNV', 'Sở Nội vụ', 'so_nganh', 'city', 1)"
    )
    con.execute(
        "INSERT INTO quota (unit_code, year, category, quota_assigned, batch_id) VALUES ('SNV', 2021, 'cong_chuc', 50, 1)"
    )
    con.execute(
        "INSERT INTO person (as_of, unit_code, person_id, full_name, birth_date, gender, category, batch_id) "
        "VALUES ('2025-01-01', 'SNV', 'P1', 'Nguyễn Văn A', '1980-01-01', 'nam', 'cong_chuc', 1)"
    )
    con.execute(
        "INSERT INTO payroll (month, unit_code, person_id, salary_coef, base_salary_vnd, basic_salary_vnd, total_vnd, batch_id) "
        "VALUES ('2025-01-01', 'SNV', 'P1', 2.34, 2340000, 5475600, 5475600, 1)"
    )
    con.execute(
        "INSERT INTO reduction_case (case_id, unit_code, category, route, year, batch_id) VALUES ('R1', 'SNV', 'cong_chuc', 'thoi_viec', 2023, 1)"
    )
    con.execute(
        "INSERT INTO secondment (secondment_id, person_id, sending_unit_code, receiving_unit_code, start_date, planned_end_date, status, batch_id) "
        "VALUES ('S1', 'P1', 'SNV', 'XA1', '2025-08-01', '2028-07-31', 'dang_tang_cuong', 1)"
    )
    con.execute(
        "INSERT INTO secondment_review (secondment_id, review_date, reviewer, batch_id) VALUES ('S1', '2025-10-01', 'so_noi_vu', 1)"
    )
    con.execute(
        "INSERT INTO training (record_id, unit_code, course_name, field, start_date, funding, batch_id) "
        "VALUES ('T1', 'SNV', 'Khóa A', 'logistics', '2025-09-01', 'tai_co_cau_5pct', 1)"
    )
    con.execute("INSERT INTO setting (key, value, updated_by) VALUES ('young_age_threshold', '35', 'old')")
    v1 = {
        r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
    }  # later tables came with migrations
    counts = {
        t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
        for t in (*db.DATA_TABLES, "setting", "import_batch")
        if t in v1
    }
    con.close()
    return counts


def test_version_1_file_upgrades_in_place_without_losing_rows(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    before = _v1_database_with_rows(path)
    con = db.connect(path)
    assert db.schema_version(con) == db.latest_version()
    after = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in before}
    assert after == before
    assert con.execute("SELECT full_name FROM person").fetchone() == ("Nguyễn Văn A",)
    fresh = db.connect(tmp_path / "fresh.duckdb")
    assert _columns(con) == _columns(fresh)  # an upgraded file has exactly the current schema


def test_file_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.duckdb"
    con = db.connect(path)
    con.execute("INSERT INTO schema_version (version) VALUES ($v)", {"v": db.latest_version() + 1})
    con.close()
    with pytest.raises(DatabaseError) as err:
        db.connect(path)
    assert err.value.code == "db_too_new"


def test_locked_file_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.duckdb"
    db.connect(path).close()
    path.write_bytes(b"this is not a duckdb file" * 100)
    with pytest.raises(DatabaseError) as err:
        db.connect(path)
    assert err.value.code in {"db_unreadable", "db_locked"}


def test_transaction_rolls_back_everything(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(duckdb.ConstraintException):
        with db.transaction(con) as cur:
            cur.execute("INSERT INTO import_batch (kind, created_by) VALUES ('cli', 'x')")
            cur.execute(
                "INSERT INTO quota (unit_code, year, category, quota_assigned, batch_id) VALUES ('A', 2021, 'cong_chuc', -1, 1)"
            )
    assert con.execute("SELECT count(*) FROM import_batch").fetchone() == (0,)


def test_each_thread_reads_on_a_cursor_of_its_own_kept_with_the_connection() -> None:
    """db.thread_cursor: one cursor per thread and connection, reused by that thread's reads, never
    shared with another thread, and forgotten with the connection."""
    import gc
    import threading

    con = duckdb.connect()
    mine = db.thread_cursor(con)
    assert db.thread_cursor(con) is mine and mine is not con
    assert mine.execute("SELECT 42").fetchall() == [(42,)]
    theirs: list[duckdb.DuckDBPyConnection] = []
    other = threading.Thread(target=lambda: theirs.append(db.thread_cursor(con)))
    other.start()
    other.join()
    assert theirs[0] is not mine
    other_con = duckdb.connect()
    assert db.thread_cursor(other_con) is not mine
    gc.collect()  # connections earlier tests left for the collector go first: only other_con is counted
    kept = len(db._THREAD_CURSORS)
    del other_con
    gc.collect()
    assert len(db._THREAD_CURSORS) == kept - 1
    con.close()  # its cursors close with it
    with pytest.raises(duckdb.ConnectionException):
        mine.execute("SELECT 1")


def _constraints(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple]:
    return sorted(
        con.execute(
            "SELECT constraint_type, constraint_text FROM duckdb_constraints() WHERE table_name = $t", {"t": table}
        ).fetchall()
    )


def test_migration_30_drops_the_keys_of_person_and_payroll_and_keeps_every_row(tmp_path: Path) -> None:
    """A version-29 file (person and payroll with their primary keys) upgrades in place: the same
    rows, the same columns and checks, no key index (issue 14)."""
    path = tmp_path / "v29.duckdb"
    con = db.connect(path)
    schema = db.SCHEMA_PATH.read_text(encoding="utf-8")
    for table, key in (("person", "as_of, unit_code, person_id"), ("payroll", "month, unit_code, person_id")):
        start = schema.index(f"CREATE TABLE IF NOT EXISTS {table} (")
        ddl = schema[start : schema.index("\n);", start)] + f",\n    PRIMARY KEY ({key})\n);"
        con.execute(f"DROP TABLE {table}")
        con.execute(ddl)
    con.execute("INSERT INTO import_batch (kind, created_by) VALUES ('cli', 'old')")
    con.execute(
        "INSERT INTO person (as_of, unit_code, person_id, full_name, birth_date, gender, category, batch_id) "
        "VALUES ('2025-01-01', 'SNV', 'P1', 'Nguyễn Văn A', '1980-01-01', 'nam', 'cong_chuc', 1), "
        "('2025-01-01', 'SNV', 'P2', 'Trần Thị B', '1990-01-01', 'nu', 'vien_chuc', 1)"
    )
    con.execute(
        "INSERT INTO payroll (month, unit_code, person_id, salary_coef, base_salary_vnd, basic_salary_vnd, total_vnd, batch_id) "
        "VALUES ('2025-01-01', 'SNV', 'P1', 2.34, 2340000, 5475600, 5475600, 1)"
    )
    assert ("PRIMARY KEY", "PRIMARY KEY(as_of, unit_code, person_id)") in _constraints(con, "person")
    con.execute("UPDATE schema_version SET version = 29")
    before = {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in ("person", "payroll")}
    con.close()

    con = db.connect(path)
    fresh = db.connect(tmp_path / "fresh.duckdb")
    try:
        assert db.schema_version(con) == db.latest_version()
        for table in ("person", "payroll"):
            assert con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall() == before[table]
            assert _constraints(con, table) == _constraints(fresh, table)
            assert "PRIMARY KEY" not in {c for c, _ in _constraints(con, table)}
            assert any(c == "CHECK" for c, _ in _constraints(con, table))
        assert _columns(con) == _columns(fresh)
        assert con.execute("SELECT count(*) FROM person_latest").fetchone() == (2,)  # views rebound
    finally:
        con.close()
        fresh.close()
