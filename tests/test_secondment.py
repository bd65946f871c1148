"""Grassroots secondment: required count and rounding at .5, fulfilment, violations, 36 months,
postings ending soon, early ends, composition, communes receiving none, allowance cost."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pytest

from analytics import secondment
from analytics.periods import add_months, months_inclusive, months_inclusive_days
from analytics.policy import Policy, save_setting
from tests.conftest import insert

AS_OF = date(2025, 12, 31)


def unit(code: str, unit_type: str, parent: str | None, level: str = "city", **extra: Any) -> dict[str, Any]:
    row = {
        "unit_code": code,
        "name": code,
        "unit_type": unit_type,
        "level": level,
        "parent_code": parent,
        "merged_into": None,
        "former_province": None,
        "especially_difficult": False,
    }
    row.update(extra)
    return row


def person(pid: str, unit_code: str, birth: str, gender: str, **extra: Any) -> dict[str, Any]:
    row = {
        "as_of": "2025-06-30",
        "unit_code": unit_code,
        "person_id": pid,
        "full_name": pid,
        "birth_date": birth,
        "gender": gender,
        "ethnicity": "kinh",
        "category": "cong_chuc",
        "is_leader": False,
        "in_succession_plan": False,
        "discipline": None,
        "discipline_until": None,
        "health": "tot",
    }
    row.update(extra)
    return row


def posting(sid: str, pid: str, sender: str, commune: str, start: str, end: str, **extra: Any) -> dict[str, Any]:
    row = {
        "secondment_id": sid,
        "person_id": pid,
        "sending_unit_code": sender,
        "receiving_unit_code": commune,
        "start_date": start,
        "planned_end_date": end,
        "actual_end_date": None,
        "status": "dang_tang_cuong",
        "exception_decision_no": None,
        "allowance_regime": "mot_lan_10x",
        "one_time_allowance_vnd": None,
    }
    row.update(extra)
    return row


@pytest.fixture
def city(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    insert(
        con,
        "unit",
        [
            unit("CT", "thanh_pho", None),
            unit("SNV", "so_nganh", "CT"),
            unit("SNV.P1", "phong", "SNV"),
            unit("STP", "so_nganh", "CT"),
            unit("XA1", "ubnd_xa", "CT", "commune", former_province="can_tho"),
            unit("XA2", "ubnd_xa", "CT", "commune", former_province="hau_giang"),
            unit("XA3", "ubnd_xa", "CT", "commune", former_province="soc_trang", especially_difficult=True),
            unit("XA4", "ubnd_xa", "CT", "commune", former_province="soc_trang"),
            unit("XA_OLD", "ubnd_xa", "CT", "commune", merged_into="XA1"),
        ],
    )
    insert(
        con,
        "quota",
        [
            {"unit_code": "SNV", "year": 2025, "category": "cong_chuc", "quota_assigned": 40},
            {"unit_code": "SNV.P1", "year": 2025, "category": "cong_chuc", "quota_assigned": 10},  # SNV: 50 → 2,5
            {"unit_code": "STP", "year": 2025, "category": "cong_chuc", "quota_assigned": 42},  # STP: 42 → 2,1
            {"unit_code": "STP", "year": 2025, "category": "vien_chuc", "quota_assigned": 18},
            {"unit_code": "STP", "year": 2024, "category": "cong_chuc", "quota_assigned": 99},  # not the latest year
        ],
    )
    insert(
        con,
        "person",
        [
            person("A", "SNV.P1", "1990-05-01", "nu", ethnicity="khmer", in_succession_plan=True),
            person("B", "SNV", "1970-01-01", "nam", is_leader=True),
            person(
                "C", "SNV.P1", "1985-12-31", "nam", health="yeu", discipline="canh_cao", discipline_until="2026-01-01"
            ),
            person("D", "SNV", "1980-02-02", "nu", in_succession_plan=True),
            person("E", "STP", "1982-01-01", "nam", in_succession_plan=True),
            person("F", "STP", "1979-01-01", "nam", in_succession_plan=True),
        ],
    )
    insert(
        con,
        "secondment",
        [
            posting("S1", "A", "SNV.P1", "XA1", "2025-08-01", "2028-07-31"),
            posting(
                "S2", "B", "SNV", "XA1", "2025-08-01", "2028-07-31", actual_end_date="2025-10-31", status="ket_thuc_som"
            ),
            posting("S3", "C", "SNV.P1", "XA2", "2025-09-01", "2027-08-31", exception_decision_no="QD-1"),
            posting(
                "S4",
                "D",
                "SNV",
                "XA3",
                "2023-03-01",
                "2026-02-28",
                allowance_regime="nd76",
                one_time_allowance_vnd=50_000_000,
            ),
            posting("S5", "E", "STP", "XA1", "2026-03-01", "2029-02-28", status="du_kien"),
            posting("S6", "F", "STP", "XA1", "2024-03-01", "2027-02-28"),
        ],
    )
    return con


def test_postings_months_flags_and_allowance(city: duckdb.DuckDBPyConnection) -> None:
    df = secondment.secondment_postings(city, as_of=AS_OF).set_index("secondment_id")
    s1, s2, s3, s4, s5, s6 = (df.loc[s] for s in ("S1", "S2", "S3", "S4", "S5", "S6"))
    assert s1["planned_months"] == 36.0 and s1["months_served"] == 5.0  # 1/8/2025 → 31/7/2028 exactly 36
    assert s1["violations"] == "" and s1["state"] == "active" and s1["sending_agency_code"] == "SNV"
    assert s1["allowance_vnd"] == 23_400_000  # 10 × 2.340.000 in force on 1/8/2025
    assert s6["allowance_vnd"] == 18_000_000  # 10 × 1.800.000 in force on 1/3/2024
    assert s4["allowance_vnd"] == 50_000_000 and s4["nd76"]
    assert (s2["ended_early"], s2["active"], s2["months_served"], s2["state"]) == (True, False, 3.0, "ended")
    assert s3["violations"] == "not_in_plan;disciplined;unfit" and s3["planned_months"] == 24.0
    assert (s4["months_served"], s4["ending_within_3m"], s4["ending_within_6m"]) == (34.0, True, True)
    assert (s1["ending_within_6m"], s5["state"], s5["sent"]) == (False, "planned", False)
    assert (s1["is_young"], s1["is_woman"], s1["is_minority"], s1["age_years"]) == (True, True, True, 35)
    assert (s3["age_years"], s3["is_young"]) == (40, False)  # 40 exactly is not under 40


def test_minimum_months_is_a_setting(city: duckdb.DuckDBPyConnection) -> None:
    save_setting(city, "secondment_min_months", 48, user="t")
    df = secondment.secondment_postings(city, as_of=AS_OF).set_index("secondment_id")
    assert df.loc["S1", "violations"] == "short_no_exception"
    assert "short_no_exception" not in df.loc["S3", "violations"]  # exception decision


def test_by_agency(city: duckdb.DuckDBPyConnection) -> None:
    df = secondment.secondment_by_agency(city, as_of=AS_OF).set_index("agency_code")
    snv, stp = df.loc["SNV"], df.loc["STP"]
    assert (snv["base_quota"], snv["required"], snv["sent"], snv["active"]) == (50, 3, 4, 3)
    assert snv["fulfilment_pct"] == pytest.approx(100.0) and snv["shortfall"] == 0
    assert (snv["ended_early"], snv["violations"], snv["ending_3m"], snv["ending_6m"]) == (1, 1, 1, 1)
    assert snv["allowance_vnd"] == 3 * 23_400_000 + 50_000_000 and snv["nd76_postings"] == 1
    assert (snv["active_women"], snv["active_young"], snv["active_minority"]) == (2, 1, 1)  # A, D; A; A
    assert snv["active_women_pct"] == pytest.approx(200 / 3) and snv["staff"] == 4
    assert snv["staff_women_pct"] == pytest.approx(50.0)
    assert (stp["quota_year"], stp["base_quota"], stp["required"], stp["sent"], stp["active"]) == (2025, 42, 2, 1, 1)
    assert stp["fulfilment_pct"] == pytest.approx(50.0) and stp["shortfall"] == 1
    assert df.attrs["policy"]["secondment_rounding"] == "nearest"


@pytest.mark.parametrize(("rule", "snv", "stp"), [("nearest", 3, 2), ("up", 3, 3), ("down", 2, 2)])
def test_rounding_rules_at_and_off_half(city: duckdb.DuckDBPyConnection, rule: str, snv: int, stp: int) -> None:
    save_setting(city, "secondment_rounding", rule, user="t")
    df = secondment.secondment_by_agency(city, as_of=AS_OF).set_index("agency_code")
    assert (df.loc["SNV", "required"], df.loc["STP", "required"]) == (snv, stp)  # 2,5 and 2,1


@pytest.mark.parametrize(
    ("base", "rule", "required"),
    [
        (50, "nearest", 3),
        (50, "up", 3),
        (50, "down", 2),
        (30, "nearest", 2),
        (30, "down", 1),
        (70, "nearest", 4),
        (10, "nearest", 1),
        (9, "nearest", 0),
        (40, "up", 2),
        (41, "up", 3),
        (0, "up", 0),
    ],
)
def test_required_count(base: int, rule: str, required: int) -> None:
    assert secondment.required_count(base, Policy(secondment_rounding=rule)) == required


def test_base_may_include_public_employees(city: duckdb.DuckDBPyConnection) -> None:
    save_setting(city, "secondment_base_includes_vien_chuc", True, user="t")
    stp = secondment.secondment_by_agency(city, as_of=AS_OF).set_index("agency_code").loc["STP"]
    assert (stp["base_quota"], stp["required"]) == (60, 3)


def test_communes_including_those_receiving_none(city: duckdb.DuckDBPyConnection) -> None:
    df = secondment.secondment_by_commune(city, as_of=AS_OF)
    got = df[["unit_code", "received", "active", "receives_none"]].values.tolist()
    assert got == [["XA1", 3, 2, False], ["XA2", 1, 1, False], ["XA3", 1, 1, False], ["XA4", 0, 0, True]]
    assert df.set_index("unit_code").loc["XA3", "especially_difficult"]


def test_scope_limits_agencies_and_postings(city: duckdb.DuckDBPyConnection) -> None:
    assert secondment.secondment_by_agency(city, as_of=AS_OF, scope="STP")["agency_code"].tolist() == ["STP"]
    ids = secondment.secondment_postings(city, as_of=AS_OF, scope="XA2")["secondment_id"].tolist()
    assert ids == ["S3"]


def test_unknown_person_is_a_violation(city: duckdb.DuckDBPyConnection) -> None:
    insert(city, "secondment", [posting("S7", "NOBODY", "STP", "XA4", "2025-08-01", "2028-07-31")])
    df = secondment.secondment_postings(city, as_of=AS_OF).set_index("secondment_id")
    assert df.loc["S7", "violations"] == "person_unknown" and pd.isna(df.loc["S7", "age_years"])


def test_empty_database_gives_empty_frames(con: duckdb.DuckDBPyConnection) -> None:
    assert secondment.secondment_by_agency(con, as_of=AS_OF).empty
    postings = secondment.secondment_postings(con, as_of=AS_OF)
    assert postings.empty and "violations" in postings.columns
    assert secondment.secondment_by_commune(con, as_of=AS_OF).empty


def test_agencies_without_postings(con: duckdb.DuckDBPyConnection) -> None:
    insert(con, "unit", [unit("CT", "thanh_pho", None), unit("SNV", "so_nganh", "CT")])
    insert(con, "quota", [{"unit_code": "SNV", "year": 2025, "category": "cong_chuc", "quota_assigned": 50}])
    row = secondment.secondment_by_agency(con, as_of=AS_OF).iloc[0]
    assert (row["required"], row["sent"], row["active"], row["fulfilment_pct"], row["shortfall"]) == (3, 0, 0, 0.0, 3)


@pytest.mark.parametrize(("months", "refused"), [(36, True), (24, False), (40, True)])
def test_the_importer_checks_the_minimum_in_the_setting(
    tdb: duckdb.DuckDBPyConnection, months: int, refused: bool
) -> None:
    """A 30-month posting without an exception: refused under 36 or 40 months, loaded under 24 (the
    schema no longer hard-codes 36: migration 0007)."""
    from analytics.errors import ImportRejected
    from analytics.ingest.pipeline import import_files

    if months != 36:
        save_setting(tdb, "secondment_min_months", months, user="t")
    csv = (
        "Mã cán bộ,Đơn vị cử,Xã nhận,Ngày bắt đầu,Ngày kết thúc dự kiến\nCB9,SNV,XA001,01/08/2025,31/01/2028\n"
    ).encode()
    if refused:
        with pytest.raises(ImportRejected) as err:
            import_files(tdb, files=[("tang-cuong.csv", csv)], user="t", as_of=date(2025, 9, 30))
        [problem] = [p for p in err.value.problems if p.code == "secondment_short"]
        assert f"dưới {months} tháng" in problem.message("vi")
    else:
        plan, result = import_files(tdb, files=[("tang-cuong.csv", csv)], user="t", as_of=date(2025, 9, 30))
        plan.close()
        assert result is not None and result.rows_by_table == {"secondment": 1}


def test_add_months_clips_to_the_month_end_like_calendar() -> None:
    """periods.add_months (month lengths from a table) against calendar.monthrange, every day of
    1896–2104 (1900 and 2100 are not leap years, 2000 is), forward and back."""

    def expected(d: date, months: int) -> date:
        y, m = divmod(d.month - 1 + months, 12)
        return date(d.year + y, m + 1, min(d.day, calendar.monthrange(d.year + y, m + 1)[1]))

    d = date(1896, 1, 1)
    while d < date(2105, 1, 1):
        for months in (-13, -1, 1, 3, 6, 12, 36, 48):
            assert add_months(d, months) == expected(d, months), (d, months)
        d += timedelta(days=1)


def test_months_over_arrays_equal_months_of_each_posting() -> None:
    """periods.months_inclusive_days (every posting of a page at once) gives months_inclusive's float
    bit for bit: every start day of 2019–2029 (leap days, month ends) with spans around 1, 6, 36
    months and a few days either side, and spans that end before they start (0.0)."""
    starts = np.arange(np.datetime64("2019-01-01"), np.datetime64("2030-01-01"), dtype="datetime64[D]")
    spans = np.array([-2, 0, 1, 27, 28, 29, 30, 31, 59, 182, 183, 364, 365, 366, 1094, 1095, 1096, 1460])
    start = np.repeat(starts, len(spans))
    last = start + np.tile(spans, len(starts))
    got = months_inclusive_days(start, last)
    want = np.array([months_inclusive(s, e) for s, e in zip(start.astype(object), last.astype(object), strict=True)])
    assert np.array_equal(got, want)
    assert (
        months_inclusive_days(np.array(["2025-08-01"], "datetime64[D]"), np.array(["2028-07-31"], "datetime64[D]"))[0]
        == 36.0
    )
