"""The units that need attention: a province's secondment and training are its agencies' added up."""

from __future__ import annotations

import math

import pandas as pd

from analytics.children import attention, is_provinces, programmes_by_child

LINKS = pd.DataFrame(
    {
        "unit_code": ["P", "P", "Q", "Q"],
        "unit_name": ["Tỉnh P", "Tỉnh P", "Tỉnh Q", "Tỉnh Q"],
        "unit_type": ["thanh_pho"] * 4,
        "agency_code": ["P.A1", "P.A2", "Q.B1", "Q.B2"],
    }
)
AGENCY_LINKS = pd.DataFrame(
    {
        "unit_code": ["P.A1", "P.A2"],
        "unit_name": ["A1", "A2"],
        "unit_type": ["so_nganh"] * 2,
        "agency_code": ["P.A1", "P.A2"],
    }
)
SECONDMENT = pd.DataFrame(
    {"agency_code": ["P.A1", "P.A2", "Q.B1", "Q.B2"], "required": [10, 6, 4, 0], "active": [8, 8, 1, 0]}
)
TRAINING = pd.DataFrame(
    {
        "agency_code": ["P.A1", "P.A2", "Q.B1", "Q.B2"],
        "budget_vnd": pd.array([100, None, 300, 100], dtype="Int64"),
        "spent_vnd": [20, 5, 90, 70],
    }
)


def _reduction(codes: list[str], types: list[str], statuses: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_code": codes,
            "name": [f"Đơn vị {c}" for c in codes],
            "unit_type": types,
            "plan_progress_pct": [50.0 + 10 * i for i in range(len(codes))],
            "status": statuses,
        }
    )


def test_a_province_adds_its_agencies_up_not_their_percentages() -> None:
    out = programmes_by_child(SECONDMENT, TRAINING, LINKS).set_index("unit_code")
    # P: (8 + 8) / (10 + 6) = 100 %, not the mean of 80 % and 133 %; Q: 1 / 4 = 25 %
    assert out.loc["P", "fulfilment_pct"] == 100.0 and out.loc["Q", "fulfilment_pct"] == 25.0
    assert (out.loc["P", "required"], out.loc["P", "active"]) == (16, 16)
    # Q: (90 + 70) / (300 + 100) = 40 %; P: one agency's budget unknown leaves P's unknown
    assert out.loc["Q", "spent_pct"] == 40.0 and out.loc["Q", "budget_vnd"] == 400
    assert math.isnan(out.loc["P", "budget_vnd"]) and math.isnan(out.loc["P", "spent_pct"])
    assert out.loc["P", "spent_vnd"] == 25


def test_an_agency_under_its_province_keeps_its_own_figures() -> None:
    out = programmes_by_child(SECONDMENT, TRAINING, AGENCY_LINKS).set_index("unit_code")
    assert out.loc["P.A1", "fulfilment_pct"] == 80.0 and out.loc["P.A2", "fulfilment_pct"] == 8 / 6 * 100
    assert out.loc["P.A1", "spent_pct"] == 20.0 and math.isnan(out.loc["P.A2", "spent_pct"])


def test_provinces_are_ranked_by_their_problems() -> None:
    units = {
        "cong_chuc": _reduction(["P", "Q"], ["thanh_pho"] * 2, ["on_track", "behind"]),
        "vien_chuc": _reduction(["P", "Q"], ["thanh_pho"] * 2, ["behind", "behind"]),
    }
    out = attention(units, SECONDMENT, TRAINING, LINKS)
    assert is_provinces(out)
    # Q: both categories behind, 25 % sent, 40 % spent = 4 problems; P: one behind, the rest met or unknown
    assert list(out["unit_code"]) == ["Q", "P"] and list(out["problems"]) == [4, 1]


def test_a_provinces_rows_are_its_agencies_not_its_communes() -> None:
    units = {
        c: _reduction(["P.A1", "P.A2", "P.X1"], ["so_nganh", "co_quan_khac", "ubnd_xa"], ["on_track"] * 3)
        for c in ("cong_chuc", "vien_chuc")
    }
    out = attention(units, SECONDMENT, TRAINING, AGENCY_LINKS)
    assert not is_provinces(out)
    assert list(out["unit_code"]) == ["P.A1", "P.A2"] and list(out["problems"]) == [2, 0]  # A1: 80 % sent, 20 % spent


def test_a_provinces_secondment_row_adds_its_agencies_counts() -> None:
    from analytics.children import secondment_by_child

    agencies = SECONDMENT.assign(
        name=["A1", "A2", "B1", "B2"],
        unit_type="so_nganh",
        quota_year=[2025, 2026, 2026, 2026],
        shortfall=[2, 0, 3, 0],
        fulfilment_pct=[80.0, 8 / 6 * 100, 25.0, float("nan")],
        **{f"active_{w}": [4, 2, 1, 0] for w in ("young", "women", "minority")},
        **{f"active_{w}_pct": [50.0, 25.0, 100.0, float("nan")] for w in ("young", "women", "minority")},
        staff=[100, 60, 40, 10],
        **{f"staff_{w}": [50, 30, 10, 5] for w in ("young", "women", "minority")},
        **{f"staff_{w}_pct": [50.0, 50.0, 25.0, 50.0] for w in ("young", "women", "minority")},
    )
    assert secondment_by_child(agencies, None) is agencies  # under a scope: the agencies' own rows
    out = secondment_by_child(agencies, LINKS).set_index("agency_code")
    assert list(out.index) == ["P", "Q"] and list(out["name"]) == ["Tỉnh P", "Tỉnh Q"]
    # P: 16 on posting of 16 required, yet 2 short: A2's two extra do not make up for A1's two missing
    assert (out.loc["P", "required"], out.loc["P", "active"], out.loc["P", "shortfall"]) == (16, 16, 2)
    assert out.loc["P", "fulfilment_pct"] == 100.0 and out.loc["P", "quota_year"] == 2026
    assert out.loc["P", "active_young_pct"] == 6 / 16 * 100 and out.loc["P", "staff_women_pct"] == 80 / 160 * 100
    assert out.loc["Q", "fulfilment_pct"] == 25.0 and out.loc["Q", "staff"] == 50
