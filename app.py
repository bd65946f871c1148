"""Entry point: page config, language, first-start demo database, navigation.

``?mode=briefing`` opens the chrome-less pages (the briefing deck) full screen for a projector.
"""

from __future__ import annotations

import streamlit as st

from analytics.access import can_view
from ui import auth, bootstrap, chrome, heap, selfcheck, session
from ui.labels import t
from ui.nav import PAGES, PageSpec

st.set_page_config(
    page_title="Giám sát sắp xếp bộ máy — Sở Nội vụ Cần Thơ",
    page_icon=":material/account_balance:",
    layout="wide",
    initial_sidebar_state="auto",
)


def page(spec: PageSpec, lang: str) -> st.Page:
    return st.Page(
        spec.file, title=t(spec.title_key, lang), icon=spec.icon, url_path=spec.url_path, default=spec.default
    )


full_screen = st.query_params.get("mode") == "briefing"
lang = session.lang() if full_screen else session.language()
# Until the account's pages are known (self-check, first start building the demo, login), the sidebar
# lists none: otherwise Streamlit lists the files of pages/ by their file names ("audit log", …).
st.navigation([page(spec, lang) for spec in PAGES if spec.chrome], position="hidden")
unsafe = selfcheck.check()
if unsafe:
    st.error("  \n".join([t("selfcheck.title", lang), *(f"- {t(key, lang, **params)}" for key, params in unsafe)]))
    st.stop()
if not bootstrap.ensure_database(lang):
    st.stop()
user = auth.gate(lang)
if user is None:  # the login (or first-admin) form is on screen: nothing else is shown
    # The pages registered above (hidden, not run) keep a deep link such as /tinh-gian?unit=SNV for sign-in.
    st.stop()

allowed = [spec for spec in PAGES if can_view(user, spec.page_id)]
chrome_less = [spec for spec in allowed if not spec.chrome]
if full_screen and chrome_less:
    chrome.hide()
    try:
        st.navigation([page(spec, lang) for spec in chrome_less], position="hidden").run()
    finally:
        heap.settle()
    st.stop()

sections: dict[str, list[st.Page]] = {}
for spec in allowed:
    if spec.chrome:
        sections.setdefault(t(spec.section, lang), []).append(page(spec, lang))
navigation = st.navigation(sections)
if chrome_less:  # the briefing opens full screen in its own tab, for the projector
    st.sidebar.link_button(
        t("app.start_briefing", lang), f"/?mode=briefing&lang={lang}", icon=":material/slideshow:", width="stretch"
    )
auth.account_box(user, lang)
st.sidebar.caption(t("app.short_title", lang))
bootstrap.demo_banner(lang)
try:
    navigation.run()
finally:  # also when the page stops early (st.stop) or fails
    heap.settle()
