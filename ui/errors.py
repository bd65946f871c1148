"""Show an ``OversightError`` in the user's language: its code picks the label, params fill it."""

from __future__ import annotations

import streamlit as st

from analytics.errors import OversightError
from ui.labels import TEXT, t


def message(exc: OversightError, lang: str) -> str:
    key = f"error.{exc.code}"
    params = {k: v for k, v in exc.params.items() if isinstance(v, str | int | float)}
    if key in TEXT["vi"]:
        try:
            return t(key, lang, **params)
        except KeyError:  # a parameter the text names is missing: show the code with what we have
            pass
    return t("error.generic", lang, code=exc.code, detail=", ".join(f"{k}={v}" for k, v in params.items()))


def show(exc: OversightError, lang: str) -> None:
    st.error(message(exc, lang), icon=":material/error:")
