"""The briefing deck as slides: title sentence, as-of and sources lines, and one Plotly figure each.

``build(deck, lang)`` turns the data of ``analytics.briefing.deck`` (or a frozen snapshot) into
``Slide`` objects; ``chart(slide, theme=…, scale=…)`` is the figure alone (the page draws the title
as text above it), ``framed(slide, …)`` the whole 1920×1080 slide as one figure (title sentence,
chart, as-of line and sources) for PNG/PDF export. No streamlit here: the exporter runs it in a
plain process. Status is shown by colour-blind-safe colour and symbol (ui.charts).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from analytics.briefing import compare
from ui import charts
from ui import format as fmt
from ui.labels import code, t
from ui.views.reporting import period_label, status_label

WIDTH, HEIGHT = 1920, 1080
# Font sizes in px on a 1920×1080 screen (scale=1); ?scale=2 doubles them for 3840×2160.
FONT_PX, TITLE_PX, TOPIC_PX, FOOT_PX, BIG_PX = 26, 46, 28, 22, 76
MAX_TABLE_ROWS = 12


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
class Slide:
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

    def chart(self, *, theme: str = "light", scale: float = 1.0, height: int | None = None) -> go.Figure:
        """The slide's figure alone, sized for the page (height in px at this scale)."""
        fig = _BUILDERS[self.id](self, THEMES.get(theme, THEMES["light"]), scale)
        return _theme(fig, THEMES.get(theme, THEMES["light"]), scale, self.lang, height=height or int(700 * scale))


def _lower_first(s: str) -> str:
    return s[:1].lower() + s[1:]


def _finding_params(slide: dict[str, Any], lang: str) -> dict[str, str]:
    p = slide["params"]
    out: dict[str, str] = {}
    for key, value in p.items():
        if key == "category":  # mid-sentence on the headline, first word elsewhere
            out[key] = _lower_first(code(value, lang)) if slide["id"] == "headline" else code(value, lang)
        elif key in ("progress", "expected", "lowest", "spent_pct", "fulfilment_pct", "pct"):
            out[key] = fmt.percent(value, lang, 1)
        elif key.endswith("_vnd"):
            out[key] = fmt.money(value, lang)
        elif key in ("roster", "quota"):
            out[key] = fmt.day(value)
        elif key == "end_year":
            out[key] = str(value)
        elif key == "period":
            out[key] = period_label(value, lang)
        else:
            out[key] = fmt.number(value, lang)
    if slide["id"] == "training":
        out["spent"], out["budget"], out["pct"], out["days"] = (
            out.pop("spent_vnd"),
            out.pop("budget_vnd"),
            out.pop("spent_pct"),
            out.pop("days_left"),
        )
    return out


def title_of(slide: dict[str, Any], lang: str) -> str:
    """The title sentence that states the slide's finding, with the deck's numbers."""
    topic = t(f"brief.topic.{slide['id']}", lang)
    if slide["finding"] == "no_data":
        return t("brief.find.no_data", lang, topic=topic)
    return t(f"brief.find.{slide['id']}.{slide['finding']}", lang, **_finding_params(slide, lang))


def build(deck: dict[str, Any], lang: str, *, compare_with: dict[str, Any] | None = None) -> list[Slide]:
    """The deck's slides in order; with ``compare_with`` (another deck) a comparison slide last."""
    as_of = t("brief.as_of", lang, date=fmt.day(deck["as_of"]))
    snap = deck.get("snapshot")
    snapshot_line = (
        t("brief.snapshot_line", lang, label=snap["label"], taken_at=_when(snap["taken_at"])) if snap else ""
    )
    out = []
    for s in deck["slides"]:
        sources = t("brief.sources", lang, sources=", ".join(t(f"brief.source.{x}", lang) for x in s["sources"]))
        line = as_of
        if s["data"].get("scope_name"):  # a slide with a scope and date of its own says which
            line = t("brief.as_of_scope", lang, unit=s["data"]["scope_name"], date=fmt.day(s["data"]["as_of"]))
        out.append(
            Slide(
                s["id"],
                t(f"brief.topic.{s['id']}", lang),
                title_of(s, lang),
                line,
                sources,
                snapshot_line,
                {"finding": s["finding"], **s["data"]},
                lang,
                deck.get("settings", {}),
                int(deck.get("privacy_min_count", 5)),
            )
        )
    if compare_with is not None:
        out.append(comparison_slide(compare_with, deck, lang))
    return out


def _when(text: str) -> str:
    return f"{fmt.day(text[:10])} {text[11:16]}".strip()


def _deck_name(d: dict[str, Any], lang: str) -> str:
    snap = d.get("snapshot")
    name = snap["label"] if snap else t("brief.live", lang)
    return f"{name} ({fmt.day(d['as_of'])})"


