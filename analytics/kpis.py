"""Headline figures of every KPI area as one JSON-ready dict (the CLI ``kpis`` and the landing page).

Shape::

    {"as_of": "2025-12-31", "scope": "CT" | None, "settings": {...Policy.as_dict()...},
     "reduction": {"cong_chuc": {...}, "vien_chuc": {...}},
     "secondment": {...}, "training": {...}, "workforce": {...}, "quality": {...},
     "missing": {"<part>": "<reason code>", ...}}

A part (or a reduction category) without data is ``null`` and ``missing`` names why, with the
part's path as key: "reduction" / "reduction.vien_chuc" → "no_quota_data", "secondment" →
"no_secondment_data", "training" → "no_training_data" (neither payroll nor training records),
"workforce" → "no_roster_data". It never raises because data is missing. Numbers are unrounded;
NaN (e.g. a percentage of a zero baseline) becomes null.

Speed: the parts are computed PARALLEL_PARTS at a time, each on its own cursors (the result is the
same as one after another: tests/test_kpis.py), and the scope is checked and the policy loaded once;
the quality part is one counting query (quality.check_counts). bench/bench_kpis.py measures it.

Reduction keys per category: baseline_year, baseline_quota, current_year, current_quota,
reduced_done, reduced_pending, reduced_total, reduced_pct, target_pct, plan, plan_progress_pct,
people_left, then the rest of ``reduction.MEASURES``.

The KPI functions behind it (each takes the connection and keyword-only arguments, ``scope`` a unit
code or None, returns a fetched DataFrame with the settings used in ``df.attrs["policy"]``; columns
in each docstring):

    reduction.reduction_by_category(con, *, scope, as_of, programme)
    reduction.reduction_by_unit(con, *, category, scope, as_of, level='child', programme)
    reduction.reduction_by_group(con, *, category, by='sector'|'former_province', scope, as_of, programme)
    reduction.reduction_by_year(con, *, category, scope)
    reduction.people_left_by_route_year(con, *, scope, programme)
    secondment.secondment_postings(con, *, as_of, scope)
    secondment.secondment_by_agency(con, *, as_of, scope)
    secondment.secondment_by_commune(con, *, as_of, scope)
    training.training_budget_by_agency(con, *, as_of, scope, restructured_only=False)
    training.training_by_field(con, *, scope, funding)
    workforce.headcount_by_unit(con, *, as_of, scope, level='child')
    workforce.headcount_by_category(con, *, as_of, scope)
    workforce.age_pyramid(con, *, as_of, scope)
    workforce.workforce_by(con, *, dimension, as_of, scope)
    workforce.leaders_and_pool(con, *, as_of, scope, level='child')
    workforce.retirements_by_year(con, *, as_of, scope, until=2030)
    quality.quality_checks(con, *, as_of, scope) and quality.check_<code>(con, *, as_of, scope)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from analytics import quality, reduction, secondment, training, workforce
from analytics.errors import OversightError
from analytics.policy import Policy, load_policy
from analytics.scope import check_scope, today

REDUCTION_KEYS = (
    "baseline_year",
    "baseline_quota",
    "current_year",
    "current_quota",
    "reduced_done",
    "reduced_pending",
    "reduced_total",
    "reduced_pct",
    "target_pct",
    "plan",
    "plan_progress_pct",
    "people_left",
)


def json_value(v: Any) -> Any:
    """A plain JSON value: NaN/NA → None, numpy scalars → Python, dates → ISO strings."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    if isinstance(v, date):
        return v.isoformat()
    return v


def _pct(a: float, b: float) -> float | None:
    return a / b * 100 if b else None


