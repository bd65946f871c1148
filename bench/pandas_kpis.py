"""Straightforward pandas implementations of one KPI per page, the baseline of ``bench/run.py``.

What a careful analyst would write with pandas: the raw tables held in memory as DataFrames
(loaded once, like a dashboard that reads everything at start-up; the load is timed apart), each
KPI computed from them on request with merges, filters and group-bys. Each returns the columns its
analytics twin returns from SQL, so ``same`` can compare them for equality.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from analytics import codes, quality, reduction, secondment, training, workforce

TABLES = ("unit", "quota", "person", "training", "secondment")


@dataclass
class Frames:
    unit: pd.DataFrame
    quota: pd.DataFrame
    person: pd.DataFrame
    training: pd.DataFrame
    secondment: pd.DataFrame


def load_frames(con: duckdb.DuckDBPyConnection) -> Frames:
    """Every table the baselines read, fully in memory."""
    frames = {t: con.cursor().execute(f"SELECT * FROM {t}").df() for t in TABLES}  # noqa: S608 fixed names
    for df in frames.values():
        for col in df.columns:
            if str(df[col].dtype).startswith("datetime64"):
                df[col] = df[col].dt.date
    return Frames(**frames)


def scope_units(f: Frames, scope: str | None) -> set[str]:
    """The scope unit and every unit under it through parent_code and merged_into (all when None)."""
    if scope is None:
        return set(f.unit["unit_code"])
    edges = pd.concat(
        [
            f.unit[["unit_code", "parent_code"]].set_axis(["child", "up"], axis=1),
            f.unit[["unit_code", "merged_into"]].set_axis(["child", "up"], axis=1),
        ]
    ).dropna()
    found, frontier = {scope}, {scope}
    while frontier:
        frontier = set(edges.loc[edges["up"].isin(frontier), "child"]) - found
        found |= frontier
    return found


def roster(f: Frames, scope: str | None, as_of: date | None) -> pd.DataFrame:
    """People rows of each unit's latest snapshot on or before as_of, as ``_roster.sql``."""
    p = f.person if as_of is None else f.person[f.person["as_of"] <= as_of]
    snap = p.groupby("unit_code", as_index=False)["as_of"].max().rename(columns={"as_of": "snap"})
    u = f.unit[["unit_code", "merged_into", "valid_to"]]
    s = snap.merge(u, on="unit_code", how="left").merge(
        snap.rename(columns={"unit_code": "merged_into", "snap": "m_snap"}), on="merged_into", how="left"
    )
    cutoff = as_of or date.today()
    keep = (s["valid_to"].isna() | (s["valid_to"] >= cutoff)) & (s["m_snap"].isna() | (s["m_snap"] <= s["snap"]))
    s = s[keep & s["unit_code"].isin(scope_units(f, scope))]
    return f.person.merge(s[["unit_code", "snap"]], left_on=["unit_code", "as_of"], right_on=["unit_code", "snap"])


def _years(birth: pd.Series, at: pd.Series) -> pd.Series:
    b, a = pd.to_datetime(birth), pd.to_datetime(at)
    return a.dt.year - b.dt.year - ((a.dt.month < b.dt.month) | ((a.dt.month == b.dt.month) & (a.dt.day < b.dt.day)))


def age_pyramid(f: Frames, *, scope: str | None, as_of: date) -> pd.DataFrame:
    p = roster(f, scope, as_of)
    p = p[p["status"] == "dang_cong_tac"]
    band = _years(p["birth_date"], pd.Series(as_of, index=p.index)) // 5 * 5
    out = p.assign(age_band_start=band).groupby(["age_band_start", "gender"], as_index=False).size()
    return out.rename(columns={"size": "people"})


def workforce_by_category(f: Frames, *, scope: str | None, as_of: date, young_age: int) -> pd.DataFrame:
    p = roster(f, scope, as_of)
    p = p[p["status"] == "dang_cong_tac"]
    age = _years(p["birth_date"], pd.Series(as_of, index=p.index))
    p = p.assign(w=p["gender"] == "nu", m=p["ethnicity"] != "kinh", y=age < young_age)
    out = p.groupby("category", as_index=False, dropna=False).agg(
        people=("person_id", "size"), women=("w", "sum"), minority=("m", "sum"), young=("y", "sum")
    )
    return out.rename(columns={"category": "value"})


def reduction_by_year(f: Frames, *, scope: str | None, category: str) -> pd.DataFrame:
    q = f.quota[(f.quota["category"] == category) & f.quota["unit_code"].isin(scope_units(f, scope))]
    return q.groupby("year", as_index=False).agg(
        quota_assigned=("quota_assigned", "sum"),
        cut_pending=("cut_pending", "sum"),
        present_reported=("present", "sum"),
        units=("unit_code", "size"),
    )


def secondment_by_commune(f: Frames, *, scope: str | None, as_of: date) -> pd.DataFrame:
    u = f.unit
    c = u[
        (u["unit_type"] == "ubnd_xa")
        & (u["level"] == "commune")
        & u["merged_into"].isna()
        & (u["valid_from"].isna() | (u["valid_from"] <= as_of))
        & (u["valid_to"].isna() | (u["valid_to"] >= as_of))
        & u["unit_code"].isin(scope_units(f, scope))
    ]
    s = f.secondment[f.secondment["start_date"] <= as_of]
    end = s["actual_end_date"].where(s["actual_end_date"].notna(), s["planned_end_date"])
    s = s.assign(is_active=end >= as_of)
    agg = s.groupby("receiving_unit_code").agg(received=("secondment_id", "size"), active=("is_active", "sum"))
    out = c[["unit_code"]].merge(agg, left_on="unit_code", right_index=True, how="left").fillna(0)
    return out.sort_values("unit_code")


