"""Staff reduction 2022-2026 against its targets (DOMAIN.md §3).

Quota side (never mixed with people who left):
    reduced_done    = quota(baseline year) − quota(current year)
    reduced_pending = Σ cut_pending of the current year (cuts proposed, not yet approved)
    reduced_total   = reduced_done + reduced_pending
    reduced_pct     = reduced_total / baseline × 100         plan = target_pct / 100 × baseline
    plan_progress_pct = reduced_total / plan × 100           (``*_done_pct``: done only)

Conventions of every function here:
  * ``current_year`` is the latest year with quota rows of the category anywhere in the scope that
    is not after the year of ``as_of`` nor after the end year of the programme; it is the same for
    every row of a breakdown, and a unit or group without rows that year counts 0 (abolished or
    merged away), so the rows add up to the scope (a unit late with its figures shows in
    quality.check_units_without_data);
  * units merged since the baseline year count under the unit that took them over (unit_closure),
    so a 2021 baseline is compared on today's units; a unit created after the baseline year has no
    baseline rows and adds 0 to the baseline (its own row shows baseline 0 and pct NaN);
  * percentages are in percent units and unrounded; a zero baseline or plan gives NaN, not an error;
  * months run from 1/1 of the year after the baseline year to 31/12 of the end year; ``as_of`` counts
    as a completed day (30/6/2024 → 30 months elapsed, 30 left for 2022-2026);
  * status compares plan_progress_pct with the straight-line pace (months elapsed / all months):
    'on_track' at or above it, 'at_risk' below it by at most Policy.status_behind_margin_pct
    points, 'behind' further below; NaN plan → None;
  * projected_end_with_retirements assumes every person in post (latest roster ≤ as_of, category
    mapped to the quota: cán bộ → cong_chuc) whose retirement date is on or after ``as_of`` and by
    31/12 of the end year leaves a post that is cut and not refilled, on top of the cuts made so
    far; no other cut is assumed. It is an upper bound of what attrition alone can bring;
  * people_left counts reduction_case rows of the programme with status 'da_nghi' or
    'da_phe_duyet' (cán bộ counted with cong_chuc), whatever their date.

Each DataFrame carries the policy values used in ``df.attrs["policy"]``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from analytics import codes, sql_files
from analytics.periods import months_between
from analytics.policy import Policy, load_policy
from analytics.scope import check_choice, check_level, check_scope, today

NAN = float("nan")
GROUP_BY = ("sector", "former_province")

# The measure columns of reduction_by_category / _by_unit / _by_group, in order.
MEASURES = (
    "baseline_year",
    "baseline_quota",
    "current_year",
    "current_quota",
    "reduced_done",
    "reduced_pending",
    "reduced_total",
    "reduced_pct",
    "reduced_done_pct",
    "target_pct",
    "plan",
    "plan_progress_pct",
    "plan_progress_done_pct",
    "remaining_to_target",
    "months_elapsed",
    "months_left",
    "expected_progress_pct",
    "pace_needed_per_month",
    "pace_so_far_per_month",
    "projected_end_total",
    "projected_end_pct",
    "retiring_before_end",
    "projected_end_with_retirements",
    "status",
    "people_left",
    "has_quota",
)
_INT_COLUMNS = (
    "baseline_year",
    "baseline_quota",
    "current_year",
    "current_quota",
    "reduced_done",
    "reduced_pending",
    "reduced_total",
    "retiring_before_end",
    "projected_end_with_retirements",
    "people_left",
)
_FLOAT_COLUMNS = frozenset(MEASURES) - set(_INT_COLUMNS) - {"status", "has_quota"}


def _div(a: float, b: float) -> float:
    return a / b if b else NAN


def period_months(policy: Policy, as_of: date) -> tuple[float, float, float]:
    """(months elapsed, months left, months in the programme) at the end of day ``as_of``."""
    start = date(policy.reduction_baseline_year + 1, 1, 1)
    end = date(policy.reduction_end_year + 1, 1, 1)
    ref = min(max(as_of + timedelta(days=1), start), end)
    return months_between(start, ref), months_between(ref, end), months_between(start, end)


def current_year_of(years: Any, policy: Policy, as_of: date) -> int | None:
    """The latest of ``years`` not after the year of as_of nor the programme's end year."""
    limit = min(as_of.year, policy.reduction_end_year)
    candidates = [y for y in years if y <= limit]
    return max(candidates) if candidates else None