def _reduction(
    con: duckdb.DuckDBPyConnection, policy: Policy, scope: str | None, as_of: date, missing: dict[str, str]
) -> dict[str, Any] | None:
    df = reduction._by_category(con, policy, scope=scope, as_of=as_of, programme="tinh_gian_2022_2026")
    out: dict[str, Any] = {}
    for row in df.to_dict("records"):
        cat = row.pop("category")
        if not row["has_quota"]:
            out[cat] = None
            missing[f"reduction.{cat}"] = "no_quota_data"
            continue
        ordered = {k: row[k] for k in REDUCTION_KEYS} | {k: v for k, v in row.items() if k not in REDUCTION_KEYS}
        out[cat] = {k: json_value(v) for k, v in ordered.items() if k != "has_quota"}
    if all(v is None for v in out.values()):
        for cat in out:
            missing.pop(f"reduction.{cat}")
        missing["reduction"] = "no_quota_data"
        return None
    return out


def _secondment(
    con: duckdb.DuckDBPyConnection, policy: Policy, scope: str | None, as_of: date, missing: dict[str, str]
) -> dict[str, Any] | None:
    found = _postings(con, policy, scope, as_of, missing)
    if found is None:
        return None
    postings, sent, active = found
    agencies = secondment._by_agency(con, policy, as_of=as_of, scope=scope, postings=postings)
    communes = secondment._by_commune(con, policy, as_of=as_of, scope=scope)
    required = int(agencies["required"].sum())
    staff = int(agencies["staff"].sum())
    out = {
        "agencies": len(agencies),
        "base_quota": int(agencies["base_quota"].sum()),
        "required": required,
        "agencies_short": int((agencies["shortfall"] > 0).sum()),
        "sent": len(sent),
        "active": len(active),
        "fulfilment_pct": _pct(int(agencies["active"].sum()), required),
        "ended_early": int(sent["ended_early"].sum()),
        "with_violations": int((sent["violation_count"] > 0).sum()),
        "ending_3m": int(active["ending_within_3m"].sum()),
        "ending_6m": int(active["ending_within_6m"].sum()),
        "allowance_vnd": int(sent["allowance_vnd"].sum()),
        "nd76_postings": int(sent["nd76"].sum()),
        "active_young_pct": _pct(int(active["is_young"].sum()), len(active)),
        "active_women_pct": _pct(int(active["is_woman"].sum()), len(active)),
        "active_minority_pct": _pct(int(active["is_minority"].sum()), len(active)),
        "staff_young_pct": _pct(int(agencies["staff_young"].sum()), staff),
        "staff_women_pct": _pct(int(agencies["staff_women"].sum()), staff),
        "staff_minority_pct": _pct(int(agencies["staff_minority"].sum()), staff),
        "communes": len(communes),
        "communes_receiving": int((~communes["receives_none"]).sum()),
        "communes_without": int(communes["receives_none"].sum()),
    }
    return {k: json_value(v) for k, v in out.items()}


def _postings(
    con: duckdb.DuckDBPyConnection, policy: Policy, scope: str | None, as_of: date, missing: dict[str, str]
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame] | None:
    """The postings in scope, those sent and those active; None (and the reason) when there are none."""
    postings = secondment._postings(con, policy, as_of=as_of, scope=scope)
    if postings.empty:
        missing["secondment"] = "no_secondment_data"
        return None
    sent = postings.loc[postings["sent"]]
    return postings, sent, sent.loc[sent["active"]]


def _secondment_active(
    con: duckdb.DuckDBPyConnection, policy: Policy, scope: str | None, as_of: date, missing: dict[str, str]
) -> dict[str, Any] | None:
    found = _postings(con, policy, scope, as_of, missing)
    return None if found is None else {"sent": len(found[1]), "active": len(found[2])}


