"""Full-screen display for projectors and video walls: no sidebar, header or toolbar."""

from __future__ import annotations

import streamlit as st

_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1.5rem 2.5rem 1rem 2.5rem !important; max-width: 100% !important; }
</style>
"""


def hide() -> None:
    st.html(_CSS)
