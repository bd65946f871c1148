"""Breakdowns by unit: let the reader choose agencies or communes, and keep charts readable.

A city has 15 agencies and 103 communes under it; one bar chart of 118 units reads badly. Pages
put a segmented control over a breakdown (only the kinds present) and chart at most ``MAX_BARS``
units, worst first; the "Số liệu" table keeps every row.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.labels import t

KINDS: dict[str, tuple[str, ...]] = {
    "agencies": ("so_nganh", "co_quan_khac", "phong", "thanh_pho"),
    "communes": ("ubnd_xa",),
    "service_units": ("dvsnc",),
    "former": ("tinh_cu", "huyen_cu"),
}
MAX_BARS = 30


def pick_kind(df: pd.DataFrame, lang: str, *, key: str, column: str = "unit_type") -> pd.DataFrame:
    """Rows of the kind the reader picks (no control when only one kind is present)."""
    present = [k for k, types in KINDS.items() if df[column].isin(types).any()]
    if len(present) <= 1:
        return df
    kind = (
        st.segmented_control(
            t("breakdown.kind", lang),
            present,
            default=present[0],
            key=f"kind_{key}",
            format_func=lambda k: t(f"breakdown.{k}", lang),
        )
        or present[0]
    )
    return df[df[column].isin(KINDS[kind])]


def worst(df: pd.DataFrame, column: str, lang: str, *, ascending: bool = True) -> tuple[pd.DataFrame, str]:
    """At most MAX_BARS rows, worst first (lowest ``column`` when ascending), and a note saying so
    when rows were left out of the chart ('' otherwise)."""
    if len(df) <= MAX_BARS:
        return df, ""
    note = t("breakdown.cut", lang, shown=MAX_BARS, total=len(df))
    return df.sort_values(column, ascending=ascending, na_position="first").head(MAX_BARS), note
