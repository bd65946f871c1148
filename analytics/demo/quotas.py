"""Quotas of the demo city.

The new city's quotas (2025, 2026) come first: 9.951 civil-servant posts in 2025 (4.018 city,
5.933 communes, DOMAIN.md §7), a few percent fewer in 2026 with a few cuts pending; public employees
and contract staff get a quota a little above the people in post. The 2021-2024 quotas of the old
units are then derived backwards so that every merger cuts staff:

* each new agency's 2026 quota (pending cuts counted as cuts) is ``1 - r`` times the 2021 quota of
  the old agencies merged into it, ``r`` drawn from a fixed spread of outcomes (most on track
  against the 5 % / 10 % targets, a few at risk or behind, one civil-servant quota slightly up);
* each new commune's 2026 civil-servant quota is a few percent below its old communes' 2021 sum,
  its public-employee quota a few percent below the old district units of its area (schools,
  health stations, others: one old unit per sector, under the district, merged into the commune);
* the city as a whole ends 2026 ``CITY_CUT`` below 2021; the abolished districts' own staff take
  what is left (they have no successor unit), so the city series never rises from 2021 to 2026.

Old Cần Thơ reproduces the Sở Nội vụ mid-2024 report exactly (DOMAIN.md §3): civil servants
1.860 → 1.841, public employees 20.735 → 19.415 with 374 more cuts pending; its districts take the
difference between those totals and its agencies. Hậu Giang and Sóc Trăng totals follow from the rest.
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
YEARS_OLD = (2021, 2022, 2023, 2024)
CATEGORIES = ("cong_chuc", "vien_chuc")
# Share of 2021 quota cut in 2022, 2023, 2024 in Hậu Giang and Sóc Trăng.
OLD_CUT_SHARES = {"cong_chuc": (0.008, 0.007, 0.005), "vien_chuc": (0.02, 0.015, 0.01)}
# 2026 quota of the whole city against 2021 (quota assigned, pending cuts not counted).
CITY_CUT = {"cong_chuc": 0.115, "vien_chuc": 0.085}
# Cut by 2026 against the predecessors' 2021 quota (pending counted), one per agency, shuffled.
# Civil servants (target 5 %): 10 on track, 2 at risk, 3 behind (one up 1 %). Public employees
# (target 10 %): 10 on track, 2 at risk, 3 behind.
AGENCY_OUTCOMES = {
    "cong_chuc": (0.115, 0.105, 0.095, 0.09, 0.085, 0.08, 0.075, 0.07, 0.065, 0.06, 0.046, 0.044, 0.035, 0.02, -0.01),
    "vien_chuc": (0.16, 0.145, 0.135, 0.13, 0.125, 0.12, 0.115, 0.11, 0.105, 0.10, 0.092, 0.088, 0.075, 0.06, 0.04),
}
TARGETS = {"cong_chuc": 0.05, "vien_chuc": 0.10}  # the policy's default targets (DOMAIN.md §3)
LARGE_AGENCY = {"cong_chuc": 200, "vien_chuc": 500}  # 2026 quota; where a near miss is dealt
COMMUNE_CUT = (0.055, 0.025, -0.03, 0.12)  # mean, spread, bounds of a commune's cut against its predecessors
DISTRICT_OWN_SHARE = 0.01  # of the old districts' public employees: in units wound up with the district
PROVINCE_WEIGHT = {"CT_CU": 1.0, "HG_CU": 0.75, "ST_CU": 1.0}
PENDING_DECISION_2026 = "Kỳ họp HĐND thành phố cuối năm 2026"


def _as_of(year: int) -> date:
    return date(2024, 6, 30) if year == 2024 else date(year, 12, 31)


def _rows(
    codes: np.ndarray,
    year: int,
    category: str,
    assigned: np.ndarray,
    decision: str,
    decided: date,
    as_of: date,
    pending: np.ndarray | None = None,
    pending_decision: str | None = None,
    present: np.ndarray | None = None,
) -> pd.DataFrame:
    n = len(codes)
    pend = np.zeros(n, dtype=np.int64) if pending is None else pending
    return pd.DataFrame(
        {
            "unit_code": codes,
            "year": year,
            "category": category,
            "quota_assigned": assigned.astype(np.int64),
            "cut_pending": pend.astype(np.int64),
            "pending_decision": [pending_decision if p > 0 else None for p in pend],
            "present": pd.array(present, dtype="Int64") if present is not None else pd.array([None] * n, dtype="Int64"),
            "decision_ref": decision,
            "decision_date": pd.Timestamp(decided),
            "as_of": pd.Timestamp(as_of),
        }
    )


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


def _pending(rng: np.random.Generator, n: int, share: float, high: int) -> np.ndarray:
    return np.where(rng.random(n) < share, rng.integers(1, high + 1, n), 0).astype(np.int64)


def new_quotas(
    units: pd.DataFrame, civil25: pd.Series, present: pd.DataFrame, over_quota: list[str], rng: np.random.Generator
) -> pd.DataFrame:
    """2025 and 2026 quotas of the new city. ``present`` has unit_code, quota category and count at
    the latest roster snapshot; ``over_quota`` units get a 2026 civil-servant quota below their present
    count; every other unit's quota covers the people in post."""
    pres = present.set_index(["unit_code", "category"])["present"]
    codes = civil25.index.to_numpy()
    q25 = civil25.to_numpy()
    cut = rng.multinomial(int(round(q25.sum() * 0.025)), q25 / q25.sum())
    q26 = q25 - np.minimum(cut, q25 // 4)
    civil_present = np.array([int(pres.get((c, "cong_chuc"), 0)) for c in codes])
    for c in over_quota:
        i = int(np.flatnonzero(codes == c)[0])
        q26[i] = max(1, civil_present[i] - 1 - int(rng.integers(0, 3)))
    pending = np.minimum(_pending(rng, len(codes), 0.15, 3), q26 // 5)
    frames = [
        _rows(codes, 2025, "cong_chuc", q25, "Quyết định số 2150/QĐ-UBND", date(2025, 7, 15), date(2025, 7, 1)),
        _rows(
            codes,
            2026,
            "cong_chuc",
            q26,
            "Nghị quyết số 45/NQ-HĐND",
            date(2025, 12, 10),
            date(2026, 9, 30),
            pending=pending,
            pending_decision=PENDING_DECISION_2026,
            present=civil_present,
        ),
    ]
    budget = units[(units["unit_type"] == "dvsnc") & units["valid_to"].isna() & ~units["self_financed"]]
    budget = budget["unit_code"].to_numpy()
    vp = np.array([int(pres.get((c, "vien_chuc"), 0)) for c in budget])
    v26 = vp + np.round(vp * rng.uniform(0.0, 0.08, len(vp))).astype(np.int64)
    v25 = v26 + np.round(v26 * rng.uniform(0.0, 0.025, len(vp))).astype(np.int64)
    v_pending = np.minimum(_pending(rng, len(budget), 0.03, 4), v26 - vp)
    frames += [
        _rows(budget, 2025, "vien_chuc", v25, "Quyết định số 2151/QĐ-UBND", date(2025, 7, 15), date(2025, 7, 1)),
        _rows(
            budget,
            2026,
            "vien_chuc",
            v26,
            "Nghị quyết số 46/NQ-HĐND",
            date(2025, 12, 10),
            date(2026, 9, 30),
            pending=v_pending,
            pending_decision=PENDING_DECISION_2026,
            present=vp,
        ),
    ]
    # Contract staff (Decree 111/2022): every unit that employs them has a quota that covers them.
    staff = present[(present["category"] == "nguoi_lao_dong") & (present["present"] > 0)]
    order = pd.Series(np.arange(len(units)), index=units["unit_code"])
    staff = staff.assign(o=staff["unit_code"].map(order)).sort_values("o", kind="stable")
    chosen = staff["unit_code"].to_numpy()
    npres = staff["present"].to_numpy(dtype=np.int64)
    n26 = (
        npres
        + np.round(npres * rng.uniform(0.0, 0.12, len(chosen))).astype(np.int64)
        + (rng.random(len(chosen)) < 0.25)
    )
    n25 = n26 + (rng.random(len(chosen)) < 0.3)
    frames += [
        _rows(chosen, 2025, "nguoi_lao_dong", n25, "Quyết định số 2152/QĐ-UBND", date(2025, 7, 15), date(2025, 7, 1)),
        _rows(
            chosen,
            2026,
            "nguoi_lao_dong",
            n26,
            "Quyết định số 188/QĐ-UBND",
            date(2026, 1, 12),
            date(2026, 9, 30),
            present=npres,
        ),
    ]
    return pd.concat(frames, ignore_index=True)


def _net_2026(new: pd.DataFrame, category: str) -> pd.Series:
    """Per unit: 2026 quota less the cuts pending (what the 2021 quota is compared with)."""
    q = new[(new["year"] == 2026) & (new["category"] == category)]
    return (q["quota_assigned"] - q["cut_pending"]).groupby(q["unit_code"]).sum()


def _ct_split(base: dict[str, int], weights: dict[str, dict[str, float]], ct_target: float) -> dict[str, int]:
    """Split each new agency's 2021 quota over its predecessors (old agency code -> weight), the
    old Cần Thơ agencies' weights scaled by one factor so that they sum to about ``ct_target``."""

    def ct_sum(lam: float) -> float:
        total = 0.0
        for agency, b in base.items():
            w = weights[agency]
            ct = sum(v for k, v in w.items() if k.startswith("CT_CU."))
            total += b * lam * ct / (lam * ct + sum(w.values()) - ct) if ct else 0.0
        return total

    lo, hi = -12.0, 12.0  # bisection on log(lambda)
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if ct_sum(float(np.exp(mid))) < ct_target else (lo, mid)
    lam = float(np.exp((lo + hi) / 2))
    out: dict[str, int] = {}
    for agency, b in base.items():
        codes = list(weights[agency])
        w = [weights[agency][c] * (lam if c.startswith("CT_CU.") else 1.0) for c in codes]
        out.update(zip(codes, (int(x) for x in allocate(b, w)), strict=True))
    return out


def _history(
    rng: np.random.Generator,
    codes: np.ndarray,
    base: np.ndarray,
    cuts: tuple[int, ...],
    category: str,
    decisions: dict[int, tuple[str, date]],
) -> list[pd.DataFrame]:
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
    return {y: (f"Nghị quyết số {int(rng.integers(10, 60))}/NQ-HĐND ({body})", date(y - 1, 12, 8)) for y in YEARS_OLD}


def _old_communes(units: pd.DataFrame, new: pd.DataFrame, rng: np.random.Generator) -> pd.Series:
    """2021 civil-servant quota of each old commune: its successor's 2026 quota a few percent up."""
    net = _net_2026(new, "cong_chuc")
    old = units[units["role"] == "old_commune"]
    mean, spread, low, high = COMMUNE_CUT
    out: dict[str, int] = {}
    for commune, group in old.groupby("merged_into", sort=False):
        r = float(np.clip(rng.normal(mean, spread), low, high))
        base = int(round(net[commune] / (1 - r)))
        out.update(
            zip(group["unit_code"], (int(x) for x in allocate(base, rng.uniform(0.7, 1.3, len(group)))), strict=True)
        )
    return pd.Series(out).reindex(old["unit_code"])


def _deal_outcomes(size: pd.Series, category: str, rng: np.random.Generator) -> dict[str, float]:
    """AGENCY_OUTCOMES shuffled over the agencies; the near misses (at risk: 85-95 % of the target)
    go to agencies large enough that one post does not move them across a status line."""
    values = np.array(AGENCY_OUTCOMES[category])
    target = TARGETS[category]
    near = (values >= 0.85 * target) & (values < 0.95 * target)
    large = size.index[size >= LARGE_AGENCY[category]].to_numpy()
    picked = rng.choice(large, int(near.sum()), replace=False)
    others = rng.permutation(size.index.difference(picked, sort=False).to_numpy())
    return dict(zip([*picked, *others], [*values[near], *values[~near]], strict=True))


def _agency_bases(
    units: pd.DataFrame, new: pd.DataFrame, category: str, rng: np.random.Generator
) -> tuple[dict[str, int], dict[str, dict[str, float]]]:
    """Per new agency: the 2021 quota of its predecessors (its 2026 quota and a dealt outcome), and
    the weights that split it over them (old agency code -> weight)."""
    agencies = [a[0] for a in places.AGENCIES]
    net = _net_2026(new, category)
    below = units.set_index("unit_code")["agency_code"]
    per_agency = net.groupby(below.reindex(net.index).to_numpy()).sum()
    outcomes = _deal_outcomes(per_agency.reindex(agencies).fillna(0), category, rng)
    weight_of = {
        f"{p}.{suffix}": (cw if category == "cong_chuc" else vw)
        for p, _, _ in places.PROVINCES
        for suffix, _, _, _, cw, vw in places.OLD_AGENCIES
    }
    old = units[units["role"] == "old_agency"]
    noise = rng.uniform(0.85, 1.15, len(old))
    weights: dict[str, dict[str, float]] = {}
    for code, agency, parent, k in zip(old["unit_code"], old["merged_into"], old["parent_code"], noise, strict=True):
        w = weight_of[code] * PROVINCE_WEIGHT[parent] * k
        if w > 0:
            weights.setdefault(agency, {})[code] = w
    base = {a: int(round(per_agency.get(a, 0) / (1 - outcomes[a]))) for a in agencies if a in weights}
    return base, weights


def _provinces(
    units: pd.DataFrame,
    base: dict[str, int],
    weights: dict[str, dict[str, float]],
    districts_2021: int,
    ct_available: int,
    sink: str,
    rng: np.random.Generator,
) -> dict[str, int]:
    """Split the agencies' 2021 quota over the old agencies and ``districts_2021`` over the old
    districts (unit code + ``sink``), old Cần Thơ getting exactly ``ct_available`` in all."""
    districts = units[units["role"] == "old_district"]
    share = districts.groupby("parent_code").size().astype(float)
    share = share / share.sum()
    split = _ct_split(base, weights, ct_available - share["CT_CU"] * districts_2021)
    ct_districts = ct_available - sum(v for k, v in split.items() if k.startswith("CT_CU."))
    rest = allocate(districts_2021 - ct_districts, [share["HG_CU"], share["ST_CU"]])
    totals = {"CT_CU": ct_districts, "HG_CU": int(rest[0]), "ST_CU": int(rest[1])}
    for province, total in totals.items():
        mine = districts[districts["parent_code"] == province]["unit_code"] + sink
        if total < 10 * len(mine):
            raise ValueError(f"demo quotas: districts of {province} get {total}")
        split.update(zip(mine, (int(x) for x in allocate(total, rng.uniform(0.8, 1.2, len(mine)))), strict=True))
    return split


def _commune_areas(units: pd.DataFrame, new: pd.DataFrame, total: int, rng: np.random.Generator) -> pd.Series:
    """2021 public-employee quota of the old district units of each new commune's area: ``total``
    spread over the communes in proportion to their 2026 quota a few percent up, then over sectors
    like the commune's units now."""
    area = units[(units["role"] == "old_service") & units["merged_into"].notna()]
    current = units[(units["unit_type"] == "dvsnc") & units["valid_to"].isna() & (units["level"] == "commune")]
    q = _net_2026(new, "vien_chuc")
    by = current.assign(q=current["unit_code"].map(q).fillna(0)).groupby(["parent_code", "sector"])["q"].sum()
    communes = area["merged_into"].drop_duplicates().to_numpy()
    mean, spread, low, high = COMMUNE_CUT
    cut = np.clip(rng.normal(mean, spread, len(communes)), low, high)
    per = by.groupby(level=0).sum().reindex(communes).fillna(0).to_numpy()
    out: dict[str, int] = {}
    for commune, t in zip(communes, allocate(total, per / (1 - cut)), strict=True):
        group = area[area["merged_into"] == commune]
        w = [float(by.get((commune, sector), 0)) for sector in group["sector"]]
        out.update(zip(group["unit_code"], (int(x) for x in allocate(int(t), w)), strict=True))
    return pd.Series(out)


def old_quotas(units: pd.DataFrame, new: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """2021-2024 quotas of the former provinces' agencies, districts, communes and public service
    units, derived from the new city's quotas ``new`` (see the module docstring)."""
    communes = _old_communes(units, new, rng)
    city_2021 = {
        c: int(round(new[(new["year"] == 2026) & (new["category"] == c)]["quota_assigned"].sum() / (1 - CITY_CUT[c])))
        for c in CATEGORIES
    }
    agencies, weights = _agency_bases(units, new, "cong_chuc", rng)
    districts = city_2021["cong_chuc"] - int(communes.sum()) - sum(agencies.values())
    base = {"cong_chuc": pd.Series(_provinces(units, agencies, weights, districts, CT_CIVIL_2021, "", rng))}
    agencies, weights = _agency_bases(units, new, "vien_chuc", rng)
    rest = city_2021["vien_chuc"] - sum(agencies.values())
    districts = int(round(rest * DISTRICT_OWN_SHARE))
    areas = _commune_areas(units, new, rest - districts, rng)
    ct_areas = int(areas[areas.index.str.startswith("CT_CU.")].sum())
    split = _provinces(units, agencies, weights, districts, CT_EMPLOYEE_2021 - ct_areas, ".SN", rng)
    services = {k if k.endswith(".SN") else f"{k}.DV": v for k, v in split.items()}
    base["vien_chuc"] = pd.concat([pd.Series(services), areas])
    frames: list[pd.DataFrame] = []
    for province, _, former in places.PROVINCES:
        old = units[(units["former_province"] == former) & units["valid_to"].notna()]
        decisions = _decisions(rng, places.PROVINCE_LABEL[province])
        for category in CATEGORIES:
            roles = ("old_agency", "old_district") if category == "cong_chuc" else ("old_service",)
            codes = old.loc[old["role"].isin(roles), "unit_code"].to_numpy()
            q21 = base[category].reindex(codes).fillna(0).to_numpy(dtype=np.int64)
            cuts: tuple[int, ...]
            if province == "CT_CU":
                cuts = CT_CIVIL_CUTS if category == "cong_chuc" else CT_EMPLOYEE_CUTS
            else:
                cuts = tuple(int(q21.sum() * f) for f in OLD_CUT_SHARES[category])
            history = _history(rng, codes, q21, cuts, category, decisions)
            if province == "CT_CU" and category == "vien_chuc":
                last = history[-1]
                q = last["quota_assigned"].to_numpy()
                pending = rng.multinomial(CT_EMPLOYEE_PENDING, q / q.sum())
                over = pending > q // 10  # keep each unit's pending cut modest; move the excess to the largest
                extra = int((pending - np.minimum(pending, q // 10))[over].sum())
                pending = np.minimum(pending, q // 10)
                pending[int(np.argmax(q))] += extra
                last["cut_pending"] = pending.astype(np.int64)
                last["pending_decision"] = [CT_PENDING_DECISION if p > 0 else None for p in pending]
            frames += history
    codes = communes.index.to_numpy()
    current = communes.to_numpy(dtype=np.int64)
    for year in YEARS_OLD:
        if year > 2021:
            current = current - (rng.random(len(codes)) < 0.12).astype(np.int64)
        frames.append(
            _rows(
                codes,
                year,
                "cong_chuc",
                current,
                "Quyết định giao biên chế cấp xã",
                date(year - 1, 12, 20),
                _as_of(year),
            )
        )
    return pd.concat(frames, ignore_index=True)
