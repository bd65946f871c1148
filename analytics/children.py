"""The units directly under the scope, with what their city agencies do added up: the agencies
themselves under a province, the provinces at the country level (country → province → agency).

``province_links`` says which province each agency is in, at the country level only (no scope);
``secondment_by_child`` and ``training_budget_by_child`` turn the agency frames into the secondment
and training pages' breakdowns with it: unchanged under a scope, their counts and amounts summed
per province at the country level, with the percentages worked out from the sums (people on posting
over people required, money spent over the budget), not averaged, so a province reads as its
agencies would read together. ``attention`` ranks the same units by their problems (the overview).
Only ``province_links`` reads the database: the rest works on the frames a page already has.
"""

from __future__ import annotations

from datetime import date

import duckdb
import numpy as np
import pandas as pd

from analytics import sql_files
from analytics.scope import check_scope

# The rows: a province's agencies (and the other agencies under it), or the provinces at the country level.
AGENCY_TYPES = ("so_nganh", "co_quan_khac")
PROVINCE_TYPES = ("thanh_pho",)


def province_links(con: duckdb.DuckDBPyConnection, *, as_of: date, scope: str | None = None) -> pd.DataFrame | None:
    """At the country level (``scope`` None): unit_code, unit_name, unit_type of each province (a
    unit directly under the country) and agency_code of each city agency at ``as_of`` inside it.
    None under a scope, where the units directly under it that have agencies are the agencies."""
    check_scope(con, scope)
    if scope is not None:
        return None
    return sql_files.query(con, "agencies_by_child", {"as_of": as_of, "scope": scope})


def is_provinces(rows: pd.DataFrame) -> bool:
    """True when the rows (with unit_type) are provinces: the country level."""
    return bool(len(rows)) and bool(rows["unit_type"].isin(PROVINCE_TYPES).all())


