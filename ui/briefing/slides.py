"""The briefing deck as slides: title sentence, as-of and sources lines, and one Plotly figure each.

``build(deck, lang)`` turns the data of ``analytics.briefing.deck`` (or a frozen snapshot) into
``Slide`` objects; ``chart(slide, theme=…, scale=…)`` is the figure alone (the page draws the title
as text above it), ``framed(slide, …)`` the whole 1920×1080 slide as one figure (title sentence,
chart, as-of line and sources) for PNG/PDF export. No streamlit here: the exporter runs it in a
plain process. Status is shown by colour-blind-safe colour and symbol (ui.charts).

The figures themselves: ``ui.briefing.figures_targets`` (headline, reduction, agencies) and
``ui.briefing.figures_programmes`` (the other topics, the comparison); what they share (sizes,
themes, the slide record) in ``ui.briefing.style``, re-exported here for the page and the exporter.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import plotly.graph_objects as go

from analytics.briefing import compare
from ui import format as fmt
from ui.briefing import figures_programmes as prog
from ui.briefing import figures_targets as targets
from ui.briefing.style import (
    FONT_PX,
    FOOT_PX,
    HEIGHT,
    PROVINCE_FINDINGS,
    THEMES,
    TITLE_PX,
    TOPIC_PX,
    WIDTH,
    SlideData,
    Theme,
    style_figure,
    when,
)
from ui.labels import code, t
from ui.views.reporting import period_label

__all__ = [
    "HEIGHT",
    "THEMES",
    "WIDTH",
    "Slide",
    "Theme",
    "build",
    "comparison_slide",
    "file_stem",
    "framed",
    "title_of",
]


@dataclass
class Slide(SlideData):
    """A slide of the deck: its texts and data (``SlideData``) and its figure."""

    def chart(self, *, theme: str = "light", scale: float = 1.0, height: int | None = None) -> go.Figure:
        """The slide's figure alone, sized for the page (height in px at this scale)."""
        fig = _BUILDERS[self.id](self, THEMES.get(theme, THEMES["light"]), scale)
        return style_figure(
            fig, THEMES.get(theme, THEMES["light"]), scale, self.lang, height=height or int(700 * scale)
        )


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


def topic_of(slide: dict[str, Any], lang: str) -> str:
    """The slide's topic line: the agencies slide lists the provinces at the country level."""
    provinces = slide["id"] == "agencies" and slide["finding"] in PROVINCE_FINDINGS
    return t("brief.topic.provinces" if provinces else f"brief.topic.{slide['id']}", lang)


def title_of(slide: dict[str, Any], lang: str) -> str:
    """The title sentence that states the slide's finding, with the deck's numbers."""
    topic = topic_of(slide, lang)
    if slide["finding"] == "no_data":
        return t("brief.find.no_data", lang, topic=topic)
    return t(f"brief.find.{slide['id']}.{slide['finding']}", lang, **_finding_params(slide, lang))


def build(deck: dict[str, Any], lang: str, *, compare_with: dict[str, Any] | None = None) -> list[Slide]:
    """The deck's slides in order; with ``compare_with`` (another deck) a comparison slide last."""
    as_of = t("brief.as_of", lang, date=fmt.day(deck["as_of"]))
    snap = deck.get("snapshot")
    snapshot_line = t("brief.snapshot_line", lang, label=snap["label"], taken_at=when(snap["taken_at"])) if snap else ""
    out = []
    for s in deck["slides"]:
        sources = t("brief.sources", lang, sources=", ".join(t(f"brief.source.{x}", lang) for x in s["sources"]))
        line = as_of
        if s["data"].get("scope_name"):  # a slide with a scope and date of its own says which
            line = t("brief.as_of_scope", lang, unit=s["data"]["scope_name"], date=fmt.day(s["data"]["as_of"]))
        out.append(
            Slide(
                s["id"],
                topic_of(s, lang),
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


_BUILDERS: dict[str, Callable[[SlideData, Theme, float], go.Figure]] = {
    "headline": targets.headline_figure,
    "reduction": targets.reduction_figure,
    "agencies": targets.agencies_figure,
    "secondment": prog.secondment_figure,
    "training": prog.training_figure,
    "reorganisation": prog.reorganisation_figure,
    "reporting": prog.reporting_figure,
    "freshness": prog.freshness_figure,
    "compare": prog.compare_figure,
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
