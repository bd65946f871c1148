"""Entry point: page config, language, first-start demo database, navigation.

``?mode=briefing`` opens the chrome-less pages (the briefing deck) full screen for a projector.
"""

from __future__ import annotations

import streamlit as st

from ui import bootstrap, chrome, session
from ui.labels import t
from ui.nav import PAGES, PageSpec

st.set_page_config(page_title="Giám sát sắp xếp bộ máy — Sở Nội vụ Cần Thơ", page_icon=":material/account_balance:",
                   layout="wide", initial_sidebar_state="auto")


def page(spec: PageSpec, lang: str) -> st.Page:
    return st.Page(spec.file, title=t(spec.title_key, lang), icon=spec.icon, url_path=spec.url_path, default=spec.default)


full_screen = [spec for spec in PAGES if not spec.chrome]
if st.query_params.get("mode") == "briefing" and full_screen:
    lang = session.lang()
    chrome.hide()
    if not bootstrap.ensure_database(lang):
        st.stop()
    st.navigation([page(spec, lang) for spec in full_screen], position="hidden").run()
    st.stop()

lang = session.language()
if not bootstrap.ensure_database(lang):
    st.stop()

sections: dict[str, list[st.Page]] = {}
for spec in PAGES:
    sections.setdefault(t(spec.section, lang), []).append(page(spec, lang))
navigation = st.navigation(sections)
st.sidebar.caption(t("app.short_title", lang))
bootstrap.demo_banner(lang)
navigation.run()
