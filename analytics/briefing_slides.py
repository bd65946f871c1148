"""The briefing's slides, one function a topic: each computes its figures, states its finding, applies privacy.

A slide is ``{"id", "finding", "params", "sources", "data"}`` (``analytics.briefing`` assembles them
into the deck, in ``briefing.SLIDES`` order). ``finding`` is a code and ``params`` its numbers; a
slide without data has finding ``no_data``. ``sources`` are the table names the figures come from.

Privacy: counts that could point at a person are suppressed when 0 < n < Policy.privacy_min_count
(``suppress``): the value becomes None and ``<field>_suppressed`` True.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import duckdb
import pandas as pd

from analytics import children, inventory, reduction, reorganisation, reporting, secondment, training
from analytics.kpis import json_value
from analytics.policy import Policy

CATEGORIES = ("cong_chuc", "vien_chuc")
SOURCES = {
    "headline": ("quota", "reduction_case", "secondment", "payroll", "training", "person"),
    "reduction": ("quota", "reduction_case"),
    "agencies": ("quota", "unit"),
    "secondment": ("secondment", "quota", "person"),
    "training": ("payroll", "training", "quota"),
    "reorganisation": ("reorg_decision", "job_position", "inspection"),
    "reporting": ("submission",),
    "freshness": ("import_batch",),
}


def suppress(n: Any, threshold: int) -> tuple[int | None, bool]:
    """(value, suppressed): a count 0 < n < threshold becomes (None, True)."""
    if n is None or (isinstance(n, float) and math.isnan(n)):
        return None, False
    value = int(n)
    return (None, True) if 0 < value < threshold else (value, False)


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    return {k: json_value(v) for k, v in record.items()}


def _level(provinces: bool) -> str:
    """What a slide's rows are: the provinces (at the country level) or the city's agencies."""
    return "province" if provinces else "agency"


def _remaining(r: dict[str, Any] | None) -> int | None:
    """Posts still to cut to reach the plan (whole posts, rounded up; 0 when reached)."""
    if not r or r.get("plan") is None or r.get("reduced_total") is None:
        return None
    return max(math.ceil(float(r["plan"]) - float(r["reduced_total"]) - 1e-9), 0)


def _slide(slide_id: str, finding: str, params: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": slide_id,
        "finding": finding,
        "params": _clean(params),
        "sources": list(SOURCES[slide_id]),
        "data": data,
    }


def headline_slide(h: dict[str, Any], policy: Policy) -> dict[str, Any]:
    red = h.get("reduction") or {}
    cards: dict[str, Any] = {"reduction": {}}
    for cat in CATEGORIES:
        r = red.get(cat)
        cards["reduction"][cat] = (
            None
            if r is None
            else _clean(
                {
                    "plan_progress_pct": r["plan_progress_pct"],
                    "status": r["status"],
                    "reduced_total": r["reduced_total"],
                    "plan": r["plan"],
                    "remaining": _remaining(r),
                    "target_pct": r["target_pct"],
                }
            )
        )
    s, tr, w = h.get("secondment"), h.get("training"), h.get("workforce")
    cards["secondment"] = (
        None
        if s is None
        else _clean({k: s[k] for k in ("fulfilment_pct", "active", "required", "agencies_short", "agencies")})
    )
    cards["training"] = (
        None if tr is None else _clean({k: tr[k] for k in ("spent_pct", "spent_vnd", "budget_vnd", "days_left")})
    )
    cards["workforce"] = None if w is None else _clean({k: w[k] for k in ("present", "retiring_to_2030")})
    known = [(cat, r) for cat, r in cards["reduction"].items() if r is not None and r["remaining"] is not None]
    behind = [(cat, r) for cat, r in known if r["remaining"] > 0]
    if behind:  # cong_chuc first: the headline target
        cat, r = behind[0]
        finding, params = (
            "remaining",
            {"category": cat, "remaining": r["remaining"], "end_year": policy.reduction_end_year},
        )
    elif known:
        finding, params = "reached", {"end_year": policy.reduction_end_year}
    elif any(cards[k] for k in ("secondment", "training", "workforce")):
        finding, params = "overview", {}
    else:
        finding, params = "no_data", {}
    return _slide("headline", finding, params, cards)


def reduction_slide(con: duckdb.DuckDBPyConnection, scope: str | None, as_of: date) -> dict[str, Any]:
    df = reduction.reduction_by_category(con, scope=scope, as_of=as_of)
    rows = []
    for r in df[df["has_quota"]].to_dict("records"):
        rows.append(
            _clean(
                {
                    k: r[k]
                    for k in (
                        "category",
                        "baseline_quota",
                        "current_quota",
                        "reduced_done",
                        "reduced_pending",
                        "reduced_total",
                        "target_pct",
                        "plan",
                        "plan_progress_pct",
                        "expected_progress_pct",
                        "status",
                        "months_left",
                        "pace_needed_per_month",
                        "pace_so_far_per_month",
                    )
                }
                | {"remaining": _remaining(r)}
            )
        )
    if not rows:
        return _slide("reduction", "no_data", {}, {"rows": []})
    gaps = [
        (r["plan_progress_pct"] - r["expected_progress_pct"], r)
        for r in rows
        if r["plan_progress_pct"] is not None and r["expected_progress_pct"] is not None
    ]
    worst = min(gaps, key=lambda g: g[0]) if gaps else None
    if worst and worst[1]["status"] in ("behind", "at_risk"):
        r = worst[1]
        finding, params = (
            "category_behind",
            {"category": r["category"], "progress": r["plan_progress_pct"], "expected": r["expected_progress_pct"]},
        )
    else:
        finding = "all_on_track"
        params = {
            "expected": rows[0]["expected_progress_pct"],
            "lowest": min((r["plan_progress_pct"] for r in rows if r["plan_progress_pct"] is not None), default=None),
        }
    return _slide("reduction", finding, params, {"rows": rows})


def agencies_slide(con: duckdb.DuckDBPyConnection, scope: str | None, as_of: date) -> dict[str, Any]:
    """The city's agencies behind on reduction; the provinces at the country level."""
    merged: pd.DataFrame | None = None
    provinces = False
    for cat, short in (("cong_chuc", "cc"), ("vien_chuc", "vc")):
        df = children.of_level(reduction.reduction_by_unit(con, category=cat, scope=scope, as_of=as_of))
        provinces = children.is_provinces(df)
        df = df[["unit_code", "name", "plan_progress_pct", "status", "has_quota"]]
        df = df.rename(
            columns={
                "plan_progress_pct": f"{short}_progress",
                "status": f"{short}_status",
                "has_quota": f"{short}_has_quota",
            }
        )
        merged = df if merged is None else merged.merge(df.drop(columns=["name"]), on="unit_code", how="outer")
    assert merged is not None
    merged = merged[
        merged["cc_has_quota"].fillna(False).astype(bool) | merged["vc_has_quota"].fillna(False).astype(bool)
    ]
    if merged.empty:
        return _slide("agencies", "no_data", {}, {"rows": []})
    behind = (merged["cc_status"] == "behind") | (merged["vc_status"] == "behind")
    at_risk = ((merged["cc_status"] == "at_risk") | (merged["vc_status"] == "at_risk")) & ~behind
    merged = merged.assign(
        _rank=(~behind).astype(int) + (~at_risk & ~behind).astype(int),
        _worst=merged[["cc_progress", "vc_progress"]].min(axis=1),
    )
    merged = merged.sort_values(["_rank", "_worst"], na_position="last")
    rows = [
        _clean({k: r[k] for k in ("unit_code", "name", "cc_progress", "cc_status", "vc_progress", "vc_status")})
        for r in merged.to_dict("records")
    ]
    n_behind, total = int(behind.sum()), len(merged)
    if n_behind:
        finding = "provinces_behind" if provinces else "agencies_behind"
    else:
        finding = "no_province_behind" if provinces else "none_behind"
    return _slide(
        "agencies",
        finding,
        {"behind": n_behind, "at_risk": int(at_risk.sum()), "total": total},
        {"rows": rows, "level": _level(provinces)},
    )