def comparison_slide(a: dict[str, Any], b: dict[str, Any], lang: str) -> Slide:
    """Deck ``a`` (earlier) and ``b`` side by side: one row per headline measure."""
    rows = compare(a, b)
    title = t("brief.find.compare", lang, a=_deck_name(a, lang), b=_deck_name(b, lang))
    as_of = f"{t('brief.as_of', lang, date=fmt.day(a['as_of']))} → {fmt.day(b['as_of'])}"
    sources = t("brief.sources", lang, sources=", ".join(x for x in (_snap_name(a, lang), _snap_name(b, lang)) if x))
    return Slide(
        "compare",
        t("brief.topic.compare", lang),
        title,
        as_of,
        sources,
        "",
        {"rows": rows, "a": _deck_name(a, lang), "b": _deck_name(b, lang)},
        lang,
    )


def _snap_name(d: dict[str, Any], lang: str) -> str:
    snap = d.get("snapshot")
    return f"#{snap['id']} {snap['label']}" if snap else t("brief.live", lang)


# --- figures ---------------------------------------------------------------------------------


def _theme(fig: go.Figure, th: Theme, scale: float, lang: str, *, height: int) -> go.Figure:
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
    for shape in fig.layout.shapes or ():
        if shape.line and shape.line.color in ("#333333", None):
            shape.line.color = th.fg
    for ann in fig.layout.annotations or ():
        if ann.font is None or ann.font.size is None:
            ann.font = {"size": round(FONT_PX * scale), "color": th.fg}
    return fig


def _empty(slide: Slide, th: Theme, scale: float) -> go.Figure:
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


def _bars(fig: go.Figure, values: pd.Series, *, pace_label: str = "", target_label: str = "") -> go.Figure:
    """Room on the right for the bar texts; the pace label left of its line, the target's right of it."""
    top = float(values.max()) if values.notna().any() else 100.0
    low = min(float(values.min()) if values.notna().any() else 0.0, 0.0)
    fig.update_xaxes(range=[low * 1.1, max(top, 100.0) * 1.45])
    for ann in fig.layout.annotations or ():
        if pace_label and ann.text == pace_label:
            ann.xanchor = "right"
        elif target_label and ann.text == target_label:
            ann.xanchor = "left"
    return fig


def _status_text(status: str | None, lang: str) -> str:
    return f"{charts.STATUS_SYMBOL.get(status, '•')} {t(f'status.{status}', lang)}" if status else ""


def _fulfilment_status(pct: float | None, margin: float) -> str | None:
    """As analytics.briefing does per agency: full is on track, within the margin at risk."""
    if pct is None:
        return None
    return "on_track" if pct >= 100 else "at_risk" if pct >= 100 - margin else "behind"


def _headline(slide: Slide, th: Theme, scale: float) -> go.Figure:
    d, lang = slide.data, slide.lang
    if slide.data["finding"] == "no_data":
        return _empty(slide, th, scale)
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
            _fulfilment_status(s and s["fulfilment_pct"], float(slide.settings.get("status_behind_margin_pct", 10.0))),
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
            line if not status else f"<span style='color:{colour}'><b>{_status_text(status, lang)}</b></span><br>{line}"
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


def _reduction(slide: Slide, th: Theme, scale: float) -> go.Figure:
    rows = slide.data.get("rows") or []
    if not rows:
        return _empty(slide, th, scale)
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
    return _bars(fig, df["plan_progress_pct"], pace_label=t("brief.pace", lang), target_label=t("brief.target", lang))


def _status_cell(value: Any, status: str | None, lang: str) -> str:
    return f"{charts.STATUS_SYMBOL.get(status, '•')} {fmt.percent(value, lang, 1)}" if value is not None else "–"


def _table(
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


def _agencies(slide: Slide, th: Theme, scale: float) -> go.Figure:
    rows = slide.data.get("rows") or []
    if not rows:
        return _empty(slide, th, scale)
    lang = slide.lang
    shown = rows[:MAX_TABLE_ROWS]
    names = [r["name"] or r["unit_code"] for r in shown]
    if len(rows) > len(shown):
        names[-1] = t("brief.more_rows", lang, n=fmt.number(len(rows) - len(shown) + 1, lang))
    cc = [_status_cell(r["cc_progress"], r["cc_status"], lang) for r in shown]
    vc = [_status_cell(r["vc_progress"], r["vc_status"], lang) for r in shown]
    cc_col = [charts.STATUS_COLOUR.get(r["cc_status"], th.fg) if r["cc_status"] else th.fg for r in shown]
    vc_col = [charts.STATUS_COLOUR.get(r["vc_status"], th.fg) if r["vc_status"] else th.fg for r in shown]
    if len(rows) > len(shown):
        cc[-1], vc[-1], cc_col[-1], vc_col[-1] = "", "", th.fg, th.fg
    return _table(
        [t("brief.col.unit", lang), t("brief.col.cc", lang), t("brief.col.vc", lang)],
        [names, cc, vc],
        [[th.fg] * len(names), cc_col, vc_col],
        th,
        scale,
        ["left", "right", "right"],
    )


def _secondment(slide: Slide, th: Theme, scale: float) -> go.Figure:
    rows = slide.data.get("rows") or []
    if not rows:
        return _empty(slide, th, scale)
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
        value_title=t("brief.axis.fulfilment", lang),
        target_label=t("brief.full", lang),
        text="text",
    )
    return _bars(fig, df["fulfilment_pct"], target_label=t("brief.full", lang))


