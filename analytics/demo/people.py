"""Roster of the demo city: two snapshots (30/6/2026 and 30/9/2026) of about 58.000 people.

Everyone with a pay group has the coefficient of ``analytics.reference.PAY_SCALE`` for their step,
and the step follows the years since hire (``YEARS_PER_STEP``, capped at ``MAX_STEP``). Nobody in
post is past their retirement date (Decree 135/2020, ``analytics.reference.retirement_date``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from analytics import reference
from analytics.demo.common import allocate, dates, day, full_years, ymd
from analytics.demo.grades import assign_grades, profile_of
from analytics.demo.names import full_names

AS_OF_1 = date(2026, 6, 30)
AS_OF_2 = date(2026, 9, 30)
TOTAL_PEOPLE = 58000
CITY_CIVIL_PRESENT = 2590
COMMUNE_CIVIL_PRESENT = 4530  # cán bộ and công chức of the communes
NEW_TEACHERS = 150  # hired for the school year 2026-2027, only in the second snapshot
KHMER = {"soc_trang": 0.30, "hau_giang": 0.02, "can_tho": 0.02, None: 0.06}
HOA = {"soc_trang": 0.04, "hau_giang": 0.01, "can_tho": 0.015, None: 0.01}
FEMALE = {
    "school_Mầm non": 0.97,
    "school_Tiểu học": 0.72,
    "school_THCS": 0.66,
    "thpt": 0.62,
    "hospital": 0.6,
    "health_station": 0.62,
}
AGENCY_HEAD = {
    "VPUBND": ("Chánh Văn phòng", "Phó Chánh Văn phòng"),
    "TTTP": ("Chánh Thanh tra", "Phó Chánh Thanh tra"),
    "BQL_KCX_KCN": ("Trưởng ban", "Phó Trưởng ban"),
}
PERSON_COLUMNS = (
    "as_of",
    "unit_code",
    "person_id",
    "full_name",
    "birth_date",
    "gender",
    "ethnicity",
    "category",
    "grade_code",
    "grade_name",
    "pay_group",
    "step",
    "salary_coef",
    "position",
    "is_leader",
    "leadership_allowance_coef",
    "in_succession_plan",
    "discipline",
    "discipline_until",
    "health",
    "qualification",
    "political_theory",
    "hire_date",
    "status",
)


def plan_headcount(
    units: pd.DataFrame, civil25: pd.Series, over_quota: list[str], rng: np.random.Generator
) -> pd.DataFrame:
    """unit_code, category, count for the first snapshot; ``over_quota`` units get quota + 3."""
    rows: list[tuple[str, str, int]] = []
    for level, role_mask, total in (
        ("city", units["role"].isin(("agency", "division")), CITY_CIVIL_PRESENT),
        ("commune", units["role"] == "commune", COMMUNE_CIVIL_PRESENT),
    ):
        codes = units.loc[role_mask, "unit_code"].to_numpy()
        q = civil25.reindex(codes).to_numpy()
        forced = np.isin(codes, over_quota)
        counts = np.zeros(len(codes), dtype=np.int64)
        counts[forced] = q[forced] + 3
        counts[~forced] = allocate(total - int(counts.sum()), q[~forced])
        for c, n in zip(codes, counts, strict=True):
            if level == "commune":
                rows += [(c, "can_bo", 5), (c, "cong_chuc", int(n) - 5)]
            else:
                rows.append((c, "cong_chuc", int(n)))
    agencies = units.loc[units["role"] == "agency", "unit_code"]
    rows += [(c, "nguoi_lao_dong", int(rng.integers(4, 11))) for c in agencies]
    rows += [(c, "nguoi_lao_dong", int(rng.integers(2, 5))) for c in units.loc[units["role"] == "commune", "unit_code"]]
    dv = units[(units["unit_type"] == "dvsnc") & units["valid_to"].isna()]
    nld = np.where(dv["role"] == "hospital", np.round(dv["size"] * 0.08), rng.integers(0, 3, len(dv))).astype(np.int64)
    rows += [(c, "nguoi_lao_dong", int(n)) for c, n in zip(dv["unit_code"], nld, strict=True)]
    employees = TOTAL_PEOPLE - sum(r[2] for r in rows)
    size = dv["size"].to_numpy(dtype=float) * rng.uniform(0.9, 1.1, len(dv))
    rows += [(c, "vien_chuc", int(n)) for c, n in zip(dv["unit_code"], allocate(employees, size), strict=True)]
    plan = pd.DataFrame(rows, columns=["unit_code", "category", "count"])
    order = {"can_bo": 0, "cong_chuc": 1, "vien_chuc": 2, "nguoi_lao_dong": 3}
    plan["o"] = plan["category"].map(order)
    pos = pd.Series(np.arange(len(units)), index=units["unit_code"])
    plan["u"] = plan["unit_code"].map(pos)
    return plan.sort_values(["u", "o"], kind="stable").drop(columns=["o", "u"]).reset_index(drop=True)


def _leader_posts(unit: Mapping[str, Any], size: int) -> dict[str, list[tuple[str, float, int]]]:
    """Leader posts of a unit by the category that holds them: (position, allowance coef, tier)."""
    role, name = unit["role"], str(unit["name"])
    if role == "agency":
        head, deputy = AGENCY_HEAD.get(str(unit["unit_code"]), ("Giám đốc", "Phó Giám đốc"))
        return {"cong_chuc": [(head, 1.0, 3)] + [(deputy, 0.8, 2)] * 3}
    if role == "division":
        head, deputy = (
            ("Chánh Văn phòng", "Phó Chánh Văn phòng")
            if name.startswith("Văn phòng")
            else ("Trưởng ban", "Phó Trưởng ban")
            if name.startswith("Ban")
            else ("Trưởng phòng", "Phó Trưởng phòng")
        )
        return {"cong_chuc": [(head, 0.6, 1)] + [(deputy, 0.4, 1)] * (2 if size >= 15 else 1)}
    if role == "commune":
        kind = "phường" if unit["commune_kind"] == "phuong" else "xã"
        eco = "Phòng Kinh tế, Hạ tầng và Đô thị" if kind == "phường" else "Phòng Kinh tế"
        offices = ("Văn phòng HĐND và UBND", eco, "Phòng Văn hóa - Xã hội")
        return {
            "can_bo": [
                (f"Chủ tịch UBND {kind}", 0.5, 1),
                (f"Phó Chủ tịch UBND {kind}", 0.4, 1),
                (f"Phó Chủ tịch UBND {kind}", 0.4, 1),
                (f"Chủ tịch HĐND {kind}", 0.5, 1),
                (f"Phó Chủ tịch HĐND {kind}", 0.4, 1),
            ],
            "cong_chuc": [(("Chánh " if o.startswith("Văn") else "Trưởng ") + o, 0.3, 1) for o in offices]
            + [(("Phó Chánh " if o.startswith("Văn") else "Phó Trưởng ") + o, 0.2, 1) for o in offices],
        }
    if role == "health_station":
        return {"vien_chuc": [("Trạm trưởng", 0.2, 1)]}
    if role.startswith("school") or role == "thpt":
        base = {"school_Mầm non": 0.35, "school_Tiểu học": 0.4, "school_THCS": 0.45}.get(role, 0.55)
        head = "Giám đốc" if name.startswith("Trung tâm") else "Hiệu trưởng"
        return {"vien_chuc": [(head, base, 1)] + [(f"Phó {head.lower()}", base - 0.1, 1)] * (2 if size >= 35 else 1)}
    if role == "hospital":
        big = name.startswith("Bệnh viện")
        chiefs = min(20, size // 40)
        return {
            "vien_chuc": [("Giám đốc", 0.9 if big else 0.7, 1)]
            + [("Phó Giám đốc", 0.7 if big else 0.5, 1)] * 2
            + [("Trưởng khoa" if big else "Trưởng phòng", 0.5 if big else 0.3, 1)] * chiefs
        }
    return {"vien_chuc": [("Giám đốc", 0.5, 1)] + [("Phó Giám đốc", 0.3, 1)] * (2 if size >= 40 else 1)}


def _retirement_days(birth: np.ndarray, gender: np.ndarray) -> np.ndarray:
    """Retirement day per person; the rule depends only on birth year, month and gender."""
    y, m, _ = ymd(birth)
    cache: dict[tuple[int, int, str], int] = {}
    out = np.empty(len(birth), dtype=np.int64)
    for i, key in enumerate(zip(y.tolist(), m.tolist(), gender.tolist(), strict=True)):
        if key not in cache:
            cache[key] = day(reference.retirement_date(date(key[0], key[1], 1), key[2]))
        out[i] = cache[key]
    return out


def _steps(pay_group: np.ndarray, hire: np.ndarray, as_of: date) -> tuple[np.ndarray, np.ndarray]:
    years = full_years(hire, day(as_of))
    yps = np.array([reference.YEARS_PER_STEP[g] for g in pay_group])
    cap = np.array([reference.MAX_STEP[g] for g in pay_group])
    step = np.clip(1 + years // yps, 1, cap)
    coef = np.array([float(reference.PAY_SCALE[(g, int(s))]) for g, s in zip(pay_group, step, strict=True)])
    return step, coef


def generate_people(units: pd.DataFrame, plan: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """One row per person of the first snapshot plus the new teachers of the second, with helper
    columns (role, agency_code, level, tier, retire_day, stays, new_hire) that are not stored."""
    schools = units[units["role"].str.startswith("school")]["unit_code"].to_numpy()
    hires = pd.DataFrame(
        {
            "unit_code": schools[rng.choice(len(schools), NEW_TEACHERS, replace=False)],
            "category": "vien_chuc",
            "count": 1,
        }
    )
    full_plan = pd.concat([plan, hires], ignore_index=True)
    idx = np.repeat(np.arange(len(full_plan)), full_plan["count"].to_numpy())
    p = full_plan.iloc[idx][["unit_code", "category"]].reset_index(drop=True)
    n = len(p)
    p["new_hire"] = np.arange(n) >= n - NEW_TEACHERS
    info = units.set_index("unit_code")
    for col in (
        "role",
        "agency_code",
        "level",
        "former_province",
        "sector",
        "especially_difficult",
        "name",
        "commune_kind",
    ):
        p[col] = p["unit_code"].map(info[col]).to_numpy()
    # Leaders: the first people of each unit in the category that holds the posts.
    sizes = plan.groupby("unit_code")["count"].sum()
    posts = []
    for unit in info.loc[sizes.index].reset_index().to_dict("records"):
        code = str(unit["unit_code"])
        for cat, items in _leader_posts(unit, int(sizes[code])).items():
            posts += [(code, cat, r, *item) for r, item in enumerate(items)]
    post_df = pd.DataFrame(posts, columns=["unit_code", "category", "rank", "position", "lead_coef", "tier"])
    p["rank"] = p.groupby(["unit_code", "category"]).cumcount()
    p.loc[p["new_hire"], "rank"] = 10_000
    p = p.merge(post_df, on=["unit_code", "category", "rank"], how="left")
    p["is_leader"] = p["position"].notna()
    p["tier"] = p["tier"].fillna(0).astype(np.int64)
    p["leadership_allowance_coef"] = p["lead_coef"].fillna(0.0).round(2)
    leader = p["is_leader"].to_numpy()
    role = p["role"].to_numpy()
    # Gender and ethnicity by sector and former province.
    pf = np.array([FEMALE.get(r, 0.4 if r in ("agency", "division", "commune") else 0.45) for r in role])
    pf = np.where(leader, pf * 0.6, pf)
    p["gender"] = np.where(rng.random(n) < pf, "nu", "nam")
    prov = [v if isinstance(v, str) else None for v in p["former_province"]]
    pk = np.array([KHMER[v] for v in prov]) + np.where(p["especially_difficult"].to_numpy(bool), 0.15, 0.0)
    ph = np.array([HOA[v] for v in prov])
    u = rng.random(n)
    p["ethnicity"] = np.where(u < pk, "khmer", np.where(u < pk + ph, "hoa", "kinh"))
    # Age, retirement and hire date.
    d1 = day(AS_OF_1)
    age = np.where(leader, rng.normal(48, 6, n).clip(32, 60.5), rng.normal(39, 9.5, n).clip(22.5, 61))
    age = np.where(p["new_hire"], rng.uniform(22, 26, n), age)
    gender = p["gender"].to_numpy()
    birth = (d1 - age * 365.25).astype(np.int64)
    retire = _retirement_days(birth, gender)
    for _ in range(5):
        bad = retire <= d1
        if not bad.any():
            break
        birth[bad] = (d1 - rng.uniform(24, 52, int(bad.sum())) * 365.25).astype(np.int64)
        retire[bad] = _retirement_days(birth[bad], gender[bad])
    age = (d1 - birth) / 365.25
    # Hired between 21,5 and 28,5 years old, at least a few months before the snapshot.
    hire_age = 21.5 + rng.random(n) * (np.minimum(28.5, age - 0.3) - 21.5).clip(min=0)
    hire = birth + (hire_age * 365.25).astype(np.int64)
    hire = np.where(p["new_hire"], day(date(2026, 9, 1)), hire)
    p["birth_day"], p["hire_day"], p["retire_day"] = birth, hire, retire
    # Grades, steps, coefficients.
    profile = profile_of(p["category"].to_numpy(), role, p["tier"].to_numpy())
    p["grade_code"], p["grade_name"], p["pay_group"] = assign_grades(rng, profile, leader)
    p.loc[p["new_hire"], ["grade_code", "grade_name", "pay_group"]] = [
        "V.07.03.29",
        "Giáo viên tiểu học hạng III",
        "A1",
    ]
    p["step"], p["salary_coef"] = _steps(p["pay_group"].to_numpy(), hire, AS_OF_1)
    _attributes(p, rng)
    # Who is still there at the second snapshot: not retired by then, not one of the few who left.
    leaver = (rng.random(n) < 0.005) & ~leader
    p["stays"] = (retire > day(AS_OF_2)) & ~leaver
    p["person_id"] = [f"CB{i:06d}" for i in range(1, n + 1)]
    p["full_name"] = full_names(rng, gender, p["ethnicity"].to_numpy())
    return p


def _attributes(p: pd.DataFrame, rng: np.random.Generator) -> None:
    n = len(p)
    group = p["pay_group"].to_numpy()
    u = rng.random(n)
    qual = np.select(
        [
            np.isin(group, ("A3.1", "A3.2")),
            np.isin(group, ("A2.1", "A2.2")),
            group == "A1",
            group == "A0",
            group == "B",
        ],
        [
            np.where(u < 0.4, "tien_si", "thac_si"),
            np.where(u < 0.05, "tien_si", np.where(u < 0.5, "thac_si", "dai_hoc")),
            np.where(u < 0.15, "thac_si", "dai_hoc"),
            np.where(u < 0.7, "cao_dang", "dai_hoc"),
            np.where(u < 0.7, "trung_cap", np.where(u < 0.9, "cao_dang", "khac")),
        ],
        np.where(u < 0.3, "trung_cap", "khac"),
    )
    p["qualification"] = qual
    cat = p["category"].to_numpy()
    leader = p["is_leader"].to_numpy()
    civil = np.isin(cat, ("cong_chuc", "can_bo"))
    city = (p["level"] == "city").to_numpy()
    v = rng.random(n)
    p["political_theory"] = np.select(
        [leader & city & civil, leader, civil, cat == "vien_chuc"],
        [
            np.where(v < 0.8, "cao_cap", "trung_cap"),
            np.where(v < 0.3, "cao_cap", "trung_cap"),
            np.where(v < 0.3, "trung_cap", np.where(v < 0.8, "so_cap", "chua_co")),
            np.where(v < 0.1, "trung_cap", np.where(v < 0.5, "so_cap", "chua_co")),
        ],
        np.where(v < 0.1, "so_cap", "chua_co"),
    )
    age = (day(AS_OF_1) - p["birth_day"].to_numpy()) / 365.25
    w = rng.random(n)
    pool = civil & (
        (leader & (w < 0.25)) | (~leader & (age >= 27) & (age <= 50) & np.isin(group, ("A1", "A2.1")) & (w < 0.13))
    )
    pool |= (cat == "vien_chuc") & (age < 45) & (w < 0.02)
    discipline = np.full(n, None, dtype=object)
    hit = (rng.random(n) < 0.004) & ~leader
    kinds = np.array(["khien_trach", "canh_cao", "ha_bac"], dtype=object)
    discipline[hit] = kinds[rng.choice(3, int(hit.sum()), p=[0.65, 0.3, 0.05])]
    # A few city division deputies reprimanded while in office (the secondment checks need them).
    deputies = np.flatnonzero((p["role"] == "division").to_numpy() & (p["leadership_allowance_coef"] == 0.4).to_numpy())
    reprimanded = rng.choice(deputies, 4, replace=False)
    discipline[reprimanded] = "khien_trach"
    disciplined = discipline != None  # noqa: E711 - elementwise on an object array
    until = day(AS_OF_1) + rng.integers(60, 420, n)
    until[reprimanded] = day(date(2027, 3, 31))
    p["discipline"] = discipline
    p["discipline_until"] = pd.array(np.where(disciplined, until, -1), dtype="Int64").astype("Int64")
    p["in_succession_plan"] = pool & ~disciplined
    h = rng.random(n)
    health = np.where(h < 0.78, "tot", np.where(h < 0.95, "kha", np.where(h < 0.995, "trung_binh", "yeu")))
    planned_city = np.flatnonzero(p["in_succession_plan"].to_numpy() & city & civil & ~leader)
    health[rng.choice(planned_city, 2, replace=False)] = "yeu"
    p["health"] = health


def snapshot(p: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """The stored rows of one snapshot (steps and coefficients as of that date)."""
    if as_of == AS_OF_1:
        s = p[~p["new_hire"]].copy()
    else:
        s = p[p["stays"] | p["new_hire"]].copy()
        s["step"], s["salary_coef"] = _steps(s["pay_group"].to_numpy(), s["hire_day"].to_numpy(), as_of)
    s["as_of"] = pd.Timestamp(as_of)
    s["birth_date"] = dates(s["birth_day"])
    s["hire_date"] = dates(s["hire_day"])
    until = s["discipline_until"].astype("float").fillna(-1).to_numpy(np.int64)
    s["discipline_until"] = np.where(until >= 0, until, np.iinfo(np.int64).min).astype("datetime64[D]")
    s["status"] = "dang_cong_tac"
    s["salary_coef"] = s["salary_coef"].round(2)
    return s[list(PERSON_COLUMNS)].reset_index(drop=True)