def _secondment_status(row: dict[str, Any], policy: Policy) -> str | None:
    pct = row["fulfilment_pct"]
    if pct is None or (isinstance(pct, float) and math.isnan(pct)):
        return None
    if row["shortfall"] == 0:
        return "on_track"
    return "at_risk" if pct >= 100 - policy.status_behind_margin_pct else "behind"


def secondment_slide(
    con: duckdb.DuckDBPyConnection, scope: str | None, as_of: date, h: dict[str, Any], policy: Policy
) -> dict[str, Any]:
    s = h.get("secondment")
    if s is None:
        return _slide("secondment", "no_data", {}, {"rows": []})
    agencies = secondment.secondment_by_agency(con, as_of=as_of, scope=scope)
    # the rows: the agencies, the provinces at the country level (each its agencies added up)
    links = children.province_links(con, as_of=as_of, scope=scope)
    df = children.secondment_by_child(agencies, links)
    df = df[df["required"] > 0]
    agencies = agencies[agencies["required"] > 0]
    threshold = policy.privacy_min_count
    rows = []
    for r in df.to_dict("records"):
        row = {k: r[k] for k in ("agency_code", "name", "required", "active", "fulfilment_pct", "shortfall")}
        row["status"] = _secondment_status(row, policy)
        for field in ("violations", "ended_early"):
            row[field], row[f"{field}_suppressed"] = suppress(r[field], threshold)
        rows.append(_clean(row))
    rows.sort(key=lambda r: (r["fulfilment_pct"] if r["fulfilment_pct"] is not None else -1, r["name"] or ""))
    with_violations, violations_suppressed = suppress(s["with_violations"], threshold)
    totals = _clean(
        {
            "required": s["required"],
            "active": s["active"],
            "fulfilment_pct": s["fulfilment_pct"],
            "with_violations": with_violations,
            "with_violations_suppressed": violations_suppressed,
            "communes_without": s["communes_without"],
            "communes": s["communes"],
        }
    )
    short, total = int((agencies["shortfall"] > 0).sum()), len(agencies)  # agencies, at every level
    finding = "agencies_short" if short else "all_sent"
    return _slide(
        "secondment",
        finding,
        {"short": short, "total": total, "fulfilment_pct": s["fulfilment_pct"]},
        {"rows": rows, "totals": totals, "level": _level(children.rolls_up(links))},
    )


