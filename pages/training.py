"""Đào tạo, bồi dưỡng: the 5 % restructuring budget per agency — budget, committed, spent, window left."""

from __future__ import annotations

import streamlit as st

from analytics.children import is_provinces, province_links, training_budget_by_child
from analytics.training import training_budget_by_agency, training_by_field
from ui import data, drill, filters
from ui import format as fmt
from ui.auth import require_page
from ui.breakdown import worst
from ui.cards import kpi_card
from ui.panel import chart_panel, empty_state
from ui.session import lang, tr
from ui.views import training as view

L = lang()
user = require_page("training", L)
f = filters.sidebar(L, show=("as_of", "unit"))
st.title(tr("train.title"))
st.caption(tr("train.subtitle", as_of=fmt.day(f.as_of)))

agencies = data.run(training_budget_by_agency, as_of=f.as_of, scope=f.scope)
if agencies.empty or not (agencies["salary_fund_vnd"].fillna(0) > 0).any():
    empty_state("train.empty", L)
    st.stop()
policy = agencies.attrs["policy"]
budget, committed, spent = (agencies[c].sum() for c in ("budget_vnd", "committed_vnd", "spent_vnd"))
estimated = int((agencies["fund_source"] == "estimate").sum())

c1, c2, c3, c4 = st.columns(4)
with c1:
    kpi_card(
        tr("train.card_budget"),
        fmt.money(budget, L, short=True),
        lang=L,
        lines=(
            tr("train.card_budget_line", pct=fmt.percent(policy["training_budget_pct"], L, 0)),
            *((tr("train.card_estimated", n=estimated),) if estimated else ()),
        ),
    )
with c2:
    kpi_card(
        tr("train.card_spent"),
        fmt.percent(spent / budget * 100 if budget else None, L, 1),
        lang=L,
        lines=(tr("train.card_spent_line", spent=fmt.money(spent, L), committed=fmt.money(committed, L)),),
    )
with c3:
    days_left = int(agencies["days_left"].max())
    kpi_card(
        tr("train.card_window"),
        tr("train.days", n=fmt.number(days_left, L)) if days_left else tr("train.closed"),
        lang=L,
        lines=(
            tr(
                "train.card_window_line",
                start=fmt.day(agencies["window_start"].min()),
                end=fmt.day(agencies["window_end"].max()),
            ),
        ),
    )
with c4:
    kpi_card(
        tr("train.card_participants"),
        fmt.number(agencies["participants"].sum(), L),
        lang=L,
        lines=(tr("train.card_cost_line", cost=fmt.money(spent / max(agencies["participants"].sum(), 1), L)),),
    )

# the chart compares spend with each budget: agencies (provinces at the country level) with one,
# at most the 30 furthest behind
rows = training_budget_by_child(agencies, data.run(province_links, as_of=f.as_of, scope=f.scope))
charted, cut_note = worst(rows[rows["budget_vnd"].fillna(0) > 0], "spent_pct", L)
picked = chart_panel(
    view.budget_figure(charted, L),
    rows,
    view.AGENCY_SPEC,
    key="train_agencies",
    title=tr("train.by_province_title" if is_provinces(rows) else "train.by_agency_title"),
    how=tr("train.how_budget"),
    lang=L,
    selectable=True,
    settings=drill.settings_shown(
        policy, L, ("training_budget_pct", "training_window_start", "training_window_months", "training_fund_method")
    ),
    file_stem="kinh-phi-dao-tao-theo-co-quan",
    caption=cut_note or None,
)
drill.to_unit(picked, L)

funding = st.radio(
    tr("train.funding"),
    ("tai_co_cau_5pct", None),
    horizontal=True,
    key="train_funding",
    format_func=lambda c: tr("filter.all") if c is None else tr("train.funding_5pct"),
)
fields = data.run(training_by_field, scope=f.scope, funding=funding)
chart_panel(
    view.field_figure(fields, L),
    fields,
    view.FIELD_SPEC,
    key="train_fields",
    title=tr("train.by_field_title"),
    how=tr("train.how_fields"),
    lang=L,
    file_stem="dao-tao-theo-linh-vuc",
)
