"""Training after restructuring (Kế hoạch 10/KH-UBND §III.2, DOMAIN.md §5).

Budget of an agency = Policy.training_budget_pct % of its basic salary fund of the first year after
restructuring. Conventions:
  * the window starts at the agency's restructured_on, else Policy.training_window_start, and lasts
    Policy.training_window_months (1/7/2025 → 30/6/2026);
  * salary fund from payroll = Σ basic_salary_vnd (coefficient × lương cơ sở, no allowances) of every
    payroll row of the agency's subtree in the window months. Missing months are NOT extrapolated:
    months_with_payroll and payroll_complete say how much was found;
  * estimate (before payroll arrives) = quota (cong_chuc + vien_chuc of the window's start year, or
    the latest year before it) × average salary coefficient of the staff in post at ``as_of`` ×
    Σ over the window months of lương cơ sở in force that month (= × 12 while it is unchanged);
  * fund_source follows Policy.training_fund_method: 'auto' = payroll when any payroll month is
    found, else the estimate; 'payroll' / 'estimate' force one;
  * committed and spent count the records funded by the restructuring budget ('tai_co_cau_5pct')
    that start inside the window.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from analytics import codes, db, sql_files
from analytics.periods import add_months
from analytics.policy import Policy, load_policy
from analytics.scope import check_choice, check_scope


def _base_salaries(con: duckdb.DuckDBPyConnection) -> list[tuple[date, int]]:
    return [
        (d, int(a))
        for d, a in db.thread_cursor(con)
        .execute("SELECT valid_from, amount_vnd FROM base_salary ORDER BY valid_from")
        .fetchall()
    ]


def base_salary_sum(table: list[tuple[date, int]], start: date, months: int) -> int:
    """Σ of lương cơ sở in force on the first day of each of ``months`` months from ``start``'s month."""
    total, first = 0, start.replace(day=1)
    for i in range(months):
        month = add_months(first, i)
        valid = [a for d, a in table if d <= month]
        total += valid[-1] if valid else 0
    return total


def _python_values(col: pd.Series) -> list[Any]:
    """A column's values as to_dict("records") gives them (Python values; NULL of a nullable integer
    or boolean column as None), a whole column at a time instead of boxing value by value."""
    values = col.tolist()
    if isinstance(col.dtype, pd.api.extensions.ExtensionDtype) and col.dtype.kind in "iub" and col.hasnans:
        values = [None if v is pd.NA else v for v in values]
    return values


def _avg_coefs(people: pd.Series, cents: pd.Series) -> np.ndarray:
    """The average salary coefficient of ``people`` whose coefficients sum to ``cents`` hundredths,
    to the last bit what DuckDB's avg() over the DECIMAL(5, 2) person rows gave this query before
    the groups (the sum over the count times 100 in 80-bit long double, then rounded to a double;
    checked against it over every scope of the city demo); NaN for nobody."""
    n = people.to_numpy(dtype=np.longdouble)
    with np.errstate(divide="ignore", invalid="ignore"):
        avg = cents.to_numpy(dtype=np.longdouble) / (n * np.longdouble(100.0))
    return np.where(n == 0, np.nan, avg.astype(np.float64))


def _fund(r: dict[str, Any], policy: Policy, table: list[tuple[date, int]], sums: dict[date, int]) -> dict[str, Any]:
    """The agency's estimate, fund and budget; ``sums`` keeps base_salary_sum per window start (the
    agencies share a few: five hundred at national scale, one start for most)."""
    quota, coef = r["estimate_quota"], r["avg_coef"]
    estimate = None
    if quota is not None and quota == quota and coef is not None and coef == coef:
        start = r["window_start"]
        if start not in sums:
            sums[start] = base_salary_sum(table, start, policy.training_window_months)
        estimate = round(int(quota) * float(coef) * sums[start])
    method = policy.training_fund_method
    if method == "auto":
        method = "payroll" if r["months_with_payroll"] > 0 else "estimate"
    fund = int(r["payroll_fund_vnd"]) if method == "payroll" else estimate
    return {
        "estimate_fund_vnd": estimate,
        "fund_source": method,
        "salary_fund_vnd": fund,
        "budget_vnd": round(fund * policy.training_budget_pct / 100) if fund is not None else None,
    }


def _days_left(as_of: date, start: date, end: date) -> int:
    return max((end - max(as_of, start - timedelta(days=1))).days, 0)