def _spending_status(spent_pct: float | None, elapsed_pct: float | None, policy: Policy) -> str | None:
    """Spending against the time elapsed in the training window: on_track at or above it, at_risk
    within Policy.status_behind_margin_pct points below it, behind further below."""
    if spent_pct is None or elapsed_pct is None:
        return None
    if spent_pct >= elapsed_pct:
        return "on_track"
    return "at_risk" if spent_pct >= elapsed_pct - policy.status_behind_margin_pct else "behind"


def training_slide(
    con: duckdb.DuckDBPyConnection, scope: str | None, as_of: date, h: dict[str, Any], policy: Policy
) -> dict[str, Any]:
    tr = h.get("training")
    if tr is None:
        return _slide("training", "no_data", {}, {"rows": []})
    df = training.training_budget_by_agency(con, as_of=as_of, scope=scope)
    # the provinces at the country level
    links = children.province_links(con, as_of=as_of, scope=scope)
    df = children.training_budget_by_child(df, links)
    df = df[df["budget_vnd"].notna() & (df["budget_vnd"] > 0)]
    start, end = date.fromisoformat(tr["window_start"]), date.fromisoformat(tr["window_end"])
    window_days = (end - start).days + 1
    elapsed_pct = min(max((window_days - tr["days_left"]) / window_days * 100, 0.0), 100.0) if window_days > 0 else None
    rows = []
    for r in df.sort_values("spent_pct", na_position="first").to_dict("records"):
        row = _clean({k: r[k] for k in ("agency_code", "name", "budget_vnd", "spent_vnd", "spent_pct", "fund_source")})
        row["status"] = _spending_status(row["spent_pct"], elapsed_pct, policy)
        rows.append(row)
    totals = _clean(
        {
            k: tr[k]
            for k in (
                "budget_vnd",
                "committed_vnd",
                "spent_vnd",
                "remaining_vnd",
                "spent_pct",
                "participants",
                "days_left",
                "window_start",
                "window_end",
            )
        }
        | {"elapsed_pct": elapsed_pct}
    )
    finding = "spent" if tr["days_left"] > 0 else "spent_ended"
    return _slide(
        "training",
        finding,
        {
            "spent_pct": tr["spent_pct"],
            "spent_vnd": tr["spent_vnd"],
            "budget_vnd": tr["budget_vnd"],
            "days_left": tr["days_left"],
        },
        {"rows": rows, "totals": totals, "level": _level(children.rolls_up(links))},
    )


