"""Per-visitor state kept in the URL where it should be bookmarkable: language now, filters later."""

from __future__ import annotations

import streamlit as st

from ui.labels import LANGS, t


def language() -> str:
    """The UI language: ?lang=en in the URL, else Vietnamese. The sidebar switch writes the URL."""
    current = st.query_params.get("lang", "vi")
    if current not in LANGS:
        current = "vi"
    choice = st.sidebar.radio(
        t("app.language", current), LANGS, index=LANGS.index(current), horizontal=True,
        format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code], key="lang_switch",
    )
    if choice != current:
        st.query_params["lang"] = choice
        st.rerun()
    return choice


def lang() -> str:
    """The language already chosen on this run (pages call this; app.py draws the switch)."""
    value = st.query_params.get("lang", "vi")
    return value if value in LANGS else "vi"


def tr(key: str, **params: object) -> str:
    """Shorthand for pages: the label in the current language."""
    return t(key, lang(), **params)
