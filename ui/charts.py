"""Plotly figure builders shared by pages and the briefing deck.

Builders take tidy DataFrames with display-ready labels already chosen by the caller and return a
``go.Figure``; they never query. Numbers use the language's separators (``separators=",."`` for
Vietnamese), status is shown by colour-blind-safe colour (Okabe-Ito) *and* a symbol, and every bar
that stands for a unit carries its unit code in ``customdata`` so a click can drill down.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ui.format import PLOTLY_SEPARATORS

FONT = "Noto Sans, Segoe UI, Arial, sans-serif"
# Okabe-Ito palette: distinguishable with the common colour-vision deficiencies.
BLUE, ORANGE, GREEN, VERMILLION, SKY, PURPLE, YELLOW, GREY = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#56B4E9",
    "#CC79A7",
    "#F0E442",
    "#8C8C8C",
)
SERIES = (BLUE, ORANGE, GREEN, PURPLE, SKY, VERMILLION, YELLOW, GREY)
STATUS_COLOUR = {"on_track": GREEN, "at_risk": ORANGE, "behind": VERMILLION, None: GREY}
STATUS_SYMBOL = {"on_track": "✔", "at_risk": "▲", "behind": "✖", None: "•"}


def style(fig: go.Figure, lang: str, *, height: int = 380, legend: bool = True) -> go.Figure:
    """The house layout: fonts with Vietnamese glyphs, language separators, compact margins."""
    fig.update_layout(
        separators=PLOTLY_SEPARATORS.get(lang, ",."),
        font={"family": FONT, "size": 14},
        height=height,
        margin={"l": 8, "r": 24, "t": 36, "b": 8},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
        showlegend=legend,
        plot_bgcolor="white",
        hoverlabel={"font": {"family": FONT}},
    )
    # exponentformat none: "20.000", not the SI "20k" that reads as English on a Vietnamese chart
    fig.update_xaxes(gridcolor="#E5E5E5", zerolinecolor="#BDBDBD", automargin=True, exponentformat="none")
    fig.update_yaxes(gridcolor="#E5E5E5", zerolinecolor="#BDBDBD", automargin=True, exponentformat="none")
    return fig


def image_config(file_stem: str) -> dict[str, object]:
    """Plotly modebar config: PNG download at print resolution with a meaningful file name."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": file_stem, "scale": 3},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


def progress_bars(
    df: pd.DataFrame,
    *,
    label: str,
    value: str,
    code: str,
    status: str | None,
    lang: str,
    target: float | None = 100.0,
    pace: float | None = None,
    value_title: str = "",
    target_label: str = "",
    pace_label: str = "",
    text: str | None = None,
    height: int | None = None,
) -> go.Figure:
    """Horizontal bars of a percentage per unit, worst first, with a target and a pace line."""
    d = df.sort_values(value, ascending=False, na_position="first")
    colours = [STATUS_COLOUR.get(s, GREY) for s in (d[status] if status else [None] * len(d))]
    symbols = [STATUS_SYMBOL.get(s, "") for s in (d[status] if status else [None] * len(d))]
    labels = d[text] if text else d[value].round(1).astype(str)
    fig = go.Figure(
        go.Bar(
            x=d[value],
            y=d[label],
            orientation="h",
            marker_color=colours,
            customdata=d[code],
            hovertemplate="%{y}: %{x:,.1f}<extra></extra>",
            name=value_title,
        )
    )
    # Both labels above the plot, the pace's ending at its line and the target's starting at its:
    # they never overlap, however close the lines (the pace is at most the target), and neither
    # covers the axis's numbers (a pace label below the plot sat on them).
    for x, name, colour, dash, where in (
        (target, target_label, "#333333", "solid", "above right"),
        (pace, pace_label, BLUE, "dash", "above left"),
    ):
        if x is not None:
            reference_line(fig, x=x, colour=colour, dash=dash, text=name, position=where)
    # A few units whose quota grew give values like -1.600 %; clip the axis so the others stay
    # readable (the bar's label still states the true value).
    values = d[value].dropna()
    low = max(float(values.min()) if len(values) else 0.0, -150.0)
    high = min(max(float(values.max()) if len(values) else 0.0, (target or 0) * 1.15, 10.0), 400.0)
    fig.update_xaxes(title_text=value_title, range=[min(low * 1.1, 0), high * 1.15])
    fig.update_yaxes(title_text="", showgrid=False)  # (a grid line through each bar's middle crossed its label)
    texts = [f"{sym} {lab}" for sym, lab in zip(symbols, labels, strict=True)]
    h = height or max(260, 28 * len(d) + 90)
    size = bar_label_size(h - 95, len(d), 14)  # (95: the margins, the axis's numbers and title)
    fig.layout.annotations = (
        *fig.layout.annotations,
        *_bar_labels(d[value], d[label], texts, fig.layout.xaxis.range, size=size),
    )
    return style(fig, lang, height=h, legend=False)


