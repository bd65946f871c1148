"""Workforce page pieces: quota vs present vs vacant, age pyramid, composition, retirement wave."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui import charts
from ui.labels import code, t
from ui.tables import Spec

HEADCOUNT_SPEC: Spec = (
    ("name", "col.unit", "text"),
    ("category", "col.category", "code"),
    ("quota", "col.quota_assigned", "int"),
    ("present", "col.present", "int"),
    ("vacant", "col.vacant", "int"),
    ("over_quota", "col.over_quota", "text"),
)
PYRAMID_SPEC: Spec = (
    ("age_band", "col.age_band", "text"),
    ("gender", "col.gender", "code"),
    ("people", "col.people", "int"),
)
BY_SPEC: Spec = (
    ("value_label", "col.value", "text"),
    ("people", "col.people", "int"),
    ("women", "col.women", "int"),
    ("minority", "col.minority", "int"),
    ("young", "col.young", "int"),
    ("share_pct", "col.share", "pct1"),
)
RETIRE_SPEC: Spec = (
    ("year", "col.year", "text"),
    ("category", "col.category", "code"),
    ("gender", "col.gender", "code"),
    ("people", "col.people", "int"),
)
POOL_SPEC: Spec = (
    ("name", "col.unit", "text"),
    ("staff", "col.staff", "int"),
    ("leaders", "col.leaders", "int"),
    ("succession_pool", "col.pool", "int"),
    ("pool_women", "col.pool_women", "int"),
    ("pool_young", "col.pool_young", "int"),
    ("pool_disciplined", "col.pool_disciplined", "int"),
    ("pool_per_leader", "col.pool_per_leader", "float1"),
)


def headcount_figure(df: pd.DataFrame, lang: str) -> go.Figure:
    d = df.dropna(subset=["quota"]).sort_values("vacant").copy()
    return charts.grouped_bars(
        d,
        x="name",
        code="unit_code",
        horizontal=True,
        lang=lang,
        y_title=t("col.people", lang),
        series=(("quota", t("col.quota_assigned", lang)), ("present", t("col.present", lang))),
        colours=(charts.GREY, charts.BLUE),
    )


def pyramid_figure(df: pd.DataFrame, lang: str) -> go.Figure:
    wide = df.pivot_table(index="age_band", columns="gender", values="people", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=["nam", "nu"], fill_value=0).reset_index()
    return charts.pyramid(
        wide,
        band="age_band",
        men="nam",
        women="nu",
        lang=lang,
        men_label=code("nam", lang),
        women_label=code("nu", lang),
    )


def by_frame(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    return df.assign(
        value_label=df["value"].map(lambda v: code(v, lang) if v is not None and v == v else t("wf.not_recorded", lang))
    )


def by_figure(df: pd.DataFrame, lang: str) -> go.Figure:
    d = df.sort_values("people")
    return charts.grouped_bars(
        d,
        x="value_label",
        horizontal=True,
        lang=lang,
        y_title=t("col.people", lang),
        series=(("people", t("col.people", lang)),),
        height=max(260, 30 * len(d) + 80),
    )


def retire_figure(df: pd.DataFrame, lang: str) -> go.Figure:
    wide = df.pivot_table(index="year", columns="category", values="people", aggfunc="sum", fill_value=0).reset_index()
    cats = [c for c in wide.columns if c != "year"]
    wide["year"] = wide["year"].astype(str)
    return charts.grouped_bars(
        wide,
        x="year",
        barmode="stack",
        lang=lang,
        y_title=t("col.people", lang),
        series=[(c, code(c, lang)) for c in cats],
    )


def pool_figure(df: pd.DataFrame, lang: str) -> go.Figure:
    d = df.sort_values("pool_per_leader", na_position="first")
    return charts.grouped_bars(
        d,
        x="name",
        code="unit_code",
        horizontal=True,
        lang=lang,
        y_title=t("col.people", lang),
        series=(("leaders", t("col.leaders", lang)), ("succession_pool", t("col.pool", lang))),
    )
