"""Workforce: quota vs present vs vacant, age pyramid, composition, leaders and the succession pool,
retirements due (DOMAIN.md §2, §6).

The roster is each unit's latest snapshot on or before ``as_of`` (the latest of all when None), people
with status 'dang_cong_tac'; a person found in several units' snapshots counts once (latest
snapshot); units closed (valid_to) before ``as_of`` are left out. Cán bộ count against the
civil-servant quota. Quotas are those of the latest year on or before the year of ``as_of``.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from analytics import sql_files
from analytics.policy import Policy, load_policy
from analytics.scope import check_choice, check_level, check_scope

DIMENSIONS = ("ethnicity", "qualification", "pay_group", "grade", "category", "political_theory", "gender")
# The dimensions the summary table person_in_post keeps: workforce_by reads them from its groups.
PROFILE_DIMENSIONS = ("category", "gender")


def headcount_by_unit(
    con: duckdb.DuckDBPyConnection, *, as_of: date | None = None, scope: str | None = None, level: str = "child"
) -> pd.DataFrame:
    """One row per child unit of the scope and quota category: unit_code, name, unit_type, category,
    quota_year, quota (assigned, NULL when none), present (roster in post), present_reported (with the
    quota), vacant (= quota − present; negative = over quota), over_quota (bool), roster_as_of."""
    check_scope(con, scope)
    check_level(level)
    year = (as_of or date.max).year
    df = sql_files.query(con, "headcount_by_unit", {"scope": scope, "roster_as_of": as_of, "year": year})
    for col in ("quota_year", "quota", "present_reported"):
        df[col] = df[col].astype("Int64")
    df["vacant"] = df["quota"] - df["present"]
    df["over_quota"] = (df["vacant"] < 0).fillna(False).astype(bool)
    df.attrs["policy"] = load_policy(con).as_dict()
    return df


def headcount_by_category(
    con: duckdb.DuckDBPyConnection, *, as_of: date | None = None, scope: str | None = None
) -> pd.DataFrame:
    """One row per quota category of the whole scope: category, quota_year, quota (NULL when none),
    present_reported, present, vacant (quota − present), over_quota, women, minority, young
    (< Policy.young_age_threshold), leaders, succession_pool (people), roster_as_of."""
    check_scope(con, scope)
    return _headcount_by_category(con, load_policy(con), as_of=as_of, scope=scope)


def _headcount_by_category(
    con: duckdb.DuckDBPyConnection, policy: Policy, *, as_of: date | None, scope: str | None
) -> pd.DataFrame:
    """headcount_by_category once the scope is checked and the policy loaded (kpis.headline)."""
    year = (as_of or date.max).year
    df = sql_files.query(
        con,
        "headcount_by_category",
        {"scope": scope, "roster_as_of": as_of, "as_of": as_of, "year": year, "young_age": policy.young_age_threshold},
    )
    for col in ("quota_year", "quota", "present_reported"):
        df[col] = df[col].astype("Int64")
    df.insert(5, "vacant", df["quota"] - df["present"])
    df.insert(6, "over_quota", (df["vacant"] < 0).fillna(False).astype(bool))
    df.attrs["policy"] = policy.as_dict()
    return df


def age_pyramid(con: duckdb.DuckDBPyConnection, *, as_of: date | None = None, scope: str | None = None) -> pd.DataFrame:
    """One row per 5-year age band and gender with people in post: age_band_start (years, full years
    at as_of), age_band ('30-34'), gender ('nam'|'nu'), people."""
    check_scope(con, scope)
    df = sql_files.query(con, "age_pyramid", {"scope": scope, "roster_as_of": as_of, "as_of": as_of})
    df.insert(1, "age_band", [f"{a}-{a + 4}" for a in df["age_band_start"]])
    df.attrs["policy"] = load_policy(con).as_dict()
    return df


def workforce_by(
    con: duckdb.DuckDBPyConnection, *, dimension: str, as_of: date | None = None, scope: str | None = None
) -> pd.DataFrame:
    """One row per value of ``dimension`` (DIMENSIONS) among people in post: value (code, NULL when not
    recorded), people, women, minority, young (< Policy.young_age_threshold), share_pct (% of all)."""
    check_scope(con, scope)
    check_choice("dimension", dimension, DIMENSIONS)
    policy = load_policy(con)
    params = {
        "scope": scope,
        "roster_as_of": as_of,
        "as_of": as_of,
        "dimension": dimension,
        "young_age": policy.young_age_threshold,
    }
    if dimension in PROFILE_DIMENSIONS:  # the same rows from person_in_post's groups
        df = sql_files.query(con, "workforce_by_profile", params)
    else:
        df = sql_files.query(con, "workforce_by", params)
    total = df["people"].sum()
    df["share_pct"] = df["people"] / total * 100 if total else float("nan")
    df.attrs["policy"] = policy.as_dict()
    df.attrs["dimension"] = dimension
    return df


def leaders_and_pool(
    con: duckdb.DuckDBPyConnection, *, as_of: date | None = None, scope: str | None = None, level: str = "child"
) -> pd.DataFrame:
    """One row per child unit of the scope: unit_code, name, unit_type, staff, leaders, leaders_women,
    succession_pool, pool_women, pool_minority, pool_young, pool_disciplined (in the pool with a
    discipline in force: a conflict to fix), pool_per_leader (pool / leaders)."""
    check_scope(con, scope)
    check_level(level)
    policy = load_policy(con)
    df = sql_files.query(
        con,
        "leaders_and_pool",
        {"scope": scope, "roster_as_of": as_of, "as_of": as_of, "young_age": policy.young_age_threshold},
    )
    df["pool_per_leader"] = df["succession_pool"] / df["leaders"].where(df["leaders"] != 0)
    df.attrs["policy"] = policy.as_dict()
    return df


def retirements_by_year(
    con: duckdb.DuckDBPyConnection, *, as_of: date | None = None, scope: str | None = None, until: int = 2030
) -> pd.DataFrame:
    """People in post due to retire (Decree 135/2020 roadmap; retirement date on or after as_of) per
    year up to ``until``: year, category, gender, people."""
    check_scope(con, scope)
    return _retirements_by_year(con, load_policy(con), as_of=as_of, scope=scope, until=until)


def _retirements_by_year(
    con: duckdb.DuckDBPyConnection, policy: Policy, *, as_of: date | None, scope: str | None, until: int
) -> pd.DataFrame:
    """retirements_by_year once the scope is checked and the policy loaded (kpis.headline)."""
    df = sql_files.query(
        con,
        "retirements_by_year",
        {
            "scope": scope,
            "roster_as_of": as_of,
            "as_of": as_of,
            "until": until,
            "retire_from": as_of or date(1900, 1, 1),
            "retire_until": date(until, 12, 31),
        },
    )
    df.attrs["policy"] = policy.as_dict()
    return df
