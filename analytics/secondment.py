"""Grassroots secondment (Kế hoạch 10/KH-UBND §III.1, DOMAIN.md §4).

Conventions:
  * a posting is *sent* when it started on or before ``as_of`` and *active* when
    start_date ≤ as_of ≤ ends_on, where ends_on = actual_end_date, else planned_end_date;
  * months are calendar months, end day inclusive: 1/8/2025 → 31/7/2028 is 36.0 months;
  * ended early: status 'ket_thuc_som', or an actual end on or before ``as_of`` that is before the
    planned end;
  * violation codes (semicolon-separated, '' when none): 'not_in_plan' (neither in the succession
    plan nor a leader), 'disciplined' (a discipline without end date or ending on/after the start
    date), 'unfit' (health 'yeu'), 'short_no_exception' (planned months below
    Policy.secondment_min_months without an exception decision), 'person_unknown' (no roster row);
    the person's attributes come from their roster row of the latest snapshot on or before
    ``as_of`` (else the earliest after it);
  * allowance: regime 'mot_lan_10x' = Policy.one_time_allowance_multiplier × lương cơ sở in force at
    the start date; regime 'nd76' (Decree 76/2019, especially difficult communes) is flagged and
    costs the recorded one_time_allowance_vnd (None when not recorded);
  * young = full years of age at ``as_of`` below Policy.young_age_threshold; minority = ethnicity
    other than 'kinh'.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from analytics import sql_files
from analytics.periods import add_months, months_inclusive_days, round_rule, ymd_of_days
from analytics.policy import Policy, load_policy
from analytics.scope import check_scope

NAN = float("nan")
VIOLATIONS = ("not_in_plan", "disciplined", "unfit", "short_no_exception", "person_unknown")


def required_count(base_quota: int, policy: Policy) -> int:
    """Required postings of an agency: share % of its base quota, rounded by the policy's rule."""
    return round_rule(Decimal(str(policy.secondment_share_pct)) * base_quota / 100, policy.secondment_rounding)


POSTING_COLUMNS = (
    "secondment_id",
    "person_id",
    "sending_unit_code",
    "sending_agency_code",
    "receiving_unit_code",
    "receiving_former_province",
    "receiving_especially_difficult",
    "start_date",
    "planned_end_date",
    "actual_end_date",
    "ends_on",
    "status",
    "state",
    "sent",
    "active",
    "ended_early",
    "planned_months",
    "months_served",
    "months_to_end",
    "ending_within_3m",
    "ending_within_6m",
    "violations",
    "violation_count",
    "allowance_regime",
    "nd76",
    "allowance_vnd",
    "in_roster",
    "gender",
    "age_years",
    "is_young",
    "is_woman",
    "is_minority",
)


_POSTING_TYPES: dict[str, str] = {
    "allowance_vnd": "Int64",
    "age_years": "Int64",
    "violation_count": "int64",
    **{c: "float64" for c in ("planned_months", "months_served", "months_to_end")},
    **{
        c: "bool"
        for c in (
            "receiving_especially_difficult",
            "sent",
            "active",
            "ended_early",
            "ending_within_3m",
            "ending_within_6m",
            "nd76",
            "in_roster",
            "is_young",
            "is_woman",
            "is_minority",
        )
    },
}


def secondment_postings(con: duckdb.DuckDBPyConnection, *, as_of: date, scope: str | None = None) -> pd.DataFrame:
    """One row per posting whose sending or receiving unit is in scope: POSTING_COLUMNS (months as
    fractions of calendar months, allowance in VND, violations as a ';'-joined code string)."""
    check_scope(con, scope)
    return _postings(con, load_policy(con), as_of=as_of, scope=scope)


