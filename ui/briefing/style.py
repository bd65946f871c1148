"""What every briefing slide's figure shares: sizes, themes, the slide's record and the common pieces.

The figures of each topic (``ui.briefing.figures_targets``, ``ui.briefing.figures_programmes``) are
built from these; ``ui.briefing.slides`` turns a deck into slides and frames them for export.
Room-readable type (px on a 1920×1080 screen), light and dark themes, colour-blind-safe status
symbols (ui.charts). No streamlit here: the exporter runs it in a plain process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ui import charts
from ui import format as fmt
from ui.labels import t

WIDTH, HEIGHT = 1920, 1080
# Font sizes in px on a 1920×1080 screen (scale=1); ?scale=2 doubles them for 3840×2160.
FONT_PX, TITLE_PX, TOPIC_PX, FOOT_PX, BIG_PX = 26, 46, 28, 22, 76
MAX_TABLE_ROWS = 12
# The most bars a slide draws: 20 labels stay room-readable (18 px on 1920×1080, 13 px on 1366×768);
# 34 provinces would be 10 px and 7 px. A slide of more rows shows the lowest (its rows come worst first).
MAX_BARS = 20
# The agencies slide's findings at the country level, where its rows are the provinces.
PROVINCE_FINDINGS = ("provinces_behind", "no_province_behind")


@dataclass(frozen=True)
class Theme:
    name: str
    bg: str
    fg: str
    muted: str
    grid: str
    card: str


THEMES = {
    "light": Theme("light", bg="#FFFFFF", fg="#111111", muted="#3A3A3A", grid="#C8C8C8", card="#F2F2F2"),
    "dark": Theme("dark", bg="#0E1117", fg="#F5F5F5", muted="#D0D0D0", grid="#4A4A4A", card="#1C2230"),
}


@dataclass
class SlideData:
    """What a slide shows; ``slides.Slide`` adds the figure (``chart``). The figure builders take this."""

    id: str
    topic: str
    title: str
    as_of_line: str
    source_line: str
    snapshot_line: str
    data: dict[str, Any]
    lang: str
    settings: dict[str, Any] = field(default_factory=dict)
    privacy_min_count: int = 5


def when(text: str) -> str:
    """A timestamp text (ISO) as the day and hh:mm."""
    return f"{fmt.day(text[:10])} {text[11:16]}".strip()


def style_figure(fig: go.Figure, th: Theme, scale: float, lang: str, *, height: int) -> go.Figure:
    """Room-readable type and the light/dark colours over the house style."""
    fig.update_layout(
        separators=fmt.PLOTLY_SEPARATORS.get(lang, ",."),
        font={"family": charts.FONT, "size": round(FONT_PX * scale), "color": th.fg},
        paper_bgcolor=th.bg,
        plot_bgcolor=th.bg,
        height=height,
        margin={"l": round(12 * scale), "r": round(40 * scale), "t": round(48 * scale), "b": round(12 * scale)},
        legend={"font": {"size": round(FONT_PX * scale)}},
    )
    fig.update_xaxes(
        gridcolor=th.grid,
        zerolinecolor=th.muted,
        linecolor=th.muted,
        tickfont={"color": th.fg},
        title_font={"size": round(FONT_PX * scale), "color": th.fg},
    )
    fig.update_yaxes(gridcolor=th.grid, zerolinecolor=th.muted, linecolor=th.muted, tickfont={"color": th.fg})
    # the plot's height: the figure's less its margins and the axis's numbers and title (~2,6 lines)
    plot_px = height - (60 + 2.6 * FONT_PX) * scale
    rows = _bar_rows(fig)
    if rows:
        # Every bar named: Plotly leaves out category labels that would overlap (on a slide of 34
        # provinces every other one, and a bar without a name misleads); so each is drawn, in a size
        # that fits its bar's room.
        fig.update_yaxes(
            tickmode="linear",
            tick0=0,
            dtick=1,
            tickfont={"size": charts.bar_label_size(plot_px, rows, round(FONT_PX * scale))},
        )
    for shape in fig.layout.shapes or ():
        if shape.line and shape.line.color in ("#333333", None):
            shape.line.color = th.fg
    # The labels (of the lines, of the bars) in the room's size, a bar's on a box of the slide's
    # background; in one assignment (one by one, Plotly takes ~2 ms an annotation: 70 ms for 34 bars).
    labels = [ann.to_plotly_json() for ann in fig.layout.annotations or ()]
    bars = sum(1 for label in labels if label.get("name") == charts.BAR_LABEL)
    bar_size = charts.bar_label_size(plot_px, bars, round(FONT_PX * scale))
    for label in labels:
        if label.get("name") == charts.BAR_LABEL:
            label.update(bgcolor=th.bg, font={"size": bar_size, "color": th.fg})
        elif not (label.get("font") or {}).get("size"):
            label["font"] = {"size": round(FONT_PX * scale), "color": th.fg}
    fig.layout.annotations = labels
    return fig


def _bar_rows(fig: go.Figure) -> int:
    """The rows of the figure's horizontal bars (its categories), 0 when it has none."""
    bars = [trace for trace in fig.data if trace.type == "bar" and trace.orientation == "h" and trace.y is not None]
    return len({y for trace in bars for y in trace.y})