def grouped_bars(
    df: pd.DataFrame,
    *,
    x: str,
    series: Sequence[tuple[str, str]],
    lang: str,
    code: str | None = None,
    barmode: str = "group",
    horizontal: bool = False,
    y_title: str = "",
    height: int | None = None,
    colours: Sequence[str] = SERIES,
) -> go.Figure:
    """Bars of several measures (column, display name) per category, grouped or stacked. Categories
    of the same name (an agency of each province: "Sở Nội vụ" 34 times in the country) are told
    apart by their code, or the bars of one name would be drawn on one another as one."""
    fig = go.Figure()
    labels = df[x]
    if code and labels.duplicated().any():
        labels = labels.astype(str).str.cat(df[code].astype(str), sep=" · ")
    for i, (column, name) in enumerate(series):
        kwargs = {"x": df[column], "y": labels, "orientation": "h"} if horizontal else {"x": labels, "y": df[column]}
        fig.add_trace(
            go.Bar(name=name, marker_color=colours[i % len(colours)], customdata=df[code] if code else None, **kwargs)
        )
    fig.update_layout(barmode=barmode)
    # The categories are labels even when they look like numbers ("2023", "2024"): on a numeric
    # axis two years would get ticks at 2.023,5.
    (fig.update_yaxes if horizontal else fig.update_xaxes)(type="category")
    if horizontal:
        fig.update_yaxes(autorange="reversed")
        fig.update_xaxes(title_text=y_title)
        h = height or max(280, 26 * len(df) * (1 if barmode == "stack" else len(series)) // 1 + 100)
    else:
        fig.update_yaxes(title_text=y_title)
        h = height or 380
    return style(fig, lang, height=min(h, 1400))


def lines_with_targets(
    df: pd.DataFrame,
    *,
    x: str,
    series: Sequence[tuple[str, str]],
    lang: str,
    hlines: Sequence[tuple[float | None, str, str, str]] = (),
    y_title: str = "",
    height: int = 380,
) -> go.Figure:
    """Lines over time with horizontal reference lines (value, label, colour, dash). The y axis is
    not forced to zero: a few % of change must be visible; the axis labels say where it starts."""
    fig = go.Figure()
    for i, (column, name) in enumerate(series):
        fig.add_trace(
            go.Scatter(
                x=df[x].astype(str),
                y=df[column],
                name=name,
                mode="lines+markers",
                line={"color": SERIES[i % len(SERIES)], "width": 3},
            )
        )
    positions = ("top left", "bottom left", "top right", "bottom right")
    for i, (y, name, colour, dash) in enumerate(hlines):
        if y is not None:
            reference_line(fig, y=y, colour=colour, dash=dash, text=name, position=positions[i % len(positions)])
    fig.update_yaxes(title_text=y_title)
    fig.update_xaxes(type="category")
    return style(fig, lang, height=height)


def pyramid(
    df: pd.DataFrame, *, band: str, men: str, women: str, lang: str, men_label: str, women_label: str, height: int = 420
) -> go.Figure:
    """Age pyramid: men to the left, women to the right, youngest band at the bottom."""
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=df[band],
            x=-df[men],
            name=men_label,
            orientation="h",
            marker_color=BLUE,
            customdata=df[men],
            hovertemplate="%{y}: %{customdata:,}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Bar(
            y=df[band],
            x=df[women],
            name=women_label,
            orientation="h",
            marker_color=ORANGE,
            hovertemplate="%{y}: %{x:,}<extra></extra>",
        )
    )
    peak = float(max(df[men].max() or 0, df[women].max() or 0, 1))
    ticks = [round(peak * f) for f in (-1, -0.5, 0, 0.5, 1)]
    fig.update_layout(barmode="overlay", bargap=0.05)
    fig.update_xaxes(tickvals=ticks, ticktext=[f"{abs(v):,}".replace(",", "." if lang == "vi" else ",") for v in ticks])
    return style(fig, lang, height=height)


