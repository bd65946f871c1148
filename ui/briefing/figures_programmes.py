"""The briefing's other figures: secondment, training budget, reorganisation, reporting, data freshness,
and the comparison of two decks.

Each takes ``(slide, theme, scale)`` and returns the Plotly figure alone (``ui.briefing.slides``
frames it); shared pieces in ``ui.briefing.style``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ui import charts
from ui import format as fmt
from ui.briefing.style import (
    MAX_TABLE_ROWS,
    SlideData,
    Theme,
    bar_room,
    empty_figure,
    lowest,
    table_figure,
    when,
)
from ui.labels import code, t
from ui.views.reporting import status_label


def secondment_figure(slide: SlideData, th: Theme, scale: float) -> go.Figure:
    rows, left_out = lowest(slide)
    if not rows:
        return empty_figure(slide, th, scale)
    lang, threshold = slide.lang, slide.privacy_min_count
    df = pd.DataFrame(rows)

    def text(r: dict[str, Any]) -> str:
        base = f"{fmt.percent(r['fulfilment_pct'], lang, 0)} ({fmt.number(r['active'], lang)}/{fmt.number(r['required'], lang)})"
        shown = (
            f"<{threshold}"
            if r["violations_suppressed"]
            else (fmt.number(r["violations"], lang) if r["violations"] else "")
        )
        return f"{base} · {t('brief.violations', lang, n=shown)}" if shown else base

    df["text"] = [text(r) for r in rows]
    df["label"] = df["name"].fillna(df["agency_code"])
    fig = charts.progress_bars(
        df,
        label="label",
        value="fulfilment_pct",
        code="agency_code",
        status="status",
        lang=lang,
        target=100.0,
        value_title=_with(t("brief.axis.fulfilment", lang), left_out),
        target_label=t("brief.full", lang),
        text="text",
    )
    return bar_room(fig, df["fulfilment_pct"])


def _with(title: str, left_out: str) -> str:
    """An axis title and, when the slide leaves rows out, the line that says which it shows."""
    return f"{title} · {left_out}" if left_out else title


def training_figure(slide: SlideData, th: Theme, scale: float) -> go.Figure:
    rows, left_out = lowest(slide)
    if not rows:
        return empty_figure(slide, th, scale)
    lang = slide.lang
    df = pd.DataFrame(rows)
    df["label"] = df["name"].fillna(df["agency_code"])
    df["text"] = [
        f"{fmt.percent(p, lang, 0)} · {fmt.money(s, lang)}"
        for p, s in zip(df["spent_pct"], df["spent_vnd"], strict=True)
    ]
    elapsed = (slide.data.get("totals") or {}).get("elapsed_pct")
    if elapsed is not None and elapsed >= 97:  # the window is (nearly) over: the 100 % line says it
        elapsed = None
    fig = charts.progress_bars(
        df,
        label="label",
        value="spent_pct",
        code="agency_code",
        status="status",
        lang=lang,
        target=100.0,
        pace=elapsed,
        value_title=_with(t("brief.axis.spent", lang), left_out),
        target_label=t("brief.full", lang),
        pace_label=t("brief.elapsed", lang),
        text="text",
    )
    return bar_room(fig, df["spent_pct"])


def freshness_figure(slide: SlideData, th: Theme, scale: float) -> go.Figure:
    rows = slide.data.get("rows") or []
    if not rows:
        return empty_figure(slide, th, scale)
    lang = slide.lang
    return table_figure(
        [
            t("brief.col.table", lang),
            t("brief.col.rows", lang),
            t("brief.col.latest", lang),
            t("brief.col.loaded", lang),
        ],
        [
            [code(r["table"], lang) for r in rows],
            [fmt.number(r["rows"], lang) for r in rows],
            [fmt.day(r["latest"]) for r in rows],
            [when(r["loaded_at"]) if r["loaded_at"] else "–" for r in rows],
        ],
        None,
        th,
        scale,
        ["left", "right", "right", "right"],
    )


def reorganisation_figure(slide: SlideData, th: Theme, scale: float) -> go.Figure:
    rows = slide.data.get("rows") or []
    if not rows:
        return empty_figure(slide, th, scale)
    lang = slide.lang
    year = slide.data.get("inspection_year", "")
    return table_figure(
        [t("brief.col.measure", lang), t("brief.col.done", lang), t("brief.col.of", lang)],
        [
            [t(f"brief.reorg.{r['measure']}", lang, year=year) for r in rows],
            [fmt.number(r["done"], lang) for r in rows],
            [fmt.number(r["of"], lang) if r["of"] is not None else "" for r in rows],
        ],
        None,
        th,
        scale,
        ["left", "right", "right"],
    )


def reporting_figure(slide: SlideData, th: Theme, scale: float) -> go.Figure:
    rows = slide.data.get("rows") or []
    if not rows:
        return empty_figure(slide, th, scale)
    lang = slide.lang
    shown = rows[:MAX_TABLE_ROWS]
    names = [r["name"] or r["unit_code"] for r in shown]
    status = [status_label(r["status"], lang) for r in shown]
    kinds = [", ".join(code(k, lang) for k in r["kinds"]) for r in shown]
    if len(rows) > len(shown):
        names[-1], status[-1], kinds[-1] = (
            t("brief.more_units", lang, n=fmt.number(len(rows) - len(shown) + 1, lang)),
            "",
            "",
        )
    return table_figure(
        [t("brief.col.unit", lang), t("brief.col.status", lang), t("brief.col.kinds_owed", lang)],
        [names, status, kinds],
        None,
        th,
        scale,
        ["left", "left", "left"],
    )


def _compare_value(v: Any, kind: str, lang: str, signed: bool = False) -> str:
    if v is None:
        return "–"
    sign = "+" if signed and v > 0 else ""
    if kind == "pct":
        return sign + fmt.percent(v, lang, 1)
    if kind == "vnd":
        return sign + fmt.money(v, lang)
    return sign + fmt.number(v, lang)


def compare_figure(slide: SlideData, th: Theme, scale: float) -> go.Figure:
    lang, rows = slide.lang, slide.data["rows"]
    return table_figure(
        [t("brief.col.metric", lang), slide.data["a"], slide.data["b"], t("brief.col.change", lang)],
        [
            [t(f"brief.metric.{r['metric']}", lang) for r in rows],
            [_compare_value(r["a"], r["kind"], lang) for r in rows],
            [_compare_value(r["b"], r["kind"], lang) for r in rows],
            [_compare_value(r["change"], r["kind"], lang, signed=True) for r in rows],
        ],
        None,
        th,
        scale,
        ["left", "right", "right", "right"],
    )
