"""The briefing's figures on the reduction targets: the headline tiles, reduction by category, agencies behind.

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
    BIG_PX,
    FONT_PX,
    MAX_TABLE_ROWS,
    SlideData,
    Theme,
    bar_room,
    empty_figure,
    fulfilment_status,
    of_provinces,
    status_cell,
    status_text,
    table_figure,
)
from ui.labels import code, t


def headline_figure(slide: SlideData, th: Theme, scale: float) -> go.Figure:
    d, lang = slide.data, slide.lang
    if slide.data["finding"] == "no_data":
        return empty_figure(slide, th, scale)
    red = d.get("reduction") or {}
    tiles: list[tuple[str, Any, str, str | None, str]] = []  # label, value, suffix kind, status, line
    for cat, key in (("cong_chuc", "brief.card.cc"), ("vien_chuc", "brief.card.vc")):
        r = red.get(cat)
        tiles.append(
            (
                t(key, lang),
                r and r["plan_progress_pct"],
                "pct",
                r and r["status"],
                t(
                    "brief.card.reduction_line",
                    lang,
                    total=fmt.number(r["reduced_total"], lang),
                    plan=fmt.number(r["plan"], lang, 1),
                )
                if r
                else "–",
            )
        )
    s, tr, w = d.get("secondment"), d.get("training"), d.get("workforce")
    tiles.append(
        (
            t("brief.card.sec", lang),
            s and s["fulfilment_pct"],
            "pct",
            fulfilment_status(s and s["fulfilment_pct"], float(slide.settings.get("status_behind_margin_pct", 10.0))),
            t(
                "brief.card.sec_line",
                lang,
                active=fmt.number(s["active"], lang),
                required=fmt.number(s["required"], lang),
            )
            if s
            else "–",
        )
    )
    tiles.append(
        (
            t("brief.card.tr", lang),
            tr and tr["spent_pct"],
            "pct",
            None,
            t(
                "brief.card.tr_line",
                lang,
                spent=fmt.money(tr["spent_vnd"], lang),
                budget=fmt.money(tr["budget_vnd"], lang),
            )
            if tr
            else "–",
        )
    )
    tiles.append(
        (
            t("brief.card.wf", lang),
            w and w["present"],
            "int",
            None,
            t("brief.card.wf_line", lang, retiring=fmt.number(w["retiring_to_2030"], lang)) if w else "–",
        )
    )
    fig = go.Figure()
    # Three tiles on the first row, two centred on the second.
    boxes = [(i / 3, (i + 1) / 3, 0.52, 1.0) for i in range(3)] + [
        (1 / 6 + i / 3, 1 / 6 + (i + 1) / 3, 0.0, 0.48) for i in range(2)
    ]
    for (label, value, kind, status, line), (x0, x1, y0, y1) in zip(tiles, boxes, strict=True):
        pad = 0.012
        colour = charts.STATUS_COLOUR.get(status, th.muted) if status else th.muted
        fig.add_shape(
            type="rect",
            xref="paper",
            yref="paper",
            x0=x0 + pad,
            x1=x1 - pad,
            y0=y0 + pad,
            y1=y1 - pad,
            line={"color": colour, "width": round(4 * scale)},
            fillcolor=th.card,
            layer="below",
        )
        if value is None:
            fig.add_annotation(
                text="–",
                x=(x0 + x1) / 2,
                y=(y0 + y1) / 2,
                xref="paper",
                yref="paper",
                showarrow=False,
                font={"size": round(BIG_PX * scale), "color": th.fg},
            )
        else:
            fig.add_trace(
                go.Indicator(
                    mode="number",
                    value=value,
                    number={
                        "valueformat": ",.1f" if kind == "pct" else ",.0f",
                        "suffix": " %" if kind == "pct" else "",
                        "font": {"size": round(BIG_PX * scale), "color": th.fg},
                    },
                    domain={"x": [x0 + 0.02, x1 - 0.02], "y": [y0 + (y1 - y0) * 0.30, y0 + (y1 - y0) * 0.72]},
                )
            )
        cx = (x0 + x1) / 2
        fig.add_annotation(
            text=f"<b>{label}</b>",
            x=cx,
            y=y1 - 0.05,
            xref="paper",
            yref="paper",
            showarrow=False,
            xanchor="center",
            font={"size": round(FONT_PX * 1.1 * scale), "color": th.fg},
            yanchor="top",
        )
        bottom = (
            line if not status else f"<span style='color:{colour}'><b>{status_text(status, lang)}</b></span><br>{line}"
        )
        fig.add_annotation(
            text=bottom,
            x=cx,
            y=y0 + 0.05,
            xref="paper",
            yref="paper",
            showarrow=False,
            xanchor="center",
            font={"size": round(FONT_PX * scale), "color": th.muted},
            yanchor="bottom",
        )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def reduction_figure(slide: SlideData, th: Theme, scale: float) -> go.Figure:
    rows = slide.data.get("rows") or []
    if not rows:
        return empty_figure(slide, th, scale)
    lang = slide.lang
    df = pd.DataFrame(rows)
    df["label"] = [code(c, lang) for c in df["category"]]
    df["text"] = [
        f"{fmt.percent(p, lang, 1)} · {fmt.number(tot, lang)} / {fmt.number(plan, lang, 1)}"
        for p, tot, plan in zip(df["plan_progress_pct"], df["reduced_total"], df["plan"], strict=True)
    ]
    pace = df["expected_progress_pct"].dropna()
    fig = charts.progress_bars(
        df,
        label="label",
        value="plan_progress_pct",
        code="category",
        status="status",
        lang=lang,
        target=100.0,
        pace=float(pace.iloc[0]) if len(pace) else None,
        value_title=t("brief.axis.plan_progress", lang),
        target_label=t("brief.target", lang),
        pace_label=t("brief.pace", lang),
        text="text",
    )
    fig.update_traces(width=0.5)
    return bar_room(fig, df["plan_progress_pct"])


def agencies_figure(slide: SlideData, th: Theme, scale: float) -> go.Figure:
    rows = slide.data.get("rows") or []
    if not rows:
        return empty_figure(slide, th, scale)
    lang = slide.lang
    provinces = of_provinces(slide)
    shown = rows[:MAX_TABLE_ROWS]
    names = [r["name"] or r["unit_code"] for r in shown]
    if len(rows) > len(shown):
        more = "brief.more_provinces" if provinces else "brief.more_rows"
        names[-1] = t(more, lang, n=fmt.number(len(rows) - len(shown) + 1, lang))
    cc = [status_cell(r["cc_progress"], r["cc_status"], lang) for r in shown]
    vc = [status_cell(r["vc_progress"], r["vc_status"], lang) for r in shown]
    cc_col = [charts.STATUS_COLOUR.get(r["cc_status"], th.fg) if r["cc_status"] else th.fg for r in shown]
    vc_col = [charts.STATUS_COLOUR.get(r["vc_status"], th.fg) if r["vc_status"] else th.fg for r in shown]
    if len(rows) > len(shown):
        cc[-1], vc[-1], cc_col[-1], vc_col[-1] = "", "", th.fg, th.fg
    return table_figure(
        [
            t("brief.col.province" if provinces else "brief.col.unit", lang),
            t("brief.col.cc", lang),
            t("brief.col.vc", lang),
        ],
        [names, cc, vc],
        [[th.fg] * len(names), cc_col, vc_col],
        th,
        scale,
        ["left", "right", "right"],
    )