def training_by_field(f: Frames, *, scope: str | None) -> pd.DataFrame:
    """Every field of codes.TRAINING_FIELDS, zeros for one without records, as ours gives them."""
    t = f.training[f.training["unit_code"].isin(scope_units(f, scope))]
    t = t.assign(
        dom=t["cost_spent_vnd"].where(t["location"] == "trong_nuoc", 0),
        abr=t["cost_spent_vnd"].where(t["location"] == "nuoc_ngoai", 0),
    )
    sums = t.groupby("field").agg(
        records=("record_id", "size"),
        participants=("participants", "sum"),
        committed_vnd=("cost_committed_vnd", "sum"),
        spent_vnd=("cost_spent_vnd", "sum"),
        domestic_spent_vnd=("dom", "sum"),
        abroad_spent_vnd=("abr", "sum"),
    )
    return sums.reindex(list(codes.TRAINING_FIELDS), fill_value=0).rename_axis("field").reset_index()


def person_two_units(f: Frames, *, scope: str | None, as_of: date) -> pd.DataFrame:
    p = f.person[f.person["as_of"] <= as_of]
    snap = p.groupby("unit_code")["as_of"].transform("max")
    i = p[(p["as_of"] == snap) & (p["status"] == "dang_cong_tac")]
    i = i[i.duplicated(["as_of", "person_id"], keep=False)]
    inside = scope_units(f, scope)
    i = i.assign(inside=i["unit_code"].isin(inside))
    out = i.groupby(["as_of", "person_id"], as_index=False).agg(units=("unit_code", "size"), inside=("inside", "any"))
    return out[out["inside"]].drop(columns="inside")


def over_quota(f: Frames, *, scope: str | None, as_of: date) -> pd.DataFrame:
    q = f.quota[f.quota["year"] <= as_of.year]
    latest = q.groupby(["unit_code", "category"])["year"].transform("max")
    q = q[(q["year"] == latest) & (q["present"] > q["quota_assigned"]) & q["unit_code"].isin(scope_units(f, scope))]
    return q.assign(over_by=q["present"] - q["quota_assigned"])[["unit_code", "year", "category", "over_by"]]


@dataclass
class Twin:
    """A page's KPI: the analytics call, its pandas twin and the columns both return."""

    name: str
    ours: Callable[[duckdb.DuckDBPyConnection], pd.DataFrame]
    theirs: Callable[[Frames], pd.DataFrame]
    keys: tuple[str, ...]
    columns: tuple[str, ...]


def twins(scope: str | None, as_of: date, young_age: int) -> dict[str, Twin]:
    """One KPI per page (page name → twin)."""
    return {
        "reduction page": Twin(
            "reduction_by_year",
            lambda c: reduction.reduction_by_year(c, category="vien_chuc", scope=scope),
            lambda f: reduction_by_year(f, scope=scope, category="vien_chuc"),
            ("year",),
            ("quota_assigned", "cut_pending", "present_reported", "units"),
        ),
        "secondment page": Twin(
            "secondment_by_commune",
            lambda c: secondment.secondment_by_commune(c, as_of=as_of, scope=scope),
            lambda f: secondment_by_commune(f, scope=scope, as_of=as_of),
            ("unit_code",),
            ("received", "active"),
        ),
        "training page": Twin(
            "training_by_field",
            lambda c: training.training_by_field(c, scope=scope),
            lambda f: training_by_field(f, scope=scope),
            ("field",),
            ("records", "participants", "committed_vnd", "spent_vnd", "domestic_spent_vnd", "abroad_spent_vnd"),
        ),
        "workforce page": Twin(
            "workforce_by(category) + age_pyramid",
            lambda c: pd.concat(
                [
                    workforce.workforce_by(c, dimension="category", as_of=as_of, scope=scope),
                    workforce.age_pyramid(c, as_of=as_of, scope=scope),
                ]
            ),
            lambda f: pd.concat(
                [
                    workforce_by_category(f, scope=scope, as_of=as_of, young_age=young_age),
                    age_pyramid(f, scope=scope, as_of=as_of),
                ]
            ),
            ("value", "age_band_start", "gender"),
            ("people", "women", "minority", "young"),
        ),
        "quality page": Twin(
            "checks person_two_units + over_quota",
            lambda c: pd.concat(
                [
                    quality.check_person_two_units(c, as_of=as_of, scope=scope),
                    quality.check_over_quota(c, as_of=as_of, scope=scope),
                ]
            ),
            lambda f: pd.concat(
                [person_two_units(f, scope=scope, as_of=as_of), over_quota(f, scope=scope, as_of=as_of)]
            ),
            ("as_of", "person_id", "unit_code", "year", "category"),
            ("units", "over_by"),
        ),
    }


def same(a: pd.DataFrame, b: pd.DataFrame, keys: tuple[str, ...], columns: tuple[str, ...]) -> bool:
    """Equal rows on the key and value columns, whatever the order and the integer/float types."""

    def norm(df: pd.DataFrame) -> pd.DataFrame:
        cols = [c for c in (*keys, *columns) if c in df.columns]
        out = df[cols].copy()
        for c in columns:
            if c in out.columns:
                out[c] = pd.to_numeric(out[c]).fillna(0).astype("float64")
        for c in keys:
            if c in out.columns:
                out[c] = out[c].astype("string").fillna("∅")
        return out.sort_values([c for c in keys if c in out.columns]).reset_index(drop=True)

    x, y = norm(a), norm(b)
    return list(x.columns) == list(y.columns) and x.equals(y)
