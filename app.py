"""Entry point: page config, language, first-start demo database, navigation."""

from __future__ import annotations

import streamlit as st

from ui import bootstrap, session
from ui.labels import t
from ui.nav import PAGES

st.set_page_config(page_title="Giám sát sắp xếp bộ máy — Sở Nội vụ Cần Thơ", page_icon="🏛️", layout="wide")

lang = session.language()
if not bootstrap.ensure_database(lang):
    st.stop()

sections: dict[str, list[st.Page]] = {}
for spec in PAGES:
    sections.setdefault(t(spec.section, lang), []).append(
        st.Page(spec.file, title=t(spec.title_key, lang), icon=spec.icon, url_path=spec.url_path, default=spec.default)
    )
navigation = st.navigation(sections)
st.sidebar.caption(t("app.short_title", lang))
bootstrap.demo_banner(lang)
navigation.run()