def reorganisation_slide(
    con: duckdb.DuckDBPyConnection, scope: str | None, as_of: date, root: str | None, policy: Policy
) -> dict[str, Any]:
    """The report's reorganisation figures (analytics.reorganisation.briefing_figures): counts of
    units, never of people, so nothing to suppress; with a scope and date of its own."""
    f = reorganisation.briefing_figures(
        con,
        scope=scope,
        as_of=as_of,
        whole_city=scope == root,
        report_scope=policy.reorg_report_scope,
        report_as_of=policy.reorg_report_as_of,
    )
    where = {k: f[k] for k in ("scope", "scope_name", "as_of")}
    if not f["rows"]:
        return _slide("reorganisation", "no_data", {}, {"rows": [], **where})
    data = {
        "rows": [_clean(r) for r in f["rows"]],
        "start": f["start"],
        "inspection_year": f["inspection_year"],
        **where,
    }
    return _slide("reorganisation", "reorganised", f["params"], data)


def reporting_slide(con: duckdb.DuckDBPyConnection, scope: str | None, as_of: date) -> dict[str, Any]:
    """Who has sent the current period's reports (analytics.reporting.briefing_figures); unit names
    and statuses only."""
    f = reporting.briefing_figures(con, scope=scope, as_of=as_of)
    if not f:
        return _slide("reporting", "no_data", {}, {"rows": []})
    finding = "all_sent" if f["complete"] == f["units"] else "units_short"
    return _slide(
        "reporting",
        finding,
        {"period": f["period"], "complete": f["complete"], "units": f["units"], "missing": f["missing"]},
        {"rows": [_clean(r) for r in f["rows"]], "counts": f["counts"], "period": f["period"]},
    )


def freshness_slide(con: duckdb.DuckDBPyConnection, h: dict[str, Any]) -> dict[str, Any]:
    df = inventory.freshness_by_table(con)
    rows = [
        _clean(
            {
                "table": r["table"],
                "rows": r["rows"],
                "latest": r["latest"],
                "loaded_at": r["loaded_at"].isoformat(sep=" ", timespec="minutes")
                if isinstance(r["loaded_at"], pd.Timestamp | pd.Timestamp) and not pd.isna(r["loaded_at"])
                else None,
            }
        )
        for r in df.to_dict("records")
    ]
    latest = {r["table"]: r["latest"] for r in rows}
    q = h.get("quality") or {}
    if not any(r["rows"] for r in rows):
        return _slide("freshness", "no_data", {}, {"rows": rows, "quality": {}})
    params = {
        "roster": latest.get("person"),
        "quota": latest.get("quota"),
        "fail": q.get("fail", 0),
        "warn": q.get("warn", 0),
    }
    return _slide(
        "freshness",
        "freshness",
        params,
        {"rows": rows, "quality": {"checks": q.get("checks", 0), "fail": q.get("fail", 0), "warn": q.get("warn", 0)}},
    )
