"""Training budget after restructuring: payroll fund, missing months, the estimate, the window,
committed / spent, spend by field."""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import pytest

from analytics import training
from analytics.periods import add_months
from analytics.policy import save_setting
from tests.conftest import insert

AS_OF = date(2025, 12, 31)
SNV_MONTH = 5_475_600 + 9_360_000  # (2,34 + 4,00) × 2.340.000


def pay(month: date, unit: str, pid: str, coef: float) -> dict[str, Any]:
    basic = round(coef * 2_340_000)
    return {
        "month": month,
        "unit_code": unit,
        "person_id": pid,
        "salary_coef": coef,
        "base_salary_vnd": 2_340_000,
        "basic_salary_vnd": basic,
        "allowance_leadership_vnd": 1_000_000,
        "total_vnd": basic + 1_000_000,
    }


def course(
    rid: str,
    unit: str,
    field: str,
    start: str,
    committed: int,
    spent: int,
    participants: int = 1,
    location: str = "trong_nuoc",
    funding: str = "tai_co_cau_5pct",
) -> dict[str, Any]:
    return {
        "record_id": rid,
        "unit_code": unit,
        "course_name": rid,
        "field": field,
        "location": location,
        "start_date": start,
        "participants": participants,
        "cost_committed_vnd": committed,
        "cost_spent_vnd": spent,
        "funding": funding,
    }


