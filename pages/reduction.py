"""Tinh giản biên chế: progress against the 2022-2026 targets by category, unit, group, year."""

from __future__ import annotations

import streamlit as st

from analytics.reduction import (
    people_left_by_route_year,
    reduction_by_category,
    reduction_by_group,
    reduction_by_unit,
    reduction_by_year,
)
from ui import data, drill, filters
from ui import format as fmt
from ui.auth import require_page
from ui.breakdown import pick_kind, worst
from ui.panel import chart_panel, data_table, empty_state
from ui.session import lang, tr
from ui.views import reduction as view

L = lang()
user = require_page("reduction", L)
f = filters.sidebar(L, show=("as_of", "unit", "cat"))
st.title(tr("red.title"))
st.caption(tr("red.subtitle", as_of=fmt.day(f.as_of)))

# started together: what is not cached yet is computed side by side (ui.data.start)
people_ = data.start(people_left_by_route_year, scope=f.scope)
by_unit_ = data.start(reduction_by_unit, category=f.category, scope=f.scope, as_of=f.as_of)
by_year_ = data.start(reduction_by_year, category=f.category, scope=f.scope)
by_cat = data.run(reduction_by_category, scope=f.scope, as_of=f.as_of)
if not by_cat["has_quota"].any():
    empty_state("red.empty", L)
    st.stop()
policy = by_cat.attrs["policy"]

for column, (_, row) in zip(st.columns(len(by_cat)), by_cat.iterrows(), strict=True):
    with column:
        view.cards(row, L)

row = by_cat.set_index("category").loc[f.category]
by_unit = pick_kind(view.named(by_unit_.result(), L), L, key="red_units")
charted, cut_note = worst(by_unit, "plan_progress_pct", L)
picked = chart_panel(
    view.progress_figure(charted, L, row["expected_progress_pct"]),
    by_unit,
    view.UNIT_SPEC,
    key="red_units",
    title=tr("red.by_unit_title"),
    how=tr("red.how_progress"),
    lang=L,
    settings=drill.settings_shown(
        policy, L, ("reduction_baseline_year", "reduction_end_year", f"target_pct_{f.category}")
    ),
    file_stem="tinh-gian-theo-don-vi",
    selectable=True,
    caption=" ".join((tr("red.by_unit_caption", expected=fmt.percent(row["expected_progress_pct"], L, 1)), cut_note)),
)
drill.to_unit(picked, L)

left, right = st.columns(2)
with left:
    by_year = by_year_.result()
    chart_panel(
        view.year_figure(by_year, L, float(row["target_pct"])),
        by_year,
        view.YEAR_SPEC,
        key="red_years",
        title=tr("red.by_year_title"),
        how=tr("red.how_year"),
        lang=L,
        file_stem="bien-che-theo-nam",
    )
with right:
    projection = view.projection_frame(row, L)
    chart_panel(
        view.projection_figure(projection, row, L),
        projection,
        (("measure", "col.measure", "text"), ("posts", "col.posts", "float1")),
        key="red_projection",
        title=tr("red.projection_title"),
        how=tr("red.how_projection"),
        lang=L,
        file_stem="du-bao-2026",
    )

by = st.radio(
    tr("red.group_by"),
    ("former_province", "sector"),
    horizontal=True,
    key="red_group_by",
    format_func=lambda c: tr(f"red.group_{c}"),
)
by_group = view.group_labelled(
    data.run(reduction_by_group, category=f.category, by=by, scope=f.scope, as_of=f.as_of), L
)
# the country's 63 former provinces: the chart keeps the 30 furthest behind, the table all
charted_groups, groups_note = worst(by_group, "plan_progress_pct", L)
chart_panel(
    view.group_figure(charted_groups, L),
    by_group,
    view.GROUP_SPEC,
    key="red_groups",
    title=tr("red.by_group_title"),
    how=tr("red.how_progress"),
    lang=L,
    file_stem=f"tinh-gian-theo-{by}",
    caption=groups_note or None,
)

st.subheader(tr("red.people_title"))
st.caption(tr("red.people_caption"))
people = people_.result()
if people.empty:
    empty_state("red.people_empty", L)
else:
    st.plotly_chart(view.people_figure(people, L), key="chart_red_people")
    data_table(people, view.PEOPLE_SPEC, key="red_people", lang=L, file_stem="nguoi-tinh-gian")
