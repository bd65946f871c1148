"""A chart as every page shows it: the chart, a "Số liệu" table with downloads, a "Cách tính" note.

The table is the chart's own data (the caller passes the same DataFrame, with display headers),
so what a leader reads in the table always matches the bars. Images: the chart's camera button
downloads a PNG at print resolution. Clicking a bar that stands for a unit returns its code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics.audit import record
from analytics.safe_export import to_csv_bytes, to_xlsx_bytes
from ui import data
from ui.charts import image_config
from ui.labels import t
from ui.tables import Spec, formatted, labelled

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _selected_code(event: Any) -> str | None:
    """The unit code behind a clicked bar (customdata), if any."""
    try:
        points = event.selection.points  # PlotlyState when on_select is active
    except AttributeError:
        return None
    for p in points or []:
        custom = p.get("customdata")
        if isinstance(custom, list | tuple):
            custom = custom[0] if custom else None
        if custom:
            return str(custom)
    return None


def chart_panel(
    fig: go.Figure,
    df: pd.DataFrame,
    spec: Spec,
    *,
    key: str,
    title: str,
    how: str,
    lang: str,
    settings: Mapping[str, Any] | None = None,
    file_stem: str | None = None,
    selectable: bool = False,
    caption: str | None = None,
) -> str | None:
    """Render the chart with its table and method note; return the unit code clicked, if any."""
    st.subheader(title)
    if caption:
        st.caption(caption)
    stem = file_stem or key
    chart_tab, table_tab, how_tab = st.tabs([t("panel.chart", lang), t("panel.table", lang), t("panel.how", lang)])
    with chart_tab:
        event = st.plotly_chart(
            fig,
            key=f"chart_{key}",
            config=image_config(stem),
            on_select="rerun" if selectable else "ignore",
            selection_mode="points",
        )
        if selectable:
            st.caption(t("panel.click_hint", lang))
    with table_tab:
        data_table(df, spec, key=key, lang=lang, file_stem=stem)
    with how_tab:
        st.markdown(how)
        if settings:
            st.markdown(f"**{t('panel.settings_in_use', lang)}**")
            st.markdown("\n".join(f"- {name}: **{value}**" for name, value in settings.items()))
    return _selected_code(event) if selectable else None


def data_table(df: pd.DataFrame, spec: Spec, *, key: str, lang: str, file_stem: str) -> None:
    """The table as read on screen, with .xlsx (labelled headers, numbers as numbers) and CSV
    downloads of the same rows; cells that would be formulas are neutralised by safe_export.

    The files are built when their button is clicked (``data`` is a callable Streamlit runs then,
    on its own thread), not on every run: 10-20 ms a file, 10 files on the busiest pages. A click
    does not rerun the page (``on_click="ignore"``): the browser asks for the file right after
    asking for a rerun, and a rerun that ends first forgets the callable, so the click would give
    nothing. The audit row is written by the callable itself, when the file is really built.
    """
    raw = labelled(df, spec, lang)
    st.dataframe(formatted(df, spec, lang, raw), hide_index=True, width="stretch")
    username = getattr(st.session_state.get("user"), "username", None)
    row = st.container(horizontal=True)
    for name, build, label, icon, mime in (
        (f"{file_stem}.xlsx", partial(to_xlsx_bytes, raw, sheet_name=file_stem[:31]), "xlsx", "download", XLSX_MIME),
        (f"{file_stem}.csv", partial(to_csv_bytes, raw), "csv", "description", "text/csv"),
    ):
        row.download_button(
            t(f"panel.download_{label}", lang),
            partial(_audited, build, username, name, len(raw)),
            file_name=name,
            mime=mime,
            key=f"{label}_{key}",
            icon=f":material/{icon}:",
            on_click="ignore",
        )


def _audited(build: Callable[[], bytes], username: str | None, file_name: str, rows: int) -> bytes:
    """The file, built on the click, and its audit row: who, which file, how many rows (never
    cell values). A failed audit write fails the download, so no file leaves unrecorded."""
    body = build()
    record(data.connection(), username=username, event="download", target=file_name, detail={"rows": rows})
    return body


def empty_state(message_key: str, lang: str) -> None:
    """What to import to fill the page."""
    st.info(t(message_key, lang), icon=":material/inbox:")