def measures(
    years: dict[int, tuple[int, int]],
    *,
    category: str,
    policy: Policy,
    as_of: date,
    people_left: int = 0,
    retiring: int = 0,
    current_year: int | None = None,
    period: tuple[float, float, float] | None = None,
) -> dict[str, Any]:
    """The reduction measures of one key and category from {year: (quota_assigned, cut_pending)};
    ``current_year`` None = the key's own latest year (current_year_of); ``period`` =
    period_months(policy, as_of) when the caller has it already."""
    baseline = int(years.get(policy.reduction_baseline_year, (0, 0))[0])
    if current_year is None:
        current_year = current_year_of(years, policy, as_of)
    current, pending = years.get(current_year, (0, 0)) if current_year is not None else (baseline, 0)
    done = baseline - int(current)
    total = done + int(pending)
    target = policy.target_pct(category)
    plan = target / 100 * baseline
    progress = _div(total, plan) * 100
    elapsed, left, all_months = period or period_months(policy, as_of)
    remaining = max(plan - total, 0.0)
    expected = _div(elapsed, all_months) * 100
    pace_so_far = _div(total, elapsed)
    projected = total + pace_so_far * left if elapsed else NAN
    if plan and progress == progress:
        gap = expected - progress
        status = "on_track" if gap <= 0 else ("at_risk" if gap <= policy.status_behind_margin_pct else "behind")
    else:
        status = None
    return {
        "baseline_year": policy.reduction_baseline_year,
        "baseline_quota": baseline,
        "current_year": current_year,
        "current_quota": int(current) if current_year is not None else None,
        "reduced_done": done,
        "reduced_pending": int(pending),
        "reduced_total": total,
        "reduced_pct": _div(total, baseline) * 100,
        "reduced_done_pct": _div(done, baseline) * 100,
        "target_pct": target,
        "plan": plan,
        "plan_progress_pct": progress,
        "plan_progress_done_pct": _div(done, plan) * 100,
        "remaining_to_target": remaining,
        "months_elapsed": elapsed,
        "months_left": left,
        "expected_progress_pct": expected,
        "pace_needed_per_month": _div(remaining, left) if left else (0.0 if remaining == 0 else NAN),
        "pace_so_far_per_month": pace_so_far,
        "projected_end_total": projected,
        "projected_end_pct": _div(projected, baseline) * 100,
        "retiring_before_end": retiring,
        "projected_end_with_retirements": total + retiring,
        "status": status,
        "people_left": people_left,
        "has_quota": bool(years),
    }


def _params(policy: Policy, scope: str | None, as_of: date, programme: str) -> dict[str, Any]:
    return {
        "scope": scope,
        "as_of": as_of,
        "roster_as_of": as_of,
        "programme": programme,
        "end_date": date(policy.reduction_end_year, 12, 31),
        "retire_from": as_of,
        "retire_until": date(policy.reduction_end_year, 12, 31),
    }


