"""Drill-down and method notes shared by pages."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import streamlit as st

from ui.labels import t


def to_unit(unit_code: str | None, lang: str) -> None:
    """Open the unit page for a clicked unit (keeps the language and the as-of date)."""
    if not unit_code:
        return
    params = {"unit": unit_code, "lang": lang}
    if st.query_params.get("as_of"):
        params["as_of"] = st.query_params["as_of"]
    st.switch_page("pages/unit.py", query_params=params)


def settings_shown(policy: Mapping[str, Any], lang: str, keys: Iterable[str]) -> dict[str, Any]:
    """The settings a number depends on, under their labels, for the "Cách tính" note."""
    return {t(f"setting.{k}", lang): policy[k] for k in keys}
