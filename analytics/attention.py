"""The units that need attention: those directly under the scope that the reduction lists (the
city's agencies under a province, the provinces under the country), each with its reduction
standing and the secondment and training of the city agencies inside it, most problems first.

A province's secondment and training are its agencies' added up: people on posting over people
required, money spent over the budget (not an average of the agencies' percentages), so a
province reads as its agencies would read together.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from analytics import sql_files
from analytics.scope import check_scope

# The rows: a province's agencies (and the other agencies under it), or the provinces at the country level.
AGENCY_TYPES = ("so_nganh", "co_quan_khac")
PROVINCE_TYPES = ("thanh_pho",)
CATEGORIES = ("cong_chuc", "vien_chuc")


def agencies_by_child(con: duckdb.DuckDBPyConnection, *, as_of: date, scope: str | None = None) -> pd.DataFrame:
    """unit_code (a unit directly under ``scope``), agency_code (a city agency in scope at ``as_of``
    inside it): the agency itself when the scope is its province, its province at the country level."""
    check_scope(con, scope)
    return sql_files.query(con, "agencies_by_child", {"as_of": as_of, "scope": scope})


def is_provinces(rows: pd.DataFrame) -> bool:
    """True when the rows (with unit_type) are provinces: the country level."""
    return bool(len(rows)) and bool(rows["unit_type"].isin(PROVINCE_TYPES).all())


def _ratio_pct(a: pd.Series, b: pd.Series) -> pd.Series:
    return a / b.where(b != 0) * 100


def programmes_by_child(secondment: pd.DataFrame, training: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """Per unit of ``links`` (``agencies_by_child``): required, active, fulfilment_pct from
    ``secondment_by_agency``; budget_vnd, spent_vnd, spent_pct from ``training_budget_by_agency``.
    An agency row is its own unit's when the scope is its province, so its percentages are its own."""
    sec = links.merge(
        secondment[["agency_code", "required", "active"]], on="agency_code", how="inner", validate="one_to_one"
    )
    sec = sec.groupby("unit_code", as_index=False)[["required", "active"]].sum()
    sec["fulfilment_pct"] = _ratio_pct(sec["active"], sec["required"])
    tra = links.merge(
        training[["agency_code", "budget_vnd", "spent_vnd"]], on="agency_code", how="inner", validate="one_to_one"
    )
    tra["budget_vnd"] = tra["budget_vnd"].astype("float64")
    # one agency's budget unknown leaves its province's unknown, rather than smaller than it is
    unknown = tra["budget_vnd"].isna().groupby(tra["unit_code"]).any()
    tra = tra.groupby("unit_code")[["budget_vnd", "spent_vnd"]].sum()
    tra.loc[unknown, "budget_vnd"] = float("nan")
    tra = tra.reset_index()
    tra["spent_pct"] = _ratio_pct(tra["spent_vnd"], tra["budget_vnd"])
    return sec.merge(tra, on="unit_code", how="outer")


def attention(
    reduction_units: dict[str, pd.DataFrame], secondment: pd.DataFrame, training: pd.DataFrame, links: pd.DataFrame
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
    out = out[out["unit_type"].isin(PROVINCE_TYPES if is_provinces(out) else AGENCY_TYPES)]
    by_child = programmes_by_child(secondment, training, links)
    out = out.merge(by_child[["unit_code", "fulfilment_pct", "spent_pct"]], on="unit_code", how="left")
    out["problems"] = (
        (out["cc_status"] == "behind").astype(int)
        + (out["vc_status"] == "behind").astype(int)
        + (out["fulfilment_pct"].fillna(100) < 100).astype(int)
        + (out["spent_pct"].fillna(100) < 50).astype(int)
    )
    return out.sort_values(["problems", "cc_progress"], ascending=[False, True]).reset_index(drop=True)
