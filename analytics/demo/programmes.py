"""Reduction cases (old Cần Thơ 2022-2024 and the 2025 merger leavers) and grassroots secondments.

Old Cần Thơ: exactly the report's 9 civil servants (3/3/3) and 95 public employees (75/17/3).
2025: 3.264 leavers under Decree 178/2024 with about 3.100 tỷ đồng paid. Secondments: about 5 % of
the city-level civil-servant quota, with the eligibility violations and data-quality items listed in
the module's ``planted`` result.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analytics.demo.common import add_months, dates, day
from analytics.demo.names import full_names
from analytics.demo.people import AS_OF_1, AS_OF_2

OLD_CT_SPLIT = {"cong_chuc": (3, 3, 3), "vien_chuc": (75, 17, 3)}
PERIODS = {2022: "Năm 2022", 2023: "Năm 2023", 2024: "6 tháng đầu năm 2024"}
MERGER_LEAVERS = 3264
MERGER_PAYOUT_VND = 3_105_000_000_000
ONE_TIME_ALLOWANCE_VND = 10 * 2_340_000
SECONDMENT_SHARE = 0.049
REDUCTION_COLUMNS = (
    "case_id",
    "person_id",
    "full_name",
    "unit_code",
    "category",
    "programme",
    "route",
    "year",
    "period_label",
    "decision_no",
    "decision_date",
    "effective_date",
    "status",
    "payout_vnd",
)
SECONDMENT_COLUMNS = (
    "secondment_id",
    "person_id",
    "sending_unit_code",
    "receiving_unit_code",
    "start_date",
    "planned_end_date",
    "actual_end_date",
    "decision_no",
    "decision_date",
    "exception_decision_no",
    "status",
    "end_reason",
    "position_at_commune",
    "allowance_regime",
    "one_time_allowance_vnd",
)


def _names(rng: np.random.Generator, n: int) -> list[str]:
    gender = np.where(rng.random(n) < 0.5, "nu", "nam")
    return full_names(rng, gender, np.full(n, "kinh"))


def old_ct_cases(units: pd.DataFrame, quotas: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """The report's 9 + 95 people, in old Cần Thơ units weighted by their 2021 quota."""
    rows = []
    q21 = quotas[(quotas["year"] == 2021) & quotas["unit_code"].str.startswith("CT_CU.")]
    k = 0
    for category, split in OLD_CT_SPLIT.items():
        q = q21[(q21["category"] == category) & (q21["quota_assigned"] > 0)]
        for year, count in zip((2022, 2023, 2024), split, strict=True):
            last_month = 6 if year == 2024 else 12
            decisions = [
                (
                    f"{int(rng.integers(100, 3999))}/QĐ-UBND",
                    date(year, int(rng.integers(1, last_month - 1)), int(rng.integers(1, 28))),
                )
                for _ in range(2)
            ]
            for _ in range(count):
                k += 1
                unit = str(rng.choice(q["unit_code"].to_numpy(), p=(q["quota_assigned"] / q["quota_assigned"].sum())))
                route = str(rng.choice(["nghi_huu_truoc_tuoi", "thoi_viec", "chuyen_ngoai_nsnn"], p=[0.5, 0.35, 0.15]))
                no, decided = decisions[int(rng.integers(0, 2))]
                payout = {"nghi_huu_truoc_tuoi": (250, 600), "thoi_viec": (150, 400), "chuyen_ngoai_nsnn": (30, 80)}[
                    route
                ]
                rows.append(
                    {
                        "case_id": f"TG{year}-{k:03d}",
                        "person_id": f"TG{k:06d}",
                        "unit_code": unit,
                        "category": category,
                        "programme": "tinh_gian_2022_2026",
                        "route": route,
                        "year": year,
                        "period_label": PERIODS[year],
                        "decision_no": no,
                        "decision_date": decided,
                        "effective_date": min(
                            date(year, last_month, 28),
                            date.fromordinal(decided.toordinal() + int(rng.integers(15, 31))),
                        ),
                        "status": "da_nghi",
                        "payout_vnd": int(rng.integers(*payout)) * 1_000_000,
                    }
                )
    df = pd.DataFrame(rows)
    df["full_name"] = _names(rng, len(df))
    return df


