"""Chất lượng dữ liệu: cross-checks between sources with pass / warn / fail and the rows at fault."""

from __future__ import annotations

import streamlit as st

from analytics.quality import CHECKS, quality_checks
from ui import data, filters
from ui import format as fmt
from ui.auth import require_page
from ui.cards import kpi_card
from ui.panel import data_table
from ui.session import lang, tr
from ui.views.quality import STATUS_ICON, rows_spec

L = lang()
user = require_page("quality", L)
f = filters.sidebar(L, show=("as_of", "unit"))
st.title(tr("dq.title"))
st.caption(tr("dq.subtitle", as_of=fmt.day(f.as_of)))

checks = data.run(quality_checks, as_of=f.as_of, scope=f.scope)
counts = checks["status"].value_counts()
CHECK_FUNCTIONS = {code: fn for code, _, fn in CHECKS}
c1, c2, c3 = st.columns(3)
for column, status in zip((c1, c2, c3), ("fail", "warn", "pass"), strict=True):
    with column:
        kpi_card(tr(f"dq.card_{status}"), fmt.number(int(counts.get(status, 0)), L), lang=L)

for check in checks.itertuples():
    label = f"{STATUS_ICON[check.status]} {tr(f'dq.check.{check.check}')} — {fmt.number(check.rows, L)}"
    with st.expander(label, expanded=check.status == "fail"):
        st.caption(tr(f"dq.explain.{check.check}"))
        if check.rows:
            rows = data.run(CHECK_FUNCTIONS[check.check], as_of=f.as_of, scope=f.scope)
            data_table(rows, rows_spec(rows), key=f"dq_{check.check}", lang=L, file_stem=f"kiem-tra-{check.check}")
        else:
            st.success(tr("dq.none"))
