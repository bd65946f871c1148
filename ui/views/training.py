"""Training page pieces: budget vs committed vs spent per agency, spend by field."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui import charts
from ui.labels import code, t
from ui.tables import Spec

AGENCY_SPEC: Spec = (
    ("name", "col.unit", "text"),
    ("fund_source", "col.fund_source", "code"),
    ("months_with_payroll", "col.months_with_payroll", "int"),
    ("salary_fund_vnd", "col.salary_fund", "money"),
    ("budget_vnd", "col.budget", "money"),
    ("committed_vnd", "col.committed", "money"),
    ("spent_vnd", "col.spent", "money"),
    ("remaining_vnd", "col.remaining", "money"),
    ("spent_pct", "col.spent_pct", "pct1"),
    ("participants", "col.participants", "int"),
    ("cost_per_participant_vnd", "col.cost_per_participant", "money"),
    ("days_left", "col.days_left", "int"),
)
FIELD_SPEC: Spec = (
    ("field", "col.field", "code"),
    ("is_priority", "col.priority", "text"),
    ("records", "col.records", "int"),
    ("participants", "col.participants", "int"),
    ("committed_vnd", "col.committed", "money"),
    ("spent_vnd", "col.spent", "money"),
    ("domestic_spent_vnd", "col.domestic", "money"),
    ("abroad_spent_vnd", "col.abroad", "money"),
    ("spent_share_pct", "col.spent_share", "pct1"),
)
BILLION = 1e9


def budget_figure(df: pd.DataFrame, lang: str) -> go.Figure:
    """Committed and spent as % of each agency's 5 % budget, lowest spend first: agencies of very
    different size compare on one scale (the amounts are in the table). ``df``: agencies with a
    budget (the page picks them, and at most the 30 furthest behind)."""
    d = df.copy()
    d["committed_pct"] = d["committed_vnd"] / d["budget_vnd"] * 100
    d["spent_pct_"] = d["spent_vnd"] / d["budget_vnd"] * 100
    d = d.sort_values("spent_pct_")
    fig = charts.grouped_bars(
        d,
        x="name",
        code="agency_code",
        horizontal=True,
        lang=lang,
        y_title=t("train.pct_of_budget", lang),
        series=(("committed_pct", t("col.committed", lang)), ("spent_pct_", t("col.spent", lang))),
        colours=(charts.SKY, charts.BLUE),
    )
    charts.reference_line(fig, x=100, text=t("col.budget", lang), position="top")
    return fig


def field_figure(df: pd.DataFrame, lang: str) -> go.Figure:
    d = df.sort_values("spent_vnd").copy()
    d["label"] = [("★ " if p else "") + code(f, lang) for f, p in zip(d["field"], d["is_priority"], strict=True)]
    d["domestic"] = d["domestic_spent_vnd"] / BILLION
    d["abroad"] = d["abroad_spent_vnd"] / BILLION
    return charts.grouped_bars(
        d,
        x="label",
        horizontal=True,
        barmode="stack",
        lang=lang,
        y_title=t("train.billion", lang),
        series=(("domestic", code("trong_nuoc", lang)), ("abroad", code("nuoc_ngoai", lang))),
    )