def merger_cases(p1: pd.DataFrame, units: pd.DataFrame, rng: np.random.Generator) -> tuple[pd.DataFrame, list[str]]:
    """3.264 people who left because of the 2025 merger; three of them are still on the roster."""
    new = units[
        units["valid_to"].isna()
        & units["role"].isin(
            (
                "agency",
                "division",
                "commune",
                "hospital",
                "thpt",
                "health_station",
                "service_centre",
                "agency_service",
                "school_Tiểu học",
                "school_THCS",
                "school_Mầm non",
            )
        )
    ]
    w = new["role"].map({"agency": 6, "division": 4, "commune": 14}).fillna(0.35).to_numpy(float)
    pick = rng.choice(len(new), MERGER_LEAVERS, p=w / w.sum())
    role = new["role"].to_numpy()[pick]
    u = rng.random(MERGER_LEAVERS)
    category = np.where(
        role == "commune",
        np.where(u < 0.75, "cong_chuc", np.where(u < 0.95, "can_bo", "nguoi_lao_dong")),
        np.where(
            np.isin(role, ("agency", "division")),
            np.where(u < 0.9, "cong_chuc", "nguoi_lao_dong"),
            np.where(u < 0.92, "vien_chuc", "nguoi_lao_dong"),
        ),
    )
    route = np.where(rng.random(MERGER_LEAVERS) < 0.62, "nghi_huu_truoc_tuoi", "thoi_viec")
    raw = np.where(
        route == "nghi_huu_truoc_tuoi",
        rng.lognormal(np.log(1.1e9), 0.35, MERGER_LEAVERS),
        rng.lognormal(np.log(0.6e9), 0.4, MERGER_LEAVERS),
    )
    payout = np.round(raw * MERGER_PAYOUT_VND / raw.sum() / 1000).astype(np.int64) * 1000
    n_decisions = 40
    dec_days = np.sort(rng.integers(day(date(2025, 7, 1)), day(date(2025, 10, 31)) + 1, n_decisions))
    dec_no = [f"{int(x)}/QĐ-UBND" for x in rng.integers(1000, 3999, n_decisions)]
    which = rng.integers(0, n_decisions, MERGER_LEAVERS)
    decided = dec_days[which]
    df = pd.DataFrame(
        {
            "case_id": [f"SX2025-{i:05d}" for i in range(1, MERGER_LEAVERS + 1)],
            "person_id": [f"SX{i:06d}" for i in range(1, MERGER_LEAVERS + 1)],
            "full_name": _names(rng, MERGER_LEAVERS),
            "unit_code": new["unit_code"].to_numpy()[pick],
            "category": category,
            "programme": "sap_xep_2025",
            "route": route,
            "year": 2025,
            "period_label": "Năm 2025",
            "decision_no": np.array(dec_no, dtype=object)[which],
            "decision_date": dates(decided),
            "effective_date": dates(np.minimum(decided + rng.integers(0, 31, MERGER_LEAVERS), day(date(2025, 11, 30)))),
            "status": "da_nghi",
            "payout_vnd": payout,
        }
    )
    # On a reduction list, still on the roster and the payroll (a data-quality item).
    stay = p1[(p1["role"] == "commune") & (p1["category"] == "cong_chuc") & ~p1["is_leader"] & p1["stays"]]
    still = stay.iloc[rng.choice(len(stay), 3, replace=False)]
    for i, (_, person) in enumerate(still.iterrows()):
        df.loc[i, ["person_id", "full_name", "unit_code", "category"]] = [
            person["person_id"],
            person["full_name"],
            person["unit_code"],
            "cong_chuc",
        ]
    return df, still["person_id"].tolist()


