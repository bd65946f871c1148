"""Reduction page pieces: cards per category, progress by unit, quota by year, projection."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ui import charts
from ui import format as fmt
from ui.cards import kpi_card
from ui.labels import code, t
from ui.tables import Spec

UNIT_SPEC: Spec = (
    ("name", "col.unit", "text"),
    ("baseline_quota", "col.baseline_quota", "int"),
    ("current_quota", "col.current_quota", "int"),
    ("reduced_done", "col.reduced_done", "int"),
    ("reduced_pending", "col.reduced_pending", "int"),
    ("reduced_total", "col.reduced_total", "int"),
    ("reduced_pct", "col.reduced_pct", "pct"),
    ("plan", "col.plan", "float1"),
    ("plan_progress_pct", "col.plan_progress_pct", "pct1"),
    ("status", "col.status", "code"),
)
GROUP_SPEC: Spec = (("group_label", "col.group", "text"), *UNIT_SPEC[1:])
YEAR_SPEC: Spec = (
    ("year", "col.year", "text"),
    ("quota_assigned", "col.quota_assigned", "int"),
    ("cut_pending", "col.reduced_pending", "int"),
    ("reduced_done", "col.reduced_done", "int"),
    ("reduced_total", "col.reduced_total", "int"),
    ("reduced_pct", "col.reduced_pct", "pct"),
)
PEOPLE_SPEC: Spec = (
    ("category", "col.category", "code"),
    ("route", "col.route", "code"),
    ("year", "col.year", "text"),
    ("people", "col.people", "int"),
    ("payout_vnd", "col.payout", "money"),
)


def cards(row: pd.Series, lang: str) -> None:
    """The headline card of one category: reduced total against plan, with done/pending and pace."""
    n = lambda v, d=0: fmt.number(v, lang, d)  # noqa: E731 local shorthand
    kpi_card(
        t("red.card_title", lang, category=code(row["category"], lang)),
        f"{n(row['reduced_total'])} / {n(row['plan'], 1)}",
        lang=lang,
        status=row["status"],
        lines=(
            t(
                "red.card_progress",
                lang,
                pct=fmt.percent(row["plan_progress_pct"], lang, 1),
                reduced=fmt.percent(row["reduced_pct"], lang, 2),
                target=fmt.percent(row["target_pct"], lang, 0),
                baseline=n(row["baseline_quota"]),
                year=row["baseline_year"],
            ),
            t(
                "red.card_split",
                lang,
                done=n(row["reduced_done"]),
                pending=n(row["reduced_pending"]),
                done_pct=fmt.percent(row["plan_progress_done_pct"], lang, 1),
            ),
            t(
                "red.card_pace",
                lang,
                remaining=n(row["remaining_to_target"], 1),
                months=n(row["months_left"], 0),
                pace=n(row["pace_needed_per_month"], 1),
            )
            if row["remaining_to_target"] > 0
            else t("red.card_reached", lang),
        ),
    )


def named(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Give the breakdown's NULL-key row (the scope unit's own quota and former units under no
    current unit) a readable name."""
    return df.assign(name=df["name"].where(df["unit_code"].notna(), t("red.rest_of_scope", lang)))


def progress_figure(df: pd.DataFrame, lang: str, expected: float | None) -> go.Figure:
    d = named(df.dropna(subset=["plan_progress_pct"]), lang)
    d["label"] = d["name"].fillna(d["unit_code"])
    d["text"] = d["plan_progress_pct"].map(lambda v: fmt.percent(v, lang, 1))
    return charts.progress_bars(
        d,
        label="label",
        value="plan_progress_pct",
        code="unit_code",
        status="status",
        lang=lang,
        text="text",
        target=100.0,
        pace=expected,
        value_title=t("col.plan_progress_pct", lang),
        target_label=t("red.plan_line", lang),
        pace_label=t("red.pace_line", lang),
    )


def group_labelled(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Name each group; units without a former province are the city-wide agencies."""
    empty = t("red.city_wide" if df.attrs.get("by") == "former_province" else "red.no_group", lang)
    return df.assign(group_label=df["group_code"].map(lambda c: code(c, lang) if isinstance(c, str) else empty))


def group_figure(df: pd.DataFrame, lang: str) -> go.Figure:
    d = df.dropna(subset=["plan_progress_pct"]).copy()
    d["text"] = d["plan_progress_pct"].map(lambda v: fmt.percent(v, lang, 1))
    return charts.progress_bars(
        d,
        label="group_label",
        value="plan_progress_pct",
        code="group_code",
        status="status",
        lang=lang,
        text="text",
        value_title=t("col.plan_progress_pct", lang),
        target_label=t("red.plan_line", lang),
    )


def year_figure(df: pd.DataFrame, lang: str, target_pct: float) -> go.Figure:
    """Quota per year, and the same less the cuts pending approval, against baseline and target."""
    d = df.assign(firm=df["quota_assigned"] - df["cut_pending"])
    baseline = float(d["baseline_quota"].iloc[0]) if len(d) and d["baseline_quota"].iloc[0] else None
    return charts.lines_with_targets(
        d,
        x="year",
        lang=lang,
        y_title=t("col.quota_assigned", lang),
        series=(("quota_assigned", t("col.quota_assigned", lang)), ("firm", t("red.series_quota_after_pending", lang))),
        hlines=(
            (baseline, t("red.baseline_line", lang), charts.GREY, "dot"),
            (
                baseline * (1 - target_pct / 100) if baseline else None,
                t("red.target_line", lang, pct=fmt.percent(target_pct, lang, 0)),
                charts.VERMILLION,
                "dash",
            ),
        ),
    )


def projection_frame(row: pd.Series, lang: str) -> pd.DataFrame:
    """The projection chart's data: what is done, pending, and where the two projections land."""
    items: list[tuple[str, Any]] = [
        ("red.proj_done", row["reduced_done"]),
        ("red.proj_total", row["reduced_total"]),
        ("red.proj_straight", row["projected_end_total"]),
        ("red.proj_retire", row["projected_end_with_retirements"]),
    ]
    return pd.DataFrame({"measure": [t(k, lang) for k, _ in items], "posts": [float(v) for _, v in items]})


def projection_figure(frame: pd.DataFrame, row: pd.Series, lang: str) -> go.Figure:
    """Horizontal bars (long Vietnamese labels read on the left) against the plan line."""
    fig = charts.grouped_bars(
        frame,
        x="measure",
        series=(("posts", t("col.posts", lang)),),
        lang=lang,
        horizontal=True,
        y_title=t("col.posts", lang),
        height=320,
    )
    charts.reference_line(
        fig,
        x=float(row["plan"]),
        colour=charts.VERMILLION,
        dash="dash",
        position="above right",  # above the plot: at its foot the label was written over the last bar
        text=t("red.plan_value", lang, plan=fmt.number(row["plan"], lang, 1)),
    )
    fig.update_layout(showlegend=False)
    return fig


def people_figure(df: pd.DataFrame, lang: str) -> go.Figure:
    d = df.groupby(["year", "route"], as_index=False)["people"].sum()
    wide = d.pivot(index="year", columns="route", values="people").fillna(0).reset_index()
    routes = [c for c in wide.columns if c != "year"]
    wide["year"] = wide["year"].astype(str)
    return charts.grouped_bars(
        wide,
        x="year",
        series=[(r, code(r, lang)) for r in routes],
        lang=lang,
        barmode="stack",
        y_title=t("col.people", lang),
        height=340,
    )