def of_level(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows (with unit_type) that are the scope's own breakdown: the provinces at the country
    level, else the city agencies (not the communes or the other units beside them)."""
    return rows[rows["unit_type"].isin(PROVINCE_TYPES if is_provinces(rows) else AGENCY_TYPES)]


def rolls_up(links: pd.DataFrame | None) -> bool:
    """True when agencies add up into other units (``province_links`` at the country level)."""
    return links is not None and bool((links["unit_code"] != links["agency_code"]).any())


def _own_links(*frames: pd.DataFrame) -> pd.DataFrame:
    """Each agency of ``frames`` as its own unit (the links under a scope)."""
    rows = pd.concat([f[["agency_code", "name", "unit_type"]] for f in frames]).drop_duplicates("agency_code")
    return rows.assign(unit_code=rows["agency_code"]).rename(columns={"name": "unit_name"})


def ratio_pct(a: pd.Series, b: pd.Series) -> pd.Series:
    """a / b in %, NaN when b is 0 or missing."""
    return a / b.where(b != 0) * 100


def sum_by_child(
    frame: pd.DataFrame,
    links: pd.DataFrame,
    sums: tuple[str, ...],
    *,
    lowest: tuple[str, ...] = (),
    highest: tuple[str, ...] = (),
) -> pd.DataFrame:
    """``frame`` (one row per agency_code) added up per unit of ``links``: agency_code, name and
    unit_type become the unit's; ``sums`` summed (unknown when one agency's is: a total without it
    would read smaller than it is), ``lowest`` / ``highest`` their minimum / maximum. Units in the
    order of their codes; the caller works out its ratios from the sums."""
    keep = [*sums, *lowest, *highest]
    rows = links.merge(frame[["agency_code", *keep]], on="agency_code", how="inner", validate="one_to_one")
    for col in sums:  # a nullable column sums as float, so that "unknown" stays NaN through the ratios
        if rows[col].isna().any() or pd.api.types.is_extension_array_dtype(rows[col]):
            rows[col] = rows[col].astype("float64")
    group = rows.groupby("unit_code", sort=True)
    out = group[list(sums)].sum().mask(rows[list(sums)].isna().groupby(rows["unit_code"]).any())
    out = out.join([group[list(lowest)].min(), group[list(highest)].max()])
    names = links.drop_duplicates("unit_code").set_index("unit_code")[["unit_name", "unit_type"]]
    out = out.join(names).rename(columns={"unit_name": "name"})
    return out.rename_axis("agency_code").reset_index()


KEYS = ("agency_code", "name", "unit_type")
# training_budget_by_agency's amounts and counts (its other columns are dates, flags and ratios)
TRAINING_SUMS = (
    "payroll_fund_vnd",
    "estimate_quota",
    "estimate_fund_vnd",
    "salary_fund_vnd",
    "budget_vnd",
    "committed_vnd",
    "spent_vnd",
    "participants",
    "domestic_spent_vnd",
    "abroad_spent_vnd",
    "priority_spent_vnd",
    "records",
)


def secondment_by_child(agencies: pd.DataFrame, links: pd.DataFrame | None) -> pd.DataFrame:
    """``secondment_by_agency``'s frame per unit of ``links`` (``province_links``; agency_code and
    name are the unit's): the frame itself under a scope; per province at the country level, the
    counts summed, quota_year the latest, fulfilment_pct and the *_pct shares of the sums."""
    if links is None or not rolls_up(links):
        return agencies
    # every count is summed (shortfall too: the people its short agencies still have to send, which an
    # over-sending agency does not make up for); the percentages are worked out again below
    counts = tuple(c for c in agencies.columns if c not in (*KEYS, "quota_year") and not c.endswith("_pct"))
    df = sum_by_child(agencies, links, counts, highest=("quota_year",))
    df["fulfilment_pct"] = ratio_pct(df["active"], df["required"])
    for who in ("young", "women", "minority"):
        df[f"active_{who}_pct"] = ratio_pct(df[f"active_{who}"], df["active"])
        df[f"staff_{who}_pct"] = ratio_pct(df[f"staff_{who}"], df["staff"])
    out = df[list(agencies.columns)]
    out.attrs = dict(agencies.attrs)
    return out


def training_budget_by_child(agencies: pd.DataFrame, links: pd.DataFrame | None) -> pd.DataFrame:
    """``training_budget_by_agency``'s frame per unit of ``links``: the frame itself under a scope;
    per province at the country level, the amounts and counts summed (a budget unknown for one
    agency leaves the province's unknown), the window from the earliest start to the latest end,
    days_left the longest, months_with_payroll the fewest (payroll_complete when every agency's is),
    fund_source 'estimate' when any agency's budget is an estimate, restructured when any agency is,
    avg_coef not given (NaN), and the ratios of the sums."""
    if links is None or not rolls_up(links):
        return agencies
    flags = agencies.assign(estimated=agencies["fund_source"] == "estimate")
    df = sum_by_child(
        flags,
        links,
        TRAINING_SUMS,
        lowest=("window_start", "months_with_payroll", "payroll_complete"),
        highest=("window_end", "window_months", "days_left", "restructured", "estimated"),
    )
    df["fund_source"] = np.where(df["estimated"], "estimate", "payroll")
    df["avg_coef"] = np.nan
    df["remaining_vnd"] = df["budget_vnd"] - df["spent_vnd"]
    df["uncommitted_vnd"] = df["budget_vnd"] - df["committed_vnd"]
    df["spent_pct"] = ratio_pct(df["spent_vnd"], df["budget_vnd"])
    df["committed_pct"] = ratio_pct(df["committed_vnd"], df["budget_vnd"])
    df["cost_per_participant_vnd"] = df["spent_vnd"] / df["participants"].where(df["participants"] != 0)
    out = df[list(agencies.columns)]
    out.attrs = dict(agencies.attrs)
    return out


def programmes_by_child(secondment: pd.DataFrame, training: pd.DataFrame, links: pd.DataFrame | None) -> pd.DataFrame:
    """Per unit of ``links`` (``province_links``; each agency its own under a scope): required,
    active, fulfilment_pct from ``secondment_by_agency``; budget_vnd, spent_vnd, spent_pct from
    ``training_budget_by_agency``. An agency's own percentages under a scope are its own."""
    links = _own_links(secondment, training) if links is None else links
    sec = sum_by_child(secondment, links, ("required", "active"))
    sec["fulfilment_pct"] = ratio_pct(sec["active"], sec["required"])
    tra = sum_by_child(training, links, ("budget_vnd", "spent_vnd"))
    tra["spent_pct"] = ratio_pct(tra["spent_vnd"], tra["budget_vnd"])
    out = sec.drop(columns=["name", "unit_type"]).merge(
        tra.drop(columns=["name", "unit_type"]), on="agency_code", how="outer"
    )
    return out.rename(columns={"agency_code": "unit_code"})


def attention(
    reduction_units: dict[str, pd.DataFrame],
    secondment: pd.DataFrame,
    training: pd.DataFrame,
    links: pd.DataFrame | None,
) -> pd.DataFrame:
    """One row per agency (province at the country level) from ``reduction_by_unit`` per category,
    with cc_/vc_progress and status, fulfilment_pct, spent_pct and problems (reduction behind in a
    category, secondment short of the requirement, under half of the training budget spent), most
    problems first, then the lowest civil-servant progress."""
    base = reduction_units["cong_chuc"][["unit_code", "name", "unit_type", "plan_progress_pct", "status"]].rename(
        columns={"plan_progress_pct": "cc_progress", "status": "cc_status"}
    )
    vc = reduction_units["vien_chuc"][["unit_code", "plan_progress_pct", "status"]].rename(
        columns={"plan_progress_pct": "vc_progress", "status": "vc_status"}
    )
    out = base.merge(vc, on="unit_code", how="left")
    out = of_level(out)
    by_child = programmes_by_child(secondment, training, links)
    out = out.merge(by_child[["unit_code", "fulfilment_pct", "spent_pct"]], on="unit_code", how="left")
    out["problems"] = (
        (out["cc_status"] == "behind").astype(int)
        + (out["vc_status"] == "behind").astype(int)
        + (out["fulfilment_pct"].fillna(100) < 100).astype(int)
        + (out["spent_pct"].fillna(100) < 50).astype(int)
    )
    return out.sort_values(["problems", "cc_progress"], ascending=[False, True]).reset_index(drop=True)
