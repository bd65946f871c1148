"""Staff reduction against targets: the seed report's figures, merged and new units, zero baselines,
pending-only cuts, settings that change the plan, retirements, people who left."""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import pandas as pd
import pytest

from analytics import reduction
from analytics.errors import NotFound, OversightError
from analytics.policy import save_setting
from tests.conftest import insert

MID_2024 = date(2024, 6, 30)


def unit(
    code: str, parent: str | None = None, merged_into: str | None = None, unit_type: str = "so_nganh", **extra: Any
) -> dict[str, Any]:
    row = {
        "unit_code": code,
        "name": code,
        "unit_type": unit_type,
        "level": "city",
        "parent_code": parent,
        "merged_into": merged_into,
        "sector": None,
        "former_province": None,
    }
    row.update(extra)
    return row


def quota(code: str, year: int, category: str, assigned: int, pending: int = 0) -> dict[str, Any]:
    return {"unit_code": code, "year": year, "category": category, "quota_assigned": assigned, "cut_pending": pending}


@pytest.fixture
def report(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Old Cần Thơ as in the seed report: 2021 and 2024 quotas of two units, 374 pending cuts."""
    insert(
        con,
        "unit",
        [
            unit("CT_CU", unit_type="tinh_cu", former_province="can_tho"),
            unit("CT_CU.A", "CT_CU", sector="quan_ly_nha_nuoc"),
            unit("CT_CU.B", "CT_CU", unit_type="dvsnc", sector="giao_duc"),
        ],
    )
    insert(
        con,
        "quota",
        [
            quota("CT_CU.A", 2021, "cong_chuc", 1000),
            quota("CT_CU.B", 2021, "cong_chuc", 860),
            quota("CT_CU.A", 2024, "cong_chuc", 990),
            quota("CT_CU.B", 2024, "cong_chuc", 851),
            quota("CT_CU.A", 2021, "vien_chuc", 735),
            quota("CT_CU.B", 2021, "vien_chuc", 20000),
            quota("CT_CU.A", 2024, "vien_chuc", 700),
            quota("CT_CU.B", 2024, "vien_chuc", 18715, 374),
        ],
    )
    return con


def by_cat(con: duckdb.DuckDBPyConnection, **kw: Any) -> dict[str, dict[str, Any]]:
    df = reduction.reduction_by_category(con, **kw)
    return {r["category"]: r for r in df.to_dict("records")}


def test_seed_report_figures_exactly(report: duckdb.DuckDBPyConnection) -> None:
    r = by_cat(report, scope="CT_CU", as_of=MID_2024)
    cc, vc = r["cong_chuc"], r["vien_chuc"]
    assert (cc["baseline_quota"], cc["current_year"], cc["current_quota"]) == (1860, 2024, 1841)
    assert (cc["reduced_done"], cc["reduced_pending"], cc["reduced_total"]) == (19, 0, 19)
    assert cc["reduced_pct"] == pytest.approx(19 / 1860 * 100) and round(cc["reduced_pct"], 2) == 1.02
    assert cc["plan"] == pytest.approx(93)
    assert cc["plan_progress_pct"] == pytest.approx(19 / 93 * 100) and round(cc["plan_progress_pct"], 2) == 20.43
    assert (vc["baseline_quota"], vc["current_quota"]) == (20735, 19415)
    assert (vc["reduced_done"], vc["reduced_pending"], vc["reduced_total"]) == (1320, 374, 1694)
    assert vc["reduced_pct"] == pytest.approx(1694 / 20735 * 100) and round(vc["reduced_pct"], 2) == 8.17
    assert vc["plan"] == pytest.approx(2073.5)
    assert vc["plan_progress_pct"] == pytest.approx(1694 / 2073.5 * 100) and round(vc["plan_progress_pct"], 1) == 81.7
    assert round(vc["reduced_done_pct"], 2) == 6.37
    assert round(vc["plan_progress_done_pct"], 1) == 63.7


def test_pace_months_and_status_mid_2024(report: duckdb.DuckDBPyConnection) -> None:
    r = by_cat(report, scope="CT_CU", as_of=MID_2024)
    cc, vc = r["cong_chuc"], r["vien_chuc"]
    # 1/1/2022 → 30/6/2024 is 30 months; 30 more to 31/12/2026; the straight line expects 50 %.
    assert (cc["months_elapsed"], cc["months_left"], cc["expected_progress_pct"]) == (30.0, 30.0, 50.0)
    assert cc["remaining_to_target"] == pytest.approx(74) and cc["pace_needed_per_month"] == pytest.approx(74 / 30)
    assert cc["pace_so_far_per_month"] == pytest.approx(19 / 30) and cc["projected_end_total"] == pytest.approx(38)
    assert cc["status"] == "behind"  # 20,4 % of plan against 50 %: more than 10 points below
    assert vc["status"] == "on_track" and vc["remaining_to_target"] == pytest.approx(379.5)


@pytest.mark.parametrize(("margin", "status"), [(10.0, "behind"), (29.0, "behind"), (30.0, "at_risk")])
def test_status_margin_is_a_setting(report: duckdb.DuckDBPyConnection, margin: float, status: str) -> None:
    save_setting(report, "status_behind_margin_pct", margin, user="t")
    assert by_cat(report, scope="CT_CU", as_of=MID_2024)["cong_chuc"]["status"] == status  # gap 29,57 points


@pytest.mark.parametrize(("target", "plan", "progress"), [(5.0, 93.0, 19 / 93 * 100), (8.0, 148.8, 19 / 148.8 * 100)])
def test_target_setting_changes_plan(
    report: duckdb.DuckDBPyConnection, target: float, plan: float, progress: float
) -> None:
    save_setting(report, "target_pct_cong_chuc", target, user="t")
    df = reduction.reduction_by_category(report, scope="CT_CU", as_of=MID_2024)
    cc = df.set_index("category").loc["cong_chuc"]
    assert cc["plan"] == pytest.approx(plan) and cc["plan_progress_pct"] == pytest.approx(progress)
    assert df.attrs["policy"]["target_pct_cong_chuc"] == target


def test_baseline_year_setting(report: duckdb.DuckDBPyConnection) -> None:
    save_setting(report, "reduction_baseline_year", 2024, user="t")
    cc = by_cat(report, scope="CT_CU", as_of=MID_2024)["cong_chuc"]
    assert (cc["baseline_quota"], cc["reduced_total"], cc["baseline_year"]) == (1841, 0, 2024)


def test_current_year_is_capped_by_as_of(report: duckdb.DuckDBPyConnection) -> None:
    cc = by_cat(report, scope="CT_CU", as_of=date(2023, 12, 31))["cong_chuc"]
    assert (cc["current_year"], cc["reduced_total"]) == (2021, 0)


@pytest.fixture
def merged(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Two old provinces' agencies merged into one new agency N1; N2 created in 2025 (no baseline)."""
    insert(
        con,
        "unit",
        [
            unit("CT", unit_type="thanh_pho"),
            unit("P1", unit_type="tinh_cu", merged_into="CT", former_province="can_tho"),
            unit("P2", unit_type="tinh_cu", merged_into="CT", former_province="hau_giang"),
            unit("P1.A", "P1", merged_into="N1", sector="quan_ly_nha_nuoc"),
            unit("P2.A", "P2", merged_into="N1", sector="quan_ly_nha_nuoc"),
            unit("N1", "CT", sector="quan_ly_nha_nuoc"),
            unit("N1.D", "N1", unit_type="phong"),
            unit("N2", "CT", sector="y_te"),
        ],
    )
    insert(
        con,
        "quota",
        [
            quota("P1.A", 2021, "cong_chuc", 60),
            quota("P2.A", 2021, "cong_chuc", 40),
            quota("N1", 2025, "cong_chuc", 80, 5),
            quota("N1.D", 2025, "cong_chuc", 10),
            quota("N2", 2025, "cong_chuc", 7),
        ],
    )
    return con


def test_merged_units_are_compared_on_todays_unit(merged: duckdb.DuckDBPyConnection) -> None:
    df = reduction.reduction_by_unit(merged, category="cong_chuc", scope="CT", as_of=date(2025, 12, 31))
    rows = df.set_index("unit_code")
    assert list(rows.index) == ["N1", "N2"]  # old units are not rows of today's structure
    n1, n2 = rows.loc["N1"], rows.loc["N2"]
    assert (n1["baseline_quota"], n1["current_quota"], n1["reduced_done"], n1["reduced_pending"]) == (100, 90, 10, 5)
    assert n1["reduced_pct"] == pytest.approx(15.0) and n1["plan_progress_pct"] == pytest.approx(300.0)
    # created after the baseline year: baseline 0, growth shows as a negative cut, percentages NaN
    assert (n2["baseline_quota"], n2["current_quota"], n2["reduced_done"]) == (0, 7, -7)
    assert pd.isna(n2["reduced_pct"]) and pd.isna(n2["plan_progress_pct"]) and pd.isna(n2["status"])
    whole = by_cat(merged, scope="CT", as_of=date(2025, 12, 31))["cong_chuc"]
    assert (whole["baseline_quota"], whole["current_quota"], whole["reduced_total"]) == (100, 97, 8)


def test_units_under_no_current_unit_form_a_last_row(merged: duckdb.DuckDBPyConnection) -> None:
    insert(merged, "unit", [unit("P2.D", "P2", unit_type="huyen_cu")])  # an abolished district
    insert(merged, "quota", [quota("P2.D", 2021, "cong_chuc", 25)])
    df = reduction.reduction_by_unit(merged, category="cong_chuc", scope="CT", as_of=date(2025, 12, 31))
    assert df["unit_code"].tolist()[:2] == ["N1", "N2"] and len(df) == 3 and pd.isna(df["unit_code"].iloc[2])
    assert (df["baseline_quota"].iloc[-1], df["reduced_done"].iloc[-1]) == (25, 25)
    assert (
        df["baseline_quota"].sum()
        == by_cat(merged, scope="CT", as_of=date(2025, 12, 31))["cong_chuc"]["baseline_quota"]
    )


def test_old_province_scope_lists_its_old_units(merged: duckdb.DuckDBPyConnection) -> None:
    df = reduction.reduction_by_unit(merged, category="cong_chuc", scope="P1", as_of=date(2025, 12, 31))
    assert list(df["unit_code"]) == ["P1.A"] and df["baseline_quota"].tolist() == [60]


def test_groups_take_the_nearest_attribute(merged: duckdb.DuckDBPyConnection) -> None:
    # old agencies of two provinces merged into a city-wide agency count with the city-wide agencies
    # (no province); an old commune counts under the province of the commune that took it over
    insert(
        merged,
        "unit",
        [
            unit("X1", "CT", unit_type="ubnd_xa", level="commune", former_province="soc_trang"),
            unit("P2.X", None, merged_into="X1", unit_type="ubnd_xa", level="commune", former_province="hau_giang"),
        ],
    )
    insert(merged, "quota", [quota("P2.X", 2021, "cong_chuc", 20), quota("X1", 2025, "cong_chuc", 18)])
    df = reduction.reduction_by_group(
        merged, category="cong_chuc", by="former_province", scope="CT", as_of=date(2025, 12, 31)
    )
    got = {
        r["group_code"] if isinstance(r["group_code"], str) else None: (r["baseline_quota"], r["current_quota"])
        for r in df.to_dict("records")
    }
    assert got == {"soc_trang": (20, 18), None: (100, 97)}
    sectors = reduction.reduction_by_group(
        merged, category="cong_chuc", by="sector", scope="CT", as_of=date(2025, 12, 31)
    ).set_index("group_code")
    assert sectors.loc["quan_ly_nha_nuoc", "current_quota"] == 90  # N1.D takes N1's sector
    assert sectors.loc["y_te", "current_quota"] == 7


def test_zero_baseline_gives_nan_not_error(con: duckdb.DuckDBPyConnection) -> None:
    insert(con, "unit", [unit("X")])
    insert(con, "quota", [quota("X", 2021, "cong_chuc", 0), quota("X", 2024, "cong_chuc", 0)])
    cc = by_cat(con, as_of=MID_2024)["cong_chuc"]
    assert cc["baseline_quota"] == 0 and cc["plan"] == 0
    for key in ("reduced_pct", "plan_progress_pct", "reduced_done_pct"):
        assert pd.isna(cc[key])


def test_pending_only_cuts(con: duckdb.DuckDBPyConnection) -> None:
    insert(con, "unit", [unit("X")])
    insert(con, "quota", [quota("X", 2021, "vien_chuc", 200), quota("X", 2024, "vien_chuc", 200, 20)])
    vc = by_cat(con, as_of=MID_2024)["vien_chuc"]
    assert (vc["reduced_done"], vc["reduced_pending"], vc["reduced_total"]) == (0, 20, 20)
    assert vc["plan_progress_pct"] == pytest.approx(100.0) and vc["plan_progress_done_pct"] == 0.0
    assert vc["status"] == "on_track"


def test_empty_database_gives_rows_without_error(con: duckdb.DuckDBPyConnection) -> None:
    df = reduction.reduction_by_category(con, as_of=MID_2024)
    assert list(df["category"]) == ["cong_chuc", "vien_chuc"] and not df["has_quota"].any()


def person(
    pid: str,
    unit_code: str,
    birth: str,
    gender: str = "nam",
    category: str = "cong_chuc",
    as_of: str = "2024-06-30",
    **extra: Any,
) -> dict[str, Any]:
    row = {
        "as_of": as_of,
        "unit_code": unit_code,
        "person_id": pid,
        "full_name": pid,
        "birth_date": birth,
        "gender": gender,
        "category": category,
    }
    row.update(extra)
    return row


def test_retirements_until_the_end_year(report: duckdb.DuckDBPyConnection) -> None:
    # a man born 15/3/1965 reaches 61y6m (the 2026 age) on 15/9/2026 → retires 30/9/2026: counted;
    # a woman born 10/1/1967 reaches 55y8m (the 2022 age) on 10/9/2022 → retired 30/9/2022, before
    # as_of: not counted; a man born 1/1/1980 retires long after 2026: not counted.
    insert(
        report,
        "person",
        [
            person("M", "CT_CU.A", "1965-03-15"),
            person("W", "CT_CU.A", "1967-01-10", gender="nu"),
            person("Y", "CT_CU.B", "1980-01-01", category="vien_chuc"),
        ],
    )
    r = by_cat(report, scope="CT_CU", as_of=MID_2024)
    assert r["cong_chuc"]["retiring_before_end"] == 1
    assert r["cong_chuc"]["projected_end_with_retirements"] == 19 + 1
    assert r["vien_chuc"]["retiring_before_end"] == 0


@pytest.mark.parametrize(("as_of", "retiring"), [("2026-09-29", 1), ("2026-09-30", 1), ("2026-10-01", 0)])
def test_person_exactly_at_retirement_date(report: duckdb.DuckDBPyConnection, as_of: str, retiring: int) -> None:
    # born 15/3/1965 → retirement date 30/9/2026 (see above): on that day still in post, so the post
    # is freed after as_of and counts; the day after, it is gone.
    insert(report, "person", [person("M", "CT_CU.A", "1965-03-15")])
    got = by_cat(report, scope="CT_CU", as_of=date.fromisoformat(as_of))["cong_chuc"]["retiring_before_end"]
    assert got == retiring


def test_people_left_series_is_separate(report: duckdb.DuckDBPyConnection) -> None:
    cases = [
        ("c1", "cong_chuc", "thoi_viec", 2022, "da_nghi", 100),
        ("c2", "can_bo", "nghi_huu_truoc_tuoi", 2023, "da_nghi", 300),
        ("c3", "cong_chuc", "thoi_viec", 2022, "de_xuat", None),
        ("v1", "vien_chuc", "thoi_viec", 2022, "da_phe_duyet", None),
    ]
    insert(
        report,
        "reduction_case",
        [
            {
                "case_id": c,
                "unit_code": "CT_CU.A",
                "category": cat,
                "route": route,
                "year": y,
                "status": st,
                "payout_vnd": pay,
            }
            for c, cat, route, y, st, pay in cases
        ],
    )
    r = by_cat(report, scope="CT_CU", as_of=MID_2024)
    assert (r["cong_chuc"]["people_left"], r["vien_chuc"]["people_left"]) == (2, 1)
    assert r["cong_chuc"]["reduced_total"] == 19  # quota cuts unchanged
    df = reduction.people_left_by_route_year(report, scope="CT_CU")
    assert df[["category", "route", "year", "people", "payout_vnd"]].astype(object).where(
        df.notna(), None
    ).values.tolist() == [
        ["can_bo", "nghi_huu_truoc_tuoi", 2023, 1, 300],
        ["cong_chuc", "thoi_viec", 2022, 1, 100],
        ["vien_chuc", "thoi_viec", 2022, 1, None],
    ]


def test_by_year_series(report: duckdb.DuckDBPyConnection) -> None:
    df = reduction.reduction_by_year(report, category="vien_chuc", scope="CT_CU")
    assert df[["year", "quota_assigned", "cut_pending", "reduced_done", "reduced_total"]].values.tolist() == [
        [2021, 20735, 0, 0, 0],
        [2024, 19415, 374, 1320, 1694],
    ]


def test_unknown_scope_and_bad_arguments(report: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(NotFound):
        reduction.reduction_by_category(report, scope="NOPE")
    with pytest.raises(OversightError):
        reduction.reduction_by_unit(report, category="bien_che")
    with pytest.raises(OversightError):
        reduction.reduction_by_group(report, category="cong_chuc", by="district")