def _training(slide: Slide, th: Theme, scale: float) -> go.Figure:
    rows = slide.data.get("rows") or []
    if not rows:
        return _empty(slide, th, scale)
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
        value_title=t("brief.axis.spent", lang),
        target_label=t("brief.full", lang),
        pace_label=t("brief.elapsed", lang),
        text="text",
    )
    return _bars(fig, df["spent_pct"], pace_label=t("brief.elapsed", lang), target_label=t("brief.full", lang))


def _freshness(slide: Slide, th: Theme, scale: float) -> go.Figure:
    rows = slide.data.get("rows") or []
    if not rows:
        return _empty(slide, th, scale)
    lang = slide.lang
    return _table(
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
            [_when(r["loaded_at"]) if r["loaded_at"] else "–" for r in rows],
        ],
        None,
        th,
        scale,
        ["left", "right", "right", "right"],
    )


def _reorganisation(slide: Slide, th: Theme, scale: float) -> go.Figure:
    rows = slide.data.get("rows") or []
    if not rows:
        return _empty(slide, th, scale)
    lang = slide.lang
    year = slide.data.get("inspection_year", "")
    return _table(
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


def _reporting(slide: Slide, th: Theme, scale: float) -> go.Figure:
    rows = slide.data.get("rows") or []
    if not rows:
        return _empty(slide, th, scale)
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
    return _table(
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


def _compare(slide: Slide, th: Theme, scale: float) -> go.Figure:
    lang, rows = slide.lang, slide.data["rows"]
    return _table(
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


_BUILDERS: dict[str, Callable[[Slide, Theme, float], go.Figure]] = {
    "headline": _headline,
    "reduction": _reduction,
    "agencies": _agencies,
    "secondment": _secondment,
    "training": _training,
    "reorganisation": _reorganisation,
    "reporting": _reporting,
    "freshness": _freshness,
    "compare": _compare,
}


def _wrap(text: str, px: int, width: int) -> str:
    """Break a sentence into lines that fit ``width`` px at font size ``px`` (Noto Sans averages ~0.5 em)."""
    chars = max(int(width / (px * 0.52)), 20)
    return "<br>".join(textwrap.wrap(text, chars)) or text


def framed(slide: Slide, *, theme: str = "light", width: int = WIDTH, height: int = HEIGHT) -> go.Figure:
    """The whole slide as one figure: topic, title sentence, chart, as-of line, sources (export)."""
    th = THEMES.get(theme, THEMES["light"])
    scale = width / WIDTH
    fig = slide.chart(theme=theme, scale=scale, height=height)
    title_lines = _wrap(slide.title, round(TITLE_PX * scale), int(width * 0.94))
    n_lines = title_lines.count("<br>") + 1
    top = round((70 + TITLE_PX * 1.25 * n_lines + 40) * scale)
    has_axes = any(tr.type == "bar" for tr in fig.data)
    edge = round(60 * scale)
    left = edge
    if has_axes:  # fixed margins (no automargin) so the title and footer line up with the image edge
        labels = [str(y) for tr in fig.data for y in (tr.y if tr.y is not None else ())]
        left = edge + round(max((len(x) for x in labels), default=0) * FONT_PX * 0.55 * scale) + round(16 * scale)
        fig.update_xaxes(automargin=False)
        fig.update_yaxes(automargin=False)
    bottom = round((110 + (90 if has_axes else 0)) * scale)
    fig.update_layout(
        width=width, height=height, margin={"t": top, "b": bottom, "l": left, "r": round(60 * scale)}, showlegend=False
    )
    plot_w = width - left - round(60 * scale)
    x0 = -(left - edge) / plot_w
    plot_h = height - top - bottom

    def above(px: float) -> float:  # paper y of a point ``px`` pixels below the top edge of the image
        return 1 + (top - px * scale) / plot_h

    fig.add_annotation(
        text=slide.topic.upper(),
        x=x0,
        y=above(24),
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font={"size": round(TOPIC_PX * scale), "color": th.muted},
    )
    fig.add_annotation(
        text=f"<b>{title_lines}</b>",
        x=x0,
        y=above(66),
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font={"size": round(TITLE_PX * scale), "color": th.fg},
    )
    foot = " · ".join(x for x in (slide.as_of_line, slide.snapshot_line) if x)
    fig.add_annotation(
        text=f"{foot}<br>{slide.source_line}",
        x=x0,
        y=-(bottom - 20 * scale) / plot_h,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="bottom",
        align="left",
        showarrow=False,
        font={"size": round(FOOT_PX * scale), "color": th.muted},
    )
    return fig


def file_stem(slide: Slide, index: int, as_of: str | date) -> str:
    return f"trinh-chieu-{index:02d}-{slide.id}-{str(as_of)[:10]}"