def training_budget_by_agency(
    con: duckdb.DuckDBPyConnection, *, as_of: date, scope: str | None = None, restructured_only: bool = False
) -> pd.DataFrame:
    """One row per city agency in scope (restructured_only: those with restructured_on): window_start,
    window_end, window_months, months_with_payroll, payroll_complete, payroll_fund_vnd, estimate_quota,
    avg_coef, estimate_fund_vnd, fund_source ('payroll'|'estimate'), salary_fund_vnd, budget_vnd,
    committed_vnd, spent_vnd, remaining_vnd, spent_pct (% of budget), days_left, participants,
    cost_per_participant_vnd, domestic_spent_vnd, abroad_spent_vnd, priority_spent_vnd, records."""
    check_scope(con, scope)
    return _budget_by_agency(con, load_policy(con), as_of=as_of, scope=scope, restructured_only=restructured_only)


def _budget_by_agency(
    con: duckdb.DuckDBPyConnection, policy: Policy, *, as_of: date, scope: str | None, restructured_only: bool
) -> pd.DataFrame:
    """training_budget_by_agency once the scope is checked and the policy loaded (kpis.headline)."""
    raw = sql_files.query(
        con,
        "training_budget_by_agency",
        {
            "scope": scope,
            "as_of": as_of,
            "roster_as_of": as_of,
            "window_start": policy.training_window_start,
            "window_months": policy.training_window_months,
            "priority_fields": list(codes.PRIORITY_TRAINING_FIELDS),
        },
    )
    raw.insert(int(raw.columns.get_loc("coef_people")), "avg_coef", _avg_coefs(raw["coef_people"], raw["coef_cents"]))
    raw = raw.drop(columns=["coef_people", "coef_cents"])
    if restructured_only:
        raw = raw[raw["restructured"]]
    table = _base_salaries(con)
    sums: dict[date, int] = {}
    rows = []
    columns = list(raw.columns)
    for values in zip(*(_python_values(raw[c]) for c in columns), strict=True):
        r = dict(zip(columns, values, strict=True))
        r["window_start"] = pd.Timestamp(r["window_start"]).date()
        r["window_end"] = pd.Timestamp(r["window_end"]).date()
        r["restructured_on"] = None
        r.update(_fund(r, policy, table, sums))
        rows.append(r)
    if rows:
        df = _budget_frame(rows, policy, as_of)
    else:  # no agency: the columns as the per-column steps below have always typed them
        df = pd.DataFrame(
            rows, columns=[*raw.columns, "estimate_fund_vnd", "fund_source", "salary_fund_vnd", "budget_vnd"]
        ).drop(columns=["restructured_on"], errors="ignore")
        for col in ("estimate_fund_vnd", "salary_fund_vnd", "budget_vnd", "estimate_quota"):
            df[col] = df[col].astype("Int64")
        df["avg_coef"] = df["avg_coef"].astype("float64")
        df["window_months"] = policy.training_window_months
        df["payroll_complete"] = df["months_with_payroll"] >= policy.training_window_months
        df["remaining_vnd"] = df["budget_vnd"] - df["spent_vnd"]
        df["uncommitted_vnd"] = df["budget_vnd"] - df["committed_vnd"]
        budget = df["budget_vnd"].astype("float64")
        df["spent_pct"] = df["spent_vnd"] / budget.where(budget != 0) * 100
        df["committed_pct"] = df["committed_vnd"] / budget.where(budget != 0) * 100
        df["days_left"] = [_days_left(as_of, s, e) for s, e in zip(df["window_start"], df["window_end"], strict=True)]
        df["cost_per_participant_vnd"] = df["spent_vnd"] / df["participants"].where(df["participants"] != 0)
    order = [
        "agency_code",
        "name",
        "unit_type",
        "restructured",
        "window_start",
        "window_end",
        "window_months",
        "months_with_payroll",
        "payroll_complete",
        "payroll_fund_vnd",
        "estimate_quota",
        "avg_coef",
        "estimate_fund_vnd",
        "fund_source",
        "salary_fund_vnd",
        "budget_vnd",
        "committed_vnd",
        "spent_vnd",
        "remaining_vnd",
        "uncommitted_vnd",
        "spent_pct",
        "committed_pct",
        "days_left",
        "participants",
        "cost_per_participant_vnd",
        "domestic_spent_vnd",
        "abroad_spent_vnd",
        "priority_spent_vnd",
        "records",
    ]
    df = df[order].reset_index(drop=True)
    df.attrs["policy"] = policy.as_dict()
    return df