def secondments(
    p1: pd.DataFrame, units: pd.DataFrame, quotas: pd.DataFrame, rng: np.random.Generator
) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Postings of city staff to communes, their quarterly reviews, and what was planted."""
    q26 = quotas[(quotas["year"] == 2026) & (quotas["category"] == "cong_chuc")]
    city = units[units["role"].isin(("agency", "division"))][["unit_code", "agency_code"]]
    per_agency = q26.merge(city, on="unit_code").groupby("agency_code")["quota_assigned"].sum().sort_index()
    required = per_agency * 0.05
    factor = pd.Series(rng.permutation(np.linspace(0.6, 1.2, len(required))), index=required.index)
    sent = np.round(required * factor).clip(np.ceil(required * 0.6), np.floor(required * 1.2)).astype(np.int64)
    target = int(round(SECONDMENT_SHARE * per_agency.sum()))
    order = required.drop(factor.idxmin()).sort_values(ascending=False).index  # the laggard stays behind
    i = 0
    while sent.sum() != target and i < 10_000:  # nudge the largest agencies within 60-120 % of their share
        a = order[i % len(order)]
        step = 1 if sent.sum() < target else -1
        if 0.6 * required[a] <= sent[a] + step <= 1.2 * required[a]:
            sent[a] += step
        i += 1
    people = p1[
        (p1["level"] == "city")
        & p1["role"].isin(("agency", "division"))
        & (p1["category"] == "cong_chuc")
        & p1["stays"]
        & (p1["tier"] < 3)
    ].copy()
    ok = (
        (people["in_succession_plan"] | people["is_leader"]) & people["discipline"].isna() & (people["health"] != "yeu")
    )
    age = (day(AS_OF_1) - people["birth_day"]) / 365.25
    weight = (1 + (age < 40)) * (1 + 0.3 * (people["gender"] == "nu")) * (1 + (people["ethnicity"] != "kinh"))
    weight = weight.where(people["is_leader"] == False, weight * 0.3)  # noqa: E712 - pandas elementwise
    chosen: list[int] = []
    for agency, count in sent.items():
        pool = people[ok & (people["agency_code"] == agency)]
        w = weight[pool.index].to_numpy(float)
        chosen += list(pool.index[rng.choice(len(pool), int(count), replace=False, p=w / w.sum())])
    # Violations among the people sent, in place of regular picks of the same agencies.
    not_planned = people[~people["in_succession_plan"] & ~people["is_leader"] & people["discipline"].isna()]
    in_force = people["discipline_until"].astype("float") > day(AS_OF_2)
    disciplined = people[people["discipline"].notna() & in_force & people["is_leader"]]
    weak = people[(people["health"] == "yeu") & people["in_succession_plan"]]
    planted = {
        "not_eligible": not_planned.index[rng.choice(len(not_planned), 3, replace=False)].tolist(),
        "disciplined": disciplined.index[:2].tolist(),
        "weak_health": weak.index[:1].tolist(),
    }
    for idx in planted["not_eligible"] + planted["disciplined"] + planted["weak_health"]:
        agency = people.at[idx, "agency_code"]
        same = [c for c in chosen if people.at[c, "agency_code"] == agency]
        chosen[chosen.index(same[-1] if same else chosen[-1])] = idx
    s = people.loc[chosen].reset_index(drop=True)
    n = len(s)
    communes = units[units["role"] == "commune"].reset_index(drop=True)
    receiving_w = np.where(communes["especially_difficult"], 2.0, 1.0)
    receiving_w[rng.choice(len(communes), 13, replace=False)] = 0.0
    receiving = np.flatnonzero(receiving_w > 0)  # each of these gets at least one person
    rest = rng.choice(len(communes), n - len(receiving), p=receiving_w / receiving_w.sum())
    target_commune = rng.permutation(np.concatenate([receiving, rest]))
    month = rng.integers(0, 7, n)  # 2025-09 … 2026-03
    start = np.array(
        [day(date(2025 + (8 + m) // 12, (8 + m) % 12 + 1, 1 if rng.random() < 0.6 else 15)) for m in month]
    )
    planned_end = add_months(start, 36) - 1
    difficult = communes["especially_difficult"].to_numpy()[target_commune]
    df = pd.DataFrame(
        {
            "secondment_id": [f"TC{i:04d}" for i in range(1, n + 1)],
            "person_id": s["person_id"],
            "sending_unit_code": s["agency_code"],
            "receiving_unit_code": communes["unit_code"].to_numpy()[target_commune],
            "start_day": start,
            "end_day": planned_end,
            "actual_day": np.full(n, -1),
            "decision_no": [f"{int(rng.integers(10, 400))}/QĐ-{a.split('_')[0]}" for a in s["agency_code"]],
            "decision_day": start - rng.integers(5, 20, n),
            "exception_decision_no": None,
            "status": "dang_tang_cuong",
            "end_reason": None,
            "position_at_commune": np.where(
                s["is_leader"],
                "Phó Chủ tịch UBND",
                rng.choice(
                    ["Công chức Phòng Kinh tế", "Công chức Văn phòng HĐND và UBND", "Công chức Phòng Văn hóa - Xã hội"],
                    n,
                ),
            ),
            "allowance_regime": np.where(difficult, "nd76", "mot_lan_10x"),
            "one_time_allowance_vnd": ONE_TIME_ALLOWANCE_VND,
        }
    )
    regular = [i for i in range(n) if s.at[i, "in_succession_plan"] and s.at[i, "health"] != "yeu"]
    exc, *early = [int(x) for x in rng.choice(regular, 4, replace=False)]
    df.loc[exc, ["start_day", "end_day", "actual_day"]] = [
        day(date(2025, 9, 15)),
        day(date(2026, 9, 14)),
        day(date(2026, 9, 14)),
    ]
    df.loc[exc, ["exception_decision_no", "status", "decision_day"]] = [
        "312/QĐ-UBND",
        "da_ket_thuc",
        day(date(2025, 9, 5)),
    ]
    reasons = (
        "Điều động giữ chức vụ lãnh đạo tại cơ quan cũ",
        "Lý do sức khỏe",
        "Nghỉ thai sản, bố trí người thay thế",
    )
    for i, reason in zip(early, reasons, strict=True):
        df.loc[i, "actual_day"] = int(df.at[i, "start_day"]) + int(rng.integers(90, 200))
        df.loc[i, ["status", "end_reason"]] = ["ket_thuc_som", reason]
    # One person seconded twice at the same time (a data-quality item).
    twice = int(rng.choice([i for i in regular if i not in (exc, *early)]))
    dup = df.loc[[twice]].copy()
    other = communes["unit_code"].to_numpy()[receiving_w > 0]
    dup["secondment_id"] = f"TC{n + 1:04d}"
    dup["receiving_unit_code"] = str(next(c for c in other if c != df.at[twice, "receiving_unit_code"]))
    df = pd.concat([df, dup], ignore_index=True)
    reviews = _reviews(df, rng)
    df["start_date"], df["planned_end_date"] = dates(df["start_day"]), dates(df["end_day"])
    df["decision_date"] = dates(df["decision_day"])
    actual = df["actual_day"].to_numpy(np.int64)
    df["actual_end_date"] = np.where(actual >= 0, actual, np.iinfo(np.int64).min).astype("datetime64[D]")
    planted = {
        "person_ids": {k: people.loc[v, "person_id"].tolist() for k, v in planted.items()},
        "twice": df.at[twice, "person_id"],
        "exception": df.at[exc, "secondment_id"],
        "required_by_agency": required.round(2).to_dict(),
        "sent_by_agency": sent.to_dict(),
    }
    return df[list(SECONDMENT_COLUMNS)], reviews, planted


def _reviews(df: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    quarters = [day(d) for d in (date(2025, 12, 31), date(2026, 3, 31), date(2026, 6, 30), AS_OF_2)]
    ratings = np.array(["hoan_thanh_xuat_sac", "hoan_thanh_tot", "hoan_thanh", "khong_hoan_thanh"], dtype=object)
    rows = []
    for _, r in df.iterrows():
        if rng.random() > 0.6:
            continue
        last = r["actual_day"] if r["actual_day"] >= 0 else quarters[-1]
        for q in quarters:
            if r["start_day"] + 60 <= q <= last:
                for reviewer in ("don_vi_cu", "xa_nhan", "so_noi_vu"):
                    rows.append((r["secondment_id"], q, reviewer, ratings[rng.choice(4, p=[0.15, 0.7, 0.13, 0.02])]))
    out = pd.DataFrame(rows, columns=["secondment_id", "review_day", "reviewer", "rating"])
    out["review_date"] = dates(out["review_day"])
    out["note"] = None
    return out[["secondment_id", "review_date", "reviewer", "rating", "note"]]