def timeline(
    df: pd.DataFrame,
    *,
    label: str,
    start: str,
    end: str,
    lang: str,
    colour_by: str | None = None,
    colour_map: dict[str, str] | None = None,
    today: object = None,
    today_label: str = "",
    height: int | None = None,
) -> go.Figure:
    """One horizontal span per row (e.g. a posting from start to planned end)."""
    fig = go.Figure()
    groups = df.groupby(colour_by, sort=False) if colour_by else [("", df)]
    for i, (key, part) in enumerate(groups):
        duration_ms = (pd.to_datetime(part[end]) - pd.to_datetime(part[start])).dt.total_seconds() * 1000
        fig.add_trace(
            go.Bar(
                y=part[label],
                x=duration_ms,
                base=pd.to_datetime(part[start]),
                orientation="h",
                name=str(key),
                marker_color=(colour_map or {}).get(str(key), SERIES[i % len(SERIES)]),
                hovertemplate="%{y}<extra></extra>",
            )
        )
    if today is not None:
        reference_line(
            fig, x=pd.Timestamp(today).timestamp() * 1000, dash="dash", width=2, text=today_label, position="top"
        )
    fig.update_xaxes(type="date", tickformat="%m/%Y")
    fig.update_yaxes(autorange="reversed")
    return style(fig, lang, height=height or max(300, 18 * len(df) + 120))


# Where a reference line's label sits (as Plotly's add_hline/add_vline put it): position ->
# (coordinate along the line in its axis domain, xanchor, yanchor), for horizontal and vertical lines.
_H_LABEL = {
    "top left": (0, "left", "bottom"),
    "bottom left": (0, "left", "top"),
    "top right": (1, "right", "bottom"),
    "bottom right": (1, "right", "top"),
    "top": (0.5, "center", "bottom"),
    "bottom": (0.5, "center", "top"),
}
_V_LABEL = {
    "top left": (1, "right", "top"),
    "bottom left": (0, "right", "bottom"),
    "top right": (1, "left", "top"),
    "bottom right": (0, "left", "bottom"),
    "top": (1, "center", "bottom"),
    "bottom": (0, "center", "top"),
    "above left": (1, "right", "bottom"),  # above the plot, ending at the line
    "above right": (1, "left", "bottom"),  # above the plot, starting at the line
}


