"""Data-quality checks: a clean database passes every check; each bad input trips its own check."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import duckdb
import pandas as pd
import pytest

from analytics import db, quality, sql_files
from analytics.batches import close_batch
from tests.conftest import add_batch

AS_OF = date(2025, 12, 31)


@pytest.fixture
def clean(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    fill_clean(con)
    return con


def fill_clean(con: duckdb.DuckDBPyConnection) -> None:
    b = add_batch(con)
    con.execute(f"""
        INSERT INTO unit (unit_code, name, unit_type, level, parent_code, batch_id) VALUES
          ('CT', 'CT', 'thanh_pho', 'city', NULL, {b}), ('A', 'A', 'so_nganh', 'city', 'CT', {b}),
          ('XA', 'XA', 'ubnd_xa', 'commune', 'CT', {b}), ('XA2', 'XA2', 'ubnd_xa', 'commune', 'CT', {b});
        INSERT INTO quota (unit_code, year, category, quota_assigned, present, batch_id) VALUES
          ('A', 2025, 'cong_chuc', 10, 9, {b}), ('XA', 2025, 'cong_chuc', 5, 5, {b}), ('XA2', 2025, 'cong_chuc', 5, 4, {b});
        INSERT INTO person (as_of, unit_code, person_id, full_name, birth_date, gender, category, pay_group, step,
                            salary_coef, in_succession_plan, batch_id) VALUES
          ('2025-06-30', 'A', 'P1', 'P1', '1980-01-01', 'nam', 'cong_chuc', 'A1', 1, 2.34, true, {b}),
          ('2025-06-30', 'XA', 'P2', 'P2', '1981-01-01', 'nu', 'cong_chuc', 'A1', 2, 2.67, false, {b}),
          ('2025-06-30', 'XA2', 'P3', 'P3', '1982-01-01', 'nu', 'cong_chuc', NULL, NULL, 2.10, false, {b});
        INSERT INTO payroll (month, unit_code, person_id, salary_coef, base_salary_vnd, basic_salary_vnd, total_vnd, batch_id)
          VALUES ('2025-07-01', 'A', 'P1', 2.34, 2340000, 5475600, 5475600, {b});
        INSERT INTO secondment (secondment_id, person_id, sending_unit_code, receiving_unit_code, start_date,
                                planned_end_date, status, batch_id)
          VALUES ('S1', 'P1', 'A', 'XA', '2025-08-01', '2028-07-31', 'dang_tang_cuong', {b});
    """)
    close_batch(con, b, {})  # as every load ends: the summary tables follow the rows


def test_clean_database_passes_every_check(clean: duckdb.DuckDBPyConnection) -> None:
    df = quality.quality_checks(clean, as_of=AS_OF)
    assert len(df) == len(quality.CHECKS) and (df["status"] == "pass").all() and (df["rows"] == 0).all()


BAD = [
    (
        "reduction_still_paid",
        1,
        """
        INSERT INTO reduction_case (case_id, person_id, unit_code, category, route, year, status, effective_date, batch_id)
          VALUES ('R1', 'P1', 'A', 'cong_chuc', 'thoi_viec', 2025, 'da_nghi', '2025-06-15', $b);""",
    ),
    (
        "secondment_overlap",
        1,
        """
        INSERT INTO secondment (secondment_id, person_id, sending_unit_code, receiving_unit_code, start_date,
                                planned_end_date, status, batch_id)
          VALUES ('S2', 'P1', 'A', 'XA2', '2026-01-01', '2028-12-31', 'dang_tang_cuong', $b);""",
    ),
    (
        "person_two_units",
        1,
        """
        INSERT INTO person (as_of, unit_code, person_id, full_name, birth_date, gender, category, batch_id)
          VALUES ('2025-06-30', 'XA', 'P1', 'P1', '1980-01-01', 'nam', 'cong_chuc', $b);""",
    ),
    (
        "payroll_coef_mismatch",
        1,
        """
        INSERT INTO payroll (month, unit_code, person_id, salary_coef, base_salary_vnd, basic_salary_vnd, total_vnd, batch_id)
          VALUES ('2025-08-01', 'A', 'P1', 2.67, 2340000, 6247800, 6247800, $b);""",
    ),
    (
        "coef_not_in_pay_scale",
        1,
        """
        UPDATE person SET salary_coef = 2.50, batch_id = $b WHERE person_id = 'P2';""",
    ),
    (
        "units_without_data",
        1,
        """
        INSERT INTO unit (unit_code, name, unit_type, level, parent_code, batch_id)
          VALUES ('XB', 'XB', 'ubnd_xa', 'commune', 'CT', $b);""",
    ),
    (
        "over_quota",
        1,
        """
        UPDATE quota SET present = 12 WHERE unit_code = 'A';""",
    ),
    (
        "quota_total_row",
        1,
        """
        INSERT INTO unit (unit_code, name, unit_type, level, parent_code, batch_id)
          VALUES ('A.P1', 'P1', 'phong', 'city', 'A', $b), ('A.P2', 'P2', 'phong', 'city', 'A', $b);
        INSERT INTO quota (unit_code, year, category, quota_assigned, batch_id)
          VALUES ('A.P1', 2025, 'cong_chuc', 6, $b), ('A.P2', 2025, 'cong_chuc', 4, $b);""",
    ),
    (
        "unknown_unit",
        1,
        """
        INSERT INTO quota (unit_code, year, category, quota_assigned, batch_id) VALUES ('ZZ', 2025, 'cong_chuc', 1, $b);""",
    ),
    (
        "secondment_not_to_commune",
        1,
        """
        INSERT INTO unit (unit_code, name, unit_type, level, parent_code, batch_id)
          VALUES ('B', 'B', 'so_nganh', 'city', 'CT', $b);
        INSERT INTO quota (unit_code, year, category, quota_assigned, batch_id) VALUES ('B', 2025, 'cong_chuc', 1, $b);
        INSERT INTO person (as_of, unit_code, person_id, full_name, birth_date, gender, category, batch_id)
          VALUES ('2025-06-30', 'B', 'P9', 'P9', '1980-01-01', 'nam', 'cong_chuc', $b);
        INSERT INTO secondment (secondment_id, person_id, sending_unit_code, receiving_unit_code, start_date,
                                planned_end_date, status, batch_id)
          VALUES ('S3', 'P2', 'XA', 'B', '2025-08-01', '2028-07-31', 'dang_tang_cuong', $b);""",
    ),
]


@pytest.mark.parametrize(("code", "rows", "sql"), BAD, ids=[b[0] for b in BAD])
def test_each_bad_input_trips_its_check(clean: duckdb.DuckDBPyConnection, code: str, rows: int, sql: str) -> None:
    b = add_batch(clean)
    for statement in filter(str.strip, sql.split(";")):
        clean.execute(statement.replace("$b", str(b)))
    close_batch(clean, b, {})
    fn = dict((c, f) for c, _, f in quality.CHECKS)[code]
    assert len(fn(clean, as_of=AS_OF)) == rows
    df = quality.quality_checks(clean, as_of=AS_OF).set_index("check")
    severity = df.loc[code, "severity"]
    assert df.loc[code, "status"] == severity and df.loc[code, "rows"] == rows
    assert (df.drop(index=code)["status"] == "pass").all(), df[df["status"] != "pass"]


def test_every_check_is_covered() -> None:
    assert {c for c, _, _ in quality.CHECKS} == {b[0] for b in BAD}


def test_still_paid_looks_at_the_latest_payroll_month(clean: duckdb.DuckDBPyConnection) -> None:
    b = add_batch(clean)
    clean.execute(BAD[0][2].replace("$b", str(b)))  # left 15/6/2025, paid for July
    close_batch(clean, b, {})  # (as every load ends: the summary tables follow the rows)
    row = quality.check_reduction_still_paid(clean).iloc[0]
    assert (row["case_id"], row["paid_by_unit_code"], row["paid_month"]) == ("R1", "A", pd.Timestamp("2025-07-01"))
    assert quality.check_reduction_still_paid(clean, as_of=date(2025, 6, 30)).empty  # no payroll month yet
    clean.execute(
        f"INSERT INTO payroll (month, unit_code, person_id, salary_coef, base_salary_vnd, basic_salary_vnd, "
        f"total_vnd, batch_id) VALUES ('2025-08-01', 'A', 'P0', 2.34, 2340000, 5475600, 5475600, {b})"
    )
    close_batch(clean, b, {})
    assert quality.check_reduction_still_paid(clean).empty  # August, the latest month, no longer pays P1


def test_scope_limits_the_rows(clean: duckdb.DuckDBPyConnection) -> None:
    clean.execute("UPDATE quota SET present = 12 WHERE unit_code = 'A'")
    assert len(quality.check_over_quota(clean, scope="A")) == 1
    assert quality.check_over_quota(clean, scope="XA").empty


SCOPES_AND_DATES = [(scope, as_of) for scope in (None, "CT", "A", "XA") for as_of in (None, AS_OF, date(2025, 7, 31))]


@pytest.fixture(scope="module")
def counted(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[duckdb.DuckDBPyConnection, dict[Any, pd.Series]]]:
    """The clean database with every bad input of BAD at once, and quality_checks' counts of it for
    each scope and date of SCOPES_AND_DATES."""
    con = db.connect(tmp_path_factory.mktemp("quality") / "faults.duckdb")
    fill_clean(con)
    b = add_batch(con)
    for _, _, sql in BAD:
        for statement in filter(str.strip, sql.split(";")):
            con.execute(statement.replace("$b", str(b)))
    close_batch(con, b, {})
    counts = {
        (scope, as_of): quality.quality_checks(con, as_of=as_of, scope=scope).set_index("check")["rows"]
        for scope, as_of in SCOPES_AND_DATES
    }
    yield con, counts
    con.close()


@pytest.mark.parametrize("code", [c for c, _, _ in quality.CHECKS])
def test_counts_are_the_rows_of_each_check(
    counted: tuple[duckdb.DuckDBPyConnection, dict[Any, pd.Series]], code: str
) -> None:
    # quality_checks counts every check in one query (quality_checks.sql): each count must be the
    # number of rows the check_<code> function lists, so the two can never drift apart.
    con, counts = counted
    fn = dict((c, f) for c, _, f in quality.CHECKS)[code]
    listed = {(scope, as_of): len(fn(con, as_of=as_of, scope=scope)) for scope, as_of in SCOPES_AND_DATES}
    assert {key: int(counts[key][code]) for key in SCOPES_AND_DATES} == listed
    assert listed[(None, AS_OF)] >= 1  # the fault is there to be counted


def test_the_count_query_names_the_same_checks(clean: duckdb.DuckDBPyConnection) -> None:
    rows = sql_files.records(clean, "quality_checks", {"as_of": AS_OF, "roster_as_of": AS_OF, "scope": None})
    assert sorted(r["check"] for r in rows) == sorted(c for c, _, _ in quality.CHECKS)
