"""Nhật ký (admin): who did what and when — logins, denials, imports, undos, exports, settings."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from analytics.audit import EVENTS, audit_events
from ui import data
from ui.auth import require_page
from ui.panel import data_table
from ui.session import lang, tr

L = lang()
user = require_page("audit", L)
st.title(tr("audit.title"))
st.caption(tr("audit.intro"))

c1, c2, c3 = st.columns(3)
since = c1.date_input(tr("audit.since"), value=date.today() - timedelta(days=30), format="DD/MM/YYYY")
event = c2.selectbox(tr("audit.event"), [None, *EVENTS], format_func=lambda e: tr("filter.all") if e is None else e)
who = c3.text_input(tr("audit.user"))
events = audit_events(data.connection(), since=since, event=event, username=who or None, limit=5000)
data_table(
    events,
    (
        ("logged_at", "audit.at", "datetime"),
        ("username", "audit.user", "text"),
        ("event", "audit.event", "text"),
        ("target", "audit.target", "text"),
        ("detail", "audit.detail", "text"),
    ),
    key="audit",
    lang=L,
    file_stem="nhat-ky",
)