def reference_line(
    fig: go.Figure,
    *,
    x: float | None = None,
    y: float | None = None,
    text: str = "",
    position: str = "top left",
    colour: str = "#333333",
    dash: str = "solid",
    width: float = 2,
) -> go.Figure:
    """A target or plan line across the plot at ``x`` (vertical) or ``y`` (horizontal), labelled.

    The same shape and label as Plotly's ``add_vline``/``add_hline``, appended directly: those
    check every subplot on each call (about 7 ms a line), and pages redraw on every click. A
    vertical line also takes "above left" / "above right" (Plotly has no such position): the label
    above the plot, ending or starting at the line.
    """
    line = {"color": colour, "dash": dash, "width": width}
    if y is not None:
        along, xanchor, yanchor = _H_LABEL[position]
        shape = {"type": "line", "xref": "x domain", "x0": 0, "x1": 1, "yref": "y", "y0": y, "y1": y, "line": line}
        label = {"xref": "x domain", "x": along, "yref": "y", "y": y}
    elif x is not None:
        along, xanchor, yanchor = _V_LABEL[position]
        shape = {"type": "line", "xref": "x", "x0": x, "x1": x, "yref": "y domain", "y0": 0, "y1": 1, "line": line}
        label = {"xref": "x", "x": x, "yref": "y domain", "y": along}
    else:
        raise ValueError("reference_line needs x or y")
    fig.layout.shapes = (*fig.layout.shapes, shape)
    if text:
        fig.layout.annotations = (
            *fig.layout.annotations,
            {**label, "text": text, "showarrow": False, "xanchor": xanchor, "yanchor": yanchor},
        )
    return fig


BAR_LABEL = "bar-label"  # the name of a progress bar's label (an annotation)


def bar_label_size(plot_px: float, bars: int, largest: float) -> float:
    """The largest font size, up to ``largest``, whose label box (a line of Noto Sans is 1,4 times
    its size, plus the padding) fits the room of one of ``bars`` bars in ``plot_px`` pixels: the
    labels of 34 provinces on a slide would otherwise overlap (Plotly shrank a bar's own text to
    fit its bar; an annotation keeps its size)."""
    room = plot_px / max(bars, 1)
    return round(max(7.0, min(largest, (room * 0.9 - 2) / 1.45)), 1)


def place_bar_labels(fig: go.Figure) -> go.Figure:
    """The bars' labels placed again for the axis's present range (after ``bar_room``), of the size
    and on the background they had. The labels follow the bars of the first trace, in order."""
    others: list[Any] = []
    labels: list[Any] = []
    for a in fig.layout.annotations or ():
        (labels if a.name == BAR_LABEL else others).append(a)
    if not labels:
        return fig
    bars, first = fig.data[0], labels[0]
    texts = [a.text for a in labels]
    # (one assignment: updating 100 annotations one by one costs Plotly 0,2 s)
    fig.layout.annotations = (
        *others,
        *_bar_labels(bars.x, bars.y, texts, fig.layout.xaxis.range, first.bgcolor or "white", first.font.size),
    )
    return fig


def _bar_labels(
    values: Sequence[Any],
    ys: Sequence[Any],
    texts: Sequence[str],
    span: Any,
    background: str = "white",
    size: float | None = None,
) -> list[dict[str, Any]]:
    """Each bar's label just past its end, on a box of the background's colour: an annotation,
    drawn over the target and pace lines (a bar's own text is drawn under them, struck through
    where a line crosses it). A bar past the edge of the axis ``span`` gets its label inside its
    visible end; a bar of no value gets it at zero."""
    low, high = span or (None, None)
    out = []
    for x, y, text in zip(values, ys, texts, strict=True):
        value = 0.0 if x is None or x != x else float(x)
        if low is not None and value < low:
            value, anchor = low, "left"
        elif high is not None and value > high:
            value, anchor = high, "right"
        else:
            anchor = "right" if value < 0 else "left"
        out.append(
            {
                "name": BAR_LABEL,
                "x": value,
                "y": y,
                "xref": "x",
                "yref": "y",
                "text": text,
                "showarrow": False,
                "xanchor": anchor,
                "xshift": 4 if anchor == "left" else -4,
                "bgcolor": background,
                "borderpad": 1,
                **({"font": {"size": size}} if size else {}),
            }
        )
    return out
