"""Reorganisation page pieces: cards' numbers, decisions per year, per agency, job positions per
group, inspections per year, the decision trail."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui import charts
from ui.labels import code, t
from ui.tables import Spec

ACTIONS = ("sap_nhap", "giai_the", "thanh_lap", "kien_toan", "to_chuc_lai")
AGENCY_SPEC: Spec = (
    ("name", "col.unit", "text"),
    ("reorganised", "reorg.col_reorganised", "int"),
    ("cut", "reorg.col_cut", "int"),
    ("created", "reorg.col_created", "int"),
    ("restructured", "reorg.col_restructured", "int"),
    ("removed_sub_units", "reorg.col_removed", "int"),
    ("eligible", "reorg.col_eligible", "int"),
    ("approved", "reorg.col_approved", "int"),
    ("inspected", "reorg.col_inspected", "int"),
)
YEAR_SPEC: Spec = (
    ("year", "reorg.col_year", "text"),
    ("action", "reorg.col_action", "code"),
    ("units", "col.units", "int"),
    ("decisions", "reorg.col_decisions", "int"),
)
JOBS_SPEC: Spec = (
    ("group", "reorg.col_group", "text"),
    ("listed", "reorg.col_listed", "int"),
    ("not_eligible", "reorg.col_not_eligible", "int"),
    ("eligible", "reorg.col_eligible", "int"),
    ("approved", "reorg.col_approved", "int"),
    ("approved_pct", "reorg.col_approved_pct", "pct1"),
)
INSPECTION_SPEC: Spec = (
    ("year", "reorg.col_year", "text"),
    ("units_inspected", "reorg.col_inspected", "int"),
    ("inspections", "reorg.col_inspections", "int"),
    ("scheduled", "reorg.col_scheduled", "int"),
    ("unannounced", "reorg.col_unannounced", "int"),
    ("findings", "reorg.col_findings", "int"),
)
TRAIL_SPEC: Spec = (
    ("decision_date", "reorg.col_decision_date", "date"),
    ("decision_no", "reorg.col_decision_no", "text"),
    ("unit_name", "col.unit", "text"),
    ("agency_name", "reorg.col_agency", "text"),
    ("action", "reorg.col_action", "code"),
    ("successor_name", "reorg.col_successor", "text"),
    ("removed_divisions", "reorg.col_removed_divisions", "int"),
    ("removed_faculties", "reorg.col_removed_faculties", "int"),
    ("removed_branches", "reorg.col_removed_branches", "int"),
    ("effective_date", "reorg.col_effective", "date"),
)


def group_label(group: str, lang: str) -> str:
    return t(f"reorg.group_{group}", lang)


def by_year_figure(df: pd.DataFrame, lang: str) -> go.Figure:
    """Units affected per year, stacked by what the decisions did."""
    wide = df.pivot_table(index="year", columns="action", values="units", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=[a for a in ACTIONS if a in wide.columns]).reset_index()
    wide["year"] = wide["year"].astype(str)
    return charts.grouped_bars(
        wide,
        x="year",
        barmode="stack",
        lang=lang,
        y_title=t("reorg.units_axis", lang),
        series=[(a, code(a, lang)) for a in ACTIONS if a in wide.columns],
    )


def by_agency_figure(df: pd.DataFrame, lang: str, top: int = 15) -> go.Figure:
    """The agencies with most units reorganised, stacked by what happened to them."""
    d = df.sort_values("reorganised", ascending=False).head(top)
    return charts.grouped_bars(
        d,
        x="name",
        code="agency_code",
        horizontal=True,
        barmode="stack",
        lang=lang,
        y_title=t("reorg.units_axis", lang),
        series=(
            ("cut", t("reorg.col_cut", lang)),
            ("created", t("reorg.col_created", lang)),
            ("restructured", t("reorg.col_restructured", lang)),
        ),
    )


def jobs_frame(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    d = df[df["listed"] > 0].copy()
    d["group"] = [group_label(g, lang) for g in d["unit_group"]]
    d["text"] = [f"{a}/{e}" for a, e in zip(d["approved"], d["eligible"], strict=True)]
    return d


def jobs_figure(d: pd.DataFrame, lang: str) -> go.Figure:
    """Approved as % of eligible per group, with the counts on the bars."""
    return charts.progress_bars(
        d,
        label="group",
        value="approved_pct",
        code="unit_group",
        status=None,
        lang=lang,
        value_title=t("reorg.col_approved_pct", lang),
        target_label=t("reorg.all_eligible", lang),
        text="text",
    )


def inspections_figure(df: pd.DataFrame, lang: str) -> go.Figure:
    """Units inspected per year, each counted once a year however many visits it had (the card's
    measure); the visits are in the table."""
    d = df.assign(year=df["year"].astype(str))
    return charts.grouped_bars(
        d,
        x="year",
        lang=lang,
        y_title=t("reorg.col_inspected", lang),
        series=(("units_inspected", t("reorg.col_inspected", lang)),),
    )
