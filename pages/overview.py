"""Tổng quan: the three programmes and the workforce at a glance, for a leader before a meeting."""

from __future__ import annotations

import streamlit as st

from analytics.children import attention, is_provinces, province_links
from analytics.inventory import freshness_by_table, snapshot_dates
from analytics.kpis import changes, headline
from analytics.reduction import reduction_by_unit, reduction_by_year
from analytics.secondment import secondment_by_agency
from analytics.training import training_budget_by_agency
from ui import data, filters
from ui import format as fmt
from ui.auth import require_page
from ui.labels import code
from ui.panel import chart_panel, data_table, empty_state
from ui.session import lang, tr
from ui.views import overview as view

L = lang()
user = require_page("overview", L)
f = filters.sidebar(L, show=("as_of", "unit"))
st.title(tr("ov.title"))

# Everything the page reads, started together: what is not cached yet is computed side by side.
years_ = {c: data.start(reduction_by_year, category=c, scope=f.scope) for c in ("cong_chuc", "vien_chuc")}
units_ = {
    c: data.start(reduction_by_unit, category=c, scope=f.scope, as_of=f.as_of) for c in ("cong_chuc", "vien_chuc")
}
agencies_ = data.start(secondment_by_agency, as_of=f.as_of, scope=f.scope)
budgets_ = data.start(training_budget_by_agency, as_of=f.as_of, scope=f.scope)
links_ = data.start(province_links, as_of=f.as_of, scope=f.scope)  # None under a scope
dates_ = data.start(snapshot_dates)
h = data.run(headline, scope=f.scope, as_of=f.as_of, parts=view.PARTS)
previous = view.previous_snapshot(dates_.result(), h)
# the previous snapshot's figures only give the cards' changes: those figures alone
prev = data.run(changes, scope=f.scope, as_of=previous) if previous else None
st.caption(tr("ov.subtitle", as_of=fmt.day(f.as_of), prev=fmt.day(prev["as_of"]) if prev else tr("ov.no_previous")))
if all(h.get(part) is None for part in ("reduction", "secondment", "training", "workforce")):
    empty_state("ov.empty", L)
    st.stop()

view.cards(h, prev, L)

years = {c: started.result() for c, started in years_.items()}
trend = view.trend_frame(years)
chart_panel(
    view.trend_figure(trend, h["settings"], L),
    trend,
    (
        ("category", "col.category", "code"),
        ("year", "col.year", "text"),
        ("quota_assigned", "col.quota_assigned", "int"),
        ("index_pct", "ov.index_axis", "pct1"),
    ),
    key="ov_trend",
    title=tr("ov.trend_title"),
    how=tr("ov.how_trend"),
    lang=L,
    file_stem="xu-huong-bien-che",
)

needs = attention(
    {c: started.result() for c, started in units_.items()}, agencies_.result(), budgets_.result(), links_.result()
)
level = "provinces" if is_provinces(needs) else "agencies"  # the provinces at the country level
st.subheader(tr(f"ov.attention_title_{level}"))
st.caption(tr(f"ov.attention_caption_{level}"))
data_table(needs.head(10), view.ATTENTION_SPEC, key="ov_attention", lang=L, file_stem="co-quan-can-chu-y")

st.subheader(tr("ov.freshness_title"))
fresh = data.run(freshness_by_table)
data_table(
    fresh.assign(table_label=fresh["table"].map(lambda x: code(x, L))),
    view.FRESH_SPEC,
    key="ov_fresh",
    lang=L,
    file_stem="do-moi-so-lieu",
)
