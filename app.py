"""Entry point: page config, language, first-start demo database, navigation."""

from __future__ import annotations

import streamlit as st

from ui import bootstrap, session
from ui.labels import t

st.set_page_config(page_title="Giám sát sắp xếp bộ máy — Sở Nội vụ Cần Thơ", page_icon="🏛️", layout="wide")

lang = session.language()
if not bootstrap.ensure_database(lang):
    st.stop()

pages = {
    t("app.section.data", lang): [
        st.Page("pages/about_data.py", title=t("nav.about_data", lang), icon="🗂️", url_path="du-lieu"),
    ],
}
navigation = st.navigation(pages)
st.sidebar.caption(t("app.short_title", lang))
bootstrap.demo_banner(lang)
navigation.run()
