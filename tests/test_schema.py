"""The schema's constraints: coded lists match analytics.codes; impossible rows are rejected."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from analytics import codes, db
from tests.conftest import add_batch


def _check_lists() -> dict[str, dict[str, set[str]]]:
    """table -> column -> values, read from the CHECK (column IN (...)) clauses of schema.sql."""
    sql = db.SCHEMA_PATH.read_text(encoding="utf-8")
    out: dict[str, dict[str, set[str]]] = {}
    for m in re.finditer(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*?)\n\);", sql, re.S):
        table, body = m.group(1), m.group(2)
        for col, values in re.findall(r"\b(\w+) IN \(([^)]*)\)", body):
            out.setdefault(table, {})[col] = set(re.findall(r"'([^']*)'", values))
    return out


def test_every_coded_column_has_the_same_values_in_schema_and_codes() -> None:
    in_schema = _check_lists()
    in_code = {t: {c: set(v) for c, v in cols.items()} for t, cols in codes.CODED_COLUMNS.items()}
    assert in_schema == in_code


BAD_ROWS = [
    (
        "negative quota",
        "INSERT INTO quota (unit_code, year, category, quota_assigned, batch_id) VALUES ('A', 2021, 'cong_chuc', -5, $b)",
    ),
    (
        "pending cut above quota",
        "INSERT INTO quota (unit_code, year, category, quota_assigned, cut_pending, batch_id) VALUES ('A', 2021, 'vien_chuc', 3, 4, $b)",
    ),
    (
        "unknown category",
        "INSERT INTO quota (unit_code, year, category, quota_assigned, batch_id) VALUES ('A', 2021, 'bien_che', 5, $b)",
    ),
    (
        "born after the snapshot",
        "INSERT INTO person (as_of, unit_code, person_id, full_name, birth_date, gender, category, batch_id) VALUES ('2020-01-01', 'A', 'P', 'X', '2021-01-01', 'nam', 'cong_chuc', $b)",
    ),
    (
        "gender not coded",
        "INSERT INTO person (as_of, unit_code, person_id, full_name, birth_date, gender, category, batch_id) VALUES ('2025-01-01', 'A', 'P', 'X', '1980-01-01', 'Nam', 'cong_chuc', $b)",
    ),
    (
        "step without pay group",
        "INSERT INTO person (as_of, unit_code, person_id, full_name, birth_date, gender, category, step, batch_id) VALUES ('2025-01-01', 'A', 'P', 'X', '1980-01-01', 'nu', 'cong_chuc', 3, $b)",
    ),
    (
        "payroll month not a first day",
        "INSERT INTO payroll (month, unit_code, person_id, salary_coef, base_salary_vnd, basic_salary_vnd, total_vnd, batch_id) VALUES ('2025-01-15', 'A', 'P', 2.34, 2340000, 5475600, 5475600, $b)",
    ),
    (
        "total below basic salary",
        "INSERT INTO payroll (month, unit_code, person_id, salary_coef, base_salary_vnd, basic_salary_vnd, total_vnd, batch_id) VALUES ('2025-01-01', 'A', 'P', 2.34, 2340000, 5475600, 100, $b)",
    ),
    (
        "secondment to its own unit",
        "INSERT INTO secondment (secondment_id, person_id, sending_unit_code, receiving_unit_code, start_date, planned_end_date, status, batch_id) VALUES ('S', 'P', 'A', 'A', '2025-08-01', '2028-07-31', 'dang_tang_cuong', $b)",
    ),
    (
        "training of one person for two",
        "INSERT INTO training (record_id, unit_code, person_id, course_name, field, start_date, participants, funding, batch_id) VALUES ('T', 'A', 'P', 'C', 'khac', '2025-09-01', 2, 'thuong_xuyen', $b)",
    ),
    (
        "unit that is its own parent",
        "INSERT INTO unit (unit_code, name, unit_type, level, parent_code, batch_id) VALUES ('A', 'A', 'phong', 'city', 'A', $b)",
    ),
    (
        "commune kind on an agency",
        "INSERT INTO unit (unit_code, name, unit_type, level, commune_kind, batch_id) VALUES ('A', 'A', 'so_nganh', 'city', 'xa', $b)",
    ),
    (
        "unit valid to before from",
        "INSERT INTO unit (unit_code, name, unit_type, level, valid_from, valid_to, batch_id) VALUES ('A', 'A', 'so_nganh', 'city', '2025-07-01', '2025-06-30', $b)",
    ),
]


@pytest.mark.parametrize(("what", "sql"), BAD_ROWS, ids=[w for w, _ in BAD_ROWS])
def test_impossible_rows_are_rejected(con: duckdb.DuckDBPyConnection, what: str, sql: str) -> None:
    b = add_batch(con)
    with pytest.raises(duckdb.ConstraintException):
        con.execute(sql, {"b": b})


def test_the_minimum_secondment_length_is_not_the_schemas_business(con: duckdb.DuckDBPyConnection) -> None:
    """36 months is the setting secondment_min_months, checked by the importer and the KPIs; the
    schema takes a shorter posting (with or without an exception decision)."""
    b = add_batch(con)
    con.execute(
        "INSERT INTO secondment (secondment_id, person_id, sending_unit_code, receiving_unit_code, start_date, planned_end_date, status, batch_id) "
        "VALUES ('S35', 'P', 'A', 'X', '2025-08-01', '2028-06-30', 'dang_tang_cuong', $b)",
        {"b": b},
    )
    con.execute(
        "INSERT INTO secondment (secondment_id, person_id, sending_unit_code, receiving_unit_code, start_date, planned_end_date, exception_decision_no, status, batch_id) "
        "VALUES ('S12', 'Q', 'A', 'X', '2025-08-01', '2026-07-31', '15/QĐ-UBND', 'dang_tang_cuong', $b)",
        {"b": b},
    )
    assert con.execute("SELECT count(*) FROM secondment").fetchone() == (2,)
    assert "INTERVAL 36 MONTH" not in db.SCHEMA_PATH.read_text(encoding="utf-8")


def test_migration_7_drops_the_36_month_check_and_keeps_every_row(tmp_path: Path) -> None:
    """A version-6 file (secondment with the CHECK that hard-coded 36 months) upgrades in place."""
    path = tmp_path / "v6.duckdb"
    con = db.connect(path)
    b = add_batch(con)
    con.execute("DROP TABLE secondment")
    con.execute(SECONDMENT_V6)
    con.execute(
        "INSERT INTO secondment (secondment_id, person_id, sending_unit_code, receiving_unit_code, start_date, planned_end_date, status, one_time_allowance_vnd, batch_id) "
        "VALUES ('S36', 'P', 'A', 'X', '2025-08-01', '2028-07-31', 'dang_tang_cuong', 23400000, $b)",
        {"b": b},
    )
    with pytest.raises(duckdb.ConstraintException):
        con.execute(
            "INSERT INTO secondment (secondment_id, person_id, sending_unit_code, receiving_unit_code, start_date, planned_end_date, status, batch_id) "
            "VALUES ('S24', 'P', 'A', 'X', '2025-08-01', '2027-07-31', 'dang_tang_cuong', $b)",
            {"b": b},
        )
    con.execute("UPDATE schema_version SET version = 6")  # a new file has the one row (the latest)
    before = con.execute("SELECT * FROM secondment").fetchall()
    con.close()

    con = db.connect(path)
    try:
        assert db.schema_version(con) == db.latest_version()
        assert con.execute("SELECT version FROM schema_version WHERE version = 7").fetchall() == [(7,)]
        assert con.execute("SELECT * FROM secondment").fetchall() == before
        con.execute(
            "INSERT INTO secondment (secondment_id, person_id, sending_unit_code, receiving_unit_code, start_date, planned_end_date, status, batch_id) "
            "VALUES ('S24', 'P', 'A', 'X', '2025-08-01', '2027-07-31', 'dang_tang_cuong', $b)",
            {"b": b},
        )
        with pytest.raises(duckdb.ConstraintException):  # the other checks stay
            con.execute(
                "INSERT INTO secondment (secondment_id, person_id, sending_unit_code, receiving_unit_code, start_date, planned_end_date, status, batch_id) "
                "VALUES ('S0', 'P', 'A', 'A', '2025-08-01', '2028-07-31', 'dang_tang_cuong', $b)",
                {"b": b},
            )
        columns = [r[0] for r in con.execute("DESCRIBE secondment").fetchall()]
        assert columns == [r[0] for r in con.execute("DESCRIBE secondment__replaced").fetchall()][:-1]
    finally:
        con.close()


# The table as versions 1-6 defined it (schema.sql before issue 16).
SECONDMENT_V6 = """CREATE TABLE secondment (
    secondment_id VARCHAR PRIMARY KEY, person_id VARCHAR NOT NULL, sending_unit_code VARCHAR NOT NULL,
    receiving_unit_code VARCHAR NOT NULL, start_date DATE NOT NULL, planned_end_date DATE NOT NULL,
    actual_end_date DATE, decision_no VARCHAR, decision_date DATE, exception_decision_no VARCHAR,
    status VARCHAR NOT NULL CHECK (status IN ('du_kien', 'dang_tang_cuong', 'da_ket_thuc', 'ket_thuc_som')),
    end_reason VARCHAR, position_at_commune VARCHAR,
    allowance_regime VARCHAR NOT NULL DEFAULT 'mot_lan_10x' CHECK (allowance_regime IN ('mot_lan_10x', 'nd76')),
    one_time_allowance_vnd BIGINT CHECK (one_time_allowance_vnd >= 0), batch_id BIGINT NOT NULL,
    CHECK (sending_unit_code <> receiving_unit_code), CHECK (planned_end_date > start_date),
    CHECK (actual_end_date IS NULL OR actual_end_date >= start_date),
    CHECK (planned_end_date + INTERVAL 1 DAY >= start_date + INTERVAL 36 MONTH OR exception_decision_no IS NOT NULL))"""


def test_unit_closure_follows_parents_and_mergers(con: duckdb.DuckDBPyConnection) -> None:
    b = add_batch(con)
    rows = [
        ("CT", "TP Cần Thơ", "thanh_pho", "city", None, None),
        ("CT_CU", "TP Cần Thơ (cũ)", "tinh_cu", "city", None, "CT"),
        ("SNV", "Sở Nội vụ", "so_nganh", "city", "CT", None),
        ("SNV_CT", "Sở Nội vụ (cũ)", "so_nganh", "city", "CT_CU", "SNV"),
        ("P1_CT", "Phòng A (cũ)", "phong", "city", "SNV_CT", None),
    ]
    con.executemany(
        "INSERT INTO unit (unit_code, name, unit_type, level, parent_code, merged_into, batch_id) "
        f"VALUES (?, ?, ?, ?, ?, ?, {b})",
        rows,
    )
    ancestors = {
        r[0] for r in con.execute("SELECT ancestor_code FROM unit_closure WHERE unit_code = 'P1_CT'").fetchall()
    }
    assert ancestors == {"P1_CT", "SNV_CT", "CT_CU", "SNV", "CT"}
    assert con.execute("SELECT successor_code FROM unit_successor WHERE unit_code = 'SNV_CT'").fetchone() == ("SNV",)
    assert con.execute("SELECT successor_code FROM unit_successor WHERE unit_code = 'P1_CT'").fetchone() == ("P1_CT",)