def _training(
    con: duckdb.DuckDBPyConnection, policy: Policy, scope: str | None, as_of: date, missing: dict[str, str]
) -> dict[str, Any] | None:
    df = training._budget_by_agency(con, policy, as_of=as_of, scope=scope, restructured_only=False)
    if df.empty or (df["records"].sum() == 0 and df["months_with_payroll"].sum() == 0):
        missing["training"] = "no_training_data"
        return None
    budget = df["budget_vnd"].dropna()
    spent, participants = int(df["spent_vnd"].sum()), int(df["participants"].sum())
    out = {
        "agencies": len(df),
        "agencies_estimated": int((df["fund_source"] == "estimate").sum()),
        "agencies_payroll_incomplete": int(((df["fund_source"] == "payroll") & ~df["payroll_complete"]).sum()),
        "agencies_without_fund": int(df["salary_fund_vnd"].isna().sum()),
        "salary_fund_vnd": int(df["salary_fund_vnd"].dropna().sum()),
        "budget_vnd": int(budget.sum()),
        "committed_vnd": int(df["committed_vnd"].sum()),
        "spent_vnd": spent,
        "remaining_vnd": int(budget.sum()) - spent,
        "spent_pct": _pct(spent, int(budget.sum())),
        "participants": participants,
        "cost_per_participant_vnd": spent / participants if participants else None,
        "domestic_spent_vnd": int(df["domestic_spent_vnd"].sum()),
        "abroad_spent_vnd": int(df["abroad_spent_vnd"].sum()),
        "priority_spent_vnd": int(df["priority_spent_vnd"].sum()),
        "window_start": df["window_start"].min(),
        "window_end": df["window_end"].max(),
        "days_left": int(df["days_left"].max()),
    }
    return {k: json_value(v) for k, v in out.items()}


def _headcount(
    con: duckdb.DuckDBPyConnection, policy: Policy, scope: str | None, as_of: date, missing: dict[str, str]
) -> pd.DataFrame | None:
    df = workforce._headcount_by_category(con, policy, as_of=as_of, scope=scope)
    if int(df["present"].sum()) == 0:
        missing["workforce"] = "no_roster_data"
        return None
    return df


def _workforce_present(
    con: duckdb.DuckDBPyConnection, policy: Policy, scope: str | None, as_of: date, missing: dict[str, str]
) -> dict[str, Any] | None:
    df = _headcount(con, policy, scope, as_of, missing)
    return (
        None
        if df is None
        else {"roster_as_of": json_value(df["roster_as_of"].max()), "present": int(df["present"].sum())}
    )


def _workforce(
    con: duckdb.DuckDBPyConnection, policy: Policy, scope: str | None, as_of: date, missing: dict[str, str]
) -> dict[str, Any] | None:
    df = _headcount(con, policy, scope, as_of, missing)
    if df is None:
        return None
    present = int(df["present"].sum())
    retiring = workforce._retirements_by_year(con, policy, as_of=as_of, scope=scope, until=2030)
    rows = df.set_index("category")
    out: dict[str, Any] = {
        "roster_as_of": df["roster_as_of"].max(),
        "present": present,
        "women_pct": _pct(int(df["women"].sum()), present),
        "minority_pct": _pct(int(df["minority"].sum()), present),
        "young_pct": _pct(int(df["young"].sum()), present),
        "leaders": int(df["leaders"].sum()),
        "succession_pool": int(df["succession_pool"].sum()),
        "retiring_to_2030": int(retiring["people"].sum()),
        "by_category": {
            cat: {k: json_value(rows.loc[cat, k]) for k in ("quota_year", "quota", "present", "vacant", "over_quota")}
            for cat in rows.index
        },
    }
    return {k: json_value(v) if not isinstance(v, dict) else v for k, v in out.items()}


def _quality(con: duckdb.DuckDBPyConnection, scope: str | None, as_of: date) -> dict[str, Any]:
    df = quality.check_counts(con, as_of=as_of, scope=scope)  # headline checked the scope
    return {
        "checks": len(df),
        "fail": int((df["status"] == "fail").sum()),
        "warn": int((df["status"] == "warn").sum()),
        "failing": df.loc[df["status"] == "fail", "check"].tolist(),
        "warning": df.loc[df["status"] == "warn", "check"].tolist(),
        "rows": {c: int(n) for c, n in zip(df["check"], df["rows"], strict=True) if n},
    }