def _postings(con: duckdb.DuckDBPyConnection, policy: Policy, *, as_of: date, scope: str | None) -> pd.DataFrame:
    """secondment_postings once the scope is checked and the policy loaded (kpis.headline). The
    headline, the secondment page's tables and the briefing all start from these rows: on a
    published version they are worked out once (sql_files.derived), the Python half of the cost."""
    return sql_files.derived(
        con, "secondment_postings", (scope, as_of, policy), lambda: _postings_frame(con, policy, as_of, scope)
    )


def _postings_frame(con: duckdb.DuckDBPyConnection, policy: Policy, as_of: date, scope: str | None) -> pd.DataFrame:
    """The postings' columns worked out over whole columns (numpy), not posting by posting."""
    raw = sql_files.query(con, "secondment_postings", {"scope": scope, "as_of": as_of})
    if raw.empty:
        df = pd.DataFrame([], columns=list(POSTING_COLUMNS)).astype(dict(_POSTING_TYPES))
        df.attrs["policy"] = policy.as_dict()
        return df
    day = np.datetime64(as_of, "D")
    start, planned_end = _days(raw["start_date"]), _days(raw["planned_end_date"])  # NOT NULL columns
    actual_end = _days(raw["actual_end_date"])
    ends_on = np.where(np.isnat(actual_end), planned_end, actual_end)
    sent = start <= day
    active = sent & (day <= ends_on)
    planned_months = months_inclusive_days(start, planned_end)
    served = np.where(sent, months_inclusive_days(start, np.minimum(day, ends_on)), 0.0)
    to_end = np.where(active, months_inclusive_days(np.full_like(ends_on, day + 1), ends_on), 0.0)
    status, regime = _texts(raw["status"]), _texts(raw["allowance_regime"])
    in_roster = _flags(raw["in_roster"])
    birth = _days(raw["birth_date"])
    age = _age_years(birth, as_of)
    nd76 = regime == "nd76"
    base = raw["base_salary_at_start_vnd"].astype("Int64")
    allowance = raw["one_time_allowance_vnd"].astype("Int64").where(nd76, base * policy.one_time_allowance_multiplier)
    violations, violation_count = _violation_codes(raw, in_roster, start, planned_months, policy)
    gender = _texts(raw["gender"])
    ethnicity = raw["ethnicity"]
    columns: dict[str, Any] = {
        # text columns as the query gave them (pandas' str arrays): no object array made and typed again
        **{c: raw[c].array for c in POSTING_COLUMNS[:6]},
        "receiving_especially_difficult": _flags(raw["receiving_especially_difficult"]),
        "start_date": _dates(start),
        "planned_end_date": _dates(planned_end),
        "actual_end_date": _dates(actual_end),
        "ends_on": _dates(ends_on),
        "status": raw["status"].array,
        "state": np.where(active, "active", np.where(sent, "ended", "planned")).astype(object),
        "sent": sent,
        "active": active,
        "ended_early": (status == "ket_thuc_som")
        | (~np.isnat(actual_end) & (actual_end <= day) & (actual_end < planned_end)),
        "planned_months": planned_months,
        "months_served": served,
        "months_to_end": to_end,
        "ending_within_3m": active & (ends_on <= np.datetime64(add_months(as_of, 3), "D")),
        "ending_within_6m": active & (ends_on <= np.datetime64(add_months(as_of, 6), "D")),
        "violations": violations,
        "violation_count": violation_count,
        "allowance_regime": raw["allowance_regime"].array,
        "nd76": nd76,
        "allowance_vnd": allowance,
        "in_roster": in_roster,
        "gender": raw["gender"].array,
        "age_years": age,
        "is_young": (age < policy.young_age_threshold).fillna(False).to_numpy(dtype=bool),
        "is_woman": gender == "nu",
        "is_minority": (ethnicity.notna() & (ethnicity != "kinh")).to_numpy(dtype=bool),
    }
    df = pd.DataFrame(columns).astype(dict(_POSTING_TYPES))
    df.attrs["policy"] = policy.as_dict()
    return df


def _days(col: pd.Series) -> np.ndarray:
    """A date column as datetime64[D] (NaT where blank)."""
    return col.to_numpy(dtype="datetime64[D]", na_value=np.datetime64("NaT"))


