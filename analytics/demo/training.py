"""Training after restructuring (Kế hoạch 10/KH-UBND §III.2) for the 15 restructured agencies.

Budget of an agency = 5 % of the basic salary fund (Σ basic_salary_vnd over the July 2025 - June
2026 payroll of every unit that rolls up to it through parent_code). Committed spending ranges from
about 30 % to 110 % of that budget across agencies, so that some are behind and one overspends.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analytics.demo import places
from analytics.demo.common import dates, day
from analytics.demo.people import AS_OF_2

FIELDS_BY_AGENCY = {
    "SYT": ("y_te_chuyen_sau",),
    "SKHCN": ("khoa_hoc_cong_nghe", "cong_nghe_cao_cntt"),
    "SNNMT": ("nong_nghiep_cnc", "che_bien"),
    "SCT": ("logistics", "che_bien"),
    "STC": ("kinh_te_phap_luat",),
    "STP": ("kinh_te_phap_luat",),
    "BQL_KCX_KCN": ("logistics", "cong_nghe_cao_cntt"),
    "SXD": ("khoa_hoc_cong_nghe", "logistics"),
    "SGDDT": ("cong_nghe_cao_cntt",),
}
COURSES = {
    "kinh_te_phap_luat": "Bồi dưỡng kiến thức kinh tế và pháp luật",
    "khoa_hoc_cong_nghe": "Quản lý khoa học và đổi mới sáng tạo",
    "cong_nghe_cao_cntt": "Chuyển đổi số và ứng dụng công nghệ thông tin",
    "che_bien": "Công nghiệp chế biến nông sản",
    "nong_nghiep_cnc": "Nông nghiệp ứng dụng công nghệ cao",
    "y_te_chuyen_sau": "Đào tạo chuyên khoa sâu",
    "logistics": "Quản lý logistics và chuỗi cung ứng",
    "tieu_chuan_chuc_danh": "Bồi dưỡng theo tiêu chuẩn chức danh lãnh đạo",
    "qlnn_theo_ngach": "Bồi dưỡng quản lý nhà nước theo ngạch",
    "ly_luan_chinh_tri": "Trung cấp lý luận chính trị",
}
STANDARD = ("tieu_chuan_chuc_danh", "qlnn_theo_ngach", "ly_luan_chinh_tri")
COLUMNS = (
    "record_id",
    "unit_code",
    "person_id",
    "course_name",
    "field",
    "location",
    "start_date",
    "end_date",
    "participants",
    "cost_committed_vnd",
    "cost_spent_vnd",
    "funding",
)
WINDOW = (day(date(2025, 8, 1)), day(date(2026, 10, 31)))


def budgets(payroll: pd.DataFrame, units: pd.DataFrame) -> pd.Series:
    """5 % of each agency's basic salary fund over the payroll year (VND)."""
    agency = units.set_index("unit_code")["agency_code"]
    fund = payroll.assign(agency=payroll["unit_code"].map(agency)).groupby("agency")["basic_salary_vnd"].sum()
    return (fund * 0.05).reindex([a[0] for a in places.AGENCIES]).fillna(0)


def _course(rng: np.random.Generator, field: str, abroad: bool) -> tuple[str, str, int, int]:
    start = int(rng.integers(*WINDOW))
    length = int(rng.integers(10, 31)) if abroad else int(rng.integers(3, 61))
    name = COURSES[field] + (" (nước ngoài)" if abroad else "")
    return name, "nuoc_ngoai" if abroad else "trong_nuoc", start, start + length


def _spent(rng: np.random.Generator, committed: int, start: int, end: int) -> int:
    cutoff = day(AS_OF_2)
    if start > cutoff:
        return 0
    share = rng.uniform(0.85, 1.0) if end <= cutoff else rng.uniform(0.3, 0.6)
    return int(round(committed * share / 1000)) * 1000


def build_training(
    p1: pd.DataFrame, payroll: pd.DataFrame, units: pd.DataFrame, rng: np.random.Generator
) -> tuple[pd.DataFrame, dict[str, float]]:
    """Training rows and the committed / budget ratio planted per agency."""
    budget = budgets(payroll, units)
    ratios = pd.Series(rng.permutation(np.linspace(0.3, 1.1, len(budget))), index=budget.index)
    rows: list[dict[str, object]] = []
    for agency, b in budget.items():
        target = int(round(b * ratios[agency] / 1000)) * 1000
        fields = FIELDS_BY_AGENCY.get(str(agency), ("kinh_te_phap_luat", "cong_nghe_cao_cntt"))
        staff = p1[(p1["agency_code"] == agency) & p1["category"].isin(("cong_chuc", "vien_chuc"))]
        used = 0
        for _ in range(int(rng.integers(8, 26))):  # person-level rows, at most 40 % of the target
            abroad = rng.random() < 0.1
            cost = int(rng.integers(120, 350) if abroad else rng.integers(8, 40)) * 1_000_000
            if used + cost > 0.4 * target:
                break
            person = staff.iloc[int(rng.integers(len(staff)))]
            field = str(rng.choice(fields)) if rng.random() < 0.8 else str(rng.choice(STANDARD))
            name, loc, start, end = _course(rng, field, abroad)
            rows.append(
                {
                    "unit_code": person["unit_code"],
                    "person_id": person["person_id"],
                    "course_name": name,
                    "field": field,
                    "location": loc,
                    "start": start,
                    "end": end,
                    "participants": 1,
                    "committed": cost,
                    "funding": "tai_co_cau_5pct",
                }
            )
            used += cost
        courses = int(rng.integers(4, 9))
        shares = rng.dirichlet(np.ones(courses)) * (target - used)
        amounts = np.floor(shares / 1000).astype(np.int64) * 1000
        amounts[-1] += target - used - int(amounts.sum())
        for amount in amounts:
            field = str(rng.choice(fields)) if rng.random() < 0.75 else str(rng.choice(STANDARD))
            name, loc, start, end = _course(rng, field, False)
            per_person = rng.uniform(3e6, 15e6)
            rows.append(
                {
                    "unit_code": agency,
                    "person_id": None,
                    "course_name": name,
                    "field": field,
                    "location": loc,
                    "start": start,
                    "end": end,
                    "participants": int(np.clip(amount / per_person, 5, 400)),
                    "committed": int(amount),
                    "funding": "tai_co_cau_5pct",
                }
            )
    regular_units = [a[0] for a in places.AGENCIES] + units[units["role"] == "commune"]["unit_code"].tolist()[:30]
    for code in regular_units:
        field = str(rng.choice(STANDARD))
        name, loc, start, end = _course(rng, field, False)
        participants = int(rng.integers(10, 60))
        rows.append(
            {
                "unit_code": code,
                "person_id": None,
                "course_name": name,
                "field": field,
                "location": loc,
                "start": start,
                "end": end,
                "participants": participants,
                "committed": participants * int(rng.integers(2, 6)) * 1_000_000,
                "funding": "thuong_xuyen",
            }
        )
    df = pd.DataFrame(rows)
    df["record_id"] = [f"DT{i:05d}" for i in range(1, len(df) + 1)]
    df["cost_committed_vnd"] = df["committed"].astype(np.int64)
    df["cost_spent_vnd"] = [
        _spent(rng, int(c), int(s), int(e)) for c, s, e in zip(df["committed"], df["start"], df["end"], strict=True)
    ]
    df["start_date"], df["end_date"] = dates(df["start"]), dates(df["end"])
    return df[list(COLUMNS)], ratios.round(3).to_dict()
