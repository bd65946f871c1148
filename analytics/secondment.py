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

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from analytics import sql_files
from analytics.periods import add_months, months_inclusive, round_rule
from analytics.policy import Policy, load_policy
from analytics.scope import check_scope

NAN = float("nan")
VIOLATIONS = ("not_in_plan", "disciplined", "unfit", "short_no_exception", "person_unknown")


def required_count(base_quota: int, policy: Policy) -> int:
    """Required postings of an agency: share % of its base quota, rounded by the policy's rule."""
    return round_rule(Decimal(str(policy.secondment_share_pct)) * base_quota / 100, policy.secondment_rounding)


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _is(value: Any) -> bool:
    return bool(value) if value is not None and value == value else False


def _num(value: Any) -> int | None:
    return None if value is None or value is pd.NA or value != value else int(value)


def _date(value: Any) -> date | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    return value.date() if isinstance(value, pd.Timestamp) else value


def _violations(r: dict[str, Any], planned_months: float, policy: Policy) -> list[str]:
    if not _is(r["in_roster"]):
        found = ["person_unknown"]
    else:
        found = []
        if not _is(r["in_succession_plan"]) and not _is(r["is_leader"]):
            found.append("not_in_plan")
        until = _date(r["discipline_until"])
        if isinstance(r["discipline"], str) and (until is None or until >= r["start_date"]):
            found.append("disciplined")
        if r["health"] == "yeu":
            found.append("unfit")
    if planned_months < policy.secondment_min_months and not isinstance(r["exception_decision_no"], str):
        found.append("short_no_exception")
    return found


def _posting(r: dict[str, Any], as_of: date, policy: Policy) -> dict[str, Any]:
    start, planned_end = _date(r["start_date"]), _date(r["planned_end_date"])
    actual_end = _date(r["actual_end_date"])
    assert start is not None and planned_end is not None  # NOT NULL columns
    r = {**r, "start_date": start, "planned_end_date": planned_end, "actual_end_date": actual_end}
    ends_on = actual_end or planned_end
    sent = start <= as_of
    active = sent and as_of <= ends_on
    planned_months = months_inclusive(start, planned_end)
    served = months_inclusive(start, min(as_of, ends_on)) if sent else 0.0
    early = r["status"] == "ket_thuc_som" or (
        actual_end is not None and actual_end <= as_of and actual_end < planned_end
    )
    violations = _violations(r, planned_months, policy)
    birth = _date(r["birth_date"])
    age = _age(birth, as_of) if birth else None
    base = _num(r["base_salary_at_start_vnd"])
    if r["allowance_regime"] == "nd76":
        allowance = _num(r["one_time_allowance_vnd"])
    else:
        allowance = policy.one_time_allowance_multiplier * base if base is not None else None
    return {
        "secondment_id": r["secondment_id"],
        "person_id": r["person_id"],
        "sending_unit_code": r["sending_unit_code"],
        "sending_agency_code": r["sending_agency_code"],
        "receiving_unit_code": r["receiving_unit_code"],
        "receiving_former_province": r["receiving_former_province"],
        "receiving_especially_difficult": bool(r["receiving_especially_difficult"]),
        "start_date": start,
        "planned_end_date": planned_end,
        "actual_end_date": actual_end,
        "ends_on": ends_on,
        "status": r["status"],
        "state": "active" if active else ("planned" if not sent else "ended"),
        "sent": sent,
        "active": active,
        "ended_early": early,
        "planned_months": planned_months,
        "months_served": served,
        "months_to_end": months_inclusive(as_of + timedelta(days=1), ends_on) if active else 0.0,
        "ending_within_3m": active and ends_on <= add_months(as_of, 3),
        "ending_within_6m": active and ends_on <= add_months(as_of, 6),
        "violations": ";".join(violations),
        "violation_count": len(violations),
        "allowance_regime": r["allowance_regime"],
        "nd76": r["allowance_regime"] == "nd76",
        "allowance_vnd": allowance,
        "in_roster": _is(r["in_roster"]),
        "gender": r["gender"] if isinstance(r["gender"], str) else None,
        "age_years": age,
        "is_young": age is not None and age < policy.young_age_threshold,
        "is_woman": r["gender"] == "nu",
        "is_minority": isinstance(r["ethnicity"], str) and r["ethnicity"] != "kinh",
    }


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
    raw = sql_files.records(con, "secondment_postings", {"scope": scope, "as_of": as_of})
    rows = [_posting(r, as_of, policy) for r in raw]
    if not rows:
        df = pd.DataFrame(rows, columns=list(POSTING_COLUMNS))
        df = df.astype({c: t for c, t in _POSTING_TYPES.items()})
    else:  # typed columns built at once: converting column by column afterwards costs several times more
        df = pd.DataFrame(
            {
                c: pd.array([r[c] for r in rows], dtype=_POSTING_TYPES[c])
                if c in _POSTING_TYPES
                else [r[c] for r in rows]
                for c in POSTING_COLUMNS
            }
        )
    df.attrs["policy"] = policy.as_dict()
    return df


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
    df = sql_files.query(con, "secondment_by_commune", {"scope": scope, "as_of": as_of})
    df["receives_none"] = df["active"] == 0
    df.attrs["policy"] = policy.as_dict()
    return df