def _from_facts(
    facts: list[dict[str, Any]],
    *,
    policy: Policy,
    as_of: date,
    categories: tuple[str, ...] = codes.REDUCTION_CATEGORIES,
) -> list[dict[str, Any]]:
    """One measures dict per key and category of ``categories`` (key first, then category), from the
    rows of analytics/sql/_reduction_facts.sql."""
    years: dict[tuple[Any, str], dict[int, tuple[int, int]]] = defaultdict(dict)
    counts: dict[tuple[Any, str, str], int] = defaultdict(int)
    keys: list[Any] = []
    for r in facts:
        kind, key, category, year, quota, pending, n = (
            r["kind"],
            r["key"],
            r["category"],
            r["year"],
            r["quota_assigned"],
            r["cut_pending"],
            r["n"],
        )
        if kind == "key":
            keys.append(key)
        elif kind == "quota":
            years[(key, category)][int(year)] = (int(quota), int(pending))
        else:
            counts[(key, category, kind)] += int(n)
    # One current year for the whole scope, so that the rows add up to the scope's figures.
    current = {
        c: current_year_of({y for (_, cat), ys in years.items() if cat == c for y in ys}, policy, as_of)
        for c in codes.REDUCTION_CATEGORIES
    }
    period = period_months(policy, as_of)
    rows = []
    for key in sorted(keys, key=lambda k: (k is None, str(k))):
        for category in categories:
            m = measures(
                years.get((key, category), {}),
                category=category,
                policy=policy,
                as_of=as_of,
                people_left=counts[(key, category, "people_left")],
                retiring=counts[(key, category, "retiring")],
                current_year=current[category],
                period=period,
            )
            rows.append({"key": key, "category": category, **m})
    return rows


def _frame(rows: list[dict[str, Any]], policy: Policy, leading: list[str]) -> pd.DataFrame:
    # Typed columns built at once: converting column by column afterwards costs several times more.
    columns: dict[str, Any] = {}
    for col in [*leading, *MEASURES]:
        values = [r[col] for r in rows]
        if col in _INT_COLUMNS:
            columns[col] = pd.array(values, dtype="Int64")
        elif col in _FLOAT_COLUMNS:
            columns[col] = np.array(values, dtype="float64")
        else:
            columns[col] = values if values else pd.Series([], dtype=object)
    df = pd.DataFrame(columns)
    df.attrs["policy"] = policy.as_dict()
    return df


def reduction_by_category(
    con: duckdb.DuckDBPyConnection,
    *,
    scope: str | None = None,
    as_of: date | None = None,
    programme: str = "tinh_gian_2022_2026",
) -> pd.DataFrame:
    """One row per reduction category (cong_chuc, vien_chuc) of the scope: category + MEASURES
    (quota in posts, *_pct in percent, pace in posts per month, months as fractions)."""
    check_scope(con, scope)
    check_choice("programme", programme, codes.REDUCTION_PROGRAMMES)
    return _by_category(con, load_policy(con), scope=scope, as_of=as_of or today(), programme=programme)


def _by_category(
    con: duckdb.DuckDBPyConnection, policy: Policy, *, scope: str | None, as_of: date, programme: str
) -> pd.DataFrame:
    """reduction_by_category once the arguments are checked and the policy loaded (kpis.headline)."""
    facts = sql_files.records(con, "reduction_by_category", _params(policy, scope, as_of, programme))
    rows = _from_facts(facts, policy=policy, as_of=as_of) or [
        {"key": "scope", "category": c, **measures({}, category=c, policy=policy, as_of=as_of)}
        for c in codes.REDUCTION_CATEGORIES
    ]
    for r in rows:
        del r["key"]
    return _frame(rows, policy, ["category"])


