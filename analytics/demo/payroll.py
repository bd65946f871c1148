"""Monthly payroll July 2025 - June 2026 (the training "first year") for the first roster snapshot.

Coefficients come from the roster; money is whole VND. Two data-quality items are planted on
purpose: a couple of small units miss their last payroll months, and a few people are paid on a
coefficient that differs from the roster.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analytics import reference
from analytics.demo.common import day, full_years

MONTHS = tuple(date(2025 + (6 + i) // 12, (6 + i) % 12 + 1, 1) for i in range(12))
OCCUPATIONAL = {
    "school_Mầm non": 35,
    "school_Tiểu học": 35,
    "school_THCS": 30,
    "thpt": 30,
    "hospital": 40,
    "health_station": 60,
}
PAYROLL_COLUMNS = (
    "month",
    "unit_code",
    "person_id",
    "salary_coef",
    "base_salary_vnd",
    "basic_salary_vnd",
    "allowance_leadership_vnd",
    "allowance_seniority_vnd",
    "allowance_occupational_vnd",
    "allowance_public_service_vnd",
    "allowance_other_vnd",
    "total_vnd",
)


def _seniority_pct(p: pd.DataFrame, as_of: date) -> np.ndarray:
    """Thâm niên vượt khung: 5 % after 3 years at the top step, +1 % a year."""
    years = full_years(p["hire_day"].to_numpy(), day(as_of))
    groups = p["pay_group"].to_numpy()
    top_after = np.array([(reference.MAX_STEP[g] - 1) * reference.YEARS_PER_STEP[g] for g in groups])
    beyond = years - top_after
    return np.where(beyond >= 3, np.minimum(5 + beyond - 3, 15), 0)


def build_payroll(p1: pd.DataFrame, units: pd.DataFrame, rng: np.random.Generator) -> tuple[pd.DataFrame, dict]:
    """Payroll rows and what was planted (units with missing months, people paid on another coef)."""
    people = p1.reset_index(drop=True)
    n = len(people)
    coef100 = np.round(people["salary_coef"].to_numpy(float) * 100).astype(np.int64)
    lead100 = np.round(people["leadership_allowance_coef"].to_numpy(float) * 100).astype(np.int64)
    civil = people["category"].isin(("cong_chuc", "can_bo")).to_numpy()
    role = people["role"].to_numpy()
    occ = np.array([OCCUPATIONAL.get(r, 0) for r in role])
    occ = np.where(people["category"].to_numpy() == "vien_chuc", occ, 0)
    occ = np.where((occ > 0) & people["especially_difficult"].to_numpy(bool), 70, occ)
    seniority = _seniority_pct(people, MONTHS[-1])
    frames = []
    # People paid on a coefficient other than the roster's (one step lower) in 2026.
    lagging = rng.choice(
        np.flatnonzero((people["step"].to_numpy() > 1) & (people["category"] == "vien_chuc").to_numpy()),
        4,
        replace=False,
    )
    lag100 = coef100.copy()
    for i in lagging:
        g, s = people.at[i, "pay_group"], int(people.at[i, "step"])
        lag100[i] = int(round(float(reference.PAY_SCALE[(g, s - 1)]) * 100))
    small = units[(units["role"].isin(("health_station", "service_centre")))]["unit_code"].to_numpy()
    missing = {
        str(c): m
        for c, m in zip(rng.choice(small, 2, replace=False), (date(2026, 4, 1), date(2026, 5, 1)), strict=True)
    }
    unit_codes = people["unit_code"].to_numpy()
    hire = people["hire_day"].to_numpy()
    for month in MONTHS:
        base = reference.base_salary_on(month)
        unit_share = base // 100  # base is a multiple of 100, so coef×base is exact in integers
        keep = hire < day(month)
        for code, since in missing.items():
            if month >= since:
                keep &= unit_codes != code
        c100 = np.where(month >= date(2026, 1, 1), lag100, coef100)
        basic = c100 * unit_share
        leadership = lead100 * unit_share
        senior = np.round(basic * seniority / 100).astype(np.int64)
        occupational = np.round((basic + leadership) * occ / 100).astype(np.int64)
        public = np.where(civil, np.round((basic + leadership + senior) * 0.25), 0).astype(np.int64)
        df = pd.DataFrame(
            {
                "month": pd.Timestamp(month),
                "unit_code": unit_codes,
                "person_id": people["person_id"].to_numpy(),
                "salary_coef": c100 / 100,
                "base_salary_vnd": base,
                "basic_salary_vnd": basic,
                "allowance_leadership_vnd": leadership,
                "allowance_seniority_vnd": senior,
                "allowance_occupational_vnd": occupational,
                "allowance_public_service_vnd": public,
                "allowance_other_vnd": np.zeros(n, dtype=np.int64),
            }
        )[keep]
        frames.append(df)
    out = pd.concat(frames, ignore_index=True)
    out["total_vnd"] = out[
        [
            "basic_salary_vnd",
            "allowance_leadership_vnd",
            "allowance_seniority_vnd",
            "allowance_occupational_vnd",
            "allowance_public_service_vnd",
            "allowance_other_vnd",
        ]
    ].sum(axis=1)
    planted = {"missing_months": missing, "coef_mismatch": people.loc[lagging, "person_id"].tolist()}
    return out[list(PAYROLL_COLUMNS)], planted