def _dates(days: np.ndarray) -> np.ndarray:
    """datetime64[D] as an object array of ``date`` (None for NaT), the type of a date column."""
    return days.astype(object)


def _texts(col: pd.Series) -> np.ndarray:
    """A text column as an object array of str / None."""
    return col.astype(object).where(col.notna(), None).to_numpy(dtype=object)


def _flags(col: pd.Series) -> np.ndarray:
    """A boolean column, NULL as False."""
    return col.astype("boolean").fillna(False).to_numpy(dtype=bool)


def _age_years(birth: np.ndarray, on: date) -> pd.arrays.IntegerArray:
    """Full years of age at ``on`` (NA where the birth date is blank)."""
    known = ~np.isnat(birth)
    year, month, day = ymd_of_days(birth)
    before = (on.month < month) | ((on.month == month) & (on.day < day))
    return pd.arrays.IntegerArray(np.where(known, on.year - year - before, 0), ~known)


# the codes of VIOLATIONS in the order a posting lists them
_VIOLATION_ORDER = ("person_unknown", "not_in_plan", "disciplined", "unfit", "short_no_exception")


def _violation_codes(
    raw: pd.DataFrame, in_roster: np.ndarray, start: np.ndarray, planned_months: np.ndarray, policy: Policy
) -> tuple[np.ndarray, np.ndarray]:
    """The ';'-joined violation codes of each posting ('' when none), and how many there are."""
    until = _days(raw["discipline_until"])
    found = {
        "person_unknown": ~in_roster,
        "not_in_plan": in_roster & ~_flags(raw["in_succession_plan"]) & ~_flags(raw["is_leader"]),
        "disciplined": in_roster
        & raw["discipline"].notna().to_numpy(dtype=bool)
        & (np.isnat(until) | (until >= start)),
        "unfit": in_roster & (_texts(raw["health"]) == "yeu"),
        "short_no_exception": (planned_months < policy.secondment_min_months)
        & raw["exception_decision_no"].isna().to_numpy(dtype=bool),
    }
    mask = np.zeros(len(raw), np.int64)
    count = np.zeros(len(raw), np.int64)
    for i, code in enumerate(_VIOLATION_ORDER):
        mask |= found[code].astype(np.int64) << i
        count += found[code]
    text = {
        bits: ";".join(code for i, code in enumerate(_VIOLATION_ORDER) if bits >> i & 1)
        for bits in np.unique(mask).tolist()
    }
    return np.array([text[bits] for bits in mask.tolist()], dtype=object), count


def _pct(a: pd.Series, b: pd.Series) -> pd.Series:
    return (a / b.where(b != 0)) * 100