PARTS = ("reduction", "secondment", "training", "workforce", "quality")
# a part's figures from (connection, policy, scope, as_of, the part's missing reasons)
Builder = Callable[[duckdb.DuckDBPyConnection, Policy, str | None, date, dict[str, str]], dict[str, Any] | None]
# At most this many parts are computed at the same time (see headline), started in this order: the
# one that finished soonest on the city and national demos (first calls on fresh connections,
# interleaved), the longest chain first (secondment: three queries and the postings' Python) and
# quality, one counting query since the checks read summary tables, last.
PARALLEL_PARTS = 3
COST_ORDER = ("secondment", "workforce", "reduction", "training", "quality")


def headline(
    con: duckdb.DuckDBPyConnection,
    *,
    scope: str | None = None,
    as_of: date | None = None,
    parts: tuple[str, ...] = PARTS,
) -> dict[str, Any]:
    """Headline figures of the scope at ``as_of`` (default today): see the module docstring.

    ``parts`` limits the work to some areas (the overview shows no quality part); the other keys
    are then absent, not null. For an earlier snapshot's figures to compare with, ``changes``.
    """
    unknown = set(parts) - set(PARTS)
    if unknown:
        raise OversightError("invalid_argument", name="parts", value=sorted(unknown), allowed=list(PARTS))
    builders = {"reduction": _reduction, "secondment": _secondment, "training": _training, "workforce": _workforce}
    return _figures(con, scope, as_of, {part: builders.get(part, _quality_part) for part in PARTS if part in parts})


def changes(con: duckdb.DuckDBPyConnection, *, scope: str | None = None, as_of: date | None = None) -> dict[str, Any]:
    """The figures the overview's cards compare with an earlier snapshot, and only those: the
    headline's ``reduction`` part, ``secondment`` with ``sent`` and ``active`` and ``workforce`` with
    ``roster_as_of`` and ``present`` (same values as ``headline``'s, same ``missing`` reasons).
    Half the work of ``headline(parts=("reduction", "secondment", "workforce"))``: the postings
    alone, not the per-agency and per-commune tables; the headcount, not the retirements."""
    return _figures(
        con, scope, as_of, {"reduction": _reduction, "secondment": _secondment_active, "workforce": _workforce_present}
    )


def _quality_part(
    con: duckdb.DuckDBPyConnection, policy: Policy, scope: str | None, as_of: date, missing: dict[str, str]
) -> dict[str, Any]:
    return _quality(con, scope, as_of)


def _figures(
    con: duckdb.DuckDBPyConnection, scope: str | None, as_of: date | None, builders: dict[str, Builder]
) -> dict[str, Any]:
    check_scope(con, scope)
    as_of = as_of or today()
    policy = load_policy(con)
    result: dict[str, Any] = {"as_of": as_of.isoformat(), "scope": scope, "settings": policy.as_dict()}
    # The parts call the modules' _-prefixed variants of the KPI functions: the scope is checked and
    # the policy loaded once here instead of once per function.
    wanted = list(builders)
    missing: dict[str, dict[str, str]] = {part: {} for part in wanted}  # one per part: no two threads share one

    def build(part: str) -> dict[str, Any] | None:
        return builders[part](con, policy, scope, as_of, missing[part])

    # The parts are independent queries, each on its own cursor. DuckDB runs a query with the GIL
    # released and a query on this small data leaves the cores idle much of the time (planning is
    # single-threaded, pipelines wait on each other), so computing a few parts at once takes
    # about half the time of one after the other on two cores. An error in a part is raised here.
    workers = min(PARALLEL_PARTS, len(wanted))
    if workers <= 1:
        result.update({part: build(part) for part in wanted})
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            # the costliest parts first, so that the last one to start is a short one
            futures = {part: pool.submit(build, part) for part in sorted(wanted, key=COST_ORDER.index)}
            result.update({part: futures[part].result() for part in wanted})
    result["missing"] = {k: v for part in wanted for k, v in missing[part].items()}
    return result