@pytest.fixture
def city(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    insert(
        con,
        "unit",
        [
            {
                "unit_code": "CT",
                "name": "CT",
                "unit_type": "thanh_pho",
                "level": "city",
                "parent_code": None,
                "restructured_on": None,
            },
            {
                "unit_code": "SNV",
                "name": "SNV",
                "unit_type": "so_nganh",
                "level": "city",
                "parent_code": "CT",
                "restructured_on": "2025-07-01",
            },
            {
                "unit_code": "SNV.P1",
                "name": "P1",
                "unit_type": "phong",
                "level": "city",
                "parent_code": "SNV",
                "restructured_on": None,
            },
            {
                "unit_code": "STP",
                "name": "STP",
                "unit_type": "so_nganh",
                "level": "city",
                "parent_code": "CT",
                "restructured_on": None,
            },
            {
                "unit_code": "SCT",
                "name": "SCT",
                "unit_type": "so_nganh",
                "level": "city",
                "parent_code": "CT",
                "restructured_on": "2025-07-01",
            },
        ],
    )
    first = date(2025, 7, 1)
    rows = [pay(add_months(first, i), "SNV.P1", "A", 2.34) for i in range(6)]  # July-December only
    rows += [pay(add_months(first, i), "SNV", "B", 4.00) for i in range(6)]
    rows += [pay(date(2025, 6, 1), "SNV", "B", 4.00), pay(date(2026, 7, 1), "SNV", "B", 4.00)]  # outside the window
    rows += [pay(add_months(first, i), "STP", "C", 3.00) for i in range(12)]  # the whole first year
    insert(con, "payroll", rows)
    insert(
        con,
        "quota",
        [
            {"unit_code": "SCT", "year": 2025, "category": "cong_chuc", "quota_assigned": 10},
            {"unit_code": "SCT", "year": 2025, "category": "vien_chuc", "quota_assigned": 5},
            {"unit_code": "SNV", "year": 2025, "category": "cong_chuc", "quota_assigned": 4},
        ],
    )
    insert(
        con,
        "person",
        [
            {
                "as_of": "2025-06-30",
                "unit_code": u,
                "person_id": p,
                "full_name": p,
                "birth_date": "1980-01-01",
                "gender": "nam",
                "category": "cong_chuc",
                "salary_coef": c,
            }
            for u, p, c in (("SCT", "D", 2.0), ("SCT", "E", 3.0), ("SNV", "B", 4.0), ("SNV.P1", "A", 2.34))
        ],
    )
    insert(
        con,
        "training",
        [
            course("T1", "SNV.P1", "logistics", "2025-09-01", 3_000_000, 2_000_000, location="nuoc_ngoai"),
            course("T2", "SNV", "qlnn_theo_ngach", "2025-10-01", 1_000_000, 1_000_000, participants=10),
            course("T3", "SNV", "logistics", "2025-10-01", 5_000_000, 5_000_000, funding="thuong_xuyen"),
            course("T4", "SNV", "logistics", "2026-08-01", 7_000_000, 7_000_000),  # after the first year
        ],
    )
    return con


def budget(con: duckdb.DuckDBPyConnection, as_of: date = AS_OF) -> dict[str, dict[str, Any]]:
    df = training.training_budget_by_agency(con, as_of=as_of)
    return {r["agency_code"]: r for r in df.to_dict("records")}


def test_payroll_fund_partial_months(city: duckdb.DuckDBPyConnection) -> None:
    snv = budget(city)["SNV"]
    assert (snv["window_start"], snv["window_end"]) == (date(2025, 7, 1), date(2026, 6, 30))
    assert (snv["fund_source"], snv["months_with_payroll"], snv["payroll_complete"]) == ("payroll", 6, False)
    assert snv["salary_fund_vnd"] == 6 * SNV_MONTH == 89_013_600  # allowances excluded
    assert snv["budget_vnd"] == 4_450_680


def test_payroll_fund_complete_year(city: duckdb.DuckDBPyConnection) -> None:
    stp = budget(city)["STP"]  # no restructured_on: the window of the settings
    assert (stp["restructured"], stp["window_start"], stp["months_with_payroll"], stp["payroll_complete"]) == (
        False,
        date(2025, 7, 1),
        12,
        True,
    )
    assert (stp["salary_fund_vnd"], stp["budget_vnd"]) == (12 * 7_020_000, 4_212_000)


def test_estimate_without_payroll(city: duckdb.DuckDBPyConnection) -> None:
    sct = budget(city)["SCT"]
    # quota 10 + 5, average coefficient (2,0 + 3,0) / 2, 12 months of 2.340.000
    assert (sct["fund_source"], sct["estimate_quota"], sct["avg_coef"]) == ("estimate", 15, 2.5)
    assert sct["salary_fund_vnd"] == 15 * 2.5 * 12 * 2_340_000 == 1_053_000_000
    assert sct["budget_vnd"] == 52_650_000 and sct["months_with_payroll"] == 0


def test_estimate_follows_the_base_salary_of_each_month(city: duckdb.DuckDBPyConnection) -> None:
    city.execute("INSERT INTO base_salary VALUES ('2026-01-01', 2530000)")
    assert budget(city)["SCT"]["salary_fund_vnd"] == 15 * 2.5 * (6 * 2_340_000 + 6 * 2_530_000)


def test_committed_spent_and_participants(city: duckdb.DuckDBPyConnection) -> None:
    snv = budget(city)["SNV"]
    assert (snv["committed_vnd"], snv["spent_vnd"], snv["remaining_vnd"]) == (4_000_000, 3_000_000, 1_450_680)
    assert snv["spent_pct"] == pytest.approx(3_000_000 / 4_450_680 * 100)
    assert (snv["participants"], snv["records"]) == (11, 2)
    assert snv["cost_per_participant_vnd"] == pytest.approx(3_000_000 / 11)
    assert (snv["domestic_spent_vnd"], snv["abroad_spent_vnd"], snv["priority_spent_vnd"]) == (
        1_000_000,
        2_000_000,
        2_000_000,
    )


@pytest.mark.parametrize(
    ("as_of", "days"),
    [("2025-06-30", 365), ("2025-07-01", 364), ("2025-12-31", 181), ("2026-06-30", 0), ("2027-01-01", 0)],
)
def test_days_left_in_the_window(city: duckdb.DuckDBPyConnection, as_of: str, days: int) -> None:
    assert budget(city, date.fromisoformat(as_of))["SNV"]["days_left"] == days


@pytest.mark.parametrize(
    ("key", "value", "agency", "column", "expected"),
    [
        ("training_budget_pct", 10.0, "SNV", "budget_vnd", 8_901_360),
        ("training_fund_method", "estimate", "SNV", "salary_fund_vnd", round(4 * 3.17 * 12 * 2_340_000)),
        ("training_fund_method", "payroll", "SCT", "salary_fund_vnd", 0),
        ("training_window_months", 6, "STP", "payroll_complete", True),
        ("training_window_months", 6, "STP", "salary_fund_vnd", 6 * 7_020_000),
        ("training_window_start", "2025-10-01", "STP", "months_with_payroll", 9),
    ],
)
def test_settings_change_the_budget(
    city: duckdb.DuckDBPyConnection, key: str, value: Any, agency: str, column: str, expected: Any
) -> None:
    save_setting(city, key, value, user="t")
    assert budget(city)[agency][column] == expected


def test_by_field(city: duckdb.DuckDBPyConnection) -> None:
    df = training.training_by_field(city, funding="tai_co_cau_5pct").set_index("field")
    assert len(df) == 11 and df["is_priority"].sum() == 7
    assert (df.loc["logistics", "spent_vnd"], df.loc["logistics", "records"], df.loc["logistics", "is_priority"]) == (
        9_000_000,
        2,
        True,
    )
    assert (df.loc["qlnn_theo_ngach", "participants"], df.loc["qlnn_theo_ngach", "is_priority"]) == (10, False)
    assert df.loc["che_bien", "spent_vnd"] == 0
    assert df["spent_share_pct"].sum() == pytest.approx(100.0)
    everything = training.training_by_field(city).set_index("field")
    assert everything.loc["logistics", "spent_vnd"] == 14_000_000
