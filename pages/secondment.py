"""Tăng cường cơ sở: required vs sent per agency, violations, the 36-month timeline, communes."""

from __future__ import annotations

import streamlit as st

from analytics.access import can_do
from analytics.children import is_provinces, province_links, secondment_by_child
from analytics.secondment import secondment_by_agency, secondment_by_commune, secondment_postings
from analytics.units import province_of
from ui import data, drill, filters
from ui import format as fmt
from ui.auth import require_page
from ui.breakdown import worst
from ui.cards import kpi_card
from ui.panel import chart_panel, data_table, empty_state
from ui.session import lang, tr
from ui.views import secondment as view

L = lang()
user = require_page("secondment", L)
f = filters.sidebar(L, show=("as_of", "unit"))
st.title(tr("sec.title"))
st.caption(tr("sec.subtitle", as_of=fmt.day(f.as_of)))

# started together: what is not cached yet is computed side by side (ui.data.start)
agencies_ = data.start(secondment_by_agency, as_of=f.as_of, scope=f.scope)
links_ = data.start(province_links, as_of=f.as_of, scope=f.scope)  # None under a scope
postings_ = data.start(secondment_postings, as_of=f.as_of, scope=f.scope)
# the communes of the scope's province (all of them at the country level): communes are not under
# agencies; an account limited to a unit sees those of its own unit only (ui.data enforces it)
province = data.run(province_of, unit_code=f.scope) if f.scope and user.scope_unit_code is None else None
communes_ = data.start(secondment_by_commune, as_of=f.as_of, scope=province)
agencies, postings = agencies_.result(), postings_.result()
if agencies.empty or postings.empty:
    empty_state("sec.empty", L)
    st.stop()
policy = agencies.attrs["policy"]
communes = communes_.result()
names = dict(zip(communes["unit_code"], communes["name"], strict=True))
postings = postings.assign(
    receiving_name=postings["receiving_unit_code"].map(lambda c: names.get(c, c)),
    violations_text=postings["violations"].map(lambda v: view.violation_text(v, L)),
)
s = view.summary(agencies, L)

c1, c2, c3, c4 = st.columns(4)
with c1:
    kpi_card(
        tr("sec.card_fulfilment"),
        s["fulfilment"],
        lang=L,
        lines=(tr("sec.card_fulfilment_line", active=s["active"], required=s["required"]),),
    )
with c2:
    kpi_card(
        tr("sec.card_violations"),
        fmt.number(int((postings["violation_count"] > 0).sum()), L),
        lang=L,
        lines=(tr("sec.card_violations_line"),),
    )
with c3:
    kpi_card(
        tr("sec.card_ending"),
        fmt.number(int(agencies["ending_6m"].sum()), L),
        lang=L,
        lines=(tr("sec.card_ending_line", n3=fmt.number(int(agencies["ending_3m"].sum()), L)),),
    )
with c4:
    kpi_card(
        tr("sec.card_allowance"),
        fmt.money(agencies["allowance_vnd"].sum(), L, short=True),
        lang=L,
        lines=(tr("sec.card_allowance_line", nd76=fmt.number(int(agencies["nd76_postings"].sum()), L)),),
    )

rows = secondment_by_child(agencies, links_.result())  # the provinces at the country level
charted, cut_note = worst(rows, "fulfilment_pct", L)  # at most the 30 furthest behind
picked = chart_panel(
    view.fulfilment_figure(charted, L),
    rows,
    view.AGENCY_SPEC,
    key="sec_agencies",
    title=tr("sec.by_province_title" if is_provinces(rows) else "sec.by_agency_title"),
    how=tr("sec.how_required"),
    lang=L,
    selectable=True,
    settings=drill.settings_shown(
        policy, L, ("secondment_share_pct", "secondment_rounding", "secondment_base_includes_vien_chuc")
    ),
    file_stem="tang-cuong-theo-co-quan",
    caption=cut_note or None,
)
drill.to_unit(picked, L)

st.subheader(tr("sec.violations_title"))
bad = postings[postings["violation_count"] > 0]
if bad.empty:
    st.success(tr("sec.no_violations"))
elif can_do(user, "person_list"):
    data_table(bad, view.POSTING_SPEC, key="sec_violations", lang=L, file_stem="vi-pham-dieu-kien-cu")
else:
    st.caption(tr("sec.violations_count_only", n=fmt.small_count(len(bad), policy["privacy_min_count"], L)))

timeline_note = ""
if can_do(user, "person_list") and postings["sending_agency_code"].nunique() == 1:
    timeline, timeline_rows, timeline_spec = view.timeline_figure(postings, L, f.as_of), postings, view.POSTING_SPEC
else:  # the city, or a viewer: people serving per agency and month, nobody named
    timeline_rows = view.activity_frame(postings, view.agency_labels(agencies, links_.result()))
    charted_rows, timeline_note = view.busiest(timeline_rows, L)  # the country: the 30 busiest agencies
    timeline, timeline_spec = view.activity_figure(charted_rows, L), view.ACTIVITY_SPEC
chart_panel(
    timeline,
    timeline_rows,
    timeline_spec,
    key="sec_timeline",
    title=tr("sec.timeline_title"),
    how=tr("sec.how_timeline"),
    lang=L,
    file_stem="thoi-gian-tang-cuong",
    settings=drill.settings_shown(policy, L, ("secondment_min_months",)),
    caption=timeline_note or None,
)

left, right = st.columns(2)
with left:
    composition = view.composition_frame(agencies, L)
    chart_panel(
        view.composition_figure(composition, L),
        composition,
        (
            ("group", "col.group", "text"),
            ("sent_pct", "sec.sent_share", "pct1"),
            ("staff_pct", "sec.staff_share", "pct1"),
        ),
        key="sec_composition",
        title=tr("sec.composition_title"),
        how=tr("sec.how_composition"),
        lang=L,
        settings=drill.settings_shown(policy, L, ("young_age_threshold",)),
        file_stem="co-cau-can-bo-cu",
    )
with right:
    by_province = view.commune_frame(communes)
    chart_panel(
        view.commune_figure(by_province, L),
        communes[communes["receives_none"]],
        view.COMMUNE_SPEC,
        key="sec_communes",
        title=tr("sec.communes_title"),
        how=tr("sec.how_communes"),
        lang=L,
        file_stem="xa-chua-duoc-tang-cuong",
    )
