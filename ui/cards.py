"""KPI cards: value, target, pace, and a status shown by colour AND symbol."""

from __future__ import annotations

from typing import Any, Literal

import streamlit as st

from ui.labels import t

# Streamlit badge colours paired with a symbol, so status never rests on colour alone.
_BADGE = {"on_track": ("green", "✔"), "at_risk": ("orange", "▲"), "behind": ("red", "✖")}


def status_badge(status: str | None, lang: str) -> str:
    """Markdown badge for a status code ('' when there is none)."""
    if status not in _BADGE:
        return ""
    colour, symbol = _BADGE[status]
    return f":{colour}-badge[{symbol} {t(f'status.{status}', lang)}]"


def kpi_card(
    label: str,
    value: str,
    *,
    lang: str,
    status: str | None = None,
    lines: tuple[str, ...] = (),
    delta: Any = None,
    delta_color: Literal["normal", "inverse", "off"] = "normal",
    help: str | None = None,
) -> None:
    """One bordered card: the metric, its status badge, and short lines (target, pace, as-of)."""
    with st.container(border=True):
        st.metric(label, value, delta=delta, delta_color=delta_color, help=help)
        badge = status_badge(status, lang)
        text = "  \n".join([*([badge] if badge else []), *lines])
        if text:
            st.markdown(text)