def _ratio(a: Any, b: Any) -> float:
    """a / b × 1 as a float; NaN when b is missing or zero (as pandas divides by .where(b != 0))."""
    return float("nan") if b is None or b is pd.NA or b != b or b == 0 else a / b


def _budget_frame(rows: list[dict[str, Any]], policy: Policy, as_of: date) -> pd.DataFrame:
    """The budget rows with their derived columns, typed column by column at once (pandas arithmetic
    per column costs several times more on a few dozen rows)."""
    n = policy.training_window_months
    cols: dict[str, Any] = {
        c: [r[c] for r in rows]
        for c in (
            "agency_code",
            "name",
            "unit_type",
            "restructured",
            "window_start",
            "window_end",
            "months_with_payroll",
            "payroll_fund_vnd",
            "committed_vnd",
            "spent_vnd",
            "participants",
            "domestic_spent_vnd",
            "abroad_spent_vnd",
            "priority_spent_vnd",
            "records",
            "fund_source",
        )
    }
    nullable = {
        c: [None if _missing(r[c]) else int(r[c]) for r in rows]
        for c in ("estimate_quota", "estimate_fund_vnd", "salary_fund_vnd", "budget_vnd")
    }
    budget = nullable["budget_vnd"]
    cols |= {c: pd.array(v, dtype="Int64") for c, v in nullable.items()}
    cols["avg_coef"] = np.array([np.nan if _missing(r["avg_coef"]) else float(r["avg_coef"]) for r in rows])
    cols["window_months"] = [n] * len(rows)
    cols["payroll_complete"] = [m >= n for m in cols["months_with_payroll"]]
    cols["remaining_vnd"] = pd.array(
        [None if b is None else b - x for b, x in zip(budget, cols["spent_vnd"], strict=True)], dtype="Int64"
    )
    cols["uncommitted_vnd"] = pd.array(
        [None if b is None else b - x for b, x in zip(budget, cols["committed_vnd"], strict=True)], dtype="Int64"
    )
    cols["spent_pct"] = np.array([_ratio(x, b) * 100 for x, b in zip(cols["spent_vnd"], budget, strict=True)])
    cols["committed_pct"] = np.array([_ratio(x, b) * 100 for x, b in zip(cols["committed_vnd"], budget, strict=True)])
    cols["days_left"] = [_days_left(as_of, s, e) for s, e in zip(cols["window_start"], cols["window_end"], strict=True)]
    cols["cost_per_participant_vnd"] = np.array(
        [_ratio(x, p) for x, p in zip(cols["spent_vnd"], cols["participants"], strict=True)]
    )
    return pd.DataFrame(cols)


def _missing(v: Any) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and v != v)


# The sums of training_by_field per field, in the frame's order.
FIELD_SUMS = ("records", "participants", "committed_vnd", "spent_vnd", "domestic_spent_vnd", "abroad_spent_vnd")


def training_by_field(
    con: duckdb.DuckDBPyConnection, *, scope: str | None = None, funding: str | None = None
) -> pd.DataFrame:
    """One row per training field (all of codes.TRAINING_FIELDS, zeros included): field, is_priority,
    records, participants, committed_vnd, spent_vnd, domestic_spent_vnd, abroad_spent_vnd,
    cost_per_participant_vnd, spent_share_pct (% of all spend). funding None = every funding source."""
    check_scope(con, scope)
    if funding is not None:
        check_choice("funding", funding, codes.TRAINING_FUNDING)
    found = {r["field"]: r for r in sql_files.records(con, "training_by_field", {"scope": scope, "funding": funding})}
    fields = list(codes.TRAINING_FIELDS)
    sums = {
        column: np.array([found[f][column] if f in found else 0 for f in fields], dtype=np.int64)
        for column in FIELD_SUMS
    }
    spent, participants = sums["spent_vnd"].astype(np.float64), sums["participants"]
    total = float(sum(int(v) for v in sums["spent_vnd"]))  # the fields' spend, as an exact integer first
    with np.errstate(divide="ignore", invalid="ignore"):
        per_participant = np.where(participants != 0, spent / participants.astype(np.float64), np.nan)
        share = np.full(len(fields), np.nan) if total == 0 else spent / total * 100
    df = pd.DataFrame(
        {
            "field": pd.Series(fields, dtype="str"),
            "is_priority": np.array([f in codes.PRIORITY_TRAINING_FIELDS for f in fields], dtype=bool),
            **sums,
            "cost_per_participant_vnd": per_participant,
            "spent_share_pct": share,
        }
    )
    df.attrs["policy"] = load_policy(con).as_dict()
    return df
