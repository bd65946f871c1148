"""Quotas of the demo city.

Old Cần Thơ 2021-2024 reproduces the Sở Nội vụ mid-2024 report exactly (DOMAIN.md §3): civil
servants 1.860 → 1.841, public employees 20.735 → 19.415 with 374 more cuts pending. Hậu Giang and
Sóc Trăng get plausible histories; the new city has 9.951 civil-servant posts in 2025 (4.018 city,
5.933 communes) and a few percent fewer in 2026.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analytics.demo import places
from analytics.demo.common import allocate

# The seed report's figures (old Cần Thơ).
CT_CIVIL_2021 = 1860
CT_CIVIL_CUTS = (7, 7, 5)  # 2022, 2023, 2024: 19 in all
CT_EMPLOYEE_2021 = 20735
CT_EMPLOYEE_CUTS = (640, 430, 250)  # 1.320 done
CT_EMPLOYEE_PENDING = 374
CT_PENDING_DECISION = "Kỳ họp HĐND thành phố giữa năm 2024"
NEW_CIVIL_CITY = 4018
NEW_CIVIL_COMMUNE = 5933
OLD_TOTALS = {"HG_CU": (1420, 11900), "ST_CU": (1780, 19600)}
YEARS_OLD = (2021, 2022, 2023, 2024)


def _as_of(year: int) -> date:
    return date(2024, 6, 30) if year == 2024 else date(year, 12, 31)


def _rows(codes: np.ndarray, year: int, category: str, assigned: np.ndarray, decision: str, decided: date,
          as_of: date, pending: np.ndarray | None = None, pending_decision: str | None = None,
          present: np.ndarray | None = None) -> pd.DataFrame:
    n = len(codes)
    pend = np.zeros(n, dtype=np.int64) if pending is None else pending
    return pd.DataFrame({
        "unit_code": codes, "year": year, "category": category, "quota_assigned": assigned.astype(np.int64),
        "cut_pending": pend.astype(np.int64),
        "pending_decision": [pending_decision if p > 0 else None for p in pend],
        "present": pd.array(present, dtype="Int64") if present is not None else pd.array([None] * n, dtype="Int64"),
        "decision_ref": decision, "decision_date": pd.Timestamp(decided), "as_of": pd.Timestamp(as_of),
    })


def _history(rng: np.random.Generator, codes: np.ndarray, base: np.ndarray, cuts: tuple[int, ...],
             category: str, decisions: dict[int, tuple[str, date]]) -> list[pd.DataFrame]:
    """Quota per year, falling by ``cuts`` (spread over units in proportion to their quota)."""
    frames = []
    current = base.copy()
    for year, cut in zip(YEARS_OLD, (0, *cuts), strict=True):
        if cut:
            p = current / current.sum()
            take = rng.multinomial(cut, p)
            current = current - np.minimum(take, current)
        decision, decided = decisions[year]
        frames.append(_rows(codes, year, category, current, decision, decided, _as_of(year)))
    return frames


def _decisions(rng: np.random.Generator, body: str) -> dict[int, tuple[str, date]]:
    return {y: (f"Nghị quyết số {int(rng.integers(10, 60))}/NQ-HĐND ({body})", date(y - 1, 12, 8))
            for y in YEARS_OLD}


def old_quotas(units: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """2021-2024 quotas of the former provinces' agencies, districts and communes."""
    frames: list[pd.DataFrame] = []
    weights = {f"{p}.{suffix}": (cw, vw) for p, _, _ in places.PROVINCES
               for suffix, _, _, _, cw, vw in places.OLD_AGENCIES}
    for province, _, _ in places.PROVINCES:
        mine = units[(units["parent_code"] == province) & units["role"].isin(("old_agency", "old_district"))]
        codes = mine["unit_code"].to_numpy()
        is_district = (mine["role"] == "old_district").to_numpy()
        cw = np.array([90.0 if d else weights[c][0] for c, d in zip(codes, is_district, strict=True)])
        vw = np.array([1050.0 if d else weights[c][1] for c, d in zip(codes, is_district, strict=True)])
        cw *= rng.uniform(0.85, 1.15, size=len(codes))
        vw *= rng.uniform(0.85, 1.15, size=len(codes))
        body = places.PROVINCE_LABEL[province]
        decisions = _decisions(rng, body)
        if province == "CT_CU":
            civil, employees = CT_CIVIL_2021, CT_EMPLOYEE_2021
            civil_cuts, employee_cuts = CT_CIVIL_CUTS, CT_EMPLOYEE_CUTS
        else:
            civil, employees = OLD_TOTALS[province]
            civil_cuts = tuple(int(civil * f) for f in (0.008, 0.007, 0.005))
            employee_cuts = tuple(int(employees * f) for f in (0.03, 0.025, 0.015))
        frames += _history(rng, codes, allocate(civil, cw), civil_cuts, "cong_chuc", decisions)
        employee_frames = _history(rng, codes, allocate(employees, vw), employee_cuts, "vien_chuc", decisions)
        if province == "CT_CU":
            last = employee_frames[-1]
            q = last["quota_assigned"].to_numpy()
            pending = rng.multinomial(CT_EMPLOYEE_PENDING, q / q.sum())
            over = pending > q // 10  # keep each unit's pending cut modest; move the excess to the largest
            extra = int((pending - np.minimum(pending, q // 10))[over].sum())
            pending = np.minimum(pending, q // 10)
            pending[int(np.argmax(q))] += extra
            last["cut_pending"] = pending.astype(np.int64)
            last["pending_decision"] = [CT_PENDING_DECISION if p > 0 else None for p in pending]
        frames += employee_frames
    old_communes = units[units["role"] == "old_commune"]
    codes = old_communes["unit_code"].to_numpy()
    base = rng.integers(15, 26, size=len(codes))
    current = base.copy()
    for year in YEARS_OLD:
        if year > 2021:
            current = current - (rng.random(len(codes)) < 0.12).astype(np.int64)
        frames.append(_rows(codes, year, "cong_chuc", current, "Quyết định giao biên chế cấp xã",
                            date(year - 1, 12, 20), _as_of(year)))
    return pd.concat(frames, ignore_index=True)


def civil_2025(units: pd.DataFrame, rng: np.random.Generator) -> pd.Series:
    """The new city's civil-servant quota 2025 per unit: 4.018 city level, 5.933 communes."""
    out: dict[str, int] = {}
    agency_w = np.array([a[3] for a in places.AGENCIES], dtype=float) * rng.uniform(0.9, 1.1, len(places.AGENCIES))
    for (code, *_), total in zip(places.AGENCIES, allocate(NEW_CIVIL_CITY, agency_w), strict=True):
        divs = units[(units["parent_code"] == code) & (units["role"] == "division")]["unit_code"].to_list()
        w = np.concatenate([[0.18 * len(divs) / 0.82], rng.uniform(0.6, 1.4, size=len(divs))])
        for c, q in zip([code, *divs], allocate(int(total), w), strict=True):
            out[c] = int(q)
    communes = units[units["role"] == "commune"]
    w = rng.uniform(0.8, 1.25, size=len(communes)) * np.where(communes["commune_kind"] == "phuong", 1.1, 1.0)
    for c, q in zip(communes["unit_code"], allocate(NEW_CIVIL_COMMUNE, w), strict=True):
        out[c] = int(q)
    return pd.Series(out, name="quota_2025")


def new_quotas(units: pd.DataFrame, civil25: pd.Series, present: pd.DataFrame, over_quota: list[str],
               rng: np.random.Generator) -> pd.DataFrame:
    """2025 and 2026 quotas of the new city. ``present`` has unit_code, quota category and count at
    the latest roster snapshot; ``over_quota`` units get a 2026 quota below their present count."""
    pres = present.set_index(["unit_code", "category"])["present"]
    codes = civil25.index.to_numpy()
    q25 = civil25.to_numpy()
    cut = rng.multinomial(int(round(q25.sum() * 0.03)), q25 / q25.sum())
    q26 = q25 - np.minimum(cut, q25 // 4)
    civil_present = np.array([int(pres.get((c, "cong_chuc"), 0)) for c in codes])
    for c in over_quota:
        i = int(np.flatnonzero(codes == c)[0])
        q26[i] = max(1, civil_present[i] - 1 - int(rng.integers(0, 3)))
    pending = np.where(rng.random(len(codes)) < 0.15, rng.integers(1, 4, len(codes)), 0)
    pending = np.minimum(pending, q26)
    pend_text = "Kỳ họp HĐND thành phố cuối năm 2026"
    frames = [
        _rows(codes, 2025, "cong_chuc", q25, "Quyết định số 2150/QĐ-UBND", date(2025, 7, 15), date(2025, 7, 1)),
        _rows(codes, 2026, "cong_chuc", q26, "Nghị quyết số 45/NQ-HĐND", date(2025, 12, 10), date(2026, 9, 30),
              pending=pending, pending_decision=pend_text, present=civil_present),
    ]
    budget = units[(units["unit_type"] == "dvsnc") & ~units["self_financed"]]["unit_code"].to_numpy()
    vp = np.array([int(pres.get((c, "vien_chuc"), 0)) for c in budget])
    v26 = vp + np.round(vp * rng.uniform(0.0, 0.08, len(vp))).astype(np.int64)
    v25 = v26 + np.round(v26 * rng.uniform(0.0, 0.05, len(vp))).astype(np.int64)
    frames += [
        _rows(budget, 2025, "vien_chuc", v25, "Quyết định số 2151/QĐ-UBND", date(2025, 7, 15), date(2025, 7, 1)),
        _rows(budget, 2026, "vien_chuc", v26, "Nghị quyết số 46/NQ-HĐND", date(2025, 12, 10), date(2026, 9, 30),
              present=vp),
    ]
    agencies = np.array([a[0] for a in places.AGENCIES])
    chosen = agencies[rng.random(len(agencies)) < 0.6]
    npres = np.array([int(pres.get((c, "nguoi_lao_dong"), 0)) for c in chosen])
    n26 = npres + rng.integers(0, 3, len(chosen))
    frames += [
        _rows(chosen, 2025, "nguoi_lao_dong", n26 + 1, "Quyết định số 2152/QĐ-UBND", date(2025, 7, 15),
              date(2025, 7, 1)),
        _rows(chosen, 2026, "nguoi_lao_dong", n26, "Quyết định số 188/QĐ-UBND", date(2026, 1, 12),
              date(2026, 9, 30), present=npres),
    ]
    return pd.concat(frames, ignore_index=True)