def of_provinces(slide: SlideData) -> bool:
    """Whether the slide's rows are provinces (the country's breakdown) rather than the city's
    agencies: its data says so (``level``); a deck frozen before it did, by its finding."""
    level = slide.data.get("level")
    return level == "province" if level else slide.data.get("finding") in PROVINCE_FINDINGS


def lowest(slide: SlideData) -> tuple[list[dict[str, Any]], str]:
    """The rows a bar slide draws (its rows come worst first: the first MAX_BARS) and, when some are
    left out, the line that says so (``brief.lowest.*``: "20 tỉnh, thành phố thấp nhất trong 34")."""
    rows, lang = slide.data.get("rows") or [], slide.lang
    if len(rows) <= MAX_BARS:
        return rows, ""
    noun = "province" if of_provinces(slide) else "agency"
    return rows[:MAX_BARS], t(
        f"brief.lowest.{noun}", lang, shown=fmt.number(MAX_BARS, lang), total=fmt.number(len(rows), lang)
    )


def empty_figure(slide: SlideData, th: Theme, scale: float) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(
        text=slide.title,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": round(TOPIC_PX * scale), "color": th.muted},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def bar_room(fig: go.Figure, values: pd.Series) -> go.Figure:
    """Room on the right for the bars' labels, placed again for that range (``charts.place_bar_labels``)."""
    top = float(values.max()) if values.notna().any() else 100.0
    low = min(float(values.min()) if values.notna().any() else 0.0, 0.0)
    fig.update_xaxes(range=[low * 1.1, max(top, 100.0) * 1.45])
    return charts.place_bar_labels(fig)


def status_text(status: str | None, lang: str) -> str:
    return f"{charts.STATUS_SYMBOL.get(status, '•')} {t(f'status.{status}', lang)}" if status else ""


def fulfilment_status(pct: float | None, margin: float) -> str | None:
    """As analytics.briefing_slides does per agency: full is on track, within the margin at risk."""
    if pct is None:
        return None
    return "on_track" if pct >= 100 else "at_risk" if pct >= 100 - margin else "behind"


def status_cell(value: Any, status: str | None, lang: str) -> str:
    return f"{charts.STATUS_SYMBOL.get(status, '•')} {fmt.percent(value, lang, 1)}" if value is not None else "–"


def table_figure(
    header: list[str],
    columns: list[list[str]],
    colours: list[list[str]] | None,
    th: Theme,
    scale: float,
    align: list[str],
) -> go.Figure:
    n = len(columns[0]) if columns else 0
    fig = go.Figure(
        go.Table(
            header={
                "values": [f"<b>{h}</b>" for h in header],
                "fill_color": th.card,
                "align": align,
                "font": {"size": round(FONT_PX * scale), "color": th.fg},
                "height": round(48 * scale),
                "line_color": th.grid,
            },
            cells={
                "values": columns,
                "fill_color": th.bg,
                "align": align,
                "height": round(44 * scale),
                "font": {"size": round(FONT_PX * scale), "color": colours or [[th.fg] * n] * len(columns)},
                "line_color": th.grid,
            },
            columnwidth=[3] + [2] * (len(columns) - 1),
        )
    )
    return fig
