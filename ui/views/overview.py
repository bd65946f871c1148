"""Overview page pieces: headline cards with change since the previous snapshot, the trend of both
reduction series against their targets, and the agencies that need attention."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui import charts
from ui import format as fmt
from ui.cards import kpi_card
from ui.labels import code, t
from ui.tables import Spec

# The areas the overview shows (its data-quality summary lives on the quality page).
PARTS = ("reduction", "secondment", "training", "workforce")
ATTENTION_SPEC: Spec = (
    ("name", "col.unit", "text"),
    ("cc_progress", "ov.col_cc_progress", "pct1"),
    ("cc_status", "ov.col_cc_status", "code"),
    ("vc_progress", "ov.col_vc_progress", "pct1"),
    ("vc_status", "ov.col_vc_status", "code"),
    ("fulfilment_pct", "col.fulfilment_pct", "pct1"),
    ("spent_pct", "col.spent_pct", "pct1"),
    ("problems", "ov.col_problems", "int"),
)
FRESH_SPEC: Spec = (
    ("table_label", "about.table", "text"),
    ("rows", "about.count", "int"),
    ("latest", "about.as_of", "date"),
    ("loaded_at", "ov.col_loaded_at", "datetime"),
    ("loaded_by", "ov.col_loaded_by", "text"),
)


def previous_snapshot(snapshot_dates: list[str], headline: dict[str, Any]) -> date | None:
    """The roster snapshot before the one the headline used (for "change since last snapshot")."""
    current = _get(headline, "workforce", "roster_as_of")
    earlier = [d for d in snapshot_dates if current and d < current]
    return date.fromisoformat(max(earlier)) if earlier else None


def _get(d: dict[str, Any] | None, *path: str) -> Any:
    for key in path:
        if not isinstance(d, dict):
            return None
        d = d.get(key)
    return d


def _delta(now: Any, before: Any, lang: str, digits: int = 0, suffix: str = "") -> str | None:
    """Change since the previous snapshot ('+12'); None when unknown or unchanged."""
    if now is None or before is None or float(now) == float(before):
        return None
    diff = float(now) - float(before)
    return f"{'+' if diff >= 0 else ''}{fmt.number(diff, lang, digits)}{suffix}"


def cards(h: dict[str, Any], prev: dict[str, Any] | None, lang: str) -> None:
    """Five cards: the two reduction series, secondment, training, workforce (None parts say why)."""
    columns = st.columns(5)
    for column, category in zip(columns[:2], ("cong_chuc", "vien_chuc"), strict=True):
        r = _get(h, "reduction", category)
        with column:
            title = t("ov.card_cc" if category == "cong_chuc" else "ov.card_vc", lang)
            if r is None:
                kpi_card(title, "–", lang=lang, lines=(t("ov.missing_quota", lang),))
                continue
            kpi_card(
                title,
                fmt.percent(r["plan_progress_pct"], lang, 1),
                lang=lang,
                status=r["status"],
                delta=_delta(r["reduced_total"], _get(prev, "reduction", category, "reduced_total"), lang),
                lines=(
                    t(
                        "ov.card_reduction_line",
                        lang,
                        total=fmt.number(r["reduced_total"], lang),
                        plan=fmt.number(r["plan"], lang, 1),
                        pct=fmt.percent(r["reduced_pct"], lang, 2),
                    ),
                ),
            )
    s, tr_, w = h.get("secondment"), h.get("training"), h.get("workforce")
    with columns[2]:
        kpi_card(
            t("ov.card_secondment", lang),
            fmt.percent(_get(s, "fulfilment_pct"), lang, 1),
            lang=lang,
            delta=_delta(_get(s, "active"), _get(prev, "secondment", "active"), lang),
            lines=(
                t(
                    "sec.card_fulfilment_line",
                    lang,
                    active=fmt.number(_get(s, "active"), lang),
                    required=fmt.number(_get(s, "required"), lang),
                )
                if s
                else t("ov.missing_secondment", lang),
            ),
        )
    with columns[3]:
        kpi_card(
            t("ov.card_training", lang),
            fmt.percent(_get(tr_, "spent_pct"), lang, 1),
            lang=lang,
            lines=(
                t(
                    "ov.card_training_line" if _get(tr_, "days_left") else "ov.card_training_closed",
                    lang,
                    spent=fmt.money(_get(tr_, "spent_vnd"), lang),
                    budget=fmt.money(_get(tr_, "budget_vnd"), lang),
                    days=fmt.number(_get(tr_, "days_left"), lang),
                )
                if tr_
                else t("ov.missing_training", lang),
            ),
        )
    with columns[4]:
        kpi_card(
            t("ov.card_workforce", lang),
            fmt.number(_get(w, "present"), lang),
            lang=lang,
            delta=_delta(_get(w, "present"), _get(prev, "workforce", "present"), lang),
            delta_color="off",
            lines=(
                t("ov.card_workforce_line", lang, retiring=fmt.number(_get(w, "retiring_to_2030"), lang))
                if w
                else t("ov.missing_roster", lang),
            ),
        )


def trend_frame(years: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Quota of each reduction category per year as % of its baseline-year quota."""
    parts = []
    for category, df in years.items():
        if len(df) and df["baseline_quota"].iloc[0]:
            parts.append(
                pd.DataFrame(
                    {
                        "category": category,
                        "year": df["year"],
                        "quota_assigned": df["quota_assigned"],
                        "index_pct": (df["quota_assigned"] - df["cut_pending"]) / df["baseline_quota"] * 100,
                    }
                )
            )
    return (
        pd.concat(parts, ignore_index=True)
        if parts
        else pd.DataFrame(columns=["category", "year", "quota_assigned", "index_pct"])
    )


def trend_figure(frame: pd.DataFrame, settings: dict[str, Any], lang: str) -> go.Figure:
    fig = go.Figure()
    for i, (category, part) in enumerate(frame.groupby("category", sort=True)):
        colour = charts.SERIES[i]
        fig.add_trace(
            go.Scatter(
                x=part["year"].astype(str),
                y=part["index_pct"],
                mode="lines+markers",
                name=code(category, lang),
                line={"color": colour, "width": 3},
            )
        )
        target = 100 - settings[f"target_pct_{category}"]
        charts.reference_line(
            fig,
            y=target,
            colour=colour,
            dash="dash",
            width=1.5,
            position="bottom left",
            text=t("ov.target_line", lang, category=code(category, lang), pct=fmt.percent(target, lang, 0)),
        )
    charts.reference_line(
        fig,
        y=100,
        colour=charts.GREY,
        dash="dot",
        position="top left",
        text=t("ov.baseline_line", lang, year=settings["reduction_baseline_year"]),
    )
    fig.update_yaxes(title_text=t("ov.index_axis", lang), ticksuffix=" %")
    fig.update_xaxes(type="category")
    return charts.style(fig, lang, height=360)
