"""Sắp xếp tổ chức: reorganisation decisions, job-position approvals and inspections against what
is eligible, by agency and over time, with the decision trail (issue 15)."""

from __future__ import annotations

import streamlit as st

from analytics.policy import load_policy
from analytics.reorganisation import (
    inspections_by_year,
    job_positions_by_group,
    reorg_dates,
    reorg_decision_trail,
    reorganisation_by_agency,
    reorganisation_by_group,
    reorganisation_by_year,
)
from analytics.units import unit_name
from ui import data, filters
from ui import format as fmt
from ui.auth import require_page
from ui.cards import kpi_card
from ui.panel import chart_panel, data_table, empty_state
from ui.session import lang, tr
from ui.views import reorganisation as view

L = lang()
user = require_page("reorganisation", L)
# Opens on the report's scope and date (settings): the old units (CT_CU, …) exist only before 1/7/2025,
# and at a later date the new city's agencies would join the denominator ("14/56").
policy = data.run(load_policy)
f = filters.sidebar(L, default_as_of=policy.reorg_report_as_of, default_unit=policy.reorg_report_scope or None)
st.title(tr("reorg.title"))
shown_name = (
    data.run(unit_name, unit_code=f.scope) or ""
    if f.scope
    else filters.whole_label(L, f.as_of)  # the scope's own name: "Thành phố Cần Thơ", a province, "Toàn quốc"
)
is_report = f.unit == policy.reorg_report_scope and f.as_of == policy.reorg_report_as_of
note = "reorg.scope_report" if is_report else "reorg.scope_merged" if f.unit is None else "reorg.scope_other"
st.info(tr(note, unit=shown_name, date=fmt.day(f.as_of)))
first, last = data.run(reorg_dates, scope=f.scope)
if first is None or last is None or first > f.as_of:
    empty_state("reorg.empty", L)
    st.stop()
last = min(last, f.as_of)
window = st.date_input(
    tr("reorg.window"), value=(first, last), min_value=first, max_value=last, format="DD/MM/YYYY", key="reorg_window"
)
start, end = (window[0], window[-1]) if isinstance(window, tuple) and window else (first, last)
st.caption(tr("reorg.subtitle", start=fmt.day(start), end=fmt.day(end)))

g = data.run(reorganisation_by_group, start=start, end=end, as_of=end, scope=f.scope).set_index("unit_group")
jobs = data.run(job_positions_by_group, as_of=end, scope=f.scope)
insp = data.run(inspections_by_year, scope=f.scope)
so, cc, sv = g.loc["so_nganh"], g.loc["chi_cuc"], g.loc["dvsnc"]
admin = jobs[jobs["unit_group"] != "dvsnc"]
services = jobs.set_index("unit_group").loc["dvsnc"]
year_row = insp[insp["year"] == end.year]

c1, c2, c3 = st.columns(3)
with c1:
    kpi_card(
        tr("reorg.card_agencies"),
        f"{fmt.number(so['reorganised'], L)}/{fmt.number(so['units'], L)}",
        lang=L,
        lines=(tr("reorg.card_agencies_line", n=fmt.number(cc["reorganised"], L), of=fmt.number(cc["units"], L)),),
    )
with c2:
    kpi_card(
        tr("reorg.card_services"),
        tr("reorg.card_services_value", cut=fmt.number(sv["cut"], L), created=fmt.number(sv["created"], L)),
        lang=L,
        lines=(
            tr(
                "reorg.card_services_line",
                cut=fmt.number(sv["cut"], L),
                schools=fmt.number(sv["created_schools"], L),
                health=fmt.number(sv["created_health"], L),
                other=fmt.number(sv["created_other"], L),
            ),
        ),
    )
with c3:
    kpi_card(
        tr("reorg.card_internal"),
        tr("reorg.card_internal_value", n=fmt.number(sv["restructured"], L)),
        lang=L,
        lines=(
            tr(
                "reorg.card_internal_line",
                total=fmt.number(sv["removed_total"], L),
                divisions=fmt.number(sv["removed_divisions"], L),
                faculties=fmt.number(sv["removed_faculties"], L),
                branches=fmt.number(sv["removed_branches"], L),
            ),
        ),
    )
c4, c5 = st.columns(2)
with c4:
    kpi_card(
        tr("reorg.card_jobs"),
        tr("reorg.card_jobs_value", n=fmt.number(admin["approved"].sum(), L)),
        lang=L,
        lines=(
            " + ".join(fmt.number(v, L) for v in admin["approved"]) + " " + tr("reorg.card_jobs_split"),
            tr(
                "reorg.card_jobs_services",
                approved=fmt.number(services["approved"], L),
                eligible=fmt.number(services["eligible"], L),
                not_eligible=fmt.number(services["not_eligible"], L),
            ),
        ),
    )
with c5:
    inspected = int(year_row["units_inspected"].sum())
    kpi_card(
        tr("reorg.card_inspections", year=end.year),
        tr("reorg.card_inspections_value", n=fmt.number(inspected, L)),
        lang=L,
        lines=(
            tr(
                "reorg.card_inspections_line",
                visits=fmt.number(year_row["inspections"].sum(), L),
                unannounced=fmt.number(year_row["unannounced"].sum(), L),
            ),
        ),
    )
# The chart counts what the card counts (units, once a year); visits are in its table.

years = data.run(reorganisation_by_year, start=start, end=end, scope=f.scope)
chart_panel(
    view.by_year_figure(years, L),
    years,
    view.YEAR_SPEC,
    key="reorg_years",
    title=tr("reorg.by_year_title"),
    how=tr("reorg.how_year"),
    lang=L,
    file_stem="sap-xep-theo-nam",
)
agencies = data.run(reorganisation_by_agency, start=start, end=end, as_of=end, scope=f.scope)
picked = chart_panel(
    view.by_agency_figure(agencies, L),
    agencies,
    view.AGENCY_SPEC,
    key="reorg_agencies",
    title=tr("reorg.by_agency_title"),
    how=tr("reorg.how_agency"),
    lang=L,
    selectable=True,
    file_stem="sap-xep-theo-co-quan",
    caption=tr("reorg.by_agency_caption"),
)
jf = view.jobs_frame(jobs, L)
chart_panel(
    view.jobs_figure(jf, L),
    jf,
    view.JOBS_SPEC,
    key="reorg_jobs",
    title=tr("reorg.jobs_title"),
    how=tr("reorg.how_jobs"),
    lang=L,
    file_stem="vi-tri-viec-lam",
)
if not insp.empty:
    chart_panel(
        view.inspections_figure(insp, L),
        insp,
        view.INSPECTION_SPEC,
        key="reorg_inspections",
        title=tr("reorg.inspections_title"),
        how=tr("reorg.how_inspections"),
        lang=L,
        file_stem="kiem-tra-cong-vu",
    )

st.subheader(tr("reorg.trail_title"))
names = dict(zip(agencies["agency_code"], agencies["name"], strict=True))
agency = st.selectbox(
    tr("reorg.trail_agency"),
    [None, *names],
    index=([None, *names].index(picked) if picked in names else 0),
    format_func=lambda c: tr("filter.all") if c is None else names[c],
    key="reorg_trail_agency",
)
trail = data.run(reorg_decision_trail, start=start, end=end, scope=f.scope, agency=agency)
data_table(trail, view.TRAIL_SPEC, key="reorg_trail", lang=L, file_stem="quyet-dinh-sap-xep")
