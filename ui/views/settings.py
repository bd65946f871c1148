"""Settings page pieces: one input per setting, chosen by the setting's type."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from analytics.policy import ROUNDING_RULES
from ui.labels import t

TEXT_KEYS = ("reorg_report_scope",)
CHOICES = {"secondment_rounding": ROUNDING_RULES, "training_fund_method": ("auto", "payroll", "estimate")}


def setting_input(key: str, value: Any, lang: str) -> Any:
    """The widget for one setting, pre-filled with the value in use; returns what the user entered."""
    label = t(f"setting.{key}", lang)
    if key in CHOICES:
        options = CHOICES[key]
        return st.selectbox(
            label, options, index=options.index(value), key=f"set_{key}", format_func=lambda c: t(f"choice.{c}", lang)
        )
    if isinstance(value, bool):
        return st.checkbox(label, value=value, key=f"set_{key}")
    if isinstance(value, int):
        return st.number_input(label, value=value, step=1, min_value=0, key=f"set_{key}")
    if isinstance(value, float):
        return st.number_input(label, value=value, step=0.5, min_value=0.0, format="%.2f", key=f"set_{key}")
    if key in TEXT_KEYS:
        return st.text_input(label, value=value, key=f"set_{key}").strip()
    return st.date_input(label, value=date.fromisoformat(value), format="DD/MM/YYYY", key=f"set_{key}")
