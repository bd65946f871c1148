"""Đơn vị: everything about one agency or commune, reached by a click in any chart or the picker."""

from __future__ import annotations

import streamlit as st

from analytics.reduction import reduction_by_category, reduction_by_unit
from analytics.reorganisation import unit_merged_from
from analytics.secondment import secondment_by_agency
from analytics.training import training_budget_by_agency
from analytics.units import unit_children, unit_path
from analytics.workforce import headcount_by_unit
from ui import data, drill, filters
from ui import format as fmt
from ui.auth import require_page
from ui.breakdown import pick_kind, worst
from ui.labels import code
from ui.panel import chart_panel, data_table, empty_state
from ui.session import lang, tr
from ui.views import reduction as red_view
from ui.views import unit as view
from ui.views import workforce as wf_view

L = lang()
user = require_page("unit", L)
f = filters.sidebar(L, show=("as_of", "unit", "cat"))
if f.unit is None:
    st.title(tr("unit.title"))
    empty_state("unit.pick", L)
    st.stop()

path = data.run(unit_path, unit_code=f.unit)
view.breadcrumb(path, L)
me = path.iloc[-1]
st.title(me["name"])
st.caption(tr("unit.subtitle", type=code(me["unit_type"], L), code=f.unit, as_of=fmt.day(f.as_of)))

by_cat = data.run(reduction_by_category, scope=f.unit, as_of=f.as_of)
if by_cat["has_quota"].any():
    for column, (_, row) in zip(st.columns(len(by_cat)), by_cat.iterrows(), strict=True):
        with column:
            red_view.cards(row, L)
view.programme_cards(
    data.run(secondment_by_agency, as_of=f.as_of, scope=f.unit),
    data.run(training_budget_by_agency, as_of=f.as_of, scope=f.unit),
    L,
)

children = red_view.named(data.run(reduction_by_unit, category=f.category, scope=f.unit, as_of=f.as_of), L)
if children["has_quota"].any():
    row = by_cat.set_index("category").loc[f.category]
    children = pick_kind(children, L, key="unit_children")
    charted, cut_note = worst(children, "plan_progress_pct", L)
    picked = chart_panel(
        red_view.progress_figure(charted, L, row["expected_progress_pct"]),
        children,
        red_view.UNIT_SPEC,
        key="unit_children",
        title=tr("unit.children_title"),
        caption=cut_note,
        how=tr("red.how_progress"),
        lang=L,
        selectable=True,
        file_stem=f"tinh-gian-{f.unit}",
    )
    drill.to_unit(picked, L)

heads = data.run(headcount_by_unit, as_of=f.as_of, scope=f.unit)
if heads["present"].fillna(0).sum() > 0:
    heads = pick_kind(heads, L, key="unit_heads")
    charted, cut_note = worst(heads[heads["category"] == f.category], "vacant", L)
    chart_panel(
        wf_view.headcount_figure(charted, L),
        heads,
        wf_view.HEADCOUNT_SPEC,
        key="unit_heads",
        caption=cut_note,
        title=tr("wf.headcount_title"),
        how=tr("wf.how_headcount"),
        lang=L,
        file_stem=f"bien-che-{f.unit}",
    )

history = data.run(unit_children, unit_code=f.unit)
merged = history[history["relation"] == "merged"]
if len(merged):
    st.subheader(tr("unit.merged_title"))
    data_table(
        merged,
        (("name", "col.name", "text"), ("unit_code", "col.unit_code", "text"), ("unit_type", "col.unit_type", "code")),
        key="unit_merged",
        lang=L,
        file_stem=f"tien-than-{f.unit}",
    )

lineage = data.run(unit_merged_from, unit=f.unit)
if len(lineage):  # "được hợp nhất từ …": every unit merged into this one, through earlier mergers too
    st.markdown(f"**{tr('unit.merged_from')}**  \n" + "\n".join(view.merged_from_lines(lineage, L)))