def secondment_by_agency(
    con: duckdb.DuckDBPyConnection, *, as_of: date, scope: str | None = None, postings: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per city-level agency in scope: agency_code, name, quota_year, quota_cong_chuc,
    quota_vien_chuc, base_quota, required, sent, active, fulfilment_pct (%), shortfall, ended_early,
    violations (postings with any), ending_3m, ending_6m, allowance_vnd, nd76_postings, active_young,
    active_women, active_minority and their *_pct among active, staff and staff_*_pct (%)."""
    check_scope(con, scope)
    return _by_agency(con, load_policy(con), as_of=as_of, scope=scope, postings=postings)


def _by_agency(
    con: duckdb.DuckDBPyConnection, policy: Policy, *, as_of: date, scope: str | None, postings: pd.DataFrame | None
) -> pd.DataFrame:
    """secondment_by_agency once the scope is checked and the policy loaded (kpis.headline)."""
    agencies = sql_files.query(
        con,
        "secondment_by_agency",
        {"scope": scope, "as_of": as_of, "roster_as_of": as_of, "young_age": policy.young_age_threshold},
    )
    if postings is None:
        postings = _postings(con, policy, as_of=as_of, scope=scope)
    # One groupby over 0/1 columns instead of a groupby per measure on filtered copies: the same
    # sums at a fraction of pandas' per-call cost.
    col = {
        c: postings[c].to_numpy(dtype=bool)
        for c in (
            "sent",
            "active",
            "ended_early",
            "ending_within_3m",
            "ending_within_6m",
            "nd76",
            "is_young",
            "is_woman",
            "is_minority",
        )
    }
    sent, active = col["sent"], col["sent"] & col["active"]
    flags = {
        "sent": sent,
        "active": active,
        "ended_early": sent & col["ended_early"],
        "violations": sent & (postings["violation_count"].to_numpy() > 0),
        "ending_3m": active & col["ending_within_3m"],
        "ending_6m": active & col["ending_within_6m"],
        "nd76_postings": sent & col["nd76"],
        "active_young": active & col["is_young"],
        "active_women": active & col["is_woman"],
        "active_minority": active & col["is_minority"],
    }
    agg = (
        pd.DataFrame(
            {
                "sending_agency_code": postings["sending_agency_code"].to_numpy(dtype=object),
                **{name: mask.astype(np.int64) for name, mask in flags.items()},
                "allowance_vnd": postings["allowance_vnd"].where(sent, 0).fillna(0).to_numpy(dtype=np.int64),
            }
        )
        .groupby("sending_agency_code")
        .sum()
    )
    df = agencies.merge(agg, how="left", left_on="agency_code", right_index=True)
    for col in agg.columns:
        df[col] = df[col].fillna(0).astype("int64")
    df["base_quota"] = df["quota_cong_chuc"] + (
        df["quota_vien_chuc"] if policy.secondment_base_includes_vien_chuc else 0
    )
    df["required"] = [required_count(int(b), policy) for b in df["base_quota"]]
    df["fulfilment_pct"] = _pct(df["active"], df["required"])
    df["shortfall"] = (df["required"] - df["active"]).clip(lower=0)
    for who in ("young", "women", "minority"):
        df[f"active_{who}_pct"] = _pct(df[f"active_{who}"], df["active"])
        df[f"staff_{who}_pct"] = _pct(df[f"staff_{who}"], df["staff"])
    order = [
        "agency_code",
        "name",
        "unit_type",
        "quota_year",
        "quota_cong_chuc",
        "quota_vien_chuc",
        "base_quota",
        "required",
        "sent",
        "active",
        "fulfilment_pct",
        "shortfall",
        "ended_early",
        "violations",
        "ending_3m",
        "ending_6m",
        "allowance_vnd",
        "nd76_postings",
        "active_young",
        "active_women",
        "active_minority",
        "active_young_pct",
        "active_women_pct",
        "active_minority_pct",
        "staff",
        "staff_young",
        "staff_women",
        "staff_minority",
        "staff_young_pct",
        "staff_women_pct",
        "staff_minority_pct",
    ]
    df = df[order].reset_index(drop=True)
    df.attrs["policy"] = policy.as_dict()
    return df


def secondment_by_commune(con: duckdb.DuckDBPyConnection, *, as_of: date, scope: str | None = None) -> pd.DataFrame:
    """One row per commune (ubnd_xa, level commune) in scope existing at as_of, receiving none
    included: unit_code, name, commune_kind, former_province, especially_difficult, received
    (postings started ≤ as_of), active (at as_of), receives_none (no active posting)."""
    check_scope(con, scope)
    return _by_commune(con, load_policy(con), as_of=as_of, scope=scope)


def _by_commune(con: duckdb.DuckDBPyConnection, policy: Policy, *, as_of: date, scope: str | None) -> pd.DataFrame:
    """secondment_by_commune once the scope is checked and the policy loaded (kpis.headline)."""
    df = sql_files.query(con, "secondment_by_commune", {"scope": scope, "as_of": as_of}, through_arrow=True)
    df["receives_none"] = df["active"] == 0
    df.attrs["policy"] = policy.as_dict()
    return df
