"""Per-visitor state kept in the URL where it should be bookmarkable: language now, filters later."""

from __future__ import annotations

import streamlit as st

from analytics.config import Settings
from ui.labels import LANGS, t


def default_language() -> str:
    """The language before a visitor chooses: ``OVERSIGHT_LANG`` (vi or en), else Vietnamese."""
    configured = Settings.from_env().language
    return configured if configured in LANGS else "vi"


def language() -> str:
    """The UI language: ?lang= in the URL, else ``default_language()``. The sidebar switch writes the URL."""
    current = st.query_params.get("lang", default_language())
    if current not in LANGS:
        current = default_language()
    choice = st.sidebar.radio(
        t("app.language", current),
        LANGS,
        index=LANGS.index(current),
        horizontal=True,
        format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
        key="lang_switch",
    )
    if choice != current:
        st.query_params["lang"] = choice
        st.rerun()
    return choice


def lang() -> str:
    """The language already chosen on this run (pages call this; app.py draws the switch)."""
    value = st.query_params.get("lang", default_language())
    return value if value in LANGS else default_language()


def tr(key: str, **params: object) -> str:
    """Shorthand for pages: the label in the current language."""
    return t(key, lang(), **params)