def reduction_by_unit(
    con: duckdb.DuckDBPyConnection,
    *,
    category: str,
    scope: str | None = None,
    as_of: date | None = None,
    level: str = "child",
    programme: str = "tinh_gian_2022_2026",
) -> pd.DataFrame:
    """One row per unit directly under the scope (today's structure; old units merged into it count
    under it): unit_code, name, unit_type, category + MEASURES. scope None → the root units. A last
    row with unit_code None holds the units in scope under no current unit (abolished districts,
    the scope unit's own rows), when they have data, so that the rows add up to the scope."""
    check_scope(con, scope)
    check_level(level)
    check_choice("category", category, codes.REDUCTION_CATEGORIES)
    policy, as_of = load_policy(con), as_of or today()
    facts = sql_files.records(con, "reduction_by_unit", _params(policy, scope, as_of, programme))
    rows = [
        r
        for r in _from_facts(facts, policy=policy, as_of=as_of, categories=(category,))
        if (r["key"] is not None or r["has_quota"] or r["people_left"] or r["retiring_before_end"])
    ]
    names = _unit_names(con, [r["key"] for r in rows])
    out = [{"unit_code": r.pop("key"), **r} for r in rows]
    df = _frame(out, policy, ["unit_code", "category"])
    df.insert(1, "name", df["unit_code"].map(lambda u: names.get(u, (None, None))[0]))
    df.insert(2, "unit_type", df["unit_code"].map(lambda u: names.get(u, (None, None))[1]))
    return df


def reduction_by_group(
    con: duckdb.DuckDBPyConnection,
    *,
    category: str,
    by: str,
    scope: str | None = None,
    as_of: date | None = None,
    programme: str = "tinh_gian_2022_2026",
) -> pd.DataFrame:
    """One row per sector or former province (by='sector'|'former_province'; a unit without one takes
    the nearest one above it, else group_code None): group_code, category + MEASURES."""
    check_scope(con, scope)
    check_choice("by", by, GROUP_BY)
    check_choice("category", category, codes.REDUCTION_CATEGORIES)
    policy, as_of = load_policy(con), as_of or today()
    params = {**_params(policy, scope, as_of, programme), "by": by}
    facts = sql_files.records(con, "reduction_by_group", params)
    rows = [
        {"group_code": r.pop("key"), **r}
        for r in _from_facts(facts, policy=policy, as_of=as_of, categories=(category,))
    ]
    df = _frame(rows, policy, ["group_code", "category"])
    df.attrs["by"] = by
    return df


def reduction_by_year(con: duckdb.DuckDBPyConnection, *, category: str, scope: str | None = None) -> pd.DataFrame:
    """One row per year with quota rows of the category in scope: year, quota_assigned, cut_pending,
    present_reported, units, baseline_quota, reduced_done, reduced_total (posts), reduced_pct (%)."""
    check_scope(con, scope)
    check_choice("category", category, codes.REDUCTION_CATEGORIES)
    policy = load_policy(con)
    df = sql_files.query(con, "reduction_by_year", {"scope": scope, "category": category})
    base = df.loc[df["year"] == policy.reduction_baseline_year, "quota_assigned"]
    baseline = int(base.iloc[0]) if len(base) else 0
    df["baseline_quota"] = baseline
    df["reduced_done"] = baseline - df["quota_assigned"]
    df["reduced_total"] = df["reduced_done"] + df["cut_pending"]
    df["reduced_pct"] = df["reduced_total"] / baseline * 100 if baseline else NAN
    df.attrs["policy"] = policy.as_dict()
    return df


def people_left_by_route_year(
    con: duckdb.DuckDBPyConnection, *, scope: str | None = None, programme: str = "tinh_gian_2022_2026"
) -> pd.DataFrame:
    """People who left (or were approved to leave) under a reduction programme: one row per
    category, route and year with people and payout_vnd (NULL when no payout is recorded)."""
    check_scope(con, scope)
    check_choice("programme", programme, codes.REDUCTION_PROGRAMMES)
    df = sql_files.query(con, "people_left_by_route_year", {"scope": scope, "programme": programme})
    df.attrs["policy"] = load_policy(con).as_dict()
    return df


def _unit_names(con: duckdb.DuckDBPyConnection, unit_codes: list[Any]) -> dict[str, tuple[str, str]]:
    rows = (
        con.cursor()
        .execute(
            "SELECT unit_code, coalesce(short_name, name), unit_type FROM unit WHERE list_contains($codes, unit_code)",
            {"codes": [u for u in unit_codes if u is not None]},
        )
        .fetchall()
    )
    return {u: (n, t) for u, n, t in rows}
